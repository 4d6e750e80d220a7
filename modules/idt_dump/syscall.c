// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/idt/syscall: the doors from user mode into the kernel. A
 * 64-bit program's "syscall" jumps to MSR_LSTAR; 32-bit code's "syscall"
 * (AMD) to MSR_CSTAR and "sysenter" (Intel) to MSR_IA32_SYSENTER_EIP;
 * "int $0x80" goes through IDT gate 0x80. syscall_init() points the compat
 * MSRs at the compat entries only when IA32 emulation is enabled, and sets
 * MSR_IA32_SYSENTER_CS to __KERNEL_CS only then, which is how this file
 * tells whether emulation is on without the unexported ia32_enabled().
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <asm/desc.h>
#include <asm/irq_vectors.h>
#include <asm/msr.h>
#include <asm/segment.h>

#include "internal.h"

static void show_msr(struct seq_file *m, const struct osedu_access *acc,
		     const char *key, unsigned int msr)
{
	u64 val = 0;
	int err = idt_rdmsr_safe(msr, &val);

	seq_printf(m, "%s_msr: 0x%08x\n", key, msr);
	seq_printf(m, "%s_readable: %s\n", key, err ? "no" : "yes");
	seq_printf(m, "%s_handler: ", key);
	osedu_seq_symbol(m, err ? 0 : val);
	seq_printf(m, "\n%s_address: 0x%016llx\n", key,
		   (u64)osedu_kaddr(acc, err ? 0 : val));
}

static int syscall_show(struct seq_file *m, struct osedu_file_ctx *ctx)
{
	const struct osedu_access *acc = &ctx->access;
	struct desc_ptr idtr;
	gate_desc g;
	u64 star = 0, sysenter_cs = 0;
	bool ia32;

	osedu_seq_header(m, "idt/syscall");
	seq_printf(m, "fred: %s\n", idt_fred_state());

	/* 64-bit "syscall": RIP from LSTAR, CS from STAR[47:32], CPL 0. */
	show_msr(m, acc, "lstar", MSR_LSTAR);
	idt_rdmsr_safe(MSR_STAR, &star);
	seq_printf(m, "star: 0x%016llx\n", star);
	seq_printf(m, "syscall_kernel_cs: 0x%04llx\n", (star >> 32) & 0xffff);
	seq_printf(m, "sysret_user_cs32: 0x%04llx\n", (star >> 48) & 0xffff);
	seq_printf(m, "sysret_user_cs64: 0x%04llx\n",
		   ((star >> 48) + 16) & 0xffff);
	seq_printf(m, "syscall_cpl: %llu\n", ((star >> 32) & 0xffff) & 3);

	show_msr(m, acc, "cstar", MSR_CSTAR);
	show_msr(m, acc, "sysenter_eip", MSR_IA32_SYSENTER_EIP);
	idt_rdmsr_safe(MSR_IA32_SYSENTER_CS, &sysenter_cs);
	seq_printf(m, "sysenter_cs: 0x%04llx\n", sysenter_cs & 0xffff);
	seq_printf(m, "sysenter_cpl: %llu\n", sysenter_cs & 3);

	preempt_disable();
	store_idt(&idtr);
	memcpy(&g, (const gate_desc *)idtr.address + IA32_SYSCALL_VECTOR,
	       sizeof(g));
	preempt_enable();
	seq_printf(m, "int80_vector: 0x%02x\n", IA32_SYSCALL_VECTOR);
	seq_printf(m, "int80_present: %u\n", g.bits.p);
	seq_puts(m, "int80_handler: ");
	osedu_seq_symbol(m, g.bits.p ? gate_offset(&g) : 0);
	seq_printf(m, "\nint80_address: 0x%016lx\n",
		   osedu_kaddr(acc, gate_offset(&g)));
	seq_printf(m, "int80_dpl: %u\n", g.bits.dpl);
	seq_printf(m, "int80_selector: 0x%04lx\n", gate_segment(&g));
	seq_printf(m, "int80_cpl: %lu\n", gate_segment(&g) & 3);

	ia32 = (sysenter_cs & 0xffff) == __KERNEL_CS;
	seq_printf(m, "ia32_emulation: %s\n", ia32 ? "on" : "off");
	seq_printf(m, "config_ia32_emulation: %s\n",
		   IS_ENABLED(CONFIG_IA32_EMULATION) ? "y" : "n");
	return 0;
}

static struct osedu_file syscall_file = {
	.name = "syscall",
	.show = syscall_show,
};

int idt_syscall_create(struct proc_dir_entry *dir)
{
	return osedu_file_create(dir, &syscall_file);
}
