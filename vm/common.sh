# SPDX-License-Identifier: GPL-2.0
# Sourced by the vm/ scripts: where things live and how to say what failed.

OSEDU_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Downloaded kernels and what is built from them are kept per user, outside
# the clone, so that every clone on a machine (and CI's fresh one) reuses
# them; without a home directory, inside the clone.
if [ -z "${OSEDU_CACHE:-}" ]; then
	if [ -n "${XDG_CACHE_HOME:-}" ]; then
		OSEDU_CACHE=$XDG_CACHE_HOME/osedu
	elif [ -n "${HOME:-}" ] && [ -d "$HOME" ]; then
		OSEDU_CACHE=$HOME/.cache/osedu
	else
		OSEDU_CACHE=$OSEDU_ROOT/build/cache
	fi
fi
export OSEDU_ROOT OSEDU_CACHE

die() {
	printf '%s: %s\n' "${0##*/}" "$*" >&2
	exit 1
}

# Every kernel series osedu knows, oldest first. This file is the one
# place that knows them; the other vm/ scripts and the Makefile ask here.
OSEDU_SERIES="6.1 6.12 6.12-rt 7.3"
# Debian 12's arm64 kernels, booted with qemu-system-aarch64 (TCG) and
# built for with the cross compiler: a series of their own, named after
# the meta-package suffix as the x86-64 ones are ("make KVER=6.12
# ARCH=arm64" builds for 6.12-arm64). Kept apart from OSEDU_SERIES, which
# names the kernels the host's own tools (DKMS, sparse) build for.
OSEDU_ARM64_SERIES="6.1-arm64 6.12-arm64"

# series_meta SERIES: what names the series in Debian's archive. For
# Debian 12's kernels, the meta-package suffix that tracks it
# (linux-headers-SUFFIX); for a kernel from trixie-backports (fetched with
# vm/apt-private), "backports:N", where linux-source-N pins the version.
series_meta() {
	case "$1" in
	6.1) echo "amd64" ;;
	6.12) echo "6.12-amd64" ;;
	6.12-rt) echo "6.12-rt-amd64" ;;
	7.3) echo "backports:7.3" ;;
	6.1-arm64) echo "arm64" ;;
	6.12-arm64) echo "6.12-arm64" ;;
	*) die "unknown kernel series '$1' (supported: $OSEDU_SERIES $OSEDU_ARM64_SERIES)" ;;
	esac
}

# series_known SERIES: true when SERIES is one of OSEDU_SERIES.
series_known() {
	case " $OSEDU_SERIES $OSEDU_ARM64_SERIES " in
	*" $1 "*) return 0 ;;
	*) return 1 ;;
	esac
}

# series_src SERIES: the N of the linux-source-N package that has the
# series' sources (kselftest harness, checkpatch); PREEMPT_RT is built
# from the same source package as its series.
series_src() {
	local n
	series_meta "$1" >/dev/null
	n=${1%-arm64}
	echo "${n%-rt}"
}

# series_arch SERIES: the Debian architecture of the series' kernel
# (amd64 or arm64).
series_arch() {
	series_meta "$1" >/dev/null
	case "$1" in
	*-arm64) echo arm64 ;;
	*) echo amd64 ;;
	esac
}

# series_is_backports SERIES: true for kernels from trixie-backports.
series_is_backports() {
	local meta
	meta=$(series_meta "$1") || exit 1
	case "$meta" in
	backports:*) return 0 ;;
	*) return 1 ;;
	esac
}

# What QEMU prints when KVM cannot run a guest (vm/accel's probe, and
# vm/run during a run): a reduced nested CPU makes it abort setting an MSR,
# or stop the guest with an emulation failure and wait.
KVM_FAILURE='KVM internal error|emulation failure|kvm_buf_set_msrs'
KVM_FAILURE+='|failed to set MSR|kvm_init_vcpu|KVM_RUN failed'
KVM_FAILURE+='|Could not access KVM kernel module|failed to initialize kvm'

# make check and make check-debug run the stress collection, and core_test's
# load and unload cycles, at these reduced counts: the full ones (make
# stress) take about half an hour a kernel under TCG.
OSEDU_STRESS_REDUCED='OSEDU_STRESS_CYCLES=10 OSEDU_STRESS_OPENS=300'

# tap_failures NAME LOG: each failed case in LOG (count_tap's TAP), one
# line "NAME: collection: not ok N case", under it the case's own reasons
# (a lab's "[FAIL]" lines, the harness's "Expected" ones), at most four.
# make check prints these last, so a log cut to its head and tail still
# says what failed.
tap_failures() {
	awk -v name="$1" '
		function flush(line,   i) {
			print name ": " coll line
			for (i = 0; i < nb && i < 4; i++)
				print "    " substr(buf[i], 1, 200)
			nb = 0
		}
		/^# selftests: / { coll = $3 " "; nb = 0; inner = 0; next }
		/\[FAIL\]|:Expected |^# # +FAIL / { buf[nb++] = $0; next }
		/^# ok [0-9]+ / { nb = 0; next }
		/^# not ok [0-9]+ / { inner = 1; flush(substr($0, 3)); next }
		/^not ok [0-9]+ selftests: / { if (!inner) flush($0); inner = 0 }
		/^OSEDU-KMEMLEAK not ok/ { flush($0) }' "$2"
}

# host_failures NAME LOG: each failed case of a host-side suite's LOG
# ("not ok N ..." or visualize's golden "FAIL ..."), one line "NAME: case",
# under it the case's "#" lines, at most four.
host_failures() {
	awk -v name="$1" '
		/^not ok |^FAIL / { print name ": " substr($0, 1, 200); nb = 0;
				    in_case = 1; next }
		/^ok / { in_case = 0; next }
		in_case && /^#/ && nb++ < 4 { print "    " substr($0, 1, 200) }
		' "$2"
}

# count_tap LOG: "passed failed skipped" of the kselftest TAP in LOG (vm/check,
# vm/check-debug), from the nested lines each harness prints ("# ok N
# name"), plus check-debug's kmemleak checks; a collection that failed
# without reporting its own failing case (crash, timeout) counts as one
# failure.
count_tap() {
	awk '
		/^# ok [0-9]+ .*# SKIP/ { k++; next }
		/^# ok [0-9]+ / { p++; next }
		/^# not ok [0-9]+ / { f++; inner++; next }
		/^not ok [0-9]+ selftests: / { if (!inner) f++; inner = 0; next }
		/^ok [0-9]+ selftests: / { inner = 0 }
		/^OSEDU-KMEMLEAK ok / { p++ }
		/^OSEDU-KMEMLEAK not ok/ { f++ }
		END { printf "%d %d %d\n", p, f, k }' "$1"
}
