/*
 * linereader.c - the line reader of linereader.h.  poll() waits for input with the
 * timeout, so the exam loop wakes for the clock; a signal ends the wait (the handlers are
 * installed without SA_RESTART) and is reported, never taken for the end of input.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "linereader.h"
#include "signals.h"

int read_line(linereader *r, int timeout_ms, char *out, size_t size)
{
	for (;;) {
		char *nl = memchr(r->buf, '\n', r->len);
		if (r->overlong && (nl || r->eof)) {
			size_t used = nl ? (size_t)(nl - r->buf) + 1 : r->len;
			memmove(r->buf, r->buf + used, r->len - used);
			r->len -= used;
			r->overlong = false;
			out[0] = '\0';
			return LINE_TOO_LONG;
		}
		if (!nl && r->len == sizeof r->buf) {
			r->overlong = true;
			r->len = 0;
			continue;
		}
		if (nl || (r->eof && r->len)) {
			size_t n = nl ? (size_t)(nl - r->buf) : r->len;
			size_t keep = n < size ? n : size - 1;
			memcpy(out, r->buf, keep);
			out[keep] = '\0';
			if (keep && out[keep - 1] == '\r')
				out[keep - 1] = '\0';
			size_t used = nl ? n + 1 : n;
			memmove(r->buf, r->buf + used, r->len - used);
			r->len -= used;
			return 1;
		}
		if (r->eof)
			return -1;
		if (signals_caught())
			return LINE_SIGNAL;
		struct pollfd p = {r->fd, POLLIN, 0};
		int rc = poll(&p, 1, timeout_ms);
		if (rc == 0)
			return 0;
		if (rc < 0) {
			if (errno == EINTR)
				continue; /* a signal: noted above on the way round */
			r->eof = true;
			continue;
		}
		ssize_t got = read(r->fd, r->buf + r->len, sizeof r->buf - r->len);
		if (got < 0 && errno == EINTR)
			continue; /* noted at the top of the loop */
		if (got <= 0)
			r->eof = true;
		else
			r->len += (size_t)got;
	}
}
