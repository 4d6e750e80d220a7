// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/vectors/counts: what the kernel counts of the exceptions
 * the lectures talk about, per CPU.
 *
 * Interrupts: every IRQ arrives through the "irq" vector entry (el1h or
 * el0t) and the GIC's handler, and is counted per Linux IRQ in its
 * irq_desc, with the interrupt controller's own number (hwirq) in its
 * irq_data: the numbers /proc/interrupts prints (core's osedu_seq_irqs()
 * reads them). For the GIC the number says the
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
#include <linux/irq.h>
#include <linux/mm.h>
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
 * The GIC's own number for @data, which says its kind. A PCI MSI's
 * irq_data holds its number in the MSI domain (0, 1, 2 for a device's
 * vectors, which would read as SGIs); the root of the domain hierarchy
 * is the GIC's, with the SPI (behind GICv2m) or LPI (behind the ITS) the
 * message is turned into. Core calls this under the descriptor's lock,
 * which keeps the chain in place.
 */
static unsigned long gic_hwirq(unsigned int irq, struct irq_data *data)
{
	while (data->parent_data)
		data = data->parent_data;
	return data->hwirq;
}

/*
 * A chained handler (a secondary interrupt controller's, with no name) is
 * shown only once it has counted, as /proc/interrupts does.
 */
static bool show_irq(struct seq_file *m, const struct osedu_irq *irq)
{
	if (!irq->named && !irq->total)
		return false;
	seq_printf(m, "%u %lu %s", irq->irq, irq->hwirq,
		   gic_kind(irq->route));
	return true;
}

static const struct osedu_irqs irqs = {
	.columns = "irq hwirq kind",
	.route = gic_hwirq,
	.show = show_irq,
};

static int counts_show(struct seq_file *m, struct osedu_file_ctx *ctx)
{
	unsigned int cpu;

	osedu_seq_header(m, "vectors/counts");
	seq_printf(m, "online_cpus: %u\n", num_online_cpus());
	cpus_read_lock();
	seq_puts(m, "cpu page_faults\n");
	for_each_online_cpu(cpu)
		seq_printf(m, "%u %lu\n", cpu,
			   READ_ONCE(per_cpu(vm_event_states, cpu).event[PGFAULT]));
	osedu_seq_irqs(m, &irqs);
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
