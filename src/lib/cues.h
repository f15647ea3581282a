/*
 * cues.h - lint for item-writing cues (cues.c), a part of mx_bank_lint().
 */
#ifndef MX_CUES_H
#define MX_CUES_H

#include "mockexam/bank.h"
#include "mockexam/error.h"

/* Appends a warning for every cue found in bank, except those a question accepts. */
mx_status cues_lint(const mx_bank *bank, mx_diags *diags);

#endif
