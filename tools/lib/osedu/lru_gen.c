// SPDX-License-Identifier: GPL-2.0
/*
 * The multi-generational LRU switched on or off for the length of one
 * program (osedu.h): /sys/kernel/mm/lru_gen/enabled, whose value as the
 * program found it is written back at exit, however the program ends
 * through exit() (lab_die() does). Root only.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "osedu.h"

static char lru_gen_was[32];

static void lru_gen_restore(void)
{
	/* The exact capability bits read at first use ("0x0003\n"). */
	if (lru_gen_was[0])
		osedu_write_file(OSEDU_LRU_GEN_ENABLED, lru_gen_was);
}

int osedu_lru_gen_use(bool on)
{
	char now[sizeof(lru_gen_was)] = "";
	int ret;

	if (osedu_read_file(OSEDU_LRU_GEN_ENABLED, now, sizeof(now) - 1) <= 0)
		return 0;
	if (!lru_gen_was[0]) {
		memcpy(lru_gen_was, now, sizeof(now));
		atexit(lru_gen_restore);
	}
	ret = osedu_write_file(OSEDU_LRU_GEN_ENABLED, on ? "y" : "n");
	return ret ? ret : 1;
}
