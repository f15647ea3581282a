/*
 * letters.c - finding text that names an option by its letter (letters.h).
 *
 * A hand-written scan rather than a regular expression: it runs over every explanation
 * and reason of a bank, and the contexts that make a lone capital a reference are few
 * and fixed.  A candidate letter is a capital A..H standing alone as a word; it is a
 * reference when its neighbours say so, in one of five ways (see is_reference()).
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "letters.h"

static bool is_word(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '-' || c == '\'' || c >= 0x80;
}

/* Whether text[i] is a capital A..H standing alone: not part of a longer word. */
static bool lone_letter(const char *text, size_t i)
{
	unsigned char c = (unsigned char)text[i];
	if (c < 'A' || c > 'H')
		return false;
	if (i > 0 &&
	    (is_word((unsigned char)text[i - 1]) || text[i - 1] == '/' || text[i - 1] == '.'))
		return false;
	unsigned char next = (unsigned char)text[i + 1];
	return !is_word(next) && next != '/' && next != '+' && next != '#';
}

static size_t skip_space(const char *s, size_t i)
{
	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')
		i++;
	return i;
}

/* Whether s at i starts the whole word w (ASCII, case-insensitive); its end in *end. */
static bool word_at(const char *s, size_t i, const char *w, size_t *end)
{
	size_t n = strlen(w);
	for (size_t k = 0; k < n; k++)
		if (tolower((unsigned char)s[i + k]) != w[k])
			return false;
	if (is_word((unsigned char)s[i + n]))
		return false;
	*end = i + n;
	return true;
}

/* Whether a word that names what a letter stands for ends just before i; its start. */
static bool noun_before(const char *s, size_t i, size_t *from)
{
	static const char *const nouns[] = {"option",  "options", "answer", "answers", "choice",
					    "choices", "item",	  "items",  "letter",  "letters",
					    "key",     "keys",	  NULL};
	size_t j = i;
	while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t' || s[j - 1] == '\n'))
		j--;
	if (j == i)
		return false;
	size_t start = j;
	while (start > 0 && isalpha((unsigned char)s[start - 1]))
		start--;
	if (start > 0 && is_word((unsigned char)s[start - 1]))
		return false;
	for (size_t k = 0; nouns[k]; k++) {
		size_t end;
		if (j - start == strlen(nouns[k]) && word_at(s, start, nouns[k], &end)) {
			*from = start;
			return true;
		}
	}
	return false;
}

/* "A and C", "D, E", "B or D", "A & B": the end of the second letter, or 0. */
static size_t list_after(const char *s, size_t i)
{
	size_t j = skip_space(s, i + 1), end;
	if (s[j] == ',' || s[j] == '&')
		j++;
	else if (word_at(s, j, "and", &end) || word_at(s, j, "or", &end))
		j = end;
	else
		return 0;
	j = skip_space(s, j);
	return lone_letter(s, j) ? j + 1 : 0;
}

/* "B is", "C are", "D would": the end of the verb, or 0. */
static size_t verb_after(const char *s, size_t i)
{
	static const char *const verbs[] = {"is",    "are", "was",  "were",  "would", "will",
					    "could", "can", "does", "fails", "meets", NULL};
	size_t j = i + 1, end;
	if (s[j] != ' ')
		return 0;
	j = skip_space(s, j);
	for (size_t k = 0; verbs[k]; k++)
		if (word_at(s, j, verbs[k], &end))
			return end;
	return 0;
}

static bool line_start(const char *s, size_t i)
{
	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
		i--;
	return i == 0 || s[i - 1] == '\n';
}

/*
 * Whether the letter at i is a reference, and the phrase that makes it one:
 *   "(C)";  "option D" (a noun before it);  "A and C", "D, E" (a list of letters);
 *   "B is", "C would" (a letter as the subject of a verb);  "B:" or "B." opening a line.
 */
static bool is_reference(const char *s, size_t i, letter_ref *ref)
{
	size_t from = i, until = 0;
	if (i > 0 && s[i - 1] == '(' && s[i + 1] == ')')
		from = i - 1, until = i + 2;
	else if (noun_before(s, i, &from))
		until = i + 1;
	else if ((from = i, until = list_after(s, i)) != 0)
		;
	else if ((until = verb_after(s, i)) != 0)
		;
	else if (line_start(s, i) && (s[i + 1] == ':' || s[i + 1] == '.' || s[i + 1] == ')') &&
		 (s[i + 2] == ' ' || s[i + 2] == '\n' || s[i + 2] == '\0'))
		until = i + 2;
	ref->off = i;
	ref->from = from;
	ref->until = until;
	ref->letter = s[i];
	return until != 0;
}

size_t letter_refs(const char *text, letter_ref *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; text[i] && n < max; i++) {
		if (!lone_letter(text, i))
			continue;
		if (is_reference(text, i, &out[n]))
			n++;
	}
	return n;
}
