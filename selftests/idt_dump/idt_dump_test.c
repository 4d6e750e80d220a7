// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of /proc/osedu/idt against independent oracles: /proc/kallsyms for
 * handler symbols and addresses, the CS and SS this very program runs
 * with, /proc/interrupts for the counts, and the system calls this
 * program itself makes for the entry-path counters.
 */
#include <ctype.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdint.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"

#define IDT_DIR		"/proc/osedu/idt"
#define TABLE		IDT_DIR "/table"
#define SYSCALL		IDT_DIR "/syscall"
#define GDT		IDT_DIR "/gdt"
#define COUNTS		IDT_DIR "/counts"
#define CONTROL		IDT_DIR "/control"
#define SYSCALLS	IDT_DIR "/syscalls"
#define MODNAME		"osedu_idt_dump"
#define BIG		(256 * 1024)

struct gate {
	unsigned int vector, dpl, ist, present, selector;
	char name[48], type[16], handler[128];
	unsigned long long addr;
};

/* Parse the gate rows of /proc/osedu/idt/table; number of gates. */
static int parse_table(const char *text, struct gate *g)
{
	const char *p = strstr(text, "\nvector name type");
	int n = 0;

	if (!p)
		return -1;
	p = strchr(p + 1, '\n');
	while (p && *++p && n < 256) {
		struct gate *x = &g[n];

		if (sscanf(p, "%x %47s %15s %u %u %u %x %127s %llx", &x->vector,
			   x->name, x->type, &x->dpl, &x->ist, &x->present,
			   &x->selector, x->handler, &x->addr) != 9)
			return -1;
		if (x->vector != (unsigned int)n)
			return -1;
		n++;
		p = strchr(p, '\n');
	}
	return n;
}

FIXTURE(idt) {
	char *text;
	struct gate g[256];
	int n;
};

FIXTURE_SETUP(idt)
{
	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load(MODNAME));
	self->text = osedu_read_all(TABLE, BIG, NULL);
	ASSERT_NE(NULL, self->text);
	self->n = parse_table(self->text, self->g);
	ASSERT_EQ(256, self->n) TH_LOG("table does not parse:\n%.2000s",
				       self->text);
}

FIXTURE_TEARDOWN(idt)
{
	free(self->text);
}

/*
 * The entry points each kernel's arch/x86/kernel/idt.c installs; both 6.1
 * and 6.12 name them alike (6.1 got asm_int80_emulation as a stable fix).
 */
static const struct {
	unsigned int vector;
	const char *name;
	const char *handler;
} known[] = {
	{ 0x00, "#DE", "asm_exc_divide_error" },
	{ 0x02, "NMI", "asm_exc_nmi" },
	{ 0x03, "#BP", "asm_exc_int3" },
	{ 0x0e, "#PF", "asm_exc_page_fault" },
	{ 0x80, "int80_syscall", "asm_int80_emulation" },
	{ 0xec, "local_timer", "asm_sysvec_apic_timer_interrupt" },
};

TEST_F(idt, handlers_agree_with_kallsyms)
{
	unsigned int i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		const struct gate *x = &self->g[known[i].vector];

		EXPECT_STREQ(known[i].name, x->name);
		EXPECT_STREQ(known[i].handler, x->handler);
		EXPECT_EQ(1, x->present);
		EXPECT_EQ(0x10, x->selector);
		EXPECT_STREQ("interrupt", x->type);
		/* Root sees addresses when kallsyms does; both or neither. */
		EXPECT_EQ(osedu_kallsyms_addr(known[i].handler), x->addr)
			TH_LOG("vector 0x%02x", known[i].vector);
		if (x->addr)
			EXPECT_TRUE(osedu_kallsyms_has(x->addr, x->handler));
	}
}

TEST_F(idt, every_named_handler_is_in_kallsyms)
{
	static char names[256][128];
	unsigned long long first[256] = { 0 };
	bool exact[256] = { false };
	char line[512], sym[256], type;
	unsigned long long addr;
	int v, k, nnames = 0, idx[256], checked = 0;
	FILE *f;

	if (!self->g[0].addr)
		SKIP(return, "kallsyms hides addresses (kptr_restrict)");
	/* Distinct handler names, so kallsyms is read only once. */
	for (v = 0; v < 256; v++) {
		idx[v] = -1;
		if (!self->g[v].present || !strcmp(self->g[v].handler, "?"))
			continue;
		for (k = 0; k < nnames; k++)
			if (!strcmp(names[k], self->g[v].handler))
				break;
		if (k == nnames)
			strcpy(names[nnames++], self->g[v].handler);
		idx[v] = k;
	}
	f = fopen("/proc/kallsyms", "r");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %255s", &addr, &type, sym) != 3)
			continue;
		for (k = 0; k < nnames; k++) {
			if (strcmp(names[k], sym))
				continue;
			if (!first[k])
				first[k] = addr;
			for (v = 0; v < 256; v++)
				if (idx[v] == k && self->g[v].addr == addr)
					exact[v] = true;
		}
	}
	fclose(f);
	for (v = 0; v < 256; v++) {
		if (idx[v] < 0)
			continue;
		if (exact[v]) {
			checked++;
			continue;
		}
		/* Device stubs sit inside irq_entries_start, not at it. */
		EXPECT_NE(0, first[idx[v]]) TH_LOG("0x%02x %s", v,
						   self->g[v].handler);
		EXPECT_LE(first[idx[v]], self->g[v].addr)
			TH_LOG("0x%02x %s", v, self->g[v].handler);
		EXPECT_GT(first[idx[v]] + 4096, self->g[v].addr)
			TH_LOG("0x%02x %s", v, self->g[v].handler);
	}
	/* Exceptions, 0x80 and the system vectors are exact. */
	EXPECT_GE(checked, 30);
}

TEST_F(idt, user_callable_gates_have_dpl3)
{
	int v;

	for (v = 0; v < 256; v++) {
		bool user = v == 0x03 || v == 0x04 || v == 0x80;

		if (!self->g[v].present)
			continue;
		EXPECT_EQ(user ? 3 : 0, self->g[v].dpl) TH_LOG("vector 0x%02x",
							   v);
	}
}

TEST_F(idt, ist_stacks_match_the_kernel)
{
	/* IST_INDEX_DF/NMI/DB/MCE + 1, from asm/page_64_types.h. */
	EXPECT_EQ(1, self->g[0x08].ist);
	EXPECT_EQ(2, self->g[0x02].ist);
	EXPECT_EQ(3, self->g[0x01].ist);
	/*
	 * A kernel without CONFIG_X86_MCE has no #MC handler: the vector
	 * gets the default entry, on the normal stack.
	 */
	if (strstr(self->g[0x12].handler, "machine_check") ||
	    !strcmp(self->g[0x12].handler, "?"))
		EXPECT_EQ(4, self->g[0x12].ist);
	EXPECT_EQ(0, self->g[0x0e].ist);
	EXPECT_EQ(0, self->g[0x80].ist);
}

TEST_F(idt, every_cpu_reports_the_same_table)
{
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	char key[32], v[128], first[128] = "";
	long i, seen = 0;

	EXPECT_EQ(online, osedu_kv_ll(self->text, "cpus_compared"));
	for (i = 0; i < 4096 && seen < online; i++) {
		snprintf(key, sizeof(key), "cpu%ld_idtr", i);
		if (!osedu_kv(self->text, key, v, sizeof(v)))
			continue;
		seen++;
		if (!first[0])
			strcpy(first, v);
		EXPECT_STREQ(first, v) TH_LOG("%s", key);
	}
	EXPECT_EQ(online, seen);
	ASSERT_TRUE(osedu_kv(self->text, "all_cpus_agree", v, sizeof(v)));
	EXPECT_STREQ("yes", v);
	/* Debian builds without CONFIG_X86_FRED, so the IDT is in use. */
	ASSERT_TRUE(osedu_kv(self->text, "idt_in_use", v, sizeof(v)));
	EXPECT_STREQ("yes", v);
}

TEST_F(idt, syscall_entries)
{
	char *s = osedu_read_all(SYSCALL, BIG, NULL);
	char v[128];

	ASSERT_NE(NULL, s);
	ASSERT_TRUE(osedu_kv(s, "lstar_handler", v, sizeof(v)));
	EXPECT_STREQ("entry_SYSCALL_64", v);
	EXPECT_EQ(osedu_kallsyms_addr("entry_SYSCALL_64"),
		  osedu_kv_ull(s, "lstar_address"));
	ASSERT_TRUE(osedu_kv(s, "cstar_handler", v, sizeof(v)));
	EXPECT_STREQ("entry_SYSCALL_compat", v);
	ASSERT_TRUE(osedu_kv(s, "sysenter_eip_handler", v, sizeof(v)));
	/* AMD CPUs keep only 32 bits of SYSENTER_EIP: "?" is honest there. */
	if (strcmp(v, "?"))
		EXPECT_STREQ("entry_SYSENTER_compat", v);
	ASSERT_TRUE(osedu_kv(s, "int80_handler", v, sizeof(v)));
	EXPECT_STREQ(self->g[0x80].handler, v);
	EXPECT_EQ(self->g[0x80].addr, osedu_kv_ull(s, "int80_address"));
	EXPECT_EQ(3, osedu_kv_ll(s, "int80_dpl"));
	EXPECT_EQ(0, osedu_kv_ll(s, "int80_cpl"));
	EXPECT_EQ(0, osedu_kv_ll(s, "syscall_cpl"));
	EXPECT_EQ(0x10, osedu_kv_ll(s, "syscall_kernel_cs"));
	ASSERT_TRUE(osedu_kv(s, "ia32_emulation", v, sizeof(v)));
	EXPECT_STREQ("on", v);
	free(s);
}

/* One row of the GDT table by index; false if absent. */
static bool gdt_row(const char *text, unsigned int index, char *kind,
		    unsigned int *dpl, unsigned int *l, unsigned int *d,
		    unsigned int *present, char *name)
{
	const char *p = strstr(text, "\nindex selector");
	unsigned int i, sel, type, s, g;
	unsigned long long base, limit;

	if (!p)
		return false;
	for (p = strchr(p + 1, '\n'); p && *++p; p = strchr(p, '\n')) {
		if (sscanf(p, "%u %x %31s %31s %llx %llx %x %u %u %u %u %u %u",
			   &i, &sel, name, kind, &base, &limit, &type, &s, dpl,
			   present, l, d, &g) != 13)
			return false;
		if (i == index)
			return sel == index * 8;
	}
	return false;
}

TEST(gdt_matches_our_own_segments)
{
	char *s, kind[32], name[32];
	unsigned int cs, ss, dpl, l, d, p;

	ASSERT_EQ(0, osedu_load(MODNAME));
	s = osedu_read_all(GDT, BIG, NULL);
	ASSERT_NE(NULL, s);
	asm volatile("mov %%cs, %0" : "=r"(cs));
	asm volatile("mov %%ss, %0" : "=r"(ss));
	/* We run in ring 3 through a 64-bit code segment: L=1, D=0. */
	EXPECT_EQ(3, cs & 3);
	ASSERT_TRUE(gdt_row(s, cs >> 3, kind, &dpl, &l, &d, &p, name));
	EXPECT_STREQ("user_cs", name);
	EXPECT_STREQ("code", kind);
	EXPECT_EQ(3, dpl);
	EXPECT_EQ(1, l);
	EXPECT_EQ(0, d);
	EXPECT_EQ(1, p);
	ASSERT_TRUE(gdt_row(s, ss >> 3, kind, &dpl, &l, &d, &p, name));
	EXPECT_STREQ("user_ds", name);
	EXPECT_STREQ("data", kind);
	EXPECT_EQ(3, dpl);
	/* The kernel's CS is the IDT gates' selector, 0x10: ring 0, L=1. */
	ASSERT_TRUE(gdt_row(s, 0x10 >> 3, kind, &dpl, &l, &d, &p, name));
	EXPECT_STREQ("kernel_cs", name);
	EXPECT_EQ(0, dpl);
	EXPECT_EQ(1, l);
	/* The compat code segment 32-bit programs run in: L=0, D=1. */
	ASSERT_TRUE(gdt_row(s, 4, kind, &dpl, &l, &d, &p, name));
	EXPECT_STREQ("user_cs32", name);
	EXPECT_EQ(3, dpl);
	EXPECT_EQ(0, l);
	EXPECT_EQ(1, d);
	ASSERT_TRUE(gdt_row(s, 8, kind, &dpl, &l, &d, &p, name));
	EXPECT_STREQ("tss_busy", kind);
	free(s);
}

/* Per-CPU LOC row of /proc/interrupts. */
static int proc_loc(long long *loc, int max)
{
	char *s = osedu_read_all("/proc/interrupts", BIG, NULL);
	char *p, *end;
	int n = 0;

	if (!s)
		return -1;
	p = strstr(s, "LOC:");
	if (p) {
		p += 4;
		while (n < max) {
			long long v = strtoll(p, &end, 10);

			if (end == p)
				break;
			loc[n++] = v;
			p = end;
		}
	}
	free(s);
	return n;
}

/* local_timer column of the counts table, per CPU row. */
static int module_loc(long long *loc, int max, int *cpus)
{
	char *s = osedu_read_all(COUNTS, BIG, NULL);
	const char *p;
	int n = 0;

	if (!s)
		return -1;
	p = strstr(s, "\ncpu local_timer");
	for (p = p ? strchr(p + 1, '\n') : NULL; p && *++p && n < max;
	     p = strchr(p, '\n')) {
		int cpu;
		long long v;

		if (sscanf(p, "%d %lld", &cpu, &v) != 2 || !isdigit(*p))
			break;
		cpus[n] = cpu;
		loc[n++] = v;
	}
	free(s);
	return n;
}

TEST(timer_counts_grow_and_match_proc_interrupts)
{
	long long before[64], mid[64], mid2[64], after[64];
	int cpus[64], cpus2[64], n, m, i;
	long long sum1 = 0, sum2 = 0;

	ASSERT_EQ(0, osedu_load(MODNAME));
	/* /proc/interrupts lists online CPUs in order, as counts does. */
	n = proc_loc(before, 64);
	m = module_loc(mid, 64, cpus);
	ASSERT_GT(n, 0);
	ASSERT_EQ(n, m);
	ASSERT_EQ(n, proc_loc(after, 64));
	for (i = 0; i < n; i++) {
		EXPECT_LE(before[i], mid[i]) TH_LOG("cpu %d", cpus[i]);
		EXPECT_LE(mid[i], after[i]) TH_LOG("cpu %d", cpus[i]);
		sum1 += mid[i];
	}
	sleep(1);
	ASSERT_EQ(n, module_loc(mid2, 64, cpus2));
	for (i = 0; i < n; i++) {
		EXPECT_EQ(cpus[i], cpus2[i]);
		EXPECT_LE(mid[i], mid2[i]);
		sum2 += mid2[i];
	}
	/* A tickless idle CPU may sleep through; some CPU must tick in 1 s. */
	EXPECT_GT(sum2, sum1);
}

/*
 * The first two counts of IRQ @irq's row in /proc/interrupts. The IRQ
 * column is right-aligned to a width that changed (at least 3 up to 6.12,
 * at least 4 in 7.x), so rows are matched by their first token.
 */
static int proc_irq_counts(const char *text, unsigned int irq, long long *c0,
			   long long *c1)
{
	const char *p;

	for (p = text; p; p = strchr(p, '\n')) {
		unsigned int n;
		int k = 0;

		if (*p == '\n')
			p++;
		if (sscanf(p, " %u:%n", &n, &k) == 1 && k && n == irq)
			return sscanf(p + k, "%lld %lld", c0, c1) == 2 ? 0 : -1;
	}
	return -1;
}

TEST(device_irq_counts_match_proc_interrupts)
{
	char *before = osedu_read_all("/proc/interrupts", BIG, NULL);
	char *ours = osedu_read_all(COUNTS, BIG, NULL);
	char *after = osedu_read_all("/proc/interrupts", BIG, NULL);
	const char *p;
	int rows = 0;

	ASSERT_NE(NULL, before);
	ASSERT_NE(NULL, ours);
	ASSERT_NE(NULL, after);
	p = strstr(ours, "\nirq vector");
	ASSERT_NE(NULL, p);
	for (p = strchr(p + 1, '\n'); p && *++p; p = strchr(p, '\n')) {
		unsigned int irq, vec;
		long long c0, c1, b0, b1, a0, a1;
		int k;

		if (sscanf(p, "%u %x %lld %lld%n", &irq, &vec, &c0, &c1, &k) < 4)
			continue;
		if (proc_irq_counts(before, irq, &b0, &b1))
			continue;
		ASSERT_EQ(0, proc_irq_counts(after, irq, &a0, &a1));
		EXPECT_LE(b0, c0) TH_LOG("irq %u", irq);
		EXPECT_LE(c0, a0) TH_LOG("irq %u", irq);
		EXPECT_LE(b1, c1) TH_LOG("irq %u", irq);
		EXPECT_LE(c1, a1) TH_LOG("irq %u", irq);
		EXPECT_GE(vec, 0x20);
		EXPECT_LT(vec, 0xec);
		rows++;
	}
	/* The serial console at least (ttyS0) has an IRQ with a handler. */
	if (sysconf(_SC_NPROCESSORS_ONLN) == 2)
		EXPECT_GT(rows, 0);
	free(before);
	free(ours);
	free(after);
}

static long ctl(const char *cmd)
{
	return osedu_write_file(CONTROL, cmd);
}

static long ctl_len(const char *cmd, size_t len)
{
	return osedu_write_len(CONTROL, cmd, len);
}

/* Not counting, whatever the state was: "stop" when idle is EALREADY. */
static int ctl_idle(void)
{
	int ret = ctl("stop");

	return ret == -EALREADY ? 0 : ret;
}

static long int80_getpid(void)
{
	long ret;

	/* 20 is getpid in the i386 table; int $0x80 uses that table. */
	asm volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory");
	return ret;
}

TEST(int80_and_syscall_counts_are_exact)
{
	char cmd[64], *s, v[64];
	long long i80, sc, nr20;
	const int n = 500;
	int i;

	ASSERT_EQ(0, osedu_load(MODNAME));
	ASSERT_EQ(0, ctl_idle());
	ASSERT_EQ(0, ctl("clear"));
	snprintf(cmd, sizeof(cmd), "start pid=%d\n", getpid());
	ASSERT_EQ(0, ctl(cmd));
	for (i = 0; i < n; i++) {
		ASSERT_EQ(getpid(), int80_getpid());
		ASSERT_EQ(getpid(), syscall(SYS_getpid));
	}
	s = osedu_read_all(SYSCALLS, BIG, NULL);
	ASSERT_EQ(0, ctl("stop"));
	ASSERT_NE(NULL, s);
	ASSERT_TRUE(osedu_kv(s, "state", v, sizeof(v)));
	EXPECT_STREQ("counting", v);
	ASSERT_TRUE(osedu_kv(s, "target", v, sizeof(v)));
	EXPECT_EQ(getpid(), atoi(v));
	i80 = osedu_kv_ll(s, "int80");
	sc = osedu_kv_ll(s, "syscall64");
	EXPECT_EQ(n, i80) TH_LOG("%.1500s", s);
	EXPECT_GE(sc, 2 * n);
	EXPECT_EQ(0, osedu_kv_ll(s, "compat32"));
	/* By number: i386 getpid (20) through int $0x80 exactly n times. */
	nr20 = -1;
	{
		const char *p = strstr(s, "\nint80 20 ");

		if (p)
			nr20 = atoll(p + 10);
	}
	EXPECT_EQ(n, nr20);
	EXPECT_NE(NULL, strstr(s, "\nsyscall64 39 "));
	free(s);

	/* Stopped: the probe is gone, the counts stay as they were. */
	for (i = 0; i < 50; i++)
		int80_getpid();
	s = osedu_read_all(SYSCALLS, BIG, NULL);
	ASSERT_NE(NULL, s);
	EXPECT_EQ(n, osedu_kv_ll(s, "int80"));
	ASSERT_TRUE(osedu_kv(s, "state", v, sizeof(v)));
	EXPECT_STREQ("stopped", v);
	free(s);
	ASSERT_EQ(0, ctl("clear"));
	s = osedu_read_all(SYSCALLS, BIG, NULL);
	ASSERT_NE(NULL, s);
	EXPECT_EQ(0, osedu_kv_ll(s, "int80"));
	EXPECT_EQ(0, osedu_kv_ll(s, "syscall64"));
	free(s);
}

TEST(other_processes_are_not_counted)
{
	char cmd[64], *s;
	pid_t child;

	ASSERT_EQ(0, osedu_load(MODNAME));
	ASSERT_EQ(0, ctl_idle());
	ASSERT_EQ(0, ctl("clear"));
	snprintf(cmd, sizeof(cmd), "start pid=%d", getpid());
	ASSERT_EQ(0, ctl(cmd));
	child = fork();
	if (child == 0) {
		int i;

		for (i = 0; i < 100; i++)
			int80_getpid();
		_exit(0);
	}
	waitpid(child, NULL, 0);
	s = osedu_read_all(SYSCALLS, BIG, NULL);
	ASSERT_EQ(0, ctl("stop"));
	ASSERT_NE(NULL, s);
	EXPECT_EQ(0, osedu_kv_ll(s, "int80"));
	EXPECT_GT(osedu_kv_ll(s, "syscall64"), 0);
	free(s);
}

TEST(bad_control_input)
{
	static const char * const bad[] = {
		"", "\n", "bogus", "start pid=", "start pid=abc",
		"start pid=-1", "start pid=0", "start pid=1x", "START",
		"start\n\n", "start pid=1\n\n", "stop now", "clear\nstart",
		" start",
		"start pid=99999999999999999999",
	};
	char big[8192], *s, v[32];
	unsigned int i;

	ASSERT_EQ(0, osedu_load(MODNAME));
	ASSERT_EQ(0, ctl_idle());
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_EQ(-EINVAL, ctl_len(bad[i], strlen(bad[i])))
			TH_LOG("'%s'", bad[i]);
	EXPECT_EQ(-EINVAL, ctl_len("start\0pid=1", 11));
	EXPECT_EQ(-EINVAL, ctl_len("start\0", 6));
	EXPECT_EQ(-EINVAL, ctl_len("start\n\0", 7));
	memset(big, 'a', sizeof(big));
	EXPECT_EQ(-EINVAL, ctl_len(big, sizeof(big)));
	memcpy(big, "start ", 6);
	EXPECT_EQ(-EINVAL, ctl_len(big, 64));
	/* A pid that does not exist (beyond pid_max). */
	EXPECT_EQ(-ESRCH, ctl("start pid=99999999"));
	/* Core's grammar: single spaces, each key once, no stray bytes. */
	EXPECT_EQ(-EINVAL, ctl("start  pid=1"));
	EXPECT_EQ(-EINVAL, ctl("start\tpid=1"));
	EXPECT_EQ(-EINVAL, ctl("start pid=1 pid=1"));
	EXPECT_EQ(-EINVAL, ctl("start pid=+1"));
	EXPECT_EQ(-EINVAL, ctl("start pid=01"));
	EXPECT_EQ(-EINVAL, ctl("start pid=1 "));
	/* Random bytes: refused or, if by chance a command, harmless. */
	srand(42);
	for (i = 0; i < 2000; i++) {
		char r[80];
		size_t len = 1 + rand() % sizeof(r), k;

		for (k = 0; k < len; k++)
			r[k] = rand();
		ctl_len(r, len);
	}
	ASSERT_EQ(0, ctl_idle());
	/* Stop without start is refused (EALREADY), as start twice is. */
	EXPECT_EQ(-EALREADY, ctl("stop"));
	EXPECT_EQ(0, ctl("start"));
	EXPECT_EQ(-EBUSY, ctl("start"));
	EXPECT_EQ(-EBUSY, ctl("start pid=1"));
	s = osedu_read_all(SYSCALLS, BIG, NULL);
	ASSERT_NE(NULL, s);
	ASSERT_TRUE(osedu_kv(s, "target", v, sizeof(v)));
	EXPECT_STREQ("all", v);
	free(s);
	EXPECT_EQ(0, ctl("stop"));
	EXPECT_EQ(-EALREADY, ctl("stop"));
	s = osedu_read_all(SYSCALLS, BIG, NULL);
	ASSERT_NE(NULL, s);
	ASSERT_TRUE(osedu_kv(s, "state", v, sizeof(v)));
	EXPECT_STREQ("stopped", v);
	free(s);
}

/* Byte-by-byte reads and a seek back give exactly the whole-file read. */
TEST(tiny_reads_and_seeks)
{
	static const char * const files[] = { TABLE, SYSCALL };
	unsigned int i;

	ASSERT_EQ(0, osedu_load(MODNAME));
	for (i = 0; i < 2; i++) {
		char *whole = osedu_read_all(files[i], BIG, NULL), *tiny = malloc(BIG);
		size_t off = 0;
		int fd = open(files[i], O_RDONLY);
		ssize_t n;

		ASSERT_NE(NULL, whole);
		ASSERT_NE(NULL, tiny);
		ASSERT_GE(fd, 0);
		while (off < BIG - 1 && (n = read(fd, tiny + off, 1)) == 1)
			off++;
		tiny[off] = '\0';
		EXPECT_STREQ(whole, tiny) TH_LOG("%s", files[i]);
		/* Seek back into the middle: the rest is the same tail. */
		ASSERT_EQ((off_t)off / 2, lseek(fd, off / 2, SEEK_SET));
		n = read(fd, tiny, BIG - 1);
		ASSERT_GT(n, 0);
		tiny[n] = '\0';
		EXPECT_EQ(0, strncmp(whole + off / 2, tiny, n));
		close(fd);
		free(whole);
		free(tiny);
	}
}

/* As uid 1000: symbols yes, kernel addresses no, no counting. */
static int unprivileged_view(void)
{
	static const char * const files[] = { TABLE, SYSCALL, GDT };
	char *s = osedu_read_all(TABLE, BIG, NULL), *p;
	struct gate *g = calloc(256, sizeof(*g));
	unsigned int i;
	int v;

	if (!s || !g || parse_table(s, g) != 256)
		return 1;
	if (strcmp(g[0x0e].handler, "asm_exc_page_fault") ||
	    strcmp(g[0x80].handler, "asm_int80_emulation"))
		return 2;
	for (v = 0; v < 256; v++)
		if (g[v].addr)
			return 3;
	free(s);
	/* Every 0x-number of 16 hex digits is a kernel address: all zero. */
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		s = osedu_read_all(files[i], BIG, NULL);
		if (!s)
			return 4;
		for (p = strstr(s, "0x"); p; p = strstr(p + 2, "0x")) {
			size_t len = strspn(p + 2, "0123456789abcdef");

			const char *line = p;

			while (line > s && line[-1] != '\n')
				line--;
			/* STAR holds selectors, not an address. */
			if (!strncmp(line, "star: ", 6))
				continue;
			if (len == 16 && strncmp(p + 2, "0000000000000000", 16))
				return 10 + i;
		}
		if (strstr(s, "checksum=0x") &&
		    !strstr(s, "checksum=0x00000000"))
			return 20;
		free(s);
	}
	if (open(CONTROL, O_WRONLY) >= 0 || errno != EACCES)
		return 30;
	s = osedu_read_all(SYSCALLS, BIG, NULL);
	return s && strstr(s, "osedu idt/syscalls") ? 0 : 31;
}

TEST(unprivileged_reader)
{
	int status;
	pid_t pid;

	ASSERT_EQ(0, osedu_load(MODNAME));
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(osedu_drop_privileges() ? 99 : unprivileged_view());
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/*
 * Keep this process and its threads on one CPU while the probe is
 * registered and unregistered. Each toggle live-patches the sys_enter
 * static branch in syscall_trace_enter() with int3 breakpoints; under
 * QEMU TCG with a second vCPU making system calls through that very site,
 * the guest can die with "Oops: int3" at syscall_trace_enter. The kernel
 * alone does the same: toggling tracefs's raw_syscalls/sys_enter/enable
 * 300 times with four busy readers, without this module counting, oopses
 * 6.12 and 6.1 under TCG alike. Readers on the same CPU still read during
 * every toggle and unload.
 */
static void pin_to_one_cpu(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

struct reader {
	volatile bool *stop;
	int reads, bad;
};

static void *reader_loop(void *arg)
{
	static const char * const files[] = {
		TABLE, SYSCALL, GDT, COUNTS, SYSCALLS,
	};
	struct reader *r = arg;
	char *buf = malloc(BIG);
	unsigned int i = 0;

	while (buf && !*r->stop) {
		ssize_t n = osedu_read_file(files[i++ % 5], buf, BIG);

		/* Gone while unloading is fine; a torn header is not. */
		if (n > 0 && strncmp(buf, "osedu idt/", 10))
			r->bad++;
		if (n > 0)
			r->reads++;
	}
	free(buf);
	return NULL;
}

TEST(eight_concurrent_readers)
{
	struct reader r[8];
	pthread_t t[8];
	volatile bool stop = false;
	char *first, *again;
	int i;

	ASSERT_EQ(0, osedu_load(MODNAME));
	pin_to_one_cpu();
	ASSERT_EQ(0, ctl("start"));
	for (i = 0; i < 8; i++) {
		r[i] = (struct reader){ .stop = &stop };
		ASSERT_EQ(0, pthread_create(&t[i], NULL, reader_loop, &r[i]));
	}
	first = osedu_read_all(TABLE, BIG, NULL);
	sleep(2);
	again = osedu_read_all(TABLE, BIG, NULL);
	stop = true;
	for (i = 0; i < 8; i++) {
		pthread_join(t[i], NULL);
		EXPECT_EQ(0, r[i].bad);
		EXPECT_GT(r[i].reads, 0);
	}
	EXPECT_EQ(0, ctl("stop"));
	ASSERT_NE(NULL, first);
	ASSERT_NE(NULL, again);
	/* The IDT does not change at run time. */
	EXPECT_STREQ(first, again);
	free(first);
	free(again);
}

/* Ten load-count-unload rounds against eight readers: slow under KASAN. */
FIXTURE(slow) {};
FIXTURE_SETUP(slow) {}
FIXTURE_TEARDOWN(slow) {}

TEST_F_TIMEOUT(slow, unload_while_counting_with_readers, 300)
{
	struct reader r[8];
	pthread_t t[8];
	volatile bool stop = false;
	char *s, v[32];
	int i, round;

	ASSERT_EQ(0, osedu_load(MODNAME));
	pin_to_one_cpu();
	for (i = 0; i < 8; i++) {
		r[i] = (struct reader){ .stop = &stop };
		ASSERT_EQ(0, pthread_create(&t[i], NULL, reader_loop, &r[i]));
	}
	for (round = 0; round < 10; round++) {
		ASSERT_EQ(0, osedu_load(MODNAME));
		ASSERT_EQ(0, ctl("start"));
		usleep(100 * 1000);
		ASSERT_EQ(0, osedu_unload(MODNAME)) TH_LOG("round %d", round);
		EXPECT_FALSE(osedu_module_loaded(MODNAME));
	}
	stop = true;
	for (i = 0; i < 8; i++) {
		pthread_join(t[i], NULL);
		EXPECT_EQ(0, r[i].bad);
	}
	ASSERT_EQ(0, osedu_load(MODNAME));
	s = osedu_read_all(SYSCALLS, BIG, NULL);
	ASSERT_NE(NULL, s);
	ASSERT_TRUE(osedu_kv(s, "state", v, sizeof(v)));
	EXPECT_STREQ("stopped", v);
	EXPECT_EQ(0, osedu_kv_ll(s, "syscall64"));
	free(s);
}

TEST_HARNESS_MAIN
