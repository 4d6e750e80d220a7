// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/idt/gdt: the reading CPU's Global Descriptor Table, found
 * through its GDTR (sgdt), and the IST stacks of that CPU's TSS. In long
 * mode the CPU ignores the base and limit of CS, DS, ES and SS: what is
 * left of segmentation is the privilege level in CS (ring 0 or 3), the
 * L bit choosing 64-bit or compatibility mode, FS/GS bases, and the TSS
 * that names the stacks the CPU switches to on entry.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/percpu.h>
#include <linux/smp.h>
#include <asm/desc.h>
#include <asm/page_64_types.h>
#include <asm/processor.h>
#include <asm/segment.h>

#include "internal.h"

#define GDT_MAX	32

static const char *gdt_slot_name(unsigned int i)
{
	switch (i) {
	case 0:				return "null";
	case GDT_ENTRY_KERNEL32_CS:	return "kernel_cs32";
	case GDT_ENTRY_KERNEL_CS:	return "kernel_cs";
	case GDT_ENTRY_KERNEL_DS:	return "kernel_ds";
	case GDT_ENTRY_DEFAULT_USER32_CS: return "user_cs32";
	case GDT_ENTRY_DEFAULT_USER_DS:	return "user_ds";
	case GDT_ENTRY_DEFAULT_USER_CS:	return "user_cs";
	case GDT_ENTRY_TSS:		return "tss";
	case GDT_ENTRY_TSS + 1:		return "tss_high";
	case GDT_ENTRY_LDT:		return "ldt";
	case GDT_ENTRY_LDT + 1:		return "ldt_high";
	case GDT_ENTRY_TLS_MIN ... GDT_ENTRY_TLS_MAX: return "tls";
	case GDT_ENTRY_CPUNODE:		return "cpunode";
	}
	return "unused";
}

/* What kind of descriptor: code, data, or one of the system types. */
static const char *desc_kind(const struct desc_struct *d)
{
	if (d->s)
		return (d->type & 8) ? "code" : "data";
	switch (d->type) {
	case DESC_LDT:		return "ldt";
	case DESC_TSS:		return "tss_available";
	case DESC_TSS | 2:	return "tss_busy";
	}
	return d->p ? "system" : "none";
}

static const char * const ist_names[N_EXCEPTION_STACKS] = {
	[IST_INDEX_DF] = "#DF",
	[IST_INDEX_NMI] = "NMI",
	[IST_INDEX_DB] = "#DB",
	[IST_INDEX_MCE] = "#MC",
#ifdef IST_INDEX_VC
	[IST_INDEX_VC] = "#VC",
#endif
};

static int gdt_show(struct seq_file *m, struct osedu_file_ctx *ctx)
{
	const struct osedu_access *acc = &ctx->access;
	struct desc_struct gdt[GDT_MAX];
	struct desc_ptr gdtr;
	u64 ist[7];
	unsigned int i, n, cpu;

	/* Stay on one CPU: its GDT and its TSS belong together. */
	cpu = get_cpu();
	native_store_gdt(&gdtr);
	n = min_t(unsigned int, (gdtr.size + 1) / sizeof(*gdt), GDT_MAX);
	memcpy(gdt, (const void *)gdtr.address, n * sizeof(*gdt));
	for (i = 0; i < ARRAY_SIZE(ist); i++)
		ist[i] = per_cpu(cpu_tss_rw, cpu).x86_tss.ist[i];
	put_cpu();

	osedu_seq_header(m, "idt/gdt");
	seq_printf(m, "cpu: %u\n", cpu);
	seq_printf(m, "gdtr_base: 0x%016lx\n", osedu_kaddr(acc, gdtr.address));
	seq_printf(m, "gdtr_limit: %u\n", gdtr.size);
	seq_printf(m, "entries: %u\n", n);
	seq_puts(m, "index selector name kind base limit type s dpl present l d g\n");
	for (i = 0; i < n; i++) {
		const struct desc_struct *d = &gdt[i];
		unsigned long base = get_desc_base(d);
		unsigned long limit = get_desc_limit(d);
		bool kernel_base = false;

		/* A 64-bit TSS or LDT descriptor takes two slots. */
		if (!d->s && d->p && (d->type == DESC_TSS ||
				      d->type == (DESC_TSS | 2) ||
				      d->type == DESC_LDT) && i + 1 < n) {
			base |= (unsigned long)gdt[i + 1].limit0 << 32 |
				(unsigned long)gdt[i + 1].base0 << 48;
			kernel_base = true;
		}
		if (d->g)
			limit = (limit << 12) | 0xfff;
		seq_printf(m, "%u 0x%04x %s %s 0x%016lx 0x%05lx 0x%x %u %u %u %u %u %u\n",
			   i, i * 8, gdt_slot_name(i), desc_kind(d),
			   kernel_base ? osedu_kaddr(acc, base) : base,
			   limit, d->type, d->s, d->dpl, d->p, d->l, d->d,
			   d->g);
		if (kernel_base)
			i++;	/* the high half was printed as part of it */
	}

	seq_puts(m, "ist name stack_top\n");
	for (i = 0; i < ARRAY_SIZE(ist); i++)
		seq_printf(m, "%u %s 0x%016llx\n", i + 1,
			   i < N_EXCEPTION_STACKS && ist_names[i] ?
			   ist_names[i] : "unused",
			   (u64)osedu_kaddr(acc, ist[i]));
	return 0;
}

static struct osedu_file gdt_file = {
	.name = "gdt",
	.show = gdt_show,
};

int idt_gdt_create(struct proc_dir_entry *dir)
{
	return osedu_file_create(dir, &gdt_file);
}
