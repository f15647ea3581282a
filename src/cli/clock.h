/*
 * clock.h - the monotonic clock and durations as people read them, shared by the
 * plain and the full-screen front ends (session.c).
 */
#ifndef MX_CLOCK_H
#define MX_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* Milliseconds of the monotonic clock. */
int64_t now_ms(void);
/* "1:02:03" or "12:34", rounding a second not yet over up. */
void format_duration(int64_t ms, char *buf, size_t size);

#endif
