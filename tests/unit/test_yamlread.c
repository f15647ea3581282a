/*
 * The checked pull reader: the walk, duplicate keys, the depth and scalar limits,
 * anchors, aliases, tags and merge keys refused, control characters, positions inside
 * every style of scalar, small values, and reading files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

/* the six characters mkstemp() and mkdtemp() replace */
#define MKTEMP_TAIL                                                                                \
	"XX"                                                                                       \
	"XX"                                                                                       \
	"XX"

#include "src/lib/arena.h"
#include "src/lib/yamlread.h"

typedef struct doc {
	yreader r;
	mx_diags d;
} doc;

static void open_limited(doc *x, const char *text, const mx_limits *limits)
{
	mx_diags_init(&x->d);
	assert_int_equal(
	    yr_open(&x->r, "t.yaml", (const unsigned char *)text, strlen(text), limits, &x->d),
	    MX_OK);
}

static void open_doc(doc *x, const char *text)
{
	mx_limits limits = mx_limits_default();
	open_limited(x, text, &limits);
}

static void close_doc(doc *x)
{
	yr_close(&x->r);
	mx_diags_free(&x->d);
}

/* The findings so far, one "line:column: message" per line. */
static const char *findings(const mx_diags *d)
{
	static char out[4096];
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < d->count && used < sizeof out; i++)
		used += (size_t)snprintf(out + used, sizeof out - used, "%u:%u: %s\n",
					 d->items[i].line, d->items[i].column, d->items[i].message);
	return out;
}

/* The keys of the mapping opened last, each with its string value, as "k=v;...". */
static const char *pairs(doc *x)
{
	static char out[1024];
	size_t used = 0;
	const char *k, *v;
	size_t kl, vl;
	out[0] = '\0';
	while (yr_key(&x->r, &k, &kl, NULL)) {
		char key[64];
		snprintf(key, sizeof key, "%.*s", (int)kl, k); /* k is gone after the next call */
		if (yr_str(&x->r, key, &v, &vl, NULL))
			used += (size_t)snprintf(out + used, sizeof out - used, "%s=%.*s;", key,
						 (int)vl, v);
	}
	return out;
}

/* ---- the walk ---- */

static void test_yamlread_walks_maps_lists_and_strings_with_positions(void **state)
{
	doc x;
	open_doc(&x, "a: one\nlist:\n  - x\n  - 'y'\nmap: {k: v}\n");
	ypos p;
	assert_int_equal(yr_peek(&x.r, &p), Y_MAP);
	assert_true(yr_map(&x.r, "the document", &p));
	assert_int_equal(p.line, 1);
	const char *k, *s;
	size_t kl, sl;
	assert_true(yr_key(&x.r, &k, &kl, &p));
	assert_memory_equal(k, "a", kl);
	assert_true(yr_str(&x.r, "a", &s, &sl, &p));
	assert_memory_equal(s, "one", 3);
	assert_int_equal(sl, 3);
	assert_true(p.line == 1 && p.column == 4);
	assert_true(yr_key(&x.r, &k, &kl, &p));
	assert_true(p.line == 2 && p.column == 1);
	assert_true(yr_seq(&x.r, "list", &p));
	assert_true(p.line == 3 && p.column == 3);
	assert_true(yr_item(&x.r));
	assert_true(yr_str(&x.r, "item", &s, &sl, NULL));
	assert_true(yr_last_plain(&x.r));
	assert_true(yr_item(&x.r));
	assert_true(yr_str(&x.r, "item", &s, &sl, &p));
	assert_false(yr_last_plain(&x.r));
	assert_true(p.line == 4 && p.column == 5);
	assert_false(yr_item(&x.r));
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	assert_memory_equal(k, "map", 3);
	assert_true(yr_map(&x.r, "map", NULL));
	assert_string_equal(pairs(&x), "k=v;");
	assert_false(yr_key(&x.r, &k, &kl, NULL));
	assert_int_equal(yr_peek(&x.r, NULL), Y_NONE);
	assert_int_equal(x.d.count, 0);
	close_doc(&x);
}

static void test_yamlread_expected_kind_is_reported_and_skipped(void **state)
{
	doc x;
	open_doc(&x, "a: [1, 2]\nb: {c: d}\ne: f\n");
	assert_true(yr_map(&x.r, "the profile", NULL));
	const char *k, *s;
	size_t kl;
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	assert_false(yr_str(&x.r, "'a'", &s, NULL, NULL));
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	assert_false(yr_seq(&x.r, "'b'", NULL));
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	assert_false(yr_map(&x.r, "'e'", NULL));
	assert_false(yr_key(&x.r, &k, &kl, NULL));
	assert_string_equal(findings(&x.d), "1:4: expected a string for 'a', found a list\n"
					    "2:4: expected a list for 'b', found a mapping\n"
					    "3:4: expected a mapping for 'e', found a string\n");
	close_doc(&x);
}

static void test_yamlread_empty_document_has_nothing(void **state)
{
	doc x;
	open_doc(&x, "");
	assert_true(x.r.empty);
	assert_int_equal(yr_peek(&x.r, NULL), Y_NONE);
	assert_false(yr_map(&x.r, "the profile", NULL));
	assert_int_equal(x.d.count, 0);
	close_doc(&x);
}

static void test_yamlread_syntax_error_is_reported_once_and_stops(void **state)
{
	doc x;
	open_doc(&x, "a: [1, 2\nb: c\n");
	assert_true(yr_map(&x.r, "doc", NULL));
	const char *k;
	size_t kl;
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	yr_skip(&x.r);
	assert_false(yr_key(&x.r, &k, &kl, NULL));
	assert_int_equal(yr_peek(&x.r, NULL), Y_NONE);
	yr_close(&x.r);
	assert_int_equal(x.d.count, 1);
	assert_string_equal(x.d.items[0].message,
			    "YAML syntax: did not find expected ',' or ']' while parsing a flow "
			    "sequence");
	mx_diags_free(&x.d);
}

static void test_yamlread_second_document_is_reported_at_close(void **state)
{
	doc x;
	open_doc(&x, "a: 1\n---\nb: 2\n");
	assert_true(yr_map(&x.r, "doc", NULL));
	assert_string_equal(pairs(&x), "a=1;");
	yr_close(&x.r);
	assert_string_equal(findings(&x.d),
			    "2:1: a file holds one YAML document; this is a second\n");
	mx_diags_free(&x.d);
}

static void test_yamlread_close_mid_walk_releases_everything(void **state)
{
	doc x;
	open_doc(&x, "a: {b: [1, {c: d}]}\n");
	assert_true(yr_map(&x.r, "doc", NULL));
	const char *k;
	size_t kl;
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	assert_true(yr_map(&x.r, "a", NULL));
	yr_close(&x.r); /* ASan's leak check sees the levels and key lists freed */
	assert_null(x.r.levels);
	assert_null(x.r.keys);
	assert_int_equal(x.d.count, 0); /* nothing to report about a walk left early */
	mx_diags_free(&x.d);
}

/* ---- duplicate keys ---- */

static void test_yamlread_duplicate_key_is_reported_with_the_first_line(void **state)
{
	doc x;
	open_doc(&x, "a: 1\nb: 2\na: 3\nc: 4\n");
	assert_true(yr_map(&x.r, "doc", NULL));
	assert_string_equal(pairs(&x), "a=1;b=2;c=4;"); /* the duplicate and its value skipped */
	assert_string_equal(findings(&x.d), "3:1: duplicate key 'a' (first at line 1)\n");
	close_doc(&x);
}

static void test_yamlread_same_key_in_other_mappings_is_no_duplicate(void **state)
{
	doc x;
	open_doc(&x, "a: {x: 1, y: {x: 2}}\nb: {x: 3}\nx: 4\n");
	assert_true(yr_map(&x.r, "doc", NULL));
	const char *k;
	size_t kl;
	while (yr_key(&x.r, &k, &kl, NULL))
		yr_skip(&x.r);
	assert_int_equal(x.d.count, 0);
	close_doc(&x);
}

static void test_yamlread_duplicate_found_in_a_large_mapping(void **state)
{
	/* past the small-mapping scan: 200 keys through the hash table, then repeats */
	static char text[8192];
	size_t used = 0;
	for (int i = 0; i < 200; i++)
		used += (size_t)snprintf(text + used, sizeof text - used, "k%d: v\n", i);
	snprintf(text + used, sizeof text - used, "k17: again\nk199: again\nnew: v\nk0: again\n");
	doc x;
	open_doc(&x, text);
	assert_true(yr_map(&x.r, "doc", NULL));
	const char *k;
	size_t kl;
	size_t n = 0;
	while (yr_key(&x.r, &k, &kl, NULL)) {
		n++;
		yr_skip(&x.r);
	}
	assert_int_equal(n, 201);
	assert_string_equal(findings(&x.d), "201:1: duplicate key 'k17' (first at line 18)\n"
					    "202:1: duplicate key 'k199' (first at line 200)\n"
					    "204:1: duplicate key 'k0' (first at line 1)\n");
	close_doc(&x);
}

static void test_yamlread_duplicate_key_message_cuts_long_keys_on_a_character(void **state)
{
	/* 79 ASCII bytes then 'é': byte 80 is inside the 'é', so the cut comes before it */
	static char text[512];
	char key[100];
	memset(key, 'k', 79);
	snprintf(key + 79, sizeof key - 79, "\xc3\xa9tail");
	snprintf(text, sizeof text, "%s: 1\n%s: 2\n", key, key);
	doc x;
	open_doc(&x, text);
	assert_true(yr_map(&x.r, "doc", NULL));
	pairs(&x);
	char want[200];
	snprintf(want, sizeof want, "duplicate key '%.79s' (first at line 1)", key);
	assert_int_equal(x.d.count, 1);
	assert_string_equal(x.d.items[0].message, want);
	close_doc(&x);
}

static void test_yamlread_empty_keys_are_compared_too(void **state)
{
	doc x;
	open_doc(&x, "'': 1\n\"\": 2\n");
	assert_true(yr_map(&x.r, "doc", NULL));
	assert_string_equal(pairs(&x), "=1;");
	assert_string_equal(findings(&x.d), "2:1: duplicate key '' (first at line 1)\n");
	close_doc(&x);
}

static void test_yamlread_non_string_key_is_refused_with_its_value(void **state)
{
	doc x;
	open_doc(&x, "? [a, b]\n: 1\nc: 2\n");
	assert_true(yr_map(&x.r, "doc", NULL));
	assert_string_equal(pairs(&x), "c=2;");
	assert_string_equal(findings(&x.d), "1:3: keys must be strings, found a list\n");
	close_doc(&x);
}

/* ---- limits ---- */

static void test_yamlread_nesting_past_the_depth_limit_stops(void **state)
{
	mx_limits limits = mx_limits_default();
	limits.max_depth = 3;
	doc x;
	open_limited(&x, "a: {b: {c: 1}}\n", &limits); /* three levels: allowed */
	yr_skip(&x.r);
	assert_int_equal(x.d.count, 0);
	close_doc(&x);
	open_limited(&x, "a: {b: {c: {d: 1}}}\ne: 2\n", &limits);
	yr_skip(&x.r);
	assert_string_equal(findings(&x.d), "1:12: nesting deeper than 3 levels\n");
	assert_int_equal(yr_peek(&x.r, NULL), Y_NONE); /* nothing more is read */
	yr_close(&x.r);
	assert_int_equal(x.d.count, 1);
	mx_diags_free(&x.d);
}

static void test_yamlread_default_depth_limit_is_32(void **state)
{
	static char text[256];
	size_t used = 0;
	for (int i = 0; i < 32; i++)
		text[used++] = '[';
	for (int i = 0; i < 32; i++)
		text[used++] = ']';
	text[used] = '\0';
	doc x;
	open_doc(&x, text);
	yr_skip(&x.r);
	assert_int_equal(x.d.count, 0);
	close_doc(&x);
	memmove(text + 1, text, used + 1);
	text[0] = '[';
	text[used + 1] = ']';
	text[used + 2] = '\0';
	open_doc(&x, text);
	yr_skip(&x.r);
	assert_string_equal(findings(&x.d), "1:33: nesting deeper than 32 levels\n");
	close_doc(&x);
}

static void test_yamlread_scalar_over_the_limit_is_reported_and_the_walk_goes_on(void **state)
{
	mx_limits limits = mx_limits_default();
	limits.max_scalar = 8;
	doc x;
	open_limited(&x, "a: 12345678\nb: 123456789\nc: ok\n", &limits);
	assert_true(yr_map(&x.r, "doc", NULL));
	assert_string_equal(pairs(&x), "a=12345678;b=123456789;c=ok;");
	assert_string_equal(findings(&x.d), "2:4: string of 9 bytes is over the limit of 8\n");
	close_doc(&x);
}

/* ---- what YAML allows and banks may not hold ---- */

static void test_yamlread_anchors_and_aliases_are_refused(void **state)
{
	doc x;
	open_doc(&x, "a: &x 1\nb: *x\nc: &l [1]\nd: 2\n");
	assert_true(yr_map(&x.r, "doc", NULL));
	const char *k, *s;
	size_t kl;
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	assert_true(yr_str(&x.r, "a", &s, NULL, NULL)); /* reported, and still read */
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	assert_int_equal(yr_peek(&x.r, NULL), Y_BAD);
	assert_false(yr_str(&x.r, "b", &s, NULL, NULL)); /* no second report for it */
	assert_string_equal(pairs(&x), "d=2;");
	assert_string_equal(findings(&x.d), "1:4: anchors are not allowed (&x)\n"
					    "2:4: aliases are not allowed (*x)\n"
					    "3:4: anchors are not allowed (&l)\n"
					    "3:4: expected a string for c, found a list\n");
	close_doc(&x);
}

static void test_yamlread_alias_as_a_key_is_reported_once(void **state)
{
	doc x;
	open_doc(&x, "a: &k key\n*k : 1\nb: 2\n");
	assert_true(yr_map(&x.r, "doc", NULL));
	assert_string_equal(pairs(&x), "a=key;b=2;");
	assert_string_equal(findings(&x.d), "1:4: anchors are not allowed (&k)\n"
					    "2:1: aliases are not allowed (*k)\n");
	close_doc(&x);
}

static void test_yamlread_tags_are_refused(void **state)
{
	doc x;
	open_doc(&x, "a: !!str 1\nb: !custom x\nc: !!map {d: e}\n");
	assert_true(yr_map(&x.r, "doc", NULL));
	const char *k;
	size_t kl;
	while (yr_key(&x.r, &k, &kl, NULL))
		yr_skip(&x.r);
	assert_string_equal(findings(&x.d), "1:4: tags are not allowed (!!str)\n"
					    "2:4: tags are not allowed (!custom)\n"
					    "3:4: tags are not allowed (!!map)\n");
	close_doc(&x);
}

static void test_yamlread_merge_keys_are_refused(void **state)
{
	doc x;
	open_doc(&x, "a:\n  <<: {x: 1}\n  y: 2\n\"<<\": quoted\n");
	assert_true(yr_map(&x.r, "doc", NULL));
	const char *k;
	size_t kl;
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	assert_true(yr_map(&x.r, "a", NULL));
	assert_string_equal(pairs(&x), "y=2;");
	/* a quoted "<<" is an ordinary key */
	assert_string_equal(pairs(&x), "<<=quoted;");
	assert_string_equal(findings(&x.d), "2:3: merge keys (<<) are not allowed\n");
	close_doc(&x);
}

/* ---- control characters ---- */

/* The single finding for a document of one key 'a' with a string value. */
static const char *control_finding(const char *text)
{
	doc x;
	open_doc(&x, text);
	assert_true(yr_map(&x.r, "doc", NULL));
	pairs(&x);
	static char out[512];
	snprintf(out, sizeof out, "%s", findings(&x.d));
	close_doc(&x);
	return out;
}

static void test_yamlread_escaped_control_characters_are_reported_at_the_escape(void **state)
{
	const char *tail = " in a string; only tab and newline may appear\n";
	char want[256];
	snprintf(want, sizeof want, "1:6: control character U+001B%s", tail);
	assert_string_equal(control_finding("a: \"x\\ey\"\n"), want);
	assert_string_equal(control_finding("a: \"x\\x1by\"\n"), want);
	snprintf(want, sizeof want, "1:7: control character U+0000%s", tail);
	assert_string_equal(control_finding("a: \"xy\\0\"\n"), want);
	snprintf(want, sizeof want, "1:5: control character U+007F%s", tail);
	assert_string_equal(control_finding("a: \"\\x7F\"\n"), want);
	/* C1 (U+0080-U+009F), written as \u or as YAML's \N (next line, U+0085) */
	snprintf(want, sizeof want, "1:6: control character U+0085%s", tail);
	assert_string_equal(control_finding("a: \"é\\u0085\"\n"), want);
	assert_string_equal(control_finding("a: \"é\\N\"\n"), want);
	/* on a continuation line of a double-quoted string */
	snprintf(want, sizeof want, "2:6: control character U+0007%s", tail);
	assert_string_equal(control_finding("a: \"one\n  two\\a\"\n"), want);
	/* only the first of a string is reported */
	snprintf(want, sizeof want, "1:5: control character U+0001%s", tail);
	assert_string_equal(control_finding("a: \"\\x01\\x02\"\n"), want);
}

static void test_yamlread_tab_and_newline_are_allowed(void **state)
{
	assert_string_equal(control_finding("a: \"x\\ty\\nz\"\n"), "");
	assert_string_equal(control_finding("a: \"x\ty\"\n"), "");
	assert_string_equal(control_finding("a: |\n  x\ty\n  z\n"), "");
	assert_string_equal(control_finding("a: \"\\u00A0\\u0080x\"\n"),
			    "1:11: control character U+0080 in a string; only tab and newline "
			    "may appear\n"); /* U+00A0 is no control character; U+0080 is */
}

static void test_yamlread_check_utf8_refuses_control_characters(void **state)
{
	static const struct {
		const char *text;
		const char *finding;
	} cases[] = {
	    {"a: x\x1by\n", "1:5: control character U+001B (text may hold tab and line breaks, no "
			    "other control character)\n"},
	    {"a: b\nc: d\re\n", "2:5: control character U+000D (text may hold tab and line "
				"breaks, no other control character)\n"},
	    {"a: \xc3\xa9\x7f\n", "1:5: control character U+007F (text may hold tab and line "
				  "breaks, no other control character)\n"},
	    {"a: \xc2\x85\n", "1:4: control character U+0085 (text may hold tab and line breaks, "
			      "no other control character)\n"},
	    {"a: \xff\n", "1:4: invalid UTF-8 byte 0xff (files must be UTF-8)\n"},
	    {"a: \xc0\x80\n", "1:4: invalid UTF-8 byte 0xc0 (files must be UTF-8)\n"},
	    {"a: \xed\xa0\x80\n", "1:4: invalid UTF-8 byte 0xed (files must be UTF-8)\n"},
	    {"a: \xe2\x82\n", "1:4: invalid UTF-8 byte 0xe2 (files must be UTF-8)\n"},
	    {"a: \xf4\x90\x80\x80\n", "1:4: invalid UTF-8 byte 0xf4 (files must be UTF-8)\n"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		mx_diags d;
		mx_diags_init(&d);
		assert_false(yr_check_utf8((const unsigned char *)cases[i].text,
					   strlen(cases[i].text), "f", &d));
		assert_string_equal(findings(&d), cases[i].finding);
		mx_diags_free(&d);
	}
	/* NUL needs its length: strlen would stop at it */
	mx_diags d;
	mx_diags_init(&d);
	assert_false(yr_check_utf8((const unsigned char *)"abcdefghij\0k", 12, "f", &d));
	assert_string_equal(findings(&d), "1:11: NUL byte (files must be UTF-8 text)\n");
	mx_diags_free(&d);
}

static void test_yamlread_check_utf8_accepts_text(void **state)
{
	const char *ok[] = {
	    "",
	    "plain ASCII, longer than one eight-byte word at a time~\n",
	    "tab\there\r\nCRLF line\r\n",
	    "\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xc2\xa0 \xef\xbb\xbf",
	};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		mx_diags d;
		mx_diags_init(&d);
		assert_true(yr_check_utf8((const unsigned char *)ok[i], strlen(ok[i]), "f", &d));
		assert_int_equal(d.count, 0);
		mx_diags_free(&d);
	}
}

/* ---- positions inside scalars ---- */

/* Where byte off of the value of key 'a' (the document's first) stands, as "line:col". */
static const char *pos_of(const char *text, size_t off, const char *value)
{
	static char out[32];
	doc x;
	open_doc(&x, text);
	assert_true(yr_map(&x.r, "doc", NULL));
	const char *k, *s;
	size_t kl, sl;
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	assert_true(yr_str(&x.r, "a", &s, &sl, NULL));
	assert_int_equal(sl, strlen(value));
	assert_memory_equal(s, value, sl);
	ypos p = yr_scalar_pos(&x.r, off);
	snprintf(out, sizeof out, "%u:%u", p.line, p.column);
	assert_int_equal(x.d.count, 0);
	close_doc(&x);
	return out;
}

static void test_yamlread_scalar_pos_in_plain_scalars(void **state)
{
	assert_string_equal(pos_of("a: hello world\n", 0, "hello world"), "1:4");
	assert_string_equal(pos_of("a: hello world\n", 6, "hello world"), "1:10");
	/* a plain scalar folded over lines: the space stands at the line break */
	const char *two = "a: hello\n  big\n   world\n";
	assert_string_equal(pos_of(two, 5, "hello big world"), "1:9");
	assert_string_equal(pos_of(two, 6, "hello big world"), "2:3");
	assert_string_equal(pos_of(two, 10, "hello big world"), "3:4");
	/* columns count characters, not bytes */
	assert_string_equal(pos_of("a: \xc3\xa9t\xc3\xa9 x\n", 6, "\xc3\xa9t\xc3\xa9 x"), "1:8");
}

static void test_yamlread_scalar_pos_in_quoted_scalars(void **state)
{
	/* single-quoted: '' stands for one quote */
	assert_string_equal(pos_of("a: 'it''s x'\n", 0, "it's x"), "1:5");
	assert_string_equal(pos_of("a: 'it''s x'\n", 3, "it's x"), "1:9");
	assert_string_equal(pos_of("a: 'one\n  two'\n", 4, "one two"), "2:3");
	/* double-quoted: a character an escape stands for is at its backslash */
	assert_string_equal(pos_of("a: \"x\\ty\"\n", 1, "x\ty"), "1:6");
	assert_string_equal(pos_of("a: \"x\\ty\"\n", 2, "x\ty"), "1:8");
	assert_string_equal(pos_of("a: \"\\u00e9x\"\n", 1, "\xc3\xa9x"), "1:5"); /* inside é */
	assert_string_equal(pos_of("a: \"\\u00e9x\"\n", 2, "\xc3\xa9x"), "1:11");
	assert_string_equal(pos_of("a: \"\\U0001F600!\"\n", 4, "\xf0\x9f\x98\x80!"), "1:15");
	assert_string_equal(pos_of("a: \"say \\\"hi\\\"\"\n", 5, "say \"hi\""), "1:11");
	/* folded over lines, and an escaped line break that stands for nothing */
	assert_string_equal(pos_of("a: \"ab\n  cd\"\n", 3, "ab cd"), "2:3");
	assert_string_equal(pos_of("a: \"ab\\\n  cd\"\n", 2, "abcd"), "2:3");
}

static void test_yamlread_scalar_pos_in_block_scalars(void **state)
{
	const char *lit = "a: |\n  line one\n  line two\n";
	assert_string_equal(pos_of(lit, 0, "line one\nline two\n"), "2:3");
	assert_string_equal(pos_of(lit, 5, "line one\nline two\n"), "2:8");
	assert_string_equal(pos_of(lit, 9, "line one\nline two\n"), "3:3");
	/* indentation beyond the block's is part of the value */
	assert_string_equal(pos_of("a: |\n  x\n    y\n", 4, "x\n  y\n"), "3:5");
	assert_string_equal(pos_of("a: |\n  x\n    y\n", 2, "x\n  y\n"), "3:3"); /* its spaces */
	/* a header that could match the value: "- item" after "|-" */
	assert_string_equal(pos_of("a: >-\n  - item\n", 0, "- item"), "2:3");
	const char *fold = "a: >\n  aa\n  bb\n";
	assert_string_equal(pos_of(fold, 2, "aa bb\n"), "2:5");
	assert_string_equal(pos_of(fold, 3, "aa bb\n"), "3:3");
	/* a header with an indentation indicator and chomping */
	assert_string_equal(pos_of("a: |2-\n   x\n", 1, " x"), "2:4");
	assert_string_equal(pos_of("a: |2-\n   x\n", 0, " x"), "2:3");
}

static void test_yamlread_scalar_pos_past_the_value_is_the_scalar_start(void **state)
{
	assert_string_equal(pos_of("a: hello\n", 5, "hello"), "1:4");
	assert_string_equal(pos_of("a: hello\n", 1000, "hello"), "1:4");
	assert_string_equal(pos_of("a: \"\"\n", 0, ""), "1:4");
}

static void test_yamlread_scalar_pos_in_a_flow_mapping_and_a_list(void **state)
{
	doc x;
	open_doc(&x, "a: [x, {k: 'abc def'}]\n");
	assert_true(yr_map(&x.r, "doc", NULL));
	const char *k, *s;
	size_t kl, sl;
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	assert_true(yr_seq(&x.r, "a", NULL));
	assert_true(yr_item(&x.r));
	assert_true(yr_str(&x.r, "x", &s, &sl, NULL));
	assert_true(yr_item(&x.r));
	assert_true(yr_map(&x.r, "item", NULL));
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	assert_true(yr_str(&x.r, "k", &s, &sl, NULL));
	ypos p = yr_scalar_pos(&x.r, 4);
	assert_true(p.line == 1 && p.column == 17);
	close_doc(&x);
}

/* ---- small values ---- */

static void test_yamlread_value_reads_strings_lists_and_mappings(void **state)
{
	arena a;
	arena_init(&a);
	doc x;
	open_doc(&x, "s: text\nl: [x, y]\nm: {k: v, j: w}\nn: null\nq: 'null'\ne: []\nt: ~\n");
	assert_true(yr_map(&x.r, "doc", NULL));
	const char *k;
	size_t kl;
	yvalue v;
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	yr_value(&x.r, &a, "s", &v);
	assert_true(v.kind == Y_SCALAR && v.n == 1 && !v.null);
	assert_string_equal(v.val[0], "text");
	assert_true(v.vpos[0].line == 1 && v.vpos[0].column == 4);
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	yr_value(&x.r, &a, "l", &v);
	assert_true(v.kind == Y_SEQ && v.n == 2 && !v.null);
	assert_string_equal(v.val[1], "y");
	assert_true(v.vpos[1].line == 2 && v.vpos[1].column == 8);
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	yr_value(&x.r, &a, "m", &v);
	assert_true(v.kind == Y_MAP && v.n == 2);
	assert_string_equal(v.key[1], "j");
	assert_string_equal(v.val[1], "w");
	assert_true(v.kpos[1].line == 3 && v.kpos[1].column == 11);
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	yr_value(&x.r, &a, "n", &v);
	assert_true(v.null);
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	yr_value(&x.r, &a, "q", &v);
	assert_false(v.null); /* a quoted 'null' is the word */
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	yr_value(&x.r, &a, "e", &v);
	assert_true(v.kind == Y_SEQ && v.null && v.n == 0);
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	yr_value(&x.r, &a, "t", &v);
	assert_true(v.null);
	assert_int_equal(x.d.count, 0);
	close_doc(&x);
	arena_free(&a);
}

static void test_yamlread_value_refuses_too_many_entries_and_nesting(void **state)
{
	arena a;
	arena_init(&a);
	doc x;
	open_doc(&x, "l: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]\n"
		     "n: [a, [b], c]\n");
	assert_true(yr_map(&x.r, "doc", NULL));
	const char *k;
	size_t kl;
	yvalue v;
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	yr_value(&x.r, &a, "'l'", &v);
	assert_int_equal(v.n, YVALUE_MAX);
	assert_string_equal(v.val[15], "15");
	assert_true(yr_key(&x.r, &k, &kl, NULL));
	yr_value(&x.r, &a, "'n'", &v);
	assert_int_equal(v.n, 2);
	assert_string_equal(v.val[1], "c");
	assert_string_equal(findings(&x.d), "1:59: too many entries in 'l' (at most 16)\n"
					    "1:63: too many entries in 'l' (at most 16)\n"
					    "2:8: expected a string for 'n', found a list\n");
	close_doc(&x);
	arena_free(&a);
}

static void test_yamlread_utf8_prefix_ends_on_a_whole_character(void **state)
{
	assert_int_equal(utf8_prefix("abc", 5), 3);
	assert_int_equal(utf8_prefix("abc", 3), 3);
	assert_int_equal(utf8_prefix("abcd", 3), 3);
	assert_int_equal(utf8_prefix("a\xc3\xa9z", 2), 1); /* 'é' would be cut */
	assert_int_equal(utf8_prefix("a\xc3\xa9z", 3), 3); /* 'é' whole */
	assert_int_equal(utf8_prefix("\xf0\x9f\x98\x80", 3), 0);
	assert_int_equal(utf8_prefix("", 0), 0);
}

/* ---- reading files ---- */

static const char *temp_file(const char *text, size_t len)
{
	static char path[64];
	snprintf(path, sizeof path, "/tmp/mx-yamlread-" MKTEMP_TAIL);
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
	return path;
}

static void test_yamlread_read_file_reuses_and_grows_the_buffer(void **state)
{
	mx_limits limits = mx_limits_default();
	mx_diags d;
	mx_diags_init(&d);
	unsigned char *buf = NULL;
	size_t cap = 0, len = 0;
	const char *path = temp_file("a: 1\nb: 2\n", 10);
	assert_int_equal(yr_read_file(path, &limits, &d, &buf, &cap, &len), MX_OK);
	assert_int_equal(len, 10);
	assert_memory_equal(buf, "a: 1\nb: 2\n", 11); /* and NUL-terminated */
	unlink(path);
	unsigned char *first = buf;
	size_t first_cap = cap;
	path = temp_file("c: 3\n", 5);
	assert_int_equal(yr_read_file(path, &limits, &d, &buf, &cap, &len), MX_OK);
	assert_ptr_equal(buf, first); /* a smaller file reuses the buffer */
	assert_int_equal(cap, first_cap);
	assert_int_equal(len, 5);
	assert_string_equal((char *)buf, "c: 3\n");
	unlink(path);
	static char big[5000];
	memset(big, 'x', sizeof big);
	path = temp_file(big, sizeof big);
	assert_int_equal(yr_read_file(path, &limits, &d, &buf, &cap, &len), MX_OK);
	assert_true(cap > sizeof big);
	assert_int_equal(len, sizeof big);
	unlink(path);
	assert_int_equal(d.count, 0);
	free(buf);
	mx_diags_free(&d);
}

static void test_yamlread_read_file_refuses_what_is_not_a_small_text_file(void **state)
{
	mx_limits limits = mx_limits_default();
	limits.max_file_bytes = 8;
	mx_diags d;
	mx_diags_init(&d);
	unsigned char *buf = NULL;
	size_t cap = 0, len = 0;
	assert_int_equal(yr_read_file("/nonexistent/x.yaml", &limits, &d, &buf, &cap, &len),
			 MX_ERR_SYSTEM);
	assert_string_equal(findings(&d), "0:0: cannot open: No such file or directory\n");
	mx_diags_free(&d);
	mx_diags_init(&d);
	assert_int_equal(yr_read_file("/tmp", &limits, &d, &buf, &cap, &len), MX_ERR_INPUT);
	assert_string_equal(findings(&d), "1:1: not a regular file\n");
	mx_diags_free(&d);
	mx_diags_init(&d);
	const char *path = temp_file("a: 123456\n", 10);
	assert_int_equal(yr_read_file(path, &limits, &d, &buf, &cap, &len), MX_ERR_INPUT);
	assert_string_equal(findings(&d), "1:1: file is 10 bytes, over the limit of 8\n");
	unlink(path);
	mx_diags_free(&d);
	mx_diags_init(&d);
	path = temp_file("a: \x01\n", 5);
	assert_int_equal(yr_read_file(path, &limits, &d, &buf, &cap, &len), MX_ERR_INPUT);
	assert_string_equal(findings(&d), "1:4: control character U+0001 (text may hold tab and "
					  "line breaks, no other control character)\n");
	assert_string_equal(d.items[0].file, path);
	unlink(path);
	mx_diags_free(&d);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_yamlread_walks_maps_lists_and_strings_with_positions),
	    cmocka_unit_test(test_yamlread_expected_kind_is_reported_and_skipped),
	    cmocka_unit_test(test_yamlread_empty_document_has_nothing),
	    cmocka_unit_test(test_yamlread_syntax_error_is_reported_once_and_stops),
	    cmocka_unit_test(test_yamlread_second_document_is_reported_at_close),
	    cmocka_unit_test(test_yamlread_close_mid_walk_releases_everything),
	    cmocka_unit_test(test_yamlread_duplicate_key_is_reported_with_the_first_line),
	    cmocka_unit_test(test_yamlread_same_key_in_other_mappings_is_no_duplicate),
	    cmocka_unit_test(test_yamlread_duplicate_found_in_a_large_mapping),
	    cmocka_unit_test(test_yamlread_duplicate_key_message_cuts_long_keys_on_a_character),
	    cmocka_unit_test(test_yamlread_empty_keys_are_compared_too),
	    cmocka_unit_test(test_yamlread_non_string_key_is_refused_with_its_value),
	    cmocka_unit_test(test_yamlread_nesting_past_the_depth_limit_stops),
	    cmocka_unit_test(test_yamlread_default_depth_limit_is_32),
	    cmocka_unit_test(test_yamlread_scalar_over_the_limit_is_reported_and_the_walk_goes_on),
	    cmocka_unit_test(test_yamlread_anchors_and_aliases_are_refused),
	    cmocka_unit_test(test_yamlread_alias_as_a_key_is_reported_once),
	    cmocka_unit_test(test_yamlread_tags_are_refused),
	    cmocka_unit_test(test_yamlread_merge_keys_are_refused),
	    cmocka_unit_test(test_yamlread_escaped_control_characters_are_reported_at_the_escape),
	    cmocka_unit_test(test_yamlread_tab_and_newline_are_allowed),
	    cmocka_unit_test(test_yamlread_check_utf8_refuses_control_characters),
	    cmocka_unit_test(test_yamlread_check_utf8_accepts_text),
	    cmocka_unit_test(test_yamlread_scalar_pos_in_plain_scalars),
	    cmocka_unit_test(test_yamlread_scalar_pos_in_quoted_scalars),
	    cmocka_unit_test(test_yamlread_scalar_pos_in_block_scalars),
	    cmocka_unit_test(test_yamlread_scalar_pos_past_the_value_is_the_scalar_start),
	    cmocka_unit_test(test_yamlread_scalar_pos_in_a_flow_mapping_and_a_list),
	    cmocka_unit_test(test_yamlread_value_reads_strings_lists_and_mappings),
	    cmocka_unit_test(test_yamlread_value_refuses_too_many_entries_and_nesting),
	    cmocka_unit_test(test_yamlread_utf8_prefix_ends_on_a_whole_character),
	    cmocka_unit_test(test_yamlread_read_file_reuses_and_grows_the_buffer),
	    cmocka_unit_test(test_yamlread_read_file_refuses_what_is_not_a_small_text_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
