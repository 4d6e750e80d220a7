/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The multi-generational LRU's debugfs file, /sys/kernel/debug/lru_gen
 * (Documentation/admin-guide/mm/multigen_lru.rst), for the pagewalk
 * tests: reading one memcg's generations, aging it; and the fixture of
 * the tests that switch the MGLRU and run in a memory cgroup of their
 * own. Include after kselftest_harness.h (age() logs with TH_LOG).
 */
#ifndef OSEDU_PAGEWALK_LRUGEN_H
#define OSEDU_PAGEWALK_LRUGEN_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <osedu/cgroup.h>
#include <osedu/osedu.h>

#define LRU_GEN_DEBUG	"/sys/kernel/debug/lru_gen"
#define LRU_GEN_FULL	"/sys/kernel/debug/lru_gen_full"
#define MAX_NR_GENS	4

#ifndef MPOL_F_NODE
#define MPOL_F_NODE	(1 << 0)
#define MPOL_F_ADDR	(1 << 1)
#endif

/* The lru_gen rows of one memcg and node. */
struct lrugen {
	unsigned long min_seq, max_seq;
	int nrows;
	unsigned long seq[MAX_NR_GENS + 1];
	long anon[MAX_NR_GENS + 1];
};

/*
 * Find the memcg whose path is @path in lru_gen and fill @g with its rows
 * for node @nid; the memcg's id, or -1.
 *
 *   memcg ID PATH
 *    node NID
 *          SEQ AGE_MS ANON_PAGES FILE_PAGES
 */
static inline long lrugen_read(const char *path, int nid, struct lrugen *g)
{
	char *buf = osedu_read_all(LRU_GEN_DEBUG, 1 << 22, NULL);
	const char *line;
	long id = -1, cur = -1;
	int node = -1;

	memset(g, 0, sizeof(*g));
	if (!buf)
		return -1;
	for (line = buf; line && *line; line = osedu_next_line(line)) {
		unsigned long long a, b, c, d;
		char p[256];

		if (sscanf(line, "memcg %llu %255s", &a, p) == 2) {
			cur = strcmp(p, path) ? -1 : (long)a;
			if (cur >= 0)
				id = cur;
			node = -1;
		} else if (sscanf(line, " node %llu", &a) == 1) {
			node = a;
		} else if (cur >= 0 && node == nid &&
			   sscanf(line, "%llu %llu %llu %llu", &a, &b, &c,
				  &d) == 4 && g->nrows <= MAX_NR_GENS) {
			if (!g->nrows)
				g->min_seq = a;
			g->max_seq = a;
			g->seq[g->nrows] = a;
			g->anon[g->nrows++] = c;
		}
	}
	free(buf);
	return g->nrows ? id : -1;
}

/*
 * Does aging walk page tables here? lru_gen_full follows each generation
 * with the page-table walker's counters, numbers with a letter each
 * ("0T 0Y 0F 0A"), only when the kernel has the walker: 6.1 always
 * builds it, 6.12 where the architecture has a hardware accessed bit
 * (CONFIG_LRU_GEN_WALKS_MMU, from ARCH_HAS_HW_PTE_YOUNG: x86 and arm64
 * alike; the non-leaf PMD accessed bit, x86's and arm64's FEAT_HAFT,
 * only lets it skip tables, lru_gen/enabled bit 0x4). 1, 0, or -1 when
 * lru_gen_full cannot be read.
 */
static inline int lrugen_walks(void)
{
	char *buf = osedu_read_all(LRU_GEN_FULL, 1 << 22, NULL);
	const char *line;
	int walks = 0;

	if (!buf)
		return -1;
	for (line = buf; line && *line && !walks;
	     line = osedu_next_line(line)) {
		const char *t = line + strspn(line, " ");

		t += strspn(t, "0123456789");
		walks = t > line && *t && strchr("LOYNFATyfaloynx", *t) &&
			t[-1] >= '0' && t[-1] <= '9';
	}
	free(buf);
	return walks;
}

/* Anonymous pages lru_gen counts in generation @seq, or -1. */
static inline long lrugen_anon(const struct lrugen *g, unsigned long seq)
{
	for (int i = 0; i < g->nrows; i++)
		if (g->seq[i] == seq)
			return g->anon[i];
	return -1;
}

/*
 * One aging of our memcg and node: "+ ID NID MAX_SEQ 1 1" (can_swap, or
 * swappiness on 7.3, 1: anonymous pages too, even without swap;
 * force_scan 1: every page table, not only those the kernel guesses are
 * worth it). 6.1 and 6.12 return success also when another aging got
 * there first, so success is max_seq one higher.
 */
static inline bool lrugen_age(struct __test_metadata *_metadata,
			      const char *path, long id, int nid)
{
	struct lrugen before, after;
	char cmd[96];

	for (int tries = 0; tries < 5; tries++) {
		if (lrugen_read(path, nid, &before) != id)
			return false;
		snprintf(cmd, sizeof(cmd), "+ %ld %d %lu 1 1", id, nid,
			 before.max_seq);
		if (osedu_write_file(LRU_GEN_DEBUG, cmd) < 0)
			TH_LOG("\"%s\" > lru_gen: %s", cmd, strerror(errno));
		if (lrugen_read(path, nid, &after) != id)
			return false;
		if (after.max_seq == before.max_seq + 1)
			return true;
		TH_LOG("aging left max_seq %lu -> %lu; again", before.max_seq,
		       after.max_seq);
	}
	return false;
}

/* The NUMA node of the page at @va (0 without NUMA). */
static inline int node_of(void *va)
{
	int node = 0;

	if (syscall(SYS_get_mempolicy, &node, NULL, 0, va,
		    MPOL_F_NODE | MPOL_F_ADDR))
		return 0;
	return node;
}

/*
 * What a memory test changes and puts back: lru_gen/enabled as found
 * ("" on a kernel without it), its memory cgroup, which the test
 * process leaves before it is removed, and its mapping.
 */
struct lrugen_fixture {
	char enabled[32];	/* lru_gen/enabled before the test, or "" */
	char cg[64];		/* the test's memory cgroup */
	bool in_cg;		/* the test process was moved into it */
	char *m;		/* the test's mapping, or NULL */
};

static inline void lrugen_fixture_teardown(struct lrugen_fixture *f,
					   size_t len)
{
	char pid[32];

	if (f->m)
		munmap(f->m, len);
	if (f->in_cg) {
		snprintf(pid, sizeof(pid), "%d", getpid());
		osedu_write_file(OSEDU_CG_ROOT "/cgroup.procs", pid);
		osedu_cg_remove(f->cg);
	}
	if (f->enabled[0])
		osedu_write_file(OSEDU_LRU_GEN_ENABLED, f->enabled);
}

#endif /* OSEDU_PAGEWALK_LRUGEN_H */
