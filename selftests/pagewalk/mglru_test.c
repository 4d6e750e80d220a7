// SPDX-License-Identifier: GPL-2.0
/*
 * The multi-generational LRU's generation of a page (gen=N in the
 * query's range rows) moves with access. Oracle: the kernel's own
 * /sys/kernel/debug/lru_gen, which prints for every memory cgroup and
 * node the generations' sequence numbers, oldest to youngest, and how
 * many anonymous and file pages each holds (multigen_lru.rst).
 *
 * What the kernel does (mm/vmscan.c, include/linux/mm_inline.h): an
 * anonymous page faulted in is added to the youngest generation, max_seq
 * (6.1, 6.12), or to the second youngest (7.3). Aging ("+ memcg node
 * max_seq" to lru_gen, or reclaim) walks the page tables of the cgroup's
 * processes, moves every page whose accessed bit is set into generation
 * max_seq and clears the bit, then opens a new generation, max_seq + 1
 * (the same on every kernel here). A page not accessed stays where it
 * was, so it falls behind by one generation per aging. gen=N is the
 * slot, the sequence number modulo 4 (folio_lru_gen()); at most four
 * generations exist at a time, so a slot names one of the sequence
 * numbers lru_gen lists.
 *
 * The test runs in a memory cgroup of its own, so that the generations
 * it reads are those of its own pages and nobody else ages them.
 */
#include <sched.h>
#include <sys/mman.h>
#include <sys/mount.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"
#include "osedu/cgroup.h"
#include "osedu/lab.h"
#include "lrugen.h"

#define PAGE		4096UL
#define NPAGES		256	/* 6.1 skips an mm of fewer than 64 pages */
#define CAP_CORE	0x1	/* the MGLRU is on */
#define CAP_MM_WALK	0x2	/* aging walks page tables for accessed bits */

static long gen_of(const struct pw_page *p)
{
	const char *s = strstr(p->flags, "gen=");

	return s ? strtol(s + 4, NULL, 10) : -1;
}

FIXTURE(mglru) {
	struct lrugen_fixture f;
};

FIXTURE_SETUP(mglru)
{
	self->f.enabled[0] = '\0';
	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_pagewalk"));
	if (osedu_read_file(OSEDU_LRU_GEN_ENABLED, self->f.enabled,
			    sizeof(self->f.enabled)) <= 0) {
		self->f.enabled[0] = '\0';
		SKIP(return, "kernel without CONFIG_LRU_GEN (no %s)",
		     OSEDU_LRU_GEN_ENABLED);
	}
	self->f.enabled[strcspn(self->f.enabled, "\n")] = '\0';
	if (access(LRU_GEN_DEBUG, F_OK))
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	snprintf(self->f.cg, sizeof(self->f.cg), "osedu-mglru-%d", getpid());
}

FIXTURE_TEARDOWN(mglru)
{
	lrugen_fixture_teardown(&self->f, NPAGES * PAGE);
}

/* Pages of @p whose gen= is @gen; the first other one logged. */
static int count_gen(struct __test_metadata *_metadata,
		     const struct pw_page *p, int from, int step, long gen,
		     const char *what)
{
	int n = 0, logged = 0;

	for (int i = from; i < NPAGES; i += step) {
		if (gen_of(&p[i]) == gen)
			n++;
		else if (!logged++)
			TH_LOG("%s page %d: gen %ld expected, flags \"%s\"", what,
			       i, gen, p[i].flags);
	}
	return n;
}

TEST_F_TIMEOUT(mglru, reaccessed_pages_are_younger, 600)
{
	char cgpath[80], caps_s[32];
	static struct pw_page p[NPAGES];
	volatile char sink = 0;
	struct lrugen g;
	unsigned long caps, f, s0;
	int nid, lru = 0, walks, i;
	long id;
	char *dummy;

	ASSERT_EQ(0, osedu_write_file(OSEDU_LRU_GEN_ENABLED, "y"));
	ASSERT_LT(0, osedu_read_file(OSEDU_LRU_GEN_ENABLED, caps_s,
				     sizeof(caps_s)));
	caps = strtoul(caps_s, NULL, 0);
	ASSERT_TRUE(caps & CAP_CORE) TH_LOG("lru_gen/enabled %s", caps_s);
	/*
	 * Bit 0x2: aging walks page tables for accessed bits. It needs a
	 * CPU that sets them itself (arch_has_hw_pte_young(): x86; arm64
	 * with the hardware access flag of FEAT_HAFDBS, which QEMU's -cpu
	 * max has); without one the kernel leaves it clear and finds
	 * accessed bits only around the pages it evicts.
	 */
	if (!(caps & CAP_MM_WALK))
		SKIP(return,
		     "lru_gen/enabled 0x%lx lacks 0x2: this CPU does not set accessed bits itself, so aging does not walk page tables",
		     caps);
	if (access(LRU_GEN_DEBUG, F_OK))
		SKIP(return, "no %s (debugfs)", LRU_GEN_DEBUG);
	/*
	 * With 0x2 set the walker is built, on every architecture (6.12's
	 * CONFIG_LRU_GEN_WALKS_MMU follows ARCH_HAS_HW_PTE_YOUNG, which
	 * arm64 selects as x86 does; 6.1 always builds it), and
	 * lru_gen_full shows its counters: their absence is a failure.
	 */
	walks = lrugen_walks();
	ASSERT_LE(0, walks) TH_LOG("%s unreadable", LRU_GEN_FULL);
	ASSERT_EQ(1, walks)
		TH_LOG("lru_gen/enabled 0x%lx, but %s shows no walker counters",
		       caps, LRU_GEN_FULL);

	ASSERT_EQ(0, osedu_cg_make(self->f.cg));
	ASSERT_EQ(0, osedu_cg_enter(self->f.cg, getpid()));
	self->f.in_cg = true;
	snprintf(cgpath, sizeof(cgpath), "/%s", self->f.cg);
	/*
	 * One CPU: a page faulted in waits in this CPU's batch before it
	 * reaches the LRU lists, and MADV_COLD drains this CPU's batches.
	 */
	ASSERT_EQ(0, osedu_pin(sched_getcpu()));

	self->f.m = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	dummy = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, self->f.m);
	ASSERT_NE(MAP_FAILED, dummy);
	/* Small pages: a THP is one folio, one generation. */
	madvise(self->f.m, NPAGES * PAGE, MADV_NOHUGEPAGE);
	for (i = 0; i < NPAGES; i++)
		self->f.m[i * PAGE] = 1;
	ASSERT_EQ(0, madvise(dummy, PAGE, MADV_COLD));
	nid = node_of(self->f.m);

	/*
	 * Faulted in: all on the LRU, all in one generation: the youngest
	 * (6.1, 6.12: folio_add_lru() marks a page faulted in active), or
	 * the second youngest (7.3: lru_gen_folio_seq() puts an anonymous
	 * page there unless it is active).
	 */
	id = lrugen_read(cgpath, nid, &g);
	ASSERT_LE(0, id) TH_LOG("memcg %s node %d not in lru_gen", cgpath,
				nid);
	ASSERT_EQ(0, pw_range(getpid(), (unsigned long)self->f.m, NPAGES, p));
	for (i = 0; i < NPAGES; i++)
		lru += pw_has(&p[i], "lru");
	EXPECT_EQ(NPAGES, lru);
	f = gen_of(&p[0]) == (long)((g.max_seq - 1) % MAX_NR_GENS) ?
	    g.max_seq - 1 : g.max_seq;
	TH_LOG("memcg %ld %s node %d: generations %lu-%lu after the faults, the pages in %lu",
	       id, cgpath, nid, g.min_seq, g.max_seq, f);
	EXPECT_EQ(NPAGES, count_gen(_metadata, p, 0, 1, f % MAX_NR_GENS,
				    "faulted"));
	EXPECT_LE(NPAGES, lrugen_anon(&g, f));
	s0 = g.max_seq;

	/*
	 * Two agings with no access: the first finds the faults' accessed
	 * bits, moves the pages into s0, the youngest generation while it
	 * walks, and clears the bits; the second finds none. The pages are
	 * then two generations behind.
	 */
	ASSERT_TRUE(lrugen_age(_metadata, cgpath, id, nid));
	ASSERT_TRUE(lrugen_age(_metadata, cgpath, id, nid));
	ASSERT_LE(0, lrugen_read(cgpath, nid, &g));
	ASSERT_EQ(s0 + 2, g.max_seq);
	ASSERT_EQ(0, pw_range(getpid(), (unsigned long)self->f.m, NPAGES, p));
	EXPECT_EQ(NPAGES, count_gen(_metadata, p, 0, 1, s0 % MAX_NR_GENS,
				    "not accessed"));
	EXPECT_LE(NPAGES, lrugen_anon(&g, s0));

	/*
	 * Read every other page. The aging cleared the accessed bits
	 * without a TLB flush (x86 does not flush for that), so a cached
	 * translation could let the read through without setting the bit
	 * again; a protection change flushes them first.
	 */
	ASSERT_EQ(0, mprotect(self->f.m, NPAGES * PAGE, PROT_READ));
	ASSERT_EQ(0, mprotect(self->f.m, NPAGES * PAGE,
			      PROT_READ | PROT_WRITE));
	for (i = 0; i < NPAGES; i += 2)
		sink += self->f.m[i * PAGE];
	(void)sink;
	ASSERT_TRUE(lrugen_age(_metadata, cgpath, id, nid));

	/*
	 * The pages read are in the generation that was youngest when the
	 * aging walked (max_seq - 1 now); the others are still in s0, now
	 * the oldest (max_seq - 3).
	 */
	ASSERT_LE(0, lrugen_read(cgpath, nid, &g));
	ASSERT_EQ(0, pw_range(getpid(), (unsigned long)self->f.m, NPAGES, p));
	TH_LOG("after the last aging: generations %lu-%lu, anon pages %ld in %lu, %ld in %lu",
	       g.min_seq, g.max_seq, lrugen_anon(&g, g.max_seq - 1),
	       g.max_seq - 1, lrugen_anon(&g, s0), s0);
	ASSERT_EQ(s0 + 3, g.max_seq);
	EXPECT_EQ(s0, g.min_seq);
	EXPECT_EQ(NPAGES / 2, count_gen(_metadata, p, 0, 2,
					(g.max_seq - 1) % MAX_NR_GENS,
					"read"));
	EXPECT_EQ(NPAGES / 2, count_gen(_metadata, p, 1, 2,
					s0 % MAX_NR_GENS, "not read"));
	EXPECT_LE(NPAGES / 2, lrugen_anon(&g, g.max_seq - 1));
	EXPECT_LE(NPAGES / 2, lrugen_anon(&g, s0));
	EXPECT_NE((g.max_seq - 1) % MAX_NR_GENS, s0 % MAX_NR_GENS);
	munmap(dummy, PAGE);
}

TEST_HARNESS_MAIN
