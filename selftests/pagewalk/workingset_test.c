// SPDX-License-Identifier: GPL-2.0
/*
 * The `workingset` word of the query's range rows: a page evicted and
 * faulted back soon (a refault within the working set) may come back
 * marked PG_workingset. Oracle: the memory cgroup's own counters in
 * memory.stat, which the kernel bumps on the same refault:
 * workingset_refault_anon for every anonymous page read back whose
 * eviction the kernel remembered (a shadow entry left in the swap
 * cache), workingset_restore_anon for exactly those it marks
 * PG_workingset. The test runs in a cgroup of its own, so these count
 * only its pages.
 *
 * Which refaults are marked differs between kernels (mm/workingset.c,
 * lru_gen_refault() with the multi-generational LRU, on here): 6.1 and
 * 6.12 mark every refault that happens in a page fault; 7.3 only a page
 * that was in the working set when it was evicted, which an anonymous
 * page joins when an aging finds it accessed again after its fault
 * (folio_update_gen()). So the pages are aged once before they are
 * evicted, and the test asserts the count the kernel itself gives, not
 * one kernel's rule.
 */
#include <sched.h>
#include <sys/mman.h>
#include <sys/mount.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"
#include "osedu/cgroup.h"
#include "osedu/lab.h"
#include "osedu/swap.h"
#include "lrugen.h"

#define PAGE		4096UL
#define NPAGES		64
#define PM_SWAP		(1ULL << 62)

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT	21
#endif

static uint64_t pagemap(unsigned long va)
{
	uint64_t v = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	if (pread(fd, &v, sizeof(v), va / PAGE * sizeof(v)) != sizeof(v))
		v = 0;
	close(fd);
	return v;
}

/*
 * A memory.stat counter of group @cg once it holds still: the kernel
 * folds per-CPU counts into memory.stat lazily (at the latest every two
 * seconds), so it is read until two reads two seconds apart agree.
 */
static long long stat_settled(const char *cg, const char *key)
{
	long long v = osedu_cg_num(cg, "memory.stat", key), prev;

	for (int i = 0; i < 10; i++) {
		sleep(2);
		prev = v;
		v = osedu_cg_num(cg, "memory.stat", key);
		if (v == prev)
			break;
	}
	return v;
}

/*
 * The same counter once it has grown by @want over @base, or after 30 s:
 * the "every two seconds" fold is a worker's, and an emulated guest can
 * run it late, so two equal reads can both be stale (6.12-arm64 once read
 * 57 refaults for 64 swap-ins, with restore, read later, already at 64).
 * A count that stays short still fails after the wait; one that grows
 * past @want is read once settled.
 */
static long long stat_reached(const char *cg, const char *key,
			      long long base, long long want)
{
	long long end = osedu_now_us() + 30LL * 1000 * 1000;

	while (osedu_cg_num(cg, "memory.stat", key) - base < want &&
	       osedu_now_us() < end)
		usleep(250 * 1000);
	return stat_settled(cg, key) - base;
}

FIXTURE(ws) {
	struct lrugen_fixture f;
};

FIXTURE_SETUP(ws)
{
	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_pagewalk"));
	if (osedu_read_file(OSEDU_LRU_GEN_ENABLED, self->f.enabled,
			    sizeof(self->f.enabled)) <= 0)
		self->f.enabled[0] = '\0';
	self->f.enabled[strcspn(self->f.enabled, "\n")] = '\0';
	snprintf(self->f.cg, sizeof(self->f.cg), "osedu-ws-%d", getpid());
}

FIXTURE_TEARDOWN(ws)
{
	lrugen_fixture_teardown(&self->f, NPAGES * PAGE);
}

TEST_F_TIMEOUT(ws, refaulted_pages_agree_with_memory_stat, 300)
{
	long long refault0, restore0, refault, restore;
	static struct pw_page p[NPAGES];
	int swapped = 0, marked = 0, ret, i;
	volatile char sink = 0;
	bool aged = false;
	char *dummy;
	char dev[128];

	ret = osedu_swap_on(64, dev, sizeof(dev));
	if (ret == -ENODEV)
		SKIP(return, "no swap, and no zram module to make one");
	ASSERT_EQ(0, ret);
	if (self->f.enabled[0])
		ASSERT_EQ(0, osedu_write_file(OSEDU_LRU_GEN_ENABLED, "y"));
	if (access(LRU_GEN_DEBUG, F_OK))
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	ASSERT_EQ(0, osedu_cg_make(self->f.cg));
	ASSERT_EQ(0, osedu_cg_enter(self->f.cg, getpid()));
	self->f.in_cg = true;
	ASSERT_LE(0, osedu_cg_num(self->f.cg, "memory.stat",
				  "workingset_restore_anon"));

	ASSERT_EQ(0, osedu_pin(sched_getcpu()));
	self->f.m = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, self->f.m);
	madvise(self->f.m, NPAGES * PAGE, MADV_NOHUGEPAGE);
	for (i = 0; i < NPAGES; i++)
		memset(self->f.m + i * PAGE, i + 1, PAGE);
	/*
	 * Onto the LRU lists: a page faulted in waits in this CPU's batch
	 * first, and an aging passes over it; MADV_COLD, even of a page
	 * never touched, drains this CPU's batches.
	 */
	dummy = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, dummy);
	ASSERT_EQ(0, madvise(dummy, PAGE, MADV_COLD));
	munmap(dummy, PAGE);
	/* Fresh pages: none in the working set yet. */
	ASSERT_EQ(0, pw_range(getpid(), (unsigned long)self->f.m, NPAGES, p));
	for (i = 0; i < NPAGES; i++)
		marked += pw_has(&p[i], "workingset");
	EXPECT_EQ(0, marked) TH_LOG("fresh pages: \"%s\"", p[0].flags);
	marked = 0;
	/* One aging, where the MGLRU can walk page tables (lrugen.h). */
	if (self->f.enabled[0] && lrugen_walks() == 1) {
		struct lrugen g;
		char cgpath[80];
		int nid = node_of(self->f.m);
		long id;

		snprintf(cgpath, sizeof(cgpath), "/%s", self->f.cg);
		id = lrugen_read(cgpath, nid, &g);
		ASSERT_LE(0, id);
		ASSERT_TRUE(lrugen_age(_metadata, cgpath, id, nid));
		aged = true;
		ASSERT_EQ(0, pw_range(getpid(), (unsigned long)self->f.m, NPAGES,
				      p));
		for (i = 0; i < NPAGES; i++)
			marked += pw_has(&p[i], "workingset");
		TH_LOG("aged once: %d of %d pages in the working set", marked,
		       NPAGES);
		marked = 0;
	}

	ASSERT_EQ(0, madvise(self->f.m, NPAGES * PAGE, MADV_PAGEOUT));
	for (i = 0; i < NPAGES; i++)
		swapped += !!(pagemap((unsigned long)self->f.m + i * PAGE) &
			      PM_SWAP);
	refault0 = stat_settled(self->f.cg, "workingset_refault_anon");
	restore0 = stat_settled(self->f.cg, "workingset_restore_anon");

	/* Fault every page back in (each read is a swap-in). */
	for (i = 0; i < NPAGES; i++)
		sink += self->f.m[i * PAGE + 9];
	(void)sink;
	ASSERT_EQ(0, pw_range(getpid(), (unsigned long)self->f.m, NPAGES, p));
	for (i = 0; i < NPAGES; i++) {
		EXPECT_STREQ("present", p[i].state);
		marked += pw_has(&p[i], "workingset");
	}
	refault = stat_reached(self->f.cg, "workingset_refault_anon", refault0,
			       swapped);
	restore = stat_reached(self->f.cg, "workingset_restore_anon", restore0,
			       marked);
	TH_LOG("%d of %d pages swapped out to %s; back in: memory.stat workingset_refault_anon +%lld, workingset_restore_anon +%lld; pagewalk: %d marked workingset",
	       swapped, NPAGES, dev, refault, restore, marked);
	EXPECT_LT(NPAGES / 2, swapped);
	/* Every page swapped out came back as a remembered refault. */
	EXPECT_EQ(swapped, refault);
	EXPECT_EQ(restore, marked);
	/* Aged, every kernel here marks them (see above). */
	if (aged)
		EXPECT_EQ(swapped, marked);
	for (i = 0; i < NPAGES; i++)
		ASSERT_EQ(i + 1, self->f.m[i * PAGE + 9]);
}

TEST_HARNESS_MAIN
