// SPDX-License-Identifier: GPL-2.0
/*
 * A read that stalls must not stall core. A reader copying out into a
 * userfaultfd-registered buffer stays inside procfs' read until the fault
 * is resolved; proc_remove() of that entry waits for it. If core removed
 * entries under its registry lock, every reader of /proc/osedu/version
 * (and the tracking worker, and rmmod) would wait as long. Oracle: the
 * version file answers within a second while the stalled read is held.
 */
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"

#define VIEW		"/proc/osedu/coretest"
#define PAGE		4096

struct stalled {
	int fd;
	char *buf;
	ssize_t ret;
};

static void *stalled_read(void *arg)
{
	struct stalled *s = arg;

	s->ret = read(s->fd, s->buf, PAGE);
	return NULL;
}

/* Read the version file in a child; its time in ms, or -1 past @limit_ms. */
static long version_read_ms(int limit_ms)
{
	long long start = osedu_now_us();
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		char buf[4096];

		_exit(osedu_read_file("/proc/osedu/version", buf,
				      sizeof(buf)) > 0 ? 0 : 1);
	}
	while ((osedu_now_us() - start) / 1000 < limit_ms) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return WIFEXITED(status) && !WEXITSTATUS(status) ?
			       (osedu_now_us() - start) / 1000 : -2;
		usleep(1000);
	}
	/* Stuck: a killable wait lets it go; an uninterruptible one not. */
	kill(pid, SIGKILL);
	return -1;
}

TEST(version_answers_while_a_removed_entry_read_stalls)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = { 0 };
	struct uffdio_zeropage zero = { 0 };
	struct stalled s = { 0 };
	struct pollfd pfd;
	char path[64], last[32];
	pid_t old, pid = -1;
	pthread_t th;
	long ms;
	int uffd, i;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_test_view"));
	uffd = syscall(SYS_userfaultfd, O_CLOEXEC);
	if (uffd < 0)
		SKIP(return, "no userfaultfd: %s", strerror(errno));
	ASSERT_EQ(0, ioctl(uffd, UFFDIO_API, &api));
	s.buf = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, s.buf);
	reg.range.start = (unsigned long)s.buf;
	reg.range.len = PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	ASSERT_EQ(0, ioctl(uffd, UFFDIO_REGISTER, &reg));

	old = osedu_spawn_sleeper();
	ASSERT_LT(0, old);
	snprintf(path, sizeof(path), VIEW "/%d", old);
	ASSERT_LE(0, osedu_wait_path(path, true, 2000));
	s.fd = open(path, O_RDONLY);
	ASSERT_LE(0, s.fd);

	/* The read stalls copying out to the missing page. */
	ASSERT_EQ(0, pthread_create(&th, NULL, stalled_read, &s));
	pfd.fd = uffd;
	pfd.events = POLLIN;
	ASSERT_EQ(1, poll(&pfd, 1, 5000));

	/* Reuse the number: core must remove the entry the read is in. */
	osedu_kill_reap(old);
	for (i = 0; i < 20 && pid != old; i++) {
		if (pid > 0)
			osedu_kill_reap(pid);
		snprintf(last, sizeof(last), "%d", old - 1);
		ASSERT_EQ(0, osedu_write_file("/proc/sys/kernel/ns_last_pid",
					      last));
		pid = osedu_spawn_sleeper();
		ASSERT_LT(0, pid);
	}
	ASSERT_EQ(old, pid);
	/* Let the tracking worker reach the removal. */
	usleep(500000);

	ms = version_read_ms(2000);
	TH_LOG("version read while the stalled read is held: %ld ms", ms);
	EXPECT_LE(0, ms);

	/* Resolve the fault: the read ends, the entry goes, all moves on. */
	zero.range.start = (unsigned long)s.buf;
	zero.range.len = PAGE;
	ASSERT_EQ(0, ioctl(uffd, UFFDIO_ZEROPAGE, &zero));
	ASSERT_EQ(0, pthread_join(th, NULL));
	TH_LOG("stalled read returned %zd", s.ret);
	close(s.fd);
	EXPECT_LE(0, version_read_ms(5000));
	osedu_kill_reap(pid);
	close(uffd);
}

TEST_HARNESS_MAIN
