/*
 * history_impl.h - what an attached attempt calls to save itself (history.c).
 */
#ifndef MX_HISTORY_IMPL_H
#define MX_HISTORY_IMPL_H

#include "mockexam/attempt.h"
#include "mockexam/history.h"

mx_status history_save_item(mx_history *h, const mx_attempt *a, size_t i);
mx_status history_save_clock(mx_history *h, const mx_attempt *a);
mx_status history_finish(mx_history *h, const mx_attempt *a, const mx_score *s);

#endif
