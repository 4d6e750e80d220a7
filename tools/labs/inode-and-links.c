// SPDX-License-Identifier: GPL-2.0
/*
 * Lab: a name is not a file. A hard link is a second name for the same
 * inode (nlink 2); a symbolic link is a new inode that holds a path; rm
 * removes a name, and the file lives on while it is open (nlink 0).
 * Evidence: the fd records of /proc/osedu/vfs/self (ino, inode_id,
 * nlink, type, size, dentry, path); oracle: stat(2), lstat(2),
 * fstat(2) and readlink(2).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <osedu/lab.h>
#include <osedu/vfs.h>

static const struct lab lab = {
	.name = "inode-and-links",
	.explain_en =
"A file is an inode; a name is a directory entry that points to one\n"
"(lectures 40-41). The inode holds what the file is (type, size,\n"
"owner, its blocks) and counts the names that point to it (nlink).\n"
"A hard link adds a name for the same inode. A symbolic link is a new,\n"
"small inode whose content is a path. rm (unlink) removes a name and\n"
"decrements nlink; the inode and its data go only when nlink is 0 and\n"
"no process has the file open.\n"
"\n"
"What to notice:\n"
"- Through the hard link: the same ino and inode_id, nlink 2 (stat\n"
"  agrees); the dentry (the name) differs.\n"
"- The symbolic link (opened with O_PATH|O_NOFOLLOW) is another inode\n"
"  of type symlink whose size is the length of the path it holds.\n"
"- After rm of both names the open fd still reads the file: nlink 0,\n"
"  path ends in \"(deleted)\".\n",
	.explain_ko =
"파일은 inode 이고, 이름은 inode 를 가리키는 디렉터리 항목입니다\n"
"(40-41강). inode 는 파일의 정체(종류, 크기, 소유자, 블록)를 담고,\n"
"자신을 가리키는 이름의 수(nlink)를 셉니다. 하드 링크는 같은 inode 에\n"
"이름을 하나 더 붙입니다. 심볼릭 링크는 경로를 내용으로 가진 새 작은\n"
"inode 입니다. rm(unlink)은 이름을 지우고 nlink 를 줄입니다. inode 와\n"
"데이터는 nlink 가 0 이 되고 어느 프로세스도 파일을 열고 있지 않을 때\n"
"비로소 사라집니다.\n"
"\n"
"눈여겨볼 점:\n"
"- 하드 링크로 열어도 ino 와 inode_id 가 같고 nlink 는 2 입니다(stat 도\n"
"  같음). dentry(이름)만 다릅니다.\n"
"- 심볼릭 링크(O_PATH|O_NOFOLLOW 로 연 것)는 종류가 symlink 인 다른\n"
"  inode 이고, 크기는 담고 있는 경로의 길이입니다.\n"
"- 두 이름을 모두 rm 해도 열린 fd 로는 파일을 읽을 수 있습니다: nlink 0,\n"
"  path 끝에 \"(deleted)\".\n",
};

#define DIR_PATH	"/tmp/osedu-links"
#define TARGET		"data"

static char *record(int fd)
{
	char *text = lab_must_read(OSEDU_VFS_DIR "/self");
	char *rec = osedu_vfs_fd_record(text, fd);

	free(text);
	if (!rec)
		lab_die("fd %d is not in the view", fd);
	return rec;
}

static void show(const char *who, const char *rec)
{
	char dentry[64] = "", type[16] = "", id[32] = "";

	osedu_kv(rec, "dentry", dentry, sizeof(dentry));
	osedu_kv(rec, "type", type, sizeof(type));
	osedu_kv(rec, "inode_id", id, sizeof(id));
	printf("  %-14s dentry %-8s ino %-6lld inode_id %s type %-8s nlink %lld size %lld\n",
	       who, dentry, osedu_kv_ll(rec, "ino"), id, type,
	       osedu_kv_ll(rec, "nlink"), osedu_kv_ll(rec, "size"));
}

int main(int argc, char **argv)
{
	char *ra, *rh, *rs, id_a[32], id_h[32], type[16], path[256];
	int fa, fh, fs;
	struct stat sa, sh, ss;
	char buf[8];

	lab_start(&lab, argc, argv);
	lab_need(OSEDU_VFS_DIR "/self", "osedu_vfs_dump");
	mkdir(DIR_PATH, 0755);
	if (chdir(DIR_PATH))
		lab_die("%s: %s", DIR_PATH, strerror(errno));
	unlink(TARGET);
	unlink("hard");
	unlink("soft");
	fa = open(TARGET, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fa < 0 || write(fa, "hello\n", 6) != 6)
		lab_die("%s: %s", TARGET, strerror(errno));
	if (link(TARGET, "hard") || symlink(TARGET, "soft"))
		lab_die("link: %s", strerror(errno));
	printf("in %s: data, a hard link 'hard' and a symbolic link 'soft'\n",
	       DIR_PATH);
	fh = open("hard", O_RDONLY);
	fs = open("soft", O_PATH | O_NOFOLLOW);
	if (fh < 0 || fs < 0)
		lab_die("open: %s", strerror(errno));
	ra = record(fa);
	rh = record(fh);
	rs = record(fs);
	show("data", ra);
	show("hard", rh);
	show("soft", rs);
	if (stat(TARGET, &sa) || stat("hard", &sh) || lstat("soft", &ss))
		lab_die("stat: %s", strerror(errno));

	osedu_kv(ra, "inode_id", id_a, sizeof(id_a));
	osedu_kv(rh, "inode_id", id_h, sizeof(id_h));
	lab_check(!strcmp(id_a, id_h) &&
		  osedu_kv_ll(rh, "ino") == (long long)sh.st_ino &&
		  sa.st_ino == sh.st_ino,
		  "the hard link is the same inode (ino %lld; stat agrees)",
		  (long long)sa.st_ino);
	lab_check(osedu_kv_ll(ra, "nlink") == 2 && sa.st_nlink == 2,
		  "that inode has two names: nlink 2 (stat: %ld)",
		  (long)sa.st_nlink);
	osedu_kv(rs, "type", type, sizeof(type));
	lab_check(!strcmp(type, "symlink") &&
		  osedu_kv_ll(rs, "ino") == (long long)ss.st_ino &&
		  ss.st_ino != sa.st_ino,
		  "the symbolic link is another inode (%lld), of type %s",
		  (long long)ss.st_ino, type);
	lab_check(osedu_kv_ll(rs, "size") == (long long)strlen(TARGET) &&
		  readlink("soft", path, sizeof(path)) == (ssize_t)strlen(TARGET),
		  "it holds the path \"%s\": size %lld (readlink agrees)",
		  TARGET, osedu_kv_ll(rs, "size"));
	free(ra);
	free(rh);
	free(rs);

	printf("rm data hard soft, with data still open as fd %d\n", fa);
	if (unlink(TARGET) || unlink("hard") || unlink("soft"))
		lab_die("unlink: %s", strerror(errno));
	ra = record(fa);
	show("data (open)", ra);
	osedu_kv(ra, "path", path, sizeof(path));
	lab_check(osedu_kv_ll(ra, "nlink") == 0 && !fstat(fa, &sa) &&
		  sa.st_nlink == 0 && strstr(path, "(deleted)"),
		  "no name is left: nlink 0 (fstat agrees), path %s", path);
	lab_check(pread(fa, buf, 6, 0) == 6 && !memcmp(buf, "hello\n", 6),
		  "the file lives on while open: its data still reads \"hello\"");
	free(ra);
	close(fa);
	close(fh);
	close(fs);
	if (chdir("/") == 0)
		rmdir(DIR_PATH);
	return lab_finish("a hard link is one inode with two names, a symbolic link a new inode; rm drops a name");
}
