/*
 * plain.c - the exam line by line, for screen readers, scripts and pipes.
 *
 * Each question is printed with its choices; one line answers it (letters as shown),
 * an empty line passes over it, and lines starting with ':' are commands.  The clock
 * runs while waiting for a line: poll() wakes the loop for the 15- and 5-minute
 * warnings and submits the exam when time runs out.  At the end of input the attempt
 * stays saved for 'mockexam resume'.  docs/plain-mode.md is the protocol.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "plain.h"
#include "signals.h"

static const mx_question *question_at(const plain *p, size_t i)
{
	return mx_bank_question(p->a->form->bank, p->a->form->items[i].question);
}

static void print_time_left(const plain *p)
{
	char buf[32];
	int64_t left = mx_attempt_remaining(p->a);
	if (left < 0) {
		format_duration(p->a->elapsed_ms, buf, sizeof buf);
		printf("Untimed; %s used.\n", buf);
	} else {
		format_duration(left, buf, sizeof buf);
		printf("%s left.\n", buf);
	}
}

static void feedback(plain *p, size_t i);

static void show(plain *p)
{
	mx_attempt *a = p->a;
	size_t i = a->current;
	const mx_form_item *it = &a->form->items[i];
	const mx_question *q = question_at(p, i);
	const mx_attempt_item *ai = &a->items[i];
	mx_attempt_counts c = mx_attempt_count(a);
	char left[32] = "untimed";
	if (a->limit_ms)
		format_duration(mx_attempt_remaining(a), left, sizeof left);
	printf("\nQuestion %zu of %zu%s  (%zu answered, %s%s)\n", i + 1, a->form->n,
	       ai->flagged ? "  [flagged]" : "", c.answered, left, a->limit_ms ? " left" : "");
	if (it->case_start ||
	    (i > 0 && q->case_index >= 0 && question_at(p, i - 1)->case_index != q->case_index)) {
		const mx_case *cs = mx_bank_case(a->form->bank, (size_t)q->case_index);
		printf("Case study%s%s\n", cs->title ? ": " : "", cs->title ? cs->title : "");
		print_wrapped(stdout, cs->scenario, 2, p->width);
		printf("\n");
	} else if (q->case_index >= 0) {
		const mx_case *cs = mx_bank_case(a->form->bank, (size_t)q->case_index);
		printf("(Case study: %s; ':case' shows it again.)\n",
		       cs->title ? cs->title : cs->id);
	}
	print_wrapped(stdout, q->stem, 0, p->width);
	if (mx_attempt_locked(a, i)) { /* a drill answer checked: its feedback again */
		feedback(p, i);
		printf("(Checked: :next goes on.)\n");
		return;
	}
	if (q->type == MX_TYPE_MATCHING)
		for (size_t k = 0; k < q->nprompts; k++) {
			char prefix[32];
			snprintf(prefix, sizeof prefix, "  %zu. ", k + 1);
			print_hanging(stdout, prefix, q->prompts[k].text, 5, p->width);
		}
	const mx_choice *ch = q->type == MX_TYPE_ORDERING ? q->items : q->options;
	for (size_t k = 0; k < it->norder; k++) {
		char prefix[24];
		snprintf(prefix, sizeof prefix, "  %c. %s", 'A' + (int)k,
			 ai->struck >> k & 1 ? "(struck) " : "");
		print_hanging(stdout, prefix, ch[it->order[k]].text, 5, p->width);
	}
	char buf[256];
	if (*mx_attempt_instruction(a, i, buf, sizeof buf))
		printf("%s\n", buf);
	if (q->type == MX_TYPE_ORDERING) /* how to type it: plain mode's own words */
		printf("(Type the letters in order, such as %s.)\n",
		       it->norder == 3 ? "CAB" : "DACB");
	else if (q->type == MX_TYPE_MATCHING)
		printf("(Type a letter for each number, such as 1B 2A 3C.)\n");
	else if (q->type == MX_TYPE_TEXT)
		printf("(Type your answer.)\n");
	if (ai->response.answered) {
		char progress[64];
		mx_attempt_format(a, i, &ai->response, buf, sizeof buf);
		mx_attempt_progress(a, i, progress, sizeof progress);
		printf("Your answer: %s%s%s%s\n", buf, *progress ? " (" : "", progress,
		       *progress ? ")" : "");
	}
}

static void show_end(plain *p)
{
	mx_attempt_counts c = mx_attempt_count(p->a);
	printf("\nEnd of the exam: %zu answered (%zu incomplete), %zu unanswered, %zu flagged.\n"
	       "Type :review to list the questions, :goto N to return to one, or :submit to "
	       "finish.\n",
	       c.answered, c.incomplete, c.unanswered, c.flagged);
	p->at_end = true;
}

static mx_status go(plain *p, size_t i)
{
	mx_status st = mx_attempt_move(p->a, i, &p->err);
	if (st == MX_OK) {
		p->at_end = false;
		show(p);
	}
	return st;
}

static mx_status next(plain *p)
{
	if (p->a->current + 1 < p->a->form->n)
		return go(p, p->a->current + 1);
	if (p->a->drill) { /* a drill ends after its last question */
		p->drill_done = true;
		return MX_OK;
	}
	show_end(p);
	return mx_attempt_save_clock(p->a, &p->err);
}

/* :review [unanswered|flagged] */
static void review(plain *p, const char *filter)
{
	mx_attempt *a = p->a;
	bool unanswered = !strncmp(filter, "un", 2), flagged = !strncmp(filter, "fl", 2);
	size_t shown = 0;
	for (size_t i = 0; i < a->form->n; i++) {
		const mx_attempt_item *it = &a->items[i];
		if ((unanswered && it->response.answered) || (flagged && !it->flagged))
			continue;
		char buf[256];
		mx_attempt_format(a, i, &it->response, buf, sizeof buf);
		printf("%4zu  %-10s %-8s %s\n", i + 1,
		       !it->response.answered		       ? "unanswered"
		       : mx_attempt_selection(a, i).incomplete ? "incomplete"
							       : "answered",
		       it->flagged ? "flagged" : "", buf);
		shown++;
	}
	if (!shown)
		printf("No questions to list.\n");
}

static void help(void)
{
	printf("Answer with the letters shown: B, or AC (also A,C or a c) when asked for more\n"
	       "than one; for ordering the letters in order, such as CAB; for matching a letter\n"
	       "per number, such as 1B 2A 3C.  An empty line passes over the question.\n"
	       "Commands:\n"
	       "  :next, :back      the next or previous question\n"
	       "  :goto N           question N\n"
	       "  :flag             flag the question for review, or unflag it\n"
	       "  :strike X         strike out choice X, or restore it\n"
	       "  :clear            remove your answer to this question\n"
	       "  :case             show the case study again\n"
	       "  :review [unanswered|flagged]   list the questions\n"
	       "  :time             the time left\n"
	       "  :submit           finish the exam (asks for confirmation)\n"
	       "  :quit             stop now; 'mockexam resume' continues later\n"
	       "  :help             this list\n");
}

/* Asks for confirmation; true when the exam should be submitted. */
static bool confirm_submit(plain *p)
{
	char question[512];
	printf("%s Type yes to submit: ",
	       mx_attempt_submit_question(p->a, question, sizeof question));
	fflush(stdout);
	char line[64];
	int rc = read_line(&p->in, -1, line, sizeof line);
	if (rc == 1 && p->echo)
		printf("%s\n", line);
	if (rc == 1 && (!strcasecmp(line, "yes") || !strcasecmp(line, "y")))
		return true;
	printf("Not submitted.\n");
	return false;
}

/*
 * Gives item i the response r; false when it was not given.  A refusal (MX_ERR_INPUT: a
 * drill answer checked already) is the candidate's to read, and the session goes on;
 * any other failure is the session's, in *st.
 */
static bool give(plain *p, size_t i, const mx_response *r, mx_status *st)
{
	mx_status s = mx_attempt_answer(p->a, i, r, &p->err);
	if (s == MX_ERR_INPUT) {
		printf("%s\n", mx_error_message(&p->err));
		return false;
	}
	*st = s;
	return s == MX_OK;
}

typedef enum outcome { GO_ON, SUBMIT, QUIT } outcome;

static outcome run_command(plain *p, char *line, mx_status *st)
{
	mx_attempt *a = p->a;
	char *arg = line + strcspn(line, " \t");
	if (*arg)
		*arg++ = '\0';
	while (isspace((unsigned char)*arg))
		arg++;
	const char *cmd = line + 1;
	size_t i = a->current;
	if (!strcmp(cmd, "next") || !strcmp(cmd, "n")) {
		*st = next(p);
	} else if (!strcmp(cmd, "back") || !strcmp(cmd, "b") || !strcmp(cmd, "prev")) {
		if (i == 0 && !p->at_end)
			printf("This is the first question.\n");
		else
			*st = go(p, p->at_end ? i : i - 1);
	} else if (!strcmp(cmd, "goto") || !strcmp(cmd, "g")) {
		char *end;
		long n = strtol(arg, &end, 10);
		if (*arg && !*end && n >= 1 && (size_t)n <= a->form->n)
			*st = go(p, (size_t)n - 1);
		else
			printf("Give a question number from 1 to %zu, such as :goto 5.\n",
			       a->form->n);
	} else if (!strcmp(cmd, "flag") || !strcmp(cmd, "f")) {
		bool f = !a->items[i].flagged;
		*st = mx_attempt_flag(a, i, f, &p->err);
		printf("Question %zu %s.\n", i + 1, f ? "flagged for review" : "no longer flagged");
	} else if (!strcmp(cmd, "strike")) {
		int k = toupper((unsigned char)arg[0]) - 'A';
		if (!arg[0] || arg[1] || k < 0 || k >= a->form->items[i].norder) {
			printf("Give the letter of a choice, such as :strike B.\n");
		} else {
			*st = mx_attempt_strike(a, i, (uint8_t)(a->items[i].struck ^ (1u << k)),
						&p->err);
			printf("%c %s.\n", 'A' + k,
			       a->items[i].struck >> k & 1 ? "struck out" : "restored");
		}
	} else if (!strcmp(cmd, "clear")) {
		mx_response none = {0};
		if (give(p, i, &none, st))
			printf("Answer to question %zu removed.\n", i + 1);
	} else if (!strcmp(cmd, "case")) {
		const mx_question *q = question_at(p, i);
		if (q->case_index < 0)
			printf("This question has no case study.\n");
		else
			print_wrapped(stdout,
				      mx_bank_case(a->form->bank, (size_t)q->case_index)->scenario,
				      2, p->width);
	} else if (!strcmp(cmd, "review") || !strcmp(cmd, "r")) {
		review(p, arg);
	} else if (!strcmp(cmd, "time") || !strcmp(cmd, "t")) {
		print_time_left(p);
	} else if (!strcmp(cmd, "submit")) {
		return confirm_submit(p) ? SUBMIT : GO_ON;
	} else if (!strcmp(cmd, "quit") || !strcmp(cmd, "q")) {
		return QUIT;
	} else if (!strcmp(cmd, "help") || !strcmp(cmd, "h") || !strcmp(cmd, "?")) {
		help();
	} else if (!strcmp(cmd, "show") || !*cmd) {
		show(p);
	} else {
		printf("Unknown command ':%s'; :help lists the commands.\n", cmd);
	}
	return GO_ON;
}

/* A drill's feedback on the question just answered: right or wrong, then its review. */
static void feedback(plain *p, size_t i)
{
	mx_review rv;
	mx_review_item(p->a->form, i, &p->a->items[i].response, &rv);
	printf("%s\n", rv.correct ? "Correct." : "Wrong.");
	plain_print_review(&rv, p->width);
}

static void answer_line(plain *p, const char *line, mx_status *st)
{
	mx_attempt *a = p->a;
	mx_error why;
	mx_response r;
	if (mx_attempt_parse(a, a->current, line, &r, &why) != MX_OK) {
		printf("%s\n", mx_error_message(&why));
		return;
	}
	if (!give(p, a->current, &r, st))
		return;
	if (a->drill && r.answered)
		*st = mx_attempt_check(a, a->current, &p->err);
	if (*st == MX_OK && a->drill)
		feedback(p, a->current);
	if (*st == MX_OK)
		*st = next(p);
}

/*
 * Reads the clock (attempt.h): prints the warnings it says are due, and says how long
 * to wait for a line.  *time_up when the time limit has been reached.
 */
static mx_status clock_events(plain *p, int *wait_ms, bool *printed, bool *time_up)
{
	mx_clock_report rep;
	mx_status st = mx_attempt_clock(p->a, now_ms(), &rep, &p->err);
	if (rep.events & MX_CLOCK_WARN_5)
		printf("\n*** 5 minutes left. ***\n");
	else if (rep.events & MX_CLOCK_WARN_15)
		printf("\n*** 15 minutes left. ***\n");
	*printed = rep.events & (MX_CLOCK_WARN_5 | MX_CLOCK_WARN_15);
	*time_up = rep.events & MX_CLOCK_TIME_UP;
	*wait_ms = (int)(rep.next_ms < 1000    ? rep.next_ms
			 : rep.next_ms > 60000 ? 60000
					       : rep.next_ms);
	return st;
}

static void print_intro(plain *p, bool resumed)
{
	const mx_form *f = p->a->form;
	const mx_profile *pr = mx_bank_profile(f->bank);
	char limit[32] = "untimed";
	if (p->a->limit_ms)
		format_duration(p->a->limit_ms, limit, sizeof limit);
	if (p->a->drill)
		printf("%s (%s) drill: %zu question%s, %s%s. Feedback follows each answer.\n",
		       pr->title, pr->id, f->n, f->n == 1 ? "" : "s", limit,
		       p->a->limit_ms ? " allowed" : "");
	else
		printf("%s (%s): %zu questions, %s%s. Passing score %d of %d-%d.\n", pr->title,
		       pr->id, f->n, limit, p->a->limit_ms ? " allowed" : "", pr->passing_score,
		       pr->scale_lo, pr->scale_hi);
	printf(
	    "Attempt %ld, seed %llu%s. Answer with the letters shown; :help lists the commands.\n",
	    p->a->id, (unsigned long long)f->seed, resumed ? ", resumed" : "");
	if (resumed)
		print_time_left(p);
}

static int save_failed(const plain *p)
{
	fprintf(stderr, "mockexam: cannot save: %s\n", mx_error_message(&p->err));
	return EXIT_SYSTEM;
}

/* A signal stopped the exam: the clock is saved, and the status says which signal. */
static int stopped(plain *p)
{
	int sig = signals_caught();
	if (mx_attempt_save_clock(p->a, &p->err) != MX_OK)
		return save_failed(p);
	fprintf(stderr,
		"\nmockexam: stopped by signal %d; your answers are saved. Continue with: "
		"mockexam resume %ld\n",
		sig, p->a->id);
	return 128 + sig;
}

static int finish(plain *p, bool time_up)
{
	mx_score *s = NULL;
	if (time_up)
		printf("\nTime is up. The %s has been submitted.\n",
		       p->a->drill ? "drill" : "exam");
	mx_status st = mx_attempt_submit(p->a, &s, &p->err);
	if (st != MX_OK) {
		fprintf(stderr, "mockexam: cannot record the result: %s\n",
			mx_error_message(&p->err));
		mx_score_free(s);
		return EXIT_SYSTEM;
	}
	if (p->a->drill)
		plain_drill_summary(p, s);
	else
		plain_results(p, s);
	mx_score_free(s);
	return EXIT_OK;
}

int plain_run(mx_attempt *a, bool resumed, const char *notice)
{
	plain p = {.a = a,
		   .in = {.fd = STDIN_FILENO},
		   .echo = !isatty(STDIN_FILENO),
		   .width = term_width()};
	setvbuf(stdout, NULL, _IOLBF, 0);
	signals_catch();
	bool printed, time_up;
	int wait;
	if (clock_events(&p, &wait, &printed, &time_up) != MX_OK)
		return save_failed(&p);
	print_intro(&p, resumed);
	if (notice)
		printf("%s\n", notice);
	if (time_up)
		return finish(&p, true);
	show(&p);
	char line[LINE_MAX_BYTES];
	bool prompt = true;
	for (;;) {
		if (clock_events(&p, &wait, &printed, &time_up) != MX_OK)
			return save_failed(&p);
		if (time_up)
			return finish(&p, true);
		if (prompt || printed) {
			printf("> ");
			fflush(stdout);
		}
		prompt = true;
		int rc = read_line(&p.in, wait, line, sizeof line);
		if (rc == LINE_SIGNAL)
			return stopped(&p);
		if (rc == LINE_TOO_LONG) {
			printf("\nThat line was too long to be an answer; it was ignored.\n");
			continue;
		}
		if (rc == 1 && p.echo)
			printf("%s\n", line); /* a transcript reads like the session */
		if (clock_events(&p, &wait, &printed, &time_up) != MX_OK)
			return save_failed(&p);
		if (time_up)
			return finish(&p, true);
		mx_status st = MX_OK;
		outcome o = GO_ON;
		if (rc == 0) { /* nothing typed: the clock said something was due */
			prompt = false;
			continue;
		} else if (rc < 0 ||
			   (o = line[0] == ':' ? run_command(&p, line, &st) : GO_ON) == QUIT) {
			if (mx_attempt_save_clock(a, &p.err) != MX_OK)
				return save_failed(&p);
			printf("\nYour answers are saved. Continue with: mockexam resume %ld\n",
			       a->id);
			return EXIT_OK;
		} else if (o == SUBMIT) {
			return finish(&p, false);
		} else if (line[0] != ':') {
			if (!line[0])
				st = next(&p);
			else
				answer_line(&p, line, &st);
		}
		if (st != MX_OK)
			return save_failed(&p);
		if (p.drill_done)
			return finish(&p, false);
	}
}
