// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/ipc/waits against the threads the test blocked itself and
 * the kernel's own answers: /proc/<pid>/task/<tid>/syscall (number and
 * arguments), semctl(GETNCNT), /proc/locks (the holder of a file lock),
 * and the tids of a real deadlock's two threads, each the other's
 * mutex's owner.
 */
#include <limits.h>
#include <mqueue.h>
#include <stdatomic.h>
#include <sys/file.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>

#include "../kselftest_harness.h"
#include "ipc_util.h"

#define WAIT_MS	20000

/* Every row of @pid against its thread's /proc/.../syscall. */
static int rows_match_proc_syscall(struct __test_metadata *_metadata,
				   pid_t pid)
{
	char *text = osedu_read_all(IPC_WAITS, IPC_MAX, NULL);
	struct osedu_wait w;
	const char *p;
	int n = 0;

	if (!text)
		return -1;
	osedu_for_each_line(p, text) {
		unsigned long long a[6];
		long nr;
		int i;

		if (!osedu_wait_parse(p, strcspn(p, "\n"), &w) || w.pid != pid)
			continue;
		if (!proc_syscall(pid, w.tid, &nr, a))
			continue;	/* it woke since */
		EXPECT_EQ(nr, w.nr) TH_LOG("tid %d", w.tid);
		for (i = 0; i < 6; i++) {
			EXPECT_EQ(a[i], w.args[i]) TH_LOG("tid %d arg %d",
							  w.tid, i);
		}
		n++;
	}
	free(text);
	return n;
}

static pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t m2 = PTHREAD_MUTEX_INITIALIZER;
static atomic_int first_taken;
static volatile pid_t tid_a, tid_b;

/*
 * Each thread takes its first mutex, then waits until the other has its
 * own; not with a pthread barrier, whose futex sleep would pass for the
 * mutex's in ipc_wait_blocked().
 */
static void both_hold_one(void)
{
	atomic_fetch_add(&first_taken, 1);
	while (atomic_load(&first_taken) < 2)
		usleep(1000);
}

static void *thread_a(void *arg)
{
	(void)arg;
	tid_a = gettid_();
	pthread_mutex_lock(&m1);
	both_hold_one();
	pthread_mutex_lock(&m2);	/* never returns */
	return NULL;
}

static void *thread_b(void *arg)
{
	(void)arg;
	tid_b = gettid_();
	pthread_mutex_lock(&m2);
	both_hold_one();
	pthread_mutex_lock(&m1);
	return NULL;
}

TEST(deadlock_of_two_mutexes_is_a_cycle)
{
	struct osedu_wait wa, wb;
	char v[32], obj[64];
	pthread_t a, b;

	ASSERT_EQ(0, ipc_load());
	ASSERT_EQ(0, pthread_create(&a, NULL, thread_a, NULL));
	ASSERT_EQ(0, pthread_create(&b, NULL, thread_b, NULL));
	while (!tid_a || !tid_b)
		usleep(1000);
	ASSERT_LE(0, ipc_wait_blocked(getpid(), tid_a, SYS_futex, WAIT_MS));
	ASSERT_LE(0, ipc_wait_blocked(getpid(), tid_b, SYS_futex, WAIT_MS));

	ASSERT_TRUE(ipc_wait_of(tid_a, &wa));
	ASSERT_TRUE(ipc_wait_of(tid_b, &wb));
	EXPECT_STREQ("futex", wa.kind);
	/* a waits on m2, held by b; b waits on m1, held by a. */
	snprintf(obj, sizeof(obj), "futex:%d:0x%lx", getpid(),
		 (unsigned long)&m2);
	EXPECT_STREQ(obj, wa.object);
	EXPECT_EQ(tid_b, wa.holder);
	snprintf(obj, sizeof(obj), "futex:%d:0x%lx", getpid(),
		 (unsigned long)&m1);
	EXPECT_STREQ(obj, wb.object);
	EXPECT_EQ(tid_a, wb.holder);
	EXPECT_TRUE(osedu_wait_detail(&wa, "owner_src", v, sizeof(v)));
	EXPECT_STREQ("glibc", v);
	EXPECT_TRUE(osedu_wait_detail(&wa, "value", v, sizeof(v)));
	EXPECT_STREQ("2", v);
	EXPECT_EQ((unsigned long long)(unsigned long)&m2, wa.args[0]);
	EXPECT_LE(2, rows_match_proc_syscall(_metadata, getpid()));
	TH_LOG("cycle: %d -> %s -> %d -> %s -> %d", tid_a, wa.object,
	       wa.holder, wb.object, wb.holder);
	/* The harness's fork ends the process, deadlock and all. */
}

struct semwaiter {
	int semid;
	long nr;	/* semop or semtimedop: glibc's semop() uses the latter */
	pid_t tid;
};

static void *sem_p(void *arg)
{
	struct semwaiter *s = arg;
	struct sembuf op = { .sem_num = 1, .sem_op = -1 };

	s->tid = gettid_();
	if (s->nr == SYS_semop)
		syscall(SYS_semop, s->semid, &op, 1);
	else
		syscall(SYS_semtimedop, s->semid, &op, 1, NULL);
	return NULL;
}

TEST(semop_waiters_against_getncnt)
{
	struct semwaiter w[5];
	struct osedu_wait row;
	pthread_t t[5];
	int id, i, listed = 0;
	char obj[32], ops[64];
	struct sembuf v = { .sem_num = 1, .sem_op = 1 };

	ASSERT_EQ(0, ipc_load());
	id = semget(IPC_PRIVATE, 2, 0600);
	ASSERT_LE(0, id);
	for (i = 0; i < 5; i++) {
		w[i].semid = id;
		w[i].nr = i % 2 ? SYS_semop : SYS_semtimedop;
		w[i].tid = 0;
		ASSERT_EQ(0, pthread_create(&t[i], NULL, sem_p, &w[i]));
	}
	for (i = 0; i < 5; i++) {
		while (!*(volatile pid_t *)&w[i].tid)
			usleep(1000);
		ASSERT_LE(0, ipc_wait_blocked(getpid(), w[i].tid, w[i].nr,
					      WAIT_MS));
	}
	snprintf(obj, sizeof(obj), "sem:%d", id);
	for (i = 0; i < 5; i++) {
		ASSERT_TRUE(ipc_wait_of(w[i].tid, &row));
		EXPECT_STREQ("sem", row.kind);
		EXPECT_STREQ(obj, row.object);
		EXPECT_TRUE(osedu_wait_detail(&row, "ops", ops, sizeof(ops)));
		EXPECT_STREQ("1:-1:0", ops);
		listed++;
	}
	EXPECT_EQ(semctl(id, 1, GETNCNT), listed);
	/* V once: one waiter wakes, four remain, as GETNCNT says. */
	ASSERT_EQ(0, semop(id, &v, 1));
	usleep(100000);
	listed = 0;
	for (i = 0; i < 5; i++)
		if (ipc_wait_of(w[i].tid, &row) && !strcmp(row.kind, "sem"))
			listed++;
	EXPECT_EQ(4, semctl(id, 1, GETNCNT));
	EXPECT_EQ(semctl(id, 1, GETNCNT), listed);
	semctl(id, 0, IPC_RMID);
	for (i = 0; i < 5; i++)
		pthread_join(t[i], NULL);
}

/* The pid of the first /proc/locks row on @maj:@min:@ino of @type. */
static pid_t proc_locks_holder(const char *type, const char *object)
{
	char *text = osedu_read_all("/proc/locks", 1 << 20, NULL);
	const char *p, *obj = object + strlen("inode:");
	pid_t holder = 0;

	if (!text)
		return 0;
	osedu_for_each_line(p, text) {
		char line[256], t[16], dev[64];
		int pid;

		/* 1: FLOCK  ADVISORY  WRITE 123 08:01:456 0 EOF */
		snprintf(line, sizeof(line), "%.*s", (int)strcspn(p, "\n"), p);
		if (strstr(line, "->"))
			continue;	/* a blocked request */
		if (sscanf(line, "%*s %15s %*s %*s %d %63s", t, &pid, dev) == 3 &&
		    !strcmp(t, type) && !strcmp(dev, obj)) {
			holder = pid;
			break;
		}
	}
	free(text);
	return holder;
}

struct lockwaiter {
	int fd;
	bool posix;
	pid_t tid;
};

static void *lock_waiter(void *arg)
{
	struct lockwaiter *l = arg;
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
			    .l_start = 10, .l_len = 20 };

	l->tid = gettid_();
	if (l->posix)
		fcntl(l->fd, F_SETLKW, &fl);
	else
		flock(l->fd, LOCK_EX);
	return NULL;
}

static pid_t locked_child(const char *path, bool posix, int *go)
{
	int sync[2];
	pid_t pid;
	char c;

	if (pipe(sync))
		return -1;
	pid = fork();
	if (pid == 0) {
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
				    .l_start = 0, .l_len = 15 };
		int fd = open(path, O_RDWR);

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (fd < 0 || (posix ? fcntl(fd, F_SETLK, &fl) :
				       flock(fd, LOCK_EX)))
			_exit(1);
		write(sync[1], "l", 1);
		for (;;)
			pause();
	}
	close(sync[1]);
	if (read(sync[0], &c, 1) != 1) {
		close(sync[0]);
		return -1;
	}
	*go = sync[0];
	return pid;
}

static void file_lock_case(struct __test_metadata *_metadata, bool posix)
{
	char path[64], obj[128], v[32];
	struct lockwaiter l = { .posix = posix };
	struct osedu_wait row;
	pthread_t t;
	pid_t child;
	int go;

	snprintf(path, sizeof(path), "/tmp/osedu-lock-%d", getpid());
	l.fd = open(path, O_RDWR | O_CREAT, 0600);
	ASSERT_LE(0, l.fd);
	child = locked_child(path, posix, &go);
	ASSERT_LT(0, child);
	ASSERT_EQ(0, pthread_create(&t, NULL, lock_waiter, &l));
	while (!*(volatile pid_t *)&l.tid)
		usleep(1000);
	ASSERT_LE(0, ipc_wait_blocked(getpid(), l.tid,
				      posix ? SYS_fcntl : SYS_flock, WAIT_MS));
	ASSERT_TRUE(ipc_wait_of(l.tid, &row));
	EXPECT_STREQ(posix ? "posix_lock" : "flock", row.kind);
	EXPECT_EQ(child, row.holder);
	EXPECT_EQ(child, proc_locks_holder(posix ? "POSIX" : "FLOCK",
					   row.object)) {
		char *locks = osedu_read_all("/proc/locks", 1 << 20, NULL);

		TH_LOG("%s in /proc/locks:\n%s", row.object, locks);
		free(locks);
	}
	EXPECT_TRUE(osedu_wait_detail(&row, "type", v, sizeof(v)));
	EXPECT_STREQ("write", v);
	if (posix) {
		EXPECT_TRUE(osedu_wait_detail(&row, "start", v, sizeof(v)));
		EXPECT_STREQ("10", v);
		EXPECT_TRUE(osedu_wait_detail(&row, "end", v, sizeof(v)));
		EXPECT_STREQ("29", v);
	}
	snprintf(obj, sizeof(obj), "%s", row.object);
	TH_LOG("%s: %d waits on %s held by %d", row.kind, l.tid, obj,
	       row.holder);
	osedu_kill_reap(child);
	ASSERT_EQ(0, pthread_join(t, NULL));
	close(go);
	close(l.fd);
	unlink(path);
}

TEST(flock_holder_against_proc_locks)
{
	ASSERT_EQ(0, ipc_load());
	file_lock_case(_metadata, false);
}

TEST(fcntl_lock_holder_against_proc_locks)
{
	ASSERT_EQ(0, ipc_load());
	file_lock_case(_metadata, true);
}

static void *waiter4(void *arg)
{
	pid_t child = *(pid_t *)arg;

	*(volatile pid_t *)arg = -gettid_();
	waitpid(child, NULL, 0);
	return NULL;
}

TEST(wait4_msgrcv_mq_and_pipe_reads)
{
	struct mq_attr attr = { .mq_maxmsg = 2, .mq_msgsize = 16 };
	struct { long t; char b[8]; } msg;
	struct osedu_wait row;
	pid_t child, arg, me = getpid(), tid;
	char name[32], link[64], want[64];
	int mq, p[2];
	mqd_t q;

	ASSERT_EQ(0, ipc_load());
	/* wait4 on a child */
	child = osedu_spawn_sleeper();
	ASSERT_LT(0, child);
	arg = child;
	{
		pthread_t t;

		ASSERT_EQ(0, pthread_create(&t, NULL, waiter4, &arg));
		while (*(volatile pid_t *)&arg == child)
			usleep(1000);
		tid = -arg;
		ASSERT_LE(0, ipc_wait_blocked(me, tid, SYS_wait4, WAIT_MS));
		ASSERT_TRUE(ipc_wait_of(tid, &row));
		EXPECT_STREQ("child", row.kind);
		EXPECT_EQ(child, row.holder);
		kill(child, SIGKILL);
		pthread_join(t, NULL);
	}
	/* msgrcv on an empty queue, from a child process */
	mq = msgget(IPC_PRIVATE, 0600);
	ASSERT_LE(0, mq);
	child = fork();
	if (child == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		msgrcv(mq, &msg, sizeof(msg.b), 7, 0);
		_exit(0);
	}
	ASSERT_LE(0, ipc_wait_blocked(child, child, SYS_msgrcv, WAIT_MS));
	ASSERT_TRUE(ipc_wait_of(child, &row));
	snprintf(want, sizeof(want), "msg:%d", mq);
	EXPECT_STREQ(want, row.object);
	EXPECT_TRUE(osedu_wait_detail(&row, "msgtyp", name, sizeof(name)));
	EXPECT_STREQ("7", name);
	osedu_kill_reap(child);
	msgctl(mq, IPC_RMID, NULL);

	/* mq_receive on an empty POSIX queue */
	snprintf(name, sizeof(name), "/osedu-w-%d", me);
	q = mq_open(name, O_CREAT | O_RDWR, 0600, &attr);
	ASSERT_NE((mqd_t)-1, q);
	child = fork();
	if (child == 0) {
		char b[16];

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		mq_receive(q, b, sizeof(b), NULL);
		_exit(0);
	}
	ASSERT_LE(0, ipc_wait_blocked(child, child, SYS_mq_timedreceive,
				      WAIT_MS));
	ASSERT_TRUE(ipc_wait_of(child, &row));
	EXPECT_STREQ("mqueue", row.kind);
	osedu_kill_reap(child);
	mq_close(q);
	mq_unlink(name);

	/* read on an empty pipe */
	ASSERT_EQ(0, pipe(p));
	child = fork();
	if (child == 0) {
		char c;

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		read(p[0], &c, 1);
		_exit(0);
	}
	ASSERT_LE(0, ipc_wait_blocked(child, child, SYS_read, WAIT_MS));
	ASSERT_TRUE(ipc_wait_of(child, &row));
	EXPECT_STREQ("pipe", row.kind);
	ASSERT_TRUE(fd_link(me, p[0], link, sizeof(link)));
	EXPECT_STREQ(link, row.object);
	EXPECT_EQ(1, rows_match_proc_syscall(_metadata, child));
	osedu_kill_reap(child);
	close(p[0]);
	close(p[1]);
}

/*
 * Parked in a wait for a signal: pause(2) where there is one; arm64 has
 * none (glibc's pause() sleeps in ppoll), so sigsuspend(2) there.
 */
static void *parked(void *arg)
{
#ifdef SYS_pause
	(void)arg;
	for (;;)
		pause();
#else
	sigset_t none;

	(void)arg;
	sigemptyset(&none);
	for (;;)
		sigsuspend(&none);
#endif
	return NULL;
}

/* The scale: 10,000 blocked threads, one row each. */
/* The system-wide thread limit, for a failure message. */
static const char *threads_max(void)
{
	static char v[32];
	FILE *f = fopen("/proc/sys/kernel/threads-max", "r");

	if (!f || !fgets(v, sizeof(v), f))
		snprintf(v, sizeof(v), "unknown");
	if (f)
		fclose(f);
	v[strcspn(v, "\n")] = 0;
	return v;
}

/*
 * Only for TEST_F_TIMEOUT. On the sanitizer kernel (KASAN, lockdep) the
 * 10,000 threads take 27 s to make and longer to end: past the harness's
 * default 30 s.
 */
FIXTURE(many) {};
FIXTURE_SETUP(many) {}
FIXTURE_TEARDOWN(many) {}

TEST_F_TIMEOUT(many, blocked_threads_one_row_each, 300)
{
	enum { N = 10000 };
	pthread_t *t = calloc(N, sizeof(*t));
	long long t0, made, read_us, until;
	size_t stack = 64 << 10;
	char *text;
	int i, n, bad, mine = 0;
	struct osedu_wait w;
	const char *p;
	pthread_attr_t at;

	ASSERT_EQ(0, ipc_load());
	ASSERT_NE(NULL, t);
	pthread_attr_init(&at);
	/* arm64's glibc wants more than x86's 16 KiB. */
	if (stack < (size_t)PTHREAD_STACK_MIN)
		stack = PTHREAD_STACK_MIN;
	ASSERT_EQ(0, pthread_attr_setstacksize(&at, stack));
	t0 = osedu_now_us();
	for (i = 0; i < N; i++)
		ASSERT_EQ(0, pthread_create(&t[i], &at, parked, NULL))
			TH_LOG("thread %d; kernel.threads-max %s (the kernel's own cap: memory / (8 x its stack size))",
			       i, threads_max());
	made = osedu_now_us() - t0;
	/*
	 * The last threads made may not have reached pause() yet (a fixed
	 * half second was not always enough under emulation): read again
	 * until all are listed, for 60 s at most.
	 */
	until = osedu_now_us() + 60000000LL;
	for (text = NULL; ; free(text)) {
		t0 = osedu_now_us();
		text = osedu_read_all(IPC_WAITS, IPC_MAX, NULL);
		read_us = osedu_now_us() - t0;
		ASSERT_NE(NULL, text);
		mine = 0;
		osedu_for_each_line(p, text)
			if (osedu_wait_parse(p, strcspn(p, "\n"), &w) &&
			    w.pid == getpid() && !strcmp(w.kind, "signal"))
				mine++;
		if (mine >= N || osedu_now_us() > until)
			break;
		usleep(100000);
	}
	n = ipc_waits_count(text, &bad);
	EXPECT_EQ(0, bad);
	TH_LOG("%d threads made in %lld ms; ipc/waits read in %lld ms: %d rows, %d of them our paused threads",
	       N, made / 1000, read_us / 1000, n, mine);
	EXPECT_LE(N - 5, mine);
	EXPECT_GE(N, mine);
	free(text);
	free(t);
}

TEST_HARNESS_MAIN
