/*
 * clock.h - the monotonic clock and durations as people read them, shared by every
 * front end.  The library never reads a clock: front ends give it readings.
 */
#ifndef MX_CLOCK_H
#define MX_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Milliseconds of the monotonic clock.
 *
 * Test hook: when the environment variable MOCKEXAM_TEST_CLOCK names a file, the
 * reading is instead the integer (milliseconds, not negative) written in that file,
 * read again on every call.  A test sets the time by rewriting the file (write a new
 * file and rename it over the old, so no reading sees it half written); until it does,
 * time stands still.  A file that cannot be read or holds no number keeps the last good
 * reading (0 before the first).  Not for use outside tests.
 */
int64_t now_ms(void);
/* "1:02:03" or "12:34", rounding a second not yet over up. */
void format_duration(int64_t ms, char *buf, size_t size);
/* Unix seconds t as a local date, "2026-12-04", or with the time, "2026-12-04 09:30";
 * "-" when t is 0 or has no date. */
void format_moment(int64_t t, bool with_time, char *buf, size_t size);

#endif
