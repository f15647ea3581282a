/*
 * clock.c - the monotonic clock and durations as people read them (clock.h).
 *
 * The clock can be replaced by a file for tests (MOCKEXAM_TEST_CLOCK, clock.h), so
 * that a test sets the time instead of waiting for it: time never decides a test.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "clock.h"

/*
 * The test clock: the milliseconds written in the file MOCKEXAM_TEST_CLOCK names, read
 * again on every call.  A file that cannot be read or holds no number keeps the last
 * good reading (0 before the first), so time never runs backwards under a test that
 * rewrites the file while it is read.  False when the variable is not set.
 */
static bool test_clock(int64_t *ms)
{
	static int64_t last;
	const char *path = getenv("MOCKEXAM_TEST_CLOCK");
	if (!path || !*path)
		return false;
	FILE *f = fopen(path, "r");
	if (f) {
		char buf[32];
		size_t n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		buf[n] = '\0';
		char *end;
		errno = 0;
		long long v = strtoll(buf, &end, 10);
		while (*end == ' ' || *end == '\n')
			end++;
		if (end != buf && !*end && !errno && v >= 0)
			last = v;
	}
	*ms = last;
	return true;
}

int64_t now_ms(void)
{
	int64_t ms;
	if (test_clock(&ms))
		return ms;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void format_duration(int64_t ms, char *buf, size_t size)
{
	int64_t s = (ms + 999) / 1000; /* a second not yet over still counts as left */
	if (s >= 3600)
		snprintf(buf, size, "%lld:%02lld:%02lld", (long long)(s / 3600),
			 (long long)(s / 60 % 60), (long long)(s % 60));
	else
		snprintf(buf, size, "%lld:%02lld", (long long)(s / 60), (long long)(s % 60));
}

void format_moment(int64_t t, bool with_time, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!t || !localtime_r(&tt, &tm) ||
	    !strftime(buf, size, with_time ? "%Y-%m-%d %H:%M" : "%Y-%m-%d", &tm))
		snprintf(buf, size, "-");
}
