// SPDX-License-Identifier: GPL-2.0
/*
 * The module's trace against schedsnoop's record of the same workload.
 *
 * schedsnoop (tools/schedsnoop) attaches BPF programs to the same
 * scheduler tracepoints and prints the same line format, but shares no
 * code with the module: its filter, its prev_state mapping and its
 * buffering are written again in BPF. Both record one workload at once,
 * and the switch events of the workload's threads must agree exactly, per
 * CPU, as (prev_tid, prev_state, next_tid); so must the number of wakeups
 * of each thread. What the test knows the threads do is a second oracle
 * for prev_state, one that would catch a mapping both got wrong alike:
 * the sleeping thread and one of the ping-pong pair block in S, a thread
 * exits through X (threads reap themselves) and the process leader
 * through Z (its parent, this test, has not waited yet).
 *
 * Differences the comparison tolerates, because they are not errors:
 *  - timestamps: each recorder reads the clock itself, in its own probe;
 *  - the order of lines across CPUs: the module merges CPUs by timestamp,
 *    schedsnoop prints in ring buffer order; so sequences are compared per
 *    CPU, where both orders are the order the events happened in;
 *  - events outside the workload: schedsnoop starts before and stops after
 *    the module, and the filter admits switches of unrelated tasks sharing
 *    the comm or pid only if there were any (the test makes none), so only
 *    events of the workload's own threads are compared.
 * A lost line in either record makes the comparison meaningless, and fails
 * the test: the workload is small enough and the module's trace is drained
 * while it runs, so neither should drop.
 */
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"

#define CONTROL		"/proc/osedu/sched/control"
#define TRACE		"/proc/osedu/sched/trace"
#define SNOOP		"/opt/osedu/bin/schedsnoop"
#define SNOOP_OUT	"/tmp/schedsnoop_test.out"
#define WL_COMM		"ssnoop_wl"
#define ROUNDS		300
#define SLEEPS		20
#define NTHREADS	3	/* ping, pong, sleeper */
#define BIG		(8 * 1024 * 1024)
#define MAXEV		100000
#define WAIT_MS		120000
#define BTF		"/sys/kernel/btf/vmlinux"

/*
 * arm64: schedsnoop is not cross-built (tools/schedsnoop/schedsnoop.mk
 * says why), so the tests that run it skip there, saying so.
 */
#ifdef __aarch64__
static const char *const snoop_unbuilt =
	"schedsnoop is not built for arm64 yet: no static arm64 libbpf "
	"and no BTF taken from the arm64 Image";
#else
static const char *const snoop_unbuilt;
#endif

/*
 * schedsnoop is a CO-RE program: without the kernel's BTF it can neither
 * be built nor load. The sanitizer kernel (make check-debug) is built
 * without BTF to keep its build short; there the test says so and skips.
 * Elsewhere a missing schedsnoop is a failure.
 */
#define NEED_SNOOP()							\
	do {								\
		if (snoop_unbuilt)					\
			SKIP(return, "%s", snoop_unbuilt);		\
		if (access(BTF, R_OK))					\
			SKIP(return, "no kernel BTF (%s): schedsnoop "	\
			     "cannot run on a kernel built without "	\
			     "CONFIG_DEBUG_INFO_BTF", BTF);		\
		ASSERT_EQ(0, access(SNOOP, X_OK))			\
			TH_LOG("%s is not installed", SNOOP);		\
	} while (0)

/* What the workload process publishes to the test. */
struct shared {
	int tids[NTHREADS];
	int go[2];		/* one byte per thread starts it */
	int ping[2], pong[2];
};

static struct shared *sh;

static void *ping_thread(void *arg)
{
	char c = 'x';
	int i;

	(void)arg;
	sh->tids[0] = gettid();
	if (read(sh->go[0], &c, 1) != 1)
		return NULL;
	for (i = 0; i < ROUNDS; i++) {
		if (write(sh->ping[1], &c, 1) != 1 ||
		    read(sh->pong[0], &c, 1) != 1)
			break;
	}
	return NULL;
}

static void *pong_thread(void *arg)
{
	char c;
	int i;

	(void)arg;
	sh->tids[1] = gettid();
	if (read(sh->go[0], &c, 1) != 1)
		return NULL;
	for (i = 0; i < ROUNDS; i++) {
		if (read(sh->ping[0], &c, 1) != 1 ||
		    write(sh->pong[1], &c, 1) != 1)
			break;
	}
	return NULL;
}

static void *sleep_thread(void *arg)
{
	struct timespec ts = { 0, 2 * 1000 * 1000 };
	char c;
	int i;

	(void)arg;
	sh->tids[2] = gettid();
	if (read(sh->go[0], &c, 1) != 1)
		return NULL;
	for (i = 0; i < SLEEPS; i++)
		nanosleep(&ts, NULL);
	return NULL;
}


/* The workload process: three threads pinned to CPU 0, named WL_COMM. */
static void workload(void)
{
	void *(*fn[NTHREADS])(void *) = { ping_thread, pong_thread,
					   sleep_thread };
	pthread_t t[NTHREADS];
	int i;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	prctl(PR_SET_NAME, WL_COMM);
	if (osedu_pin(0))
		_exit(1);
	for (i = 0; i < NTHREADS; i++)
		if (pthread_create(&t[i], NULL, fn[i], NULL))
			_exit(1);
	for (i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	_exit(0);
}

/* True once every thread has published its tid and all block (state S). */
static bool workload_parked(pid_t pid)
{
	int i;

	for (i = -1; i < NTHREADS; i++) {
		if (i >= 0 && !sh->tids[i])
			return false;
		if (!osedu_task_asleep(pid, i < 0 ? pid : sh->tids[i], 'S'))
			return false;
	}
	return true;
}

/*
 * Parse a record into @t: the header line once at the start of each chunk
 * the module's file gave (every open starts with it), events otherwise.
 * The number of events, or -1 on a malformed line.
 */
static int parse_all(char *buf, struct osedu_trace *t)
{
	if (osedu_trace_add(t, buf, strlen(buf), NULL) || t->bad)
		return -1;
	return (int)t->n;
}

/* Append what the module's trace holds now to @b. */
static void drain(struct osedu_buf *b)
{
	int fd = open(TRACE, O_RDONLY);

	if (fd < 0)
		return;
	osedu_buf_drain(b, fd, BIG);
	close(fd);
}

/* The module's record so far holds @tid's switch away as a dead task. */
static bool saw_death(const struct osedu_buf *b, int tid)
{
	struct osedu_ev e;
	const char *line;

	if (!b->p)
		return false;
	osedu_for_each_line(line, b->p)
		if (osedu_ev_parse(line, strcspn(line, "\n"), &e) &&
		    e.type == OSEDU_EV_SWITCH && e.tid == tid &&
		    (!strcmp(e.state, "X") || !strcmp(e.state, "Z")))
			return true;
	return false;
}

static pid_t start_snoop(const char *filter_opt, const char *filter)
{
	pid_t pid;

	unlink(SNOOP_OUT);
	pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		/* Off the workload's CPU, like a trace reader should be. */
		osedu_pin(1);
		execl(SNOOP, "schedsnoop", filter_opt, filter, "-o", SNOOP_OUT,
		      (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* The record has its header, which schedsnoop writes once attached. */
static bool snoop_ready(void)
{
	char buf[64];

	return osedu_read_file(SNOOP_OUT, buf, sizeof(buf)) > 0 &&
	       osedu_is_header(buf, "sched-trace");
}

static int tid_index(const int *tids, int ntids, int tid)
{
	int i;

	for (i = 0; i < ntids; i++)
		if (tids[i] == tid)
			return i;
	return -1;
}

/* The switches involving @tids on @cpu, in order, as "prev state next". */
static int switches(const struct osedu_ev *evs, int n, int cpu, const int *tids,
		    int ntids, struct osedu_ev *out)
{
	int i, k = 0;

	for (i = 0; i < n; i++) {
		if (evs[i].type != OSEDU_EV_SWITCH || evs[i].cpu != cpu)
			continue;
		if (tid_index(tids, ntids, evs[i].tid) < 0 &&
		    tid_index(tids, ntids, evs[i].tid2) < 0)
			continue;
		out[k++] = evs[i];
	}
	return k;
}

static int count(const struct osedu_ev *evs, int n, int type, int tid)
{
	int i, c = 0;

	for (i = 0; i < n; i++)
		c += evs[i].type == type && evs[i].tid == tid;
	return c;
}

/* The state @tid switched away in for the last time; "" if it never did. */
static const char *last_state(const struct osedu_ev *evs, int n, int tid)
{
	const char *s = "";
	int i;

	for (i = 0; i < n; i++)
		if (evs[i].type == OSEDU_EV_SWITCH && evs[i].tid == tid)
			s = evs[i].state;
	return s;
}

static bool blocked_in_s(const struct osedu_ev *evs, int n, int tid)
{
	int i;

	for (i = 0; i < n; i++)
		if (evs[i].type == OSEDU_EV_SWITCH && evs[i].tid == tid &&
		    !strcmp(evs[i].state, "S"))
			return true;
	return false;
}

/*
 * Trace the workload with both recorders, filtered by @module_filter and
 * schedsnoop's @opt @arg (%d in either is the workload's pid), and compare.
 */
static void compare(struct __test_metadata *_metadata,
		    const char *module_filter, const char *opt,
		    const char *arg, int stop_sig)
{
	struct osedu_trace mt = { 0 }, st = { 0 };
	struct osedu_buf mbuf = { 0 };
	struct osedu_ev *mev, *sev, *ms, *ss;
	int tids[NTHREADS + 1], nm, ns, cpu, i, k, status, mn, sn;
	char *sbuf, cmd[64], sarg[32];
	pid_t wl, snoop;
	siginfo_t info;
	long long t0;
	char go[NTHREADS] = { 0 };

	NEED_SNOOP();
	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_sched_viz"));
	osedu_write_file(CONTROL, "stop");
	ASSERT_EQ(0, osedu_write_file(CONTROL, "clear"));
	ASSERT_LE(2, sysconf(_SC_NPROCESSORS_ONLN))
		TH_LOG("the workload needs a CPU of its own");

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, sh);
	memset(sh, 0, sizeof(*sh));
	ASSERT_EQ(0, pipe(sh->go));
	ASSERT_EQ(0, pipe(sh->ping));
	ASSERT_EQ(0, pipe(sh->pong));
	ms = calloc(MAXEV, sizeof(*ms));
	ss = calloc(MAXEV, sizeof(*ss));
	ASSERT_TRUE(ms && ss);
	ASSERT_EQ(0, osedu_pin(1));

	wl = fork();
	ASSERT_LE(0, wl);
	if (wl == 0)
		workload();
	/* Every thread blocked on "go" before either recorder starts. */
	t0 = osedu_now_us();
	while (!workload_parked(wl) && osedu_now_us() - t0 < WAIT_MS * 1000LL)
		usleep(10000);
	ASSERT_TRUE(workload_parked(wl));
	tids[0] = wl;
	memcpy(tids + 1, sh->tids, sizeof(sh->tids));

	/* A filter without %d ignores the pid (C allows the extra one). */
	// cppcheck-suppress wrongPrintfScanfArgNum
	snprintf(sarg, sizeof(sarg), arg, wl);
	snoop = start_snoop(opt, sarg);
	ASSERT_LE(0, snoop);
	t0 = osedu_now_us();
	while (!snoop_ready() && osedu_now_us() - t0 < WAIT_MS * 1000LL &&
	       waitpid(snoop, &status, WNOHANG) == 0)
		usleep(20000);
	/* On failure, the workload and schedsnoop die with this process. */
	ASSERT_TRUE(snoop_ready());
	// cppcheck-suppress wrongPrintfScanfArgNum
	snprintf(cmd, sizeof(cmd), module_filter, wl);
	ASSERT_EQ(0, osedu_write_file(CONTROL, cmd));

	ASSERT_EQ(NTHREADS, write(sh->go[1], go, NTHREADS));
	/*
	 * Drain the module's rings while the workload runs, off its CPU.
	 * WNOWAIT: the leader must stay a zombie until its last switch is
	 * read. Reaped before that switch (waitpid can reap a zombie that
	 * has not yet left the CPU), it leaves as X, not Z (make check,
	 * 6.1: both traces said X).
	 */
	t0 = osedu_now_us();
	memset(&info, 0, sizeof(info));
	while (!waitid(P_PID, wl, &info, WEXITED | WNOHANG | WNOWAIT) &&
	       info.si_pid != wl && osedu_now_us() - t0 < WAIT_MS * 1000LL) {
		drain(&mbuf);
		usleep(20000);
	}
	EXPECT_TRUE(info.si_pid == wl && info.si_code == CLD_EXITED &&
		    info.si_status == 0)
		TH_LOG("workload: code %d status %d", info.si_code,
		       info.si_status);
	/*
	 * A dead task can be reaped before its last switch, so stop only once
	 * the module has recorded that of every thread; schedsnoop, stopped
	 * later, then has it as well (both probes run on the same call).
	 */
	t0 = osedu_now_us();
	for (i = 0; i <= NTHREADS && osedu_now_us() - t0 < WAIT_MS * 1000LL;) {
		drain(&mbuf);
		if (saw_death(&mbuf, tids[i]))
			i++;
		else
			usleep(20000);
	}
	ASSERT_EQ(0, osedu_write_file(CONTROL, "stop"));
	drain(&mbuf);
	ASSERT_EQ(0, kill(snoop, stop_sig));
	ASSERT_EQ(snoop, waitpid(snoop, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
		TH_LOG("schedsnoop status %#x", status);
	sbuf = osedu_read_all(SNOOP_OUT, BIG, NULL);
	ASSERT_NE(NULL, sbuf);
	ASSERT_NE(NULL, mbuf.p);
	ASSERT_FALSE(mbuf.full);

	nm = parse_all(mbuf.p, &mt);
	ns = parse_all(sbuf, &st);
	ASSERT_LT(0, nm);
	ASSERT_LT(0, ns);
	ASSERT_GT(MAXEV, nm);
	ASSERT_GT(MAXEV, ns);
	mev = mt.ev;
	sev = st.ev;
	ASSERT_EQ(0, mt.lost_lines) TH_LOG("the module dropped events");
	ASSERT_EQ(0, st.lost_lines) TH_LOG("schedsnoop dropped events");

	for (cpu = 0; cpu < sysconf(_SC_NPROCESSORS_CONF); cpu++) {
		mn = switches(mev, nm, cpu, tids, NTHREADS + 1, ms);
		sn = switches(sev, ns, cpu, tids, NTHREADS + 1, ss);
		k = mn < sn ? mn : sn;
		for (i = 0; i < k; i++)
			if (ms[i].tid != ss[i].tid || ms[i].tid2 != ss[i].tid2 ||
			    strcmp(ms[i].state, ss[i].state))
				break;
		EXPECT_EQ(k, i) TH_LOG("cpu %d switch %d: module %d %s => %d, schedsnoop %d %s => %d",
				       cpu, i, ms[i].tid, ms[i].state, ms[i].tid2,
				       ss[i].tid, ss[i].state, ss[i].tid2);
		EXPECT_EQ(mn, sn) TH_LOG("cpu %d: %d switches in the module's trace, %d in schedsnoop's",
					 cpu, mn, sn);
		/* Nothing of the workload leaves CPU 0 (it is pinned there). */
		if (cpu == 0)
			EXPECT_LE(ROUNDS, mn);
	}
	for (i = 0; i < NTHREADS + 1; i++) {
		EXPECT_EQ(count(mev, nm, OSEDU_EV_WAKEUP, tids[i]),
			  count(sev, ns, OSEDU_EV_WAKEUP, tids[i]))
			TH_LOG("wakeups of %d", tids[i]);
	}
	/*
	 * The oracle of what each thread did. Of the ping-pong pair, which
	 * one blocks depends on wakeup preemption: a woken thread may preempt
	 * its waker right after the write, and then the waker finds its reply
	 * already there when it runs again, never blocking. But every round
	 * trip needs at least one of the two to wait for the other.
	 */
	EXPECT_LE(ROUNDS / 2, count(mev, nm, OSEDU_EV_WAKEUP, tids[1]) +
			  count(mev, nm, OSEDU_EV_WAKEUP, tids[2]));
	EXPECT_TRUE(blocked_in_s(mev, nm, tids[1]) ||
		    blocked_in_s(mev, nm, tids[2]));
	EXPECT_LE(SLEEPS, count(mev, nm, OSEDU_EV_WAKEUP, tids[3]));
	EXPECT_TRUE(blocked_in_s(mev, nm, tids[3]));
	EXPECT_TRUE(blocked_in_s(sev, ns, tids[3]));
	/* Threads reap themselves (X); the leader waits for us (Z). */
	for (i = 1; i <= NTHREADS; i++) {
		EXPECT_STREQ("X", last_state(mev, nm, tids[i]));
		EXPECT_STREQ("X", last_state(sev, ns, tids[i]));
	}
	EXPECT_STREQ("Z", last_state(mev, nm, wl));
	EXPECT_STREQ("Z", last_state(sev, ns, wl));

	waitpid(wl, NULL, 0);
	osedu_buf_free(&mbuf);
	free(sbuf);
	osedu_trace_free(&mt);
	osedu_trace_free(&st);
	free(ms);
	free(ss);
	munmap(sh, sizeof(*sh));
	unlink(SNOOP_OUT);
}

TEST(agree_filtered_by_pid)
{
	compare(_metadata, "start pid=%d", "-p", "%d", SIGINT);
}

TEST(agree_filtered_by_comm)
{
	compare(_metadata, "start comm=" WL_COMM, "-c", WL_COMM, SIGTERM);
}

/* Exit status of schedsnoop run with @args; -1 if it did not end. */
static int snoop_status(char *const args[])
{
	int status, devnull;
	long long t0;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		devnull = open("/dev/null", O_WRONLY);
		dup2(devnull, 1);
		dup2(devnull, 2);
		execv(SNOOP, args);
		_exit(127);
	}
	t0 = osedu_now_us();
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (osedu_now_us() - t0 > WAIT_MS * 1000LL) {
			osedu_kill_reap(pid);
			return -1;
		}
		usleep(20000);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST(bad_input)
{
	char *bad[][5] = {
		{ "schedsnoop", "-x", NULL },
		{ "schedsnoop", "-p", "0", NULL },
		{ "schedsnoop", "-p", "-5", NULL },
		{ "schedsnoop", "-p", "12x", NULL },
		{ "schedsnoop", "-p", "99999999999", NULL },
		{ "schedsnoop", "-c", "", NULL },
		{ "schedsnoop", "-c", "abcdefghijklmnopq", NULL },
		{ "schedsnoop", "-d", "0", NULL },
		{ "schedsnoop", "stray", NULL },
	};
	char *unwritable[] = { "schedsnoop", "-d", "1", "-o",
			       "/nonexistent/dir/out", NULL };
	char *timed[] = { "schedsnoop", "-d", "1", "-p", "1", "-o",
			  SNOOP_OUT, NULL };
	char buf[256];
	unsigned int i;

	NEED_SNOOP();
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_EQ(2, snoop_status(bad[i])) TH_LOG("case %u", i);
	EXPECT_EQ(1, snoop_status(unwritable));
	/* -d ends the run by itself, with at least the header written. */
	unlink(SNOOP_OUT);
	EXPECT_EQ(0, snoop_status(timed));
	EXPECT_LT(0, osedu_read_file(SNOOP_OUT, buf, sizeof(buf)));
	EXPECT_TRUE(osedu_is_header(buf, "sched-trace"));
	unlink(SNOOP_OUT);
}

TEST_HARNESS_MAIN
