// SPDX-License-Identifier: GPL-2.0
/*
 * A test-only IRQ outside the x86 vector domain: one IRQ of an irq domain
 * of its own (as a GPIO or pinctrl irqchip has), with a handler named
 * "osedu_foreign" and chip data that is not an apic_chip_data. Its bytes
 * read as a vector would be 0xab, so a reader that asks irqd_cfg() of the
 * wrong domain shows 0xab; idt/counts must show 0x00 (no vector).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/module.h>

#define FOREIGN_BYTE	0xab

static u32 foreign_data[16];
static struct fwnode_handle *fwnode;
static struct irq_domain *domain;
static unsigned int virq;

static irqreturn_t foreign_handler(int irq, void *dev)
{
	return IRQ_HANDLED;
}

static int __init osedu_test_irq_init(void)
{
	int ret;

	memset(foreign_data, FOREIGN_BYTE, sizeof(foreign_data));
	/* The vector field of a misread apic_chip_data: 0xab, one byte. */
	foreign_data[1] = FOREIGN_BYTE;
	fwnode = irq_domain_alloc_named_fwnode("osedu-test-foreign");
	if (!fwnode)
		return -ENOMEM;
	domain = irq_domain_create_linear(fwnode, 1, &irq_domain_simple_ops,
					  NULL);
	if (!domain) {
		ret = -ENOMEM;
		goto free_fwnode;
	}
	virq = irq_create_mapping(domain, 0);
	if (!virq) {
		ret = -ENOSPC;
		goto remove_domain;
	}
	irq_set_chip_and_handler(virq, &dummy_irq_chip, handle_simple_irq);
	irq_set_chip_data(virq, foreign_data);
	irq_modify_status(virq, IRQ_NOREQUEST, 0);
	ret = request_irq(virq, foreign_handler, 0, "osedu_foreign", NULL);
	if (ret)
		goto dispose;
	pr_info("irq %u in a foreign domain\n", virq);
	return 0;

dispose:
	irq_dispose_mapping(virq);
remove_domain:
	irq_domain_remove(domain);
free_fwnode:
	irq_domain_free_fwnode(fwnode);
	return ret;
}

static void __exit osedu_test_irq_exit(void)
{
	free_irq(virq, NULL);
	irq_dispose_mapping(virq);
	irq_domain_remove(domain);
	irq_domain_free_fwnode(fwnode);
}

module_init(osedu_test_irq_init);
module_exit(osedu_test_irq_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("osedu selftest: an IRQ outside the x86 vector domain");
