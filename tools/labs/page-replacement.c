// SPDX-License-Identifier: GPL-2.0
/*
 * Lab page-replacement: a child process touches its pages in a known
 * reference string inside a cgroup whose memory.high leaves room for about
 * F of them, with swap on. After every reference the lab reads the
 * child's pages from the pagewalk query, so it sees which pages the
 * kernel evicted (present -> swap) and when, and counts the kernel's
 * page faults. The same string is simulated under FIFO, LRU, OPT, clock
 * (second chance), LFU and NUR with F frames, where F is the most pages
 * the kernel ever held at once (measured: page tables and the child's
 * other memory are charged too, so it is fuzzy). Oracles: the child's
 * major-fault count (/proc/<pid>/stat) against the swap-ins seen, and OPT:
 * no policy with F frames faults less. Done for the classic two-list LRU
 * and for the multi-generational LRU where the kernel can switch. Root.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <osedu/cgroup.h>
#include <osedu/lab.h>
#include <osedu/swap.h>

#define NPAGES		256		/* the child's pages */
#define NREFS		1200		/* length of the reference string */
#define FRAMES		96		/* pages memory.high is set to hold */
#define WINDOW		64		/* pages most references fall in */
#define NUR_CLEAR	16		/* NUR clears R every this many refs */

enum { P_FIFO, P_LRU, P_OPT, P_CLOCK, P_LFU, P_NUR, NPOL };
static const char *const pol_name[NPOL] = {
	"FIFO", "LRU", "OPT", "clock", "LFU", "NUR",
};

static const struct lab lab = {
	.name = "page-replacement",
	.explain_en =
"page-replacement: the kernel's evictions next to FIFO, LRU, OPT, clock,\n"
"LFU and NUR on the same reference string (lecture 37)\n"
"\n"
"When every frame is in use, a page fault must evict a page. The lecture\n"
"compares policies on a reference string: FIFO evicts the oldest page,\n"
"LRU the least recently used, OPT the one used farthest in the future\n"
"(the unreachable optimum), clock gives pages with the reference bit a\n"
"second chance, LFU evicts the least often used, NUR the lowest (R,M)\n"
"class. Linux approximates LRU with lists (active/inactive, or the\n"
"multi-generational LRU) and evicts anonymous pages to swap.\n"
"\n"
"Here a child touches 256 pages in a string with changing locality, in\n"
"a cgroup whose memory.high leaves room for about 96 of them. After each\n"
"reference the lab looks at the child's page tables: a page that went\n"
"from present to swap was evicted by the kernel right then.\n"
"\n"
"What to notice:\n"
"  - the kernel's fault count lies between OPT's and the worst policy's;\n"
"  - the kernel's frame count F is not exact: memory.high also pays for\n"
"    page tables and the child's other memory;\n"
"  - which pages the kernel chose, compared with each policy's choice.\n",
	.explain_ko =
"page-replacement: 같은 참조열에서 커널의 페이지 교체와 FIFO, LRU, OPT,\n"
"클록, LFU, NUR 비교 (37강)\n"
"\n"
"모든 프레임이 쓰이고 있을 때 페이지 폴트가 나면 어떤 페이지를 내보내야\n"
"한다. 강의는 참조열로 정책을 비교한다: FIFO는 가장 먼저 들어온 페이지를,\n"
"LRU는 가장 오래 쓰이지 않은 페이지를, OPT는 앞으로 가장 늦게 쓰일\n"
"페이지를 (실현 불가능한 최적) 내보낸다. 클록은 참조 비트가 있는 페이지에\n"
"두 번째 기회를 주고, LFU는 가장 적게 쓰인 페이지를, NUR은 (R,M) 부류가\n"
"가장 낮은 페이지를 내보낸다. 리눅스는 리스트(active/inactive, 또는\n"
"multi-generational LRU)로 LRU를 근사하고 익명 페이지를 스왑으로 내보낸다.\n"
"\n"
"여기서는 자식 프로세스가 지역성이 바뀌는 참조열로 256개 페이지를 건드리고,\n"
"cgroup의 memory.high는 그중 약 96개만 담을 수 있다. 참조 하나마다 랩이\n"
"자식의 페이지 테이블을 본다: present에서 swap으로 바뀐 페이지는 바로 그때\n"
"커널이 내보낸 것이다.\n"
"\n"
"주목할 점:\n"
"  - 커널의 폴트 수는 OPT와 가장 나쁜 정책 사이에 있다;\n"
"  - 커널의 프레임 수 F는 정확하지 않다: memory.high는 페이지 테이블과\n"
"    자식의 다른 메모리에도 쓰인다;\n"
"  - 커널이 고른 페이지와 각 정책이 고른 페이지의 비교.\n",
};

struct ref {
	int page;
	bool write;
};

/* A string with changing locality, the same on every run (xorshift). */
static void make_string(struct ref *r)
{
	unsigned int x = 2463534242u;
	int i, base = 0;

	for (i = 0; i < NREFS; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		/* Every 200 references the working set moves. */
		if (i % 200 == 0)
			base = (i / 200 * 37) % NPAGES;
		if (x % 10 < 8)		/* 80% inside the window */
			r[i].page = (base + (x >> 8) % WINDOW) % NPAGES;
		else
			r[i].page = (x >> 8) % NPAGES;
		r[i].write = (x >> 4) % 3 == 0;
	}
	/* A page is first touched by a write: a read would map zero. */
	{
		bool seen[NPAGES] = { false };

		for (i = 0; i < NREFS; i++) {
			if (!seen[r[i].page])
				r[i].write = true;
			seen[r[i].page] = true;
		}
	}
}

/* ---- the textbook policies ------------------------------------------- */

struct sim {
	int faults;
	bool in[NPAGES];
	int nin;
	long loaded[NPAGES], used[NPAGES], count[NPAGES];
	bool r[NPAGES], m[NPAGES];
	int hand;
};

static int next_use(const struct ref *s, int from, int page)
{
	for (int i = from; i < NREFS; i++)
		if (s[i].page == page)
			return i;
	return NREFS + page;	/* never again: farthest of all */
}

static int victim(struct sim *sm, int pol, const struct ref *s, int t)
{
	int best = -1, p;
	long key = 0, k;

	if (pol == P_CLOCK) {
		for (;;) {
			p = sm->hand;
			sm->hand = (sm->hand + 1) % NPAGES;
			if (!sm->in[p])
				continue;
			if (!sm->r[p])
				return p;
			sm->r[p] = false;	/* a second chance */
		}
	}
	for (p = 0; p < NPAGES; p++) {
		if (!sm->in[p])
			continue;
		switch (pol) {
		case P_FIFO:
			k = -sm->loaded[p];
			break;
		case P_LRU:
			k = -sm->used[p];
			break;
		case P_OPT:
			k = next_use(s, t + 1, p);
			break;
		case P_LFU:
			k = -(sm->count[p] * (NREFS + 1L) + sm->used[p]);
			break;
		default:	/* NUR: lowest (R,M) class, oldest first */
			k = -((sm->r[p] * 2 + sm->m[p]) * (NREFS + 1L) +
			      sm->loaded[p]);
			break;
		}
		if (best < 0 || k > key) {
			best = p;
			key = k;
		}
	}
	return best;
}

/*
 * Run policy POL with F frames; EVICTED[t] gets the page evicted at step
 * t (-1: none), RESIDENT[t][p] whether p is in memory after step t.
 */
static int simulate(int pol, int f, const struct ref *s, int *evicted,
		    bool (*resident)[NPAGES])
{
	struct sim sm = { 0 };
	int t, p;

	for (t = 0; t < NREFS; t++) {
		p = s[t].page;
		evicted[t] = -1;
		if (pol == P_NUR && t % NUR_CLEAR == 0)
			memset(sm.r, 0, sizeof(sm.r));
		if (!sm.in[p]) {
			sm.faults++;
			if (sm.nin == f) {
				int v = victim(&sm, pol, s, t);

				sm.in[v] = false;
				sm.nin--;
				evicted[t] = v;
				/* The frame's next page starts clean. */
				sm.m[v] = false;
				sm.count[v] = 0;
			}
			sm.in[p] = true;
			sm.nin++;
			sm.loaded[p] = t;
		}
		sm.used[p] = t;
		sm.count[p]++;
		sm.r[p] = true;
		if (s[t].write)
			sm.m[p] = true;
		memcpy(resident[t], sm.in, sizeof(sm.in));
	}
	return sm.faults;
}

/* ---- the kernel --------------------------------------------------------- */

/* A fresh group per run: a finished child's swap cache stays charged. */
static char cg_name[64] = "osedu-page-replacement";

static void cg_set(const char *file, const char *s)
{
	int ret = osedu_cg_write(cg_name, file, s);

	if (ret)
		lab_die("cgroup %s/%s: %s", cg_name, file, strerror(-ret));
}

static long majflt(pid_t pid)
{
	char path[64], *buf, *p;
	long v = -1;
	int field;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	buf = lab_must_read(path);
	/* Field 12; comm (field 2) may hold spaces: count after ')'. */
	p = strrchr(buf, ')');
	for (field = 2; p && field < 12; field++)
		p = strchr(p + 1, ' ');
	if (p)
		v = strtol(p + 1, NULL, 10);
	free(buf);
	return v;
}

#define MAX_EVENTS	(16 * NREFS)

struct kernel_run {
	int faults, swapins, first_touch, evictions, f_measured;
	long majflt;
	/* Every eviction seen: at step ev_t[i], page ev_page[i]. */
	int ev_t[MAX_EVENTS], ev_page[MAX_EVENTS];
	int nev;
};

/* The child: touch what the lab says, one reference per command. */
static void child(int cmd, int ack, char *mem)
{
	int op;
	volatile char sink = 0;

	for (;;) {
		if (read(cmd, &op, sizeof(op)) != sizeof(op) || op < 0)
			_exit(0);
		if (op & 0x1000)
			mem[(op & 0xfff) * PW_PAGE] = (char)op;
		else
			sink += mem[(op & 0xfff) * PW_PAGE];
		if (write(ack, "", 1) != 1)
			_exit(1);
	}
	(void)sink;
}

static void run_kernel(const struct ref *s, struct kernel_run *k, int run)
{
	static struct pw_page pg[NPAGES];
	int cmd[2], ack[2], t, p, op;
	bool was[NPAGES] = { false }, ever[NPAGES] = { false };
	/* One page beyond the string's, to settle the child's memory. */
	const size_t len = (NPAGES + 1) * PW_PAGE;
	char *mem, buf[32], c;
	long base, m0;
	pid_t pid;
	int ret;

	memset(k, 0, sizeof(*k));
	snprintf(cg_name, sizeof(cg_name), "osedu-page-replacement-%d", run);
	ret = osedu_cg_make(cg_name);
	if (ret)
		lab_die("cgroup v2 %s: %s", cg_name, strerror(-ret));
	mem = mmap(NULL, len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED || pipe(cmd) || pipe(ack))
		lab_die("mmap/pipe: %s", strerror(errno));
	madvise(mem, len, MADV_NOHUGEPAGE);
	cg_set("memory.max", "max");
	cg_set("memory.high", "max");
	pid = fork();
	if (pid < 0)
		lab_die("fork: %s", strerror(errno));
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(cmd[1]);
		close(ack[0]);
		child(cmd[0], ack[1], mem);
	}
	close(cmd[0]);
	close(ack[1]);
	if (osedu_cg_enter(cg_name, pid))
		lab_die("cannot move the child into cgroup %s", cg_name);
	/* What the child holds before its pages: the cgroup's base. */
	op = 0x1000 | NPAGES;	/* the extra page: the tables, the stack */
	if (write(cmd[1], &op, sizeof(op)) != sizeof(op) ||
	    read(ack[0], &c, 1) != 1)
		lab_die("the child did not answer");
	base = osedu_cg_usage(cg_name);
	if (base < 0)
		lab_die("memory.current of %s: %s", cg_name, strerror((int)-base));
	snprintf(buf, sizeof(buf), "%ld", base + FRAMES * (long)PW_PAGE);
	/*
	 * memory.high, not memory.max: over it the kernel reclaims on the
	 * child's way back to user space and throttles it, and never calls
	 * the OOM killer. At memory.max a charge that direct reclaim cannot
	 * cover within MAX_RECLAIM_RETRIES passes kills the child: 6.12's
	 * classic LRU activates every page that comes back from swap
	 * (workingset refault), leaves the inactive list empty and gives up,
	 * as make check saw (memory.events oom_kill 1; memory.stat at the
	 * kill: inactive_anon 0, every page on the active list).
	 */
	cg_set("memory.high", buf);
	m0 = majflt(pid);

	for (t = 0; t < NREFS; t++) {
		int present = 0;

		p = s[t].page;
		if (!was[p]) {
			k->faults++;
			if (ever[p])
				k->swapins++;
			else
				k->first_touch++;
		}
		op = p | (s[t].write ? 0x1000 : 0);
		if (write(cmd[1], &op, sizeof(op)) != sizeof(op) ||
		    read(ack[0], &c, 1) != 1)
			lab_die("the child died at reference %d (memory.events oom_kill %ld)",
				t, (long)osedu_cg_num(cg_name, "memory.events", "oom_kill"));
		ever[p] = true;
		if (pw_range(pid, (unsigned long)mem, NPAGES, pg))
			lab_die("%s: %s", PW_QUERY, strerror(errno));
		for (int q = 0; q < NPAGES; q++) {
			bool now = !strcmp(pg[q].state, "present");

			if (was[q] && !now && !strcmp(pg[q].state, "swap")) {
				k->evictions++;
				if (k->nev < MAX_EVENTS) {
					k->ev_t[k->nev] = t;
					k->ev_page[k->nev++] = q;
				}
			}
			was[q] = now;
			present += now;
		}
		if (present > k->f_measured)
			k->f_measured = present;
	}
	k->majflt = majflt(pid) - m0;
	op = -1;
	if (write(cmd[1], &op, sizeof(op)) != sizeof(op))
		kill(pid, SIGKILL);
	osedu_reap(pid);
	close(cmd[1]);
	close(ack[0]);
	munmap(mem, len);
	osedu_cg_remove(cg_name);
}

/* Of the kernel's evictions, how many pages policy POL also had out. */
static int agreement(const struct kernel_run *k, bool (*resident)[NPAGES])
{
	int i, agree = 0;

	for (i = 0; i < k->nev; i++)
		agree += !resident[k->ev_t[i]][k->ev_page[i]];
	return agree;
}

static bool (*res[NPOL])[NPAGES];
static int evicted[NPOL][NREFS];
static FILE *rec;	/* the lab's record, if asked for (lab.h) */

/* One row of the record's table: NAME FAULTS STEP:PAGE,... ("-": none). */
static void record_row(const char *name, int faults, const int *t,
		       const int *page, int n)
{
	fprintf(rec, "%s %d ", name, faults);
	for (int i = 0; i < n; i++)
		fprintf(rec, "%s%d:%d", i ? "," : "", t[i], page[i]);
	fprintf(rec, "%s\n", n ? "" : "-");
}

static void record_run(const char *run, const struct kernel_run *k,
		       const int *faults)
{
	static int t[NREFS], page[NREFS];

	if (!rec)
		return;
	fprintf(rec, "\nrun: %s\nframes: %d\nfirst_touches: %d\nswapins: %d\nmajflt: %ld\n",
		run, k->f_measured, k->first_touch, k->swapins, k->majflt);
	fprintf(rec, "policy faults evictions\n");
	record_row("kernel", k->faults, k->ev_t, k->ev_page, k->nev);
	for (int i = 0; i < NPOL; i++) {
		int n = 0;

		for (int j = 0; j < NREFS; j++)
			if (evicted[i][j] >= 0) {
				t[n] = j;
				page[n++] = evicted[i][j];
			}
		record_row(pol_name[i], faults[i], t, page, n);
	}
}

static void compare(const char *lru, const char *run, const struct ref *s,
		    struct kernel_run *k)
{
	int faults[NPOL], i, t, shown = 0;
	int f = k->f_measured;

	printf("\n== %s: kernel ==\n", lru);
	printf("memory.high = the child's other memory + %d pages; the kernel held at most %d of the %d pages at once (F)\n",
	       FRAMES, f, NPAGES);
	printf("kernel: %d faults (%d first touches, %d swap-ins), %d evictions seen; major faults (/proc/pid/stat) %ld\n",
	       k->faults, k->first_touch, k->swapins, k->evictions,
	       k->majflt);
	for (i = 0; i < NPOL; i++)
		faults[i] = simulate(i, f, s, evicted[i], res[i]);
	printf("\n  policy  faults (F=%d)  kernel's evicted pages it had out too\n",
	       f);
	for (i = 0; i < NPOL; i++)
		printf("  %-6s  %6d        %d of %d\n", pol_name[i], faults[i],
		       agreement(k, res[i]), k->evictions);
	printf("  kernel  %6d\n", k->faults);
	printf("\n  first evictions: step page(kernel) | FIFO LRU OPT clock LFU NUR\n");
	for (i = 0; i < k->nev && shown < 8; i++) {
		t = k->ev_t[i];
		if (i && k->ev_t[i - 1] == t)
			continue;	/* one line a step: its first page */
		shown++;
		printf("  %4d  %4d        |", t, k->ev_page[i]);
		for (int j = 0; j < NPOL; j++) {
			if (evicted[j][t] >= 0)
				printf(" %4d", evicted[j][t]);
			else
				printf("    -");
		}
		printf("\n");
	}
	/* The kernel reclaims in batches (SWAP_CLUSTER_MAX, 32 pages). */
	for (i = 0, t = 0; i < k->nev; i++)
		t += !i || k->ev_t[i - 1] != k->ev_t[i];
	printf("  the kernel evicted at %d steps, %.1f pages a time (reclaim works in batches)\n",
	       t, t ? (double)k->nev / t : 0.0);
	lab_check(k->evictions > 0, "%s: the kernel evicted %d pages to swap",
		  lru, k->evictions);
	lab_check(faults[P_OPT] <= k->faults,
		  "%s: OPT with F=%d faults %d times, the kernel %d: no fewer",
		  lru, f, faults[P_OPT], k->faults);
	/*
	 * A swap-in is a major fault; readahead may bring neighbours too.
	 * The reclaim over memory.high runs on the child's way back to user
	 * space, so now and then it evicts a page the child then faults in
	 * again within the same reference: one swap-in seen, two faults.
	 */
	lab_check(k->majflt <= k->swapins + k->swapins / 10 + 2 &&
		  k->majflt * 2 >= k->swapins,
		  "%s: major faults %ld against %d swap-ins seen in the page tables",
		  lru, k->majflt, k->swapins);
	record_run(run, k, faults);
	printf("RESULT-DATA %s F=%d kernel=%d", lru, f, k->faults);
	for (i = 0; i < NPOL; i++)
		printf(" %s=%d", pol_name[i], faults[i]);
	printf("\n");
}

int main(int argc, char **argv)
{
	static struct ref s[NREFS];
	static struct kernel_run k;
	char dev[128];
	int ret, i, mglru;

	lab_start(&lab, argc, argv);
	pw_need_root();
	ret = osedu_swap_on(128, dev, sizeof(dev));
	if (ret)
		lab_die("no swap (%s): this lab needs a swap device",
			strerror(-ret));
	for (i = 0; i < NPOL; i++) {
		res[i] = calloc(NREFS, sizeof(*res[i]));
		if (!res[i])
			lab_die("out of memory");
	}
	make_string(s);
	printf("swap on %s; reference string: %d references to %d pages, the first 24:\n ",
	       dev, NREFS, NPAGES);
	for (i = 0; i < 24; i++)
		printf(" %d%s", s[i].page, s[i].write ? "w" : "");
	printf(" ...\n");
	rec = lab_record_open(lab.name);
	if (rec) {
		fprintf(rec, "pages: %d\nreferences: %d\nframes_asked: %d\nstring:",
			NPAGES, NREFS, FRAMES);
		for (i = 0; i < NREFS; i++)
			fprintf(rec, " %d%s", s[i].page, s[i].write ? "w" : "");
		fprintf(rec, "\n");
	}

	/* Put back as found at exit, however the lab ends (libosedu). */
	mglru = osedu_lru_gen_use(false);
	if (mglru < 0)
		lab_die("cannot switch the multi-generational LRU off: %s",
			strerror(-mglru));
	run_kernel(s, &k, 0);
	compare("classic LRU (active/inactive lists)", "classic", s, &k);
	if (mglru) {
		ret = osedu_lru_gen_use(true);
		if (ret < 0)
			lab_die("cannot switch the multi-generational LRU on: %s",
				strerror(-ret));
		run_kernel(s, &k, 1);
		compare("multi-generational LRU", "mglru", s, &k);
	} else {
		printf("\n(this kernel has no multi-generational LRU to compare)\n");
	}
	lab_record_close(rec);
	return lab_finish("the kernel's evictions and faults next to six textbook policies");
}
