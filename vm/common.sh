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

# The Debian meta-packages that track each supported kernel series.
series_meta() {
	case "$1" in
	6.1) echo "amd64" ;;
	6.12) echo "6.12-amd64" ;;
	*) die "unknown kernel series '$1' (supported: 6.1 6.12)" ;;
	esac
}

# What QEMU prints when KVM cannot run a guest (vm/accel's probe, and
# vm/run during a run): a reduced nested CPU makes it abort setting an MSR,
# or stop the guest with an emulation failure and wait.
KVM_FAILURE='KVM internal error|emulation failure|kvm_buf_set_msrs'
KVM_FAILURE+='|failed to set MSR|kvm_init_vcpu|KVM_RUN failed'
KVM_FAILURE+='|Could not access KVM kernel module|failed to initialize kvm'
