// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only files for core's file helpers (files.c, fds.c, blocked.c),
 * so that they are tested on their own, before any module relies on them:
 *
 *   /proc/osedu/coretest-list   a streamed system-wide list: one line
 *                               "PID COMM" per process the reader may
 *                               see (osedu_task_shown())
 *   /proc/osedu/coretest-query  a transaction file: write a pid, read
 *                               that process's open files
 *                               (osedu_task_next_file()), its signal
 *                               counts (osedu_lock_task_sighand()) and,
 *                               per thread, the system call it is
 *                               blocked in (osedu_task_blocked_syscall())
 *
 * Every line holds something a test checks against /proc: the fd links
 * and fdinfo, /proc/<pid>/status and /proc/<pid>/task/<tid>/syscall.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/file.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>

#include <osedu/core.h>

/* The list: a cursor by pid number, so a read resumes where it stopped. */
static struct task_struct *list_from(struct seq_file *m, loff_t pos)
{
	struct osedu_file_ctx *ctx = m->private;
	struct task_struct *task;
	struct pid *pid;
	int nr = pos;

	rcu_read_lock();
	for (;;) {
		pid = find_ge_pid(nr, &init_pid_ns);
		if (!pid)
			break;
		task = pid_task(pid, PIDTYPE_TGID);
		if (task && osedu_task_shown(ctx->file, task)) {
			get_task_struct(task);
			rcu_read_unlock();
			m->index = pid_nr(pid);
			return task;
		}
		nr = pid_nr(pid) + 1;
	}
	rcu_read_unlock();
	return NULL;
}

static void *list_start(struct seq_file *m, loff_t *pos)
{
	struct task_struct *task;

	if (!*pos)
		return SEQ_START_TOKEN;
	task = list_from(m, *pos);
	if (task)
		*pos = m->index;
	return task;
}

static void *list_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct task_struct *task;
	loff_t from = *pos + 1;

	if (v != SEQ_START_TOKEN)
		put_task_struct(v);
	task = list_from(m, from);
	*pos = task ? m->index : from;
	return task;
}

static void list_stop(struct seq_file *m, void *v)
{
	if (v && v != SEQ_START_TOKEN)
		put_task_struct(v);
}

static int list_show(struct seq_file *m, void *v)
{
	char comm[TASK_COMM_LEN];

	if (v == SEQ_START_TOKEN) {
		osedu_seq_header(m, "coretest-list");
		return 0;
	}
	seq_printf(m, "%d %s\n", osedu_pid_nr(((struct osedu_file_ctx *)
						m->private)->file, v),
		   get_task_comm(comm, (struct task_struct *)v));
	return 0;
}

static const struct seq_operations list_seq_ops = {
	.start	= list_start,
	.next	= list_next,
	.stop	= list_stop,
	.show	= list_show,
};

static struct osedu_file list_file = {
	.name = "coretest-list",
	.seq_ops = &list_seq_ops,
};

struct query {
	struct pid *pid;
};

static void query_reset(struct osedu_file_ctx *ctx)
{
	struct query *q = ctx->priv;

	put_pid(q->pid);
	q->pid = NULL;
}

static int query_request(struct osedu_file_ctx *ctx, char *line)
{
	struct query *q = ctx->priv;
	struct task_struct *task;
	struct pid *pid;
	int nr, ret;

	if (kstrtoint(line, 10, &nr) || nr <= 0)
		return -EINVAL;
	pid = osedu_find_pid(ctx->file, nr);
	task = get_pid_task(pid, PIDTYPE_TGID);
	if (!task) {
		put_pid(pid);
		return -ESRCH;
	}
	ret = osedu_may_open_task(ctx->file, task);
	put_task_struct(task);
	if (ret) {
		put_pid(pid);
		return ret;
	}
	q->pid = pid;
	return 0;
}

static void show_files(struct seq_file *m, struct task_struct *task)
{
	unsigned int fd = 0;
	struct file *file;
	bool cloexec;

	while ((file = osedu_task_next_file(task, &fd, &cloexec))) {
		seq_printf(m, "fd: %u ino: %llu cloexec: %d\n", fd,
			   (u64)file_inode(file)->i_ino, cloexec);
		fput(file);
		fd++;
	}
}

static void show_signals(struct seq_file *m, struct task_struct *task)
{
	struct sighand_struct *sighand;
	unsigned long flags;
	int caught = 0, sig;

	sighand = osedu_lock_task_sighand(task, &flags);
	if (!sighand) {
		seq_puts(m, "caught: -\n");
		return;
	}
	for (sig = 1; sig <= _NSIG; sig++) {
		void __user *h = sighand->action[sig - 1].sa.sa_handler;

		if (h != SIG_DFL && h != SIG_IGN)
			caught++;
	}
	osedu_unlock_task_sighand(sighand, &flags);
	seq_printf(m, "caught: %d\n", caught);
}

static void show_threads(struct seq_file *m, struct task_struct *leader)
{
	struct osedu_syscall sc;
	struct task_struct *t;

	rcu_read_lock();
	for_each_thread(leader, t) {
		int ret = osedu_task_blocked_syscall(t, &sc);

		seq_printf(m, "tid: %d ", task_pid_nr(t));
		if (ret)
			seq_puts(m, "running\n");
		else
			seq_printf(m, "syscall: %ld 0x%lx 0x%lx 0x%lx\n", sc.nr,
				   sc.args[0], sc.args[1], sc.args[2]);
	}
	rcu_read_unlock();
}

static int query_show(struct seq_file *m, struct osedu_file_ctx *ctx)
{
	struct query *q = ctx->priv;
	struct task_struct *task;

	task = get_pid_task(q->pid, PIDTYPE_TGID);
	if (!task)
		return -ESRCH;
	osedu_seq_header(m, "coretest-query");
	seq_printf(m, "pid: %d\n", osedu_pid_nr(ctx->file, task));
	show_files(m, task);
	show_signals(m, task);
	show_threads(m, task);
	put_task_struct(task);
	return 0;
}

static struct osedu_file query_file = {
	.name = "coretest-query",
	.show = query_show,
	.priv_size = sizeof(struct query),
	.request = query_request,
	.reset = query_reset,
};

static int __init osedu_test_files_init(void)
{
	int ret;

	ret = osedu_file_create(osedu_proc_root(), &list_file);
	if (ret)
		return ret;
	ret = osedu_file_create(osedu_proc_root(), &query_file);
	if (ret)
		goto remove_list;
	return 0;

remove_list:
	osedu_file_remove(&list_file);
	return ret;
}

static void __exit osedu_test_files_exit(void)
{
	osedu_file_remove(&query_file);
	osedu_file_remove(&list_file);
}

module_init(osedu_test_files_init);
module_exit(osedu_test_files_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("osedu selftest: files that exercise core's file helpers");
