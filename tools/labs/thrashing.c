// SPDX-License-Identifier: GPL-2.0
/*
 * Lab thrashing: a child sweeps over its working set of W pages again and
 * again inside a cgroup; the lab lowers memory.high step by step from
 * above W to far below it and measures, at each limit, the child's
 * progress (pages touched per second, counted by the child) and its major
 * faults per second (/proc/<pid>/stat, the oracle for paging activity).
 * Where the working set stops fitting, progress collapses and faults
 * soar: the knee. The pagewalk header of the child (pages_present,
 * pages_swapped) shows how much of it is in memory at each step. Root,
 * with swap (zram in the VM).
 *
 * It runs under the multi-generational LRU wherever the kernel has one
 * (put back as found at exit). With the classic active/inactive lists a
 * page that is swept this fast is found referenced at every look where
 * clearing the reference bit also drops its TLB entry, as arm64's
 * ptep_clear_flush_young() does (x86's leaves the entry, so a hot page
 * there looks unreferenced until the entry goes): Debian's arm64 6.1,
 * whose MGLRU is off by default, reclaimed nothing (pgsteal 0), its
 * memory.high write gave up after MAX_RECLAIM_RETRIES fruitless passes
 * (each minutes long under TCG, where every dropped TLB entry is a
 * broadcast invalidation: about 200 pages scanned a second), and since
 * over-high reclaim runs only when the group charges new memory, which a
 * child that never faults does not, no limit took effect. MGLRU ages by
 * walking the page tables and clears the bits without a flush.
 */
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <osedu/cgroup.h>
#include <osedu/lab.h>
#include <osedu/swap.h>

#define W		512		/* the working set, in pages (2 MiB) */
#define CG		"osedu-thrashing"
#define STEP_MS		1500
#define NSTEPS		9

static const struct lab lab = {
	.name = "thrashing",
	.explain_en =
"thrashing: too little memory for the working set (lecture 37)\n"
"\n"
"A process's working set is the pages it uses over a short window. When\n"
"memory holds the whole working set, page faults are rare and the CPU\n"
"does real work. When it does not, each fault evicts a page that will be\n"
"needed again soon, the next fault brings it back, and the process spends\n"
"its time waiting for the disk (here: compressed swap in RAM, zram):\n"
"'so many page faults that no real work gets done'. Progress does not\n"
"fall gently with memory: it falls off a cliff, the knee, where the\n"
"working set no longer fits.\n"
"\n"
"A child sweeps over 512 pages (2 MiB) again and again inside a cgroup;\n"
"the lab lowers the cgroup's memory.high step by step (over it the\n"
"kernel reclaims and slows the process down, never kills it).\n"
"The kernel chooses the victims with its multi-generational LRU where it\n"
"has one: with the older active/inactive lists, on a CPU whose reference\n"
"bit is exact (arm64), a page swept this fast is always found referenced,\n"
"never evicted, and the limit never takes effect.\n"
"\n"
"What to notice:\n"
"  - while the limit is above the working set: many pages touched per\n"
"    second, almost no major faults;\n"
"  - just below it: progress collapses and major faults per second soar\n"
"    (a sweep in order is the worst case for LRU: every page is evicted\n"
"    just before it is needed again);\n"
"  - pagewalk shows the pages present and swapped at each step.\n",
	.explain_ko =
"thrashing: 작업 집합보다 메모리가 적을 때 (37강)\n"
"\n"
"프로세스의 작업 집합(working set)은 짧은 시간 동안 쓰는 페이지들이다.\n"
"메모리가 작업 집합 전체를 담으면 페이지 폴트는 드물고 CPU는 실제 일을\n"
"한다. 그렇지 못하면 폴트마다 곧 다시 필요할 페이지를 내보내고, 다음 폴트가\n"
"그것을 다시 가져오며, 프로세스는 디스크(여기서는 RAM 속 압축 스왑, zram)를\n"
"기다리는 데 시간을 쓴다: '페이지 폴트가 너무 많아 실제 일을 못 하는'\n"
"스래싱이다. 진행 속도는 메모리에 따라 완만하게 줄지 않고, 작업 집합이 더는\n"
"들어가지 않는 지점(무릎, knee)에서 절벽처럼 떨어진다.\n"
"\n"
"자식 프로세스가 cgroup 안에서 512개 페이지(2 MiB)를 계속 순서대로 훑고,\n"
"랩은 cgroup의 memory.high를 단계적으로 낮춘다 (이를 넘으면 커널은\n"
"페이지를 회수하고 프로세스를 늦출 뿐 죽이지 않는다).\n"
"커널은 다세대 LRU(MGLRU)가 있으면 그것으로 쫓아낼 페이지를 고른다: 예전의\n"
"active/inactive 리스트로는 참조 비트가 정확한 CPU(arm64)에서 이렇게 빨리\n"
"훑는 페이지가 언제나 참조된 것으로 보여 쫓겨나지 않고, 제한은 효력이 없다.\n"
"\n"
"주목할 점:\n"
"  - 제한이 작업 집합보다 클 때: 초당 많은 페이지를 건드리고 major fault는\n"
"    거의 없다;\n"
"  - 그 바로 아래: 진행이 무너지고 초당 major fault가 치솟는다 (순서대로\n"
"    훑기는 LRU의 최악의 경우다: 모든 페이지가 다시 필요해지기 직전에\n"
"    쫓겨난다);\n"
"  - pagewalk가 단계마다 present인 페이지와 swap된 페이지를 보여준다.\n",
};

static long long now_ms(void)
{
	return osedu_now_ns() / 1000000;
}

struct step {
	long limit_pages;	/* memory.high minus the child's base */
	double touched_per_s, majflt_per_s;
	long present, swapped;
};

static void header_counts(pid_t pid, long *present, long *swapped)
{
	char path[64], *buf;

	snprintf(path, sizeof(path), OSEDU_ROOT "/pagewalk/%d", (int)pid);
	buf = osedu_read_all(path, OSEDU_DOC_MAX, NULL);
	*present = buf ? (long)osedu_kv_ll(buf, "pages_present") : -1;
	*swapped = buf ? (long)osedu_kv_ll(buf, "pages_swapped") : -1;
	free(buf);
}

int main(int argc, char **argv)
{
	/* Limits above the working set, around it, and far below. */
	static const long extra[NSTEPS] = {
		W + 128, W + 32, W, W - 32, W - 64, W - 128, W * 5 / 8,
		W / 2, W / 4,
	};
	struct step st[NSTEPS];
	_Atomic long *touched;
	FILE *rec;
	char dev[128], buf[64];
	long long base, t0;
	int ret, i, knee = -1, lru_gen;
	double best = 0;
	pid_t pid;

	lab_start(&lab, argc, argv);
	pw_need_root();
	ret = osedu_swap_on(128, dev, sizeof(dev));
	if (ret)
		lab_die("no swap (%s): this lab needs a swap device",
			strerror(-ret));
	ret = lru_gen = osedu_lru_gen_use(true);
	if (ret < 0)
		lab_die("cannot turn on the multi-generational LRU: %s",
			strerror(-ret));
	ret = osedu_cg_make(CG);
	if (ret)
		lab_die("cgroup v2 %s: %s", CG, strerror(-ret));
	osedu_cg_write(CG, "memory.max", "max");
	osedu_cg_write(CG, "memory.high", "max");
	touched = mmap(NULL, PW_PAGE, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (touched == MAP_FAILED)
		lab_die("mmap: %s", strerror(errno));

	pid = fork();
	if (pid < 0)
		lab_die("fork: %s", strerror(errno));
	if (pid == 0) {
		char *ws;

		/* Never outlive the lab, whatever way it ends. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		/* Wait to be moved into the cgroup before allocating. */
		while (!atomic_load(touched))
			usleep(1000);
		ws = mmap(NULL, W * PW_PAGE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (ws == MAP_FAILED)
			_exit(1);
		madvise(ws, W * PW_PAGE, MADV_NOHUGEPAGE);
		for (;;)
			for (long p = 0; p < W; p++) {
				ws[p * PW_PAGE] += 1;
				atomic_fetch_add(touched, 1);
			}
	}
	if (osedu_cg_enter(CG, pid))
		lab_die("cannot move the child into cgroup %s", CG);
	/* The child's base: what it holds without its working set. */
	base = osedu_cg_usage(CG);
	if (base < 0)
		lab_die("memory.current of %s: %s", CG, strerror((int)-base));
	atomic_store(touched, 1);
	t0 = now_ms();
	while (atomic_load(touched) < 3 * W && now_ms() - t0 < 30000)
		usleep(10000);

	printf("swap on %s; working set W = %d pages (%d KiB), swept in order\n",
	       dev, W, W * 4);
	printf("reclaim: %s\n\n", lru_gen ? "multi-generational LRU" :
	       "classic LRU (this kernel has no multi-generational LRU)");
	printf("  limit(pages)  touched/s  majflt/s  present  swapped\n");
	for (i = 0; i < NSTEPS; i++) {
		long a0, a1, f0, f1;
		long long s0, s1;

		snprintf(buf, sizeof(buf), "%lld", base + extra[i] * PW_PAGE);
		/*
		 * memory.high, not memory.max: over it the kernel reclaims
		 * and throttles, and never OOM-kills. At memory.max 6.12's
		 * classic LRU killed the child at the first limit below
		 * the working set (every swapped-in page is activated as a
		 * refault, the inactive list stays empty, direct reclaim
		 * gives up after MAX_RECLAIM_RETRIES passes).
		 */
		if (osedu_cg_write(CG, "memory.high", buf))
			lab_die("memory.high %s: %s", buf, strerror(errno));
		usleep(300 * 1000);	/* let it settle at the new limit */
		s0 = now_ms();
		a0 = atomic_load(touched);
		f0 = sl_stat(pid, pid, 12);
		usleep(STEP_MS * 1000);
		s1 = now_ms();
		a1 = atomic_load(touched);
		f1 = sl_stat(pid, pid, 12);
		st[i].limit_pages = extra[i];
		st[i].touched_per_s = (a1 - a0) * 1000.0 / (s1 - s0);
		st[i].majflt_per_s = (f1 - f0) * 1000.0 / (s1 - s0);
		header_counts(pid, &st[i].present, &st[i].swapped);
		if (st[i].touched_per_s > best)
			best = st[i].touched_per_s;
		printf("  %12ld  %9.0f  %8.0f  %7ld  %7ld\n", extra[i],
		       st[i].touched_per_s, st[i].majflt_per_s,
		       st[i].present, st[i].swapped);
	}
	kill(pid, SIGKILL);
	osedu_reap(pid);
	osedu_cg_remove(CG);

	/*
	 * The knee: the first limit where at least one touch in twenty is a
	 * major fault (the rates themselves jump about under emulation).
	 */
	for (i = 0; i < NSTEPS && knee < 0; i++)
		if (st[i].majflt_per_s * 20 > st[i].touched_per_s)
			knee = i;
	printf("\nprogress (touched/s, # = %.0f):\n", best / 40);
	for (i = 0; i < NSTEPS; i++) {
		int n = best > 0 ? (int)(st[i].touched_per_s * 40 / best) : 0;

		printf("  %4ld |%.*s\n", st[i].limit_pages, n,
		       "########################################");
	}
	if (knee >= 0)
		printf("knee: between %ld and %ld pages of memory.high above the child's base (W = %d)\n",
		       knee ? st[knee - 1].limit_pages : st[0].limit_pages,
		       st[knee].limit_pages, W);
	lab_check(st[0].majflt_per_s * 20 < st[0].touched_per_s,
		  "above the working set: %.0f major faults/s for %.0f pages touched/s",
		  st[0].majflt_per_s, st[0].touched_per_s);
	lab_check(knee > 0 && st[knee].limit_pages >= W / 2 &&
		  st[knee].limit_pages <= W + 32 &&
		  st[knee].touched_per_s * 4 < st[0].touched_per_s,
		  "progress collapses near the working set (knee at %ld pages, W = %d: %.0f -> %.0f pages/s)",
		  knee >= 0 ? st[knee].limit_pages : -1, W,
		  st[0].touched_per_s,
		  knee >= 0 ? st[knee].touched_per_s : 0.0);
	lab_check(st[NSTEPS - 1].majflt_per_s > 10 * (st[0].majflt_per_s + 1),
		  "far below it, major faults/s rose from %.0f to %.0f",
		  st[0].majflt_per_s, st[NSTEPS - 1].majflt_per_s);
	lab_check(st[NSTEPS - 1].swapped > 0,
		  "pagewalk: %ld pages swapped at the smallest limit",
		  st[NSTEPS - 1].swapped);
	rec = lab_record_open(lab.name);
	if (rec) {
		fprintf(rec, "working_set: %d\nknee: %ld\nlimit touched_per_s majflt_per_s present swapped\n",
			W, knee >= 0 ? st[knee].limit_pages : -1);
		for (i = 0; i < NSTEPS; i++)
			fprintf(rec, "%ld %.0f %.0f %ld %ld\n", st[i].limit_pages,
				st[i].touched_per_s, st[i].majflt_per_s,
				st[i].present, st[i].swapped);
		lab_record_close(rec);
	}
	printf("RESULT-DATA W=%d knee=%ld", W,
	       knee >= 0 ? st[knee].limit_pages : -1);
	for (i = 0; i < NSTEPS; i++)
		printf(" %ld:%.0f/%.0f", st[i].limit_pages,
		       st[i].touched_per_s, st[i].majflt_per_s);
	printf("\n");
	return lab_finish("the thrashing knee where the working set stops fitting");
}
