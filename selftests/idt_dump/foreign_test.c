// SPDX-License-Identifier: GPL-2.0
/*
 * idt/counts and IRQs outside the x86 vector domain. The test module
 * osedu_test_irq makes one IRQ in an irq domain of its own whose chip data,
 * misread as the vector domain's, says vector 0xab. Oracle: that IRQ is
 * routed to no IDT vector at all, so its row must say 0x00; IRQs of the
 * vector domain keep their vectors.
 */
#include "../kselftest_harness.h"
#include "osedu_test.h"

#define COUNTS		"/proc/osedu/idt/counts"

TEST(foreign_domain_irq_has_no_vector)
{
	static char buf[65536];
	const char *p;
	unsigned int irq, vec;
	int foreign = -1, vectored = 0;
	char name[32];

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_idt_dump"));
	ASSERT_EQ(0, osedu_load("osedu_test_irq"));
	ASSERT_LT(0, osedu_read_file(COUNTS, buf, sizeof(buf)));
	p = strstr(buf, "\nirq vector");
	ASSERT_NE(NULL, p);
	for (p = osedu_next_line(p + 1); p && *p; p = osedu_next_line(p)) {
		const char *end = strchr(p, '\n');
		const char *last;

		if (sscanf(p, "%u %x", &irq, &vec) != 2 || !end)
			continue;
		/* The name is the last field. */
		for (last = end; last > p && last[-1] != ' '; last--)
			;
		snprintf(name, sizeof(name), "%.*s", (int)(end - last), last);
		if (!strcmp(name, "osedu_foreign"))
			foreign = vec;
		else if (vec)
			vectored++;
	}
	osedu_unload("osedu_test_irq");
	TH_LOG("osedu_foreign's vector: 0x%02x; IRQs with a vector: %d",
	       foreign, vectored);
	ASSERT_NE(-1, foreign);
	EXPECT_EQ(0, foreign);
	EXPECT_LT(0, vectored);
}

TEST_HARNESS_MAIN
