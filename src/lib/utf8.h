/*
 * utf8.h - UTF-8 text as bytes: checking sequences, finding control characters, counting
 * characters and cutting text on a character boundary.  Knows nothing of exams.
 */
#ifndef MX_UTF8_H
#define MX_UTF8_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (avail bytes, avail > 0), or 0 when invalid. */
size_t utf8_seq(const unsigned char *s, size_t avail);

/*
 * The code point of the character at s (avail bytes, valid UTF-8) when it is a control
 * character that text may not hold: C0 but tab and newline, DEL, or C1 (U+0080-U+009F,
 * which UTF-8 writes as 0xC2 0x80-0x9F); -1 otherwise.  Any of them could drive the
 * terminal a question is shown on.
 */
long utf8_control(const unsigned char *s, size_t avail);

/* Characters (code points) in the len bytes at s, which are valid UTF-8. */
size_t utf8_chars(const char *s, size_t len);

/* The bytes of s, at most max, that end on a whole UTF-8 character: for "%.*s". */
int utf8_prefix(const char *s, size_t max);

#endif
