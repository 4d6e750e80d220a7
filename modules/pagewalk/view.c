// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/pagewalk/<pid>: a process's address space and what its page
 * tables hold.
 *
 * The file streams through seq_file and its position is an address, so a
 * read that resumes (a small buffer, or the next read() call) finds its
 * place with one find_vma() and walks only what it prints. Positions:
 *   0                       the header and totals
 *   1 + (addr >> PAGE_SHIFT) the run of entries that starts at addr
 *   POS_XLATE + i           the i-th worked translation
 *
 * Like /proc/<pid>/pagemap, the file is bound to the mm of open: core pins
 * it (an OSEDU_VIEW_MM view; the page tables may go, the struct stays) and
 * every read chunk takes its address space again with osedu_mm_lock(). After
 * an exec the old mm is gone, and the new image is never shown.
 *
 * Lock holds are bounded (hold.c): records share one budget of entries
 * read, and once it is spent the lock may be let go between records,
 * inside the header's count (which resumes by address), or inside a run
 * (which then ends there, and the next line goes on from its end).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>

#include "internal.h"

#define POS_XLATE	((loff_t)BIT_ULL(52))

static const char * const xlate_labels[] = { "text", "data", "heap", "stack" };

enum rec_kind { REC_HEADER, REC_RUN, REC_XLATE };

struct pw_view {
	struct mm_struct *mm;		/* core's pin of the mm of open, or NULL */
	bool kthread;
	bool mm_taken;			/* mmget + mmap_read_lock held */
	enum rec_kind kind;
	unsigned long addr;		/* REC_RUN: where the run starts */
	struct vm_area_struct *vma;	/* REC_RUN: valid under the lock */
	unsigned long next_addr;	/* REC_RUN: where the next one starts */
	unsigned int xlate;		/* REC_XLATE: which one */
	long budget;			/* entries left before a pause point */
};

static void walk_init(struct pw_walk *w, struct pw_view *v,
		      const struct pw_walk_ops *ops, void *priv)
{
	memset(w, 0, sizeof(*w));
	w->mm = v->mm;
	w->ops = ops;
	w->priv = priv;
	w->budget = v->budget;
}

/* After a walk: keep what is left of the budget, or note a lost lock. */
static int walk_done(struct pw_walk *w, struct pw_view *v, int ret)
{
	v->budget = w->budget;
	if (w->lost)
		v->mm_taken = false;
	return ret;
}

static int view_open(struct osedu_task_file *tf, struct task_struct *task)
{
	struct pw_view *v = kzalloc(sizeof(*v), GFP_KERNEL);

	if (!v)
		return -ENOMEM;
	v->kthread = task->flags & PF_KTHREAD;
	v->mm = tf->mm;
	tf->priv = v;
	return 0;
}

static void view_release(struct osedu_task_file *tf)
{
	kfree(tf->priv);
}

/* Point @v at the record for *@pos, moving *@pos to the next that exists. */
static void *resolve(struct pw_view *v, loff_t *pos)
{
	if (*pos == 0) {
		v->kind = REC_HEADER;
		return v;
	}
	if (!v->mm_taken)
		return NULL;
	if (*pos < POS_XLATE) {
		unsigned long addr = (unsigned long)(*pos - 1) << PAGE_SHIFT;
		struct vm_area_struct *vma = find_vma(v->mm, addr);

		if (vma) {
			if (addr < vma->vm_start)
				addr = vma->vm_start;
			*pos = 1 + (addr >> PAGE_SHIFT);
			v->kind = REC_RUN;
			v->addr = addr;
			v->vma = vma;
			return v;
		}
		*pos = POS_XLATE;
	}
	if (*pos - POS_XLATE >= ARRAY_SIZE(xlate_labels))
		return NULL;
	v->kind = REC_XLATE;
	v->xlate = *pos - POS_XLATE;
	return v;
}

static void *view_start(struct seq_file *m, loff_t *pos)
{
	struct osedu_task_file *tf = m->private;
	struct pw_view *v = tf->priv;
	struct task_struct *task;
	int ret;

	task = osedu_task_for_read(tf);
	if (IS_ERR(task))
		return task;
	put_task_struct(task);

	v->mm_taken = false;
	if (v->mm) {
		ret = osedu_mm_lock(v->mm);
		if (ret == -EINTR)
			return ERR_PTR(ret);
		/* The address space went away in the middle of the file. */
		if (ret && *pos)
			return ERR_PTR(ret);
		v->mm_taken = !ret;
	}
	v->budget = PW_HOLD_ENTRIES;
	return resolve(v, pos);
}

static void *view_next(struct seq_file *m, void *p, loff_t *pos)
{
	struct osedu_task_file *tf = m->private;
	struct pw_view *v = tf->priv;

	struct pw_walk w;

	if (v->kind == REC_RUN)
		*pos = 1 + (v->next_addr >> PAGE_SHIFT);
	else
		++*pos;
	/* A pause point between records; a lost lock ends this read. */
	v->budget -= PW_COST_RECORD;
	if (v->mm_taken && v->budget <= 0) {
		walk_init(&w, v, NULL, NULL);
		if (walk_done(&w, v, pw_hold_pause(&w)))
			return NULL;
	}
	return resolve(v, pos);
}

static void view_stop(struct seq_file *m, void *p)
{
	struct osedu_task_file *tf = m->private;
	struct pw_view *v = tf->priv;

	if (v->mm_taken) {
		osedu_mm_unlock(v->mm);
		v->mm_taken = false;
	}
}

struct totals {
	unsigned long vmas, mapped;
	unsigned long present, swapped, huge_2m, huge_1g, cow, file, anon;
};

static int count_vma(struct pw_walk *w)
{
	struct totals *t = w->priv;

	t->vmas++;
	t->mapped += vma_pages(w->vma);
	return 0;
}

static int count_leaf(struct pw_walk *w, const struct pw_leaf *leaf)
{
	struct totals *t = w->priv;
	unsigned long n = leaf->size >> PAGE_SHIFT;
	struct pw_page pg;

	pw_decode(leaf, w->vma, &pg);
	if (pg.state == PW_SWAP)
		t->swapped += n;
	if (!pw_page_present(&pg))
		return 0;
	t->present += n;
	if (pg.level == PW_PMD)
		t->huge_2m++;
	else if (pg.level == PW_PUD)
		t->huge_1g++;
	if (pg.flags & PW_F_COW)
		t->cow += n;
	if (pg.flags & PW_F_FILE)
		t->file += n;
	if (pg.flags & PW_F_ANON)
		t->anon += n;
	return 0;
}

static const struct pw_walk_ops count_ops = {
	.leaf = count_leaf,
};

/* Fault counts of the whole thread group, as /proc/<pid>/stat sums them. */
static void seq_faults(struct seq_file *m, struct task_struct *task)
{
	unsigned long min_flt = task->signal->min_flt;
	unsigned long maj_flt = task->signal->maj_flt;
	struct task_struct *t;

	rcu_read_lock();
	for_each_thread(task, t) {
		min_flt += t->min_flt;
		maj_flt += t->maj_flt;
	}
	rcu_read_unlock();
	seq_printf(m, "min_flt: %lu\nmaj_flt: %lu\n", min_flt, maj_flt);
}

static int show_header(struct seq_file *m, struct osedu_task_file *tf,
		       struct pw_view *v, struct task_struct *task)
{
	struct totals t = { };
	char comm[TASK_COMM_LEN];
	struct pw_walk w;
	int ret;

	osedu_seq_header(m, "pagewalk");
	seq_printf(m, "pid: %d\ncomm: %s\n", task_tgid_nr(task),
		   get_task_comm(comm, task));
	seq_printf(m, "paging_levels: %u\npage_size: %lu\n",
		   pw_paging_levels(v->mm), PAGE_SIZE);
	if (!v->mm_taken) {
		seq_printf(m, "mm: none (%s)\n", v->kthread ?
			   "kernel thread: no user address space" :
			   "process has exited");
		return 0;
	}
	walk_init(&w, v, &count_ops, &t);
	ret = walk_done(&w, v, pw_walk_vmas(&w, 0, TASK_SIZE_MAX, count_vma));
	if (ret)
		return ret;
	seq_printf(m, "vmas: %lu\npages_mapped: %lu\npages_present: %lu\n",
		   t.vmas, t.mapped, t.present);
	/* Counts taken across pauses may not add up: never below 0. */
	seq_printf(m, "pages_not_present: %lu\npages_swapped: %lu\n",
		   t.mapped - min(t.mapped, t.present + t.swapped), t.swapped);
	seq_printf(m, "huge_2M: %lu\nhuge_1G: %lu\npages_cow: %lu\n",
		   t.huge_2m, t.huge_1g, t.cow);
	seq_printf(m, "pages_file: %lu\npages_anon: %lu\n", t.file, t.anon);
	seq_faults(m, task);
	return 0;
}

struct run {
	const struct osedu_access *acc;
	struct pw_page first;
	unsigned long start, end;
};

static bool same_run(const struct run *r, const struct pw_page *pg)
{
	u64 pages = (r->end - r->start) >> PAGE_SHIFT;

	if (pg->state != r->first.state || pg->level != r->first.level ||
	    pg->flags != r->first.flags)
		return false;
	if (pg->state == PW_NONE || pg->state == PW_OTHER)
		return true;
	/*
	 * Hidden frames and swap slots do not split runs: that would reveal
	 * their contiguity.
	 */
	if (!osedu_phys(r->acc, 1))
		return true;
	if (pg->swap_type != r->first.swap_type)
		return false;
	return pg->pfn == r->first.pfn + pages;
}

static int extend_run(struct pw_walk *w, const struct pw_leaf *leaf)
{
	struct run *r = w->priv;
	struct pw_page pg;

	pw_decode(leaf, w->vma, &pg);
	if (r->end == r->start)
		r->first = pg;
	else if (!same_run(r, &pg))
		return 1;
	r->end = leaf->addr + leaf->size;
	return 0;
}

static const struct pw_walk_ops extend_run_ops = {
	.leaf = extend_run,
};

static void show_run(struct seq_file *m, struct osedu_task_file *tf,
		     struct pw_view *v)
{
	struct run r = {
		.acc = &tf->access,
		.start = v->addr,
		.end = v->addr,
	};
	unsigned long start, end;
	struct pw_walk w;

	if (v->addr == v->vma->vm_start)
		pw_seq_vma(m, v->vma);
	walk_init(&w, v, &extend_run_ops, &r);
	w.vma = v->vma;
	start = v->vma->vm_start;
	end = v->vma->vm_end;
	/*
	 * At a pause point (-EAGAIN, at r.end) the run goes on where it
	 * stopped, in the VMA found there again after a pause; if that is
	 * not the same range any more, the run ends there, and the next line
	 * goes on from its end.
	 */
	while (pw_walk(&w, r.end, end) == -EAGAIN) {
		if (pw_hold_pause(&w))
			break;
		w.vma = find_vma(v->mm, r.end);
		if (!w.vma || w.vma->vm_start != start || w.vma->vm_end != end)
			break;
	}
	walk_done(&w, v, 0);
	v->next_addr = r.end;

	seq_printf(m, "  0x%016lx 0x%016lx %8lu %-5s %-9s 0x%010llx ",
		   r.start, r.end, (r.end - r.start) >> PAGE_SHIFT,
		   pw_level_name(r.first.level), pw_state_name(r.first.state),
		   pw_shown_pfn(&r.first, &tf->access));
	pw_seq_flags(m, &r.first, &tf->access);
	seq_putc(m, '\n');
}

static int show_xlate(struct seq_file *m, struct osedu_task_file *tf,
		      struct pw_view *v)
{
	const char *label = xlate_labels[v->xlate];
	struct pw_walk w;
	unsigned long va;
	int ret;

	walk_init(&w, v, NULL, NULL);
	ret = walk_done(&w, v, pw_first_present(&w, label, &va));
	if (ret)
		return ret;
	seq_printf(m, "\ntranslation: %s\n", label);
	if (!va) {
		seq_puts(m, "va: none (no present page)\n");
		return 0;
	}
	pw_seq_translation(m, v->mm, va, &tf->access);
	return 0;
}

static int view_show(struct seq_file *m, void *p)
{
	struct osedu_task_file *tf = m->private;
	struct pw_view *v = tf->priv;
	struct task_struct *task;
	int ret = 0;

	switch (v->kind) {
	case REC_HEADER:
		task = osedu_task_for_read(tf);
		if (IS_ERR(task))
			return PTR_ERR(task);
		ret = show_header(m, tf, v, task);
		put_task_struct(task);
		break;
	case REC_RUN:
		show_run(m, tf, v);
		break;
	case REC_XLATE:
		ret = show_xlate(m, tf, v);
		break;
	}
	return ret;
}

static const struct seq_operations view_seq_ops = {
	.start	= view_start,
	.next	= view_next,
	.stop	= view_stop,
	.show	= view_show,
};

static struct osedu_view pagewalk_view = {
	.name = "pagewalk",
	.flags = OSEDU_VIEW_MM,
	.seq_ops = &view_seq_ops,
	.open = view_open,
	.release = view_release,
};

int pw_view_init(void)
{
	return osedu_register_view(&pagewalk_view);
}

struct proc_dir_entry *pw_view_dir(void)
{
	return osedu_view_dir(&pagewalk_view);
}

void pw_view_exit(void)
{
	osedu_unregister_view(&pagewalk_view);
}
