// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: a semaphore is a counter with a wait queue (P and V). Threads
 * that find it at zero sleep; each V wakes one. Shown twice: a SysV
 * semaphore (semop) and a POSIX one (sem_wait: a futex). Oracles:
 * semctl(GETNCNT), the tids the lab blocked, sem_getvalue, and
 * /proc/<pid>/task/<tid>/syscall.
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <osedu/lab.h>

static const struct lab lab = {
	.name = "semaphore",
	.explain_en =
"Semaphores: P, V and a wait queue (lectures 29-31).\n"
"A semaphore is a counter. P (wait) takes one unit, or sleeps while the\n"
"counter is zero; V (signal) gives one back and wakes one sleeper.\n"
"\n"
"What to notice:\n"
"- Three threads do P on a SysV semaphore at zero: /proc/osedu/ipc/waits\n"
"  lists each in semop with the operation 0:-1 (semaphore 0, minus one),\n"
"  as many as semctl(GETNCNT) counts.\n"
"- Each V wakes exactly one: 3, 2, 1, 0 waiters.\n"
"- A POSIX semaphore (sem_t) does the same in user space over a futex:\n"
"  its waiters sleep in futex(2) on the semaphore's address.\n",
	.explain_ko =
"세마포어: P, V 와 대기 큐 (29-31강).\n"
"세마포어는 카운터입니다. P(wait)는 한 단위를 가져가거나, 카운터가 0이면\n"
"잠듭니다. V(signal)는 한 단위를 돌려주고 잠든 스레드 하나를 깨웁니다.\n"
"\n"
"눈여겨볼 점:\n"
"- 값이 0인 SysV 세마포어에 세 스레드가 P를 하면 /proc/osedu/ipc/waits 에\n"
"  각각 semop 안에서 연산 0:-1(세마포어 0, 1 감소)로 나오며, 그 수는\n"
"  semctl(GETNCNT) 와 같습니다.\n"
"- V 한 번에 정확히 하나가 깨어납니다: 대기자 3, 2, 1, 0.\n"
"- POSIX 세마포어(sem_t)는 사용자 공간에서 futex 로 같은 일을 합니다:\n"
"  대기자는 세마포어 주소에서 futex(2) 로 잠듭니다.\n",
};

#define N	3

static int semid;
static sem_t psem;
static volatile pid_t tids[N];

static void *sysv_p(void *arg)
{
	struct sembuf p = { .sem_num = 0, .sem_op = -1 };
	long i = (long)arg;

	tids[i] = il_gettid();
	syscall(SYS_semop, semid, &p, 1);
	return NULL;
}

static void *posix_p(void *arg)
{
	long i = (long)arg;

	tids[i] = il_gettid();
	sem_wait(&psem);
	return NULL;
}

static int wait_count(const char *object, int want)
{
	int n = -1;

	/* A woken thread leaves the list as soon as it runs. */
	for (int i = 0; i < 300; i++) {
		n = il_waiters(object);
		if (n == want)
			break;
		usleep(10000);
	}
	return n;
}

int main(int argc, char **argv)
{
	struct sembuf v = { .sem_num = 0, .sem_op = 1 };
	char obj[64], ops[64];
	struct osedu_wait row = { 0 };
	pthread_t t[N];
	long i;
	int n;

	lab_start(&lab, argc, argv);
	lab_need(IL_WAITS, IL_MODULE);
	semid = semget(IPC_PRIVATE, 1, 0600);
	if (semid < 0)
		lab_die("semget: %s", strerror(errno));
	for (i = 0; i < N; i++)
		if (pthread_create(&t[i], NULL, sysv_p, (void *)i))
			lab_die("pthread_create failed");
	for (i = 0; i < N; i++) {
		while (!tids[i])
			usleep(1000);
		il_wait_syscall(getpid(), tids[i], SYS_semop);
	}
	snprintf(obj, sizeof(obj), "sem:%d", semid);
	il_wait_row(tids[0], &row);
	osedu_wait_detail(&row, "ops", ops, sizeof(ops));
	printf("SysV semaphore %d at 0; %d threads did P:\n", semid, N);
	printf("  %d in %s on %s, ops %s\n", tids[0], row.syscall, row.object, ops);
	n = il_waiters(obj);
	lab_check(n == N && n == semctl(semid, 0, GETNCNT) &&
		  !strcmp(ops, "0:-1:0"),
		  "%d waiters on %s (GETNCNT %d), each P = 0:-1", n, obj,
		  semctl(semid, 0, GETNCNT));
	for (int k = N - 1; k >= 0; k--) {
		semop(semid, &v, 1);
		n = wait_count(obj, k);
		lab_check(n == k && semctl(semid, 0, GETNCNT) == k,
			  "V: one woke, %d waiting (GETNCNT %d)", n,
			  semctl(semid, 0, GETNCNT));
	}
	for (i = 0; i < N; i++)
		pthread_join(t[i], NULL);
	semctl(semid, 0, IPC_RMID);

	memset((void *)tids, 0, sizeof(tids));
	sem_init(&psem, 0, 0);
	for (i = 0; i < N; i++)
		if (pthread_create(&t[i], NULL, posix_p, (void *)i))
			lab_die("pthread_create failed");
	for (i = 0; i < N; i++) {
		while (!tids[i])
			usleep(1000);
		il_wait_syscall(getpid(), tids[i], SYS_futex);
	}
	snprintf(obj, sizeof(obj), "futex:%d:%p", getpid(), (void *)&psem);
	n = il_waiters(obj);
	printf("POSIX semaphore at %p; %d threads did sem_wait: %d futex waiters\n",
	       (void *)&psem, N, n);
	lab_check(n == N, "%d threads sleep in futex on the sem_t (%s)", n, obj);
	for (int k = N - 1; k >= 0; k--) {
		sem_post(&psem);
		n = wait_count(obj, k);
		lab_check(n == k, "sem_post: one woke, %d waiting", n);
	}
	for (i = 0; i < N; i++)
		pthread_join(t[i], NULL);
	return lab_finish("P sleeps at zero, each V wakes one: SysV and POSIX");
}
