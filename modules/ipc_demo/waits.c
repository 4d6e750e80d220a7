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
#include <linux/fcntl.h>
#include <linux/file.h>
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
#include <asm/unistd.h>

#include "internal.h"

enum wkind { W_OTHER, W_FD_READ, W_FD_WRITE, W_EPOLL, W_POLL, W_FUTEX,
	     W_SEM, W_MSGRCV, W_MSGSND, W_MQ, W_FLOCK, W_FCNTL, W_WAIT4,
	     W_WAITID, W_SLEEP, W_SIGNAL };

struct wsys {
	int nr;
	const char *name;
	enum wkind kind;
};

#define W(sys, k)	{ __NR_##sys, #sys, k }

/* The calls a thread blocks in, by number; the rest print as "other". */
static const struct wsys wsys[] = {
	W(read, W_FD_READ), W(readv, W_FD_READ), W(pread64, W_FD_READ),
	W(preadv, W_FD_READ), W(preadv2, W_FD_READ),
	W(recvfrom, W_FD_READ), W(recvmsg, W_FD_READ),
	W(recvmmsg, W_FD_READ), W(accept, W_FD_READ), W(accept4, W_FD_READ),
	W(write, W_FD_WRITE), W(writev, W_FD_WRITE), W(pwrite64, W_FD_WRITE),
	W(pwritev, W_FD_WRITE), W(sendto, W_FD_WRITE),
	W(sendmsg, W_FD_WRITE), W(sendmmsg, W_FD_WRITE),
	W(connect, W_FD_WRITE), W(splice, W_FD_READ),
	W(epoll_pwait, W_EPOLL), W(epoll_pwait2, W_EPOLL),
	W(ppoll, W_POLL), W(pselect6, W_POLL),
	W(futex, W_FUTEX), W(semop, W_SEM), W(semtimedop, W_SEM),
	W(msgrcv, W_MSGRCV), W(msgsnd, W_MSGSND),
	W(mq_timedreceive, W_MQ), W(mq_timedsend, W_MQ),
	W(flock, W_FLOCK), W(fcntl, W_FCNTL), W(wait4, W_WAIT4),
	W(waitid, W_WAITID), W(clock_nanosleep, W_SLEEP),
	W(nanosleep, W_SLEEP), W(rt_sigsuspend, W_SIGNAL),
	W(rt_sigtimedwait, W_SIGNAL),
	/* Not in the generic table (arm64 has none of these). */
#ifdef __NR_epoll_wait
	W(epoll_wait, W_EPOLL),
#endif
#ifdef __NR_poll
	W(poll, W_POLL),
#endif
#ifdef __NR_select
	W(select, W_POLL),
#endif
#ifdef __NR_pause
	W(pause, W_SIGNAL),
#endif
};

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
};

static const struct wsys *find_sys(long nr)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(wsys); i++)
		if (wsys[i].nr == nr)
			return &wsys[i];
	return NULL;
}

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
	unsigned int fd = w->sc.args[0];
	struct seq_file *m = w->m;
	struct file *file = task_fd(w->task, w->sc.args[0]);

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
	unsigned long uaddr = w->sc.args[0];
	int op = w->sc.args[1], cmd = op & FUTEX_CMD_MASK;
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
		   w->sc.args[2] == 2 &&
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
			   w->sc.args[2] & 0xffffffffUL, src);
}

static void show_sem(struct waits_line *w)
{
	struct sembuf ops[SEMOPS_SHOWN];
	unsigned long nsops = w->sc.args[2];
	size_t n = min_t(unsigned long, nsops, SEMOPS_SHOWN), i;
	struct seq_file *m = w->m;

	seq_printf(m, "sem sem:%d - nsops=%lu", (int)w->sc.args[0], nsops);
	if (!n || ipc_read_user(w->ctx->file, w->task, w->sc.args[1], ops,
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
		.write = w->sc.args[1] & LOCK_EX,
	};
	struct file *file = task_fd(w->task, w->sc.args[0]);

	if (!file) {
		seq_puts(w->m, "flock - - closed=1");
		return;
	}
	seq_puts(w->m, "flock ");
	ipc_seq_object(w->m, file, w->pid, w->sc.args[0]);
	put_lock_holder(w, file, &req);
	seq_printf(w->m, " fd=%lu,type=%s", w->sc.args[0],
		   req.write ? "write" : "read");
	fput(file);
}

/* The byte range of a struct flock, as flock_to_posix_lock() makes it. */
static bool flock_range(struct file *file, const struct flock *fl,
			struct ipc_lock_req *req)
{
	loff_t start;

	switch (fl->l_whence) {
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
	start += fl->l_start;
	if (fl->l_len > 0) {
		req->start = start;
		req->end = start + fl->l_len - 1;
	} else if (fl->l_len < 0) {
		req->start = start + fl->l_len;
		req->end = start - 1;
	} else {
		req->start = start;
		req->end = OFFSET_MAX;
	}
	req->write = fl->l_type == F_WRLCK;
	return req->start >= 0;
}

static void show_fcntl(struct waits_line *w)
{
	unsigned long cmd = w->sc.args[1];
	struct ipc_lock_req req = { .ofd = cmd == F_OFD_SETLKW };
	struct file *file;
	struct flock fl;

	if (cmd != F_SETLKW && cmd != F_OFD_SETLKW) {
		seq_printf(w->m, "other - - cmd=%lu", cmd);
		return;
	}
	file = task_fd(w->task, w->sc.args[0]);
	if (!file) {
		seq_puts(w->m, "posix_lock - - closed=1");
		return;
	}
	seq_printf(w->m, "%s ", req.ofd ? "ofd_lock" : "posix_lock");
	ipc_seq_object(w->m, file, w->pid, w->sc.args[0]);
	/* POSIX locks belong to the file table, OFD locks to the file. */
	req.owner = req.ofd ? (const void *)file :
			      (const void *)READ_ONCE(w->task->files);
	if (ipc_read_user(w->ctx->file, w->task, w->sc.args[2], &fl,
			  sizeof(fl)) || !flock_range(file, &fl, &req)) {
		seq_printf(w->m, " - fd=%lu,range=?", w->sc.args[0]);
	} else {
		put_lock_holder(w, file, &req);
		seq_printf(w->m, " fd=%lu,type=%s,start=%lld,end=%lld",
			   w->sc.args[0], req.write ? "write" : "read",
			   (long long)req.start, (long long)req.end);
	}
	fput(file);
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

static void show_object(struct waits_line *w, const struct wsys *s)
{
	struct seq_file *m = w->m;

	switch (s ? s->kind : W_OTHER) {
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
		seq_printf(m, "poll - - nfds=%lu", w->sc.args[1]);
		break;
	case W_FUTEX:
		show_futex(w);
		break;
	case W_SEM:
		show_sem(w);
		break;
	case W_MSGRCV:
		seq_printf(m, "msg msg:%d - dir=receive,msgtyp=%ld",
			   (int)w->sc.args[0], (long)w->sc.args[3]);
		break;
	case W_MSGSND:
		seq_printf(m, "msg msg:%d - dir=send,size=%lu",
			   (int)w->sc.args[0], w->sc.args[2]);
		break;
	case W_FLOCK:
		show_flock(w);
		break;
	case W_FCNTL:
		show_fcntl(w);
		break;
	case W_WAIT4:
		show_child(w, (int)w->sc.args[0]);
		break;
	case W_WAITID:
		show_child(w, w->sc.args[0] == P_PID ? (int)w->sc.args[1] : -1);
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

/* Could @t be blocked? The exact test is core's, at show time. */
static bool maybe_blocked(struct task_struct *t)
{
	return !(t->flags & PF_KTHREAD) && t != current &&
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
	const struct wsys *s;
	unsigned long *a;

	if (v == SEQ_START_TOKEN) {
		osedu_seq_header(m, "ipc-waits");
		seq_puts(m, "tid pid state syscall nr kind object holder detail args comm\n");
		return 0;
	}
	if (osedu_task_blocked_syscall(w.task, &w.sc))
		return SEQ_SKIP;	/* it ran since we found it */
	w.pid = ipc_pid_nr(m, task_tgid(w.task));
	s = w.sc.nr >= 0 ? find_sys(w.sc.nr) : NULL;
	seq_printf(m, "%d %d %c ", ipc_pid_nr(m, task_pid(w.task)), w.pid,
		   task_state_to_char(w.task));
	if (w.sc.nr < 0)
		seq_puts(m, "- -1 none - - -");
	else
		seq_printf(m, "%s %ld ", s ? s->name : "other", w.sc.nr);
	if (w.sc.nr >= 0)
		show_object(&w, s);
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
