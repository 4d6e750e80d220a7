// SPDX-License-Identifier: GPL-2.0
/*
 * visualize sched live: start the module's trace, run the command, drain
 * the trace while it runs (the per-CPU buffers are fixed and drop what
 * nobody reads in time), snapshot the command's PCB, stop.
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

/* ---- live tracing ------------------------------------------------------- */

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

int control(const struct viz *v, const char *cmd)
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
int live(const struct viz *v, char **cmd, double secs,
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
