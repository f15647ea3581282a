/*
 * api_json.c - the JSON documents of the API (docs/api.md): an attempt's state, a
 * question as the candidate sees it, a question reviewed, the score report.  Shared
 * shapes (a question, a key, a score) come from the command line's own documents
 * (cli.h), so the browser and --json agree.
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"

json_t *state_json(const session *ss)
{
	const mx_attempt *a = ss->a;
	mx_attempt_counts c = mx_attempt_count(a);
	char ask[512];
	int64_t left = mx_attempt_remaining(a);
	const char *warning = a->submitted		      ? NULL
			      : ss->events & MX_CLOCK_WARN_5  ? "5 minutes left."
			      : ss->events & MX_CLOCK_WARN_15 ? "15 minutes left."
							      : NULL;
	json_t *items = json_array();
	for (size_t i = 0; i < ss->form->n; i++)
		json_array_append_new(items, json_pack("{s:I, s:b, s:b, s:b}", "position",
						       (json_int_t)i + 1, "answered",
						       a->items[i].response.answered, "flagged",
						       a->items[i].flagged, "incomplete",
						       mx_attempt_selection(a, i).incomplete));
	return json_pack(
	    "{s:I, s:s, s:s, s:s, s:s, s:I, s:I, s:o, s:s?, s:{s:I, s:I, s:I, s:I}, s:s, s:o}",
	    "attempt", (json_int_t)ss->info.id, "exam", ss->info.exam, "title",
	    mx_bank_profile(ss->bank)->title, "kind", ss->info.kind, "status",
	    a->submitted ? "submitted" : "open", "question_count", (json_int_t)ss->form->n,
	    "current", (json_int_t)a->current + 1, "time_left_ms",
	    left < 0 ? json_null() : json_integer(left), "warning", warning, "counts", "answered",
	    (json_int_t)c.answered, "unanswered", (json_int_t)c.unanswered, "flagged",
	    (json_int_t)c.flagged, "incomplete", (json_int_t)c.incomplete, "submit_question",
	    mx_attempt_submit_question(a, ask, sizeof ask), "items", items);
}

static json_t *response_json(const mx_question *q, const mx_response *r)
{
	return r->answered ? json_keys(q, &r->keys, r->text) : json_null();
}

json_t *review_json(const session *ss, size_t i, const mx_response *r)
{
	const mx_question *q = session_question(ss, i);
	mx_review rv;
	mx_review_item(ss->form, i, r, &rv);
	json_t *choices = json_array(), *prompts = json_array(), *refs = json_array();
	char mark[64];
	for (size_t k = 0; k < rv.nchoices; k++) {
		char letter[2] = {rv.choices[k].letter, '\0'};
		mx_review_choice_mark(&rv.choices[k], mark, sizeof mark);
		json_array_append_new(choices, json_pack("{s:s, s:s, s:s, s:s?, s:s}", "letter",
							 letter, "key", session_shown_key(ss, i, k),
							 "text", rv.choices[k].text, "why",
							 rv.choices[k].why, "mark", mark));
	}
	for (size_t p = 0; p < rv.nprompts; p++) {
		mx_review_prompt_mark(&rv.prompts[p], mark, sizeof mark);
		json_array_append_new(prompts, json_pack("{s:I, s:s, s:s?, s:s}", "number",
							 (json_int_t)rv.prompts[p].number, "text",
							 rv.prompts[p].text, "why",
							 rv.prompts[p].why, "mark", mark));
	}
	for (size_t k = 0; k < q->references.n; k++)
		json_array_append_new(refs, json_string(q->references.v[k]));
	return json_pack("{s:I, s:s, s:s, s:s, s:b, s:b, s:b, s:o, s:o, s:s, s:s, s:o, s:o, s:s?, "
			 "s:o}",
			 "position", (json_int_t)i + 1, "id", q->id, "type", mx_qtype_name(q->type),
			 "stem", q->stem, "scored", ss->form->items[i].scored, "correct",
			 rv.correct, "answered", rv.answered, "answer",
			 json_keys(q, &q->answer, q->answer_text), "response", response_json(q, r),
			 "key_letters", rv.key, "response_letters", rv.response, "choices", choices,
			 "prompts", prompts, "explanation", rv.explanation, "references", refs);
}

json_t *question_state_json(const session *ss, size_t i)
{
	const mx_attempt *a = ss->a;
	const mx_question *q = session_question(ss, i);
	const mx_attempt_item *it = &a->items[i];
	json_t *o = question_json(ss->form, i, false);
	char instruction[160], progress[64];
	json_t *struck = json_array();
	for (size_t k = 0; k < ss->form->items[i].norder; k++)
		if (it->struck >> k & 1)
			json_array_append_new(struck, json_string(session_shown_key(ss, i, k)));
	bool drill = !strcmp(ss->info.kind, "drill");
	json_object_set_new(
	    o, "instruction",
	    json_string(mx_attempt_instruction(a, i, instruction, sizeof instruction)));
	json_object_set_new(o, "progress",
			    json_string(mx_attempt_progress(a, i, progress, sizeof progress)));
	json_object_set_new(o, "response", response_json(q, &it->response));
	json_object_set_new(o, "flagged", json_boolean(it->flagged));
	json_object_set_new(o, "struck", struck);
	json_object_set_new(o, "incomplete", json_boolean(mx_attempt_selection(a, i).incomplete));
	json_object_set_new(o, "checked", json_boolean(mx_attempt_locked(a, i)));
	if (q->case_index >= 0) {
		const mx_case *c = mx_bank_case(ss->bank, (size_t)q->case_index);
		json_object_set_new(o, "scenario",
				    json_pack("{s:s, s:s?, s:s}", "id", c->id, "title", c->title,
					      "text", c->scenario));
	}
	if (drill && it->response.answered)
		json_object_set_new(o, "feedback", review_json(ss, i, &it->response));
	return o;
}

json_t *score_json(const session *ss, const mx_score *score)
{
	mx_response *resp = malloc((ss->form->n + 1) * sizeof *resp);
	if (!resp)
		return NULL;
	for (size_t i = 0; i < ss->form->n; i++)
		resp[i] = ss->a->items[i].response;
	json_t *doc = grade_json(ss->form, resp, score);
	free(resp);
	return doc;
}
