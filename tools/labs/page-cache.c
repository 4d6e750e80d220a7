// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: the page cache. Reading a file brings its pages into memory, a
 * write dirties them, fsync writes them back and cleans them, and they
 * stay cached until memory is wanted (or POSIX_FADV_DONTNEED drops
 * them). Evidence: cache_pages and dirty_pages of the file's record in
 * /proc/osedu/vfs/self; oracles: mincore(2) on a mapping of the file,
 * cachestat(2) where the kernel has it (6.5+).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <osedu/lab.h>
#include <osedu/vfs.h>

#ifndef __NR_cachestat
#define __NR_cachestat 451
#endif

#define PAGES	32
#define PATH	VL_DISKS "/ext4/page_cache_lab"

static const struct lab lab = {
	.name = "page-cache",
	.explain_en =
"The page cache keeps file data in memory (lectures 40-41). read()\n"
"copies from pages of the cache, filled from the disk on a miss;\n"
"write() only changes cached pages and marks them dirty; the kernel\n"
"writes dirty pages back later, or at once on fsync(). Clean pages\n"
"stay cached, so a second read needs no disk, until memory is wanted.\n"
"\n"
"What to notice:\n"
"- After the write: cache_pages and dirty_pages both count the file's\n"
"  pages.\n"
"- After fsync: dirty_pages 0, the pages still cached.\n"
"- After POSIX_FADV_DONTNEED: nothing cached; a read brings them back.\n"
"- mincore(2) (and cachestat(2) on 6.5+) give the same counts.\n",
	.explain_ko =
"페이지 캐시는 파일 데이터를 메모리에 둡니다(40-41강). read() 는 캐시의\n"
"페이지에서 복사하고, 캐시에 없으면 디스크에서 채웁니다. write() 는\n"
"캐시의 페이지만 바꾸고 더티(dirty)로 표시합니다. 커널은 더티 페이지를\n"
"나중에, 또는 fsync() 때 바로 디스크에 씁니다. 깨끗한 페이지는 메모리가\n"
"필요해질 때까지 캐시에 남아 있어, 다시 읽을 때 디스크가 필요 없습니다.\n"
"\n"
"눈여겨볼 점:\n"
"- write 뒤: cache_pages 와 dirty_pages 가 모두 파일의 페이지 수입니다.\n"
"- fsync 뒤: dirty_pages 는 0, 페이지는 여전히 캐시에 있습니다.\n"
"- POSIX_FADV_DONTNEED 뒤: 캐시에 없음. read 하면 다시 들어옵니다.\n"
"- mincore(2)(6.5 이상에서는 cachestat(2)도)가 같은 수를 줍니다.\n",
};

struct cs_range {
	unsigned long long off, len;
};

struct cs {
	unsigned long long nr_cache, nr_dirty, nr_writeback, nr_evicted,
			   nr_recently_evicted;
};

static long resident(int fd)
{
	size_t len = PAGES * 4096UL, i;
	unsigned char vec[PAGES];
	void *p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
	long n = 0;

	if (p == MAP_FAILED || mincore(p, len, vec))
		lab_die("mincore: %s", strerror(errno));
	for (i = 0; i < PAGES; i++)
		n += vec[i] & 1;
	munmap(p, len);
	return n;
}

static void step(int fd, const char *what, long cache, long dirty)
{
	char *text = lab_must_read(OSEDU_VFS_DIR "/self");
	char *rec = osedu_vfs_fd_record(text, fd);
	struct cs_range range = { 0, 0 };
	long long vc, vd;
	struct cs cs;
	long mc;

	if (!rec)
		lab_die("fd %d is not in the view", fd);
	vc = osedu_kv_ll(rec, "cache_pages");
	vd = osedu_kv_ll(rec, "dirty_pages");
	mc = resident(fd);
	printf("%-26s cache_pages %3lld  dirty_pages %3lld   mincore %3ld", what,
	       vc, vd, mc);
	if (!syscall(__NR_cachestat, fd, &range, &cs, 0)) {
		printf("   cachestat %3llu/%3llu\n", cs.nr_cache, cs.nr_dirty);
		lab_check(vc == (long long)cs.nr_cache &&
			  vd == (long long)cs.nr_dirty,
			  "cachestat agrees");
	} else {
		printf("   (no cachestat on this kernel)\n");
	}
	lab_check(vc == mc && vc == cache && vd == dirty,
		  "%s: %ld cached, %ld dirty (mincore: %ld)", what, cache,
		  dirty, mc);
	free(rec);
	free(text);
}

int main(int argc, char **argv)
{
	char buf[PAGES * 4096];
	int fd;

	lab_start(&lab, argc, argv);
	vl_need_disks();
	memset(buf, 'p', sizeof(buf));
	fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, buf, sizeof(buf)) != sizeof(buf))
		lab_die("%s: %s", PATH, strerror(errno));
	printf("%s: %d pages written\n", PATH, PAGES);
	step(fd, "after write", PAGES, PAGES);
	if (fsync(fd))
		lab_die("fsync: %s", strerror(errno));
	step(fd, "after fsync", PAGES, 0);
	if (posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED))
		lab_die("posix_fadvise failed");
	step(fd, "after FADV_DONTNEED", 0, 0);
	if (pread(fd, buf, 8 * 4096, 0) != 8 * 4096)
		lab_die("read: %s", strerror(errno));
	/* Read-ahead may bring more than was asked: at least the 8. */
	printf("read of the first 8 pages (read-ahead may add more)\n");
	step(fd, "after reading 8 pages", resident(fd), 0);
	lab_check(resident(fd) >= 8, "the read filled at least 8 pages");
	close(fd);
	unlink(PATH);
	return lab_finish("a write dirties cached pages, fsync cleans them, a read fills the cache");
}
