// SPDX-License-Identifier: GPL-2.0
/*
 * What the scheduling labs share: driving the context-switch trace of
 * osedu_sched_viz (docs/proc-format.md, section sched_viz), reading the
 * PCB view, and the kernel's own accounts of a task (/proc/<pid>/stat,
 * status, sched) that the labs print beside it as the independent oracle.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lab.h"

void sl_trace_start(const char *filter)
{
	char cmd[96];
	int ret;

	lab_need(SL_CONTROL, SL_MODULE);
	osedu_write_file(SL_CONTROL, "stop");
	osedu_write_file(SL_CONTROL, "clear");
	/* Core's grammar: one space between words, none at the end. */
	snprintf(cmd, sizeof(cmd), "start%s%s", *filter ? " " : "", filter);
	ret = osedu_write_file(SL_CONTROL, cmd);
	if (ret == -EPERM || ret == -EACCES)
		lab_die("starting the trace needs root (CAP_SYS_ADMIN)");
	if (ret)
		lab_die("'%s' > %s: %s", cmd, SL_CONTROL, strerror(-ret));
}

void sl_trace_drain(struct sl_trace *t)
{
	int fd = open(SL_TRACE, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		lab_die("cannot open %s: %s", SL_TRACE, strerror(errno));
	if (osedu_buf_drain(&t->text, fd, OSEDU_DOC_MAX * 4))
		lab_die("cannot read %s: %s", SL_TRACE, strerror(errno));
	close(fd);
	if (t->text.full)
		lab_die("%s: more than %u MiB of trace", SL_TRACE,
			OSEDU_DOC_MAX >> 18);
}

void sl_trace_finish(struct sl_trace *t)
{
	const char *bad = NULL;

	osedu_write_file(SL_CONTROL, "stop");
	sl_trace_drain(t);
	if (osedu_trace_add(&t->parsed, t->text.p, t->text.len, &bad))
		lab_die("out of memory");
	if (t->parsed.bad)
		lab_die("unexpected trace line '%s'", bad);
	osedu_trace_sort(&t->parsed);
	t->ev = t->parsed.ev;
	t->n = (int)t->parsed.n;
	t->lost = t->parsed.lost;
}

void sl_trace_free(struct sl_trace *t)
{
	osedu_buf_free(&t->text);
	osedu_trace_free(&t->parsed);
	memset(t, 0, sizeof(*t));
}

void sl_print_ev(const struct osedu_ev *e, long long t0)
{
	printf("    +%8.3f ms cpu%d %-7s", (e->ts - t0) / 1e6, e->cpu,
	       osedu_ev_name(e->type));
	if (e->type == OSEDU_EV_SWITCH)
		printf(" %d %s %s => %d %s\n", e->tid, e->comm, e->state,
		       e->tid2, e->comm2);
	else
		printf(" %d %s\n", e->tid, e->comm);
}

char *sl_pcb(pid_t pid)
{
	lab_need(OSEDU_ROOT "/sched", SL_MODULE);
	return lab_must_read_view(OSEDU_ROOT "/sched", pid);
}

/* The command name may hold spaces, so counting starts after its ')'. */
long long sl_stat(pid_t pid, pid_t tid, int field)
{
	char path[64], *buf, *p;
	long long v = -1;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, tid);
	buf = lab_must_read(path);
	p = strrchr(buf, ')');
	for (i = 2; p && i < field; i++)
		p = strchr(p + 1, ' ');
	if (p && field == 3)
		v = p[1];	/* the state letter */
	else if (p)
		v = strtoll(p + 1, NULL, 10);
	free(buf);
	return v;
}

long long sl_ticks_ns(long long ticks)
{
	return ticks * (1000000000LL / sysconf(_SC_CLK_TCK));
}

long long sl_status(pid_t pid, const char *key)
{
	char path[64], *buf;
	long long v;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	buf = lab_must_read(path);
	v = osedu_kv_num(buf, key, -1);
	free(buf);
	return v;
}

/*
 * /proc/<pid>/sched aligns its keys with blanks before the colon; times
 * there are in ms with six decimals (ns precision).
 */
long long sl_procsched(pid_t pid, const char *key)
{
	char path[64], *buf, *p;
	const char *l;
	long long ip = -1, frac = 0;
	size_t k = strlen(key);
	int digits = 0;

	snprintf(path, sizeof(path), "/proc/%d/sched", pid);
	buf = lab_must_read(path);
	osedu_for_each_line(l, buf) {
		if (strncmp(l, key, k) || (l[k] != ' ' && l[k] != ':'))
			continue;
		p = strchr(l, ':');
		if (!p)
			break;
		ip = strtoll(p + 1, &p, 10);
		if (*p == '.') {
			for (p++; *p >= '0' && *p <= '9'; p++, digits++)
				frac = frac * 10 + (*p - '0');
			while (digits++ < 6)
				frac *= 10;
			ip = ip * 1000000 + frac;
		}
		break;
	}
	free(buf);
	return ip;
}

void sl_wait_blocked(pid_t pid)
{
	if (!osedu_wait_asleep(pid, pid, 'S', 30000))
		lab_die("pid %d never blocked", pid);
}

int sl_task_dir(pid_t pid, pid_t *tids, int max)
{
	char path[64];
	struct dirent *d;
	DIR *dir;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	dir = opendir(path);
	if (!dir)
		lab_die("%s: %s", path, strerror(errno));
	while ((d = readdir(dir)) && n < max)
		if (d->d_name[0] != '.')
			tids[n++] = atoi(d->d_name);
	closedir(dir);
	return n;
}
