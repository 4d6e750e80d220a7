// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's replacement state of each page in the query's range rows
 * (lru active referenced unevictable swapbacked swapcache, gen=N,
 * mapcount=N), and swap. Oracles: /proc/kpageflags and /proc/kpagecount
 * for the frame /proc/self/pagemap names, /sys/kernel/mm/lru_gen/enabled
 * for the MGLRU generation, and pagemap's swap bit, type and offset for
 * pages this test pushed out with MADV_PAGEOUT to the zram swap the VM
 * provides (tools/lib/osedu/swap.c).
 *
 * Page state changes under any reader: a page compared here is read from
 * the query and the oracles again (up to five times) until both agree, and
 * only a page that never agrees counts as a mismatch. The pages are this
 * process's own and it does not touch them while comparing.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"
#include "osedu/lab.h"
#include "osedu/swap.h"

#define PAGE		4096UL
#define NPAGES		64

#define KPF_REFERENCED	2
#define KPF_LRU		5
#define KPF_ACTIVE	6
#define KPF_SWAPCACHE	13
#define KPF_SWAPBACKED	14
#define KPF_UNEVICTABLE	18
#define KPF_THP		22

#define PM_PRESENT	(1ULL << 63)
#define PM_SWAP		(1ULL << 62)

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT	21
#endif

static const struct {
	int kpf;
	const char *word;
} kbits[] = {
	{ KPF_LRU, "lru" },
	{ KPF_ACTIVE, "active" },
	{ KPF_REFERENCED, "referenced" },
	{ KPF_UNEVICTABLE, "unevictable" },
	{ KPF_SWAPBACKED, "swapbacked" },
	{ KPF_SWAPCACHE, "swapcache" },
};

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

static long word_num(const struct pw_page *p, const char *key)
{
	const char *s = strstr(p->flags, key);

	return s ? strtol(s + strlen(key), NULL, 10) : -1;
}

/*
 * Does the query's row for @va say what the oracles say? Fills @why with
 * the first disagreement.
 */
static bool page_agrees(unsigned long va, char *why, size_t len)
{
	uint64_t pm, pfn, kpf, count;
	struct pw_page p;
	size_t i;

	if (pw_one(getpid(), va, &p)) {
		snprintf(why, len, "query failed");
		return false;
	}
	pm = read_u64("/proc/self/pagemap", va / PAGE);
	if (!(pm & PM_PRESENT) || strcmp(p.state, "present")) {
		snprintf(why, len, "state %s, pagemap 0x%llx", p.state,
			 (unsigned long long)pm);
		return false;
	}
	pfn = pm & ((1ULL << 55) - 1);
	if (pfn != p.pfn) {
		snprintf(why, len, "pfn 0x%llx, pagemap 0x%llx", p.pfn,
			 (unsigned long long)pfn);
		return false;
	}
	kpf = read_u64("/proc/kpageflags", pfn);
	count = read_u64("/proc/kpagecount", pfn);
	for (i = 0; i < ARRAY_SIZE(kbits); i++) {
		bool k = kpf >> kbits[i].kpf & 1;

		if (k != pw_has(&p, kbits[i].word)) {
			snprintf(why, len, "%s: query \"%s\", kpageflags %d",
				 kbits[i].word, p.flags, k);
			return false;
		}
	}
	if (word_num(&p, "mapcount=") != (long)count) {
		snprintf(why, len, "mapcount: query \"%s\", kpagecount %llu",
			 p.flags, (unsigned long long)count);
		return false;
	}
	return true;
}

/* Pages of [base, base + n pages) that never agree, after retries. */
static int mismatches(struct __test_metadata *_metadata, char *base,
		      size_t n)
{
	char why[256];
	int bad = 0;

	for (size_t i = 0; i < n; i++) {
		int tries = 0;

		while (!page_agrees((unsigned long)base + i * PAGE, why,
				    sizeof(why)) && ++tries < 5)
			usleep(1000);
		if (tries == 5) {
			if (bad++ < 5)
				TH_LOG("page %zu: %s", i, why);
		}
	}
	return bad;
}

static void load(struct __test_metadata *_metadata)
{
	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_pagewalk"));
}

TEST(anon_file_shared_locked_agree_with_kpageflags)
{
	char *anon, *shared, *locked, *file;
	volatile char sink = 0;
	int fd;

	load(_metadata);
	anon = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	shared = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	locked = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, anon);
	ASSERT_NE(MAP_FAILED, shared);
	ASSERT_NE(MAP_FAILED, locked);
	/* Small pages only: a THP's tail pages carry no LRU flags. */
	madvise(anon, NPAGES * PAGE, MADV_NOHUGEPAGE);
	madvise(locked, NPAGES * PAGE, MADV_NOHUGEPAGE);
	memset(anon, 1, NPAGES * PAGE);
	memset(shared, 2, NPAGES * PAGE);
	ASSERT_EQ(0, mlock(locked, NPAGES * PAGE));
	memset(locked, 3, NPAGES * PAGE);
	/* Page cache: this test's own executable. */
	fd = open("/proc/self/exe", O_RDONLY);
	ASSERT_LE(0, fd);
	file = mmap(NULL, 8 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	ASSERT_NE(MAP_FAILED, file);
	for (int i = 0; i < 8; i++)
		sink += file[i * PAGE];
	/* A fork: the shared pages are then mapped twice. */
	pid_t child = fork();

	ASSERT_LE(0, child);
	if (child == 0) {
		pause();
		_exit(0);
	}

	EXPECT_EQ(0, mismatches(_metadata, anon, NPAGES));
	EXPECT_EQ(0, mismatches(_metadata, shared, NPAGES));
	EXPECT_EQ(0, mismatches(_metadata, locked, NPAGES));
	EXPECT_EQ(0, mismatches(_metadata, file, 8));

	/*
	 * What the flags must be, beyond agreeing. fork() shares the
	 * private pages copy-on-write (mapped twice), but copies no entries
	 * of a shared mapping: the child faults those in when it touches
	 * them, so they are mapped once.
	 */
	struct pw_page p;

	ASSERT_EQ(0, pw_one(getpid(), (unsigned long)shared, &p));
	EXPECT_EQ(1, word_num(&p, "mapcount=")) TH_LOG("%s", p.flags);
	EXPECT_TRUE(pw_has(&p, "swapbacked")) TH_LOG("%s", p.flags);
	ASSERT_EQ(0, pw_one(getpid(), (unsigned long)locked, &p));
	EXPECT_TRUE(pw_has(&p, "unevictable")) TH_LOG("%s", p.flags);
	EXPECT_EQ(2, word_num(&p, "mapcount=")) TH_LOG("%s", p.flags);
	ASSERT_EQ(0, pw_one(getpid(), (unsigned long)anon, &p));
	EXPECT_TRUE(pw_has(&p, "swapbacked")) TH_LOG("%s", p.flags);
	EXPECT_TRUE(pw_has(&p, "cow")) TH_LOG("%s", p.flags);
	EXPECT_EQ(2, word_num(&p, "mapcount=")) TH_LOG("after fork: %s",
						       p.flags);
	osedu_kill_reap(child);
	(void)sink;
}

/*
 * A page that maps no frame of its own carries no replacement state: the
 * zero page a read fault maps, and pages never touched.
 */
TEST(zero_and_untouched_pages_have_no_state)
{
	struct pw_page p[2];
	volatile char sink;
	char *m;

	load(_metadata);
	m = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		 0);
	ASSERT_NE(MAP_FAILED, m);
	madvise(m, 2 * PAGE, MADV_NOHUGEPAGE);
	sink = m[0];
	(void)sink;
	ASSERT_EQ(0, pw_range(getpid(), (unsigned long)m, 2, p));
	EXPECT_TRUE(pw_has(&p[0], "zero")) TH_LOG("%s", p[0].flags);
	EXPECT_EQ(-1, word_num(&p[0], "mapcount=")) TH_LOG("%s", p[0].flags);
	EXPECT_STREQ("none", p[1].state);
	EXPECT_EQ(-1, word_num(&p[1], "mapcount=")) TH_LOG("%s", p[1].flags);
}

/* Is the multi-generational LRU on? -1 when the kernel has none. */
static int mglru_on(void)
{
	char buf[32];

	if (osedu_read_file("/sys/kernel/mm/lru_gen/enabled", buf,
			    sizeof(buf)) <= 0)
		return -1;
	return strtoul(buf, NULL, 0) & 1;
}

static int set_mglru(bool on)
{
	return osedu_write_file("/sys/kernel/mm/lru_gen/enabled",
				on ? "y" : "n") < 0 ? -1 : 0;
}

/*
 * gen=N shows on a page on an LRU list exactly when the MGLRU is on; it
 * is switched both ways at run time here (lru_gen/enabled), and pages
 * faulted in after each switch are looked at.
 */
TEST(mglru_generation_follows_lru_gen_enabled)
{
	int was = mglru_on();

	load(_metadata);
	if (was < 0)
		SKIP(return, "kernel without CONFIG_LRU_GEN");
	for (int round = 0; round < 2; round++) {
		bool on = round == 0 ? !was : was;
		int lru = 0, with_gen = 0;
		struct pw_page p[NPAGES];
		char *m;

		ASSERT_EQ(0, set_mglru(on));
		ASSERT_EQ(on, mglru_on());
		m = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		ASSERT_NE(MAP_FAILED, m);
		madvise(m, NPAGES * PAGE, MADV_NOHUGEPAGE);
		memset(m, 1, NPAGES * PAGE);
		/* Let the per-CPU batches reach the lists. */
		usleep(200 * 1000);
		ASSERT_EQ(0, pw_range(getpid(), (unsigned long)m, NPAGES, p));
		for (int i = 0; i < NPAGES; i++) {
			if (!pw_has(&p[i], "lru"))
				continue;
			lru++;
			with_gen += word_num(&p[i], "gen=") >= 0;
			EXPECT_LE(word_num(&p[i], "gen="), 3);
		}
		TH_LOG("MGLRU %s: %d of %d pages on an LRU list, %d with gen=",
		       on ? "on" : "off", lru, NPAGES, with_gen);
		EXPECT_LT(0, lru);
		EXPECT_EQ(on ? lru : 0, with_gen);
		munmap(m, NPAGES * PAGE);
	}
	EXPECT_EQ(was, mglru_on());
}

/*
 * Pages pushed out to swap with MADV_PAGEOUT read "swap" with the slot
 * pagemap names (type and offset, to root), the header counts them as
 * /proc/self/status VmSwap does, and come back present with their data.
 */
TEST(swap_out_and_in_agrees_with_pagemap)
{
	char dev[128], path[64], *m, *view, *status;
	struct pw_page p[NPAGES];
	int swapped = 0, agree = 0, ret;

	load(_metadata);
	ret = osedu_swap_on(64, dev, sizeof(dev));
	if (ret == -ENODEV)
		SKIP(return, "no swap, and no zram module to make one");
	ASSERT_EQ(0, ret);
	m = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, m);
	madvise(m, NPAGES * PAGE, MADV_NOHUGEPAGE);
	for (int i = 0; i < NPAGES; i++)
		memset(m + i * PAGE, i + 1, PAGE);
	ASSERT_EQ(0, madvise(m, NPAGES * PAGE, MADV_PAGEOUT));

	ASSERT_EQ(0, pw_range(getpid(), (unsigned long)m, NPAGES, p));
	for (int i = 0; i < NPAGES; i++) {
		uint64_t pm = read_u64("/proc/self/pagemap",
				       (unsigned long)m / PAGE + i);

		if (!strcmp(p[i].state, "swap"))
			swapped++;
		if (!(pm & PM_SWAP) != !!strcmp(p[i].state, "swap"))
			continue;
		if (pm & PM_SWAP) {
			char want[32];

			/* pagemap: type in bits 0-4, offset in 5-54. */
			snprintf(want, sizeof(want), "swap_type=%llu",
				 (unsigned long long)(pm & 31));
			if (p[i].pfn != ((pm & ((1ULL << 55) - 1)) >> 5) ||
			    strcmp(p[i].flags, want)) {
				TH_LOG("page %d: offset 0x%llx %s, pagemap 0x%llx",
				       i, p[i].pfn, p[i].flags,
				       (unsigned long long)pm);
				continue;
			}
		}
		agree++;
	}
	TH_LOG("%d of %d pages swapped out to %s, %d agree with pagemap",
	       swapped, NPAGES, dev, agree);
	EXPECT_LT(NPAGES / 2, swapped);
	EXPECT_EQ(NPAGES, agree);

	snprintf(path, sizeof(path), "/proc/osedu/pagewalk/%d", getpid());
	view = osedu_read_all(path, OSEDU_DOC_MAX, NULL);
	status = osedu_read_all("/proc/self/status", 1 << 20, NULL);
	ASSERT_NE(NULL, view);
	ASSERT_NE(NULL, status);
	/* Only this test's pages are swapped in this process. */
	EXPECT_EQ(osedu_kv_ll(status, "VmSwap") / 4,
		  osedu_kv_ll(view, "pages_swapped"));
	free(view);
	free(status);

	for (int i = 0; i < NPAGES; i++)
		ASSERT_EQ(i + 1, m[i * PAGE + 7]);
	ASSERT_EQ(0, pw_range(getpid(), (unsigned long)m, NPAGES, p));
	for (int i = 0; i < NPAGES; i++)
		EXPECT_STREQ("present", p[i].state);
	EXPECT_EQ(0, mismatches(_metadata, m, NPAGES));
	munmap(m, NPAGES * PAGE);
}

/* An unprivileged opener sees that a page is swapped, not where. */
TEST(swap_slot_is_for_admin_only)
{
	char dev[128];
	int ret;
	char *m;

	load(_metadata);
	ret = osedu_swap_on(64, dev, sizeof(dev));
	if (ret == -ENODEV)
		SKIP(return, "no swap, and no zram module to make one");
	ASSERT_EQ(0, ret);
	pid_t child = fork();

	ASSERT_LE(0, child);
	if (child == 0) {
		struct pw_page p;

		if (osedu_drop_privileges())
			_exit(10);
		m = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED)
			_exit(11);
		memset(m, 5, PAGE);
		if (madvise(m, PAGE, MADV_PAGEOUT))
			_exit(12);
		if (pw_one(getpid(), (unsigned long)m, &p))
			_exit(13);
		if (strcmp(p.state, "swap"))
			_exit(14);
		/* Neither the offset nor the type. */
		_exit(p.pfn == 0 && !strcmp(p.flags, "-") ? 0 : 15);
	}
	EXPECT_EQ(0, osedu_reap(child));
}

/*
 * Readers during heavy reclaim and migration: a child keeps writing its
 * pages and pushing them out (MADV_PAGEOUT) while compaction migrates
 * memory, and readers walk it through the per-task file and the query.
 * No splat (vm/run watches the console), every read ends, and once the
 * child is stopped the query agrees with pagemap on every page: nothing
 * stale is shown as present, and swap slots match.
 */
#define CHURN_PAGES	256

static volatile int churn_stop;
static pid_t churn_pid;
static _Atomic long churn_reads, churn_migration;

static void *churn_reader(void *arg)
{
	struct pw_page p[CHURN_PAGES];
	unsigned long base = (unsigned long)arg;
	char path[64], *buf;

	snprintf(path, sizeof(path), "/proc/osedu/pagewalk/%d", churn_pid);
	while (!churn_stop) {
		buf = osedu_read_all(path, OSEDU_DOC_MAX, NULL);
		free(buf);
		if (!pw_range(churn_pid, base, CHURN_PAGES, p))
			for (int i = 0; i < CHURN_PAGES; i++)
				churn_migration += !strcmp(p[i].state,
							   "migration");
		churn_reads++;
	}
	return NULL;
}

/* Wait up to @ms for @pid to be in the stopped state ('T', /proc stat). */
static bool stopped(pid_t pid, int ms)
{
	char state[8];

	for (int waited = 0; waited < ms; waited += 10) {
		if (osedu_proc_stat_field(pid, 3, state, sizeof(state)) &&
		    state[0] == 'T')
			return true;
		usleep(10 * 1000);
	}
	return false;
}

static void *compact(void *arg)
{
	(void)arg;
	osedu_write_file("/proc/sys/vm/compact_memory", "1");
	return NULL;
}

TEST(readers_during_reclaim_and_migration)
{
	struct pw_page p[CHURN_PAGES];
	unsigned long base;
	pthread_t th[3], compactor;
	int sv[2], ret, agree = 0, swapped = 0;
	char dev[128], path[64];

	load(_metadata);
	ret = osedu_swap_on(64, dev, sizeof(dev));
	if (ret == -ENODEV)
		SKIP(return, "no swap, and no zram module to make one");
	ASSERT_EQ(0, ret);
	ASSERT_EQ(0, pipe(sv));
	churn_pid = fork();
	ASSERT_LE(0, churn_pid);
	if (churn_pid == 0) {
		char *m = mmap(NULL, CHURN_PAGES * PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		unsigned long a = (unsigned long)m;

		if (m == MAP_FAILED)
			_exit(1);
		madvise(m, CHURN_PAGES * PAGE, MADV_NOHUGEPAGE);
		memset(m, 1, CHURN_PAGES * PAGE);
		if (write(sv[1], &a, sizeof(a)) != sizeof(a))
			_exit(2);
		for (unsigned int n = 0;; n++) {
			for (int i = 0; i < CHURN_PAGES; i += 1 + n % 3)
				m[i * PAGE] = (char)n;
			madvise(m, CHURN_PAGES * PAGE, MADV_PAGEOUT);
		}
	}
	ASSERT_EQ(sizeof(base), read(sv[0], &base, sizeof(base)));
	churn_stop = 0;
	for (int i = 0; i < 3; i++)
		ASSERT_EQ(0, pthread_create(&th[i], NULL, churn_reader,
					    (void *)base));
	/*
	 * Compaction migrates pages (migration entries, briefly); it runs
	 * once, on a thread: under emulation one pass takes seconds.
	 */
	ASSERT_EQ(0, pthread_create(&compactor, NULL, compact, NULL));
	sleep(3);
	churn_stop = 1;
	for (int i = 0; i < 3; i++)
		pthread_join(th[i], NULL);
	pthread_join(compactor, NULL);

	/*
	 * Stopped: a state that holds still. SIGSTOP takes effect when the
	 * child returns to user space, after the MADV_PAGEOUT it may be in
	 * (under emulation one takes longer than any fixed wait), so wait
	 * for the stopped state itself.
	 */
	kill(churn_pid, SIGSTOP);
	ASSERT_TRUE(stopped(churn_pid, 60000));
	snprintf(path, sizeof(path), "/proc/%d/pagemap", churn_pid);
	ASSERT_EQ(0, pw_range(churn_pid, base, CHURN_PAGES, p));
	for (int i = 0; i < CHURN_PAGES; i++) {
		uint64_t pm = read_u64(path, base / PAGE + i);
		bool present = !strcmp(p[i].state, "present");
		bool swap = !strcmp(p[i].state, "swap");

		swapped += swap;
		if (present && (pm & PM_PRESENT) &&
		    (pm & ((1ULL << 55) - 1)) == p[i].pfn)
			agree++;
		else if (swap && (pm & PM_SWAP) &&
			 ((pm & ((1ULL << 55) - 1)) >> 5) == p[i].pfn)
			agree++;
		else if (agree + 5 > i)
			TH_LOG("page %d: %s 0x%llx, pagemap 0x%llx", i,
			       p[i].state, p[i].pfn, (unsigned long long)pm);
	}
	TH_LOG("%ld reads during the churn, %ld migration entries seen; after: %d of %d pages swapped, %d agree with pagemap",
	       (long)churn_reads, (long)churn_migration, swapped,
	       CHURN_PAGES, agree);
	EXPECT_LT(0, churn_reads);
	EXPECT_EQ(CHURN_PAGES, agree);
	osedu_kill_reap(churn_pid);
	close(sv[0]);
	close(sv[1]);
}

TEST_HARNESS_MAIN
