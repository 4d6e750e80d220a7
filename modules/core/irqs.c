// SPDX-License-Identifier: GPL-2.0
/*
 * Device interrupts counted per Linux IRQ, one row each, the numbers
 * /proc/interrupts prints. Every architecture counts them the same way
 * (in the IRQ's irq_desc); only the column that says where an IRQ comes
 * from differs (x86: the IDT vector; arm64: the GIC's number), so a
 * module gives that part and core walks the descriptors.
 * kstat_irqs_cpu() is not exported: the counts are read from the
 * descriptor, as that function does.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/irqnr.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>

#include <osedu/core.h>
#include "compat.h"

/*
 * Fill @row for @irq; false when it has no descriptor or no handler
 * (not shown, as in /proc/interrupts). The action list and the route are
 * read under the descriptor's lock, as /proc/interrupts does; the caller
 * holds the RCU read lock that keeps the descriptor.
 */
static bool irq_row(unsigned int irq, const struct osedu_irqs *ops,
		    struct osedu_irq *row, struct irq_desc **descp)
{
	struct irq_data *data;
	struct irq_desc *desc;
	unsigned long flags;
	unsigned int cpu;
	bool active;

	data = irq_get_irq_data(irq);
	if (!data)
		return false;
	desc = irq_data_to_desc(data);
	raw_spin_lock_irqsave(&desc->lock, flags);
	active = desc->action;
	if (active) {
		row->named = desc->action->name;
		strscpy(row->name, desc->action->name ?: "-",
			sizeof(row->name));
		row->hwirq = data->hwirq;
		row->route = ops->route ? ops->route(irq, data) : 0;
	}
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	if (!active)
		return false;
	row->irq = irq;
	row->total = 0;
	for_each_online_cpu(cpu)
		row->total += irq_desc_kstat_cpu(desc, cpu);
	*descp = desc;
	return true;
}

void osedu_seq_irqs(struct seq_file *m, const struct osedu_irqs *ops)
{
	struct osedu_irq row;
	struct irq_desc *desc;
	unsigned int irq, cpu, nr = osedu_nr_irqs();

	seq_puts(m, ops->columns);
	for_each_online_cpu(cpu)
		seq_printf(m, " cpu%u", cpu);
	seq_puts(m, " name\n");
	for (irq = 0; irq < nr; irq++) {
		rcu_read_lock();
		if (irq_row(irq, ops, &row, &desc) && ops->show(m, &row)) {
			for_each_online_cpu(cpu)
				seq_printf(m, " %u",
					   irq_desc_kstat_cpu(desc, cpu));
			seq_printf(m, " %s\n", row.name);
		}
		rcu_read_unlock();
	}
}
EXPORT_SYMBOL_GPL(osedu_seq_irqs);
