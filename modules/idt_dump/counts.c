// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/idt/counts: the interrupt counts the kernel keeps per CPU.
 * System vectors (local timer, IPIs, spurious, ...) are counted in the
 * exported per-CPU irq_stat, the same fields /proc/interrupts prints as
 * LOC, RES, CAL, TLB, SPU, ... Device interrupts are counted per Linux
 * IRQ in its irq_desc (core's osedu_seq_irqs() prints them); the vector
 * an IRQ arrives on comes from the exported irqd_cfg() of its irq data in
 * the x86 vector domain. arch_irq_stat_cpu() is not exported, so the same
 * numbers are read from its source.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/sizes.h>
#include <asm/hardirq.h>
#include <asm/hw_irq.h>
#include <asm/irqdomain.h>
#include <asm/irq_vectors.h>

#include "internal.h"

static void show_system(struct seq_file *m)
{
	unsigned int cpu;

	seq_puts(m, "cpu local_timer nmi ipi_reschedule ipi_call_function ipi_tlb spurious irq_work perf platform_ipi thermal mce_threshold mce_deferred\n");
	for_each_online_cpu(cpu) {
		struct idt_irq_stat c;

		idt_irq_stat_read(cpu, &c);
		seq_printf(m, "%u %u %u %u %u %u %u %u %u %u %u %u %u\n", cpu,
			   c.local_timer, c.nmi, c.reschedule, c.call_function,
			   c.tlb, c.spurious, c.irq_work, c.perf,
			   c.platform_ipi, c.thermal, c.mce_threshold,
			   c.mce_deferred);
	}
}

/*
 * The IDT vector @irq is routed to, or 0 when it has none. irqd_cfg()
 * takes the root of an IRQ's domain hierarchy to be the x86 vector
 * domain and reads its chip data as the vector's; for an IRQ of a
 * foreign root domain (a GPIO or pinctrl irqchip, a test's own domain)
 * that is someone else's data. So only the irq data that belongs to the
 * vector domain itself is asked. Core holds the descriptor's lock.
 */
static unsigned long irq_vector(unsigned int irq, struct irq_data *data)
{
	struct irq_data *vd;
	struct irq_cfg *cfg;

	vd = irq_domain_get_irq_data(x86_vector_domain, irq);
	if (!vd)
		return 0;
	cfg = irqd_cfg(vd);
	return cfg ? cfg->vector : 0;
}

static bool show_device_irq(struct seq_file *m, const struct osedu_irq *irq)
{
	seq_printf(m, "%u 0x%02lx", irq->irq, irq->route);
	return true;
}

static const struct osedu_irqs device_irqs = {
	.columns = "irq vector",
	.route = irq_vector,
	.show = show_device_irq,
};

static int counts_show(struct seq_file *m, struct osedu_file_ctx *ctx)
{
	osedu_seq_header(m, "idt/counts");
	seq_printf(m, "online_cpus: %u\n", num_online_cpus());
	cpus_read_lock();
	show_system(m);
	osedu_seq_irqs(m, &device_irqs);
	cpus_read_unlock();
	return 0;
}

static struct osedu_file counts_file = {
	.name = "counts",
	.show = counts_show,
	.size = SZ_16K,
};

int idt_counts_create(struct proc_dir_entry *dir)
{
	return osedu_file_create(dir, &counts_file);
}
