// SPDX-License-Identifier: GPL-2.0
/*
 * Lab int80-vs-syscall: two doors into the kernel. Calls getpid() N times
 * through the legacy "int $0x80" gate (IDT vector 0x80, i386 system call
 * 20) and N times through the 64-bit "syscall" instruction (MSR_LSTAR,
 * system call 39), while /proc/osedu/idt/syscalls counts this process's
 * system calls by entry path; shows the gate and the MSR behind each door.
 * Oracles: the lab's own call counts, getpid() itself, /proc/kallsyms.
 * Run as root: counting is root-only.
 *
 *   int80-vs-syscall [N]
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <osedu/lab.h>

#define CONTROL		"/proc/osedu/idt/control"
#define SYSCALLS	"/proc/osedu/idt/syscalls"
#define SYSCALL		"/proc/osedu/idt/syscall"

static const struct lab lab = {
	.name = "int80-vs-syscall",
	.explain_en =
"int80-vs-syscall: two doors into the kernel (lectures 3, 5, 15)\n"
"\n"
"A system call switches the CPU from user mode (ring 3) to kernel mode\n"
"(ring 0). The lectures show the classic door: the software interrupt\n"
"'int $0x80'. The CPU looks up vector 0x80 (128) in the IDT, checks that\n"
"the gate's DPL is 3 (user code may use it), switches to the kernel stack\n"
"and jumps to the handler the kernel wrote there at boot. 64-bit programs\n"
"use a faster door, the 'syscall' instruction: no IDT lookup, the CPU\n"
"jumps straight to the address in the MSR_LSTAR register. Both reach the\n"
"same kernel function; the two doors even number the calls differently\n"
"(getpid is 20 in the i386 table used by int $0x80, 39 in the 64-bit one).\n"
"\n"
"What to notice:\n"
"  - IDT gate 0x80 has DPL 3 and points at the int80 entry code, and\n"
"    /proc/kallsyms confirms the address;\n"
"  - both doors return the same pid;\n"
"  - /proc/osedu/idt/syscalls counted exactly N calls 'int80 20' and N\n"
"    calls 'syscall64 39' for this process;\n"
"  - the time per call of each door (under emulation the numbers are\n"
"    large, and only their order of magnitude means anything).\n",
	.explain_ko =
"int80-vs-syscall: 커널로 들어가는 두 개의 문 (3강, 5강, 15강)\n"
"\n"
"시스템 콜은 CPU를 사용자 모드(Ring 3)에서 커널 모드(Ring 0)로 바꾼다.\n"
"강의의 고전적인 방법은 소프트웨어 인터럽트 'int $0x80'이다: CPU는 IDT\n"
"(Interrupt Descriptor Table)에서 0x80(128)번을 찾고, 그 게이트의 DPL이\n"
"3(사용자 코드 허용)인지 확인한 뒤 커널 스택으로 바꾸고 운영체제가 부팅 때\n"
"IDT에 기록한 실행코드 주소로 점프한다. 64비트 프로그램은 더 빠른 문인\n"
"'syscall' 명령을 쓴다: IDT를 보지 않고 MSR_LSTAR 레지스터의 주소로 바로\n"
"간다. 둘 다 같은 커널 함수에 도착하지만 번호가 다르다 (getpid는 int $0x80이\n"
"쓰는 i386 표에서 20번, 64비트 표에서 39번).\n"
"\n"
"주목할 점:\n"
"  - IDT 0x80번 게이트는 DPL 3이고 int80 진입 코드를 가리키며,\n"
"    /proc/kallsyms가 그 주소를 확인해 준다;\n"
"  - 두 문 모두 같은 pid를 돌려준다;\n"
"  - /proc/osedu/idt/syscalls는 이 프로세스의 'int80 20' 호출 N번과\n"
"    'syscall64 39' 호출 N번을 정확히 센다;\n"
"  - 문마다 호출 한 번에 걸린 시간 (에뮬레이션에서는 값이 크고, 자릿수만\n"
"    의미가 있다).\n",
};

/* With IA32 emulation off (ia32_emulation=0) int $0x80 raises SIGSEGV. */
static void on_segv(int sig)
{
	static const char msg[] =
		"RESULT: FAIL int $0x80 was refused with SIGSEGV: IA32 "
		"emulation is off (ia32_emulation in /proc/osedu/idt/syscall)\n";

	(void)sig;
	if (write(STDOUT_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(1);
	_exit(1);
}

static long int80_getpid(void)
{
	long ret;

	asm volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory");
	return ret;
}

static long syscall_getpid(void)
{
	long ret;

	/* syscall clobbers rcx (return RIP) and r11 (saved RFLAGS). */
	asm volatile("syscall" : "=a"(ret) : "a"(39L) : "rcx", "r11",
		     "memory");
	return ret;
}

static double now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

/* "PATH NR COUNT" row of idt/syscalls, or -1. */
static long long row(const char *buf, const char *path, int nr)
{
	char want[48];
	const char *p;

	snprintf(want, sizeof(want), "\n%s %d ", path, nr);
	p = strstr(buf, want);
	return p ? strtoll(p + strlen(want), NULL, 10) : -1;
}

static void show_counts(const char *buf)
{
	const char *p, *e;

	/* The per-path totals, and getpid by either number. */
	for (p = buf; p && *p; p = e ? e + 1 : NULL) {
		e = strchr(p, '\n');
		if ((strchr(p, ':') && (!e || strchr(p, ':') < e)) ||
		    !strncmp(p, "int80 20 ", 9) ||
		    !strncmp(p, "syscall64 39 ", 13))
			printf("%.*s\n", e ? (int)(e - p) : (int)strlen(p), p);
	}
}

int main(int argc, char **argv)
{
	int a = lab_start(&lab, argc, argv);
	long n = a < argc ? strtol(argv[a], NULL, 0) : 1000;
	double t0, t1, t2;
	struct idt_gate g;
	char cmd[64], *sc, *buf, *p;
	pid_t me = getpid();
	long i, bad = 0;
	int ret;

	if (n <= 0 || n > 100000000)
		lab_die("usage: %s [N, 1..100000000]", argv[0]);
	signal(SIGSEGV, on_segv);

	if (idt_gate(0x80, &g))
		lab_die("%s: cannot read (load osedu_idt_dump: sudo make load)",
			IDT_TABLE);
	printf("door 1: the IDT gate of vector 0x80\n");
	idt_show(&g);
	lab_check(g.present == 1 && g.dpl == 3,
		  "gate 0x80 is present with DPL 3: user mode may 'int $0x80'");
	idt_check_kallsyms(&g);

	sc = osedu_read_all(SYSCALL, OSEDU_DOC_MAX, NULL);
	if (!sc)
		lab_die("%s: %s", SYSCALL, strerror(errno));
	printf("door 2: MSR_LSTAR, where 'syscall' jumps\n");
	p = strstr(sc, "\nlstar_handler:");
	printf("  idt/syscall: %.*s\n", p ? (int)strcspn(p + 1, "\n") : 1,
	       p ? p + 1 : "?");
	lab_check(strstr(sc, "\nlstar_handler: entry_SYSCALL_64\n") != NULL,
		  "MSR_LSTAR points at entry_SYSCALL_64");
	lab_check(strstr(sc, "\nint80_dpl: 3\n") != NULL &&
		  strstr(sc, "\nia32_emulation: on\n") != NULL,
		  "idt/syscall agrees: int80_dpl 3, ia32_emulation on");
	free(sc);

	osedu_write_file(CONTROL, "stop");
	printf("\npid %d: getpid() via int $0x80 -> %ld, via syscall -> %ld\n",
	       (int)me, int80_getpid(), syscall_getpid());
	lab_check(int80_getpid() == me && syscall_getpid() == me,
		  "both doors return getpid() = %d", (int)me);

	osedu_write_file(CONTROL, "clear");
	snprintf(cmd, sizeof(cmd), "start pid=%d", (int)me);
	ret = osedu_write_file(CONTROL, cmd);
	if (ret)
		lab_die("%s: %s (load osedu_idt_dump, run as root)", CONTROL,
			strerror(-ret));
	/* No other system call in between: the counts must be exact. */
	t0 = now_ns();
	for (i = 0; i < n; i++)
		bad += int80_getpid() != me;
	t1 = now_ns();
	for (i = 0; i < n; i++)
		bad += syscall_getpid() != me;
	t2 = now_ns();
	osedu_write_file(CONTROL, "stop");

	buf = osedu_read_all(SYSCALLS, OSEDU_DOC_MAX, NULL);
	if (!buf)
		lab_die("%s: %s", SYSCALLS, strerror(errno));
	printf("made %ld getpid calls through int $0x80 (i386 number 20) and\n"
	       "%ld through syscall (64-bit number 39); %s says:\n",
	       n, n, SYSCALLS);
	show_counts(buf);
	printf("time per call: int $0x80 %.0f ns, syscall %.0f ns\n",
	       (t1 - t0) / n, (t2 - t1) / n);
	lab_check(!bad, "every call returned our pid");
	lab_check(osedu_kv_num(buf, "int80", -1) == n,
		  "int80 path: %lld calls counted, %ld made",
		  osedu_kv_num(buf, "int80", -1), n);
	lab_check(row(buf, "int80", 20) == n,
		  "int80 getpid (i386 number 20): %lld", row(buf, "int80", 20));
	lab_check(row(buf, "syscall64", 39) == n,
		  "syscall64 getpid (64-bit number 39): %lld",
		  row(buf, "syscall64", 39));
	lab_check(osedu_kv_num(buf, "syscall64", -1) >= n,
		  "syscall64 path: %lld calls in all (getpid and the lab's own)",
		  osedu_kv_num(buf, "syscall64", -1));
	free(buf);
	return lab_finish("both doors counted exactly");
}
