/*
 * report_html.c - the report as one self-contained HTML page: inline CSS and SVG, no
 * script and nothing fetched, so it reads the same offline, printed or mailed.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "mockexam/report.h"

static void esc(FILE *f, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			fputc(*s, f);
		}
}

/* Accuracy per domain: a bar, its Wilson interval, and the cut as a dashed line. */
static void domain_chart(FILE *f, const mx_report *r)
{
	const mx_profile *p = mx_bank_profile(r->bank);
	const int row = 34, left = 300, plot = 420, top = 24;
	int height = top + row * (int)p->ndomains + 30;
	fprintf(f,
		"<svg id=\"domain-chart\" role=\"img\" aria-label=\"Accuracy per domain\" "
		"width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
		left + plot + 40, height, left + plot + 40, height);
	for (int pct = 0; pct <= 100; pct += 25)
		fprintf(f,
			"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"grid\"/>"
			"<text x=\"%d\" y=\"%d\" class=\"axis\">%d%%</text>\n",
			left + plot * pct / 100, top - 6, left + plot * pct / 100, height - 24,
			left + plot * pct / 100 - 10, height - 8, pct);
	for (size_t d = 0; d < p->ndomains; d++) {
		const mx_area *a = &r->domains[d];
		int y = top + row * (int)d;
		fprintf(f, "<text x=\"0\" y=\"%d\" class=\"label\">%d ", y + 20, p->domains[d].id);
		char name[48];
		const char *full = p->domains[d].name;
		snprintf(name, sizeof name, strlen(full) > 40 ? "%.37s..." : "%s", full);
		esc(f, name);
		fprintf(f,
			"</text>\n<rect class=\"bar %s\" x=\"%d\" y=\"%d\" width=\"%.1f\" "
			"height=\"18\"><title>%.0f%% of %zu answers</title></rect>\n",
			a->meets ? "meets" : "needs", left, y + 6, plot * a->percent / 100,
			a->percent, a->responses);
		if (a->responses)
			fprintf(
			    f,
			    "<line class=\"ci\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
			    "<line class=\"ci\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
			    "<line class=\"ci\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n",
			    left + plot * a->low / 100, y + 15, left + plot * a->high / 100, y + 15,
			    left + plot * a->low / 100, y + 10, left + plot * a->low / 100, y + 20,
			    left + plot * a->high / 100, y + 10, left + plot * a->high / 100,
			    y + 20);
	}
	double cut = left + plot * p->cut;
	fprintf(f,
		"<line class=\"cut\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
		"<text x=\"%.1f\" y=\"%d\" class=\"axis\">cut %.0f%%</text>\n</svg>\n",
		cut, top - 10, cut, height - 24, cut + 4, top - 12, 100 * p->cut);
}

/* Scaled scores of the mock exams, with the passing score as a line. */
static void score_chart(FILE *f, const mx_report *r)
{
	const mx_profile *p = mx_bank_profile(r->bank);
	const int w = 720, h = 270, left = 50, top = 20, plot_w = w - left - 20, plot_h = h - 80;
	if (r->nscores == 0) {
		fputs("<p id=\"score-chart\">No mock exams in this report yet.</p>\n", f);
		return;
	}
	double span = p->scale_hi - p->scale_lo;
#define Y(s) (top + plot_h - plot_h * ((s)-p->scale_lo) / span)
#define X(i)                                                                                       \
	(left + (r->nscores > 1 ? plot_w * (double)(i) / (double)(r->nscores - 1) : plot_w / 2.0))
	fprintf(f,
		"<svg id=\"score-chart\" role=\"img\" aria-label=\"Mock exam scores\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\">\n",
		w, h, w, h);
	for (int g = 0; g <= 3; g++) { /* four grid lines, whatever the scale's span */
		double s = p->scale_lo + (p->scale_hi - p->scale_lo) * g / 3.0;
		fprintf(f,
			"<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
			"<text class=\"axis\" x=\"0\" y=\"%.1f\">%.0f</text>\n",
			left, Y(s), left + plot_w, Y(s), Y(s) + 4, s);
	}
	fprintf(f,
		"<line class=\"cut\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
		"<text class=\"axis\" x=\"%d\" y=\"%.1f\">passing %d</text>\n",
		left, Y(p->passing_score), left + plot_w, Y(p->passing_score), left + 4,
		Y(p->passing_score) - 4, p->passing_score);
	fputs("<polyline class=\"trend\" points=\"", f);
	for (size_t i = 0; i < r->nscores; i++)
		fprintf(f, "%.1f,%.1f ", X(i), Y(r->scores[i].scaled));
	fputs("\"/>\n", f);
	/* the dates along the axis: at most eight labels, the last exam's always */
	size_t every = (r->nscores + 7) / 8;
	for (size_t i = 0; i < r->nscores; i++) {
		const mx_exam_score *e = &r->scores[i];
		char date[16];
		format_moment(e->started, false, date, sizeof date);
		fprintf(f,
			"<circle class=\"%s%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\"><title>Attempt %ld "
			"on %s: %d",
			e->passed ? "pass" : "fail", e->mini ? " mini" : "", X(i), Y(e->scaled),
			e->attempt, date, e->scaled);
		if (e->mini)
			fprintf(f, " (mini mock, %zu questions)", e->questions);
		fputs("</title></circle>\n", f);
		if (i % every == 0 || i + 1 == r->nscores)
			fprintf(f,
				"<text class=\"axis date\" x=\"%.1f\" y=\"%d\" "
				"text-anchor=\"middle\">%s</text>\n",
				X(i), top + plot_h + 18, date + 5); /* "MM-DD" */
	}
	bool mini = false;
	for (size_t i = 0; i < r->nscores; i++)
		mini |= r->scores[i].mini;
	fprintf(f, "<text class=\"axis\" x=\"%d\" y=\"%d\">started (month-day)%s</text>\n", left,
		top + plot_h + 40,
		mini ? "; hollow: a mini mock, fewer questions than the exam" : "");
	fputs("</svg>\n", f);
#undef X
#undef Y
}

static void area_row(FILE *f, const char *id, const char *name, const mx_area *a)
{
	fputs("<tr><td>", f);
	esc(f, id);
	fputs("</td><td>", f);
	esc(f, name);
	fprintf(f,
		"</td><td>%zu</td><td>%.0f%%</td><td>%.0f&ndash;%.0f%%</td><td class=\"%s\">%s</td>"
		"<td>%zu</td></tr>\n",
		a->responses, a->percent, a->low, a->high, a->meets ? "meets" : "needs",
		a->responses ? (a->meets ? "Meets" : "Needs improvement") : "No answers",
		a->priority);
}

static const char style[] =
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "color:#1d2330}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}"
    "table{border-collapse:collapse;width:100%}td,th{padding:.3rem .5rem;border-bottom:1px "
    "solid #ddd;text-align:left}.meets{color:#17692a}.needs{color:#a8201a}"
    "svg .bar.meets{fill:#3d9a50}svg .bar.needs{fill:#d0563b}svg .ci{stroke:#1d2330;"
    "stroke-width:1.5}svg .cut{stroke:#555;stroke-dasharray:4 3}svg .grid{stroke:#e4e4e4}"
    "svg .axis,svg .label{font-size:12px;fill:#333}svg .trend{fill:none;stroke:#2f5fb3;"
    "stroke-width:2}svg circle.pass{fill:#3d9a50}svg circle.fail{fill:#d0563b}"
    "svg circle.mini{fill:#fff;stroke-width:2.5}svg circle.pass.mini{stroke:#3d9a50}"
    "svg circle.fail.mini{stroke:#d0563b}"
    ".next{background:#f3f6fb;padding:1rem;border-left:4px solid #2f5fb3}code{font-size:1rem}";

int report_html(const mx_report *r, const char *path)
{
	const mx_profile *p = mx_bank_profile(r->bank);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "mockexam report: cannot write %s: %s\n", path, strerror(errno));
		return EXIT_SYSTEM;
	}
	fprintf(f,
		"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		"<title>mockexam report: %s</title><style>%s</style></head><body>\n<h1>",
		p->id, style);
	esc(f, p->title);
	fprintf(f,
		" (%s)</h1>\n<p>%zu attempt%s: %zu mock exam%s and %zu drill%s, %zu answers.</p>\n",
		p->id, r->attempts, r->attempts == 1 ? "" : "s", r->exams, r->exams == 1 ? "" : "s",
		r->drills, r->drills == 1 ? "" : "s", r->responses);
	const mx_readiness *rd = &r->readiness;
	fputs("<h2>Readiness</h2>\n<p id=\"readiness\">", f);
	if (rd->known)
		fprintf(f,
			"<strong>%.0f%%</strong> chance of passing now; median scaled score %d "
			"(10th&ndash;90th percentile %d&ndash;%d; passing %d), from %zu answers.",
			100 * rd->pass_probability, rd->median, rd->p10, rd->p90, p->passing_score,
			rd->responses);
	else
		esc(f, rd->reason);
	fputs("</p>\n<div class=\"next\"><strong>Next:</strong> <code>", f);
	esc(f, r->next_command);
	fputs("</code><br>", f);
	esc(f, r->next_why);
	fputs("</div>\n<h2>Accuracy per domain, with 95% intervals</h2>\n", f);
	domain_chart(f, r);
	fputs("<h2>Mock exam scores</h2>\n", f);
	score_chart(f, r);
	fputs("<h2>Domains and task statements</h2>\n<table><tr><th>Id</th><th>Area</th>"
	      "<th>Answers</th><th>Correct</th><th>95% range</th><th>Status</th><th>Priority</th>"
	      "</tr>\n",
	      f);
	for (size_t d = 0; d < p->ndomains; d++) {
		char id[16];
		snprintf(id, sizeof id, "%d", p->domains[d].id);
		area_row(f, id, p->domains[d].name, &r->domains[d]);
		for (size_t t = 0; t < p->domains[d].ntasks; t++)
			area_row(f, p->domains[d].tasks[t].id, p->domains[d].tasks[t].name,
				 &r->tasks[d][t]);
	}
	fputs("</table>\n<p>Scoring is compensatory: only the overall scaled score decides pass "
	      "or fail.</p>\n</body></html>\n",
	      f);
	if (fclose(f) != 0) {
		fprintf(stderr, "mockexam report: cannot write %s\n", path);
		return EXIT_SYSTEM;
	}
	return EXIT_OK;
}
