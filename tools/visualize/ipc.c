// SPDX-License-Identifier: GPL-2.0
/*
 * visualize ipc [PID]: who waits on what, with every cycle of the
 * wait-for graph named as a deadlock (ipc/waits); the SysV totals
 * (ipc/sysv); with PID, that process's pipes as rings, its sockets and
 * other IPC descriptors, and its signals as the PCB's bitmasks
 * (ipc/PID). Formats: docs/proc-format.md, "ipc_demo".
 *
 * The graph: each blocked thread waits on an object; the object's holder,
 * when the kernel records one, is a thread (a futex owner) or a process
 * (a file lock's fl_pid, a child). libosedu's osedu_wait_graph() links
 * each row to its holder's and finds the cycles.
 */
#include <stdlib.h>
#include <string.h>

#include "ipc.h"

static int bad(const char *name, size_t line, const char *what)
{
	viz_err("%s: line %zu: %s", name, line + 1, what);
	return -1;
}

static void model_free(struct ipc_model *m)
{
	free(m->w);
	free(m->next);
	free(m->cycle);
	free(m->proc.pipes);
	free(m->proc.fds);
	free(m->proc.threads);
	memset(m, 0, sizeof(*m));
}

static int parse_waits(struct ipc_model *m, const struct osedu_doc *d,
		       const char *name)
{
	if (d->nlines < 2 || strcmp(d->lines[1],
	    "tid pid state syscall nr kind object holder detail args comm"))
		return bad(name, 1, "not the waits header");
	m->w = calloc(d->nlines, sizeof(*m->w));
	if (!m->w)
		return -1;
	for (size_t i = 2; i < d->nlines; i++) {
		if (!*d->lines[i])
			continue;
		if (!osedu_wait_parse(d->lines[i], strlen(d->lines[i]),
				      &m->w[m->nw]))
			return bad(name, i, "malformed row");
		/* No system call, no object: counted, not drawn. */
		if (!strcmp(m->w[m->nw].kind, "kthread"))
			m->nkthreads++;
		else
			m->nw++;
	}
	return 0;
}

/* Successors and cycles (libosedu). */
static int build_graph(struct ipc_model *m)
{
	m->next = malloc((m->nw + 1) * sizeof(int));
	m->cycle = calloc(m->nw + 1, sizeof(int));
	if (!m->next || !m->cycle)
		return -1;
	m->ncycles = osedu_wait_graph(m->w, m->nw, m->next, m->cycle);
	return m->ncycles < 0 ? -1 : 0;
}

static void kv_copy(const char *line, const char *key, char *out, size_t n)
{
	size_t k = strlen(key);

	if (!strncmp(line, key, k) && line[k] == ':' && line[k + 1] == ' ')
		snprintf(out, n, "%s", line + k + 2);
}

static void kv_num(const char *line, const char *key, long long *out)
{
	size_t k = strlen(key);

	if (!strncmp(line, key, k) && line[k] == ':' && line[k + 1] == ' ') {
		int64_t v;

		if (osedu_s64(line + k + 2, &v))
			*out = v;
	}
}

static void kv_mask(const char *line, const char *key,
		    unsigned long long *out)
{
	size_t k = strlen(key);

	if (!strncmp(line, key, k) && line[k] == ':' && line[k + 1] == ' ') {
		uint64_t v;

		if (osedu_u64(line + k + 2, &v))
			*out = v;
	}
}

static void *grow(void *p, size_t n, size_t size)
{
	return realloc(p, (n + 1) * size);
}

static int parse_proc(struct ipc_proc *p, const struct osedu_doc *d,
		      const char *name)
{
	enum { B_PROC, B_FD, B_SHM, B_THREAD } kind = B_PROC;
	struct ipc_pipe *pp = NULL;
	struct ipc_fd *fp = NULL;
	struct ipc_thread *tp = NULL;
	long long n;

	p->pid = -1;
	for (size_t i = 1; i < d->nlines; i++) {
		const char *l = d->lines[i];
		bool start = i > 1 && !*d->lines[i - 1];

		if (!*l)
			continue;
		if (start && !strncmp(l, "fd: ", 4)) {
			void *q = grow(p->fds, p->nfds, sizeof(*p->fds));

			if (!q)
				return -1;
			p->fds = q;
			fp = &p->fds[p->nfds++];
			memset(fp, 0, sizeof(*fp));
			n = -1;
			kv_num(l, "fd", &n);
			if (n < 0 || n > INT32_MAX)
				return bad(name, i, "bad fd");
			fp->fd = n;
			pp = NULL;
			kind = B_FD;
			continue;
		}
		if (start && !strncmp(l, "shm: ", 5)) {
			void *q = grow(p->fds, p->nfds, sizeof(*p->fds));

			if (!q)
				return -1;
			p->fds = q;
			fp = &p->fds[p->nfds++];
			memset(fp, 0, sizeof(*fp));
			fp->fd = -1;
			fp->shmid = -1;
			fp->nattch = -1;
			snprintf(fp->kind, sizeof(fp->kind), "sysv_shm");
			snprintf(fp->detail, sizeof(fp->detail), "%s", l);
			kind = B_SHM;
			continue;
		}
		if (start && !strncmp(l, "thread: ", 8)) {
			void *q = grow(p->threads, p->nthreads,
				       sizeof(*p->threads));

			if (!q)
				return -1;
			p->threads = q;
			tp = &p->threads[p->nthreads++];
			memset(tp, 0, sizeof(*tp));
			n = -1;
			kv_num(l, "thread", &n);
			if (n <= 0 || n > INT32_MAX)
				return bad(name, i, "bad tid");
			tp->tid = n;
			kind = B_THREAD;
			continue;
		}
		if (start)
			return bad(name, i, "unknown block");
		switch (kind) {
		case B_PROC:
			n = p->pid;
			kv_num(l, "pid", &n);
			p->pid = n;
			kv_copy(l, "comm", p->comm, sizeof(p->comm));
			kv_mask(l, "ns_ipc", &p->ns_ipc);
			kv_mask(l, "sig_shared_pending", &p->shared);
			kv_mask(l, "sig_ignored", &p->ignored);
			kv_mask(l, "sig_caught", &p->caught);
			break;
		case B_FD:
			kv_copy(l, "kind", fp->kind, sizeof(fp->kind));
			kv_copy(l, "object", fp->object, sizeof(fp->object));
			if ((!strcmp(fp->kind, "pipe") || !strcmp(fp->kind, "fifo")) &&
			    !pp && !strncmp(l, "head: ", 6)) {
				void *q = grow(p->pipes, p->npipes,
					       sizeof(*p->pipes));

				if (!q)
					return -1;
				p->pipes = q;
				pp = &p->pipes[p->npipes++];
				memset(pp, 0, sizeof(*pp));
				pp->fd = fp->fd;
				memcpy(pp->kind, fp->kind, sizeof(pp->kind));
				memcpy(pp->object, fp->object,
				       sizeof(pp->object));
			}
			if (pp) {
				kv_num(l, "head", &pp->head);
				kv_num(l, "tail", &pp->tail);
				kv_num(l, "ring_size", &pp->ring);
				kv_num(l, "max_usage", &pp->max_usage);
				kv_num(l, "slots_used", &pp->used);
				kv_num(l, "bytes", &pp->bytes);
				kv_num(l, "readers", &pp->readers);
				kv_num(l, "writers", &pp->writers);
				kv_copy(l, "read_waiters", pp->rwait,
					sizeof(pp->rwait));
				kv_copy(l, "write_waiters", pp->wwait,
					sizeof(pp->wwait));
			} else if (!strncmp(l, "state: ", 7) ||
				   !strncmp(l, "inq: ", 5) ||
				   !strncmp(l, "outq: ", 6) ||
				   !strncmp(l, "peer_ino: ", 10) ||
				   !strncmp(l, "path: ", 6) ||
				   !strncmp(l, "mqueue_name: ", 13)) {
				size_t k = strlen(fp->detail);

				snprintf(fp->detail + k, sizeof(fp->detail) - k,
					 "%s%s", k ? ", " : "", l);
			}
			break;
		case B_SHM:
			kv_num(l, "shmid", &fp->shmid);
			if (!strncmp(l, "shmid: ", 7) || !strncmp(l, "key: ", 5) ||
			    !strncmp(l, "size: ", 6) ||
			    !strncmp(l, "resident_pages: ", 16)) {
				size_t k = strlen(fp->detail);

				snprintf(fp->detail + k, sizeof(fp->detail) - k,
					 ", %s", l);
			}
			break;
		case B_THREAD:
			kv_mask(l, "sig_pending", &tp->pending);
			kv_mask(l, "sig_blocked", &tp->blocked);
			if (!strncmp(l, "state: ", 7))
				tp->state = l[7];
			break;
		}
	}
	if (p->pid < 0)
		return bad(name, 1, "no pid");
	/* Only the IPC descriptors are drawn. */
	{
		size_t j = 0;

		for (size_t i = 0; i < p->nfds; i++)
			if (strcmp(p->fds[i].kind, "file") &&
			    strcmp(p->fds[i].kind, "pipe") &&
			    strcmp(p->fds[i].kind, "fifo"))
				p->fds[j++] = p->fds[i];
		p->nfds = j;
	}
	return 0;
}

static int parse_sysv(struct ipc_model *m, const struct osedu_doc *d,
		      const char *name)
{
	static const char *const keys[] = { "sem_ids", "msg_ids", "shm_ids",
		"msg_bytes", "msg_queued", "shm_pages" };
	bool rows = false;

	const char *ns = osedu_doc_get(d, "ns_ipc");
	uint64_t u;

	if (ns && osedu_u64(ns, &u))
		m->sysv_ns = u;
	for (size_t k = 0; k < ARRAY_SIZE(keys); k++) {
		const char *v = osedu_doc_get(d, keys[k]);
		int64_t n;

		if (!v || !osedu_s64(v, &n))
			return bad(name, 1, keys[k]);
		m->sysv_totals[k] = n;
	}
	for (size_t i = 1; i < d->nlines; i++) {
		struct osedu_sysv o;

		if (!strncmp(d->lines[i], "type ", 5)) {
			rows = true;
			continue;
		}
		if (!rows)
			continue;
		if (!osedu_sysv_parse(d->lines[i], strlen(d->lines[i]), &o))
			return bad(name, i, "malformed row");
		m->nsysv++;
	}
	m->have_sysv = true;
	return 0;
}

/*
 * Attach one document by its first line; -1 if it is not ours, or not
 * WANT (the view the file read must hold; NULL: any, for the fuzzer).
 */
static int attach(struct ipc_model *m, struct osedu_doc *d, const char *name,
		  const char *want)
{
	int rc;

	if (want && strcmp(d->view, want))
		rc = bad(name, 0, "not the view this file should hold");
	else if (!strcmp(d->view, "ipc-waits"))
		rc = m->w ? bad(name, 0, "two waits files") :
			    parse_waits(m, d, name);
	else if (!strcmp(d->view, "ipc-sysv"))
		rc = m->have_sysv ? bad(name, 0, "two sysv files") :
				    parse_sysv(m, d, name);
	else if (!strcmp(d->view, "ipc"))
		rc = m->have_proc ? bad(name, 0, "two process files") :
				    parse_proc(&m->proc, d, name);
	else
		rc = bad(name, 0, "not an ipc file");
	if (!rc && !strcmp(d->view, "ipc"))
		m->have_proc = true;
	osedu_doc_free(d);
	return rc;
}

static int ipc_run(struct viz *v, int argc, char **argv)
{
	struct ipc_model m = { 0 };
	struct osedu_doc d;
	char rel[64];
	int rc = 1;

	if (argc > 2 || (argc == 2 && strspn(argv[1], "0123456789") !=
			 strlen(argv[1]) && strcmp(argv[1], "self"))) {
		viz_err("usage: visualize ipc [PID|self]");
		return 2;
	}
	if (viz_doc_load(v, &d, "ipc/waits", "osedu_ipc_demo") ||
	    attach(&m, &d, "ipc/waits", "ipc-waits"))
		goto out;
	if (viz_doc_load(v, &d, "ipc/sysv", "osedu_ipc_demo") ||
	    attach(&m, &d, "ipc/sysv", "ipc-sysv"))
		goto out;
	if (argc == 2) {
		snprintf(rel, sizeof(rel), "ipc/%s", argv[1]);
		if (viz_doc_load(v, &d, rel, "osedu_ipc_demo") ||
		    attach(&m, &d, rel, "ipc"))
			goto out;
	}
	if (build_graph(&m))
		goto out;
	if (m.have_proc)
		ipc_join_shm(v, &m);
	ipc_render(v, &m);
	rc = 0;
out:
	model_free(&m);
	return rc;
}

static int ipc_fuzz_attach(void *ctx, struct osedu_doc *d)
{
	return attach(ctx, d, "fuzz", NULL);
}

/* Documents separated by NUL bytes, in any order. */
static int ipc_fuzz(struct viz *v, const uint8_t *data, size_t len)
{
	struct ipc_model m = { 0 };
	int rc = 1;

	if (viz_fuzz_docs(data, len, ipc_fuzz_attach, &m))
		goto out;
	if (build_graph(&m))
		goto out;
	ipc_render(v, &m);
	rc = 0;
out:
	model_free(&m);
	return rc;
}

const struct viz_view viz_view_ipc = {
	.name = "ipc",
	.usage = "ipc [PID|self]",
	.summary = "who waits on what, deadlock cycles, pipes as rings, signals",
	.run = ipc_run,
	.fuzz = ipc_fuzz,
};
