// SPDX-License-Identifier: GPL-2.0
/*
 * Another process's open files, reached the way /proc/<pid>/fdinfo
 * reaches them: task_lock() keeps task->files from being swapped out
 * under us (exit and unshare replace it under that lock), and the table's
 * file_lock keeps every installed file referenced while we take our own.
 *
 * The kernel's iterators for this differ on every kernel osedu supports
 * (task_lookup_next_fd_rcu() on 6.1, task_lookup_next_fdget_rcu() on
 * 6.12, neither exported on all) and fget_task() is not exported; the
 * fdtable's bitmaps are in a public header and have not changed, so the
 * walk uses them and needs no compat helper.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/sched/task.h>
#include <linux/spinlock.h>

#include <osedu/core.h>

struct file *osedu_task_next_file(struct task_struct *task, unsigned int *fd,
				  bool *cloexec)
{
	struct files_struct *files;
	struct file *file = NULL;
	struct fdtable *fdt;
	unsigned int nr;

	task_lock(task);
	files = task->files;
	if (!files)
		goto unlock_task;
	spin_lock(&files->file_lock);
	fdt = files_fdtable(files);
	for (nr = *fd; nr < fdt->max_fds; nr++) {
		nr = find_next_bit(fdt->open_fds, fdt->max_fds, nr);
		if (nr >= fdt->max_fds)
			break;
		/* An fd is reserved (open bit set) before its file is installed. */
		file = files_lookup_fd_locked(files, nr);
		if (file) {
			get_file(file);
			*fd = nr;
			if (cloexec)
				*cloexec = test_bit(nr, fdt->close_on_exec);
			break;
		}
	}
	spin_unlock(&files->file_lock);
unlock_task:
	task_unlock(task);
	return file;
}
EXPORT_SYMBOL_GPL(osedu_task_next_file);
