// SPDX-License-Identifier: GPL-2.0
/*
 * A swap device on request (swap.h): zram, formatted here (the swap
 * header is one page: a version-1 header 1 KiB in, the "SWAPSPACE2"
 * signature in the page's last ten bytes, as mkswap writes it), then
 * swapon(2). Runs as root.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/swap.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "osedu.h"
#include "swap.h"

#define ZRAM_DEV	"/dev/zram0"
#define ZRAM_SYS	"/sys/block/zram0"

static int swap_made;

/* The first device of /proc/swaps, if any; 1 when found, else 0. */
static int swap_first(char *dev, size_t len)
{
	char *buf = osedu_read_all("/proc/swaps", 1 << 20, NULL);
	const char *line;
	int found = 0;

	if (!buf)
		return 0;
	/* A header line, then one line per device: its path first. */
	line = strchr(buf, '\n');
	if (line && line[1]) {
		size_t n = strcspn(line + 1, " \t\n");

		if (n && n < len) {
			memcpy(dev, line + 1, n);
			dev[n] = '\0';
			found = 1;
		}
	}
	free(buf);
	return found;
}

/* Load the modules swap/order names, in that order; 0 or -errno. */
static int load_zram(void)
{
	char *order = osedu_read_all(OSEDU_MODDIR "/swap/order", 4096, NULL);
	char *name, *save = NULL;
	int ret = 0;

	if (!order)
		return access(ZRAM_SYS, F_OK) ? -ENODEV : 0;
	for (name = strtok_r(order, "\n", &save); name && !ret;
	     name = strtok_r(NULL, "\n", &save)) {
		char path[256];
		int fd;

		snprintf(path, sizeof(path), OSEDU_MODDIR "/swap/%.64s.ko",
			 name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			ret = -errno;
			break;
		}
		if (syscall(SYS_finit_module, fd, "", 0) && errno != EEXIST)
			ret = -errno;
		close(fd);
	}
	free(order);
	return ret;
}

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	close(fd);
	return n < 0 ? -errno : 0;
}

/* What mkswap writes: the version-1 header and the signature. */
static int format_swap(const char *dev, unsigned long long bytes)
{
	long page = sysconf(_SC_PAGESIZE);
	unsigned char *hdr = calloc(1, page);
	uint32_t info[3];
	int fd, ret = 0;

	if (!hdr)
		return -ENOMEM;
	info[0] = 1;				/* version */
	info[1] = bytes / page - 1;		/* last_page */
	info[2] = 0;				/* nr_badpages */
	memcpy(hdr + 1024, info, sizeof(info));
	/* sws_uuid: any 16 bytes; the kernel does not read them. */
	for (int i = 0; i < 16; i++)
		hdr[1024 + sizeof(info) + i] = (unsigned char)(0x5a + i);
	memcpy(hdr + page - 10, "SWAPSPACE2", 10);
	fd = open(dev, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
	} else {
		if (pwrite(fd, hdr, page, 0) != page || fsync(fd))
			ret = -EIO;
		close(fd);
	}
	free(hdr);
	return ret;
}

int osedu_swap_on(unsigned int mib, char *dev, size_t len)
{
	char size[32];
	int ret;

	if (swap_first(dev, len))
		return 0;
	ret = load_zram();
	if (ret)
		return ret;
	for (int i = 0; i < 100 && access(ZRAM_SYS "/disksize", W_OK); i++)
		usleep(10000);
	/* A device left sized by an earlier run is reset first. */
	write_str(ZRAM_SYS "/reset", "1");
	snprintf(size, sizeof(size), "%llu", (unsigned long long)mib << 20);
	ret = write_str(ZRAM_SYS "/disksize", size);
	if (ret)
		return ret;
	for (int i = 0; i < 100 && access(ZRAM_DEV, W_OK); i++)
		usleep(10000);
	ret = format_swap(ZRAM_DEV, (unsigned long long)mib << 20);
	if (ret)
		return ret;
	if (swapon(ZRAM_DEV, 0))
		return -errno;
	swap_made = 1;
	snprintf(dev, len, "%s", ZRAM_DEV);
	return 0;
}

int osedu_swap_off(void)
{
	if (!swap_made)
		return 0;
	if (swapoff(ZRAM_DEV))
		return -errno;
	swap_made = 0;
	return write_str(ZRAM_SYS "/reset", "1");
}

long osedu_swap_used_kb(void)
{
	char *buf = osedu_read_all("/proc/meminfo", 1 << 20, NULL);
	long long total, avail;

	if (!buf)
		return -1;
	total = osedu_kv_ll(buf, "SwapTotal");
	avail = osedu_kv_ll(buf, "SwapFree");
	free(buf);
	return total < 0 || avail < 0 ? -1 : (long)(total - avail);
}
