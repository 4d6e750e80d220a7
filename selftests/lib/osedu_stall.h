/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A read that stays inside the kernel until the test lets it go: its
 * buffer is a missing page registered with userfaultfd, so the copy out
 * faults and waits there (as a read into a FUSE or userfaultfd buffer of
 * a real program can). Tests use it to show that a stalled reader holds
 * nothing that another reader, a control write or rmmod needs.
 */
#ifndef OSEDU_STALL_H
#define OSEDU_STALL_H

#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "osedu_test.h"

#define OSEDU_STALL_LEN	4096

struct osedu_stall {
	int uffd;
	int fd;
	char *buf;
	ssize_t ret;		/* the read's result, after release */
	pthread_t th;
};

static void *osedu_stall_reader(void *arg)
{
	struct osedu_stall *s = arg;

	s->ret = read(s->fd, s->buf, OSEDU_STALL_LEN);
	return NULL;
}

/*
 * Start a read of @fd into the missing page; 0 once it is stalled there,
 * -ENOSYS without userfaultfd, another -errno on failure (-EBADF for a
 * failed open passed as @fd).
 */
static inline int osedu_stall_start(struct osedu_stall *s, int fd)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = { 0 };
	struct pollfd pfd;

	s->fd = fd;
	if (fd < 0)
		return -EBADF;
	s->uffd = syscall(SYS_userfaultfd, O_CLOEXEC);
	if (s->uffd < 0)
		return -ENOSYS;
	if (ioctl(s->uffd, UFFDIO_API, &api))
		return -errno;
	s->buf = mmap(NULL, OSEDU_STALL_LEN, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (s->buf == MAP_FAILED)
		return -errno;
	reg.range.start = (unsigned long)s->buf;
	reg.range.len = OSEDU_STALL_LEN;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	if (ioctl(s->uffd, UFFDIO_REGISTER, &reg))
		return -errno;
	if (pthread_create(&s->th, NULL, osedu_stall_reader, s))
		return -EAGAIN;
	pfd.fd = s->uffd;
	pfd.events = POLLIN;
	return poll(&pfd, 1, 5000) == 1 ? 0 : -ETIMEDOUT;
}

/* Resolve the fault: the read completes, its result in @s->ret. */
static inline int osedu_stall_release(struct osedu_stall *s)
{
	struct uffdio_zeropage zero = { 0 };

	zero.range.start = (unsigned long)s->buf;
	zero.range.len = OSEDU_STALL_LEN;
	if (ioctl(s->uffd, UFFDIO_ZEROPAGE, &zero))
		return -errno;
	pthread_join(s->th, NULL);
	close(s->uffd);
	return 0;
}

/*
 * Run @fn(@arg) in a child: the milliseconds it took, -2 if it failed
 * (non-zero), or -1 if it was still running after @limit_ms; it is then
 * killed, which a killable wait in the kernel lets happen.
 */
static inline long osedu_child_ms(int (*fn)(const char *), const char *arg,
				  int limit_ms)
{
	long long start = osedu_now_us();
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn(arg) ? 1 : 0);
	while ((osedu_now_us() - start) / 1000 < limit_ms) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return WIFEXITED(status) && !WEXITSTATUS(status) ?
			       (osedu_now_us() - start) / 1000 : -2;
		usleep(1000);
	}
	kill(pid, SIGKILL);
	return -1;
}

#endif /* OSEDU_STALL_H */
