/*
 * fuzz_bank.c - libFuzzer harness for the bank loader.
 *
 * Each input is written as the exam.yaml of a one-file bank and loaded; a bank that
 * loads is linted and an exam is built from it, so the whole path from bytes to form
 * runs.  Nothing may crash, hang, leak or trip a sanitizer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mockexam/bank.h"
#include "mockexam/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

static void write_input(const uint8_t *data, size_t size)
{
	char path[96];
	if (!dir[0]) {
		snprintf(dir, sizeof dir, "/tmp/mx-fuzz-bank-%ld", (long)getpid());
		mkdir(dir, 0700);
	}
	snprintf(path, sizeof path, "%s/exam.yaml", dir);
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	write_input(data, size);
	mx_diags d;
	mx_diags_init(&d);
	mx_bank *b = NULL;
	if (mx_bank_load(dir, NULL, &d, &b) == MX_OK) {
		mx_bank_lint(b, &d);
		mx_form_spec spec = {.seed = 1, .pretest = true};
		mx_form *f = NULL;
		if (mx_form_build(b, &spec, &d, &f) == MX_OK)
			mx_form_free(f);
		mx_bank_free(b);
	}
	mx_diags_free(&d);
	return 0;
}
