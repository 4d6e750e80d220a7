// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: a CPU-bound and an I/O-bound process on one CPU. The CPU-bound one
 * always wants the CPU, so it only ever leaves it when the scheduler takes
 * it away (preemption: Running -> Ready, an involuntary switch); the
 * I/O-bound one computes a little and then waits (Running -> Blocked, a
 * voluntary switch) until its wait ends (a wakeup, Blocked -> Ready).
 * Evidence: the switch and wakeup events of both in the osedu trace and
 * their PCB views; oracle: /proc/<pid>/status, stat and sched.
 *
 * The wait is a 2 ms sleep standing in for a device's answer: sleeping
 * and waiting for a disk or a pipe are the same Blocked state.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
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

#define RUN_MS		2000	/* how long both compete */
#define IO_WAIT_US	2000
#define IO_WORK_US	100

static const struct lab lab = {
	.name = "cpu-vs-io",
	.explain_en =
"CPU-bound versus I/O-bound processes (lectures 9-13).\n"
"A CPU-bound process computes all the time; an I/O-bound one computes a\n"
"little and then waits for I/O. This lab runs one of each on the same\n"
"CPU for 2 seconds while tracing their context switches.\n"
"\n"
"What to notice:\n"
"- The CPU-bound process leaves the CPU in state R (it was still\n"
"  runnable): the preemptive scheduler took the CPU away (Running ->\n"
"  Ready). Its PCB shows many involuntary switches (nivcsw) and a lot of\n"
"  CPU time (sum_exec_runtime_ns).\n"
"- The I/O-bound process leaves the CPU in state S: it blocked itself\n"
"  (Running -> Blocked), and each wait ends with a 'wakeup' event\n"
"  (Blocked -> Ready). Its PCB shows many voluntary switches (nvcsw) and\n"
"  little CPU time.\n"
"- Every counter in the PCB view equals the kernel's own account in\n"
"  /proc/<pid>/status and /proc/<pid>/sched.\n",
	.explain_ko =
"CPU 중심 프로세스와 I/O 중심 프로세스 (9-13강).\n"
"CPU 중심(CPU-bound) 프로세스는 계속 계산만 하고, I/O 중심(I/O-bound)\n"
"프로세스는 잠깐 계산한 뒤 입출력을 기다립니다. 이 실습은 두 프로세스를\n"
"같은 CPU에서 2초 동안 실행하면서 문맥교환(context switching)을\n"
"추적합니다.\n"
"\n"
"눈여겨볼 점:\n"
"- CPU 중심 프로세스는 상태 R(여전히 실행 가능)로 CPU를 떠납니다.\n"
"  선점형 스케줄러가 CPU를 빼앗은 것입니다 (Running -> Ready).\n"
"  PCB에는 비자발적 문맥교환(nivcsw)과 많은 CPU 시간\n"
"  (sum_exec_runtime_ns)이 보입니다.\n"
"- I/O 중심 프로세스는 상태 S로 CPU를 떠납니다. 스스로 블록된 것이며\n"
"  (Running -> Blocked), 기다림이 끝날 때마다 'wakeup' 이벤트가\n"
"  보입니다 (Blocked -> Ready). PCB에는 자발적 문맥교환(nvcsw)이 많고\n"
"  CPU 시간은 적습니다.\n"
"- PCB 뷰의 모든 값은 커널 자신의 기록 /proc/<pid>/status,\n"
"  /proc/<pid>/sched 와 같습니다.\n",
};

struct worker {
	const char *name;
	pid_t pid;
	/* from the trace */
	int out_ready, out_blocked, wakeups;
	/* from the PCB view and the oracle */
	long long nvcsw, nivcsw, vol, invol, sum_ns, sched_sum_ns;
	long long cpu_ns, stat_ticks;
	char state_name[64];
};

static void io_bound(void)
{
	long long end = osedu_now_ns() + RUN_MS * 1000000LL;

	while (osedu_now_ns() < end) {
		osedu_spin_wall_us(IO_WORK_US);
		usleep(IO_WAIT_US);
	}
}

static pid_t spawn(const char *name, bool cpu, const int go[2], int done,
		   const int quit[2])
{
	pid_t pid = fork();

	if (pid < 0)
		lab_die("fork: %s", strerror(errno));
	if (pid)
		return pid;
	/* A stuck child must never outlive the lab for long. */
	alarm(60);
	prctl(PR_SET_NAME, name);
	/* Only the lab holds the write ends: if it dies, these see EOF. */
	close(quit[1]);
	close(go[1]);
	if (osedu_pin(osedu_worker_cpu()))
		_exit(2);
	osedu_read_byte(go[0]);
	if (cpu)
		osedu_spin_wall_us(RUN_MS * 1000L);
	else
		io_bound();
	osedu_write_byte(done);
	/* Stay, blocked, so the lab can read a PCB that no longer moves. */
	osedu_read_byte(quit[0]);
	_exit(0);
}

static void count_trace(const struct sl_trace *t, struct worker *w)
{
	const struct osedu_ev *e;
	int i;

	for (i = 0; i < t->n; i++) {
		e = &t->ev[i];
		if (e->type == OSEDU_EV_SWITCH && e->tid == w->pid) {
			if (e->state[0] == 'R')
				w->out_ready++;
			else if (e->state[0] == 'S' || e->state[0] == 'D')
				w->out_blocked++;
		}
		if (e->type == OSEDU_EV_WAKEUP && e->tid == w->pid)
			w->wakeups++;
	}
}

static void read_pcb(struct worker *w)
{
	char *pcb = sl_pcb(w->pid);

	osedu_kv(pcb, "state_name", w->state_name, sizeof(w->state_name));
	w->nvcsw = osedu_kv_num(pcb, "nvcsw", -1);
	w->nivcsw = osedu_kv_num(pcb, "nivcsw", -1);
	w->sum_ns = osedu_kv_num(pcb, "sum_exec_runtime_ns", -1);
	w->cpu_ns = osedu_kv_num(pcb, "utime_ns", 0) + osedu_kv_num(pcb, "stime_ns", 0);
	free(pcb);
	w->vol = sl_status(w->pid, "voluntary_ctxt_switches");
	w->invol = sl_status(w->pid, "nonvoluntary_ctxt_switches");
	w->sched_sum_ns = sl_procsched(w->pid, "se.sum_exec_runtime");
	w->stat_ticks = sl_stat(w->pid, w->pid, 14) +
			sl_stat(w->pid, w->pid, 15);
}

/* A few lines of the trace around the workers, so the format is seen. */
static void show_sample(const struct sl_trace *t, const struct worker *w)
{
	long long t0 = t->n ? t->ev[0].ts : 0;
	int i, shown = 0;

	printf("  trace sample (the I/O-bound process's first cycles):\n");
	for (i = 0; i < t->n && shown < 9; i++) {
		const struct osedu_ev *e = &t->ev[i];

		if ((e->type == OSEDU_EV_SWITCH &&
		     (e->tid == w[1].pid || e->tid2 == w[1].pid)) ||
		    (e->type == OSEDU_EV_WAKEUP && e->tid == w[1].pid)) {
			sl_print_ev(e, t0);
			shown++;
		}
	}
}

int main(int argc, char **argv)
{
	struct worker w[2] = { { .name = "cpu-bound" }, { .name = "io-bound" } };
	int go[2], done[2], quit[2], got = 0, i;
	struct sl_trace t = { 0 };
	struct pollfd pfd;
	char c;

	lab_start(&lab, argc, argv);
	if (pipe(go) || pipe(done) || pipe(quit))
		lab_die("pipe: %s", strerror(errno));
	if (osedu_worker_cpu())
		osedu_pin(0);
	for (i = 0; i < 2; i++)
		w[i].pid = spawn(w[i].name, i == 0, go, done[1], quit);
	close(quit[0]);
	for (i = 0; i < 2; i++)
		sl_wait_blocked(w[i].pid);
	printf("cpu-bound pid %d and io-bound pid %d, both on CPU %d, for %d ms\n",
	       w[0].pid, w[1].pid, osedu_worker_cpu(), RUN_MS);

	sl_trace_start("");
	if (write(go[1], "gg", 2) != 2)
		lab_die("write: %s", strerror(errno));
	pfd = (struct pollfd){ .fd = done[0], .events = POLLIN };
	while (got < 2) {
		sl_trace_drain(&t);
		if (poll(&pfd, 1, 20) > 0 && read(done[0], &c, 1) == 1)
			got++;
	}
	sl_trace_finish(&t);
	for (i = 0; i < 2; i++) {
		sl_wait_blocked(w[i].pid);
		count_trace(&t, &w[i]);
		read_pcb(&w[i]);
	}

	show_sample(&t, w);
	printf("\n  %-44s %12s %12s\n", "", w[0].name, w[1].name);
	printf("  %-44s %12d %12d\n", "trace: left the CPU in R (Running->Ready)",
	       w[0].out_ready, w[1].out_ready);
	printf("  %-44s %12d %12d\n", "trace: left the CPU in S (Running->Blocked)",
	       w[0].out_blocked, w[1].out_blocked);
	printf("  %-44s %12d %12d\n", "trace: wakeup (Blocked->Ready)",
	       w[0].wakeups, w[1].wakeups);
	printf("  %-44s %12lld %12lld\n", "PCB nivcsw (involuntary)",
	       w[0].nivcsw, w[1].nivcsw);
	printf("  %-44s %12lld %12lld\n", "  /proc/<pid>/status nonvoluntary_ctxt",
	       w[0].invol, w[1].invol);
	printf("  %-44s %12lld %12lld\n", "PCB nvcsw (voluntary)",
	       w[0].nvcsw, w[1].nvcsw);
	printf("  %-44s %12lld %12lld\n", "  /proc/<pid>/status voluntary_ctxt",
	       w[0].vol, w[1].vol);
	printf("  %-44s %12lld %12lld\n", "PCB sum_exec_runtime_ns",
	       w[0].sum_ns, w[1].sum_ns);
	printf("  %-44s %12lld %12lld\n", "  /proc/<pid>/sched se.sum_exec_runtime",
	       w[0].sched_sum_ns, w[1].sched_sum_ns);
	printf("  %-44s %12lld %12lld\n", "PCB utime_ns+stime_ns (ms)",
	       w[0].cpu_ns / 1000000, w[1].cpu_ns / 1000000);
	printf("  %-44s %12lld %12lld\n", "  /proc/<pid>/stat utime+stime (ms)",
	       sl_ticks_ns(w[0].stat_ticks) / 1000000,
	       sl_ticks_ns(w[1].stat_ticks) / 1000000);
	printf("  events lost to full buffers: %lld\n\n", t.lost);

	/*
	 * The margins are wide on purpose: under emulation and with other
	 * load the counts vary a lot, the proportions do not.
	 */
	lab_check(w[0].out_ready >= 10 && w[0].out_ready >= 4 * w[0].out_blocked,
		  "the CPU-bound process was mostly preempted: %d times R, %d times S",
		  w[0].out_ready, w[0].out_blocked);
	lab_check(w[1].out_blocked >= 10 && w[1].out_blocked >= 4 * w[1].out_ready,
		  "the I/O-bound process mostly blocked: %d times S, %d times R",
		  w[1].out_blocked, w[1].out_ready);
	lab_check(2 * w[1].wakeups >= w[1].out_blocked,
		  "its waits ended with wakeups: %d wakeups for %d blocks",
		  w[1].wakeups, w[1].out_blocked);
	lab_check(w[0].nivcsw > w[0].nvcsw && w[1].nvcsw > w[1].nivcsw,
		  "PCB: CPU-bound nivcsw %lld > nvcsw %lld; I/O-bound nvcsw %lld > nivcsw %lld",
		  w[0].nivcsw, w[0].nvcsw, w[1].nvcsw, w[1].nivcsw);
	for (i = 0; i < 2; i++)
		lab_check(w[i].nvcsw == w[i].vol && w[i].nivcsw == w[i].invol,
			  "%s: PCB switch counts equal /proc/%d/status (%lld/%lld vs %lld/%lld)",
			  w[i].name, w[i].pid, w[i].nvcsw, w[i].nivcsw,
			  w[i].vol, w[i].invol);
	for (i = 0; i < 2; i++)
		lab_check(llabs(w[i].sum_ns - w[i].sched_sum_ns) <= 1000,
			  "%s: PCB sum_exec_runtime_ns equals /proc/%d/sched",
			  w[i].name, w[i].pid);
	lab_check(w[0].sum_ns >= 2 * w[1].sum_ns,
		  "the CPU-bound process used far more CPU: %lld ms vs %lld ms",
		  w[0].sum_ns / 1000000, w[1].sum_ns / 1000000);
	for (i = 0; i < 2; i++)
		lab_check(llabs(w[i].cpu_ns - sl_ticks_ns(w[i].stat_ticks)) <=
			  2 * sl_ticks_ns(1),
			  "%s: PCB utime+stime matches /proc/%d/stat within two ticks",
			  w[i].name, w[i].pid);
	lab_check(!strcmp(w[1].state_name, "Blocked(interruptible)"),
		  "a waiting process is '%s' in its PCB", w[1].state_name);

	close(quit[1]);
	for (i = 0; i < 2; i++)
		if (osedu_reap(w[i].pid))
			lab_check(false, "%s exited badly", w[i].name);
	sl_trace_free(&t);
	return lab_finish("CPU-bound: preempted (R, nivcsw); I/O-bound: blocked (S, nvcsw)");
}
