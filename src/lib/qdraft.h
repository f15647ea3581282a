/*
 * qdraft.h - what the reading of a question shares with its checks: the draft.
 *
 * A question is read key by key into a draft that remembers where each value stood
 * (questions.c); when its mapping ends the draft is checked as a whole (qcheck.c), the
 * rules of format 2 included (reasons.c), and becomes an mx_question.
 */
#ifndef MX_QDRAFT_H
#define MX_QDRAFT_H

#include "loader.h"

/* The keys a question may hold, in the order of the K_ numbers (questions.c). */
extern const char *const question_keys[];

enum {
	K_ID,
	K_DOMAIN,
	K_TASK,
	K_TYPE,
	K_DIFFICULTY,
	K_TAGS,
	K_CASE,
	K_EXCLUDES,
	K_STEM,
	K_OPTIONS,
	K_ITEMS,
	K_PROMPTS,
	K_ANSWER,
	K_SHUFFLE,
	K_EXPLANATION,
	K_REFERENCES,
	K_ACCEPT,
	K_WHY,
	K_LINT,
	K_COUNT
};

enum { MAX_CHOICES = 16, MAX_REFS = 16 };

typedef struct choices {
	mx_choice c[MAX_CHOICES];
	ypos pos[MAX_CHOICES];
	size_t n;
} choices;

/* A place where a text names a letter, found as the text is read (letters.h). */
typedef struct text_ref {
	ypos pos;
	char letter;
	char reason; /* the key of the 'why' entry it is in, or 0 for the explanation */
	char phrase[24];
} text_ref;

typedef struct draft {
	mx_question q;
	pending pend;
	ypos start;
	ypos at[K_COUNT]; /* where each key stood; line 0 when absent */
	const char *type;
	choices options, items, prompts, why;
	text_ref refs[MAX_REFS];
	size_t nrefs;
	yvalue answer; /* as written, before it is checked against the choices */
	ypos *accept_pos;
} draft;

/* Index of key among ch, or -1 (qcheck.c). */
int choice_index(const choices *ch, const char *key);
/* "A-D", "1-3": the keys of a choice list, for messages (qcheck.c). */
const char *key_range(const choices *ch, char *buf, size_t size);
/*
 * Checks a question whose mapping has ended; true when it may join the bank (qcheck.c).
 * When reading it already failed, only the missing keys are reported.
 */
bool check_draft(loader *ld, yreader *r, draft *d, size_t errors_at_start);

/* The rules of format 2 (reasons.c). */
void scan_letters(loader *ld, yreader *r, draft *d, const char *text, char reason);
void read_lint(loader *ld, yreader *r, draft *d);
void check_reasons(loader *ld, yreader *r, draft *d);
const char *const *copy_reasons(loader *ld, const draft *d);

#endif
