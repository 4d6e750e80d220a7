// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: a container is made of the kernel's own abstractions, not a second
 * operating system (lecture 43). The lab makes one by hand: clone(2) with
 * new pid, mount, UTS and IPC namespaces, a chroot into a minimal root on
 * a tmpfs only the container sees, a cgroup v2 group with a memory limit.
 * Then it shows, from both sides, that it is one ordinary task: pid 1
 * inside and pid N outside, in other namespaces (other inode numbers),
 * with its own host name and SysV IPC, and that from inside osedu refuses
 * every host process (ENOENT, as the container's own /proc would).
 * Oracles: getpid(2), the NSpid line of /proc/<pid>/status on both sides,
 * readlink of /proc/<pid>/ns/{pid,mnt,uts,ipc} on both sides, uname(2) and
 * /proc/sys/kernel/hostname, /proc/sysvipc/msg on both sides, the numeric
 * names of the container's /proc, /proc/<pid>/cgroup, memory.max and
 * memory.current. Root only: namespaces, chroot and cgroups need
 * CAP_SYS_ADMIN.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <osedu/cgroup.h>
#include <osedu/lab.h>

#define CT_CGROUP	"osedu-container"
#define CT_HOSTNAME	"osedu-box"
#define CT_MSGKEY	0x05ed0043	/* a SysV key the host does not use */
#define CT_LIMIT	(64LL << 20)	/* memory.max */
#define CT_TOUCH	(16LL << 20)	/* what the container allocates */
#define CT_STACK	(256 << 10)

static const struct lab lab = {
	.name = "containers",
	.explain_en =
"A container is the kernel's abstraction, not a second OS (lecture 43).\n"
"There is one kernel. A container is an ordinary process that the kernel\n"
"gives its own view of some global names: namespaces (pid numbers, mounts,\n"
"the host name, SysV IPC, ...), a root directory (chroot or pivot_root),\n"
"and a cgroup that limits its resources. The lab builds one by hand with\n"
"clone(2) and compares what the task sees inside with what the host sees.\n"
"\n"
"What to notice:\n"
"- The same task is pid 1 inside (getpid) and pid N outside: NSpid in\n"
"  /proc/N/status lists both numbers; osedu's PCB (sched view) names the\n"
"  task by the host's number even when read from inside: one task_struct.\n"
"- Its namespaces are other objects: the inode numbers of\n"
"  /proc/<pid>/ns/{pid,mnt,uts,ipc} (and osedu's ns_* keys) differ from\n"
"  the host's, and are the same seen from inside and outside.\n"
"- Its host name and SysV message queues are its own; the host's are\n"
"  untouched. Its / is a tmpfs the host does not see.\n"
"- The cgroup limits its memory (memory.max) and counts what it uses\n"
"  (memory.current): the kernel's accounting, not a virtual machine.\n"
"- From inside, osedu refuses every host process (ENOENT), as the\n"
"  container's own /proc shows none of them; sched/cpus lists only its\n"
"  own tasks.\n"
"Needs root (CAP_SYS_ADMIN): making namespaces, chroot and cgroups does.\n",
	.explain_ko =
"컨테이너는 두 번째 운영체제가 아니라 커널의 추상화입니다 (43강).\n"
"커널은 하나뿐입니다. 컨테이너는 커널이 일부 전역 이름에 대해 자기만의\n"
"시야를 준 평범한 프로세스입니다: 네임스페이스(pid 번호, 마운트, 호스트\n"
"이름, SysV IPC 등), 루트 디렉터리(chroot 또는 pivot_root), 그리고 자원을\n"
"제한하는 cgroup. 이 실습은 clone(2)으로 컨테이너를 직접 만들고, 안에서\n"
"보이는 것과 호스트에서 보이는 것을 비교합니다.\n"
"\n"
"눈여겨볼 점:\n"
"- 같은 태스크가 안에서는 pid 1(getpid), 밖에서는 pid N 입니다:\n"
"  /proc/N/status 의 NSpid 에 두 번호가 모두 있습니다. osedu 의 PCB\n"
"  (sched 뷰)는 안에서 읽어도 호스트 번호로 태스크를 가리킵니다:\n"
"  task_struct 는 하나입니다.\n"
"- 네임스페이스는 다른 객체입니다: /proc/<pid>/ns/{pid,mnt,uts,ipc} 의\n"
"  inode 번호(와 osedu 의 ns_* 키)가 호스트와 다르고, 안과 밖에서 본\n"
"  값은 같습니다.\n"
"- 호스트 이름과 SysV 메시지 큐는 컨테이너만의 것이고 호스트의 것은\n"
"  그대로입니다. 컨테이너의 / 는 호스트에 보이지 않는 tmpfs 입니다.\n"
"- cgroup 이 메모리를 제한하고(memory.max) 사용량을 셉니다\n"
"  (memory.current): 가상 머신이 아니라 커널의 자원 회계입니다.\n"
"- 안에서 osedu 는 호스트의 모든 프로세스를 거부합니다(ENOENT).\n"
"  컨테이너의 /proc 에도 그 프로세스들은 없습니다. sched/cpus 에는\n"
"  컨테이너 자신의 태스크만 나옵니다.\n"
"root(CAP_SYS_ADMIN)가 필요합니다: 네임스페이스, chroot, cgroup 을\n"
"만들려면 필요합니다.\n",
};

static const char * const ns_names[] = { "pid", "mnt", "uts", "ipc" };
#define NNS	4

static char ct_root[] = "/tmp/osedu-container-XXXXXX";
static int go_fd, done_fd, report_fd;

/* The inode number of /proc/PID/ns/NAME ("self" for PID 0), or 0. */
static unsigned long long ns_inode(pid_t pid, const char *name)
{
	char path[64], link[64];
	unsigned long long ino = 0;
	ssize_t n;

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/ns/%s", pid, name);
	else
		snprintf(path, sizeof(path), "/proc/self/ns/%s", name);
	n = readlink(path, link, sizeof(link) - 1);
	if (n <= 0)
		return 0;
	link[n] = '\0';
	if (sscanf(strchr(link, '[') ? strchr(link, '[') + 1 : link, "%llu",
		   &ino) != 1)
		return 0;
	return ino;
}

/* The NSpid line of /proc/PID/status ("self" for 0), into OUT. */
static void nspid(pid_t pid, char *out, size_t len)
{
	char path[64], *buf;
	const char *p;
	size_t n;

	snprintf(out, len, "?");
	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/status", pid);
	else
		snprintf(path, sizeof(path), "/proc/self/status");
	buf = osedu_read_all(path, 1 << 20, NULL);
	if (!buf)
		return;
	p = strstr(buf, "\nNSpid:");
	if (p) {
		p += 7;
		p += strspn(p, " \t");
		n = strcspn(p, "\n");
		snprintf(out, len, "%.*s", (int)n, p);
		for (char *t = out; *t; t++)
			if (*t == '\t')
				*t = ' ';
	}
	free(buf);
}

/* Does /proc/sysvipc/msg list KEY? -1 if it cannot be read. */
static int sysv_has_key(int key)
{
	char *buf = osedu_read_all("/proc/sysvipc/msg", 1 << 20, NULL);
	const char *p;
	int k, found = 0;

	if (!buf)
		return -1;
	for (p = osedu_next_line(buf); p && *p; p = osedu_next_line(p))
		if (sscanf(p, "%d", &k) == 1 && k == key)
			found = 1;
	free(buf);
	return found;
}

/*
 * From inside: try every entry of /proc/osedu/sched (named by host pid
 * numbers; procfs cannot filter a module's listing). Count the entries,
 * those refused with ENOENT, those opened, and any other answer. A host
 * process that exits between readdir and open answers ESRCH (or EIO once
 * core has removed its entry): gone, not refused; the other labs' and the
 * kernel's short-lived tasks make that a real case, not a theory.
 */
static void try_host_entries(FILE *r)
{
	int entries = 0, enoent = 0, opened = 0, gone = 0, other = 0;
	char path[300], buf[256];
	long long opened_pid = 0;
	struct dirent *d;
	ssize_t n;
	DIR *dir;

	dir = opendir(OSEDU_ROOT "/sched");
	if (!dir) {
		fprintf(r, "entries_error: %d\n", errno);
		return;
	}
	while ((d = readdir(dir))) {
		if (d->d_name[0] < '0' || d->d_name[0] > '9')
			continue;
		entries++;
		snprintf(path, sizeof(path), OSEDU_ROOT "/sched/%s",
			 d->d_name);
		n = osedu_read_file(path, buf, sizeof(buf));
		if (n >= 0) {
			opened++;
			opened_pid = atoll(d->d_name);
		} else if (n == -ENOENT) {
			enoent++;
		} else if (n == -ESRCH || n == -EIO) {
			gone++;
		} else {
			other++;
		}
	}
	closedir(dir);
	fprintf(r, "entries: %d\nrefused_enoent: %d\nopened: %d\n"
		"opened_pid: %lld\ngone: %d\nother_errors: %d\n", entries,
		enoent, opened, opened_pid, gone, other);
}

/* From inside: the pid column of every sched/cpus task row. */
static void cpus_rows(FILE *r)
{
	char *buf = osedu_read_all(OSEDU_ROOT "/sched/cpus", OSEDU_DOC_MAX,
				   NULL);
	const char *p;
	int rows = 0, foreign = 0, cpu, tid, pid;
	bool table = false;

	if (!buf) {
		fprintf(r, "cpus_error: %d\n", errno);
		return;
	}
	for (p = buf; p && *p; p = osedu_next_line(p)) {
		if (!strncmp(p, "cpu tid pid role", 16)) {
			table = true;
			continue;
		}
		if (!table)
			continue;
		if (sscanf(p, "%d %d %d", &cpu, &tid, &pid) != 3)
			break;	/* the end of the task table */
		rows++;
		if (pid != 1)
			foreign++;
	}
	free(buf);
	fprintf(r, "cpus_rows: %d\ncpus_foreign: %d\n", rows, foreign);
}

/* The numeric names of the container's own /proc: its processes. */
static void proc_pids(FILE *r)
{
	struct dirent *d;
	int n = 0;
	DIR *dir = opendir("/proc");

	if (!dir)
		return;
	fprintf(r, "proc_pids:");
	while ((d = readdir(dir)))
		if (d->d_name[0] >= '1' && d->d_name[0] <= '9') {
			fprintf(r, " %s", d->d_name);
			n++;
		}
	closedir(dir);
	fprintf(r, "\nproc_count: %d\n", n);
}

/* Set up the container's world, then report what it sees as key: value. */
static int container(void *arg)
{
	char path[128], text[256], *pcb;
	struct utsname u;
	FILE *r;
	char *mem;
	int i, q;

	(void)arg;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	osedu_read_byte(go_fd);	/* the host has put us in the cgroup */
	r = fdopen(report_fd, "w");
	if (!r)
		return 1;
	/* Mounts made here stay here: nothing propagates to the host. */
	if (mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    mount("osedu-root", ct_root, "tmpfs", 0, "size=4m,mode=755")) {
		fprintf(r, "setup_error: mount: %s\n", strerror(errno));
		return 1;
	}
	snprintf(path, sizeof(path), "%s/proc", ct_root);
	if (mkdir(path, 0555) ||
	    sethostname(CT_HOSTNAME, strlen(CT_HOSTNAME)) ||
	    chroot(ct_root) || chdir("/") ||
	    mount("proc", "/proc", "proc", 0, NULL)) {
		fprintf(r, "setup_error: %s\n", strerror(errno));
		return 1;
	}
	q = msgget(CT_MSGKEY, IPC_CREAT | 0600);
	/* Memory the cgroup charges: touched, so it is really there. */
	mem = mmap(NULL, CT_TOUCH, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem != MAP_FAILED)
		memset(mem, 0x43, CT_TOUCH);

	fprintf(r, "getpid: %d\n", (int)getpid());
	nspid(0, text, sizeof(text));
	fprintf(r, "nspid: %s\n", text);
	uname(&u);
	fprintf(r, "hostname: %s\n", u.nodename);
	for (i = 0; i < NNS; i++)
		fprintf(r, "ns_%s: %llu\n", ns_names[i],
			ns_inode(0, ns_names[i]));
	fprintf(r, "msgget: %d\nsysv_has_key: %d\n", q,
		sysv_has_key(CT_MSGKEY));
	fprintf(r, "root_is_tmpfs: %d\n",
		!access("/proc", F_OK) && access("/bin", F_OK) ? 1 : 0);
	pcb = osedu_read_all(OSEDU_ROOT "/sched/self", OSEDU_DOC_MAX, NULL);
	if (pcb) {
		fprintf(r, "osedu_pid: %lld\n", osedu_kv_ll(pcb, "pid"));
		for (i = 0; i < NNS; i++) {
			snprintf(text, sizeof(text), "ns_%s", ns_names[i]);
			fprintf(r, "osedu_ns_%s: %llu\n", ns_names[i],
				osedu_kv_ull(pcb, text));
		}
		free(pcb);
	} else {
		fprintf(r, "osedu_error: %d\n", errno);
	}
	try_host_entries(r);
	cpus_rows(r);
	proc_pids(r);
	fclose(r);	/* end of the report: the host reads to EOF */
	osedu_read_byte(done_fd);	/* stay alive while the host looks */
	return 0;
}

static void need_root(void)
{
	if (geteuid())
		lab_die("run as root: making a container needs CAP_SYS_ADMIN "
			"(new namespaces, chroot, a cgroup). As a student "
			"without root, run it in the VM: tools/labs/run "
			"containers");
}

/* The host's side: make the cgroup, start the container. */
static pid_t start(int *go, int *done, int *rep)
{
	/* The container's stack: clone() runs it there until it exits. */
	static char stack[CT_STACK] __attribute__((aligned(16)));
	int p1[2], p2[2], p3[2];
	pid_t pid;
	int e;

	e = osedu_cg_make(CT_CGROUP);
	if (e)
		lab_die("cgroup %s: %s (cgroup v2 with the memory controller "
			"is needed)", CT_CGROUP, strerror(-e));
	if (!mkdtemp(ct_root))
		lab_die("mkdtemp: %s", strerror(errno));
	if (pipe(p1) || pipe(p2) || pipe(p3))
		lab_die("pipe: %s", strerror(errno));
	go_fd = p1[0];
	done_fd = p2[0];
	report_fd = p3[1];
	fflush(stdout);
	pid = clone(container, stack + CT_STACK,
		    CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC |
		    SIGCHLD, NULL);
	if (pid < 0)
		lab_die("clone(CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | "
			"CLONE_NEWIPC): %s%s", strerror(errno),
			errno == EPERM ? " (CAP_SYS_ADMIN is needed: run as "
			"root)" : "");
	close(p3[1]);
	e = osedu_cg_write(CT_CGROUP, "memory.max", "67108864");
	if (!e)
		e = osedu_cg_enter(CT_CGROUP, pid);
	if (e) {
		kill(pid, SIGKILL);
		osedu_reap(pid);
		lab_die("cgroup %s: %s", CT_CGROUP, strerror(-e));
	}
	*go = p1[1];
	*done = p2[1];
	*rep = p3[0];
	return pid;
}

/* The group's cgroup path as /proc/PID/cgroup gives it ("0::/NAME"). */
static bool in_cgroup(pid_t pid)
{
	char path[64], *buf;
	bool ok;

	snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
	buf = osedu_read_all(path, 1 << 16, NULL);
	ok = buf && strstr(buf, "0::/" CT_CGROUP "\n");
	if (buf)
		printf("  /proc/%d/cgroup: %s", pid, buf);
	free(buf);
	return ok;
}

int main(int argc, char **argv)
{
	unsigned long long host_ns[NNS], out_ns[NNS], in_ns[NNS], pcb_ns[NNS];
	char text[256], key[32], hostname[128], *rep, *pcb;
	int go, done, repfd, i, entries, refused, gone;
	bool ns_differ = true, ns_same = true, pcb_same = true;
	long long cur, max;
	pid_t pid;

	lab_start(&lab, argc, argv);
	need_root();
	lab_need(OSEDU_ROOT "/sched/self", SL_MODULE);
	osedu_read_file("/proc/sys/kernel/hostname", hostname,
			sizeof(hostname));
	hostname[strcspn(hostname, "\n")] = '\0';
	for (i = 0; i < NNS; i++)
		host_ns[i] = ns_inode(0, ns_names[i]);

	pid = start(&go, &done, &repfd);
	osedu_write_byte(go);
	rep = osedu_read_fd_all(repfd, 1 << 20, NULL);
	close(repfd);
	if (!rep || !*rep) {
		kill(pid, SIGKILL);
		osedu_reap(pid);
		lab_die("the container sent no report");
	}
	if (osedu_kv(rep, "setup_error", text, sizeof(text))) {
		kill(pid, SIGKILL);
		osedu_reap(pid);
		lab_die("the container could not set itself up: %s", text);
	}

	printf("  one task, two pid numbers:\n");
	nspid(pid, text, sizeof(text));
	printf("    inside:  getpid() = %lld, NSpid: %s (its own /proc)\n",
	       osedu_kv_ll(rep, "getpid"),
	       osedu_kv(rep, "nspid", key, sizeof(key)) ? key : "?");
	printf("    outside: clone() returned %d, /proc/%d/status NSpid: %s\n",
	       pid, pid, text);
	lab_check(osedu_kv_ll(rep, "getpid") == 1 &&
		  !strcmp(key, "1"), "inside, the task is pid 1");
	snprintf(key, sizeof(key), "%d 1", pid);
	lab_check(!strcmp(text, key),
		  "outside, NSpid lists its host number %d, then 1", pid);
	printf("    osedu sched/self read inside: pid: %lld\n",
	       osedu_kv_ll(rep, "osedu_pid"));
	lab_check(osedu_kv_ll(rep, "osedu_pid") == pid,
		  "osedu's PCB names it %d even read from inside: one task_struct, numbered in the initial namespace",
		  pid);

	pcb = sl_pcb(pid);
	printf("\n  namespaces (inode numbers of /proc/<pid>/ns/*):\n");
	printf("    %-4s %12s %12s %12s %12s\n", "ns", "host", "outside",
	       "inside", "osedu");
	for (i = 0; i < NNS; i++) {
		out_ns[i] = ns_inode(pid, ns_names[i]);
		snprintf(key, sizeof(key), "ns_%s", ns_names[i]);
		in_ns[i] = osedu_kv_ull(rep, key);
		pcb_ns[i] = osedu_kv_ull(pcb, key);
		printf("    %-4s %12llu %12llu %12llu %12llu\n", ns_names[i],
		       host_ns[i], out_ns[i], in_ns[i], pcb_ns[i]);
		snprintf(key, sizeof(key), "osedu_ns_%s", ns_names[i]);
		if (!out_ns[i] || out_ns[i] == host_ns[i])
			ns_differ = false;
		if (in_ns[i] != out_ns[i])
			ns_same = false;
		if (pcb_ns[i] != out_ns[i] ||
		    osedu_kv_ull(rep, key) != out_ns[i])
			pcb_same = false;
	}
	free(pcb);
	lab_check(ns_differ,
		  "its pid, mnt, uts and ipc namespaces are not the host's");
	lab_check(ns_same, "the same namespace seen from inside and outside has the same inode number");
	lab_check(pcb_same, "osedu's ns_* keys (read outside and inside) equal readlink /proc/%d/ns/*",
		  pid);

	printf("\n  host name: host %s, container ", hostname);
	osedu_kv(rep, "hostname", text, sizeof(text));
	printf("%s\n", text);
	osedu_read_file("/proc/sys/kernel/hostname", key, sizeof(key));
	key[strcspn(key, "\n")] = '\0';
	lab_check(!strcmp(text, CT_HOSTNAME) && !strcmp(key, hostname),
		  "sethostname inside changed only the container's UTS namespace");
	lab_check(osedu_kv_ll(rep, "msgget") >= 0 &&
		  osedu_kv_ll(rep, "sysv_has_key") == 1 &&
		  sysv_has_key(CT_MSGKEY) == 0,
		  "its SysV message queue (key 0x%x) is in its /proc/sysvipc/msg, not the host's",
		  CT_MSGKEY);
	lab_check(osedu_kv_ll(rep, "root_is_tmpfs") == 1 &&
		  access(ct_root, F_OK) == 0,
		  "its / is an empty tmpfs (only /proc in it); the host's %s is an empty directory",
		  ct_root);

	printf("\n  the cgroup %s:\n", CT_CGROUP);
	max = osedu_cg_num(CT_CGROUP, "memory.max", NULL);
	cur = osedu_cg_num(CT_CGROUP, "memory.current", NULL);
	lab_check(in_cgroup(pid), "the container's task is in the group");
	printf("  memory.max %lld, memory.current %lld (the container touched %lld)\n",
	       max, cur, CT_TOUCH);
	lab_check(max == CT_LIMIT && cur >= CT_TOUCH && cur <= CT_LIMIT,
		  "the group limits its memory and counts what it touched");

	entries = (int)osedu_kv_ll(rep, "entries");
	refused = (int)osedu_kv_ll(rep, "refused_enoent");
	gone = (int)osedu_kv_ll(rep, "gone");
	printf("\n  from inside, every /proc/osedu/sched/<pid> entry opened:\n");
	printf("    %d entries (host numbers), %d refused with ENOENT, %lld opened (pid %lld), %d exited meanwhile (ESRCH/EIO), %lld other errors\n",
	       entries, refused, osedu_kv_ll(rep, "opened"),
	       osedu_kv_ll(rep, "opened_pid"), gone,
	       osedu_kv_ll(rep, "other_errors"));
	osedu_kv(rep, "proc_pids", text, sizeof(text));
	printf("    the container's own /proc lists the pids: %s\n", text);
	/* Exits during the walk are few; most entries must be refusals. */
	lab_check(entries > 1 && refused + gone == entries - 1 &&
		  gone <= entries / 4 &&
		  osedu_kv_ll(rep, "opened") == 1 &&
		  osedu_kv_ll(rep, "opened_pid") == pid &&
		  osedu_kv_ll(rep, "other_errors") == 0,
		  "osedu refuses every host process (ENOENT), as its own /proc shows none; only its own entry opens");
	lab_check(osedu_kv_ll(rep, "proc_count") == 1 && !strcmp(text, "1"),
		  "its /proc holds one process: itself, pid 1");
	printf("    sched/cpus read inside: %lld task rows, %lld of another process\n",
	       osedu_kv_ll(rep, "cpus_rows"), osedu_kv_ll(rep, "cpus_foreign"));
	lab_check(osedu_kv_ll(rep, "cpus_rows") >= 1 &&
		  osedu_kv_ll(rep, "cpus_foreign") == 0,
		  "sched/cpus shows it only its own task (pid 1, running)");
	free(rep);

	osedu_write_byte(done);
	lab_check(osedu_reap(pid) == 0, "the container's pid 1 exited normally");
	osedu_cg_remove(CT_CGROUP);
	rmdir(ct_root);
	return lab_finish("one kernel, one task: pid 1 inside, a host pid outside, its own namespaces and cgroup");
}
