/*
 * loader.h - what the bank loader's files share: the bank itself and the load state.
 *
 * Loading is one pass per file followed by one resolve pass: a question file is read
 * without knowing the profile, keeping the references it makes (domain, task, case,
 * excludes) with their positions; the resolve pass checks them all once every file has
 * been read.  That is what lets exam.yaml hold questions before its domains, and what
 * lets one run report every error in every file.
 */
#ifndef MX_LOADER_H
#define MX_LOADER_H

#include "arena.h"
#include "mockexam/bank.h"
#include "pattern.h"
#include "strmap.h"
#include "yamlread.h"

struct mx_bank {
	arena arena;
	char *dir;
	mx_limits limits;
	mx_profile profile;
	mx_question *questions; /* malloc'd vector */
	size_t nquestions, capquestions;
	mx_case *cases; /* malloc'd vector */
	size_t ncases, capcases;
	strmap qindex;
	strmap cindex;
	mx_pattern *id_pattern;
	mx_pattern ***accept; /* per question: its compiled accept patterns, or NULL */
	uint64_t hash;
	char hash_hex[17];
};

/* A question's references, checked in the resolve pass. */
typedef struct pending {
	const char *domain, *task, *case_id;
	ypos id_pos, domain_pos, task_pos, case_pos;
	const char **excludes;
	ypos *exclude_pos;
	size_t nexcludes;
} pending;

typedef struct loader {
	mx_bank *bank;
	mx_diags *diags;
	pending *pend; /* parallel to bank->questions */
	size_t cappend;
	unsigned char *buf; /* the file being read, reused from file to file */
	size_t bufcap;
	bool have_profile;
	bool questions_seen; /* a 'questions' key has been read */
	bool domains_ok;     /* every domain read without error: their weights can be summed */
	bool profile_ok;     /* the profile read without error: references can be checked */
	ypos pseen[24];	     /* where each profile key was seen; line 0 when absent */
	uint32_t pbad;	     /* profile keys whose value was invalid, a bit per key */
} loader;

/* Every key exam.yaml may hold (profile.c), for suggestions on a typo. */
extern const char *const exam_yaml_keys[];
/* The names of the question types, indexed by mx_qtype, then NULL (bank.c). */
extern const char *const qtype_names[];

/*
 * The question files of the bank in dir (bankfiles.c): every *.yaml below it but
 * exam.yaml, as paths relative to dir, in byte order.  Problems with entries (a dangling
 * link, a loop, a link out of the bank) go to diags.  MX_ERR_SYSTEM or MX_ERR_NOMEM when
 * the walk could not finish; the files found are returned all the same.  Free them with
 * bank_files_free().
 */
mx_status bank_files(const char *dir, mx_diags *diags, char ***files, size_t *n);
void bank_files_free(char **files, size_t n);

/* Top-level keys a question file may hold; exam.yaml may hold these too. */
bool qfile_key(loader *ld, yreader *r, const char *key);
/* Reads the profile mapping's value for key, or returns false if key is not a profile key. */
bool profile_key(loader *ld, yreader *r, const char *key, ypos pos);
/* Checks the profile once its mapping has ended. */
void profile_check(loader *ld, yreader *r, ypos start);
/* Checks every question's references once all files are read. */
void resolve_questions(loader *ld);

/* Helpers shared by the readers (readers.c; parse_count in profile.c). */
char *ld_dup(loader *ld, yreader *r, const char *s, size_t len, ypos pos);
/* A string value copied into the bank's arena, *pos (when not NULL) where it stands;
 * NULL when it is not a string (reported). */
const char *ld_str(loader *ld, yreader *r, const char *what, ypos *pos);
/*
 * The next key of the current mapping that is one of known: its index, *pos where it
 * stands.  Other keys are reported (with a suggestion for a typo) and skipped with their
 * values.  -1 at the mapping's end.
 */
int ld_known_key(yreader *r, const char *const *known, ypos *pos);
bool ld_strs(loader *ld, yreader *r, const char *what, mx_strs *out, ypos **pos_out);
void ld_unknown_key(yreader *r, const char *key, ypos pos, const char *const *known);
int ld_keyword(const char *key, const char *const *known);
bool parse_count(const char *s, unsigned long max, unsigned long *out);
bool is_blank(const char *s);

#endif
