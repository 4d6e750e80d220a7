// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: after fork() parent and child share one struct file, and with it
 * one file offset; two open() calls of the same file make two struct
 * files with two offsets, over one inode. Evidence: the fd records of
 * /proc/osedu/vfs/<pid> (file_id, file_refs, pos, inode_id); oracle:
 * lseek(fd, 0, SEEK_CUR) in each process, /proc/<pid>/fdinfo's pos, and
 * kcmp(KCMP_FILE), which asks the kernel whether two fds are one file.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kcmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <osedu/lab.h>
#include <osedu/vfs.h>

static const struct lab lab = {
	.name = "shared-offset",
	.explain_en =
"Why do a parent and its child share a file offset? (lectures 40-41)\n"
"open() builds a chain: the fd (a slot in the process's table) points\n"
"to a struct file (the open file: its offset and mode), which points to\n"
"the dentry (the name) and the inode (the file itself: size, blocks).\n"
"fork() copies the fd table, not the struct files: both processes'\n"
"fds point to the same struct file, so a read or lseek in one moves the\n"
"offset the other sees. Opening the file again makes a new struct file\n"
"with its own offset, over the same inode.\n"
"\n"
"What to notice:\n"
"- After fork, the fd's file_id is the same in both processes and\n"
"  file_refs is 2; kcmp(KCMP_FILE) says \"same file\".\n"
"- The child seeks; the parent's pos (lseek, fdinfo and the view)\n"
"  moves with it.\n"
"- A second open: another file_id, file_refs 1, pos 0, but the same\n"
"  inode_id and ino.\n",
	.explain_ko =
"부모와 자식은 왜 파일 오프셋을 공유할까요? (40-41강)\n"
"open() 은 사슬을 만듭니다: fd(프로세스 표의 한 칸)는 struct file(열린\n"
"파일: 오프셋과 모드)을 가리키고, struct file 은 dentry(이름)와\n"
"inode(파일 자체: 크기, 블록)를 가리킵니다. fork() 는 fd 표를 복사할 뿐\n"
"struct file 은 복사하지 않습니다: 두 프로세스의 fd 가 같은 struct file\n"
"을 가리키므로, 한쪽의 read 나 lseek 가 다른 쪽이 보는 오프셋을\n"
"움직입니다. 파일을 다시 열면 자기 오프셋을 가진 새 struct file 이\n"
"생기지만 inode 는 같습니다.\n"
"\n"
"눈여겨볼 점:\n"
"- fork 뒤 두 프로세스에서 fd 의 file_id 가 같고 file_refs 는 2 입니다.\n"
"  kcmp(KCMP_FILE) 도 \"같은 파일\"이라고 답합니다.\n"
"- 자식이 lseek 하면 부모의 pos(lseek, fdinfo, 뷰)도 함께 움직입니다.\n"
"- 두 번째 open: file_id 는 다르고 file_refs 1, pos 0 이지만 inode_id\n"
"  와 ino 는 같습니다.\n",
};

#define FILE_PATH	"/tmp/osedu-shared-offset"

/* The record of FD in PID's view, waiting for a young process's entry. */
static char *record(pid_t pid, int fd)
{
	char *text = lab_must_read_view(OSEDU_VFS_DIR, pid), *rec;

	rec = osedu_vfs_fd_record(text, fd);
	free(text);
	if (!rec)
		lab_die("fd %d is not in " OSEDU_VFS_DIR "/%d", fd, pid);
	return rec;
}

static void show(const char *who, const char *rec)
{
	char id[32] = "", ino[32] = "";

	osedu_kv(rec, "file_id", id, sizeof(id));
	osedu_kv(rec, "inode_id", ino, sizeof(ino));
	printf("  %-22s file_id %s  file_refs %lld  pos %lld  inode_id %s  ino %lld\n",
	       who, id, osedu_kv_ll(rec, "file_refs"), osedu_kv_ll(rec, "pos"),
	       ino, osedu_kv_ll(rec, "ino"));
}

static long long fdinfo_pos(pid_t pid, int fd)
{
	char path[64], buf[1024];

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", pid, fd);
	if (osedu_read_file(path, buf, sizeof(buf) - 1) <= 0)
		return -1;
	return osedu_kv_num(buf, "pos", -1);
}

int main(int argc, char **argv)
{
	char *pr, *cr, *r2, id_p[32], id_c[32], id_2[32], ino1[32], ino2[32];
	int fd, fd2, go[2], done[2];
	pid_t me = getpid(), child;

	lab_start(&lab, argc, argv);
	lab_need(OSEDU_VFS_DIR "/self", "osedu_vfs_dump");
	fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, "0123456789abcdef", 16) != 16 ||
	    lseek(fd, 0, SEEK_SET))
		lab_die("%s: %s", FILE_PATH, strerror(errno));
	if (pipe(go) || pipe(done))
		lab_die("pipe: %s", strerror(errno));
	child = fork();
	if (child < 0)
		lab_die("fork: %s", strerror(errno));
	if (child == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		osedu_read_byte(go[0]);
		lseek(fd, 10, SEEK_SET);
		osedu_write_byte(done[1]);
		pause();
		_exit(0);
	}

	printf("fork: parent %d and child %d both have fd %d\n", me, child, fd);
	pr = record(me, fd);
	cr = record(child, fd);
	show("parent", pr);
	show("child", cr);
	osedu_kv(pr, "file_id", id_p, sizeof(id_p));
	osedu_kv(cr, "file_id", id_c, sizeof(id_c));
	lab_check(!strcmp(id_p, id_c) && osedu_kv_ll(pr, "file_refs") == 2,
		  "one struct file, two references (file_id %s, file_refs %lld)",
		  id_p, osedu_kv_ll(pr, "file_refs"));
	lab_check(syscall(SYS_kcmp, me, child, KCMP_FILE, fd, fd) == 0,
		  "kcmp(KCMP_FILE) agrees: the same struct file");
	free(pr);
	free(cr);

	printf("the child: lseek(fd, 10, SEEK_SET)\n");
	osedu_write_byte(go[1]);
	osedu_read_byte(done[0]);
	pr = record(me, fd);
	show("parent, after", pr);
	lab_check(lseek(fd, 0, SEEK_CUR) == 10 && fdinfo_pos(me, fd) == 10 &&
		  osedu_kv_ll(pr, "pos") == 10,
		  "the parent's offset moved to 10 (lseek, fdinfo and the view)");

	fd2 = open(FILE_PATH, O_RDONLY);
	if (fd2 < 0)
		lab_die("%s: %s", FILE_PATH, strerror(errno));
	printf("the parent opens the file again: fd %d\n", fd2);
	r2 = record(me, fd2);
	show("parent, second open", r2);
	osedu_kv(r2, "file_id", id_2, sizeof(id_2));
	osedu_kv(pr, "inode_id", ino1, sizeof(ino1));
	osedu_kv(r2, "inode_id", ino2, sizeof(ino2));
	lab_check(strcmp(id_p, id_2) && osedu_kv_ll(r2, "file_refs") == 1 &&
		  osedu_kv_ll(r2, "pos") == 0,
		  "a second open is a second struct file, with its own offset 0");
	lab_check(!strcmp(ino1, ino2) &&
		  osedu_kv_ll(pr, "ino") == osedu_kv_ll(r2, "ino"),
		  "... over the same inode (inode_id %s)", ino1);
	lab_check(syscall(SYS_kcmp, me, me, KCMP_FILE, fd, fd2) != 0,
		  "kcmp(KCMP_FILE) agrees: two struct files");
	free(pr);
	free(r2);
	kill(child, SIGKILL);
	osedu_reap(child);
	close(fd);
	close(fd2);
	unlink(FILE_PATH);
	return lab_finish("fork shares one struct file and its offset; two opens do not");
}
