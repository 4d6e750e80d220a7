// SPDX-License-Identifier: GPL-2.0
/*
 * The huge zero page. A read fault on untouched anonymous memory that may
 * use transparent huge pages maps the huge zero page with one PMD leaf; it
 * is the zero page, not a copy-on-write page. Oracle: /proc/kpageflags'
 * ZERO_PAGE bit (24) for the frame /proc/self/pagemap names.
 */
#include <stdint.h>
#include <sys/mman.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"

#define HPAGE		(2UL << 20)
#define KPF_ZERO_PAGE	24
#define USE_ZERO	"/sys/kernel/mm/transparent_hugepage/use_zero_page"
#define THP_ENABLED	"/sys/kernel/mm/transparent_hugepage/enabled"

static uint64_t read_u64(const char *path, uint64_t index)
{
	uint64_t v = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return 0;
	if (pread(fd, &v, sizeof(v), index * sizeof(v)) != sizeof(v))
		v = 0;
	close(fd);
	return v;
}

TEST(huge_zero_page_is_zero)
{
	char req[64], buf[8192], v[128], thp[128] = "";
	volatile char sink;
	uint64_t pm, pfn;
	char *map, *p;
	int fd;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_pagewalk"));
	if (osedu_read_file(USE_ZERO, v, sizeof(v)) <= 0 || v[0] != '1' ||
	    osedu_read_file(THP_ENABLED, thp, sizeof(thp)) <= 0 ||
	    strstr(thp, "[never]"))
		SKIP(return, "no THP or no huge zero page here");
	map = mmap(NULL, 2 * HPAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, map);
	p = (char *)(((unsigned long)map + HPAGE - 1) & ~(HPAGE - 1));
	ASSERT_EQ(0, madvise(p, HPAGE, MADV_HUGEPAGE));
	sink = p[0];
	(void)sink;

	pm = read_u64("/proc/self/pagemap", (unsigned long)p / 4096);
	ASSERT_TRUE(pm >> 63);
	pfn = pm & ((1ULL << 55) - 1);
	if (!(read_u64("/proc/kpageflags", pfn) & (1ULL << KPF_ZERO_PAGE)))
		SKIP(return, "the read fault did not map a zero page");

	snprintf(req, sizeof(req), "%d 0x%lx", getpid(), (unsigned long)p);
	fd = open("/proc/osedu/pagewalk/query", O_RDWR);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)strlen(req), write(fd, req, strlen(req)));
	ASSERT_LT(0, osedu_read_fd(fd, buf, sizeof(buf)));
	close(fd);
	ASSERT_TRUE(osedu_kv(buf, "flags", v, sizeof(v)));
	ASSERT_TRUE(osedu_kv(buf, "leaf", req, sizeof(req)));
	TH_LOG("pfn 0x%llx (kpageflags: zero page), leaf %s, flags: %s",
	       (unsigned long long)pfn, req, v);
	if (strcmp(req, "pmd"))
		SKIP(return, "the zero page is mapped by PTEs here");
	EXPECT_NE(NULL, strstr(v, "zero"));
	EXPECT_EQ(NULL, strstr(v, "cow"));
	munmap(map, 2 * HPAGE);
}

TEST_HARNESS_MAIN
