/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the namespace tests share: run a function as pid 1 of a new pid
 * namespace, drop one capability, keep a CPU busy.
 */
#ifndef OSEDU_NS_H
#define OSEDU_NS_H

#include <linux/capability.h>
#include <sched.h>

#include "osedu_test.h"

/* Drop @cap from the effective and permitted sets; 0 or -errno. */
static inline int osedu_drop_cap(int cap)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return -errno;
	d[cap / 32].effective &= ~(1u << (cap % 32));
	d[cap / 32].permitted &= ~(1u << (cap % 32));
	d[cap / 32].inheritable &= ~(1u << (cap % 32));
	return syscall(SYS_capset, &h, d) ? -errno : 0;
}

/*
 * Run @fn(@arg) as pid 1 of a new pid namespace, its output to @out_fd;
 * @fn's return value (0..255), or -1. Only the pid namespace is new: the
 * process still uses the host's /proc mount, as a careless container
 * would.
 */
static inline int osedu_in_new_pidns(int (*fn)(void *), void *arg,
				     pid_t *inner_host_pid)
{
	int st, sync[2];
	pid_t outer;

	if (pipe(sync))
		return -1;
	outer = fork();
	if (outer < 0)
		return -1;
	if (outer == 0) {
		pid_t inner;

		close(sync[0]);
		if (unshare(CLONE_NEWPID))
			_exit(250);
		inner = fork();
		if (inner < 0)
			_exit(251);
		if (inner == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			_exit(getpid() == 1 ? fn(arg) : 252);
		}
		/* The outer process is in the parent namespace: host pid. */
		if (write(sync[1], &inner, sizeof(inner)) != sizeof(inner))
			_exit(253);
		if (waitpid(inner, &st, 0) != inner || !WIFEXITED(st))
			_exit(254);
		_exit(WEXITSTATUS(st));
	}
	close(sync[1]);
	if (read(sync[0], inner_host_pid, sizeof(*inner_host_pid)) !=
	    sizeof(*inner_host_pid))
		*inner_host_pid = -1;
	close(sync[0]);
	if (waitpid(outer, &st, 0) != outer || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* A child that spins on a CPU until killed. */
static inline pid_t osedu_spawn_spinner(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		for (;;)
			;
	}
	return pid;
}

#endif /* OSEDU_NS_H */
