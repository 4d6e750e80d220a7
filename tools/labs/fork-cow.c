// SPDX-License-Identifier: GPL-2.0
/*
 * Lab fork-cow: fork() does not copy memory, it shares it. After fork the
 * parent and the child map the same frames, read-only in both, and only
 * the first write by one of them copies the page it writes (copy-on-write).
 * Evidence: /proc/osedu/pagewalk/query for both processes, page by page;
 * oracle: /proc/<pid>/pagemap (frame numbers and the "exclusively mapped"
 * bit). Run as root: frame numbers are root-only.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <osedu/lab.h>

#define PAGES	4

static const struct lab lab = {
	.name = "fork-cow",
	.explain_en =
"fork-cow: copy-on-write after fork() (lectures 23-25 and 35)\n"
"\n"
"fork() makes a child that is a copy of the parent: same code, same data,\n"
"the same virtual addresses. Copying every page would make fork slow, so\n"
"Linux copies only the page tables: parent and child map the SAME physical\n"
"frames, and both entries are made read-only. The first write to such a\n"
"page faults (a page fault is an interrupt too); the kernel then gives the\n"
"writer a private copy in a new frame and makes it writable. Pages nobody\n"
"writes are never copied: this is the shared-memory side of paging from\n"
"lecture 35, used to save memory and process-creation time.\n"
"\n"
"What to notice:\n"
"  - right after fork, the parent's and the child's page tables give the\n"
"    same pfn (frame) for every page, without the rw bit, flagged cow;\n"
"    pagemap agrees, and marks the frames as not exclusively mapped;\n"
"  - after the child writes page 0, the child's page 0 has a NEW frame,\n"
"    writable; the parent's page 0 keeps its old frame;\n"
"  - the pages the child did not write are still shared.\n",
	.explain_ko =
"fork-cow: fork() 이후의 Copy-on-Write (23-25강, 35강)\n"
"\n"
"fork() 시스템 콜은 프로세스 자신을 복사해 자식 프로세스를 만든다: 같은\n"
"코드, 같은 데이터, 같은 가상 주소. 모든 페이지를 복사하면 fork가 느려지므로\n"
"리눅스는 페이지 테이블만 복사한다: 부모와 자식 프로세스는 같은 물리 메모리\n"
"프레임을 가리키고, 두 페이지 테이블 항목 모두 읽기 전용이 된다. 그 페이지에\n"
"처음 쓰기를 하면 페이지 폴트(인터럽트의 한 종류)가 발생하고, 커널은 쓰는\n"
"쪽에 새 프레임으로 복사본을 만들어 쓰기 가능하게 한다. 아무도 쓰지 않는\n"
"페이지는 복사되지 않는다: 35강의 \"페이징 시스템과 공유메모리: 프로세스간\n"
"동일한 물리주소를 가리킬 수 있음 -> 공간 절약, 프로세스 생성시간 절약\".\n"
"\n"
"주목할 점:\n"
"  - fork 직후 부모와 자식의 페이지 테이블은 모든 페이지에 같은 pfn(프레임)을\n"
"    주고, rw 비트가 없으며 cow로 표시된다; pagemap도 같은 프레임이고\n"
"    '한 프로세스만 매핑(exclusive)'이 아니라고 한다;\n"
"  - 자식이 0번 페이지에 쓰면 자식의 0번 페이지는 새 프레임(쓰기 가능)이\n"
"    되고, 부모의 0번 페이지는 원래 프레임 그대로다;\n"
"  - 자식이 쓰지 않은 페이지는 계속 공유된다.\n",
};

static void show(const char *who, const struct pw_page *p, int n)
{
	int i;

	for (i = 0; i < n; i++)
		printf("    %-6s page %d va 0x%llx pfn 0x%llx %s [%s]\n", who, i,
		       p[i].va, p[i].pfn, p[i].state, p[i].flags);
}

/* One byte each way over the pipes: the child's side of the lab. */
static void child(char *mem, int cmd, int ack)
{
	char c = 'r';

	if (write(ack, &c, 1) != 1)
		_exit(1);
	while (read(cmd, &c, 1) == 1) {
		if (c == 'w')
			mem[0] = 'C';	/* the copy-on-write fault */
		else
			break;
		if (write(ack, &c, 1) != 1)
			break;
	}
	_exit(0);
}

static bool tell(int cmd, int ack, char c)
{
	char r;

	return write(cmd, &c, 1) == 1 && read(ack, &r, 1) == 1;
}

static void check_pagemap(const char *who, pid_t pid, const struct pw_page *p,
			  bool exclusive)
{
	struct pm_page pm;

	if (!pw_check_pagemap(who, pid, p, &pm))
		return;
	lab_check(pm.exclusive == exclusive,
		  "%s page 0x%llx: pagemap says %s", who, p->va,
		  pm.exclusive ? "exclusively mapped" :
				 "not exclusively mapped (shared)");
}

int main(int argc, char **argv)
{
	struct pw_page par[PAGES], chi[PAGES], before[PAGES];
	int cmd[2], ack[2], i, status;
	bool same = true, ro = true;
	pid_t me = getpid(), kid;
	char *mem, c;

	lab_start(&lab, argc, argv);
	pw_need_root();
	mem = mmap(NULL, PAGES * PW_PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		lab_die("mmap: %s", strerror(errno));
	for (i = 0; i < PAGES; i++)
		mem[i * PW_PAGE] = 'P';	/* each page gets its own frame */
	if (pw_range(me, (unsigned long)mem, PAGES, before))
		lab_die("%s: %s", PW_QUERY, strerror(errno));
	printf("parent %d wrote %d pages of a private anonymous mapping:\n",
	       (int)me, PAGES);
	show("parent", before, PAGES);
	lab_check(pw_has(&before[0], "rw") && !pw_has(&before[0], "cow"),
		  "before fork: the parent's page 0 is writable, not cow");

	if (pipe(cmd) || pipe(ack))
		lab_die("pipe: %s", strerror(errno));
	fflush(stdout);
	kid = fork();
	if (kid < 0)
		lab_die("fork: %s", strerror(errno));
	if (kid == 0) {
		/* Our copy of the write end would keep the pipe from EOF. */
		close(cmd[1]);
		close(ack[0]);
		child(mem, cmd[0], ack[1]);
	}
	close(cmd[0]);
	close(ack[1]);
	if (read(ack[0], &c, 1) != 1)
		lab_die("the child died");

	printf("\nafter fork(), child %d:\n", (int)kid);
	if (pw_range(me, (unsigned long)mem, PAGES, par) ||
	    pw_range(kid, (unsigned long)mem, PAGES, chi))
		lab_die("%s: %s", PW_QUERY, strerror(errno));
	show("parent", par, PAGES);
	show("child", chi, PAGES);
	for (i = 0; i < PAGES; i++) {
		same &= par[i].pfn == chi[i].pfn && par[i].pfn == before[i].pfn;
		ro &= !pw_has(&par[i], "rw") && !pw_has(&chi[i], "rw") &&
		      pw_has(&par[i], "cow") && pw_has(&chi[i], "cow");
	}
	lab_check(par[0].pfn && same,
		  "parent and child map the same frames as before fork");
	lab_check(ro, "every shared page is read-only (no rw) and cow in both");
	check_pagemap("parent", me, &par[0], false);
	check_pagemap("child", kid, &chi[0], false);

	if (!tell(cmd[1], ack[0], 'w'))
		lab_die("the child died");
	printf("\nthe child wrote to page 0:\n");
	if (pw_range(me, (unsigned long)mem, PAGES, par) ||
	    pw_range(kid, (unsigned long)mem, PAGES, chi))
		lab_die("%s: %s", PW_QUERY, strerror(errno));
	show("parent", par, PAGES);
	show("child", chi, PAGES);
	lab_check(chi[0].pfn && chi[0].pfn != before[0].pfn,
		  "child's page 0 moved to a new frame (0x%llx -> 0x%llx)",
		  before[0].pfn, chi[0].pfn);
	lab_check(pw_has(&chi[0], "rw") && !pw_has(&chi[0], "cow"),
		  "child's new page 0 is writable and no longer cow");
	lab_check(par[0].pfn == before[0].pfn,
		  "parent's page 0 kept its frame 0x%llx", par[0].pfn);
	lab_check(par[1].pfn == chi[1].pfn && par[1].pfn == before[1].pfn,
		  "page 1, which nobody wrote, is still shared (0x%llx)",
		  par[1].pfn);
	check_pagemap("child", kid, &chi[0], true);
	lab_check(mem[0] == 'P', "the parent still reads its own 'P' at page 0");

	close(cmd[1]);
	if (waitpid(kid, &status, 0) != kid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		lab_check(false, "the child exited cleanly");
	return lab_finish("the child's write copied one page; the rest stayed shared");
}
