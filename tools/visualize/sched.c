// SPDX-License-Identifier: GPL-2.0
/*
 * visualize sched: the context-switch trace of /proc/osedu/sched/trace as
 * a per-CPU Gantt chart with the state of every traced task between its
 * runs, the textbook process-state diagram with the transitions the trace
 * really made, and one PCB (/proc/osedu/sched/<pid>) explained.
 *
 * The trace is a stream that a read consumes, so a live run keeps one
 * descriptor open and drains it while the command runs: the module's
 * per-CPU buffers are fixed and drop what nobody reads in time. A recorded
 * copy (--root DIR) is read as a finished stream: DIR/sched/trace.
 *
 * Everything drawn is derived from the trace alone; the PCB is shown as
 * the module printed it. Nothing here depends on the time or the machine
 * it runs on, so a recording always renders the same.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "markup.h"
#include "viz.h"

#define MODULE_NAME	"osedu_sched_viz"
#define LIVE_ROOT	"/proc/osedu"
#define MAX_TASKS	65536	/* further tasks are folded into "other" */
#define NLETTERS	52	/* A-Z a-z, then '*' for the rest */
#define TEXT_COLS	64	/* time columns of the terminal chart */
#define LIST_MAX	40	/* switches listed one by one */
#define LANES_MAX	12	/* task lanes drawn */

/* ---- the model ---------------------------------------------------------- */

/* What prev_state says about why a task left the CPU. */
enum reason { RS_BLOCK_S, RS_BLOCK_D, RS_BLOCK_OTHER, RS_PREEMPT,
	      RS_PREEMPT_K, RS_EXIT, RS_END, RS_NR };

enum tstate { TS_UNKNOWN, TS_NEW, TS_READY, TS_RUNNING, TS_BLOCKED,
	      TS_DEAD };

struct task {
	int tid;
	int parent;		/* tid from a fork event, 0 if unknown */
	char comm[OSEDU_COMM_MAX];
	bool focus;		/* in the command's process tree (or --pid's) */
	int letter;		/* index into the letters; -1 if none */
	int state;		/* enum tstate, while building */
	int cpu;		/* while running */
	uint64_t since;
	uint64_t run_ns, ready_ns, blocked_ns;
	unsigned long runs, out[RS_NR];
	uint64_t first_ts;
	bool seen;		/* in an event, not only in the PCB */
};

/* A stretch of time with one owner: a CPU's task, or a task's state. */
struct span {
	uint64_t t0, t1;
	int task;		/* task index; -1 idle; -2 events lost */
	int what;		/* CPU: the end's reason; task: TS_* */
	int cpu;		/* task spans: the CPU of a run */
};

struct spans {
	struct span *s;
	size_t n, cap;
};

/* Transitions of the process-state diagram. */
enum tr { TR_NEW_READY, TR_BLOCKED_READY, TR_READY_RUNNING,
	  TR_RUNNING_READY, TR_RUNNING_READY_K, TR_RUNNING_BLOCKED_S,
	  TR_RUNNING_BLOCKED_D, TR_RUNNING_BLOCKED_OTHER, TR_RUNNING_ZOMBIE,
	  TR_EXIT, TR_FORK, TR_MIGRATE, TR_NR };

struct model {
	struct osedu_trace trace;	/* events, malformed lines, events lost */
	uint64_t t0, t1;
	int ncpu;

	struct task *task;
	size_t ntask, taskcap;
	int *hash;		/* open addressing: tid -> index + 1 */
	size_t hashcap;
	bool tasks_full;

	int root;		/* tid the focus starts from; 0 none */
	size_t nfocus, nletters;
	int *lane;		/* task indices drawn as lanes */
	size_t nlanes;

	struct spans *cpu;	/* per CPU: who ran */
	struct spans *tl;	/* per lane: the task's states */
	unsigned long tr[TR_NR][2];	/* [transition][all, focus] */
	unsigned long nswitch;
	uint64_t span_ns;
};

/* A PCB file kept as the document plus its thread table's start. */
struct pcb {
	struct osedu_doc d;
	bool ok;
	size_t thead;		/* line of the thread table's header; 0 none */
	char name[4200];	/* the path or "pid N" */
};

/* The trace's events in time order (libosedu parses the lines). */
static int parse_trace(struct model *m, const struct osedu_doc *d)
{
	for (size_t i = 1; i < d->nlines; i++)
		if (osedu_trace_add(&m->trace, d->lines[i], strlen(d->lines[i]),
				    NULL))
			return -1;
	osedu_trace_sort(&m->trace);
	return 0;
}

/* ---- building the model ------------------------------------------------- */

static size_t hash_tid(int tid, size_t cap)
{
	return ((uint32_t)tid * 2654435761u) & (cap - 1);
}

/* The task of TID, made on first sight; -1 when the table is full. */
static int task_of(struct model *m, int tid, const char *comm, uint64_t ts)
{
	size_t h;
	struct task *t;

	if (m->hashcap) {
		for (h = hash_tid(tid, m->hashcap); m->hash[h];
		     h = (h + 1) & (m->hashcap - 1)) {
			t = &m->task[m->hash[h] - 1];
			if (t->tid == tid) {
				if (comm && *comm)
					memcpy(t->comm, comm, OSEDU_COMM_MAX);
				return m->hash[h] - 1;
			}
		}
	}
	if (m->ntask >= MAX_TASKS) {
		m->tasks_full = true;
		return -1;
	}
	if (2 * (m->ntask + 1) > m->hashcap) {
		size_t nc = m->hashcap ? 2 * m->hashcap : 256;
		int *nh = calloc(nc, sizeof(*nh));

		if (!nh)
			return -1;
		for (size_t i = 0; i < m->ntask; i++) {
			for (h = hash_tid(m->task[i].tid, nc); nh[h];
			     h = (h + 1) & (nc - 1))
				;
			nh[h] = (int)i + 1;
		}
		free(m->hash);
		m->hash = nh;
		m->hashcap = nc;
	}
	if (m->ntask == m->taskcap) {
		size_t c = m->taskcap ? 2 * m->taskcap : 256;
		struct task *nt = realloc(m->task, c * sizeof(*nt));

		if (!nt)
			return -1;
		m->task = nt;
		m->taskcap = c;
	}
	t = &m->task[m->ntask];
	memset(t, 0, sizeof(*t));
	t->tid = tid;
	t->letter = -1;
	t->first_ts = ts;
	if (comm)
		memcpy(t->comm, comm, OSEDU_COMM_MAX);
	for (h = hash_tid(tid, m->hashcap); m->hash[h];
	     h = (h + 1) & (m->hashcap - 1))
		;
	m->hash[h] = (int)m->ntask + 1;
	return (int)m->ntask++;
}

static int span_add(struct spans *s, uint64_t t0, uint64_t t1, int task,
		    int what, int cpu)
{
	if (s->n == s->cap) {
		size_t c = s->cap ? 2 * s->cap : 64;
		struct span *ns = realloc(s->s, c * sizeof(*ns));

		if (!ns)
			return -1;
		s->s = ns;
		s->cap = c;
	}
	s->s[s->n++] = (struct span){ t0, t1, task, what, cpu };
	return 0;
}

static int reason_of(const char *state)
{
	if (!strcmp(state, "R+"))
		return RS_PREEMPT_K;
	switch (state[0]) {
	case 'R': return RS_PREEMPT;
	case 'S': return RS_BLOCK_S;
	case 'D': return RS_BLOCK_D;
	case 'Z':
	case 'X': return RS_EXIT;
	}
	return RS_BLOCK_OTHER;
}

static void count(struct model *m, int tr, int task)
{
	m->tr[tr][0]++;
	if (task >= 0 && m->task[task].focus)
		m->tr[tr][1]++;
}

/* The task leaves state it was in at TS: account the time. */
static void leave_state(struct model *m, int ti, uint64_t ts)
{
	struct task *t = &m->task[ti];
	uint64_t d = ts >= t->since ? ts - t->since : 0;

	if (t->state == TS_READY)
		t->ready_ns += d;
	else if (t->state == TS_BLOCKED)
		t->blocked_ns += d;
	else if (t->state == TS_RUNNING)
		t->run_ns += d;
}

/*
 * Pass 1: who is in the focus (the root and what it forks), letters in
 * order of appearance.
 */
static void find_focus(struct model *m, const int *seed, size_t nseed)
{
	int ti;

	for (size_t i = 0; i < nseed; i++) {
		ti = task_of(m, seed[i], NULL, m->t0);
		if (ti >= 0)
			m->task[ti].focus = true;
	}
	for (size_t i = 0; i < m->trace.n; i++) {
		const struct osedu_ev *e = &m->trace.ev[i];
		int p, c;

		if (e->type != OSEDU_EV_FORK)
			continue;
		p = task_of(m, e->tid, e->comm, e->ts);
		c = task_of(m, e->tid2, e->comm2, e->ts);
		if (c >= 0 && p >= 0) {
			m->task[c].parent = e->tid;
			if (m->task[p].focus)
				m->task[c].focus = true;
		}
	}
}

static void give_letter(struct model *m, int ti)
{
	struct task *t;

	if (ti < 0)
		return;
	t = &m->task[ti];
	if (!t->focus || t->letter >= 0)
		return;
	t->letter = m->nletters < NLETTERS ? (int)m->nletters : NLETTERS;
	if (m->nletters < NLETTERS)
		m->nletters++;
}

static int cpu_add(struct model *m, int cpu, uint64_t t0, uint64_t t1,
		   int task, int what)
{
	return span_add(&m->cpu[cpu], t0, t1, task, what, cpu);
}

/* Pass 2: the CPUs' slices and every task's states. */
static int build(struct model *m)
{
	int *cur;
	uint64_t *start;
	bool *known;
	int ret = -1;

	cur = calloc(m->ncpu, sizeof(*cur));
	start = calloc(m->ncpu, sizeof(*start));
	known = calloc(m->ncpu, sizeof(*known));
	m->cpu = calloc(m->ncpu, sizeof(*m->cpu));
	if (!cur || !start || !known || !m->cpu)
		goto out;
	for (size_t i = 0; i < m->trace.n; i++) {
		const struct osedu_ev *e = &m->trace.ev[i];
		int a, b, r;

		if (e->type != OSEDU_EV_LOST) {
			a = e->tid ? task_of(m, e->tid, NULL, e->ts) : -1;
			b = e->tid2 ? task_of(m, e->tid2, NULL, e->ts) : -1;
			if (a >= 0)
				m->task[a].seen = true;
			if (b >= 0 && (e->type == OSEDU_EV_SWITCH ||
				       e->type == OSEDU_EV_FORK))
				m->task[b].seen = true;
		}

		switch (e->type) {
		case OSEDU_EV_SWITCH:
			m->nswitch++;
			a = e->tid ? task_of(m, e->tid, e->comm, e->ts) : -1;
			b = e->tid2 ? task_of(m, e->tid2, e->comm2, e->ts) : -1;
			r = reason_of(e->state);
			give_letter(m, a);
			give_letter(m, b);
			/*
			 * The CPU's slice ends here. If events were lost, the
			 * task we saw switch in may not be the one leaving:
			 * that stretch is unknown.
			 */
			if (known[e->cpu] && cur[e->cpu] != a) {
				if (cpu_add(m, e->cpu, start[e->cpu], e->ts, -2,
					    RS_END))
					goto out;
			} else if (cpu_add(m, e->cpu,
					   known[e->cpu] ? start[e->cpu] : m->t0,
					   e->ts, a, r)) {
				goto out;
			}
			known[e->cpu] = true;
			cur[e->cpu] = b;
			start[e->cpu] = e->ts;
			if (a >= 0) {
				struct task *t = &m->task[a];

				if (t->state == TS_RUNNING)
					leave_state(m, a, e->ts);
				t->out[r]++;
				count(m, r == RS_PREEMPT ? TR_RUNNING_READY :
				      r == RS_PREEMPT_K ? TR_RUNNING_READY_K :
				      r == RS_BLOCK_S ? TR_RUNNING_BLOCKED_S :
				      r == RS_BLOCK_D ? TR_RUNNING_BLOCKED_D :
				      r == RS_EXIT ? TR_RUNNING_ZOMBIE :
				      TR_RUNNING_BLOCKED_OTHER, a);
				t->state = r == RS_PREEMPT || r == RS_PREEMPT_K ?
					   TS_READY : r == RS_EXIT ? TS_DEAD :
					   TS_BLOCKED;
				t->since = e->ts;
			}
			if (b >= 0) {
				struct task *t = &m->task[b];

				if (t->state != TS_UNKNOWN &&
				    t->state != TS_RUNNING)
					leave_state(m, b, e->ts);
				count(m, TR_READY_RUNNING, b);
				t->state = TS_RUNNING;
				t->cpu = e->cpu;
				t->since = e->ts;
				t->runs++;
			}
			break;
		case OSEDU_EV_WAKEUP:
		case OSEDU_EV_WAKEUP_NEW:
			if (!e->tid)
				break;
			a = task_of(m, e->tid, e->comm, e->ts);
			if (a < 0)
				break;
			/*
			 * A wakeup of a task that has not switched out yet
			 * (it was about to sleep) changes nothing we draw.
			 */
			if (m->task[a].state == TS_RUNNING ||
			    m->task[a].state == TS_READY)
				break;
			leave_state(m, a, e->ts);
			count(m, e->type == OSEDU_EV_WAKEUP ? TR_BLOCKED_READY :
			      TR_NEW_READY, a);
			m->task[a].state = TS_READY;
			m->task[a].since = e->ts;
			break;
		case OSEDU_EV_FORK:
			a = task_of(m, e->tid2, e->comm2, e->ts);
			count(m, TR_FORK, a);
			if (a >= 0 && m->task[a].state == TS_UNKNOWN) {
				m->task[a].state = TS_NEW;
				m->task[a].since = e->ts;
			}
			break;
		case OSEDU_EV_EXIT:
			a = e->tid ? task_of(m, e->tid, e->comm, e->ts) : -1;
			count(m, TR_EXIT, a);
			break;
		case OSEDU_EV_MIGRATE:
			a = e->tid ? task_of(m, e->tid, e->comm, e->ts) : -1;
			count(m, TR_MIGRATE, a);
			break;
		}
	}
	for (int c = 0; c < m->ncpu; c++)
		if (known[c] &&
		    cpu_add(m, c, start[c], m->t1, cur[c], RS_END))
			goto out;
	for (size_t i = 0; i < m->ntask; i++)
		if (m->task[i].state != TS_UNKNOWN &&
		    m->task[i].state != TS_DEAD)
			leave_state(m, (int)i, m->t1);
	ret = 0;
out:
	free(cur);
	free(start);
	free(known);
	return ret;
}

/* Lanes by letter, or (without a focus) by run time; ARG is the model. */
static int lane_cmp(const void *a, const void *b, void *arg)
{
	const struct model *m = arg;
	const struct task *x = &m->task[*(const int *)a];
	const struct task *y = &m->task[*(const int *)b];
	bool cmp_lane = !m->nfocus;

	if (cmp_lane && x->run_ns != y->run_ns)
		return x->run_ns > y->run_ns ? -1 : 1;
	if (!cmp_lane && x->letter != y->letter) {
		/* Tasks without a letter (they never ran) go last. */
		unsigned int lx = (unsigned int)x->letter;
		unsigned int ly = (unsigned int)y->letter;

		return lx < ly ? -1 : 1;
	}
	return x->tid < y->tid ? -1 : x->tid > y->tid;
}

/*
 * The lanes: the focus tasks in order of appearance, or without a focus
 * the tasks that ran longest (they get letters then too).
 */
static int pick_lanes(struct model *m)
{
	size_t n = 0;

	m->lane = calloc(m->ntask + 1, sizeof(*m->lane));
	if (!m->lane)
		return -1;
	m->nfocus = 0;
	for (size_t i = 0; i < m->ntask; i++)
		m->nfocus += m->task[i].focus && m->task[i].seen;
	for (size_t i = 0; i < m->ntask; i++)
		if (m->nfocus ? m->task[i].focus && m->task[i].seen :
		    m->task[i].run_ns > 0)
			m->lane[n++] = (int)i;
	if (n)
		qsort_r(m->lane, n, sizeof(*m->lane), lane_cmp, m);
	if (n > LANES_MAX)
		n = LANES_MAX;
	/* A traced task that never ran still gets a letter for its lane. */
	for (size_t i = 0; m->nfocus && i < n; i++)
		give_letter(m, m->lane[i]);
	if (!m->nfocus) {
		/* Letters for the busiest tasks, so the chart can tell them. */
		for (size_t i = 0; i < n; i++) {
			m->task[m->lane[i]].focus = true;
			m->task[m->lane[i]].letter = (int)i;
		}
		m->nletters = n;
	}
	m->nlanes = n;
	return 0;
}

/* Pass 3: the state spans of the lane tasks (replaying the events). */
static int build_lanes(struct model *m)
{
	int *lane_of;
	int ret = -1;

	m->tl = calloc(m->nlanes + 1, sizeof(*m->tl));
	lane_of = malloc((m->ntask + 1) * sizeof(*lane_of));
	if (!m->tl || !lane_of)
		goto out;
	for (size_t i = 0; i < m->ntask; i++) {
		lane_of[i] = -1;
		m->task[i].state = TS_UNKNOWN;
	}
	for (size_t l = 0; l < m->nlanes; l++)
		lane_of[m->lane[l]] = (int)l;
	for (size_t i = 0; i < m->trace.n; i++) {
		const struct osedu_ev *e = &m->trace.ev[i];
		int who[2] = { -1, -1 }, st[2] = { 0, 0 };

		switch (e->type) {
		case OSEDU_EV_SWITCH: {
			int r = reason_of(e->state);

			who[0] = e->tid ? task_of(m, e->tid, NULL, 0) : -1;
			st[0] = r == RS_PREEMPT || r == RS_PREEMPT_K ?
				TS_READY : r == RS_EXIT ? TS_DEAD : TS_BLOCKED;
			who[1] = e->tid2 ? task_of(m, e->tid2, NULL, 0) : -1;
			st[1] = TS_RUNNING;
			break;
		}
		case OSEDU_EV_WAKEUP:
		case OSEDU_EV_WAKEUP_NEW:
			who[0] = e->tid ? task_of(m, e->tid, NULL, 0) : -1;
			st[0] = TS_READY;
			if (who[0] >= 0 &&
			    (m->task[who[0]].state == TS_RUNNING ||
			     m->task[who[0]].state == TS_READY))
				who[0] = -1;
			break;
		case OSEDU_EV_FORK:
			who[0] = task_of(m, e->tid2, NULL, 0);
			st[0] = TS_NEW;
			if (who[0] >= 0 && m->task[who[0]].state != TS_UNKNOWN)
				who[0] = -1;
			break;
		}
		for (int k = 0; k < 2; k++) {
			struct task *t;
			int l;

			if (who[k] < 0)
				continue;
			t = &m->task[who[k]];
			l = lane_of[who[k]];
			/* Before its first event a task's state is unknown. */
			if (l >= 0 && t->state != TS_UNKNOWN &&
			    t->state != TS_DEAD &&
			    span_add(&m->tl[l], t->since, e->ts, who[k],
				     t->state, t->cpu))
				goto out;
			t->state = st[k];
			t->since = e->ts;
			if (st[k] == TS_RUNNING)
				t->cpu = e->cpu;
		}
	}
	for (size_t l = 0; l < m->nlanes; l++) {
		struct task *t = &m->task[m->lane[l]];

		if (t->state != TS_UNKNOWN && t->state != TS_DEAD &&
		    span_add(&m->tl[l], t->since, m->t1, m->lane[l], t->state,
			     t->cpu))
			goto out;
	}
	ret = 0;
out:
	free(lane_of);
	return ret;
}

static void model_free(struct model *m)
{
	if (m->cpu)
		for (int c = 0; c < m->ncpu; c++)
			free(m->cpu[c].s);
	if (m->tl)
		for (size_t l = 0; l < m->nlanes; l++)
			free(m->tl[l].s);
	free(m->cpu);
	free(m->tl);
	free(m->lane);
	osedu_trace_free(&m->trace);
	free(m->task);
	free(m->hash);
	memset(m, 0, sizeof(*m));
}

/* The whole model from a trace document and the focus' first tids. */
static int model_build(struct model *m, const struct osedu_doc *d, int root,
		       const int *seed, size_t nseed)
{
	memset(m, 0, sizeof(*m));
	m->root = root;
	if (parse_trace(m, d))
		goto oom;
	for (size_t i = 0; i < m->trace.n; i++) {
		const struct osedu_ev *e = &m->trace.ev[i];

		if (e->cpu + 1 > m->ncpu)
			m->ncpu = e->cpu + 1;
		if ((e->type == OSEDU_EV_WAKEUP || e->type == OSEDU_EV_WAKEUP_NEW ||
		     e->type == OSEDU_EV_MIGRATE) && e->cpu2 + 1 > m->ncpu)
			m->ncpu = e->cpu2 + 1;
		if (e->type == OSEDU_EV_MIGRATE && e->cpu1 + 1 > m->ncpu)
			m->ncpu = e->cpu1 + 1;
	}
	if (m->trace.n) {
		m->t0 = m->trace.ev[0].ts;
		m->t1 = m->trace.ev[m->trace.n - 1].ts;
	}
	m->span_ns = m->t1 - m->t0;
	find_focus(m, seed, nseed);
	if (build(m) || pick_lanes(m) || build_lanes(m))
		goto oom;
	return 0;
oom:
	viz_err("out of memory");
	model_free(m);
	return -1;
}

/* ---- PCB ---------------------------------------------------------------- */

static int pcb_from_doc(struct pcb *p, const char *name)
{
	snprintf(p->name, sizeof(p->name), "%s", name);
	if (strcmp(p->d.view, "sched")) {
		viz_err("%s: an \"osedu %s\" file, not a PCB (\"osedu sched\")",
			name, p->d.view);
		osedu_doc_free(&p->d);
		return -1;
	}
	for (size_t i = 1; i < p->d.nlines; i++)
		if (!strncmp(p->d.lines[i], "tid state cpu ", 14)) {
			p->thead = i;
			break;
		}
	p->ok = true;
	return 0;
}

static int pcb_pid(const struct pcb *p)
{
	int64_t v;

	if (!p->ok || !osedu_s64(osedu_doc_get(&p->d, "pid"), &v) || v <= 0 ||
	    v > 0x3fffffff)
		return 0;
	return (int)v;
}

/* The tids of the PCB's thread table, to seed the focus. */
static size_t pcb_tids(const struct pcb *p, int *out, size_t max)
{
	size_t n = 0;
	int tid;

	if (!p->ok || !p->thead)
		return 0;
	for (size_t i = p->thead + 1; i < p->d.nlines && n < max; i++) {
		const char *l = p->d.lines[i], *sp = strchr(l, ' ');

		if (sp && osedu_parse_int(l, sp - l, &tid, 0x3fffffff) && tid)
			out[n++] = tid;
	}
	return n;
}

/* ---- shared rendering helpers ------------------------------------------ */

static const char *const task_fill[] = {
	"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
	"#b07aa1", "#ff9da7", "#9c755f", "#86bcb6", "#8cd17d", "#d37295",
};

#define NFILL ARRAY_SIZE(task_fill)
#define OTHER_FILL "#d0d0d0"
#define LOST_FILL "#ff4040"

static const enum viz_color task_color[] = {
	VIZ_BLUE, VIZ_YELLOW, VIZ_GREEN, VIZ_RED, VIZ_CYAN, VIZ_MAGENTA,
};

static enum viz_color tcolor(int l)
{
	if (l < 0)
		return VIZ_DIM;
	return task_color[l % (int)ARRAY_SIZE(task_color)];
}

static char letter(int l)
{
	if (l < 0)
		return '.';
	if (l < 26)
		return (char)('A' + l);
	if (l < NLETTERS)
		return (char)('a' + l - 26);
	return '*';
}

static const char *fill_of(const struct model *m, int ti)
{
	if (ti == -2)
		return LOST_FILL;
	if (ti < 0 || !m->task[ti].focus || m->task[ti].letter < 0)
		return OTHER_FILL;
	return task_fill[m->task[ti].letter % NFILL];
}

static const char *reason_short(int r)
{
	static const char *const s[RS_NR] = {
		[RS_BLOCK_S] = "S", [RS_BLOCK_D] = "D", [RS_BLOCK_OTHER] = "B",
		[RS_PREEMPT] = "R", [RS_PREEMPT_K] = "R+", [RS_EXIT] = "Z",
		[RS_END] = "",
	};

	return r >= 0 && r < RS_NR ? s[r] : "";
}

static const char *reason_text(const struct viz *v, const char *state)
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

static double ms(uint64_t ns)
{
	return ns / 1e6;
}

static const char *task_name(const struct model *m, int ti, char *buf,
			     size_t n)
{
	if (ti == -2)
		snprintf(buf, n, "?");
	else if (ti < 0)
		snprintf(buf, n, "idle");
	else
		snprintf(buf, n, "%s/%d", m->task[ti].comm, m->task[ti].tid);
	return buf;
}

/*
 * For each of NCOL equal columns of [t0, t1], the key that owns most of
 * the column's time among SPANS (sorted, not overlapping), and how much
 * of the column each key had. KEY maps a span to 0..nkeys-1 or -1.
 */
struct colpick {
	double *acc;		/* nkeys */
	int *touched;
	int ntouched;
};

static void column_times(const struct spans *s, uint64_t t0, uint64_t t1,
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
static void pad(FILE *f, const char *s, int w, bool right)
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

static void text_gantt(const struct viz *v, const struct model *m)
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

static void text_legend(const struct viz *v, const struct model *m)
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
static bool focus_switch(const struct model *m, const struct osedu_ev *e)
{
	int a, b;

	if (e->type != OSEDU_EV_SWITCH)
		return false;
	a = e->tid ? task_of((struct model *)m, e->tid, NULL, 0) : -1;
	b = e->tid2 ? task_of((struct model *)m, e->tid2, NULL, 0) : -1;
	return (a >= 0 && m->task[a].focus) || (b >= 0 && m->task[b].focus);
}

/* The switches that involve a focus task, one a line. */
static void text_switches(const struct viz *v, const struct model *m)
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

static unsigned long tr2(const struct model *m, int tr)
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

static void text_states(const struct viz *v, const struct model *m)
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

static void text_summary(const struct viz *v, const struct model *m,
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

/* ---- the PCB ------------------------------------------------------------ */

struct pcb_key {
	const char *key, *en, *ko;
};

static const struct pcb_key pcb_groups[][12] = {
	{ { NULL, "Identity", "식별 정보" },
	  { "pid", "process ID (the thread-group leader)", "프로세스 ID" },
	  { "tgid", "thread group: the process", "스레드 그룹 = 프로세스" },
	  { "ppid", "the parent process", "부모 프로세스" },
	  { "comm", "command name", "명령 이름" },
	  { "kernel_thread", "1 for a kernel thread", "커널 스레드면 1" },
	  { "threads", "threads in the process", "스레드 수" } },
	{ { NULL, "State", "상태" },
	  { "state", "kernel state letter", "커널의 상태 문자" },
	  { "state_name", "the textbook state", "교과서의 상태" },
	  { "on_cpu", "1 while on a CPU", "CPU에서 실행 중이면 1" },
	  { "queued", "1 while waiting in a run queue (Ready)",
	    "실행 큐에서 기다리면 1 (준비)" },
	  { "cpu", "CPU it runs or last ran on", "실행 중이거나 마지막으로 실행한 CPU" },
	  { "wchan", "where a blocked task sleeps", "블록된 태스크가 잠든 커널 함수" } },
	{ { NULL, "Scheduling information", "스케줄링 정보" },
	  { "policy_name", "scheduling policy", "스케줄링 정책" },
	  { "prio", "effective priority (lower runs first)",
	    "실제 우선순위 (작을수록 먼저)" },
	  { "static_prio", "120 + nice", "120 + nice" },
	  { "normal_prio", "priority from policy alone", "정책만으로 정한 우선순위" },
	  { "rt_priority", "real-time priority (1-99)", "실시간 우선순위 (1-99)" },
	  { "nice", "nice value (-20..19)", "nice 값 (-20..19)" },
	  { "vruntime_ns", "virtual runtime (fair scheduler)",
	    "가상 실행 시간 (공정 스케줄러)" },
	  { "deadline_ns", "EEVDF virtual deadline", "EEVDF 가상 마감 시각" },
	  { "lag_ns", "EEVDF lag", "EEVDF 지연(lag)" },
	  { "slice_ns", "requested time slice", "요청한 타임 슬라이스" } },
	{ { NULL, "Accounting", "사용량" },
	  { "sum_exec_runtime_ns", "CPU time used", "사용한 CPU 시간" },
	  { "utime_ns", "user-mode time", "사용자 모드 시간" },
	  { "stime_ns", "kernel-mode time", "커널 모드 시간" },
	  { "nvcsw", "voluntary switches (it blocked)",
	    "자발적 문맥교환 (블록됨)" },
	  { "nivcsw", "involuntary switches (preempted)",
	    "비자발적 문맥교환 (선점됨)" },
	  { "min_flt", "minor page faults", "마이너 페이지 폴트" },
	  { "maj_flt", "major page faults (disk)", "메이저 페이지 폴트 (디스크)" },
	  { "start_boottime_ns", "started, ns after boot", "시작 시각 (부팅 후 ns)" } },
	{ { NULL, "Saved context (registers)", "저장된 문맥 (레지스터)" },
	  { "user_ip", "user PC saved on kernel entry",
	    "커널 진입 때 저장한 사용자 PC" },
	  { "user_sp", "user SP saved on kernel entry",
	    "커널 진입 때 저장한 사용자 SP" },
	  { "kernel_sp", "kernel SP saved at the last switch (0x0: hidden from you)",
	    "마지막 문맥교환 때 저장한 커널 SP (0x0: 권한이 없어 숨김)" } },
	{ { NULL, "Memory", "메모리 정보" },
	  { "mm_id", "address space name (equal for threads)",
	    "주소 공간 이름 (스레드끼리 같음)" },
	  { "mm", "mm_struct address (0x0 unless root)",
	    "mm_struct 주소 (root가 아니면 0x0)" } },
	{ { NULL, "Namespaces (what a container changes)",
	    "네임스페이스 (컨테이너가 바꾸는 것)" },
	  { "ns_pid", "pid namespace", "pid 네임스페이스" },
	  { "ns_mnt", "mount namespace", "mount 네임스페이스" },
	  { "ns_uts", "host name namespace", "호스트 이름 네임스페이스" },
	  { "ns_net", "network namespace", "네트워크 네임스페이스" },
	  { "ns_ipc", "IPC namespace", "IPC 네임스페이스" } },
};

#define NGROUPS ARRAY_SIZE(pcb_groups)

static bool group_present(const struct pcb *p, size_t g)
{
	for (size_t i = 1; i < 12 && pcb_groups[g][i].key; i++)
		if (osedu_doc_get(&p->d, pcb_groups[g][i].key))
			return true;
	return false;
}

/* A value with a unit made readable: ns as ms. */
static void pcb_value(const char *key, const char *val, char *buf, size_t n)
{
	size_t k = strlen(key);
	uint64_t u;
	int64_t s;

	if (k > 3 && !strcmp(key + k - 3, "_ns") && osedu_u64(val, &u))
		snprintf(buf, n, "%.3f ms", u / 1e6);
	else if (k > 3 && !strcmp(key + k - 3, "_ns") && osedu_s64(val, &s))
		snprintf(buf, n, "%.3f ms", s / 1e6);
	else
		snprintf(buf, n, "%.40s", val);
}

static const char *pcb_title(const struct viz *v, const struct pcb *p,
			     char *buf, size_t n)
{
	const char *comm = osedu_doc_get(&p->d, "comm");

	snprintf(buf, n, "%s %d (%.20s)", viz_tr(v, "PCB of process",
						 "프로세스의 PCB:"),
		 pcb_pid(p), comm ? comm : "?");
	return buf;
}

static void text_pcb(const struct viz *v, const struct pcb *p)
{
	char val[64], title[96];

	viz_heading(v, pcb_title(v, p, title, sizeof(title)),
		    pcb_title(v, p, title, sizeof(title)));
	viz_explain(v,
		    "The PCB (process control block) is the kernel's record of a process; in Linux it is struct task_struct. This is what /proc/osedu/sched/<pid> read from it: who the process is, its state, what the scheduler uses to choose it, how much it ran, the registers saved for the next context switch back to it (PC and SP), its memory and its namespaces.",
		    "PCB(프로세스 제어 블록)는 커널이 프로세스마다 두는 기록이며, 리눅스에서는 struct task_struct입니다. 아래는 /proc/osedu/sched/<pid>가 거기서 읽은 값입니다: 프로세스 ID, 상태, 스케줄러가 고를 때 쓰는 정보, 실행한 양, 다시 문맥교환해 들어올 때 쓸 저장된 레지스터(PC, SP), 메모리 정보, 네임스페이스.");
	fprintf(v->out, "  %s\n", p->name);
	for (size_t g = 0; g < NGROUPS; g++) {
		if (!group_present(p, g))
			continue;
		fprintf(v->out, "\n  %s%s%s\n", viz_c(v, VIZ_BOLD),
			viz_tr(v, pcb_groups[g][0].en, pcb_groups[g][0].ko),
			viz_c(v, VIZ_RESET));
		for (size_t i = 1; i < 12 && pcb_groups[g][i].key; i++) {
			const char *x = osedu_doc_get(&p->d, pcb_groups[g][i].key);

			if (!x)
				continue;
			pcb_value(pcb_groups[g][i].key, x, val, sizeof(val));
			fprintf(v->out, "    %-20s %-24s %s%s%s\n",
				pcb_groups[g][i].key, val, viz_c(v, VIZ_DIM),
				viz_tr(v, pcb_groups[g][i].en,
				       pcb_groups[g][i].ko),
				viz_c(v, VIZ_RESET));
		}
	}
	if (p->thead) {
		fprintf(v->out, "\n  %s%s%s\n", viz_c(v, VIZ_BOLD),
			viz_tr(v, "Threads (one task_struct each)",
			       "스레드 (각각 task_struct 하나)"),
			viz_c(v, VIZ_RESET));
		for (size_t i = p->thead; i < p->d.nlines; i++)
			if (*p->d.lines[i])
				fprintf(v->out, "    %.200s\n", p->d.lines[i]);
	}
}

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

static void svg_arrow(FILE *f, double x1, double y1, double x2, double y2,
		      const char *label, unsigned long n, double lx, double ly)
{
	mk_printf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\" stroke-width=\"1.5\" marker-end=\"url(#arr)\"/>\n",
		x1, y1, x2, y2);
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
	svg_arrow(f, x0 + 110, y + 17, x0 + 248, y + 17, "wakeup_new",
		  tr2(m, TR_NEW_READY), x0 + 180, y + 8);
	svg_arrow(f, x0 + 360, y + 10, x0 + 498, y + 10,
		  viz_tr(v, "dispatch (switch in)", "디스패치 (문맥교환 들어옴)"),
		  tr2(m, TR_READY_RUNNING), x0 + 430, y - 6);
	snprintf(lab, sizeof(lab), "%s R %lu, R+ %lu",
		 viz_tr(v, "preempted", "선점"), tr2(m, TR_RUNNING_READY),
		 tr2(m, TR_RUNNING_READY_K));
	svg_arrow(f, x0 + 498, y + 26, x0 + 362, y + 26, lab,
		  tr2(m, TR_RUNNING_READY) + tr2(m, TR_RUNNING_READY_K),
		  x0 + 430, y + 42);
	svg_arrow(f, x0 + 610, y + 17, x0 + 748, y + 17, "exit (Z)",
		  tr2(m, TR_RUNNING_ZOMBIE), x0 + 680, y + 8);
	snprintf(lab, sizeof(lab), "%s S %lu, D %lu, %s %lu",
		 viz_tr(v, "blocked", "블록"), tr2(m, TR_RUNNING_BLOCKED_S),
		 tr2(m, TR_RUNNING_BLOCKED_D), viz_tr(v, "other", "기타"),
		 tr2(m, TR_RUNNING_BLOCKED_OTHER));
	svg_arrow(f, x0 + 555, y + 34, x0 + 470, y + 118, lab,
		  tr2(m, TR_RUNNING_BLOCKED_S) + tr2(m, TR_RUNNING_BLOCKED_D) +
		  tr2(m, TR_RUNNING_BLOCKED_OTHER), x0 + 600, y + 80);
	svg_arrow(f, x0 + 390, y + 118, x0 + 305, y + 36, "wakeup",
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

static void svg_figure(const struct viz *v, const struct model *m,
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
	fputs("<defs><marker id=\"arr\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#333\"/></marker></defs>\n",
	      f);
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

static void svg_pcb(const struct viz *v, const struct pcb *p)
{
	FILE *f = v->out;
	char val[64], title[96];
	int rows = 0;
	double y;

	for (size_t g = 0; g < NGROUPS; g++) {
		if (!group_present(p, g))
			continue;
		rows += 2;
		for (size_t i = 1; i < 12 && pcb_groups[g][i].key; i++)
			rows += !!osedu_doc_get(&p->d, pcb_groups[g][i].key);
	}
	svg_begin(f, 760, 50 + rows * 16,
		  pcb_title(v, p, title, sizeof(title)));
	svg_text(f, 10, 24, "start", "title", "%s",
		 pcb_title(v, p, title, sizeof(title)));
	y = 44;
	for (size_t g = 0; g < NGROUPS; g++) {
		if (!group_present(p, g))
			continue;
		y += 16;
		svg_rect(f, 10, y - 12, 740, 16, "#e8eef8", NULL);
		svg_text(f, 16, y, "start", NULL, "%s",
			 viz_tr(v, pcb_groups[g][0].en, pcb_groups[g][0].ko));
		for (size_t i = 1; i < 12 && pcb_groups[g][i].key; i++) {
			const char *x = osedu_doc_get(&p->d, pcb_groups[g][i].key);

			if (!x)
				continue;
			y += 16;
			pcb_value(pcb_groups[g][i].key, x, val, sizeof(val));
			svg_text(f, 30, y, "start", "mono", "%s",
				 pcb_groups[g][i].key);
			svg_text(f, 200, y, "start", "mono", "%s", val);
			svg_text(f, 420, y, "start", "dim", "%s",
				 viz_tr(v, pcb_groups[g][i].en,
					pcb_groups[g][i].ko));
		}
		y += 16;
	}
	svg_end(f);
}

/* ---- HTML --------------------------------------------------------------- */

static void html_tasks(const struct viz *v, const struct model *m)
{
	FILE *f = v->out;
	char name[48];

	mk_printf(f, "<table>\n<tr><th></th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>S</th><th>D</th><th>R</th><th>R+</th><th>Z</th></tr>\n",
		viz_tr(v, "task", "태스크"), viz_tr(v, "runs", "실행 횟수"),
		viz_tr(v, "running ms", "실행 ms"),
		viz_tr(v, "ready ms", "준비 ms"),
		viz_tr(v, "blocked ms", "블록 ms"));
	for (size_t l = 0; l < m->nlanes; l++) {
		const struct task *t = &m->task[m->lane[l]];

		mk_printf(f, "<tr><td style=\"background:%s\">%c</td><td>",
			fill_of(m, m->lane[l]), letter(t->letter));
		mk_text(f, task_name(m, m->lane[l], name, sizeof(name)));
		mk_printf(f, "</td><td>%lu</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%lu</td><td>%lu</td><td>%lu</td><td>%lu</td><td>%lu</td></tr>\n",
			t->runs, ms(t->run_ns), ms(t->ready_ns),
			ms(t->blocked_ns), t->out[RS_BLOCK_S],
			t->out[RS_BLOCK_D] + t->out[RS_BLOCK_OTHER],
			t->out[RS_PREEMPT], t->out[RS_PREEMPT_K],
			t->out[RS_EXIT]);
	}
	fputs("</table>\n", f);
}

static void html_switches(const struct viz *v, const struct model *m)
{
	FILE *f = v->out;
	size_t shown = 0, total = 0;
	char buf[48];

	for (size_t i = 0; i < m->trace.n; i++) {
		const struct osedu_ev *e = &m->trace.ev[i];

		if (!focus_switch(m, e))
			continue;
		if (!total++) {
			viz_heading(v, "The switches, one by one",
				    "문맥교환 하나하나");
			mk_printf(f, "<table>\n<tr><th>ms</th><th>CPU</th><th>%s</th><th>prev_state</th><th>%s</th><th>%s</th></tr>\n",
				viz_tr(v, "leaves", "나감"),
				viz_tr(v, "enters", "들어옴"),
				viz_tr(v, "why it left", "나간 이유"));
		}
		if (shown >= LIST_MAX)
			continue;
		shown++;
		mk_printf(f, "<tr><td>%.3f</td><td>%d</td><td>",
			ms(e->ts - m->t0), e->cpu);
		snprintf(buf, sizeof(buf), "%s/%d", e->comm, e->tid);
		mk_text(f, buf);
		fputs("</td><td>", f);
		mk_text(f, e->state);
		fputs("</td><td>", f);
		snprintf(buf, sizeof(buf), "%s/%d", e->comm2, e->tid2);
		mk_text(f, buf);
		fputs("</td><td>", f);
		mk_text(f, e->tid ? reason_text(v, e->state) :
			viz_tr(v, "(idle)", "(유휴)"));
		fputs("</td></tr>\n", f);
	}
	if (total)
		fputs("</table>\n", f);
	if (total > shown)
		mk_printf(f, "<p>... %zu %s</p>\n", total - shown,
			viz_tr(v, "more", "개 더"));
}

static void html_pcb(const struct viz *v, const struct pcb *p)
{
	FILE *f = v->out;
	char val[64], title[96];

	viz_heading(v, pcb_title(v, p, title, sizeof(title)),
		    pcb_title(v, p, title, sizeof(title)));
	viz_explain(v,
		    "The PCB (process control block) is the kernel's record of a process; in Linux it is struct task_struct. Below is what /proc/osedu/sched/<pid> read from it.",
		    "PCB(프로세스 제어 블록)는 커널이 프로세스마다 두는 기록이며, 리눅스에서는 struct task_struct입니다. 아래는 /proc/osedu/sched/<pid>가 거기서 읽은 값입니다.");
	fputs("<table>\n", f);
	for (size_t g = 0; g < NGROUPS; g++) {
		if (!group_present(p, g))
			continue;
		fputs("<tr><th colspan=\"3\">", f);
		mk_text(f, viz_tr(v, pcb_groups[g][0].en, pcb_groups[g][0].ko));
		fputs("</th></tr>\n", f);
		for (size_t i = 1; i < 12 && pcb_groups[g][i].key; i++) {
			const char *x = osedu_doc_get(&p->d, pcb_groups[g][i].key);

			if (!x)
				continue;
			pcb_value(pcb_groups[g][i].key, x, val, sizeof(val));
			mk_printf(f, "<tr><td>%s</td><td>", pcb_groups[g][i].key);
			mk_text(f, val);
			fputs("</td><td>", f);
			mk_text(f, viz_tr(v, pcb_groups[g][i].en,
					  pcb_groups[g][i].ko));
			fputs("</td></tr>\n", f);
		}
	}
	fputs("</table>\n", f);
	if (p->thead) {
		fputs("<pre>", f);
		for (size_t i = p->thead; i < p->d.nlines && i < p->thead + 200;
		     i++) {
			mk_text(f, p->d.lines[i]);
			fputc('\n', f);
		}
		fputs("</pre>\n", f);
	}
}

/* ---- one rendering of everything we have ------------------------------- */

struct result {
	struct model m;
	bool have_trace;
	struct pcb pcb;
	const char *what;	/* "sh -c ..." or "the whole system" */
};

static void render(const struct viz *v, struct result *r)
{
	const struct model *m = &r->m;
	bool trace = r->have_trace && m->trace.n;

	if (r->have_trace && !m->trace.n)
		viz_err("the trace holds no events%s",
			m->trace.bad ? " (only malformed lines)" : "");
	switch (v->format) {
	case VIZ_TEXT:
		if (trace) {
			text_summary(v, m, r->what);
			text_gantt(v, m);
			text_legend(v, m);
			text_switches(v, m);
			text_states(v, m);
		}
		if (r->pcb.ok)
			text_pcb(v, &r->pcb);
		break;
	case VIZ_SVG:
		/* One standalone figure: the trace if there is one. */
		if (trace)
			svg_figure(v, m, r->what);
		else if (r->pcb.ok)
			svg_pcb(v, &r->pcb);
		break;
	case VIZ_HTML:
		viz_html_begin(v, viz_tr(v, "Scheduling: context switches, process states and the PCB",
					 "스케줄링: 문맥교환, 프로세스 상태, PCB"));
		if (trace) {
			viz_heading(v, "Context switches per CPU",
				    "CPU별 문맥교환");
			viz_explain(v,
				    "Each lane is one CPU; each coloured slice is one task of the traced command running there (grey: other tasks, white: idle). The marks under a slice's end say why the task left the CPU: blue S/D blocked (it waits for an event), orange R preempted or yielded (it stays Ready), red R+ preempted inside the kernel, black Z exited. Below, one lane per task: solid Running, pale Ready (waiting for a CPU), a line Blocked.",
				    "한 줄이 CPU 하나이고, 색칠한 구간은 추적한 명령의 태스크가 그 CPU에서 실행한 구간입니다(회색: 다른 태스크, 흰색: 유휴). 구간 끝 아래의 표시는 태스크가 CPU를 내놓은 이유입니다: 파랑 S/D 블록(이벤트를 기다림), 주황 R 선점 또는 양보(준비 상태로 남음), 빨강 R+ 커널 안에서 선점, 검정 Z 종료. 아래는 태스크마다 한 줄: 진한 색 실행, 옅은 색 준비(CPU를 기다림), 선 블록.");
			fputs("<div>\n", v->out);
			svg_figure(v, m, r->what);
			fputs("</div>\n", v->out);
			if (m->trace.lost)
				mk_printf(v->out, "<p><b>%llu %s</b></p>\n",
					(unsigned long long)m->trace.lost,
					viz_tr(v, "events were lost: a CPU's buffer was full before they were read.",
					       "개 이벤트를 잃었습니다: 읽기 전에 CPU 버퍼가 가득 찼습니다."));
			if (m->trace.bad)
				mk_printf(v->out, "<p>%zu %s</p>\n", m->trace.bad,
					viz_tr(v, "malformed lines skipped.",
					       "개의 잘못된 줄을 건너뛰었습니다."));
			viz_heading(v, "Tasks", "태스크");
			html_tasks(v, m);
			html_switches(v, m);
		}
		if (r->pcb.ok)
			html_pcb(v, &r->pcb);
		viz_html_end(v);
		break;
	}
}

static void result_free(struct result *r)
{
	model_free(&r->m);
	if (r->pcb.ok)
		osedu_doc_free(&r->pcb.d);
}

/* Model from the trace document, focused on ROOT or the PCB's threads. */
static int result_trace(struct result *r, const struct osedu_doc *d, int root)
{
	int seed[256];
	size_t n = 0;

	if (strcmp(d->view, "sched-trace")) {
		viz_err("an \"osedu %s\" file, not a trace (\"osedu sched-trace\")",
			d->view);
		return -1;
	}
	if (root)
		seed[n++] = root;
	else if (r->pcb.ok)
		n = pcb_tids(&r->pcb, seed, 256);
	if (model_build(&r->m, d, root ? root : pcb_pid(&r->pcb), seed, n))
		return -1;
	r->have_trace = true;
	return 0;
}

/* ---- live tracing ------------------------------------------------------- */

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static int control(const struct viz *v, const char *cmd)
{
	char path[4096];
	int fd, e;
	ssize_t w;

	snprintf(path, sizeof(path), "%s/sched/control", v->root);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		if (e == ENOENT)
			viz_err("%s is missing: the %s module is not loaded. Load it with \"make load\" (or: sudo insmod %s.ko after osedu_core.ko)",
				path, MODULE_NAME, MODULE_NAME);
		else if (e == EPERM || e == EACCES)
			viz_err("%s: tracing context switches needs root or CAP_PERFMON (%s); run: sudo visualize sched ..., or use --pid alone for the PCB",
				path, strerror(e));
		else
			viz_err("%s: %s", path, strerror(e));
		return -1;
	}
	w = write(fd, cmd, strlen(cmd));
	e = errno;
	close(fd);
	if (w >= 0)
		return 0;
	if (e == EBUSY)
		viz_err("a trace is already running (someone else is tracing); stop it with: echo stop > %s",
			path);
	else if (e != EALREADY)
		viz_err("%s: \"%s\": %s", path, cmd, strerror(e));
	return -1;
}

/* Read the PCB of PID into B (replacing it) if the process still exists. */
static void snapshot_pcb(const struct viz *v, int pid, struct osedu_buf *b)
{
	char path[4096], *buf;
	size_t n;

	snprintf(path, sizeof(path), "%s/sched/%d", v->root, pid);
	/* A thread table of a few thousand lines at most. */
	buf = osedu_read_all(path, 4u << 20, &n);
	/* Keep the last complete reading: the process may be gone now. */
	if (!buf || !osedu_is_header(buf, "sched")) {
		free(buf);
		return;
	}
	free(b->p);
	b->p = buf;
	b->len = n;
	b->cap = n + 1;
}

static void sleep_ms(long n)
{
	struct timespec ts = { n / 1000, (n % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Trace for SECS seconds, or while CMD runs (its pid in *CHILD). The
 * trace goes to TRACE, the child's last PCB to PCB.
 */
static int live(const struct viz *v, char **cmd, double secs,
		struct osedu_buf *trace, struct osedu_buf *pcb, int *child)
{
	char path[4096];
	struct sigaction sa = { .sa_handler = on_signal }, old_int, old_term;
	double t_end = 0, t_pcb = 0;
	int fd, status, rc = -1;
	pid_t pid = 0;

	snprintf(path, sizeof(path), "%s/sched/trace", v->root);
	/*
	 * Start first: clearing while someone else traces would steal
	 * their events. Then drop what an earlier trace left unread.
	 */
	if (control(v, "start"))
		return -1;
	if (control(v, "clear")) {
		control(v, "stop");
		return -1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		viz_err("%s: %s%s", path, strerror(errno),
			errno == EPERM || errno == EACCES ?
			" (reading the trace needs root or CAP_PERFMON)" : "");
		control(v, "stop");
		return -1;
	}
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	if (cmd) {
		int pfd[2], err = 0;

		fflush(NULL);
		if (pipe2(pfd, O_CLOEXEC)) {
			viz_err("pipe: %s", strerror(errno));
			goto stop;
		}
		pid = fork();
		if (pid < 0) {
			viz_err("fork: %s", strerror(errno));
			close(pfd[0]);
			close(pfd[1]);
			goto stop;
		}
		if (!pid) {
			sigaction(SIGINT, &old_int, NULL);
			sigaction(SIGTERM, &old_term, NULL);
			close(pfd[0]);
			/* Keep an SVG or HTML document on stdout clean. */
			if (v->format != VIZ_TEXT && v->out == stdout)
				dup2(STDERR_FILENO, STDOUT_FILENO);
			execvp(cmd[0], cmd);
			err = errno;
			if (write(pfd[1], &err, sizeof(err)) < 0)
				_exit(126);
			_exit(127);
		}
		/*
		 * The pipe closes on a successful exec: from then on the
		 * child's PCB is the command's, not a copy of ours.
		 */
		close(pfd[1]);
		while (read(pfd[0], &err, sizeof(err)) < 0 && errno == EINTR)
			;
		close(pfd[0]);
		if (err) {
			viz_err("%s: %s", cmd[0], strerror(err));
			waitpid(pid, &status, 0);
			pid = 0;
			goto stop;
		}
		*child = pid;
	}
	if (secs > 0)
		t_end = now_s() + secs;
	for (;;) {
		if (osedu_buf_drain(trace, fd, OSEDU_DOC_MAX)) {
			viz_err("%s: %s", path, strerror(errno));
			break;
		}
		if (pid && now_s() >= t_pcb) {
			snapshot_pcb(v, pid, pcb);
			t_pcb = now_s() + 0.1;
		}
		if (pid && waitpid(pid, &status, WNOHANG) == pid) {
			pid = 0;
			break;
		}
		if (interrupted || (t_end && now_s() >= t_end))
			break;
		/* Often enough that a CPU's buffer does not fill. */
		sleep_ms(10);
	}
	rc = 0;
stop:
	control(v, "stop");
	if (osedu_buf_drain(trace, fd, OSEDU_DOC_MAX))
		viz_err("%s: %s", path, strerror(errno));
	close(fd);
	if (pid > 0) {
		/* The trace time is up: the command does not outlive it. */
		kill(pid, SIGTERM);
		waitpid(pid, &status, 0);
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	if (trace->full)
		viz_err("the trace grew beyond %u MiB: only its beginning is shown",
			OSEDU_DOC_MAX >> 20);
	return rc;
}

/* ---- the subcommand ----------------------------------------------------- */

static bool is_live(const struct viz *v)
{
	size_t n = strlen(v->root);

	while (n > 1 && v->root[n - 1] == '/')
		n--;
	return n == strlen(LIVE_ROOT) && !strncmp(v->root, LIVE_ROOT, n);
}

static int load_pcb(const struct viz *v, struct pcb *p, const char *pid,
		    bool quiet_missing)
{
	char rel[64], path[4200];

	snprintf(rel, sizeof(rel), "sched/%.20s", pid);
	snprintf(path, sizeof(path), "%s/%s", v->root, rel);
	if (quiet_missing && access(path, F_OK))
		return -1;
	if (viz_doc_load(v, &p->d, rel, MODULE_NAME))
		return -1;
	return pcb_from_doc(p, path);
}

static int pcb_from_buf(struct pcb *p, struct osedu_buf *b, int pid)
{
	char name[64];

	if (!b->p)
		return -1;
	snprintf(name, sizeof(name), LIVE_ROOT "/sched/%d", pid);
	if (viz_doc_parse(&p->d, name, b->p, b->len)) {
		b->p = NULL;
		return -1;
	}
	b->p = NULL;
	return pcb_from_doc(p, name);
}

static int sched_run(struct viz *v, int argc, char **argv)
{
	const char *pid_arg = NULL;
	char **cmd = NULL, what[256];
	double secs = 0;
	struct result r = { 0 };
	struct osedu_doc d;
	int i, child = 0, root = 0, rc = 1;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--")) {
			if (i + 1 < argc)
				cmd = argv + i + 1;
			break;
		} else if (!strcmp(a, "--trace") && i + 1 < argc) {
			char *end;

			secs = strtod(argv[++i], &end);
			if (*end || !(secs > 0) || secs > 86400) {
				viz_err("--trace %s: a number of seconds", argv[i]);
				return 2;
			}
		} else if (!strcmp(a, "--pid") && i + 1 < argc) {
			int64_t p;

			pid_arg = argv[++i];
			if (strcmp(pid_arg, "self") &&
			    (!osedu_s64(pid_arg, &p) || p <= 0 || p > 0x3fffffff)) {
				viz_err("--pid %s: a process id or self", pid_arg);
				return 2;
			}
		} else {
			viz_err("sched: unknown argument \"%s\"; usage: visualize sched [--trace SECONDS] [--pid PID] [-- CMD ...]",
				a);
			return 2;
		}
	}

	if (!is_live(v)) {
		/* A recording: DIR/sched/trace and DIR/sched/<pid>|self. */
		char path[4200];

		if (cmd || secs > 0) {
			viz_err("--root %s is a recording: it cannot run a command or trace; drop -- CMD and --trace",
				v->root);
			return 2;
		}
		/*
		 * A recording holds the PCBs its recorder copied; a pid
		 * without one still names whom the trace is about.
		 */
		if (load_pcb(v, &r.pcb, pid_arg ? pid_arg : "self", true) &&
		    pid_arg) {
			if (!strcmp(pid_arg, "self"))
				return 1;
			root = atoi(pid_arg);
		}
		snprintf(path, sizeof(path), "%s/sched/trace", v->root);
		if (!access(path, F_OK)) {
			if (viz_doc_load(v, &d, "sched/trace", MODULE_NAME))
				goto out;
			snprintf(what, sizeof(what), "%s%s%s",
				 viz_tr(v, "recording", "기록"),
				 r.pcb.ok ? ", pid " : "",
				 r.pcb.ok ? osedu_doc_get(&r.pcb.d, "pid") ?: "?" : "");
			r.what = what;
			rc = result_trace(&r, &d, root) ? 1 : 0;
			osedu_doc_free(&d);
			if (rc)
				goto out;
		} else if (!r.pcb.ok) {
			/* Nothing recorded: say why, as for a live file. */
			if (!viz_doc_load(v, &d, "sched/trace", MODULE_NAME))
				osedu_doc_free(&d);
			return 1;
		}
		render(v, &r);
		rc = 0;
		goto out;
	}

	if (cmd || secs > 0) {
		struct osedu_buf tb = { 0 }, pb = { 0 };
		size_t k = 0;

		if (live(v, cmd, secs, &tb, &pb, &child)) {
			free(tb.p);
			free(pb.p);
			return 1;
		}
		if (cmd) {
			for (int j = 0; cmd[j] && k < sizeof(what) - 1; j++)
				k += snprintf(what + k, sizeof(what) - k, "%s%s",
					      j ? " " : "", cmd[j]);
		} else {
			snprintf(what, sizeof(what), "%s, %g s",
				 viz_tr(v, "the whole system", "시스템 전체"),
				 secs);
		}
		r.what = what;
		if (pid_arg)
			load_pcb(v, &r.pcb, pid_arg, false);
		else if (child && pcb_from_buf(&r.pcb, &pb, child))
			viz_err("no PCB of %d: it exited before it could be read",
				child);
		free(pb.p);
		if (!tb.p) {
			viz_err("the trace could not be read");
			goto out;
		}
		if (viz_doc_parse(&d, LIVE_ROOT "/sched/trace", tb.p, tb.len))
			goto out;
		rc = result_trace(&r, &d, child) ? 1 : 0;
		osedu_doc_free(&d);
		if (rc)
			goto out;
		if (r.m.trace.lost)
			viz_err("%llu events were lost (the module's per-CPU buffers were full)",
				(unsigned long long)r.m.trace.lost);
		render(v, &r);
		rc = 0;
		goto out;
	}

	if (load_pcb(v, &r.pcb, pid_arg ? pid_arg : "self", false))
		return 1;
	render(v, &r);
	rc = 0;
out:
	result_free(&r);
	return rc;
}

/*
 * DATA is a trace, optionally followed by a NUL and a PCB (the documents
 * make fuzz joins): the trace focused on the PCB's threads, and the PCB,
 * rendered in v->format; a lone PCB too.
 */
static int sched_fuzz(struct viz *v, const uint8_t *data, size_t len)
{
	const uint8_t *nul = memchr(data, '\0', len);
	size_t n1 = nul ? (size_t)(nul - data) : len;
	struct result r = { .what = "fuzz" };
	struct osedu_doc d;
	int rc = 1;

	if (nul && !viz_doc_parse_mem(&r.pcb.d, "fuzz", nul + 1,
				      len - n1 - 1))
		pcb_from_doc(&r.pcb, "fuzz");
	if (!viz_doc_parse_mem(&d, "fuzz", data, n1)) {
		if (!strcmp(d.view, "sched") && !r.pcb.ok) {
			/* A PCB alone. */
			r.pcb.d = d;
			if (!pcb_from_doc(&r.pcb, "fuzz"))
				rc = 0;
		} else {
			rc = result_trace(&r, &d, 0);
			osedu_doc_free(&d);
		}
		if (!rc)
			render(v, &r);
	}
	result_free(&r);
	return rc;
}

const struct viz_view viz_view_sched = {
	.name = "sched",
	.usage = "sched [--trace S] [--pid PID] [-- CMD]",
	.summary = "context switches as a Gantt chart, process states, the PCB",
	.run = sched_run,
	.fuzz = sched_fuzz,
};
