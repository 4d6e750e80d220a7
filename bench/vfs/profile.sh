#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Where a block map's time goes, by ftrace's function_graph: run in the
# VM as root, after bench/vfs' disks are mounted (vm/run -d), e.g.
#   vm/run -d -a bench/vfs/profile.sh -- /mnt/extra/profile.sh
# For each file, REPS requests; for each, the last show's parts (the
# one that printed the answer; seq_file calls it again while the answer
# cannot fit its buffer): header (path, inode, superblock lines), the map
# read from the on-disk structures, the on-disk structures printed, the
# show in all, how many times it was called, and the request (write:
# the path lookup). Microseconds, traced (tracing adds to each).
T=/sys/kernel/tracing
REPS=${REPS:-5}
[ -d $T/events ] || mount -t tracefs none $T || exit 1
cd $T || exit 1
echo 0 >tracing_on
echo nop >current_tracer
: >set_ftrace_filter
for f in bm_request bm_show vd_show_path vd_show_inode vd_show_sb \
	vd_ext_map vd_ext_show vd_fat_map vd_fat_show seq_read_iter; do
	echo "$f" >>set_ftrace_filter 2>/dev/null
done
echo function_graph >current_tracer
for file in "${@:-}" /mnt/disks/ext4/small /mnt/disks/bench-ext4/frag16m \
	/mnt/disks/bench-ext4/frag /mnt/disks/bench-ext2/frag; do
	[ -n "$file" ] && [ -e "$file" ] || continue
	r=0
	while [ $r -lt "$REPS" ]; do
		: >trace
		echo 1 >tracing_on
		exec 3<>/proc/osedu/vfs/blockmap
		echo "$file" >&3
		cat <&3 >/dev/null
		exec 3>&-
		echo 0 >tracing_on
		awk -v f="$file" '
		function us(s) { sub(/ us.*/, "", s); gsub(/[^0-9.]/, "", s); return s + 0 }
		/bm_request/ && / us / { req = us($0) }
		/bm_show.*\{/ { calls++; hdr = 0; map = 0; disk = 0; inshow = 1; next }
		inshow && /vd_show_(path|inode|sb)/ { hdr += us($0) }
		inshow && /vd_(ext|fat)_map/ { map = us($0) }
		inshow && /vd_(ext|fat)_show/ { disk = us($0) }
		inshow && /^ *[0-9]+\) .* us +\|    \}/ { show = us($0); inshow = 0;
			lh = hdr; ld = disk; if (map) lm = map }
		END { printf "%s: request %.0f header %.0f map %.0f ondisk %.0f show %.0f calls %d\n", f, req, lh, lm, ld, show, calls }' trace
		r=$((r + 1))
	done
done
echo nop >current_tracer
