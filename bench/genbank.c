/*
 * genbank.c - writes a large synthetic bank for the loader benchmark.
 *
 * usage: genbank DIR N
 * Five domains with tasks; N questions of every type but text, with stems, options and
 * explanations of realistic length, spread over files of at most 2000 questions so no
 * file nears the 16 MiB limit.  The same N always writes the same bytes.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const words[] = {
    "model",	 "data",       "training", "endpoint",	"latency",  "prompt",  "token",
    "company",	 "requires",   "solution", "bucket",	"pipeline", "feature", "accuracy",
    "inference", "retrieval",  "vector",   "guardrail", "monitor",  "deploy",  "security",
    "cost",	 "throughput", "batch",	   "real-time", "customer", "should",  "which",
};

static uint64_t state = 88172645463325252ull;

static unsigned next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (unsigned)(state >> 32);
}

static void sentence(FILE *f, int nwords)
{
	for (int i = 0; i < nwords; i++)
		fprintf(f, "%s%s", i ? " " : "", words[next() % (sizeof words / sizeof *words)]);
}

static void block(FILE *f, const char *key, int lines)
{
	fprintf(f, "    %s: |\n", key);
	for (int i = 0; i < lines; i++) {
		fputs("      ", f);
		sentence(f, 12);
		fputs(".\n", f);
	}
}

static void question(FILE *f, int d, int n)
{
	static const char *const types[] = {"single", "single",	  "single",   "single",	 "single",
					    "single", "multiple", "ordering", "matching"};
	const char *type = types[next() % 9];
	fprintf(f, "  - id: b-%d-%06d\n    domain: %d\n    task: \"%d.%u\"\n    type: %s\n", d, n,
		d, d, 1 + next() % 3, type);
	fprintf(f, "    difficulty: %u\n    tags: [bench, d%d]\n", 1 + next() % 5, d);
	block(f, "stem", 4);
	const char *kind = !strcmp(type, "ordering") ? "items" : "options";
	if (!strcmp(type, "matching")) {
		fputs("    prompts:\n", f);
		for (int p = 1; p <= 3; p++) {
			fprintf(f, "      %d: ", p);
			sentence(f, 6);
			fputc('\n', f);
		}
	}
	int nopt = !strcmp(type, "multiple") ? 5 : 4;
	fprintf(f, "    %s:\n", kind);
	for (int o = 0; o < nopt; o++) {
		fprintf(f, "      %c: ", 'A' + o);
		sentence(f, 9);
		fputc('\n', f);
	}
	if (!strcmp(type, "single"))
		fprintf(f, "    answer: %c\n", 'A' + (int)(next() % 4));
	else if (!strcmp(type, "multiple"))
		fputs("    answer: [B, E]\n", f);
	else if (!strcmp(type, "ordering"))
		fputs("    answer: [C, A, D, B]\n", f);
	else
		fputs("    answer: {1: B, 2: A, 3: D}\n", f);
	block(f, "explanation", 5);
	fputs("    references:\n      - "
	      "https://docs.aws.amazon.com/sagemaker/latest/dg/whatis.html\n",
	      f);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: genbank DIR N\n");
		return 2;
	}
	const char *dir = argv[1];
	long n = strtol(argv[2], NULL, 10);
	char path[4096];
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		perror(dir);
		return 1;
	}
	snprintf(path, sizeof path, "%s/exam.yaml", dir);
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		return 1;
	}
	fprintf(f,
		"format: 1\nid: bench-%ld\ntitle: Benchmark bank of %ld questions\n"
		"question_count: 65\nduration_minutes: 90\npassing_score: 700\n"
		"id_pattern: '^b-[1-5]-[0-9]{6}$'\ndomains:\n",
		n, n);
	static const int weights[] = {20, 24, 28, 14, 14};
	for (int d = 1; d <= 5; d++) {
		fprintf(f, "  - id: %d\n    name: Domain %d\n    weight: %d\n    tasks:\n", d, d,
			weights[d - 1]);
		for (int t = 1; t <= 3; t++)
			fprintf(f, "      - id: \"%d.%d\"\n        name: Task %d of domain %d\n", d,
				t, t, d);
	}
	fclose(f);
	f = NULL;
	for (long i = 0; i < n; i++) {
		if (i % 2000 == 0) {
			if (f)
				fclose(f);
			snprintf(path, sizeof path, "%s/q%04ld.yaml", dir, i / 2000);
			f = fopen(path, "w");
			if (!f) {
				perror(path);
				return 1;
			}
			fputs("questions:\n", f);
		}
		question(f, (int)(i % 5) + 1, (int)i);
	}
	if (f)
		fclose(f);
	return 0;
}
