// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/vfs/<pid> against the kernel's own answers: fstat(2) for the
 * inode, /proc/<pid>/fdinfo for the offset and flags, readlink of
 * /proc/<pid>/fd/N and /proc/<pid>/cwd for the paths, mincore(2) and
 * cachestat(2) (6.5+) for the page cache; a file shared after fork is
 * one struct file (one id, two references, one offset), a file opened
 * twice is two; 10,000 open files stream in bounded reads.
 */
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sysmacros.h>

#include "../kselftest_harness.h"
#include "vfs_util.h"

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

static char *view_of(pid_t pid)
{
	return osedu_read_view(OSEDU_VFS_DIR, pid, OSEDU_DOC_MAX, 0);
}

static char *record_of(pid_t pid, int fd)
{
	char *text = view_of(pid), *rec;

	if (!text)
		return NULL;
	rec = osedu_vfs_fd_record(text, fd);
	free(text);
	return rec;
}

static long long fdinfo_num(int fd, const char *key, int base)
{
	char path[64], buf[4096];
	const char *v;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	if (osedu_read_file(path, buf, sizeof(buf) - 1) <= 0)
		return -1;
	v = osedu_kv_find(buf, key, NULL);
	return v ? strtoll(v, NULL, base) : -1;
}

static const char *test_file(void)
{
	return disks_present() ? DISKS_MNT "/ext4/big" : NULL;
}

TEST(fd_matches_fstat_fdinfo_readlink)
{
	const char *path = test_file();
	char *rec, link[PATH_MAX], want[64], got[PATH_MAX];
	struct stat st;
	ssize_t n;
	int fd;

	ASSERT_EQ(0, vfs_load());
	ASSERT_NE(NULL, path) TH_LOG("no disks: run with vm/run -d");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(100, lseek(fd, 100, SEEK_SET));
	ASSERT_EQ(0, fstat(fd, &st));
	rec = record_of(0, fd);
	ASSERT_NE(NULL, rec);

	EXPECT_EQ(fdinfo_num(fd, "pos", 10), osedu_kv_ll(rec, "pos"));
	EXPECT_EQ(fdinfo_num(fd, "flags", 8), osedu_kv_ll(rec, "flags"));
	EXPECT_EQ(fdinfo_num(fd, "ino", 10), osedu_kv_ll(rec, "ino"));
	EXPECT_EQ(1, osedu_kv_ll(rec, "cloexec"));
	EXPECT_EQ((long long)st.st_ino, osedu_kv_ll(rec, "ino"));
	EXPECT_EQ((long long)st.st_size, osedu_kv_ll(rec, "size"));
	EXPECT_EQ((long long)st.st_nlink, osedu_kv_ll(rec, "nlink"));
	EXPECT_EQ((long long)st.st_uid, osedu_kv_ll(rec, "uid"));
	EXPECT_EQ((long long)st.st_gid, osedu_kv_ll(rec, "gid"));
	EXPECT_EQ((long long)st.st_blocks, osedu_kv_ll(rec, "blocks_512"));
	EXPECT_EQ((long long)st.st_blksize, osedu_kv_ll(rec, "block_size"));
	snprintf(want, sizeof(want), "0%o", st.st_mode);
	ASSERT_TRUE(osedu_kv(rec, "mode", got, sizeof(got)));
	EXPECT_STREQ(want, got);
	ASSERT_TRUE(osedu_kv(rec, "type", got, sizeof(got)));
	EXPECT_STREQ("regular", got);
	snprintf(want, sizeof(want), "%lld.%09ld", (long long)st.st_mtim.tv_sec,
		 st.st_mtim.tv_nsec);
	ASSERT_TRUE(osedu_kv(rec, "mtime", got, sizeof(got)));
	EXPECT_STREQ(want, got);
	snprintf(want, sizeof(want), "%u:%u", major(st.st_dev), minor(st.st_dev));
	ASSERT_TRUE(osedu_kv(rec, "sb_dev", got, sizeof(got)));
	EXPECT_STREQ(want, got);
	ASSERT_TRUE(osedu_kv(rec, "sb_type", got, sizeof(got)));
	EXPECT_STREQ("ext4", got);

	snprintf(want, sizeof(want), "/proc/self/fd/%d", fd);
	n = readlink(want, link, sizeof(link) - 1);
	ASSERT_LT(0, n);
	link[n] = '\0';
	ASSERT_TRUE(osedu_kv(rec, "path", got, sizeof(got)));
	EXPECT_STREQ(link, got);
	ASSERT_TRUE(osedu_kv(rec, "dentry", got, sizeof(got)));
	EXPECT_STREQ("big", got);
	/* Only this fd holds the file. */
	EXPECT_EQ(1, osedu_kv_ll(rec, "file_refs"));
	free(rec);
	close(fd);
}

TEST(cwd_and_root_match_proc)
{
	char *text, link[PATH_MAX], got[PATH_MAX];
	ssize_t n;

	ASSERT_EQ(0, vfs_load());
	ASSERT_EQ(0, chdir("/opt/osedu"));
	text = view_of(0);
	ASSERT_NE(NULL, text);
	n = readlink("/proc/self/cwd", link, sizeof(link) - 1);
	ASSERT_LT(0, n);
	link[n] = '\0';
	ASSERT_TRUE(osedu_kv(text, "cwd", got, sizeof(got)));
	EXPECT_STREQ(link, got);
	ASSERT_TRUE(osedu_kv(text, "root", got, sizeof(got)));
	EXPECT_STREQ("/", got);
	EXPECT_EQ(getpid(), osedu_kv_ll(text, "pid"));
	free(text);
}

/*
 * fork: one struct file, two references, one offset; open twice: two
 * struct files of one inode, each with its own offset.
 */
TEST(fork_shares_one_file_two_opens_do_not)
{
	char id_parent[32], id_child[32], id_other[32], ino1[32], ino2[32];
	int fd, fd2, go[2], done[2];
	char *rec, *rec2;
	pid_t child;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	fd = open(DISKS_MNT "/ext2/big", O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(done));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		osedu_read_byte(go[0]);
		lseek(fd, 4321, SEEK_SET);
		osedu_write_byte(done[1]);
		pause();
		_exit(0);
	}
	/* Core adds the child's entry after the fork, from a work item. */
	snprintf(id_child, sizeof(id_child), OSEDU_VFS_DIR "/%d", child);
	ASSERT_NE(-1, osedu_wait_path(id_child, true, 5000));
	rec = record_of(0, fd);
	rec2 = record_of(child, fd);
	ASSERT_NE(NULL, rec);
	ASSERT_NE(NULL, rec2);
	ASSERT_TRUE(osedu_kv(rec, "file_id", id_parent, sizeof(id_parent)));
	ASSERT_TRUE(osedu_kv(rec2, "file_id", id_child, sizeof(id_child)));
	EXPECT_STREQ(id_parent, id_child);
	EXPECT_EQ(2, osedu_kv_ll(rec, "file_refs"));
	EXPECT_EQ(2, osedu_kv_ll(rec2, "file_refs"));
	free(rec);
	free(rec2);

	/* The child moves the shared offset; the parent's moves with it. */
	osedu_write_byte(go[1]);
	osedu_read_byte(done[0]);
	EXPECT_EQ(4321, lseek(fd, 0, SEEK_CUR));
	rec = record_of(0, fd);
	ASSERT_NE(NULL, rec);
	EXPECT_EQ(4321, osedu_kv_ll(rec, "pos"));
	free(rec);

	fd2 = open(DISKS_MNT "/ext2/big", O_RDONLY);
	ASSERT_LE(0, fd2);
	rec = record_of(0, fd);
	rec2 = record_of(0, fd2);
	ASSERT_NE(NULL, rec2);
	ASSERT_TRUE(osedu_kv(rec2, "file_id", id_other, sizeof(id_other)));
	EXPECT_STRNE(id_parent, id_other);
	EXPECT_EQ(1, osedu_kv_ll(rec2, "file_refs"));
	EXPECT_EQ(0, osedu_kv_ll(rec2, "pos"));
	ASSERT_TRUE(osedu_kv(rec, "inode_id", ino1, sizeof(ino1)));
	ASSERT_TRUE(osedu_kv(rec2, "inode_id", ino2, sizeof(ino2)));
	EXPECT_STREQ(ino1, ino2);
	free(rec);
	free(rec2);
	osedu_kill_reap(child);
	close(fd);
	close(fd2);
}

/* Page-cache counts against mincore(2) and, where it exists, cachestat(2). */
TEST(page_cache_counts_match_mincore_and_cachestat)
{
	const char *path = DISKS_MNT "/ext4/cache_t";
	size_t len = 16 * 4096;
	struct cs_range range = { 0, 0 };
	char *buf = malloc(len), *rec;
	struct cs cs;
	bool have_cs;
	int fd;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	memset(buf, 'c', len);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)len, write(fd, buf, len));

	/* Written, not yet written back: dirty. */
	rec = record_of(0, fd);
	ASSERT_NE(NULL, rec);
	have_cs = !syscall(__NR_cachestat, fd, &range, &cs, 0);
	if (have_cs) {
		EXPECT_EQ((long long)cs.nr_cache, osedu_kv_ll(rec, "cache_pages"));
		EXPECT_EQ((long long)cs.nr_dirty, osedu_kv_ll(rec, "dirty_pages"));
	} else {
		ASSERT_EQ(ENOSYS, errno);
		TH_LOG("no cachestat(2) on this kernel: mincore(2) alone");
	}
	EXPECT_EQ(16, osedu_kv_ll(rec, "dirty_pages"));
	EXPECT_EQ(resident_pages(fd, len), osedu_kv_ll(rec, "cache_pages"));
	free(rec);

	/* fsync writes them back: clean, still cached. */
	ASSERT_EQ(0, fsync(fd));
	rec = record_of(0, fd);
	ASSERT_NE(NULL, rec);
	EXPECT_EQ(0, osedu_kv_ll(rec, "dirty_pages"));
	EXPECT_EQ(resident_pages(fd, len), osedu_kv_ll(rec, "cache_pages"));
	EXPECT_EQ(16, osedu_kv_ll(rec, "cache_pages"));
	if (have_cs) {
		ASSERT_EQ(0, syscall(__NR_cachestat, fd, &range, &cs, 0));
		EXPECT_EQ((long long)cs.nr_cache, osedu_kv_ll(rec, "cache_pages"));
		EXPECT_EQ(0, (long long)cs.nr_dirty);
	}
	free(rec);

	/* Dropped from the cache. */
	ASSERT_EQ(0, posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED));
	rec = record_of(0, fd);
	ASSERT_NE(NULL, rec);
	EXPECT_EQ(resident_pages(fd, len), osedu_kv_ll(rec, "cache_pages"));
	EXPECT_EQ(0, osedu_kv_ll(rec, "cache_pages"));
	free(rec);
	close(fd);
	unlink(path);
	free(buf);
}

/* An unprivileged reader sees page-cache counts of its own files only. */
TEST(unprivileged_reader_sees_no_foreign_cache)
{
	pid_t child;

	ASSERT_EQ(0, vfs_load());
	ASSERT_TRUE(disks_present());
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		char *rec, v[32];
		int foreign, own, ok = 1;

		foreign = open(DISKS_MNT "/ext4/big", O_RDONLY);
		if (osedu_drop_privileges())
			_exit(2);
		/* setuid made it undumpable; the owner rule wants it dumpable. */
		prctl(PR_SET_DUMPABLE, 1);
		own = open(DISKS_MNT "/ext4/own_t", O_RDWR | O_CREAT | O_TRUNC,
			   0600);
		if (foreign < 0 || own < 0 || write(own, "x", 1) != 1)
			_exit(3);
		rec = record_of(0, foreign);
		ok &= rec && osedu_kv(rec, "cache_pages", v, sizeof(v)) &&
		      !strcmp(v, "-");
		free(rec);
		rec = record_of(0, own);
		ok &= rec && osedu_kv_ll(rec, "cache_pages") == 1 &&
		      osedu_kv_ll(rec, "dirty_pages") == 1;
		free(rec);
		/* init is root's: its view is closed to this user. */
		ok &= open(OSEDU_VFS_DIR "/1", O_RDONLY) < 0 && errno == EACCES;
		unlink(DISKS_MNT "/ext4/own_t");
		_exit(ok ? 0 : 1);
	}
	EXPECT_EQ(0, osedu_reap(child));
}

/*
 * 10,000 open files: every one is listed, in order, when the view is read
 * in 4 KiB reads (each read resumes at an fd number).
 */
TEST(ten_thousand_fds_stream)
{
	struct rlimit rl = { 10100, 10100 };
	char buf[4096], *text = NULL;
	size_t len = 0, cap = 0;
	int fd, i, view, last = -1;
	size_t want = 0, got = 0;
	const char *p;
	ssize_t n;
	DIR *d;

	ASSERT_EQ(0, vfs_load());
	ASSERT_EQ(0, setrlimit(RLIMIT_NOFILE, &rl));
	fd = open("/proc/version", O_RDONLY);
	ASSERT_LE(0, fd);
	for (i = 0; i < 10000; i++)
		ASSERT_LE(0, dup(fd));
	view = open(OSEDU_VFS_DIR "/self", O_RDONLY);
	ASSERT_LE(0, view);
	d = opendir("/proc/self/fd");
	ASSERT_NE(NULL, d);
	while (readdir(d))
		want++;
	/* ".", ".." and the directory's own fd. */
	want -= 3;
	closedir(d);
	while ((n = read(view, buf, sizeof(buf))) > 0) {
		if (len + n + 1 > cap) {
			char *bigger;

			cap = (len + n + 1) * 2;
			bigger = realloc(text, cap);
			ASSERT_NE(NULL, bigger);
			text = bigger;
		}
		memcpy(text + len, buf, n);
		len += n;
		text[len] = '\0';
	}
	ASSERT_EQ(0, n);
	osedu_for_each_line(p, text) {
		if (strncmp(p, "fd: ", 4))
			continue;
		EXPECT_LT(last, atoi(p + 4));
		last = atoi(p + 4);
		got++;
	}
	EXPECT_EQ(want, got);
	EXPECT_EQ(want, osedu_vfs_count_fds(text));
	free(text);
	close(view);
	for (i = 3; i < 10100; i++)
		if (i != fd)
			close(i);
	close(fd);
}

TEST(reaped_process_is_gone)
{
	char path[64], buf[256];
	pid_t child;
	int fd;

	ASSERT_EQ(0, vfs_load());
	child = osedu_spawn_sleeper();
	ASSERT_LT(0, child);
	snprintf(path, sizeof(path), OSEDU_VFS_DIR "/%d", child);
	ASSERT_NE(-1, osedu_wait_path(path, true, 5000));
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	osedu_kill_reap(child);
	EXPECT_EQ(-1, read(fd, buf, sizeof(buf)));
	EXPECT_EQ(ESRCH, errno);
	close(fd);
}

TEST_HARNESS_MAIN
