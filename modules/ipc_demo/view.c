// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/ipc/<pid>: the IPC objects a process holds, block by block.
 *
 * The first block is the process (its signal disposition included); then
 * one block per open file, reached the way /proc/<pid>/fdinfo reaches
 * them (core's osedu_task_next_file()); then one per SysV segment it has
 * attached; then one per thread with the signals that are the thread's
 * own. Blocks are separated by an empty line and begin with their kind:
 * "fd:", "shm:", "thread:".
 */
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/magic.h>
#include <linux/ipc_namespace.h>
#include <linux/net.h>
#include <linux/nsproxy.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>

#include "internal.h"

/* ipc/mqueue.c's superblock magic (statfs(2) reports it: it is ABI). */
#define IPC_MQUEUE_MAGIC	0x19800202

const char *ipc_file_kind(const struct file *file)
{
	struct inode *inode = file_inode(file);
	struct socket *sock;
	const char *anon;

	if (ipc_is_pipe(file))
		return inode->i_sb->s_magic == PIPEFS_MAGIC ? "pipe" : "fifo";
	sock = sock_from_file((struct file *)file);
	if (sock && sock->sk)
		return ipc_sock_kind(sock->sk);
	if (inode->i_sb->s_magic == IPC_MQUEUE_MAGIC)
		return "mqueue";
	anon = ipc_anon_kind(file);
	if (anon)
		return anon;
	if (ipc_is_sysv_shm(file))
		return "sysv_shm";
	return "file";
}

/*
 * The identity of the object behind @file, the same in every osedu file
 * (the nodes of the tools' graphs): what its /proc/<pid>/fd link reads
 * for pipes and sockets; /proc/locks's "maj:min:ino" for an inode; for an
 * anon inode (all of them share one inode) the descriptor that holds it.
 */
void ipc_seq_object(struct seq_file *m, const struct file *file, pid_t pid,
		    unsigned int fd)
{
	struct inode *inode = file_inode(file);
	unsigned long long ino = inode->i_ino;
	const char *anon;

	if (ipc_is_pipe(file) && inode->i_sb->s_magic == PIPEFS_MAGIC) {
		seq_printf(m, "pipe:[%llu]", ino);
	} else if (sock_from_file((struct file *)file)) {
		seq_printf(m, "socket:[%llu]", ino);
	} else {
		anon = ipc_anon_kind(file);
		if (anon)
			seq_printf(m, "anon_inode:%s:%d:%u", anon, pid, fd);
		else
			/* /proc/locks's identity of an inode */
			seq_printf(m, "inode:%02x:%02x:%llu",
				   MAJOR(inode->i_sb->s_dev),
				   MINOR(inode->i_sb->s_dev), ino);
	}
}

static void show_fd(struct seq_file *m, pid_t pid, unsigned int fd,
		    bool cloexec, struct file *file)
{
	const char *kind = ipc_file_kind(file);

	seq_printf(m, "\nfd: %u\nkind: %s\nobject: ", fd, kind);
	ipc_seq_object(m, file, pid, fd);
	seq_printf(m, "\nflags: 0%o\ncloexec: %d\npos: %lld\n",
		   file->f_flags, cloexec, (long long)file->f_pos);
	if (ipc_is_pipe(file))
		ipc_pipe_show(m, file);
	else if (!ipc_sock_show(m, file))
		ipc_fdinfo_show(m, file);
}

/*
 * The IPC namespace @task's SysV ids are numbered in (its
 * /proc/<pid>/ns/ipc inode), so that tools join its "shm:" blocks with
 * /proc/sysvipc/shm only within one namespace; 0 once it has exited.
 * task_lock() keeps the nsproxy, which holds the namespace.
 */
static unsigned int task_ipc_ns(struct task_struct *task)
{
	unsigned int inum = 0;

	task_lock(task);
	if (task->nsproxy)
		inum = task->nsproxy->ipc_ns->ns.inum;
	task_unlock(task);
	return inum;
}

static int ipc_show(struct seq_file *m, struct osedu_task_file *tf,
		    struct task_struct *task)
{
	pid_t pid = ipc_pid_nr(m, task_tgid(task));
	unsigned int fd = 0;
	struct file *file;
	bool cloexec;

	osedu_seq_header(m, "ipc");
	seq_printf(m, "pid: %d\ncomm: %s\nns_ipc: %u\n", pid, task->comm,
		   task_ipc_ns(task));
	ipc_signal_process_show(m, tf, task);
	while ((file = osedu_task_next_file(task, &fd, &cloexec))) {
		show_fd(m, pid, fd, cloexec, file);
		fput(file);
		fd++;
		if (seq_has_overflowed(m))
			return 0;	/* seq_file retries with a larger buffer */
		cond_resched();
	}
	ipc_shm_show(m, task);
	ipc_signal_threads_show(m, task);
	return 0;
}

struct osedu_view ipc_view = {
	.name = "ipc",
	.show = ipc_show,
};
