// SPDX-License-Identifier: GPL-2.0
/*
 * bench/pagewalk: the per-page query of /proc/osedu/pagewalk/query against
 * the kernel's own files for the same facts, for a process with 64 MiB,
 * 256 MiB and 1 GiB touched: /proc/<pid>/pagemap for the frame, then
 * /proc/kpageflags and /proc/kpagecount at that frame for the page's
 * replacement state and mapcount (read in blocks of 512 frames, reused
 * while frames are close), formatted as the query's rows: the same words
 * the query prints where kpageflags has their bit (lru active referenced
 * unevictable swapbacked swapcache ksm, and mapcount; workingset and gen
 * have no kpageflags bit). Prints ratios
 * measured in one run (absolute times in an emulated VM mean little):
 *   (a)/(b)      query time over pagemap+kpageflags+kpagecount time with
 *                formatting, target <= 1.5
 *   1G/64M       query time at 1 GiB over time at 64 MiB, target <= 20
 * and the reader's peak RSS and the kernel's slab size around each query,
 * which must not grow with the range. Run as root.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <osedu/osedu.h>

#define QUERY		"/proc/osedu/pagewalk/query"
#define PAGE		4096UL
#define MIB		(1UL << 20)
#define CHUNK_PAGES	65536UL		/* the query's maximum per request */
#define BUF		(64 * 1024)
#define REPS		3

static double now(void)
{
	return osedu_now_ns() / 1e9;
}

static long slab_kb(void)
{
	char *buf = osedu_read_all("/proc/meminfo", 1 << 20, NULL);
	long kb = buf ? (long)osedu_kv_num(buf, "Slab", -1) : -1;

	free(buf);
	return kb;
}

/* A child with @len bytes touched; returns its pid and the address. */
static pid_t toucher(size_t len, unsigned long *addr)
{
	int p[2];
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		char *m = mmap(NULL, len, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		unsigned long a = (unsigned long)m;

		if (m == MAP_FAILED)
			a = 0;
		else
			memset(m, 1, len);
		if (write(p[1], &a, sizeof(a)) != sizeof(a))
			_exit(1);
		for (;;)
			pause();
	}
	close(p[1]);
	if (read(p[0], addr, sizeof(*addr)) != sizeof(*addr) || !*addr)
		pid = -1;
	close(p[0]);
	return pid;
}

/* (a): every page through the query file; returns lines read. */
static long run_query(pid_t pid, unsigned long start, size_t len)
{
	static char buf[BUF];
	unsigned long a, end = start + len;
	char req[128];
	long lines = 0;
	int fd = open(QUERY, O_RDWR);

	if (fd < 0)
		return -errno;
	for (a = start; a < end; a += CHUNK_PAGES * PAGE) {
		unsigned long e = a + CHUNK_PAGES * PAGE;
		ssize_t n;

		if (e > end)
			e = end;
		snprintf(req, sizeof(req), "%d 0x%lx-0x%lx", pid, a, e);
		if (write(fd, req, strlen(req)) < 0 || lseek(fd, 0, SEEK_SET))
			return -errno;
		while ((n = read(fd, buf, sizeof(buf))) > 0) {
			char *p = buf;

			while ((p = memchr(p, '\n', buf + n - p))) {
				lines++;
				p++;
			}
		}
		if (n < 0)
			return -errno;
	}
	close(fd);
	return lines;
}

/* kpageflags and kpagecount at a frame, read a block at a time. */
#define KBLOCK		512
static uint64_t kflags[KBLOCK], kcount[KBLOCK], kfirst = ~0ULL;

static int kpage(int kf, int kc, uint64_t pfn, uint64_t *flags,
		 uint64_t *count)
{
	if (pfn < kfirst || pfn >= kfirst + KBLOCK) {
		kfirst = pfn & ~(uint64_t)(KBLOCK - 1);
		if (pread(kf, kflags, sizeof(kflags), kfirst * 8) <= 0 ||
		    pread(kc, kcount, sizeof(kcount), kfirst * 8) <= 0)
			return -1;
	}
	*flags = kflags[pfn - kfirst];
	*count = kcount[pfn - kfirst];
	return 0;
}

/* The query's replacement words from kpageflags bits. */
static int kwords(char *out, size_t len, uint64_t f, uint64_t count)
{
	static const struct { int bit; const char *w; } b[] = {
		{ 5, " lru" }, { 6, " active" }, { 2, " referenced" },
		{ 18, " unevictable" }, { 14, " swapbacked" },
		{ 13, " swapcache" }, { 21, " ksm" },
	};
	size_t o = 0;

	for (size_t i = 0; i < sizeof(b) / sizeof(b[0]); i++)
		if (f >> b[i].bit & 1)
			o += snprintf(out + o, len - o, "%s", b[i].w);
	return o + snprintf(out + o, len - o, " mapcount=%llu",
			    (unsigned long long)count);
}

/*
 * (b): pagemap, then kpageflags and kpagecount for each present page's
 * frame, formatted into the same facts per page in user space.
 */
static long run_pagemap(pid_t pid, unsigned long start, size_t len)
{
	static uint64_t pm[BUF / 8];
	static char out[BUF];
	unsigned long a = start, end = start + len;
	char path[64], words[128];
	long lines = 0;
	int fd, kf, kc;

	snprintf(path, sizeof(path), "/proc/%d/pagemap", pid);
	fd = open(path, O_RDONLY);
	kf = open("/proc/kpageflags", O_RDONLY);
	kc = open("/proc/kpagecount", O_RDONLY);
	if (fd < 0 || kf < 0 || kc < 0)
		return -errno;
	kfirst = ~0ULL;
	while (a < end) {
		size_t want = (end - a) / PAGE, i;
		size_t o = 0;
		ssize_t n;

		if (want > BUF / 8)
			want = BUF / 8;
		n = pread(fd, pm, want * 8, a / PAGE * 8);
		if (n <= 0)
			return -errno;
		for (i = 0; i < (size_t)n / 8; i++, a += PAGE) {
			uint64_t e = pm[i], pfn = e & ((1ULL << 55) - 1);
			uint64_t kflag = 0, kcnt = 0;

			words[0] = '\0';
			if (e >> 63 && !kpage(kf, kc, pfn, &kflag, &kcnt))
				kwords(words, sizeof(words), kflag, kcnt);
			if (o > sizeof(out) - 300)
				o = 0;
			o += snprintf(out + o, sizeof(out) - o,
				      "0x%016lx %3lu %3lu %3lu %3lu %3lu %-5s %-9s 0x%010llx %s%s%s\n",
				      a, (a >> 48) & 511, (a >> 39) & 511,
				      (a >> 30) & 511, (a >> 21) & 511,
				      (a >> 12) & 511, "pte",
				      e >> 63 ? "present" : "none",
				      (unsigned long long)(e & ((1ULL << 55) - 1)),
				      e >> 61 & 1 ? "file" : "anon",
				      e >> 56 & 1 ? " exclusive" : "", words);
			lines++;
		}
	}
	close(fd);
	close(kf);
	close(kc);
	return lines;
}

int main(void)
{
	static const size_t sizes[] = { 64 * MIB, 256 * MIB, 1024 * MIB };
	double ta[3], tb[3], worst = 0;
	unsigned int i, r;

	printf("osedu bench pagewalk\n");
	printf("%-8s %10s %10s %8s %10s %10s %12s\n", "size", "query_s",
	       "pagemap_s", "a/b", "lines", "rss_kB", "slab_delta_kB");
	for (i = 0; i < 3; i++) {
		unsigned long addr;
		long la, lb, s0, s1;
		struct rusage ru;
		double t0;
		pid_t pid = toucher(sizes[i], &addr);

		if (pid < 0) {
			printf("%zu MiB: cannot set up the process\n",
			       sizes[i] / MIB);
			return 1;
		}
		/*
		 * Best of REPS, alternating (a) and (b), so that a burst of
		 * host load in an emulated VM hits neither side alone.
		 */
		ta[i] = tb[i] = 1e9;
		s0 = slab_kb();
		for (r = 0; r < REPS; r++) {
			t0 = now();
			la = run_query(pid, addr, sizes[i]);
			t0 = now() - t0;
			ta[i] = t0 < ta[i] ? t0 : ta[i];
			if (r == 0)
				s1 = slab_kb();
			t0 = now();
			lb = run_pagemap(pid, addr, sizes[i]);
			t0 = now() - t0;
			tb[i] = t0 < tb[i] ? t0 : tb[i];
		}
		getrusage(RUSAGE_SELF, &ru);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		if (la < 0 || lb < 0) {
			printf("error: query %ld pagemap %ld\n", la, lb);
			return 1;
		}
		worst = ta[i] / tb[i] > worst ? ta[i] / tb[i] : worst;
		printf("%4zuMiB %10.3f %10.3f %8.2f %10ld %10ld %12ld\n",
		       sizes[i] / MIB, ta[i], tb[i], ta[i] / tb[i], la,
		       ru.ru_maxrss, s1 - s0);
	}
	printf("query_1G_over_64M: %.2f (target <= 20)\n", ta[2] / ta[0]);
	printf("pagemap_1G_over_64M: %.2f\n", tb[2] / tb[0]);
	printf("worst_a_over_b: %.2f (target <= 1.5)\n", worst);
	return 0;
}
