// SPDX-License-Identifier: GPL-2.0
/*
 * Lab svc-syscall (arm64): every system call is an SVC from EL0. A child
 * makes N getpid() calls while /proc/osedu/vectors/svc counts its system
 * calls; the lab shows the vector-table entry every SVC from 64-bit user
 * code goes through (VBAR_EL1 + 0x400, "lower EL, AArch64, synchronous")
 * and its handler. Oracles: the number of calls the child made, getpid()
 * itself, /proc/kallsyms. Run as root: counting is root-only.
 *
 *   svc-syscall [N]
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <osedu/lab.h>

#define TABLE		"/proc/osedu/vectors/table"
#define CONTROL		"/proc/osedu/vectors/control"
#define SVC		"/proc/osedu/vectors/svc"
#define MODULE		"osedu_vectors_arm64"

static const struct lab lab = {
	.name = "svc-syscall",
	.explain_en =
"svc-syscall: the door into the kernel on arm64 (lectures 3, 5, 15)\n"
"\n"
"A system call switches the CPU from user mode to kernel mode. On arm64\n"
"these are exception levels: programs run at EL0, the kernel at EL1. A\n"
"program asks for a system call with the SVC (supervisor call)\n"
"instruction, the number of the call in register x8. SVC is an\n"
"exception: the CPU saves where it was (ELR_EL1, SPSR_EL1), switches to\n"
"EL1 and jumps into the exception vector table whose address is in the\n"
"VBAR_EL1 register, at offset 0x400: 'synchronous exception from a lower\n"
"EL running AArch64'. x86 has one table too, the IDT, but its system\n"
"calls use their own instruction; on arm64 the table is the only door.\n"
"\n"
"What to notice:\n"
"  - the entry at 0x400 branches to el0t_64_sync, and /proc/kallsyms\n"
"    confirms the address (as root);\n"
"  - /proc/osedu/vectors/svc counted exactly N calls 'aarch64 172' (getpid\n"
"    is 172 in arm64's table, 39 in x86-64's) for the child;\n"
"  - the time per call (under emulation only its order of magnitude\n"
"    means anything).\n",
	.explain_ko =
"svc-syscall: arm64에서 커널로 들어가는 문 (3강, 5강, 15강)\n"
"\n"
"시스템 콜은 CPU를 사용자 모드에서 커널 모드로 바꾼다. arm64에서는 이를\n"
"예외 수준(Exception Level)이라 부른다: 프로그램은 EL0, 커널은 EL1에서\n"
"실행된다. 프로그램은 SVC(supervisor call) 명령으로 시스템 콜을 요청하고,\n"
"콜 번호는 x8 레지스터에 넣는다. SVC는 예외이다: CPU는 돌아올 곳을\n"
"(ELR_EL1, SPSR_EL1) 저장하고 EL1로 바꾼 뒤, VBAR_EL1 레지스터가 가리키는\n"
"예외 벡터 테이블의 0x400 위치('하위 EL, AArch64, 동기 예외')로 점프한다.\n"
"x86에도 IDT라는 테이블이 있지만 시스템 콜은 별도 명령을 쓴다. arm64에서는\n"
"이 테이블이 유일한 문이다.\n"
"\n"
"주목할 점:\n"
"  - 0x400 항목은 el0t_64_sync로 분기하고, /proc/kallsyms가 그 주소를\n"
"    확인한다(root일 때);\n"
"  - /proc/osedu/vectors/svc는 자식 프로세스의 'aarch64 172' 호출을 정확히\n"
"    N번 셌다(getpid는 arm64 표에서 172번, x86-64 표에서 39번);\n"
"  - 호출 한 번의 시간(에뮬레이션에서는 자릿수만 의미가 있다).\n",
};

/* The count on the "ABI NR count" row of the svc file, or 0. */
static long long svc_row(const char *text, const char *abi, long nr)
{
	char want[64];
	const char *p;

	snprintf(want, sizeof(want), "\n%s %ld ", abi, nr);
	p = strstr(text, want);
	return p ? atoll(p + strlen(want)) : 0;
}

/* Print the table's SVC entry; true when its handler is el0t_64_sync. */
static bool show_svc_entry(void)
{
	char *t = lab_must_read(TABLE);
	char handler[128] = "";
	unsigned long long addr = 0;
	const char *p = strstr(t, "\n0x400 ");
	bool ok;

	if (!p || sscanf(p, "\n0x400 lower_el_aarch64 sync %127s %llx",
			 handler, &addr) != 2)
		lab_die("%s: no entry at 0x400", TABLE);
	printf("vector table entry 0x400 (lower EL, AArch64, sync) -> %s",
	       handler);
	if (addr)
		printf(" at 0x%llx", addr);
	printf("\n");
	ok = !strcmp(handler, "el0t_64_sync");
	if (addr)
		lab_check(osedu_kallsyms_has(addr, handler),
			  "kallsyms puts %s at 0x%llx too", handler, addr);
	free(t);
	return ok;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	int a = lab_start(&lab, argc, argv), go[2], ret, status;
	long n = 100000, i, counted;
	char cmd[64], c, *text;
	double t0, t1;
	pid_t pid;

	if (a < argc) {
		n = strtol(argv[a], NULL, 10);
		if (n < 1 || n > 100000000)
			lab_die("usage: %s [N, 1..100000000]", argv[0]);
	}
	lab_need(TABLE, MODULE);
	lab_check(show_svc_entry(),
		  "every SVC from 64-bit user code enters at el0t_64_sync");
	lab_check(syscall(SYS_getpid) == getpid(),
		  "getpid() through SVC returns this process's pid");

	if (pipe(go))
		lab_die("pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		lab_die("fork: %s", strerror(errno));
	if (pid == 0) {
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(2);
		t0 = now_s();
		for (i = 0; i < n; i++)
			syscall(SYS_getpid);
		t1 = now_s();
		/* Nothing more that enters the kernel is counted as getpid. */
		printf("child: %ld getpid() calls, %.0f ns each\n", n,
		       (t1 - t0) * 1e9 / n);
		_exit(0);
	}
	close(go[0]);
	osedu_write_file(CONTROL, "stop");
	osedu_write_file(CONTROL, "clear");
	snprintf(cmd, sizeof(cmd), "start pid=%d", pid);
	ret = osedu_write_file(CONTROL, cmd);
	if (ret) {
		kill(pid, 9);
		lab_die("%s: %s (load %s, run as root)", CONTROL,
			strerror(-ret), MODULE);
	}
	if (write(go[1], "g", 1) != 1)
		lab_die("pipe: %s", strerror(errno));
	close(go[1]);
	waitpid(pid, &status, 0);
	osedu_write_file(CONTROL, "stop");
	text = lab_must_read(SVC);
	counted = svc_row(text, "aarch64", SYS_getpid);
	printf("%s counted for pid %d: aarch64 %d (getpid): %ld\n", SVC, pid,
	       SYS_getpid, counted);
	lab_check(WIFEXITED(status) && !WEXITSTATUS(status),
		  "the child made its calls");
	lab_check(counted == n, "SVCs counted for getpid: %ld of %ld made",
		  counted, n);
	lab_check(osedu_kv_ll(text, "aarch32") == 0,
		  "none came from 32-bit code");
	free(text);
	return lab_finish("every system call entered through the vector table");
}
