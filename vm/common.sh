# SPDX-License-Identifier: GPL-2.0
# Sourced by the vm/ scripts: where things live and how to say what failed.

OSEDU_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OSEDU_CACHE=${OSEDU_CACHE:-$OSEDU_ROOT/build/cache}
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
