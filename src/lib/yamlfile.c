/*
 * yamlfile.c - reading a file for the YAML reader and checking its bytes.
 *
 * A file is read whole, after fstat() says it is a regular file within the size limit
 * (opened without blocking, so a FIFO never hangs the program), into a buffer reused
 * from file to file.  Its bytes are then checked before libyaml sees them: UTF-8, no NUL
 * byte, no control character but tab and line breaks.  The check reads eight bytes at a
 * time while they are printable ASCII, the common case; a bad byte is reported at its
 * line and column, counted as libyaml counts them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "utf8.h"
#include "yamlread.h"

/* Line and column (in characters) of byte offset off, as libyaml counts them. */
static ypos byte_pos(const unsigned char *buf, size_t off)
{
	ypos p = {1, 1};
	for (size_t i = 0; i < off; i++)
		yr_step_pos(buf, i, &p);
	return p;
}

/*
 * Whether the 8 bytes at s are printable ASCII (0x20-0x7E): the common case, checked at
 * once.  Per byte, the high bit of (x - n) & ~x is set when x < n (no borrow crosses a
 * byte that does not itself hold a hit).
 */
static bool printable_ascii8(const unsigned char *s)
{
	uint64_t w;
	memcpy(&w, s, sizeof w);
	const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
	uint64_t del = w ^ (ones * 0x7F); /* a zero byte where w has DEL */
	return ((w | ((w - ones * 0x20) & ~w) | ((del - ones) & ~del)) & highs) == 0;
}

bool yr_check_utf8(const unsigned char *buf, size_t len, const char *file, mx_diags *diags)
{
	size_t i = 0;
	while (i < len) {
		if (len - i >= 8 && printable_ascii8(buf + i)) {
			i += 8;
			continue;
		}
		if (buf[i] == 0) {
			ypos p = byte_pos(buf, i);
			mx_diag_add(diags, MX_SEV_ERROR, file, p.line, p.column,
				    "NUL byte (files must be UTF-8 text)");
			return false;
		}
		size_t n = buf[i] < 0x80 ? 1 : utf8_seq(buf + i, len - i);
		if (n == 0) {
			ypos p = byte_pos(buf, i);
			mx_diag_add(diags, MX_SEV_ERROR, file, p.line, p.column,
				    "invalid UTF-8 byte 0x%02x (files must be UTF-8)", buf[i]);
			return false;
		}
		/* CR LF is a line break; a CR alone would be one to libyaml and to no editor. */
		bool crlf = buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n';
		long cp = crlf ? -1 : utf8_control(buf + i, len - i);
		if (cp >= 0) {
			ypos p = byte_pos(buf, i);
			mx_diag_add(diags, MX_SEV_ERROR, file, p.line, p.column,
				    "control character U+%04lX (text may hold tab and line breaks, "
				    "no other control character)",
				    (unsigned long)cp);
			return false;
		}
		i += n;
	}
	return true;
}

/* Reads size bytes into *buf, growing it (its capacity in *cap) when it is too small. */
static mx_status read_fd(int fd, size_t size, unsigned char **out, size_t *cap)
{
	unsigned char *buf = *out;
	if (!buf || *cap < size + 1) {
		buf = realloc(*out, size + 1);
		if (!buf)
			return MX_ERR_NOMEM;
		*out = buf;
		*cap = size + 1;
	}
	size_t got = 0;
	while (got < size) {
		ssize_t n = read(fd, buf + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got != size)
		return MX_ERR_SYSTEM;
	buf[size] = '\0';
	return MX_OK;
}

mx_status yr_read_file(const char *path, const mx_limits *limits, mx_diags *diags,
		       unsigned char **buf, size_t *cap, size_t *len)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		mx_diag_add(diags, MX_SEV_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
		return MX_ERR_SYSTEM;
	}
	mx_status st = MX_OK;
	struct stat sb;
	if (fstat(fd, &sb) != 0) {
		mx_diag_add(diags, MX_SEV_ERROR, path, 0, 0, "cannot stat: %s", strerror(errno));
		st = MX_ERR_SYSTEM;
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		mx_diag_add(diags, MX_SEV_ERROR, path, 1, 1, "not a regular file");
		st = MX_ERR_INPUT;
		goto out;
	}
	if ((unsigned long long)sb.st_size > limits->max_file_bytes) {
		mx_diag_add(diags, MX_SEV_ERROR, path, 1, 1,
			    "file is %lld bytes, over the limit of %zu", (long long)sb.st_size,
			    limits->max_file_bytes);
		st = MX_ERR_INPUT;
		goto out;
	}
	st = read_fd(fd, (size_t)sb.st_size, buf, cap);
	if (st == MX_ERR_SYSTEM)
		mx_diag_add(diags, MX_SEV_ERROR, path, 0, 0, "cannot read: %s",
			    errno ? strerror(errno) : "file changed while read");
	if (st != MX_OK)
		goto out;
	*len = (size_t)sb.st_size;
	if (!yr_check_utf8(*buf, *len, path, diags))
		st = MX_ERR_INPUT;
out:
	close(fd);
	return st;
}
