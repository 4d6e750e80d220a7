// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/pagewalk/query: a transaction file. Write "PID ADDR" or
 * "PID START-END" and read the answer from the same open file: for one
 * address, its worked translation; for a page-aligned range of at most
 * QUERY_MAX_PAGES pages, one line per page. Each write replaces the
 * request and rewinds the answer.
 *
 * The file is core's transaction file (osedu_file: ->request and
 * ->reset): core reads the line, serialises requests against reads and
 * rewinds the answer. The access check runs at write time, against the
 * target, with the credentials of whoever opened the file (ctx->file):
 * handing the open file to a more privileged program gives it no more
 * than the opener had. The check and the capture of the mm are one step
 * in core (osedu_task_pin()), and the answer stays bound to that mm.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/sched/task.h>

#include "internal.h"

#define QUERY_MAX_PAGES	65536UL		/* 256 MiB of 4 KiB pages */

struct query {
	const struct osedu_access *acc;	/* the opener's, from core */
	struct pid *pid;		/* NULL: no valid request */
	struct mm_struct *mm;		/* pinned at write, or NULL */
	bool kthread;
	bool single;
	bool mm_taken;
	unsigned long start, end;	/* [start, end), or the address */
	struct vm_area_struct *vma;	/* cache, valid under the lock */
	long budget;			/* entries left before a pause point */
};

static void query_reset(struct osedu_file_ctx *ctx)
{
	struct query *q = ctx->priv;

	osedu_mm_unpin(q->mm);
	put_pid(q->pid);
	q->mm = NULL;
	q->pid = NULL;
}

/* The position of the last record: 0 is the header. */
static u64 query_last(const struct query *q)
{
	if (!q->mm_taken)
		return 0;
	if (q->single)
		return 1;
	return (q->end - q->start) >> PAGE_SHIFT;
}

static struct query *query_of(struct seq_file *m)
{
	struct osedu_file_ctx *ctx = m->private;

	return ctx->priv;
}

static void *query_start(struct seq_file *m, loff_t *pos)
{
	struct query *q = query_of(m);
	struct task_struct *task;
	u64 last;

	if (!q->pid)
		return NULL;
	task = get_pid_task(q->pid, PIDTYPE_TGID);
	if (!task)
		return ERR_PTR(-ESRCH);
	put_task_struct(task);

	q->mm_taken = false;
	q->vma = NULL;
	if (q->mm) {
		int ret = osedu_mm_lock(q->mm);

		if (ret)
			return ERR_PTR(ret);
		q->mm_taken = true;
	}
	q->budget = PW_HOLD_ENTRIES;
	last = query_last(q);
	return *pos <= last ? q : NULL;
}

static void *query_next(struct seq_file *m, void *p, loff_t *pos)
{
	struct query *q = query_of(m);
	struct pw_walk w = { .mm = q->mm };
	u64 last;

	++*pos;
	/* A pause point between pages (hold.c); a lost lock ends the read. */
	q->budget -= PW_COST_RECORD;
	if (q->mm_taken && q->budget <= 0) {
		q->vma = NULL;
		if (pw_hold_pause(&w)) {
			q->mm_taken = false;
			return NULL;
		}
		q->budget = w.budget;
	}
	last = query_last(q);
	return *pos <= last ? q : NULL;
}

static void query_stop(struct seq_file *m, void *p)
{
	struct query *q = query_of(m);

	if (q->mm_taken) {
		osedu_mm_unlock(q->mm);
		q->mm_taken = false;
	}
}

static int keep_leaf(struct pw_walk *w, const struct pw_leaf *leaf)
{
	struct pw_leaf *keep = w->priv;

	*keep = *leaf;
	return 1;
}

static const struct pw_walk_ops keep_leaf_ops = {
	.leaf = keep_leaf,
};

static void show_page(struct seq_file *m, struct query *q, unsigned long va)
{
	struct pw_leaf leaf = { };
	struct pw_walk w = {
		.mm = q->mm,
		.ops = &keep_leaf_ops,
		.priv = &leaf,
		.budget = LONG_MAX,
	};
	struct pw_page pg;
	struct pw_kstate ks;
	int level;

	if (!q->vma || va >= q->vma->vm_end)
		q->vma = find_vma(q->mm, va);
	w.vma = q->vma;
	seq_printf(m, "0x%016lx", va);
	for (level = PW_PGD; level >= PW_PTE; level--) {
		if (pw_level_folded(q->mm, level))
			seq_puts(m, "   -");
		else
			seq_printf(m, " %3u", pw_index(q->mm, level, va));
	}
	seq_putc(m, ' ');
	if (!w.vma || va < w.vma->vm_start) {
		seq_puts(m, "-     unmapped  0x0000000000 -\n");
		return;
	}
	pw_walk(&w, va, va + PAGE_SIZE);
	pw_decode(&leaf, w.vma, &pg);
	seq_printf(m, "%-5s %-9s 0x%010llx ", pw_level_name(pg.level),
		   pw_state_name(pg.state), pw_shown_pfn(&pg, q->acc));
	pw_seq_flags(m, &pg, q->acc);
	if (pw_kstate(&pg, w.vma, &ks))
		pw_seq_kstate(m, &ks);
	seq_putc(m, '\n');
}

static int query_show(struct seq_file *m, void *p)
{
	struct query *q = query_of(m);
	struct task_struct *task;

	if (m->index == 0) {
		task = get_pid_task(q->pid, PIDTYPE_TGID);
		if (!task)
			return -ESRCH;
		osedu_seq_header(m, "pagewalk-query");
		seq_printf(m, "pid: %d\n", task_tgid_nr(task));
		put_task_struct(task);
		seq_printf(m, "paging_levels: %u\n", pw_paging_levels(q->mm));
		if (!q->mm_taken) {
			seq_printf(m, "mm: none (%s)\n", q->kthread ?
				   "kernel thread: no user address space" :
				   "process has exited");
			return 0;
		}
		if (q->single)
			return 0;
		seq_printf(m, "start: 0x%016lx\nend: 0x%016lx\npages: %lu\n",
			   q->start, q->end, (q->end - q->start) >> PAGE_SHIFT);
		seq_puts(m, "va                 pgd p4d pud pmd pte level state     pfn          flags\n");
		return 0;
	}
	if (q->single)
		pw_seq_translation(m, q->mm, q->start, q->acc);
	else
		show_page(m, q, q->start + ((m->index - 1) << PAGE_SHIFT));
	return 0;
}

static const struct seq_operations query_seq_ops = {
	.start	= query_start,
	.next	= query_next,
	.stop	= query_stop,
	.show	= query_show,
};

/* "PID ADDR" or "PID START-END"; 0 or -EINVAL. */
static int parse(char *buf, int *nr, unsigned long *start,
		 unsigned long *end, bool *single)
{
	char *addr, *dash;

	addr = strchr(buf, ' ');
	if (!addr)
		return -EINVAL;
	*addr++ = '\0';
	if (kstrtoint(buf, 10, nr) || *nr <= 0)
		return -EINVAL;
	addr = skip_spaces(addr);
	dash = strchr(addr, '-');
	*single = !dash;
	if (dash)
		*dash++ = '\0';
	if (kstrtoul(addr, 0, start))
		return -EINVAL;
	if (*single) {
		*end = *start + 1;
	} else {
		if (kstrtoul(dash, 0, end))
			return -EINVAL;
		if (*start >= *end || !PAGE_ALIGNED(*start) ||
		    !PAGE_ALIGNED(*end) ||
		    (*end - *start) >> PAGE_SHIFT > QUERY_MAX_PAGES)
			return -EINVAL;
	}
	/*
	 * Only user addresses: the kernel's half is not the target's. The
	 * start is checked too: for the last address, start + 1 wraps to 0.
	 */
	if (*start >= TASK_SIZE_MAX || *end > TASK_SIZE_MAX)
		return -EINVAL;
	return 0;
}

/* One request: check it and pin its target; core rewinds the answer. */
static int query_request(struct osedu_file_ctx *ctx, char *line)
{
	struct query *q = ctx->priv;
	unsigned long start, end;
	struct task_struct *task;
	struct mm_struct *mm;
	struct pid *pid;
	bool single;
	int nr, ret;

	ret = parse(line, &nr, &start, &end, &single);
	if (ret)
		return ret;
	pid = osedu_find_pid(ctx->file, nr);
	task = get_pid_task(pid, PIDTYPE_TGID);
	if (!task) {
		ret = -ESRCH;
		goto put_pid;
	}
	ret = osedu_task_pin(ctx->file, task, &mm, NULL);
	if (ret)
		goto put_task;
	q->acc = &ctx->access;
	q->mm = mm;
	q->kthread = task->flags & PF_KTHREAD;
	q->pid = pid;
	q->start = start;
	q->end = end;
	q->single = single;
	put_task_struct(task);
	return 0;

put_task:
	put_task_struct(task);
put_pid:
	put_pid(pid);
	return ret;
}

static struct osedu_file query_file = {
	.name = "query",
	/* Anyone may ask; each request is checked against its target. */
	.mode = 0666,
	.seq_ops = &query_seq_ops,
	.priv_size = sizeof(struct query),
	.request = query_request,
	.reset = query_reset,
};

int pw_query_init(struct proc_dir_entry *dir)
{
	return osedu_file_create(dir, &query_file);
}

void pw_query_exit(void)
{
	osedu_file_remove(&query_file);
}
