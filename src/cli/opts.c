/*
 * opts.c - command-line parsing for every subcommand, through getopt_long.
 *
 * Every command shares one table of long options; a command accepts the ones in its
 * mask, and a wrong option gets a message that names the command and the option.
 * Options may come before or after operands ("-" mode: operands are returned in order);
 * "--" ends them.  getopt_long's own messages are off, and its abbreviations are
 * refused: an option is only ever its whole name.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "mockexam/rng.h"

typedef struct optdef {
	const char *name;
	unsigned mask;
	bool takes_value;
} optdef;

static const optdef optdefs[] = {
    {"banks", O_BANKS, true},
    {"db", O_DB, true},
    {"seed", O_SEED, true},
    {"json", O_JSON, false},
    {"questions", O_QUESTIONS, true},
    {"with-answers", O_WITH_ANSWERS, false},
    {"answers", O_ANSWERS, true},
    {"pretest", O_PRETEST, false},
    {"max-file-size", O_LIMITS, true},
    {"max-depth", O_LIMITS, true},
    {"max-scalar", O_LIMITS, true},
    {"werror", O_WERROR, false},
    {"summary", O_WERROR, false},
    {"minutes", O_TIMING, true},
    {"extra-time", O_TIMING, true},
    {"untimed", O_TIMING, false},
    {"plain", O_PLAIN, false},
    {"domain", O_DRILL, true},
    {"task", O_DRILL, true},
    {"match", O_DRILL, true},
    {"type", O_DRILL, true},
    {"missed", O_DRILL, false},
    {"flagged", O_DRILL, false},
    {"weakest", O_DRILL, false},
    {"due", O_DRILL, false},
    {"exam-date", O_DRILL, true},
    {"count", O_DRILL, true},
    {"timed", O_DRILL, false},
    {"since", O_WINDOW, true},
    {"last", O_WINDOW, true},
    {"csv", O_FORMATS, false},
    {"html", O_FORMATS, true},
    {"delete", O_DELETE, true},
    {"yes", O_DELETE, false},
    {"listen", O_SERVE, true},
    {"port", O_SERVE, true},
    {"token", O_SERVE, true},
};

int cli_usage_error(const command *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "mockexam %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: mockexam %s\nTry 'mockexam %s --help'.\n", cmd->synopsis,
		cmd->name);
	return EXIT_USAGE;
}

static bool parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v > max)
		return false;
	*out = v;
	return true;
}

/* A positive number of minutes, decimals allowed ("0.5" is thirty seconds). */
static bool parse_minutes(const char *s, double *out)
{
	char *end;
	if (!(*s >= '0' && *s <= '9') && *s != '.')
		return false;
	double v = strtod(s, &end);
	if (*end || !(v >= 0) || v > 100000)
		return false;
	*out = v;
	return true;
}

/* Whether s is written YYYY-MM-DD: four, two and two digits. */
static bool date_shape(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	return true;
}

/*
 * YYYY-MM-DD as local midnight, in Unix seconds; false unless the calendar has that day.
 * mktime() would move 2026-02-31 on to March 3rd, so a date it changes is refused.
 */
bool parse_date(const char *s, int64_t *out)
{
	if (!date_shape(s))
		return false;
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	int year = atoi(s) - 1900, mon = atoi(s + 5) - 1, mday = atoi(s + 8);
	tm.tm_year = year;
	tm.tm_mon = mon;
	tm.tm_mday = mday;
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	if (t == (time_t)-1 || tm.tm_year != year || tm.tm_mon != mon || tm.tm_mday != mday)
		return false;
	*out = (int64_t)t;
	return true;
}

static int bad_date(const command *cmd, const char *option, const char *v)
{
	if (date_shape(v))
		return cli_usage_error(cmd, "--%s: there is no day %s in the calendar", option, v);
	return cli_usage_error(cmd, "--%s takes a date as YYYY-MM-DD, not '%s'", option, v);
}

static int set_drill(cli *c, const command *cmd, const optdef *d, const char *v)
{
	uint64_t n;
	if (!strcmp(d->name, "domain")) {
		if (!parse_u64(v, 1000000, &n) || n == 0)
			return cli_usage_error(cmd, "--domain takes a domain number, not '%s'", v);
		if (c->ndomains == sizeof c->domains / sizeof *c->domains)
			return cli_usage_error(cmd, "too many --domain options");
		c->domains[c->ndomains++] = (int)n;
	} else if (!strcmp(d->name, "task")) {
		c->task = v;
	} else if (!strcmp(d->name, "match")) {
		c->match = v;
	} else if (!strcmp(d->name, "type")) {
		c->type = -1;
		for (int t = MX_TYPE_SINGLE; t <= MX_TYPE_TEXT; t++)
			if (!strcmp(v, mx_qtype_name((mx_qtype)t)))
				c->type = t;
		if (c->type < 0)
			return cli_usage_error(
			    cmd, "--type is single, multiple, ordering, matching or text, not '%s'",
			    v);
	} else if (!strcmp(d->name, "exam-date")) {
		if (!parse_date(v, &c->exam_date))
			return bad_date(cmd, d->name, v);
	} else if (!strcmp(d->name, "count")) {
		if (!parse_u64(v, 10000, &n) || n == 0)
			return cli_usage_error(
			    cmd, "--count takes a number from 1 to 10000, not '%s'", v);
		c->count = (size_t)n;
	}
	return EXIT_OK;
}

static int set_option(cli *c, const command *cmd, const optdef *d, const char *v)
{
	uint64_t n;
	switch (d->mask) {
	case O_DRILL:
		return set_drill(c, cmd, d, v);
	case O_WINDOW:
		if (!strcmp(d->name, "since")) {
			if (!parse_date(v, &c->since))
				return bad_date(cmd, d->name, v);
		} else if (!parse_u64(v, 1000000, &n) || n == 0) {
			return cli_usage_error(cmd, "--last takes a number of attempts, not '%s'",
					       v);
		} else {
			c->last = (size_t)n;
		}
		return EXIT_OK;
	case O_FORMATS:
		c->html = v;
		return EXIT_OK;
	case O_DELETE:
		if (!parse_u64(v, 1000000000000, &n) || n == 0)
			return cli_usage_error(cmd, "--delete takes an attempt number, not '%s'",
					       v);
		c->delete_id = (long)n;
		return EXIT_OK;
	case O_SERVE:
		if (!strcmp(d->name, "port")) {
			if (!parse_u64(v, 65535, &n))
				return cli_usage_error(cmd,
						       "--port takes a number from 0 to 65535, "
						       "not '%s'",
						       v);
			c->port = (unsigned)n;
		} else {
			*(!strcmp(d->name, "listen") ? &c->listen : &c->token) = v;
		}
		return EXIT_OK;
	case O_TIMING: {
		double m;
		bool extra = !strcmp(d->name, "extra-time");
		if (!parse_minutes(v, &m) || (!extra && m == 0))
			return cli_usage_error(cmd, "--%s takes %s number of minutes, not '%s'",
					       d->name, extra ? "a" : "a positive", v);
		*(extra ? &c->extra_minutes : &c->minutes) = m;
		return EXIT_OK;
	}
	case O_BANKS: {
		const char **b = realloc(c->banks, (c->nbanks + 1) * sizeof *b);
		if (!b)
			return EXIT_SYSTEM;
		c->banks = b;
		c->banks[c->nbanks++] = v;
		return EXIT_OK;
	}
	case O_DB:
		c->db = v;
		return EXIT_OK;
	case O_SEED:
		if (!parse_u64(v, MX_SEED_MAX, &c->seed))
			return cli_usage_error(
			    cmd, "--seed must be a whole number from 0 to %llu, not '%s'",
			    (unsigned long long)MX_SEED_MAX, v);
		c->has_seed = true;
		return EXIT_OK;
	case O_QUESTIONS:
		if (!parse_u64(v, 100000, &n) || n == 0)
			return cli_usage_error(
			    cmd, "--questions must be a whole number from 1 to 100000, not '%s'",
			    v);
		c->questions = (size_t)n;
		return EXIT_OK;
	case O_ANSWERS:
		c->answers = v;
		return EXIT_OK;
	case O_LIMITS: {
		size_t *field = !strcmp(d->name, "max-file-size") ? &c->limits.max_file_bytes
				: !strcmp(d->name, "max-depth")	  ? &c->limits.max_depth
								  : &c->limits.max_scalar;
		uint64_t max = !strcmp(d->name, "max-depth") ? 10000 : (uint64_t)1 << 40;
		if (!parse_u64(v, max, &n) || n == 0)
			return cli_usage_error(
			    cmd, "--%s must be a positive whole number, not '%s'", d->name, v);
		*field = (size_t)n;
		return EXIT_OK;
	}
	}
	return EXIT_OK;
}

static int flag(cli *c, const char *name, unsigned mask)
{
	if (mask == O_DRILL) {
		c->missed |= !strcmp(name, "missed");
		c->flagged |= !strcmp(name, "flagged");
		c->weakest |= !strcmp(name, "weakest");
		c->due |= !strcmp(name, "due");
		c->timed |= !strcmp(name, "timed");
		return EXIT_OK;
	}
	if (mask == O_JSON)
		c->json = true;
	else if (mask == O_WITH_ANSWERS)
		c->with_answers = true;
	else if (mask == O_PRETEST)
		c->pretest = true;
	else if (mask == O_DELETE)
		c->yes = true;
	else if (mask == O_WERROR && !strcmp(name, "summary"))
		c->summary = true;
	else if (mask == O_WERROR)
		c->werror = true;
	else if (mask == O_TIMING)
		c->untimed = true;
	else if (mask == O_PLAIN)
		c->plain = true;
	else if (mask == O_FORMATS)
		c->csv = true;
	return EXIT_OK;
}

static int help(const command *cmd)
{
	printf("usage: mockexam %s\n\n%s\n", cmd->synopsis, cmd->help);
	exit(EXIT_OK);
}

enum { NOPTS = sizeof optdefs / sizeof *optdefs, OPT_BASE = 256, OPT_HELP = OPT_BASE + NOPTS };

/* getopt_long's table: optdefs, then --help; an option's value is OPT_BASE + its index. */
static void long_options(struct option *o)
{
	for (size_t k = 0; k < NOPTS; k++)
		o[k] = (struct option){optdefs[k].name,
				       optdefs[k].takes_value ? required_argument : no_argument,
				       NULL, OPT_BASE + (int)k};
	o[NOPTS] = (struct option){"help", no_argument, NULL, OPT_HELP};
	o[NOPTS + 1] = (struct option){NULL, 0, NULL, 0};
}

/*
 * What getopt_long said about the long option in arg ("--name" or "--name=value"):
 * rc is its return, id the option it matched (0: none).  Refuses a name given only in
 * part, which getopt_long would take as an abbreviation.
 */
static int long_option(cli *c, const command *cmd, const char *arg, int rc, int id)
{
	const char *name = arg + 2, *value = strchr(name, '=');
	size_t len = value ? (size_t)(value - name) : strlen(name);
	const char *full = id == OPT_HELP   ? "help"
			   : id >= OPT_BASE ? optdefs[id - OPT_BASE].name
					    : "";
	if (id < OPT_BASE || strlen(full) != len || strncmp(full, name, len) != 0)
		return cli_usage_error(cmd, "unknown option '--%.*s'", (int)len, name);
	if (id == OPT_HELP)
		return help(cmd);
	const optdef *d = &optdefs[id - OPT_BASE];
	if (!(cmd->options & d->mask))
		return cli_usage_error(cmd, "'--%s' is not an option of this command", d->name);
	if (rc == '?') /* a value given to a flag */
		return cli_usage_error(cmd, "'--%s' takes no value", d->name);
	if (rc == ':')
		return cli_usage_error(cmd, "'--%s' needs a value", d->name);
	if (!d->takes_value)
		return flag(c, d->name, d->mask);
	return set_option(c, cmd, d, optarg);
}

/*
 * The options and operands of argv, in order.  getopt_long sees the command's name as
 * the program's, in a copy of argv, so that it may reorder nothing in the caller's.
 */
static int parse(cli *c, const command *cmd, int argc, char **argv)
{
	struct option longopts[NOPTS + 2];
	long_options(longopts);
	opterr = 0;
	optind = 0; /* start afresh */
	for (;;) {
		int at = optind ? optind : 1;
		int rc = getopt_long(argc, argv, "-:", longopts, NULL);
		if (rc == -1)
			break;
		if (rc == 1) {
			c->args[c->nargs++] = optarg;
			continue;
		}
		const char *arg = argv[at];
		int status;
		if (strncmp(arg, "--", 2) != 0) /* a short option: there are none but -h */
			status = !strcmp(arg, "-h")
				     ? help(cmd)
				     : cli_usage_error(cmd, "unknown option '%s'", arg);
		else
			status = long_option(c, cmd, arg, rc, rc == '?' || rc == ':' ? optopt : rc);
		if (status != EXIT_OK)
			return status;
	}
	while (optind < argc) /* after "--" */
		c->args[c->nargs++] = argv[optind++];
	return EXIT_OK;
}

int cli_parse(cli *c, const command *cmd, int argc, char **argv)
{
	c->command = cmd->name;
	c->args = calloc((size_t)argc + 1, sizeof *c->args);
	char **av = calloc((size_t)argc + 2, sizeof *av);
	if (!c->args || !av) {
		free(av);
		return EXIT_SYSTEM;
	}
	static char progname[] = "mockexam"; /* getopt_long's messages are off: never shown */
	av[0] = progname;
	memcpy(av + 1, argv, (size_t)argc * sizeof *argv);
	int rc = parse(c, cmd, argc + 1, av);
	free(av);
	if (rc != EXIT_OK)
		return rc;
	if (c->json && c->csv)
		return cli_usage_error(cmd, "--json and --csv are two output formats; give one");
	if (c->nargs < cmd->min_args)
		return cli_usage_error(cmd, "missing %s", c->nargs ? "an operand" : "the exam");
	if (cmd->max_args >= 0 && c->nargs > cmd->max_args)
		return cli_usage_error(cmd, "unexpected operand '%s'", c->args[cmd->max_args]);
	return EXIT_OK;
}
