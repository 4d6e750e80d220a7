// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of /proc/osedu/vectors/table and counts against independent
 * oracles: /proc/kallsyms for VBAR_EL1 and the handler symbols and
 * addresses, /proc/interrupts for the IRQ counts and GIC numbers,
 * /proc/vmstat for the page faults, and faults this program makes.
 */
#include <sys/mman.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"

#define VEC_DIR		"/proc/osedu/vectors"
#define TABLE		VEC_DIR "/table"
#define COUNTS		VEC_DIR "/counts"
#define MODNAME		"osedu_vectors_arm64"
#define BIG		(256 * 1024)

struct entry {
	unsigned int offset;
	char source[32], kind[16], handler[128];
	unsigned long long addr;
};

/* The rows after the header line @head (a line of its own) in @text. */
static const char *rows_after(const char *text, const char *head)
{
	char key[128];
	const char *p;

	snprintf(key, sizeof(key), "\n%s\n", head);
	p = strstr(text, key);
	return p ? p + strlen(key) : NULL;
}

static int parse_entries(const char *text, struct entry *e)
{
	const char *p = rows_after(text, "offset source kind handler address");
	int n = 0;

	while (p && *p && n < 16) {
		struct entry *x = &e[n];

		if (sscanf(p, "%x %31s %15s %127s %llx", &x->offset, x->source,
			   x->kind, x->handler, &x->addr) != 5)
			return -1;
		n++;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return n;
}

FIXTURE(table) {
	char *text;
	struct entry e[16];
	int n;
};

FIXTURE_SETUP(table)
{
	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load(MODNAME));
	self->text = osedu_read_all(TABLE, BIG, NULL);
	ASSERT_NE(NULL, self->text);
	ASSERT_TRUE(osedu_is_header(self->text, "vectors/table"));
	self->n = parse_entries(self->text, self->e);
	ASSERT_EQ(16, self->n) TH_LOG("table does not parse:\n%.2000s",
				      self->text);
}

FIXTURE_TEARDOWN(table)
{
	free(self->text);
}

/*
 * The ARM architecture's order: four groups by where the exception came
 * from, each with sync, IRQ, FIQ and SError, 0x80 bytes apart; Linux
 * names each entry's handler el<EL><t|h>_<64|32>_<kind> (entry.S).
 */
TEST_F(table, sixteen_entries_in_architectural_order)
{
	static const char * const src[4] = {
		"current_el_sp0", "current_el_spx", "lower_el_aarch64",
		"lower_el_aarch32",
	};
	static const char * const pre[4] = {
		"el1t_64", "el1h_64", "el0t_64", "el0t_32",
	};
	static const char * const kind[4] = { "sync", "irq", "fiq", "serror" };
	static const char * const hk[4] = { "sync", "irq", "fiq", "error" };
	char want[64];
	int i;

	for (i = 0; i < 16; i++) {
		EXPECT_EQ((unsigned int)i * 0x80, self->e[i].offset);
		EXPECT_STREQ(src[i / 4], self->e[i].source);
		EXPECT_STREQ(kind[i % 4], self->e[i].kind);
		snprintf(want, sizeof(want), "%s_%s", pre[i / 4], hk[i % 4]);
		/* Behind trampoline vectors (KPTI, Spectre-BHB) it is "?". */
		if (strcmp(self->e[i].handler, "?"))
			EXPECT_STREQ(want, self->e[i].handler);
	}
}

/* VBAR_EL1 on every online CPU, and what kallsyms says is there. */
TEST_F(table, vbar_per_cpu_matches_kallsyms)
{
	const char *p = rows_after(self->text, "cpu vbar_el1 symbol");
	unsigned long long vbar, vectors = osedu_kallsyms_addr("vectors");
	unsigned int cpu, want = 0;
	char sym[128];
	int k;

	ASSERT_NE(NULL, p);
	while (sscanf(p, "%u %llx %127s%n", &cpu, &vbar, sym, &k) == 3) {
		EXPECT_EQ(want, cpu);
		want++;
		if (!strcmp(sym, "vectors")) {
			/* Root sees addresses exactly when kallsyms does. */
			EXPECT_EQ(vectors, vbar);
		} else {
			TH_LOG("cpu %u: VBAR_EL1 at %s (trampoline vectors)",
			       cpu, sym);
		}
		p = strchr(p, '\n') + 1;
	}
	EXPECT_EQ((unsigned int)sysconf(_SC_NPROCESSORS_ONLN), want);
}

TEST_F(table, handlers_agree_with_kallsyms)
{
	int i, named = 0;

	if (!osedu_kallsyms_addr("vectors"))
		SKIP(return, "kallsyms hides addresses (kptr_restrict)");
	for (i = 0; i < 16; i++) {
		if (!strcmp(self->e[i].handler, "?"))
			continue;
		EXPECT_EQ(osedu_kallsyms_addr(self->e[i].handler), self->e[i].addr)
			TH_LOG("%s", self->e[i].handler);
		named++;
	}
	EXPECT_EQ(16, named) TH_LOG("VBAR_EL1 does not point at vectors");
}

/* Names for anyone; kernel addresses only for CAP_SYS_ADMIN. */
TEST(unprivileged_sees_no_addresses)
{
	int status;
	pid_t pid;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load(MODNAME));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct entry e[16];
		char *text;
		int i;

		if (osedu_drop_privileges())
			_exit(2);
		text = osedu_read_all(TABLE, BIG, NULL);
		if (!text || parse_entries(text, e) != 16)
			_exit(3);
		if (strstr(text, "\n0 0x0000000000000000 ") == NULL)
			_exit(4);
		for (i = 0; i < 16; i++)
			if (e[i].addr || !strcmp(e[i].handler, ""))
				_exit(5);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/*
 * The counts of IRQ row @tok ("11" or "IPI1") of /proc/interrupts on CPUs
 * 0 and 1, the controller's name and its number after them (none for
 * IPIs).
 */
static int proc_irq(const char *text, const char *tok, long long *c0,
		    long long *c1, long long *hwirq, char chip[32])
{
	char want[32];
	const char *p;
	size_t n;
	int k;

	snprintf(want, sizeof(want), "%s:", tok);
	n = strlen(want);
	for (p = text; p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		while (*p == ' ')
			p++;
		if (strncmp(p, want, n))
			continue;
		if (sscanf(p + n, "%lld %lld%n", c0, c1, &k) != 2)
			return -1;
		*hwirq = -1;
		chip[0] = '\0';
		if (sscanf(p + n + k, " %31s %lld", chip, hwirq) < 2)
			*hwirq = -1;
		return 0;
	}
	return -1;
}

/*
 * Every IRQ row, read between two reads of /proc/interrupts, lies between
 * them on each CPU, and has the GIC number /proc/interrupts prints (for
 * the IPIs, which it lists as IPI<n>, the SGI number n).
 */
TEST(irq_counts_bracket_proc_interrupts)
{
	char *before, *ours, *after, tok[32], name[64], kind[8], chip[32];
	long long b0, b1, a0, a1, hb, ha;
	const char *p;
	int rows = 0, timer = 0, msi = 0;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load(MODNAME));
	if (sysconf(_SC_NPROCESSORS_ONLN) != 2)
		SKIP(return, "compares two CPUs' columns; the VM has 2");
	before = osedu_read_all("/proc/interrupts", BIG, NULL);
	ours = osedu_read_all(COUNTS, BIG, NULL);
	after = osedu_read_all("/proc/interrupts", BIG, NULL);
	ASSERT_NE(NULL, before);
	ASSERT_NE(NULL, ours);
	ASSERT_NE(NULL, after);
	ASSERT_TRUE(osedu_is_header(ours, "vectors/counts"));
	p = rows_after(ours, "irq hwirq kind cpu0 cpu1 name");
	ASSERT_NE(NULL, p) TH_LOG("%.1000s", ours);
	for (; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		unsigned int irq;
		unsigned long hwirq;
		long long c0, c1;

		ASSERT_EQ(6, sscanf(p, "%u %lu %7s %lld %lld %63s", &irq,
				    &hwirq, kind, &c0, &c1, name));
		if (!strcmp(name, "IPI"))
			snprintf(tok, sizeof(tok), "IPI%lu", hwirq);
		else
			snprintf(tok, sizeof(tok), "%u", irq);
		ASSERT_EQ(0, proc_irq(before, tok, &b0, &b1, &hb, chip))
			TH_LOG("no row %s in /proc/interrupts", tok);
		ASSERT_EQ(0, proc_irq(after, tok, &a0, &a1, &ha, chip));
		EXPECT_LE(b0, c0) TH_LOG("%s", tok);
		EXPECT_LE(c0, a0) TH_LOG("%s", tok);
		EXPECT_LE(b1, c1) TH_LOG("%s", tok);
		EXPECT_LE(c1, a1) TH_LOG("%s", tok);
		if (strcmp(name, "IPI")) {
			EXPECT_EQ(hb, (long long)hwirq) TH_LOG("%s", tok);
		} else {
			EXPECT_STREQ("sgi", kind);
		}
		if (strstr(chip, "MSI")) {
			/*
			 * A message the GIC turns into an SPI (GICv2m) or
			 * an LPI (ITS), whatever its number in the MSI
			 * domain, which /proc/interrupts prints.
			 */
			EXPECT_TRUE(!strcmp(kind, "spi") ||
				    !strcmp(kind, "lpi"))
				TH_LOG("%s (%s %lld) is %s", tok, chip, hb,
				       kind);
			msi++;
		}
		if (!strcmp(name, "arch_timer")) {
			/* The CPU's own timer: a private peripheral one. */
			EXPECT_STREQ("ppi", kind);
			timer++;
		}
		rows++;
	}
	EXPECT_LT(0, rows);
	EXPECT_EQ(1, timer);
	TH_LOG("%d rows, %d of them MSIs", rows, msi);
	free(before);
	free(ours);
	free(after);
}

/* This CPU's count in the page-fault table of @text, or -1. */
static long long cpu_faults(const char *text, int cpu)
{
	const char *p = rows_after(text, "cpu page_faults");
	long long n;
	int c;

	while (p && sscanf(p, "%d %lld", &c, &n) == 2) {
		if (c == cpu)
			return n;
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return -1;
}

static long long vmstat_pgfault(void)
{
	char *t = osedu_read_all("/proc/vmstat", BIG, NULL);
	const char *p;
	long long n = -1;

	if (!t)
		return -1;
	p = strstr(t, "\npgfault ");
	if (p)
		n = atoll(p + 9);
	free(t);
	return n;
}

/*
 * The sum over CPUs lies between two reads of /proc/vmstat's pgfault, and
 * touching N new pages on one CPU adds at least N there: each first touch
 * is a data abort from EL0 that reaches the fault handler.
 */
TEST(page_faults_match_vmstat_and_own_touches)
{
	const int pages = 256;
	long long v1, v2, sum = 0, before, after;
	long page = sysconf(_SC_PAGESIZE);
	char *text, *mem;
	int cpu, i;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load(MODNAME));
	v1 = vmstat_pgfault();
	text = osedu_read_all(COUNTS, BIG, NULL);
	v2 = vmstat_pgfault();
	ASSERT_NE(NULL, text);
	for (cpu = 0; cpu < sysconf(_SC_NPROCESSORS_ONLN); cpu++) {
		long long n = cpu_faults(text, cpu);

		ASSERT_LE(0, n);
		sum += n;
	}
	free(text);
	/* vmstat folds in counts of CPUs gone offline; none went here. */
	EXPECT_LE(v1, sum);
	EXPECT_LE(sum, v2);

	ASSERT_EQ(0, osedu_pin(0));
	mem = mmap(NULL, pages * page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, mem);
	text = osedu_read_all(COUNTS, BIG, NULL);
	before = cpu_faults(text, 0);
	free(text);
	for (i = 0; i < pages; i++)
		mem[i * page] = 1;
	text = osedu_read_all(COUNTS, BIG, NULL);
	after = cpu_faults(text, 0);
	free(text);
	EXPECT_LE(before + pages, after);
	munmap(mem, pages * page);
}

/* The timer interrupt keeps coming: this CPU's arch_timer row grows. */
TEST(timer_interrupt_grows)
{
	long long t1 = -1, t2 = -1, c0, c1;
	unsigned long hwirq;
	char kind[8], name[64];
	const char *p;
	char *text;
	int round;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load(MODNAME));
	ASSERT_EQ(0, osedu_pin(0));
	for (round = 0; round < 2; round++) {
		unsigned int irq;

		text = osedu_read_all(COUNTS, BIG, NULL);
		ASSERT_NE(NULL, text);
		p = rows_after(text, "irq hwirq kind cpu0 cpu1 name");
		for (; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
			if (sscanf(p, "%u %lu %7s %lld %lld %63s", &irq, &hwirq,
				   kind, &c0, &c1, name) == 6 &&
			    !strcmp(name, "arch_timer"))
				*(round ? &t2 : &t1) = c0;
		free(text);
		if (!round)
			usleep(300 * 1000);
	}
	ASSERT_LE(0, t1);
	EXPECT_LT(t1, t2);
}

TEST_HARNESS_MAIN
