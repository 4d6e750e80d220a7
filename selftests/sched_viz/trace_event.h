/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One line of the sched trace (docs/proc-format.md), as both the module's
 * trace and schedsnoop print it: the tests of either parse it here.
 */
#ifndef OSEDU_TRACE_EVENT_H
#define OSEDU_TRACE_EVENT_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct ev {
	unsigned long long ts;
	int cpu;
	char type[16];
	int pid, pid2;		/* prev/next, parent/child, tid/target cpu */
	char state[4];		/* switch: prev_state */
};

/* Parse one trace line; false for the header and anything malformed. */
static inline bool parse(const char *line, struct ev *e)
{
	char c1[17], c2[17];
	int n;

	memset(e, 0, sizeof(*e));
	if (sscanf(line, "%llu %d %15s%n", &e->ts, &e->cpu, e->type, &n) != 3)
		return false;
	line += n;
	if (!strcmp(e->type, "switch"))
		return sscanf(line, " %d %16s %3s => %d %16s", &e->pid, c1,
			      e->state, &e->pid2, c2) == 5;
	if (!strcmp(e->type, "wakeup") || !strcmp(e->type, "wakeup_new"))
		return sscanf(line, " %d %16s %d", &e->pid, c1, &e->pid2) == 3;
	if (!strcmp(e->type, "fork"))
		return sscanf(line, " %d %16s => %d %16s", &e->pid, c1,
			      &e->pid2, c2) == 4;
	if (!strcmp(e->type, "exit"))
		return sscanf(line, " %d %16s", &e->pid, c1) == 2;
	if (!strcmp(e->type, "migrate"))
		return sscanf(line, " %d %16s %d => %d", &e->pid, c1, &e->cpu,
			      &e->pid2) == 4;
	if (!strcmp(e->type, "lost"))
		return sscanf(line, " %d", &e->pid) == 1;
	return false;
}

#endif /* OSEDU_TRACE_EVENT_H */
