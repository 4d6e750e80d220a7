// SPDX-License-Identifier: GPL-2.0
/*
 * The sched view across exec: the file an unprivileged owner opened on a
 * process stops working once that process execs a setuid program (its
 * registers and wait channel are no longer the owner's to see), as
 * /proc/<pid>/stack and syscall stop. Oracle: the euid the exec'd image
 * reports itself.
 */
#include "../kselftest_harness.h"
#include "osedu_test.h"
#include "osedu_exec.h"

#define SUID_PROG	"/tmp/osedu-sched-suid"
#define BUFSZ		16384

TEST(held_fd_after_setuid_exec)
{
	struct osedu_target t = { 0 };
	char path[64], buf[BUFSZ], v[64];
	ssize_t n;
	long rd;
	int fd, euid;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_sched_viz"));
	ASSERT_EQ(0, osedu_copy_self(SUID_PROG, 04755));
	ASSERT_EQ(0, osedu_target_spawn(&t, SUID_PROG, 0, NULL, true));
	snprintf(path, sizeof(path), "/proc/osedu/sched/%d", t.pid);
	ASSERT_LE(0, osedu_wait_path(path, true, 2000));
	fd = osedu_open_unpriv(path, O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_LT(0, osedu_read_fd(fd, buf, sizeof(buf)));
	ASSERT_TRUE(osedu_kv(buf, "user_ip", v, sizeof(v)));

	ASSERT_EQ(0, osedu_target_exec(&t));
	euid = osedu_target_report(&t, &rd);
	n = osedu_read_fd(fd, buf, sizeof(buf));
	if (n > 0 && osedu_kv(buf, "user_ip", v, sizeof(v)))
		TH_LOG("after the exec the owner's file shows user_ip: %s", v);
	close(fd);
	osedu_target_end(&t);
	if (euid != 0)
		SKIP(return, "the guest's /tmp ignores the setuid bit");
	EXPECT_EQ(-EACCES, n);
}

OSEDU_HOLD_MAIN
