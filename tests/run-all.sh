#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The whole test suite: installs what is missing, then builds and tests
# myld twice:
#   build/          native x86_64: unit, integration against myld in both
#                   modes, reference runs under the system's loader, and the
#                   invariants of the myld binary;
#   build-aarch64/  the same for aarch64 (cross/aarch64-linux-gnu.ini),
#                   every aarch64 program run through qemu-aarch64.
# Both suites run even if the first fails; exits non-zero if either fails.
set -eu
cd "$(dirname "$0")/.."

sh tests/install-deps.sh

# suite BUILDDIR [MESON-SETUP-ARGS...]: configure, build and test one tree.
# (set -e does not apply inside a function called left of ||, hence &&.)
suite() {
	dir=$1
	shift
	[ ! -d "$dir" ] || set -- --reconfigure "$@"
	meson setup "$@" "$dir" &&
		meson compile -C "$dir" &&
		meson test -C "$dir" --print-errorlogs
}

failed=
suite build || failed="$failed build"
# The unit tests once more, under valgrind (memory errors, leaks).
meson test -C build --setup valgrind --suite unit --print-errorlogs ||
	failed="$failed build(valgrind)"
suite build-aarch64 --cross-file cross/aarch64-linux-gnu.ini ||
	failed="$failed build-aarch64"

if [ -n "$failed" ]; then
	echo "run-all: FAILED in:$failed" >&2
	exit 1
fi
echo "run-all: native and aarch64 suites passed"
