// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/vfs/blockmap against independent answers: the host's
 * debugfs and mshowfat of the same images (computed before boot), the
 * FIEMAP ioctl after fsync, FIBMAP (root); ext4's delayed allocation
 * left as it was (FIEMAP still says DELALLOC after the query); files
 * with no block map; bad requests; FIEMAP's rule for who may ask.
 */
#include <fcntl.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/statfs.h>

#include "../kselftest_harness.h"
#include "vfs_util.h"

static const char * const ext_files[] = {
	"small", "big", "frag", "sparse", "keep1", "keep3", "dir/inner"
};
static const char * const fat_files[] = {
	"small", "big", "frag", "keep1", "keep3", "dir/inner"
};

static int ask_err(const char *req)
{
	char *text = osedu_blockmap_ask(req);

	if (text) {
		free(text);
		return 0;
	}
	return -errno;
}

static bool get_map(const char *req, struct osedu_blockmap *bm, char **textp)
{
	char *text = osedu_blockmap_ask(req);

	if (!text)
		return false;
	if (osedu_blockmap_parse(text, bm)) {
		free(text);
		return false;
	}
	if (textp)
		*textp = text;
	else
		free(text);
	return true;
}

static void check_expected(struct __test_metadata *_metadata,
			   const char *disk, const char *file, bool ext)
{
	char prefix[64], req[128], want[512], got[512], w[64], *exp, *text;
	struct osedu_blockmap bm;

	snprintf(prefix, sizeof(prefix), "file /%s ", file);
	exp = disk_expect(disk, prefix);
	ASSERT_NE(NULL, exp) TH_LOG("%s: no expectation for %s", disk, file);
	snprintf(req, sizeof(req), DISKS_MNT "/%s/%s", disk, file);
	ASSERT_TRUE(get_map(req, &bm, &text)) TH_LOG("%s: %s", req,
						      strerror(errno));
	ASSERT_STREQ("mapped", bm.state);
	ASSERT_TRUE(expect_word(exp, "runs", want, sizeof(want)));
	ASSERT_EQ(0, osedu_runs_format(&bm, got, sizeof(got)));
	EXPECT_STREQ(want, got) TH_LOG("%s", req);
	if (ext) {
		EXPECT_EQ(expect_num(exp, "ino"), osedu_kv_ll(text, "ino"));
		EXPECT_EQ(expect_num(exp, "size"), osedu_kv_ll(text, "size"));
		EXPECT_EQ(expect_num(exp, "blocks512"),
			  osedu_kv_ll(text, "blocks_512"));
		EXPECT_EQ(expect_num(exp, "index"), (long long)bm.index_blocks);
		EXPECT_EQ(expect_num(exp, "group"), osedu_kv_ll(text, "group"));
		EXPECT_EQ(expect_num(exp, "itable_block"),
			  osedu_kv_ll(text, "inode_block"));
		EXPECT_EQ(expect_num(exp, "itable_offset"),
			  osedu_kv_ll(text, "inode_offset"));
		EXPECT_EQ(expect_num(exp, "size"), osedu_kv_ll(text, "disk_size"));
		EXPECT_EQ(expect_num(exp, "blocks512"),
			  osedu_kv_ll(text, "disk_blocks_512"));
		ASSERT_TRUE(osedu_kv(text, "layout", w, sizeof(w)));
		EXPECT_STREQ(strcmp(disk, "ext4") ? "indirect" : "extents", w);
	} else {
		ASSERT_TRUE(expect_word(exp, "clusters", want, sizeof(want)));
		ASSERT_TRUE(osedu_kv(text, "chain", got, sizeof(got)));
		EXPECT_STREQ(want, got) TH_LOG("%s", req);
		EXPECT_EQ(0, (long long)bm.index_blocks);
		EXPECT_EQ(0, (long long)bm.hole_blocks);
	}
	free(text);
	free(exp);
	osedu_blockmap_free(&bm);
}

TEST(maps_match_host_debugfs_and_mshowfat)
{
	size_t i;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present()) TH_LOG("no disks: run with vm/run -d");
	for (i = 0; i < ARRAY_SIZE(ext_files); i++) {
		check_expected(_metadata, "ext4", ext_files[i], true);
		check_expected(_metadata, "ext2", ext_files[i], true);
	}
	for (i = 0; i < ARRAY_SIZE(fat_files); i++)
		check_expected(_metadata, "vfat", fat_files[i], false);
}

/* The lessons of the images, stated by the host's values. */
TEST(ext2_index_block_ext4_extent_fat_chain)
{
	struct osedu_blockmap bm;
	char *text;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	/* ext2: twelve direct blocks, then an indirect block. */
	ASSERT_TRUE(get_map(DISKS_MNT "/ext2/big", &bm, &text));
	EXPECT_EQ(1, (long long)bm.index_blocks);
	EXPECT_NE(0, osedu_kv_ll(text, "indirect"));
	EXPECT_EQ(0, osedu_kv_ll(text, "double_indirect"));
	EXPECT_NE(NULL, strstr(text, "pointers 8 out_of_range 0"));
	free(text);
	osedu_blockmap_free(&bm);
	/* ext4: one extent for twenty blocks. */
	ASSERT_TRUE(get_map(DISKS_MNT "/ext4/big", &bm, &text));
	EXPECT_EQ(1, (long long)bm.nruns);
	EXPECT_NE(NULL, strstr(text, "extent_node: block 0 depth 0 entries 1"));
	EXPECT_NE(NULL, strstr(text, " count 20 unwritten 0"));
	free(text);
	osedu_blockmap_free(&bm);
	/* The sparse file: a hole of 63 blocks, no block behind it. */
	ASSERT_TRUE(get_map(DISKS_MNT "/ext4/sparse", &bm, NULL));
	EXPECT_EQ(2, (long long)bm.data_blocks);
	EXPECT_EQ(63, (long long)bm.hole_blocks);
	ASSERT_EQ(3, bm.nruns);
	EXPECT_TRUE(bm.runs[1].hole);
	osedu_blockmap_free(&bm);
	/* The fragmented file: four runs on every file system. */
	ASSERT_TRUE(get_map(DISKS_MNT "/vfat/frag", &bm, NULL));
	EXPECT_EQ(4, (long long)bm.nruns);
	osedu_blockmap_free(&bm);
}

static void check_fiemap(struct __test_metadata *_metadata, const char *disk)
{
	char path[128], want[4096], got[4096];
	struct osedu_blockmap bm;
	char buf[4096];
	struct stat st;
	int fd, i;

	snprintf(path, sizeof(path), DISKS_MNT "/%s/fiemap_t", disk);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	/* Data, a hole (where the file system has holes), data. */
	memset(buf, 'm', sizeof(buf));
	for (i = 0; i < 12; i++)
		ASSERT_EQ((ssize_t)sizeof(buf), write(fd, buf, sizeof(buf)));
	ASSERT_EQ((ssize_t)sizeof(buf), pwrite(fd, buf, sizeof(buf), 40 * 4096));
	ASSERT_EQ(0, fsync(fd));
	ASSERT_EQ(0, fstat(fd, &st));
	ASSERT_EQ(0, osedu_fiemap_runs(fd, st.st_blksize, want, sizeof(want)))
		TH_LOG("%s: FIEMAP failed", disk);
	ASSERT_TRUE(get_map(path, &bm, NULL));
	ASSERT_STREQ("mapped", bm.state);
	ASSERT_EQ(0, osedu_runs_format(&bm, got, sizeof(got)));
	EXPECT_STREQ(want, got) TH_LOG("%s", disk);
	osedu_blockmap_free(&bm);
	close(fd);
	unlink(path);
}

/* FAT has no FIEMAP (EOPNOTSUPP): FIBMAP checks it below. */
TEST(maps_match_fiemap_after_fsync)
{
	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	check_fiemap(_metadata, "ext4");
	check_fiemap(_metadata, "ext2");
}

/* FIBMAP, block by block, as root (it needs CAP_SYS_RAWIO). */
TEST(maps_match_fibmap)
{
	static const char * const disks[] = { "ext4", "ext2", "vfat" };
	struct osedu_blockmap bm;
	char path[128];
	size_t d, r;
	int fd;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	for (d = 0; d < ARRAY_SIZE(disks); d++) {
		snprintf(path, sizeof(path), DISKS_MNT "/%s/frag", disks[d]);
		fd = open(path, O_RDONLY);
		ASSERT_LE(0, fd);
		ASSERT_TRUE(get_map(path, &bm, NULL));
		for (r = 0; r < bm.nruns; r++) {
			for (uint64_t i = 0; i < bm.runs[r].count; i++) {
				int blk = (int)(bm.runs[r].logical + i);

				ASSERT_EQ(0, ioctl(fd, FIBMAP, &blk));
				EXPECT_EQ((long long)(bm.runs[r].hole ? 0 :
					  bm.runs[r].physical + i), blk);
			}
		}
		osedu_blockmap_free(&bm);
		close(fd);
	}
}

/*
 * Every block below the size against FIBMAP, which is bmap() itself: the
 * map read from the on-disk structures must say what bmap() says of each
 * block. WANT: the map_method the answer must name.
 */
static void check_every_block(struct __test_metadata *_metadata,
			      const char *path, const char *want)
{
	struct osedu_blockmap bm;
	char method[16], *text;
	uint64_t lblk = 0;
	struct stat st;
	long long bs;
	size_t r;
	int fd;

	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fstat(fd, &st));
	ASSERT_TRUE(get_map(path, &bm, &text)) TH_LOG("%s", path);
	ASSERT_STREQ("mapped", bm.state);
	ASSERT_TRUE(osedu_kv(text, "map_method", method, sizeof(method)));
	EXPECT_STREQ(want, method) TH_LOG("%s", path);
	for (r = 0; r < bm.nruns; r++) {
		/* The runs cover the file from block 0, in order. */
		ASSERT_EQ(lblk, bm.runs[r].logical) TH_LOG("%s", path);
		for (uint64_t i = 0; i < bm.runs[r].count; i++, lblk++) {
			int blk = (int)lblk;

			ASSERT_EQ(0, ioctl(fd, FIBMAP, &blk));
			ASSERT_EQ((long long)(bm.runs[r].hole ? 0 :
				  bm.runs[r].physical + i), blk)
				TH_LOG("%s: block %llu", path,
				       (unsigned long long)lblk);
		}
	}
	/* In the map's blocks (FAT: sectors, not st_blksize's clusters). */
	bs = osedu_kv_ll(text, "block_size");
	ASSERT_LT(0, bs);
	EXPECT_EQ((uint64_t)((st.st_size + bs - 1) / bs), lblk)
		TH_LOG("%s: the map ends before the size", path);
	free(text);
	osedu_blockmap_free(&bm);
	close(fd);
}

/* Two files written in turns, a block at a time: both fragmented. */
static void write_interleaved(struct __test_metadata *_metadata,
			      const char *a_path, const char *b_path, int n,
			      size_t bs)
{
	char buf[4096];
	int a, b, i;

	memset(buf, 'i', sizeof(buf));
	a = open(a_path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	b = open(b_path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	for (i = 0; i < n; i++) {
		ASSERT_EQ((ssize_t)bs, write(a, buf, bs));
		ASSERT_EQ(0, fsync(a));
		ASSERT_EQ((ssize_t)bs, write(b, buf, bs));
		ASSERT_EQ(0, fsync(b));
	}
	close(a);
	close(b);
}

/*
 * The map read from ext4's extent tree, ext2's pointers (direct, single
 * and double indirect) and the FAT chain, on fragmented, sparse and
 * preallocated files, equals FIBMAP block by block; ext2 with a dirty
 * inode (its pointers not yet on disk) is asked of bmap() instead.
 */
TEST(ondisk_map_equals_fibmap)
{
	static const char * const disks[] = { "ext4", "ext2", "vfat" };
	char a[128], b[128], buf[1024];
	size_t d;
	int fd;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	memset(buf, 'o', sizeof(buf));
	for (d = 0; d < ARRAY_SIZE(disks); d++) {
		bool fat = !strcmp(disks[d], "vfat");

		snprintf(a, sizeof(a), DISKS_MNT "/%s/odm_a", disks[d]);
		snprintf(b, sizeof(b), DISKS_MNT "/%s/odm_b", disks[d]);
		/* 40 runs: ext4 needs an index node past 4 extents. */
		write_interleaved(_metadata, a, b, 40, 1024);
		check_every_block(_metadata, a, "ondisk");
		unlink(b);
		if (fat)
			goto next;
		/* Holes, and on ext2 a block behind the double indirect. */
		fd = open(b, O_RDWR | O_CREAT | O_TRUNC, 0644);
		ASSERT_LE(0, fd);
		ASSERT_EQ(1024, pwrite(fd, buf, 1024, 0));
		ASSERT_EQ(1024, pwrite(fd, buf, 1024, 20 * 1024));
		ASSERT_EQ(1024, pwrite(fd, buf, 1024, 300 * 1024));
		ASSERT_EQ(0, fsync(fd));
		close(fd);
		check_every_block(_metadata, b, "ondisk");
		unlink(b);
next:
		unlink(a);
	}
	/* ext4: preallocated blocks are unwritten; bmap() maps them to 0. */
	fd = open(DISKS_MNT "/ext4/odm_p", O_RDWR | O_CREAT | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ(1024, pwrite(fd, buf, 1024, 0));
	ASSERT_EQ(0, fallocate(fd, 0, 1024, 8 * 1024));
	ASSERT_EQ(1024, pwrite(fd, buf, 1024, 9 * 1024));
	ASSERT_EQ(0, fallocate(fd, FALLOC_FL_KEEP_SIZE, 10 * 1024, 8 * 1024));
	ASSERT_EQ(0, fsync(fd));
	close(fd);
	check_every_block(_metadata, DISKS_MNT "/ext4/odm_p", "ondisk");
	unlink(DISKS_MNT "/ext4/odm_p");
	/* ext2: a dirty inode's pointers are in memory only: bmap(). */
	fd = open(DISKS_MNT "/ext2/odm_d", O_RDWR | O_CREAT | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ(1024, pwrite(fd, buf, 1024, 0));
	ASSERT_EQ(1024, pwrite(fd, buf, 1024, 16 * 1024));
	check_every_block(_metadata, DISKS_MNT "/ext2/odm_d", "bmap");
	ASSERT_EQ(0, fsync(fd));
	close(fd);
	check_every_block(_metadata, DISKS_MNT "/ext2/odm_d", "ondisk");
	unlink(DISKS_MNT "/ext2/odm_d");
}

/* Is any extent of FD still waiting for delayed allocation? */
static bool fiemap_delalloc(int fd)
{
	size_t sz = sizeof(struct fiemap) + 16 * sizeof(struct fiemap_extent);
	struct fiemap *fm = calloc(1, sz);
	bool delalloc = false;
	unsigned int i;

	fm->fm_length = FIEMAP_MAX_OFFSET;
	fm->fm_extent_count = 16;
	if (!ioctl(fd, FS_IOC_FIEMAP, fm))
		for (i = 0; i < fm->fm_mapped_extents; i++)
			delalloc |= fm->fm_extents[i].fe_flags &
				    FIEMAP_EXTENT_DELALLOC;
	free(fm);
	return delalloc;
}

/* Looking does not allocate: ext4's dirty data stays delayed. */
TEST(delayed_allocation_is_left_alone)
{
	const char *path = DISKS_MNT "/ext4/delalloc_t";
	struct osedu_blockmap bm;
	char buf[8192], *text;
	int fd;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	memset(buf, 'd', sizeof(buf));
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)sizeof(buf), write(fd, buf, sizeof(buf)));
	ASSERT_TRUE(fiemap_delalloc(fd));
	ASSERT_TRUE(get_map(path, &bm, &text));
	EXPECT_STREQ("delayed", bm.state);
	EXPECT_NE(NULL, strstr(text, "not yet allocated (delayed allocation)"));
	free(text);
	EXPECT_TRUE(fiemap_delalloc(fd)) TH_LOG("the query allocated the blocks");
	ASSERT_EQ(0, fsync(fd));
	EXPECT_FALSE(fiemap_delalloc(fd));
	ASSERT_TRUE(get_map(path, &bm, NULL));
	EXPECT_STREQ("mapped", bm.state);
	EXPECT_EQ(8192 / 1024, (long long)bm.data_blocks);
	osedu_blockmap_free(&bm);
	close(fd);
	unlink(path);
}

static void check_none(struct __test_metadata *_metadata, const char *req,
		       const char *reason)
{
	struct osedu_blockmap bm;
	char *text, why[128];

	ASSERT_TRUE(get_map(req, &bm, &text)) TH_LOG("%s: %s", req,
						      strerror(errno));
	EXPECT_STREQ("none", bm.state) TH_LOG("%s", req);
	ASSERT_TRUE(osedu_kv(text, "reason", why, sizeof(why)));
	EXPECT_STREQ(reason, why) TH_LOG("%s", req);
	free(text);
}

TEST(files_without_a_block_map_say_so)
{
	char req[64];
	int p[2];

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	check_none(_metadata, DISKS_MNT "/ext4/dir", "not a regular file");
	check_none(_metadata, "/dev/vda", "not a regular file");
	check_none(_metadata, "/proc/version", "not on a block device");
	ASSERT_EQ(0, make_file("/tmp/tmpfs_t", "x", 0644));
	check_none(_metadata, "/tmp/tmpfs_t", "not on a block device");
	unlink("/tmp/tmpfs_t");
	ASSERT_EQ(0, pipe(p));
	snprintf(req, sizeof(req), "%d %d", getpid(), p[0]);
	check_none(_metadata, req, "not a regular file");
	close(p[0]);
	close(p[1]);
}

TEST(pid_fd_and_symlink_reach_the_same_inode)
{
	char req[64], *a, *b;
	int fd;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	unlink(DISKS_MNT "/ext4/link_t");
	ASSERT_EQ(0, symlink("big", DISKS_MNT "/ext4/link_t"));
	fd = open(DISKS_MNT "/ext4/big", O_RDONLY);
	ASSERT_LE(0, fd);
	snprintf(req, sizeof(req), "%d %d", getpid(), fd);
	a = osedu_blockmap_ask(req);
	b = osedu_blockmap_ask(DISKS_MNT "/ext4/link_t");
	ASSERT_NE(NULL, a);
	ASSERT_NE(NULL, b);
	EXPECT_EQ(osedu_kv_ll(a, "ino"), osedu_kv_ll(b, "ino"));
	EXPECT_EQ(expect_num(disk_expect("ext4", "file /big "), "ino"),
		  osedu_kv_ll(a, "ino"));
	free(a);
	free(b);
	close(fd);
	unlink(DISKS_MNT "/ext4/link_t");
}

TEST(bad_requests)
{
	char req[600];
	int fd;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	EXPECT_EQ(-ENOENT, ask_err(DISKS_MNT "/ext4/no_such_file"));
	EXPECT_EQ(-EINVAL, ask_err("big"));
	EXPECT_EQ(-EINVAL, ask_err("../big"));
	EXPECT_EQ(-EINVAL, ask_err("garbage"));
	EXPECT_EQ(-EINVAL, ask_err("1 2 3"));
	EXPECT_EQ(-EINVAL, ask_err("0 1"));
	EXPECT_EQ(-EINVAL, ask_err("-5 1"));
	EXPECT_EQ(-ESRCH, ask_err("99999999 0"));
	EXPECT_EQ(-EBADF, ask_err("1 9999"));
	/* Longer than a request may be. */
	memset(req, 'a', sizeof(req) - 1);
	req[0] = '/';
	req[sizeof(req) - 1] = '\0';
	EXPECT_NE(0, ask_err(req));
	/* A long name within the request limit. */
	req[250] = '\0';
	EXPECT_EQ(-ENOENT, ask_err(req));
	/* Names are bytes: not UTF-8 is no error. */
	EXPECT_EQ(-ENOENT, ask_err(DISKS_MNT "/ext4/\xff\xfe"));
	fd = open(DISKS_MNT "/ext4/\xff\xfe", O_RDWR | O_CREAT, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fsync(fd));
	EXPECT_EQ(0, ask_err(DISKS_MNT "/ext4/\xff\xfe"));
	close(fd);
	unlink(DISKS_MNT "/ext4/\xff\xfe");
}

/* FIEMAP's rule: whoever may open the file may see its blocks. */
TEST(unprivileged_asks_only_for_what_it_may_open)
{
	pid_t child;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	ASSERT_EQ(0, make_file(DISKS_MNT "/ext4/secret_t", "s", 0600));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		int ok = 1;

		if (osedu_drop_privileges())
			_exit(2);
		ok &= ask_err(DISKS_MNT "/ext4/secret_t") == -EACCES;
		ok &= ask_err("1 0") == -EACCES;
		ok &= ask_err(DISKS_MNT "/ext4/big") == 0;
		_exit(ok ? 0 : 1);
	}
	EXPECT_EQ(0, osedu_reap(child));
	unlink(DISKS_MNT "/ext4/secret_t");
}

TEST_HARNESS_MAIN
