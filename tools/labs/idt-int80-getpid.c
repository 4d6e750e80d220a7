// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: two doors into the kernel. Calls getpid() N times through the
 * legacy "int $0x80" gate (IDT vector 0x80, i386 system call 20) and N
 * times through the 64-bit "syscall" instruction (MSR_LSTAR, system call
 * 39), while /proc/osedu/idt counts this process's system calls by entry
 * path. Run as root: counting is root-only.
 *
 *   idt-int80-getpid [N]
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define CONTROL "/proc/osedu/idt/control"
#define SYSCALLS "/proc/osedu/idt/syscalls"

static int control(const char *cmd)
{
	int fd = open(CONTROL, O_WRONLY | O_CLOEXEC);
	int ret = 0;

	if (fd < 0 || write(fd, cmd, strlen(cmd)) < 0)
		ret = -errno;
	if (fd >= 0)
		close(fd);
	return ret;
}

/* With IA32 emulation off (ia32_emulation=0) int $0x80 raises SIGSEGV. */
static void on_segv(int sig)
{
	static const char msg[] =
		"int $0x80 was refused with SIGSEGV: IA32 emulation is off\n"
		"(see ia32_emulation in /proc/osedu/idt/syscall)\n";

	(void)sig;
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	_exit(3);
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

static void show_counts(void)
{
	char line[256];
	FILE *f = fopen(SYSCALLS, "r");

	if (!f) {
		perror(SYSCALLS);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		/* The per-path totals, and getpid by either number. */
		if (strchr(line, ':') || !strncmp(line, "int80 20 ", 9) ||
		    !strncmp(line, "syscall64 39 ", 13))
			fputs(line, stdout);
	}
	fclose(f);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 0) : 1000;
	pid_t me = getpid();
	char cmd[64];
	long i;
	int ret;

	if (n <= 0 || n > 100000000) {
		fprintf(stderr, "usage: %s [N, 1..100000000]\n", argv[0]);
		return 2;
	}
	signal(SIGSEGV, on_segv);
	control("stop");
	printf("pid %d: getpid() via int $0x80 -> %ld, via syscall -> %ld\n",
	       getpid(), int80_getpid(), syscall_getpid());

	control("clear");
	snprintf(cmd, sizeof(cmd), "start pid=%d", getpid());
	ret = control(cmd);
	if (ret) {
		fprintf(stderr, "%s: %s (load osedu_idt_dump, run as root)\n",
			CONTROL, strerror(-ret));
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (int80_getpid() != me || syscall_getpid() != me) {
			fprintf(stderr, "getpid disagrees\n");
			break;
		}
	}
	printf("made %ld getpid calls through int $0x80 (i386 number 20) and\n"
	       "%ld through syscall (64-bit number 39); counts while counting:\n",
	       n, n);
	show_counts();
	control("stop");
	return 0;
}
