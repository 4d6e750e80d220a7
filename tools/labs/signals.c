// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: the PCB keeps a process's signals. A signal sent while it is
 * blocked stays pending (a bit in the pending set) while the target sleeps
 * in the kernel; once the target unblocks it, the signal is delivered on
 * the way back to user mode: the handler runs and the bit clears.
 * Oracles: /proc/<pid>/status (ShdPnd, SigBlk, SigCgt), /proc/<pid>/
 * syscall (where the target sleeps), and the handler's own report.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <osedu/lab.h>

static const struct lab lab = {
	.name = "signals",
	.explain_en =
"Signals live in the PCB (lectures 23-25).\n"
"The kernel records, per process, which signals are pending, which are\n"
"blocked, and what each one does (default, ignored, or a handler). A\n"
"signal is handled when the process returns from kernel to user mode.\n"
"\n"
"What to notice:\n"
"- The child blocks SIGUSR1 and sleeps in read(2). SIGUSR1 sent to it\n"
"  stays pending: bit 10 of sig_shared_pending (ShdPnd in\n"
"  /proc/<pid>/status) is set while it sleeps in the kernel.\n"
"- The handler's address is in the PCB (sig_caught, handler lines).\n"
"- When the child unblocks SIGUSR1 (sigprocmask, a system call), the\n"
"  signal is delivered on the way back to user mode: the handler runs,\n"
"  the pending bit clears.\n",
	.explain_ko =
"시그널은 PCB에 있습니다 (23-25강).\n"
"커널은 프로세스마다 어떤 시그널이 대기 중인지, 어떤 것이 블록되었는지,\n"
"각 시그널을 어떻게 처리할지(기본, 무시, 핸들러)를 기록합니다. 시그널은\n"
"프로세스가 커널 모드에서 사용자 모드로 돌아갈 때 처리됩니다.\n"
"\n"
"눈여겨볼 점:\n"
"- 자식은 SIGUSR1 을 블록하고 read(2) 에서 잠듭니다. 자식에게 보낸\n"
"  SIGUSR1 은 대기 상태로 남습니다: 커널 안에서 자는 동안\n"
"  sig_shared_pending 의 비트 10 (/proc/<pid>/status 의 ShdPnd)이 켜집니다.\n"
"- 핸들러 주소가 PCB에 있습니다 (sig_caught, handler 줄).\n"
"- 자식이 SIGUSR1 블록을 풀면(sigprocmask, 시스템 콜) 사용자 모드로\n"
"  돌아가는 길에 시그널이 전달됩니다: 핸들러가 실행되고 비트가 지워집니다.\n",
};

static int report_fd;

static void on_usr1(int sig)
{
	char c = 'h';

	(void)sig;
	write(report_fd, &c, 1);
}

static void child(int ctl, int report)
{
	sigset_t set;
	char c;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	report_fd = report;
	signal(SIGUSR1, on_usr1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	osedu_write_byte(report);	/* ready */
	if (read(ctl, &c, 1) != 1)	/* sleeps here, SIGUSR1 blocked */
		_exit(1);
	sigprocmask(SIG_UNBLOCK, &set, NULL);	/* delivered on return */
	if (read(ctl, &c, 1) != 1)
		_exit(1);
	_exit(0);
}

int main(int argc, char **argv)
{
	unsigned long long bit = 1ULL << (SIGUSR1 - 1), v, shd;
	int ctl[2], rep[2];
	char *view, h[64], want[64], c;
	pid_t pid;

	lab_start(&lab, argc, argv);
	lab_need(IL_WAITS, IL_MODULE);
	if (pipe(ctl) || pipe(rep))
		lab_die("pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		lab_die("fork: %s", strerror(errno));
	if (pid == 0)
		child(ctl[0], rep[1]);
	osedu_read_byte(rep[0]);
	il_wait_syscall(pid, pid, SYS_read);
	kill(pid, SIGUSR1);
	usleep(10000);

	view = il_view(pid);
	v = osedu_kv_ull(view, "sig_shared_pending");
	shd = il_status_mask(pid, "ShdPnd");
	printf("  child %d sleeps in read(2); SIGUSR1 sent\n", pid);
	printf("  sig_shared_pending 0x%016llx (ShdPnd %016llx), sig_caught 0x%016llx\n",
	       v, shd, osedu_kv_ull(view, "sig_caught"));
	lab_check((v & bit) && v == shd,
		  "SIGUSR1 is pending in the PCB while the child sleeps in the kernel");
	lab_check(osedu_kv_ull(view, "sig_caught") == il_status_mask(pid, "SigCgt") &&
		  (osedu_kv_ull(view, "sig_caught") & bit),
		  "its handler is recorded (sig_caught = SigCgt)");
	snprintf(want, sizeof(want), "%d 0x%lx", SIGUSR1, (unsigned long)on_usr1);
	osedu_kv(view, "handler", h, sizeof(h));
	lab_check(!strncmp(h, want, strlen(want)),
		  "the handler's address: %s (the lab's on_usr1 is at %p)", h,
		  (void *)on_usr1);
	free(view);

	osedu_write_byte(ctl[1]);	/* wake it: it unblocks SIGUSR1 */
	if (read(rep[0], &c, 1) != 1 || c != 'h')
		lab_die("the handler did not report");
	il_wait_syscall(pid, pid, SYS_read);
	view = il_view(pid);
	v = osedu_kv_ull(view, "sig_shared_pending");
	lab_check(!(v & bit) && !(il_status_mask(pid, "ShdPnd") & bit),
		  "unblocked, it was delivered on the return to user mode: the handler ran, the bit is clear");
	free(view);
	osedu_write_byte(ctl[1]);
	lab_check(osedu_reap(pid) == 0, "the child exited normally");
	return lab_finish("pending while blocked in the kernel; delivered on return to user mode");
}
