/*
 * bank.c - loading a bank directory, and what a loaded bank answers.
 *
 * exam.yaml is read first: it is the profile, and may hold questions of its own.  Then
 * the question files (bankfiles.c) are read in byte order of their relative paths, each
 * folded into the bank's content hash (hash.h) as it is read, and the resolve pass
 * checks every reference (resolve.c).  Anything that is not a regular file is refused
 * when opened (yamlfile.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "loader.h"
#include "path.h"

const char *const qtype_names[] = {"single", "multiple", "ordering", "matching", "text", NULL};

mx_limits mx_limits_default(void)
{
	mx_limits l = {16u * 1024 * 1024, 32, 64 * 1024};
	return l;
}

/* ---- reading the files ---- */

/* Reads one file: the profile and its questions, or a question file. */
static mx_status load_file(loader *ld, const char *rel, bool is_profile, bool profile_only)
{
	mx_bank *b = ld->bank;
	char *path = path_join(b->dir, rel);
	const char *file = path ? arena_strdup(&b->arena, path) : NULL;
	free(path);
	if (!file)
		return MX_ERR_NOMEM;
	size_t len = 0;
	mx_status st = yr_read_file(file, &b->limits, ld->diags, &ld->buf, &ld->bufcap, &len);
	if (st != MX_OK)
		return st;
	const unsigned char *buf = ld->buf;
	hash_update(&b->hash, rel, strlen(rel) + 1);
	hash_update(&b->hash, buf, len);
	yreader r;
	st = yr_open(&r, file, buf, len, &b->limits, ld->diags);
	if (st != MX_OK)
		return st;
	ypos start = {1, 1};
	bool top_map = false;
	if (!r.empty && (top_map = yr_map(&r, "the top level of the file", &start))) {
		const char *key;
		ypos kp;
		while (yr_key(&r, &key, NULL, &kp)) {
			if (is_profile && profile_key(ld, &r, key, kp))
				continue;
			if (profile_only && (!strcmp(key, "questions") || !strcmp(key, "cases"))) {
				yr_skip(&r);
				continue;
			}
			if (qfile_key(ld, &r, key))
				continue;
			if (is_profile) {
				ld_unknown_key(&r, key, kp, exam_yaml_keys);
			} else {
				static const char *const qf[] = {"questions", "cases", NULL};
				ld_unknown_key(&r, key, kp, qf);
			}
			yr_skip(&r);
		}
	}
	if (is_profile) {
		b->profile.file = file;
		if (top_map || r.empty)
			profile_check(ld, &r, start);
		ld->have_profile = true;
		ld->profile_ok = r.errors == 0;
	}
	bool bad = r.errors > 0;
	yr_close(&r);
	return bad ? MX_ERR_INPUT : MX_OK;
}

static mx_bank *bank_new(const char *dir, const mx_limits *limits)
{
	mx_bank *b = calloc(1, sizeof *b);
	if (!b)
		return NULL;
	arena_init(&b->arena);
	strmap_init(&b->qindex);
	strmap_init(&b->cindex);
	b->limits = limits ? *limits : mx_limits_default();
	b->hash = HASH_SEED;
	b->dir = strdup(dir);
	if (!b->dir) {
		free(b);
		return NULL;
	}
	return b;
}

static mx_status load(const char *dir, const mx_limits *limits, mx_diags *diags, bool profile_only,
		      mx_bank **out)
{
	*out = NULL;
	mx_bank *b = bank_new(dir, limits);
	if (!b)
		return MX_ERR_NOMEM;
	loader ld;
	memset(&ld, 0, sizeof ld);
	ld.bank = b;
	ld.diags = diags;
	size_t errors = diags->errors;
	char **files = NULL;
	size_t nfiles = 0;
	mx_status st = load_file(&ld, "exam.yaml", true, profile_only);
	if (!profile_only && st != MX_ERR_SYSTEM && st != MX_ERR_NOMEM) {
		mx_status wst = bank_files(dir, diags, &files, &nfiles);
		if (wst != MX_OK)
			st = wst;
		for (size_t i = 0; i < nfiles && st != MX_ERR_NOMEM; i++) {
			mx_status fst = load_file(&ld, files[i], false, false);
			if (fst == MX_ERR_NOMEM || (fst == MX_ERR_SYSTEM && st == MX_OK))
				st = fst;
		}
		if (ld.have_profile && st != MX_ERR_NOMEM)
			resolve_questions(&ld);
	}
	bank_files_free(files, nfiles);
	free(ld.buf);
	for (size_t i = 0; i < b->nquestions; i++)
		free(ld.pend[i].exclude_pos);
	free(ld.pend);
	snprintf(b->hash_hex, sizeof b->hash_hex, "%016llx", (unsigned long long)b->hash);
	if (st == MX_OK && diags->errors > errors)
		st = MX_ERR_INPUT;
	if (st != MX_OK) {
		mx_bank_free(b);
		return st;
	}
	*out = b;
	return MX_OK;
}

mx_status mx_bank_load(const char *dir, const mx_limits *limits, mx_diags *diags, mx_bank **out)
{
	return load(dir, limits, diags, false, out);
}

mx_status mx_bank_load_profile(const char *dir, const mx_limits *limits, mx_diags *diags,
			       mx_bank **out)
{
	return load(dir, limits, diags, true, out);
}

void mx_bank_free(mx_bank *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->nquestions; i++)
		if (b->accept[i])
			for (size_t j = 0; j < b->questions[i].accept.n; j++)
				mx_pattern_free(b->accept[i][j]);
	free(b->accept);
	mx_pattern_free(b->id_pattern);
	strmap_free(&b->qindex);
	strmap_free(&b->cindex);
	free(b->questions);
	free(b->cases);
	free(b->dir);
	arena_free(&b->arena);
	free(b);
}

/* ---- access ---- */

const char *mx_bank_dir(const mx_bank *b)
{
	return b->dir;
}

const mx_profile *mx_bank_profile(const mx_bank *b)
{
	return &b->profile;
}

size_t mx_bank_count(const mx_bank *b)
{
	return b->nquestions;
}

const mx_question *mx_bank_question(const mx_bank *b, size_t i)
{
	return i < b->nquestions ? &b->questions[i] : NULL;
}

size_t mx_bank_case_count(const mx_bank *b)
{
	return b->ncases;
}

const mx_case *mx_bank_case(const mx_bank *b, size_t i)
{
	return i < b->ncases ? &b->cases[i] : NULL;
}

const char *mx_bank_hash(const mx_bank *b)
{
	return b->hash_hex;
}

long mx_bank_find_question(const mx_bank *b, const char *id)
{
	size_t v;
	return strmap_get(&b->qindex, id, strlen(id), &v) ? (long)v : -1;
}

long mx_profile_find_domain(const mx_profile *p, int domain_id)
{
	for (size_t i = 0; i < p->ndomains; i++)
		if (p->domains[i].id == domain_id)
			return (long)i;
	return -1;
}

static void hash_str(uint64_t *h, const char *s)
{
	hash_update(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

static void hash_choices(uint64_t *h, const mx_choice *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		hash_str(h, c[i].key);
		hash_str(h, c[i].text);
	}
}

void mx_question_hash(const mx_question *q, char out[17])
{
	uint64_t h = HASH_SEED;
	hash_str(&h, mx_qtype_name(q->type));
	hash_str(&h, q->stem);
	hash_choices(&h, q->options, q->noptions);
	hash_choices(&h, q->items, q->nitems);
	hash_choices(&h, q->prompts, q->nprompts);
	hash_update(&h, q->answer.k, q->answer.n);
	hash_str(&h, q->answer_text);
	for (size_t i = 0; i < q->accept.n; i++)
		hash_str(&h, q->accept.v[i]);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

bool mx_question_accepts(const mx_bank *b, const mx_question *q, const char *response)
{
	size_t i = (size_t)(q - b->questions);
	if (q->type != MX_TYPE_TEXT || i >= b->nquestions || !b->accept[i])
		return false;
	/* Trimmed, as the format says: leading and trailing white space never counts. */
	while (*response == ' ' || *response == '\t' || *response == '\n' || *response == '\r')
		response++;
	size_t len = strlen(response);
	while (len && strchr(" \t\n\r", response[len - 1]))
		len--;
	for (size_t j = 0; j < q->accept.n; j++)
		if (mx_pattern_match(b->accept[i][j], response, len) == 1)
			return true;
	return false;
}

const char *mx_qtype_name(mx_qtype t)
{
	return (unsigned)t <= MX_TYPE_TEXT ? qtype_names[t] : "?";
}

const char *mx_lifecycle_name(mx_lifecycle s)
{
	static const char *const names[] = {"active", "beta", "retired"};
	return (unsigned)s < 3 ? names[s] : "?";
}
