// SPDX-License-Identifier: GPL-2.0
/*
 * Every allocation an osedu module makes, failed in turn: while the module
 * loads, while each /proc/osedu file is opened and read, while the
 * scheduler trace starts. Each failure must give a clean error (a failed
 * insmod that leaves nothing behind, an errno to the reader) or be
 * absorbed, and the file must work again afterwards. Leaks and kernel
 * reports are caught around the test: vm/check-debug scans kmemleak after
 * the collection, and vm/run fails the run on any KASAN, lockdep, UBSAN or
 * KFENCE report on the console.
 *
 * The kernel's own fault injection does the failing (failslab and
 * fail_page_alloc, CONFIG_FAULT_INJECTION_DEBUG_FS), restricted by its
 * stack-trace filter to allocations with a module frame on the stack: the
 * sanitizer kernel has no modules but osedu's, so that is exactly osedu's
 * allocations, not the kernel's module loader or the VFS around them.
 *  - Sweep: /proc/thread-self/fail-nth fails the Nth such allocation of
 *    this thread; N = 1, 2, ... until an operation ends with the fault not
 *    consumed, i.e. every allocation of that path has been failed once.
 *  - Random: task-filter with /proc/self/make-it-fail and probability 50
 *    fails allocations of this process only, for many rounds, so failures
 *    also come in combinations the sweep does not make.
 * Kernels without fault injection (Debian's stock ones) skip the tests.
 */
#include <dirent.h>
#include <sys/stat.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"

#define DBG		"/sys/kernel/debug"
#define CONTROL		"/proc/osedu/sched/control"
#define MAX_NTH		400	/* no path here makes that many allocations */
#define ROUNDS		20
#define MAX_FILES	64
#define BUF		(1 << 20)
/* Above this, the stack-trace filter sees no kernel text (x86-64 MODULES_END). */
#define MODULES_END	0xffffffffff000000ULL
/* Hundreds of loads and trace starts under KASAN and TCG: minutes each. */
#define TIMEOUT		900

static const char *const attrs[] = { "failslab", "fail_page_alloc" };

static int set_attr(const char *attr, const char *knob, const char *val)
{
	char path[128];

	snprintf(path, sizeof(path), DBG "/%s/%s", attr, knob);
	return osedu_write_file(path, val);
}

/* The kernel's end, from kallsyms: every module frame lies above it. */
static unsigned long long kernel_end(void)
{
	static char buf[16 << 20];
	unsigned long long a;
	const char *p;
	char name[64];
	char type;

	if (osedu_read_file("/proc/kallsyms", buf, sizeof(buf)) <= 0)
		return 0;
	osedu_for_each_line(p, buf)
		if (sscanf(p, "%llx %c %63s", &a, &type, name) == 3 &&
		    !strcmp(name, "_end"))
			return a;
	return 0;
}

/*
 * Both attributes: only allocations with a module frame, no random
 * failures until asked, sleeping allocations and order-0 pages included,
 * quiet (a stack dump per failure would flood the serial console).
 */
static bool setup_injection(struct __test_metadata *_metadata)
{
	unsigned long long end;
	char val[32];
	unsigned int i;

	if (access(DBG "/failslab/probability", W_OK) ||
	    access(DBG "/fail_page_alloc/probability", W_OK) ||
	    access("/proc/thread-self/fail-nth", W_OK))
		return false;
	end = kernel_end();
	if (!end)
		return false;
	snprintf(val, sizeof(val), "%llu", end);
	for (i = 0; i < ARRAY_SIZE(attrs); i++) {
		EXPECT_EQ(0, set_attr(attrs[i], "probability", "0"));
		EXPECT_EQ(0, set_attr(attrs[i], "interval", "1"));
		EXPECT_EQ(0, set_attr(attrs[i], "times", "-1"));
		EXPECT_EQ(0, set_attr(attrs[i], "space", "0"));
		EXPECT_EQ(0, set_attr(attrs[i], "verbose", "0"));
		EXPECT_EQ(0, set_attr(attrs[i], "task-filter", "Y"));
		EXPECT_EQ(0, set_attr(attrs[i], "ignore-gfp-wait", "N"));
		EXPECT_EQ(0, set_attr(attrs[i], "stacktrace-depth", "32"));
		EXPECT_EQ(0, set_attr(attrs[i], "require-start", val));
		snprintf(val, sizeof(val), "%llu", MODULES_END);
		EXPECT_EQ(0, set_attr(attrs[i], "require-end", val));
		snprintf(val, sizeof(val), "%llu", end);
	}
	EXPECT_EQ(0, set_attr("fail_page_alloc", "min-order", "0"));
	return true;
}

#define NEED_INJECTION()						\
	do {								\
		if (!setup_injection(_metadata))			\
			SKIP(return, "no failslab/fail_page_alloc in "	\
			     "this kernel (make check-debug builds one)");	\
	} while (0)

/* Fail this thread's @n-th filtered allocation from now on (0: none). */
static void arm(int n)
{
	char v[16];

	snprintf(v, sizeof(v), "%d", n);
	osedu_write_file("/proc/thread-self/fail-nth", v);
}

/* Whether the armed failure happened; disarms. */
static bool fired(void)
{
	char v[16] = "";
	bool hit;

	hit = osedu_read_file("/proc/thread-self/fail-nth", v, sizeof(v)) > 0 &&
	      v[0] == '0';
	arm(0);
	return hit;
}

/* Random failures of this process's filtered allocations, or none. */
static void random_failures(bool on)
{
	unsigned int i;

	osedu_write_file("/proc/self/make-it-fail", on ? "1" : "0");
	for (i = 0; i < ARRAY_SIZE(attrs); i++)
		set_attr(attrs[i], "probability", on ? "50" : "0");
}

/* The product modules, core first (the others use its exports). */
static int module_names(char names[][64], int max)
{
	struct dirent *de;
	int n = 1;
	DIR *d;

	d = opendir(OSEDU_MODDIR);
	if (!d)
		return 0;
	strcpy(names[0], "osedu_core");
	while ((de = readdir(d)) && n < max) {
		size_t len = strlen(de->d_name);

		if (len < 4 || len > 60 || strcmp(de->d_name + len - 3, ".ko") ||
		    !strcmp(de->d_name, "osedu_core.ko"))
			continue;
		snprintf(names[n], 64, "%.*s", (int)(len - 3), de->d_name);
		n++;
	}
	closedir(d);
	return n;
}

/*
 * Every osedu module, users of core first: the product modules, and any
 * test-only module another collection left loaded (they use core too).
 */
static void unload_all(void)
{
	char buf[65536], name[64];
	const char *p;
	int round;

	for (round = 0; round < 2; round++) {
		if (osedu_read_file("/proc/modules", buf, sizeof(buf)) <= 0)
			return;
		osedu_for_each_line(p, buf)
			if (sscanf(p, "%63s", name) == 1 &&
			    !strncmp(name, "osedu_", 6) &&
			    (round || strcmp(name, "osedu_core")))
				osedu_unload(name);
	}
}

/* Names under /proc/osedu, as one string: what a failed load must not change. */
static void proc_names(char *out, size_t len)
{
	struct dirent *de;
	size_t off = 0;
	DIR *d;

	out[0] = 0;
	d = opendir("/proc/osedu");
	if (!d)
		return;
	while ((de = readdir(d)) && off + 70 < len)
		off += snprintf(out + off, len - off, "%s ", de->d_name);
	closedir(d);
}

/*
 * Load @name with its @n-th allocation failed. Returns whether the fault
 * fired: if not, the load made fewer than @n allocations.
 */
static bool load_failing(struct __test_metadata *_metadata, const char *name,
			int n)
{
	char before[1024], after[1024];
	bool hit;
	int ret;

	proc_names(before, sizeof(before));
	arm(n);
	ret = osedu_load(name);
	hit = fired();
	if (ret) {
		/* A failed load leaves nothing behind, and fails for a reason. */
		EXPECT_TRUE(hit) TH_LOG("%s failed (%d) with no fault", name, ret);
		EXPECT_FALSE(osedu_module_loaded(name)) TH_LOG("%s n=%d", name, n);
		proc_names(after, sizeof(after));
		EXPECT_STREQ(before, after) TH_LOG("%s n=%d", name, n);
		EXPECT_NE(-EFAULT, ret);
	}
	/* Loaded despite the failure (absorbed) or without one: unload. */
	if (!ret) {
		EXPECT_EQ(0, osedu_unload(name)) TH_LOG("%s n=%d", name, n);
	}
	return hit;
}

FIXTURE(fault) {};
FIXTURE_SETUP(fault) {}
FIXTURE_TEARDOWN(fault) {}

TEST_F_TIMEOUT(fault, load, TIMEOUT)
{
	char names[16][64];
	int i, n, nth, hits;

	NEED_INJECTION();
	n = module_names(names, 16);
	ASSERT_LT(1, n) TH_LOG("no modules in " OSEDU_MODDIR);
	unload_all();
	ASSERT_FALSE(osedu_module_loaded("osedu_core"))
		TH_LOG("osedu_core stays loaded (in use?)");

	for (i = 0; i < n; i++) {
		if (i > 0)
			ASSERT_EQ(0, osedu_load("osedu_core"));
		hits = 0;
		for (nth = 1; nth <= MAX_NTH; nth++) {
			if (!load_failing(_metadata, names[i], nth))
				break;
			hits++;
		}
		EXPECT_GT(MAX_NTH, nth) TH_LOG("%s: no end to its allocations",
					       names[i]);
		EXPECT_LT(0, hits) TH_LOG("%s: no allocation was failed",
					  names[i]);
		TH_LOG("%s: %d allocations failed in turn", names[i], hits);
		/* Random failures in combination, task-filtered. */
		random_failures(true);
		for (nth = 0; nth < ROUNDS; nth++)
			if (!osedu_load(names[i]))
				osedu_unload(names[i]);
		random_failures(false);
		EXPECT_FALSE(osedu_module_loaded(names[i]));
		if (i > 0)
			ASSERT_EQ(0, osedu_unload("osedu_core"));
	}
	/* Everything loads cleanly afterwards, as the other tests expect. */
	for (i = 0; i < n; i++)
		EXPECT_EQ(0, osedu_load(names[i])) TH_LOG("%s", names[i]);
}

/* The readable files of /proc/osedu: top level and each view's "self". */
static int proc_files(char files[][128], int max)
{
	char dirs[16][128];
	int nd = 1, n = 0, i;
	struct dirent *de;
	struct stat st;
	DIR *d;

	strcpy(dirs[0], "/proc/osedu");
	for (i = 0; i < nd; i++) {
		d = opendir(dirs[i]);
		if (!d)
			continue;
		while ((de = readdir(d))) {
			char path[128];

			if (de->d_name[0] == '.' ||
			    strspn(de->d_name, "0123456789") == strlen(de->d_name))
				continue;
			snprintf(path, sizeof(path), "%.60s/%.60s", dirs[i],
				 de->d_name);
			if (lstat(path, &st))
				continue;
			if (S_ISDIR(st.st_mode) && nd < 16)
				strcpy(dirs[nd++], path);
			else if (S_ISREG(st.st_mode) && (st.st_mode & 0444) &&
				 n < max)
				strcpy(files[n++], path);
		}
		closedir(d);
	}
	return n;
}

/* Open and read @path whole: bytes read, or -errno of the open or a read. */
static ssize_t read_whole(const char *path, char *buf)
{
	ssize_t n, len = 0;
	int fd;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	do {
		n = read(fd, buf + len, BUF - 1 - len);
		if (n > 0)
			len += n;
	} while (n > 0 && len < BUF - 1);
	if (n < 0 && errno == EAGAIN)
		n = 0;
	n = n < 0 ? -errno : len;
	close(fd);
	if (n >= 0)
		buf[n] = 0;
	return n;
}

static size_t first_line(const char *s)
{
	return strcspn(s, "\n");
}

TEST_F_TIMEOUT(fault, open_read, TIMEOUT)
{
	static char files[MAX_FILES][128];
	static char want[BUF], got[BUF];
	int i, n, nth, hits, total = 0;
	char names[16][64];
	ssize_t base, r;

	NEED_INJECTION();
	n = module_names(names, 16);
	for (i = 0; i < n; i++)
		ASSERT_EQ(0, osedu_load(names[i])) TH_LOG("%s", names[i]);
	n = proc_files(files, MAX_FILES);
	ASSERT_LT(4, n) TH_LOG("only %d files under /proc/osedu", n);

	for (i = 0; i < n; i++) {
		base = read_whole(files[i], want);
		hits = 0;
		for (nth = 1; nth <= MAX_NTH; nth++) {
			arm(nth);
			r = read_whole(files[i], got);
			if (!fired())
				break;
			hits++;
			/* A clean error, or the whole file regardless. */
			if (r < 0) {
				EXPECT_NE(-EFAULT, r) TH_LOG("%s", files[i]);
			} else if (base > 0) {
				EXPECT_EQ(0, strncmp(want, got, first_line(want)))
					TH_LOG("%s n=%d", files[i], nth);
			}
			/* Not wedged: it reads as it did before. */
			r = read_whole(files[i], got);
			EXPECT_EQ(base < 0, r < 0) TH_LOG("%s after n=%d: %zd",
							  files[i], nth, r);
		}
		EXPECT_GT(MAX_NTH, nth) TH_LOG("%s", files[i]);
		random_failures(true);
		for (nth = 0; nth < ROUNDS; nth++)
			read_whole(files[i], got);
		random_failures(false);
		r = read_whole(files[i], got);
		EXPECT_EQ(base < 0, r < 0) TH_LOG("%s after random failures",
						  files[i]);
		total += hits;
	}
	TH_LOG("%d files, %d allocations failed in turn", n, total);
}

TEST_F_TIMEOUT(fault, trace_start, TIMEOUT)
{
	static char buf[BUF];
	int nth, hits = 0, ret;

	NEED_INJECTION();
	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_sched_viz"));
	osedu_write_file(CONTROL, "stop");
	for (nth = 1; nth <= MAX_NTH; nth++) {
		arm(nth);
		ret = osedu_write_file(CONTROL, "start");
		if (!fired()) {
			EXPECT_EQ(0, ret);
			break;
		}
		hits++;
		EXPECT_NE(-EFAULT, ret);
		osedu_write_file(CONTROL, "stop");
		/* Tracing still starts, records and stops. */
		ASSERT_EQ(0, osedu_write_file(CONTROL, "start")) TH_LOG("n=%d", nth);
		usleep(10000);
		ASSERT_EQ(0, osedu_write_file(CONTROL, "stop"));
		EXPECT_LT(0, read_whole("/proc/osedu/sched/trace", buf));
	}
	osedu_write_file(CONTROL, "stop");
	EXPECT_GT(MAX_NTH, nth);
	random_failures(true);
	for (nth = 0; nth < ROUNDS; nth++) {
		osedu_write_file(CONTROL, "start");
		osedu_write_file(CONTROL, "stop");
	}
	random_failures(false);
	ASSERT_EQ(0, osedu_write_file(CONTROL, "start"));
	ASSERT_EQ(0, osedu_write_file(CONTROL, "stop"));
	osedu_write_file(CONTROL, "clear");
	TH_LOG("%d allocations failed in turn", hits);
}

TEST_HARNESS_MAIN
