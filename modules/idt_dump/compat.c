// SPDX-License-Identifier: GPL-2.0
/*
 * The differences between the supported kernels (6.1 to 7.3), in one
 * place. The IDT_HAVE_* macros come from Kbuild, which looks for each
 * feature in the headers of the kernel being built for.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/percpu.h>
#include <linux/string.h>
#include <asm/cpufeature.h>
#include <asm/hardirq.h>
#include <asm/msr.h>

#include "internal.h"

/*
 * FRED (Flexible Return and Event Delivery) exists from 6.9: with it
 * enabled the CPU delivers events through the FRED entry points and never
 * looks at the IDT. 6.1 has no X86_FEATURE_FRED at all.
 */
bool idt_fred_enabled(void)
{
#ifdef X86_FEATURE_FRED
	return cpu_feature_enabled(X86_FEATURE_FRED);
#else
	return false;
#endif
}

const char *idt_fred_state(void)
{
#ifdef X86_FEATURE_FRED
	if (idt_fred_enabled())
		return "enabled";
	if (boot_cpu_has(X86_FEATURE_FRED))
		return "supported_not_enabled";
	return "not_enabled";
#else
	return "not_in_this_kernel";
#endif
}

/* 6.16 renamed rdmsrl_safe() to rdmsrq_safe() (the "q" is the 64 bits). */
int idt_rdmsr_safe(u32 msr, u64 *val)
{
#ifdef IDT_HAVE_RDMSRQ
	return rdmsrq_safe(msr, val);
#else
	return rdmsrl_safe(msr, val);
#endif
}

/*
 * x86's per-CPU irq_stat had one named field per system vector
 * (apic_timer_irqs, irq_resched_count, ...) until 7.2 (first seen in
 * Debian's 7.2 headers) made it an array, counts[], indexed by enum
 * irq_stat_counts (IRQ_COUNT_APIC_TIMER, ...). Counters whose vector is
 * configured out read 0 on both.
 */
#ifdef IDT_HAVE_IRQ_STAT_COUNTS
static unsigned int stat(const irq_cpustat_t *s, enum irq_stat_counts i)
{
	return READ_ONCE(s->counts[i]);
}

void idt_irq_stat_read(unsigned int cpu, struct idt_irq_stat *c)
{
	const irq_cpustat_t *s = &per_cpu(irq_stat, cpu);

	memset(c, 0, sizeof(*c));
	c->local_timer = stat(s, IRQ_COUNT_APIC_TIMER);
	c->nmi = stat(s, IRQ_COUNT_NMI);
	c->reschedule = stat(s, IRQ_COUNT_RESCHEDULE);
	c->call_function = stat(s, IRQ_COUNT_CALL_FUNCTION);
	c->tlb = stat(s, IRQ_COUNT_TLB);
	c->spurious = stat(s, IRQ_COUNT_SPURIOUS);
	c->irq_work = stat(s, IRQ_COUNT_IRQ_WORK);
	c->perf = stat(s, IRQ_COUNT_APIC_PERF);
	c->platform_ipi = stat(s, IRQ_COUNT_X86_PLATFORM_IPI);
#ifdef CONFIG_X86_THERMAL_VECTOR
	c->thermal = stat(s, IRQ_COUNT_THERMAL_APIC);
#endif
#ifdef CONFIG_X86_MCE_THRESHOLD
	c->mce_threshold = stat(s, IRQ_COUNT_THRESHOLD_APIC);
#endif
#ifdef CONFIG_X86_MCE_AMD
	c->mce_deferred = stat(s, IRQ_COUNT_DEFERRED_ERROR);
#endif
}
#else
void idt_irq_stat_read(unsigned int cpu, struct idt_irq_stat *c)
{
	const irq_cpustat_t *s = &per_cpu(irq_stat, cpu);

	memset(c, 0, sizeof(*c));
	c->local_timer = READ_ONCE(s->apic_timer_irqs);
	c->nmi = READ_ONCE(s->__nmi_count);
	c->reschedule = READ_ONCE(s->irq_resched_count);
	c->call_function = READ_ONCE(s->irq_call_count);
	c->tlb = READ_ONCE(s->irq_tlb_count);
	c->spurious = READ_ONCE(s->irq_spurious_count);
	c->irq_work = READ_ONCE(s->apic_irq_work_irqs);
	c->perf = READ_ONCE(s->apic_perf_irqs);
	c->platform_ipi = READ_ONCE(s->x86_platform_ipis);
#ifdef CONFIG_X86_THERMAL_VECTOR
	c->thermal = READ_ONCE(s->irq_thermal_count);
#endif
#ifdef CONFIG_X86_MCE_THRESHOLD
	c->mce_threshold = READ_ONCE(s->irq_threshold_count);
#endif
#ifdef CONFIG_X86_MCE_AMD
	c->mce_deferred = READ_ONCE(s->irq_deferred_error_count);
#endif
}
#endif
