# SPDX-License-Identifier: GPL-2.0
# idt fixtures: the IDT, the system-call entry points and the interrupt
# counts, as root (addresses shown) and as a user (addresses zeroed).
set -e
# x86-64 only: an arm64 kernel has no IDT (vectors.sh records its table).
[ -d /proc/osedu/idt ] || { echo "idt.sh: no /proc/osedu/idt here (not x86-64): nothing to record"; exit 0; }
mkdir -p "$OUT/idt" "$OUT/user/idt"
for f in table syscall counts gdt; do
	cat "/proc/osedu/idt/$f" >"$OUT/idt/$f"
	su student -c "cat /proc/osedu/idt/$f" >"$OUT/user/idt/$f"
done
