// SPDX-License-Identifier: GPL-2.0
/*
 * bench/sched: what tracing the scheduler costs the traced. A pipe
 * ping-pong between two processes pinned to CPU 0 (as "perf bench sched
 * pipe"), 200,000 round trips, timed in four configurations:
 *   (a) osedu_sched_viz not loaded
 *   (b) its trace on, all events, a reader on CPU 1 draining it
 *   (c) schedsnoop on, all events, on CPU 1, writing to /dev/null
 *   (d) osedu_sched_viz loaded, trace stopped
 *   (e) the kernel's own tracer: ftrace's sched_switch, sched_wakeup,
 *       sched_wakeup_new, sched_process_fork, sched_process_exit and
 *       sched_migrate_task on, a reader on CPU 1 draining trace_pipe
 * Each round measures a, d, b, c, e in turn (rotated from round to round)
 * and the best of the rounds counts, so that noise on the host (other
 * VMs, TCG) hits all five alike; the fastest of BLOCKS equal slices of any
 * run gives a second estimate, less sensitive to bursts of load on the
 * host. Prints the times, the events and drops each recorder saw, the CPU
 * time its reader used (on CPU 1, but under single-threaded TCG both vCPUs
 * share one host thread, so that time is taken from CPU 0 too), and the
 * ratios (b)/(a) (target <= 1.10), (b)/(c) (target <= 1), (b)/(e) (target
 * <= 1) and (d)/(a) (target <= 1.01), and each reader's CPU time per
 * event. Run as root: it unloads and reloads the module, and takes ftrace
 * (its sched events, tracing_on, the buffer) for the (e) runs.
 *
 *   sched_bench [ROUND_TRIPS [ROUNDS]]
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <osedu/osedu.h>

#define MODULE		"osedu_sched_viz"
#define CONTROL		"/proc/osedu/sched/control"
#define TRACE		"/proc/osedu/sched/trace"
#define SNOOP		"/opt/osedu/bin/schedsnoop"
#define TRACING		"/sys/kernel/tracing"
#define DRAIN_NS	10000000	/* the reader's nap when the trace is empty */
#define BLOCKS		20		/* timed slices of each ping-pong */

enum { CFG_A, CFG_B, CFG_C, CFG_D, CFG_E, NCFG };

static const char * const cfg_names[NCFG] = {
	"(a) not loaded", "(b) osedu trace on", "(c) schedsnoop on",
	"(d) loaded, stopped", "(e) ftrace on",
};

/* What the sched_viz trace records, as ftrace events. */
static const char * const ftrace_events[] = {
	"sched/sched_switch", "sched/sched_wakeup", "sched/sched_wakeup_new",
	"sched/sched_process_fork", "sched/sched_process_exit",
	"sched/sched_migrate_task",
};

static double now(void)
{
	return osedu_now_ns() / 1e9;
}

static long long control_value(const char *key)
{
	char buf[1024];

	if (osedu_read_file(CONTROL, buf, sizeof(buf)) <= 0)
		return -1;
	return osedu_kv_ll(buf, key);
}

static bool module_loaded(void)
{
	return access(CONTROL, F_OK) == 0;
}

static int load_module(void)
{
	return module_loaded() ? 0 : osedu_load(MODULE);
}

static int unload_module(void)
{
	int i;

	/* A reader that has just been killed may still hold the file. */
	for (i = 0; i < 100; i++) {
		if (!osedu_unload(MODULE))
			return 0;
		usleep(50000);
	}
	return -errno;
}

/*
 * One timed ping-pong of @trips round trips on CPU 0; seconds, or < 0.
 * *@block is the fastest of its BLOCKS equal slices, scaled to @trips.
 */
static double pingpong(long trips, double *block)
{
	double times[BLOCKS + 1];
	int ping[2], pong[2], res[2];
	pid_t a, b;
	double t = -1;
	long i;
	char c = 0;

	if (pipe(ping) || pipe(pong) || pipe(res))
		return -1;
	b = fork();
	if (b == 0) {
		prctl(PR_SET_NAME, "pp_pong");
		osedu_pin(0);
		for (i = 0; i < trips; i++)
			if (read(ping[0], &c, 1) != 1 || write(pong[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	a = fork();
	if (a == 0) {
		int k = 0;

		prctl(PR_SET_NAME, "pp_ping");
		osedu_pin(0);
		times[k++] = now();
		for (i = 0; i < trips; i++) {
			if (write(ping[1], &c, 1) != 1 || read(pong[0], &c, 1) != 1)
				_exit(1);
			if ((i + 1) % (trips / BLOCKS) == 0 && k <= BLOCKS)
				times[k++] = now();
		}
		_exit(write(res[1], times, sizeof(times)) != sizeof(times));
	}
	close(ping[0]);
	close(ping[1]);
	close(pong[0]);
	close(pong[1]);
	close(res[1]);
	if (a > 0 && b > 0 &&
	    read(res[0], times, sizeof(times)) == sizeof(times)) {
		t = times[BLOCKS] - times[0];
		*block = t;
		for (i = 0; i < BLOCKS; i++)
			if ((times[i + 1] - times[i]) * BLOCKS < *block)
				*block = (times[i + 1] - times[i]) * BLOCKS;
	}
	close(res[0]);
	if (a > 0)
		waitpid(a, NULL, 0);
	if (b > 0)
		waitpid(b, NULL, 0);
	return t;
}

/*
 * (b)'s reader: the trace to /dev/null, on CPU 1, until killed. The file
 * cannot wake a reader (that would need a wakeup from inside the
 * scheduler), so at end of file the reader naps and reads on; a 2048-event
 * ring per CPU outlasts the nap by far at the event rates TCG reaches.
 */
static pid_t start_reader(void)
{
	struct timespec nap = { 0, DRAIN_NS };
	static char buf[65536];
	pid_t pid = fork();
	int fd, null;
	ssize_t n;

	if (pid)
		return pid;
	osedu_pin(1);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	fd = open(TRACE, O_RDONLY);
	null = open("/dev/null", O_WRONLY);
	if (fd < 0 || null < 0)
		_exit(1);
	for (;;) {
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			if (write(null, buf, n) != n)
				_exit(1);
		nanosleep(&nap, NULL);
	}
}

/* Reap a helper; the CPU time it used, in seconds. */
static double reap(pid_t pid)
{
	struct rusage ru = { 0 };

	if (wait4(pid, NULL, 0, &ru) != pid)
		return 0;
	return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* (c): schedsnoop on CPU 1, -s so that it says when it is attached. */
static pid_t start_snoop(int *err_fd)
{
	char line[128];
	int p[2];
	pid_t pid;
	ssize_t n;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		osedu_pin(1);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(p[1], 2);
		execl(SNOOP, "schedsnoop", "-s", "-o", "/dev/null",
		      (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	n = read(p[0], line, sizeof(line) - 1);
	if (pid < 0 || n <= 0 || strncmp(line, "schedsnoop: attached", 20)) {
		close(p[0]);
		return -1;
	}
	*err_fd = p[0];
	return pid;
}

/* Stop schedsnoop; its counts from the summary line. */
static int stop_snoop(pid_t pid, int err_fd, long long *events,
		      long long *lost, double *cpu)
{
	char buf[512], *p;
	ssize_t n, off = 0;
	struct rusage ru = { 0 };
	int status;

	kill(pid, SIGINT);
	while (off < (ssize_t)sizeof(buf) - 1 &&
	       (n = read(err_fd, buf + off, sizeof(buf) - 1 - off)) > 0)
		off += n;
	buf[off] = '\0';
	close(err_fd);
	if (wait4(pid, &status, 0, &ru) != pid)
		return -1;
	*cpu = ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
	p = strstr(buf, "schedsnoop: ");
	while (p && sscanf(p, "schedsnoop: %lld events, %lld lost", events,
			   lost) != 2)
		p = strstr(p + 1, "schedsnoop: ");
	return p && WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -1;
}

/* Turn the sched events on or off, from an empty buffer; 0 or -errno. */
static int ftrace_set(bool on)
{
	char path[128];
	unsigned int i;
	int ret, fd;

	ret = osedu_write_file(TRACING "/tracing_on", "0");
	if (ret)
		return ret;
	for (i = 0; i < ARRAY_SIZE(ftrace_events); i++) {
		snprintf(path, sizeof(path), TRACING "/events/%s/enable",
			 ftrace_events[i]);
		ret = osedu_write_file(path, on ? "1" : "0");
		if (ret)
			return ret;
	}
	/* Opening "trace" for writing with O_TRUNC empties the buffer. */
	fd = open(TRACING "/trace", O_WRONLY | O_TRUNC);
	if (fd < 0)
		return -errno;
	close(fd);
	return on ? osedu_write_file(TRACING "/tracing_on", "1") : 0;
}

/* Events ftrace overwrote or dropped so far, all CPUs ("overrun:"). */
static long long ftrace_overrun(void)
{
	char path[128], buf[1024];
	long long sum = 0;
	int cpu;

	for (cpu = 0; cpu < sysconf(_SC_NPROCESSORS_CONF); cpu++) {
		snprintf(path, sizeof(path), TRACING "/per_cpu/cpu%d/stats",
			 cpu);
		if (osedu_read_file(path, buf, sizeof(buf)) > 0)
			sum += osedu_kv_num(buf, "overrun", 0) +
			       osedu_kv_num(buf, "dropped events", 0);
	}
	return sum;
}

static volatile sig_atomic_t stop_reading;

static void on_term(int sig)
{
	(void)sig;
	stop_reading = 1;
}

/*
 * (e)'s reader: trace_pipe to /dev/null, on CPU 1, counting the events
 * (lines) it consumed; a read of trace_pipe blocks until there are some.
 * On SIGTERM it writes the count to @count_fd and exits.
 */
static pid_t start_ftrace_reader(int *count_fd)
{
	struct sigaction sa = { .sa_handler = on_term };	/* no SA_RESTART */
	static char buf[65536];
	long long lines = 0;
	int p[2], fd, null;
	ssize_t n;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid) {
		close(p[1]);
		if (pid < 0)
			close(p[0]);
		*count_fd = p[0];
		return pid;
	}
	close(p[0]);
	sigaction(SIGTERM, &sa, NULL);
	osedu_pin(1);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	fd = open(TRACING "/trace_pipe", O_RDONLY);
	null = open("/dev/null", O_WRONLY);
	if (fd < 0 || null < 0)
		_exit(1);
	while (!stop_reading) {
		n = read(fd, buf, sizeof(buf));
		if (n <= 0)
			continue;
		for (char *q = buf; (q = memchr(q, '\n', buf + n - q)); q++)
			lines++;
		if (write(null, buf, n) != n)
			_exit(1);
	}
	_exit(write(p[1], &lines, sizeof(lines)) != sizeof(lines));
}

/* One configuration, set up, measured and torn down. */
static double run(int cfg, long trips, long long *events, long long *lost,
		  double *cpu, double *block)
{
	long long ev0 = 0, drop0 = 0;
	pid_t helper = -1;
	int err_fd = -1;
	double t;
	struct rusage ru = { 0 };

	*events = *lost = 0;
	*cpu = 0;
	switch (cfg) {
	case CFG_A:
		if (unload_module())
			return -1;
		break;
	case CFG_D:
	case CFG_B:
		if (load_module())
			return -1;
		osedu_write_file(CONTROL, "stop");
		osedu_write_file(CONTROL, "clear");
		if (cfg == CFG_D)
			break;
		ev0 = control_value("events");
		drop0 = control_value("dropped");
		if (osedu_write_file(CONTROL, "start"))
			return -1;
		helper = start_reader();
		break;
	case CFG_C:
		/* The module stays out of the way: unloaded, as in (a). */
		if (unload_module())
			return -1;
		helper = start_snoop(&err_fd);
		if (helper < 0)
			return -1;
		break;
	case CFG_E:
		/* Only ftrace: the module unloaded, as in (a). */
		if (unload_module() || ftrace_set(true))
			return -1;
		drop0 = ftrace_overrun();
		helper = start_ftrace_reader(&err_fd);
		if (helper < 0) {
			ftrace_set(false);
			return -1;
		}
		break;
	}
	t = pingpong(trips, block);
	if (cfg == CFG_B) {
		osedu_write_file(CONTROL, "stop");
		kill(helper, SIGKILL);
		*cpu = reap(helper);
		*events = control_value("events") - ev0;
		*lost = control_value("dropped") - drop0;
		osedu_write_file(CONTROL, "clear");
	} else if (cfg == CFG_C) {
		if (stop_snoop(helper, err_fd, events, lost, cpu))
			return -1;
	} else if (cfg == CFG_E) {
		osedu_write_file(TRACING "/tracing_on", "0");
		*lost = ftrace_overrun() - drop0;
		kill(helper, SIGTERM);
		if (read(err_fd, events, sizeof(*events)) != sizeof(*events))
			t = -1;
		close(err_fd);
		if (wait4(helper, NULL, 0, &ru) != helper)
			t = -1;
		*cpu = ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
		       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
		ftrace_set(false);
	}
	return t;
}

int main(int argc, char **argv)
{
	static const int order[NCFG] = { CFG_A, CFG_D, CFG_B, CFG_C, CFG_E };
	long trips = argc > 1 ? atol(argv[1]) : 200000;
	int rounds = argc > 2 ? atoi(argv[2]) : 3;
	double best[NCFG], best_cpu[NCFG] = { 0 }, blk[NCFG], t, cpu, b = 0;
	double per_ev[NCFG];	/* the round with the cheapest reader */
	long long ev[NCFG] = { 0 }, lost[NCFG] = { 0 }, e, l;
	bool loaded = module_loaded();
	int r, i, cfg, ret = 0;

	if (trips < BLOCKS || rounds <= 0 || sysconf(_SC_NPROCESSORS_ONLN) < 2) {
		fprintf(stderr, "usage: sched_bench [ROUND_TRIPS [ROUNDS]] (2 CPUs)\n");
		return 2;
	}
	printf("osedu bench sched: pipe ping-pong, %ld round trips on CPU 0, best of %d\n",
	       trips, rounds);
	for (i = 0; i < NCFG; i++)
		best[i] = blk[i] = per_ev[i] = 1e30;
	for (r = 0; r < rounds; r++) {
		for (i = 0; i < NCFG; i++) {
			/* No configuration always follows the same one. */
			cfg = order[(i + r) % NCFG];
			t = run(cfg, trips, &e, &l, &cpu, &b);
			if (t < 0) {
				printf("%s: cannot run this configuration\n",
				       cfg_names[cfg]);
				ret = 1;
				goto out;
			}
			printf("round %d %-22s %8.3f s  best_slice %8.3f s  events %lld lost %lld recorder_cpu %.3f s\n",
			       r + 1, cfg_names[cfg], t, b, e, l, cpu);
			fflush(stdout);
			if (b < blk[cfg])
				blk[cfg] = b;
			if (t < best[cfg]) {
				best[cfg] = t;
				best_cpu[cfg] = cpu;
			}
			ev[cfg] += e;
			lost[cfg] += l;
			if (e > 0 && cpu * 1e6 / e < per_ev[cfg])
				per_ev[cfg] = cpu * 1e6 / e;
		}
	}
	printf("%-22s %10s %12s %12s %12s %10s\n", "config", "best_s",
	       "us_per_trip", "slice_est_s", "events", "lost");
	for (cfg = 0; cfg < NCFG; cfg++)
		printf("%-22s %10.3f %12.2f %12.3f %12lld %10lld\n",
		       cfg_names[cfg], best[cfg], best[cfg] * 1e6 / trips,
		       blk[cfg], ev[cfg], lost[cfg]);
	printf("b_over_a: %.3f (target <= 1.10)\n", best[CFG_B] / best[CFG_A]);
	printf("b_over_c: %.3f (target <= 1.00)\n", best[CFG_B] / best[CFG_C]);
	printf("b_over_e: %.3f (target <= 1.00)\n", best[CFG_B] / best[CFG_E]);
	printf("d_over_a: %.3f (target <= 1.01)\n", best[CFG_D] / best[CFG_A]);
	/*
	 * The same ratios from the fastest 1/BLOCKS slice of any run: a
	 * burst of load on the host stretches some slices, and the fastest
	 * is the one it spared.
	 */
	printf("slice_b_over_a: %.3f\n", blk[CFG_B] / blk[CFG_A]);
	printf("slice_b_over_c: %.3f\n", blk[CFG_B] / blk[CFG_C]);
	printf("slice_b_over_e: %.3f\n", blk[CFG_B] / blk[CFG_E]);
	printf("slice_d_over_a: %.3f\n", blk[CFG_D] / blk[CFG_A]);
	/*
	 * Under single-threaded TCG the recorder's CPU time on CPU 1 stalls
	 * CPU 0 as well; without it, what is left is roughly the cost on the
	 * traced side (an underestimate: that CPU time is itself inflated
	 * while the other vCPU runs).
	 */
	printf("b_without_reader_over_a: %.3f\n",
	       (best[CFG_B] - best_cpu[CFG_B]) / best[CFG_A]);
	printf("c_without_reader_over_a: %.3f\n",
	       (best[CFG_C] - best_cpu[CFG_C]) / best[CFG_A]);
	printf("e_without_reader_over_a: %.3f\n",
	       (best[CFG_E] - best_cpu[CFG_E]) / best[CFG_A]);
	/*
	 * What each recorder's reader spends per event it delivers, in the
	 * round where that was least (the host's noise only adds).
	 */
	for (cfg = CFG_B; cfg < NCFG; cfg++)
		if (cfg != CFG_D && per_ev[cfg] < 1e30)
			printf("reader_us_per_event %s: %.3f\n", cfg_names[cfg],
			       per_ev[cfg]);
out:
	/* Leave the module as we found it, and ftrace's sched events off. */
	ftrace_set(false);
	if (loaded)
		load_module();
	return ret;
}
