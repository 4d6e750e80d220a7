// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: the local APIC timer interrupt (IDT vector 0xec) firing. Reads
 * each CPU's local_timer count from /proc/osedu/idt/counts, sleeps one
 * second, reads again and prints the difference, beside the LOC row of
 * /proc/interrupts taken at the same moments. A tickless idle CPU may
 * show few ticks; a busy one about CONFIG_HZ (250 on Debian).
 *
 *   idt-timer-count [--busy]
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define COUNTS "/proc/osedu/idt/counts"
#define MAXCPU 256

/* cpu -> local_timer count; number of CPUs read. */
static int read_counts(long long *loc, int *cpu)
{
	char line[512];
	FILE *f = fopen(COUNTS, "r");
	int n = 0, in_table = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f) && n < MAXCPU) {
		if (!strncmp(line, "cpu local_timer", 15)) {
			in_table = 1;
			continue;
		}
		if (!in_table)
			continue;
		if (!isdigit((unsigned char)line[0]) ||
		    sscanf(line, "%d %lld", &cpu[n], &loc[n]) != 2)
			break;
		n++;
	}
	fclose(f);
	return n;
}

static int read_loc(long long *loc)
{
	char line[4096], *p, *end;
	FILE *f = fopen("/proc/interrupts", "r");
	int n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		p = strstr(line, "LOC:");
		if (!p)
			continue;
		for (p += 4; n < MAXCPU; p = end) {
			loc[n] = strtoll(p, &end, 10);
			if (end == p)
				break;
			n++;
		}
	}
	fclose(f);
	return n;
}

static void spin(double seconds)
{
	struct timespec a, b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	do
		clock_gettime(CLOCK_MONOTONIC, &b);
	while (b.tv_sec - a.tv_sec + (b.tv_nsec - a.tv_nsec) / 1e9 < seconds);
}

int main(int argc, char **argv)
{
	static long long before[MAXCPU], after[MAXCPU];
	static long long lb[MAXCPU], la[MAXCPU];
	static int cpu[MAXCPU], cpu2[MAXCPU];
	int busy = argc > 1 && !strcmp(argv[1], "--busy");
	int n, i, nl;

	nl = read_loc(lb);
	n = read_counts(before, cpu);
	if (n <= 0) {
		fprintf(stderr, "%s: cannot read (load osedu_idt_dump)\n",
			COUNTS);
		return 1;
	}
	if (busy)
		spin(1.0);
	else
		sleep(1);
	if (read_counts(after, cpu2) != n) {
		fprintf(stderr, "CPUs changed during the second\n");
		return 1;
	}
	if (read_loc(la) != nl)
		nl = 0;
	printf("local timer interrupts (vector 0xec) in one %s second:\n",
	       busy ? "busy" : "idle");
	printf("cpu osedu_local_timer proc_interrupts_LOC\n");
	for (i = 0; i < n; i++) {
		printf("%d %lld", cpu[i], after[i] - before[i]);
		if (i < nl)
			printf(" %lld", la[i] - lb[i]);
		printf("\n");
	}
	return 0;
}
