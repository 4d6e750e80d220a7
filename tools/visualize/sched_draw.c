// SPDX-License-Identifier: GPL-2.0
/*
 * visualize sched, what the text, SVG and HTML renderings share: task
 * letters and colours, names, why a task left the CPU, and how a span of
 * time falls into the columns of a chart.
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

/* ---- shared rendering helpers ------------------------------------------ */

static const char *const task_fill[] = {
	"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
	"#b07aa1", "#ff9da7", "#9c755f", "#86bcb6", "#8cd17d", "#d37295",
};

#define NFILL ARRAY_SIZE(task_fill)

static const enum viz_color task_color[] = {
	VIZ_BLUE, VIZ_YELLOW, VIZ_GREEN, VIZ_RED, VIZ_CYAN, VIZ_MAGENTA,
};

enum viz_color tcolor(int l)
{
	if (l < 0)
		return VIZ_DIM;
	return task_color[l % (int)ARRAY_SIZE(task_color)];
}

char letter(int l)
{
	if (l < 0)
		return '.';
	if (l < 26)
		return (char)('A' + l);
	if (l < NLETTERS)
		return (char)('a' + l - 26);
	return '*';
}

const char *fill_of(const struct model *m, int ti)
{
	if (ti == -2)
		return LOST_FILL;
	if (ti < 0 || !m->task[ti].focus || m->task[ti].letter < 0)
		return OTHER_FILL;
	return task_fill[m->task[ti].letter % NFILL];
}

const char *reason_short(int r)
{
	static const char *const s[RS_NR] = {
		[RS_BLOCK_S] = "S", [RS_BLOCK_D] = "D", [RS_BLOCK_OTHER] = "B",
		[RS_PREEMPT] = "R", [RS_PREEMPT_K] = "R+", [RS_EXIT] = "Z",
		[RS_END] = "",
	};

	return r >= 0 && r < RS_NR ? s[r] : "";
}

const char *reason_text(const struct viz *v, const char *state)
{
	int r = reason_of(state);

	switch (r) {
	case RS_BLOCK_S:
		return viz_tr(v, "blocked, waiting for an event (S)",
			      "블록: 이벤트를 기다림 (S)");
	case RS_BLOCK_D:
		return viz_tr(v, "blocked, uninterruptible, e.g. I/O (D)",
			      "블록: 인터럽트 불가 대기, 예: I/O (D)");
	case RS_PREEMPT:
		return viz_tr(v, "preempted or yielded, still ready (R)",
			      "선점되었거나 양보함, 여전히 준비 (R)");
	case RS_PREEMPT_K:
		return viz_tr(v, "preempted inside the kernel (R+)",
			      "커널 안에서 선점됨 (R+)");
	case RS_EXIT:
		return viz_tr(v, "exited (Z)", "종료함 (Z)");
	}
	return viz_tr(v, "blocked/idle/stopped", "블록/유휴/정지");
}

double ms(uint64_t ns)
{
	return ns / 1e6;
}

const char *task_name(const struct model *m, int ti, char *buf,
			     size_t n)
{
	if (ti == -2)
		snprintf(buf, n, "?");
	else if (ti < 0)
		snprintf(buf, n, "idle");
	else {
		char comm[3 * OSEDU_COMM_MAX];

		snprintf(buf, n, "%s/%d",
			 mk_clean(comm, sizeof(comm), m->task[ti].comm),
			 m->task[ti].tid);
	}
	return buf;
}

/*
 * For each of NCOL equal columns of [t0, t1], the key that owns most of
 * the column's time among SPANS (sorted, not overlapping), and how much
 * of the column each key had. KEY maps a span to 0..nkeys-1 or -1.
 */

void column_times(const struct spans *s, uint64_t t0, uint64_t t1,
			 int ncol, int nkeys, int (*key)(const struct model *,
							 const struct span *),
			 const struct model *m,
			 void (*pick)(void *ctx, int col, const double *acc,
				      double width),
			 void *ctx)
{
	double width = (double)(t1 - t0) / ncol, a, b, lo, hi;
	double *acc = calloc(nkeys, sizeof(*acc));
	size_t j = 0;

	if (!acc)
		return;
	for (int c = 0; c < ncol; c++) {
		a = t0 + width * c;
		b = t0 + width * (c + 1);
		for (size_t i = j; i < s->n; i++) {
			int k;

			if ((double)s->s[i].t0 >= b)
				break;
			lo = (double)s->s[i].t0 > a ? (double)s->s[i].t0 : a;
			hi = (double)s->s[i].t1 < b ? (double)s->s[i].t1 : b;
			if ((double)s->s[i].t1 <= a && i == j)
				j++;
			k = key(m, &s->s[i]);
			if (hi > lo && k >= 0 && k < nkeys)
				acc[k] += hi - lo;
		}
		pick(ctx, c, acc, width > 0 ? width : 1);
		memset(acc, 0, nkeys * sizeof(*acc));
	}
	free(acc);
}

/* S in W terminal columns, left- or right-aligned (wide glyphs count 2). */
void pad(FILE *f, const char *s, int w, bool right)
{
	int n = w - (int)viz_width(s);

	if (right)
		for (; n > 0; n--)
			fputc(' ', f);
	fputs(s, f);
	if (!right)
		for (; n > 0; n--)
			fputc(' ', f);
}
