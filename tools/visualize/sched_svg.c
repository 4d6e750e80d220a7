// SPDX-License-Identifier: GPL-2.0
/*
 * visualize sched as SVG: per-CPU runs and task lanes over a time axis
 * (all of the trace, then a zoom on the first switches), why each run
 * ended, and the process-state diagram with the counted transitions.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "markup.h"
#include "sched.h"

/* ---- SVG ---------------------------------------------------------------- */

#define SVG_W		1100
#define SVG_L		110	/* left margin: lane names */
#define SVG_R		20
#define CPU_H		26
#define LANE_H		16

/* A figure being drawn: the stretch of time its lanes show (a window). */
struct svg_fig {
	FILE *f;
	const struct model *m;
	uint64_t win_t0, win_span;	/* all of the trace, or a zoom */
};

static bool in_window(const struct svg_fig *w, uint64_t t0, uint64_t t1)
{
	return t1 >= w->win_t0 && t0 <= w->win_t0 + w->win_span;
}

static double xof(const struct svg_fig *fig, uint64_t t)
{
	double w = SVG_W - SVG_L - SVG_R;
	uint64_t win_t0 = fig->win_t0, win_span = fig->win_span;

	if (!win_span || t <= win_t0)
		return SVG_L;
	if (t - win_t0 >= win_span)
		return SVG_L + w;
	return SVG_L + w * (double)(t - win_t0) / (double)win_span;
}

static void svg_axis(const struct svg_fig *w, double y, double h)
{
	FILE *f = w->f;
	const struct model *m = w->m;
	uint64_t win_t0 = w->win_t0;
	double span = ms(w->win_span), step = 1, t;
	int i = 0;

	/* 1, 2, 5 x 10^k so there are at most a dozen ticks. */
	for (step = 1e-3; span / step > 12 && step < 1e12;) {
		if (span / (step * 2) <= 12) {
			step *= 2;
			break;
		}
		if (span / (step * 5) <= 12) {
			step *= 5;
			break;
		}
		step *= 10;
	}
	for (t = 0; t <= span + 1e-9 && i < 100; t = step * ++i) {
		double x = SVG_L + (SVG_W - SVG_L - SVG_R) * (span ? t / span : 0);

		svg_line(f, x, y, x, y + h, "#e4e4e4");
		svg_text(f, x, y - 4, "middle", "small", "%g", t);
	}
	svg_text(f, SVG_L - 6, y - 4, "end", "small", "%s",
		 win_t0 == m->t0 ? "ms" : "+ms");
}

/* What a span looks like: same look, same key. */
static int look(const struct model *m, const struct span *a, bool lane)
{
	if (lane)
		return a->what == TS_RUNNING ? 0 : a->what == TS_READY ? 1 :
		       a->what == TS_BLOCKED || a->what == TS_NEW ? 2 : -1;
	if (a->task == -2)
		return -2;
	if (a->task < 0)
		return -1;
	if (!m->task[a->task].focus || m->task[a->task].letter < 0)
		return -3;
	return a->task;
}

/*
 * Draw a list of spans. A long trace has far more slices than pixels:
 * spans inside one pixel are drawn as one, in the look that had most of
 * its time, and neighbours of one look closer than half a pixel merge.
 */
static void svg_spans(const struct svg_fig *w, const struct spans *s,
		      double y, double h, bool lane)
{
	FILE *f = w->f;
	const struct model *m = w->m;
	char name[48];
	size_t i = 0;

	while (i < s->n) {
		const struct span *a, *best;
		double x0, x1, bt = 0;
		size_t j, k;
		int key;

		if (!in_window(w, s->s[i].t0, s->s[i].t1)) {
			i++;
			continue;
		}
		a = &s->s[i];
		best = a;
		x0 = xof(w, a->t0);
		j = i + 1;

		while (j < s->n && xof(w, s->s[j].t1) - x0 < 1.0 &&
		       in_window(w, s->s[j].t0, s->s[j].t1))
			j++;
		for (k = i; k < j; k++) {
			double t = (double)(s->s[k].t1 - s->s[k].t0);

			if (k == i || t > bt) {
				bt = t;
				best = &s->s[k];
			}
		}
		key = look(m, best, lane);
		x1 = xof(w, s->s[j - 1].t1);
		while (j < s->n && look(m, &s->s[j], lane) == key &&
		       xof(w, s->s[j].t0) - x1 < 0.5) {
			x1 = xof(w, s->s[j].t1);
			j++;
		}
		if (x1 - x0 < 0.4)
			x1 = x0 + 0.4;
		if (lane && key == 1) {
			mk_printf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.3\"/>\n",
				x0, y, x1 - x0, h, fill_of(m, best->task));
		} else if (lane && key == 2) {
			svg_line(f, x0, y + h / 2, x1, y + h / 2, "#888888");
		} else if (key != -1) {
			mk_printf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"",
				x0, y, x1 - x0, h, fill_of(m, best->task));
			if (x1 - x0 >= 3 && j == i + 1) {
				fputs("><title>", f);
				mk_text(f, task_name(m, a->task, name,
						     sizeof(name)));
				mk_printf(f, " %.3f-%.3f ms</title></rect>\n",
					ms(a->t0 - m->t0), ms(a->t1 - m->t0));
			} else {
				fputs("/>\n", f);
			}
			if (!lane && a->task >= 0 && j == i + 1 &&
			    x1 - x0 > 7.0 * (strlen(task_name(m, a->task, name,
							       sizeof(name))) + 1))
				svg_text(f, (x0 + x1) / 2, y + h / 2 + 4,
					 "middle", "small", "%s", name);
		}
		i = j;
	}
}

static const char *reason_fill(int r)
{
	switch (r) {
	case RS_BLOCK_S:
	case RS_BLOCK_D:
	case RS_BLOCK_OTHER:
		return "#1f5fbf";
	case RS_PREEMPT:
		return "#f08c00";
	case RS_PREEMPT_K:
		return "#d0021b";
	case RS_EXIT:
		return "#000000";
	}
	return NULL;
}

/* Tick marks under each focus slice's end: why it left the CPU. */
static void svg_reasons(const struct svg_fig *w, const struct spans *s,
			double y)
{
	FILE *f = w->f;
	const struct model *m = w->m;
	double last_text = -100, last_tick = -100;
	int last_what = -1;

	for (size_t i = 0; i < s->n; i++) {
		const struct span *a = &s->s[i];
		const char *col = reason_fill(a->what);
		double x;

		if (a->task < 0 || !m->task[a->task].focus || !col ||
		    !in_window(w, a->t1, a->t1))
			continue;
		x = xof(w, a->t1);
		if (x - last_tick < 1.5 && a->what == last_what)
			continue;
		last_tick = x;
		last_what = a->what;
		svg_line(f, x, y, x, y + 5, col);
		if (x - last_text >= 14) {
			mk_printf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"8\" fill=\"%s\">%s</text>\n",
				x, y + 13, col, reason_short(a->what));
			last_text = x;
		}
	}
}

static void svg_state_box(FILE *f, double x, double y, const char *name,
			  const char *fill)
{
	mk_printf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"110\" height=\"34\" rx=\"17\" fill=\"%s\" stroke=\"#333\"/>\n",
		x, y, fill);
	svg_text(f, x + 55, y + 22, "middle", "title", "%s", name);
}

static void svg_arrow(const struct viz *v, FILE *f, double x1, double y1,
		      double x2, double y2, const char *label, unsigned long n,
		      double lx, double ly)
{
	mk_printf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\" stroke-width=\"1.5\" marker-end=\"url(#%sarr)\"/>\n",
		x1, y1, x2, y2, v->id_prefix);
	svg_text(f, lx, ly, "middle", "small", "%s", label);
	svg_text(f, lx, ly + 14, "middle", NULL, "%lu", n);
}

static void svg_states(const struct viz *v, FILE *f, const struct model *m,
		       double y)
{
	double x0 = SVG_L;
	char lab[80];

	svg_text(f, 10, y, "start", "title", "%s",
		 viz_tr(v, m->nfocus ?
			"Process states: transitions of the traced tasks" :
			"Process states: transitions during the trace",
			m->nfocus ? "프로세스 상태: 추적한 태스크의 상태 전이" :
			"프로세스 상태: 기록 중의 상태 전이"));
	y += 20;
	svg_state_box(f, x0, y, viz_tr(v, "New", "생성"), "#eeeeee");
	svg_state_box(f, x0 + 250, y, viz_tr(v, "Ready", "준비"), "#fff3c4");
	svg_state_box(f, x0 + 500, y, viz_tr(v, "Running", "실행"),
		      "#c8f0c8");
	svg_state_box(f, x0 + 750, y, viz_tr(v, "Zombie", "좀비"), "#dddddd");
	svg_state_box(f, x0 + 375, y + 120, viz_tr(v, "Blocked", "블록"),
		      "#cfe0ff");
	svg_arrow(v, f, x0 + 110, y + 17, x0 + 248, y + 17, "wakeup_new",
		  tr2(m, TR_NEW_READY), x0 + 180, y + 8);
	svg_arrow(v, f, x0 + 360, y + 10, x0 + 498, y + 10,
		  viz_tr(v, "dispatch (switch in)", "디스패치 (문맥교환 들어옴)"),
		  tr2(m, TR_READY_RUNNING), x0 + 430, y - 6);
	snprintf(lab, sizeof(lab), "%s R %lu, R+ %lu",
		 viz_tr(v, "preempted", "선점"), tr2(m, TR_RUNNING_READY),
		 tr2(m, TR_RUNNING_READY_K));
	svg_arrow(v, f, x0 + 498, y + 26, x0 + 362, y + 26, lab,
		  tr2(m, TR_RUNNING_READY) + tr2(m, TR_RUNNING_READY_K),
		  x0 + 430, y + 42);
	svg_arrow(v, f, x0 + 610, y + 17, x0 + 748, y + 17, "exit (Z)",
		  tr2(m, TR_RUNNING_ZOMBIE), x0 + 680, y + 8);
	snprintf(lab, sizeof(lab), "%s S %lu, D %lu, %s %lu",
		 viz_tr(v, "blocked", "블록"), tr2(m, TR_RUNNING_BLOCKED_S),
		 tr2(m, TR_RUNNING_BLOCKED_D), viz_tr(v, "other", "기타"),
		 tr2(m, TR_RUNNING_BLOCKED_OTHER));
	svg_arrow(v, f, x0 + 555, y + 34, x0 + 470, y + 118, lab,
		  tr2(m, TR_RUNNING_BLOCKED_S) + tr2(m, TR_RUNNING_BLOCKED_D) +
		  tr2(m, TR_RUNNING_BLOCKED_OTHER), x0 + 600, y + 80);
	svg_arrow(v, f, x0 + 390, y + 118, x0 + 305, y + 36, "wakeup",
		  tr2(m, TR_BLOCKED_READY), x0 + 300, y + 80);
}

#define ZOOM_SWITCHES	24

/*
 * A zoom on the first switches of the traced tasks, where a whole run's
 * chart is too dense to read one slice: false if the whole run is short
 * enough already.
 */
static bool zoom_window(const struct model *m, uint64_t *t0, uint64_t *span)
{
	size_t n = 0, first = 0;

	for (size_t i = 0; i < m->trace.n; i++) {
		if (!focus_switch(m, &m->trace.ev[i]))
			continue;
		if (!n++)
			first = i;
		if (n > ZOOM_SWITCHES) {
			uint64_t a = m->trace.ev[first].ts, b = m->trace.ev[i].ts;
			uint64_t pad = (b - a) / 20;

			*t0 = a - m->t0 > pad ? a - pad : m->t0;
			*span = b + pad - *t0;
			return *span && *span < m->span_ns / 4;
		}
	}
	return false;
}

/* The CPU lanes then the task lanes, from Y; returns the next free y. */
static double svg_lanes(const struct viz *v, const struct svg_fig *w,
			double y)
{
	FILE *f = w->f;
	const struct model *m = w->m;
	char name[48];

	svg_axis(w, y - 8, m->ncpu * (CPU_H + 18));
	for (int c = 0; c < m->ncpu; c++) {
		svg_text(f, SVG_L - 8, y + CPU_H / 2 + 4, "end", NULL, "CPU %d",
			 c);
		svg_rect(f, SVG_L, y, SVG_W - SVG_L - SVG_R, CPU_H, "#fafafa",
			 NULL);
		svg_spans(w, &m->cpu[c], y, CPU_H, false);
		svg_reasons(w, &m->cpu[c], y + CPU_H);
		y += CPU_H + 18;
	}
	y += 20;
	if (!m->nlanes)
		return y;
	svg_text(f, 10, y, "start", "title", "%s",
		 viz_tr(v, "Each task: Running (solid), Ready (pale), Blocked (line)",
			"태스크별: 실행(진한 색), 준비(옅은 색), 블록(선)"));
	y += 14;
	svg_axis(w, y + 6, (double)m->nlanes * (LANE_H + 14));
	y += 10;
	for (size_t l = 0; l < m->nlanes; l++) {
		svg_text(f, SVG_L - 8, y + LANE_H - 4, "end", "small", "%s",
			 task_name(m, m->lane[l], name, sizeof(name)));
		svg_spans(w, &m->tl[l], y, LANE_H, true);
		y += LANE_H + 14;
	}
	return y;
}

static int svg_height(const struct model *m, bool zoom)
{
	int lanes = m->ncpu * (CPU_H + 18) + 20;

	if (m->nlanes)
		lanes += 24 + (int)m->nlanes * (LANE_H + 14);
	/* Title, lanes, a zoom, the legend, the state diagram. */
	return 75 + lanes + (zoom ? 50 + lanes : 0) + 40 + 10 + 20 + 154 + 12;
}

void svg_figure(const struct viz *v, const struct model *m,
		       const char *what)
{
	FILE *f = v->out;
	uint64_t zt0 = 0, zspan = 0;
	bool zoom = zoom_window(m, &zt0, &zspan);
	struct svg_fig all = { f, m, m->t0, m->span_ns };
	struct svg_fig zoomed = { f, m, zt0, zspan };
	double y;
	size_t n;

	svg_begin(f, SVG_W, svg_height(m, zoom),
		  viz_tr(v, "Context switches", "문맥교환"));
	mk_printf(f, "<defs><marker id=\"%sarr\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#333\"/></marker></defs>\n",
		  v->id_prefix);
	/* A long command line would run off the figure. */
	n = strlen(what);
	if (n > 100)
		for (n = 96; n && ((unsigned char)what[n] & 0xc0) == 0x80; n--)
			;
	svg_text(f, 10, 22, "start", "title", "%s: %.*s%s",
		 viz_tr(v, "Context switches per CPU", "CPU별 문맥교환"),
		 (int)n, what, n < strlen(what) ? " ..." : "");
	svg_text(f, 10, 40, "start", "dim",
		 "%.3f ms, %d CPU(s), %lu %s%s", ms(m->span_ns), m->ncpu,
		 m->nswitch, viz_tr(v, "switches", "문맥교환"),
		 m->trace.lost ? viz_tr(v, "; events LOST (red)",
				  "; 이벤트 손실 (빨강)") : "");
	y = svg_lanes(v, &all, 75);
	if (zoom) {
		svg_text(f, 10, y + 10, "start", "title", "%s %.3f ms %s",
			 viz_tr(v, "Zoom: the first switches of the traced tasks, from",
				"확대: 추적한 태스크의 처음 문맥교환들, 시작"),
			 ms(zt0 - m->t0),
			 viz_tr(v, "(times below are ms after it)",
				"(아래 시간은 그로부터의 ms)"));
		y = svg_lanes(v, &zoomed, y + 50);
	}
	/* Legend. */
	{
		static const struct { int r; const char *en, *ko; } lg[] = {
			{ RS_BLOCK_S, "S/D: blocked", "S/D: 블록" },
			{ RS_PREEMPT, "R: preempted, yielded", "R: 선점, 양보" },
			{ RS_PREEMPT_K, "R+: preempted in kernel",
			  "R+: 커널 안에서 선점" },
			{ RS_EXIT, "Z: exited", "Z: 종료" },
		};
		double x = SVG_L;

		svg_text(f, 10, y + 10, "start", "small", "%s",
			 viz_tr(v, "why it left:", "나간 이유:"));
		for (size_t i = 0; i < 4; i++) {
			svg_rect(f, x, y + 2, 10, 10, reason_fill(lg[i].r),
				 NULL);
			svg_text(f, x + 14, y + 11, "start", "small", "%s",
				 viz_tr(v, lg[i].en, lg[i].ko));
			x += 170;
		}
		svg_rect(f, x, y + 2, 10, 10, OTHER_FILL, NULL);
		svg_text(f, x + 14, y + 11, "start", "small", "%s",
			 viz_tr(v, "other tasks", "다른 태스크"));
		y += 40;
	}
	svg_states(v, f, m, y + 10);
	svg_end(f);
}
