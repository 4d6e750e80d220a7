// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: a process that reads an empty pipe blocks (Blocked, state S) in
 * the pipe's read path and is on no run queue; a write to the pipe wakes
 * it (Blocked -> Ready, a 'wakeup' event), and then a context switch puts
 * it on a CPU (Ready -> Running). Evidence: its PCB view before and after,
 * /proc/osedu/sched/cpus, and the trace filtered to it; oracle:
 * /proc/<pid>/stat, wchan and status.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <osedu/lab.h>

static const struct lab lab = {
	.name = "pipe-blocking",
	.explain_en =
"Blocking on a pipe: Blocked -> Ready -> Running (lectures 9-10, 21-22).\n"
"A pipe is an IPC channel kept in kernel memory. A process that reads an\n"
"empty pipe cannot continue, so the kernel blocks it: it leaves the CPU\n"
"and waits, on no run queue, until data arrives.\n"
"\n"
"What to notice:\n"
"- The reader's PCB says state S, Blocked(interruptible), and wchan names\n"
"  the kernel function it sleeps in: pipe_read (the same as\n"
"  /proc/<pid>/wchan). It is not listed in /proc/osedu/sched/cpus:\n"
"  a blocked process is in no Ready queue.\n"
"- One write to the pipe: the trace shows 'wakeup <reader>' (Blocked ->\n"
"  Ready), then 'switch ... => <reader>' (Ready -> Running: a context\n"
"  switch loads its saved context), then the reader blocks again ('S').\n"
"- Its voluntary switch count (nvcsw) grew, as /proc/<pid>/status says.\n",
	.explain_ko =
"파이프에서 블록되기: Blocked -> Ready -> Running (9-10강, 21-22강).\n"
"파이프는 커널 메모리를 사용하는 IPC 기법입니다. 빈 파이프를 읽는\n"
"프로세스는 더 진행할 수 없으므로 커널이 블록시킵니다. 프로세스는 CPU를\n"
"내려놓고, 데이터가 올 때까지 어떤 실행 큐에도 없이 기다립니다.\n"
"\n"
"눈여겨볼 점:\n"
"- 읽는 프로세스의 PCB는 상태 S, Blocked(interruptible)이고, wchan은\n"
"  잠들어 있는 커널 함수 pipe_read 를 보여 줍니다 (/proc/<pid>/wchan 과\n"
"  같음). /proc/osedu/sched/cpus 에는 나오지 않습니다: 블록된 프로세스는\n"
"  Ready 큐에 없습니다.\n"
"- 파이프에 한 번 쓰면 추적에 'wakeup <reader>' (Blocked -> Ready),\n"
"  이어서 'switch ... => <reader>' (Ready -> Running: 문맥교환으로 저장된\n"
"  문맥을 불러옴)가 나오고, 다시 블록됩니다 ('S').\n"
"- 자발적 문맥교환 횟수(nvcsw)가 늘었고, /proc/<pid>/status 도 같습니다.\n",
};

/* Is @tid running or queued in /proc/osedu/sched/cpus? */
static bool in_cpus(pid_t tid)
{
	char *buf = lab_must_read("/proc/osedu/sched/cpus");
	const char *p;
	bool found = false;
	int cpu, t;

	osedu_for_each_line(p, buf) {
		if (!strncmp(p, "switches_live_threads", 21))
			break;
		if (sscanf(p, "%d %d", &cpu, &t) == 2 && t == tid)
			found = true;
	}
	free(buf);
	return found;
}

static void show_pcb(const char *when, const char *pcb)
{
	static const char * const keys[] = {
		"state", "state_name", "on_cpu", "queued", "cpu", "wchan",
		"nvcsw", "nivcsw",
	};
	char v[64];
	unsigned int i;

	printf("  PCB %s:", when);
	for (i = 0; i < ARRAY_SIZE(keys); i++)
		printf(" %s=%s", keys[i],
		       osedu_kv(pcb, keys[i], v, sizeof(v)) ? v : "?");
	printf("\n");
}

int main(int argc, char **argv)
{
	int data[2], ack[2], quit[2], i, wake = -1, run = -1, block = -1;
	char cmd[64], wchan[64], owchan[64] = "?", st[64], path[64], *pcb, *w;
	long long nv0, nv1, vol1;
	struct sl_trace t = { 0 };
	pid_t pid;

	lab_start(&lab, argc, argv);
	if (pipe(data) || pipe(ack) || pipe(quit))
		lab_die("pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		lab_die("fork: %s", strerror(errno));
	if (pid == 0) {
		alarm(60);
		prctl(PR_SET_NAME, "pipe-reader");
		close(data[1]);
		close(quit[1]);
		osedu_read_byte(data[0]);
		osedu_write_byte(ack[1]);
		osedu_read_byte(quit[0]);
		_exit(0);
	}
	close(data[0]);
	close(quit[0]);
	sl_wait_blocked(pid);
	printf("reader pid %d: read(2) on an empty pipe\n", pid);

	pcb = sl_pcb(pid);
	show_pcb("while it waits", pcb);
	osedu_kv(pcb, "state_name", st, sizeof(st));
	osedu_kv(pcb, "wchan", wchan, sizeof(wchan));
	nv0 = osedu_kv_num(pcb, "nvcsw", -1);
	free(pcb);
	/*
	 * /proc/<pid>/wchan answers "0" while the task is still on a run
	 * queue. On 6.6+ EEVDF may delay the dequeue of a task that blocked
	 * (se.sched_delayed) until its CPU next picks a task, so the oracle
	 * is asked again for a while; the PCB view says "queued: 0" then.
	 */
	snprintf(path, sizeof(path), "/proc/%d/wchan", pid);
	for (i = 0; i < 300 && !strcmp(owchan, "?"); i++) {
		w = osedu_read_all(path, OSEDU_DOC_MAX, NULL);
		if (w && strcmp(w, "0"))
			snprintf(owchan, sizeof(owchan), "%s", w);
		free(w);
		if (!strcmp(owchan, "?"))
			usleep(10000);
	}
	printf("  oracle: /proc/%d/stat state %c, /proc/%d/wchan %s\n", pid,
	       (char)sl_stat(pid, pid, 3), pid, owchan);

	lab_check(!strcmp(st, "Blocked(interruptible)"),
		  "the reader is Blocked(interruptible): '%s'", st);
	lab_check(strstr(wchan, "pipe") && !strcmp(wchan, owchan),
		  "it sleeps in the pipe read path: wchan %s (oracle %s)",
		  wchan, owchan);
	lab_check(!in_cpus(pid),
		  "it is neither running nor queued in /proc/osedu/sched/cpus");

	snprintf(cmd, sizeof(cmd), "pid=%d", pid);
	sl_trace_start(cmd);
	osedu_write_byte(data[1]);
	osedu_read_byte(ack[0]);
	sl_wait_blocked(pid);
	sl_trace_finish(&t);

	printf("  trace after one write to the pipe (filtered to pid %d):\n",
	       pid);
	for (i = 0; i < t.n; i++) {
		const struct osedu_ev *e = &t.ev[i];

		sl_print_ev(e, t.ev[0].ts);
		if (wake < 0 && e->type == OSEDU_EV_WAKEUP && e->tid == pid)
			wake = i;
		else if (wake >= 0 && run < 0 && e->type == OSEDU_EV_SWITCH &&
			 e->tid2 == pid)
			run = i;
		else if (run >= 0 && block < 0 && e->type == OSEDU_EV_SWITCH &&
			 e->tid == pid && e->state[0] == 'S')
			block = i;
	}
	lab_check(wake >= 0, "the write woke the reader (Blocked -> Ready)");
	lab_check(run > wake,
		  "then a context switch ran it (Ready -> Running)");
	if (wake >= 0 && run > wake)
		printf("  from wakeup to running: %lld us\n",
		       (long long)(t.ev[run].ts - t.ev[wake].ts) / 1000);
	lab_check(block > run,
		  "it blocked again (S) once it waited for the next message");

	pcb = sl_pcb(pid);
	show_pcb("after", pcb);
	nv1 = osedu_kv_num(pcb, "nvcsw", -1);
	free(pcb);
	vol1 = sl_status(pid, "voluntary_ctxt_switches");
	lab_check(nv1 > nv0 && nv1 == vol1,
		  "nvcsw %lld -> %lld (/proc/%d/status voluntary_ctxt_switches %lld)",
		  nv0, nv1, pid, vol1);

	close(quit[1]);
	if (osedu_reap(pid))
		lab_check(false, "the reader exited badly");
	sl_trace_free(&t);
	return lab_finish("blocked in pipe_read; a write: wakeup, then switch to it");
}
