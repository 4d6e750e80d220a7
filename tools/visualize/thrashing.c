// SPDX-License-Identifier: GPL-2.0
/*
 * visualize thrashing RECORD: the thrashing lab's record drawn
 * (labrec.h): progress (pages touched per second) and major faults per
 * second at each memory.high the lab set, on a log scale, with the knee
 * where the working set stopped fitting. --note prints only the measured
 * knee as one paragraph (the report's closing note).
 */
#include <stdlib.h>
#include <string.h>

#include "labrec.h"
#include "markup.h"

#define TH_VIEW		"lab-thrashing"
#define TH_MAX_STEPS	64
#define TH_MAX_RATE	2000000000

struct th_step {
	int limit, touched, majflt, present, swapped;
};

struct th {
	int ws, knee;		/* knee: -1 if none was found */
	struct th_step st[TH_MAX_STEPS];
	int n;
};

/* A number column; present and swapped may be -1 (the process was gone). */
static bool col(const char *s, int max, int *out, bool may_be_unknown)
{
	if (may_be_unknown && !strcmp(s, "-1")) {
		*out = -1;
		return true;
	}
	return labrec_int(s, max, out);
}

static int th_parse(struct th *t, const struct osedu_doc *d, const char *name)
{
	const char *knee = osedu_doc_get(d, "knee");
	bool table = false;

	memset(t, 0, sizeof(*t));
	if (!labrec_key(d, "working_set", 1 << 24, &t->ws) || !t->ws || !knee)
		goto bad;
	if (!strcmp(knee, "-1"))
		t->knee = -1;
	else if (!labrec_int(knee, 1 << 24, &t->knee))
		goto bad;
	for (size_t i = 1; i < d->nlines; i++) {
		struct osedu_cols c;
		struct th_step *s;
		bool ok;

		if (!strcmp(d->lines[i], "limit touched_per_s majflt_per_s present swapped")) {
			table = true;
			continue;
		}
		if (!table || !d->lines[i][0])
			continue;
		if (t->n == TH_MAX_STEPS)
			goto bad;
		s = &t->st[t->n++];
		ok = osedu_split(&c, d->lines[i]) == 5 &&
		     col(c.col[0], 1 << 24, &s->limit, false) &&
		     col(c.col[1], TH_MAX_RATE, &s->touched, false) &&
		     col(c.col[2], TH_MAX_RATE, &s->majflt, false) &&
		     col(c.col[3], 1 << 24, &s->present, true) &&
		     col(c.col[4], 1 << 24, &s->swapped, true);
		osedu_cols_free(&c);
		if (!ok)
			goto bad;
	}
	if (t->n < 2)
		goto bad;
	return 0;
bad:
	viz_err("%s: not a thrashing record as docs/proc-format.md describes it", name);
	return -1;
}

/* The step the knee is at, or -1. */
static int knee_step(const struct th *t)
{
	for (int i = 0; i < t->n; i++)
		if (t->knee >= 0 && t->st[i].limit == t->knee)
			return i;
	return -1;
}

static int max_rate(const struct th *t)
{
	int m = 1;

	for (int i = 0; i < t->n; i++) {
		if (t->st[i].touched > m)
			m = t->st[i].touched;
		if (t->st[i].majflt > m)
			m = t->st[i].majflt;
	}
	return m;
}

/* log10(V) for V >= 1, bit by bit (no libm: visualize links statically). */
static double log10_of(int v)
{
	double x = v, r = 0, bit = 0.5;

	while (x >= 10) {
		x /= 10;
		r++;
	}
	for (int i = 0; i < 24; i++, bit /= 2) {
		x *= x;
		if (x >= 10) {
			x /= 10;
			r += bit;
		}
	}
	return r;
}

/* V on a log scale from 1 to MAX, as 0..1. */
static double logpos(int v, int max)
{
	return v < 1 ? 0 : log10_of(v) / log10_of(max > 10 ? max : 10);
}

static const char *const explain_en =
	"A process sweeps over its working set again and again while the memory.high of its cgroup is lowered step by step. While the limit holds the working set, it touches pages fast and almost never faults; once it does not, every fault evicts a page that is needed again soon, so the process spends its time on major faults (swap-ins) and progress falls off a cliff: the knee. Both rates are on a log scale.";
static const char *const explain_ko =
	"프로세스가 작업 집합을 계속 훑는 동안 그 cgroup의 memory.high를 단계적으로 낮춘다. 제한이 작업 집합을 담는 동안에는 페이지를 빠르게 건드리고 폴트가 거의 없다. 담지 못하게 되면 폴트마다 곧 다시 필요할 페이지를 내보내므로 프로세스는 major fault(스왑 인)에 시간을 쓰고 진행은 절벽처럼 떨어진다: 무릎(knee). 두 비율 모두 로그 눈금이다.";

/* S, then blanks up to WIDTH terminal columns. */
static void pad(FILE *f, const char *s, size_t width)
{
	fputs(s, f);
	for (size_t w = viz_width(s); w < width; w++)
		fputc(' ', f);
}

static void text_render(const struct viz *v, const struct th *t)
{
	FILE *f = v->out;
	int m = max_rate(t), k = knee_step(t);

	viz_heading(v, "Thrashing: progress and major faults against memory.high",
		    "스래싱: memory.high에 따른 진행과 major fault");
	viz_explain(v, explain_en, explain_ko);
	fprintf(f, "%s W = %d %s\n\n", viz_tr(v, "working set", "작업 집합"),
		t->ws, viz_tr(v, "pages", "페이지"));
	fprintf(f, "  %6s ", viz_tr(v, "limit", "제한"));
	pad(f, viz_tr(v, "touched/s (log)", "초당 접근 (로그)"), 35);
	fprintf(f, "%s\n", viz_tr(v, "major faults/s (log)",
				  "초당 major fault (로그)"));
	for (int i = 0; i < t->n; i++) {
		const struct th_step *s = &t->st[i];
		int a = (int)(24 * logpos(s->touched, m));
		int b = (int)(24 * logpos(s->majflt, m));

		fprintf(f, "  %6d %s%-24.*s%s %9d %s%-24.*s%s %9d%s\n", s->limit,
			viz_c(v, VIZ_GREEN), a, "########################",
			viz_c(v, VIZ_RESET), s->touched, viz_c(v, VIZ_RED), b,
			"########################", viz_c(v, VIZ_RESET),
			s->majflt, i == k ? viz_tr(v, "  <- knee", "  <- 무릎") : "");
	}
	if (k > 0)
		fprintf(f, "\n%s %d %s %d %s (W = %d)\n",
			viz_tr(v, "knee: between", "무릎: memory.high"),
			t->st[k - 1].limit, viz_tr(v, "and", "와"),
			t->st[k].limit,
			viz_tr(v, "pages of memory.high above the process's base",
			       "페이지 사이 (프로세스의 기본 사용량 위)"), t->ws);
	else
		fprintf(f, "\n%s\n", viz_tr(v, "no knee was measured",
					    "무릎을 측정하지 못했다"));
}

#define TS_W		900.0
#define TS_H		360.0
#define TS_X		80.0
#define TS_Y		50.0
#define TS_PW		(TS_W - TS_X - 40.0)
#define TS_PH		(TS_H - TS_Y - 70.0)

static void svg_series(FILE *f, const struct th *t, bool faults, int m,
		       const char *stroke)
{
	double px = 0, py = 0;

	for (int i = 0; i < t->n; i++) {
		int val = faults ? t->st[i].majflt : t->st[i].touched;
		double x = TS_X + TS_PW * (i + 0.5) / t->n;
		double y = TS_Y + TS_PH * (1 - logpos(val, m));

		if (i)
			svg_line(f, px, py, x, y, stroke);
		svg_rect(f, x - 3, y - 3, 6, 6, stroke, NULL);
		px = x;
		py = y;
	}
}

static void svg_render(const struct viz *v, const struct th *t)
{
	FILE *f = v->out;
	int m = max_rate(t), k = knee_step(t);

	svg_begin(f, (int)TS_W, (int)TS_H,
		  viz_tr(v, "Thrashing: progress and major faults against memory.high",
			 "스래싱: memory.high에 따른 진행과 major fault"));
	svg_text(f, 20, 24, "start", "title", "%s (W = %d %s)",
		 viz_tr(v, "Thrashing", "스래싱"), t->ws,
		 viz_tr(v, "pages", "페이지"));
	svg_rect(f, TS_X, TS_Y, TS_PW, TS_PH, "#fafbfd", NULL);
	for (int e = 0; e <= 9; e++) {
		double y = TS_Y + TS_PH * (1 - e / log10_of(m > 10 ? m : 10));

		if (y < TS_Y)
			break;
		svg_line(f, TS_X, y, TS_X + TS_PW, y, "#dddddd");
		svg_text(f, TS_X - 6, y + 4, "end", "small dim", "1e%d", e);
	}
	if (k >= 0) {
		double x = TS_X + TS_PW * (k + 0.5) / t->n;

		svg_line(f, x, TS_Y, x, TS_Y + TS_PH, "#f59f00");
		svg_text(f, x + 4, TS_Y + 14, "start", "small", "%s",
			 viz_tr(v, "knee", "무릎"));
	}
	svg_series(f, t, false, m, "#2f9e44");
	svg_series(f, t, true, m, "#e03131");
	for (int i = 0; i < t->n; i++)
		svg_text(f, TS_X + TS_PW * (i + 0.5) / t->n, TS_Y + TS_PH + 16,
			 "middle", "mono small", "%d", t->st[i].limit);
	svg_text(f, TS_X + TS_PW / 2, TS_Y + TS_PH + 34, "middle", NULL, "%s",
		 viz_tr(v, "memory.high above the process's base (pages), lowered step by step",
			"프로세스의 기본 사용량 위 memory.high (페이지), 단계적으로 낮춤"));
	svg_rect(f, TS_X, TS_H - 22, 12, 8, "#2f9e44", NULL);
	svg_text(f, TS_X + 16, TS_H - 14, "start", "small", "%s",
		 viz_tr(v, "pages touched per second", "초당 건드린 페이지"));
	svg_rect(f, TS_X + 260, TS_H - 22, 12, 8, "#e03131", NULL);
	svg_text(f, TS_X + 276, TS_H - 14, "start", "small", "%s",
		 viz_tr(v, "major faults per second", "초당 major fault"));
	svg_end(f);
}

static void note(const struct viz *v, const struct th *t, FILE *f)
{
	int k = knee_step(t);

	if (k <= 0) {
		fputs(viz_tr(v, "No thrashing knee was measured in this run.\n",
			     "이번 실행에서는 스래싱 무릎을 측정하지 못했다.\n"), f);
		return;
	}
	if (v->lang == VIZ_KO)
		fprintf(f, "스래싱 무릎(측정값): 작업 집합 %d 페이지에서 memory.high가 %d 페이지에서 %d 페이지로 내려갈 때 진행이 초당 %d에서 %d 페이지로 떨어지고 major fault가 초당 %d에서 %d로 늘었다.\n",
			t->ws, t->st[k - 1].limit, t->st[k].limit,
			t->st[k - 1].touched, t->st[k].touched,
			t->st[k - 1].majflt, t->st[k].majflt);
	else
		fprintf(f, "The thrashing knee, as measured: with a working set of %d pages, lowering memory.high from %d to %d pages dropped progress from %d to %d pages touched per second while major faults went from %d to %d per second.\n",
			t->ws, t->st[k - 1].limit, t->st[k].limit,
			t->st[k - 1].touched, t->st[k].touched,
			t->st[k - 1].majflt, t->st[k].majflt);
}

static void html_render(const struct viz *v, const struct th *t)
{
	struct viz plain = *v;
	FILE *f = v->out;
	char *buf = NULL;
	size_t len = 0;
	FILE *m;

	viz_html_begin(v, viz_tr(v, "Thrashing: progress and major faults against memory.high",
				 "스래싱: memory.high에 따른 진행과 major fault"));
	viz_explain(v, explain_en, explain_ko);
	plain.format = VIZ_SVG;
	svg_render(&plain, t);
	mk_printf(f, "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
		  viz_tr(v, "limit (pages)", "제한 (페이지)"),
		  viz_tr(v, "touched/s", "초당 접근"),
		  viz_tr(v, "major faults/s", "초당 major fault"),
		  viz_tr(v, "present", "메모리에 있음"),
		  viz_tr(v, "swapped", "스왑됨"));
	for (int i = 0; i < t->n; i++)
		mk_printf(f, "<tr><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td></tr>\n",
			  t->st[i].limit, t->st[i].touched, t->st[i].majflt,
			  t->st[i].present, t->st[i].swapped);
	fputs("</table>\n<p>", f);
	m = open_memstream(&buf, &len);
	if (m) {
		note(v, t, m);
		fclose(m);
		mk_text(f, buf);
		free(buf);
	}
	fputs("</p>\n", f);
	viz_html_end(v);
}

static int th_doc(struct viz *v, const struct osedu_doc *d, const char *name,
		  bool only_note)
{
	struct th t;

	if (th_parse(&t, d, name))
		return 1;
	if (only_note)
		note(v, &t, v->out);
	else if (v->format == VIZ_TEXT)
		text_render(v, &t);
	else if (v->format == VIZ_SVG)
		svg_render(v, &t);
	else
		html_render(v, &t);
	return 0;
}

static int th_run(struct viz *v, int argc, char **argv)
{
	bool only_note = argc == 3 && !strcmp(argv[1], "--note");
	struct osedu_doc d;
	int rc;

	if (argc != 2 + only_note || argv[argc - 1][0] == '-') {
		viz_err("usage: visualize thrashing [--note] RECORD (the thrashing lab's record)");
		return 2;
	}
	if (labrec_load(&d, argv[argc - 1], TH_VIEW))
		return 1;
	rc = th_doc(v, &d, argv[argc - 1], only_note);
	osedu_doc_free(&d);
	return rc;
}

static int th_fuzz(struct viz *v, const uint8_t *data, size_t len)
{
	struct osedu_doc d;
	int rc;

	if (labrec_parse_mem(&d, data, len, TH_VIEW))
		return 1;
	rc = th_doc(v, &d, "fuzz", len & 1);
	osedu_doc_free(&d);
	return rc;
}

const struct viz_view viz_view_thrashing = {
	.name = "thrashing",
	.usage = "thrashing [--note] RECORD",
	.summary = "progress and major faults against memory.high, the knee (a lab record)",
	.run = th_run,
	.fuzz = th_fuzz,
};
