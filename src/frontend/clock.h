/*
 * clock.h - the monotonic clock and durations as people read them, shared by every
 * front end.  The library never reads a clock: front ends give it readings.
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
