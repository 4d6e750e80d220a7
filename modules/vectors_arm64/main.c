// SPDX-License-Identifier: GPL-2.0
/*
 * osedu_vectors_arm64: how the CPU enters the kernel on arm64, idt_dump's
 * counterpart. The exception vector table VBAR_EL1 points at (its 16
 * entries by the exception level taken from and the kind of exception),
 * the counts of the exceptions the lectures talk about (interrupts
 * through the GIC, page faults from aborts) and a count of system calls,
 * each an SVC from EL0, all under /proc/osedu/vectors.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>

#include "internal.h"

static struct proc_dir_entry *va_dir;

static int __init vectors_init(void)
{
	int ret;

	va_dir = proc_mkdir("vectors", osedu_proc_root());
	if (!va_dir)
		return -ENOMEM;
	ret = va_table_create(va_dir);
	if (!ret)
		ret = va_counts_create(va_dir);
	if (ret)
		goto remove_dir;
	ret = va_svc_create(va_dir);
	if (ret)
		goto stop_counting;
	return 0;

stop_counting:
	/* Root may have started counting before the count file failed. */
	proc_remove(va_dir);
	va_svc_stop();
	return ret;
remove_dir:
	proc_remove(va_dir);
	return ret;
}

static void __exit vectors_exit(void)
{
	/*
	 * proc_remove() waits for every open read or write to finish and
	 * refuses new ones, so no "start" can race with the final stop.
	 */
	proc_remove(va_dir);
	va_svc_stop();
}

module_init(vectors_init);
module_exit(vectors_exit);
MODULE_DESCRIPTION("osedu: the arm64 exception vector table, exception and SVC counts");
MODULE_LICENSE("GPL");
