#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Every lab osedu-lab lists, run through osedu-lab as the course runs it,
# each one kselftest result: "ok N NAME" when the lab exits 0 with a last
# line "RESULT: PASS", else "not ok N NAME". The labs assert their own
# phenomenon against an independent oracle; this only collects verdicts.
# The lab's output is kept, as TAP comments, for the log.

lab=$(command -v osedu-lab || echo /opt/osedu/bin/osedu-lab)
echo "TAP version 13"
if [ ! -x "$lab" ]; then
	echo "1..1"
	echo "not ok 1 osedu-lab is installed (make tools)"
	exit 1
fi
names=$("$lab" --list)
n=$(echo "$names" | wc -w)
if [ "$n" = 0 ]; then
	echo "1..1"
	echo "not ok 1 osedu-lab --list names the labs"
	exit 1
fi
# One more: a lab that traces every task, while a task whose name holds
# the trace's own separators runs (a comm may be anything, " => " too).
odd_lab=rr-vs-fifo
odd_comm="a => b c"
case " $(echo $names) " in
*" $odd_lab "*) n_odd=1 ;;
*) n_odd=0 ;;
esac
# The labs not built for this architecture, each a skip saying why.
not_here=$("$lab" --not-here)
n_skip=$(echo "$not_here" | grep -c .)
echo "1..$((n + n_odd + n_skip))"

# A lab takes seconds; one that hangs must not take the later ones with
# it. The guest has busybox's timeout (GNU's was removed from its PATH).
limit=
if busybox timeout -s KILL 5 true 2>/dev/null; then
	limit="busybox timeout -s KILL 240"
fi

i=0 failed=0
tmp=$(mktemp)
for name in $names; do
	i=$((i + 1))
	start=$(date +%s)
	$limit "$lab" "$name" >"$tmp" 2>&1
	rc=$?
	sed 's/^/# /' "$tmp"
	last=$(grep "^RESULT: " "$tmp" | tail -n 1)
	secs=$(($(date +%s) - start))
	case "$rc:$last" in
	"0:RESULT: PASS"*) echo "ok $i $name # ${secs}s" ;;
	*)
		echo "not ok $i $name # exit $rc after ${secs}s"
		failed=$((failed + 1))
		;;
	esac
done

# A shell renamed through /proc/self/comm that keeps switching (it sleeps
# and forks): its switch, wakeup and fork lines all carry the odd name.
if [ "$n_odd" = 1 ]; then
	i=$((i + 1))
	(printf '%s' "$odd_comm" >/proc/self/comm
	 while :; do sleep 0.01 2>/dev/null || sleep 1; done) &
	odd=$!
	sleep 1
	comm=$(cat /proc/$odd/comm 2>/dev/null)
	$limit "$lab" "$odd_lab" >"$tmp" 2>&1
	rc=$?
	kill $odd 2>/dev/null
	wait $odd 2>/dev/null
	sed 's/^/# /' "$tmp"
	last=$(grep "^RESULT: " "$tmp" | tail -n 1)
	name="$odd_lab while a task named '$odd_comm' runs"
	case "$comm:$rc:$last" in
	"$odd_comm:0:RESULT: PASS"*) echo "ok $i $name" ;;
	*)
		echo "not ok $i $name # comm '$comm', exit $rc"
		failed=$((failed + 1))
		;;
	esac
fi
rm -f "$tmp"
echo "$not_here" | while IFS= read -r line; do
	[ -n "$line" ] || continue
	i=$((i + 1))
	echo "ok $i ${line%%:*} # SKIP not on $(uname -m):${line#*:}"
done
echo "# $((n + n_odd - failed)) of $((n + n_odd)) runs passed"
[ "$failed" = 0 ]
