// SPDX-License-Identifier: GPL-2.0
/*
 * Lab divide-error: an exception is an interrupt the CPU raises itself.
 * Dividing by zero makes the CPU raise #DE (vector 0) in user mode; the
 * IDT gate for vector 0 enters the kernel's divide-error handler in ring
 * 0, and the kernel turns the fault into SIGFPE with si_code FPE_INTDIV
 * and si_addr at the faulting instruction. The same vector raised by
 * software ("int $0" from user mode) is refused because the gate's DPL is
 * 0: the CPU raises #GP instead and the program gets SIGSEGV. Oracles:
 * the address of the idiv instruction, known to the program itself, and
 * /proc/kallsyms for the gate's handler.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <osedu/lab.h>

static const struct lab lab = {
	.name = "divide-error",
	.explain_en =
"divide-error: an exception is an interrupt raised by the CPU (lectures 14, 15)\n"
"\n"
"The lectures list 'divide by zero' as an interrupt: an internal\n"
"(software) interrupt raised by the CPU itself when an instruction cannot\n"
"complete. An integer division by zero makes the CPU raise exception #DE,\n"
"vector 0 of the IDT. The gate sends the CPU to the kernel's handler in\n"
"ring 0; since the fault happened in user mode, the kernel does not\n"
"crash: it sends the program the signal SIGFPE, saying why (FPE_INTDIV)\n"
"and where (the address of the faulting instruction).\n"
"\n"
"What to notice:\n"
"  - gate 0x00 is #DE with DPL 0, and /proc/kallsyms confirms its handler;\n"
"  - the signal is SIGFPE with si_code FPE_INTDIV, and si_addr is exactly\n"
"    the address of the idiv instruction;\n"
"  - 'int $0' from user mode (a software interrupt to the same vector) is\n"
"    refused: the gate's DPL 0 is below the CPU's current ring 3, so the\n"
"    CPU raises #GP (a protection fault) and the program gets SIGSEGV.\n"
"    Vector 0x80 has DPL 3 for exactly this reason (see int80-vs-syscall).\n",
	.explain_ko =
"divide-error: 예외는 CPU 스스로 일으키는 인터럽트 (14강, 15강)\n"
"\n"
"강의의 주요 인터럽트 중 첫째가 '0 division interrupt'이다: 명령을 끝낼 수\n"
"없을 때 CPU가 스스로 일으키는 내부 인터럽트(소프트웨어 인터럽트)다. 정수를\n"
"0으로 나누면 CPU는 예외 #DE, 즉 IDT 0번을 일으킨다. 게이트는 CPU를 Ring 0의\n"
"커널 핸들러로 보낸다; 사용자 모드에서 일어난 폴트이므로 커널은 멈추지\n"
"않고 프로그램에게 시그널 SIGFPE를 보내 이유(FPE_INTDIV)와 위치(폴트를 낸\n"
"명령의 주소)를 알려준다.\n"
"\n"
"주목할 점:\n"
"  - 0x00번 게이트는 #DE이고 DPL 0이며, /proc/kallsyms가 핸들러를 확인해 준다;\n"
"  - 시그널은 SIGFPE, si_code는 FPE_INTDIV이고 si_addr는 정확히 idiv 명령의\n"
"    주소다;\n"
"  - 사용자 모드에서 'int $0'(같은 번호의 소프트웨어 인터럽트)은 거부된다:\n"
"    게이트의 DPL 0이 현재 CPU의 Ring 3보다 높은 권한이라 CPU는 일반 보호\n"
"    예외(#GP)를 일으키고 프로그램은 SIGSEGV를 받는다. 0x80번의 DPL이 3인\n"
"    이유가 바로 이것이다 (int80-vs-syscall 참고).\n",
};

static sigjmp_buf back;
static volatile sig_atomic_t got_sig, code;
static void *volatile fault_addr;
static void *volatile idiv;	/* where the idiv instruction is */

static void on_signal(int sig, siginfo_t *si, void *uctx)
{
	(void)uctx;
	got_sig = sig;
	code = si->si_code;
	fault_addr = si->si_addr;
	siglongjmp(back, 1);
}

/* Divide X by ZERO, first noting the idiv's address in idiv. */
static int divide(int x, int zero)
{
	void *addr;

	/* A real idiv the compiler cannot fold away, and its address. */
	asm volatile("lea 1f(%%rip), %1\n\t"
		     "mov %1, (%3)\n\t"
		     "cltd\n"
		     "1:\tidivl %2"
		     : "+a"(x), "=&r"(addr) : "r"(zero), "r"(&idiv)
		     : "edx", "memory");
	return x;
}

int main(int argc, char **argv)
{
	volatile int zero = argc > 1000;
	struct idt_gate g;
	struct sigaction sa;
	int q;

	lab_start(&lab, argc, argv);
	if (idt_gate(0x00, &g))
		lab_die("%s: cannot read (load osedu_idt_dump: sudo make load)",
			IDT_TABLE);
	idt_show(&g);
	lab_check(!strcmp(g.name, "#DE") && g.present && g.dpl == 0,
		  "vector 0x00 is #DE (divide error), present, DPL 0");
	idt_check_kallsyms(&g);

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	if (sigaction(SIGFPE, &sa, NULL) || sigaction(SIGSEGV, &sa, NULL))
		lab_die("sigaction: %s", strerror(errno));

	if (!sigsetjmp(back, 1)) {
		printf("dividing 42 by zero: the CPU raises #DE (vector 0x00)\n");
		fflush(stdout);
		q = divide(42, zero);
		printf("not reached: %d\n", q);
	}
	printf("signal %d (%s) delivered: si_code=%d (%s), si_addr=%p\n",
	       (int)got_sig, got_sig == SIGFPE ? "SIGFPE" : "?", (int)code,
	       code == FPE_INTDIV ? "FPE_INTDIV: integer divide by zero" :
				    "not FPE_INTDIV", fault_addr);
	printf("the idiv instruction is at %p\n", idiv);
	lab_check(got_sig == SIGFPE && code == FPE_INTDIV,
		  "the kernel turned #DE into SIGFPE/FPE_INTDIV");
	lab_check(fault_addr && fault_addr == idiv,
		  "si_addr is the address of the idiv instruction");

	got_sig = 0;
	if (!sigsetjmp(back, 1)) {
		printf("\nnow 'int $0' from user mode: software asks for vector "
		       "0x00\n");
		fflush(stdout);
		asm volatile("int $0" ::: "memory");
		printf("not reached\n");
	}
	printf("signal %d (%s) delivered, si_code=%d\n", (int)got_sig,
	       got_sig == SIGSEGV ? "SIGSEGV" :
	       got_sig == SIGFPE ? "SIGFPE" : "?", (int)code);
	lab_check(got_sig == SIGSEGV,
		  "refused with SIGSEGV (#GP): the gate's DPL 0 < ring 3");
	return lab_finish("a divide by zero is an interrupt the CPU raises");
}
