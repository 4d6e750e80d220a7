// SPDX-License-Identifier: GPL-2.0
/*
 * visualize ipc, rendering: the wait-for graph (every cycle named as a
 * deadlock), the pipes as rings of slots, signals as the PCB's bitmasks,
 * the SysV totals; as text, SVG and HTML, in English and Korean.
 */
#include <stdlib.h>
#include <string.h>

#include "ipc.h"
#include "markup.h"

#define RING_CELLS	32	/* a ring wider than this is drawn scaled */

static const char *const signames[] = {
	"HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL",
	"USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD",
	"CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ",
	"VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
};

static void signame(char *out, size_t n, int sig)
{
	if (sig >= 1 && sig <= (int)ARRAY_SIZE(signames))
		snprintf(out, n, "SIG%s", signames[sig - 1]);
	else
		snprintf(out, n, "SIG%d", sig);
}

static const char *holder_text(const struct viz *v, const struct osedu_wait *w,
			       char *buf, size_t n)
{
	if (w->holder > 0)
		snprintf(buf, n, "%d", w->holder);
	else if (w->holder < 0)
		snprintf(buf, n, "%s", viz_tr(v, "an open file", "열린 파일"));
	else
		snprintf(buf, n, "-");
	return buf;
}

/* ---- text ------------------------------------------------------------ */

static void text_cycles(const struct viz *v, const struct ipc_model *m)
{
	FILE *f = v->out;
	char comm[64];

	for (int c = 1; c <= m->ncycles; c++) {
		int start = -1, i;

		for (size_t j = 0; j < m->nw && start < 0; j++)
			if (m->cycle[j] == c)
				start = j;
		fprintf(f, "%s%s %d:%s ", viz_c(v, VIZ_RED),
			viz_tr(v, "DEADLOCK", "교착 상태"), c,
			viz_c(v, VIZ_RESET));
		i = start;
		do {
			mk_clean(comm, sizeof(comm), m->w[i].comm);
			fprintf(f, "%d (%s) --%s--> %s --%s--> ", m->w[i].tid,
				comm, viz_tr(v, "waits on", "대기"),
				m->w[i].object,
				viz_tr(v, "held by", "보유"));
			i = m->next[i];
		} while (i != start);
		fprintf(f, "%d\n", m->w[start].tid);
	}
}

static void text_waits(const struct viz *v, const struct ipc_model *m)
{
	FILE *f = v->out;
	char comm[64], h[32];

	viz_heading(v, "Who waits on what (ipc/waits)",
		    "누가 무엇을 기다리나 (ipc/waits)");
	viz_explain(v,
		"Each blocked thread waits on one object; where the kernel records who holds it, the holder is shown. Following holder to holder, a path that returns to where it started is a cycle of the wait-for graph: those threads can never wake, which is a deadlock.",
		"블록된 스레드는 각각 객체 하나를 기다립니다. 커널이 그 객체를 가진 쪽을 기록해 두었으면 holder로 보여 줍니다. holder를 따라가다 처음 자리로 돌아오면 대기 그래프의 사이클이며, 그 스레드들은 영원히 깨어날 수 없습니다. 이것이 교착 상태입니다.");
	fprintf(f, "%s: %zu\n", viz_tr(v, "blocked threads", "블록된 스레드"),
		m->nw);
	if (m->nkthreads)
		fprintf(f, "%s: %zu\n",
			viz_tr(v, "kernel threads asleep too (no system call; not drawn)",
			       "잠든 커널 스레드 (시스템 콜 없음, 그리지 않음)"),
			m->nkthreads);
	fprintf(f, "%7s %7s %-10s %-10s %-36s %7s  %s\n", "tid", "pid",
		"syscall", "kind", "object", "holder", "comm");
	for (size_t i = 0; i < m->nw; i++) {
		const struct osedu_wait *w = &m->w[i];

		mk_clean(comm, sizeof(comm), w->comm);
		fprintf(f, "%s%7d %7d %-10s %-10s %-36s %7s  %s%s\n",
			m->cycle[i] ? viz_c(v, VIZ_RED) : "", w->tid, w->pid,
			w->syscall, w->kind, w->object,
			holder_text(v, w, h, sizeof(h)), comm,
			m->cycle[i] ? viz_c(v, VIZ_RESET) : "");
	}
	if (m->ncycles)
		text_cycles(v, m);
	else
		fprintf(f, "%s\n", viz_tr(v, "No cycle: no deadlock among the threads shown.",
					  "사이클 없음: 보이는 스레드 사이에 교착 상태가 없습니다."));
}

static void ring_cells(const struct ipc_pipe *p, char *out, size_t n)
{
	long long ring = p->ring > 0 ? p->ring : 1;
	long long cells = ring < RING_CELLS ? ring : RING_CELLS;
	size_t k = 0;

	for (long long c = 0; c < cells && k + 1 < n; c++) {
		/* Slot range [lo, hi) of this cell, by ring index. */
		long long lo = c * ring / cells, hi = (c + 1) * ring / cells;
		long long t = p->tail % ring, used = 0;

		for (long long s = lo; s < hi; s++)
			if (((s - t) % ring + ring) % ring < p->used)
				used++;
		out[k++] = used ? '#' : '.';
	}
	out[k] = '\0';
}

/* Who attaches a segment: osedu's join, against the kernel's nattch. */
static void text_shm_sharers(const struct viz *v, const struct ipc_proc *p,
			     const struct ipc_fd *fp)
{
	FILE *f = v->out;
	char who[sizeof(fp->sharers) * 2];

	mk_clean(who, sizeof(who), fp->sharers);
	fprintf(f, "       %s: %s; %lld %s", viz_tr(v, "attached by", "붙인 프로세스"),
		*who ? who : "-", fp->attaches,
		viz_tr(v, "attachment(s) named", "개의 부착을 찾음"));
	if (fp->nattch < 0)
		fprintf(f, "; %s\n",
			viz_tr(v, "nattch not known (another IPC namespace)",
			       "nattch 모름 (다른 IPC 네임스페이스)"));
	else if (fp->nattch == fp->attaches)
		fprintf(f, " = nattch %lld (/proc/sysvipc/shm): %s\n",
			fp->nattch, viz_tr(v, "all of them", "전부"));
	else
		fprintf(f, ", nattch %lld (/proc/sysvipc/shm): %lld %s (%zu %s)\n",
			fp->nattch, fp->nattch - fp->attaches,
			viz_tr(v, "not visible to this reader",
			       "개는 이 사용자에게 보이지 않음"),
			p->shm_unread,
			viz_tr(v, "process views unreadable",
			       "개의 프로세스 뷰를 읽을 수 없음"));
}

static void text_proc(const struct viz *v, const struct ipc_proc *p)
{
	FILE *f = v->out;
	char comm[64], cells[RING_CELLS + 1], name[16];

	mk_clean(comm, sizeof(comm), p->comm);
	fprintf(f, "\n");
	viz_heading(v, "Pipes: rings of slots in kernel memory",
		    "파이프: 커널 메모리의 슬롯 링");
	viz_explain(v,
		"A pipe's bytes wait in kernel memory, in a ring of slots (one page each): the writer fills the slot at head, the reader empties the one at tail. When every slot is used the writer sleeps until a read frees one.",
		"파이프의 바이트는 커널 메모리의 슬롯 링(슬롯마다 한 페이지)에서 기다립니다. 쓰는 쪽은 head 슬롯을 채우고 읽는 쪽은 tail 슬롯을 비웁니다. 슬롯이 모두 차면 쓰는 쪽은 읽기가 슬롯을 비울 때까지 잠듭니다.");
	fprintf(f, "%s %d (%s)\n", viz_tr(v, "process", "프로세스"), p->pid,
		comm);
	for (size_t i = 0; i < p->npipes; i++) {
		const struct ipc_pipe *q = &p->pipes[i];

		ring_cells(q, cells, sizeof(cells));
		fprintf(f, "fd %-3d %-5s %-16s [%s] head %lld tail %lld, %lld/%lld %s, %lld %s\n",
			q->fd, q->kind, q->object, cells, q->head, q->tail,
			q->used, q->ring, viz_tr(v, "slots", "슬롯"), q->bytes,
			viz_tr(v, "bytes", "바이트"));
		fprintf(f, "       %s %lld, %s %lld; %s: %s; %s: %s\n",
			viz_tr(v, "readers", "읽는 쪽"), q->readers,
			viz_tr(v, "writers", "쓰는 쪽"), q->writers,
			viz_tr(v, "sleeping readers", "잠든 읽기"), q->rwait,
			viz_tr(v, "sleeping writers", "잠든 쓰기"), q->wwait);
	}
	if (p->nfds) {
		viz_heading(v, "Other IPC objects", "다른 IPC 객체");
		for (size_t i = 0; i < p->nfds; i++) {
			if (p->fds[i].fd >= 0)
				fprintf(f, "fd %-3d ", p->fds[i].fd);
			else
				fprintf(f, "       ");
			fprintf(f, "%-9s %s %s\n", p->fds[i].kind,
				p->fds[i].object, p->fds[i].detail);
			if (!strcmp(p->fds[i].kind, "sysv_shm"))
				text_shm_sharers(v, p, &p->fds[i]);
		}
	}
	viz_heading(v, "Signals in the PCB", "PCB 안의 시그널");
	viz_explain(v,
		"The PCB keeps, per thread, the signals pending and the mask of blocked ones, and per process the shared pending set and what each signal does (ignored, caught by a handler). A blocked signal stays pending until it is unblocked; it is delivered on the way back to user mode.",
		"PCB는 스레드마다 대기 중인 시그널과 블록 마스크를, 프로세스마다 공유 대기 집합과 시그널별 동작(무시, 핸들러로 처리)을 기록합니다. 블록된 시그널은 블록이 풀릴 때까지 대기 상태로 남고, 사용자 모드로 돌아가는 길에 전달됩니다.");
	fprintf(f, "%-10s %-16s %-16s %-16s\n", "", "shared_pending", "ignored",
		"caught");
	fprintf(f, "%-10s %016llx %016llx %016llx\n",
		viz_tr(v, "process", "프로세스"), p->shared, p->ignored,
		p->caught);
	fprintf(f, "%-10s %-16s %-16s\n", "tid", "pending", "blocked");
	for (size_t i = 0; i < p->nthreads; i++)
		fprintf(f, "%-10d %016llx %016llx\n", p->threads[i].tid,
			p->threads[i].pending, p->threads[i].blocked);
	for (int s = 1; s <= 64; s++) {
		unsigned long long bit = 1ULL << (s - 1), pend = p->shared,
				   blk = 0;

		for (size_t i = 0; i < p->nthreads; i++) {
			pend |= p->threads[i].pending;
			blk |= p->threads[i].blocked;
		}
		if (!(pend & bit))
			continue;
		signame(name, sizeof(name), s);
		fprintf(f, "%s %s%s\n", name,
			viz_tr(v, "is pending", "대기 중"),
			blk & bit ? viz_tr(v, " (blocked: it waits until unblocked)",
					   " (블록됨: 블록이 풀릴 때까지 기다림)") : "");
	}
}

static void text_sysv(const struct viz *v, const struct ipc_model *m)
{
	const long long *t = m->sysv_totals;

	viz_heading(v, "SysV IPC in this namespace (ipc/sysv)",
		    "이 네임스페이스의 SysV IPC (ipc/sysv)");
	fprintf(v->out, "%s %lld, %s %lld, %s %lld; %s %lld %s (%lld %s); %s %lld\n",
		viz_tr(v, "semaphore sets", "세마포어 집합"), t[0],
		viz_tr(v, "message queues", "메시지 큐"), t[1],
		viz_tr(v, "shared memory segments", "공유 메모리 세그먼트"), t[2],
		viz_tr(v, "queued", "대기 중인"), t[4],
		viz_tr(v, "messages", "메시지"), t[3],
		viz_tr(v, "bytes of kernel memory", "바이트의 커널 메모리"),
		viz_tr(v, "shm pages", "공유 메모리 페이지"), t[5]);
}

static void text_render(const struct viz *v, const struct ipc_model *m)
{
	text_waits(v, m);
	if (m->have_sysv)
		text_sysv(v, m);
	if (m->have_proc)
		text_proc(v, &m->proc);
}

/* ---- SVG ------------------------------------------------------------- */

#define ROW_H	26
#define COL_T	10
#define COL_O	300
#define BOX_T	220
#define BOX_O	300

static void svg_graph(const struct viz *v, const struct ipc_model *m)
{
	FILE *f = v->out;
	int h = 60 + (int)(m->nw ? m->nw : 1) * ROW_H;

	svg_begin(f, 720, h, viz_tr(v, "Wait-for graph", "대기 그래프"));
	svg_text(f, COL_T, 20, "start", "title", "%s",
		 viz_tr(v, "Blocked threads and what they wait on",
			"블록된 스레드와 기다리는 객체"));
	for (size_t i = 0; i < m->nw; i++) {
		const struct osedu_wait *w = &m->w[i];
		double y = 40 + i * ROW_H;
		const char *fill = m->cycle[i] ? "#f4a6a6" : "#e7ecf5";

		svg_rect(f, COL_T, y, BOX_T, ROW_H - 6, fill, NULL);
		svg_text(f, COL_T + 4, y + 14, "start", NULL, "%d %s %s",
			 w->tid, w->syscall, w->comm);
		svg_line(f, COL_T + BOX_T, y + 10, COL_O, y + 10,
			 m->cycle[i] ? "#c92a2a" : "#555");
		svg_rect(f, COL_O, y, BOX_O, ROW_H - 6, "#fff3bf", NULL);
		svg_text(f, COL_O + 4, y + 14, "start", NULL, "%s", w->object);
		if (m->next[i] >= 0) {
			double ty = 40 + m->next[i] * ROW_H + 10;

			/* Back from the object to its holder's row. */
			svg_line(f, COL_O + BOX_O, y + 10, COL_O + BOX_O + 40,
				 y + 10, m->cycle[i] ? "#c92a2a" : "#555");
			svg_line(f, COL_O + BOX_O + 40, y + 10,
				 COL_O + BOX_O + 40 + (i % 4) * 6, ty,
				 m->cycle[i] ? "#c92a2a" : "#555");
			svg_text(f, COL_O + BOX_O + 46 + (i % 4) * 6, ty + 4,
				 "start", NULL, "%s %d",
				 viz_tr(v, "held by", "보유"), w->holder);
		}
	}
	if (!m->nw)
		svg_text(f, COL_T, 50, "start", NULL, "%s",
			 viz_tr(v, "no blocked thread", "블록된 스레드 없음"));
	svg_end(f);
}

static void svg_rings(const struct viz *v, const struct ipc_proc *p)
{
	FILE *f = v->out;
	int h = 40 + (int)(p->npipes ? p->npipes : 1) * 50;

	svg_begin(f, 720, h, viz_tr(v, "Pipe rings", "파이프 링"));
	for (size_t i = 0; i < p->npipes; i++) {
		const struct ipc_pipe *q = &p->pipes[i];
		char cells[RING_CELLS + 1];
		double y = 20 + i * 50;

		ring_cells(q, cells, sizeof(cells));
		svg_text(f, 10, y + 12, "start", NULL, "fd %d %s: %lld/%lld, %lld B",
			 q->fd, q->object, q->used, q->ring, q->bytes);
		for (size_t c = 0; cells[c]; c++)
			svg_rect(f, 10 + c * 20, y + 18, 18, 18,
				 cells[c] == '#' ? "#74c0fc" : "#f1f3f5", NULL);
	}
	svg_end(f);
}

/* One SVG document: the graph (the HTML page adds the rings). */
static void svg_render(const struct viz *v, const struct ipc_model *m)
{
	svg_graph(v, m);
}

/* ---- HTML ------------------------------------------------------------ */

static void html_render(const struct viz *v, const struct ipc_model *m)
{
	struct viz svg = *v, text = *v;
	FILE *f = v->out;
	char h[32];

	viz_html_begin(v, viz_tr(v, "IPC and waits", "IPC와 대기"));
	svg.format = VIZ_SVG;
	viz_heading(v, "Who waits on what", "누가 무엇을 기다리나");
	viz_explain(v,
		"Red rows form a cycle of the wait-for graph: each waits for an object held by the next, the last for one held by the first. That is a deadlock.",
		"빨간 줄은 대기 그래프의 사이클입니다. 각 스레드는 다음 스레드가 가진 객체를 기다리고, 마지막은 첫 번째가 가진 객체를 기다립니다. 이것이 교착 상태입니다.");
	svg_graph(&svg, m);
	mk_printf(f, "<table>\n<tr><th>tid</th><th>pid</th><th>syscall</th><th>%s</th><th>%s</th><th>%s</th><th>comm</th></tr>\n",
		  viz_tr(v, "kind", "종류"), viz_tr(v, "object", "객체"),
		  viz_tr(v, "holder", "보유자"));
	for (size_t i = 0; i < m->nw; i++) {
		const struct osedu_wait *w = &m->w[i];

		fputs(m->cycle[i] ? "<tr style=\"background:#ffe3e3\">" :
		      "<tr>", f);
		mk_printf(f, "<td>%d</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			  w->tid, w->pid, w->syscall, w->kind, w->object,
			  holder_text(v, w, h, sizeof(h)), w->comm);
	}
	fputs("</table>\n", f);
	for (int c = 1; c <= m->ncycles; c++)
		mk_printf(f, "<p><b>%s %d</b></p>\n",
			  viz_tr(v, "Deadlock", "교착 상태"), c);
	if (m->have_proc) {
		viz_heading(v, "Pipes", "파이프");
		svg_rings(&svg, &m->proc);
	}
	/* The rest as the text view says it, preformatted. */
	text.format = VIZ_TEXT;
	text.color = false;
	text.explain = false;
	fputs("<pre>\n", f);
	{
		char *buf = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&buf, &len);

		if (mem) {
			text.out = mem;
			if (m->have_sysv)
				text_sysv(&text, m);
			if (m->have_proc)
				text_proc(&text, &m->proc);
			fclose(mem);
			mk_text(f, buf ? buf : "");
			free(buf);
		}
	}
	fputs("</pre>\n", f);
	viz_html_end(v);
}

void ipc_render(const struct viz *v, const struct ipc_model *m)
{
	switch (v->format) {
	case VIZ_TEXT:
		text_render(v, m);
		break;
	case VIZ_SVG:
		svg_render(v, m);
		break;
	case VIZ_HTML:
		html_render(v, m);
		break;
	}
}
