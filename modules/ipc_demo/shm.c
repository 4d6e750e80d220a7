// SPDX-License-Identifier: GPL-2.0
/*
 * SysV shared memory as a process sees it: a VMA whose file is the
 * segment's shmem file ("SYSV<key>" on the kernel's internal tmpfs mount,
 * its inode number the shmid; /proc/<pid>/maps shows the same). The pages
 * are the file's page cache, so every process that attaches the segment
 * maps the same frames; nrpages counts those resident.
 *
 * Per-segment counts kept in ipc/shm.c's private struct shmid_kernel
 * (nattch, cpid, lpid) are not shown: /proc/sysvipc/shm has them, and
 * the tools join it by shmid. The reverse map (mapping->i_mmap) that
 * would name the other processes is not reachable by modules
 * (vma_interval_tree_iter_first() is not exported).
 */
#include <linux/fs.h>
#include <linux/kstrtox.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>

#include "internal.h"

static void show_vma(struct seq_file *m, struct vm_area_struct *vma)
{
	struct file *file = vma->vm_file;
	struct inode *inode = file_inode(file);
	unsigned int key = 0;

	/* "SYSV%08x": the name ipc/shm.c gave the segment's file. */
	if (kstrtouint(file->f_path.dentry->d_name.name + 4, 16, &key))
		key = 0;
	seq_printf(m, "\nshm: 0x%lx\nend: 0x%lx\nshmid: %llu\nkey: 0x%08x\n",
		   vma->vm_start, vma->vm_end, (unsigned long long)inode->i_ino,
		   key);
	seq_printf(m, "size: %lld\nresident_pages: %lu\nwritable: %d\n",
		   (long long)i_size_read(inode),
		   READ_ONCE(inode->i_mapping->nrpages),
		   !!(vma->vm_flags & VM_WRITE));
}

void ipc_shm_show(struct seq_file *m, struct task_struct *task)
{
	struct vm_area_struct *vma;
	struct mm_struct *mm;

	/*
	 * Core holds the process's exec_update_lock across this read and
	 * has re-checked the open against it, so the mm is the one the
	 * open allowed (a second osedu_task_pin() here would take that
	 * rwsem twice for reading, which a waiting writer deadlocks).
	 */
	mm = get_task_mm(task);
	if (!mm)
		return;
	if (mmap_read_lock_killable(mm))
		goto put_mm;
	{
		VMA_ITERATOR(vmi, mm, 0);

		for_each_vma(vmi, vma)
			if (vma->vm_file && ipc_is_sysv_shm(vma->vm_file))
				show_vma(m, vma);
	}
	mmap_read_unlock(mm);
put_mm:
	mmput(mm);
}
