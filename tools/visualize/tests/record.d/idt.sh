# SPDX-License-Identifier: GPL-2.0
# idt fixtures: the IDT, the system-call entry points and the interrupt
# counts, as root (addresses shown) and as a user (addresses zeroed).
set -e
mkdir -p "$OUT/idt" "$OUT/user/idt"
for f in table syscall counts gdt; do
	cat "/proc/osedu/idt/$f" >"$OUT/idt/$f"
	su student -c "cat /proc/osedu/idt/$f" >"$OUT/user/idt/$f"
done
