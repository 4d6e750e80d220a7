// SPDX-License-Identifier: GPL-2.0
/*
 * Under lockdown in confidentiality mode an admin's opens are redacted,
 * and they must not each log the kernel's "is restricted" notice. Raising
 * lockdown cannot be undone, so this runs only when asked for
 * (OSEDU_LOCKDOWN_TEST=1), as the last test of a VM boot. Oracle: the
 * kernel log, read from /dev/kmsg, and the redacted fields.
 */
#include <sys/mount.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"

#define LOCKDOWN	"/sys/kernel/security/lockdown"

/* Log lines mentioning "is restricted" from now on, read until quiet. */
static int restricted_lines(int kmsg)
{
	char rec[2048];
	int n = 0;
	ssize_t r;

	while ((r = read(kmsg, rec, sizeof(rec) - 1)) > 0) {
		rec[r] = '\0';
		if (strstr(rec, "is restricted"))
			n++;
	}
	return n;
}

TEST(admin_opens_under_lockdown_log_once)
{
	char buf[4096];
	int kmsg, i, lines;

	if (!getenv("OSEDU_LOCKDOWN_TEST"))
		SKIP(return, "raises lockdown for good: set OSEDU_LOCKDOWN_TEST=1");
	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_test_view"));
	mount("securityfs", "/sys/kernel/security", "securityfs", 0, NULL);
	if (access(LOCKDOWN, W_OK))
		SKIP(return, "no lockdown LSM");
	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, kmsg);
	lseek(kmsg, 0, SEEK_END);
	ASSERT_EQ(0, osedu_write_file(LOCKDOWN, "confidentiality"));
	for (i = 0; i < 50; i++) {
		ASSERT_LT(0, osedu_read_file("/proc/osedu/coretest/self", buf,
					     sizeof(buf)));
		EXPECT_EQ(1, osedu_kv_ll(buf, "opener_admin"));
		EXPECT_EQ(0, osedu_kv_ull(buf, "phys_task"));
		EXPECT_EQ(0, osedu_kv_ull(buf, "kaddr_show"));
	}
	usleep(100000);
	lines = restricted_lines(kmsg);
	TH_LOG("50 admin opens under lockdown logged %d restricted lines",
	       lines);
	EXPECT_GE(1, lines);
	close(kmsg);
}

TEST_HARNESS_MAIN
