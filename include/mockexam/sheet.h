/*
 * sheet.h - answer sheets (bank-format.md, "Answer sheets").
 *
 * A sheet names questions by id and choices by the keys in the bank, so it does not
 * depend on the order a screen showed them in.  Reading is in two steps because the
 * sheet may carry the seed the form is built from: mx_sheet_read() parses the file,
 * mx_sheet_apply() checks it against a form and yields one response per form item.
 */
#ifndef MOCKEXAM_SHEET_H
#define MOCKEXAM_SHEET_H

#include <stdbool.h>
#include <stdint.h>

#include "mockexam/bank.h"
#include "mockexam/error.h"
#include "mockexam/form.h"
#include "mockexam/score.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mx_sheet mx_sheet;

/* Parses the sheet in path ("-": standard input). */
MX_API mx_status mx_sheet_read(const char *path, const mx_limits *limits, mx_diags *diags,
			       mx_sheet **out);
MX_API void mx_sheet_free(mx_sheet *sheet);

/* The exam id and seed the sheet names, when it names them. */
MX_API const char *mx_sheet_exam(const mx_sheet *sheet);
MX_API bool mx_sheet_seed(const mx_sheet *sheet, uint64_t *seed);

/*
 * Checks the sheet against form and fills responses[0 .. form->n - 1].  Every answer to
 * a question not in the form, every unknown key and every answer of the wrong shape is
 * an error; unanswered questions are simply not answered.  Text responses point into
 * the sheet, which must outlive them.
 */
MX_API mx_status mx_sheet_apply(const mx_sheet *sheet, const mx_form *form, mx_diags *diags,
				mx_response *responses);

#ifdef __cplusplus
}
#endif

#endif
