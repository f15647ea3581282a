/*
 * path.c - the path joining of path.h.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "path.h"

char *path_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	bool slash = la && a[la - 1] != '/';
	char *s = malloc(la + slash + lb + 1);
	if (s) {
		memcpy(s, a, la);
		if (slash)
			s[la] = '/';
		memcpy(s + la + slash, b, lb + 1);
	}
	return s;
}
