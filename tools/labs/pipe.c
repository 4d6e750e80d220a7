// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: a pipe is a ring of slots in kernel memory. Fill it until the
 * writer blocks; the ring is full (head - tail = ring size, bytes =
 * F_GETPIPE_SZ), the writer's tid is on the pipe's wait queue and its
 * ipc/waits row names the pipe; one read frees a slot and wakes it.
 * Oracles: FIONREAD, F_GETPIPE_SZ, the fd link, /proc/<pid>/task/<tid>/
 * syscall, write(2)'s return value.
 *
 *   pipe [--hold]   --hold: fill the pipe, leave the writer asleep on it,
 *                   keep SIGUSR1 blocked and pending in the main thread,
 *                   print "ready PID" and wait to be killed (the demo's
 *                   IPC figure: where the bytes are, who sleeps on them,
 *                   which signal is pending)
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <osedu/lab.h>

static const struct lab lab = {
	.name = "pipe",
	.explain_en =
"A pipe keeps its bytes in kernel memory (lectures 23-25).\n"
"The kernel holds a pipe's data in a ring of slots (one page each): the\n"
"writer fills the slot at head, the reader empties the one at tail. A\n"
"writer that finds every slot full sleeps until a reader frees one.\n"
"\n"
"What to notice:\n"
"- After 64 KiB, head - tail equals the ring size (16 slots) and 'bytes'\n"
"  equals F_GETPIPE_SZ and FIONREAD: the pipe is full.\n"
"- The writer's tid is in write_waiters, and /proc/osedu/ipc/waits shows\n"
"  it in write(2) on this very pipe (pipe:[inode], as the fd link says).\n"
"- One read of 4 KiB frees a slot: the writer wakes and finishes.\n",
	.explain_ko =
"파이프는 바이트를 커널 메모리에 둡니다 (23-25강).\n"
"커널은 파이프 데이터를 슬롯(각 한 페이지)의 링에 둡니다. 쓰는 쪽은 head\n"
"슬롯을 채우고 읽는 쪽은 tail 슬롯을 비웁니다. 슬롯이 모두 차 있으면 쓰는\n"
"쪽은 읽는 쪽이 슬롯을 비울 때까지 잠듭니다.\n"
"\n"
"눈여겨볼 점:\n"
"- 64 KiB를 쓰면 head - tail 이 링 크기(16 슬롯)와 같고, 'bytes'가\n"
"  F_GETPIPE_SZ, FIONREAD 와 같습니다: 파이프가 가득 찼습니다.\n"
"- 쓰는 스레드의 tid가 write_waiters 에 있고, /proc/osedu/ipc/waits 에는\n"
"  바로 이 파이프(pipe:[inode], fd 링크와 같음)에서 write(2) 중으로 나옵니다.\n"
"- 4 KiB를 한 번 읽으면 슬롯이 하나 비고, 쓰는 쪽이 깨어나 끝납니다.\n",
};

struct writer {
	int fd;
	size_t len;
	volatile pid_t tid;
	ssize_t ret;
};

static void *writer(void *arg)
{
	struct writer *w = arg;
	char *buf = calloc(1, w->len);

	w->tid = il_gettid();
	w->ret = buf ? write(w->fd, buf, w->len) : -1;
	free(buf);
	return NULL;
}

int main(int argc, char **argv)
{
	struct writer w = { 0 };
	char link[64], obj[128], ww[64], want[32], buf[4096];
	struct osedu_wait row = { 0 };
	int p[2], cap, queued = -1;
	char *view, *b;
	pthread_t t;

	int arg = lab_start(&lab, argc, argv);
	bool hold = arg < argc && !strcmp(argv[arg], "--hold");

	lab_need(IL_WAITS, IL_MODULE);
	if (pipe(p))
		lab_die("pipe: %s", strerror(errno));
	cap = fcntl(p[0], F_GETPIPE_SZ);
	w.fd = p[1];
	w.len = cap + sizeof(buf);
	printf("pipe of %d bytes (F_GETPIPE_SZ); a thread writes %zu bytes\n",
	       cap, w.len);
	if (pthread_create(&t, NULL, writer, &w))
		lab_die("pthread_create failed");
	while (!w.tid)
		usleep(1000);
	il_wait_syscall(getpid(), w.tid, SYS_write);
	if (hold) {
		sigset_t usr1;

		/* A blocked signal stays pending in this thread's PCB. */
		sigemptyset(&usr1);
		sigaddset(&usr1, SIGUSR1);
		pthread_sigmask(SIG_BLOCK, &usr1, NULL);
		raise(SIGUSR1);
		printf("ready %d\n", (int)getpid());
		fflush(stdout);
		for (;;)
			pause();
	}
	ioctl(p[0], FIONREAD, &queued);

	view = il_view(0);
	b = il_fd_block(view, p[0]);
	printf("  ring: head %lld tail %lld ring_size %lld slots_used %lld bytes %lld\n",
	       osedu_kv_ll(b, "head"), osedu_kv_ll(b, "tail"),
	       osedu_kv_ll(b, "ring_size"), osedu_kv_ll(b, "slots_used"),
	       osedu_kv_ll(b, "bytes"));
	lab_check(osedu_kv_ll(b, "bytes") == queued && queued == cap,
		  "full: %lld bytes queued = FIONREAD %d = F_GETPIPE_SZ %d",
		  osedu_kv_ll(b, "bytes"), queued, cap);
	lab_check(osedu_kv_ll(b, "head") - osedu_kv_ll(b, "tail") ==
		  osedu_kv_ll(b, "ring_size"),
		  "head - tail = ring size: every slot is used");
	snprintf(want, sizeof(want), "%d", w.tid);
	osedu_kv(b, "write_waiters", ww, sizeof(ww));
	lab_check(!strcmp(ww, want), "the writer %d sleeps on the pipe (write_waiters: %s)",
		  w.tid, ww);
	free(b);
	free(view);

	snprintf(link, sizeof(link), "?");
	{
		char path[64];
		ssize_t n;

		snprintf(path, sizeof(path), "/proc/self/fd/%d", p[1]);
		n = readlink(path, link, sizeof(link) - 1);
		if (n > 0)
			link[n] = '\0';
	}
	obj[0] = '\0';
	if (il_wait_row(w.tid, &row))
		snprintf(obj, sizeof(obj), "%s", row.object);
	printf("  ipc/waits: %d in %s on %s\n", w.tid, row.syscall, obj);
	lab_check(!strcmp(obj, link) && !strcmp(row.syscall, "write"),
		  "ipc/waits: the writer is in write(2) on %s (fd link: %s)",
		  obj, link);

	if (read(p[0], buf, sizeof(buf)) != sizeof(buf))
		lab_die("read: %s", strerror(errno));
	pthread_join(t, NULL);
	ioctl(p[0], FIONREAD, &queued);
	lab_check(w.ret == (ssize_t)w.len && queued == cap,
		  "one read of %zu bytes woke it: write returned %zd, the pipe is full again (%d)",
		  sizeof(buf), w.ret, queued);
	return lab_finish("a full ring of 16 slots; the writer slept on it until a read");
}
