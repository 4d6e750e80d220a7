// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: the superblock describes the whole file system: block size, how
 * many blocks and inodes there are and how many are free, how blocks
 * are grouped. Evidence: /proc/osedu/vfs/supers (the superblock in
 * memory and what its statfs says) and the sb_* keys of a block map
 * (the superblock read from the disk, 1024 bytes in); oracles:
 * statfs(2) (what df and df -i print) and, in the VM, the host's
 * dumpe2fs of the same image (/opt/osedu/disks/ext4.expect).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <osedu/lab.h>
#include <osedu/vfs.h>

#define MNT	VL_DISKS "/ext4"
#define EXPECT	"/opt/osedu/disks/ext4.expect"

static const struct lab lab = {
	.name = "superblock",
	.explain_en =
"The superblock describes a whole file system (lectures 40-41): its\n"
"block size, the number of blocks and inodes, how many are free, and\n"
"how blocks are grouped. It lives at a fixed place on the disk (ext2/4:\n"
"1024 bytes from the start) and is read into memory at mount; statfs(2)\n"
"(df, df -i) asks the mounted one. After it come the group\n"
"descriptors, which say where each group's inode table starts.\n"
"\n"
"What to notice:\n"
"- supers' row for the disk gives what statfs(2) gives: blocks, free,\n"
"  inodes, free inodes (what df and df -i print).\n"
"- The superblock on disk (sb_*) has the same geometry as the host's\n"
"  dumpe2fs; its free counts are those last written, which may lag the\n"
"  ones in memory.\n"
"- The inode table's place: group, block and offset of one inode.\n",
	.explain_ko =
"슈퍼블록은 파일 시스템 전체를 설명합니다(40-41강): 블록 크기, 블록과\n"
"inode 의 수, 그중 빈 것의 수, 블록을 묶는 그룹의 모양. 디스크의 정해진\n"
"자리(ext2/4: 시작에서 1024 바이트)에 있고 마운트할 때 메모리로\n"
"읽힙니다. statfs(2)(df, df -i)는 마운트된 슈퍼블록에게 묻습니다. 그\n"
"뒤에는 각 그룹의 inode 테이블이 어디서 시작하는지 알려 주는 그룹\n"
"디스크립터가 있습니다.\n"
"\n"
"눈여겨볼 점:\n"
"- supers 의 디스크 줄은 statfs(2)와 같은 값(블록, 빈 블록, inode, 빈\n"
"  inode)을 줍니다: df, df -i 가 보여 주는 값입니다.\n"
"- 디스크 위의 슈퍼블록(sb_*)은 호스트의 dumpe2fs 와 같은 구조를 가집니다.\n"
"  빈 블록 수는 마지막으로 기록된 값이라 메모리의 값보다 늦을 수 있습니다.\n"
"- inode 테이블의 위치: 한 inode 의 그룹, 블록, 오프셋.\n",
};

/* The number after KEY in a line of the expectation file, or -1. */
static long long expect(const char *text, const char *key)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), " %s ", key);
	p = strstr(text, pat);
	return p ? strtoll(p + strlen(pat), NULL, 10) : -1;
}

int main(int argc, char **argv)
{
	struct osedu_blockmap bm;
	struct osedu_super s;
	char *text, *bmt, *exp;
	struct statfs sf;
	struct stat st;

	lab_start(&lab, argc, argv);
	vl_need_disks();
	if (stat(MNT, &st) || statfs(MNT, &sf))
		lab_die("%s: %s", MNT, strerror(errno));
	text = lab_must_read(OSEDU_VFS_SUPERS);
	if (!osedu_supers_find(text, major(st.st_dev), minor(st.st_dev), &s))
		lab_die("%s (%u:%u) is not in %s", MNT, major(st.st_dev),
			minor(st.st_dev), OSEDU_VFS_SUPERS);
	printf("%s: superblock %s %s, block size %llu, magic 0x%llx\n", MNT,
	       s.type, s.id, (unsigned long long)s.block_size,
	       (unsigned long long)s.magic);
	printf("  supers:    blocks %llu free %llu avail %llu inodes %llu free %llu\n",
	       (unsigned long long)s.blocks, (unsigned long long)s.bfree,
	       (unsigned long long)s.bavail, (unsigned long long)s.files,
	       (unsigned long long)s.ffree);
	printf("  statfs(2): blocks %llu free %llu avail %llu inodes %llu free %llu\n",
	       (unsigned long long)sf.f_blocks, (unsigned long long)sf.f_bfree,
	       (unsigned long long)sf.f_bavail, (unsigned long long)sf.f_files,
	       (unsigned long long)sf.f_ffree);
	lab_check(s.blocks == sf.f_blocks && s.bfree == sf.f_bfree &&
		  s.bavail == sf.f_bavail, "blocks as df prints them agree");
	lab_check(s.files == sf.f_files && s.ffree == sf.f_ffree,
		  "inodes as df -i prints them agree");
	lab_check(s.magic == (unsigned long long)sf.f_type,
		  "the magic number is statfs's f_type (0x%llx: ext2/3/4)",
		  (unsigned long long)s.magic);
	free(text);

	vl_map(MNT "/big", &bm, &bmt);
	printf("on disk, 1024 bytes in: %lld blocks, %lld inodes, %lld blocks and %lld inodes per group, inodes of %lld bytes\n",
	       osedu_kv_ll(bmt, "sb_blocks"), osedu_kv_ll(bmt, "sb_inodes"),
	       osedu_kv_ll(bmt, "sb_blocks_per_group"),
	       osedu_kv_ll(bmt, "sb_inodes_per_group"),
	       osedu_kv_ll(bmt, "sb_inode_size"));
	printf("  free on disk: %lld blocks, %lld inodes (in memory: %llu, %llu)\n",
	       osedu_kv_ll(bmt, "sb_free_blocks"),
	       osedu_kv_ll(bmt, "sb_free_inodes"),
	       (unsigned long long)sf.f_bfree, (unsigned long long)sf.f_ffree);
	lab_check(osedu_kv_ll(bmt, "sb_inodes") == (long long)sf.f_files,
		  "the inode count on disk is statfs's f_files");
	exp = osedu_read_all(EXPECT, 1 << 20, NULL);
	if (exp) {
		lab_check(expect(exp, "blocks") == osedu_kv_ll(bmt, "sb_blocks") &&
			  expect(exp, "inodes_per_group") ==
			  osedu_kv_ll(bmt, "sb_inodes_per_group") &&
			  expect(exp, "inode_size") ==
			  osedu_kv_ll(bmt, "sb_inode_size"),
			  "the host's dumpe2fs of this image says the same");
	}
	printf("inode %lld (big): group %lld, inode table at block %lld; the inode is at block %lld, byte %lld\n",
	       osedu_kv_ll(bmt, "ino"), osedu_kv_ll(bmt, "group"),
	       osedu_kv_ll(bmt, "inode_table"), osedu_kv_ll(bmt, "inode_block"),
	       osedu_kv_ll(bmt, "inode_offset"));
	lab_check(osedu_kv_ll(bmt, "inode_block") ==
		  osedu_kv_ll(bmt, "inode_table") +
		  osedu_kv_ll(bmt, "inode_index") * osedu_kv_ll(bmt, "sb_inode_size") /
		  osedu_kv_ll(bmt, "block_size") &&
		  osedu_kv_ll(bmt, "disk_size") == osedu_kv_ll(bmt, "size"),
		  "the inode found there is the file's (size %lld on disk)",
		  osedu_kv_ll(bmt, "disk_size"));
	if (exp && strstr(exp, "file /big ")) {
		const char *big = strstr(exp, "file /big ");

		lab_check(expect(big, "itable_block") ==
			  osedu_kv_ll(bmt, "inode_block") &&
			  expect(big, "itable_offset") ==
			  osedu_kv_ll(bmt, "inode_offset"),
			  "the host's debugfs imap puts it at the same place");
	}
	free(exp);
	free(bmt);
	osedu_blockmap_free(&bm);
	return lab_finish("the superblock and statfs agree; the inode table is where the group descriptor says");
}
