// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/vectors/counts: what the kernel counts of the exceptions
 * the lectures talk about, per CPU.
 *
 * Interrupts: every IRQ arrives through the "irq" vector entry (el1h or
 * el0t) and the GIC's handler, and is counted per Linux IRQ in its
 * irq_desc, with the interrupt controller's own number (hwirq) in its
 * irq_data: the numbers /proc/interrupts prints. kstat_irqs_cpu() is not
 * exported, so they are read from there. For the GIC the number says the
 * kind: 0-15 software-generated (SGI: the IPIs), 16-31 private to a CPU
 * (PPI: its timer), 32-1019 shared (SPI: devices), 8192 and up
 * message-based (LPI).
 *
 * Page faults: data and instruction aborts (the "sync" entries) that reach
 * the memory-management fault handler are counted in the per-CPU
 * vm_event_states as PGFAULT (/proc/vmstat's pgfault).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/sizes.h>
#include <linux/vmstat.h>

#include "internal.h"

/* The GIC's kind of interrupt @hwirq (the GIC architecture's ranges). */
static const char *gic_kind(unsigned long hwirq)
{
	if (hwirq < 16)
		return "sgi";
	if (hwirq < 32)
		return "ppi";
	if (hwirq < 1020)
		return "spi";
	if (hwirq >= 8192)
		return "lpi";
	return "-";
}

/*
 * One row per IRQ with a handler: its controller number, its GIC kind and
 * its count on each CPU. Descriptors are freed after an RCU grace period,
 * and the action list is read under the descriptor's lock, as
 * /proc/interrupts does.
 */
static void show_irq(struct seq_file *m, unsigned int irq)
{
	char name[24] = "-";
	struct irq_data *data;
	struct irq_desc *desc;
	unsigned long flags, hwirq = 0;
	unsigned int cpu, any = 0;
	bool active, named = false;

	rcu_read_lock();
	data = irq_get_irq_data(irq);
	if (!data)
		goto unlock;
	desc = irq_data_to_desc(data);
	raw_spin_lock_irqsave(&desc->lock, flags);
	active = desc->action;
	if (active) {
		named = desc->action->name;
		strscpy(name, desc->action->name ?: "-", sizeof(name));
		hwirq = data->hwirq;
	}
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	if (!active)
		goto unlock;
	/*
	 * A chained handler (a secondary interrupt controller's, with no
	 * name) is shown only once it has counted, as /proc/interrupts does.
	 */
	for_each_online_cpu(cpu)
		any |= irq_desc_kstat_cpu(desc, cpu);
	if (!named && !any)
		goto unlock;

	seq_printf(m, "%u %lu %s", irq, hwirq, gic_kind(hwirq));
	for_each_online_cpu(cpu)
		seq_printf(m, " %u", irq_desc_kstat_cpu(desc, cpu));
	seq_printf(m, " %s\n", name);
unlock:
	rcu_read_unlock();
}

static int counts_show(struct seq_file *m, struct osedu_file_ctx *ctx)
{
	unsigned int irq, cpu, nr;

	osedu_seq_header(m, "vectors/counts");
	seq_printf(m, "online_cpus: %u\n", num_online_cpus());
	cpus_read_lock();
	seq_puts(m, "cpu page_faults\n");
	for_each_online_cpu(cpu)
		seq_printf(m, "%u %lu\n", cpu,
			   READ_ONCE(per_cpu(vm_event_states, cpu).event[PGFAULT]));
	seq_puts(m, "irq hwirq kind");
	for_each_online_cpu(cpu)
		seq_printf(m, " cpu%u", cpu);
	seq_puts(m, " name\n");
	nr = va_nr_irqs();
	for (irq = 0; irq < nr; irq++)
		show_irq(m, irq);
	cpus_read_unlock();
	return 0;
}

static struct osedu_file counts_file = {
	.name = "counts",
	.show = counts_show,
	.size = SZ_16K,
};

int va_counts_create(struct proc_dir_entry *dir)
{
	return osedu_file_create(dir, &counts_file);
}
