// SPDX-License-Identifier: GPL-2.0
/*
 * The block map under bad conditions: a file truncated and unlinked in the
 * middle of a read, corrupted images mounted read-only (a FAT chain that
 * loops or leaves the disk, ext2 indirect pointers past the device: the
 * on-disk reader must say so, never read past its buffers or the
 * device), and the module unloaded while readers are inside its files.
 */
#include <endian.h>
#include <pthread.h>
#include <sys/mount.h>
#include <sys/sysmacros.h>

#include "../kselftest_harness.h"
#include "vfs_util.h"

TEST(truncated_and_unlinked_mid_read)
{
	const char *path = DISKS_MNT "/ext2/trunc_t";
	char buf[64 * 1024], req[64], *text;
	struct osedu_blockmap bm;
	int fd, q;
	ssize_t n;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	memset(buf, 't', sizeof(buf));
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)sizeof(buf), write(fd, buf, sizeof(buf)));
	ASSERT_EQ(0, fsync(fd));

	q = open(OSEDU_VFS_BLOCKMAP, O_RDWR);
	ASSERT_LE(0, q);
	ASSERT_EQ((ssize_t)strlen(path), write(q, path, strlen(path)));
	ASSERT_EQ(64, read(q, buf, 64));
	ASSERT_EQ(0, ftruncate(fd, 0));
	ASSERT_EQ(0, unlink(path));
	/* The rest of the answer read before the truncate. */
	while ((n = read(q, buf, 100)) > 0)
		;
	EXPECT_EQ(0, n);
	/* Asked again by fd, the unlinked file has no blocks left. */
	snprintf(req, sizeof(req), "%d %d", getpid(), fd);
	ASSERT_EQ((ssize_t)strlen(req), write(q, req, strlen(req)));
	text = osedu_read_fd_all(q, OSEDU_DOC_MAX, NULL);
	ASSERT_NE(NULL, text);
	ASSERT_EQ(0, osedu_blockmap_parse(text, &bm)) TH_LOG("%s", text);
	EXPECT_STREQ("mapped", bm.state);
	EXPECT_EQ(0, (long long)bm.nruns);
	EXPECT_EQ(0, osedu_kv_ll(text, "nlink"));
	EXPECT_EQ(0, osedu_kv_ll(text, "size"));
	free(text);
	osedu_blockmap_free(&bm);
	EXPECT_EQ(-1, write(q, path, strlen(path)));
	EXPECT_EQ(ENOENT, errno);
	close(q);
	close(fd);
}

/* Copy /dev/DEV to IMG and patch LEN bytes at OFF. */
static int patched_copy(const char *dev, const char *img, off_t off,
			const void *bytes, size_t len)
{
	char buf[65536];
	int in = open(dev, O_RDONLY), out;
	ssize_t n;

	out = open(img, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (in < 0 || out < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			return -1;
	close(in);
	if (pwrite(out, bytes, len, off) != (ssize_t)len)
		return -1;
	close(out);
	return 0;
}

static int loop_mount(const char *img, const char *type, const char *mnt)
{
	char cmd[256];

	mkdir(mnt, 0755);
	snprintf(cmd, sizeof(cmd), "mount -t %s -o ro,loop %s %s", type, img,
		 mnt);
	return system(cmd);
}

static void loop_umount(const char *mnt, const char *img)
{
	umount(mnt);
	unlink(img);
}

/* A FAT16 entry: the FAT starts after the reserved sectors. */
static void check_fat_corruption(struct __test_metadata *_metadata,
				 uint16_t value, const char *error)
{
	char *fat = disk_expect("vfat", "fat "), *big;
	char clusters[64], *text, got[128];
	long long reserved, last;
	uint16_t le = htole16(value);

	ASSERT_NE(NULL, fat);
	big = disk_expect("vfat", "file /big ");
	ASSERT_NE(NULL, big);
	ASSERT_TRUE(expect_word(big, "clusters", clusters, sizeof(clusters)));
	/* "7-26": one run; its last cluster's entry is the end mark. */
	last = strtoll(strchr(clusters, '-') + 1, NULL, 10);
	reserved = expect_num(fat, "reserved");
	ASSERT_EQ(0, patched_copy("/dev/vdc", "/tmp/bad.img",
				  reserved * 512 + last * 2, &le, 2));
	ASSERT_EQ(0, loop_mount("/tmp/bad.img", "vfat", "/mnt/bad"));
	text = osedu_blockmap_ask("/mnt/bad/big");
	ASSERT_NE(NULL, text) TH_LOG("%s", strerror(errno));
	ASSERT_TRUE(osedu_kv(text, "ondisk_error", got, sizeof(got)));
	EXPECT_STREQ(error, got);
	/* The kernel's own map stops at the size: still the twenty blocks. */
	EXPECT_EQ(40, osedu_kv_ll(text, "data_blocks"));
	free(text);
	free(fat);
	free(big);
	loop_umount("/mnt/bad", "/tmp/bad.img");
}

TEST(corrupted_fat_chain)
{
	char *big;
	long long first;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	big = disk_expect("vfat", "file /big ");
	ASSERT_NE(NULL, big);
	first = expect_num(big, "clusters");
	free(big);
	/* The last cluster points back at the first: a loop. */
	check_fat_corruption(_metadata, first, "chain loops");
	/* ... or to a reserved value below the end marks. */
	check_fat_corruption(_metadata, 0xfff0, "chain leaves the data region");
}

/* ext2's indirect block of /big filled with pointers past the device. */
TEST(corrupted_ext2_indirect_block)
{
	struct osedu_blockmap bm;
	char *text, buf[1024];
	long long ind, dev_blocks;
	size_t i;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	text = osedu_blockmap_ask(DISKS_MNT "/ext2/big");
	ASSERT_NE(NULL, text);
	ind = osedu_kv_ll(text, "indirect");
	dev_blocks = osedu_kv_ll(text, "sb_blocks");
	free(text);
	ASSERT_LT(0, ind);
	memset(buf, 0xff, sizeof(buf));
	ASSERT_EQ(0, patched_copy("/dev/vdb", "/tmp/bad2.img", ind * 1024, buf,
				  sizeof(buf)));
	ASSERT_EQ(0, loop_mount("/tmp/bad2.img", "ext2", "/mnt/bad2"));
	text = osedu_blockmap_ask("/mnt/bad2/big");
	ASSERT_NE(NULL, text) TH_LOG("%s", strerror(errno));
	/*
	 * ext4's block-validity check refuses the pointers (the read fails
	 * with EUCLEAN), or the driver passes them on: then the map counts
	 * them as past the device and the indirect block's line says all
	 * 256 pointers are out of range.
	 */
	if (!osedu_blockmap_parse(text, &bm)) {
		long long beyond = 0;

		for (i = 0; i < bm.nruns; i++)
			if (!bm.runs[i].hole &&
			    (long long)bm.runs[i].physical >= dev_blocks)
				beyond += bm.runs[i].count;
		osedu_blockmap_free(&bm);
		EXPECT_EQ(beyond, osedu_kv_ll(text, "beyond_device_blocks"));
		EXPECT_NE(NULL, strstr(text, "out_of_range 256"));
	} else {
		TH_LOG("the kernel refused the map: %.200s", text);
	}
	free(text);
	loop_umount("/mnt/bad2", "/tmp/bad2.img");
}

static volatile int stop_readers;
static char ext4_dev[32];	/* "MAJOR:MINOR", for vfs/inodes */

static void *reader(void *arg)
{
	const char *path = arg;
	char buf[512];
	int fd;

	while (!stop_readers) {
		fd = open(path, O_RDWR);
		if (fd < 0)
			fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		if (!strcmp(path, OSEDU_VFS_BLOCKMAP))
			(void)!write(fd, DISKS_MNT "/ext4/frag",
				     strlen(DISKS_MNT "/ext4/frag"));
		if (!strcmp(path, OSEDU_VFS_INODES))
			(void)!write(fd, ext4_dev, strlen(ext4_dev));
		while (read(fd, buf, sizeof(buf)) > 0)
			;
		close(fd);
	}
	return NULL;
}

TEST(unload_under_readers)
{
	static const char * const paths[] = {
		OSEDU_VFS_DIR "/self", OSEDU_VFS_SUPERS, OSEDU_VFS_BLOCKMAP,
		OSEDU_VFS_INODES,
	};
	pthread_t t[ARRAY_SIZE(paths)];
	struct stat st;
	char *text;
	size_t i;
	int round;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	ASSERT_EQ(0, stat(DISKS_MNT "/ext4", &st));
	snprintf(ext4_dev, sizeof(ext4_dev), "%u:%u", major(st.st_dev),
		 minor(st.st_dev));
	for (round = 0; round < 5; round++) {
		stop_readers = 0;
		for (i = 0; i < ARRAY_SIZE(paths); i++)
			ASSERT_EQ(0, pthread_create(&t[i], NULL, reader,
						    (void *)paths[i]));
		usleep(200 * 1000);
		ASSERT_EQ(0, osedu_unload("osedu_vfs_dump"));
		ASSERT_EQ(0, vfs_load());
		stop_readers = 1;
		for (i = 0; i < ARRAY_SIZE(paths); i++)
			pthread_join(t[i], NULL);
	}
	text = osedu_blockmap_ask(DISKS_MNT "/ext4/big");
	ASSERT_NE(NULL, text);
	free(text);
}

TEST_HARNESS_MAIN
