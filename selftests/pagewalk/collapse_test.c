// SPDX-License-Identifier: GPL-2.0
/*
 * The walker against PTE tables freed under RCU. Since 6.5, MADV_COLLAPSE
 * of shared memory retracts the PTE tables that map it while holding only
 * the mmap read lock, and frees them after an RCU grace period; a walker
 * holding the same read lock must read each pmd inside its RCU section.
 * A reader thread walks the process (the view and range queries) while
 * another collapses and re-faults a shmem region again and again. A use
 * after free shows as a kernel splat, which fails the run; the answers
 * are also checked against the oracle, /proc/self/pagemap, once the
 * region is quiet.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE	25
#endif

#define HPAGE		(2UL << 20)
#define ROUNDS		300
#define MIN_ROUNDS	20
#define ROUND_BUDGET_US	(60LL * 1000 * 1000)

static atomic_int stop;
static char *region;

static void *reader(void *arg)
{
	static char buf[1 << 16];
	char req[64];
	long reads = 0;
	int q = open("/proc/osedu/pagewalk/query", O_RDWR);

	(void)arg;
	snprintf(req, sizeof(req), "%d 0x%lx-0x%lx", getpid(),
		 (unsigned long)region, (unsigned long)region + HPAGE);
	while (!atomic_load(&stop)) {
		if (osedu_read_file("/proc/osedu/pagewalk/self", buf,
				    sizeof(buf)) > 0)
			reads++;
		if (q >= 0 && write(q, req, strlen(req)) > 0 &&
		    osedu_read_fd(q, buf, sizeof(buf)) > 0)
			reads++;
	}
	if (q >= 0)
		close(q);
	return (void *)reads;
}

/* The pfn pagemap gives for @va (root sees frames), or 0. */
static uint64_t pagemap_pfn(unsigned long va)
{
	uint64_t e = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);

	if (fd < 0)
		return 0;
	if (pread(fd, &e, sizeof(e), (va / 4096) * sizeof(e)) != sizeof(e))
		e = 0;
	close(fd);
	return (e >> 63) ? e & ((1ULL << 55) - 1) : 0;
}

FIXTURE(slow) {};
FIXTURE_SETUP(slow) {}
FIXTURE_TEARDOWN(slow) {}

TEST_F_TIMEOUT(slow, walk_while_collapsing, 600)
{
	char req[64], buf[4096], v[64];
	int fd, i, collapsed = 0;
	long long start;
	pthread_t th;
	void *reads;
	char *map;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_pagewalk"));

	fd = memfd_create("osedu-collapse", 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ftruncate(fd, HPAGE));
	/* A 2 MiB-aligned address, so the region can be one pmd. */
	map = mmap(NULL, 2 * HPAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
		   -1, 0);
	ASSERT_NE(MAP_FAILED, map);
	region = (char *)(((unsigned long)map + HPAGE - 1) & ~(HPAGE - 1));
	ASSERT_NE(MAP_FAILED, mmap(region, HPAGE, PROT_READ | PROT_WRITE,
				   MAP_SHARED | MAP_FIXED, fd, 0));
	/*
	 * No MADV_HUGEPAGE: faults map 4 KiB pages through a PTE table, and
	 * MADV_COLLAPSE (which ignores the THP sysfs settings) replaces it.
	 */

	ASSERT_EQ(0, pthread_create(&th, NULL, reader, NULL));
	/*
	 * ROUNDS, or as many as fit in a minute once MIN_ROUNDS are done: a
	 * round faults 512 pages and collapses them, which takes about 2 s
	 * under arm64 emulation (x86-64 emulation: a tenth of it, so all
	 * ROUNDS). Five minutes here were a third of an arm64 make check
	 * guest, for some 150 rounds instead of 30.
	 */
	start = osedu_now_us();
	for (i = 0; i < ROUNDS && (i < MIN_ROUNDS ||
				   osedu_now_us() - start < ROUND_BUDGET_US);
	     i++) {
		/* Split back to PTEs: punch the file, then fault 4 KiB pages. */
		ASSERT_EQ(0, fallocate(fd, 3 /* PUNCH_HOLE|KEEP_SIZE */, 0,
				       HPAGE));
		for (unsigned long off = 0; off < HPAGE; off += 4096)
			region[off] = 1;
		if (!madvise(region, HPAGE, MADV_COLLAPSE))
			collapsed++;
	}
	atomic_store(&stop, 1);
	ASSERT_EQ(0, pthread_join(th, &reads));
	TH_LOG("%d of %d collapses succeeded, %ld walks alongside",
	       collapsed, i, (long)reads);

	/* Quiet now: the walker agrees with pagemap on the first page. */
	snprintf(req, sizeof(req), "%d 0x%lx", getpid(),
		 (unsigned long)region);
	fd = open("/proc/osedu/pagewalk/query", O_RDWR);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)strlen(req), write(fd, req, strlen(req)));
	ASSERT_LT(0, osedu_read_fd(fd, buf, sizeof(buf)));
	close(fd);
	ASSERT_TRUE(osedu_kv(buf, "pfn", v, sizeof(v)));
	EXPECT_EQ(pagemap_pfn((unsigned long)region), strtoull(v, NULL, 0));
	if (!collapsed)
		SKIP(return, "MADV_COLLAPSE never succeeded here");
}

TEST_HARNESS_MAIN
