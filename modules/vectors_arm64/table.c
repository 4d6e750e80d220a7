// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/vectors/table: the exception vector table. On an exception
 * the CPU jumps to VBAR_EL1 plus an offset chosen by where it came from
 * (the current EL using SP_EL0 or SP_EL1, or the lower EL in AArch64 or
 * AArch32) and the kind of exception (synchronous, IRQ, FIQ, SError):
 * 16 entries of 0x80 bytes each, x86's IDT in four rows of four.
 *
 * Linux's entries (kernel_ventry in arch/arm64/kernel/entry.S) make room
 * for pt_regs, check for a kernel stack overflow and branch to a handler
 * named for the entry (el0t_64_sync, el1h_64_irq, ...); the handler is
 * found by decoding that branch. VBAR_EL1 is read on every CPU: with
 * Spectre-BHB or KPTI mitigations it points at a per-CPU choice of
 * trampoline vectors, whose entries reach the same table indirectly (the
 * handler column then says "?").
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/sizes.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include <asm/sysreg.h>

#include "internal.h"

#define ENTRY_SIZE	0x80
#define NR_ENTRIES	16
#define ENTRY_INSNS	(ENTRY_SIZE / 4)

/* Where the exception came from, one group of four entries each. */
static const char * const sources[4] = {
	"current_el_sp0",	/* EL1 using SP_EL0 (el1t) */
	"current_el_spx",	/* EL1 using SP_EL1 (el1h): the kernel */
	"lower_el_aarch64",	/* EL0 running 64-bit code (el0t_64) */
	"lower_el_aarch32",	/* EL0 running 32-bit code (el0t_32) */
};

static const char * const kinds[4] = { "sync", "irq", "fiq", "serror" };

static void read_vbar(void *info)
{
	*(u64 *)info = read_sysreg(vbar_el1);
}

/*
 * The target of the first unconditional branch (B) in the entry at
 * @entry that leaves the entry, or 0. B is 0b000101 in bits 31:26 with a
 * signed word offset in bits 25:0.
 */
static unsigned long entry_handler(unsigned long entry)
{
	u32 insns[ENTRY_INSNS];
	unsigned long pc, target;
	long off;
	int i;

	if (copy_from_kernel_nofault(insns, (void *)entry, sizeof(insns)))
		return 0;
	for (i = 0; i < ENTRY_INSNS; i++) {
		u32 insn = le32_to_cpu((__force __le32)insns[i]);

		if ((insn >> 26) != 0x05)
			continue;
		off = (long)((u64)(insn & 0x03ffffff) << 38) >> 36;
		pc = entry + i * 4;
		target = pc + off;
		if (target < entry || target >= entry + ENTRY_SIZE)
			return target;
	}
	return 0;
}

static int table_show(struct seq_file *m, struct osedu_file_ctx *ctx)
{
	const struct osedu_access *acc = &ctx->access;
	unsigned long handler;
	unsigned int cpu, i;
	u64 vbar = 0, here = 0;

	osedu_seq_header(m, "vectors/table");
	seq_puts(m, "cpu vbar_el1 symbol\n");
	cpus_read_lock();
	for_each_online_cpu(cpu) {
		if (smp_call_function_single(cpu, read_vbar, &vbar, 1))
			continue;
		seq_printf(m, "%u 0x%016lx ", cpu, osedu_kaddr(acc, vbar));
		osedu_seq_symbol(m, vbar);
		seq_putc(m, '\n');
	}
	cpus_read_unlock();

	/* The entries as this CPU's VBAR_EL1 has them. */
	here = read_sysreg(vbar_el1);
	seq_printf(m, "entry_size: %u\n", ENTRY_SIZE);
	seq_puts(m, "offset source kind handler address\n");
	for (i = 0; i < NR_ENTRIES; i++) {
		handler = entry_handler(here + i * ENTRY_SIZE);
		seq_printf(m, "0x%03x %s %s ", i * ENTRY_SIZE, sources[i / 4],
			   kinds[i % 4]);
		osedu_seq_symbol(m, handler);
		seq_printf(m, " 0x%016lx\n", osedu_kaddr(acc, handler));
	}
	return 0;
}

static struct osedu_file table_file = {
	.name = "table",
	.show = table_show,
	.size = SZ_4K,
};

int va_table_create(struct proc_dir_entry *dir)
{
	return osedu_file_create(dir, &table_file);
}
