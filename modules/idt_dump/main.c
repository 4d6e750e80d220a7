// SPDX-License-Identifier: GPL-2.0
/*
 * osedu_idt_dump: how the CPU enters the kernel on x86-64. The IDT, the
 * system-call entry MSRs, the GDT and TSS, the interrupt counts the
 * kernel keeps, and a count of system calls by entry path, all under
 * /proc/osedu/idt.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "internal.h"

static struct proc_dir_entry *idt_dir;

static int __init idt_dump_init(void)
{
	int ret;

	idt_dir = proc_mkdir("idt", osedu_proc_root());
	if (!idt_dir)
		return -ENOMEM;
	ret = idt_table_create(idt_dir);
	if (!ret)
		ret = idt_syscall_create(idt_dir);
	if (!ret)
		ret = idt_gdt_create(idt_dir);
	if (!ret)
		ret = idt_counts_create(idt_dir);
	if (ret)
		goto remove_dir;
	ret = idt_entrypath_create(idt_dir);
	if (ret)
		goto stop_counting;
	pr_info("loaded; FRED %s\n", idt_fred_state());
	return 0;

stop_counting:
	/*
	 * Root may have written "start" to the control file before its
	 * other file failed: with the files gone, stop what it started.
	 */
	proc_remove(idt_dir);
	idt_entrypath_stop();
	return ret;
remove_dir:
	proc_remove(idt_dir);
	return ret;
}

static void __exit idt_dump_exit(void)
{
	/*
	 * proc_remove() waits for every open read or write to finish and
	 * refuses new ones, so no "start" can race with the final stop.
	 */
	proc_remove(idt_dir);
	idt_entrypath_stop();
}

module_init(idt_dump_init);
module_exit(idt_dump_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("osedu: IDT, syscall entry, GDT and interrupt counts");
MODULE_VERSION(OSEDU_SUITE_VERSION);
