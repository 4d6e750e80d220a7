// SPDX-License-Identifier: GPL-2.0
/*
 * A read that stalls must not stall core. A reader copying out into a
 * userfaultfd-registered buffer stays inside procfs' read until the fault
 * is resolved; proc_remove() of that entry waits for it. If core removed
 * entries under its registry lock, every reader of /proc/osedu/version
 * (and the tracking worker, and rmmod) would wait as long. Oracle: the
 * version file answers within a second while the stalled read is held.
 */
#include "../kselftest_harness.h"
#include "osedu_stall.h"

#define VIEW		"/proc/osedu/coretest"

static int read_version(const char *path)
{
	char buf[4096];

	return osedu_read_file(path, buf, sizeof(buf)) > 0 ? 0 : 1;
}

TEST(version_answers_while_a_removed_entry_read_stalls)
{
	struct osedu_stall s = { 0 };
	char path[64];
	pid_t old, pid = -1;
	long ms;
	int ret;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_test_view"));

	old = osedu_spawn_sleeper();
	ASSERT_LT(0, old);
	snprintf(path, sizeof(path), VIEW "/%d", old);
	ASSERT_LE(0, osedu_wait_path(path, true, 2000));
	/* The read stalls copying out to the missing page. */
	ret = osedu_stall_start(&s, open(path, O_RDONLY));
	if (ret == -ENOSYS)
		SKIP(return, "no userfaultfd");
	ASSERT_EQ(0, ret);

	/* Reuse the number: core must remove the entry the read is in. */
	osedu_kill_reap(old);
	pid = osedu_spawn_sleeper_at(old);
	ASSERT_EQ(old, pid);
	/* Let the tracking worker reach the removal. */
	usleep(500000);

	ms = osedu_child_ms(read_version, "/proc/osedu/version", 2000);
	TH_LOG("version read while the stalled read is held: %ld ms", ms);
	EXPECT_LE(0, ms);

	/* Resolve the fault: the read ends, the entry goes, all moves on. */
	ASSERT_EQ(0, osedu_stall_release(&s));
	TH_LOG("stalled read returned %zd", s.ret);
	close(s.fd);
	EXPECT_LE(0, osedu_child_ms(read_version, "/proc/osedu/version", 5000));
	osedu_kill_reap(pid);
}

TEST_HARNESS_MAIN
