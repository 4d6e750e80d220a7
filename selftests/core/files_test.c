// SPDX-License-Identifier: GPL-2.0
/*
 * Core's file helpers, through the test-only files of osedu_test_files:
 * a streamed list filtered by osedu_task_shown(), and a transaction file
 * whose answer shows a process's open files (osedu_task_next_file()),
 * its caught signals (osedu_lock_task_sighand()) and the system call each
 * thread is blocked in (osedu_task_blocked_syscall()). Oracles: readdir
 * of /proc, /proc/<pid>/fd and fdinfo, /proc/<pid>/status (SigCgt),
 * /proc/<pid>/task/<tid>/syscall.
 */
#include <pthread.h>
#include <sys/socket.h>

#include "../kselftest_harness.h"
#include "../lib/osedu_test.h"

#define LIST	"/proc/osedu/coretest-list"
#define QUERY	"/proc/osedu/coretest-query"
#define BIG	(1 << 20)

FIXTURE(files) {
	int dummy;
};

FIXTURE_SETUP(files)
{
	ASSERT_EQ(0, osedu_load("osedu_test_files"));
}

FIXTURE_TEARDOWN(files)
{
}

/* The answer to @req through a fresh open, or NULL (errno set). */
static char *ask(const char *req, int *err)
{
	char *out;
	int fd;

	*err = 0;
	fd = open(QUERY, O_RDWR);
	if (fd < 0) {
		*err = errno;
		return NULL;
	}
	if (write(fd, req, strlen(req)) < 0) {
		*err = errno;
		close(fd);
		return NULL;
	}
	out = osedu_read_fd_all(fd, BIG, NULL);
	close(fd);
	return out;
}

static bool list_has(const char *list, pid_t pid)
{
	char want[32];
	size_t n = snprintf(want, sizeof(want), "\n%d ", pid);

	return memmem(list, strlen(list), want, n) != NULL;
}

/* Root's list holds every process of /proc, and nothing else. */
TEST_F(files, list_matches_proc_for_root)
{
	pid_t child = osedu_spawn_sleeper();
	char *list;
	DIR *d;
	struct dirent *e;
	int n_proc = 0, n_list = 0;
	const char *p;

	ASSERT_LT(0, child);
	list = osedu_read_all(LIST, BIG, NULL);
	ASSERT_NE(NULL, list);
	EXPECT_TRUE(osedu_is_header(list, "coretest-list"));
	EXPECT_TRUE(list_has(list, getpid()));
	EXPECT_TRUE(list_has(list, child));
	EXPECT_TRUE(list_has(list, 1));
	for (p = osedu_next_line(list); p && *p; p = osedu_next_line(p))
		n_list++;
	d = opendir("/proc");
	ASSERT_NE(NULL, d);
	while ((e = readdir(d)))
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9')
			n_proc++;
	closedir(d);
	/* Processes may come and go between the two reads: a few. */
	EXPECT_GE(3, abs(n_proc - n_list)) {
		TH_LOG("/proc has %d processes, the list %d", n_proc, n_list);
	}
	osedu_kill_reap(child);
	free(list);
}

/* An unprivileged reader's list holds its own processes only. */
TEST_F(files, list_unprivileged_shows_own_only)
{
	int pipefd[2];
	pid_t pid;
	char res;

	ASSERT_EQ(0, pipe(pipefd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		pid_t own;
		char *list;

		close(pipefd[0]);
		if (osedu_drop_privileges())
			_exit(2);
		/* Changing credentials made us non-dumpable (as setuid does). */
		prctl(PR_SET_DUMPABLE, 1);
		own = osedu_spawn_sleeper();
		list = osedu_read_all(LIST, BIG, NULL);
		res = !list ? 'e' : !list_has(list, getpid()) ? 's' :
		      !list_has(list, own) ? 'o' : list_has(list, 1) ? '1' :
		      list_has(list, getppid()) ? 'p' : 'y';
		if (write(pipefd[1], &res, 1) != 1)
			_exit(3);
		osedu_kill_reap(own);
		_exit(0);
	}
	close(pipefd[1]);
	ASSERT_EQ(1, read(pipefd[0], &res, 1));
	/* e: no list; s: self or o: own child missing; 1, p: others shown */
	EXPECT_EQ('y', res);
	EXPECT_EQ(0, osedu_reap(pid));
	close(pipefd[0]);
}

/* A list read in small pieces is the same list (the cursor resumes). */
TEST_F(files, list_small_reads)
{
	char *whole, *pieces;
	size_t len = 0, cap = BIG;
	char buf[7];
	ssize_t n;
	int fd;

	whole = osedu_read_all(LIST, BIG, NULL);
	ASSERT_NE(NULL, whole);
	pieces = calloc(1, cap);
	ASSERT_NE(NULL, pieces);
	fd = open(LIST, O_RDONLY);
	ASSERT_LE(0, fd);
	while ((n = read(fd, buf, sizeof(buf))) > 0 && len + n < cap) {
		memcpy(pieces + len, buf, n);
		len += n;
	}
	close(fd);
	/* The same processes, unless one came or went in between. */
	EXPECT_TRUE(list_has(pieces, getpid()));
	EXPECT_TRUE(list_has(pieces, 1));
	EXPECT_GE(64, labs((long)strlen(whole) - (long)len));
	free(whole);
	free(pieces);
}

/* Every open fd of a child, with its inode and close-on-exec bit. */
TEST_F(files, query_files_match_proc)
{
	int sv[2], cfd, err, n = 0;
	char path[64], link[256], *ans, *fdinfo;
	const char *p;
	struct stat st;
	pid_t child;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	cfd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, cfd);
	/* A high fd: the walk must skip the gap. */
	ASSERT_EQ(900, dup2(sv[0], 900));
	child = osedu_spawn_sleeper();
	ASSERT_LT(0, child);
	snprintf(path, sizeof(path), "%d", child);
	ans = ask(path, &err);
	ASSERT_NE(NULL, ans) TH_LOG("write: %s", strerror(err));
	ASSERT_TRUE(osedu_is_header(ans, "coretest-query"));
	for (p = ans; p && *p; p = osedu_next_line(p)) {
		unsigned int fd, cloexec;
		unsigned long ino;
		long long flags;

		if (sscanf(p, "fd: %u ino: %lu cloexec: %u", &fd, &ino,
			   &cloexec) != 3)
			continue;
		n++;
		snprintf(path, sizeof(path), "/proc/%d/fd/%u", child, fd);
		ASSERT_EQ(0, stat(path, &st)) TH_LOG("%s", path);
		EXPECT_EQ(st.st_ino, ino) TH_LOG("fd %u", fd);
		snprintf(path, sizeof(path), "/proc/%d/fdinfo/%u", child, fd);
		fdinfo = osedu_read_all(path, 4096, NULL);
		ASSERT_NE(NULL, fdinfo);
		flags = strtoll(strstr(fdinfo, "flags:") + 6, NULL, 8);
		EXPECT_EQ(!!(flags & O_CLOEXEC), cloexec) TH_LOG("fd %u", fd);
		free(fdinfo);
	}
	/* The oracle's count: the entries of /proc/<pid>/fd. */
	{
		DIR *d;
		struct dirent *e;
		int m = 0;

		snprintf(path, sizeof(path), "/proc/%d/fd", child);
		d = opendir(path);
		ASSERT_NE(NULL, d);
		while ((e = readdir(d)))
			if (e->d_name[0] != '.')
				m++;
		closedir(d);
		EXPECT_EQ(m, n);
	}
	snprintf(path, sizeof(path), "/proc/%d/fd/900", child);
	ASSERT_LT(0, readlink(path, link, sizeof(link) - 1));
	EXPECT_NE(NULL, strstr(ans, "fd: 900 "));
	osedu_kill_reap(child);
	free(ans);
	close(cfd);
	close(900);
	close(sv[0]);
	close(sv[1]);
}

static void on_usr1(int sig)
{
	(void)sig;
}

static void *blocked_reader(void *arg)
{
	char c;

	if (read(*(int *)arg, &c, 1) < 0)
		return NULL;
	return NULL;
}

/*
 * A thread blocked in read(2) shows that call and its fd; the count of
 * caught signals matches SigCgt. Oracle: /proc/<pid>/task/<tid>/syscall.
 */
TEST_F(files, query_blocked_syscall_and_signals)
{
	int p[2], err, caught;
	unsigned long long cgt;
	char req[32], path[96], *ans, *sys, *status, line[64];
	pthread_t th;
	unsigned long a0;
	long nr;
	pid_t tid = 0;

	ASSERT_EQ(0, pipe(p));
	signal(SIGUSR1, on_usr1);
	ASSERT_EQ(0, pthread_create(&th, NULL, blocked_reader, &p[0]));
	/* Wait until the thread sleeps in read (its wchan is set). */
	for (int i = 0; i < 500 && !tid; i++) {
		DIR *d = opendir("/proc/self/task");
		struct dirent *e;

		while (d && (e = readdir(d))) {
			pid_t t = atoi(e->d_name);

			if (t <= 0 || t == gettid())
				continue;
			snprintf(path, sizeof(path), "/proc/self/task/%d/stat", t);
			status = osedu_read_all(path, 4096, NULL);
			if (status && strstr(status, ") S "))
				tid = t;
			free(status);
		}
		if (d)
			closedir(d);
		usleep(10000);
	}
	ASSERT_LT(0, tid);
	snprintf(req, sizeof(req), "%d", getpid());
	ans = ask(req, &err);
	ASSERT_NE(NULL, ans) TH_LOG("write: %s", strerror(err));
	snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", tid);
	sys = osedu_read_all(path, 4096, NULL);
	ASSERT_NE(NULL, sys);
	ASSERT_EQ(2, sscanf(sys, "%ld 0x%lx", &nr, &a0));
	EXPECT_EQ(SYS_read, nr);
	EXPECT_EQ((unsigned long)p[0], a0);
	snprintf(line, sizeof(line), "tid: %d syscall: %ld 0x%lx ", tid, nr,
		 a0);
	EXPECT_NE(NULL, strstr(ans, line)) TH_LOG("%s\n%s", line, ans);
	/* The reader itself is running: nothing to show for it. */
	snprintf(line, sizeof(line), "tid: %d running\n", gettid());
	EXPECT_NE(NULL, strstr(ans, line));

	status = osedu_read_all("/proc/self/status", 8192, NULL);
	ASSERT_NE(NULL, status);
	cgt = strtoull(strstr(status, "SigCgt:") + 7, NULL, 16);
	caught = __builtin_popcountll(cgt);
	EXPECT_EQ(caught, (int)osedu_kv_ll(ans, "caught"));
	close(p[1]);
	pthread_join(th, NULL);
	close(p[0]);
	free(status);
	free(sys);
	free(ans);
}

/* Transaction rules: no answer before a request; bad requests leave none. */
TEST_F(files, query_rules)
{
	char buf[512], req[32];
	int fd;

	fd = open(QUERY, O_RDWR);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, read(fd, buf, sizeof(buf)));
	EXPECT_EQ(-1, write(fd, "garbage", 7));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, write(fd, "1\0" "2", 3));
	EXPECT_EQ(EINVAL, errno);
	memset(buf, '1', sizeof(buf));
	EXPECT_EQ(-1, write(fd, buf, sizeof(buf)));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, write(fd, "999999999", 9));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(0, pread(fd, buf, sizeof(buf), 0));
	snprintf(req, sizeof(req), " %d\n", getpid());
	EXPECT_EQ((ssize_t)strlen(req), write(fd, req, strlen(req)));
	EXPECT_LT(0, read(fd, buf, sizeof(buf)));
	/* A later failing request drops the earlier answer. */
	EXPECT_EQ(-1, write(fd, "-1", 2));
	EXPECT_EQ(0, pread(fd, buf, sizeof(buf), 0));
	close(fd);
}

/* An unprivileged opener may ask about itself, not about root's init. */
TEST_F(files, query_unprivileged)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		char req[32], *ans;
		int err;

		if (osedu_drop_privileges())
			_exit(2);
		ans = ask("1", &err);
		if (ans || err != EACCES)
			_exit(3);
		snprintf(req, sizeof(req), "%d", getpid());
		ans = ask(req, &err);
		_exit(ans && strstr(ans, "fd: 0 ") ? 0 : 4);
	}
	EXPECT_EQ(0, osedu_reap(pid));
}

/* A root-opened fd handed to an unprivileged process keeps root's access. */
TEST_F(files, query_opener_credentials)
{
	int fd = open(QUERY, O_RDWR);
	pid_t pid;

	ASSERT_LE(0, fd);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		char buf[256];

		if (osedu_drop_privileges())
			_exit(2);
		/* The opener (root) may ask about init. */
		if (write(fd, "1", 1) != 1)
			_exit(3);
		_exit(read(fd, buf, sizeof(buf)) > 0 ? 0 : 4);
	}
	EXPECT_EQ(0, osedu_reap(pid));
	close(fd);
}

/* Unload while readers hammer both files: no splat, clean errors. */
TEST_F(files, unload_under_readers)
{
	pid_t kids[4];
	char req[32];

	snprintf(req, sizeof(req), "%d", getpid());
	for (int i = 0; i < 4; i++) {
		kids[i] = fork();
		ASSERT_LE(0, kids[i]);
		if (kids[i] == 0) {
			long long end = osedu_now_us() + 3000000;
			char buf[4096];

			while (osedu_now_us() < end) {
				int fd = open(i & 1 ? LIST : QUERY, O_RDWR);

				if (fd < 0)
					fd = open(LIST, O_RDONLY);
				if (fd < 0)
					continue;
				/* A failed request (unloading) reads nothing. */
				if (!(i & 1))
					(void)!write(fd, req, strlen(req));
				while (read(fd, buf, sizeof(buf)) > 0)
					;
				close(fd);
			}
			_exit(0);
		}
	}
	usleep(500000);
	for (int i = 0; i < 5; i++) {
		EXPECT_EQ(0, osedu_unload("osedu_test_files"));
		EXPECT_EQ(0, osedu_load("osedu_test_files"));
	}
	for (int i = 0; i < 4; i++)
		EXPECT_EQ(0, osedu_reap(kids[i]));
}

TEST_HARNESS_MAIN
