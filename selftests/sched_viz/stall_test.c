// SPDX-License-Identifier: GPL-2.0
/*
 * A trace reader that stalls copying out must not stall the trace. The
 * reader's buffer is a userfaultfd-registered page, so its read stays in
 * the kernel until the test resolves the fault. Oracle: "clear" written
 * to the control file completes within two seconds meanwhile.
 */
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"

#define TRACE		"/proc/osedu/sched/trace"
#define CONTROL		"/proc/osedu/sched/control"
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

/* Write @cmd to the control file in a child; ms taken, or -1 past @limit_ms. */
static long control_ms(const char *cmd, int limit_ms)
{
	long long start = osedu_now_us();
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(osedu_write_file(CONTROL, cmd) ? 1 : 0);
	while ((osedu_now_us() - start) / 1000 < limit_ms) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return WIFEXITED(status) && !WEXITSTATUS(status) ?
			       (osedu_now_us() - start) / 1000 : -2;
		usleep(1000);
	}
	kill(pid, SIGKILL);
	return -1;
}

TEST(clear_while_a_reader_stalls)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = { 0 };
	struct uffdio_zeropage zero = { 0 };
	struct stalled s = { 0 };
	struct pollfd pfd;
	pthread_t th;
	long ms;
	int uffd;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_sched_viz"));
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

	s.fd = open(TRACE, O_RDONLY);
	ASSERT_LE(0, s.fd);
	/* The first read copies out the header line and stalls on it. */
	ASSERT_EQ(0, pthread_create(&th, NULL, stalled_read, &s));
	pfd.fd = uffd;
	pfd.events = POLLIN;
	ASSERT_EQ(1, poll(&pfd, 1, 5000));

	ms = control_ms("clear", 2000);
	TH_LOG("clear while a reader stalls: %ld ms", ms);
	EXPECT_LE(0, ms);

	zero.range.start = (unsigned long)s.buf;
	zero.range.len = PAGE;
	ASSERT_EQ(0, ioctl(uffd, UFFDIO_ZEROPAGE, &zero));
	ASSERT_EQ(0, pthread_join(th, NULL));
	TH_LOG("the stalled read returned %zd: %.24s", s.ret, s.buf);
	EXPECT_LT(0, s.ret);
	EXPECT_EQ(0, strncmp(s.buf, "osedu sched-trace ", 18));
	close(s.fd);
	EXPECT_LE(0, control_ms("clear", 5000));
	close(uffd);
}

TEST_HARNESS_MAIN
