// SPDX-License-Identifier: GPL-2.0
/*
 * visualize vectors: the arm64 exception vector table VBAR_EL1 points at,
 * its 16 entries as the architecture arranges them (where the CPU was x
 * what happened), where a system call, a page fault and an interrupt
 * enter, and the counts the kernel keeps. Reads /proc/osedu/vectors/
 * {table,counts,svc}: docs/proc-format.md, "vectors_arm64". This file
 * loads them (libosedu parses); vectors_draw.c renders.
 */
#include <stdlib.h>
#include <string.h>

#include "vectors.h"

#define MODULE	"osedu_vectors_arm64"

/* asm-generic/unistd.h's numbers (arm64's table): the ones programs use. */
static const struct { int nr; const char *name; } calls[] = {
	{ 17, "getcwd" }, { 22, "epoll_pwait" }, { 23, "dup" },
	{ 24, "dup3" }, { 25, "fcntl" }, { 29, "ioctl" }, { 34, "mkdirat" },
	{ 35, "unlinkat" }, { 38, "renameat" }, { 40, "mount" },
	{ 43, "statfs" }, { 46, "ftruncate" }, { 48, "faccessat" },
	{ 49, "chdir" }, { 56, "openat" }, { 57, "close" }, { 59, "pipe2" },
	{ 61, "getdents64" }, { 62, "lseek" }, { 63, "read" },
	{ 64, "write" }, { 65, "readv" }, { 66, "writev" },
	{ 67, "pread64" }, { 71, "sendfile" }, { 72, "pselect6" },
	{ 73, "ppoll" }, { 78, "readlinkat" }, { 79, "newfstatat" },
	{ 80, "fstat" }, { 82, "fsync" }, { 93, "exit" },
	{ 94, "exit_group" }, { 96, "set_tid_address" }, { 98, "futex" },
	{ 99, "set_robust_list" }, { 101, "nanosleep" },
	{ 113, "clock_gettime" }, { 122, "sched_setaffinity" },
	{ 123, "sched_getaffinity" }, { 124, "sched_yield" },
	{ 129, "kill" }, { 131, "tgkill" }, { 134, "rt_sigaction" },
	{ 135, "rt_sigprocmask" }, { 139, "rt_sigreturn" },
	{ 146, "setuid" }, { 154, "setpgid" }, { 155, "getpgid" },
	{ 160, "uname" }, { 165, "getrusage" }, { 166, "umask" },
	{ 167, "prctl" }, { 172, "getpid" }, { 173, "getppid" },
	{ 174, "getuid" }, { 175, "geteuid" }, { 176, "getgid" },
	{ 177, "getegid" }, { 178, "gettid" }, { 179, "sysinfo" },
	{ 198, "socket" }, { 203, "connect" }, { 206, "sendto" },
	{ 207, "recvfrom" }, { 214, "brk" }, { 215, "munmap" },
	{ 216, "mremap" }, { 220, "clone" }, { 221, "execve" },
	{ 222, "mmap" }, { 226, "mprotect" }, { 228, "mlock" },
	{ 233, "madvise" }, { 260, "wait4" }, { 261, "prlimit64" },
	{ 278, "getrandom" }, { 291, "statx" }, { 293, "rseq" },
	{ 435, "clone3" }, { 439, "faccessat2" },
};

const char *vec_syscall_name(int nr)
{
	for (size_t i = 0; i < ARRAY_SIZE(calls); i++)
		if (calls[i].nr == nr)
			return calls[i].name;
	return NULL;
}

static void vec_free(struct vec *t)
{
	if (t->have_table)
		osedu_vectors_free(&t->table);
	if (t->have_counts)
		osedu_vec_counts_free(&t->counts);
	if (t->have_svc)
		osedu_vec_svc_free(&t->svc);
	memset(t, 0, sizeof(*t));
}

/* Parse D as whichever of the three files it is (NAME for messages). */
static int vec_attach(struct vec *t, struct osedu_doc *d, const char *name)
{
	char why[256];
	int rc = -1;

	if (!strcmp(d->view, "vectors/table") && !t->have_table) {
		rc = osedu_vectors_parse(&t->table, d, why, sizeof(why));
		t->have_table = !rc;
	} else if (!strcmp(d->view, "vectors/counts") && !t->have_counts) {
		rc = osedu_vec_counts_parse(&t->counts, d, why, sizeof(why));
		t->have_counts = !rc;
	} else if (!strcmp(d->view, "vectors/svc") && !t->have_svc) {
		rc = osedu_vec_svc_parse(&t->svc, d, why, sizeof(why));
		t->have_svc = !rc;
	} else {
		snprintf(why, sizeof(why),
			 "an \"osedu %s\" file, not vectors/table, vectors/counts or vectors/svc (once each)",
			 d->view);
	}
	if (rc)
		viz_err("%s: %s", name, why);
	osedu_doc_free(d);
	return rc;
}

/*
 * No /proc/osedu/vectors: say why. On an x86-64 kernel there is no
 * vector table to show, but its counterpart, the IDT, is.
 */
static void vec_missing(const struct viz *v)
{
	if (viz_machine(v) == VIZ_MACHINE_X86)
		viz_err("%s/vectors is missing: this is an x86-64 kernel, which has no arm64 exception vector table (VBAR_EL1). Its counterpart on x86 is the IDT: visualize idt",
			v->root);
	else
		viz_missing(v, "vectors/table", MODULE);
}

static int vec_run(struct viz *v, int argc, char **argv)
{
	static const char *const files[] = { "vectors/table", "vectors/counts",
					      "vectors/svc" };
	bool only_note = argc == 2 && !strcmp(argv[1], "--note");
	struct vec *t;
	char dir[4096];
	int rc = 1;

	if (argc != 1 + only_note) {
		viz_err("usage: visualize [OPTIONS] vectors [--note] (--format, --lang and the other options come before the view)");
		return 2;
	}
	snprintf(dir, sizeof(dir), "%s/vectors", v->root);
	if (!viz_exists(dir)) {
		vec_missing(v);
		return 1;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return 1;
	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		struct osedu_doc d;
		char path[4096];

		snprintf(path, sizeof(path), "%s/%s", v->root, files[i]);
		if (viz_doc_load(v, &d, files[i], MODULE) ||
		    vec_attach(t, &d, path))
			goto out;
	}
	if (only_note)
		vec_note(v, t, v->out);
	else
		vec_render(v, t);
	rc = 0;
out:
	vec_free(t);
	free(t);
	return rc;
}

static int vec_fuzz_attach(void *ctx, struct osedu_doc *d)
{
	return vec_attach(ctx, d, "fuzz");
}

static int vec_fuzz(struct viz *v, const uint8_t *data, size_t len)
{
	struct vec *t = calloc(1, sizeof(*t));
	int rc = 1;

	if (!t)
		return 1;
	if (viz_fuzz_docs(data, len, vec_fuzz_attach, t))
		goto out;
	if (!t->have_table || !t->have_counts || !t->have_svc)
		goto out;
	vec_render(v, t);
	vec_note(v, t, v->out);
	rc = 0;
out:
	vec_free(t);
	free(t);
	return rc;
}

const struct viz_view viz_view_vectors = {
	.name = "vectors",
	.usage = "vectors [--note]",
	.summary = "arm64's exception vector table: where system calls, faults and IRQs enter",
	.run = vec_run,
	.fuzz = vec_fuzz,
};
