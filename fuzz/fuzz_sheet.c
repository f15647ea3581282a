/*
 * fuzz_sheet.c - libFuzzer harness for answer sheets.
 *
 * Each input is read as an answer sheet for the tiny test bank's exam of seed 7, applied
 * and scored.  Nothing may crash, hang, leak or trip a sanitizer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "mockexam/score.h"
#include "mockexam/sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mx_bank *bank;
static mx_form *form;
static char path[64];

static void setup(void)
{
	mx_diags d;
	mx_diags_init(&d);
	if (mx_bank_load(MX_TEST_DATA "/good/tiny", NULL, &d, &bank) != MX_OK)
		abort();
	mx_form_spec spec = {.seed = 7};
	if (mx_form_build(bank, &spec, &d, &form) != MX_OK)
		abort();
	mx_diags_free(&d);
	snprintf(path, sizeof path, "/tmp/mx-fuzz-sheet-%ld.yaml", (long)getpid());
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!bank)
		setup();
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	mx_diags d;
	mx_diags_init(&d);
	mx_sheet *s = NULL;
	if (mx_sheet_read(path, NULL, &d, &s) == MX_OK) {
		mx_response r[16];
		if (mx_sheet_apply(s, form, &d, r) == MX_OK) {
			mx_score *sc = NULL;
			if (mx_score_form(form, r, &sc) == MX_OK)
				mx_score_free(sc);
		}
		mx_sheet_free(s);
	}
	mx_diags_free(&d);
	return 0;
}
