// SPDX-License-Identifier: GPL-2.0
/*
 * The sched trace (docs/proc-format.md, sched/trace), as the module's
 * file and schedsnoop print it: one event a line,
 *
 *   <ts_ns> <cpu> switch <tid> <comm> <state> => <tid> <comm>
 *   <ts_ns> <cpu> wakeup|wakeup_new <tid> <comm> <target_cpu>
 *   <ts_ns> <cpu> fork <tid> <comm> => <tid> <comm>
 *   <ts_ns> <cpu> exit <tid> <comm>
 *   <ts_ns> <cpu> migrate <tid> <comm> <from_cpu> => <to_cpu>
 *   <ts_ns> <cpu> lost <count>
 *
 * A comm is whatever a program set with prctl(PR_SET_NAME): it may hold
 * spaces and even " => ", or be empty, so the line is split from the
 * fields around it, never on blanks. This is the only parser of it.
 */
#include <stdlib.h>
#include <string.h>

#include "osedu.h"

static const char *const names[] = {
	[OSEDU_EV_SWITCH] = "switch", [OSEDU_EV_WAKEUP] = "wakeup",
	[OSEDU_EV_WAKEUP_NEW] = "wakeup_new", [OSEDU_EV_FORK] = "fork",
	[OSEDU_EV_EXIT] = "exit", [OSEDU_EV_MIGRATE] = "migrate",
	[OSEDU_EV_LOST] = "lost",
};

const char *osedu_ev_name(int type)
{
	return type >= 0 && type < OSEDU_EV_NR ? names[type] : "?";
}

/*
 * A comm is at most 15 bytes; a producer printing the whole 16-byte array
 * gives one more, which is dropped. Longer is not a trace line.
 */
static bool set_comm(char *dst, const char *s, size_t n)
{
	if (n > OSEDU_COMM_MAX || memchr(s, '\0', n))
		return false;
	if (n > OSEDU_COMM_MAX - 1)
		n = OSEDU_COMM_MAX - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return true;
}

/* "<tid> <comm>" where comm runs to END. */
static bool parse_tid_comm(const char *s, const char *end, int *tid,
			   char *comm)
{
	const char *sp = memchr(s, ' ', end - s);

	if (!sp || !osedu_parse_int(s, sp - s, tid, 0x3fffffff))
		return false;
	return set_comm(comm, sp + 1, end - sp - 1);
}

/* Split "<... ><last>" at the last space. */
static const char *last_space(const char *s, const char *end)
{
	const char *p;

	for (p = end; p > s; p--)
		if (p[-1] == ' ')
			return p - 1;
	return NULL;
}

static bool valid_state(const char *s, size_t n)
{
	if (n == 2)
		return s[0] == 'R' && s[1] == '+';
	return n == 1 && s[0] && strchr("RSDTtXZPIWKN", s[0]);
}

/* "<tid> <comm> <state>" */
static bool parse_switch_left(const char *s, const char *end,
			      struct osedu_ev *e)
{
	const char *sp = last_space(s, end);

	if (!sp || !valid_state(sp + 1, end - sp - 1))
		return false;
	memcpy(e->state, sp + 1, end - sp - 1);
	e->state[end - sp - 1] = '\0';
	return parse_tid_comm(s, sp, &e->tid, e->comm);
}

static bool parse_fork_left(const char *s, const char *end,
			    struct osedu_ev *e)
{
	return parse_tid_comm(s, end, &e->tid, e->comm);
}

/*
 * "<left> => <tid> <comm>": both comms may hold anything, even " => ",
 * so take the first separator after which both sides parse.
 */
static bool parse_arrow(const char *s, const char *end, struct osedu_ev *e,
			bool (*left)(const char *, const char *,
				     struct osedu_ev *))
{
	const char *p = s;

	while ((p = memmem(p, end - p, " => ", 4))) {
		if (left(s, p, e) &&
		    parse_tid_comm(p + 4, end, &e->tid2, e->comm2))
			return true;
		p++;
	}
	return false;
}

/* "<tid> <comm> <cpu>" */
static bool parse_wakeup(const char *s, const char *end, struct osedu_ev *e)
{
	const char *sp = last_space(s, end);

	return sp &&
	       osedu_parse_int(sp + 1, end - sp - 1, &e->cpu2, OSEDU_MAX_CPUS - 1) &&
	       parse_tid_comm(s, sp, &e->tid, e->comm);
}

/*
 * "<tid> <comm> <from> => <to>": to is a number, so the last arrow. The
 * CPUs moved between are cpu1 and cpu2; e->cpu stays the CPU that
 * recorded the event.
 */
static bool parse_migrate(const char *s, const char *end, struct osedu_ev *e)
{
	const char *p, *a = NULL, *sp;

	for (p = s; (p = memmem(p, end - p, " => ", 4)); p++)
		a = p;
	if (!a || !osedu_parse_int(a + 4, end - a - 4, &e->cpu2, OSEDU_MAX_CPUS - 1))
		return false;
	sp = last_space(s, a);
	return sp &&
	       osedu_parse_int(sp + 1, a - sp - 1, &e->cpu1, OSEDU_MAX_CPUS - 1) &&
	       parse_tid_comm(s, sp, &e->tid, e->comm);
}

bool osedu_ev_parse(const char *line, size_t len, struct osedu_ev *e)
{
	const char *end = line + len, *p = line, *sp;
	size_t n;

	memset(e, 0, sizeof(*e));
	e->type = -1;
	sp = memchr(p, ' ', end - p);
	if (!sp || !osedu_parse_u64(p, sp - p, &e->ts))
		return false;
	p = sp + 1;
	sp = memchr(p, ' ', end - p);
	if (!sp || !osedu_parse_int(p, sp - p, &e->cpu, OSEDU_MAX_CPUS - 1))
		return false;
	p = sp + 1;
	sp = memchr(p, ' ', end - p);
	if (!sp)
		return false;
	n = sp - p;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (strlen(names[i]) == n && !memcmp(p, names[i], n))
			e->type = (int)i;
	p = sp + 1;
	switch (e->type) {
	case OSEDU_EV_SWITCH:
		return parse_arrow(p, end, e, parse_switch_left);
	case OSEDU_EV_FORK:
		return parse_arrow(p, end, e, parse_fork_left);
	case OSEDU_EV_WAKEUP:
	case OSEDU_EV_WAKEUP_NEW:
		return parse_wakeup(p, end, e);
	case OSEDU_EV_EXIT:
		return parse_tid_comm(p, end, &e->tid, e->comm);
	case OSEDU_EV_MIGRATE:
		return parse_migrate(p, end, e);
	case OSEDU_EV_LOST:
		return osedu_parse_u64(p, end - p, &e->count);
	}
	return false;
}

int osedu_ev_cmp(const void *a, const void *b)
{
	const struct osedu_ev *x = a, *y = b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int trace_push(struct osedu_trace *t, const struct osedu_ev *e)
{
	if (t->n == t->cap) {
		size_t c = t->cap ? 2 * t->cap : 1024;
		struct osedu_ev *ne = realloc(t->ev, c * sizeof(*ne));

		if (!ne)
			return -1;
		t->ev = ne;
		t->cap = c;
	}
	t->ev[t->n] = *e;
	t->ev[t->n].seq = t->n;
	t->n++;
	return 0;
}

int osedu_trace_add(struct osedu_trace *t, char *text, size_t len,
		    const char **bad)
{
	char *p = text, *end = text + len, *nl;
	struct osedu_ev e;
	size_t n;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', end - p);
		if (!nl)
			nl = end;
		n = nl - p;
		if (!n || (n == strlen(OSEDU_SCHED_HEADER) &&
			   !memcmp(p, OSEDU_SCHED_HEADER, n)))
			continue;
		if (!osedu_ev_parse(p, n, &e)) {
			if (bad && !t->bad) {
				*nl = '\0';
				*bad = p;
			}
			t->bad++;
			continue;
		}
		if (e.type == OSEDU_EV_LOST) {
			t->lost = t->lost + e.count < t->lost ? UINT64_MAX :
				  t->lost + e.count;
			t->lost_lines++;
		}
		if (trace_push(t, &e))
			return -1;
	}
	return 0;
}

void osedu_trace_sort(struct osedu_trace *t)
{
	if (t->n)
		qsort(t->ev, t->n, sizeof(*t->ev), osedu_ev_cmp);
}

void osedu_trace_free(struct osedu_trace *t)
{
	free(t->ev);
	memset(t, 0, sizeof(*t));
}
