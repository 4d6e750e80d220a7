# SPDX-License-Identifier: GPL-2.0
# vfs fixtures (needs the disks: "make fixtures" boots with vm/run -d).
# The shell opens /mnt/disks/ext4/big three times: fd 3 it hands to a
# child (one struct file, one offset, moved to 100 by a read through it),
# fds 4 and 5 stay its own (two struct files of one inode; fd 5 read to
# 1000). vfs/self is the shell, vfs/1001 the child's view renamed (its
# pid differs per boot; the cases name one file for every series). Then
# the answers of vfs/blockmap for the disks' files, one file per path
# under vfs/blockmap/ (the recorded layout visualize reads), and what an
# unprivileged user reads of its own process.
set -e
[ -d /mnt/disks/ext4 ] || { echo "vfs.sh: no disks (vm/run -d)"; exit 1; }
mkdir -p "$OUT/vfs/blockmap" "$OUT/user/vfs"
f=/mnt/disks/ext4/big
exec 3<"$f" 4<"$f" 5<"$f"
dd bs=100 count=1 <&3 >/dev/null 2>&1
dd bs=1000 count=1 <&5 >/dev/null 2>&1
(exec 4<&- 5<&-; exec sleep 600) &
child=$!
sleep 1
cat /proc/osedu/vfs/$$ >"$OUT/vfs/self"
cat "/proc/osedu/vfs/$child" >"$OUT/vfs/1001"
kill "$child"
exec 3<&- 4<&- 5<&-
for fs in vfat ext2 ext4; do
	for n in big frag sparse small; do
		p=/mnt/disks/$fs/$n
		[ -e "$p" ] || continue
		exec 6<>/proc/osedu/vfs/blockmap
		printf '%s' "$p" >&6
		cat <&6 >"$OUT/vfs/blockmap/mnt%disks%$fs%$n"
		exec 6<&-
	done
done
exec 6<>/proc/osedu/vfs/blockmap
printf '%s' /proc/version >&6
cat <&6 >"$OUT/vfs/blockmap/proc%version"
exec 6<&-
su student -c "cat /proc/osedu/vfs/self" >"$OUT/user/vfs/self"
grep -c '^fd: ' "$OUT/vfs/self"
