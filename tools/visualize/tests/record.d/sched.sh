# SPDX-License-Identifier: GPL-2.0
# sched fixtures: the context-switch trace of a small workload (a CPU-bound
# loop beside an I/O-bound pipe, as in the lecture) read continuously as
# "visualize sched -- CMD" does, and PCBs: the workload's shell, caught
# blocked in wait() (sched/self: the recording's PCB of interest), a kernel
# thread (sched/2), and an unprivileged reader's own PCB (user/sched/self:
# kernel addresses zeroed).
set -e
mkdir -p "$OUT/sched" "$OUT/user/sched"
ctl=/proc/osedu/sched/control

echo clear >$ctl
echo start >$ctl
exec 3</proc/osedu/sched/trace
: >"$OUT/sched/trace"
# The workload's last act: its PCB read while it waits for that reader.
sh -c 'i=0; while [ $i -lt 3000 ]; do i=$((i + 1)); done &
	cat /dev/zero | head -c 2000000 >/dev/null
	wait
	cat /proc/osedu/sched/$$ >"$OUT/sched/self"
	: the shell must not exec its last command' &
w=$!
while kill -0 $w 2>/dev/null; do
	cat <&3 >>"$OUT/sched/trace"
	sleep 0.05
done
wait $w
echo stop >$ctl
cat <&3 >>"$OUT/sched/trace"
exec 3<&-
cat /proc/osedu/sched/2 >"$OUT/sched/2"
su student -c "cat /proc/osedu/sched/self" >"$OUT/user/sched/self"
grep -c . "$OUT/sched/trace"
grep lost "$OUT/sched/trace" || true
