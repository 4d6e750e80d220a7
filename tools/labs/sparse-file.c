// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: holes have no blocks. A file written at its start and 1 MiB
 * further on is 1 MiB long but holds two blocks on ext4; the block map
 * shows the hole between as a run with no physical block. FAT has no
 * holes: the same file takes every cluster. Evidence:
 * /proc/osedu/vfs/blockmap; oracles: stat(2)'s st_blocks,
 * lseek(SEEK_DATA/SEEK_HOLE), FIEMAP, and reading the hole (zeros).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <osedu/lab.h>
#include <osedu/vfs.h>

static const struct lab lab = {
	.name = "sparse-file",
	.explain_en =
"Holes have no blocks (lectures 40-41). Writing past the end of a file\n"
"leaves a gap; a file system with an index (ext2, ext4) records no\n"
"block for it: the file is sparse. Reading the hole gives zeros, made\n"
"up by the kernel, not read from disk. The file's size counts the\n"
"hole; its blocks do not. FAT's chain cannot skip a cluster: it\n"
"allocates and writes every one.\n"
"\n"
"What to notice:\n"
"- On ext4: size 1 MiB + 4 KiB, but a few data blocks; the hole is\n"
"  a row with no physical block (stat's st_blocks, SEEK_HOLE/SEEK_DATA\n"
"  and FIEMAP agree). Reading in the hole returns zeros.\n"
"- On FAT the same file has no hole: every block is allocated.\n",
	.explain_ko =
"구멍(hole)에는 블록이 없습니다(40-41강). 파일 끝을 지나서 쓰면 틈이\n"
"생기는데, 인덱스를 쓰는 파일 시스템(ext2, ext4)은 그 틈에 블록을\n"
"기록하지 않습니다: 희소(sparse) 파일입니다. 구멍을 읽으면 디스크가\n"
"아니라 커널이 만든 0 이 나옵니다. 파일 크기에는 구멍이 포함되지만\n"
"블록 수에는 포함되지 않습니다. FAT 의 체인은 클러스터를 건너뛸 수\n"
"없어서 모든 클러스터를 할당하고 씁니다.\n"
"\n"
"눈여겨볼 점:\n"
"- ext4: 크기는 1 MiB + 4 KiB 이지만 데이터 블록은 몇 개뿐이고, 구멍은\n"
"  물리 블록이 없는 줄로 보입니다(stat 의 st_blocks, SEEK_HOLE/SEEK_DATA,\n"
"  FIEMAP 도 같음). 구멍을 읽으면 0 이 나옵니다.\n"
"- FAT 에서는 같은 파일에 구멍이 없습니다: 모든 블록이 할당됩니다.\n",
};

#define HOLE_AT		(1024 * 1024)

static int make_sparse(const char *path)
{
	char buf[4096];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);

	memset(buf, 's', sizeof(buf));
	if (fd < 0 || pwrite(fd, buf, sizeof(buf), 0) != sizeof(buf) ||
	    pwrite(fd, buf, sizeof(buf), HOLE_AT) != sizeof(buf) || fsync(fd))
		lab_die("%s: %s", path, strerror(errno));
	return fd;
}

int main(int argc, char **argv)
{
	const char *ext = VL_DISKS "/ext4/sparse_lab", *fat = VL_DISKS "/vfat/sparse";
	char mine[512], theirs[512], z[16], zero[16] = { 0 };
	struct osedu_blockmap bm;
	struct stat st;
	off_t hole, data;
	int fd;

	lab_start(&lab, argc, argv);
	vl_need_disks();
	fd = make_sparse(ext);
	if (fstat(fd, &st))
		lab_die("fstat: %s", strerror(errno));
	vl_map(ext, &bm, NULL);
	printf("ext4: %s, size %lld bytes, blocks of %ld bytes\n", ext,
	       (long long)st.st_size, (long)st.st_blksize);
	vl_show_runs(&bm);
	lab_check(bm.hole_blocks > 0 && bm.nruns >= 3 && bm.runs[1].hole,
		  "a hole of %llu blocks between the data",
		  (unsigned long long)bm.hole_blocks);
	lab_check((uint64_t)st.st_blocks * 512 ==
		  (bm.data_blocks + bm.index_blocks) * st.st_blksize,
		  "stat: %lld sectors of 512 bytes = %llu blocks, not %lld",
		  (long long)st.st_blocks,
		  (unsigned long long)(bm.data_blocks + bm.index_blocks),
		  (long long)(st.st_size / st.st_blksize));
	hole = lseek(fd, 0, SEEK_HOLE);
	data = lseek(fd, hole, SEEK_DATA);
	lab_check(hole == (off_t)(bm.runs[1].logical * st.st_blksize) &&
		  data == (off_t)(bm.runs[2].logical * st.st_blksize),
		  "SEEK_HOLE finds the hole at %lld, SEEK_DATA the data at %lld",
		  (long long)hole, (long long)data);
	osedu_runs_format(&bm, mine, sizeof(mine));
	lab_check(!osedu_fiemap_runs(fd, st.st_blksize, theirs, sizeof(theirs)) &&
		  !strcmp(mine, theirs), "FIEMAP maps the same blocks: %s",
		  theirs);
	lab_check(pread(fd, z, sizeof(z), HOLE_AT / 2) == sizeof(z) &&
		  !memcmp(z, zero, sizeof(z)), "reading in the hole gives zeros");
	osedu_blockmap_free(&bm);
	close(fd);
	unlink(ext);

	fd = make_sparse(fat);
	vl_map(fat, &bm, NULL);
	printf("vfat: %s, the same writes\n", fat);
	vl_show_runs(&bm);
	lab_check(bm.hole_blocks == 0 &&
		  !fstat(fd, &st) && (uint64_t)st.st_blocks >= bm.data_blocks &&
		  bm.data_blocks * 512 >= (uint64_t)st.st_size,
		  "FAT has no hole: %llu sectors allocated for %lld bytes",
		  (unsigned long long)bm.data_blocks, (long long)st.st_size);
	osedu_blockmap_free(&bm);
	close(fd);
	unlink(fat);
	return lab_finish("holes have no blocks on ext4; FAT allocates them all");
}
