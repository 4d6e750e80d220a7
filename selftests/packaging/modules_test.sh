#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# What "sudo make load" and "make unload" run on a student's machine
# (vm/guest/osedu-modules; the guest has no make), run here and checked
# against /proc/modules and /proc/osedu. Leaves every module loaded, as
# the other collections expect.

mods=$(command -v osedu-modules || echo /opt/osedu/bin/osedu-modules)
dir=/lib/modules/osedu
echo "TAP version 13"
echo "1..6"
n=0 failed=0
check() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n $2"
	else
		echo "not ok $n $2"
		failed=$((failed + 1))
	fi
}
loaded() {
	awk '/^osedu_/ { print $1 }' /proc/modules | sort
}
# The product modules: every .ko in $dir but the test-only ones.
products=$(for ko in $(find "$dir" -name 'osedu_*.ko' ! -name 'osedu_test_*'); do
	basename "$ko" .ko; done | sort)

out=$("$mods" unload 2>&1)
rc=$?
echo "$out" | sed 's/^/# /'
[ "$rc" = 0 ] && [ -z "$(loaded)" ] && [ ! -e /proc/osedu ] &&
	[ "$(echo "$out" | tail -n 1)" = "rmmod osedu_core" ]
check $? "unload removes every osedu module, core last"

out=$("$mods" unload 2>&1)
[ $? = 0 ] && [ -z "$out" ]
check $? "unload with nothing loaded does nothing"

out=$("$mods" load "$dir" 2>&1)
rc=$?
echo "$out" | sed 's/^/# /'
[ "$rc" = 0 ] && [ "$(loaded)" = "$products" ] &&
	[ "$(echo "$out" | head -n 1)" = "insmod $dir/osedu_core.ko" ] &&
	grep -q "^kernel: $(uname -r)$" /proc/osedu/version
check $? "load inserts core first, then every product module ($(echo $products))"

out=$("$mods" load "$dir" 2>&1)
rc=$?
[ "$rc" = 1 ] && echo "$out" | grep -q "loaded already" &&
	[ "$(loaded)" = "$products" ]
check $? "load while loaded is refused and changes nothing"

empty=$(mktemp -d)
out=$("$mods" load "$empty" 2>&1)
rc=$?
rmdir "$empty"
[ "$rc" = 1 ] && echo "$out" | grep -q "no osedu_core.ko under"
check $? "load from a directory without the modules says so"

out=$("$mods" frobnicate 2>&1)
[ $? = 2 ] && echo "$out" | grep -q "^usage:"
check $? "an unknown command prints the usage"

[ "$failed" = 0 ]
