/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the scheduling labs share: driving the context-switch trace of
 * osedu_sched_viz (docs/proc-format.md, section sched_viz), parsing its
 * events, reading the PCB view, and the kernel's own accounts of a task
 * (/proc/<pid>/stat, status, sched) that the labs print beside it as the
 * independent oracle.
 */
#ifndef OSEDU_SCHED_LAB_H
#define OSEDU_SCHED_LAB_H

#include <dirent.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <time.h>

#include "lab.h"

#define SL_CONTROL	"/proc/osedu/sched/control"
#define SL_TRACE	"/proc/osedu/sched/trace"
#define SL_HEADER	"osedu sched-trace 1"
#define SL_LOAD		"load the module (make load, or modprobe osedu_sched_viz)"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

static inline long long sl_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline long long sl_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Busy until @us of wall-clock time have passed. */
static inline void sl_spin_wall_us(long us)
{
	long long end = sl_now_ns() + us * 1000LL;

	while (sl_now_ns() < end)
		;
}

/* Busy until this thread has used @ms of CPU time (whoever else runs). */
static inline void sl_spin_cpu_ms(long ms)
{
	long long end = sl_cpu_ns() + ms * 1000000LL;

	while (sl_cpu_ns() < end)
		;
}

static inline int sl_pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

/*
 * The CPU the workers share and the CPU the lab itself watches from: two
 * different ones when there are two, so a runaway real-time worker can
 * never take the CPU the lab (and the shell) need.
 */
static inline int sl_worker_cpu(void)
{
	return sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 1 : 0;
}

static inline int sl_write(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, s, strlen(s)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

static inline void sl_read_byte(int fd)
{
	char c;

	while (read(fd, &c, 1) < 0 && errno == EINTR)
		;
}

static inline void sl_write_byte(int fd)
{
	while (write(fd, "x", 1) < 0 && errno == EINTR)
		;
}

/* The whole of a /proc file, or give up: the lab cannot run without it. */
static inline char *sl_must_read(const char *path)
{
	char *buf = lab_read(path);

	if (!buf)
		lab_die("cannot read %s: %s", path, strerror(errno));
	return buf;
}

/*
 * /proc/osedu/sched/<pid>: the PCB view of a process. osedu's core makes
 * the entry of a new process shortly after the fork, not during it, so a
 * young process's file may take a moment (longer on a loaded emulator).
 */
static inline char *sl_pcb(pid_t pid)
{
	char path[64], *buf;
	int i;

	if (access("/proc/osedu/sched", F_OK))
		lab_die("/proc/osedu/sched is missing: %s", SL_LOAD);
	snprintf(path, sizeof(path), "/proc/osedu/sched/%d", pid);
	for (i = 0; i < 500; i++) {
		buf = lab_read(path);
		if (buf || errno != ENOENT)
			break;
		usleep(10000);
	}
	return buf ? buf : sl_must_read(path);
}

/* The text after "key: " on its own line of @buf, copied into @out. */
static inline const char *sl_str(const char *buf, const char *key, char *out,
				 size_t len)
{
	size_t k = strlen(key), n;
	const char *p, *e;

	snprintf(out, len, "?");
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, key, k) || p[k] != ':')
			continue;
		p += k + 1;
		p += strspn(p, " \t");
		e = strchr(p, '\n');
		n = e ? (size_t)(e - p) : strlen(p);
		if (n >= len)
			n = len - 1;
		memcpy(out, p, n);
		out[n] = '\0';
		break;
	}
	return out;
}

/*
 * Field @field (1-based, as in proc(5)) of /proc/<pid>/task/<tid>/stat;
 * the command name may hold spaces, so counting starts after its ')'.
 */
static inline long long sl_stat(pid_t pid, pid_t tid, int field)
{
	char path[64], *buf, *p;
	long long v = -1;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, tid);
	buf = sl_must_read(path);
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

static inline long long sl_ticks_ns(long long ticks)
{
	return ticks * (1000000000LL / sysconf(_SC_CLK_TCK));
}

/* A "key: number" line of /proc/<pid>/status. */
static inline long long sl_status(pid_t pid, const char *key)
{
	char path[64], *buf;
	long long v;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	buf = sl_must_read(path);
	v = lab_kv(buf, key, -1);
	free(buf);
	return v;
}

/*
 * A line "key   :   value" of /proc/<pid>/sched. Times there are in ms
 * with six decimals (ns precision), so they are returned in ns.
 */
static inline long long sl_procsched(pid_t pid, const char *key)
{
	char path[64], *buf, *p;
	long long ip = -1, frac = 0;
	size_t k = strlen(key);
	int digits = 0;

	snprintf(path, sizeof(path), "/proc/%d/sched", pid);
	buf = sl_must_read(path);
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, key, k) || (p[k] != ' ' && p[k] != ':'))
			continue;
		p = strchr(p, ':');
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

static inline int sl_cmp_ll(long long a, long long b)
{
	return a < b ? -1 : a > b;
}

/* ---- the context-switch trace ---- */

struct sl_ev {
	long long ts;
	int cpu;
	char type[16];
	int pid, pid2;		/* switch: prev => next; wakeup: tid, target cpu */
	char comm[17], comm2[17];
	char state[4];		/* switch: the state prev left in */
};

struct sl_trace {
	char *text;		/* every line read, the headers dropped */
	size_t len, cap;
	struct sl_ev *ev;
	int n;
	long long lost;
};

/* Start tracing with @filter ("" or "pid=N", "comm=NAME"), from empty. */
static inline void sl_trace_start(const char *filter)
{
	char cmd[96];
	int ret;

	if (access(SL_CONTROL, F_OK))
		lab_die("%s is missing: %s", SL_CONTROL, SL_LOAD);
	sl_write(SL_CONTROL, "stop");
	sl_write(SL_CONTROL, "clear");
	snprintf(cmd, sizeof(cmd), "start %s", filter);
	ret = sl_write(SL_CONTROL, cmd);
	if (ret == -EPERM || ret == -EACCES)
		lab_die("starting the trace needs root (CAP_SYS_ADMIN or CAP_PERFMON)");
	if (ret)
		lab_die("'%s' > %s: %s", cmd, SL_CONTROL, strerror(-ret));
}

/*
 * Move what the trace holds now into @t. The per-CPU buffers are small
 * (ring_events_per_cpu), so a lab that runs for seconds calls this every
 * few tens of ms while its workload runs: nothing is lost then.
 */
static inline void sl_trace_drain(struct sl_trace *t)
{
	int fd = open(SL_TRACE, O_RDONLY | O_CLOEXEC);
	ssize_t r;
	char *nb;

	if (fd < 0)
		lab_die("cannot open %s: %s", SL_TRACE, strerror(errno));
	for (;;) {
		if (t->cap - t->len < 65536) {
			nb = realloc(t->text, t->cap * 2 + 65536);
			if (!nb)
				lab_die("out of memory");
			t->text = nb;
			t->cap = t->cap * 2 + 65536;
		}
		r = read(fd, t->text + t->len, t->cap - t->len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		t->len += r;
	}
	close(fd);
	t->text[t->len] = '\0';
}

static inline bool sl_parse(const char *line, struct sl_ev *e)
{
	int n;

	memset(e, 0, sizeof(*e));
	if (sscanf(line, "%lld %d %15s%n", &e->ts, &e->cpu, e->type, &n) != 3)
		return false;
	line += n;
	if (!strcmp(e->type, "switch"))
		return sscanf(line, " %d %16s %3s => %d %16s", &e->pid, e->comm,
			      e->state, &e->pid2, e->comm2) == 5;
	if (!strcmp(e->type, "wakeup") || !strcmp(e->type, "wakeup_new"))
		return sscanf(line, " %d %16s %d", &e->pid, e->comm,
			      &e->pid2) == 3;
	if (!strcmp(e->type, "fork"))
		return sscanf(line, " %d %16s => %d %16s", &e->pid, e->comm,
			      &e->pid2, e->comm2) == 4;
	if (!strcmp(e->type, "exit"))
		return sscanf(line, " %d %16s", &e->pid, e->comm) == 2;
	if (!strcmp(e->type, "migrate"))
		return sscanf(line, " %d %16s %*d => %d", &e->pid, e->comm,
			      &e->pid2) == 3;
	if (!strcmp(e->type, "lost"))
		return sscanf(line, " %d", &e->pid) == 1;
	return false;
}

static inline int sl_ev_cmp(const void *a, const void *b)
{
	const struct sl_ev *x = a, *y = b;

	return sl_cmp_ll(x->ts, y->ts);
}

/*
 * Stop tracing, take the rest, and parse everything into t->ev in
 * time order (each read is merged in order; drains are sorted together).
 */
static inline void sl_trace_finish(struct sl_trace *t)
{
	char *line, *save = NULL;
	int cap = 0;

	sl_write(SL_CONTROL, "stop");
	sl_trace_drain(t);
	for (line = strtok_r(t->text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!strcmp(line, SL_HEADER))
			continue;
		if (t->n == cap) {
			cap = cap ? cap * 2 : 4096;
			t->ev = realloc(t->ev, cap * sizeof(*t->ev));
			if (!t->ev)
				lab_die("out of memory");
		}
		if (!sl_parse(line, &t->ev[t->n]))
			lab_die("unexpected trace line '%s'", line);
		if (!strcmp(t->ev[t->n].type, "lost"))
			t->lost += t->ev[t->n].pid;
		else
			t->n++;
	}
	qsort(t->ev, t->n, sizeof(*t->ev), sl_ev_cmp);
}

static inline bool sl_is(const struct sl_ev *e, const char *type)
{
	return !strcmp(e->type, type);
}

/* Print one event as the trace had it, indented under the lab's text. */
static inline void sl_print_ev(const struct sl_ev *e, long long t0)
{
	printf("    +%8.3f ms cpu%d %-7s", (e->ts - t0) / 1e6, e->cpu, e->type);
	if (sl_is(e, "switch"))
		printf(" %d %s %s => %d %s\n", e->pid, e->comm, e->state,
		       e->pid2, e->comm2);
	else
		printf(" %d %s\n", e->pid, e->comm);
}

static inline void sl_trace_free(struct sl_trace *t)
{
	free(t->text);
	free(t->ev);
	memset(t, 0, sizeof(*t));
}

/* Reap @pid; its exit status, or -1 if it did not exit normally. */
static inline int sl_reap(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Wait (up to 30 s) until PID sleeps in state S: it reached its blocking call. */
static inline void sl_wait_blocked(pid_t pid)
{
	int i;

	for (i = 0; i < 3000; i++) {
		if (sl_stat(pid, pid, 3) == 'S')
			return;
		usleep(10000);
	}
	lab_die("pid %d never blocked", pid);
}

/* The tids listed in /proc/<pid>/task: the kernel's own thread list. */
static inline int sl_task_dir(pid_t pid, pid_t *tids, int max)
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

#endif /* OSEDU_SCHED_LAB_H */
