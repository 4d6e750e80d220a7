// SPDX-License-Identifier: GPL-2.0
/*
 * Lab reference-bits: the reference (accessed) and modify (dirty) bits of
 * each page-table entry, the inputs of NUR and the clock algorithm. The
 * lab clears the reference bits with /proc/self/clear_refs, reads some
 * pages and writes some, and reads the four NUR classes (R,M) per page
 * from the pagewalk query. Oracles: the lab's own access pattern, the
 * soft-dirty bit of /proc/self/pagemap for M (cleared at the start, set
 * by every later write), and /proc/kpageflags for the kernel's own
 * referenced bit (clear_refs clears it too). Run as root.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <osedu/lab.h>

#define NPAGES		16
#define PM_SOFT_DIRTY	(1ULL << 55)
#define KPF_REFERENCED	2

static const struct lab lab = {
	.name = "reference-bits",
	.explain_en =
"reference-bits: the R and M bits and the four NUR classes (lecture 37)\n"
"\n"
"Page replacement needs to know which pages were used recently. The MMU\n"
"helps: each page-table entry has a reference bit (x86 calls it\n"
"'accessed'), set by the hardware on every access, and a modify bit\n"
"('dirty'), set on every write. The operating system clears R from time\n"
"to time; a page whose R is still 0 later was not used since. NUR (not\n"
"used recently) sorts pages into four classes by (R,M) and evicts from\n"
"the lowest: (0,0) not used, clean - free to drop; (0,1) not used but\n"
"modified - must be written back first; (1,0) used, clean; (1,1) used\n"
"and modified. The clock (second chance) algorithm uses R the same way.\n"
"Linux clears R with /proc/<pid>/clear_refs (and in reclaim); M is\n"
"cleared only when a page is written back, so a page written long ago\n"
"stays in class (0,1).\n"
"\n"
"What to notice:\n"
"  - right after clear_refs, no page has 'accessed';\n"
"  - the pages read afterwards have 'accessed', those written have\n"
"    'accessed dirty', and pages written before clear_refs keep 'dirty'\n"
"    without 'accessed': class (0,1);\n"
"  - pagemap's soft-dirty bit (an independent record of writes) agrees\n"
"    with M, and the kernel's own 'referenced' bit was cleared too.\n",
	.explain_ko =
"reference-bits: 참조 비트(R), 변경 비트(M)와 NUR의 네 가지 부류 (37강)\n"
"\n"
"페이지 교체를 하려면 어떤 페이지가 최근에 쓰였는지 알아야 한다. MMU가\n"
"이를 돕는다: 페이지 테이블 항목마다 참조 비트(x86에서는 'accessed')가\n"
"있어 접근할 때마다 하드웨어가 1로 만들고, 쓰기를 하면 변경 비트('dirty')가\n"
"1이 된다. 운영체제는 때때로 R을 0으로 지운다; 나중에도 R이 0인 페이지는\n"
"그동안 쓰이지 않은 것이다. NUR(Not Used Recently)은 (R,M)으로 페이지를\n"
"네 부류로 나누고 가장 낮은 부류부터 내보낸다: (0,0) 안 쓰였고 깨끗함 -\n"
"그냥 버려도 된다; (0,1) 안 쓰였지만 변경됨 - 먼저 디스크에 써야 한다;\n"
"(1,0) 쓰였고 깨끗함; (1,1) 쓰였고 변경됨. 클록(second chance) 알고리즘도\n"
"R을 같은 방식으로 쓴다. 리눅스는 /proc/<pid>/clear_refs로 (그리고 회수\n"
"과정에서) R을 지운다; M은 페이지를 디스크에 써야만 지워지므로, 오래전에\n"
"쓴 페이지는 (0,1) 부류에 남는다.\n"
"\n"
"주목할 점:\n"
"  - clear_refs 직후에는 어떤 페이지에도 'accessed'가 없다;\n"
"  - 그 뒤에 읽은 페이지는 'accessed', 쓴 페이지는 'accessed dirty'를\n"
"    갖고, clear_refs 전에 쓴 페이지는 'accessed' 없이 'dirty'만 남는다:\n"
"    (0,1) 부류;\n"
"  - pagemap의 soft-dirty 비트(쓰기의 독립적인 기록)가 M과 일치하고,\n"
"    커널 자신의 'referenced' 비트도 함께 지워졌다.\n",
};

static uint64_t read_u64(const char *path, uint64_t index)
{
	uint64_t v = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		lab_die("%s: %s", path, strerror(errno));
	if (pread(fd, &v, sizeof(v), index * sizeof(v)) != sizeof(v))
		lab_die("%s: short read", path);
	close(fd);
	return v;
}

static void clear_refs(const char *how)
{
	if (osedu_write_file("/proc/self/clear_refs", how) < 0)
		lab_die("/proc/self/clear_refs: %s", strerror(errno));
}

/* The class the lab's own access pattern puts page I in. */
static void expected(int i, bool *r, bool *m)
{
	*r = i >= 8;		/* pages 8-15 used after clear_refs */
	*m = i >= 12 || (i >= 4 && i < 8);	/* 4-7 before, 12-15 after */
}

int main(int argc, char **argv)
{
	struct pw_page pg[NPAGES];
	int i, cls[2][2] = { { 0 } }, pattern = 0, soft = 0, kref = 0;
	int none_after_clear = 0;
	volatile char sink = 0;
	char *mem;
	int fd;

	lab_start(&lab, argc, argv);
	pw_need_root();
	/* A shared file mapping (tmpfs): a read fault maps a clean page. */
	fd = memfd_create("reference-bits", 0);
	if (fd < 0 || ftruncate(fd, NPAGES * PW_PAGE))
		lab_die("memfd: %s", strerror(errno));
	mem = mmap(NULL, NPAGES * PW_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED,
		   fd, 0);
	if (mem == MAP_FAILED)
		lab_die("mmap: %s", strerror(errno));

	/* Every page present and clean; then forget all earlier writes. */
	for (i = 0; i < NPAGES; i++)
		sink += mem[i * PW_PAGE];
	clear_refs("4");
	printf("16 pages of a shared memfd mapping at %p, all read once\n",
	       (void *)mem);
	printf("write pages 4-7, then clear R (echo 1 > /proc/self/clear_refs)\n");
	for (i = 4; i < 8; i++)
		mem[i * PW_PAGE] = 1;
	clear_refs("1");
	if (pw_range(getpid(), (unsigned long)mem, NPAGES, pg))
		lab_die("%s: %s", PW_QUERY, strerror(errno));
	for (i = 0; i < NPAGES; i++)
		none_after_clear += !pw_has(&pg[i], "accessed");
	lab_check(none_after_clear == NPAGES,
		  "pagewalk: %d of %d pages without 'accessed' after clear_refs",
		  none_after_clear, NPAGES);

	printf("read pages 8-11, write pages 12-15\n\n");
	for (i = 8; i < 12; i++)
		sink += mem[i * PW_PAGE];
	for (i = 12; i < 16; i++)
		mem[i * PW_PAGE] = 2;
	if (pw_range(getpid(), (unsigned long)mem, NPAGES, pg))
		lab_die("%s: %s", PW_QUERY, strerror(errno));

	printf("  page  R M  class  pagewalk flags\n");
	for (i = 0; i < NPAGES; i++) {
		bool r = pw_has(&pg[i], "accessed");
		bool m = pw_has(&pg[i], "dirty");
		bool er, em;
		uint64_t pm, kpf;

		expected(i, &er, &em);
		cls[r][m]++;
		pattern += r == er && m == em;
		pm = read_u64("/proc/self/pagemap",
			      (unsigned long)mem / PW_PAGE + i);
		soft += !!(pm & PM_SOFT_DIRTY) == m;
		kpf = read_u64("/proc/kpageflags", pg[i].pfn);
		kref += !!(kpf >> KPF_REFERENCED & 1) ==
			pw_has(&pg[i], "referenced");
		printf("  %4d  %d %d  (%d,%d)  %s\n", i, r, m, r, m,
		       pg[i].flags);
	}
	printf("\nNUR classes: (0,0) %d pages, (0,1) %d, (1,0) %d, (1,1) %d\n",
	       cls[0][0], cls[0][1], cls[1][0], cls[1][1]);
	lab_check(pattern == NPAGES,
		  "the lab's own accesses: %d of %d pages in the expected class",
		  pattern, NPAGES);
	lab_check(cls[0][0] == 4 && cls[0][1] == 4 && cls[1][0] == 4 &&
		  cls[1][1] == 4, "four pages in each of the four classes");
#ifdef __aarch64__
	/*
	 * arm64 kernels do not track soft-dirty (no HAVE_ARCH_SOFT_DIRTY):
	 * pagemap's bit 55 stays 0. M's oracle is then the lab's own writes
	 * (the pattern check above).
	 */
	(void)soft;
	printf("(arm64: pagemap has no soft-dirty bit; M is checked against the lab's own writes)\n");
#else
	lab_check(soft == NPAGES,
		  "pagemap soft-dirty agrees with M on %d of %d pages", soft,
		  NPAGES);
#endif
	lab_check(kref == NPAGES,
		  "kpageflags REFERENCED agrees with 'referenced' on %d of %d pages",
		  kref, NPAGES);
	(void)sink;
	return lab_finish("R and M per page, four NUR classes of four pages");
}
