/*
 * path.h - joining paths.  The result is allocated to fit, so a long path is never cut
 * short: it is either whole or, when memory runs out, not made at all.
 */
#ifndef MX_PATH_H
#define MX_PATH_H

/* a/b, with one slash between them; malloc'd, NULL when out of memory. */
char *path_join(const char *a, const char *b);

#endif
