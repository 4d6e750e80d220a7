# SPDX-License-Identifier: GPL-2.0
# ipc fixtures: the deadlock lab holding its two deadlocks (two threads on
# two mutexes, two processes on two flock locks), a writer blocked on a
# full pipe; then ipc/waits and ipc/sysv as root and as a user, and the
# writer's ipc view as ipc/self (its pipe as a ring, itself among the
# sleeping writers). Then shared-memory-sysv --hold, with the pid 5000
# (ns_last_pid) so that one case names it on every series: a segment two
# processes attach, their ipc views as ipc/<pid>, and the kernel's
# /proc/sysvipc/shm as proc/sysvipc/shm (visualize --root reads the
# kernel's files the join needs there).
set -e
mkdir -p "$OUT/ipc" "$OUT/user/ipc" "$OUT/proc/sysvipc"
lab=/opt/osedu/bin/deadlock
$lab --hold >/tmp/deadlock.out 2>&1 &
lab_pid=$!
i=0
until grep -q '^ready' /tmp/deadlock.out; do
	i=$((i + 1))
	[ $i -lt 600 ] || { cat /tmp/deadlock.out; exit 1; }
	sleep 0.1
done
# dd fills the pipe to sleep, whose reader never reads.
dd if=/dev/zero bs=4096 count=100 2>/dev/null | sleep 600 &
reader=$!
sleep 2
writer=$(pidof dd)
cat /proc/osedu/ipc/waits >"$OUT/ipc/waits"
cat /proc/osedu/ipc/sysv >"$OUT/ipc/sysv"
cat "/proc/osedu/ipc/$writer" >"$OUT/ipc/self"
su student -c "cat /proc/osedu/ipc/waits" >"$OUT/user/ipc/waits"
su student -c "cat /proc/osedu/ipc/sysv" >"$OUT/user/ipc/sysv"
su student -c "cat /proc/osedu/ipc/self" >"$OUT/user/ipc/self"
kill "$lab_pid" "$writer" "$reader" 2>/dev/null || true

# shared-memory-sysv is not built for arm64 (tools/Makefile): no scene.
[ -x /opt/osedu/bin/shared-memory-sysv ] || {
	echo "ipc.sh: no shared-memory-sysv lab here: no shared-memory scene"
	exit 0
}
echo 4999 >/proc/sys/kernel/ns_last_pid
/opt/osedu/bin/shared-memory-sysv --hold >/tmp/shm.out 2>&1 &
shm_pid=$!
[ "$shm_pid" = 5000 ] || { echo "record: shm scene got pid $shm_pid, not 5000"; exit 1; }
i=0
until grep -q '^ready' /tmp/shm.out; do
	i=$((i + 1))
	[ $i -lt 600 ] || { cat /tmp/shm.out; exit 1; }
	sleep 0.1
done
set -- $(grep '^ready' /tmp/shm.out)
cat "/proc/osedu/ipc/$2" >"$OUT/ipc/$2"
cat "/proc/osedu/ipc/$3" >"$OUT/ipc/$3"
cat /proc/sysvipc/shm >"$OUT/proc/sysvipc/shm"
kill "$shm_pid" 2>/dev/null || true
grep -c . "$OUT/ipc/waits"
