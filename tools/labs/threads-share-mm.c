// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: threads share their process's address space, a forked child gets
 * its own. The process starts three threads, forks a child, and clones a
 * second child with CLONE_VM but not CLONE_THREAD: a separate process
 * (its own tgid, its own PCB view) that shares the address space all the
 * same, which shows that sharing the mm is what makes threads share
 * memory, not being in one thread group. Evidence: mm_id and the thread
 * table of the PCB views, and a variable written by each; oracle:
 * kcmp(KCMP_VM), which asks the kernel whether two tasks use one mm, and
 * /proc/<pid>/task and status.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/kcmp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <osedu/lab.h>

#define NTHREADS	3
#define STACK		(256 * 1024)

static const struct lab lab = {
	.name = "threads-share-mm",
	.explain_en =
"Threads share one address space; processes do not (lecture 28).\n"
"A process's memory (code, data, heap, its page tables) is described\n"
"by one mm. Threads of a process use that same mm: what one thread\n"
"writes, all see; each has only its own stack and registers (PC, SP).\n"
"fork() gives the child a copy with its own mm.\n"
"\n"
"What to notice:\n"
"- The PCB view of the process lists all its threads; the tids equal\n"
"  /proc/<pid>/task, and they are one thread group (tgid).\n"
"- mm_id (a name for the mm) of the forked child differs from the\n"
"  parent's; a child cloned with CLONE_VM (a separate process!) has\n"
"  the parent's mm_id. kcmp(KCMP_VM) gives the same answers.\n"
"- A variable written by a thread or by the CLONE_VM child is seen by\n"
"  the parent; written by the forked child, it is not.\n",
	.explain_ko =
"스레드는 하나의 주소 공간을 공유하고, 프로세스는 공유하지 않습니다\n"
"(28강). 프로세스의 메모리(코드, 데이터, 힙, 페이지 테이블)는 하나의 mm\n"
"이 나타냅니다. 한 프로세스의 스레드들은 같은 mm 을 씁니다: 한 스레드가\n"
"쓴 값을 모두가 봅니다. 스레드마다 따로 가진 것은 스택과 레지스터\n"
"(PC, SP)뿐입니다. fork() 로 만든 자식은 자기 mm 을 가진 복사본입니다.\n"
"\n"
"눈여겨볼 점:\n"
"- 프로세스의 PCB 뷰는 모든 스레드를 보여 주며, tid 목록은\n"
"  /proc/<pid>/task 와 같고, 하나의 스레드 그룹(tgid)입니다.\n"
"- fork 한 자식의 mm_id(mm 의 이름)는 부모와 다릅니다. CLONE_VM 으로\n"
"  만든 자식(별개의 프로세스!)은 부모와 같은 mm_id 를 가집니다.\n"
"  kcmp(KCMP_VM) 도 같은 답을 줍니다.\n"
"- 스레드나 CLONE_VM 자식이 쓴 변수는 부모에게 보이고, fork 한 자식이\n"
"  쓴 변수는 보이지 않습니다.\n",
};

/* One int in the data segment; atomic accesses so none is optimised away. */
static int shared_value;

static void set_shared(int v)
{
	__atomic_store_n(&shared_value, v, __ATOMIC_SEQ_CST);
}

static int shared(void)
{
	return __atomic_load_n(&shared_value, __ATOMIC_SEQ_CST);
}

static pthread_barrier_t ready, bye;
static int quit[2];

struct thr {
	pthread_t th;
	pid_t tid;
	void *stack_var;
};

static void *thread_fn(void *arg)
{
	struct thr *me = arg;
	int local;

	me->tid = gettid();
	me->stack_var = &local;
	set_shared(1);
	pthread_barrier_wait(&ready);
	pthread_barrier_wait(&bye);
	return NULL;
}

/* Runs in the CLONE_VM child: the parent's memory, its own process. */
static int clone_fn(void *arg)
{
	(void)arg;
	/* Its descriptor table is a copy: drop the copy of the write end. */
	close(quit[1]);
	set_shared(3);
	osedu_read_byte(quit[0]);
	return 0;
}

static int kcmp_vm(pid_t a, pid_t b)
{
	return syscall(SYS_kcmp, a, b, KCMP_VM, 0, 0);
}

static int cmp_pid(const void *a, const void *b)
{
	return *(const pid_t *)a - *(const pid_t *)b;
}

static int pcb_threads(const char *pcb, pid_t *tids, int max)
{
	const char *p = strstr(pcb, "\ntid state cpu");
	int n = 0;

	for (p = p ? strchr(p + 1, '\n') : NULL; p && p[1] && n < max;
	     p = strchr(p + 1, '\n'))
		if (sscanf(p + 1, "%d", &tids[n]) == 1)
			n++;
	return n;
}

int main(int argc, char **argv)
{
	pid_t me = getpid(), forked, cloned, ptids[64], dtids[64];
	char *pcb, mm_self[32], mm_fork[32], mm_clone[32], tab[8192];
	struct thr t[NTHREADS] = { 0 };
	int i, np, nd, k, same = 0, tgid_ok = 0;
	char *stack;

	lab_start(&lab, argc, argv);
	if (pipe(quit))
		lab_die("pipe: %s", strerror(errno));
	pthread_barrier_init(&ready, NULL, NTHREADS + 1);
	pthread_barrier_init(&bye, NULL, NTHREADS + 1);
	for (i = 0; i < NTHREADS; i++)
		if (pthread_create(&t[i].th, NULL, thread_fn, &t[i]))
			lab_die("pthread_create failed");
	pthread_barrier_wait(&ready);
	printf("process %d: the first thread and %d more; the threads set shared_value = 1\n",
	       me, NTHREADS);
	lab_check(shared() == 1,
		  "the parent sees the thread's write: shared_value %d",
		  shared());

	forked = fork();
	if (forked < 0)
		lab_die("fork: %s", strerror(errno));
	if (forked == 0) {
		alarm(60);
		close(quit[1]);
		set_shared(2);
		osedu_read_byte(quit[0]);
		_exit(0);
	}
	sl_wait_blocked(forked);
	printf("forked child %d set shared_value = 2 in its copy\n", forked);
	lab_check(shared() == 1,
		  "the parent does not see the forked child's write: shared_value %d",
		  shared());

	stack = malloc(STACK);
	if (!stack)
		lab_die("out of memory");
	/*
	 * The CLONE_VM child runs on the parent's memory, so it must not
	 * share the parent's stack; it only writes a variable and reads a
	 * pipe.
	 */
	cloned = clone(clone_fn, stack + STACK, CLONE_VM | SIGCHLD, NULL);
	if (cloned < 0)
		lab_die("clone: %s", strerror(errno));
	sl_wait_blocked(cloned);
	printf("CLONE_VM child %d set shared_value = 3\n", cloned);
	lab_check(shared() == 3,
		  "the parent sees the CLONE_VM child's write: shared_value %d",
		  shared());

	pcb = sl_pcb(me);
	osedu_kv(pcb, "mm_id", mm_self, sizeof(mm_self));
	np = pcb_threads(pcb, ptids, 64);
	{
		const char *p = strstr(pcb, "threads:");

		snprintf(tab, sizeof(tab), "%s", p ? p : "");
	}
	printf("\n  PCB of %d: tgid %lld mm_id %s\n", me, osedu_kv_num(pcb, "tgid", -1),
	       mm_self);
	printf("  %s", tab);
	lab_check(osedu_kv_num(pcb, "threads", -1) == NTHREADS + 1 &&
		  sl_status(me, "Threads") == NTHREADS + 1,
		  "PCB threads %lld = /proc/%d/status Threads %lld",
		  osedu_kv_num(pcb, "threads", -1), me, sl_status(me, "Threads"));
	free(pcb);
	nd = sl_task_dir(me, dtids, 64);
	qsort(ptids, np, sizeof(pid_t), cmp_pid);
	qsort(dtids, nd, sizeof(pid_t), cmp_pid);
	lab_check(np == nd && !memcmp(ptids, dtids, np * sizeof(pid_t)),
		  "the PCB thread table lists exactly /proc/%d/task (%d tids)",
		  me, nd);
	for (i = 0; i < nd; i++) {
		char path[64], *st;

		snprintf(path, sizeof(path), "/proc/%d/task/%d/status", me,
			 dtids[i]);
		st = lab_must_read(path);
		tgid_ok += osedu_kv_num(st, "Tgid", -1) == me;
		free(st);
		same += kcmp_vm(me, dtids[i]) == 0;
	}
	lab_check(tgid_ok == nd, "every thread's Tgid is %d (one process)", me);
	lab_check(same == nd,
		  "oracle: kcmp(KCMP_VM) says all %d threads use one mm", nd);
	for (i = 0; i < NTHREADS; i++)
		printf("  thread %d: its own stack, a local variable at %p\n",
		       t[i].tid, t[i].stack_var);

	pcb = sl_pcb(forked);
	osedu_kv(pcb, "mm_id", mm_fork, sizeof(mm_fork));
	printf("  PCB of forked child %d: tgid %lld mm_id %s\n", forked,
	       osedu_kv_num(pcb, "tgid", -1), mm_fork);
	free(pcb);
	pcb = sl_pcb(cloned);
	osedu_kv(pcb, "mm_id", mm_clone, sizeof(mm_clone));
	printf("  PCB of CLONE_VM child %d: tgid %lld mm_id %s\n", cloned,
	       osedu_kv_num(pcb, "tgid", -1), mm_clone);
	free(pcb);

	k = kcmp_vm(me, forked);
	lab_check(strcmp(mm_self, mm_fork) && k != 0,
		  "forked child: another mm (mm_id differs; kcmp says %d, not 0)",
		  k);
	k = kcmp_vm(me, cloned);
	lab_check(!strcmp(mm_self, mm_clone) && k == 0,
		  "CLONE_VM child, a separate process: the same mm (mm_id equal; kcmp says %d)",
		  k);

	close(quit[1]);
	pthread_barrier_wait(&bye);
	for (i = 0; i < NTHREADS; i++)
		pthread_join(t[i].th, NULL);
	if (osedu_reap(forked) || osedu_reap(cloned))
		lab_check(false, "a child exited badly");
	free(stack);
	return lab_finish("threads and a CLONE_VM child share the mm; a forked child does not");
}
