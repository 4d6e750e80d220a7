// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: how FAT, ext2 and ext4 record which blocks hold a file. The same
 * 20-block file on the three disks of vm/run -d: a FAT chain, ext2's
 * twelve direct pointers and an indirect block, one ext4 extent; a file
 * grown block by block on ext2 gets its first indirect block with the
 * 13th; a fragmented file against a contiguous one. Evidence:
 * /proc/osedu/vfs/blockmap; oracles: the FIEMAP ioctl (ext2, ext4),
 * FIBMAP (FAT, root), stat(2)'s st_blocks.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <osedu/lab.h>
#include <osedu/vfs.h>

static const struct lab lab = {
	.name = "block-allocation",
	.explain_en =
"Which blocks hold a file, and how does the file system remember?\n"
"(lectures 40-41) A disk is an array of numbered blocks. FAT keeps a\n"
"linked list: the directory entry names the first cluster, and the\n"
"file allocation table holds, for each cluster, the number of the\n"
"next. ext2 keeps an index in the inode: twelve direct block numbers,\n"
"then an indirect block full of block numbers (and double, triple\n"
"indirect ones). ext4 keeps extents: (first block, length) pairs, one\n"
"for a whole contiguous run.\n"
"\n"
"What to notice:\n"
"- big (20 blocks): on FAT a chain of clusters; on ext2 twelve direct\n"
"  pointers, then an indirect block (index_blocks 1); on ext4 a single\n"
"  extent line.\n"
"- A file grown a block at a time on ext2: st_blocks jumps by two\n"
"  blocks at the 13th, which brings the indirect block.\n"
"- frag, written into the holes left by deleted files, is in four\n"
"  runs: fragmentation. FIEMAP and FIBMAP give the same numbers.\n",
	.explain_ko =
"파일은 어느 블록에 있고, 파일 시스템은 그것을 어떻게 기억할까요?\n"
"(40-41강) 디스크는 번호가 매겨진 블록의 배열입니다. FAT 은 연결\n"
"리스트를 씁니다: 디렉터리 항목이 첫 클러스터를 가리키고, 파일 할당\n"
"표(FAT)는 각 클러스터마다 다음 클러스터 번호를 담습니다. ext2 는\n"
"inode 안에 인덱스를 둡니다: 직접 블록 번호 12개, 그다음 블록 번호로\n"
"가득 찬 간접 블록(그리고 이중, 삼중 간접 블록). ext4 는 extent,\n"
"즉 (첫 블록, 길이) 쌍으로 연속된 구간 전체를 한 번에 기록합니다.\n"
"\n"
"눈여겨볼 점:\n"
"- big(20 블록): FAT 에서는 클러스터 체인, ext2 에서는 직접 포인터 12개\n"
"  다음 간접 블록 하나(index_blocks 1), ext4 에서는 extent 한 줄.\n"
"- ext2 에서 한 블록씩 늘린 파일은 13번째 블록에서 st_blocks 가 두 블록\n"
"  늘어납니다: 간접 블록이 생기기 때문입니다.\n"
"- 지워진 파일들의 빈자리에 쓴 frag 는 네 조각으로 나뉩니다(단편화).\n"
"  FIEMAP 과 FIBMAP 도 같은 번호를 줍니다.\n",
};

/* FIEMAP (ext2/ext4) or FIBMAP block by block (FAT) of PATH. */
static bool oracle_runs(const char *path, const struct osedu_blockmap *bm,
			char *out, size_t len)
{
	struct stat st;
	size_t i;
	int fd = open(path, O_RDONLY), ok = 1;

	if (fd < 0 || fstat(fd, &st))
		return false;
	if (!osedu_fiemap_runs(fd, st.st_blksize, out, len)) {
		close(fd);
		return true;
	}
	/* FAT has no FIEMAP: ask FIBMAP for every block of the map. */
	for (i = 0; i < bm->nruns && ok; i++)
		for (uint64_t b = 0; b < bm->runs[i].count; b++) {
			int blk = (int)(bm->runs[i].logical + b);

			if (ioctl(fd, FIBMAP, &blk) ||
			    (uint64_t)blk != (bm->runs[i].hole ? 0 :
					      bm->runs[i].physical + b))
				ok = 0;
		}
	close(fd);
	if (ok)
		osedu_runs_format(bm, out, len);
	else
		snprintf(out, len, "FIBMAP differs");
	return ok;
}

static void same_file(const char *fs)
{
	char path[64], mine[512], theirs[512], *text, line[128];
	struct osedu_blockmap bm;

	snprintf(path, sizeof(path), VL_DISKS "/%s/big", fs);
	vl_map(path, &bm, &text);
	printf("%s: %s, %llu data blocks, %llu index blocks\n", fs, path,
	       (unsigned long long)bm.data_blocks,
	       (unsigned long long)bm.index_blocks);
	vl_show_runs(&bm);
	osedu_runs_format(&bm, mine, sizeof(mine));
	lab_check(oracle_runs(path, &bm, theirs, sizeof(theirs)) &&
		  !strcmp(mine, theirs), "%s: %s; the kernel's %s agrees",
		  fs, mine, strcmp(fs, "vfat") ? "FIEMAP" : "FIBMAP");
	if (!strcmp(fs, "vfat")) {
		osedu_kv(text, "chain", line, sizeof(line));
		printf("  FAT chain of clusters: %s (then 0x%llx: end)\n", line,
		       (unsigned long long)osedu_kv_ull(text, "chain_end"));
		lab_check(osedu_kv_ll(text, "chain_length") *
			  osedu_kv_ll(text, "sectors_per_cluster") ==
			  (long long)bm.data_blocks,
			  "the chain's %lld clusters hold the %llu sectors",
			  osedu_kv_ll(text, "chain_length"),
			  (unsigned long long)bm.data_blocks);
	} else if (!strcmp(fs, "ext2")) {
		osedu_kv(text, "indirect", line, sizeof(line));
		printf("  direct pointers, then indirect block %s\n", line);
		lab_check(bm.index_blocks == 1 && osedu_kv_ll(text, "indirect") > 0,
			  "ext2: 12 direct pointers and one indirect block");
	} else {
		lab_check(bm.nruns == 1 && strstr(text, "extent: depth 0"),
			  "ext4: one extent for the whole file");
	}
	free(text);
	osedu_blockmap_free(&bm);
}

/* Grow a file on ext2 a block at a time: the 13th brings an index block. */
static void grow(void)
{
	const char *path = VL_DISKS "/ext2/grow";
	struct osedu_blockmap bm;
	char block[1024], *text;
	long long before = 0, jump = 0, at = 0;
	struct stat st;
	int fd, i;

	memset(block, 'g', sizeof(block));
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		lab_die("%s: %s", path, strerror(errno));
	printf("ext2: growing %s one 1 KiB block at a time\n", path);
	printf("    blocks  st_blocks(KiB)  index_blocks\n");
	for (i = 1; i <= 14; i++) {
		if (write(fd, block, sizeof(block)) != sizeof(block) ||
		    fsync(fd) || fstat(fd, &st))
			lab_die("%s: %s", path, strerror(errno));
		vl_map(path, &bm, &text);
		printf("    %6d  %14lld  %12llu\n", i,
		       (long long)st.st_blocks / 2,
		       (unsigned long long)bm.index_blocks);
		if (st.st_blocks / 2 - before == 2 && !jump) {
			jump = i;
			at = (long long)bm.index_blocks;
		}
		before = st.st_blocks / 2;
		free(text);
		osedu_blockmap_free(&bm);
	}
	lab_check(jump == 13 && at == 1,
		  "the 13th block took two blocks (stat): the data and the first indirect block");
	close(fd);
	unlink(path);
}

int main(int argc, char **argv)
{
	struct osedu_blockmap frag, big;

	lab_start(&lab, argc, argv);
	vl_need_disks();
	same_file("vfat");
	same_file("ext2");
	same_file("ext4");
	grow();
	vl_map(VL_DISKS "/ext4/frag", &frag, NULL);
	vl_map(VL_DISKS "/ext4/big", &big, NULL);
	printf("ext4: frag (written into the holes of deleted files)\n");
	vl_show_runs(&frag);
	lab_check(frag.nruns == 4 && big.nruns == 1,
		  "frag is in %zu runs, big in %zu: fragmented against contiguous",
		  frag.nruns, big.nruns);
	osedu_blockmap_free(&frag);
	osedu_blockmap_free(&big);
	return lab_finish("a FAT chain, ext2's index blocks and ext4's extents map the same file");
}
