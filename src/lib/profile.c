/*
 * profile.c - reading and checking exam.yaml, the exam profile.
 *
 * Values are read as strings (the format says every scalar is a string) and converted
 * here with strict parsers, so "65 " or "6.5e1" is an error rather than a surprise.
 * Checks that involve several keys run once the profile mapping has ended, whatever
 * order the author wrote the keys in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

/* Every key of exam.yaml: the profile's, in the order of the enum below, then a bank's. */
const char *const exam_yaml_keys[] = {
    "format",
    "id",
    "title",
    "vendor",
    "level",
    "status",
    "retired_on",
    "successors",
    "version",
    "sources",
    "question_count",
    "unscored_count",
    "duration_minutes",
    "passing_score",
    "scale",
    "cut_percent",
    "id_pattern",
    "domains",
    "questions",
    "cases",
    NULL,
};

enum {
	P_FORMAT,
	P_ID,
	P_TITLE,
	P_VENDOR,
	P_LEVEL,
	P_STATUS,
	P_RETIRED_ON,
	P_SUCCESSORS,
	P_VERSION,
	P_SOURCES,
	P_QUESTION_COUNT,
	P_UNSCORED_COUNT,
	P_DURATION,
	P_PASSING,
	P_SCALE,
	P_CUT,
	P_ID_PATTERN,
	P_DOMAINS,
};

enum { MAX_SCORE = 1000000, MAX_COUNT = 100000, MAX_MINUTES = 100000 };

/* ---- strict scalar parsers ---- */

bool parse_count(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > max)
			return false;
	}
	*out = v;
	return true;
}

static bool parse_int(const char *s, long max, long *out)
{
	bool neg = *s == '-';
	unsigned long v;
	if (!parse_count(s + neg, (unsigned long)max, &v))
		return false;
	*out = neg ? -(long)v : (long)v;
	return true;
}

/*
 * A plain decimal ("20", "12.5") as millionths, exactly; at most six decimals.  Exact
 * weights make apportionment ties exact instead of at the mercy of rounding.
 */
static bool parse_micro(const char *s, int64_t *out)
{
	int64_t whole = 0, frac = 0;
	int digits = 0, decimals = 0;
	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		whole = whole * 10 + (*s - '0');
		if (whole > 1000000000)
			return false;
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, decimals++) {
			if (decimals == 6)
				return false;
			frac = frac * 10 + (*s - '0');
		}
		if (decimals == 0)
			return false;
	}
	if (*s || digits == 0)
		return false;
	for (int i = decimals; i < 6; i++)
		frac *= 10;
	*out = whole * 1000000 + frac;
	return true;
}

static bool is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool parse_date(const char *s)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	long y = strtol(s, NULL, 10), m = strtol(s + 5, NULL, 10), d = strtol(s + 8, NULL, 10);
	if (m < 1 || m > 12 || d < 1)
		return false;
	return d <= mdays[m - 1] + (m == 2 && is_leap(y));
}

static bool is_exam_id(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return false;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

/* ---- reading ---- */

static bool read_count(loader *ld, yreader *r, const char *what, unsigned long max,
		       unsigned long *out)
{
	ypos p;
	const char *s = ld_str(ld, r, what, &p);
	if (!s)
		return false;
	if (!parse_count(s, max, out)) {
		yr_error(r, p, "expected a whole number for '%s', found '%s'", what, s);
		return false;
	}
	return true;
}

static void read_tasks(loader *ld, yreader *r, mx_domain *d)
{
	static const char *const keys[] = {"id", "name", NULL};
	mx_task tasks[64];
	size_t n = 0;
	ypos p;
	if (!yr_seq(r, "'tasks'", &p))
		return;
	while (yr_item(r)) {
		mx_task t = {NULL, NULL};
		ypos tp;
		if (!yr_map(r, "a task", &tp))
			continue;
		ypos kp;
		int k;
		while ((k = ld_known_key(r, keys, &kp)) >= 0) {
			if (k == 0)
				t.id = ld_str(ld, r, "the task 'id'", NULL);
			else
				t.name = ld_str(ld, r, "the task 'name'", NULL);
		}
		if (!t.id || !t.name) {
			yr_error(r, tp, "a task needs an 'id' and a 'name'");
			continue;
		}
		if (n == sizeof tasks / sizeof *tasks) {
			yr_error(r, tp, "more than %zu tasks in one domain",
				 sizeof tasks / sizeof *tasks);
			continue;
		}
		for (size_t i = 0; i < n; i++)
			if (strcmp(tasks[i].id, t.id) == 0)
				yr_error(r, tp, "duplicate task id '%s'", t.id);
		tasks[n++] = t;
	}
	d->tasks = arena_memdup(&ld->bank->arena, tasks, n, sizeof *tasks);
	d->ntasks = n;
}

static bool read_domain(loader *ld, yreader *r, mx_domain *d)
{
	static const char *const keys[] = {"id", "name", "weight", "tasks", NULL};
	ypos dp, idp = {0, 0}, tasks_pos = {0, 0};
	memset(d, 0, sizeof *d);
	if (!yr_map(r, "a domain", &dp))
		return false;
	d->line = dp.line;
	d->column = dp.column;
	bool ok = true, have_weight = false, weight_key = false;
	ypos kp;
	int k;
	while ((k = ld_known_key(r, keys, &kp)) >= 0) {
		ypos vp;
		const char *s;
		switch (k) {
		case 0: {
			unsigned long v;
			s = ld_str(ld, r, "the domain 'id'", &vp);
			idp = vp;
			if (s && (!parse_count(s, 1000000, &v) || v == 0)) {
				yr_error(r, vp,
					 "domain id must be a positive whole number, found '%s'",
					 s);
				ok = false;
			} else if (s) {
				d->id = (int)v;
			}
			break;
		}
		case 1:
			d->name = ld_str(ld, r, "the domain 'name'", NULL);
			break;
		case 2:
			weight_key = true;
			s = ld_str(ld, r, "'weight'", &vp);
			if (s && (!parse_micro(s, &d->weight_micro) || d->weight_micro <= 0)) {
				yr_error(r, vp,
					 "weight must be a positive number with at most six "
					 "decimals, found '%s'",
					 s);
				ok = false;
			} else if (s) {
				d->weight = (double)d->weight_micro / 1e6;
				have_weight = true;
			}
			break;
		case 3:
			tasks_pos = kp;
			read_tasks(ld, r, d);
			break;
		}
	}
	if (!idp.line || !d->name || !weight_key) {
		yr_error(r, dp, "a domain needs an 'id', a 'name' and a 'weight'");
		return false;
	}
	if (!have_weight)
		return false;
	char prefix[24];
	int plen = snprintf(prefix, sizeof prefix, "%d.", d->id);
	for (size_t i = 0; i < d->ntasks; i++)
		if (strncmp(d->tasks[i].id, prefix, (size_t)plen) != 0 || !d->tasks[i].id[plen])
			yr_error(r, tasks_pos,
				 "task id '%s' must start with its domain id and a dot ('%s')",
				 d->tasks[i].id, prefix);
	return ok;
}

static void read_domains(loader *ld, yreader *r)
{
	mx_profile *p = &ld->bank->profile;
	size_t errors = r->errors;
	mx_domain domains[64];
	size_t n = 0;
	ypos pos;
	if (!yr_seq(r, "'domains'", &pos))
		return;
	while (yr_item(r)) {
		mx_domain d;
		ypos dp;
		yr_peek(r, &dp);
		if (!read_domain(ld, r, &d))
			continue;
		if (n == sizeof domains / sizeof *domains) {
			yr_error(r, dp, "more than %zu domains", sizeof domains / sizeof *domains);
			continue;
		}
		for (size_t i = 0; i < n; i++)
			if (domains[i].id == d.id)
				yr_error(r, dp, "duplicate domain id %d", d.id);
		domains[n++] = d;
	}
	p->domains = arena_memdup(&ld->bank->arena, domains, n, sizeof *domains);
	p->ndomains = n;
	ld->domains_ok = r->errors == errors;
}

static void read_scale(loader *ld, yreader *r)
{
	mx_profile *p = &ld->bank->profile;
	long v[2];
	size_t n = 0;
	bool ok = true;
	ypos pos;
	if (!yr_seq(r, "'scale'", &pos))
		return;
	while (yr_item(r)) { /* to the end of the list, whatever is wrong in it */
		ypos ip;
		const char *s = ld_str(ld, r, "a 'scale' bound", &ip);
		if (!s) {
			ok = false;
			continue;
		}
		if (n < 2 && !parse_int(s, MAX_SCORE, &v[n])) {
			yr_error(r, ip, "expected a whole number for a 'scale' bound, found '%s'",
				 s);
			ok = false;
		}
		n++;
	}
	if (!ok)
		return;
	if (n != 2) {
		yr_error(r, pos, "'scale' must list two numbers, [low, high]");
		return;
	}
	p->scale_lo = (int)v[0];
	p->scale_hi = (int)v[1];
}

static void profile_value(loader *ld, yreader *r, int k);

bool profile_key(loader *ld, yreader *r, const char *key, ypos kp)
{
	int k = ld_keyword(key, exam_yaml_keys);
	if (k < 0 || k > P_DOMAINS) /* not a profile key: questions and cases are read elsewhere */
		return false;
	ld->pseen[k] = kp;
	size_t errors = r->errors;
	profile_value(ld, r, k);
	if (r->errors != errors)
		ld->pbad |= 1u << k;
	return true;
}

/* Reads the value of profile key k. */
static void profile_value(loader *ld, yreader *r, int k)
{
	mx_profile *p = &ld->bank->profile;
	unsigned long v;
	ypos vp;
	const char *s;
	switch (k) {
	case P_FORMAT:
		s = ld_str(ld, r, "'format'", &vp);
		if (s && strcmp(s, "1") != 0 && strcmp(s, "2") != 0)
			yr_error(r, vp,
				 "unsupported format '%s' (this mockexam reads formats 1 and 2)",
				 s);
		else if (s && ld->questions_seen)
			yr_error(r, vp,
				 "'format' must come before 'questions': the format decides how "
				 "questions are read");
		else if (s) {
			p->format = s[0] - '0';
			p->format_line = vp.line;
			p->format_column = vp.column;
		}
		break;
	case P_ID:
		p->id = ld_str(ld, r, "'id'", &vp);
		if (p->id && !is_exam_id(p->id))
			yr_error(r, vp,
				 "exam id '%s' must be lowercase letters, digits and dashes, "
				 "starting with a letter or digit",
				 p->id);
		else if (p->id && strlen(p->id) > MX_MAX_EXAM_ID)
			yr_error(r, vp, "exam id '%.20s...' is %zu characters long; at most %d",
				 p->id, strlen(p->id), MX_MAX_EXAM_ID);
		break;
	case P_TITLE:
		p->title = ld_str(ld, r, "'title'", NULL);
		break;
	case P_VENDOR:
		p->vendor = ld_str(ld, r, "'vendor'", NULL);
		break;
	case P_LEVEL:
		p->level = ld_str(ld, r, "'level'", NULL);
		break;
	case P_STATUS:
		s = ld_str(ld, r, "'status'", &vp);
		if (!s)
			break;
		if (strcmp(s, "active") == 0)
			p->status = MX_EXAM_ACTIVE;
		else if (strcmp(s, "beta") == 0)
			p->status = MX_EXAM_BETA;
		else if (strcmp(s, "retired") == 0)
			p->status = MX_EXAM_RETIRED;
		else
			yr_error(r, vp, "status must be active, beta or retired, found '%s'", s);
		break;
	case P_RETIRED_ON:
		p->retired_on = ld_str(ld, r, "'retired_on'", &vp);
		if (p->retired_on && !parse_date(p->retired_on))
			yr_error(r, vp, "retired_on must be a date as YYYY-MM-DD, found '%s'",
				 p->retired_on);
		break;
	case P_SUCCESSORS: {
		ypos *pos = NULL;
		if (ld_strs(ld, r, "'successors'", &p->successors, &pos))
			for (size_t i = 0; i < p->successors.n; i++)
				if (!is_exam_id(p->successors.v[i]))
					yr_error(r, pos[i], "successor '%s' is not an exam id",
						 p->successors.v[i]);
		free(pos);
		break;
	}
	case P_VERSION:
		p->version = ld_str(ld, r, "'version'", NULL);
		break;
	case P_SOURCES:
		ld_strs(ld, r, "'sources'", &p->sources, NULL);
		break;
	case P_QUESTION_COUNT:
		if (read_count(ld, r, "question_count", MAX_COUNT, &v))
			p->question_count = (unsigned)v;
		break;
	case P_UNSCORED_COUNT:
		if (read_count(ld, r, "unscored_count", MAX_COUNT, &v))
			p->unscored_count = (unsigned)v;
		break;
	case P_DURATION:
		if (read_count(ld, r, "duration_minutes", MAX_MINUTES, &v))
			p->duration_minutes = (unsigned)v;
		break;
	case P_PASSING:
		if (read_count(ld, r, "passing_score", MAX_SCORE, &v))
			p->passing_score = (int)v;
		break;
	case P_SCALE:
		read_scale(ld, r);
		break;
	case P_CUT: {
		int64_t micro;
		s = ld_str(ld, r, "'cut_percent'", &vp);
		if (s && !parse_micro(s, &micro)) {
			yr_error(r, vp, "expected a number for 'cut_percent', found '%s'", s);
		} else if (s) {
			p->cut = (double)micro / 1e8;
			p->cut_given = true;
		}
		break;
	}
	case P_ID_PATTERN:
		p->id_pattern = ld_str(ld, r, "'id_pattern'", &vp);
		if (p->id_pattern) {
			char msg[256];
			size_t off = 0;
			ld->bank->id_pattern =
			    mx_pattern_compile(p->id_pattern, strlen(p->id_pattern), MX_PAT_UTF,
					       msg, sizeof msg, &off);
			if (!ld->bank->id_pattern)
				yr_error(r, vp,
					 "id_pattern '%s' does not compile: %s at offset %zu",
					 p->id_pattern, msg, off);
		}
		break;
	case P_DOMAINS:
		read_domains(ld, r);
		break;
	}
}

static void check_weights(loader *ld, yreader *r)
{
	const mx_profile *p = &ld->bank->profile;
	int64_t sum = 0;
	for (size_t i = 0; i < p->ndomains; i++)
		sum += p->domains[i].weight_micro;
	/* "to within 0.01": 10000 millionths */
	if (ld->domains_ok && p->ndomains && (sum < 100000000 - 10000 || sum > 100000000 + 10000))
		yr_error(r, ld->pseen[P_DOMAINS], "domain weights sum to %g, not 100",
			 (double)sum / 1e6);
}

/* A key given with a valid value: the checks between keys use only those. */
static bool valid(const loader *ld, int k)
{
	return ld->pseen[k].line && !(ld->pbad & (1u << k));
}

void profile_check(loader *ld, yreader *r, ypos start)
{
	mx_profile *p = &ld->bank->profile;
	static const int required[] = {P_FORMAT,   P_ID,      P_TITLE,	P_QUESTION_COUNT,
				       P_DURATION, P_PASSING, P_DOMAINS};
	for (size_t i = 0; i < sizeof required / sizeof *required; i++)
		if (!ld->pseen[required[i]].line)
			yr_error(r, start, "missing key '%s'", exam_yaml_keys[required[i]]);
	if (valid(ld, P_QUESTION_COUNT) && p->question_count == 0)
		yr_error(r, ld->pseen[P_QUESTION_COUNT], "question_count must be positive");
	if (valid(ld, P_UNSCORED_COUNT) && valid(ld, P_QUESTION_COUNT) &&
	    p->unscored_count >= p->question_count)
		yr_error(r, ld->pseen[P_UNSCORED_COUNT],
			 "unscored_count (%u) must be less than question_count (%u)",
			 p->unscored_count, p->question_count);
	if (valid(ld, P_DURATION) && p->duration_minutes == 0)
		yr_error(r, ld->pseen[P_DURATION], "duration_minutes must be positive");
	if (!ld->pseen[P_SCALE].line) {
		p->scale_lo = 100;
		p->scale_hi = 1000;
	}
	if (valid(ld, P_PASSING) && (valid(ld, P_SCALE) || !ld->pseen[P_SCALE].line) &&
	    !(p->scale_lo < p->passing_score && p->passing_score <= p->scale_hi))
		yr_error(r, ld->pseen[P_PASSING],
			 "passing_score %d must be above the scale's low end %d and at most its "
			 "high end %d",
			 p->passing_score, p->scale_lo, p->scale_hi);
	if (p->cut_given && !(p->cut > 0 && p->cut < 1))
		yr_error(r, ld->pseen[P_CUT], "cut_percent must be between 0 and 100 (exclusive)");
	if (!p->cut_given && p->scale_hi > p->scale_lo)
		p->cut = (double)(p->passing_score - p->scale_lo) / (p->scale_hi - p->scale_lo);
	if (p->status == MX_EXAM_RETIRED && !p->retired_on)
		yr_error(r, ld->pseen[P_STATUS].line ? ld->pseen[P_STATUS] : start,
			 "a retired exam needs 'retired_on'");
	if (ld->pseen[P_DOMAINS].line && p->ndomains == 0)
		yr_error(r, ld->pseen[P_DOMAINS], "an exam needs at least one domain");
	check_weights(ld, r);
}
