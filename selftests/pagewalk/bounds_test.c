// SPDX-License-Identifier: GPL-2.0
/*
 * The query's address bounds: only user addresses, including at the very
 * top of the address space where start + 1 wraps to 0. Oracle: the user
 * address space ends below TASK_SIZE (0x00007ffffffff000 with 4-level
 * paging, 0x00fffffffffff000 with 5-level), far below these.
 */
#include "../kselftest_harness.h"
#include "osedu_test.h"

#define QUERY		"/proc/osedu/pagewalk/query"

static int ask(const char *fmt, unsigned long long a)
{
	char req[96];
	int fd = open(QUERY, O_RDWR), ret;

	if (fd < 0)
		return -errno;
	snprintf(req, sizeof(req), fmt, getpid(), a);
	ret = write(fd, req, strlen(req)) < 0 ? -errno : 0;
	close(fd);
	return ret;
}

TEST(kernel_and_wrapping_addresses_are_refused)
{
	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_pagewalk"));
	/* A user address is fine. */
	EXPECT_EQ(0, ask("%d 0x%llx", 0x400000ULL));
	EXPECT_EQ(-EINVAL, ask("%d 0x%llx", 0xffffffffffffffffULL));
	EXPECT_EQ(-EINVAL, ask("%d 0x%llx", 0xfffffffffffff000ULL));
	EXPECT_EQ(-EINVAL, ask("%d 0x%llx", 0xffff888000000000ULL));
	EXPECT_EQ(-EINVAL, ask("%d 0x%llx-0x0", 0xfffffffffffff000ULL));
}

TEST_HARNESS_MAIN
