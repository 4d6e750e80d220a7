// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: deadlock as a cycle of the wait-for graph, found live.
 * Two threads take two mutexes in opposite order; two processes take two
 * flock(2) locks in opposite order. /proc/osedu/ipc/waits names, for each
 * blocked thread, the object it waits on and who holds it; following the
 * holders closes a cycle. Oracles: the tids and mutex addresses the lab
 * itself knows, /proc/<pid>/task/<tid>/syscall, /proc/locks. Then POSIX
 * fcntl locks, where the kernel looks for the cycle itself and refuses
 * the request that would close it (EDEADLK).
 *
 *   deadlock [--hold]   --hold: set up the deadlocks, print "ready" and
 *                       wait to be killed (the visualize fixtures)
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <osedu/lab.h>

static const struct lab lab = {
	.name = "deadlock",
	.explain_en =
"Deadlock: a cycle of waits (lectures 30-32).\n"
"Two threads each hold one lock and wait for the other's: neither can go\n"
"on, and nothing outside will make them. The four conditions hold: mutual\n"
"exclusion, hold and wait, no preemption, circular wait.\n"
"\n"
"What to notice:\n"
"- /proc/osedu/ipc/waits lists both threads in futex(2), each on the\n"
"  other's mutex, with the holder the kernel (through glibc's mutex\n"
"  layout) records: thread A -> mutex 2 -> thread B -> mutex 1 -> A.\n"
"  That cycle is the deadlock.\n"
"- The same with flock(2) between two processes: the holders come from\n"
"  the inode's lock list, as /proc/locks shows them.\n"
"- POSIX fcntl locks are different: the kernel itself looks for the\n"
"  cycle and refuses the request that would close it with EDEADLK.\n",
	.explain_ko =
"교착 상태: 대기의 사이클 (30-32강).\n"
"두 스레드가 각각 락 하나를 가진 채 상대의 락을 기다리면 둘 다 더 진행할\n"
"수 없고, 바깥의 누구도 풀어 주지 않습니다. 네 조건(상호 배제, 점유와\n"
"대기, 비선점, 순환 대기)이 모두 성립합니다.\n"
"\n"
"눈여겨볼 점:\n"
"- /proc/osedu/ipc/waits 에 두 스레드가 futex(2) 안에서 서로의 뮤텍스를\n"
"  기다리고, 그 뮤텍스를 가진 쪽(holder)이 나옵니다: 스레드 A -> 뮤텍스 2\n"
"  -> 스레드 B -> 뮤텍스 1 -> A. 이 사이클이 교착 상태입니다.\n"
"- 두 프로세스의 flock(2)도 같습니다. holder는 inode의 락 목록에서 오며\n"
"  /proc/locks 와 같습니다.\n"
"- POSIX fcntl 락은 다릅니다. 커널이 직접 사이클을 찾아, 사이클을 닫을\n"
"  요청을 EDEADLK 로 거절합니다.\n",
};

#define IPC_WAITS	OSEDU_ROOT "/ipc/waits"

static pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t m2 = PTHREAD_MUTEX_INITIALIZER;
static atomic_int first_taken;
static volatile pid_t tid_a, tid_b;

/*
 * Each thread takes its first mutex, then waits until the other has its
 * own. Not with a pthread barrier: that sleeps in futex(2) too, and a
 * thread seen asleep there could be taken for one asleep on the mutex.
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
	prctl(PR_SET_NAME, "philosopher-a");
	tid_a = syscall(SYS_gettid);
	pthread_mutex_lock(&m1);
	both_hold_one();
	pthread_mutex_lock(&m2);
	return NULL;
}

static void *thread_b(void *arg)
{
	(void)arg;
	prctl(PR_SET_NAME, "philosopher-b");
	tid_b = syscall(SYS_gettid);
	pthread_mutex_lock(&m2);
	both_hold_one();
	pthread_mutex_lock(&m1);
	return NULL;
}

/* Is thread TID of PID asleep in system call NR (its /proc syscall)? */
static bool sleeps_in(pid_t pid, pid_t tid, long nr, unsigned long *arg0)
{
	char path[96], buf[256];
	long n;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", pid, tid);
	if (osedu_read_file(path, buf, sizeof(buf)) <= 0 ||
	    sscanf(buf, "%ld %lx", &n, arg0) != 2)
		return false;
	return n == nr;
}

static void wait_sleeping(pid_t pid, pid_t tid, long nr)
{
	unsigned long a;

	for (int i = 0; i < 3000; i++) {
		if (sleeps_in(pid, tid, nr, &a))
			return;
		usleep(10000);
	}
	lab_die("thread %d never blocked in system call %ld", tid, nr);
}

/* ipc/waits now, its rows and their graph. */
struct graph {
	struct osedu_wait *w;
	size_t n;
	int *next, *cycle, ncycles;
};

static void graph_read(struct graph *g)
{
	char *text = lab_must_read(IPC_WAITS);

	if (osedu_waits_parse(text, &g->w, &g->n))
		lab_die("%s: malformed rows", IPC_WAITS);
	free(text);
	g->next = calloc(g->n + 1, sizeof(int));
	g->cycle = calloc(g->n + 1, sizeof(int));
	if (!g->next || !g->cycle)
		lab_die("out of memory");
	g->ncycles = osedu_wait_graph(g->w, g->n, g->next, g->cycle);
}

static void graph_free(struct graph *g)
{
	free(g->w);
	free(g->next);
	free(g->cycle);
}

static int row_of(const struct graph *g, pid_t tid)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->w[i].tid == tid)
			return i;
	return -1;
}

static void print_row(const struct osedu_wait *w)
{
	printf("  %d (%s) in %s: waits on %s, held by %d\n", w->tid, w->comm,
	       w->syscall, w->object, w->holder);
}

static void mutex_deadlock(void)
{
	unsigned long a0 = 0;
	struct graph g = { 0 };
	pthread_t a, b;
	int ra, rb;
	bool ok;

	if (pthread_create(&a, NULL, thread_a, NULL) ||
	    pthread_create(&b, NULL, thread_b, NULL))
		lab_die("pthread_create failed");
	while (!tid_a || !tid_b)
		usleep(1000);
	wait_sleeping(getpid(), tid_a, SYS_futex);
	wait_sleeping(getpid(), tid_b, SYS_futex);
	printf("two threads, two mutexes, opposite order: m1 at %p, m2 at %p\n",
	       (void *)&m1, (void *)&m2);
	graph_read(&g);
	ra = row_of(&g, tid_a);
	rb = row_of(&g, tid_b);
	if (ra < 0 || rb < 0)
		lab_die("ipc/waits lists no row for %d or %d", tid_a, tid_b);
	print_row(&g.w[ra]);
	print_row(&g.w[rb]);
	ok = sleeps_in(getpid(), tid_a, SYS_futex, &a0);
	lab_check(ok && a0 == (unsigned long)&m2 && g.w[ra].args[0] == a0,
		  "thread A sleeps in futex on m2 (/proc/.../syscall: arg0 %#lx)",
		  a0);
	lab_check(g.w[ra].holder == tid_b && g.w[rb].holder == tid_a,
		  "A waits for B (holder %d) and B for A (holder %d)",
		  g.w[ra].holder, g.w[rb].holder);
	lab_check(g.cycle[ra] && g.cycle[ra] == g.cycle[rb] &&
		  g.next[g.next[ra]] == ra,
		  "a cycle of two: A -> m2 -> B -> m1 -> A (a deadlock)");
	graph_free(&g);
	/* The threads stay deadlocked: exit ends them. */
}

/* A child that takes FIRST, says so, waits for GO, then takes SECOND. */
static pid_t locker(const char *first, const char *second, int ready,
		    int go)
{
	pid_t pid = fork();

	if (pid == 0) {
		int f1 = open(first, O_RDWR), f2 = open(second, O_RDWR);
		char c;

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		prctl(PR_SET_NAME, "flock-locker");
		if (f1 < 0 || f2 < 0 || flock(f1, LOCK_EX))
			_exit(1);
		osedu_write_byte(ready);
		if (read(go, &c, 1) != 1)
			_exit(1);
		flock(f2, LOCK_EX);
		_exit(0);
	}
	return pid;
}

/* /proc/locks: the pid holding an FLOCK lock on MAJ:MIN:INO. */
static pid_t proc_locks_holder(const char *object)
{
	char *text = lab_must_read("/proc/locks");
	const char *p, *dev = object + strlen("inode:");
	pid_t holder = 0;

	osedu_for_each_line(p, text) {
		char line[256], t[16], d[64];
		int pid;

		/* 1: FLOCK  ADVISORY  WRITE 123 08:01:456 0 EOF; "->": waiting */
		snprintf(line, sizeof(line), "%.*s", (int)strcspn(p, "\n"), p);
		if (!strstr(line, "->") &&
		    sscanf(line, "%*s %15s %*s %*s %d %63s", t, &pid, d) == 3 &&
		    !strcmp(t, "FLOCK") && !strcmp(d, dev))
			holder = pid;
	}
	free(text);
	return holder;
}

static void flock_deadlock(pid_t *p1, pid_t *p2)
{
	char fa[64], fb[64];
	int ready[2], go[2], ra, rb;
	struct graph g = { 0 };

	snprintf(fa, sizeof(fa), "/tmp/osedu-deadlock-a.%d", getpid());
	snprintf(fb, sizeof(fb), "/tmp/osedu-deadlock-b.%d", getpid());
	close(open(fa, O_CREAT | O_RDWR, 0600));
	close(open(fb, O_CREAT | O_RDWR, 0600));
	if (pipe(ready) || pipe(go))
		lab_die("pipe: %s", strerror(errno));
	*p1 = locker(fa, fb, ready[1], go[0]);
	*p2 = locker(fb, fa, ready[1], go[0]);
	osedu_read_byte(ready[0]);
	osedu_read_byte(ready[0]);
	osedu_write_byte(go[1]);
	osedu_write_byte(go[1]);
	wait_sleeping(*p1, *p1, SYS_flock);
	wait_sleeping(*p2, *p2, SYS_flock);
	unlink(fa);
	unlink(fb);
	printf("two processes, two files, flock(2) in opposite order:\n");
	graph_read(&g);
	ra = row_of(&g, *p1);
	rb = row_of(&g, *p2);
	if (ra < 0 || rb < 0)
		lab_die("ipc/waits lists no row for %d or %d", *p1, *p2);
	print_row(&g.w[ra]);
	print_row(&g.w[rb]);
	lab_check(g.w[ra].holder == *p2 && g.w[rb].holder == *p1,
		  "each waits for the other: holders %d and %d",
		  g.w[ra].holder, g.w[rb].holder);
	lab_check(proc_locks_holder(g.w[ra].object) == *p2 &&
		  proc_locks_holder(g.w[rb].object) == *p1,
		  "/proc/locks: %s is held by %d, %s by %d", g.w[ra].object,
		  proc_locks_holder(g.w[ra].object), g.w[rb].object,
		  proc_locks_holder(g.w[rb].object));
	lab_check(g.cycle[ra] && g.cycle[ra] == g.cycle[rb],
		  "a cycle: %d -> %d -> %d", *p1, *p2, *p1);
	graph_free(&g);
	close(ready[0]);
	close(ready[1]);
	close(go[0]);
	close(go[1]);
}

/* Two processes, POSIX locks on two byte ranges, opposite order. */
static void fcntl_edeadlk(void)
{
	struct flock r0 = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
			    .l_start = 0, .l_len = 1 };
	struct flock r1 = r0;
	char path[64];
	int fd, ready[2], st, ret, err;
	pid_t child;

	r1.l_start = 1;
	snprintf(path, sizeof(path), "/tmp/osedu-deadlock-p.%d", getpid());
	fd = open(path, O_CREAT | O_RDWR, 0600);
	if (fd < 0 || pipe(ready) || fcntl(fd, F_SETLK, &r0))
		lab_die("%s: %s", path, strerror(errno));
	child = fork();
	if (child == 0) {
		int cfd = open(path, O_RDWR);

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (cfd < 0 || fcntl(cfd, F_SETLK, &r1))
			_exit(2);
		osedu_write_byte(ready[1]);
		/* Waits for byte 0, which the parent holds. */
		_exit(fcntl(cfd, F_SETLKW, &r0) ? 3 : 0);
	}
	osedu_read_byte(ready[0]);
	wait_sleeping(child, child, SYS_fcntl);
	/* Byte 1 is the child's, who waits for ours: the cycle would close. */
	errno = 0;
	ret = fcntl(fd, F_SETLKW, &r1);
	err = errno;
	lab_check(ret == -1 && err == EDEADLK,
		  "POSIX locks: the kernel refuses the request that closes the cycle (%s)",
		  strerror(err));
	close(fd);
	waitpid(child, &st, 0);
	unlink(path);
	close(ready[0]);
	close(ready[1]);
}

int main(int argc, char **argv)
{
	int i = lab_start(&lab, argc, argv);
	bool hold = i < argc && !strcmp(argv[i], "--hold");
	pid_t p1, p2;

	lab_need(IPC_WAITS, "osedu_ipc_demo");
	mutex_deadlock();
	flock_deadlock(&p1, &p2);
	if (hold) {
		printf("ready\n");
		fflush(stdout);
		for (;;)
			pause();
	}
	fcntl_edeadlk();
	kill(p1, SIGKILL);
	kill(p2, SIGKILL);
	osedu_reap(p1);
	osedu_reap(p2);
	return lab_finish("two deadlock cycles found in ipc/waits; fcntl: EDEADLK");
}
