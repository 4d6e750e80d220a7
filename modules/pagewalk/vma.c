// SPDX-License-Identifier: GPL-2.0
/*
 * A VMA as the lectures draw a process: text, data, bss, heap, stack, and
 * the regions around them. The kernel records where the loader put each
 * part (mm->start_code, end_data, start_brk, start_stack...); a VMA takes
 * the label of the part it overlaps.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/magic.h>
#include <linux/mm.h>

#include "internal.h"

static bool overlaps(const struct vm_area_struct *vma, unsigned long start,
		     unsigned long end)
{
	return start < vma->vm_end && end > vma->vm_start;
}

/* "[vdso]", "[vvar]": names the kernel gives its special mappings. */
static const char *special_name(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->name)
		return vma->vm_ops->name(vma);
	return NULL;
}

static bool is_shm(const struct vm_area_struct *vma)
{
	unsigned long magic = file_inode(vma->vm_file)->i_sb->s_magic;

	return (vma->vm_flags & VM_MAYSHARE) &&
	       (magic == TMPFS_MAGIC || magic == HUGETLBFS_MAGIC);
}

const char *pw_vma_label(const struct vm_area_struct *vma)
{
	const struct mm_struct *mm = vma->vm_mm;
	const char *name = special_name((struct vm_area_struct *)vma);

	if (name && !strcmp(name, "[vdso]"))
		return "vdso";
	if (name && !strncmp(name, "[vvar", 5))
		return "vvar";
	if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return "guard";
	if (vma->vm_file) {
		if (is_shm(vma))
			return "shm";
		if (overlaps(vma, mm->start_code, mm->end_code))
			return "text";
		if (overlaps(vma, mm->start_data, mm->end_data))
			return "data";
		return "file";
	}
	if (vma->vm_start <= mm->start_stack && mm->start_stack < vma->vm_end)
		return "stack";
	if (overlaps(vma, mm->start_brk, mm->brk))
		return "heap";
	/* The loader maps bss right after the file-backed data. */
	if (vma->vm_start == PAGE_ALIGN(mm->end_data))
		return "bss";
	return "anon";
}

static const struct {
	unsigned long flag;
	char name[3];
} vm_flag_names[] = {
	{ VM_READ, "rd" }, { VM_WRITE, "wr" }, { VM_EXEC, "ex" },
	{ VM_SHARED, "sh" }, { VM_MAYREAD, "mr" }, { VM_MAYWRITE, "mw" },
	{ VM_MAYEXEC, "me" }, { VM_MAYSHARE, "ms" }, { VM_GROWSDOWN, "gd" },
	{ VM_PFNMAP, "pf" }, { VM_LOCKED, "lo" }, { VM_IO, "io" },
	{ VM_SEQ_READ, "sr" }, { VM_RAND_READ, "rr" }, { VM_DONTCOPY, "dc" },
	{ VM_DONTEXPAND, "de" }, { VM_ACCOUNT, "ac" }, { VM_NORESERVE, "nr" },
	{ VM_HUGETLB, "ht" }, { VM_DONTDUMP, "dd" }, { VM_MIXEDMAP, "mm" },
	{ VM_HUGEPAGE, "hg" }, { VM_NOHUGEPAGE, "nh" }, { VM_MERGEABLE, "mg" },
};

/* The block header of one VMA: range, perms, label, path; vm_flags. */
void pw_seq_vma(struct seq_file *m, struct vm_area_struct *vma)
{
	unsigned long f = vma->vm_flags;
	const char *name = special_name(vma);
	unsigned int i;

	seq_printf(m, "\nvma: 0x%016lx-0x%016lx %c%c%c%c %s ",
		   vma->vm_start, vma->vm_end,
		   f & VM_READ ? 'r' : '-', f & VM_WRITE ? 'w' : '-',
		   f & VM_EXEC ? 'x' : '-', f & VM_MAYSHARE ? 's' : 'p',
		   pw_vma_label(vma));
	if (vma->vm_file)
		seq_file_path(m, vma->vm_file, "\n");
	else if (name)
		seq_puts(m, name);
	else
		seq_putc(m, '-');
	seq_printf(m, "\npages: %lu\nvm_flags:", vma_pages(vma));
	for (i = 0; i < ARRAY_SIZE(vm_flag_names); i++)
		if (f & vm_flag_names[i].flag)
			seq_printf(m, " %s", vm_flag_names[i].name);
	seq_puts(m, "\n  start              end                   pages level state     pfn          flags\n");
}
