// SPDX-License-Identifier: GPL-2.0
/*
 * bench/sched: what tracing the scheduler costs the traced. A pipe
 * ping-pong between two processes pinned to CPU 0 (as "perf bench sched
 * pipe"), 200,000 round trips, timed in four configurations:
 *   (a) osedu_sched_viz not loaded
 *   (b) its trace on, all events, a reader on CPU 1 draining it
 *   (c) schedsnoop on, all events, on CPU 1, writing to /dev/null
 *   (d) osedu_sched_viz loaded, trace stopped
 * Each round measures a, d, b, c in turn (rotated from round to round)
 * and the best of the rounds counts, so that noise on the host (other
 * VMs, TCG) hits all four alike; the fastest of BLOCKS equal slices of any
 * run gives a second estimate, less sensitive to bursts of load on the
 * host. Prints the times, the events and drops each recorder saw, the CPU
 * time its reader used (on CPU 1, but under single-threaded TCG both vCPUs
 * share one host thread, so that time is taken from CPU 0 too), and the
 * ratios (b)/(a) (target <= 1.10), (b)/(c) (target <= 1) and (d)/(a)
 * (target <= 1.01). Run as root: it unloads and reloads the module.
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
#define DRAIN_NS	10000000	/* the reader's nap when the trace is empty */
#define BLOCKS		20		/* timed slices of each ping-pong */

enum { CFG_A, CFG_B, CFG_C, CFG_D, NCFG };

static const char * const cfg_names[NCFG] = {
	"(a) not loaded", "(b) osedu trace on", "(c) schedsnoop on",
	"(d) loaded, stopped",
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
	struct rusage ru;

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
	struct rusage ru;
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

/* One configuration, set up, measured and torn down. */
static double run(int cfg, long trips, long long *events, long long *lost,
		  double *cpu, double *block)
{
	long long ev0 = 0, drop0 = 0;
	pid_t helper = -1;
	int err_fd = -1;
	double t;

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
	}
	return t;
}

int main(int argc, char **argv)
{
	static const int order[NCFG] = { CFG_A, CFG_D, CFG_B, CFG_C };
	long trips = argc > 1 ? atol(argv[1]) : 200000;
	int rounds = argc > 2 ? atoi(argv[2]) : 3;
	double best[NCFG], best_cpu[NCFG] = { 0 }, blk[NCFG], t, cpu, b;
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
		best[i] = blk[i] = 1e30;
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
	printf("d_over_a: %.3f (target <= 1.01)\n", best[CFG_D] / best[CFG_A]);
	/*
	 * The same ratios from the fastest 1/BLOCKS slice of any run: a
	 * burst of load on the host stretches some slices, and the fastest
	 * is the one it spared.
	 */
	printf("slice_b_over_a: %.3f\n", blk[CFG_B] / blk[CFG_A]);
	printf("slice_b_over_c: %.3f\n", blk[CFG_B] / blk[CFG_C]);
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
out:
	/* Leave the module as we found it. */
	if (loaded)
		load_module();
	return ret;
}
