/* SPDX-License-Identifier: GPL-2.0 */
/*
 * idt_dump: what the files of /proc/osedu/idt share. Each file lives in
 * its own .c (one concept per file); main.c creates and removes them.
 */
#ifndef _OSEDU_IDT_INTERNAL_H
#define _OSEDU_IDT_INTERNAL_H

#include <linux/proc_fs.h>
#include <linux/seq_file.h>

#include <osedu/core.h>

/* Create the file @name of one concept under @dir; 0 or -errno. */
int idt_table_create(struct proc_dir_entry *dir);
int idt_syscall_create(struct proc_dir_entry *dir);
int idt_gdt_create(struct proc_dir_entry *dir);
int idt_counts_create(struct proc_dir_entry *dir);
int idt_entrypath_create(struct proc_dir_entry *dir);
/* Stop counting and unhook the tracepoint before the files go away. */
void idt_entrypath_stop(void);

/* The architectural or Linux name of an IDT vector ("#PF", "local_timer"). */
const char *idt_vector_name(unsigned int vector);

/* Version differences between the supported kernels (compat.c). */
bool idt_fred_enabled(void);
const char *idt_fred_state(void);
int idt_rdmsr_safe(u32 msr, u64 *val);

/* One CPU's counts of the system vectors, as /proc/interrupts shows them. */
struct idt_irq_stat {
	unsigned int local_timer, nmi, reschedule, call_function, tlb;
	unsigned int spurious, irq_work, perf, platform_ipi;
	unsigned int thermal, mce_threshold, mce_deferred;
};

void idt_irq_stat_read(unsigned int cpu, struct idt_irq_stat *c);

#endif /* _OSEDU_IDT_INTERNAL_H */
