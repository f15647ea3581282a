/*
 * bank.c - loading a bank directory: finding its files, reading each, resolving.
 *
 * Files are read in byte order of their relative paths so that loading, and therefore
 * every exam built from the bank, is deterministic.  exam.yaml is read first: it is the
 * profile, and may hold questions of its own.  Directories are walked with stat() so
 * symbolic links work, remembering the directories on the current path to refuse a
 * link that loops back; anything that is not a regular file is refused when opened.
 */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "loader.h"

enum { MAX_DIR_DEPTH = 32 };

mx_limits mx_limits_default(void)
{
	mx_limits l = {16u * 1024 * 1024, 32, 64 * 1024};
	return l;
}

/* ---- helpers shared by the readers ---- */

char *ld_dup(loader *ld, yreader *r, const char *s, size_t len, ypos pos)
{
	char *d = arena_strndup(&ld->bank->arena, s, len);
	if (!d)
		yr_error(r, pos, "out of memory");
	return d;
}

bool is_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

int ld_keyword(const char *key, const char *const *known)
{
	for (int i = 0; known[i]; i++)
		if (key[0] == known[i][0] && strcmp(key, known[i]) == 0)
			return i;
	return -1;
}

/* Levenshtein distance, capped: only small distances matter for suggestions. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 32 || lb > 32)
		return 99;
	size_t row[33];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

void ld_unknown_key(yreader *r, const char *key, ypos pos, const char *const *known)
{
	const char *best = NULL;
	size_t bestd = 3;
	for (size_t i = 0; known[i]; i++) {
		size_t d = edit_distance(key, known[i]);
		if (d < bestd && d * 3 <= strlen(known[i])) {
			bestd = d;
			best = known[i];
		}
	}
	if (best)
		yr_error(r, pos, "unknown key '%.*s' (did you mean '%s'?)", utf8_prefix(key, 80),
			 key, best);
	else
		yr_error(r, pos, "unknown key '%.*s'", utf8_prefix(key, 80), key);
}

bool ld_strs(loader *ld, yreader *r, const char *what, mx_strs *out, ypos **pos_out)
{
	ypos p;
	const char **v = NULL;
	ypos *pos = NULL;
	size_t n = 0, cap = 0;
	bool ok = true;
	if (!yr_seq(r, what, &p))
		return false;
	while (yr_item(r)) {
		const char *s;
		size_t len;
		ypos ip;
		if (!yr_str(r, what, &s, &len, &ip))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			const char **nv = realloc(v, cap * sizeof *v);
			ypos *np = nv ? realloc(pos, cap * sizeof *pos) : NULL;
			if (nv)
				v = nv;
			if (np)
				pos = np;
			if (!nv || !np) {
				yr_error(r, ip, "out of memory");
				ok = false;
				yr_skip(r);
				break;
			}
		}
		v[n] = ld_dup(ld, r, s, len, ip);
		pos[n] = ip;
		if (v[n])
			n++;
	}
	out->v = arena_memdup(&ld->bank->arena, v, n, sizeof *v);
	out->n = out->v ? n : 0;
	free(v);
	if (pos_out)
		*pos_out = pos;
	else
		free(pos);
	return ok;
}

/* ---- finding the files ---- */

typedef struct filelist {
	char **v;
	size_t n, cap;
} filelist;

typedef struct walk {
	filelist *files;
	mx_diags *diags;
	dev_t dev[MAX_DIR_DEPTH + 1];
	ino_t ino[MAX_DIR_DEPTH + 1];
	size_t depth;
	char *root; /* the bank's real path: directory links may not lead out of it */
	mx_status st;
} walk;

/* Is the directory at full, reached through a symbolic link, inside the bank? */
static bool inside_bank(const walk *w, const char *full)
{
	struct stat lsb;
	if (!w->root || lstat(full, &lsb) != 0 || !S_ISLNK(lsb.st_mode))
		return true;
	char *real = realpath(full, NULL);
	size_t n = strlen(w->root);
	bool in = real && !strncmp(real, w->root, n) && (real[n] == '/' || !real[n]);
	free(real);
	return in;
}

char *path_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	bool slash = la && a[la - 1] != '/';
	char *s = malloc(la + slash + lb + 1);
	if (s) {
		memcpy(s, a, la);
		if (slash)
			s[la] = '/';
		memcpy(s + la + slash, b, lb + 1);
	}
	return s;
}

static bool is_yaml(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

static bool push_file(walk *w, char *rel)
{
	filelist *f = w->files;
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 32;
		char **v = realloc(f->v, cap * sizeof *v);
		if (!v) {
			free(rel);
			w->st = MX_ERR_NOMEM;
			return false;
		}
		f->v = v;
		f->cap = cap;
	}
	f->v[f->n++] = rel;
	return true;
}

static void walk_dir(walk *w, const char *root, const char *rel);

static void walk_entry(walk *w, const char *root, const char *rel)
{
	char *full = path_join(root, rel);
	struct stat sb;
	if (!full) {
		w->st = MX_ERR_NOMEM;
		return;
	}
	if (stat(full, &sb) != 0) {
		/* A dangling link named *.yaml is an error; other debris is not our business. */
		if (is_yaml(rel))
			mx_diag_add(w->diags, MX_SEV_ERROR, full, 0, 0, "cannot read: %s",
				    strerror(errno));
		free(full);
		return;
	}
	if (S_ISDIR(sb.st_mode)) {
		if (!inside_bank(w, full)) {
			mx_diag_add(w->diags, MX_SEV_ERROR, full, 0, 0,
				    "symbolic link to a directory outside the bank; not followed");
			free(full);
			return;
		}
		for (size_t i = 0; i < w->depth; i++)
			if (w->dev[i] == sb.st_dev && w->ino[i] == sb.st_ino) {
				mx_diag_add(
				    w->diags, MX_SEV_ERROR, full, 0, 0,
				    "directory loop: this leads back to a directory above it");
				free(full);
				return;
			}
		if (w->depth == MAX_DIR_DEPTH) {
			mx_diag_add(w->diags, MX_SEV_ERROR, full, 0, 0,
				    "directories nested deeper than %d", MAX_DIR_DEPTH);
			free(full);
			return;
		}
		w->dev[w->depth] = sb.st_dev;
		w->ino[w->depth++] = sb.st_ino;
		walk_dir(w, root, rel);
		w->depth--;
	} else if (is_yaml(rel) && strcmp(rel, "exam.yaml") != 0) {
		char *copy = strdup(rel);
		if (!copy)
			w->st = MX_ERR_NOMEM;
		else
			push_file(w, copy);
	}
	free(full);
}

static void walk_dir(walk *w, const char *root, const char *rel)
{
	char *full = *rel ? path_join(root, rel) : strdup(root);
	DIR *d = full ? opendir(full) : NULL;
	if (!d) {
		if (full)
			mx_diag_add(w->diags, MX_SEV_ERROR, full, 0, 0, "cannot open directory: %s",
				    strerror(errno));
		w->st = full ? MX_ERR_SYSTEM : MX_ERR_NOMEM;
		free(full);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d)) && w->st == MX_OK) {
		if (e->d_name[0] == '.')
			continue; /* ., .. and hidden files: editors' and tools' droppings */
		char *child = *rel ? path_join(rel, e->d_name) : strdup(e->d_name);
		if (!child) {
			w->st = MX_ERR_NOMEM;
			break;
		}
		walk_entry(w, root, child);
		free(child);
	}
	closedir(d);
	free(full);
}

static int cmp_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- reading the files ---- */

/*
 * The content hash: four interleaved lanes over 32-byte blocks (so the multiplications
 * do not wait on each other), words read little-endian so every machine agrees, then the
 * tail and the length.  It identifies content; it is not meant to resist an adversary.
 */
static uint64_t load_le64(const unsigned char *s)
{
	static const uint16_t probe = 1;
	uint64_t w;
	memcpy(&w, s, sizeof w);
	if (*(const unsigned char *)&probe) /* little-endian: the word as loaded */
		return w;
	w = 0;
	for (int k = 7; k >= 0; k--)
		w = (w << 8) | s[k];
	return w;
}

static uint64_t mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * UINT64_C(0x9E3779B97F4A7C15);
	return h ^ (h >> 29);
}

static void hash_update(uint64_t *state, const void *p, size_t len)
{
	const unsigned char *s = p;
	uint64_t lane[4] = {*state, *state ^ 1, *state ^ 2, *state ^ 3};
	size_t i = 0;
	for (; i + 32 <= len; i += 32)
		for (int k = 0; k < 4; k++)
			lane[k] = mix(lane[k], load_le64(s + i + 8 * (size_t)k));
	uint64_t h = mix(mix(mix(lane[0], lane[1]), lane[2]), lane[3]);
	for (; i + 8 <= len; i += 8)
		h = mix(h, load_le64(s + i));
	uint64_t w = 0;
	for (size_t k = len; k > i; k--)
		w = (w << 8) | s[k - 1];
	*state = mix(h, w ^ ((uint64_t)len << 56));
}

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
	b->hash = 1469598103934665603ull;
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
	filelist files = {NULL, 0, 0};
	mx_status st = load_file(&ld, "exam.yaml", true, profile_only);
	if (!profile_only && st != MX_ERR_SYSTEM && st != MX_ERR_NOMEM) {
		walk w;
		memset(&w, 0, sizeof w);
		w.files = &files;
		w.diags = diags;
		struct stat sb;
		if (stat(dir, &sb) == 0) { /* the root is the first directory a link may loop to */
			w.dev[0] = sb.st_dev;
			w.ino[0] = sb.st_ino;
			w.depth = 1;
		}
		w.root = realpath(dir, NULL);
		walk_dir(&w, dir, "");
		free(w.root);
		if (w.st != MX_OK)
			st = w.st;
		if (files.n > 1)
			qsort(files.v, files.n, sizeof *files.v, cmp_paths);
		for (size_t i = 0; i < files.n && st != MX_ERR_NOMEM; i++) {
			mx_status fst = load_file(&ld, files.v[i], false, false);
			if (fst == MX_ERR_NOMEM || (fst == MX_ERR_SYSTEM && st == MX_OK))
				st = fst;
		}
		if (ld.have_profile && st != MX_ERR_NOMEM)
			resolve_questions(&ld);
	}
	for (size_t i = 0; i < files.n; i++)
		free(files.v[i]);
	free(files.v);
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
	uint64_t h = 1469598103934665603ull;
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
	static const char *const names[] = {"single", "multiple", "ordering", "matching", "text"};
	return (unsigned)t < 5 ? names[t] : "?";
}

const char *mx_lifecycle_name(mx_lifecycle s)
{
	static const char *const names[] = {"active", "beta", "retired"};
	return (unsigned)s < 3 ? names[s] : "?";
}
