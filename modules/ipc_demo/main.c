// SPDX-License-Identifier: GPL-2.0
/*
 * osedu_ipc_demo: pipes, sockets, signals, SysV IPC and who waits on what,
 * under /proc/osedu/ipc/.
 *
 * Two kernel objects have no exported name: pipefifo_fops (the file
 * operations of every FIFO) and the internal tmpfs mount SysV
 * shared memory lives on. Both are learnt once here from exported
 * functions that hand them out: init_special_inode() on a dummy inode
 * sets i_fop to pipefifo_fops, and shmem_file_setup() creates a file on
 * the internal mount.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/magic.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "compat.h"
#include "internal.h"

static const struct file_operations *fifo_fops;
static const struct super_block *shm_sb;

/*
 * A FIFO's file has pipefifo_fops. An anonymous pipe's had them too until
 * 6.14, which gave it its own (pipeanon_fops, static): every file on
 * pipefs is a pipe(2) end, its private_data the pipe, as get_pipe_info()
 * assumes for both.
 */
bool ipc_is_pipe(const struct file *file)
{
	return file->f_op == fifo_fops ||
	       file_inode(file)->i_sb->s_magic == PIPEFS_MAGIC;
}

/*
 * ipc/shm.c names every segment's file "SYSV%08x" (its key) on the
 * internal mount. memfd files live there too but are named "memfd:...";
 * a file of that name on a tmpfs the user mounted is on another sb.
 */
bool ipc_is_sysv_shm(const struct file *file)
{
	return file_inode(file)->i_sb == shm_sb &&
	       !strncmp(file->f_path.dentry->d_name.name, "SYSV", 4);
}

int ipc_learn_init(void)
{
	struct inode *inode;
	struct file *f;

	/* Only i_mode and i_fop are written: no sb, never a live inode. */
	inode = kzalloc(sizeof(*inode), GFP_KERNEL);
	if (!inode)
		return -ENOMEM;
	init_special_inode(inode, S_IFIFO | 0600, 0);
	fifo_fops = inode->i_fop;
	kfree(inode);
	if (!fifo_fops) {
		pr_err("init_special_inode() gave a FIFO no file operations\n");
		return -ENOENT;
	}

	f = ipc_shmem_file("osedu_ipc_probe");
	if (IS_ERR(f))
		return PTR_ERR(f);
	/* The internal mount is never unmounted: its sb outlives the file. */
	shm_sb = file_inode(f)->i_sb;
	fput(f);
	return 0;
}

struct pid_namespace *ipc_seq_pid_ns(struct seq_file *m)
{
	return proc_pid_ns(file_inode(m->file)->i_sb);
}

pid_t ipc_pid_nr(struct seq_file *m, struct pid *pid)
{
	return pid ? pid_nr_ns(pid, ipc_seq_pid_ns(m)) : 0;
}

pid_t ipc_task_ns_nr(struct seq_file *m, struct task_struct *task, pid_t nr)
{
	struct pid_namespace *ns;
	pid_t ret = 0;

	if (nr <= 0)
		return 0;
	rcu_read_lock();
	ns = task_active_pid_ns(task);
	if (ns)
		ret = pid_nr_ns(find_pid_ns(nr, ns), ipc_seq_pid_ns(m));
	rcu_read_unlock();
	return ret;
}

static int __init ipc_demo_init(void)
{
	int ret;

	ret = ipc_learn_init();
	if (ret)
		return ret;
	ret = osedu_register_view(&ipc_view);
	if (ret)
		return ret;
	/* Beside the <pid> entries core keeps in the view's directory. */
	ret = osedu_file_create(osedu_view_dir(&ipc_view), &ipc_sysv_file);
	if (ret)
		goto unregister_view;
	ret = osedu_file_create(osedu_view_dir(&ipc_view), &ipc_waits_file);
	if (ret)
		goto remove_sysv;
	return 0;

remove_sysv:
	osedu_file_remove(&ipc_sysv_file);
unregister_view:
	osedu_unregister_view(&ipc_view);
	return ret;
}

static void __exit ipc_demo_exit(void)
{
	osedu_file_remove(&ipc_waits_file);
	osedu_file_remove(&ipc_sysv_file);
	osedu_unregister_view(&ipc_view);
}

module_init(ipc_demo_init);
module_exit(ipc_demo_exit);
MODULE_DESCRIPTION("osedu: pipes, sockets, signals, SysV IPC and waits");
MODULE_LICENSE("GPL");
