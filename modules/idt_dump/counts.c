// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/idt/counts: the interrupt counts the kernel keeps per CPU.
 * System vectors (local timer, IPIs, spurious, ...) are counted in the
 * exported per-CPU irq_stat, the same fields /proc/interrupts prints as
 * LOC, RES, CAL, TLB, SPU, ... Device interrupts are counted per Linux
 * IRQ in its irq_desc; the vector an IRQ arrives on comes from the
 * exported irqd_cfg() of its irq data in the x86 vector domain.
 * kstat_irqs_cpu() and arch_irq_stat_cpu() are not exported, so the same
 * numbers are read from their sources.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/rcupdate.h>
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
 * vector domain itself is asked. Caller holds the descriptor's lock.
 */
static unsigned int irq_vector(unsigned int irq)
{
	struct irq_data *vd;
	struct irq_cfg *cfg;

	vd = irq_domain_get_irq_data(x86_vector_domain, irq);
	if (!vd)
		return 0;
	cfg = irqd_cfg(vd);
	return cfg ? cfg->vector : 0;
}

/*
 * One row per device IRQ with a handler: its vector and its count on each
 * CPU. Descriptors are freed after an RCU grace period, and the action
 * list is read under the descriptor's lock, as /proc/interrupts does.
 */
static void show_device_irq(struct seq_file *m, unsigned int irq)
{
	struct irq_data *data;
	struct irq_desc *desc;
	char name[24] = "-";
	unsigned long flags;
	unsigned int cpu, vector = 0;
	bool active;

	rcu_read_lock();
	data = irq_get_irq_data(irq);
	if (!data)
		goto unlock;
	desc = irq_data_to_desc(data);
	raw_spin_lock_irqsave(&desc->lock, flags);
	active = desc->action;
	if (active) {
		strscpy(name, desc->action->name ?: "-", sizeof(name));
		vector = irq_vector(irq);
	}
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	if (!active)
		goto unlock;

	seq_printf(m, "%u 0x%02x", irq, vector);
	for_each_online_cpu(cpu)
		seq_printf(m, " %u", irq_desc_kstat_cpu(desc, cpu));
	seq_printf(m, " %s\n", name);
unlock:
	rcu_read_unlock();
}

static int counts_show(struct seq_file *m, struct osedu_file_ctx *ctx)
{
	unsigned int irq, cpu, nr;

	osedu_seq_header(m, "idt/counts");
	seq_printf(m, "online_cpus: %u\n", num_online_cpus());
	cpus_read_lock();
	show_system(m);
	seq_puts(m, "irq vector");
	for_each_online_cpu(cpu)
		seq_printf(m, " cpu%u", cpu);
	seq_puts(m, " name\n");
	nr = idt_nr_irqs();
	for (irq = 0; irq < nr; irq++)
		show_device_irq(m, irq);
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
