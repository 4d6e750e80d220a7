// SPDX-License-Identifier: GPL-2.0
/*
 * Pages KSM merged (the `ksm` word of the query's range rows): two
 * regions of identical content, madvise(MADV_MERGEABLE), end up sharing
 * one read-only frame per page once ksmd has scanned them; a region of
 * distinct content is left alone. Oracles: /proc/self/pagemap (the
 * frames, and bit 56, mapped exclusively), /proc/kpageflags (KSM, bit
 * 21), /proc/kpagecount, /proc/self/ksm_merging_pages (this process's
 * pages KSM merged) and, where the kernel has it (6.4+), the smaps KSM
 * line of the region. A write to a merged page copies it (copy-on-write)
 * and the copy is an ordinary page again.
 *
 * ksm/run, pages_to_scan and sleep_millisecs are set for a fast scan and
 * put back afterwards; if KSM was not running, everything it merged is
 * unmerged again (run = 2) before it is stopped.
 */
#include <stdint.h>
#include <sys/mman.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"
#include "osedu/lab.h"

#define PAGE		4096UL
#define NPAGES		32
#define KSM		"/sys/kernel/mm/ksm/"
#define KPF_KSM		21
#define PM_PRESENT	(1ULL << 63)
#define PM_EXCLUSIVE	(1ULL << 56)
#define PM_PFN		((1ULL << 55) - 1)

static uint64_t read_u64(const char *path, uint64_t index)
{
	uint64_t v = ~0ULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return ~0ULL;
	if (pread(fd, &v, sizeof(v), index * sizeof(v)) != sizeof(v))
		v = ~0ULL;
	close(fd);
	return v;
}

/* This kernel's /proc/kpageflags sets KSM (21) on every anonymous page. */
static bool kpf_ksm_broken;

static long read_num(const char *path)
{
	char buf[64];

	if (osedu_read_file(path, buf, sizeof(buf)) <= 0)
		return -1;
	return strtol(buf, NULL, 10);
}

static long word_num(const struct pw_page *p, const char *key)
{
	const char *s = strstr(p->flags, key);

	return s ? strtol(s + strlen(key), NULL, 10) : -1;
}

/* Fill page @i of @m with words that name @nonce and @i only. */
static void fill(char *m, int i, uint64_t nonce)
{
	uint64_t *w = (uint64_t *)(m + i * PAGE);

	for (size_t k = 0; k < PAGE / sizeof(*w); k++)
		w[k] = nonce ^ ((uint64_t)i << 32 | k);
}

/* The smaps KSM line (kB) of the VMA starting at @va; -1 if none. */
static long smaps_ksm_kb(void *va)
{
	char *buf = osedu_read_all("/proc/self/smaps", 1 << 22, NULL);
	char start[32];
	const char *p, *end;
	long kb = -1;

	if (!buf)
		return -1;
	snprintf(start, sizeof(start), "%lx-", (unsigned long)va);
	for (p = buf; p && *p; p = osedu_next_line(p))
		if (!strncmp(p, start, strlen(start)))
			break;
	if (p && *p) {
		/* The VMA's block ends at the next "START-END" line. */
		for (end = osedu_next_line(p); end && *end;
		     end = osedu_next_line(end)) {
			if (strchr("0123456789abcdef", *end) &&
			    strchr(end, '-') < strchr(end, ' '))
				break;
			if (!strncmp(end, "KSM:", 4)) {
				kb = strtol(end + 4, NULL, 10);
				break;
			}
		}
	}
	free(buf);
	return kb;
}

FIXTURE(ksm) {
	char run[16], scan[32], sleep[32];
	char *base, *a, *b, *c;
};

FIXTURE_SETUP(ksm)
{
	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_pagewalk"));
	if (osedu_read_file(KSM "run", self->run, sizeof(self->run)) <= 0) {
		self->run[0] = '\0';
		SKIP(return, "kernel without CONFIG_KSM (no %srun)", KSM);
	}
	ASSERT_LT(0, osedu_read_file(KSM "pages_to_scan", self->scan,
				     sizeof(self->scan)));
	ASSERT_LT(0, osedu_read_file(KSM "sleep_millisecs", self->sleep,
				     sizeof(self->sleep)));
	self->run[strcspn(self->run, "\n")] = '\0';
	self->scan[strcspn(self->scan, "\n")] = '\0';
	self->sleep[strcspn(self->sleep, "\n")] = '\0';
}

FIXTURE_TEARDOWN(ksm)
{
	if (!self->run[0])
		return;
	/* Unmerge what this test merged unless KSM was running before. */
	if (strcmp(self->run, "1"))
		osedu_write_file(KSM "run", "2");
	osedu_write_file(KSM "run", self->run);
	osedu_write_file(KSM "pages_to_scan", self->scan);
	osedu_write_file(KSM "sleep_millisecs", self->sleep);
	if (self->base)
		munmap(self->base, 3 * (NPAGES + 1) * PAGE);
}

/*
 * The three regions of NPAGES pages, a guard page (PROT_NONE) between
 * them so that each is a VMA of its own (smaps counts per VMA; equal
 * neighbours would be one VMA).
 */
static int regions(FIXTURE_DATA(ksm) *self)
{
	size_t stride = (NPAGES + 1) * PAGE;
	char *m = mmap(NULL, 3 * stride, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED)
		return -1;
	self->base = m;
	self->a = m;
	self->b = m + stride;
	self->c = m + 2 * stride;
	if (mprotect(self->b - PAGE, PAGE, PROT_NONE) ||
	    mprotect(self->c - PAGE, PAGE, PROT_NONE))
		return -1;
	/* KSM merges small pages; a THP would first have to be split. */
	madvise(m, 3 * stride, MADV_NOHUGEPAGE);
	return 0;
}

/*
 * The query, pagemap, kpageflags and kpagecount on page @i of @m: fills
 * @pfn, and @why with the first disagreement; true if they agree.
 */
static bool agrees(char *m, int i, uint64_t *pfn, struct pw_page *p,
		   char *why, size_t len)
{
	unsigned long va = (unsigned long)m + i * PAGE;
	uint64_t pm, kpf, count;

	if (pw_one(getpid(), va, p)) {
		snprintf(why, len, "query failed");
		return false;
	}
	pm = read_u64("/proc/self/pagemap", va / PAGE);
	*pfn = pm & PM_PFN;
	if (!(pm & PM_PRESENT) || strcmp(p->state, "present") ||
	    p->pfn != *pfn) {
		snprintf(why, len, "%s 0x%llx, pagemap 0x%llx", p->state,
			 p->pfn, (unsigned long long)pm);
		return false;
	}
	kpf = read_u64("/proc/kpageflags", *pfn);
	count = read_u64("/proc/kpagecount", *pfn);
	if ((!kpf_ksm_broken &&
	     pw_has(p, "ksm") != (bool)(kpf >> KPF_KSM & 1)) ||
	    word_num(p, "mapcount=") != (long)count) {
		snprintf(why, len, "\"%s\", kpageflags 0x%llx kpagecount %llu",
			 p->flags, (unsigned long long)kpf,
			 (unsigned long long)count);
		return false;
	}
	/* pagemap's "exclusively mapped" is a mapcount of 1. */
	if (!(pm & PM_EXCLUSIVE) != (count != 1)) {
		snprintf(why, len, "pagemap exclusive bit, kpagecount %llu",
			 (unsigned long long)count);
		return false;
	}
	return true;
}

TEST_F_TIMEOUT(ksm, merged_pages_share_one_readonly_frame, 600)
{
	uint64_t nonce = (uint64_t)osedu_now_ns() * 0x9e3779b97f4a7c15ULL ^
			 getpid(), pfa, pfb, pfc[NPAGES];
	long merging = 0, before;
	struct pw_page pa, pb, pc;
	char why[512];
	int waited, i, bad = 0;

	if (!self->run[0])
		return;
	ASSERT_EQ(0, regions(self));
	for (i = 0; i < NPAGES; i++) {
		fill(self->a, i, nonce);
		fill(self->b, i, nonce);
		fill(self->c, i, ~nonce ^ 0x5a5a5a5aULL);
	}
	/*
	 * Is kpageflags' KSM bit an oracle here? Not yet mergeable, no page
	 * can be KSM's, yet 6.12 as Debian ships it sets the bit on every
	 * anonymous page (stable_page_flags() tests mapping &
	 * PAGE_MAPPING_KSM, which the anon bit alone satisfies; 6.1 and 7.3
	 * test PageKsm()/folio_test_ksm()). Then the KSM bit is left out and
	 * the merge is judged by the shared frame, kpagecount, smaps and
	 * ksm_merging_pages.
	 */
	pfa = read_u64("/proc/self/pagemap", (unsigned long)self->c / PAGE);
	ASSERT_TRUE(pfa & PM_PRESENT);
	kpf_ksm_broken = read_u64("/proc/kpageflags", pfa & PM_PFN) >>
			 KPF_KSM & 1;
	if (kpf_ksm_broken)
		TH_LOG("/proc/kpageflags sets KSM on a page KSM never saw: its KSM bit is no oracle on this kernel");
	before = read_num("/proc/self/ksm_merging_pages");
	ASSERT_EQ(0, before);
	ASSERT_EQ(0, madvise(self->a, NPAGES * PAGE, MADV_MERGEABLE));
	ASSERT_EQ(0, madvise(self->b, NPAGES * PAGE, MADV_MERGEABLE));
	ASSERT_EQ(0, madvise(self->c, NPAGES * PAGE, MADV_MERGEABLE));
	ASSERT_EQ(0, osedu_write_file(KSM "pages_to_scan", "10000"));
	ASSERT_EQ(0, osedu_write_file(KSM "sleep_millisecs", "10"));
	ASSERT_EQ(0, osedu_write_file(KSM "run", "1"));

	/*
	 * ksmd merges a page in the second scan that finds it unchanged
	 * (the first only takes its checksum): a few scans, which under
	 * emulation take seconds.
	 */
	for (waited = 0; waited < 300; waited++) {
		merging = read_num("/proc/self/ksm_merging_pages");
		if (merging >= 2 * NPAGES)
			break;
		usleep(200 * 1000);
	}
	TH_LOG("after %.1f s: ksm_merging_pages %ld, pages_shared %ld, pages_sharing %ld, full_scans %ld",
	       waited * 0.2, merging, read_num(KSM "pages_shared"),
	       read_num(KSM "pages_sharing"), read_num(KSM "full_scans"));
	ASSERT_EQ(2 * NPAGES, merging);
	EXPECT_LE(NPAGES, read_num(KSM "pages_sharing"));

	/*
	 * Stop ksmd: nothing is merged or unmerged while the pages are
	 * compared (stopping leaves merged pages merged).
	 */
	ASSERT_EQ(0, osedu_write_file(KSM "run", "0"));
	for (i = 0; i < NPAGES; i++) {
		bool ok = agrees(self->a, i, &pfa, &pa, why, sizeof(why)) &&
			  agrees(self->b, i, &pfb, &pb, why, sizeof(why)) &&
			  agrees(self->c, i, &pfc[i], &pc, why, sizeof(why));

		if (ok && (pfa != pfb || !pw_has(&pa, "ksm") ||
			   !pw_has(&pb, "ksm") || pw_has(&pa, "rw") ||
			   pw_has(&pb, "rw") || !pw_has(&pa, "cow") ||
			   !pw_has(&pa, "anon") ||
			   word_num(&pa, "mapcount=") != 2)) {
			snprintf(why, sizeof(why),
				 "merged: a 0x%llx \"%s\", b 0x%llx \"%s\"",
				 (unsigned long long)pfa, pa.flags,
				 (unsigned long long)pfb, pb.flags);
			ok = false;
		}
		if (ok && (pw_has(&pc, "ksm") || !pw_has(&pc, "rw") ||
			   word_num(&pc, "mapcount=") != 1 || pfc[i] == pfa)) {
			snprintf(why, sizeof(why), "distinct: 0x%llx \"%s\"",
				 (unsigned long long)pfc[i], pc.flags);
			ok = false;
		}
		if (!ok && bad++ < 5)
			TH_LOG("page %d: %s", i, why);
	}
	EXPECT_EQ(0, bad);
	for (i = 1; i < NPAGES; i++)
		EXPECT_NE(pfc[i - 1], pfc[i]);
	/* smaps counts KSM pages per VMA from 6.4 on. */
	if (smaps_ksm_kb(self->a) >= 0) {
		EXPECT_EQ((long)(NPAGES * PAGE / 1024), smaps_ksm_kb(self->a));
		EXPECT_EQ(0, smaps_ksm_kb(self->c));
	} else {
		TH_LOG("no KSM line in smaps on this kernel");
	}

	/*
	 * A write to a merged page copies it: the writer gets a frame of
	 * its own, writable; the other still maps the KSM page, now once.
	 */
	self->a[7] ^= 1;
	ASSERT_TRUE(agrees(self->a, 0, &pfa, &pa, why, sizeof(why)))
		TH_LOG("%s", why);
	ASSERT_TRUE(agrees(self->b, 0, &pfb, &pb, why, sizeof(why)))
		TH_LOG("%s", why);
	EXPECT_NE(pfa, pfb);
	EXPECT_FALSE(pw_has(&pa, "ksm")) TH_LOG("%s", pa.flags);
	EXPECT_TRUE(pw_has(&pa, "rw")) TH_LOG("%s", pa.flags);
	EXPECT_EQ(1, word_num(&pa, "mapcount=")) TH_LOG("%s", pa.flags);
	EXPECT_TRUE(pw_has(&pb, "ksm")) TH_LOG("%s", pb.flags);
	EXPECT_EQ(1, word_num(&pb, "mapcount=")) TH_LOG("%s", pb.flags);
}

TEST_HARNESS_MAIN
