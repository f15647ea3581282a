/*
 * catalog.h - the banks found on a search path (cli.md, "Finding banks").
 *
 * Each root is either a bank itself (it holds exam.yaml) or a directory of banks.  The
 * first bank with a given exam id wins; a later one with the same id is shadowed, as a
 * command earlier in PATH shadows a later one.  Two banks with one id in the same root
 * are an error: nothing would decide between them.
 */
#ifndef MOCKEXAM_CATALOG_H
#define MOCKEXAM_CATALOG_H

#include <stddef.h>

#include "mockexam/bank.h"
#include "mockexam/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mx_catalog_entry {
	char *dir;
	const char *id;	  /* NULL when exam.yaml could not be read */
	mx_bank *profile; /* the profile alone (mx_bank_load_profile), or NULL */
} mx_catalog_entry;

typedef struct mx_catalog {
	mx_catalog_entry *entries; /* in search order, shadowed banks left out */
	size_t n;
} mx_catalog;

/*
 * Scans roots in order; roots that do not exist are passed over.  Problems with a
 * bank's profile are appended to diags, and the bank is still listed (by directory).
 */
MX_API mx_status mx_catalog_scan(const char *const *roots, size_t nroots, const mx_limits *limits,
				 mx_diags *diags, mx_catalog **out);
MX_API void mx_catalog_free(mx_catalog *c);
MX_API const mx_catalog_entry *mx_catalog_find(const mx_catalog *c, const char *id);

#ifdef __cplusplus
}
#endif

#endif
