// SPDX-License-Identifier: GPL-2.0
/*
 * visualize ipc PID: who else attaches each SysV segment PID has. The
 * kernel counts attachments (nattch, /proc/sysvipc/shm) but names nobody,
 * and modules cannot walk the reverse map that would; so every ipc/<pid>
 * under the root is read (libosedu's osedu_shm_maps()) and the "shm:"
 * blocks with the same shmid in the same IPC namespace are joined. The
 * kernel's count is read beside /proc/osedu: /proc/sysvipc/shm, or in a
 * recorded copy (--root DIR) DIR/proc/sysvipc/shm. It is only comparable
 * when PID's IPC namespace is the reader's (ipc/sysv's ns_ipc).
 */
#include <stdlib.h>
#include <string.h>

#include "ipc.h"

static char *kernel_shm(const struct viz *v)
{
	char path[4096];

	if (!strcmp(v->root, OSEDU_ROOT))
		snprintf(path, sizeof(path), "/proc/sysvipc/shm");
	else
		snprintf(path, sizeof(path), "%s/proc/sysvipc/shm", v->root);
	return osedu_read_all(path, OSEDU_DOC_MAX, NULL);
}

static void join_one(struct ipc_fd *fp, const struct ipc_proc *p,
		     const struct osedu_shm_map *maps, size_t n,
		     const struct osedu_sysvipc_shm *k, size_t nk,
		     bool same_ns)
{
	size_t len = 0;

	fp->attaches = 0;
	fp->sharers[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		bool seen = false;

		if (maps[i].shmid != fp->shmid || maps[i].ns_ipc != p->ns_ipc)
			continue;
		fp->attaches++;
		for (size_t j = 0; j < i; j++)
			seen |= maps[j].pid == maps[i].pid &&
				maps[j].shmid == fp->shmid &&
				maps[j].ns_ipc == p->ns_ipc;
		if (seen || len + 1 >= sizeof(fp->sharers))
			continue;
		len += snprintf(fp->sharers + len, sizeof(fp->sharers) - len,
				"%s%d (%s)", len ? ", " : "", maps[i].pid,
				maps[i].comm);
		if (len >= sizeof(fp->sharers))
			len = sizeof(fp->sharers) - 1;
	}
	fp->nattch = -1;
	for (size_t i = 0; same_ns && i < nk; i++)
		if (k[i].shmid == fp->shmid)
			fp->nattch = k[i].nattch;
}

void ipc_join_shm(const struct viz *v, struct ipc_model *m)
{
	struct osedu_sysvipc_shm *k = NULL;
	struct osedu_shm_map *maps = NULL;
	size_t n = 0, nk = 0, unread = 0;
	struct ipc_proc *p = &m->proc;
	bool any = false;
	char *text;

	for (size_t i = 0; i < p->nfds; i++)
		any |= !strcmp(p->fds[i].kind, "sysv_shm") &&
		       p->fds[i].shmid >= 0;
	if (!any)
		return;
	if (osedu_shm_maps(v->root, &maps, &n, &unread)) {
		maps = NULL;
		n = 0;
	}
	text = kernel_shm(v);
	if (!text || osedu_sysvipc_shm_parse(text, &k, &nk) < 0) {
		k = NULL;
		nk = 0;
	}
	free(text);
	for (size_t i = 0; i < p->nfds; i++)
		if (!strcmp(p->fds[i].kind, "sysv_shm") && p->fds[i].shmid >= 0)
			join_one(&p->fds[i], p, maps, n, k, nk,
				 m->have_sysv && p->ns_ipc &&
				 p->ns_ipc == m->sysv_ns);
	p->shm_unread = unread;
	free(maps);
	free(k);
}
