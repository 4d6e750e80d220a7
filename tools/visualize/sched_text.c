// SPDX-License-Identifier: GPL-2.0
/*
 * visualize sched on a terminal: the per-CPU Gantt chart, the task lanes,
 * the switches one by one, the process-state diagram and the summary.
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

/* ---- text: the Gantt chart ---------------------------------------------- */

/* CPU rows: keys 0..52 letters, 53 other, 54 lost. */
#define K_OTHER	(NLETTERS + 1)
#define K_LOST	(NLETTERS + 2)
#define NKEYS	(NLETTERS + 3)

static int cpu_key(const struct model *m, const struct span *s)
{
	if (s->task == -2)
		return K_LOST;
	if (s->task < 0)
		return -1;
	if (m->task[s->task].focus && m->task[s->task].letter >= 0)
		return m->task[s->task].letter;
	return K_OTHER;
}

struct row {
	char cell[TEXT_COLS];
	int key[TEXT_COLS];
};

static void cpu_pick(void *ctx, int col, const double *acc, double width)
{
	struct row *r = ctx;
	int best = -1;

	/*
	 * A traced task that ran a quarter of the column shows, even if
	 * others ran longer: the chart is about the traced tasks.
	 */
	for (int k = 0; k <= NLETTERS; k++)
		if (acc[k] > 0 && (best < 0 || acc[k] > acc[best]))
			best = k;
	if (best < 0 || acc[best] < width / 4) {
		best = -1;
		if (acc[K_LOST] >= width / 4)
			best = K_LOST;
		else if (acc[K_OTHER] >= width / 4)
			best = K_OTHER;
		else
			for (int k = 0; k < NKEYS; k++)
				if (acc[k] > 0 &&
				    (best < 0 || acc[k] > acc[best]))
					best = k;
		if (best >= 0 && acc[best] < width / 8)
			best = -1;
	}
	r->key[col] = best;
	r->cell[col] = best < 0 ? ' ' : best == K_OTHER ? '.' :
		       best == K_LOST ? '?' : letter(best);
}

/* Lane rows: key 0 ready, 1 blocked, 2 + cpu running there. */
static int lane_key(const struct model *m, const struct span *s)
{
	(void)m;
	if (s->what == TS_READY)
		return 0;
	if (s->what == TS_BLOCKED || s->what == TS_NEW)
		return 1;
	if (s->what == TS_RUNNING)
		return 2 + s->cpu;
	return -1;
}

struct lane_ctx {
	struct row *r;
	int ncpu;
};

static void lane_pick(void *ctx, int col, const double *acc, double width)
{
	struct lane_ctx *lc = ctx;
	double run = 0;
	int best = -1;

	for (int k = 2; k < 2 + lc->ncpu; k++) {
		run += acc[k];
		if (acc[k] > 0 && (best < 0 || acc[k] > acc[best]))
			best = k;
	}
	if (run < width / 4) {
		best = acc[0] >= acc[1] ? 0 : 1;
		if (acc[best] < width / 8)
			best = -1;
	}
	lc->r->key[col] = best;
	if (best < 0)
		lc->r->cell[col] = ' ';
	else if (best == 0)
		lc->r->cell[col] = '-';
	else if (best == 1)
		lc->r->cell[col] = '_';
	else
		lc->r->cell[col] = best - 2 < 10 ? (char)('0' + best - 2) : '#';
}

static void text_cells(const struct viz *v, const struct model *m,
		       const struct row *r, bool lanes, int ti)
{
	FILE *f = v->out;
	const char *cur = "";

	for (int c = 0; c < TEXT_COLS; c++) {
		const char *want = "";
		int k = r->key[c];

		if (lanes) {
			if (k >= 2)
				want = viz_c(v, tcolor(m->task[ti].letter));
			else if (k >= 0)
				want = viz_c(v, VIZ_DIM);
		} else if (k == K_OTHER) {
			want = viz_c(v, VIZ_DIM);
		} else if (k == K_LOST) {
			want = viz_c(v, VIZ_RED);
		} else if (k >= 0) {
			want = viz_c(v, tcolor(k));
		}
		if (strcmp(want, cur)) {
			fputs(*cur ? viz_c(v, VIZ_RESET) : "", f);
			fputs(want, f);
			cur = want;
		}
		fputc(r->cell[c], f);
	}
	if (*cur)
		fputs(viz_c(v, VIZ_RESET), f);
}

static void text_axis(const struct viz *v, const struct model *m)
{
	char lab[64];
	int n;

	fprintf(v->out, "%10s|", "");
	for (int c = 0; c < TEXT_COLS; c++)
		fputc(c % 16 ? '-' : '+', v->out);
	fputs("|\n", v->out);
	fprintf(v->out, "%10s", "ms ");
	for (int c = 0; c <= TEXT_COLS; c += 16) {
		double x = ms(m->span_ns) * c / TEXT_COLS;

		n = snprintf(lab, sizeof(lab), x < 1e6 ? "%.1f" : "%.4g", x);
		fprintf(v->out, "%-*s", c < TEXT_COLS ? 16 : n, lab);
	}
	fputc('\n', v->out);
}

void text_gantt(const struct viz *v, const struct model *m)
{
	struct row r;
	char name[48];

	viz_heading(v, "Context switches per CPU (Gantt chart)",
		    "CPU별 문맥교환 (간트 차트)");
	if (!m->nfocus)
		viz_explain(v,
			    "No command or process was traced, so the letters name the busiest tasks of the whole system (legend below).",
			    "특정 명령이나 프로세스를 추적하지 않았으므로, 글자는 시스템 전체에서 가장 많이 실행한 태스크입니다(아래 범례).");
	viz_explain(v,
		    "Time runs left to right; each row is one CPU. A letter is a task of the traced command (legend below) running there, '.' any other task, blank the idle task, '?' a stretch the trace lost. One column is a time slice of the whole run: it shows the traced task that ran at least a quarter of it, otherwise who ran most.",
		    "시간은 왼쪽에서 오른쪽으로 흐르고, 한 줄이 CPU 하나입니다. 글자는 추적한 명령의 태스크(아래 범례)가 그 CPU에서 실행 중인 것, '.'은 다른 태스크, 빈칸은 유휴(idle), '?'는 기록이 빠진 구간입니다. 한 칸은 전체 시간을 나눈 한 구간이며, 그 구간의 1/4 이상 실행한 추적 태스크를, 없으면 가장 오래 실행한 것을 보여 줍니다.");
	fprintf(v->out, "\n");
	text_axis(v, m);
	for (int c = 0; c < m->ncpu; c++) {
		column_times(&m->cpu[c], m->t0, m->t1, TEXT_COLS, NKEYS,
			     cpu_key, m, cpu_pick, &r);
		fprintf(v->out, "%8s%-2d|", "CPU ", c);
		text_cells(v, m, &r, false, -1);
		fputs("|\n", v->out);
	}

	if (!m->nlanes)
		return;
	viz_heading(v, "Each task: Running, Ready, Blocked",
		    "태스크별 상태: 실행, 준비, 블록");
	viz_explain(v,
		    "One row per task. A digit: Running on that CPU. '-': Ready, woken (or preempted) and waiting for a CPU. '_': Blocked, sleeping until an event (I/O, a pipe, a child's exit, a timer). Blank: not yet created, or exited. Where Running changes to '-' the task was preempted; where it changes to '_' it blocked.",
		    "한 줄이 태스크 하나입니다. 숫자: 그 번호의 CPU에서 실행(Running). '-': 준비(Ready), 깨어났거나 선점되어 CPU를 기다림. '_': 블록(Blocked), 이벤트(I/O, 파이프, 자식의 종료, 타이머)를 기다리며 잠듦. 빈칸: 아직 생성되지 않았거나 종료함. 실행에서 '-'로 바뀌면 선점된 것이고 '_'로 바뀌면 블록된 것입니다.");
	fprintf(v->out, "\n");
	text_axis(v, m);
	for (size_t l = 0; l < m->nlanes; l++) {
		int ti = m->lane[l];
		struct lane_ctx lc = { &r, m->ncpu };

		column_times(&m->tl[l], m->t0, m->t1, TEXT_COLS,
			     2 + m->ncpu, lane_key, m, lane_pick, &lc);
		fprintf(v->out, "%6s %c |", "", letter(m->task[ti].letter));
		text_cells(v, m, &r, true, ti);
		fprintf(v->out, "| %s\n",
			task_name(m, ti, name, sizeof(name)));
	}
}

void text_legend(const struct viz *v, const struct model *m)
{
	char name[48];

	viz_heading(v, "Tasks", "태스크");
	viz_explain(v,
		    "Times come from the trace: Running from a switch to the task until the switch away, Ready from a wakeup (or a preemption) until it runs, Blocked from a switch away with S or D until its wakeup. Switches away, by reason: S blocked (interruptible), D blocked (uninterruptible), R preempted or yielded (returns to Ready), R+ preempted inside the kernel, Z exited.",
		    "시간은 기록에서 계산합니다. 실행: 그 태스크로 문맥교환된 때부터 다른 태스크로 교환될 때까지. 준비: 깨어나거나 선점된 때부터 다시 실행될 때까지. 블록: S나 D로 교환되어 나간 때부터 깨어날 때까지. 나간 이유별 문맥교환 횟수: S 블록(인터럽트 가능), D 블록(인터럽트 불가), R 선점 또는 양보(준비로 돌아감), R+ 커널 안에서 선점, Z 종료.");
	fputs("\n      ", v->out);
	pad(v->out, viz_tr(v, "task", "태스크"), 22, false);
	pad(v->out, viz_tr(v, "runs", "실행 횟수"), 11, true);
	pad(v->out, viz_tr(v, "running ms", "실행 ms"), 12, true);
	pad(v->out, viz_tr(v, "ready ms", "준비 ms"), 12, true);
	pad(v->out, viz_tr(v, "blocked ms", "블록 ms"), 12, true);
	fprintf(v->out, " %5s %5s %5s %5s %5s\n", "S", "D", "R", "R+", "Z");
	for (size_t l = 0; l < m->nlanes; l++) {
		const struct task *t = &m->task[m->lane[l]];
		const char *col = viz_c(v, tcolor(t->letter));

		fprintf(v->out, "  %s%c%s   %-22s %10lu %11.3f %11.3f %11.3f %5lu %5lu %5lu %5lu %5lu\n",
			col, letter(t->letter), viz_c(v, VIZ_RESET),
			task_name(m, m->lane[l], name, sizeof(name)), t->runs,
			ms(t->run_ns), ms(t->ready_ns), ms(t->blocked_ns),
			t->out[RS_BLOCK_S], t->out[RS_BLOCK_D] +
			t->out[RS_BLOCK_OTHER], t->out[RS_PREEMPT],
			t->out[RS_PREEMPT_K], t->out[RS_EXIT]);
	}
	if (m->nfocus > m->nlanes)
		fprintf(v->out, "  %s %zu\n",
			viz_tr(v, "more traced tasks not shown:",
			       "표시하지 않은 추적 태스크:"),
			m->nfocus - m->nlanes);
	fprintf(v->out, "  .   %s\n",
		viz_tr(v, "other tasks (not part of the traced command)",
		       "다른 태스크 (추적한 명령에 속하지 않음)"));
}

/* Is E a switch a lane task took part in? */
bool focus_switch(const struct model *m, const struct osedu_ev *e)
{
	int a, b;

	if (e->type != OSEDU_EV_SWITCH)
		return false;
	a = e->tid ? task_of((struct model *)m, e->tid, NULL, 0) : -1;
	b = e->tid2 ? task_of((struct model *)m, e->tid2, NULL, 0) : -1;
	return (a >= 0 && m->task[a].focus) || (b >= 0 && m->task[b].focus);
}

/* The switches that involve a focus task, one a line. */
void text_switches(const struct viz *v, const struct model *m)
{
	size_t shown = 0, total = 0;
	char a[48], b[48];

	for (size_t i = 0; i < m->trace.n; i++) {
		const struct osedu_ev *e = &m->trace.ev[i];

		if (!focus_switch(m, e))
			continue;
		if (!total++) {
			viz_heading(v, "The switches, one by one",
				    "문맥교환 하나하나");
			viz_explain(v,
				    "Every context switch the traced tasks took part in: when (ms from the first event), on which CPU, who left the CPU and why (its prev_state), and who got it. A name is the task's comm at that moment: a child forked by visualize keeps the name visualize until it executes the command (fork, then exec).",
				    "추적한 태스크가 관여한 문맥교환: 언제(첫 이벤트부터 ms), 어느 CPU에서, 누가 CPU를 내놓았고 왜(prev_state), 누가 CPU를 받았는지. 이름은 그 순간의 comm입니다: visualize가 fork한 자식은 명령을 exec하기 전까지 visualize라는 이름을 유지합니다(fork 다음 exec).");
			fprintf(v->out, "\n  %10s %4s  ", "ms", "CPU");
			pad(v->out, viz_tr(v, "leaves", "나감"), 26, false);
			pad(v->out, viz_tr(v, "enters", "들어옴"), 23, false);
			fprintf(v->out, "%s\n",
				viz_tr(v, "why it left", "나간 이유"));
		}
		if (shown >= LIST_MAX)
			continue;
		shown++;
		snprintf(a, sizeof(a), "%s/%d", e->comm, e->tid);
		snprintf(b, sizeof(b), "%s/%d", e->comm2, e->tid2);
		fprintf(v->out, "  %10.3f %4d  %-22s -> %-22s %s", ms(e->ts - m->t0),
			e->cpu, a, b, e->tid ? reason_text(v, e->state) :
			viz_tr(v, "(idle)", "(유휴)"));
		if (e->tid && reason_of(e->state) == RS_BLOCK_OTHER)
			fprintf(v->out, " (%s)", e->state);
		fputc('\n', v->out);
	}
	if (total > shown)
		fprintf(v->out, "  ... %zu %s\n", total - shown,
			viz_tr(v, "more (see the counts above)",
			       "개 더 (위의 횟수를 보세요)"));
}

unsigned long tr2(const struct model *m, int tr)
{
	return m->tr[tr][m->nfocus ? 1 : 0];
}

/*
 * A small character canvas for the state diagram, so that labels in
 * Korean (two columns a glyph) line up with the ASCII boxes.
 */
#define CV_ROWS	10
#define CV_COLS	80

struct canvas {
	char cell[CV_ROWS][CV_COLS][5];	/* "" is the right half of a wide one */
};

static void cv_init(struct canvas *cv)
{
	for (int r = 0; r < CV_ROWS; r++)
		for (int c = 0; c < CV_COLS; c++)
			/* Writes the cell: cppcheck takes it for a read. */
			// cppcheck-suppress uninitvar
			memcpy(cv->cell[r][c], " ", 2);
}

static void cv_put(struct canvas *cv, int row, int col, const char *s)
{
	while (*s && col < CV_COLS) {
		const unsigned char u = (unsigned char)*s;
		size_t n = u >= 0xf0 ? 4 : u >= 0xe0 ? 3 : u >= 0xc0 ? 2 : 1;
		char g[5] = "";
		size_t w;

		for (size_t i = 0; i < n && s[i]; i++)
			g[i] = s[i];
		n = strlen(g);
		w = viz_width(g);
		if (col + (int)w > CV_COLS)
			break;
		memcpy(cv->cell[row][col], g, sizeof(g));
		if (w == 2)
			cv->cell[row][col + 1][0] = '\0';
		col += (int)w;
		s += n;
	}
}

/* S centred in W columns starting at COL. */
static void cv_center(struct canvas *cv, int row, int col, int w,
		      const char *s)
{
	int sw = (int)viz_width(s);

	cv_put(cv, row, col + (sw < w ? (w - sw) / 2 : 0), s);
}

static void cv_box(struct canvas *cv, int row, int col, int w,
		   const char *name)
{
	char line[CV_COLS + 1];

	memset(line, '-', w);
	line[0] = '+';
	line[w - 1] = '+';
	line[w] = '\0';
	cv_put(cv, row, col, line);
	cv_put(cv, row + 2, col, line);
	cv_put(cv, row + 1, col, "|");
	cv_put(cv, row + 1, col + w - 1, "|");
	cv_center(cv, row + 1, col + 1, w - 2, name);
}

static void cv_print(const struct viz *v, const struct canvas *cv)
{
	for (int r = 0; r < CV_ROWS; r++) {
		int end = CV_COLS;

		while (end > 0 && !strcmp(cv->cell[r][end - 1], " "))
			end--;
		if (end)
			fputs("  ", v->out);
		for (int c = 0; c < end; c++)
			fputs(cv->cell[r][c], v->out);
		fputc('\n', v->out);
	}
}

void text_states(const struct viz *v, const struct model *m)
{
	struct canvas cv;
	char b[64];
	unsigned long blk = tr2(m, TR_RUNNING_BLOCKED_S) +
			    tr2(m, TR_RUNNING_BLOCKED_D) +
			    tr2(m, TR_RUNNING_BLOCKED_OTHER);

	viz_heading(v, "Process states and the transitions the trace made",
		    "프로세스 상태와 기록에서 일어난 상태 전이");
	viz_explain(v, m->nfocus ?
		    "The textbook's five states with how often the traced tasks really moved along each arrow: a new task becomes Ready (wakeup_new); the scheduler dispatches a Ready task (a switch to it); a Running task goes back to Ready when it is preempted (prev_state R, R+), to Blocked when it waits (S, D), and ends as a Zombie (Z); an event wakes a Blocked task (wakeup) and makes it Ready again." :
		    "The textbook's five states with how often tasks really moved along each arrow during the trace.",
		    m->nfocus ?
		    "교과서의 다섯 상태와, 추적한 태스크가 각 화살표를 실제로 지나간 횟수입니다. 새 태스크는 준비가 되고(wakeup_new), 스케줄러가 준비 태스크를 실행시키고(그 태스크로 문맥교환), 실행 중인 태스크는 선점되면 준비로(R, R+), 기다리면 블록으로(S, D), 끝나면 좀비로(Z) 갑니다. 이벤트가 블록된 태스크를 깨우면(wakeup) 다시 준비가 됩니다." :
		    "교과서의 다섯 상태와, 기록하는 동안 태스크들이 각 화살표를 실제로 지나간 횟수입니다.");
	cv_init(&cv);
	/* Boxes: New 0..6, Ready 19..27, Running 44..54, Zombie 67..76. */
	cv_box(&cv, 1, 0, 7, viz_tr(v, "New", "생성"));
	cv_box(&cv, 1, 19, 9, viz_tr(v, "Ready", "준비"));
	cv_box(&cv, 1, 44, 11, viz_tr(v, "Running", "실행"));
	cv_box(&cv, 1, 67, 10, viz_tr(v, "Zombie", "좀비"));
	cv_box(&cv, 7, 29, 11, viz_tr(v, "Blocked", "블록"));
	cv_center(&cv, 0, 7, 12, "wakeup_new");
	cv_center(&cv, 0, 28, 16, viz_tr(v, "dispatch", "디스패치"));
	cv_center(&cv, 0, 55, 12, "exit (Z)");
	snprintf(b, sizeof(b), "%lu", tr2(m, TR_NEW_READY));
	cv_center(&cv, 1, 7, 12, b);
	snprintf(b, sizeof(b), "%lu", tr2(m, TR_READY_RUNNING));
	cv_center(&cv, 1, 28, 16, b);
	snprintf(b, sizeof(b), "%lu", tr2(m, TR_RUNNING_ZOMBIE));
	cv_center(&cv, 1, 55, 12, b);
	cv_put(&cv, 2, 7, "----------->");
	cv_put(&cv, 2, 28, "--------------->");
	cv_put(&cv, 2, 55, "----------->");
	cv_put(&cv, 3, 28, "<---------------");
	cv_center(&cv, 4, 28, 16, viz_tr(v, "preempted", "선점"));
	snprintf(b, sizeof(b), "R %lu, R+ %lu", tr2(m, TR_RUNNING_READY),
		 tr2(m, TR_RUNNING_READY_K));
	cv_center(&cv, 5, 28, 16, b);
	for (int r = 4; r <= 8; r++) {
		cv_put(&cv, r, 23, "|");
		cv_put(&cv, r, 49, "|");
	}
	cv_put(&cv, 4, 23, "^");
	cv_put(&cv, 8, 23, "+-----");
	cv_put(&cv, 8, 40, "<--------+");
	cv_put(&cv, 6, 10, "wakeup");
	snprintf(b, sizeof(b), "%12lu", tr2(m, TR_BLOCKED_READY));
	cv_put(&cv, 7, 10, b + 12 - 6 > b ? b + 6 : b);
	snprintf(b, sizeof(b), "%s S %lu, D %lu",
		 viz_tr(v, "blocked", "블록"), tr2(m, TR_RUNNING_BLOCKED_S),
		 tr2(m, TR_RUNNING_BLOCKED_D));
	cv_put(&cv, 6, 51, b);
	if (tr2(m, TR_RUNNING_BLOCKED_OTHER)) {
		snprintf(b, sizeof(b), "%s %lu", viz_tr(v, "other", "기타"),
			 tr2(m, TR_RUNNING_BLOCKED_OTHER));
		cv_put(&cv, 7, 51, b);
	}
	fputc('\n', v->out);
	cv_print(v, &cv);
	fprintf(v->out, "\n  %s %lu; fork %lu, exit %lu, migrate %lu\n",
		viz_tr(v, "into Blocked in all:", "블록으로 간 횟수 합계:"), blk,
		tr2(m, TR_FORK), tr2(m, TR_EXIT), tr2(m, TR_MIGRATE));
}

void text_summary(const struct viz *v, const struct model *m,
			 const char *what)
{
	fprintf(v->out, "\n%s: %s\n", viz_tr(v, "traced", "추적 대상"), what);
	fprintf(v->out, "%s: %.3f ms, %d CPU(s), %zu %s, %lu %s\n",
		viz_tr(v, "span", "기간"), ms(m->span_ns), m->ncpu, m->trace.n,
		viz_tr(v, "events", "이벤트"), m->nswitch,
		viz_tr(v, "context switches", "문맥교환"));
	if (m->trace.lost)
		fprintf(v->out, "%s%s: %llu %s%s\n", viz_c(v, VIZ_RED),
			viz_tr(v, "LOST", "손실"), (unsigned long long)m->trace.lost,
			viz_tr(v, "events: a CPU's buffer was full before the reader drained it; the chart has gaps ('?')",
			       "개 이벤트: 읽기 전에 CPU 버퍼가 가득 찼음. 차트에 빈 구간('?')이 있음"),
			viz_c(v, VIZ_RESET));
	if (m->trace.bad)
		fprintf(v->out, "%s: %zu\n",
			viz_tr(v, "malformed lines skipped",
			       "건너뛴 잘못된 줄"), m->trace.bad);
	if (m->tasks_full)
		fprintf(v->out, "%s\n",
			viz_tr(v, "too many tasks: the rest count as other",
			       "태스크가 너무 많음: 나머지는 기타로 셈"));
}
