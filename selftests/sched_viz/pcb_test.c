// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/sched/<pid> against the kernel's own views of the same
 * task: /proc/<pid>/stat, /proc/<pid>/task/<tid>/stat, status, sched,
 * wchan and the ns/ links.
 */
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"

#define VIEW		"/proc/osedu/sched"
#define BUFSZ		65536
#define WAIT_MS		20000

static void load(struct __test_metadata *_metadata)
{
	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_sched_viz"));
}

/* Read the view of @pid (0: self); bytes read or -errno. */
static ssize_t read_pcb(pid_t pid, char *buf, size_t len)
{
	char path[64];

	if (pid)
		snprintf(path, sizeof(path), VIEW "/%d", pid);
	else
		snprintf(path, sizeof(path), VIEW "/self");
	/* The entry of a new process appears shortly after fork. */
	if (pid && osedu_wait_path(path, true, WAIT_MS) < 0)
		return -ENOENT;
	return osedu_read_file(path, buf, len);
}

static long long stat_ll(pid_t pid, pid_t tid, int field)
{
	char path[96], buf[1024], *p, *save = NULL;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, tid);
	if (osedu_read_file(path, buf, sizeof(buf)) <= 0)
		return LLONG_MIN;
	p = strrchr(buf, ')');
	if (!p)
		return LLONG_MIN;
	if (field == 3)
		return p[2];
	p = strtok_r(p + 2, " ", &save);
	for (i = 3; p && i < field; i++)
		p = strtok_r(NULL, " ", &save);
	return p ? atoll(p) : LLONG_MIN;
}

/* "key: value" of /proc/<pid>/task/<tid>/status. */
static long long status_ll(pid_t pid, pid_t tid, const char *key)
{
	char path[96], buf[4096], pat[64], *p;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", pid, tid);
	if (osedu_read_file(path, buf, sizeof(buf)) <= 0)
		return LLONG_MIN;
	snprintf(pat, sizeof(pat), "\n%s:", key);
	p = strstr(buf, pat);
	return p ? atoll(p + strlen(pat)) : LLONG_MIN;
}

/* A /proc/<pid>/sched value ("key : 12.345678" in ms) in ns. */
static long long sched_ns(pid_t pid, const char *key)
{
	char path[64], buf[8192], pat[64], *p;
	long long ms, frac;

	snprintf(path, sizeof(path), "/proc/%d/sched", pid);
	if (osedu_read_file(path, buf, sizeof(buf)) <= 0)
		return LLONG_MIN;
	snprintf(pat, sizeof(pat), "\n%s ", key);
	p = strstr(buf, pat);
	if (!p)
		return LLONG_MIN;
	p = strchr(p, ':');
	if (!p || sscanf(p + 1, " %lld.%lld", &ms, &frac) != 2)
		return LLONG_MIN;
	return ms * 1000000 + frac;
}

static bool kv_is(const char *buf, const char *key, const char *want)
{
	char v[128];

	return osedu_kv(buf, key, v, sizeof(v)) && !strcmp(v, want);
}

/*
 * Poll until thread @tid's state letter (/proc stat) is @state; a sleep
 * only once the thread is off its CPU, its wchan and registers saved.
 */
static bool wait_tid_state(pid_t pid, pid_t tid, char state)
{
	long long start = osedu_now_us();

	if (state == 'S' || state == 'D')
		return osedu_wait_asleep(pid, tid, state, WAIT_MS);

	while (osedu_now_us() - start < WAIT_MS * 1000LL) {
		if (stat_ll(pid, tid, 3) == state)
			return true;
		usleep(1000);
	}
	return false;
}

static bool wait_state(pid_t pid, char state)
{
	return wait_tid_state(pid, pid, state);
}

/*
 * The wchan /proc reports, and ours; both must name the same function.
 * /proc says "0" while 6.12 keeps a new sleeper on its run queue (delayed
 * dequeue), and a task seen in S may have been in a passing sleep (a page
 * fault, a lock) before the one the test set up: so compare only across
 * a window where /proc names the same function before and after our read,
 * retrying until it does.
 */
static void check_wchan(struct __test_metadata *_metadata, pid_t pid,
			const char *buf)
{
	char path[64], before[128], after[128], ours[128], pcb[BUFSZ];
	long long start = osedu_now_us();
	bool stable = false;

	snprintf(path, sizeof(path), "/proc/%d/wchan", pid);
	ASSERT_TRUE(osedu_kv(buf, "wchan", ours, sizeof(ours)));
	do {
		ASSERT_LT(0, osedu_read_file(path, before, sizeof(before)));
		if (strcmp(before, "0")) {
			ASSERT_LT(0, read_pcb(pid, pcb, sizeof(pcb)));
			ASSERT_TRUE(osedu_kv(pcb, "wchan", ours,
					     sizeof(ours)));
			ASSERT_LT(0, osedu_read_file(path, after,
						     sizeof(after)));
			stable = !strcmp(before, after);
			if (stable && !strcmp(before, ours))
				break;
		}
		usleep(1000);
	} while (osedu_now_us() - start < WAIT_MS * 1000LL);
	TH_LOG("pid %d wchan: ours %s, /proc %s", pid, ours, before);
	EXPECT_TRUE(stable) TH_LOG("/proc/%d/wchan never stable", pid);
	EXPECT_STREQ(before, ours);
}

static void check_ns(struct __test_metadata *_metadata, pid_t pid,
		     const char *buf)
{
	static const char * const ns[] = { "pid", "mnt", "uts", "net", "ipc" };
	char path[64], link[64], key[16];
	unsigned long long inum;
	unsigned int i;
	ssize_t n;

	for (i = 0; i < 5; i++) {
		snprintf(path, sizeof(path), "/proc/%d/ns/%s", pid, ns[i]);
		n = readlink(path, link, sizeof(link) - 1);
		/* A kernel built without that namespace (NET_NS...) has no link. */
		if (n < 0 && errno == ENOENT) {
			TH_LOG("no %s: not compared", path);
			continue;
		}
		ASSERT_LT(0, n);
		link[n] = '\0';
		inum = strtoull(strchr(link, '[') + 1, NULL, 10);
		snprintf(key, sizeof(key), "ns_%s", ns[i]);
		EXPECT_EQ(inum, osedu_kv_ull(buf, key)) TH_LOG("%s", key);
	}
}

/*
 * /proc/<pid>/syscall ends with the user stack pointer and program
 * counter saved in pt_regs by the system call the task sleeps in.
 */
static void check_user_regs(struct __test_metadata *_metadata, pid_t pid,
			    const char *buf)
{
	char path[64], sys[512], *sp;
	unsigned long long osp, opc;

	snprintf(path, sizeof(path), "/proc/%d/syscall", pid);
	ASSERT_LT(0, osedu_read_file(path, sys, sizeof(sys)));
	sp = strrchr(sys, ' ');
	ASSERT_NE(NULL, sp);
	*sp = '\0';
	opc = strtoull(sp + 1, NULL, 16);
	sp = strrchr(sys, ' ');
	ASSERT_NE(NULL, sp);
	osp = strtoull(sp + 1, NULL, 16);
	EXPECT_NE(0, osp);
	EXPECT_EQ(osp, osedu_kv_ull(buf, "user_sp"));
	EXPECT_EQ(opc, osedu_kv_ull(buf, "user_ip"));
}

/*
 * Every field of a task that sleeps (so nothing moves) against /proc.
 * /proc/<pid>/stat's priority is prio - 100; times are in USER_HZ ticks.
 */
static void check_sleeper(struct __test_metadata *_metadata, pid_t pid)
{
	char buf[BUFSZ], comm[32];
	long long prio = stat_ll(pid, pid, 18) + 100;

	ASSERT_TRUE(wait_state(pid, 'S'));
	ASSERT_LT(0, read_pcb(pid, buf, sizeof(buf)));
	ASSERT_TRUE(osedu_is_header(buf, "sched"));
	EXPECT_EQ(pid, osedu_kv_ll(buf, "pid"));
	EXPECT_EQ(pid, osedu_kv_ll(buf, "tgid"));
	EXPECT_EQ(stat_ll(pid, pid, 4), osedu_kv_ll(buf, "ppid"));
	ASSERT_TRUE(osedu_proc_stat_field(pid, 2, comm, sizeof(comm)));
	EXPECT_TRUE(kv_is(buf, "comm", comm));
	EXPECT_TRUE(kv_is(buf, "state", "S"));
	EXPECT_TRUE(kv_is(buf, "state_name", "Blocked(interruptible)"));
	EXPECT_EQ(0, osedu_kv_ll(buf, "queued"));
	EXPECT_EQ(stat_ll(pid, pid, 39), osedu_kv_ll(buf, "cpu"));
	EXPECT_EQ(stat_ll(pid, pid, 41), osedu_kv_ll(buf, "policy"));
	EXPECT_EQ(prio, osedu_kv_ll(buf, "prio"));
	EXPECT_EQ(stat_ll(pid, pid, 40), osedu_kv_ll(buf, "rt_priority"));
	EXPECT_EQ(stat_ll(pid, pid, 19), osedu_kv_ll(buf, "nice"));
	EXPECT_EQ(120 + osedu_kv_ll(buf, "nice"),
		  osedu_kv_ll(buf, "static_prio"));
	EXPECT_EQ(status_ll(pid, pid, "voluntary_ctxt_switches"),
		  osedu_kv_ll(buf, "nvcsw"));
	EXPECT_EQ(status_ll(pid, pid, "nonvoluntary_ctxt_switches"),
		  osedu_kv_ll(buf, "nivcsw"));
	EXPECT_EQ(sched_ns(pid, "se.sum_exec_runtime"),
		  osedu_kv_ll(buf, "sum_exec_runtime_ns"));
	if (osedu_kv_ll(buf, "policy") == SCHED_OTHER)
		EXPECT_EQ(sched_ns(pid, "se.vruntime"),
			  osedu_kv_ll(buf, "vruntime_ns"));
	EXPECT_EQ(stat_ll(pid, pid, 14), osedu_kv_ll(buf, "utime_ns") / 10000000);
	EXPECT_EQ(stat_ll(pid, pid, 15), osedu_kv_ll(buf, "stime_ns") / 10000000);
	EXPECT_EQ(stat_ll(pid, pid, 10), osedu_kv_ll(buf, "min_flt"));
	EXPECT_EQ(stat_ll(pid, pid, 12), osedu_kv_ll(buf, "maj_flt"));
	EXPECT_EQ(stat_ll(pid, pid, 22),
		  osedu_kv_ll(buf, "start_boottime_ns") / 10000000);
	check_user_regs(_metadata, pid, buf);
	EXPECT_NE(0, osedu_kv_ull(buf, "mm_id"));
	EXPECT_EQ(0, osedu_kv_ll(buf, "kernel_thread"));
	check_wchan(_metadata, pid, buf);
	check_ns(_metadata, pid, buf);
}

static pid_t spawn_policy(int policy, int rtprio, int nice)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct sched_param sp = { .sched_priority = rtprio };

		if (sched_setscheduler(0, policy, &sp))
			_exit(1);
		if (nice && setpriority(PRIO_PROCESS, 0, nice))
			_exit(1);
		for (;;)
			pause();
	}
	return pid;
}

TEST(sleepers_match_proc)
{
	pid_t pids[5];
	unsigned int i;

	load(_metadata);
	pids[0] = spawn_policy(SCHED_OTHER, 0, 0);
	pids[1] = spawn_policy(SCHED_OTHER, 0, 7);
	pids[2] = spawn_policy(SCHED_FIFO, 10, 0);
	pids[3] = spawn_policy(SCHED_RR, 42, 0);
	pids[4] = spawn_policy(SCHED_BATCH, 0, -3);
	for (i = 0; i < 5; i++) {
		ASSERT_LT(0, pids[i]);
		TH_LOG("policy case %u: pid %d", i, pids[i]);
		check_sleeper(_metadata, pids[i]);
	}
	for (i = 0; i < 5; i++)
		osedu_kill_reap(pids[i]);
}

TEST(names_of_policies_and_states)
{
	char buf[BUFSZ];
	pid_t fifo, busy;

	load(_metadata);
	fifo = spawn_policy(SCHED_FIFO, 10, 0);
	ASSERT_LT(0, fifo);
	ASSERT_TRUE(wait_state(fifo, 'S'));
	ASSERT_LT(0, read_pcb(fifo, buf, sizeof(buf)));
	EXPECT_TRUE(kv_is(buf, "policy_name", "SCHED_FIFO"));
	EXPECT_EQ(89, osedu_kv_ll(buf, "prio"));	/* 99 - rt_priority */
	osedu_kill_reap(fifo);

	busy = fork();
	if (busy == 0)
		for (;;)
			;
	ASSERT_LT(0, busy);
	ASSERT_TRUE(wait_state(busy, 'R'));
	ASSERT_LT(0, read_pcb(busy, buf, sizeof(buf)));
	EXPECT_TRUE(kv_is(buf, "state", "R"));
	EXPECT_TRUE(kv_is(buf, "state_name", "Running") ||
		    kv_is(buf, "state_name", "Ready"));
	EXPECT_EQ(1, osedu_kv_ll(buf, "on_rq"));
	EXPECT_EQ(1, osedu_kv_ll(buf, "queued"));
	EXPECT_TRUE(kv_is(buf, "wchan", "-"));

	kill(busy, SIGSTOP);
	ASSERT_TRUE(wait_state(busy, 'T'));
	ASSERT_LT(0, read_pcb(busy, buf, sizeof(buf)));
	EXPECT_TRUE(kv_is(buf, "state_name", "Stopped"));
	osedu_kill_reap(busy);
}

TEST(self_is_running)
{
	char buf[BUFSZ];

	load(_metadata);
	ASSERT_LT(0, read_pcb(0, buf, sizeof(buf)));
	EXPECT_EQ(getpid(), osedu_kv_ll(buf, "pid"));
	/* The reader is on a CPU while the kernel formats its own PCB. */
	EXPECT_TRUE(kv_is(buf, "state_name", "Running"));
	EXPECT_EQ(1, osedu_kv_ll(buf, "on_cpu"));
}

static void *thread_sleep(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

/* The thread table against /proc/<pid>/task; every thread shares one mm. */
TEST(threads_share_mm)
{
	char buf[BUFSZ], path[64], *line;
	pthread_t th[3];
	int fds[2], ntids = 0, i, nseen = 0;
	long long cpu_before[8] = { 0 }, cpu_after;
	pid_t child, tids[8];
	DIR *d;
	struct dirent *de;

	load(_metadata);
	ASSERT_EQ(0, pipe(fds));
	child = fork();
	if (child == 0) {
		for (i = 0; i < 3; i++)
			if (pthread_create(&th[i], NULL, thread_sleep, NULL))
				_exit(1);
		close(fds[1]);
		for (;;)
			pause();
	}
	ASSERT_LT(0, child);
	close(fds[1]);
	ASSERT_EQ(0, read(fds[0], buf, 1));	/* EOF: the threads exist */
	close(fds[0]);

	snprintf(path, sizeof(path), "/proc/%d/task", child);
	d = opendir(path);
	ASSERT_NE(NULL, d);
	while ((de = readdir(d)) && ntids < 8)
		if (de->d_name[0] != '.')
			tids[ntids++] = atoi(de->d_name);
	closedir(d);
	ASSERT_EQ(4, ntids);
	for (i = 0; i < ntids; i++) {
		ASSERT_TRUE(wait_tid_state(child, tids[i], 'S'));
		cpu_before[i] = stat_ll(child, tids[i], 39);
	}

	ASSERT_LT(0, read_pcb(child, buf, sizeof(buf)));
	EXPECT_EQ(4, osedu_kv_ll(buf, "threads"));
	line = strstr(buf, "\ntid state cpu prio nice policy nvcsw nivcsw");
	ASSERT_NE(NULL, line);
	for (line = strchr(line + 1, '\n'); line && line[1];
	     line = strchr(line + 1, '\n')) {
		int tid, cpu, prio, nice, policy;
		unsigned long nv, niv;
		char st;

		int n = sscanf(line + 1, "%d %c %d %d %d %d %lu %lu", &tid,
			       &st, &cpu, &prio, &nice, &policy, &nv, &niv);

		ASSERT_EQ(8, n);
		for (i = 0; i < ntids; i++)
			if (tids[i] == tid)
				break;
		ASSERT_LT(i, ntids) TH_LOG("tid %d not in /proc", tid);
		nseen++;
		EXPECT_EQ(stat_ll(child, tid, 3), st);
		/*
		 * Since 6.12 a sleeper can stay queued (delayed dequeue) and
		 * the load balancer may move it: either side of our read.
		 */
		cpu_after = stat_ll(child, tid, 39);
		EXPECT_TRUE(cpu == cpu_after || cpu == cpu_before[i])
			TH_LOG("tid %d cpu: ours %d, /proc %lld before, %lld after",
			       tid, cpu, cpu_before[i], cpu_after);
		EXPECT_EQ(stat_ll(child, tid, 18) + 100, prio);
		EXPECT_EQ(stat_ll(child, tid, 19), nice);
		EXPECT_EQ(status_ll(child, tid, "voluntary_ctxt_switches"),
			  (long long)nv);
		EXPECT_EQ(status_ll(child, tid, "nonvoluntary_ctxt_switches"),
			  (long long)niv);
	}
	EXPECT_EQ(4, nseen);

	/* A forked process has its own mm: another mm_id. */
	{
		char other[BUFSZ];
		pid_t p2 = osedu_spawn_sleeper();

		ASSERT_LT(0, p2);
		ASSERT_LT(0, read_pcb(p2, other, sizeof(other)));
		EXPECT_NE(osedu_kv_ull(buf, "mm_id"),
			  osedu_kv_ull(other, "mm_id"));
		osedu_kill_reap(p2);
	}
	osedu_kill_reap(child);
}

/*
 * Blocked in read(2) of an empty pipe: Blocked, sleeping in pipe_read,
 * which 6.15 renamed anon_pipe_read (FIFOs got their own read path; seen
 * in Debian's 7.0 and later). /proc's wchan is compared too.
 */
TEST(blocked_pipe_reader)
{
	char buf[BUFSZ], wchan[64];
	int fds[2];
	pid_t pid;

	load(_metadata);
	ASSERT_EQ(0, pipe(fds));
	pid = fork();
	if (pid == 0) {
		char c;

		close(fds[1]);
		_exit(read(fds[0], &c, 1) == 1 ? 0 : 1);
	}
	ASSERT_LT(0, pid);
	close(fds[0]);
	ASSERT_TRUE(wait_state(pid, 'S'));
	ASSERT_LT(0, read_pcb(pid, buf, sizeof(buf)));
	EXPECT_TRUE(kv_is(buf, "state_name", "Blocked(interruptible)"));
	ASSERT_TRUE(osedu_kv(buf, "wchan", wchan, sizeof(wchan)));
	EXPECT_TRUE(!strcmp(wchan, "pipe_read") ||
		    !strcmp(wchan, "anon_pipe_read")) TH_LOG("wchan %s", wchan);
	check_wchan(_metadata, pid, buf);
	check_user_regs(_metadata, pid, buf);
	ASSERT_EQ(1, write(fds[1], "x", 1));
	close(fds[1]);
	{
		int status;

		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		EXPECT_EQ(0, WEXITSTATUS(status));
	}
}

/* Other sleeps: nanosleep, wait4, pause. */
TEST(wchan_matches_proc)
{
	char buf[BUFSZ];
	pid_t pids[3];
	int i;

	load(_metadata);
	pids[0] = fork();
	if (pids[0] == 0) {
		sleep(1000);
		_exit(0);
	}
	pids[1] = fork();
	if (pids[1] == 0) {
		pid_t parent = getpid(), c = fork();

		if (c == 0) {
			/* Dies with its parent: no orphan keeps stdout open. */
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() != parent)
				_exit(0);
			for (;;)
				pause();
		}
		waitpid(c, NULL, 0);
		_exit(0);
	}
	pids[2] = osedu_spawn_sleeper();
	for (i = 0; i < 3; i++) {
		ASSERT_LT(0, pids[i]);
		ASSERT_TRUE(wait_state(pids[i], 'S'));
		ASSERT_LT(0, read_pcb(pids[i], buf, sizeof(buf)));
		check_wchan(_metadata, pids[i], buf);
	}
	for (i = 0; i < 3; i++)
		osedu_kill_reap(pids[i]);
}

TEST(zombie)
{
	char buf[BUFSZ];
	pid_t pid;

	load(_metadata);
	pid = fork();
	if (pid == 0)
		_exit(0);
	ASSERT_LT(0, pid);
	ASSERT_TRUE(wait_state(pid, 'Z'));
	ASSERT_LT(0, read_pcb(pid, buf, sizeof(buf)));
	EXPECT_TRUE(kv_is(buf, "state", "Z"));
	EXPECT_TRUE(kv_is(buf, "state_name", "Zombie"));
	EXPECT_TRUE(kv_is(buf, "wchan", "-"));
	EXPECT_TRUE(kv_is(buf, "user_ip", "-"));
	EXPECT_EQ(getpid(), osedu_kv_ll(buf, "ppid"));
	ASSERT_EQ(pid, waitpid(pid, NULL, 0));
}

TEST(kernel_thread)
{
	char buf[BUFSZ];

	load(_metadata);
	/* pid 2 is kthreadd on every Linux since 2.6.22. */
	ASSERT_LT(0, read_pcb(2, buf, sizeof(buf)));
	EXPECT_TRUE(kv_is(buf, "comm", "kthreadd"));
	EXPECT_EQ(1, osedu_kv_ll(buf, "kernel_thread"));
	EXPECT_TRUE(kv_is(buf, "user_ip", "-"));
	EXPECT_EQ(0, osedu_kv_ull(buf, "mm_id"));
	EXPECT_EQ(stat_ll(2, 2, 4), osedu_kv_ll(buf, "ppid"));
	if (stat_ll(2, 2, 3) == 'S')
		check_wchan(_metadata, 2, buf);
}

TEST(bad_pids)
{
	static const char * const bad[] = {
		"0", "-1", "99999999", "4194305", "abc", "1x", "",
	};
	char path[64], buf[256];
	unsigned int i;

	load(_metadata);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(path, sizeof(path), VIEW "/%s", bad[i]);
		if (!bad[i][0])
			continue;
		EXPECT_EQ(-ENOENT, osedu_read_file(path, buf, sizeof(buf)))
			TH_LOG("%s", path);
	}
}

TEST(unprivileged)
{
	int status;
	pid_t root_child, pid;

	load(_metadata);
	root_child = osedu_spawn_sleeper();
	ASSERT_LT(0, root_child);
	pid = fork();
	if (pid == 0) {
		char buf[BUFSZ];
		int bad = 0;

		if (osedu_drop_privileges())
			_exit(100);
		if (read_pcb(0, buf, sizeof(buf)) <= 0 ||
		    osedu_kv_ll(buf, "pid") != getpid())
			bad |= 1;
		if (!osedu_kv_ull(buf, "user_sp"))
			bad |= 2;
		/* Kernel addresses are for CAP_SYS_ADMIN only. */
		if (osedu_kv_ull(buf, "kernel_sp") || osedu_kv_ull(buf, "mm"))
			bad |= 4;
		if (read_pcb(root_child, buf, sizeof(buf)) != -EACCES)
			bad |= 8;
		if (read_pcb(1, buf, sizeof(buf)) != -EACCES)
			bad |= 16;
		_exit(bad);
	}
	ASSERT_LT(0, pid);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
	osedu_kill_reap(root_child);
}

/* An entry held open across exit and reap reads ESRCH, not stale data. */
TEST(exit_while_open)
{
	char path[64], buf[BUFSZ];
	pid_t pid;
	int fd;

	load(_metadata);
	pid = osedu_spawn_sleeper();
	ASSERT_LT(0, pid);
	snprintf(path, sizeof(path), VIEW "/%d", pid);
	ASSERT_LE(0, osedu_wait_path(path, true, WAIT_MS));
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	osedu_kill_reap(pid);
	EXPECT_EQ(-ESRCH, osedu_read_fd(fd, buf, sizeof(buf)));
	close(fd);
}

TEST_HARNESS_MAIN
