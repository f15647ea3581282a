/*
 * letters.h - finding text that names an option or an item by its letter.
 *
 * Options are shuffled on screen, so "C is correct" is wrong for the candidate as soon
 * as that option is shown under another letter.  A format-2 bank may not name options
 * or items by letter in any text a candidate reads (bank-format.md, version 2); this
 * scanner finds where one does.
 */
#ifndef MX_LETTERS_H
#define MX_LETTERS_H

#include <stddef.h>

typedef struct letter_ref {
	size_t off;	    /* the letter's byte offset in the text */
	size_t from, until; /* the phrase that makes it a reference: "option D", "(C)" */
	char letter;	    /* 'A'..'H' */
} letter_ref;

/*
 * Finds up to max places where text names a letter A..H as an option: "B is correct",
 * "(C)", "option D", "A and C", "D, E", a line that starts "B:" or "B.".  A capital
 * letter used as a word ("A company", "vitamin C", "A/B testing") is not a reference.
 * Returns the number found (at most max), in text order.
 */
size_t letter_refs(const char *text, letter_ref *out, size_t max);

#endif
