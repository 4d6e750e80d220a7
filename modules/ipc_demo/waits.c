// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/ipc/waits: every blocked thread the reader may see, the
 * system call it sleeps in, and the object it waits on: the edges of a
 * wait-for graph (thread -> object -> holder). Finding cycles is the
 * tools' job.
 *
 * The system call and its arguments come from the thread's saved user
 * registers, read by core only while the thread is blocked and off CPU
 * (osedu_task_blocked_syscall()). The object is decoded from them: a
 * descriptor is looked up in the thread's file table as
 * /proc/<pid>/fdinfo does; a futex word, a glibc mutex's owner, a
 * semop's sembuf array and an fcntl's struct flock are read from the
 * thread's memory only when the reader may open it (umem.c). The thread
 * may wake while we decode: a line is a snapshot, as reading
 * /proc/<tid>/syscall and then the fd link would be.
 *
 * Threads are visited in tid order of the reader's pid namespace
 * (find_ge_pid()), so a read resumes in O(log n) from its position.
 */
#include <linux/compat.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/net.h>
#include <linux/fs.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sem.h>
#include <linux/wait.h>
#include <uapi/linux/futex.h>
#include <uapi/linux/wait.h>

#include "internal.h"

/* sembufs of one semop shown; the rest are counted. */
#define SEMOPS_SHOWN	8
/* Offset of __owner in glibc's 64-bit struct __pthread_mutex_s. */
#define GLIBC_MUTEX_OWNER	8
/* Blocked threads a read visits between two chances to reschedule. */
#define WAITS_BATCH	256

struct waits_line {
	struct seq_file *m;
	struct osedu_file_ctx *ctx;
	struct task_struct *task;
	pid_t pid;		/* the thread's process, in the reader's ns */
	struct osedu_syscall sc;
	/*
	 * The arguments as the native call of the same kind takes them:
	 * a 32-bit call's truncated to 32 bits, a multiplexer's unpacked.
	 */
	unsigned long a[6];
	bool compat;
};

static struct file *task_fd(struct task_struct *task, unsigned long fd)
{
	unsigned int n = fd;
	struct file *file;

	if (fd > INT_MAX)
		return NULL;
	file = osedu_task_next_file(task, &n, NULL);
	if (file && n != fd) {
		fput(file);
		file = NULL;
	}
	return file;
}

/* "kind object holder detail" for a wait on descriptor @fd. */
static void show_fd_wait(struct waits_line *w, const char *dir)
{
	unsigned int fd = w->a[0];
	struct seq_file *m = w->m;
	struct file *file = task_fd(w->task, w->a[0]);

	if (!file) {
		seq_printf(m, "file - - fd=%u,closed=1", fd);
		return;
	}
	seq_printf(m, "%s ", ipc_file_kind(file));
	ipc_seq_object(m, file, w->pid, fd);
	seq_printf(m, " - fd=%u,dir=%s", fd, dir);
	fput(file);
}

/*
 * A tid of the thread's pid namespace, in the reader's; 0 unless it is
 * another thread of the same process (a glibc owner field is trusted no
 * further).
 */
static pid_t same_process_tid(struct waits_line *w, pid_t tid)
{
	struct task_struct *t;
	struct pid *pid;
	pid_t nr = 0;

	if (tid <= 0)
		return 0;
	rcu_read_lock();
	pid = find_pid_ns(tid, task_active_pid_ns(w->task));
	t = pid_task(pid, PIDTYPE_PID);
	if (t && t != w->task && same_thread_group(t, w->task))
		nr = pid_nr_ns(pid, ipc_seq_pid_ns(w->m));
	rcu_read_unlock();
	return nr;
}

static void show_futex(struct waits_line *w)
{
	unsigned long uaddr = w->a[0];
	int op = w->a[1], cmd = op & FUTEX_CMD_MASK;
	struct seq_file *m = w->m;
	const char *src = "-";
	pid_t holder = 0;
	u32 val = 0;
	s32 owner;
	int err;

	err = ipc_read_user(w->ctx->file, w->task, uaddr, &val, sizeof(val));
	if (!err && (cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2)) {
		/* The kernel's PI ABI: the owner's tid in the word. */
		holder = ipc_task_ns_nr(m, w->task, val & FUTEX_TID_MASK);
		src = "pi";
	} else if (!err && (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET) &&
		   w->a[2] == 2 &&
		   !ipc_read_user(w->ctx->file, w->task,
				  uaddr + GLIBC_MUTEX_OWNER, &owner,
				  sizeof(owner))) {
		/*
		 * glibc's lll_lock waits with the value 2 ("locked, with
		 * waiters"); a pthread mutex keeps its owner's tid 8 bytes
		 * after the lock word. A guess from glibc's layout, so kept
		 * only when it names another thread of the same process.
		 */
		holder = same_process_tid(w, owner);
		if (holder)
			src = "glibc";
	}
	seq_printf(m, "futex futex:%d:0x%lx ", w->pid, uaddr);
	if (holder)
		seq_printf(m, "%d", holder);
	else
		seq_putc(m, '-');
	seq_printf(m, " op=%d,private=%d", cmd, !!(op & FUTEX_PRIVATE_FLAG));
	if (err)
		seq_printf(m, ",value=?,error=%d", err);
	else
		seq_printf(m, ",value=%u,expected=%lu,owner_src=%s", val,
			   w->a[2] & 0xffffffffUL, src);
}

static void show_sem(struct waits_line *w)
{
	struct sembuf ops[SEMOPS_SHOWN];
	unsigned long nsops = w->a[2];
	size_t n = min_t(unsigned long, nsops, SEMOPS_SHOWN), i;
	struct seq_file *m = w->m;

	seq_printf(m, "sem sem:%d - nsops=%lu", (int)w->a[0], nsops);
	if (!n || ipc_read_user(w->ctx->file, w->task, w->a[1], ops,
				n * sizeof(ops[0])))
		return;
	/* sem_num:sem_op:sem_flg of each operation */
	seq_puts(m, ",ops=");
	for (i = 0; i < n; i++)
		seq_printf(m, "%s%u:%d:%d", i ? ";" : "", ops[i].sem_num,
			   ops[i].sem_op, ops[i].sem_flg);
}

/* The holder of a file lock, from the initial pid namespace. */
static void put_lock_holder(struct waits_line *w, struct file *file,
			    const struct ipc_lock_req *req)
{
	pid_t holder;

	if (!ipc_lock_holder(file, req, &holder)) {
		seq_puts(w->m, " -");
	} else if (holder <= 0) {
		seq_puts(w->m, " ofd");
	} else {
		rcu_read_lock();
		holder = pid_nr_ns(find_pid_ns(holder, &init_pid_ns),
				   ipc_seq_pid_ns(w->m));
		rcu_read_unlock();
		seq_printf(w->m, " %d", holder);
	}
}

static void show_flock(struct waits_line *w)
{
	struct ipc_lock_req req = {
		.flock = true,
		.write = w->a[1] & LOCK_EX,
	};
	struct file *file = task_fd(w->task, w->a[0]);

	if (!file) {
		seq_puts(w->m, "flock - - closed=1");
		return;
	}
	seq_puts(w->m, "flock ");
	ipc_seq_object(w->m, file, w->pid, w->a[0]);
	put_lock_holder(w, file, &req);
	seq_printf(w->m, " fd=%lu,type=%s", w->a[0],
		   req.write ? "write" : "read");
	fput(file);
}

/* A struct flock of any ABI, as the lock code reads it. */
struct wflock {
	short type, whence;
	s64 start, len;
};

/*
 * The struct flock at @uaddr in the layout @cmd takes: the native one,
 * or for a 32-bit call compat_flock (F_SETLKW: 32-bit offsets) or
 * compat_flock64 (F_SETLKW64, F_OFD_SETLKW), as do_compat_fcntl64() has it.
 */
static int read_flock(struct waits_line *w, unsigned long cmd,
		      unsigned long uaddr, struct wflock *fl)
{
	struct flock f;
	int err;

#ifdef CONFIG_COMPAT
	if (w->compat) {
		struct compat_flock64 f64;
		struct compat_flock f32;

		if (cmd == F_SETLKW) {
			err = ipc_read_user(w->ctx->file, w->task, uaddr, &f32,
					    sizeof(f32));
			*fl = (struct wflock){ f32.l_type, f32.l_whence,
					       f32.l_start, f32.l_len };
		} else {
			err = ipc_read_user(w->ctx->file, w->task, uaddr, &f64,
					    sizeof(f64));
			*fl = (struct wflock){ f64.l_type, f64.l_whence,
					       f64.l_start, f64.l_len };
		}
		return err;
	}
#endif
	err = ipc_read_user(w->ctx->file, w->task, uaddr, &f, sizeof(f));
	*fl = (struct wflock){ f.l_type, f.l_whence, f.l_start, f.l_len };
	return err;
}

/* The byte range of a struct flock, as flock_to_posix_lock() makes it. */
static bool flock_range(struct file *file, const struct wflock *fl,
			struct ipc_lock_req *req)
{
	loff_t start;

	switch (fl->whence) {
	case SEEK_SET:
		start = 0;
		break;
	case SEEK_CUR:
		start = READ_ONCE(file->f_pos);
		break;
	case SEEK_END:
		start = i_size_read(file_inode(file));
		break;
	default:
		return false;
	}
	start += fl->start;
	if (fl->len > 0) {
		req->start = start;
		req->end = start + fl->len - 1;
	} else if (fl->len < 0) {
		req->start = start + fl->len;
		req->end = start - 1;
	} else {
		req->start = start;
		req->end = OFFSET_MAX;
	}
	req->write = fl->type == F_WRLCK;
	return req->start >= 0;
}

/* A blocking lock request: F_SETLKW, F_OFD_SETLKW, a 32-bit F_SETLKW64. */
static bool fcntl_waits(struct waits_line *w, unsigned long cmd)
{
	return cmd == F_SETLKW || cmd == F_OFD_SETLKW ||
	       (w->compat && cmd == F_SETLKW64);
}

static void show_fcntl(struct waits_line *w)
{
	unsigned long cmd = w->a[1];
	struct ipc_lock_req req = { .ofd = cmd == F_OFD_SETLKW };
	struct file *file;
	struct wflock fl;

	if (!fcntl_waits(w, cmd)) {
		seq_printf(w->m, "other - - cmd=%lu", cmd);
		return;
	}
	file = task_fd(w->task, w->a[0]);
	if (!file) {
		seq_puts(w->m, "posix_lock - - closed=1");
		return;
	}
	seq_printf(w->m, "%s ", req.ofd ? "ofd_lock" : "posix_lock");
	ipc_seq_object(w->m, file, w->pid, w->a[0]);
	/* POSIX locks belong to the file table, OFD locks to the file. */
	req.owner = req.ofd ? (const void *)file :
			      (const void *)READ_ONCE(w->task->files);
	if (read_flock(w, cmd, w->a[2], &fl) || !flock_range(file, &fl, &req)) {
		seq_printf(w->m, " - fd=%lu,range=?", w->a[0]);
	} else {
		put_lock_holder(w, file, &req);
		seq_printf(w->m, " fd=%lu,type=%s,start=%lld,end=%lld",
			   w->a[0], req.write ? "write" : "read",
			   (long long)req.start, (long long)req.end);
	}
	fput(file);
}

/*
 * ipc(2), the 32-bit entry to SysV IPC (ipc/syscall.c): the call in the
 * low 16 bits of the first argument, the version in the high ones. Its
 * semop and queue calls are unpacked into the arguments semtimedop(),
 * msgsnd() and msgrcv() take.
 */
#define IPC_SEMOP	1
#define IPC_SEMTIMEDOP	4
#define IPC_MSGSND	11
#define IPC_MSGRCV	12

static enum ipc_wkind demux_ipc(struct waits_line *w)
{
	unsigned long first = w->a[1], second = w->a[2], ptr = w->a[4];
	unsigned int call = w->a[0] & 0xffff, version = w->a[0] >> 16;
	s32 kludge[2];	/* version 0's struct ipc_kludge: msgp, msgtyp */
	long msgtyp = (s32)w->a[5];

	switch (call) {
	case IPC_SEMOP:
	case IPC_SEMTIMEDOP:
		w->a[0] = first;
		w->a[1] = ptr;
		w->a[2] = second;
		return W_SEM;
	case IPC_MSGSND:
		w->a[0] = first;
		w->a[1] = ptr;
		w->a[2] = second;
		return W_MSGSND;
	case IPC_MSGRCV:
		if (!version) {
			if (ipc_read_user(w->ctx->file, w->task, ptr, kludge,
					  sizeof(kludge)))
				return W_OTHER;
			ptr = (u32)kludge[0];
			msgtyp = kludge[1];
		}
		w->a[0] = first;
		w->a[1] = ptr;
		w->a[2] = second;
		w->a[3] = msgtyp;
		return W_MSGRCV;
	default:
		return W_OTHER;
	}
}

/*
 * socketcall(2), the 32-bit entry to sockets: the call, and a pointer to
 * its arguments as 32-bit words, the descriptor first.
 */
static enum ipc_wkind demux_socketcall(struct waits_line *w)
{
	static const u8 reads[] = { SYS_ACCEPT, SYS_RECV, SYS_RECVFROM,
				    SYS_RECVMSG, SYS_ACCEPT4, SYS_RECVMMSG };
	static const u8 writes[] = { SYS_CONNECT, SYS_SEND, SYS_SENDTO,
				     SYS_SENDMSG, SYS_SENDMMSG };
	unsigned long call = w->a[0];
	enum ipc_wkind kind = W_OTHER;
	u32 fd;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(reads); i++)
		if (call == reads[i])
			kind = W_FD_READ;
	for (i = 0; i < ARRAY_SIZE(writes); i++)
		if (call == writes[i])
			kind = W_FD_WRITE;
	if (kind == W_OTHER ||
	    ipc_read_user(w->ctx->file, w->task, w->a[1], &fd, sizeof(fd)))
		return W_OTHER;
	w->a[0] = fd;
	return kind;
}

/* A child waited for: wait4's pid (or -1, 0, -pgid), waitid's P_PID. */
static void show_child(struct waits_line *w, long pid)
{
	pid_t nr = pid > 0 ? ipc_task_ns_nr(w->m, w->task, pid) : 0;

	if (nr)
		seq_printf(w->m, "child child:%d %d pid=%ld", nr, nr, pid);
	else
		seq_printf(w->m, "child child:%d:any - pid=%ld", w->pid, pid);
}

static void show_object(struct waits_line *w, const struct ipc_wsys *s)
{
	enum ipc_wkind kind = s ? s->kind : W_OTHER;
	struct seq_file *m = w->m;

	if (kind == W_IPC)
		kind = demux_ipc(w);
	else if (kind == W_SOCKETCALL)
		kind = demux_socketcall(w);
	switch (kind) {
	case W_FD_READ:
		show_fd_wait(w, "read");
		break;
	case W_FD_WRITE:
		show_fd_wait(w, "write");
		break;
	case W_EPOLL:
	case W_MQ:
		show_fd_wait(w, "wait");
		break;
	case W_POLL:
		seq_printf(m, "poll - - nfds=%lu", w->a[1]);
		break;
	case W_FUTEX:
		show_futex(w);
		break;
	case W_SEM:
		show_sem(w);
		break;
	case W_MSGRCV:
		seq_printf(m, "msg msg:%d - dir=receive,msgtyp=%ld",
			   (int)w->a[0], (long)w->a[3]);
		break;
	case W_MSGSND:
		seq_printf(m, "msg msg:%d - dir=send,size=%lu",
			   (int)w->a[0], w->a[2]);
		break;
	case W_FLOCK:
		show_flock(w);
		break;
	case W_FCNTL:
		show_fcntl(w);
		break;
	case W_WAIT4:
		show_child(w, (int)w->a[0]);
		break;
	case W_WAITID:
		show_child(w, w->a[0] == P_PID ? (int)w->a[1] : -1);
		break;
	case W_SLEEP:
		seq_puts(m, "sleep - - -");
		break;
	case W_SIGNAL:
		seq_puts(m, "signal - - -");
		break;
	default:
		seq_puts(m, "other - - -");
	}
}

/*
 * Could @t be blocked? The exact test is core's, at show time. Kernel
 * threads too: they have no system call, but the reader may see them
 * (an administrator) and they are part of the picture.
 */
static bool maybe_blocked(struct task_struct *t)
{
	return t != current &&
	       (READ_ONCE(t->__state) &
		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE));
}

/* The first listed thread with a tid at or after *@pos (a tid). */
static struct task_struct *find_thread(struct seq_file *m, loff_t *pos)
{
	struct osedu_file_ctx *ctx = m->private;
	struct pid_namespace *ns = ipc_seq_pid_ns(m);
	struct task_struct *t = NULL;
	unsigned int batch = 0;
	struct pid *pid;
	pid_t nr = *pos;

	if (*pos > PID_MAX_LIMIT)
		return NULL;
	rcu_read_lock();
	for (; (pid = find_ge_pid(nr, ns)); nr++) {
		nr = pid_nr_ns(pid, ns);
		t = pid_task(pid, PIDTYPE_PID);
		if (t && maybe_blocked(t) && osedu_task_shown(ctx->file, t)) {
			get_task_struct(t);
			break;
		}
		t = NULL;
		if (++batch % WAITS_BATCH == 0) {
			rcu_read_unlock();
			cond_resched();
			rcu_read_lock();
		}
	}
	rcu_read_unlock();
	*pos = t ? nr : PID_MAX_LIMIT + 1;
	return t;
}

static void *waits_start(struct seq_file *m, loff_t *pos)
{
	if (!*pos)
		return SEQ_START_TOKEN;
	return find_thread(m, pos);
}

static void *waits_next(struct seq_file *m, void *v, loff_t *pos)
{
	if (v != SEQ_START_TOKEN)
		put_task_struct(v);
	++*pos;
	return find_thread(m, pos);
}

static void waits_stop(struct seq_file *m, void *v)
{
	if (v && v != SEQ_START_TOKEN)
		put_task_struct(v);
}

static int waits_show(struct seq_file *m, void *v)
{
	struct waits_line w = { .m = m, .ctx = m->private, .task = v };
	const struct ipc_wsys *s;
	const char *abi;
	unsigned long *a;
	int i;

	if (v == SEQ_START_TOKEN) {
		osedu_seq_header(m, "ipc-waits");
		seq_puts(m, "tid pid state syscall nr kind object holder detail args comm\n");
		return 0;
	}
	if (osedu_task_blocked_syscall(w.task, &w.sc))
		return SEQ_SKIP;	/* it ran since we found it */
	w.pid = ipc_pid_nr(m, task_tgid(w.task));
	s = ipc_wait_sys(&w.sc, &abi);
	w.compat = abi;
	for (i = 0; i < ARRAY_SIZE(w.a); i++)
		w.a[i] = w.compat ? (u32)w.sc.args[i] : w.sc.args[i];
	seq_printf(m, "%d %d %c ", ipc_pid_nr(m, task_pid(w.task)), w.pid,
		   task_state_to_char(w.task));
	if (w.task->flags & PF_KTHREAD) {
		seq_puts(m, "- -1 kthread - - -");
	} else if (w.sc.nr < 0) {
		seq_puts(m, "- -1 none - - -");
	} else {
		/* A 32-bit call is named with its ABI: "i386:read". */
		seq_printf(m, "%s%s%s %ld ", abi ?: "", abi ? ":" : "",
			   s ? s->name : "other", w.sc.nr);
		show_object(&w, s);
	}
	a = w.sc.args;
	seq_printf(m, " 0x%lx,0x%lx,0x%lx,0x%lx,0x%lx,0x%lx %s\n", a[0], a[1],
		   a[2], a[3], a[4], a[5], w.task->comm);
	return 0;
}

static const struct seq_operations waits_seq_ops = {
	.start = waits_start,
	.next = waits_next,
	.stop = waits_stop,
	.show = waits_show,
};

struct osedu_file ipc_waits_file = {
	.name = "waits",
	.seq_ops = &waits_seq_ops,
};
