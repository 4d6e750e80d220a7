// SPDX-License-Identifier: GPL-2.0
/*
 * A pipe is a ring of pipe_buffer slots in kernel memory: writers fill
 * the slot at head, readers drain the one at tail, and a writer that
 * finds max_usage slots in use sleeps on wr_wait until a reader frees
 * one (a reader on an empty pipe sleeps on rd_wait).
 *
 * The ring is read under the pipe's lock, as pipe_read() and pipe_write()
 * change it; but only taken with a trylock. A reader that splices this
 * very file into a pipe (busybox cat does, through sendfile:
 * "cat /proc/osedu/ipc/self | less") already holds that pipe's lock when
 * it gets here, and would wait for itself forever; lockdep also sees the
 * order seq_file lock -> pipe lock against splice's pipe lock -> seq_file
 * lock. A lock held past a short wait is reported as "ring: busy". The
 * sleepers are found on the wait queues under their own
 * lock: pipe_read() and pipe_write() sleep through wait_event_*(), whose
 * entries carry the sleeping task; poll and epoll entries carry other
 * things and are counted, not named.
 */
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/pipe_fs_i.h>
#include <linux/sched.h>
#include <linux/wait.h>

#include "internal.h"

/* At most this many waiting tids are named per queue. */
#define PIPE_WAITERS_SHOWN	64

static void show_waiters(struct seq_file *m, const char *key,
			 struct wait_queue_head *wq)
{
	struct wait_queue_entry *e;
	unsigned int n = 0, other = 0;

	seq_printf(m, "%s:", key);
	spin_lock_irq(&wq->lock);
	list_for_each_entry(e, &wq->head, entry) {
		/* The queue's lock keeps the entry, and so its sleeper. */
		if ((e->func == autoremove_wake_function ||
		     e->func == default_wake_function ||
		     e->func == woken_wake_function) && e->private) {
			if (n++ < PIPE_WAITERS_SHOWN)
				seq_printf(m, " %d",
					   ipc_pid_nr(m, task_pid(e->private)));
		} else {
			other++;
		}
	}
	spin_unlock_irq(&wq->lock);
	if (!n)
		seq_puts(m, " -");
	seq_printf(m, "\n%s_polling: %u\n", key, other);
}

/* The pipe's lock, if it comes free within about 20 ms; never waited on. */
static bool pipe_trylock_briefly(struct pipe_inode_info *pipe)
{
	int i;

	for (i = 0; i < 20; i++) {
		if (mutex_trylock(&pipe->mutex))
			return true;
		usleep_range(500, 1000);
	}
	return false;
}

void ipc_pipe_show(struct seq_file *m, struct file *file)
{
	struct pipe_inode_info *pipe = file->private_data;
	unsigned int head, tail, size, used, i;
	size_t bytes = 0;

	if (!pipe)
		return;
	if (!pipe_trylock_briefly(pipe)) {
		seq_puts(m, "ring: busy\n");
		goto waiters;
	}
	head = pipe->head;
	tail = pipe->tail;
	size = pipe->ring_size;
	used = pipe_occupancy(head, tail);
	for (i = tail; i != head; i++)
		bytes += pipe->bufs[i & (size - 1)].len;
	seq_printf(m, "head: %u\ntail: %u\nring_size: %u\nmax_usage: %u\n",
		   head, tail, size, pipe->max_usage);
	seq_printf(m, "slots_used: %u\nbytes: %zu\ncapacity_bytes: %lu\n",
		   used, bytes, (unsigned long)size << PAGE_SHIFT);
	seq_printf(m, "readers: %u\nwriters: %u\n", pipe->readers,
		   pipe->writers);
	/* The used slots, oldest first: ring index, offset and length. */
	for (i = tail; i != head; i++)
		seq_printf(m, "slot: %u %u %u\n", i & (size - 1),
			   pipe->bufs[i & (size - 1)].offset,
			   pipe->bufs[i & (size - 1)].len);
	pipe_unlock(pipe);
waiters:
	show_waiters(m, "read_waiters", &pipe->rd_wait);
	show_waiters(m, "write_waiters", &pipe->wr_wait);
}
