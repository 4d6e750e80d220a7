// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: a socket pair is two kernel socket objects joined to each other;
 * bytes sent by one wait in the other's receive queue (kernel memory)
 * until read. Oracles: fstat (the inodes), SIOCINQ/SIOCOUTQ, SO_PEERCRED,
 * the fd links.
 */
#include <errno.h>
#include <linux/sockios.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <osedu/lab.h>

static const struct lab lab = {
	.name = "socketpair",
	.explain_en =
"Sockets: two kernel objects joined (lectures 23-25).\n"
"socketpair() makes two connected unix sockets. What one end sends is\n"
"queued in the kernel, on the other end's receive queue, until read.\n"
"\n"
"What to notice:\n"
"- Each end's block names the other's inode (peer_ino), the same number\n"
"  fstat() and the fd link show.\n"
"- After the child sends 1000 bytes: inq on the parent's end and outq on\n"
"  the child's end are what SIOCINQ and SIOCOUTQ say: bytes in flight.\n"
"- peercred_pid is the process SO_PEERCRED names.\n"
"- After the read, both queues are empty.\n",
	.explain_ko =
"소켓: 연결된 두 커널 객체 (23-25강).\n"
"socketpair() 는 서로 연결된 유닉스 소켓 두 개를 만듭니다. 한쪽이 보낸\n"
"바이트는 읽힐 때까지 커널 안, 상대편의 수신 큐에 있습니다.\n"
"\n"
"눈여겨볼 점:\n"
"- 각 끝의 블록은 상대편 inode(peer_ino)를 가리키며, fstat() 과 fd 링크가\n"
"  보여 주는 번호와 같습니다.\n"
"- 자식이 1000 바이트를 보내면 부모 쪽의 inq 와 자식 쪽의 outq 가\n"
"  SIOCINQ, SIOCOUTQ 와 같습니다: 전송 중인 바이트입니다.\n"
"- peercred_pid 는 SO_PEERCRED 가 알려 주는 프로세스입니다.\n"
"- 읽고 나면 두 큐가 모두 비어 있습니다.\n",
};

int main(int argc, char **argv)
{
	struct ucred cred;
	socklen_t cl = sizeof(cred);
	int sv[2], go[2], rep[2], inq = -1, outq = -1, child_outq = -1;
	char buf[1000], *pv, *cv, *pb, *cb;
	struct stat s0, s1;
	pid_t pid;

	lab_start(&lab, argc, argv);
	lab_need(IL_WAITS, IL_MODULE);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) || pipe(go) || pipe(rep))
		lab_die("socketpair: %s", strerror(errno));
	fstat(sv[0], &s0);
	fstat(sv[1], &s1);
	pid = fork();
	if (pid < 0)
		lab_die("fork: %s", strerror(errno));
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(sv[0]);
		memset(buf, 'x', sizeof(buf));
		if (write(sv[1], buf, sizeof(buf)) != sizeof(buf))
			_exit(1);
		ioctl(sv[1], SIOCOUTQ, &outq);
		if (write(rep[1], &outq, sizeof(outq)) != sizeof(outq))
			_exit(1);
		osedu_read_byte(go[0]);
		_exit(0);
	}
	close(sv[1]);
	if (read(rep[0], &child_outq, sizeof(child_outq)) != sizeof(child_outq))
		lab_die("the child did not report SIOCOUTQ");
	ioctl(sv[0], SIOCINQ, &inq);
	getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cred, &cl);

	pv = il_view(0);
	cv = il_view(pid);
	pb = il_fd_block(pv, sv[0]);
	cb = il_fd_block(cv, sv[1]);
	printf("parent %d holds fd %d (socket:[%lu]), child %d holds fd %d (socket:[%lu])\n",
	       getpid(), sv[0], (unsigned long)s0.st_ino, pid, sv[1],
	       (unsigned long)s1.st_ino);
	printf("  parent end: peer_ino %lld inq %lld outq %lld peercred_pid %lld\n",
	       osedu_kv_ll(pb, "peer_ino"), osedu_kv_ll(pb, "inq"),
	       osedu_kv_ll(pb, "outq"), osedu_kv_ll(pb, "peercred_pid"));
	printf("  child end:  peer_ino %lld inq %lld outq %lld\n",
	       osedu_kv_ll(cb, "peer_ino"), osedu_kv_ll(cb, "inq"),
	       osedu_kv_ll(cb, "outq"));
	lab_check(osedu_kv_ll(pb, "peer_ino") == (long long)s1.st_ino &&
		  osedu_kv_ll(cb, "peer_ino") == (long long)s0.st_ino,
		  "each end names the other's inode");
	lab_check(osedu_kv_ll(pb, "inq") == inq && inq == (int)sizeof(buf),
		  "1000 bytes wait in the parent's receive queue (SIOCINQ %d)",
		  inq);
	/* SIOCOUTQ of the child's end: the child asked it after sending. */
	outq = (int)osedu_kv_ll(cb, "outq");
	lab_check(outq > 0 && outq == child_outq,
		  "the child's end is charged %d bytes of kernel memory for them (its SIOCOUTQ: %d)",
		  outq, child_outq);
	lab_check(osedu_kv_ll(pb, "peercred_pid") == cred.pid,
		  "peercred_pid %lld = SO_PEERCRED pid %d",
		  osedu_kv_ll(pb, "peercred_pid"), cred.pid);
	free(pb);
	free(cb);
	free(pv);
	free(cv);
	if (read(sv[0], buf, sizeof(buf)) != sizeof(buf))
		lab_die("read: %s", strerror(errno));
	ioctl(sv[0], SIOCINQ, &inq);
	pv = il_view(0);
	pb = il_fd_block(pv, sv[0]);
	lab_check(osedu_kv_ll(pb, "inq") == 0 && inq == 0,
		  "read: the receive queue is empty again");
	free(pb);
	free(pv);
	osedu_write_byte(go[1]);
	osedu_reap(pid);
	return lab_finish("two joined sockets; the bytes in flight are in the kernel");
}
