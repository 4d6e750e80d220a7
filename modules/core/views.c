// SPDX-License-Identifier: GPL-2.0
/*
 * The per-task view registry: /proc/osedu/<view>/<pid> for every live
 * process, and /proc/osedu/<view>/self.
 *
 * procfs offers modules no lookup hook, so one proc entry exists per
 * process and view. An entry names its process by struct pid: a pid number
 * that is reused later belongs to a new struct pid, so an old entry or an
 * old open file can never show the new process.
 *
 * procfs makes every read of a removed entry fail with EIO. So that a file
 * held open past its process's exit reads ESRCH (as /proc/<pid> files do),
 * an entry whose process has been reaped stays until its last opener
 * closes it; only a reused pid number removes it at once.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/proc_fs.h>
#include <linux/rcupdate.h>
#include <linux/rwsem.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include <osedu/core.h>
#include "internal.h"

struct osedu_entry {
	struct osedu_view *view;
	struct pid *pid;		/* NULL for "self" */
	pid_t nr;
	struct proc_dir_entry *pde;
	atomic_t opens;
	struct list_head dead;		/* detached, awaiting proc_remove() */
};

/* Serialises every change to the set of views and of entries. */
static DEFINE_MUTEX(registry_lock);
static LIST_HEAD(views);
static atomic_long_t live_entries;

struct task_struct *osedu_task_for_read(const struct osedu_task_file *tf)
{
	struct task_struct *task = get_pid_task(tf->pid, PIDTYPE_TGID);
	int ret;

	if (!task)
		return ERR_PTR(-ESRCH);
	if (tf->view->flags & OSEDU_VIEW_MM)
		return task;
	ret = osedu_task_recheck(tf, task);
	if (ret) {
		put_task_struct(task);
		return ERR_PTR(ret);
	}
	return task;
}
EXPORT_SYMBOL_GPL(osedu_task_for_read);

struct proc_dir_entry *osedu_view_dir(const struct osedu_view *view)
{
	return view->dir;
}
EXPORT_SYMBOL_GPL(osedu_view_dir);

/*
 * A task view's record. exec_update_lock, held for reading across the
 * re-check and @show, keeps an exec from committing in between: the record
 * is of the image the check allowed.
 */
static int task_file_show(struct seq_file *m, void *v)
{
	struct osedu_task_file *tf = m->private;
	struct task_struct *task;
	int ret;

	task = get_pid_task(tf->pid, PIDTYPE_TGID);
	if (!task)
		return -ESRCH;
	ret = down_read_killable(&task->signal->exec_update_lock);
	if (ret)
		goto put_task;
	ret = osedu_task_recheck(tf, task);
	if (!ret)
		ret = tf->view->show(m, tf, task);
	up_read(&task->signal->exec_update_lock);
put_task:
	put_task_struct(task);
	return ret;
}

/*
 * An entry whose process is gone is removed once no file is open on it.
 * The opener counts itself before it looks for the task, and view_sync()
 * looks for the task before it reads the count: so either the remover sees
 * the opener, or the opener sees the process gone and fails with ESRCH,
 * never with procfs' EIO for an entry removed under it.
 */
static void entry_put(struct osedu_entry *e)
{
	/*
	 * Only an entry kept for its openers after its process was reaped
	 * needs the worker; any other last close (a refused open included)
	 * queuing a sync would let any user flood the queue into rescans.
	 */
	if (atomic_dec_and_test(&e->opens) && e->pid &&
	    !pid_has_task(e->pid, PIDTYPE_TGID))
		osedu_tracking_queue(e->nr);
}

static int task_file_open(struct inode *inode, struct file *file)
{
	struct osedu_entry *e = pde_data(inode);
	struct osedu_view *view = e->view;
	struct osedu_task_file *tf;
	struct task_struct *task;
	struct pid *pid;
	int ret;

	if (atomic_add_unless(&osedu_stats.fail_open, -1, 0))
		return -ENOMEM;

	atomic_inc(&e->opens);
	/* Count before looking at the task; pairs with view_sync(). */
	smp_mb__after_atomic();
	pid = e->pid ? get_pid(e->pid) : get_task_pid(current, PIDTYPE_TGID);
	task = get_pid_task(pid, PIDTYPE_TGID);
	if (!task) {
		ret = -ESRCH;
		goto put_pid;
	}
	tf = kzalloc(sizeof(*tf), GFP_KERNEL);
	if (!tf) {
		ret = -ENOMEM;
		goto put_task;
	}
	ret = osedu_task_pin(file, task,
			     view->flags & OSEDU_VIEW_MM ? &tf->mm : NULL,
			     &tf->exec_id);
	if (ret)
		goto free_tf;
	tf->pid = pid;
	tf->view = view;
	tf->self = osedu_opener_is_task(file, task);
	osedu_access_init(&tf->access, file);

	if (view->open) {
		ret = view->open(tf, task);
		if (ret)
			goto unpin;
	}
	if (view->seq_ops) {
		ret = seq_open(file, view->seq_ops);
		if (!ret)
			((struct seq_file *)file->private_data)->private = tf;
	} else {
		ret = single_open(file, task_file_show, tf);
	}
	if (ret)
		goto release_view;

	put_task_struct(task);
	return 0;

release_view:
	if (view->release)
		view->release(tf);
unpin:
	osedu_mm_unpin(tf->mm);
free_tf:
	kfree(tf);
put_task:
	put_task_struct(task);
put_pid:
	put_pid(pid);
	entry_put(e);
	return ret;
}

static ssize_t task_file_read(struct kiocb *iocb, struct iov_iter *to)
{
	struct seq_file *m = iocb->ki_filp->private_data;
	struct osedu_task_file *tf = m->private;

	/* Never hand out buffered output of a process that is gone. */
	if (!pid_has_task(tf->pid, PIDTYPE_TGID))
		return -ESRCH;
	return seq_read_iter(iocb, to);
}

static int task_file_release(struct inode *inode, struct file *file)
{
	struct osedu_entry *e = pde_data(inode);
	struct seq_file *m = file->private_data;
	struct osedu_task_file *tf = m->private;
	const struct osedu_view *view = tf->view;

	if (view->release)
		view->release(tf);
	osedu_mm_unpin(tf->mm);
	put_pid(tf->pid);
	kfree(tf);
	if (view->seq_ops)
		seq_release(inode, file);
	else
		single_release(inode, file);

	entry_put(e);
	return 0;
}

static const struct proc_ops task_file_ops = {
	.proc_open	= task_file_open,
	.proc_read_iter	= task_file_read,
	.proc_lseek	= seq_lseek,
	.proc_release	= task_file_release,
};

static struct osedu_entry *entry_alloc(struct osedu_view *view,
				       struct pid *pid, pid_t nr)
{
	struct osedu_entry *e = kzalloc(sizeof(*e), GFP_KERNEL);

	if (!e)
		return NULL;
	e->view = view;
	e->pid = get_pid(pid);
	e->nr = nr;
	atomic_set(&e->opens, 0);
	return e;
}

static void entry_free(struct osedu_entry *e)
{
	put_pid(e->pid);
	kfree(e);
}

static void entry_create(struct osedu_view *view, struct pid *pid, pid_t nr)
{
	struct osedu_entry *e;
	char name[16];

	e = entry_alloc(view, pid, nr);
	if (!e)
		goto failed;
	if (xa_err(xa_store(&view->entries, nr, e, GFP_KERNEL)))
		goto free_entry;
	snprintf(name, sizeof(name), "%d", nr);
	e->pde = proc_create_data(name, 0444, view->dir, &task_file_ops, e);
	if (!e->pde)
		goto erase_entry;
	atomic_long_inc(&osedu_stats.created);
	atomic_long_inc(&live_entries);
	return;

erase_entry:
	xa_erase(&view->entries, nr);
free_entry:
	entry_free(e);
failed:
	atomic_long_inc(&osedu_stats.create_failed);
}

/*
 * Entries leave the registry in two steps. Under registry_lock an entry is
 * only detached: out of its view's xarray, onto a caller's list. Its proc
 * entry is removed after the lock is dropped, because proc_remove() waits,
 * uninterruptibly, for every read in progress, and a read can stall for
 * as long as its reader likes (copying out to a userfaultfd or FUSE
 * buffer). Nothing else then waits behind that read for registry_lock.
 */
static void entry_detach(struct osedu_view *view, struct osedu_entry *e,
			 struct list_head *dead)
{
	xa_erase(&view->entries, e->nr);
	list_add_tail(&e->dead, dead);
}

/* proc_remove() waits for running calls and closes files still open. */
static void entries_remove(struct list_head *dead)
{
	struct osedu_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, dead, dead) {
		list_del(&e->dead);
		proc_remove(e->pde);
		entry_free(e);
		atomic_long_inc(&osedu_stats.removed);
		atomic_long_dec(&live_entries);
		cond_resched();
	}
}

/*
 * @live is @nr's struct pid while it names a live thread group, or NULL.
 * A stale entry is detached onto @dead; its replacement is made in a later
 * pass, once the old proc entry, which holds the name, is gone.
 */
static void view_sync(struct osedu_view *view, pid_t nr, struct pid *live,
		      struct list_head *dead)
{
	struct osedu_entry *e = xa_load(&view->entries, nr);

	if (e && e->pid != live) {
		/* Pairs with the barrier in task_file_open(). */
		smp_mb();
		if (!live && atomic_read(&e->opens))
			return;
		entry_detach(view, e, dead);
		return;
	}
	if (!e && live)
		entry_create(view, live, nr);
}

/* A referenced struct pid if @nr is a live thread group, else NULL. */
static struct pid *live_tgid(pid_t nr)
{
	struct pid *pid;

	rcu_read_lock();
	pid = find_pid_ns(nr, &init_pid_ns);
	if (pid && pid_has_task(pid, PIDTYPE_TGID))
		pid = get_pid(pid);
	else
		pid = NULL;
	rcu_read_unlock();
	return pid;
}

static void sync_pid_locked(pid_t nr, struct osedu_view *only,
			    struct list_head *dead)
{
	struct osedu_view *view;
	struct pid *live = live_tgid(nr);

	if (only) {
		view_sync(only, nr, live, dead);
	} else {
		list_for_each_entry(view, &views, node)
			view_sync(view, nr, live, dead);
	}
	put_pid(live);
}

/* Until a pass detaches nothing: a detached entry's successor comes next. */
void osedu_views_sync_pid(pid_t nr)
{
	LIST_HEAD(dead);

	do {
		mutex_lock(&registry_lock);
		sync_pid_locked(nr, NULL, &dead);
		mutex_unlock(&registry_lock);
		if (list_empty(&dead))
			break;
		entries_remove(&dead);
	} while (true);
}

/*
 * Reconcile @only (or every view) with the whole process list: entries for
 * every live thread group, none for those gone. Proc entries cannot be
 * created under RCU, so the pid numbers are collected first.
 */
static void sync_all_locked(struct osedu_view *only, struct list_head *dead)
{
	struct osedu_view *view;
	struct osedu_entry *e;
	struct task_struct *p;
	unsigned long idx;
	size_t n = 0, cap = 64;
	pid_t *nrs;

	atomic_long_inc(&osedu_stats.rescans);
	rcu_read_lock();
	for_each_process(p)
		cap++;
	rcu_read_unlock();

	nrs = kvmalloc_array(cap, sizeof(*nrs), GFP_KERNEL);
	if (!nrs) {
		atomic_long_inc(&osedu_stats.create_failed);
		return;
	}
	rcu_read_lock();
	for_each_process(p) {
		if (n == cap)
			break;
		nrs[n++] = p->tgid;
	}
	rcu_read_unlock();

	while (n--) {
		sync_pid_locked(nrs[n], only, dead);
		cond_resched();
	}
	kvfree(nrs);

	list_for_each_entry(view, &views, node) {
		if (only && view != only)
			continue;
		xa_for_each(&view->entries, idx, e) {
			sync_pid_locked(e->nr, view, dead);
			cond_resched();
		}
	}
}

void osedu_views_sync_all(void)
{
	LIST_HEAD(dead);

	do {
		mutex_lock(&registry_lock);
		sync_all_locked(NULL, &dead);
		mutex_unlock(&registry_lock);
		if (list_empty(&dead))
			break;
		entries_remove(&dead);
	} while (true);
}

long osedu_views_live_entries(void)
{
	return atomic_long_read(&live_entries);
}

/* A read path: a reader stuck behind the lock can be killed. */
int osedu_views_seq_names(struct seq_file *m)
{
	struct osedu_view *view;

	if (mutex_lock_killable(&registry_lock))
		return -EINTR;
	list_for_each_entry(view, &views, node)
		seq_printf(m, " %s", view->name);
	mutex_unlock(&registry_lock);
	return 0;
}

int osedu_register_view(struct osedu_view *view)
{
	LIST_HEAD(dead);
	struct osedu_entry *self;
	struct osedu_view *v;
	int ret = 0;

	if (!view->name || !!view->show == !!view->seq_ops)
		return -EINVAL;

	mutex_lock(&registry_lock);
	list_for_each_entry(v, &views, node) {
		if (!strcmp(v->name, view->name)) {
			ret = -EEXIST;
			goto unlock;
		}
	}
	xa_init(&view->entries);
	view->dir = proc_mkdir(view->name, osedu_proc_root());
	if (!view->dir) {
		ret = -ENOMEM;
		goto unlock;
	}
	self = entry_alloc(view, NULL, 0);
	if (!self) {
		ret = -ENOMEM;
		goto remove_dir;
	}
	self->pde = proc_create_data("self", 0444, view->dir, &task_file_ops,
				     self);
	if (!self->pde) {
		ret = -ENOMEM;
		goto free_self;
	}
	view->self = self;
	list_add_tail(&view->node, &views);
	/*
	 * A new view's own sync can detach what it just made: a process
	 * that exited meanwhile, or an entry whose proc file could not be
	 * made (an allocation failure). Remove them as any other sync does.
	 */
	sync_all_locked(view, &dead);
	mutex_unlock(&registry_lock);
	entries_remove(&dead);
	pr_info("view %s registered\n", view->name);
	return 0;

free_self:
	entry_free(self);
remove_dir:
	proc_remove(view->dir);
unlock:
	mutex_unlock(&registry_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(osedu_register_view);

void osedu_unregister_view(struct osedu_view *view)
{
	struct osedu_entry *e;
	unsigned long idx;
	LIST_HEAD(dead);

	mutex_lock(&registry_lock);
	list_del(&view->node);
	xa_for_each(&view->entries, idx, e)
		entry_detach(view, e, &dead);
	xa_destroy(&view->entries);
	mutex_unlock(&registry_lock);

	/* Out of the registry: nothing else reaches the view's entries now. */
	entries_remove(&dead);
	proc_remove(view->dir);
	entry_free(view->self);
	pr_info("view %s unregistered\n", view->name);
}
EXPORT_SYMBOL_GPL(osedu_unregister_view);
