// SPDX-License-Identifier: GPL-2.0
/*
 * osedu_core selftests, through the test-only "coretest" view
 * (selftests/core/module). Oracles: uname(2), /proc/<pid>/stat, the /proc
 * directory listing, /proc/kallsyms, and the credentials the test sets.
 */
#include <pthread.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/utsname.h>

#include "../kselftest_harness.h"
#include "osedu_exec.h"
#include "osedu_test.h"

#define VIEW		"/proc/osedu/coretest"
#define BUFSZ		4096
#define APPEAR_MS	100

static void load_view(struct __test_metadata *_metadata)
{
	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_test_view"));
}

static void entry_path(char *buf, size_t len, pid_t pid)
{
	snprintf(buf, len, VIEW "/%d", pid);
}

/* USER_HZ is 100: /proc/<pid>/stat's starttime is start_boottime / 10 ms. */
static long long stat_starttime(pid_t pid)
{
	char v[32];

	if (!osedu_proc_stat_field(pid, 22, v, sizeof(v)))
		return -1;
	return atoll(v);
}

TEST(version)
{
	char buf[BUFSZ], v[128];
	struct utsname u;

	load_view(_metadata);
	ASSERT_LT(0, osedu_read_file("/proc/osedu/version", buf, sizeof(buf)));
	ASSERT_TRUE(osedu_is_header(buf, "version"));
	ASSERT_EQ(0, uname(&u));
	ASSERT_TRUE(osedu_kv(buf, "kernel", v, sizeof(v)));
	EXPECT_STREQ(u.release, v);
	ASSERT_TRUE(osedu_kv(buf, "machine", v, sizeof(v)));
	EXPECT_STREQ(u.machine, v);
	EXPECT_EQ(OSEDU_FORMAT_VERSION, osedu_kv_ll(buf, "format"));
	ASSERT_TRUE(osedu_kv(buf, "views", v, sizeof(v)));
	EXPECT_NE(NULL, strstr(v, "coretest"));
}

TEST(entry_follows_process_life)
{
	char path[64], buf[BUFSZ], comm[32], shown[32];
	long long waited;
	siginfo_t si;
	pid_t pid;

	load_view(_metadata);
	pid = osedu_spawn_sleeper();
	ASSERT_LT(0, pid);
	entry_path(path, sizeof(path), pid);

	waited = osedu_wait_path(path, true, 2000);
	ASSERT_LE(0, waited);
	TH_LOG("entry appeared after %lld us", waited);
	EXPECT_LE(waited, APPEAR_MS * 1000);

	ASSERT_LT(0, osedu_read_file(path, buf, sizeof(buf)));
	EXPECT_TRUE(osedu_is_header(buf, "coretest"));
	EXPECT_EQ(pid, osedu_kv_ll(buf, "pid"));
	EXPECT_EQ(0, osedu_kv_ll(buf, "uid"));
	ASSERT_TRUE(osedu_proc_stat_field(pid, 2, comm, sizeof(comm)));
	ASSERT_TRUE(osedu_kv(buf, "comm", shown, sizeof(shown)));
	EXPECT_STREQ(comm, shown);
	EXPECT_EQ(stat_starttime(pid),
		  osedu_kv_ll(buf, "start_boottime_ns") / 10000000LL);

	/* A zombie is still a process, as in /proc. */
	kill(pid, SIGKILL);
	ASSERT_EQ(0, waitid(P_PID, pid, &si, WEXITED | WNOWAIT));
	entry_path(path, sizeof(path), pid);
	EXPECT_LT(0, osedu_read_file(path, buf, sizeof(buf)));
	EXPECT_EQ(pid, osedu_kv_ll(buf, "pid"));

	ASSERT_EQ(pid, waitpid(pid, NULL, 0));
	waited = osedu_wait_path(path, false, 2000);
	ASSERT_LE(0, waited);
	TH_LOG("entry gone %lld us after the process was reaped", waited);
	EXPECT_LE(waited, APPEAR_MS * 1000);
}

TEST(self_is_the_reader)
{
	char buf[BUFSZ];

	load_view(_metadata);
	ASSERT_LT(0, osedu_read_file(VIEW "/self", buf, sizeof(buf)));
	EXPECT_EQ(getpid(), osedu_kv_ll(buf, "pid"));
	EXPECT_EQ(stat_starttime(getpid()),
		  osedu_kv_ll(buf, "start_boottime_ns") / 10000000LL);
}

static void *read_self_thread(void *arg __attribute__((unused)))
{
	char buf[BUFSZ];

	if (osedu_read_file(VIEW "/self", buf, sizeof(buf)) <= 0)
		return (void *)-1L;
	return (void *)(long)osedu_kv_ll(buf, "pid");
}

TEST(self_from_a_thread_is_the_process)
{
	pthread_t t;
	void *ret;

	load_view(_metadata);
	ASSERT_EQ(0, pthread_create(&t, NULL, read_self_thread, NULL));
	ASSERT_EQ(0, pthread_join(t, &ret));
	EXPECT_EQ(getpid(), (long)ret);
}

TEST(held_fd_reads_esrch_after_exit)
{
	char path[64], buf[BUFSZ];
	pid_t pid;
	int fd;

	load_view(_metadata);
	pid = osedu_spawn_sleeper();
	ASSERT_LT(0, pid);
	entry_path(path, sizeof(path), pid);
	ASSERT_LE(0, osedu_wait_path(path, true, 2000));
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_LT(0, osedu_read_fd(fd, buf, sizeof(buf)));
	EXPECT_EQ(pid, osedu_kv_ll(buf, "pid"));

	osedu_kill_reap(pid);
	EXPECT_EQ(-ESRCH, osedu_read_fd(fd, buf, sizeof(buf)));
	/* Still held: a new open finds the process gone. */
	EXPECT_EQ(-ESRCH, osedu_read_file(path, buf, sizeof(buf)));
	close(fd);
	EXPECT_LE(0, osedu_wait_path(path, false, 2000));
}

TEST(reused_pid_never_shows_the_old_process)
{
	char path[64], buf[BUFSZ];
	pid_t old, pid = -1;
	ssize_t n;
	int fd, i;

	if (access("/proc/sys/kernel/ns_last_pid", W_OK))
		SKIP(return, "no ns_last_pid to choose the next pid "
		     "(a kernel without CONFIG_CHECKPOINT_RESTORE)");
	load_view(_metadata);
	old = osedu_spawn_sleeper();
	ASSERT_LT(0, old);
	entry_path(path, sizeof(path), old);
	ASSERT_LE(0, osedu_wait_path(path, true, 2000));
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	osedu_kill_reap(old);

	pid = osedu_spawn_sleeper_at(old);
	ASSERT_EQ(old, pid);

	/*
	 * The new process needs the name, so the old entry was removed: procfs
	 * fails reads of a removed entry with EIO. Any error will do; what
	 * must never happen is data.
	 */
	n = osedu_read_fd(fd, buf, sizeof(buf));
	EXPECT_TRUE(n == -ESRCH || n == -EIO)
		TH_LOG("old fd read returned %zd", n);
	close(fd);

	ASSERT_LE(0, osedu_wait_path(path, true, 2000));
	/* The entry may still be the old one's for a moment; wait for the new. */
	for (i = 0; i < 200; i++) {
		n = osedu_read_file(path, buf, sizeof(buf));
		if (n > 0)
			break;
		usleep(1000);
	}
	ASSERT_LT(0, n);
	EXPECT_EQ(stat_starttime(pid),
		  osedu_kv_ll(buf, "start_boottime_ns") / 10000000LL);
	osedu_kill_reap(pid);
}

/* The set of numbers under VIEW, as a sorted list; returns its length. */
static int list_pids(const char *dir, int *pids, int max)
{
	struct dirent *d;
	DIR *dp = opendir(dir);
	int n = 0;

	if (!dp)
		return -1;
	while ((d = readdir(dp)) && n < max) {
		char *end;
		long v = strtol(d->d_name, &end, 10);

		if (*end || end == d->d_name)
			continue;
		pids[n++] = v;
	}
	closedir(dp);
	return n;
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* The registry equals /proc's own list of processes once it settles. */
static bool registry_matches_proc(int timeout_ms)
{
	static int a[32768], b[32768];
	long long start = osedu_now_us();
	int na, nb;

	do {
		na = list_pids(VIEW, a, 32768);
		nb = list_pids("/proc", b, 32768);
		qsort(a, na, sizeof(int), cmp_int);
		qsort(b, nb, sizeof(int), cmp_int);
		if (na == nb && !memcmp(a, b, na * sizeof(int)))
			return true;
		usleep(2000);
	} while (osedu_now_us() - start < timeout_ms * 1000LL);
	return false;
}

TEST(registry_equals_proc_listing)
{
	load_view(_metadata);
	EXPECT_TRUE(registry_matches_proc(2000));
}

struct reader_arg {
	volatile bool *stop;
	pid_t *recent;
	int reads, bad;
	char why[128];
};

/* Read entries of live, dying and dead processes; any answer but a
 * correct one or a clean "gone" is a failure.
 */
static void *churn_reader(void *p)
{
	struct reader_arg *a = p;
	char path[64], buf[BUFSZ];
	int i;

	for (i = 0; i < 1000; i++) {
		pid_t pid = *(volatile pid_t *)a->recent;
		ssize_t n;

		if (i % 4 == 0)
			snprintf(path, sizeof(path), VIEW "/self");
		else
			entry_path(path, sizeof(path), pid);
		n = osedu_read_file(path, buf, sizeof(buf));
		a->reads++;
		if (n == -ENOENT || n == -ESRCH)
			continue;
		if (n <= 0 || !osedu_is_header(buf, "coretest")) {
			snprintf(a->why, sizeof(a->why), "%s: %zd", path, n);
			a->bad++;
		} else if (i % 4 && osedu_kv_ll(buf, "pid") != pid) {
			snprintf(a->why, sizeof(a->why), "%s: pid %lld", path,
				 osedu_kv_ll(buf, "pid"));
			a->bad++;
		}
	}
	return NULL;
}

/*
 * The heavy tests take tens of seconds under TCG on a busy host: give them
 * more than the harness's default 30 s.
 */
FIXTURE(slow) {};
FIXTURE_SETUP(slow) {}
FIXTURE_TEARDOWN(slow) {}
#define SLOW_TIMEOUT	300

TEST_F_TIMEOUT(slow, concurrent_readers_during_fork_storm, SLOW_TIMEOUT)
{
	struct reader_arg args[8];
	pthread_t t[8];
	volatile bool stop = false;
	pid_t recent = getpid();
	int i, bad = 0, reads = 0;

	load_view(_metadata);
	for (i = 0; i < 8; i++) {
		args[i] = (struct reader_arg){ .stop = &stop, .recent = &recent };
		ASSERT_EQ(0, pthread_create(&t[i], NULL, churn_reader, &args[i]));
	}
	for (i = 0; i < 1000; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		ASSERT_LT(0, pid);
		recent = pid;
		waitpid(pid, NULL, 0);
	}
	for (i = 0; i < 8; i++) {
		pthread_join(t[i], NULL);
		bad += args[i].bad;
		reads += args[i].reads;
		if (args[i].bad)
			TH_LOG("reader %d: %s", i, args[i].why);
	}
	TH_LOG("%d reads, %d bad", reads, bad);
	EXPECT_EQ(8000, reads);
	EXPECT_EQ(0, bad);
	EXPECT_TRUE(registry_matches_proc(5000));
}

/* Other osedu modules hold core; they are unloaded and restored around
 * the cycles.
 */
static int users_of_core(char names[][64], int max)
{
	char buf[65536], *line, *save = NULL;
	int n = 0;

	if (osedu_read_file("/proc/modules", buf, sizeof(buf)) <= 0)
		return 0;
	for (line = strtok_r(buf, "\n", &save); line && n < max;
	     line = strtok_r(NULL, "\n", &save)) {
		char name[64], users[1024];

		char *u, *s2 = NULL;

		/* name size refcount users state address */
		if (sscanf(line, "%63s %*s %*s %1023s", name, users) != 2 ||
		    strcmp(name, "osedu_core"))
			continue;
		for (u = strtok_r(users, ",", &s2); u && n < max;
		     u = strtok_r(NULL, ",", &s2))
			if (strcmp(u, "-"))
				snprintf(names[n++], 64, "%s", u);
		break;
	}
	return n;
}

static void *cycle_reader(void *p)
{
	struct reader_arg *a = p;
	char buf[BUFSZ];

	/*
	 * Below the loader, whose unload waits for reads in progress to
	 * drain: at equal weight four readers left it little CPU (an arm64
	 * guest, 50 cycles: 104 s, at nice 10 64 s). They still fill the
	 * CPUs.
	 */
	setpriority(PRIO_PROCESS, 0, 10);
	while (!*a->stop) {
		const char *path = a->reads % 2 ? VIEW "/self" :
				   "/proc/osedu/version";
		ssize_t n = osedu_read_file(path, buf, sizeof(buf));

		a->reads++;
		/* EIO: the entry was removed under an open file by the unload. */
		if (n == -ENOENT || n == -EIO || n == -ESRCH)
			continue;
		if (n <= 0 || strncmp(buf, "osedu ", 6)) {
			snprintf(a->why, sizeof(a->why), "%s: %zd", path, n);
			a->bad++;
		}
	}
	return NULL;
}

TEST_F_TIMEOUT(slow, load_unload_cycles_with_readers, SLOW_TIMEOUT)
{
	char users[16][64];
	struct reader_arg args[4];
	pthread_t t[4];
	volatile bool stop = false;
	/* make check: fewer (a cycle takes 1.3 s in an emulated arm64). */
	int cycles = osedu_env_int("OSEDU_STRESS_CYCLES", 50);
	int i, n, bad = 0;

	load_view(_metadata);
	n = users_of_core(users, 16);
	for (i = 0; i < n; i++)
		ASSERT_EQ(0, osedu_unload(users[i])) TH_LOG("%s", users[i]);

	for (i = 0; i < 4; i++) {
		args[i] = (struct reader_arg){ .stop = &stop };
		ASSERT_EQ(0, pthread_create(&t[i], NULL, cycle_reader, &args[i]));
	}
	for (i = 0; i < cycles; i++) {
		ASSERT_EQ(0, osedu_unload("osedu_test_view"));
		ASSERT_EQ(0, osedu_unload("osedu_core"));
		ASSERT_EQ(0, osedu_load("osedu_core"));
		ASSERT_EQ(0, osedu_load("osedu_test_view"));
	}
	stop = true;
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		bad += args[i].bad;
		if (args[i].bad)
			TH_LOG("reader %d: %s", i, args[i].why);
	}
	EXPECT_EQ(0, bad);
	/* Reload in the order they were listed; each load resolves its deps. */
	for (i = 0; i < n; i++) {
		const char *name = users[i];

		EXPECT_EQ(0, osedu_load(name)) TH_LOG("%s", name);
	}
	EXPECT_TRUE(registry_matches_proc(5000));
}

/* Run @fn as uid/gid 1000 in a child; its exit status is the result. */
static int as_unprivileged(int (*fn)(void *), void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		if (osedu_drop_privileges())
			_exit(100);
		_exit(fn(arg));
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int unpriv_reads_self(void *unused __attribute__((unused)))
{
	char buf[BUFSZ];

	if (osedu_read_file(VIEW "/self", buf, sizeof(buf)) <= 0)
		return 1;
	if (osedu_kv_ll(buf, "pid") != getpid() ||
	    osedu_kv_ll(buf, "opener_admin") != 0)
		return 2;
	if (osedu_kv_ull(buf, "phys_task") || osedu_kv_ull(buf, "kaddr_show"))
		return 3;
	return 0;
}

static int unpriv_denied_root_process(void *unused __attribute__((unused)))
{
	char buf[BUFSZ];

	return osedu_read_file(VIEW "/1", buf, sizeof(buf)) == -EACCES ? 0 : 1;
}

/* Same uid: readable while dumpable, refused once not. */
static int unpriv_same_user(void *unused __attribute__((unused)))
{
	char path[64], buf[BUFSZ];
	int up[2], down[2], rc = 0;
	ssize_t n;
	pid_t pid;
	char c;

	if (pipe(up) || pipe(down))
		return 10;
	pid = fork();
	if (pid == 0) {
		prctl(PR_SET_DUMPABLE, 1);
		if (write(up[1], "r", 1) != 1)
			_exit(1);
		/* Told to, become non-dumpable like a setuid program. */
		if (read(down[0], &c, 1) == 1)
			prctl(PR_SET_DUMPABLE, 0);
		if (write(up[1], "d", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	if (read(up[0], &c, 1) != 1)
		return 11;
	entry_path(path, sizeof(path), pid);
	if (osedu_wait_path(path, true, 2000) < 0)
		rc = 12;
	else if ((n = osedu_read_file(path, buf, sizeof(buf))) <= 0)
		rc = 20 + (int)-n;
	else if (osedu_kv_ll(buf, "uid") != OSEDU_UNPRIV_ID)
		rc = 14;
	if (write(down[1], "n", 1) != 1 || read(up[0], &c, 1) != 1)
		rc = 15;
	if (!rc && osedu_read_file(path, buf, sizeof(buf)) != -EACCES)
		rc = 16;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return rc;
}

TEST(unprivileged_access)
{
	load_view(_metadata);
	EXPECT_EQ(0, as_unprivileged(unpriv_reads_self, NULL));
	EXPECT_EQ(0, as_unprivileged(unpriv_denied_root_process, NULL));
	EXPECT_EQ(0, as_unprivileged(unpriv_same_user, NULL));
}

TEST(root_reading_an_unprivileged_open_sees_no_more)
{
	char buf[BUFSZ];
	int sv[2], fd, status;
	pid_t pid;

	load_view(_metadata);
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	pid = fork();
	if (pid == 0) {
		char c;

		if (osedu_drop_privileges())
			_exit(1);
		fd = open(VIEW "/self", O_RDONLY);
		if (fd < 0 || osedu_send_fd(sv[1], fd))
			_exit(2);
		/* Stay alive so the process the file names exists. */
		if (read(sv[1], &c, 1) < 0)
			_exit(3);
		_exit(0);
	}
	close(sv[1]);
	fd = osedu_recv_fd(sv[0]);
	ASSERT_LE(0, fd);
	ASSERT_LT(0, osedu_read_fd(fd, buf, sizeof(buf)));
	EXPECT_EQ(pid, osedu_kv_ll(buf, "pid"));
	EXPECT_EQ(0, osedu_kv_ll(buf, "opener_admin"));
	EXPECT_EQ(0, osedu_kv_ull(buf, "phys_task"));
	EXPECT_EQ(0, osedu_kv_ull(buf, "kaddr_show"));
	close(fd);
	ASSERT_EQ(1, write(sv[0], "x", 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));

	/* The same file opened by root shows the privileged fields. */
	ASSERT_LT(0, osedu_read_file(VIEW "/self", buf, sizeof(buf)));
	EXPECT_EQ(1, osedu_kv_ll(buf, "opener_admin"));
	EXPECT_NE(0, osedu_kv_ull(buf, "phys_task"));
}

TEST(kernel_addresses_follow_kptr_restrict)
{
	char buf[BUFSZ], old[16], v[128];
	unsigned long long want;

	load_view(_metadata);
	ASSERT_LT(0, osedu_read_file("/proc/sys/kernel/kptr_restrict", old,
				     sizeof(old)));
	ASSERT_EQ(0, osedu_write_file("/proc/sys/kernel/kptr_restrict", "0"));
	want = osedu_kallsyms_addr("coretest_show");
	ASSERT_NE(0, want);
	ASSERT_LT(0, osedu_read_file(VIEW "/self", buf, sizeof(buf)));
	EXPECT_EQ(want, osedu_kv_ull(buf, "kaddr_show"));
	ASSERT_TRUE(osedu_kv(buf, "symbol_show", v, sizeof(v)));
	EXPECT_STREQ("coretest_show [osedu_test_view]", v);
	ASSERT_TRUE(osedu_kv(buf, "symbol_bogus", v, sizeof(v)));
	EXPECT_STREQ("?", v);

	ASSERT_EQ(0, osedu_write_file("/proc/sys/kernel/kptr_restrict", "2"));
	ASSERT_LT(0, osedu_read_file(VIEW "/self", buf, sizeof(buf)));
	EXPECT_EQ(0, osedu_kv_ull(buf, "kaddr_show"));
	/* Names are not addresses: they stay. */
	ASSERT_TRUE(osedu_kv(buf, "symbol_show", v, sizeof(v)));
	EXPECT_STREQ("coretest_show [osedu_test_view]", v);
	EXPECT_EQ(0, osedu_write_file("/proc/sys/kernel/kptr_restrict", old));
}

TEST(kernel_thread_entry)
{
	char buf[BUFSZ], v[32];

	load_view(_metadata);
	/* pid 2 is kthreadd on every kernel. */
	ASSERT_LT(0, osedu_read_file(VIEW "/2", buf, sizeof(buf)));
	ASSERT_TRUE(osedu_kv(buf, "comm", v, sizeof(v)));
	EXPECT_STREQ("kthreadd", v);
	EXPECT_EQ(0, osedu_kv_ll(buf, "uid"));
}

TEST(bad_names_do_not_exist)
{
	const char *bad[] = { "0", "-1", "2147483648", "4294967297", "abc",
			      "1x", "" };
	char path[64], buf[BUFSZ];
	unsigned int i;

	load_view(_metadata);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(path, sizeof(path), VIEW "/%s/x", bad[i]);
		EXPECT_EQ(-ENOENT, osedu_read_file(path, buf, sizeof(buf)))
			TH_LOG("%s", path);
		snprintf(path, sizeof(path), VIEW "/%s", bad[i]);
		if (*bad[i])
			EXPECT_EQ(-ENOENT, osedu_read_file(path, buf,
							   sizeof(buf)))
				TH_LOG("%s", path);
	}
}

TEST(writes_are_refused)
{
	char garbage[4096];
	int fd;

	load_view(_metadata);
	memset(garbage, 0xa5, sizeof(garbage));
	fd = open(VIEW "/self", O_WRONLY);
	if (fd >= 0) {
		EXPECT_GT(0, write(fd, garbage, sizeof(garbage)));
		close(fd);
	}
	fd = open("/proc/osedu/version", O_RDWR);
	if (fd >= 0) {
		EXPECT_GT(0, write(fd, garbage, sizeof(garbage)));
		close(fd);
	}
}

TEST(tiny_reads_and_seeks)
{
	char whole[BUFSZ], byte, pieced[BUFSZ];
	ssize_t n, len;
	int fd;

	load_view(_metadata);
	fd = open(VIEW "/self", O_RDONLY);
	ASSERT_LE(0, fd);
	len = osedu_read_fd(fd, whole, sizeof(whole));
	ASSERT_LT(0, len);
	ASSERT_EQ(0, lseek(fd, 0, SEEK_SET));
	for (n = 0; read(fd, &byte, 1) == 1 && n < (ssize_t)sizeof(pieced); n++)
		pieced[n] = byte;
	EXPECT_EQ(len, n);
	EXPECT_EQ(0, memcmp(whole, pieced, len));
	ASSERT_EQ(5, lseek(fd, 5, SEEK_SET));
	ASSERT_EQ(1, read(fd, &byte, 1));
	EXPECT_EQ(whole[5], byte);
	EXPECT_EQ(0, pread(fd, &byte, 1, 1 << 20));
	close(fd);
}

TEST(fault_injection_fails_one_open)
{
	char buf[BUFSZ];

	load_view(_metadata);
	ASSERT_EQ(0, osedu_write_file("/sys/kernel/debug/osedu/core/fail_open",
				      "1"));
	EXPECT_EQ(-ENOMEM, osedu_read_file(VIEW "/self", buf, sizeof(buf)));
	EXPECT_LT(0, osedu_read_file(VIEW "/self", buf, sizeof(buf)));
	ASSERT_LT(0, osedu_read_file("/sys/kernel/debug/osedu/core/stats", buf,
				     sizeof(buf)));
	EXPECT_LT(0, osedu_kv_ll(buf, "entries_live"));
	EXPECT_EQ(0, osedu_kv_ll(buf, "entries_failed"));
}

TEST_HARNESS_MAIN
