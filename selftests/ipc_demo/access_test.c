// SPDX-License-Identifier: GPL-2.0
/*
 * Who may see what, and bad input: an unprivileged reader sees its own
 * objects and waits only (another user's view is EACCES, another user's
 * blocked threads are not listed); a reader in a new pid namespace does
 * not see the waits of processes outside it; nonexistent pids, kernel
 * threads, a process that exits while its file is open, descriptors
 * closed while the view is read, and unloading the module under readers.
 */
#include <sys/eventfd.h>
#include <sys/socket.h>

#include "../kselftest_harness.h"
#include "ipc_util.h"
#include "osedu_ns.h"

/* x86-64 has pause(2); arm64 has none, and glibc's pause() sleeps in ppoll. */
#ifdef SYS_pause
#define PAUSE_NR	SYS_pause
#else
#define PAUSE_NR	SYS_ppoll
#endif

#define WAIT_MS	20000

static void *parked(void *arg)
{
	*(volatile pid_t *)arg = gettid_();
	for (;;)
		pause();
	return NULL;
}

/* A new thread of ours parked in pause(); its tid, or -1. */
static pid_t park_thread(void)
{
	static volatile pid_t tid;
	pthread_t t;

	tid = 0;
	if (pthread_create(&t, NULL, parked, (void *)&tid))
		return -1;
	while (!tid)
		usleep(1000);
	return tid;
}

/* Is @tid a row of ipc/waits as read now? */
static bool listed(pid_t tid)
{
	struct osedu_wait w;

	return ipc_wait_of(tid, &w);
}

static int unprivileged_reader(pid_t root_tid)
{
	char path[64], *v;
	pid_t mine;

	if (osedu_drop_privileges())
		return 10;
	/* A uid change makes a process non-dumpable (suid_dumpable 0). */
	prctl(PR_SET_DUMPABLE, 1);
	/* Our own view: yes. */
	v = ipc_view(0);
	if (!v || !osedu_is_header(v, "ipc"))
		return 11;
	free(v);
	/* Root's process: EACCES, handlers and all. */
	snprintf(path, sizeof(path), IPC_DIR "/%d", getppid());
	if (open(path, O_RDONLY) >= 0 || errno != EACCES)
		return 12;
	snprintf(path, sizeof(path), IPC_DIR "/1");
	if (open(path, O_RDONLY) >= 0 || errno != EACCES)
		return 13;
	/* Root's blocked thread is not listed; our own is. */
	mine = park_thread();
	if (mine <= 0 || ipc_wait_blocked(getpid(), mine, PAUSE_NR,
					  WAIT_MS) < 0)
		return 14;
	if (listed(root_tid))
		return 15;
	if (!listed(mine))
		return 16;
	/* Every row is ours. */
	{
		char *text = osedu_read_all(IPC_WAITS, IPC_MAX, NULL);
		struct osedu_wait w;
		const char *p;

		if (!text)
			return 17;
		osedu_for_each_line(p, text)
			if (osedu_wait_parse(p, strcspn(p, "\n"), &w) &&
			    w.pid != getpid())
				return 18;
		free(text);
	}
	/* SysV objects are listed to anyone, like /proc/sysvipc. */
	v = osedu_read_all(IPC_SYSV, IPC_MAX, NULL);
	if (!v || !osedu_is_header(v, "ipc-sysv"))
		return 19;
	free(v);
	return 0;
}

TEST(unprivileged_reader_sees_only_its_own)
{
	pid_t root_tid, child;
	int st;

	ASSERT_EQ(0, ipc_load());
	root_tid = park_thread();
	ASSERT_LT(0, root_tid);
	ASSERT_LE(0, ipc_wait_blocked(getpid(), root_tid, PAUSE_NR, WAIT_MS));
	ASSERT_TRUE(listed(root_tid));
	child = fork();
	if (child == 0)
		_exit(unprivileged_reader(root_tid));
	ASSERT_EQ(child, waitpid(child, &st, 0));
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st));
}

static int in_pidns(void *arg)
{
	pid_t outside = *(pid_t *)arg;
	char *text = osedu_read_all(IPC_WAITS, IPC_MAX, NULL);
	struct osedu_wait w;
	const char *p;
	int n = 0;

	if (!text)
		return 20;
	osedu_for_each_line(p, text) {
		if (!osedu_wait_parse(p, strcspn(p, "\n"), &w))
			continue;
		n++;
		if (w.tid == outside)
			return 21;
	}
	free(text);
	return 0;
}

TEST(new_pid_namespace_hides_outside_waits)
{
	pid_t tid, inner;

	ASSERT_EQ(0, ipc_load());
	tid = park_thread();
	ASSERT_LE(0, ipc_wait_blocked(getpid(), tid, PAUSE_NR, WAIT_MS));
	ASSERT_TRUE(listed(tid));
	EXPECT_EQ(0, osedu_in_new_pidns(in_pidns, &tid, &inner));
}

TEST(bad_pids_and_kernel_threads)
{
	char buf[4096];

	ASSERT_EQ(0, ipc_load());
	EXPECT_EQ(-ENOENT, osedu_read_file(IPC_DIR "/999999999", buf,
					   sizeof(buf)));
	EXPECT_EQ(-ENOENT, osedu_read_file(IPC_DIR "/-1", buf, sizeof(buf)));
	EXPECT_EQ(-ENOENT, osedu_read_file(IPC_DIR "/abc", buf, sizeof(buf)));
	/* kthreadd: no files of its own worth a block, but a document. */
	EXPECT_LT(0, osedu_read_file(IPC_DIR "/2", buf, sizeof(buf)));
	EXPECT_TRUE(osedu_is_header(buf, "ipc"));
}

TEST(exit_while_open_is_esrch)
{
	char path[64], buf[4096];
	pid_t child;
	int fd;

	ASSERT_EQ(0, ipc_load());
	child = osedu_spawn_sleeper();
	ASSERT_LT(0, child);
	snprintf(path, sizeof(path), IPC_DIR "/%d", child);
	ASSERT_LE(0, osedu_wait_path(path, true, WAIT_MS));
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	osedu_kill_reap(child);
	EXPECT_EQ(-1, read(fd, buf, sizeof(buf)));
	EXPECT_EQ(ESRCH, errno);
	close(fd);
}

static volatile bool stop;

static void *churn(void *arg)
{
	(void)arg;
	while (!stop) {
		int p[2], sv[2], e;

		if (pipe(p) == 0) {
			close(p[0]);
			close(p[1]);
		}
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0) {
			write(sv[0], "x", 1);
			close(sv[1]);
			close(sv[0]);
		}
		e = eventfd(1, 0);
		if (e >= 0)
			close(e);
	}
	return NULL;
}

TEST(fds_closed_while_read)
{
	pthread_t t[2];
	int i, bad = 0, reads = 0;

	ASSERT_EQ(0, ipc_load());
	stop = false;
	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, churn, NULL));
	for (i = 0; i < 300; i++) {
		char *v = ipc_view(0);

		reads++;
		if (!v || !osedu_is_header(v, "ipc"))
			bad++;
		free(v);
	}
	stop = true;
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	TH_LOG("%d reads while descriptors came and went, %d bad", reads,
	       bad);
	EXPECT_EQ(0, bad);
}

static void *reader(void *arg)
{
	int *bad = arg;
	static const char * const paths[] = {
		IPC_DIR "/self", IPC_WAITS, IPC_SYSV,
	};
	unsigned int i = 0;

	while (!stop) {
		char *v = osedu_read_all(paths[i++ % 3], IPC_MAX, NULL);

		if (!v && errno != ENOENT && errno != EIO && errno != ESRCH)
			(*bad)++;
		free(v);
	}
	return NULL;
}

/*
 * A load costs 6.1 arm64 under emulation seconds while readers keep the
 * other CPU busy (each page-table change of the new module's memory
 * waits for it): more than the default 30 s for ten cycles.
 */
FIXTURE(slow) {};
FIXTURE_SETUP(slow) {}
FIXTURE_TEARDOWN(slow) {}

TEST_F_TIMEOUT(slow, unload_under_readers, 300)
{
	int bad[4] = { 0 }, i, cycles;
	pthread_t t[4];

	ASSERT_EQ(0, ipc_load());
	park_thread();
	stop = false;
	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, reader, &bad[i]));
	for (cycles = 0; cycles < 10; cycles++) {
		usleep(50000);
		ASSERT_EQ(0, osedu_unload("osedu_ipc_demo"));
		usleep(20000);
		ASSERT_EQ(0, osedu_load("osedu_ipc_demo"));
	}
	stop = true;
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < 4; i++)
		EXPECT_EQ(0, bad[i]);
	TH_LOG("%d unload/load cycles under 4 readers", cycles);
}

TEST_HARNESS_MAIN
