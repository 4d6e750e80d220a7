// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: message queues keep messages in kernel memory, in order. A SysV
 * queue in an IPC namespace of its own: the namespace's totals (bytes and
 * messages queued) against /proc/sysvipc/msg; messages come back in the
 * order sent; a receiver on an empty queue sleeps, listed in ipc/waits on
 * that queue; a POSIX queue's receiver likewise. Oracles: /proc/sysvipc/msg
 * (cbytes, qnum), msgrcv's results, /proc/<pid>/task/<tid>/syscall.
 */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <osedu/lab.h>

static const struct lab lab = {
	.name = "message-queue",
	.explain_en =
"Message queues keep messages in kernel memory (lectures 23-25).\n"
"msgsnd() copies a message into the kernel, msgrcv() copies it out; until\n"
"then it occupies kernel memory, counted per IPC namespace.\n"
"\n"
"What to notice:\n"
"- After three messages, /proc/osedu/ipc/sysv counts them (msg_queued)\n"
"  and their bytes (msg_bytes), as /proc/sysvipc/msg does (qnum, cbytes).\n"
"- They come back in the order they were sent (FIFO).\n"
"- A receiver on the empty queue sleeps in msgrcv: ipc/waits lists it on\n"
"  that queue (msg:<id>). The same for a POSIX queue (mq_timedreceive).\n",
	.explain_ko =
"메시지 큐는 메시지를 커널 메모리에 둡니다 (23-25강).\n"
"msgsnd() 는 메시지를 커널로 복사하고 msgrcv() 는 꺼내 옵니다. 그때까지\n"
"메시지는 IPC 네임스페이스별로 계산되는 커널 메모리를 차지합니다.\n"
"\n"
"눈여겨볼 점:\n"
"- 메시지 세 개를 보내면 /proc/osedu/ipc/sysv 가 그 수(msg_queued)와\n"
"  바이트(msg_bytes)를 세며, /proc/sysvipc/msg (qnum, cbytes)와 같습니다.\n"
"- 보낸 순서대로 돌아옵니다 (FIFO).\n"
"- 빈 큐에서 받는 쪽은 msgrcv 에서 잠듭니다: ipc/waits 에 그 큐(msg:<id>)\n"
"  에서 기다리는 것으로 나옵니다. POSIX 큐(mq_timedreceive)도 같습니다.\n",
};

struct msg {
	long type;
	char text[64];
};

/* cbytes and qnum of /proc/sysvipc/msg for ID. */
static void sysvipc_msg(int id, long long *cbytes, long long *qnum)
{
	char *text = lab_must_read("/proc/sysvipc/msg");
	const char *p;

	*cbytes = *qnum = -1;
	osedu_for_each_line(p, text) {
		char line[512];
		int i;

		snprintf(line, sizeof(line), "%.*s", (int)strcspn(p, "\n"), p);
		/* key msqid perms cbytes qnum ... */
		if (sscanf(line, "%*d %d %*o %lld %lld", &i, cbytes, qnum) == 3 &&
		    i == id)
			break;
		*cbytes = *qnum = -1;
	}
	free(text);
}

int main(int argc, char **argv)
{
	static const char *const words[] = { "first", "second", "third" };
	struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 64 };
	long long cbytes, qnum, bytes = 0;
	struct osedu_wait row = { 0 };
	char *sysv, want[64], name[64];
	struct msg m;
	bool fifo = true;
	pid_t pid;
	mqd_t q;
	int id;

	lab_start(&lab, argc, argv);
	lab_need(IL_WAITS, IL_MODULE);
	if (unshare(CLONE_NEWIPC))
		lab_die("unshare(CLONE_NEWIPC): %s (run as root)", strerror(errno));
	id = msgget(IPC_PRIVATE, 0600);
	if (id < 0)
		lab_die("msgget: %s", strerror(errno));
	for (int i = 0; i < 3; i++) {
		m.type = 1;
		snprintf(m.text, sizeof(m.text), "%s", words[i]);
		if (msgsnd(id, &m, strlen(m.text) + 1, 0))
			lab_die("msgsnd: %s", strerror(errno));
		bytes += strlen(m.text) + 1;
	}
	sysv = lab_must_read(OSEDU_ROOT "/ipc/sysv");
	sysvipc_msg(id, &cbytes, &qnum);
	printf("queue %d in a new IPC namespace: 3 messages sent, %lld bytes\n",
	       id, bytes);
	printf("  ipc/sysv: msg_queued %lld msg_bytes %lld; /proc/sysvipc/msg: qnum %lld cbytes %lld\n",
	       osedu_kv_ll(sysv, "msg_queued"), osedu_kv_ll(sysv, "msg_bytes"),
	       qnum, cbytes);
	lab_check(osedu_kv_ll(sysv, "msg_queued") == 3 && qnum == 3 &&
		  osedu_kv_ll(sysv, "msg_bytes") == bytes && cbytes == bytes,
		  "the kernel holds 3 messages, %lld bytes", bytes);
	free(sysv);
	for (int i = 0; i < 3; i++) {
		if (msgrcv(id, &m, sizeof(m.text), 0, 0) < 0)
			lab_die("msgrcv: %s", strerror(errno));
		printf("  received: %s\n", m.text);
		fifo &= !strcmp(m.text, words[i]);
	}
	lab_check(fifo, "they came back in the order sent (FIFO)");

	pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		msgrcv(id, &m, sizeof(m.text), 0, 0);
		_exit(0);
	}
	il_wait_syscall(pid, pid, SYS_msgrcv);
	il_wait_row(pid, &row);
	snprintf(want, sizeof(want), "msg:%d", id);
	printf("  receiver %d on the empty queue: %s on %s\n", pid, row.syscall,
	       row.object);
	lab_check(!strcmp(row.object, want),
		  "the receiver sleeps in msgrcv on %s", want);
	m.type = 1;
	snprintf(m.text, sizeof(m.text), "wake");
	msgsnd(id, &m, 5, 0);
	lab_check(osedu_reap(pid) == 0, "a message woke it");
	msgctl(id, IPC_RMID, NULL);

	snprintf(name, sizeof(name), "/osedu-lab-%d", getpid());
	q = mq_open(name, O_CREAT | O_RDWR, 0600, &attr);
	if (q == (mqd_t)-1)
		lab_die("mq_open: %s", strerror(errno));
	pid = fork();
	if (pid == 0) {
		char b[64];

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		mq_receive(q, b, sizeof(b), NULL);
		_exit(0);
	}
	il_wait_syscall(pid, pid, SYS_mq_timedreceive);
	il_wait_row(pid, &row);
	printf("  POSIX queue %s: receiver %d in %s, kind %s\n", name, pid,
	       row.syscall, row.kind);
	lab_check(!strcmp(row.kind, "mqueue"),
		  "a POSIX queue's receiver sleeps on the queue too");
	mq_send(q, "wake", 5, 0);
	osedu_reap(pid);
	mq_close(q);
	mq_unlink(name);
	return lab_finish("messages kept in kernel memory, FIFO; receivers sleep on the queue");
}
