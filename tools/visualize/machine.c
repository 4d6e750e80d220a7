// SPDX-License-Identifier: GPL-2.0
/*
 * Which architecture a /proc/osedu (or a recorded copy) belongs to, so
 * that a view of one architecture's structure (idt, vectors) can say why
 * it has nothing to show on the other and name the view that has.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include "viz.h"

bool viz_exists(const char *path)
{
	struct stat st;

	return !stat(path, &st);
}

static enum viz_machine machine_named(const char *m)
{
	if (!strcmp(m, "x86_64"))
		return VIZ_MACHINE_X86;
	if (!strcmp(m, "aarch64") || !strcmp(m, "arm64"))
		return VIZ_MACHINE_ARM64;
	return VIZ_MACHINE_UNKNOWN;
}

enum viz_machine viz_machine(const struct viz *v)
{
	char path[4096], m[32];
	struct utsname u;
	char *text;

	snprintf(path, sizeof(path), "%s/version", v->root);
	text = osedu_read_all(path, 1 << 16, NULL);
	if (text && osedu_is_header(text, "version") &&
	    osedu_kv(text, "machine", m, sizeof(m))) {
		free(text);
		return machine_named(m);
	}
	free(text);
	snprintf(path, sizeof(path), "%s/idt", v->root);
	if (viz_exists(path))
		return VIZ_MACHINE_X86;
	snprintf(path, sizeof(path), "%s/vectors", v->root);
	if (viz_exists(path))
		return VIZ_MACHINE_ARM64;
	if (!strcmp(v->root, OSEDU_ROOT) && !uname(&u))
		return machine_named(u.machine);
	return VIZ_MACHINE_UNKNOWN;
}
