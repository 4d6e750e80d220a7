// SPDX-License-Identifier: GPL-2.0
/*
 * visualize sched, the scheduling model: the trace's events (parsed by
 * libosedu) replayed into tasks, per-CPU runs, per-task states and the
 * transitions of the process-state diagram. Rendering reads the model and
 * never changes it.
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
int task_of(struct model *m, int tid, const char *comm, uint64_t ts)
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

int reason_of(const char *state)
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

void count(struct model *m, int tr, int task)
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

void model_free(struct model *m)
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
int model_build(struct model *m, const struct osedu_doc *d, int root,
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
