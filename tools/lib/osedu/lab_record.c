// SPDX-License-Identifier: GPL-2.0
/*
 * A lab's record (lab.h): what a lab measured, in the osedu document form
 * (docs/proc-format.md, "Lab records"), for visualize and the report. The
 * lab writes it only when asked: OSEDU_LAB_RECORD names a directory, and
 * the record of lab NAME is DIR/NAME.rec (vm/guest/demo asks).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lab.h"

static char record_path[4096];

FILE *lab_record_open(const char *name)
{
	const char *dir = getenv("OSEDU_LAB_RECORD");
	FILE *f;

	if (!dir || !*dir)
		return NULL;
	snprintf(record_path, sizeof(record_path), "%s/%s.rec", dir, name);
	f = fopen(record_path, "w");
	if (!f)
		lab_die("record %s: %s", record_path, strerror(errno));
	fprintf(f, "osedu lab-%s %d\n", name, OSEDU_FORMAT_VERSION);
	return f;
}

void lab_record_close(FILE *f)
{
	if (!f)
		return;
	if (ferror(f) | fclose(f))
		lab_die("record %s: write error", record_path);
}
