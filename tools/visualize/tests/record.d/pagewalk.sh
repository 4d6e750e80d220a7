# SPDX-License-Identifier: GPL-2.0
# pagewalk fixtures: viz-target (a known, non-random layout) as root sees
# it (frames shown) and as its unprivileged owner sees it (frames 0x0), and
# a kernel thread (no user address space). With each process, the answers
# of pagewalk/query for every one of its VMAs, one after the other, in
# pagewalk/query/<pid> (what visualize asks live for its page map). Swap
# is turned on first (zram, as the memory labs do), so that viz-target's
# MADV_PAGEOUT swaps pages out.
set -e

# "pagewalk.sh --query PID": the answers for every "vma:" line of the
# pagewalk/<pid> file on standard input, to standard output, as whoever
# runs it.
if [ "${1:-}" = --query ]; then
	grep '^vma: ' | while read -r _ range _; do
		exec 3<>/proc/osedu/pagewalk/query
		echo "$2 $range" >&3
		cat <&3
		exec 3>&-
	done
	exit 0
fi

mkdir -p "$OUT/pagewalk/query"

swap_on() {
	[ "$(wc -l </proc/swaps)" -gt 1 ] && return 0
	[ -f /lib/modules/osedu/swap/order ] || { echo "no zram: no swap"; return 0; }
	while read -r m; do
		insmod "/lib/modules/osedu/swap/$m.ko" 2>/dev/null || true
	done </lib/modules/osedu/swap/order
	echo 64M >/sys/block/zram0/disksize
	mkswap /dev/zram0 >/dev/null
	swapon /dev/zram0
}
swap_on
cat /proc/swaps

# $1: file name under pagewalk/; $2: "" (root) or a user to run both as.
record() {
	rm -f /tmp/viz-target.ready
	if [ -n "$2" ]; then
		su "$2" -c "exec $VIZ_TESTS/viz-target /tmp/viz-target.ready" &
	else
		"$VIZ_TESTS/viz-target" /tmp/viz-target.ready &
	fi
	pid=$!
	i=0
	while [ ! -f /tmp/viz-target.ready ]; do
		i=$((i + 1))
		[ $i -lt 300 ] || { echo "viz-target never got ready"; return 1; }
		sleep 0.1
	done
	if [ -n "$2" ]; then
		su "$2" -c "cat /proc/osedu/pagewalk/$pid" >"$OUT/pagewalk/$1"
		su "$2" -c "sh $0 --query $pid" <"$OUT/pagewalk/$1" \
			>"$OUT/pagewalk/query/$pid"
	else
		cat "/proc/osedu/pagewalk/$pid" >"$OUT/pagewalk/$1"
		sh "$0" --query "$pid" <"$OUT/pagewalk/$1" \
			>"$OUT/pagewalk/query/$pid"
	fi
	kill "$pid"
	wait "$pid" 2>/dev/null || true
}

record target ""
record student student
cat /proc/osedu/pagewalk/2 >"$OUT/pagewalk/kthread"
