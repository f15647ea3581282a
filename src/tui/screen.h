/*
 * screen.h - the full-screen exam (ncursesw), the program's side of it.
 */
#ifndef MX_SCREEN_H
#define MX_SCREEN_H

#include <stdbool.h>

#include "mockexam/attempt.h"

/*
 * Runs the attempt on the terminal until it is submitted (by the candidate or the
 * clock) or left to resume, then shows the results and the answer review.  notice (may
 * be NULL) is shown once, on the first screen.  Returns a process exit status.
 */
int screen_run(mx_attempt *a, bool resumed, const char *notice);

#endif
