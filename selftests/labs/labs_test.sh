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
echo "1..$n"

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
rm -f "$tmp"
echo "# $((n - failed)) of $n labs passed"
[ "$failed" = 0 ]
