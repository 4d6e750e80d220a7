// SPDX-License-Identifier: GPL-2.0
/*
 * The signals of /proc/osedu/ipc/<pid> against /proc/<pid>/status
 * (SigPnd per thread, ShdPnd, SigBlk, SigIgn, SigCgt), the handler the
 * test installed, and the senders of queued signals the test sent.
 */
#include <sys/socket.h>

#include "../kselftest_harness.h"
#include "ipc_util.h"

static void handler(int sig)
{
	(void)sig;
}

/* A "Key:\t%016llx" line of /proc/<pid>/task/<tid>/status. */
static unsigned long long status_mask(pid_t pid, pid_t tid, const char *key)
{
	char path[96], *text;
	unsigned long long v = ~0ULL;
	char val[32];

	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", pid, tid);
	text = osedu_read_all(path, 1 << 16, NULL);
	if (text && osedu_kv(text, key, val, sizeof(val)))
		v = strtoull(val, NULL, 16);
	free(text);
	return v;
}

static int child_main(int go_fd)
{
	sigset_t set;
	char c;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGRTMIN + 1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGTERM, handler);
	signal(SIGHUP, SIG_IGN);
	write(go_fd, "r", 1);
	read(go_fd, &c, 1);
	return 0;
}

TEST(masks_against_proc_status)
{
	char *view, *tb, val[64], want[64], hv[64];
	union sigval sv = { .sival_int = 42 };
	int sp[2];
	pid_t pid;
	char c;

	ASSERT_EQ(0, ipc_load());
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sp));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		_exit(child_main(sp[1]));
	}
	ASSERT_EQ(1, read(sp[0], &c, 1));
	/* Shared: kill(); private: tgkill(); queued with a value: two. */
	ASSERT_EQ(0, kill(pid, SIGUSR1));
	ASSERT_EQ(0, syscall(SYS_tgkill, pid, pid, SIGUSR2));
	ASSERT_EQ(0, sigqueue(pid, SIGRTMIN + 1, sv));
	ASSERT_EQ(0, sigqueue(pid, SIGRTMIN + 1, sv));
	usleep(10000);

	view = ipc_view(pid);
	ASSERT_NE(NULL, view);
	snprintf(want, sizeof(want), "0x%016llx",
		 status_mask(pid, pid, "ShdPnd"));
	EXPECT_TRUE(osedu_kv(view, "sig_shared_pending", val, sizeof(val)));
	EXPECT_STREQ(want, val);
	snprintf(want, sizeof(want), "0x%016llx",
		 status_mask(pid, pid, "SigIgn"));
	EXPECT_TRUE(osedu_kv(view, "sig_ignored", val, sizeof(val)));
	EXPECT_STREQ(want, val);
	snprintf(want, sizeof(want), "0x%016llx",
		 status_mask(pid, pid, "SigCgt"));
	EXPECT_TRUE(osedu_kv(view, "sig_caught", val, sizeof(val)));
	EXPECT_STREQ(want, val);
	/* The handler the child installed (same image: same address). */
	snprintf(want, sizeof(want), "%d 0x%lx", SIGTERM,
		 (unsigned long)handler);
	EXPECT_TRUE(osedu_kv(view, "handler", hv, sizeof(hv)));
	EXPECT_EQ(0, strncmp(want, hv, strlen(want))) TH_LOG("%s", hv);
	/* Two siginfos queued on the process, sent by us, one for kill(). */
	snprintf(want, sizeof(want), "%d %d %d", SIGRTMIN + 1, SI_QUEUE,
		 getpid());
	EXPECT_NE(NULL, strstr(view, want)) TH_LOG("%s", view);
	EXPECT_EQ(3, osedu_kv_ll(view, "shared_queued_count"));

	snprintf(val, sizeof(val), "%d", pid);
	tb = osedu_ipc_block(view, "thread", val);
	ASSERT_NE(NULL, tb);
	snprintf(want, sizeof(want), "0x%016llx",
		 status_mask(pid, pid, "SigPnd"));
	EXPECT_TRUE(osedu_kv(tb, "sig_pending", val, sizeof(val)));
	EXPECT_STREQ(want, val);
	EXPECT_EQ(1ULL << (SIGUSR2 - 1), strtoull(val, NULL, 16));
	snprintf(want, sizeof(want), "0x%016llx",
		 status_mask(pid, pid, "SigBlk"));
	EXPECT_TRUE(osedu_kv(tb, "sig_blocked", val, sizeof(val)));
	EXPECT_STREQ(want, val);
	snprintf(want, sizeof(want), "%d %d %d", SIGUSR2, SI_TKILL, getpid());
	EXPECT_NE(NULL, strstr(tb, want)) TH_LOG("%s", tb);
	free(tb);
	free(view);
	osedu_kill_reap(pid);
	close(sp[0]);
	close(sp[1]);
}

static void *sleeper(void *arg)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	*(volatile pid_t *)arg = gettid_();
	pause();
	return NULL;
}

TEST(every_thread_has_a_block)
{
	pthread_t t[4];
	pid_t tids[4] = { 0 };
	char *view, *tb, val[32];
	int i;

	ASSERT_EQ(0, ipc_load());
	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, sleeper, &tids[i]));
	for (i = 0; i < 4; i++)
		while (!*(volatile pid_t *)&tids[i])
			usleep(1000);
	ASSERT_EQ(0, syscall(SYS_tgkill, getpid(), tids[2], SIGUSR1));
	view = ipc_view(0);
	ASSERT_NE(NULL, view);
	EXPECT_EQ(5, (int)osedu_ipc_count(view, "thread"));
	for (i = 0; i < 4; i++) {
		snprintf(val, sizeof(val), "%d", tids[i]);
		tb = osedu_ipc_block(view, "thread", val);
		ASSERT_NE(NULL, tb);
		EXPECT_EQ(status_mask(getpid(), tids[i], "SigPnd"),
			  osedu_kv_ull(tb, "sig_pending"));
		EXPECT_EQ(status_mask(getpid(), tids[i], "SigBlk"),
			  osedu_kv_ull(tb, "sig_blocked"));
		free(tb);
	}
	free(view);
	for (i = 0; i < 4; i++)
		pthread_cancel(t[i]);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
}

TEST_HARNESS_MAIN
