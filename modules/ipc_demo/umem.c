// SPDX-License-Identifier: GPL-2.0
/*
 * Reading another process's memory for the waits file: a futex word, a
 * glibc mutex's owner field, a semop's sembuf array, an fcntl's struct
 * flock. Only when the reader may open the task (core's osedu_task_pin(),
 * the ptrace read rule, checked against the reader's credentials), and
 * only from the address space that check allowed: access_process_vm()
 * reads the task's mm of the moment, so the read is discarded unless that
 * is still the pinned mm afterwards (an exec in between swaps it; exec
 * never returns to an older mm, and the pinned one cannot be freed and
 * reused while we hold it).
 */
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/task.h>

#include "internal.h"

int ipc_read_user(struct file *file, struct task_struct *task,
		  unsigned long addr, void *buf, size_t len)
{
	struct mm_struct *mm;
	bool same;
	u64 exec_id;
	int ret, n;

	ret = osedu_task_pin(file, task, &mm, &exec_id);
	if (ret)
		return ret;
	if (!mm)
		return -ESRCH;
	n = access_process_vm(task, addr, buf, len, 0);
	task_lock(task);
	same = task->mm == mm;
	task_unlock(task);
	osedu_mm_unpin(mm);
	if (!same)
		return -ESRCH;
	return n == len ? 0 : -EFAULT;
}
