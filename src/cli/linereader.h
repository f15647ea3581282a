/*
 * linereader.h - lines from a file descriptor, waiting at most a given time for each:
 * plain mode's input, read while the exam clock runs.
 */
#ifndef MX_LINEREADER_H
#define MX_LINEREADER_H

#include <stdbool.h>
#include <stddef.h>

enum { LINE_MAX_BYTES = 4096 };

/*
 * Lines from a file descriptor, with a timeout.  A line longer than the buffer is thrown
 * away whole; one longer than the caller's out is cut to fit it.
 */
typedef struct linereader {
	int fd;
	char buf[LINE_MAX_BYTES];
	size_t len;
	bool eof;
	bool overlong; /* a line longer than the buffer is being thrown away */
} linereader;

enum { LINE_OK = 1, LINE_TIMEOUT = 0, LINE_EOF = -1, LINE_TOO_LONG = 2, LINE_SIGNAL = 3 };

/*
 * LINE_OK: a line in out; LINE_TIMEOUT; LINE_EOF; LINE_TOO_LONG: a line longer than the
 * buffer was read and thrown away whole, so none of it is taken for an answer;
 * LINE_SIGNAL: SIGINT, SIGTERM or SIGHUP came (signals.h).  A timeout of -1 waits as long
 * as it takes.
 */
int read_line(linereader *r, int timeout_ms, char *out, size_t size);

#endif
