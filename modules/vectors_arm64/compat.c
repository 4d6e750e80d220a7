// SPDX-License-Identifier: GPL-2.0
/*
 * What differs between the kernels vectors_arm64 supports, so the logic
 * carries no #if. VA_HAVE_* come from Kbuild, which looks in the headers.
 */
#include <linux/irqnr.h>

#include "internal.h"

unsigned int va_nr_irqs(void)
{
#ifdef VA_HAVE_IRQ_GET_NR_IRQS
	return irq_get_nr_irqs();
#else
	return nr_irqs;
#endif
}
