# SPDX-License-Identifier: GPL-2.0
# pagewalk fixtures: viz-target (a known, non-random layout) as root sees
# it (frames shown) and as its unprivileged owner sees it (frames 0x0), and
# a kernel thread (no user address space).
set -e
mkdir -p "$OUT/pagewalk"

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
	else
		cat "/proc/osedu/pagewalk/$pid" >"$OUT/pagewalk/$1"
	fi
	kill "$pid"
	wait "$pid" 2>/dev/null || true
}

record target ""
record student student
cat /proc/osedu/pagewalk/2 >"$OUT/pagewalk/kthread"
