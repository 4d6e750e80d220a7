// SPDX-License-Identifier: GPL-2.0
/*
 * Lab starvation: a low-priority thread that gets no CPU while a
 * real-time one runs on its CPU, then no lock while a greedy thread keeps
 * retaking it (each on a CPU of its own). Measured, not assumed: the
 * starved thread's CPU time and run delay from
 * /proc/<pid>/task/<tid>/schedstat, the lock's turns counted (how often
 * it passed from the greedy thread to the other), and while it waits, its ipc/waits row (futex on the
 * mutex, held by the greedy thread) against
 * /proc/<pid>/task/<tid>/syscall and wchan. Needs root (SCHED_FIFO).
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <osedu/lab.h>

static const struct lab lab = {
	.name = "starvation",
	.explain_en =
"starvation: ready, or waiting, and never served (lectures 21, 32)\n"
"\n"
"Starvation is waiting without end for something that others keep\n"
"getting. It is not deadlock: the system makes progress, only not for\n"
"the starved thread. Two kinds, each on one CPU shared by two threads:\n"
"\n"
"1. CPU: a SCHED_FIFO (real-time) thread that never sleeps runs ahead of\n"
"   every normal thread. The normal thread is ready (state R) the whole\n"
"   time but gets almost no CPU; its run delay (time spent ready but not\n"
"   running, /proc/<pid>/task/<tid>/schedstat) grows by the whole window.\n"
"   Linux bounds this (sched_rt_runtime_us: 95% of each second), so the\n"
"   window here is shorter than that.\n"
"2. Lock: a thread takes a mutex, works, releases it and at once takes\n"
"   it again. A low-priority (nice 19) thread on the other CPU wants it\n"
"   too, and has that CPU to itself: it lacks the lock, not the CPU. A\n"
"   glibc mutex is not fair: the release wakes the waiter, but waking\n"
"   takes microseconds and taking the lock again nanoseconds, so the\n"
"   waiter finds it taken every time and sleeps again in futex. ipc/waits\n"
"   shows it there, the holder being the other thread. Once the greedy\n"
"   thread stops, it gets the lock at once.\n"
"\n"
"What to notice: the numbers. CPU share alone vs beside the real-time\n"
"thread; how often the lock passed to the low thread (its turns) against\n"
"the greedy thread's releases in the same second.\n",
	.explain_ko =
"starvation(기아): 준비되었거나 기다리지만 끝내 차례가 오지 않음 (21강, 32강)\n"
"\n"
"기아는 다른 스레드들은 계속 얻는 것을 끝없이 기다리는 것이다. 교착 상태와\n"
"다르다: 시스템은 진행하지만 굶는 스레드만 진행하지 못한다. 두 가지를, 두\n"
"스레드가 CPU 하나를 나누어 쓰는 상태에서 본다:\n"
"\n"
"1. CPU: 잠들지 않는 SCHED_FIFO(실시간) 스레드는 모든 일반 스레드보다 먼저\n"
"   실행된다. 일반 스레드는 내내 준비 상태(R)이지만 CPU를 거의 받지 못하고,\n"
"   run delay(준비 상태로 기다린 시간, /proc/<pid>/task/<tid>/schedstat)가\n"
"   그 시간만큼 늘어난다. 리눅스는 이를 제한하므로(sched_rt_runtime_us:\n"
"   1초마다 95%) 여기서는 그보다 짧게 잰다.\n"
"2. 락: 한 스레드가 뮤텍스를 잡고 일하고 놓자마자 다시 잡는다. 다른 CPU의\n"
"   낮은 우선순위(nice 19) 스레드도 그 락을 원하고, 그 CPU는 혼자 쓴다: 모자란\n"
"   것은 CPU가 아니라 락이다. glibc 뮤텍스는 공정하지 않다: 놓을 때 대기자를\n"
"   깨우지만 깨어나는 데는 마이크로초, 다시 잡는 데는 나노초가 걸리므로\n"
"   대기자는 매번 잡혀 있는 락을 보고 futex에서 다시 잠든다. ipc/waits는 그\n"
"   holder가 상대 스레드라고 보여 준다. 욕심 많은 스레드가 멈추면 곧바로\n"
"   락을 얻는다.\n"
"\n"
"주목할 점: 숫자. 혼자일 때와 실시간 스레드 옆에서의 CPU 몫, 같은 1초 동안\n"
"욕심 많은 스레드가 락을 놓은 횟수와 그중 낮은 우선순위 스레드에게 차례가\n"
"넘어간 횟수.\n",
};

#define CPU_WINDOW_MS	300	/* well below RT throttling's 950 ms */
#define LOCK_WINDOW_MS	1000
#define HOLD_US		10000	/* the greedy thread's work, locked */
#define SAMPLES		20

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static atomic_int stop_low, stop_high;
static atomic_long low_count, high_count;
/*
 * Turns: how often the lock went from the greedy thread to the low one.
 * A vCPU the host stops right after a release hands the low thread the
 * lock for the whole stop, and it then takes it thousands of times in a
 * row: one turn. A fair lock would give it one turn per release.
 */
static atomic_long low_turns;
static int owner;	/* who took the mutex last; written under it */
static atomic_int low_tid, high_tid;
static long long high_ran_ns;	/* the real-time thread's CPU time */
/* The normal thread's schedstat and the clock, as the real-time one saw
 * them when it began and ended its window.
 */
static long long fifo_r1, fifo_d1, fifo_t1, fifo_r2, fifo_t2;
static int cpu;

/* cpu_ns and run_delay_ns of a thread of ours. */
static void schedstat(pid_t tid, long long *run, long long *delay)
{
	char path[64], buf[128];

	snprintf(path, sizeof(path), "/proc/self/task/%d/schedstat", tid);
	if (osedu_read_file(path, buf, sizeof(buf)) <= 0 ||
	    sscanf(buf, "%lld %lld", run, delay) != 2)
		lab_die("%s: unreadable (CONFIG_SCHED_INFO?)", path);
}

static void *spinner(void *arg)
{
	(void)arg;
	osedu_pin(cpu);
	low_tid = il_gettid();
	while (!stop_low)
		low_count++;
	return NULL;
}

static void *realtime(void *arg)
{
	struct sched_param sp = { .sched_priority = 10 };
	long long dummy;
	int *err = arg;

	osedu_pin(cpu);
	*err = pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp);
	high_tid = il_gettid();
	if (!*err) {
		/*
		 * Measured from here: from now until it stops nothing of
		 * lower priority runs on this CPU, so the window is exact.
		 */
		schedstat(low_tid, &fifo_r1, &fifo_d1);
		fifo_t1 = osedu_now_ns();
		osedu_spin_wall_us(CPU_WINDOW_MS * 1000L);
		schedstat(low_tid, &fifo_r2, &dummy);
		fifo_t2 = osedu_now_ns();
	}
	high_ran_ns = osedu_cpu_ns();
	return NULL;
}

static void *low_locker(void *arg)
{
	(void)arg;
	/* A CPU of its own (the lab's): it lacks the lock, not the CPU. */
	osedu_pin(cpu ? 0 : cpu);
	setpriority(PRIO_PROCESS, 0, 19);
	low_tid = il_gettid();
	while (!stop_low) {
		pthread_mutex_lock(&mutex);
		low_count++;
		if (owner != 1)
			low_turns++;
		owner = 1;
		pthread_mutex_unlock(&mutex);
	}
	return NULL;
}

/* The greedy one: released and taken again at once, on the worker CPU. */
static void *high_locker(void *arg)
{
	(void)arg;
	osedu_pin(cpu);
	high_tid = il_gettid();
	while (!stop_high) {
		pthread_mutex_lock(&mutex);
		high_count++;
		owner = 2;
		osedu_spin_wall_us(HOLD_US);
		pthread_mutex_unlock(&mutex);
	}
	return NULL;
}

static void cpu_starvation(void)
{
	long long r0, d0, r1, d1, r2, d2, t0, t1, t2, alone_ms;
	double alone, starved, delayed;
	pthread_t low, high;
	int err = 0;

	printf("1. CPU: a normal thread spins on CPU %d; then a SCHED_FIFO thread spins there for %d ms\n",
	       cpu, CPU_WINDOW_MS);
	low_tid = 0;
	stop_low = 0;
	if (pthread_create(&low, NULL, spinner, NULL))
		lab_die("pthread_create failed");
	while (!low_tid)
		usleep(1000);
	usleep(50000);
	schedstat(low_tid, &r0, &d0);
	t0 = osedu_now_ns();
	usleep(CPU_WINDOW_MS * 1000);
	schedstat(low_tid, &r1, &d1);
	t1 = osedu_now_ns();
	alone = 100.0 * (r1 - r0) / (t1 - t0);
	alone_ms = (t1 - t0) / 1000000;
	high_tid = 0;
	if (pthread_create(&high, NULL, realtime, &err))
		lab_die("pthread_create failed");
	pthread_join(high, NULL);
	if (err)
		lab_die("SCHED_FIFO: %s (run as root)", strerror(err));
	r1 = fifo_r1;
	d1 = fifo_d1;
	t1 = fifo_t1;
	r2 = fifo_r2;
	t2 = fifo_t2;
	/*
	 * The run delay is added when the waiting thread gets the CPU
	 * back (sched_info_arrive()), so it is read once it has.
	 */
	for (int i = 0; i < 5000; i++) {
		schedstat(low_tid, &r0, &d2);
		if (r0 > r2)
			break;
		usleep(1000);
	}
	stop_low = 1;
	pthread_join(low, NULL);

	starved = 100.0 * (r2 - r1) / (t2 - t1);
	delayed = 100.0 * (d2 - d1) / (t2 - t1);
	printf("  normal thread %d alone:       %5.1f%% of %lld ms on the CPU (schedstat)\n",
	       low_tid, alone, alone_ms);
	printf("  beside the real-time thread: %5.1f%% of %lld ms on the CPU; its run delay grew by %lld ms (%.1f%%)\n",
	       starved, (t2 - t1) / 1000000, (d2 - d1) / 1000000, delayed);
	printf("  the real-time thread %d ran %lld ms (its CPU clock)\n",
	       high_tid, high_ran_ns / 1000000);
	lab_check(alone > 50.0, "alone, the normal thread had the CPU (%.1f%%)",
		  alone);
	lab_check(starved < 10.0 && delayed > 50.0,
		  "beside SCHED_FIFO it got %.1f%% of the CPU and waited ready %.1f%% of the window: starved",
		  starved, delayed);
}

/* One sample of the low thread's wait: the osedu row and the oracles. */
static bool sample(pid_t me, int *listed, int *agreed)
{
	char path[96], sys[256], wchan[64], stat[512], *p;
	struct osedu_wait w;
	unsigned long nr, arg0;
	char mx[32];

	if (!il_wait_row(low_tid, &w))
		return false;
	snprintf(mx, sizeof(mx), "futex:%d:%p", (int)me, (void *)&mutex);
	if (strcmp(w.object, mx) || w.holder != high_tid)
		return false;
	(*listed)++;
	snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", me, low_tid);
	if (osedu_read_file(path, sys, sizeof(sys)) <= 0 ||
	    sscanf(sys, "%lu %lx", &nr, &arg0) != 2)
		return true;
	snprintf(path, sizeof(path), "/proc/%d/task/%d/wchan", me, low_tid);
	if (osedu_read_file(path, wchan, sizeof(wchan)) <= 0)
		return true;
	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", me, low_tid);
	if (osedu_read_file(path, stat, sizeof(stat)) <= 0 ||
	    !(p = strrchr(stat, ')')) || p[2] != 'S')
		return true;	/* woken meanwhile: no comparison */
	if ((long)nr == SYS_futex && arg0 == (unsigned long)&mutex &&
	    !strncmp(wchan, "futex", 5)) {
		if (!*agreed)
			printf("  e.g. ipc/waits: %d %s %s holder %d %s; /proc: syscall %lu 0x%lx, wchan %s\n",
			       w.tid, w.syscall, w.object, w.holder, w.detail,
			       nr, arg0, wchan);
		(*agreed)++;
	}
	return true;
}

static void lock_starvation(void)
{
	long long r0, d0, r1, d1, t0, t1, t2;
	long lows, highs, turns, after;
	int listed = 0, agreed = 0;
	pid_t me = getpid();
	pthread_t low, high;

	printf("\n2. Lock: on CPU %d a thread holds a mutex %d us at a time, over and over; a nice 19 thread on CPU %d wants it too\n",
	       cpu, HOLD_US, cpu ? 0 : cpu);
	low_tid = high_tid = 0;
	stop_low = stop_high = 0;
	low_count = high_count = low_turns = 0;
	if (pthread_create(&high, NULL, high_locker, NULL))
		lab_die("pthread_create failed");
	while (!high_tid || !high_count)
		usleep(1000);
	if (pthread_create(&low, NULL, low_locker, NULL))
		lab_die("pthread_create failed");
	while (!low_tid)
		usleep(1000);
	/*
	 * Sample from the greedy thread's CPU, not the low thread's: a
	 * sample there (an ipc/waits read, milliseconds under emulation)
	 * would keep the low thread, woken by a release, from running and
	 * sleeping again, and find it runnable, not waiting. Here a sample
	 * only lengthens a hold, while the low thread sleeps in futex.
	 */
	osedu_pin(cpu);
	usleep(20000);
	lows = low_count;
	highs = high_count;
	turns = low_turns;
	schedstat(low_tid, &r0, &d0);
	t0 = osedu_now_ns();
	for (int i = 0; i < SAMPLES; i++) {
		sample(me, &listed, &agreed);
		usleep(LOCK_WINDOW_MS * 1000 / SAMPLES);
	}
	t1 = osedu_now_ns();
	lows = low_count - lows;
	highs = high_count - highs;
	turns = low_turns - turns;
	schedstat(low_tid, &r1, &d1);
	/*
	 * Each release wakes the waiter, often between the osedu row and the
	 * /proc reads of one sample: while the greedy thread still runs, give
	 * the comparison more samples (not counted as listed above).
	 */
	for (int i = 0, more = 0; !agreed && i < 300; i++) {
		sample(me, &more, &agreed);
		usleep(5000);
	}
	stop_high = 1;
	pthread_join(high, NULL);
	/* It gets the lock within 100 ms; a loaded host may take longer. */
	after = low_count;
	t2 = osedu_now_ns();
	usleep(100000);
	while (low_count == after && osedu_now_ns() - t2 < 5000000000LL)
		usleep(1000);
	t2 = osedu_now_ns() - t2;
	after = low_count - after;
	stop_low = 1;
	pthread_join(low, NULL);

	printf("  in %lld ms: the greedy thread %d took the lock %ld times; the low-priority %d got it %ld times in %ld turn(s) (a turn: the lock passed from the greedy thread to it)\n",
	       (t1 - t0) / 1000000, high_tid, highs, low_tid, lows, turns);
	printf("  the low-priority thread ran %.1f ms; ipc/waits listed it on the mutex, held by %d, in %d of %d samples\n",
	       (r1 - r0) / 1e6, high_tid, listed, SAMPLES);
	printf("  after the greedy thread stopped: %ld acquisitions in %lld ms\n",
	       after, t2 / 1000000);
	/*
	 * Turns, not acquisitions: under an emulator or a loaded host the
	 * greedy thread's CPU can stop for milliseconds just after a
	 * release, and the low thread loops through the lock meanwhile.
	 */
	lab_check(highs > 0 && turns * 5 < highs,
		  "the low-priority thread had the lock in under 1/5 of the greedy thread's releases (%ld turns vs %ld; a fair lock gives one each)",
		  turns, highs);
	/* Each release wakes it, and until it sleeps again it is not listed. */
	lab_check(listed * 4 >= SAMPLES,
		  "it was waiting on the mutex, held by the other thread, in %d of %d samples",
		  listed, SAMPLES);
	lab_check(agreed > 0,
		  "ipc/waits agreed with /proc/<pid>/task/<tid>/syscall (futex, the mutex) and wchan in %d sample(s)",
		  agreed);
	lab_check(after > 0, "once the other stopped, it got the lock (%ld times)",
		  after);
}

int main(int argc, char **argv)
{
	lab_start(&lab, argc, argv);
	lab_need(IL_WAITS, IL_MODULE);
	cpu = osedu_worker_cpu();
	/* We watch from the other CPU when there is one. */
	if (cpu)
		osedu_pin(0);
	cpu_starvation();
	lock_starvation();
	return lab_finish("measured: no CPU beside SCHED_FIFO, no lock beside a greedy holder");
}
