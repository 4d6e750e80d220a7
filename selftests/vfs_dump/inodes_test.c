// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/vfs/inodes (root only) against the kernel's own answers:
 * stat(2) and fstat(2) of files made on the ext4, ext2 and vfat disks
 * (vm/run -d) for each inode's number, size, links, mode and blocks; a
 * hard link is one inode with two links; a file deleted while open has
 * no link and no name; mincore(2) for the page-cache pages, cachestat(2)
 * (6.5+) for dirty pages; statfs(2) of a tmpfs for the count past the
 * limit. Unprivileged openers get nothing, and bad requests are refused.
 */
#include <sys/mount.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

#include "../kselftest_harness.h"
#include "vfs_util.h"
#include "osedu_ns.h"

#ifndef __NR_cachestat
#define __NR_cachestat 451
#endif

struct cs_range {
	uint64_t off, len;
};

struct cs {
	uint64_t nr_cache, nr_dirty, nr_writeback, nr_evicted,
		 nr_recently_evicted;
};

/* The answer for the superblock of DEV, or NULL with errno. */
static char *inodes_of(dev_t dev)
{
	char req[32];

	snprintf(req, sizeof(req), "%u:%u", major(dev), minor(dev));
	return osedu_blockmap_ask_at(OSEDU_VFS_INODES, req);
}

/* The row of the inode ST describes, from a fresh answer. */
static bool row_of(const struct stat *st, struct osedu_inode_row *r)
{
	char *text = inodes_of(st->st_dev);
	bool found;

	if (!text)
		return false;
	found = osedu_inodes_find(text, st->st_ino, r);
	free(text);
	return found;
}

/* Every column of R that stat(2) also reports. */
static void check_stat(struct __test_metadata *_metadata,
		       const struct osedu_inode_row *r, const struct stat *st)
{
	EXPECT_EQ((uint64_t)st->st_ino, r->ino);
	EXPECT_EQ((unsigned int)st->st_mode, r->mode);
	EXPECT_EQ((uint64_t)st->st_nlink, r->nlink);
	EXPECT_EQ((int64_t)st->st_size, r->size);
	EXPECT_EQ((uint64_t)st->st_blocks, r->blocks_512);
	EXPECT_STREQ(S_ISDIR(st->st_mode) ? "directory" : "regular", r->type);
}

static char *fs_path(char *out, size_t len, const char *fs, const char *name)
{
	snprintf(out, len, DISKS_MNT "/%s/%s", fs, name);
	return out;
}

static const char * const disk_fs[] = { "ext4", "ext2", "vfat" };

/*
 * fsync(2) PATH: ext4 allocates blocks at writeback, and its stat(2)
 * counts the blocks it has only reserved, i_blocks not yet.
 */
static int sync_path(const char *path)
{
	int fd = open(path, O_RDONLY), ret;

	if (fd < 0)
		return -errno;
	ret = fsync(fd) ? -errno : 0;
	close(fd);
	return ret;
}

/*
 * A file made on each disk, written back so that the blocks are final
 * (ext4's stat adds delayed-allocation blocks that i_blocks has not
 * counted yet), held open: its row says what stat(2) says, with a
 * reference, and its path from the file system's root.
 */
TEST(files_match_stat_on_every_disk)
{
	char path[128], buf[5000];
	struct osedu_inode_row r;
	struct stat st;
	size_t i;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present()) TH_LOG("no disks: run with vm/run -d");
	memset(buf, 'i', sizeof(buf));
	for (i = 0; i < sizeof(disk_fs) / sizeof(disk_fs[0]); i++) {
		int fd = open(fs_path(path, sizeof(path), disk_fs[i],
				      "inodes_t_a"),
			      O_RDWR | O_CREAT | O_TRUNC, 0640);

		ASSERT_LE(0, fd) TH_LOG("%s: %s", path, strerror(errno));
		ASSERT_EQ((ssize_t)sizeof(buf), write(fd, buf, sizeof(buf)));
		ASSERT_EQ(0, fsync(fd));
		ASSERT_EQ(0, fstat(fd, &st));
		ASSERT_TRUE(row_of(&st, &r)) TH_LOG("%s: no row", path);
		check_stat(_metadata, &r, &st);
		EXPECT_LE(1, r.refs);
		EXPECT_TRUE(r.has_path);
		EXPECT_STREQ("/inodes_t_a", r.path);

		/* The root directory, by its own stat(2). */
		ASSERT_EQ(0, stat(fs_path(path, sizeof(path), disk_fs[i], ""),
				  &st));
		ASSERT_TRUE(row_of(&st, &r)) TH_LOG("%s: no root row", path);
		check_stat(_metadata, &r, &st);
		EXPECT_STREQ("/", r.path);
		close(fd);
		unlink(fs_path(path, sizeof(path), disk_fs[i], "inodes_t_a"));
	}
}

/*
 * The header against vfs/supers, the table against itself, and the
 * files stat(2) has just read into memory against the host's debugfs.
 */
TEST(header_names_the_superblock)
{
	static const char * const files[] = { "big", "small", "frag" };
	struct osedu_inode_row r;
	struct osedu_super s;
	char *text, *supers, v[64], path[128], prefix[64], *exp;
	struct stat st;
	long rows;
	size_t i;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		ASSERT_EQ(0, stat(fs_path(path, sizeof(path), "ext2", files[i]),
				  &st));
	ASSERT_EQ(0, stat(DISKS_MNT "/ext2", &st));
	text = inodes_of(st.st_dev);
	ASSERT_NE(NULL, text) TH_LOG("%s", strerror(errno));
	supers = osedu_read_all(OSEDU_VFS_SUPERS, OSEDU_DOC_MAX, NULL);
	ASSERT_NE(NULL, supers);
	ASSERT_TRUE(osedu_supers_find(supers, major(st.st_dev),
				      minor(st.st_dev), &s));
	ASSERT_TRUE(osedu_kv(text, "type", v, sizeof(v)));
	EXPECT_STREQ(s.type, v);
	ASSERT_TRUE(osedu_kv(text, "id", v, sizeof(v)));
	EXPECT_STREQ(s.id, v);
	EXPECT_EQ((long long)s.block_size, osedu_kv_ll(text, "block_size"));
	snprintf(v, sizeof(v), "%u:%u", major(st.st_dev), minor(st.st_dev));
	ASSERT_NE(NULL, osedu_kv_find(text, "dev", NULL));
	EXPECT_EQ(0, strncmp(osedu_kv_find(text, "dev", NULL), v, strlen(v)));
	rows = osedu_inodes_count(text);
	EXPECT_EQ(osedu_kv_ll(text, "shown"), rows);
	EXPECT_EQ(0, osedu_kv_ll(text, "truncated"));
	EXPECT_EQ(rows, osedu_kv_ll(text, "inodes"));
	/* The root and the files just looked up at least. */
	EXPECT_LE(4, rows);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(prefix, sizeof(prefix), "file /%s ", files[i]);
		exp = disk_expect("ext2", prefix);
		ASSERT_NE(NULL, exp) TH_LOG("ext2.expect: no %s", prefix);
		ASSERT_TRUE(osedu_inodes_find(text, expect_num(exp, "ino"), &r))
			TH_LOG("/%s: no row", files[i]);
		EXPECT_EQ(expect_num(exp, "size"), r.size);
		EXPECT_EQ(expect_num(exp, "blocks512"), (long long)r.blocks_512);
		snprintf(path, sizeof(path), "/%s", files[i]);
		EXPECT_STREQ(path, r.path);
		free(exp);
	}
	free(supers);
	free(text);
}

/* A hard link is the same inode: one row, two links. */
TEST(hard_link_is_one_inode_with_two_links)
{
	const char *fs[] = { "ext4", "ext2" };	/* FAT has no hard links */
	char a[128], b[128], *text;
	struct osedu_inode_row r;
	struct stat sa, sb;
	const char *p;
	size_t i;
	int rows;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	for (i = 0; i < 2; i++) {
		fs_path(a, sizeof(a), fs[i], "inodes_t_link_a");
		fs_path(b, sizeof(b), fs[i], "inodes_t_link_b");
		unlink(b);
		ASSERT_EQ(0, make_file(a, "linked\n", 0644));
		ASSERT_EQ(0, sync_path(a));
		ASSERT_EQ(0, link(a, b));
		ASSERT_EQ(0, stat(a, &sa));
		ASSERT_EQ(0, stat(b, &sb));
		ASSERT_EQ(sa.st_ino, sb.st_ino);
		ASSERT_EQ(2, (int)sa.st_nlink);
		text = inodes_of(sa.st_dev);
		ASSERT_NE(NULL, text);
		rows = 0;
		osedu_for_each_line(p, text) {
			if (osedu_inode_row_parse(p, &r) && r.ino == sa.st_ino)
				rows++;
		}
		EXPECT_EQ(1, rows);
		ASSERT_TRUE(osedu_inodes_find(text, sa.st_ino, &r));
		check_stat(_metadata, &r, &sa);
		EXPECT_EQ(2, (int)r.nlink);
		/* One name, through whichever dentry the cache holds. */
		EXPECT_TRUE(!strcmp(r.path, "/inodes_t_link_a") ||
			    !strcmp(r.path, "/inodes_t_link_b"))
			TH_LOG("path %s", r.path);
		free(text);

		/* rm drops a link, not the inode. */
		ASSERT_EQ(0, unlink(a));
		ASSERT_EQ(0, stat(b, &sb));
		ASSERT_TRUE(row_of(&sb, &r));
		EXPECT_EQ(1, (int)r.nlink);
		EXPECT_EQ((uint64_t)sb.st_nlink, r.nlink);
		EXPECT_STREQ("/inodes_t_link_b", r.path);
		unlink(b);
	}
}

/*
 * Deleted while open: no link, no name, still in memory and referenced;
 * closed, gone from memory.
 */
TEST(deleted_while_open_has_no_link_and_no_name)
{
	const char *path = DISKS_MNT "/ext4/inodes_t_gone";
	struct osedu_inode_row r;
	struct stat st;
	char *text;
	int fd;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ASSERT_LE(0, fd);
	ASSERT_EQ(5, write(fd, "gone\n", 5));
	ASSERT_EQ(0, fsync(fd));
	ASSERT_EQ(0, unlink(path));
	ASSERT_EQ(0, fstat(fd, &st));
	ASSERT_EQ(0, (int)st.st_nlink);
	ASSERT_TRUE(row_of(&st, &r));
	check_stat(_metadata, &r, &st);
	EXPECT_EQ(0, (int)r.nlink);
	EXPECT_LE(1, r.refs);
	EXPECT_FALSE(r.has_path) TH_LOG("a deleted file named %s", r.path);
	/* The last reference gone, the inode is evicted at once. */
	close(fd);
	text = inodes_of(st.st_dev);
	ASSERT_NE(NULL, text);
	EXPECT_FALSE(osedu_inodes_find(text, st.st_ino, &r))
		TH_LOG("still there: nlink %llu refs %lld",
		       (unsigned long long)r.nlink, (long long)r.refs);
	free(text);
}

/*
 * cache_pages against mincore(2) as the cache fills: none after
 * POSIX_FADV_DONTNEED, some after reading part of the file (with
 * read-ahead: mincore says how many), all after reading the rest.
 */
TEST(cache_pages_match_mincore)
{
	const char *path = DISKS_MNT "/ext4/inodes_t_cache";
	size_t len = 32 * 4096;
	char *buf = malloc(len);
	struct osedu_inode_row r;
	struct stat st;
	long before, after;
	int fd, step;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	ASSERT_NE(NULL, buf);
	memset(buf, 'p', len);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)len, write(fd, buf, len));
	ASSERT_EQ(0, fsync(fd));
	ASSERT_EQ(0, fstat(fd, &st));
	for (step = 0; step < 3; step++) {
		if (step == 0) {
			ASSERT_EQ(0, posix_fadvise(fd, 0, 0,
						   POSIX_FADV_DONTNEED));
		} else {
			size_t n = step == 1 ? 4 * 4096 : len;

			ASSERT_EQ((ssize_t)n, pread(fd, buf, n, 0));
		}
		before = resident_pages(fd, len);
		ASSERT_TRUE(row_of(&st, &r));
		after = resident_pages(fd, len);
		ASSERT_EQ(before, after) TH_LOG("the cache moved meanwhile");
		EXPECT_EQ((uint64_t)before, r.cache_pages)
			TH_LOG("step %d", step);
	}
	EXPECT_EQ(32, (int)r.cache_pages);
	close(fd);
	unlink(path);
	free(buf);
}

/*
 * Written, not written back: dirty_pages in the state (and, where
 * cachestat(2) exists, dirty pages there); after fsync(2), not.
 */
TEST(dirty_until_fsync)
{
	const char *path = DISKS_MNT "/ext2/inodes_t_dirty";
	struct cs_range range = { 0, 0 };
	struct osedu_inode_row r;
	char buf[8192];
	struct stat st;
	struct cs cs;
	int fd;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	memset(buf, 'd', sizeof(buf));
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)sizeof(buf), write(fd, buf, sizeof(buf)));
	ASSERT_EQ(0, fstat(fd, &st));
	ASSERT_TRUE(row_of(&st, &r));
	if (!syscall(__NR_cachestat, fd, &range, &cs, 0)) {
		EXPECT_EQ(cs.nr_dirty > 0,
			  osedu_inode_state_has(&r, "dirty_pages"))
			TH_LOG("cachestat: %llu dirty, state %s",
			       (unsigned long long)cs.nr_dirty, r.state);
	} else {
		ASSERT_EQ(ENOSYS, errno);
		TH_LOG("no cachestat(2) on this kernel: write and fsync alone");
		EXPECT_TRUE(osedu_inode_state_has(&r, "dirty_pages"))
			TH_LOG("state %s", r.state);
	}
	ASSERT_EQ(0, fsync(fd));
	ASSERT_TRUE(row_of(&st, &r));
	EXPECT_FALSE(osedu_inode_state_has(&r, "dirty_pages"))
		TH_LOG("state %s after fsync", r.state);
	EXPECT_FALSE(osedu_inode_state_has(&r, "dirty_sync"))
		TH_LOG("state %s after fsync", r.state);
	EXPECT_EQ((uint64_t)st.st_size, (uint64_t)r.size);
	close(fd);
	unlink(path);
}

/*
 * More inodes than the limit, on a tmpfs (where every inode is in
 * memory, and statfs(2) counts them): the rows stop at the limit, the
 * total goes on, and the answer says it was cut.
 */
TEST(truncated_past_the_limit_with_the_total)
{
	const char *dir = "/tmp/inodes_t_many";
	char path[128], *text;
	long long limit, total;
	struct statfs sf;
	struct stat st;
	int i, made;

	ASSERT_EQ(0, vfs_load());
	mkdir(dir, 0755);
	ASSERT_EQ(0, mount("inodes_t", dir, "tmpfs", 0, "size=16m"));
	ASSERT_EQ(0, stat(dir, &st));
	text = inodes_of(st.st_dev);
	ASSERT_NE(NULL, text);
	limit = osedu_kv_ll(text, "limit");
	free(text);
	ASSERT_LT(0, limit);
	made = (int)limit + 50;
	for (i = 0; i < made; i++) {
		snprintf(path, sizeof(path), "%s/f%d", dir, i);
		ASSERT_EQ(0, make_file(path, "", 0644));
	}
	ASSERT_EQ(0, statfs(dir, &sf));
	text = inodes_of(st.st_dev);
	ASSERT_NE(NULL, text);
	total = osedu_kv_ll(text, "inodes");
	/* The files and the root; tmpfs counts each inode it gives out. */
	EXPECT_LE(made + 1, total);
	EXPECT_EQ((long long)(sf.f_files - sf.f_ffree), total);
	EXPECT_EQ(1, osedu_kv_ll(text, "truncated"));
	EXPECT_EQ(limit, osedu_kv_ll(text, "shown"));
	EXPECT_EQ(limit, osedu_inodes_count(text));
	free(text);
	ASSERT_EQ(0, umount(dir));
	rmdir(dir);
}

/* Write REQ to a fresh open of the file: 0, or -errno (-1000-errno: open). */
static int request(const char *file, const char *req, size_t len,
		   bool *answered)
{
	char buf[256];
	int fd = open(file, O_RDWR), ret = 0;

	*answered = false;
	if (fd < 0)
		return -1000 - errno;
	if (write(fd, req, len) < 0)
		ret = -errno;
	/* A refused request leaves nothing to read. */
	*answered = read(fd, buf, sizeof(buf)) > 0;
	close(fd);
	return ret;
}

TEST(bad_requests_are_refused)
{
	static const struct {
		const char *req;
		int err;
	} bad[] = {
		{ "", -EINVAL }, { "\n", -EINVAL }, { "abc", -EINVAL },
		{ "8", -EINVAL }, { "8:", -EINVAL }, { ":1", -EINVAL },
		{ "1:2:3", -EINVAL }, { "-1:0", -EINVAL }, { "+8:0", -EINVAL },
		{ "8 :0", -EINVAL }, { "0x8:0", -EINVAL }, { "8:1x", -EINVAL },
		{ "/mnt/disks/ext4", -EINVAL },
		{ "99999999999:0", -EINVAL }, { "4096:0", -EINVAL },
		{ "0:1048576", -EINVAL }, { "4294967296:1", -EINVAL },
		/* Well formed, but no such superblock mounted here. */
		{ "4095:1048575", -ENOENT },
	};
	char huge[400], req[32];
	struct stat st;
	bool answered;
	size_t i;
	int fds[2];

	ASSERT_EQ(0, vfs_load());
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int got = request(OSEDU_VFS_INODES, bad[i].req,
				  strlen(bad[i].req), &answered);

		EXPECT_EQ(bad[i].err, got) TH_LOG("request \"%s\"", bad[i].req);
		EXPECT_FALSE(answered) TH_LOG("request \"%s\"", bad[i].req);
	}
	/* A NUL inside, and more than a request may hold. */
	EXPECT_EQ(-EINVAL, request(OSEDU_VFS_INODES, "0:5\0x", 5, &answered));
	memset(huge, '1', sizeof(huge));
	EXPECT_EQ(-EINVAL, request(OSEDU_VFS_INODES, huge, sizeof(huge),
				   &answered));
	/* pipefs is a superblock the kernel mounts for itself, nowhere. */
	ASSERT_EQ(0, pipe(fds));
	ASSERT_EQ(0, fstat(fds[0], &st));
	snprintf(req, sizeof(req), "%u:%u", major(st.st_dev), minor(st.st_dev));
	EXPECT_EQ(-ENOENT, request(OSEDU_VFS_INODES, req, strlen(req),
				   &answered));
	close(fds[0]);
	close(fds[1]);
	/* After a refused request, a good one on the same open works. */
	ASSERT_EQ(0, stat("/proc", &st));
	snprintf(req, sizeof(req), "%u:%u", major(st.st_dev), minor(st.st_dev));
	{
		int fd = open(OSEDU_VFS_INODES, O_RDWR);
		char *text;

		ASSERT_LE(0, fd);
		EXPECT_EQ(-1, write(fd, "junk", 4));
		EXPECT_EQ((ssize_t)strlen(req), write(fd, req, strlen(req)));
		text = osedu_read_fd_all(fd, OSEDU_DOC_MAX, NULL);
		ASSERT_NE(NULL, text);
		EXPECT_TRUE(osedu_is_header(text, "vfs-inodes"));
		EXPECT_LT(0, osedu_inodes_count(text));
		free(text);
		close(fd);
	}
}

/*
 * Nobody but CAP_SYS_ADMIN: the test user cannot open the file (mode
 * 0600); root without CAP_SYS_ADMIN can, and its request is refused and
 * its reads are empty. (selftests/access walks the whole matrix.)
 */
TEST(unprivileged_openers_get_nothing)
{
	struct stat st;
	char req[32];
	int i;

	ASSERT_EQ(0, vfs_load());
	ASSERT_EQ(0, stat(OSEDU_VFS_INODES, &st));
	EXPECT_EQ(0600, (int)(st.st_mode & 07777));
	EXPECT_EQ(0, (int)st.st_uid);
	ASSERT_EQ(0, stat("/proc", &st));
	snprintf(req, sizeof(req), "%u:%u", major(st.st_dev), minor(st.st_dev));
	for (i = 0; i < 2; i++) {
		pid_t pid = fork();
		int status;

		ASSERT_LE(0, pid);
		if (pid == 0) {
			bool answered;
			int got, ok;

			if (i == 0 ? osedu_drop_privileges() :
				     osedu_drop_cap(CAP_SYS_ADMIN))
				_exit(2);
			got = request(OSEDU_VFS_INODES, req, strlen(req),
				      &answered);
			ok = i == 0 ? got == -1000 - EACCES : got == -EACCES;
			_exit(ok && !answered ? 0 : 1);
		}
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		ASSERT_TRUE(WIFEXITED(status));
		EXPECT_EQ(0, WEXITSTATUS(status))
			TH_LOG("%s", i == 0 ? "uid 1000" :
			       "root without CAP_SYS_ADMIN");
	}
}

TEST_HARNESS_MAIN
