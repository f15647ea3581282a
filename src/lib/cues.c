/*
 * cues.c - lint for item-writing cues (docs/bank-format.md, "Cues").
 *
 * A candidate who knows nothing must gain nothing from how the options are written.  The
 * rules follow the NBME item-writing guide and Haladyna, Downing and Rodriguez (2002), "A
 * review of multiple-choice item-writing guidelines": absolute words only in distractors,
 * the key the longest option by far, a distinctive word of the stem echoed by the key
 * alone, "all of the above" options, two options that say the same, near-copies that could
 * meet in one exam, and a throwaway distractor reused across the bank.  Each warning ends
 * with its rule in brackets, the name a question's 'lint: accept' takes.
 *
 * Text is read as words (vocab.h), every word and two-word phrase with a bank-wide id and
 * a count of the questions it appears in, built once; a question is then a few sorted
 * arrays of ids, so the rules are merges of small arrays, and near-copies are found
 * through the words they share (words in more than NEAR_MAX_DF questions are too common
 * to say two questions are alike, and are not used to find candidates).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cues.h"
#include "loader.h"
#include "utf8.h"
#include "vocab.h"

enum {
	REUSE_LIMIT = 5,  /* a distractor in more questions than this is a throwaway */
	NEAR_MAX_DF = 64, /* words in more questions than this do not find near-copies */
	ECHO_MIN_LEN = 4, /* shorter stem words are not distinctive */
	LONG_MARGIN = 10, /* the key longer than every distractor by this many characters */
	SHOW_IDS = 5,	  /* questions named in a reused-distractor warning */
	MAX_ECHOES = 3,	  /* echoes named in one warning */
};

static const char *const cue_names[MX_CUE_COUNT] = {
    "absolute-words", "longest-key", "stem-echo",	  "all-of-the-above",
    "same-options",   "near-copy",   "reused-distractor",
};

const char *mx_cue_name(mx_cue cue)
{
	return (unsigned)cue < MX_CUE_COUNT ? cue_names[cue] : "?";
}

typedef struct reuse {
	size_t count;
	size_t first[SHOW_IDS]; /* question indices */
	size_t option;		/* the option of the first */
} reuse;

typedef struct cues {
	const mx_bank *bank;
	mx_diags *diags;
	vocab vocab;
	idset *stem;	    /* per question: words and phrases of the stem */
	idset *key;	    /* per question: words of the key's text */
	strmap reuse_index; /* a distractor's words -> index into reuses */
	arena reuse_text;
	reuse *reuses;
	size_t nreuses, capreuses;
} cues;

static bool accepts(const mx_question *q, mx_cue c)
{
	return q->accepted & (1u << c);
}

static void warn(cues *c, const mx_question *q, unsigned line, unsigned column, mx_cue cue,
		 const char *fmt, ...) MX_PRINTF(6, 7);

static void warn(cues *c, const mx_question *q, unsigned line, unsigned column, mx_cue cue,
		 const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	mx_diag_add(c->diags, MX_SEV_WARNING, q->file, line ? line : q->line,
		    line ? column : q->column, "question '%s': %s [%s]", q->id, msg,
		    mx_cue_name(cue));
}

static bool is_key(const mx_question *q, size_t option)
{
	for (size_t k = 0; k < q->answer.n; k++)
		if (q->answer.k[k] == option)
			return true;
	return false;
}

/* The absolute word in text ("always", "never"...), or NULL; "always-on" is not one. */
static const char *absolute_word(const char *text, char *found, size_t size)
{
	static const char *const absolutes[] = {
	    "always",	  "never",     "only",	     "guarantee", "guarantees", "guaranteed",
	    "completely", "eliminate", "eliminates", "entirely",  "impossible", NULL};
	words w;
	const char *hit = NULL;
	if (!words_split(text, &w))
		return NULL;
	for (size_t i = 0; i < w.n && !hit; i++)
		for (size_t k = 0; absolutes[k] && !hit; k++)
			if (strlen(absolutes[k]) == w.len[i] &&
			    memcmp(absolutes[k], w.buf + w.off[i], w.len[i]) == 0) {
				snprintf(found, size, "%s", absolutes[k]);
				hit = found;
			}
	words_free(&w);
	return hit;
}

static void absolute_words(cues *c, const mx_question *q)
{
	char word[16];
	for (size_t k = 0; k < q->answer.n; k++)
		if (absolute_word(q->options[q->answer.k[k]].text, word, sizeof word))
			return;
	for (size_t o = 0; o < q->noptions; o++)
		if (!is_key(q, o) && absolute_word(q->options[o].text, word, sizeof word))
			warn(c, q, q->options[o].line, q->options[o].column, MX_CUE_ABSOLUTE_WORDS,
			     "distractor '%s' says '%s' and no key does; a testwise candidate "
			     "rules it out for the word alone",
			     q->options[o].key, word);
}

/* Characters, not bytes, so that length compares what a candidate sees. */
static size_t chars(const char *s)
{
	return utf8_chars(s, strlen(s));
}

static void longest_key(cues *c, const mx_question *q)
{
	const mx_choice *key = &q->options[q->answer.k[0]];
	size_t kl = chars(key->text), longest = 0;
	for (size_t o = 0; o < q->noptions; o++)
		if (!is_key(q, o) && chars(q->options[o].text) > longest)
			longest = chars(q->options[o].text);
	if (kl * 5 > longest * 6 && kl >= longest + LONG_MARGIN)
		warn(c, q, key->line, key->column, MX_CUE_LONGEST_KEY,
		     "the key is the longest option by far (%zu characters, the longest "
		     "distractor %zu); a testwise candidate picks the longest",
		     kl, longest);
}

/* Words and phrases of the stem in a key and in no distractor, found nowhere else. */
static int stem_echo(cues *c, size_t qi)
{
	const mx_question *q = mx_bank_question(c->bank, qi);
	idset key = {NULL, 0, 0}, other = {NULL, 0, 0};
	int rc = 0;
	for (size_t o = 0; o < q->noptions && rc == 0; o++)
		rc = vocab_add_text(&c->vocab, is_key(q, o) ? &key : &other, q->options[o].text, qi,
				    false, true);
	if (rc == 0) {
		idset_sort(&key);
		idset_sort(&other);
	}
	char list[256] = "";
	size_t used = 0, found = 0;
	const idset *stem = &c->stem[qi];
	for (size_t i = 0; i < stem->n && rc == 0; i++) {
		long id = stem->v[i];
		if (c->vocab.df[id] != 1 || !idset_has(&key, id) || idset_has(&other, id))
			continue;
		const char *text = c->vocab.word[id];
		size_t len = c->vocab.len[id];
		if (!memchr(text, ' ', len) &&
		    (len < ECHO_MIN_LEN || isdigit((unsigned char)text[0])))
			continue;
		if (found++ < MAX_ECHOES && used + len + 8 < sizeof list)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s'%.*s'",
						 used ? ", " : "", (int)len, text);
	}
	if (found && rc == 0)
		warn(c, q, q->stem_line, q->stem_column, MX_CUE_STEM_ECHO,
		     "the stem's %s %s in the key and in no distractor, nor anywhere else "
		     "in the bank; a candidate can find the key by matching words",
		     list, found == 1 ? "appears" : "appear");
	free(key.v);
	free(other.v);
	return rc;
}

/* "All of the above", "none of these", "both A and B": options that point at others. */
static bool points_at_others(const char *text)
{
	static const char *const phrases[] = {
	    "all of the above",	 "none of the above",  "neither of the above",
	    "both of the above", "all of the options", "none of the options",
	    "all of these",	 "none of these",      NULL};
	char low[256];
	size_t n = 0;
	for (; text[n] && n + 1 < sizeof low; n++)
		low[n] = (char)tolower((unsigned char)text[n]);
	low[n] = '\0';
	for (size_t i = 0; phrases[i]; i++)
		if (strstr(low, phrases[i]))
			return true;
	for (const char *p = strstr(low, "both "); p; p = strstr(p + 1, "both "))
		if (p[5] >= 'a' && p[5] <= 'h' && !word_byte((unsigned char)p[6]) &&
		    !strncmp(p + 6, " and ", 5) && p[11] >= 'a' && p[11] <= 'h' &&
		    !word_byte((unsigned char)p[12]) && isupper((unsigned char)text[p - low + 5]))
			return true;
	return false;
}

static void all_of_the_above(cues *c, const mx_question *q)
{
	for (size_t o = 0; o < q->noptions; o++)
		if (points_at_others(q->options[o].text))
			warn(c, q, q->options[o].line, q->options[o].column,
			     MX_CUE_ALL_OF_THE_ABOVE,
			     "option '%s' points at the other options ('all of the above' and the "
			     "like); it rewards partial knowledge and breaks when options shuffle",
			     q->options[o].key);
}

/* The words of text as a key for comparing options: small words and a plural s dropped. */
static char *option_key(const char *text)
{
	words w;
	if (!words_split(text, &w))
		return NULL;
	char *out = malloc(strlen(text) + 2), *o = out;
	for (size_t i = 0; out && i < w.n; i++) {
		size_t len = w.len[i];
		if (len > 3 && w.buf[w.off[i] + len - 1] == 's')
			len--;
		if (o > out)
			*o++ = ' ';
		memcpy(o, w.buf + w.off[i], len);
		o += len;
	}
	if (out)
		*o = '\0';
	words_free(&w);
	return out;
}

static int same_options(cues *c, const mx_question *q, char **keys)
{
	for (size_t o = 0; o < q->noptions; o++)
		if (!(keys[o] = option_key(q->options[o].text)))
			return -1;
	for (size_t a = 0; a < q->noptions; a++)
		for (size_t b = a + 1; b < q->noptions; b++)
			if (keys[a][0] && strcmp(keys[a], keys[b]) == 0)
				warn(c, q, q->options[b].line, q->options[b].column,
				     MX_CUE_SAME_OPTIONS,
				     "options '%s' and '%s' say the same thing; one of them cannot "
				     "be wrong while the other is right",
				     q->options[a].key, q->options[b].key);
	return 0;
}

/* Counts each distractor's wording across the bank (keys[o] from same_options()). */
static int count_distractors(cues *c, size_t qi, char *const *keys)
{
	const mx_question *q = mx_bank_question(c->bank, qi);
	for (size_t o = 0; o < q->noptions; o++) {
		if (is_key(q, o) || !keys[o][0] || accepts(q, MX_CUE_REUSED_DISTRACTOR))
			continue;
		size_t i = c->nreuses;
		const char *k = keys[o];
		if (!strmap_get(&c->reuse_index, k, strlen(k), &i)) {
			if (c->nreuses == c->capreuses) {
				size_t cap = c->capreuses ? c->capreuses * 2 : 256;
				reuse *v = realloc(c->reuses, cap * sizeof *v);
				if (!v)
					return -1;
				c->reuses = v;
				c->capreuses = cap;
			}
			char *copy = arena_strdup(&c->reuse_text, k);
			if (!copy || strmap_put(&c->reuse_index, copy, strlen(copy), &i) < 0)
				return -1;
			c->reuses[i] = (reuse){.count = 0, .option = o};
			c->nreuses++;
		}
		reuse *r = &c->reuses[i];
		if (r->count > 0 && r->first[(r->count < SHOW_IDS ? r->count : SHOW_IDS) - 1] == qi)
			continue; /* the same wording twice in one question is same-options */
		if (r->count < SHOW_IDS)
			r->first[r->count] = qi;
		r->count++;
	}
	return 0;
}

static void reused_distractors(cues *c)
{
	for (size_t i = 0; i < c->nreuses; i++) {
		const reuse *r = &c->reuses[i];
		if (r->count <= REUSE_LIMIT)
			continue;
		const mx_question *q = mx_bank_question(c->bank, r->first[0]);
		char ids[256];
		size_t used = 0;
		for (size_t k = 0; k < SHOW_IDS; k++)
			used +=
			    (size_t)snprintf(ids + used, sizeof ids - used, "%s%s", k ? ", " : "",
					     mx_bank_question(c->bank, r->first[k])->id);
		const mx_choice *opt = &q->options[r->option];
		warn(c, q, opt->line, opt->column, MX_CUE_REUSED_DISTRACTOR,
		     "distractor '%s' stands in %zu questions (%s%s); a candidate learns to "
		     "skip it",
		     opt->key, r->count, ids, r->count > SHOW_IDS ? " and more" : "");
	}
}

/* The words of the key: its option texts, or the items in order, or the matched options. */
static int key_words(cues *c, size_t qi, idset *out)
{
	const mx_question *q = mx_bank_question(c->bank, qi);
	const mx_choice *ch = q->type == MX_TYPE_ORDERING ? q->items : q->options;
	int rc = 0;
	if (q->type == MX_TYPE_TEXT)
		rc = vocab_add_text(&c->vocab, out, q->answer_text, qi, false, false);
	for (size_t k = 0; k < q->answer.n && rc == 0; k++)
		if (q->answer.k[k] != MX_NONE)
			rc = vocab_add_text(&c->vocab, out, ch[q->answer.k[k]].text, qi, false,
					    false);
	idset_sort(out);
	return rc;
}

static bool excluded(const mx_question *q, size_t other)
{
	for (size_t i = 0; i < q->nexcludes; i++)
		if (q->excludes[i] == other)
			return true;
	return false;
}

/* Jaccard similarity of two sets at least one half: 2 |a & b| >= |a | b|. */
static bool alike(const idset *a, const idset *b)
{
	size_t both = idset_common(a, b);
	return a->n && b->n && 2 * both >= a->n + b->n - both;
}

/*
 * Near-copies: questions whose stems and keys are alike and that do not exclude each
 * other.  Candidates come from the stem words they share that are rare enough to mean
 * something; only those pairs are compared in full.
 */
static int near_copies(cues *c)
{
	size_t n = mx_bank_count(c->bank);
	size_t *posting_start = calloc(c->vocab.n + 1, sizeof *posting_start);
	size_t *shared = calloc(n ? n : 1, sizeof *shared),
	       *touched = malloc((n ? n : 1) * sizeof *touched);
	size_t total = 0, *postings = NULL;
	int rc = -1;
	if (!posting_start || !shared || !touched)
		goto out;
	for (size_t q = 0; q < n; q++)
		for (size_t i = 0; i < c->stem[q].n; i++)
			posting_start[c->stem[q].v[i] + 1]++;
	for (size_t id = 0; id < c->vocab.n; id++)
		posting_start[id + 1] += posting_start[id];
	total = posting_start[c->vocab.n];
	postings = malloc((total ? total : 1) * sizeof *postings);
	size_t *fill = calloc(c->vocab.n + 1, sizeof *fill);
	if (!postings || !fill) {
		free(fill);
		goto out;
	}
	for (size_t q = 0; q < n; q++)
		for (size_t i = 0; i < c->stem[q].n; i++) {
			long id = c->stem[q].v[i];
			postings[posting_start[id] + fill[id]++] = q;
		}
	free(fill);
	for (size_t q = 0; q < n; q++) {
		const mx_question *qq = mx_bank_question(c->bank, q);
		size_t ntouched = 0;
		for (size_t i = 0; i < c->stem[q].n; i++) {
			long id = c->stem[q].v[i];
			if (c->vocab.df[id] < 2 || c->vocab.df[id] > NEAR_MAX_DF)
				continue;
			for (size_t p = posting_start[id]; p < posting_start[id + 1]; p++) {
				size_t other = postings[p];
				if (other >= q)
					break; /* postings are in question order: each pair once */
				if (shared[other]++ == 0)
					touched[ntouched++] = other;
			}
		}
		for (size_t t = 0; t < ntouched; t++) {
			size_t other = touched[t];
			const mx_question *qo = mx_bank_question(c->bank, other);
			shared[other] = 0;
			if (excluded(qq, other) || accepts(qq, MX_CUE_NEAR_COPY) ||
			    accepts(qo, MX_CUE_NEAR_COPY) || !alike(&c->stem[q], &c->stem[other]) ||
			    !alike(&c->key[q], &c->key[other]))
				continue;
			warn(
			    c, qq, 0, 0, MX_CUE_NEAR_COPY,
			    "a near-copy of '%s' (%s:%u): the stems and keys are alike, so one "
			    "exam could ask the same thing twice; rewrite one, or list each in the "
			    "other's 'excludes'",
			    qo->id, qo->file, qo->line);
		}
	}
	rc = 0;
out:
	free(posting_start);
	free(postings);
	free(shared);
	free(touched);
	return rc;
}

/* Pass one: every question's words and phrases join the vocabulary and are counted. */
static int read_questions(cues *c)
{
	size_t n = mx_bank_count(c->bank);
	for (size_t qi = 0; qi < n; qi++) {
		const mx_question *q = mx_bank_question(c->bank, qi);
		if (vocab_add_text(&c->vocab, &c->stem[qi], q->stem, qi, true, true) != 0)
			return -1;
		const mx_choice *ch = q->type == MX_TYPE_ORDERING ? q->items : q->options;
		size_t nch = q->type == MX_TYPE_ORDERING ? q->nitems : q->noptions;
		for (size_t o = 0; o < nch; o++)
			if (vocab_add_text(&c->vocab, NULL, ch[o].text, qi, true, true) != 0)
				return -1;
		idset_sort(&c->stem[qi]);
	}
	for (size_t qi = 0; qi < n; qi++)
		if (key_words(c, qi, &c->key[qi]) != 0)
			return -1;
	return 0;
}

/* Pass two: the rules of one question. */
static int question_cues(cues *c, size_t qi)
{
	const mx_question *q = mx_bank_question(c->bank, qi);
	char *keys[MX_MAX_OPTIONS] = {NULL};
	int rc = 0;
	bool choice = q->type == MX_TYPE_SINGLE || q->type == MX_TYPE_MULTIPLE;
	if (!accepts(q, MX_CUE_ALL_OF_THE_ABOVE))
		all_of_the_above(c, q);
	if (q->noptions && accepts(q, MX_CUE_SAME_OPTIONS)) {
		for (size_t o = 0; o < q->noptions && rc == 0; o++)
			if (!(keys[o] = option_key(q->options[o].text)))
				rc = -1;
	} else if (q->noptions) {
		rc = same_options(c, q, keys);
	}
	if (choice && rc == 0) {
		if (!accepts(q, MX_CUE_ABSOLUTE_WORDS))
			absolute_words(c, q);
		if (q->type == MX_TYPE_SINGLE && !accepts(q, MX_CUE_LONGEST_KEY))
			longest_key(c, q);
		if (!accepts(q, MX_CUE_STEM_ECHO))
			rc = stem_echo(c, qi);
		if (rc == 0)
			rc = count_distractors(c, qi, keys);
	}
	for (size_t o = 0; o < MX_MAX_OPTIONS; o++)
		free(keys[o]);
	return rc;
}

mx_status cues_lint(const mx_bank *bank, mx_diags *diags)
{
	size_t n = mx_bank_count(bank);
	cues c = {.bank = bank, .diags = diags};
	vocab_init(&c.vocab);
	strmap_init(&c.reuse_index);
	arena_init(&c.reuse_text);
	c.stem = calloc(n ? n : 1, sizeof *c.stem);
	c.key = calloc(n ? n : 1, sizeof *c.key);
	mx_status st = MX_ERR_NOMEM;
	if (!c.stem || !c.key || read_questions(&c) != 0)
		goto out;
	for (size_t qi = 0; qi < n; qi++)
		if (question_cues(&c, qi) != 0)
			goto out;
	reused_distractors(&c);
	if (near_copies(&c) != 0)
		goto out;
	st = MX_OK;
out:
	for (size_t qi = 0; qi < n && c.stem; qi++)
		free(c.stem[qi].v);
	for (size_t qi = 0; qi < n && c.key; qi++)
		free(c.key[qi].v);
	free(c.stem);
	free(c.key);
	vocab_free(&c.vocab);
	strmap_free(&c.reuse_index);
	arena_free(&c.reuse_text);
	free(c.reuses);
	return st;
}
