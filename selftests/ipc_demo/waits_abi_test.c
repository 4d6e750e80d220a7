// SPDX-License-Identifier: GPL-2.0
/*
 * ipc/waits beyond native user threads: kernel threads (listed for an
 * administrator, with no system call; never for another user) and 32-bit
 * system calls (x86's ia32 ABI, entered here with int $0x80 from this
 * 64-bit test: their numbers are the ia32 table's, named "i386:..."; the
 * ipc(2) and socketcall(2) multiplexers are unpacked). Oracles:
 * /proc/<pid>/stat (the PF_KTHREAD flag, the state),
 * /proc/<pid>/task/<tid>/syscall, the pipe's and socket's fd links,
 * semctl(GETNCNT), the futex address the test chose.
 */
#include <linux/futex.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "../kselftest_harness.h"
#include "ipc_util.h"

#define WAIT_MS		20000
#define PF_KTHREAD	0x00200000

/* Field 9 of /proc/<tid>/stat: the task's flags; -1 if it is gone. */
static long long task_flags(pid_t tid)
{
	char v[32];

	if (!osedu_proc_stat_field(tid, 9, v, sizeof(v)))
		return -1;
	return strtoll(v, NULL, 10);
}

TEST(kernel_threads_listed_for_root_without_a_call)
{
	char *text;
	struct osedu_wait w;
	const char *p;
	int kthreads = 0, users = 0;
	bool kthreadd = false;

	ASSERT_EQ(0, ipc_load());
	text = osedu_read_all(IPC_WAITS, IPC_MAX, NULL);
	ASSERT_NE(NULL, text);
	osedu_for_each_line(p, text) {
		long long flags;

		if (!osedu_wait_parse(p, strcspn(p, "\n"), &w))
			continue;
		flags = task_flags(w.tid);
		if (flags < 0)
			continue;	/* exited since */
		if (!strcmp(w.kind, "kthread")) {
			EXPECT_TRUE(flags & PF_KTHREAD) TH_LOG("tid %d",
							       w.tid);
			EXPECT_STREQ("-", w.syscall);
			EXPECT_EQ(-1, w.nr);
			EXPECT_STREQ("-", w.object);
			EXPECT_EQ(0, w.holder);
			EXPECT_EQ(w.tid, w.pid);
			kthreads++;
			kthreadd |= w.tid == 2;
		} else {
			EXPECT_FALSE(flags & PF_KTHREAD) TH_LOG("tid %d %s",
								w.tid, w.kind);
			users++;
		}
	}
	free(text);
	TH_LOG("%d kernel threads, %d user threads", kthreads, users);
	/* kthreadd sleeps until asked to create a thread. */
	EXPECT_TRUE(kthreadd);
	EXPECT_LT(5, kthreads);
}

TEST(kernel_threads_not_listed_for_a_user)
{
	pid_t child;
	int status;

	ASSERT_EQ(0, ipc_load());
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		char *text;
		struct osedu_wait w;
		const char *p;

		if (osedu_drop_privileges())
			_exit(10);
		text = osedu_read_all(IPC_WAITS, IPC_MAX, NULL);
		if (!text)
			_exit(11);
		osedu_for_each_line(p, text)
			if (osedu_wait_parse(p, strcspn(p, "\n"), &w) &&
			    (!strcmp(w.kind, "kthread") ||
			     task_flags(w.tid) & PF_KTHREAD))
				_exit(12);
		_exit(0);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

#ifdef __x86_64__
/* ia32 numbers (arch/x86/entry/syscalls/syscall_32.tbl): the ABI. */
#define IA32_GETPID	20
#define IA32_READ	3
#define IA32_IPC	117
#define IA32_SOCKETCALL	102
#define IA32_FUTEX	240
#define IPC_CALL_SEMOP	1
#define SOCKCALL_RECV	10

/* A 32-bit system call from 64-bit code; r8-r11 do not survive it. */
static long int80(long nr, long a, long b, long c, long d, long e)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
			 : "r8", "r9", "r10", "r11", "memory", "cc");
	return ret;
}

/* Can this kernel take ia32 calls (IA32_EMULATION, ia32_emulation=1)? */
static bool ia32_works(void)
{
	pid_t child = fork();
	int status;

	if (child == 0)
		_exit(int80(IA32_GETPID, 0, 0, 0, 0, 0) == getpid() ? 0 : 1);
	return child > 0 && waitpid(child, &status, 0) == child &&
	       WIFEXITED(status) && !WEXITSTATUS(status);
}

/* Memory below 4 GiB, which 32-bit calls can address. */
static void *low_page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

struct call {
	long nr, a[5];
	volatile pid_t tid;
	volatile long ret;
	volatile bool done;
};

static void *caller(void *arg)
{
	struct call *c = arg;

	c->tid = gettid_();
	c->ret = int80(c->nr, c->a[0], c->a[1], c->a[2], c->a[3], c->a[4]);
	c->done = true;
	return NULL;
}

/* Block a thread in C (an ia32 call) and return its waits row. */
static bool block_in(struct __test_metadata *_metadata, struct call *c,
		     pthread_t *t, struct osedu_wait *row)
{
	unsigned long long a[6];
	long nr;

	c->tid = 0;
	c->done = false;
	if (pthread_create(t, NULL, caller, c))
		return false;
	while (!c->tid)
		usleep(1000);
	if (ipc_wait_blocked(getpid(), c->tid, c->nr, WAIT_MS) < 0 ||
	    !ipc_wait_of(c->tid, row)) {
		/* A call that never blocked: say what it returned (ENOSYS
		 * is a kernel without the ia32 entry, e.g. futex_time32). */
		if (c->done)
			TH_LOG("ia32 call %ld returned %ld without blocking",
			       c->nr, c->ret);
		return false;
	}
	/* The kernel's own view of the same call: number and arguments. */
	EXPECT_TRUE(proc_syscall(getpid(), c->tid, &nr, a));
	EXPECT_EQ(c->nr, row->nr);
	EXPECT_EQ(nr, row->nr);
	for (int i = 0; i < 6; i++) {
		EXPECT_EQ(a[i], row->args[i]) TH_LOG("arg %d", i);
	}
	TH_LOG("%s %s %s holder %d %s", row->syscall, row->kind, row->object,
	       row->holder, row->detail);
	return true;
}

TEST(ia32_calls_named_by_their_abi)
{
	char link[64], want[64], v[64];
	struct osedu_wait row;
	struct sembuf *sop;
	unsigned int *word, *sockargs;
	struct call c;
	pthread_t t;
	int p[2], sv[2], semid;
	char *buf;

	ASSERT_EQ(0, ipc_load());
	if (!ia32_works())
		SKIP(return, "no ia32 system calls here (IA32_EMULATION off)");
	buf = low_page();
	ASSERT_NE(NULL, buf);

	/* read(2) on an empty pipe, as i386's number 3 */
	ASSERT_EQ(0, pipe(p));
	c = (struct call){ .nr = IA32_READ,
			   .a = { p[0], (long)buf, 1, 0, 0 } };
	ASSERT_TRUE(block_in(_metadata, &c, &t, &row));
	EXPECT_STREQ("i386:read", row.syscall);
	EXPECT_STREQ("pipe", row.kind);
	ASSERT_TRUE(fd_link(getpid(), p[0], link, sizeof(link)));
	EXPECT_STREQ(link, row.object);
	ASSERT_EQ(1, write(p[1], "x", 1));
	pthread_join(t, NULL);

	/* futex(2) FUTEX_WAIT on a word below 4 GiB */
	word = (unsigned int *)(buf + 64);
	*word = 7;
	c = (struct call){ .nr = IA32_FUTEX,
			   .a = { (long)word, FUTEX_WAIT, 7, 0, 0 } };
	ASSERT_TRUE(block_in(_metadata, &c, &t, &row));
	EXPECT_STREQ("i386:futex", row.syscall);
	snprintf(want, sizeof(want), "futex:%d:%p", getpid(), (void *)word);
	EXPECT_STREQ(want, row.object);
	EXPECT_TRUE(osedu_wait_detail(&row, "value", v, sizeof(v)));
	EXPECT_STREQ("7", v);
	*word = 8;
	syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0);
	pthread_join(t, NULL);

	/* semop through ipc(2): ipc(SEMOP, semid, nsops, 0, sops) */
	semid = semget(IPC_PRIVATE, 1, 0600);
	ASSERT_LE(0, semid);
	sop = (struct sembuf *)(buf + 128);
	*sop = (struct sembuf){ .sem_num = 0, .sem_op = -1 };
	c = (struct call){ .nr = IA32_IPC,
			   .a = { IPC_CALL_SEMOP, semid, 1, 0, (long)sop } };
	ASSERT_TRUE(block_in(_metadata, &c, &t, &row));
	EXPECT_STREQ("i386:ipc", row.syscall);
	EXPECT_STREQ("sem", row.kind);
	snprintf(want, sizeof(want), "sem:%d", semid);
	EXPECT_STREQ(want, row.object);
	EXPECT_TRUE(osedu_wait_detail(&row, "ops", v, sizeof(v)));
	EXPECT_STREQ("0:-1:0", v);
	EXPECT_EQ(1, semctl(semid, 0, GETNCNT));
	semctl(semid, 0, IPC_RMID);
	pthread_join(t, NULL);

	/* recv(2) through socketcall(2): its arguments as 32-bit words */
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	sockargs = (unsigned int *)(buf + 256);
	sockargs[0] = sv[0];
	sockargs[1] = (unsigned int)(unsigned long)(buf + 512);
	sockargs[2] = 1;
	sockargs[3] = 0;
	c = (struct call){ .nr = IA32_SOCKETCALL,
			   .a = { SOCKCALL_RECV, (long)sockargs, 0, 0, 0 } };
	ASSERT_TRUE(block_in(_metadata, &c, &t, &row));
	EXPECT_STREQ("i386:socketcall", row.syscall);
	EXPECT_STREQ("unix", row.kind);
	ASSERT_TRUE(fd_link(getpid(), sv[0], link, sizeof(link)));
	EXPECT_STREQ(link, row.object);
	EXPECT_TRUE(osedu_wait_detail(&row, "dir", v, sizeof(v)));
	EXPECT_STREQ("read", v);
	ASSERT_EQ(1, write(sv[1], "x", 1));
	pthread_join(t, NULL);
	close(sv[0]);
	close(sv[1]);
	close(p[0]);
	close(p[1]);
	munmap(buf, 4096);
}
#endif /* __x86_64__ */

TEST_HARNESS_MAIN
