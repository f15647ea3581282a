/*
 * error.h - statuses and diagnostics shared by every libmockexam call.
 *
 * A call that reads data returns an mx_status and appends what it found wrong to an
 * mx_diags list the caller owns, so one run can report every error in every file, the
 * way a compiler does.  Nothing in the library prints or exits.
 */
#ifndef MOCKEXAM_ERROR_H
#define MOCKEXAM_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define MX_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define MX_PRINTF(fmt, args)
#endif

/*
 * The library is built with hidden visibility: only what a public header marks MX_API
 * is exported, so its internals (arena_*, strmap_*, yr_*...) cannot be linked against.
 */
#if defined(MX_BUILDING_LIBRARY) && defined(__GNUC__)
#define MX_API __attribute__((visibility("default")))
#else
#define MX_API
#endif

/* The version of the library linked (MX_VERSION_STRING in version.h is the headers'). */
MX_API const char *mx_version(void);

typedef enum mx_status {
	MX_OK = 0,
	MX_ERR_INPUT,  /* the data is invalid: bank, answer sheet, pattern, seed */
	MX_ERR_SYSTEM, /* the operating system failed: open, read, stat */
	MX_ERR_NOMEM,
	MX_ERR_DATABASE, /* the history database failed or is unusable */
} mx_status;

typedef enum mx_severity {
	MX_SEV_ERROR,
	MX_SEV_WARNING,
} mx_severity;

/* One finding.  line and column are 1-based; 0 means "the whole file". */
typedef struct mx_diag {
	char *file;
	unsigned line;
	unsigned column;
	mx_severity severity;
	char *message;
} mx_diag;

typedef struct mx_diags {
	mx_diag *items;
	size_t count;
	size_t capacity;
	size_t errors;
	size_t warnings;
} mx_diags;

MX_API void mx_diags_init(mx_diags *d);
MX_API void mx_diags_free(mx_diags *d);

/* Appends a finding.  Returns MX_NOMEM only when the finding itself could not be kept. */
MX_API mx_status mx_diag_add(mx_diags *d, mx_severity sev, const char *file, unsigned line,
			     unsigned column, const char *fmt, ...) MX_PRINTF(6, 7);
MX_API mx_status mx_diag_vadd(mx_diags *d, mx_severity sev, const char *file, unsigned line,
			      unsigned column, const char *fmt, va_list ap) MX_PRINTF(6, 0);

/* Orders findings by file, line and column, keeping the order of equal positions. */
MX_API void mx_diags_sort(mx_diags *d);

/*
 * The error of one failed call, filled by the library into a structure the caller owns:
 * its status, the place in a file when there is one, and a message a person can act on.
 * Calls that can fail take an mx_error * (NULL when the caller wants only the status);
 * on success they leave it untouched, so a caller never reads a stale message as long as
 * it reads the message only after a failure.
 */
typedef struct mx_error {
	mx_status status;
	char file[256];	       /* "" when the error is not about a file */
	unsigned line, column; /* 0 when not about a place in the file */
	char message[512];
} mx_error;

/* Fills err (when not NULL) with st and the message, and returns st. */
MX_API mx_status mx_error_set(mx_error *err, mx_status st, const char *fmt, ...) MX_PRINTF(3, 4);
/* The message of err, or the status's name when the message is empty. */
MX_API const char *mx_error_message(const mx_error *err);

/* A short, stable name for a status: "invalid input", "system error" ... */
MX_API const char *mx_status_str(mx_status st);

#ifdef __cplusplus
}
#endif

#endif
