// SPDX-License-Identifier: GPL-2.0
/*
 * Bounded mmap lock holds. A walk of a whole address space (the header's
 * totals, a 1 TiB sparse mapping, 65,000 VMAs) reads a million entries;
 * under one mmap_read_lock hold it kept every writer of that process
 * (mmap, munmap, page faults that must allocate a table) waiting for as
 * long, and a killed reader waited for the walk to end before it could
 * die. The kernel's own whole-mm readers bound their holds:
 * /proc/<pid>/smaps_rollup lets the lock go when it is contended and
 * finds its place again by address, pagemap takes it per PMD-sized chunk.
 * This does the same: after PW_HOLD_ENTRIES entries a walk reaches a
 * pause point; there a fatal signal ends it, and when a writer waits for
 * the lock (or the CPU is wanted) the lock is let go and taken again.
 *
 * What a paused walk shows is a snapshot over time, not of one instant:
 * VMAs are found again by address after a pause, so a VMA that changed
 * meanwhile is seen as it is after the pause, and totals add up counts
 * taken at different moments (docs/proc-format.md says so).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>

#include "internal.h"

/* At most about 1 ms given to waiters at one pause. */
#define PW_HOLD_YIELDS	10

int pw_hold_pause(struct pw_walk *w)
{
	int ret, i;

	w->budget = PW_HOLD_ENTRIES;
	if (fatal_signal_pending(current))
		goto lost;
	if (!mmap_lock_is_contended(w->mm) && !need_resched())
		return 0;
	osedu_mm_unlock(w->mm);
	w->pauses++;
	/*
	 * A woken writer takes the lock only once it runs; until then a
	 * reader coming back would take the free lock first (rwsem lets
	 * readers steal it) and the writer would sleep again. So wait, a
	 * bounded while, for the waiters to go through.
	 */
	for (i = 0; i < PW_HOLD_YIELDS && mmap_lock_is_contended(w->mm); i++)
		usleep_range(50, 100);
	cond_resched();
	ret = osedu_mm_lock(w->mm);
	if (ret) {
		w->lost = true;
		return ret;
	}
	return 0;

lost:
	osedu_mm_unlock(w->mm);
	w->lost = true;
	return -EINTR;
}

int pw_walk_vmas(struct pw_walk *w, unsigned long start, unsigned long end,
		 int (*vma_fn)(struct pw_walk *w))
{
	unsigned long addr = start;
	struct vm_area_struct *vma;
	int ret;

	while (addr < end) {
		vma = find_vma(w->mm, addr);
		if (!vma || vma->vm_start >= end)
			break;
		w->vma = vma;
		if (addr <= vma->vm_start) {
			addr = vma->vm_start;
			w->budget -= PW_COST_VMA;
			ret = vma_fn ? vma_fn(w) : 0;
			if (ret < 0)
				return ret;
			if (ret > 0) {
				addr = vma->vm_end;
				goto next;
			}
		}
		ret = pw_walk(w, addr, min(vma->vm_end, end));
		if (ret == -EAGAIN) {
			addr = w->resume;
			ret = pw_hold_pause(w);
			if (ret)
				return ret;
			continue;
		}
		if (ret)
			return ret;
		addr = vma->vm_end;
next:
		if (w->budget <= 0) {
			ret = pw_hold_pause(w);
			if (ret)
				return ret;
		}
	}
	return 0;
}
