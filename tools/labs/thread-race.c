// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: the lecture's counter race. Several threads of one process add 1
 * to a shared counter as "read it, compute, write it back". Without a
 * lock, a thread switched out between its read and its write later
 * writes back a stale value and every increment made meanwhile is lost;
 * with a mutex around the three steps (a critical section) none is.
 * Oracle: each thread counts its own increments privately, so the
 * expected total is known exactly. The threads are shown in the PCB view
 * (one process, one tgid, its thread table) beside /proc/<pid>/task.
 *
 * Why there is a short loop between the read and the write: it stands
 * for "compute" and widens the window in which a switch, or the other
 * CPU, makes the write stale. The bare "counter++" races too
 * ("thread-race --window 0" loses updates as well), but how often
 * depends on the machine and its load; with the window a loss within a
 * second is all but certain on any machine, emulated or not. Each loss
 * is large: the stale write undoes everything the other threads added
 * while the writer was switched out.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <osedu/lab.h>

#define NTHREADS	4
#define RUN_MS		1000
#define WINDOW		200	/* loop turns between read and write */

static int window = WINDOW;
#define ATTEMPTS	3

static const struct lab lab = {
	.name = "thread-race",
	.explain_en =
"A race on a shared counter, and mutual exclusion (lectures 28-31).\n"
"Threads share the data and heap of their process, so they can all\n"
"update one variable, but 'counter = counter + 1' is three steps: read,\n"
"add, write. If a thread is switched out (or the other CPU runs) between\n"
"its read and its write, it later writes back an old value and the\n"
"increments made meanwhile are lost. The part that must not run\n"
"concurrently is the critical section; a mutex lets one thread in at a\n"
"time.\n"
"\n"
"What to notice:\n"
"- Without a lock the final counter is smaller than the sum of what\n"
"  each thread added (each thread also counts its own additions\n"
"  privately, so the expected total is exact).\n"
"- With a mutex the counter is exactly the expected total. Threads that\n"
"  wait for the mutex block (their nvcsw grows).\n"
"- The PCB view of the process lists every thread (tid, state, CPU,\n"
"  switch counts) in one thread group, as /proc/<pid>/task does: Linux\n"
"  schedules threads like processes, but they share one mm.\n",
	.explain_ko =
"공유 카운터의 경쟁 상태와 상호배제 (28-31강).\n"
"스레드는 프로세스의 데이터와 힙 영역을 공유하므로 하나의 변수를 함께\n"
"갱신할 수 있지만, 'counter = counter + 1' 은 읽기, 더하기, 쓰기의 세\n"
"단계입니다. 한 스레드가 읽기와 쓰기 사이에 문맥교환되면 (또는 다른\n"
"CPU가 실행되면) 나중에 옛 값을 써 넣어 그 사이의 덧셈이 누락됩니다.\n"
"동시에 실행되면 안 되는 영역이 임계 영역(critical section)이며,\n"
"뮤텍스(Mutex)는 한 번에 한 스레드만 들어가게 합니다.\n"
"\n"
"눈여겨볼 점:\n"
"- 락이 없으면 최종 카운터 값이 각 스레드가 더한 횟수의 합보다\n"
"  작습니다 (각 스레드가 자기 덧셈 횟수를 따로 세므로 기대값은\n"
"  정확합니다).\n"
"- 뮤텍스를 쓰면 카운터는 기대값과 정확히 같습니다. 뮤텍스를 기다리는\n"
"  스레드는 블록됩니다 (nvcsw 증가).\n"
"- 프로세스의 PCB 뷰는 한 스레드 그룹의 모든 스레드(tid, 상태, CPU,\n"
"  문맥교환 횟수)를 /proc/<pid>/task 처럼 보여 줍니다: 리눅스는 스레드를\n"
"  프로세스처럼 스케줄링하지만, 스레드들은 하나의 mm 을 공유합니다.\n",
};

/*
 * Read and written with separate single loads and stores (relaxed atomic
 * accesses, so the compiler keeps each one): the increment as a whole is
 * not atomic, which is the point.
 */
static long counter;
static atomic_bool stop;
static bool use_lock;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t begin, done, bye;

struct racer {
	pthread_t th;
	int idx;
	pid_t tid;
	long mine;
};

static void *race(void *arg)
{
	struct racer *me = arg;
	char name[16];
	long v;
	int j;

	me->tid = gettid();
	snprintf(name, sizeof(name), "racer-%d", me->idx);
	prctl(PR_SET_NAME, name);
	pthread_barrier_wait(&begin);
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		if (use_lock)
			pthread_mutex_lock(&lock);
		v = __atomic_load_n(&counter, __ATOMIC_RELAXED);	/* read */
		for (j = 0; j < window; j++)		/* compute */
			__asm__ volatile("" ::: "memory");
		__atomic_store_n(&counter, v + 1, __ATOMIC_RELAXED);	/* write */
		if (use_lock)
			pthread_mutex_unlock(&lock);
		me->mine++;
	}
	/* Stay alive, blocked, while the lab reads the PCB view. */
	pthread_barrier_wait(&done);
	pthread_barrier_wait(&bye);
	return NULL;
}

static int cmp_pid(const void *a, const void *b)
{
	return *(const pid_t *)a - *(const pid_t *)b;
}

/* The thread table of the PCB view; the number of rows, tids in @tids. */
static int pcb_threads(const char *pcb, pid_t *tids, int max, bool show)
{
	const char *p = strstr(pcb, "\ntid state cpu");
	int n = 0;

	if (show && p)
		printf("  PCB thread table:\n");
	for (p = p ? strchr(p + 1, '\n') : NULL; p && p[1] && n < max;
	     p = strchr(p + 1, '\n')) {
		const char *e = strchr(p + 1, '\n');

		if (sscanf(p + 1, "%d", &tids[n]) != 1)
			break;
		if (show)
			printf("    %.*s\n", (int)(e ? e - p - 1 : (long)strlen(p + 1)),
			       p + 1);
		n++;
	}
	return n;
}

/* One run of NTHREADS racers for RUN_MS; the lost increments. */
static long attempt(bool locked, bool show_pcb)
{
	struct racer r[NTHREADS] = { 0 };
	pid_t pcb_tids[64], dir_tids[64];
	long expected = 0;
	int i, np, nd;
	char *pcb;

	counter = 0;
	use_lock = locked;
	atomic_store(&stop, false);
	pthread_barrier_init(&begin, NULL, NTHREADS + 1);
	pthread_barrier_init(&done, NULL, NTHREADS + 1);
	pthread_barrier_init(&bye, NULL, NTHREADS + 1);
	for (i = 0; i < NTHREADS; i++) {
		r[i].idx = i;
		if (pthread_create(&r[i].th, NULL, race, &r[i]))
			lab_die("pthread_create failed");
	}
	pthread_barrier_wait(&begin);
	usleep(RUN_MS * 1000);
	atomic_store(&stop, true);
	pthread_barrier_wait(&done);

	for (i = 0; i < NTHREADS; i++)
		expected += r[i].mine;
	printf("  %s: %d threads added %ld (each counted its own); counter = %ld; lost %ld\n",
	       locked ? "with a mutex" : "no lock", NTHREADS, expected,
	       counter, expected - counter);

	if (show_pcb) {
		pcb = sl_pcb(getpid());
		np = pcb_threads(pcb, pcb_tids, 64, true);
		nd = sl_task_dir(getpid(), dir_tids, 64);
		qsort(pcb_tids, np, sizeof(pid_t), cmp_pid);
		qsort(dir_tids, nd, sizeof(pid_t), cmp_pid);
		lab_check(osedu_kv_num(pcb, "tgid", -1) == getpid() &&
			  osedu_kv_num(pcb, "threads", -1) == NTHREADS + 1 &&
			  sl_status(getpid(), "Threads") == NTHREADS + 1,
			  "PCB: one process (tgid %d) with %lld threads (/proc/%d/status Threads %lld)",
			  getpid(), osedu_kv_num(pcb, "threads", -1), getpid(),
			  sl_status(getpid(), "Threads"));
		lab_check(np == nd && !memcmp(pcb_tids, dir_tids,
					      np * sizeof(pid_t)),
			  "PCB thread table tids equal /proc/%d/task", getpid());
		free(pcb);
	}
	pthread_barrier_wait(&bye);
	for (i = 0; i < NTHREADS; i++)
		pthread_join(r[i].th, NULL);
	pthread_barrier_destroy(&begin);
	pthread_barrier_destroy(&done);
	pthread_barrier_destroy(&bye);
	if (locked)
		lab_check(counter == expected,
			  "with a mutex, nothing is lost: %ld == %ld", counter,
			  expected);
	return expected - counter;
}

int main(int argc, char **argv)
{
	long lost = 0;
	int i;

	i = lab_start(&lab, argc, argv);
	/* thread-race [--window N]: N = 0 is the bare counter++ race. */
	if (i + 1 < argc && !strcmp(argv[i], "--window"))
		window = atoi(argv[i + 1]);
	printf("%d threads, each for %d ms: v = counter; <compute: %d turns>; counter = v + 1\n",
	       NTHREADS, RUN_MS, window);
	for (i = 0; i < ATTEMPTS && lost <= 0; i++)
		lost = attempt(false, i == 0);
	lab_check(lost > 0,
		  "without a lock, updates were lost (in %d attempt(s) of at most %d)",
		  i, ATTEMPTS);
	attempt(true, true);
	return lab_finish("no lock: lost updates; mutex: exact count");
}
