// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/idt/table: the 256 gates of the Interrupt Descriptor Table,
 * read through the IDTR (sidt), since the kernel's idt_table is not
 * exported. Every online CPU reports its own IDTR and a checksum of the
 * table it sees, so the file can say whether all CPUs agree.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <asm/desc.h>
#include <asm/irq_vectors.h>
#include <asm/traps.h>

#include "internal.h"

#define IDT_GATES	256

static const char * const exception_names[32] = {
	[X86_TRAP_DE] = "#DE",	[X86_TRAP_DB] = "#DB",
	[X86_TRAP_NMI] = "NMI",	[X86_TRAP_BP] = "#BP",
	[X86_TRAP_OF] = "#OF",	[X86_TRAP_BR] = "#BR",
	[X86_TRAP_UD] = "#UD",	[X86_TRAP_NM] = "#NM",
	[X86_TRAP_DF] = "#DF",	[X86_TRAP_OLD_MF] = "coproc_overrun",
	[X86_TRAP_TS] = "#TS",	[X86_TRAP_NP] = "#NP",
	[X86_TRAP_SS] = "#SS",	[X86_TRAP_GP] = "#GP",
	[X86_TRAP_PF] = "#PF",	[X86_TRAP_SPURIOUS] = "reserved_15",
	[X86_TRAP_MF] = "#MF",	[X86_TRAP_AC] = "#AC",
	[X86_TRAP_MC] = "#MC",	[X86_TRAP_XF] = "#XM",
	[X86_TRAP_VE] = "#VE",	[X86_TRAP_CP] = "#CP",
	[28] = "#HV",		[X86_TRAP_VC] = "#VC",
	[30] = "#SX",
};

const char *idt_vector_name(unsigned int vector)
{
	if (vector < 32)
		return exception_names[vector] ?: "reserved";

	switch (vector) {
	case IA32_SYSCALL_VECTOR:	return "int80_syscall";
	case SPURIOUS_APIC_VECTOR:	return "spurious";
	case ERROR_APIC_VECTOR:		return "apic_error";
	case RESCHEDULE_VECTOR:		return "ipi_reschedule";
	case CALL_FUNCTION_VECTOR:	return "ipi_call_function";
	case CALL_FUNCTION_SINGLE_VECTOR: return "ipi_call_function_single";
	case THERMAL_APIC_VECTOR:	return "thermal";
	case THRESHOLD_APIC_VECTOR:	return "mce_threshold";
	case REBOOT_VECTOR:		return "ipi_reboot";
	case X86_PLATFORM_IPI_VECTOR:	return "platform_ipi";
	case IRQ_WORK_VECTOR:		return "irq_work";
	case DEFERRED_ERROR_VECTOR:	return "mce_deferred_error";
	case HYPERVISOR_CALLBACK_VECTOR: return "hypervisor_callback";
	case POSTED_INTR_VECTOR:	return "kvm_posted_intr";
	case POSTED_INTR_WAKEUP_VECTOR:	return "kvm_posted_intr_wakeup";
	case POSTED_INTR_NESTED_VECTOR:	return "kvm_posted_intr_nested";
	case MANAGED_IRQ_SHUTDOWN_VECTOR: return "managed_irq_shutdown";
#ifdef HYPERV_STIMER0_VECTOR	/* only in kernels built with Hyper-V support */
	case HYPERV_REENLIGHTENMENT_VECTOR: return "hyperv_reenlightenment";
	case HYPERV_STIMER0_VECTOR:	return "hyperv_stimer0";
#endif
	case LOCAL_TIMER_VECTOR:	return "local_timer";
	}
	if (vector >= FIRST_SYSTEM_VECTOR)
		return "system";
	return "device";
}

static const char *gate_type_name(unsigned int type)
{
	switch (type) {
	case GATE_INTERRUPT:	return "interrupt";
	case GATE_TRAP:		return "trap";
	case GATE_CALL:		return "call";
	case GATE_TASK:		return "task";
	}
	return "invalid";
}

struct idt_cpu {
	unsigned long base;
	unsigned short limit;
	u32 hash;
	bool seen;
};

/*
 * What each CPU reported at the last round of IPIs. Asking every CPU
 * interrupts them all, and the file is readable by anyone: so a round is
 * sent at most once per REFRESH, and readers in between get its answers.
 * The IDT does not change after boot, so they are not stale in substance.
 */
#define REFRESH		HZ

static DEFINE_PER_CPU(struct idt_cpu, idt_seen);
static DEFINE_MUTEX(idt_seen_lock);	/* one round at a time */
static unsigned long idt_seen_stamp;
static bool idt_seen_valid;

/* Runs on each CPU with interrupts off: what does this CPU's IDTR hold? */
static void idt_read_cpu(void *info)
{
	struct idt_cpu *me = this_cpu_ptr(&idt_seen);
	struct desc_ptr idtr;

	store_idt(&idtr);
	me->base = idtr.address;
	me->limit = idtr.size;
	me->hash = jhash((const void *)idtr.address,
			 min_t(size_t, idtr.size + 1,
			       IDT_GATES * sizeof(gate_desc)), 0);
	me->seen = true;
}

/* Fill @cpus (nr_cpu_ids entries) from the last round, sending one if due. */
static int read_cpus(struct idt_cpu *cpus)
{
	unsigned int cpu;

	if (mutex_lock_killable(&idt_seen_lock))
		return -EINTR;
	if (!idt_seen_valid || time_after(jiffies, idt_seen_stamp + REFRESH)) {
		for_each_possible_cpu(cpu)
			per_cpu(idt_seen, cpu).seen = false;
		cpus_read_lock();
		on_each_cpu(idt_read_cpu, NULL, 1);
		cpus_read_unlock();
		idt_seen_stamp = jiffies;
		idt_seen_valid = true;
	}
	for_each_possible_cpu(cpu)
		cpus[cpu] = per_cpu(idt_seen, cpu);
	mutex_unlock(&idt_seen_lock);
	return 0;
}

static int show_cpus(struct seq_file *m, const struct osedu_access *acc)
{
	struct idt_cpu *cpus, *first = NULL;
	unsigned int cpu, n = 0;
	bool agree = true;
	int ret;

	cpus = kcalloc(nr_cpu_ids, sizeof(*cpus), GFP_KERNEL);
	if (!cpus)
		return -ENOMEM;
	ret = read_cpus(cpus);
	if (ret)
		goto free;

	for_each_possible_cpu(cpu) {
		struct idt_cpu *c = &cpus[cpu];

		if (!c->seen)
			continue;
		n++;
		/*
		 * A hash of the gates is a function of the KASLR offset, so it
		 * is shown only to those who may see the addresses themselves.
		 */
		seq_printf(m, "cpu%u_idtr: base=0x%016lx limit=%u checksum=0x%08lx\n",
			   cpu, osedu_kaddr(acc, c->base), c->limit,
			   osedu_kaddr(acc, c->hash));
		if (!first)
			first = c;
		else if (c->base != first->base || c->limit != first->limit ||
			 c->hash != first->hash)
			agree = false;
	}
	seq_printf(m, "cpus_compared: %u\n", n);
	seq_printf(m, "all_cpus_agree: %s\n", agree ? "yes" : "no");
free:
	kfree(cpus);
	return ret;
}

static int table_show(struct seq_file *m, struct osedu_file_ctx *ctx)
{
	const struct osedu_access *acc = &ctx->access;
	gate_desc *gates;
	struct desc_ptr idtr;
	unsigned int vec, n;
	int ret;

	osedu_seq_header(m, "idt/table");
	seq_printf(m, "fred: %s\n", idt_fred_state());
	seq_printf(m, "idt_in_use: %s\n", idt_fred_enabled() ?
		   "no (FRED delivers events without the IDT)" : "yes");
	ret = show_cpus(m, acc);
	if (ret)
		return ret;

	/* The IDT is a fixed table the kernel never changes after boot. */
	gates = kmalloc_array(IDT_GATES, sizeof(*gates), GFP_KERNEL);
	if (!gates)
		return -ENOMEM;
	preempt_disable();
	store_idt(&idtr);
	n = min_t(unsigned int, (idtr.size + 1) / sizeof(gate_desc), IDT_GATES);
	memcpy(gates, (const void *)idtr.address, n * sizeof(gate_desc));
	preempt_enable();

	seq_printf(m, "gates: %u\n", n);
	seq_puts(m, "vector name type dpl ist present selector handler address\n");
	for (vec = 0; vec < n; vec++) {
		const gate_desc *g = &gates[vec];
		unsigned long addr = gate_offset(g);

		seq_printf(m, "0x%02x %s %s %u %u %u 0x%04lx ", vec,
			   idt_vector_name(vec), gate_type_name(g->bits.type),
			   g->bits.dpl, g->bits.ist, g->bits.p,
			   gate_segment(g));
		if (g->bits.p)
			osedu_seq_symbol(m, addr);
		else
			seq_putc(m, '-');
		seq_printf(m, " 0x%016lx\n", osedu_kaddr(acc, addr));
	}
	kfree(gates);
	return 0;
}

static struct osedu_file table_file = {
	.name = "table",
	.show = table_show,
	.size = SZ_64K,
};

int idt_table_create(struct proc_dir_entry *dir)
{
	return osedu_file_create(dir, &table_file);
}
