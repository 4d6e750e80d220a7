// SPDX-License-Identifier: GPL-2.0
/*
 * schedsnoop: the scheduler events of /proc/osedu/sched/trace, recorded
 * by BPF programs instead of the osedu module, in the same line format.
 * It is the independent oracle for the module's trace (another recorder
 * on the same tracepoints) and the baseline for its overhead.
 *
 *   schedsnoop [-p PID] [-c COMM] [-d SECONDS] [-o FILE] [-s]
 *
 * -p and -c filter as "start pid=N comm=NAME" does. It runs until SIGINT
 * or SIGTERM, or for -d seconds, then drains what is buffered and exits.
 * The header line is written (and flushed) once the probes are attached,
 * so a caller can wait for it before starting its workload; with -s,
 * "schedsnoop: attached" on standard error says the same (for output to
 * /dev/null), and a last line there counts the events and the drops.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <osedu/osedu.h>

#include "schedsnoop.h"
#include "schedsnoop.skel.h"

#define HEADER		OSEDU_SCHED_HEADER "\n"	/* as the module's file */
#define POLL_MS		100

static volatile sig_atomic_t stopping;
static unsigned long long n_events, n_lost;

static const char * const type_names[] = {
	[SS_SWITCH] = "switch", [SS_WAKEUP] = "wakeup",
	[SS_WAKEUP_NEW] = "wakeup_new", [SS_FORK] = "fork",
	[SS_EXIT] = "exit", [SS_MIGRATE] = "migrate",
};

static void usage(FILE *f)
{
	fprintf(f, "usage: schedsnoop [-p PID] [-c COMM] [-d SECONDS] [-o FILE] [-s]\n"
		"  -p PID      only events involving a task of thread group PID\n"
		"  -c COMM     only events involving a task named COMM (< 16 chars)\n"
		"  -d SECONDS  stop after SECONDS (default: at SIGINT/SIGTERM)\n"
		"  -o FILE     write to FILE instead of standard output\n"
		"  -s          report attaching and, at the end, the counts on stderr\n");
}

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* A positive decimal int with nothing after it, as the module's kstrtoint. */
static int parse_positive(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v <= 0 || v > INT_MAX)
		return -1;
	*out = v;
	return 0;
}

static int print_event(void *ctx, void *data, size_t size)
{
	const struct ss_event *e = data;
	FILE *out = ctx;

	if (size < sizeof(*e) || e->type > SS_MIGRATE)
		return 0;
	n_events++;
	fprintf(out, "%llu %u %s ", e->ts, e->cpu, type_names[e->type]);
	switch (e->type) {
	case SS_SWITCH:
		fprintf(out, "%d %.16s %.3s => %d %.16s\n", e->pid, e->comm,
			e->state, e->pid2, e->comm2);
		break;
	case SS_WAKEUP:
	case SS_WAKEUP_NEW:
		fprintf(out, "%d %.16s %d\n", e->pid, e->comm, e->cpu2);
		break;
	case SS_FORK:
		fprintf(out, "%d %.16s => %d %.16s\n", e->pid, e->comm,
			e->pid2, e->comm2);
		break;
	case SS_EXIT:
		fprintf(out, "%d %.16s\n", e->pid, e->comm);
		break;
	case SS_MIGRATE:
		fprintf(out, "%d %.16s %d => %d\n", e->pid, e->comm, e->cpu1,
			e->cpu2);
		break;
	}
	/* A failed write (full disk, closed pipe) ends the run. */
	return ferror(out) ? -EIO : 0;
}

/* "lost" lines for drops not yet shown, per CPU as the module shows them. */
static void report_lost(int map_fd, unsigned long long *values,
			unsigned long long *reported, int ncpus, FILE *out)
{
	unsigned int zero = 0;
	int cpu;

	if (bpf_map_lookup_elem(map_fd, &zero, values))
		return;
	for (cpu = 0; cpu < ncpus; cpu++) {
		if (values[cpu] == reported[cpu])
			continue;
		fprintf(out, "%llu %d lost %llu\n", now_ns(), cpu,
			values[cpu] - reported[cpu]);
		n_lost += values[cpu] - reported[cpu];
		reported[cpu] = values[cpu];
	}
}

/* libbpf's own messages: warnings and errors only. */
static int print_libbpf(enum libbpf_print_level level, const char *fmt,
			va_list args)
{
	if (level == LIBBPF_DEBUG || level == LIBBPF_INFO)
		return 0;
	return vfprintf(stderr, fmt, args);
}

int main(int argc, char **argv)
{
	unsigned long long *values = NULL, *reported = NULL, deadline = 0;
	struct ring_buffer *rb = NULL;
	struct schedsnoop_bpf *skel;
	const char *path = NULL, *comm = "";
	int pid = 0, secs = 0, ncpus, opt, err = 1, summary = 0;
	struct sigaction sa = { .sa_handler = on_signal };
	FILE *out = stdout;

	while ((opt = getopt(argc, argv, "p:c:d:o:sh")) != -1) {
		switch (opt) {
		case 'p':
			if (parse_positive(optarg, &pid)) {
				fprintf(stderr, "schedsnoop: bad pid '%s'\n",
					optarg);
				return 2;
			}
			break;
		case 'c':
			if (!*optarg || strlen(optarg) >= SS_COMM_LEN) {
				fprintf(stderr, "schedsnoop: comm must be 1 to %d characters\n",
					SS_COMM_LEN - 1);
				return 2;
			}
			comm = optarg;
			break;
		case 'd':
			if (parse_positive(optarg, &secs)) {
				fprintf(stderr, "schedsnoop: bad duration '%s'\n",
					optarg);
				return 2;
			}
			break;
		case 'o':
			path = optarg;
			break;
		case 's':
			summary = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}

	libbpf_set_print(print_libbpf);
	ncpus = libbpf_num_possible_cpus();
	if (ncpus <= 0) {
		fprintf(stderr, "schedsnoop: cannot count CPUs\n");
		return 1;
	}
	values = calloc(ncpus, sizeof(*values));
	reported = calloc(ncpus, sizeof(*reported));
	if (!values || !reported)
		goto free_counts;

	skel = schedsnoop_bpf__open();
	if (!skel) {
		fprintf(stderr, "schedsnoop: cannot open the BPF object: %s\n",
			strerror(errno));
		goto free_counts;
	}
	skel->rodata->filter_pid = pid;
	/* Checked shorter than SS_COMM_LEN; .rodata starts zeroed. */
	memcpy((char *)skel->rodata->filter_comm, comm, strlen(comm));
	if (schedsnoop_bpf__load(skel)) {
		fprintf(stderr, "schedsnoop: cannot load the BPF programs (root and a kernel with BTF needed): %s\n",
			strerror(errno));
		goto destroy;
	}
	if (path) {
		out = fopen(path, "w");
		if (!out) {
			fprintf(stderr, "schedsnoop: %s: %s\n", path,
				strerror(errno));
			goto destroy;
		}
	}
	/* Events come in bursts; a large buffer keeps write calls few. */
	setvbuf(out, NULL, _IOFBF, 1 << 20);
	rb = ring_buffer__new(bpf_map__fd(skel->maps.events), print_event,
			      out, NULL);
	if (!rb) {
		fprintf(stderr, "schedsnoop: ring buffer: %s\n",
			strerror(errno));
		goto close_out;
	}

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (schedsnoop_bpf__attach(skel)) {
		fprintf(stderr, "schedsnoop: cannot attach: %s\n",
			strerror(errno));
		goto free_rb;
	}
	fputs(HEADER, out);
	fflush(out);
	if (summary)
		fprintf(stderr, "schedsnoop: attached\n");
	if (secs)
		deadline = now_ns() + secs * 1000000000ULL;

	err = 0;
	while (!stopping && (!deadline || now_ns() < deadline)) {
		int n = ring_buffer__poll(rb, POLL_MS);

		if (n < 0 && n != -EINTR) {
			fprintf(stderr, "schedsnoop: %s\n", strerror(-n));
			err = 1;
			break;
		}
		report_lost(bpf_map__fd(skel->maps.dropped), values, reported,
			    ncpus, out);
	}
	/* No new events, then everything already buffered. */
	schedsnoop_bpf__detach(skel);
	ring_buffer__consume(rb);
	report_lost(bpf_map__fd(skel->maps.dropped), values, reported, ncpus,
		    out);
	if (fflush(out) || ferror(out)) {
		fprintf(stderr, "schedsnoop: write error\n");
		err = 1;
	}
	if (summary)
		fprintf(stderr, "schedsnoop: %llu events, %llu lost\n",
			n_events, n_lost);
free_rb:
	ring_buffer__free(rb);
close_out:
	if (out != stdout)
		fclose(out);
destroy:
	schedsnoop_bpf__destroy(skel);
free_counts:
	free(values);
	free(reported);
	return err;
}
