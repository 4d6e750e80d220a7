// SPDX-License-Identifier: GPL-2.0
/*
 * Lab demand-paging: mmap() only reserves virtual addresses; a frame is
 * found for a page when the page is first touched, by the page fault that
 * touch causes. Evidence: the VMA's run table in /proc/osedu/pagewalk/self
 * and a per-page pagewalk query; oracles: /proc/self/pagemap, and the
 * minor-fault count of getrusage() and /proc/self/stat. Run as root.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <osedu/lab.h>

#define REGION_PAGES	8192UL		/* 32 MiB */
#define TOUCH_PAGES	64UL
#define STRIDE		(REGION_PAGES / TOUCH_PAGES)

static const struct lab lab = {
	.name = "demand-paging",
	.explain_en =
"demand-paging: pages get frames only when touched (lectures 33, 36)\n"
"\n"
"A process's virtual address space is much larger than the memory it\n"
"uses, so only the pages in use are put in physical memory. mmap() of 32\n"
"MiB only creates a VMA, a range of valid virtual addresses; the page\n"
"table holds no entry for any of its pages (the valid-invalid bit of the\n"
"lecture is 'invalid'). The first access to a page raises a page fault;\n"
"the kernel finds a free frame, fills the page table entry and restarts\n"
"the instruction. This is demand paging; these faults need no disk, so\n"
"Linux counts them as minor faults.\n"
"\n"
"What to notice:\n"
"  - right after mmap, pagewalk shows the whole VMA as one run in state\n"
"    none: not one page is present;\n"
"  - after writing one byte in 64 scattered pages, exactly those 64 pages\n"
"    are present (pagewalk per page, the VMA's present count, pagemap);\n"
"  - the process's minor fault count rose by about 64: one fault each.\n",
	.explain_ko =
"demand-paging: 요구 페이징, 접근할 때 비로소 프레임을 받는 페이지 (33강, 36강)\n"
"\n"
"가상 메모리: 프로세스의 가상 주소 공간은 실제로 쓰는 메모리보다 훨씬 크므로\n"
"지금 쓰는 공간만 실제 물리 메모리(RAM)에 넣는다. 32 MiB를 mmap()하면 VMA\n"
"(유효한 가상 주소 범위)만 생기고, 페이지 테이블에는 그 페이지들의 항목이\n"
"하나도 없다 (강의의 valid-invalid 비트가 invalid). 어떤 페이지에 처음\n"
"접근하면 페이지 폴트(인터럽트의 한 종류)가 발생하고, 커널은 빈 프레임을\n"
"찾아 페이지 테이블 항목을 채운 뒤 그 명령을 다시 실행한다. 이것이 요구\n"
"페이징이다. 디스크가 필요 없는 이런 폴트를 리눅스는 minor fault로 센다.\n"
"\n"
"주목할 점:\n"
"  - mmap 직후 pagewalk는 VMA 전체를 state none인 하나의 run으로 보여준다:\n"
"    메모리에 올라온 페이지가 하나도 없다;\n"
"  - 흩어진 64개 페이지에 1바이트씩 쓰면 정확히 그 64개 페이지만 present가\n"
"    된다 (페이지별 pagewalk, VMA의 present 수, pagemap);\n"
"  - 프로세스의 minor fault 수가 약 64 늘어난다: 페이지마다 폴트 하나.\n",
};

/*
 * Present pages of [start, end) from the run tables of
 * /proc/osedu/pagewalk/self, and the VMA line that holds start.
 */
static long vma_present(unsigned long start, unsigned long end, char *vma,
			size_t vlen)
{
	char *buf = osedu_read_all("/proc/osedu/pagewalk/self", OSEDU_DOC_MAX, NULL), *line, *next;
	bool in = false;
	long present = 0;

	if (!buf)
		return -1;
	for (line = buf; line && *line; line = next) {
		unsigned long long s, e, pages;
		char state[16];

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!strncmp(line, "vma: ", 5)) {
			in = sscanf(line + 5, "%llx-%llx", &s, &e) == 2 &&
			     s <= start && start < e;
			if (in)
				snprintf(vma, vlen, "%s", line);
			continue;
		}
		if (!strncmp(line, "translation:", 12))
			break;
		if (!in || sscanf(line, " %llx %llx %llu %*s %15s", &s, &e,
				  &pages, state) != 4 || strcmp(state, "present"))
			continue;
		/* Only the part of the run inside our mapping. */
		if (s < start)
			s = start;
		if (e > end)
			e = end;
		if (s < e)
			present += (e - s) / PW_PAGE;
	}
	free(buf);
	return present;
}

static long stat_minflt(void)
{
	char *buf = osedu_read_all("/proc/self/stat", OSEDU_DOC_MAX, NULL), *p;
	long v = -1;
	int field;

	/* Field 10; comm (field 2) may hold spaces, so count after ')'. */
	p = buf ? strrchr(buf, ')') : NULL;
	for (field = 2; p && field < 10; field++)
		p = strchr(p + 1, ' ');
	if (p)
		v = strtol(p + 1, NULL, 10);
	free(buf);
	return v;
}

static long rusage_minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

int main(int argc, char **argv)
{
	static struct pw_page pg[REGION_PAGES];
	unsigned long start, end, i, present = 0, wrong = 0, pm_ok = 0;
	long f0, f1, s0, s1, n;
	char vma[256] = "?";
	volatile char *mem;
	struct pm_page pm = { 0 };

	lab_start(&lab, argc, argv);
	pw_need_root();
	mem = mmap(NULL, REGION_PAGES * PW_PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (mem == MAP_FAILED)
		lab_die("mmap: %s", strerror(errno));
	/* A 2 MiB huge page would fill 512 pages with one fault. */
	madvise((void *)mem, REGION_PAGES * PW_PAGE, MADV_NOHUGEPAGE);
	start = (unsigned long)mem;
	end = start + REGION_PAGES * PW_PAGE;

	n = vma_present(start, end, vma, sizeof(vma));
	printf("mmap'ed %lu pages (%lu MiB) at 0x%lx, touched none yet\n",
	       REGION_PAGES, REGION_PAGES * PW_PAGE >> 20, start);
	printf("  pagewalk %s\n", vma);
	lab_check(n == 0, "pagewalk: %ld pages of the mapping present", n);
	if (pw_range(getpid(), start, REGION_PAGES, pg))
		lab_die("%s: %s", PW_QUERY, strerror(errno));
	for (i = 0; i < REGION_PAGES; i++)
		present += !strcmp(pg[i].state, "present");
	lab_check(present == 0, "pagewalk query: %lu of %lu pages present",
		  present, REGION_PAGES);

	/* Only the touches between the two counts may fault. */
	s0 = stat_minflt();
	f0 = rusage_minflt();
	for (i = 0; i < TOUCH_PAGES; i++)
		mem[i * STRIDE * PW_PAGE + i % PW_PAGE] = 1;
	f1 = rusage_minflt();
	s1 = stat_minflt();

	printf("\nwrote one byte in every %luth page: %lu pages\n", STRIDE,
	       TOUCH_PAGES);
	if (pw_range(getpid(), start, REGION_PAGES, pg))
		lab_die("%s: %s", PW_QUERY, strerror(errno));
	present = 0;
	for (i = 0; i < REGION_PAGES; i++) {
		bool touched = i % STRIDE == 0;
		bool here = !strcmp(pg[i].state, "present");

		present += here;
		wrong += touched != here;
		if (touched && i / STRIDE < 3)
			printf("    page %5lu va 0x%llx %s pfn 0x%llx [%s]\n", i,
			       pg[i].va, pg[i].state, pg[i].pfn, pg[i].flags);
		if (here && !pm_page(getpid(), pg[i].va, &pm) &&
		    pm.present && pm.pfn == pg[i].pfn)
			pm_ok++;
	}
	printf("    ... (%lu present pages in all)\n", present);
	lab_check(present == TOUCH_PAGES && wrong == 0,
		  "pagewalk query: exactly the %lu touched pages are present "
		  "(%lu present, %lu misplaced)", TOUCH_PAGES, present, wrong);
	lab_check(pm_ok == TOUCH_PAGES,
		  "pagemap: %lu of the %lu present pages have the same frame",
		  pm_ok, present);
	n = vma_present(start, end, vma, sizeof(vma));
	lab_check(n == (long)TOUCH_PAGES,
		  "pagewalk/self run table: %ld pages of the VMA present", n);
	printf("\nminor faults: getrusage %ld -> %ld (+%ld), /proc/self/stat "
	       "%ld -> %ld (+%ld)\n", f0, f1, f1 - f0, s0, s1, s1 - s0);
	/* A few more may come from the stack or the read buffers. */
	lab_check(f1 - f0 >= (long)TOUCH_PAGES &&
		  f1 - f0 <= (long)TOUCH_PAGES + 16,
		  "getrusage: +%ld minor faults for %lu first touches",
		  f1 - f0, TOUCH_PAGES);
	lab_check(s1 - s0 >= f1 - f0 && s1 - s0 <= f1 - f0 + 64,
		  "/proc/self/stat agrees: +%ld minor faults", s1 - s0);
	return lab_finish("64 touches, 64 page faults, 64 present pages");
}
