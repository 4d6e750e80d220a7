// SPDX-License-Identifier: GPL-2.0
/*
 * A trace reader that stalls copying out must not stall the trace. The
 * reader's buffer is a userfaultfd-registered page, so its read stays in
 * the kernel until the test resolves the fault. Oracle: "clear" written
 * to the control file completes within two seconds meanwhile.
 */
#include "../kselftest_harness.h"
#include "osedu_stall.h"

#define TRACE		"/proc/osedu/sched/trace"
#define CONTROL		"/proc/osedu/sched/control"

static int control(const char *cmd)
{
	return osedu_write_file(CONTROL, cmd);
}

TEST(clear_while_a_reader_stalls)
{
	struct osedu_stall s = { 0 };
	long ms;
	int ret;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_sched_viz"));
	/* The first read copies out the header line and stalls on it. */
	ret = osedu_stall_start(&s, open(TRACE, O_RDONLY));
	if (ret == -ENOSYS)
		SKIP(return, "no userfaultfd");
	ASSERT_EQ(0, ret);

	ms = osedu_child_ms(control, "clear", 2000);
	TH_LOG("clear while a reader stalls: %ld ms", ms);
	EXPECT_LE(0, ms);

	ASSERT_EQ(0, osedu_stall_release(&s));
	TH_LOG("the stalled read returned %zd: %.24s", s.ret, s.buf);
	EXPECT_LT(0, s.ret);
	EXPECT_EQ(0, strncmp(s.buf, "osedu sched-trace ", 18));
	close(s.fd);
	EXPECT_LE(0, osedu_child_ms(control, "clear", 5000));
}

TEST_HARNESS_MAIN
