#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The whole test suite: installs what is missing, builds myld and its
# test programs in build/, and runs every test (unit, integration against
# myld in both modes, reference runs under the system's loader, and the
# invariants of the myld binary).  Exits non-zero if any test fails.
set -eu
cd "$(dirname "$0")/.."

sh tests/install-deps.sh

if [ -d build ]; then
	meson setup --reconfigure build
else
	meson setup build
fi
meson compile -C build
meson test -C build --print-errorlogs
