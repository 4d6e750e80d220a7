// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/vfs/<pid>: a process's view of the file system. Its cwd and
 * root, then one record per open file: the fd, the struct file (offset,
 * flags, mode, reference count), its dentry and path, the inode and the
 * superblock, the chain that open(2) builds and read(2) follows.
 *
 * The file streams through seq_file and its position is the fd number
 * (plus one; 0 is the header), so a read that resumes finds its place
 * with one bitmap search (osedu_task_next_file()) and a process with
 * 10,000 files costs one record of memory at a time.
 *
 * Like /proc/<pid>/fdinfo, the files are another process's: each is held
 * by a reference only while its record is printed. file_refs leaves out
 * that reference: it counts the fds and other holders.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dcache.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs_struct.h>
#include <linux/sched/task.h>
#include <linux/slab.h>

#include "compat.h"
#include "internal.h"

struct vd_task {
	struct task_struct *task;	/* between start and stop */
	struct file *file;		/* the record being printed */
	unsigned int fd;
	bool cloexec;
};

/* The record at position 0: the process, its cwd and root. */
static char header_token;

static int task_open(struct osedu_task_file *tf, struct task_struct *task)
{
	struct vd_task *v = kzalloc(sizeof(*v), GFP_KERNEL);

	if (!v)
		return -ENOMEM;
	tf->priv = v;
	return 0;
}

static void task_release(struct osedu_task_file *tf)
{
	kfree(tf->priv);
}

static void drop_file(struct vd_task *v)
{
	if (v->file) {
		fput(v->file);
		v->file = NULL;
	}
}

/* The first open file at or above fd *@pos - 1, or NULL. */
static void *find_fd(struct vd_task *v, loff_t *pos)
{
	unsigned int fd;

	drop_file(v);
	if (*pos - 1 > INT_MAX)
		return NULL;
	fd = *pos - 1;
	v->file = osedu_task_next_file(v->task, &fd, &v->cloexec);
	if (!v->file)
		return NULL;
	v->fd = fd;
	*pos = (loff_t)fd + 1;
	return v;
}

static void *task_start(struct seq_file *m, loff_t *pos)
{
	struct osedu_task_file *tf = m->private;
	struct vd_task *v = tf->priv;
	struct task_struct *task;

	v->task = NULL;
	v->file = NULL;
	task = osedu_task_for_read(tf);
	if (IS_ERR(task))
		return task;
	v->task = task;
	if (*pos == 0)
		return &header_token;
	return find_fd(v, pos);
}

static void *task_next(struct seq_file *m, void *p, loff_t *pos)
{
	struct osedu_task_file *tf = m->private;
	struct vd_task *v = tf->priv;

	if (p == &header_token) {
		*pos = 1;
	} else {
		if (v->fd >= INT_MAX) {
			drop_file(v);
			++*pos;
			return NULL;
		}
		*pos = (loff_t)v->fd + 2;
	}
	p = find_fd(v, pos);
	if (!p)
		++*pos;
	return p;
}

static void task_stop(struct seq_file *m, void *p)
{
	struct osedu_task_file *tf = m->private;
	struct vd_task *v = tf->priv;

	drop_file(v);
	if (v->task) {
		put_task_struct(v->task);
		v->task = NULL;
	}
}

/* cwd and root, as /proc/<pid>/cwd and root reach them. */
static void show_fs(struct seq_file *m, struct task_struct *task)
{
	struct path cwd, root;
	bool have = false;

	task_lock(task);
	if (task->fs) {
		get_fs_pwd(task->fs, &cwd);
		get_fs_root(task->fs, &root);
		have = true;
	}
	task_unlock(task);
	if (!have) {
		seq_puts(m, "cwd: -\nroot: -\n");
		return;
	}
	vd_show_path(m, "cwd", &cwd);
	vd_show_path(m, "root", &root);
	path_put(&cwd);
	path_put(&root);
}

static void show_header(struct seq_file *m, struct osedu_task_file *tf,
			struct task_struct *task)
{
	osedu_seq_header(m, "vfs");
	seq_printf(m, "pid: %d\n", osedu_pid_nr(m->file, task));
	seq_printf(m, "comm: %s\n", task->comm);
	show_fs(m, task);
}

static void show_fd(struct seq_file *m, struct osedu_task_file *tf,
		    struct vd_task *v)
{
	struct file *file = v->file;
	struct dentry *dentry = file->f_path.dentry;
	struct inode *inode = file_inode(file);
	unsigned int flags = file->f_flags;

	if (v->cloexec)
		flags |= O_CLOEXEC;
	seq_puts(m, "\n");
	seq_printf(m, "fd: %u\n", v->fd);
	seq_printf(m, "file_id: 0x%016llx\n", vd_obj_id(file));
	seq_printf(m, "pos: %lld\n", (long long)READ_ONCE(file->f_pos));
	seq_printf(m, "flags: 0x%x\n", flags);
	seq_printf(m, "cloexec: %d\n", v->cloexec);
	seq_printf(m, "f_mode: 0x%x\n", (__force unsigned int)file->f_mode);
	/* Less the reference this read holds. */
	seq_printf(m, "file_refs: %ld\n", (long)file_count(file) - 1);
	seq_printf(m, "dentry: %pd\n", dentry);
	seq_printf(m, "dentry_id: 0x%016llx\n", vd_obj_id(dentry));
	seq_printf(m, "dentry_refs: %d\n", d_count(dentry));
	vd_show_path(m, "path", &file->f_path);
	seq_printf(m, "inode_id: 0x%016llx\n", vd_obj_id(inode));
	vd_show_inode(m, file->f_path.mnt, inode,
		      vd_cache_allowed(m->file, &tf->access, inode));
	vd_show_sb(m, inode->i_sb);
}

static int task_show(struct seq_file *m, void *p)
{
	struct osedu_task_file *tf = m->private;
	struct vd_task *v = tf->priv;

	if (p == &header_token)
		show_header(m, tf, v->task);
	else
		show_fd(m, tf, v);
	return 0;
}

static const struct seq_operations task_seq_ops = {
	.start = task_start,
	.next = task_next,
	.stop = task_stop,
	.show = task_show,
};

static struct osedu_view vfs_view = {
	.name = "vfs",
	.seq_ops = &task_seq_ops,
	.open = task_open,
	.release = task_release,
};

int vd_task_init(void)
{
	return osedu_register_view(&vfs_view);
}

void vd_task_exit(void)
{
	osedu_unregister_view(&vfs_view);
}

struct proc_dir_entry *vd_dir(void)
{
	return osedu_view_dir(&vfs_view);
}
