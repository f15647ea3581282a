/*
 * signals.h - stopping an exam on SIGINT, SIGTERM and SIGHUP, for every front end.
 *
 * The default action of these signals would end the program at once: the terminal left
 * raw by the full screen, and the clock not saved.  Instead a handler notes the signal,
 * and the front end's loop, woken by the interrupted wait, saves the clock, restores the
 * terminal and exits with status 128 + the signal's number (130, 143, 129), as a shell
 * reports a program killed by it.  Every answer was saved when it was given.
 */
#ifndef MX_SIGNALS_H
#define MX_SIGNALS_H

/* Installs the handlers (without SA_RESTART, so that a wait returns). */
void signals_catch(void);
/* The signal caught, or 0. */
int signals_caught(void);

#endif
