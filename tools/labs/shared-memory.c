// SPDX-License-Identifier: GPL-2.0
/*
 * Lab shared-memory: two processes map the same POSIX shared memory
 * object, each with its own mmap(), and their page tables point at the
 * same physical frames, so a write by one is a read by the other with no
 * system call in between. Evidence: /proc/osedu/pagewalk/query for both
 * processes; oracle: /proc/<pid>/pagemap and the data itself. Run as root.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <osedu/lab.h>

#define PAGES	2

static const struct lab lab = {
	.name = "shared-memory",
	.explain_en =
"shared-memory: two processes, one frame (lectures 25 and 35)\n"
"\n"
"Processes cannot see each other's memory: each has its own virtual\n"
"address space and page table, so communication needs an IPC technique.\n"
"Shared memory is the fastest one: the kernel makes the page tables of\n"
"both processes point at the same physical frames (lecture 35: processes\n"
"may point at the same physical address). After the setup no system call\n"
"is needed: a store by one process is immediately visible to the other.\n"
"Here the parent creates a POSIX shared memory object (shm_open) and maps\n"
"it; the child opens it by name and maps it with its own mmap().\n"
"\n"
"What to notice:\n"
"  - the two virtual addresses may differ, but pagewalk gives both the\n"
"    same pfn; both entries are writable (rw) and not cow, because the\n"
"    mapping is MAP_SHARED;\n"
"  - pagemap of both processes gives the same frame too;\n"
"  - the child reads the parent's message and writes a reply that the\n"
"    parent reads, and the frames do not change.\n",
	.explain_ko =
"shared-memory: 두 프로세스, 하나의 프레임 (25강, 35강)\n"
"\n"
"프로세스는 서로의 메모리에 접근할 수 없다: 프로세스마다 자기 가상 메모리와\n"
"페이지 테이블이 있으므로 통신에는 IPC 기법이 필요하다. 공유 메모리 기법은\n"
"가장 빠른 IPC이다: 커널이 두 프로세스의 페이지 테이블이 같은 물리 프레임을\n"
"가리키게 한다 (35강: 프로세스간 동일한 물리주소를 가리킬 수 있음). 설정이\n"
"끝나면 시스템 콜 없이 한 프로세스의 쓰기를 다른 프로세스가 바로 읽는다.\n"
"여기서는 부모가 POSIX 공유 메모리 객체(shm_open)를 만들어 매핑하고, 자식은\n"
"이름으로 열어 자기 mmap()으로 매핑한다.\n"
"\n"
"주목할 점:\n"
"  - 두 가상 주소는 달라도 되지만 pagewalk는 둘 다 같은 pfn을 준다; 매핑이\n"
"    MAP_SHARED이므로 두 항목 모두 쓰기 가능(rw)하고 cow가 아니다;\n"
"  - 두 프로세스의 pagemap도 같은 프레임을 준다;\n"
"  - 자식은 부모의 메시지를 읽고 답을 쓰며, 부모가 그 답을 읽는다. 프레임은\n"
"    바뀌지 않는다.\n",
};

static const char hello[] = "hello from the parent";
static const char reply[] = "hello back from the child";

static char *map(const char *name, int oflag)
{
	int fd = shm_open(name, oflag, 0600);
	char *m;

	if (fd < 0)
		return NULL;
	if ((oflag & O_CREAT) && ftruncate(fd, PAGES * PW_PAGE)) {
		close(fd);
		return NULL;
	}
	m = mmap(NULL, PAGES * PW_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED,
		 fd, 0);
	close(fd);
	return m == MAP_FAILED ? NULL : m;
}

/* Map by name, send our address, then reply when told to. */
static void child(const char *name, int cmd, int ack)
{
	char *m = map(name, O_RDWR);
	unsigned long va = (unsigned long)m;
	char c;

	if (!m || write(ack, &va, sizeof(va)) != sizeof(va))
		_exit(1);
	if (read(cmd, &c, 1) != 1)
		_exit(1);
	/* Page 0 holds the parent's message; the reply goes to page 1. */
	if (strcmp(m, hello))
		_exit(2);
	memcpy(m + PW_PAGE, reply, sizeof(reply));
	if (write(ack, &c, 1) != 1)
		_exit(1);
	if (read(cmd, &c, 1) < 0)
		_exit(1);
	_exit(0);
}

static void show(const char *who, const struct pw_page *p)
{
	int i;

	for (i = 0; i < PAGES; i++)
		printf("    %-6s page %d va 0x%llx pfn 0x%llx %s [%s]\n", who, i,
		       p[i].va, p[i].pfn, p[i].state, p[i].flags);
}

int main(int argc, char **argv)
{
	struct pw_page par[PAGES], chi[PAGES];
	int cmd[2], ack[2], status, i;
	unsigned long cva = 0;
	pid_t me = getpid(), kid;
	char name[64], c = 'g';
	bool same = true, rw = true;
	char *m;

	lab_start(&lab, argc, argv);
	pw_need_root();
	snprintf(name, sizeof(name), "/osedu-lab-shm-%d", (int)me);
	m = map(name, O_RDWR | O_CREAT | O_EXCL);
	if (!m)
		lab_die("shm_open %s: %s (is /dev/shm mounted?)", name,
			strerror(errno));
	memcpy(m, hello, sizeof(hello));
	m[PW_PAGE] = '\0';	/* both pages in memory before the walk */

	if (pipe(cmd) || pipe(ack))
		lab_die("pipe: %s", strerror(errno));
	fflush(stdout);
	kid = fork();
	if (kid < 0)
		lab_die("fork: %s", strerror(errno));
	if (kid == 0) {
		/* The child gets its own mapping, not the inherited one. */
		munmap(m, PAGES * PW_PAGE);
		/* Our copy of the write end would keep the pipe from EOF. */
		close(cmd[1]);
		close(ack[0]);
		child(name, cmd[0], ack[1]);
	}
	close(cmd[0]);
	close(ack[1]);
	if (read(ack[0], &cva, sizeof(cva)) != sizeof(cva)) {
		shm_unlink(name);
		lab_die("the child could not map %s", name);
	}
	/* The child's own mmap has not touched the pages yet: do it now. */
	if (write(cmd[1], &c, 1) != 1 || read(ack[0], &c, 1) != 1) {
		shm_unlink(name);
		lab_die("the child died");
	}
	shm_unlink(name);

	printf("parent %d mapped %s at 0x%lx, child %d at 0x%lx\n", (int)me,
	       name, (unsigned long)m, (int)kid, cva);
	if (pw_range(me, (unsigned long)m, PAGES, par) ||
	    pw_range(kid, cva, PAGES, chi))
		lab_die("%s: %s", PW_QUERY, strerror(errno));
	show("parent", par);
	show("child", chi);
	for (i = 0; i < PAGES; i++) {
		same &= par[i].pfn && par[i].pfn == chi[i].pfn;
		rw &= pw_has(&par[i], "rw") && pw_has(&chi[i], "rw") &&
		      !pw_has(&par[i], "cow") && !pw_has(&chi[i], "cow");
	}
	lab_check(same, "both processes map the same frames");
	lab_check(rw, "both entries are writable and not copy-on-write: "
		  "the child's write to page 1 went to the shared frame");
	pw_check_pagemap("parent", me, &par[0], NULL);
	pw_check_pagemap("child", kid, &chi[0], NULL);
	pw_check_pagemap("child", kid, &chi[1], NULL);
	lab_check(!strcmp(m + PW_PAGE, reply),
		  "the parent reads the child's reply: \"%.40s\"", m + PW_PAGE);

	close(cmd[1]);
	if (waitpid(kid, &status, 0) != kid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		lab_check(false, "the child read the parent's message and "
			  "exited cleanly");
	return lab_finish("one frame, two processes, no copy");
}
