// SPDX-License-Identifier: GPL-2.0
/*
 * What the labs' workloads and the benchmarks need around them: clocks,
 * busy loops, CPU pinning, one-byte ping-pongs, reaping, and loading the
 * modules the way the VM installs them (/lib/modules/osedu).
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "osedu.h"


static long long clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

long long osedu_now_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

long long osedu_cpu_ns(void)
{
	return clock_ns(CLOCK_THREAD_CPUTIME_ID);
}

void osedu_spin_wall_us(long us)
{
	long long end = osedu_now_ns() + us * 1000LL;

	while (osedu_now_ns() < end)
		;
}

void osedu_spin_cpu_ms(long ms)
{
	long long end = osedu_cpu_ns() + ms * 1000000LL;

	while (osedu_cpu_ns() < end)
		;
}

int osedu_pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

int osedu_worker_cpu(void)
{
	return sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 1 : 0;
}

void osedu_read_byte(int fd)
{
	char c;

	while (read(fd, &c, 1) < 0 && errno == EINTR)
		;
}

void osedu_write_byte(int fd)
{
	while (write(fd, "x", 1) < 0 && errno == EINTR)
		;
}

int osedu_reap(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The state letter of /proc/<pid>/task/<tid>/stat, or 0. */
static char task_state(pid_t pid, pid_t tid)
{
	char path[96], buf[1024], *p;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, tid);
	if (osedu_read_file(path, buf, sizeof(buf)) <= 0)
		return 0;
	/* comm may hold ") ": the state follows the last one. */
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

/*
 * A task that is going to sleep sets its state before schedule() takes it
 * off its CPU, and /proc prints that letter at once: until the switch its
 * wchan is 0 and its saved context is stale (a spinner sharing the CPU
 * can stretch that gap to milliseconds under emulation). /proc's syscall
 * file waits for the task to be off its CPU in the state it saw, and says
 * "running" when it is not; so: the state, then syscall, then the state
 * again. Without the right to read syscall (ptrace access), the state
 * alone has to do.
 */
bool osedu_task_asleep(pid_t pid, pid_t tid, char state)
{
	char path[96], buf[256];
	ssize_t n;

	if (task_state(pid, tid) != state)
		return false;
	snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", pid, tid);
	n = osedu_read_file(path, buf, sizeof(buf));
	if (n > 0 && !strncmp(buf, "running", 7))
		return false;
	if (n <= 0 && n != -EACCES && n != -EPERM)
		return false;
	return task_state(pid, tid) == state;
}

bool osedu_wait_asleep(pid_t pid, pid_t tid, char state, int timeout_ms)
{
	long long end = osedu_now_ns() + timeout_ms * 1000000LL;

	do {
		if (osedu_task_asleep(pid, tid, state))
			return true;
		usleep(1000);
	} while (osedu_now_ns() < end);
	return false;
}

int osedu_load(const char *name)
{
	const char *dirs[] = { OSEDU_MODDIR, OSEDU_TEST_MODDIR };
	char path[256];
	unsigned int i;
	int fd = -1, ret;

	for (i = 0; i < ARRAY_SIZE(dirs) && fd < 0; i++) {
		snprintf(path, sizeof(path), "%s/%.64s.ko", dirs[i], name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0)
		return -ENOENT;
	ret = syscall(SYS_finit_module, fd, "", 0) ? -errno : 0;
	close(fd);
	return ret == -EEXIST ? 0 : ret;
}

int osedu_unload(const char *name)
{
	if (syscall(SYS_delete_module, name, O_NONBLOCK))
		return errno == ENOENT ? 0 : -errno;
	return 0;
}

bool osedu_module_loaded(const char *name)
{
	char *buf = osedu_read_all("/proc/modules", OSEDU_DOC_MAX, NULL);
	const char *p;
	size_t n = strlen(name);
	bool found = false;

	if (!buf)
		return false;
	/* /proc/modules: one module a line, its name first. */
	osedu_for_each_line(p, buf)
		if (!strncmp(p, name, n) && p[n] == ' ')
			found = true;
	free(buf);
	return found;
}
