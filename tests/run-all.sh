#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The whole test suite: installs what is missing, then builds and tests
# myld twice:
#   build/          native x86_64: unit (also under valgrind), integration
#                   against myld in all modes, reference runs under the
#                   system's loader, glibc programs, gdb, hostile input,
#                   fuzzing, and the invariants of the myld binary;
#   build-aarch64/  the same for aarch64 (cross/aarch64-linux-gnu.ini),
#                   every aarch64 program run through qemu-aarch64.
# Both suites run even if the first fails; exits non-zero if either fails.
#
# Three jobs overlap, so that neither core idles while one job waits on a
# single process (meson setup's checks, the last long tests, valgrind on
# test_lib): the aarch64 configure and build runs from the start, and the
# valgrind run of the unit tests from the end of the native build, both
# niced and logged to files, which are printed once the native tests are
# done.  The aarch64 tests start when its build is done and the native
# tests are.
#
# Timeouts: every Meson timeout and every driver's own per-run timeout is
# multiplied by MYLD_TEST_TIMEOUT_SCALE (default 3), and Check's per-test
# timeout by the same factor (CK_TIMEOUT_MULTIPLIER), so that a loaded
# machine only makes the run longer, never failing.  Set it higher for a
# slower machine:  MYLD_TEST_TIMEOUT_SCALE=10 sh tests/run-all.sh
set -eu
cd "$(dirname "$0")/.."

sh tests/install-deps.sh

: "${MYLD_TEST_TIMEOUT_SCALE:=3}"
CK_TIMEOUT_MULTIPLIER=$MYLD_TEST_TIMEOUT_SCALE
export MYLD_TEST_TIMEOUT_SCALE CK_TIMEOUT_MULTIPLIER
test_opts="--print-errorlogs --timeout-multiplier $MYLD_TEST_TIMEOUT_SCALE"
# meson test's --timeout-multiplier replaces the valgrind setup's own
# factor (10, tests/meson.build) instead of multiplying it.
valgrind_opts="--print-errorlogs --timeout-multiplier \
$(awk -v s="$MYLD_TEST_TIMEOUT_SCALE" 'BEGIN { print 10 * s }')"

logs=$(mktemp -d "${TMPDIR:-/tmp}/myld-run-all.XXXXXX")
trap 'rm -rf "$logs"' EXIT

# configure [NICE] BUILDDIR [MESON-SETUP-ARGS...]: configure and build
# one tree.  (set -e does not apply inside a function called left of ||,
# hence &&.)
configure() {
	prefix=$1
	dir=$2
	shift 2
	[ ! -f "$dir/meson-private/coredata.dat" ] || set -- --reconfigure "$@"
	$prefix meson setup "$@" "$dir" &&
		$prefix meson compile -C "$dir"
}

# background NAME COMMAND...: run COMMAND niced, its output to
# $logs/NAME.log and its exit status to $logs/NAME.status.
background() {
	name=$1
	shift
	(
		if "$@" >"$logs/$name.log" 2>&1; then
			echo 0 >"$logs/$name.status"
		else
			echo 1 >"$logs/$name.status"
		fi
	) &
}

# finish NAME: wait for background job NAME, print its output; fails if
# the job did.
finish() {
	while [ ! -f "$logs/$1.status" ]; do
		sleep 1
	done
	echo "run-all: ---- $1 ----"
	cat "$logs/$1.log"
	[ "$(cat "$logs/$1.status")" = 0 ]
}

background aarch64-build configure "nice -n 10" build-aarch64 \
	--cross-file cross/aarch64-linux-gnu.ini

failed=
if configure "" build; then
	# The unit tests once more, under valgrind (memory errors, leaks).
	# shellcheck disable=SC2086
	background valgrind nice -n 10 meson test -C build --no-rebuild \
		--setup valgrind --suite unit $valgrind_opts
	# shellcheck disable=SC2086
	meson test -C build $test_opts || failed="$failed build"
	finish valgrind || failed="$failed build(valgrind)"
else
	failed="$failed build"
fi

if finish aarch64-build; then
	# shellcheck disable=SC2086
	meson test -C build-aarch64 $test_opts || failed="$failed build-aarch64"
else
	failed="$failed build-aarch64"
fi

if [ -n "$failed" ]; then
	echo "run-all: FAILED in:$failed" >&2
	exit 1
fi
echo "run-all: native and aarch64 suites passed"
