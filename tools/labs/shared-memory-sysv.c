// SPDX-License-Identifier: GPL-2.0
/*
 * Lab shared-memory-sysv: two processes attach one SysV shared-memory
 * segment (shmget, shmat) and map the same physical frames, while a
 * private page they got through fork() is only shared until one of them
 * writes it (copy-on-write). In an IPC namespace of its own. Evidence:
 * /proc/osedu/pagewalk/query, the "shm:" blocks of /proc/osedu/ipc/<pid>,
 * and who attaches the segment, joined from every ipc/<pid>. Oracles:
 * /proc/<pid>/pagemap, /proc/sysvipc/shm (nattch, rss, cpid),
 * /proc/<pid>/maps (the segment's inode is its shmid). Run as root.
 *
 *   shared-memory-sysv [--hold]   --hold: in the caller's IPC namespace,
 *                                 attach the segment in both processes,
 *                                 print "ready PARENT CHILD SHMID" and
 *                                 wait to be killed (visualize's fixtures
 *                                 and the demo's figure)
 */
#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <osedu/lab.h>

#define PAGES	2

static const struct lab lab = {
	.name = "shared-memory-sysv",
	.explain_en =
"shared-memory-sysv: one SysV segment, two processes (lectures 25, 35)\n"
"\n"
"A SysV shared-memory segment is a kernel object with an id: shmget()\n"
"creates it, shmat() maps it into a process. Every process that attaches\n"
"it maps the same physical frames (the segment is a file on the kernel's\n"
"internal tmpfs; its pages are that file's page cache), so what one\n"
"writes the other reads with no system call. Contrast fork(): a private\n"
"page is shared after fork only until one side writes it, then the\n"
"writer gets its own copy (copy-on-write).\n"
"\n"
"What to notice:\n"
"  - parent and child attach the segment at their own addresses, and\n"
"    pagewalk gives both the same frames, writable and not cow;\n"
"  - /proc/osedu/ipc/<pid> lists the attachment (shm:, its shmid and\n"
"    resident pages), as /proc/<pid>/maps and /proc/sysvipc/shm do;\n"
"  - the kernel counts attachments (nattch) but names nobody: osedu\n"
"    joins every process's ipc view to name them, and the names must\n"
"    add up to nattch;\n"
"  - the private page: after fork the same frame, read-only and cow in\n"
"    both; after the child writes it, the child has a new frame.\n",
	.explain_ko =
"shared-memory-sysv: SysV 세그먼트 하나, 프로세스 둘 (25강, 35강)\n"
"\n"
"SysV 공유 메모리 세그먼트는 id를 가진 커널 객체이다: shmget()이 만들고\n"
"shmat()이 프로세스에 매핑한다. 세그먼트를 붙인 모든 프로세스는 같은\n"
"물리 프레임을 매핑한다 (세그먼트는 커널 내부 tmpfs의 파일이고 그 페이지는\n"
"그 파일의 페이지 캐시이다). 그래서 한쪽이 쓴 것을 다른 쪽이 시스템 콜\n"
"없이 읽는다. fork()와 비교하라: private 페이지는 fork 뒤 한쪽이 쓰기\n"
"전까지만 공유되고, 쓰는 쪽은 자기 사본을 받는다 (copy-on-write).\n"
"\n"
"주목할 점:\n"
"  - 부모와 자식은 각자의 주소에 세그먼트를 붙이지만 pagewalk는 둘 다 같은\n"
"    프레임을 주며, 쓰기 가능하고 cow가 아니다;\n"
"  - /proc/osedu/ipc/<pid>에 그 부착(shm:, shmid, 메모리에 있는 페이지)이\n"
"    나오며 /proc/<pid>/maps, /proc/sysvipc/shm과 일치한다;\n"
"  - 커널은 부착 수(nattch)만 세고 누구인지는 알려 주지 않는다: osedu는\n"
"    모든 프로세스의 ipc 뷰를 모아 이름을 찾고, 그 수는 nattch와 같아야\n"
"    한다;\n"
"  - private 페이지: fork 직후에는 두 쪽 다 같은 프레임(읽기 전용, cow),\n"
"    자식이 쓰고 나면 자식은 새 프레임을 가진다.\n",
};

static const char hello[] = "hello through SysV shm";
static const char reply[] = "hello back from the child";

static bool tell(int cmd, int ack, char c)
{
	return write(cmd, &c, 1) == 1 && read(ack, &c, 1) == 1;
}

/* Attach ID, send our address, then do what we are told. */
static void child(int id, char *priv, int cmd, int ack)
{
	char *m = shmat(id, NULL, 0);
	unsigned long va = (unsigned long)m;
	char c;

	if (m == (void *)-1 || write(ack, &va, sizeof(va)) != sizeof(va))
		_exit(1);
	while (read(cmd, &c, 1) == 1) {
		if (c == 'r') {
			/* Page 0 holds the parent's message; reply in page 1. */
			if (strcmp(m, hello))
				_exit(2);
			memcpy(m + PW_PAGE, reply, sizeof(reply));
		} else if (c == 'w') {
			priv[0] = 'C';
		} else if (c == 'd') {
			shmdt(m);
		}
		if (write(ack, &c, 1) != 1)
			_exit(1);
	}
	_exit(0);
}

static void show(const char *who, const char *what, const struct pw_page *p,
		 int n)
{
	for (int i = 0; i < n; i++)
		printf("    %-6s %s page %d va 0x%llx pfn 0x%llx %s [%s]\n",
		       who, what, i, p[i].va, p[i].pfn, p[i].state,
		       p[i].flags);
}

/* Our row of /proc/sysvipc/shm, or lab_die. */
static struct osedu_sysvipc_shm sysvipc(int id)
{
	char *text = lab_must_read("/proc/sysvipc/shm");
	struct osedu_sysvipc_shm *rows, r = { .shmid = -1 };
	size_t n;

	if (osedu_sysvipc_shm_parse(text, &rows, &n) < 0)
		lab_die("out of memory");
	for (size_t i = 0; i < n; i++)
		if (rows[i].shmid == id)
			r = rows[i];
	free(rows);
	free(text);
	if (r.shmid != id)
		lab_die("/proc/sysvipc/shm has no segment %d", id);
	return r;
}

/*
 * The line of /proc/PID/maps at START: its end, inode and path; false if
 * there is none.
 */
static bool maps_line(pid_t pid, unsigned long start, unsigned long *end,
		      unsigned long *ino, char *path, size_t len)
{
	char file[64], *text, name[256];
	const char *p;
	bool found = false;

	snprintf(file, sizeof(file), "/proc/%d/maps", (int)pid);
	text = lab_must_read(file);
	osedu_for_each_line(p, text) {
		unsigned long s, e, inode;
		int n = 0;

		name[0] = '\0';
		if (sscanf(p, "%lx-%lx %*s %*s %*s %lu %n", &s, &e, &inode,
			   &n) != 3 || s != start)
			continue;
		snprintf(name, sizeof(name), "%.*s",
			 (int)strcspn(p + n, "\n"), p + n);
		*end = e;
		*ino = inode;
		snprintf(path, len, "%s", name);
		found = true;
		break;
	}
	free(text);
	return found;
}

/* The "shm:" block of PID's ipc view for START, checked against maps. */
static void check_view(const char *who, pid_t pid, unsigned long start,
		       int id, const struct osedu_sysvipc_shm *k)
{
	char v[32], *text = il_view(pid), *b, path[256];
	unsigned long end = 0, ino = 0;

	snprintf(v, sizeof(v), "0x%lx", start);
	b = osedu_ipc_block(text, "shm", v);
	if (!b)
		lab_die("ipc/%d has no shm block at %s", (int)pid, v);
	printf("  %s: ipc/%d: shm %s end 0x%llx shmid %lld key 0x%08llx size %lld resident_pages %lld\n",
	       who, (int)pid, v, osedu_kv_ull(b, "end"),
	       osedu_kv_ll(b, "shmid"), osedu_kv_ull(b, "key"),
	       osedu_kv_ll(b, "size"), osedu_kv_ll(b, "resident_pages"));
	if (lab_check(maps_line(pid, start, &end, &ino, path, sizeof(path)),
		      "%s: /proc/%d/maps has the mapping at %s", who, (int)pid,
		      v)) {
		printf("    maps: 0x%lx-0x%lx inode %lu %s\n", start, end, ino,
		       path);
		lab_check(osedu_kv_ll(b, "shmid") == id && (long)ino == id &&
			  osedu_kv_ull(b, "end") == end &&
			  !strncmp(path, "/SYSV", 5),
			  "%s: shmid %d = the maps inode %lu, same end, file %s",
			  who, id, ino, path);
	}
	lab_check(osedu_kv_ll(b, "size") == PAGES * (long long)PW_PAGE &&
		  osedu_kv_ll(b, "resident_pages") * PW_PAGE == k->rss,
		  "%s: size %lld, resident_pages %lld = rss %llu / %lu", who,
		  osedu_kv_ll(b, "size"), osedu_kv_ll(b, "resident_pages"),
		  k->rss, PW_PAGE);
	free(b);
	free(text);
}

/* Who attaches ID, named by osedu, against nattch; the pids in PIDS. */
static size_t sharers(unsigned int ns, int id, int *pids, size_t max,
		      size_t *attaches)
{
	struct osedu_shm_map *maps;
	size_t n, unread, np;

	if (osedu_shm_maps(OSEDU_ROOT, &maps, &n, &unread))
		lab_die("%s/ipc: %s", OSEDU_ROOT, strerror(errno));
	np = osedu_shm_sharers(maps, n, ns, id, pids, max, attaches);
	printf("  osedu: %zu attachment(s) of shmid %d by", *attaches, id);
	for (size_t i = 0; i < n; i++)
		if (maps[i].shmid == id && maps[i].ns_ipc == ns)
			printf(" %d (%s)", maps[i].pid, maps[i].comm);
	printf("; %zu process view(s) unreadable\n", unread);
	free(maps);
	return np;
}

static bool has(const int *pids, size_t n, pid_t pid)
{
	for (size_t i = 0; i < n; i++)
		if (pids[i] == pid)
			return true;
	return false;
}

int main(int argc, char **argv)
{
	struct pw_page par[PAGES], chi[PAGES], pp, cp, before;
	struct osedu_sysvipc_shm k;
	int cmd[2], ack[2], id, status, pids[8];
	unsigned long cva = 0;
	pid_t me = getpid(), kid;
	bool same = true, rw = true;
	size_t np, att;
	struct stat ns;
	char *m, *priv;

	int arg = lab_start(&lab, argc, argv);
	bool hold = arg < argc && !strcmp(argv[arg], "--hold");

	if (!hold)
		pw_need_root();
	lab_need(IL_WAITS, IL_MODULE);
	if (!hold && unshare(CLONE_NEWIPC))
		lab_die("unshare(CLONE_NEWIPC): %s", strerror(errno));
	if (stat("/proc/self/ns/ipc", &ns))
		lab_die("/proc/self/ns/ipc: %s", strerror(errno));
	priv = mmap(NULL, PW_PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (priv == MAP_FAILED)
		lab_die("mmap: %s", strerror(errno));
	priv[0] = 'P';
	id = shmget(IPC_PRIVATE, PAGES * PW_PAGE, IPC_CREAT | 0600);
	if (id < 0)
		lab_die("shmget: %s", strerror(errno));
	if (pipe(cmd) || pipe(ack))
		lab_die("pipe: %s", strerror(errno));
	fflush(stdout);
	kid = fork();
	if (kid < 0)
		lab_die("fork: %s", strerror(errno));
	if (kid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(cmd[1]);
		close(ack[0]);
		child(id, priv, cmd[0], ack[1]);
	}
	close(cmd[0]);
	close(ack[1]);
	m = shmat(id, NULL, 0);
	if (m == (void *)-1 || read(ack[0], &cva, sizeof(cva)) != sizeof(cva))
		lab_die("shmat: %s", strerror(errno));
	memcpy(m, hello, sizeof(hello));
	m[PW_PAGE] = '\0';	/* both pages in memory before the walk */
	if (!tell(cmd[1], ack[0], 'r'))
		lab_die("the child died");
	if (hold) {
		/* Gone with us: removed at the last detach. */
		shmctl(id, IPC_RMID, NULL);
		printf("ready %d %d %d\n", (int)me, (int)kid, id);
		fflush(stdout);
		for (;;)
			pause();
	}

	printf("segment %d (%d pages) in a new IPC namespace: parent %d attached it at %p, child %d at 0x%lx\n",
	       id, PAGES, (int)me, (void *)m, (int)kid, cva);
	if (pw_range(me, (unsigned long)m, PAGES, par) ||
	    pw_range(kid, cva, PAGES, chi))
		lab_die("%s: %s", PW_QUERY, strerror(errno));
	show("parent", "shm", par, PAGES);
	show("child", "shm", chi, PAGES);
	for (int i = 0; i < PAGES; i++) {
		same &= par[i].pfn && par[i].pfn == chi[i].pfn;
		rw &= pw_has(&par[i], "rw") && pw_has(&chi[i], "rw") &&
		      !pw_has(&par[i], "cow") && !pw_has(&chi[i], "cow");
	}
	lab_check(same, "both processes map the same frames");
	lab_check(rw, "both are writable and not copy-on-write");
	pw_check_pagemap("parent", me, &par[0], NULL);
	pw_check_pagemap("child", kid, &chi[1], NULL);
	lab_check(!strcmp(m + PW_PAGE, reply),
		  "the parent reads the child's reply: \"%s\"", m + PW_PAGE);

	printf("\nthe segment as the kernel counts it and as osedu shows it:\n");
	k = sysvipc(id);
	printf("  /proc/sysvipc/shm: shmid %d size %llu cpid %d nattch %llu rss %llu\n",
	       k.shmid, k.size, k.cpid, k.nattch, k.rss);
	lab_check(k.nattch == 2 && k.cpid == me &&
		  k.rss == PAGES * (unsigned long long)PW_PAGE,
		  "nattch 2, created by %d, %d pages resident", (int)me, PAGES);
	check_view("parent", me, (unsigned long)m, id, &k);
	check_view("child", kid, cva, id, &k);
	np = sharers(ns.st_ino, id, pids, ARRAY_SIZE(pids), &att);
	lab_check(np == 2 && has(pids, np, me) && has(pids, np, kid) &&
		  att == k.nattch,
		  "osedu names both, %zu attachment(s) = nattch %llu", att,
		  k.nattch);

	if (!tell(cmd[1], ack[0], 'd'))
		lab_die("the child died");
	k = sysvipc(id);
	np = sharers(ns.st_ino, id, pids, ARRAY_SIZE(pids), &att);
	lab_check(k.nattch == 1 && np == 1 && pids[0] == me && att == 1,
		  "after the child's shmdt: nattch %llu, osedu names only the parent",
		  k.nattch);

	printf("\ncontrast: a private page the child got through fork()\n");
	if (pw_one(me, (unsigned long)priv, &before) ||
	    pw_one(kid, (unsigned long)priv, &cp))
		lab_die("%s: %s", PW_QUERY, strerror(errno));
	show("parent", "private", &before, 1);
	show("child", "private", &cp, 1);
	lab_check(before.pfn && before.pfn == cp.pfn &&
		  pw_has(&before, "cow") && pw_has(&cp, "cow") &&
		  !pw_has(&cp, "rw"),
		  "after fork: one frame, read-only and cow in both");
	if (!tell(cmd[1], ack[0], 'w'))
		lab_die("the child died");
	if (pw_one(me, (unsigned long)priv, &pp) ||
	    pw_one(kid, (unsigned long)priv, &cp))
		lab_die("%s: %s", PW_QUERY, strerror(errno));
	printf("  the child wrote to it:\n");
	show("parent", "private", &pp, 1);
	show("child", "private", &cp, 1);
	lab_check(cp.pfn && cp.pfn != pp.pfn && pp.pfn == before.pfn &&
		  pw_has(&cp, "rw") && !pw_has(&cp, "cow"),
		  "the child has its own frame (0x%llx -> 0x%llx), writable",
		  before.pfn, cp.pfn);
	pw_check_pagemap("child's private", kid, &cp, NULL);
	lab_check(priv[0] == 'P', "the parent still reads its own 'P'");

	close(cmd[1]);
	if (waitpid(kid, &status, 0) != kid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		lab_check(false, "the child exited cleanly");
	shmdt(m);
	shmctl(id, IPC_RMID, NULL);
	return lab_finish("one segment, same frames in both; fork's private page copied on write");
}
