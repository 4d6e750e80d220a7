// SPDX-License-Identifier: GPL-2.0
/*
 * osedu_pagewalk selftests. Oracles: /proc/<pid>/pagemap (present bit and
 * frame of every page), /proc/<pid>/maps (VMA ranges, permissions, paths),
 * /proc/<pid>/stat (fault counts), /proc/<pid>/smaps (THP), /proc/cpuinfo
 * (la57; on arm64 the addresses mmap() accepts), and the addresses the
 * test process itself knows.
 *
 * Targets are child processes that set up their memory and then block on
 * a pipe, so that what the view shows and what the oracle says are taken
 * of the same, unchanging address space.
 */
#include <pthread.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/shm.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"

#define VIEW		"/proc/osedu/pagewalk"
#define QUERY		VIEW "/query"
#define BIGBUF		(8 << 20)
#define PAGE		4096UL
#define MIB		(1UL << 20)
#ifndef ARRAY_SIZE
#endif

/* Known symbols: text (a function), data, bss. */
int pw_data_var = 42;
static char pw_bss_arr[1 << 20];

static void load_modules(struct __test_metadata *_metadata)
{
	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_pagewalk"));
}

static ssize_t last_read;

static char *read_view(pid_t pid, ssize_t *len)
{
	char path[64], *buf = malloc(BIGBUF);
	ssize_t n;

	if (!buf)
		return NULL;
	snprintf(path, sizeof(path), VIEW "/%d", pid);
	/* Core creates the entry of a new process from deferred work. */
	osedu_wait_path(path, true, 10000);
	n = osedu_read_file(path, buf, BIGBUF);
	last_read = n;
	if (len)
		*len = n;
	if (n <= 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

struct run {
	unsigned long start, end, pages;
	char level[8], state[16], flags[160];
	unsigned long long pfn;
};

static bool parse_run(const char *line, struct run *r)
{
	return sscanf(line, "  0x%lx 0x%lx %lu %7s %15s 0x%llx %159[^\n]",
		      &r->start, &r->end, &r->pages, r->level, r->state,
		      &r->pfn, r->flags) == 7;
}

/* The run of @text that holds @addr. */
static bool find_run(const char *text, unsigned long addr, struct run *r)
{
	const char *p;

	osedu_for_each_line(p, text)
		if (!strncmp(p, "  0x", 4) && parse_run(p, r) &&
		    r->start <= addr && addr < r->end)
			return true;
	return false;
}

struct vma {
	unsigned long start, end;
	char perms[8], label[16], path[256];
};

static bool parse_vma(const char *line, struct vma *v)
{
	return sscanf(line, "vma: 0x%lx-0x%lx %7s %15s %255[^\n]",
		      &v->start, &v->end, v->perms, v->label, v->path) == 5;
}

static bool find_vma(const char *text, unsigned long addr, struct vma *v)
{
	const char *p;

	osedu_for_each_line(p, text)
		if (!strncmp(p, "vma: ", 5) && parse_vma(p, v) &&
		    v->start <= addr && addr < v->end)
			return true;
	return false;
}

static bool has_flag(const char *flags, const char *word)
{
	size_t n = strlen(word);
	const char *p = flags;

	while ((p = strstr(p, word))) {
		if ((p == flags || p[-1] == ' ') && (!p[n] || p[n] == ' '))
			return true;
		p += n;
	}
	return false;
}

/* The pagemap entry of @addr in @pid: bit 63 present, bits 0-54 pfn. */
static uint64_t pagemap_entry(pid_t pid, unsigned long addr)
{
	char path[64];
	uint64_t e = 0;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/pagemap", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return ~0ULL;
	if (pread(fd, &e, 8, (addr / PAGE) * 8) != 8)
		e = ~0ULL;
	close(fd);
	return e;
}

#define PM_PRESENT	(1ULL << 63)
#define PM_SWAP		(1ULL << 62)
#define PM_PFN(e)	((e) & ((1ULL << 55) - 1))

/*
 * Check every page of every run in @text against pagemap; returns the
 * number of pages that disagree (and logs the first few).
 */
static long check_runs_against_pagemap(struct __test_metadata *_metadata,
				       pid_t pid, const char *text,
				       long *checked)
{
	char path[64];
	unsigned long chunk = ~0UL;
	const char *p;
	long bad = 0;
	uint64_t *pm;
	struct run r;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/pagemap", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	pm = malloc(512 * sizeof(*pm));
	*checked = 0;
	osedu_for_each_line(p, text) {
		if (!strncmp(p, "  0x", 4) && parse_run(p, &r)) {
			unsigned long a;

			for (a = r.start; a < r.end; a += PAGE) {
				bool present = !strcmp(r.state, "present") ||
					       !strcmp(r.state, "protnone");
				uint64_t e;

				if (a / PAGE / 512 != chunk) {
					chunk = a / PAGE / 512;
					if (pread(fd, pm, 512 * 8,
						  chunk * 512 * 8) != 512 * 8)
						return -1;
				}
				e = pm[(a / PAGE) % 512];
				(*checked)++;
				if (present == !!(e & PM_PRESENT) &&
				    (!present || PM_PFN(e) == r.pfn +
				     (a - r.start) / PAGE))
					continue;
				if (bad++ < 5)
					TH_LOG("0x%lx: view %s pfn 0x%llx, pagemap 0x%llx",
					       a, r.state, present ? r.pfn +
					       (a - r.start) / PAGE : 0,
					       (unsigned long long)e);
			}
		}
	}
	free(pm);
	close(fd);
	return bad;
}

/*
 * A target process: runs @setup, reports @setup's result (an address) on
 * a pipe, and then runs @step each time the parent asks, until killed.
 */
struct target {
	pid_t pid;
	int cmd, reply;
};

typedef unsigned long (*target_fn)(int step);

static bool target_start(struct target *t, target_fn fn)
{
	int c[2], r[2];

	if (pipe(c) || pipe(r))
		return false;
	t->pid = fork();
	if (t->pid == 0) {
		unsigned long v;
		char step = 0;

		close(c[1]);
		close(r[0]);
		for (;;) {
			v = fn(step);
			if (write(r[1], &v, sizeof(v)) != sizeof(v))
				_exit(1);
			if (read(c[0], &step, 1) != 1)
				_exit(0);
		}
	}
	close(c[0]);
	close(r[1]);
	t->cmd = c[1];
	t->reply = r[0];
	return t->pid > 0;
}

/* Run step @step in the target and return its result. */
static unsigned long target_step(struct target *t, char step)
{
	unsigned long v = 0;

	if (step && write(t->cmd, &step, 1) != 1)
		return 0;
	if (read(t->reply, &v, sizeof(v)) != sizeof(v))
		return 0;
	return v;
}

static void target_stop(struct target *t)
{
	close(t->cmd);
	close(t->reply);
	osedu_kill_reap(t->pid);
}

/* ---- a quiet process with known text, data, bss, heap and stack ---- */

static unsigned long layout_heap;
static volatile unsigned long layout_stack_addr;

static unsigned long layout_fn(int step)
{
	volatile char on_stack[64];

	switch (step) {
	case 0:
		pw_bss_arr[MIB / 2] = 1;
		layout_heap = (unsigned long)sbrk(0);
		if (sbrk(4 * MIB) == (void *)-1)
			return 0;
		memset((void *)layout_heap, 1, 4 * MIB);
		return layout_heap;
	default:
		on_stack[0] = 1;
		layout_stack_addr = (unsigned long)on_stack;
		return layout_stack_addr;
	}
}

/*
 * How many page-table levels the kernel walks for a user address, from
 * what the CPU and the kernel let a process map. x86-64: 5 with la57
 * (/proc/cpuinfo), else 4. arm64 (4K pages, 9 bits a level): the user
 * virtual-address size in use; a hint above 2^48 is honoured only with
 * 52-bit VAs, one above 2^39 only with 48 or more.
 */
static int levels_oracle(struct __test_metadata *_metadata)
{
#ifdef __aarch64__
	static const int vabits[] = { 52, 48 };
	int bits = 39;

	for (size_t i = 0; i < ARRAY_SIZE(vabits) && bits == 39; i++) {
		unsigned long hint = 1UL << (vabits[i] - 2);
		void *p = mmap((void *)hint, PAGE, PROT_READ,
			       MAP_PRIVATE | MAP_ANONYMOUS |
			       MAP_FIXED_NOREPLACE, -1, 0);

		if (p == MAP_FAILED)
			continue;
		if ((unsigned long)p == hint)
			bits = vabits[i];
		munmap(p, PAGE);
	}
	TH_LOG("user virtual addresses: %d bits", bits);
	return (bits - 12 + 8) / 9;
#else
	static char cpu[65536];

	(void)_metadata;
	if (osedu_read_file("/proc/cpuinfo", cpu, sizeof(cpu)) <= 0)
		return -1;
	return strstr(cpu, " la57") ? 5 : 4;
#endif
}

TEST(header_matches_oracles)
{
	char path[64], comm[32], shown[32], v[32];
	struct target t;
	char *text;

	load_modules(_metadata);
	ASSERT_TRUE(target_start(&t, layout_fn));
	ASSERT_NE(0, target_step(&t, 0));
	text = read_view(t.pid, NULL);
	ASSERT_NE(NULL, text) TH_LOG("read: %zd", last_read);
	EXPECT_TRUE(osedu_is_header(text, "pagewalk"));
	EXPECT_EQ(t.pid, osedu_kv_ll(text, "pid"));
	ASSERT_TRUE(osedu_proc_stat_field(t.pid, 2, comm, sizeof(comm)));
	ASSERT_TRUE(osedu_kv(text, "comm", shown, sizeof(shown)));
	EXPECT_STREQ(comm, shown);
	EXPECT_EQ(4096, osedu_kv_ll(text, "page_size"));
	EXPECT_EQ(levels_oracle(_metadata),
		  osedu_kv_ll(text, "paging_levels"));
	/* The target is blocked: its fault counts cannot move. */
	ASSERT_TRUE(osedu_proc_stat_field(t.pid, 10, v, sizeof(v)));
	EXPECT_EQ(atoll(v), osedu_kv_ll(text, "min_flt"));
	ASSERT_TRUE(osedu_proc_stat_field(t.pid, 12, v, sizeof(v)));
	EXPECT_EQ(atoll(v), osedu_kv_ll(text, "maj_flt"));
	EXPECT_EQ(osedu_kv_ll(text, "pages_mapped"),
		  osedu_kv_ll(text, "pages_present") +
		  osedu_kv_ll(text, "pages_not_present") +
		  osedu_kv_ll(text, "pages_swapped"));
	EXPECT_LE(1024, osedu_kv_ll(text, "pages_anon"));
	snprintf(path, sizeof(path), "%d", t.pid);
	free(text);
	target_stop(&t);
}

TEST(every_page_equals_pagemap)
{
	long bad, checked;
	struct target t;
	char *text;

	load_modules(_metadata);
	ASSERT_TRUE(target_start(&t, layout_fn));
	ASSERT_NE(0, target_step(&t, 0));
	text = read_view(t.pid, NULL);
	ASSERT_NE(NULL, text) TH_LOG("read: %zd", last_read);
	bad = check_runs_against_pagemap(_metadata, t.pid, text, &checked);
	TH_LOG("%ld pages checked against pagemap", checked);
	EXPECT_EQ(0, bad);
	EXPECT_LT(1024, checked);
	free(text);
	target_stop(&t);
}

TEST(vmas_equal_maps)
{
	char path[64], maps[65536], *line, *save = NULL;
	int n_maps = 0, n_view = 0;
	struct target t;
	const char *p;
	struct vma v;
	char *text;

	load_modules(_metadata);
	ASSERT_TRUE(target_start(&t, layout_fn));
	ASSERT_NE(0, target_step(&t, 0));
	text = read_view(t.pid, NULL);
	ASSERT_NE(NULL, text) TH_LOG("read: %zd", last_read);
	snprintf(path, sizeof(path), "/proc/%d/maps", t.pid);
	ASSERT_LT(0, osedu_read_file(path, maps, sizeof(maps)));

	for (line = strtok_r(maps, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		unsigned long s, e;
		char perms[8], mpath[256] = "";
		int off = 0;

		ASSERT_EQ(3, sscanf(line, "%lx-%lx %7s %*s %*s %*s %n",
				    &s, &e, perms, &off) + 0 * off);
		if (off && line[off])
			snprintf(mpath, sizeof(mpath), "%s", line + off);
		if (!strcmp(mpath, "[vsyscall]"))
			continue;	/* the gate area is not a VMA */
		n_maps++;
		ASSERT_TRUE(find_vma(text, s, &v)) TH_LOG("%s", line);
		EXPECT_EQ(s, v.start);
		EXPECT_EQ(e, v.end);
		EXPECT_STREQ(perms, v.perms);
		if (mpath[0] == '/' || !strcmp(mpath, "[vdso]") ||
		    !strncmp(mpath, "[vvar", 5))
			EXPECT_STREQ(mpath, v.path);
		if (!strcmp(mpath, "[heap]"))
			EXPECT_STREQ("heap", v.label);
		if (!strcmp(mpath, "[stack]"))
			EXPECT_STREQ("stack", v.label);
		if (!strcmp(mpath, "[vdso]"))
			EXPECT_STREQ("vdso", v.label);
		if (!strncmp(mpath, "[vvar", 5))
			EXPECT_STREQ("vvar", v.label);
	}
	for (p = text; p; p = strchr(p + 1, '\n'))
		if (!strncmp(p, "\nvma: ", 6) && parse_vma(p + 1, &v))
			n_view++;
	EXPECT_EQ(n_maps, n_view);
	EXPECT_EQ(n_view, osedu_kv_ll(text, "vmas"));
	free(text);
	target_stop(&t);
}

TEST(labels_of_known_symbols)
{
	struct target t;
	unsigned long heap, stack;
	struct vma v;
	char *text;

	load_modules(_metadata);
	ASSERT_TRUE(target_start(&t, layout_fn));
	heap = target_step(&t, 0);
	ASSERT_NE(0, heap);
	stack = target_step(&t, 1);
	ASSERT_NE(0, stack);
	text = read_view(t.pid, NULL);
	ASSERT_NE(NULL, text) TH_LOG("read: %zd", last_read);

	ASSERT_TRUE(find_vma(text, (unsigned long)layout_fn, &v));
	EXPECT_STREQ("text", v.label);
	EXPECT_EQ('x', v.perms[2]);
	ASSERT_TRUE(find_vma(text, (unsigned long)&pw_data_var, &v));
	EXPECT_STREQ("data", v.label);
	ASSERT_TRUE(find_vma(text, (unsigned long)&pw_bss_arr[MIB / 2], &v));
	EXPECT_STREQ("bss", v.label);
	ASSERT_TRUE(find_vma(text, heap + MIB, &v));
	EXPECT_STREQ("heap", v.label);
	ASSERT_TRUE(find_vma(text, stack, &v));
	EXPECT_STREQ("stack", v.label);

	/* Each worked translation lands in its region and on pagemap. */
	{
		static const char * const labels[] = {
			"text", "data", "heap", "stack"
		};
		unsigned int i;

		for (i = 0; i < 4; i++) {
			char key[64], *blk;
			unsigned long va;
			unsigned long long pfn;

			snprintf(key, sizeof(key), "\ntranslation: %s\n",
				 labels[i]);
			blk = strstr(text, key);
			ASSERT_NE(NULL, blk) TH_LOG("%s", labels[i]);
			blk += strlen(key);
			va = osedu_kv_ull(blk, "va");
			ASSERT_NE(0, va) TH_LOG("%s", labels[i]);
			ASSERT_TRUE(find_vma(text, va, &v));
			EXPECT_STREQ(labels[i], v.label);
			pfn = osedu_kv_ull(blk, "pfn");
			EXPECT_EQ(PM_PFN(pagemap_entry(t.pid, va)), pfn);
			EXPECT_EQ(pfn << 12, osedu_kv_ull(blk, "phys"));
		}
	}
	free(text);
	target_stop(&t);
}

/* ---- demand paging ---- */

#define DEMAND_LEN	(64 * MIB)
static char *demand;

static unsigned long demand_fn(int step)
{
	unsigned long i;

	if (step == 0) {
		demand = mmap(NULL, DEMAND_LEN, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (demand == MAP_FAILED)
			return 0;
		/* Whole 2 MiB pages would make every page present. */
		madvise(demand, DEMAND_LEN, MADV_NOHUGEPAGE);
		return (unsigned long)demand;
	}
	for (i = 0; i < DEMAND_LEN; i += 3 * PAGE)
		demand[i] = 1;
	return (unsigned long)demand;
}

/* Present pages in [start, end), and how many break the every-3rd rule. */
static long present_pages(const char *text, unsigned long start,
			  unsigned long end, long *bad_pattern)
{
	unsigned long a, covered = 0;
	const char *p;
	long present = 0;
	struct run r;

	*bad_pattern = 0;
	osedu_for_each_line(p, text) {
		if (strncmp(p, "  0x", 4) || !parse_run(p, &r) ||
		    r.end <= start || r.start >= end)
			continue;
		for (a = r.start < start ? start : r.start;
		     a < r.end && a < end; a += PAGE) {
			bool is = !strcmp(r.state, "present");

			covered++;
			present += is;
			if (is != (((a - start) / PAGE) % 3 == 0))
				(*bad_pattern)++;
		}
	}
	return covered == (end - start) / PAGE ? present : -1;
}

/* For tests that do a lot under TCG: the harness default is 30 s. */
FIXTURE(slow) {
	int unused;
};

FIXTURE_SETUP(slow)
{
	load_modules(_metadata);
}

FIXTURE_TEARDOWN(slow)
{
}

TEST_F_TIMEOUT(slow, demand_paging, 300)
{
	unsigned long base, npages = DEMAND_LEN / PAGE;
	long long flt0, flt1;
	long bad, checked, pat;
	struct target t;
	struct run r;
	char *text;

	load_modules(_metadata);
	ASSERT_TRUE(target_start(&t, demand_fn));
	base = target_step(&t, 0);
	ASSERT_NE(0, base);
	text = read_view(t.pid, NULL);
	ASSERT_NE(NULL, text) TH_LOG("read: %zd", last_read);
	ASSERT_TRUE(find_run(text, base, &r));
	EXPECT_STREQ("none", r.state);
	EXPECT_LE(base + DEMAND_LEN, r.end);
	flt0 = osedu_kv_ll(text, "min_flt");
	free(text);

	ASSERT_EQ(base, target_step(&t, 1));
	text = read_view(t.pid, NULL);
	ASSERT_NE(NULL, text) TH_LOG("read: %zd", last_read);
	EXPECT_EQ((long)((npages + 2) / 3),
		  present_pages(text, base, base + DEMAND_LEN, &pat));
	EXPECT_EQ(0, pat);
	flt1 = osedu_kv_ll(text, "min_flt");
	TH_LOG("min_flt %lld -> %lld for %lu touched pages", flt0, flt1,
	       (npages + 2) / 3);
	EXPECT_LE(flt0 + (long long)((npages + 2) / 3), flt1);
	bad = check_runs_against_pagemap(_metadata, t.pid, text, &checked);
	EXPECT_EQ(0, bad);
	free(text);
	target_stop(&t);
}

/* ---- copy-on-write ---- */

/* Fork A, which maps and writes 16 pages and forks B; B writes on request. */
static pid_t cow_pair(int cmd[2], int reply[2], unsigned long *base,
		      pid_t *b)
{
	unsigned long msg[2];
	pid_t a;

	if (pipe(cmd) || pipe(reply))
		return -1;
	a = fork();
	if (a == 0) {
		char *p = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		char c;

		if (p == MAP_FAILED)
			_exit(1);
		memset(p, 7, 16 * PAGE);
		msg[0] = (unsigned long)p;
		msg[1] = fork();
		if (msg[1] == 0) {
			if (read(cmd[0], &c, 1) == 1) {
				p[0] = 9;
				if (write(reply[1], &c, 1) != 1)
					_exit(1);
			}
			for (;;)
				pause();
		}
		if (write(reply[1], msg, sizeof(msg)) != sizeof(msg))
			_exit(1);
		for (;;)
			pause();
	}
	if (a < 0 || read(reply[0], msg, sizeof(msg)) != sizeof(msg))
		return -1;
	*base = msg[0];
	*b = msg[1];
	return a;
}

TEST(copy_on_write)
{
	int cmd[2], reply[2];
	unsigned long base;
	struct run ra, rb;
	char *ta, *tb, c = 'w';
	pid_t a, b;

	load_modules(_metadata);
	a = cow_pair(cmd, reply, &base, &b);
	ASSERT_LT(0, a);

	ta = read_view(a, NULL);
	tb = read_view(b, NULL);
	ASSERT_NE(NULL, ta);
	ASSERT_NE(NULL, tb);
	ASSERT_TRUE(find_run(ta, base, &ra));
	ASSERT_TRUE(find_run(tb, base, &rb));
	EXPECT_STREQ("present", ra.state);
	EXPECT_STREQ("present", rb.state);
	EXPECT_EQ(ra.pfn, rb.pfn);
	EXPECT_EQ(PM_PFN(pagemap_entry(b, base)), rb.pfn);
	EXPECT_FALSE(has_flag(ra.flags, "rw")) TH_LOG("%s", ra.flags);
	EXPECT_FALSE(has_flag(rb.flags, "rw")) TH_LOG("%s", rb.flags);
	EXPECT_TRUE(has_flag(ra.flags, "cow"));
	EXPECT_TRUE(has_flag(rb.flags, "cow"));
	free(ta);
	free(tb);

	ASSERT_EQ(1, write(cmd[1], &c, 1));
	ASSERT_EQ(1, read(reply[0], &c, 1));
	ta = read_view(a, NULL);
	tb = read_view(b, NULL);
	ASSERT_NE(NULL, ta);
	ASSERT_NE(NULL, tb);
	ASSERT_TRUE(find_run(ta, base, &ra));
	ASSERT_TRUE(find_run(tb, base, &rb));
	EXPECT_NE(ra.pfn, rb.pfn);
	EXPECT_EQ(PM_PFN(pagemap_entry(a, base)), ra.pfn);
	EXPECT_EQ(PM_PFN(pagemap_entry(b, base)), rb.pfn);
	EXPECT_TRUE(has_flag(rb.flags, "rw")) TH_LOG("%s", rb.flags);
	EXPECT_TRUE(has_flag(rb.flags, "dirty"));
	EXPECT_FALSE(has_flag(rb.flags, "cow"));
	/* The second page was not written: still shared. */
	ASSERT_TRUE(find_run(ta, base + PAGE, &ra));
	ASSERT_TRUE(find_run(tb, base + PAGE, &rb));
	EXPECT_EQ(ra.pfn + (base + PAGE - ra.start) / PAGE,
		  rb.pfn + (base + PAGE - rb.start) / PAGE);
	free(ta);
	free(tb);
	kill(b, SIGKILL);
	osedu_kill_reap(a);
}

/* ---- sharing ---- */

static int shm_id;
static int memfd;

/* Map the SysV segment and the memfd, touch both; step 0 returns shm. */
static unsigned long share_fn(int step)
{
	static char *shm, *mfd;

	if (!shm) {
		shm = shmat(shm_id, NULL, 0);
		mfd = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED,
			   memfd, 0);
		if (shm == (void *)-1 || mfd == MAP_FAILED)
			return 0;
		memset(shm, 1, 8 * PAGE);
		memset(mfd, 2, 8 * PAGE);
	}
	return step ? (unsigned long)mfd : (unsigned long)shm;
}

static void expect_same_frames(struct __test_metadata *_metadata,
			       struct target *t1, struct target *t2,
			       unsigned long a1, unsigned long a2,
			       const char *label)
{
	char *x1 = read_view(t1->pid, NULL), *x2 = read_view(t2->pid, NULL);
	unsigned long i;
	struct run r1, r2;
	struct vma v;

	ASSERT_NE(NULL, x1);
	ASSERT_NE(NULL, x2);
	ASSERT_TRUE(find_vma(x1, a1, &v));
	EXPECT_STREQ(label, v.label);
	EXPECT_EQ('s', v.perms[3]);
	for (i = 0; i < 8; i++) {
		unsigned long p1 = a1 + i * PAGE, p2 = a2 + i * PAGE;

		ASSERT_TRUE(find_run(x1, p1, &r1));
		ASSERT_TRUE(find_run(x2, p2, &r2));
		EXPECT_STREQ("present", r1.state);
		EXPECT_EQ(r1.pfn + (p1 - r1.start) / PAGE,
			  r2.pfn + (p2 - r2.start) / PAGE);
		EXPECT_EQ(PM_PFN(pagemap_entry(t1->pid, p1)),
			  r1.pfn + (p1 - r1.start) / PAGE);
	}
	free(x1);
	free(x2);
}

TEST(shared_memory_same_frames)
{
	unsigned long s1, s2, m1, m2;
	struct target t1, t2;

	load_modules(_metadata);
	shm_id = shmget(IPC_PRIVATE, 8 * PAGE, IPC_CREAT | 0600);
	ASSERT_LE(0, shm_id);
	memfd = memfd_create("osedu_pw", 0);
	ASSERT_LE(0, memfd);
	ASSERT_EQ(0, ftruncate(memfd, 8 * PAGE));
	ASSERT_TRUE(target_start(&t1, share_fn));
	ASSERT_TRUE(target_start(&t2, share_fn));
	s1 = target_step(&t1, 0);
	s2 = target_step(&t2, 0);
	ASSERT_NE(0, s1);
	ASSERT_NE(0, s2);
	m1 = target_step(&t1, 1);
	m2 = target_step(&t2, 1);
	expect_same_frames(_metadata, &t1, &t2, s1, s2, "shm");
	expect_same_frames(_metadata, &t1, &t2, m1, m2, "shm");
	target_stop(&t1);
	target_stop(&t2);
	shmctl(shm_id, IPC_RMID, NULL);
	close(memfd);
}

/* ---- transparent huge pages ---- */

static unsigned long thp_fn(int step)
{
	char *p = mmap(NULL, 8 * MIB, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long a;

	(void)step;
	if (p == MAP_FAILED)
		return 0;
	a = ((unsigned long)p + 2 * MIB - 1) & ~(2 * MIB - 1);
	madvise((void *)a, 4 * MIB, MADV_HUGEPAGE);
	memset((void *)a, 3, 4 * MIB);
	return a;
}

/* AnonHugePages of the smaps block that holds @addr, in kB; -1 if none. */
static long smaps_anon_huge(pid_t pid, unsigned long addr)
{
	char path[64], *buf = malloc(1 << 20);
	const char *p;
	long kb = -1;

	snprintf(path, sizeof(path), "/proc/%d/smaps", pid);
	if (!buf || osedu_read_file(path, buf, 1 << 20) <= 0)
		goto out;
	osedu_for_each_line(p, buf) {
		unsigned long s, e;

		if (sscanf(p, "%lx-%lx ", &s, &e) == 2 && s <= addr &&
		    addr < e) {
			kb = osedu_kv_ll(p, "AnonHugePages");
			break;
		}
	}
out:
	free(buf);
	return kb;
}

TEST(thp_pmd_leaf)
{
	char mode[256];
	unsigned long a;
	struct target t;
	struct run r;
	long kb;
	char *text;

	load_modules(_metadata);
	if (osedu_read_file("/sys/kernel/mm/transparent_hugepage/enabled",
			    mode, sizeof(mode)) <= 0 || strstr(mode, "[never]"))
		SKIP(return, "transparent huge pages are disabled in this kernel");
	ASSERT_TRUE(target_start(&t, thp_fn));
	a = target_step(&t, 0);
	ASSERT_NE(0, a);
	kb = smaps_anon_huge(t.pid, a);
	if (kb <= 0) {
		target_stop(&t);
		SKIP(return, "the kernel gave no huge page (AnonHugePages 0)");
	}
	text = read_view(t.pid, NULL);
	ASSERT_NE(NULL, text);
	ASSERT_TRUE(find_run(text, a, &r));
	EXPECT_STREQ("pmd", r.level);
	EXPECT_STREQ("present", r.state);
	EXPECT_EQ(PM_PFN(pagemap_entry(t.pid, a)), r.pfn + (a - r.start) / PAGE);
	EXPECT_LE(kb / 2048, osedu_kv_ll(text, "huge_2M"));
	free(text);
	target_stop(&t);
}

/* ---- bad input ---- */

TEST(bad_pids_and_special_processes)
{
	static const char * const bad[] = {
		"0", "-1", "2147483648", "abc", "1x"
	};
	char path[64], buf[4096];
	unsigned int i;
	siginfo_t si;
	pid_t z;

	load_modules(_metadata);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(path, sizeof(path), VIEW "/%s", bad[i]);
		EXPECT_EQ(-ENOENT, osedu_read_file(path, buf, sizeof(buf)));
	}
	/* kthreadd (pid 2) is a kernel thread: no address space. */
	ASSERT_LT(0, osedu_read_file(VIEW "/2", buf, sizeof(buf)));
	EXPECT_NE(NULL, strstr(buf, "mm: none (kernel thread"));
	EXPECT_EQ(NULL, strstr(buf, "vma: "));

	z = fork();
	if (z == 0)
		_exit(0);
	ASSERT_EQ(0, waitid(P_PID, z, &si, WEXITED | WNOWAIT));
	snprintf(path, sizeof(path), VIEW "/%d", z);
	osedu_wait_path(path, true, 10000);
	ASSERT_LT(0, osedu_read_file(path, buf, sizeof(buf)));
	EXPECT_NE(NULL, strstr(buf, "mm: none (process has exited)"));
	waitpid(z, NULL, 0);
}

TEST_F_TIMEOUT(slow, exit_during_read, 600)
{
	int i, ok = 0, esrch = 0, enoent = 0, other = 0;
	char path[64];
	char *buf = malloc(1 << 20);

	load_modules(_metadata);
	ASSERT_NE(NULL, buf);
	for (i = 0; i < 1000; i++) {
		pid_t pid = fork();
		ssize_t n;
		int fd;

		if (pid == 0) {
			char *p = mmap(NULL, 4 * MIB, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			if (p != MAP_FAILED)
				memset(p, 1, 4 * MIB);
			_exit(0);
		}
		ASSERT_LT(0, pid);
		snprintf(path, sizeof(path), VIEW "/%d", pid);
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			enoent += errno == ENOENT;
			other += errno != ENOENT && errno != ESRCH;
			esrch += errno == ESRCH;
		} else {
			/* Small reads: many chunks while it exits. */
			while ((n = read(fd, buf, 512)) > 0)
				;
			if (n == 0)
				ok++;
			else if (errno == ESRCH)
				esrch++;
			else
				other++;
			close(fd);
		}
		waitpid(pid, NULL, 0);
	}
	TH_LOG("%d complete, %d ESRCH, %d not yet listed", ok, esrch, enoent);
	EXPECT_EQ(0, other);
	free(buf);
}

static int query(int fd, const char *req, char *out, size_t len)
{
	ssize_t n;

	if (write(fd, req, strlen(req)) < 0)
		return -errno;
	if (lseek(fd, 0, SEEK_SET) < 0)
		return -errno;
	n = osedu_read_fd(fd, out, len);
	return n < 0 ? n : 0;
}

TEST(query_bad_input)
{
	char req[512], out[4096], big[300];
	int fd;

	load_modules(_metadata);
	fd = open(QUERY, O_RDWR);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-EINVAL, query(fd, "garbage", out, sizeof(out)));
	EXPECT_EQ(-EINVAL, query(fd, "", out, sizeof(out)));
	EXPECT_EQ(-EINVAL, query(fd, "1", out, sizeof(out)));
	EXPECT_EQ(-EINVAL, query(fd, "0 0x1000", out, sizeof(out)));
	EXPECT_EQ(-EINVAL, query(fd, "-1 0x1000", out, sizeof(out)));
	EXPECT_EQ(-EINVAL, query(fd, "2147483648 0x1000", out, sizeof(out)));
	EXPECT_EQ(-EINVAL, query(fd, "1 zzz", out, sizeof(out)));
	snprintf(req, sizeof(req), "%d 0x1000-0x1000", getpid());
	EXPECT_EQ(-EINVAL, query(fd, req, out, sizeof(out)));
	snprintf(req, sizeof(req), "%d 0x2000-0x1000", getpid());
	EXPECT_EQ(-EINVAL, query(fd, req, out, sizeof(out)));
	snprintf(req, sizeof(req), "%d 0x1001-0x3000", getpid());
	EXPECT_EQ(-EINVAL, query(fd, req, out, sizeof(out)));
	snprintf(req, sizeof(req), "%d 0x0-0x100000000000", getpid());
	EXPECT_EQ(-EINVAL, query(fd, req, out, sizeof(out)));
	snprintf(req, sizeof(req), "%d 0xffffffff81000000", getpid());
	EXPECT_EQ(-EINVAL, query(fd, req, out, sizeof(out)));
	snprintf(req, sizeof(req), "%d 0xffff888000000000-0xffff888000001000",
		 getpid());
	EXPECT_EQ(-EINVAL, query(fd, req, out, sizeof(out)));
	memset(big, '1', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	EXPECT_EQ(-EINVAL, query(fd, big, out, sizeof(out)));
	EXPECT_EQ(-ESRCH, query(fd, "999999 0x1000", out, sizeof(out)));
	/* A failed request leaves nothing to read. */
	EXPECT_EQ(-EINVAL, query(fd, "x", out, sizeof(out)));
	EXPECT_EQ(0, lseek(fd, 0, SEEK_SET));
	EXPECT_EQ(0, osedu_read_fd(fd, out, sizeof(out)));
	/* Kernel thread: a one-line answer. */
	ASSERT_EQ(0, query(fd, "2 0x400000", out, sizeof(out)));
	EXPECT_NE(NULL, strstr(out, "mm: none (kernel thread"));
	close(fd);
}

TEST_F_TIMEOUT(slow, query_range_equals_pagemap, 300)
{
	unsigned long base, a;
	char req[128], *out = malloc(4 << 20);
	const char *p;
	struct target t;
	long lines = 0, bad = 0;
	int fd;

	load_modules(_metadata);
	ASSERT_NE(NULL, out);
	ASSERT_TRUE(target_start(&t, demand_fn));
	base = target_step(&t, 0);
	ASSERT_EQ(base, target_step(&t, 1));
	fd = open(QUERY, O_RDWR);
	ASSERT_LE(0, fd);
	snprintf(req, sizeof(req), "%d 0x%lx-0x%lx\n", t.pid, base,
		 base + 16 * MIB);
	ASSERT_EQ(0, query(fd, req, out, 4 << 20));
	EXPECT_EQ(4096, osedu_kv_ll(out, "pages"));
	osedu_for_each_line(p, out) {
		char level[8], state[16];
		unsigned long long pfn;
		uint64_t e;

		if (sscanf(p, "0x%lx %*s %*s %*s %*s %*s %7s %15s 0x%llx",
			   &a, level, state, &pfn) != 4)
			continue;
		lines++;
		e = pagemap_entry(t.pid, a);
		if (!strcmp(state, "present") != !!(e & PM_PRESENT) ||
		    ((e & PM_PRESENT) && PM_PFN(e) != pfn) ||
		    (!strcmp(state, "present") != (((a - base) / PAGE) % 3 == 0)))
			if (bad++ < 5)
				TH_LOG("0x%lx %s 0x%llx vs 0x%llx", a, state,
				       pfn, (unsigned long long)e);
	}
	EXPECT_EQ(4096, lines);
	EXPECT_EQ(0, bad);

	/* One address: the worked translation, on pagemap. */
	snprintf(req, sizeof(req), "%d 0x%lx", t.pid, base + 3 * PAGE + 0x123);
	ASSERT_EQ(0, query(fd, req, out, 4 << 20));
	EXPECT_EQ(PM_PFN(pagemap_entry(t.pid, base + 3 * PAGE)),
		  osedu_kv_ull(out, "pfn"));
	EXPECT_EQ((PM_PFN(pagemap_entry(t.pid, base + 3 * PAGE)) << 12) + 0x123,
		  osedu_kv_ull(out, "phys"));
	close(fd);
	free(out);
	target_stop(&t);
}

/* ---- unprivileged ---- */

static int unpriv_run(int (*fn)(void), pid_t *arg_pid)
{
	int status;
	pid_t pid = fork();

	(void)arg_pid;
	if (pid == 0) {
		if (osedu_drop_privileges())
			_exit(100);
		_exit(fn());
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int unpriv_self(void)
{
	char *buf = malloc(BIGBUF);
	const char *p;
	unsigned long long pfn;
	struct run r;
	int present = 0;

	if (!buf || osedu_read_file(VIEW "/self", buf, BIGBUF) <= 0)
		return 1;
	osedu_for_each_line(p, buf) {
		if (!strncmp(p, "  0x", 4) && parse_run(p, &r)) {
			if (r.pfn)
				return 2;
			present += !strcmp(r.state, "present");
		}
	}
	if (!present)
		return 3;
	pfn = osedu_kv_ull(strstr(buf, "translation: stack"), "phys");
	if (pfn)
		return 4;
	return 0;
}

static int unpriv_other(void)
{
	char buf[8192], req[64];
	int fd;

	if (osedu_read_file(VIEW "/1", buf, sizeof(buf)) != -EACCES)
		return 1;
	fd = open(QUERY, O_RDWR);
	if (fd < 0)
		return 2;
	if (query(fd, "1 0x400000", buf, sizeof(buf)) != -EACCES)
		return 3;
	pw_data_var++;
	snprintf(req, sizeof(req), "%d 0x%lx", getpid(),
		 (unsigned long)&pw_data_var);
	if (query(fd, req, buf, sizeof(buf)))
		return 4;
	if (!strstr(buf, "state: present") || !strstr(buf, "pfn: 0x0\n")) {
		fprintf(stderr, "# query answer:\n%s", buf);
		return 5;
	}
	return 0;
}

TEST(unprivileged_reader)
{
	load_modules(_metadata);
	EXPECT_EQ(0, unpriv_run(unpriv_self, NULL));
	EXPECT_EQ(0, unpriv_run(unpriv_other, NULL));
}

/* ---- concurrency ---- */

static unsigned long churn_fn(int step)
{
	(void)step;
	for (;;) {
		char *p = mmap(NULL, 2 * MIB, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			continue;
		p[0] = 1;
		p[MIB] = 1;
		mprotect(p, PAGE, PROT_NONE);
		munmap(p, 2 * MIB);
	}
	return 0;
}

struct reader_arg {
	pid_t pid;
	int ok, failed;
};

static void *reader(void *a)
{
	struct reader_arg *ra = a;
	char path[64], *buf = malloc(BIGBUF);
	int i;

	snprintf(path, sizeof(path), VIEW "/%d", ra->pid);
	for (i = 0; i < 200 && buf; i++) {
		ssize_t n = osedu_read_file(path, buf, BIGBUF);

		if (n > 0 && osedu_is_header(buf, "pagewalk") &&
		    strstr(buf, "translation: stack"))
			ra->ok++;
		else
			ra->failed++;
	}
	free(buf);
	return NULL;
}

TEST_F_TIMEOUT(slow, concurrent_readers_while_mapping, 600)
{
	struct reader_arg ra[8] = { };
	pthread_t th[8];
	char path[64];
	pid_t churn;
	int i;

	load_modules(_metadata);
	churn = fork();
	if (churn == 0)
		churn_fn(0);
	ASSERT_LT(0, churn);
	snprintf(path, sizeof(path), VIEW "/%d", churn);
	ASSERT_LE(0, osedu_wait_path(path, true, 10000));
	for (i = 0; i < 8; i++) {
		ra[i].pid = churn;
		ASSERT_EQ(0, pthread_create(&th[i], NULL, reader, &ra[i]));
	}
	for (i = 0; i < 8; i++) {
		pthread_join(th[i], NULL);
		EXPECT_EQ(200, ra[i].ok);
		EXPECT_EQ(0, ra[i].failed);
	}
	osedu_kill_reap(churn);
}

/* ---- PROT_NONE: in memory, no access ---- */

static unsigned long protnone_fn(int step)
{
	char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)step;
	if (p == MAP_FAILED)
		return 0;
	memset(p, 5, 4 * PAGE);
	if (mprotect(p, 4 * PAGE, PROT_NONE))
		return 0;
	return (unsigned long)p;
}

TEST(prot_none_pages)
{
	unsigned long a, i;
	struct target t;
	struct vma v;
	struct run r;
	char *text;

	load_modules(_metadata);
	ASSERT_TRUE(target_start(&t, protnone_fn));
	a = target_step(&t, 0);
	ASSERT_NE(0, a);
	text = read_view(t.pid, NULL);
	ASSERT_NE(NULL, text);
	ASSERT_TRUE(find_vma(text, a, &v));
	EXPECT_STREQ("---p", v.perms);
	EXPECT_STREQ("guard", v.label);
	for (i = 0; i < 4; i++) {
		unsigned long pa = a + i * PAGE;

		ASSERT_TRUE(find_run(text, pa, &r));
		EXPECT_STREQ("protnone", r.state);
		/* pagemap counts PROT_NONE pages as present, with a frame. */
		EXPECT_EQ(PM_PFN(pagemap_entry(t.pid, pa)),
			  r.pfn + (pa - r.start) / PAGE);
		EXPECT_FALSE(has_flag(r.flags, "rw"));
	}
	free(text);
	target_stop(&t);
}

/* ---- the architecture's own bits against the VMA's permissions ---- */

/* The permissions /proc/<pid>/maps gives the mapping of @addr. */
static bool maps_perms(const char *maps, unsigned long addr, char perms[8])
{
	const char *p;

	osedu_for_each_line(p, maps) {
		unsigned long s, e;

		if (sscanf(p, "%lx-%lx %7s", &s, &e, perms) == 3 &&
		    s <= addr && addr < e)
			return true;
	}
	return false;
}

/*
 * Every present page of a process (its text, data, heap, stack, libc,
 * vdso): the bits that only the VMA decides are what its permissions in
 * maps say. User pages are user pages; no-execute is set exactly when
 * the mapping is not executable; a writable entry is in a writable
 * mapping. x86-64: "nx", and never "global" (user entries are flushed
 * on a switch of address space). arm64: "uxn" (user execute-never),
 * always "pxn" (the kernel never executes user memory) and "ng" (user
 * entries are tagged with the address space's ASID).
 */
TEST(arch_bits_follow_maps)
{
#ifdef __aarch64__
	const char *noexec = "uxn", *always[] = { "user", "pxn", "ng" };
	const char *never = NULL;
#else
	const char *noexec = "nx", *always[] = { "user" };
	const char *never = "global";
#endif
	static char maps[65536];
	char path[64], perms[8];
	long checked = 0, bad = 0;
	struct target t;
	const char *p;
	struct run r;
	char *text;

	load_modules(_metadata);
	ASSERT_TRUE(target_start(&t, layout_fn));
	ASSERT_NE(0, target_step(&t, 0));
	text = read_view(t.pid, NULL);
	ASSERT_NE(NULL, text) TH_LOG("read: %zd", last_read);
	snprintf(path, sizeof(path), "/proc/%d/maps", t.pid);
	ASSERT_LT(0, osedu_read_file(path, maps, sizeof(maps)));

	osedu_for_each_line(p, text) {
		bool ok = true;

		if (strncmp(p, "  0x", 4) || !parse_run(p, &r) ||
		    strcmp(r.state, "present"))
			continue;
		ASSERT_TRUE(maps_perms(maps, r.start, perms))
			TH_LOG("0x%lx in no mapping", r.start);
		checked++;
		for (size_t i = 0; i < ARRAY_SIZE(always); i++)
			ok &= has_flag(r.flags, always[i]);
		ok &= !never || !has_flag(r.flags, never);
		ok &= has_flag(r.flags, noexec) == (perms[2] != 'x');
		ok &= !has_flag(r.flags, "rw") || perms[1] == 'w';
		if (!ok && bad++ < 8)
			TH_LOG("0x%lx %s: %s", r.start, perms, r.flags);
	}
	TH_LOG("%ld present runs checked against maps", checked);
	EXPECT_EQ(0, bad);
	EXPECT_LT(4, checked);
	free(text);
	target_stop(&t);
}

/* ---- streaming: small reads and seeks resume where they stopped ---- */

/*
 * Byte-sized reads re-enter the view once per byte: under arm64 emulation
 * beside another guest that outlasts the default 30 s, hence the slow
 * fixture's bound.
 */
TEST_F_TIMEOUT(slow, tiny_reads_and_seeks_match_one_read, 300)
{
	char path[64], *whole, *bits, *after;
	ssize_t len, n, off = 0;
	struct target t;
	int fd, i, retries;

	load_modules(_metadata);
	ASSERT_TRUE(target_start(&t, demand_fn));
	ASSERT_NE(0, target_step(&t, 0));
	ASSERT_NE(0, target_step(&t, 1));
	whole = read_view(t.pid, &len);
	ASSERT_NE(NULL, whole);
	bits = malloc(BIGBUF);
	ASSERT_NE(NULL, bits);

	/*
	 * The target is blocked: the same bytes in 7-byte reads. Its
	 * accessed bits can still change (aging, below), so the tiny reads
	 * count only when a whole read right after them is unchanged, else
	 * they are read again against the new view.
	 */
	snprintf(path, sizeof(path), VIEW "/%d", t.pid);
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	for (retries = 0; retries < 5; retries++) {
		ssize_t len2;

		ASSERT_EQ(0, lseek(fd, 0, SEEK_SET));
		off = 0;
		while (off < BIGBUF - 7 && (n = read(fd, bits + off, 7)) > 0)
			off += n;
		after = read_view(t.pid, &len2);
		ASSERT_NE(NULL, after);
		if (len2 == len && !memcmp(whole, after, len)) {
			free(after);
			break;
		}
		free(whole);
		whole = after;
		len = len2;
	}
	EXPECT_EQ(len, off);
	EXPECT_EQ(0, memcmp(whole, bits, len));

	/*
	 * Random seeks land on the same bytes. The view is live, and even a
	 * blocked process's accessed bits change when the kernel ages its
	 * pages (seen within seconds on 7.3, where a cleared bit splits a
	 * run and shifts what follows): a seek counts only when the whole
	 * view read right after it is unchanged, else it is retried against
	 * the new view.
	 */
	srand(1);
	for (i = 0, retries = 0; i < 50 && retries < 25; i++) {
		off_t at = rand() % len;
		ssize_t len2;
		char b[64];

		n = pread(fd, b, sizeof(b), at);
		ASSERT_LT(0, n);
		after = read_view(t.pid, &len2);
		ASSERT_NE(NULL, after);
		if (len2 != len || memcmp(whole, after, len)) {
			free(whole);
			whole = after;
			len = len2;
			retries++;
			i--;
			continue;
		}
		free(after);
		EXPECT_EQ(0, memcmp(whole + at, b, n)) TH_LOG("at %ld", (long)at);
	}
	TH_LOG("%d seeks compared, %d retried on a changed view", i, retries);
	EXPECT_EQ(50, i);
	close(fd);
	free(bits);
	free(whole);
	target_stop(&t);
}

/* ---- unload while readers are active ---- */

struct unload_reader {
	volatile int *stop;
	long reads, bad;
};

static void *unload_reader_fn(void *p)
{
	struct unload_reader *u = p;
	char *buf = malloc(1 << 20);

	/* Below the loader, as in core_test's load_unload_cycles_with_readers. */
	setpriority(PRIO_PROCESS, 0, 10);
	while (buf && !*u->stop) {
		ssize_t n = osedu_read_file(VIEW "/self", buf, 1 << 20);

		u->reads++;
		/* Gone, or removed under the open file: both are fine. */
		if (n == -ENOENT || n == -EIO || n == -ESRCH)
			continue;
		if (n <= 0 || !osedu_is_header(buf, "pagewalk"))
			u->bad++;
	}
	free(buf);
	return NULL;
}

TEST_F_TIMEOUT(slow, unload_while_reading, 600)
{
	struct unload_reader u[4] = { };
	volatile int stop = 0;
	pthread_t th[4];
	int i;

	for (i = 0; i < 4; i++) {
		u[i].stop = &stop;
		ASSERT_EQ(0, pthread_create(&th[i], NULL, unload_reader_fn,
					    &u[i]));
	}
	for (i = 0; i < 20; i++) {
		ASSERT_EQ(0, osedu_unload("osedu_pagewalk"));
		ASSERT_EQ(0, osedu_load("osedu_pagewalk"));
		usleep(20000);
	}
	stop = 1;
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		EXPECT_EQ(0, u[i].bad);
		EXPECT_LT(0, u[i].reads);
	}
	ASSERT_TRUE(osedu_module_loaded("osedu_pagewalk"));
}

TEST_HARNESS_MAIN
