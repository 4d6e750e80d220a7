// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: an exception is an interrupt the CPU raises itself. Dividing by
 * zero makes the CPU raise #DE (vector 0) in user mode; the IDT gate for
 * vector 0 enters asm_exc_divide_error in ring 0, and the kernel turns
 * the fault into SIGFPE with si_code FPE_INTDIV and si_addr pointing at
 * the faulting instruction. This program catches the signal, jumps back
 * out of the handler (returning would re-run the divide forever) and
 * prints what the kernel reported. Exit status 0 when it was FPE_INTDIV.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf back;
static volatile sig_atomic_t code;
static void *volatile fault_addr;

static void on_fpe(int sig, siginfo_t *si, void *uctx)
{
	(void)sig;
	(void)uctx;
	code = si->si_code;
	fault_addr = si->si_addr;
	siglongjmp(back, 1);
}


int main(int argc, char **argv)
{
	struct sigaction sa;
	volatile int zero = argc > 100;
	volatile int x = argc + 41;
	int q;

	(void)argv;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fpe;
	sa.sa_flags = SA_SIGINFO;
	if (sigaction(SIGFPE, &sa, NULL)) {
		perror("sigaction");
		return 1;
	}

	if (sigsetjmp(back, 1)) {
		printf("SIGFPE delivered: si_code=%d (%s)\n", (int)code,
		       code == FPE_INTDIV ? "FPE_INTDIV: integer divide by zero"
					  : "not FPE_INTDIV");
		printf("si_addr=%p: the idiv instruction that faulted\n",
		       fault_addr);
		return code == FPE_INTDIV ? 0 : 1;
	}
	printf("dividing %d by zero: the CPU raises #DE (vector 0x00)\n", x);
	fflush(stdout);
	q = x;
	/* A real idiv the compiler cannot fold away. */
	asm volatile("cltd\n\tidivl %1" : "+a"(q) : "r"((int)zero) : "edx");
	printf("not reached: %d\n", q);
	return 1;
}
