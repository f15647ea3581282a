/*
 * clock.c - the monotonic clock and durations as people read them (clock.h).
 */
#include <stdio.h>
#include <time.h>

#include "clock.h"

int64_t now_ms(void)
{
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
