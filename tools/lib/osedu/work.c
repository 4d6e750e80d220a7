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
