# SPDX-License-Identifier: GPL-2.0
# vectors fixtures (arm64 only; an x86-64 kernel has no /proc/osedu/vectors
# and idt.sh records its IDT instead): the exception vector table, the
# page-fault and GIC interrupt counts, and the system calls (SVCs) counted
# while ls runs, as root (addresses shown) and as a user (zeroed).
set -e
[ -d /proc/osedu/vectors ] || { echo "vectors.sh: no /proc/osedu/vectors here (not arm64): nothing to record"; exit 0; }
mkdir -p "$OUT/vectors" "$OUT/user/vectors"
ctl=/proc/osedu/vectors/control
# Not counting already (stop would fail with EALREADY); then from zero.
echo stop >$ctl 2>/dev/null || true
echo clear >$ctl
echo start >$ctl
ls -l /opt/osedu/bin >/dev/null
echo stop >$ctl
for f in table counts svc; do
	cat "/proc/osedu/vectors/$f" >"$OUT/vectors/$f"
	su student -c "cat /proc/osedu/vectors/$f" >"$OUT/user/vectors/$f"
done
grep -c . "$OUT/vectors/svc"
