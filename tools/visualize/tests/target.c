// SPDX-License-Identifier: GPL-2.0
/*
 * The process the pagewalk fixtures record: a static program with a known
 * layout, so that re-recording gives the same picture. It turns address
 * randomisation off for itself (and re-executes so the loader honours it),
 * touches some pages of its data, BSS, heap and a mapping and leaves the
 * rest untouched (present next to not-present), gives a region of its
 * own every page-replacement state it can (below: page_states), then
 * writes READY-FILE and sleeps until killed.
 *
 * usage: viz-target READY-FILE
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <unistd.h>

#define PAGE	4096
#define MAP_AT	((void *)0x7e0000000000ul)
#define REPL_AT	((void *)0x7d0000000000ul)
#define REPL	64	/* pages */

/*
 * 64 anonymous pages at REPL_AT in every state a process can ask for, for
 * the page map of visualize pagewalk (the query's replacement words):
 * all written; 32-63 swapped out (MADV_PAGEOUT: needs swap, which
 * record.d/pagewalk.sh turns on), 48-55 read back in (clean); then the
 * reference bits cleared (clear_refs), and 0-7 read, 8-11 written, 48-51
 * read: the four NUR classes (R,M). 12-13 mlocked (unevictable), 24-31
 * deactivated (MADV_COLD). What the kernel does with each is its own
 * business: the fixtures record what it did.
 */
static void page_states(void)
{
	char *m = mmap(REPL_AT, REPL * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	volatile char *vm = m;
	int fd, i;

	if (m == MAP_FAILED)
		return;
	for (i = 0; i < REPL; i++)
		memset(m + i * PAGE, i + 1, PAGE);
	madvise(m + 32 * PAGE, 32 * PAGE, MADV_PAGEOUT);
	for (i = 48; i < 56; i++)
		(void)vm[i * PAGE];
	fd = open("/proc/self/clear_refs", O_WRONLY);
	if (fd >= 0) {
		if (write(fd, "1", 1) != 1)
			fputs("viz-target: clear_refs refused\n", stderr);
		close(fd);
	}
	/*
	 * clear_refs clears the accessed bits without flushing the TLB (on
	 * x86 the kernel saves the flush: reclaim only needs a hint), so a
	 * page whose translation is still cached would be used without the
	 * CPU setting the bit again. Changing the protection flushes it.
	 */
	mprotect(m, REPL * PAGE, PROT_READ);
	mprotect(m, REPL * PAGE, PROT_READ | PROT_WRITE);
	for (i = 0; i < 8; i++)
		(void)vm[i * PAGE];
	for (i = 8; i < 12; i++)
		vm[i * PAGE] = 2;
	for (i = 48; i < 52; i++)
		(void)vm[i * PAGE];
	mlock(m + 12 * PAGE, 2 * PAGE);
	madvise(m + 24 * PAGE, 8 * PAGE, MADV_COLD);
}

/* Initialised data: 4 pages, of which the first is touched. */
static char data[4 * PAGE] = { 1 };
/* BSS: 16 pages, every other one of the first eight written. */
static char bss[16 * PAGE];

int main(int argc, char **argv)
{
	int pers = personality(0xffffffff);
	char *heap, *map;
	int fd, i;

	if (argc != 2) {
		fputs("usage: viz-target READY-FILE\n", stderr);
		return 2;
	}
	if (pers != -1 && !(pers & ADDR_NO_RANDOMIZE)) {
		char self[4096];
		ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

		personality(pers | ADDR_NO_RANDOMIZE);
		/* By its own path: via /proc/self/exe its name would be "exe". */
		if (n > 0) {
			self[n] = '\0';
			execv(self, argv);
		}
		/* Without re-exec the layout is random but still correct. */
	}

	data[0]++;
	for (i = 0; i < 8; i += 2)
		bss[i * PAGE] = 1;
	/* 64 KiB of heap from brk, the first 3 pages touched. */
	heap = sbrk(16 * PAGE);
	if (heap == (void *)-1)
		return 1;
	memset(heap, 0x5a, 3 * PAGE);
	/* 8 anonymous pages at a fixed address, pages 0 and 5 touched. */
	map = mmap(MAP_AT, 8 * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (map == MAP_FAILED)
		return 1;
	map[0] = 1;
	map[5 * PAGE] = 1;
	/* A PROT_NONE guard page right above it. */
	if (mmap(map + 8 * PAGE, PAGE, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) ==
	    MAP_FAILED)
		return 1;

	page_states();

	fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, "ready\n", 6) != 6 || close(fd))
		return 1;
	for (;;)
		pause();
}
