// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/vfs/supers against statfs(2), /proc/self/mountinfo (of
 * this and of another mount namespace) and the host's dumpe2fs and minfo
 * of the disk images (vm/disks).
 */
#include <sched.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

#include "../kselftest_harness.h"
#include "vfs_util.h"

static char *supers(void)
{
	return osedu_read_all(OSEDU_VFS_SUPERS, OSEDU_DOC_MAX, NULL);
}

/* A mounted file system's row against statfs(2) of its mount point. */
static void check_statfs(struct __test_metadata *_metadata, const char *text,
			 const char *mnt, const char *type)
{
	struct osedu_super s;
	struct statfs sf;
	struct stat st;

	ASSERT_EQ(0, stat(mnt, &st));
	ASSERT_EQ(0, statfs(mnt, &sf));
	ASSERT_TRUE(osedu_supers_find(text, major(st.st_dev), minor(st.st_dev),
				      &s)) TH_LOG("%s: no row", mnt);
	EXPECT_STREQ(type, s.type);
	ASSERT_TRUE(s.have_statfs);
	EXPECT_EQ((uint64_t)sf.f_type, s.magic);
	EXPECT_EQ((uint64_t)sf.f_bsize, s.f_bsize);
	EXPECT_EQ((uint64_t)sf.f_blocks, s.blocks);
	EXPECT_EQ((uint64_t)sf.f_bfree, s.bfree);
	EXPECT_EQ((uint64_t)sf.f_bavail, s.bavail);
	EXPECT_EQ((uint64_t)sf.f_files, s.files);
	EXPECT_EQ((uint64_t)sf.f_ffree, s.ffree);
	/* The root inode at least is in memory. */
	EXPECT_LE(1, s.inodes_cached);
}

TEST(rows_match_statfs)
{
	char *text;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present()) TH_LOG("no disks: run with vm/run -d");
	text = supers();
	ASSERT_NE(NULL, text);
	ASSERT_TRUE(osedu_is_header(text, "vfs-supers"));
	EXPECT_EQ(0, osedu_kv_ll(text, "truncated"));
	check_statfs(_metadata, text, DISKS_MNT "/ext4", "ext4");
	check_statfs(_metadata, text, DISKS_MNT "/ext2", "ext2");
	check_statfs(_metadata, text, DISKS_MNT "/vfat", "vfat");
	check_statfs(_metadata, text, "/tmp", "tmpfs");
	check_statfs(_metadata, text, "/proc", "proc");
	free(text);
}

/* Is TYPE in /proc/filesystems, the registered types? */
static bool registered(const char *fs, const char *type)
{
	const char *p;
	size_t n = strlen(type);

	osedu_for_each_line(p, fs) {
		const char *name = strchr(p, '\t');

		if (name && !strncmp(name + 1, type, n) && name[1 + n] == '\n')
			return true;
	}
	return false;
}

/*
 * Every file system mounted here whose type is registered has its
 * superblock listed. Two are out of reach, and the test says so: the
 * initramfs's rootfs is not a registered type, and a devtmpfs mount
 * shows the superblock of devtmpfs's internal type (drivers/base/
 * devtmpfs.c: a second, unregistered file_system_type of that name).
 */
/*
 * A tmpfs mounted in a new mount namespace is listed to a reader inside
 * it, and not to one outside (whose /proc/self/mountinfo, the oracle,
 * does not have it either); nor are the kernel's own mounts (pipefs),
 * which are in no namespace.
 */
TEST(only_the_readers_mount_namespace)
{
	const char *dir = "/tmp/vfs_ns_t";
	int to_parent[2], to_child[2];
	struct osedu_super s;
	struct stat st;
	char c, *text, *mi, key[32];
	dev_t dev;
	pid_t pid;
	int status;

	ASSERT_EQ(0, vfs_load());
	mkdir(dir, 0755);
	ASSERT_EQ(0, pipe(to_parent));
	ASSERT_EQ(0, pipe(to_child));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		bool listed;

		if (unshare(CLONE_NEWNS) ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		    mount("vfs_ns_t", dir, "tmpfs", 0, "size=64k") ||
		    stat(dir, &st))
			_exit(2);
		text = supers();
		listed = text && osedu_supers_find(text, major(st.st_dev),
						   minor(st.st_dev), &s) &&
			 !strcmp(s.type, "tmpfs");
		/* Tell the parent the device, then hold the mount. */
		dev = st.st_dev;
		if (write(to_parent[1], &dev, sizeof(dev)) != sizeof(dev) ||
		    read(to_child[0], &c, 1) != 1)
			_exit(3);
		_exit(listed ? 0 : 1);
	}
	ASSERT_EQ((ssize_t)sizeof(dev), read(to_parent[0], &dev, sizeof(dev)));
	text = supers();
	mi = osedu_read_all("/proc/self/mountinfo", 1 << 20, NULL);
	ASSERT_NE(NULL, text);
	ASSERT_NE(NULL, mi);
	snprintf(key, sizeof(key), " %u:%u ", major(dev), minor(dev));
	/* The oracle: this namespace does not have the mount. */
	ASSERT_EQ(NULL, strstr(mi, key));
	EXPECT_FALSE(osedu_supers_find(text, major(dev), minor(dev), &s))
		TH_LOG("%u:%u, mounted in another namespace, is listed",
		       major(dev), minor(dev));
	EXPECT_EQ(NULL, strstr(text, "\npipefs "));
	EXPECT_EQ(1, write(to_child[1], "x", 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status))
		TH_LOG("the child did not see its own mount (exit %d)",
		       WEXITSTATUS(status));
	free(mi);
	free(text);
	rmdir(dir);
}

TEST(every_mount_is_listed)
{
	char *text, *mi, *fs;
	const char *p;
	int mounts = 0;

	ASSERT_EQ(0, vfs_load());
	text = supers();
	mi = osedu_read_all("/proc/self/mountinfo", 1 << 20, NULL);
	fs = osedu_read_all("/proc/filesystems", 1 << 20, NULL);
	ASSERT_NE(NULL, text);
	ASSERT_NE(NULL, mi);
	ASSERT_NE(NULL, fs);
	osedu_for_each_line(p, mi) {
		unsigned int maj, min;
		char fstype[64], line[1024];
		struct osedu_super s;
		const char *dash;

		snprintf(line, sizeof(line), "%.*s", (int)strcspn(p, "\n"), p);
		dash = strstr(line, " - ");
		ASSERT_NE(NULL, dash);
		ASSERT_EQ(2, sscanf(line, "%*d %*d %u:%u", &maj, &min));
		ASSERT_EQ(1, sscanf(dash + 3, "%63s", fstype));
		if (!registered(fs, fstype) || !strcmp(fstype, "devtmpfs")) {
			TH_LOG("%s (%u:%u): not a registered type", fstype,
			       maj, min);
			continue;
		}
		EXPECT_TRUE(osedu_supers_find(text, maj, min, &s))
			TH_LOG("%s (%u:%u) not listed", fstype, maj, min);
		/* mountinfo's type may carry a subtype ("fuse.x"). */
		EXPECT_EQ(0, strncmp(fstype, s.type, strlen(s.type)));
		mounts++;
	}
	EXPECT_LT(3, mounts);
	free(fs);
	free(mi);
	free(text);
}

/* The ext superblock on disk, as the host's dumpe2fs read it. */
static void check_ext_sb(struct __test_metadata *_metadata, const char *name)
{
	char req[128], *exp, *text;

	exp = disk_expect(name, "super ");
	ASSERT_NE(NULL, exp);
	snprintf(req, sizeof(req), DISKS_MNT "/%s/small", name);
	text = osedu_blockmap_ask(req);
	ASSERT_NE(NULL, text) TH_LOG("%s: %s", req, strerror(errno));
	EXPECT_EQ(0xef53, osedu_kv_ll(text, "sb_magic"));
	EXPECT_EQ(expect_num(exp, "blocks"), osedu_kv_ll(text, "sb_blocks"));
	EXPECT_EQ(expect_num(exp, "inodes"), osedu_kv_ll(text, "sb_inodes"));
	EXPECT_EQ(expect_num(exp, "first_data_block"),
		  osedu_kv_ll(text, "sb_first_data_block"));
	EXPECT_EQ(expect_num(exp, "blocks_per_group"),
		  osedu_kv_ll(text, "sb_blocks_per_group"));
	EXPECT_EQ(expect_num(exp, "inodes_per_group"),
		  osedu_kv_ll(text, "sb_inodes_per_group"));
	EXPECT_EQ(expect_num(exp, "inode_size"),
		  osedu_kv_ll(text, "sb_inode_size"));
	EXPECT_EQ(expect_num(exp, "block_size"), osedu_kv_ll(text, "block_size"));
	free(text);
	free(exp);
}

TEST(ondisk_superblock_matches_dumpe2fs)
{
	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	check_ext_sb(_metadata, "ext4");
	check_ext_sb(_metadata, "ext2");
}

TEST(boot_sector_matches_minfo)
{
	char *exp, *text;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	exp = disk_expect("vfat", "fat ");
	ASSERT_NE(NULL, exp);
	text = osedu_blockmap_ask(DISKS_MNT "/vfat/small");
	ASSERT_NE(NULL, text);
	EXPECT_EQ(expect_num(exp, "bits"), osedu_kv_ll(text, "fat_bits"));
	EXPECT_EQ(expect_num(exp, "sector_size"),
		  osedu_kv_ll(text, "bytes_per_sector"));
	EXPECT_EQ(expect_num(exp, "sectors_per_cluster"),
		  osedu_kv_ll(text, "sectors_per_cluster"));
	EXPECT_EQ(expect_num(exp, "reserved"),
		  osedu_kv_ll(text, "reserved_sectors"));
	EXPECT_EQ(expect_num(exp, "fats"), osedu_kv_ll(text, "fats"));
	EXPECT_EQ(expect_num(exp, "fat_sectors"), osedu_kv_ll(text, "fat_sectors"));
	EXPECT_EQ(expect_num(exp, "root_entries"),
		  osedu_kv_ll(text, "root_entries"));
	EXPECT_EQ(expect_num(exp, "data_start"), osedu_kv_ll(text, "data_start"));
	free(text);
	free(exp);
}

TEST_HARNESS_MAIN
