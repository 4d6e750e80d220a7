// SPDX-License-Identifier: GPL-2.0
/*
 * bench/ipc: /proc/osedu/ipc/waits against the user-space way of learning
 * the same (for every thread: /proc/<pid>/task/<tid>/syscall, wchan, and
 * the fd link its first argument names), with 1,000 and 10,000 threads
 * blocked reading a pipe; and /proc/osedu/ipc/<pid> with 1,000 and 10,000
 * open descriptors. Prints ratios measured in one run:
 *   user/waits     user-space time over ipc/waits time, target >= 10
 *   10k/1k waits   ipc/waits time at 10,000 threads over 1,000, ~10 (linear)
 *   10k/1k fds     ipc/<pid> time at 10,000 fds over 1,000, ~10 (linear)
 * and the reader's peak RSS, which must not grow with the count beyond
 * the text itself. Run as root.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <osedu/osedu.h>

#define WAITS	"/proc/osedu/ipc/waits"
#define REPS	3

static int rd;		/* the pipe every thread of the child reads */

static double now(void)
{
	return osedu_now_ns() / 1e9;
}

static void *reader(void *arg)
{
	char c;

	(void)arg;
	read(rd, &c, 1);
	return NULL;
}

/* A child with @n threads blocked in read(2) on one pipe; its pid. */
static pid_t blocked_threads(int n, int ready)
{
	pid_t pid = fork();

	if (pid == 0) {
		pthread_attr_t at;
		int p[2];
		pthread_t t;

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (pipe(p))
			_exit(1);
		rd = p[0];
		pthread_attr_init(&at);
		pthread_attr_setstacksize(&at, 32 << 10);
		for (int i = 0; i < n; i++)
			if (pthread_create(&t, &at, reader, NULL))
				_exit(2);
		osedu_write_byte(ready);
		for (;;)
			pause();
	}
	return pid;
}

/* Rows of ipc/waits of @pid, and the time of one whole read. */
static int read_waits(pid_t pid, double *secs)
{
	struct osedu_wait *w;
	size_t n;
	double t0 = now();
	char *text = osedu_read_all(WAITS, OSEDU_DOC_MAX, NULL);
	int rows = 0;

	*secs = now() - t0;
	if (!text || osedu_waits_parse(text, &w, &n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (w[i].pid == pid && !strcmp(w[i].kind, "pipe"))
			rows++;
	free(w);
	free(text);
	return rows;
}

/* The same facts the user-space way; how many threads were in read(2). */
static int read_proc(pid_t pid, double *secs)
{
	char path[96], buf[512], link[128];
	double t0 = now();
	struct dirent *e;
	int rows = 0;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	d = opendir(path);
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		int tid = atoi(e->d_name);
		unsigned long fd;
		long nr;
		ssize_t n;

		if (tid <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", pid,
			 tid);
		if (osedu_read_file(path, buf, sizeof(buf)) <= 0 ||
		    sscanf(buf, "%ld %lx", &nr, &fd) != 2)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%d/wchan", pid,
			 tid);
		osedu_read_file(path, buf, sizeof(buf));
		snprintf(path, sizeof(path), "/proc/%d/fd/%lu", pid, fd);
		n = readlink(path, link, sizeof(link) - 1);
		if (n > 0 && nr == SYS_read && !strncmp(link, "pipe:", 5))
			rows++;
	}
	closedir(d);
	*secs = now() - t0;
	return rows;
}

static long max_rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* Best of REPS reads of ipc/waits with @n blocked threads. */
static int bench_waits(int n, double *waits, double *user)
{
	int ready[2], rows = -1, urows = -1;
	pid_t pid;

	if (pipe(ready))
		return -1;
	pid = blocked_threads(n, ready[1]);
	if (pid < 0)
		return -1;
	osedu_read_byte(ready[0]);
	/* Every thread reaches read(2): wait until all rows are there. */
	for (int i = 0; i < 600 && rows < n; i++) {
		rows = read_waits(pid, waits);
		if (rows < n)
			usleep(100000);
	}
	*waits = 1e9;
	*user = 1e9;
	for (int r = 0; r < REPS; r++) {
		double t;

		rows = read_waits(pid, &t);
		if (t < *waits)
			*waits = t;
		urows = read_proc(pid, &t);
		if (t < *user)
			*user = t;
	}
	printf("%6d threads: ipc/waits %.4f s (%d rows), /proc per thread %.4f s (%d threads), ratio %.1f, reader max RSS %ld kB\n",
	       n, *waits, rows, *user, urows, *user / *waits, max_rss_kb());
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(ready[0]);
	close(ready[1]);
	return rows == n && urows == n ? 0 : -1;
}

static double bench_fds(int n)
{
	struct rlimit rl = { n + 64, n + 64 };
	double best = 1e9;
	int *fds = calloc(n, sizeof(int));

	if (!fds || setrlimit(RLIMIT_NOFILE, &rl))
		return -1;
	for (int i = 0; i + 1 < n; i += 2) {
		int p[2];

		if (pipe(p))
			return -1;
		fds[i] = p[0];
		fds[i + 1] = p[1];
	}
	for (int r = 0; r < REPS; r++) {
		double t0 = now();
		size_t len = 0;
		char *text = osedu_read_all("/proc/osedu/ipc/self",
					    OSEDU_DOC_MAX, &len);
		double t = now() - t0;

		if (!text || osedu_ipc_count(text, "fd") < (size_t)n)
			return -1;
		free(text);
		if (t < best)
			best = t;
	}
	printf("%6d fds: ipc/self %.4f s, reader max RSS %ld kB\n", n, best,
	       max_rss_kb());
	for (int i = 0; i < n; i++)
		close(fds[i]);
	free(fds);
	return best;
}

int main(void)
{
	double w1, u1, w10, u10, f1, f10;
	int rc = 0;

	if (osedu_load("osedu_core") || osedu_load("osedu_ipc_demo")) {
		fprintf(stderr, "ipc_bench: cannot load osedu_ipc_demo\n");
		return 1;
	}
	if (bench_waits(1000, &w1, &u1) || bench_waits(10000, &w10, &u10)) {
		fprintf(stderr, "ipc_bench: a count did not match\n");
		rc = 1;
	}
	f1 = bench_fds(1000);
	f10 = bench_fds(10000);
	if (f1 <= 0 || f10 <= 0) {
		fprintf(stderr, "ipc_bench: the fd view failed\n");
		return 1;
	}
	printf("user/waits at 10,000 threads: %.1f (target >= 10)\n",
	       u10 / w10);
	printf("10k/1k waits: %.1f (linear: about 10)\n", w10 / w1);
	printf("10k/1k fds: %.1f (linear: about 10)\n", f10 / f1);
	if (u10 / w10 < 10) {
		printf("FAIL: ipc/waits is less than 10 times faster\n");
		rc = 1;
	}
	return rc;
}
