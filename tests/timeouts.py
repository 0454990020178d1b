# SPDX-License-Identifier: MIT
"""Timeouts of the test drivers, scaled for slow machines.

A driver's own timeouts (one program run, one gdb session) only guard
against hangs: they make the report say which run hung before Meson's
timeout of the whole test kills the driver.  The numbers in the drivers are
for a quiet machine running natively; a loaded machine, valgrind or qemu
needs more.  MYLD_TEST_TIMEOUT_SCALE (a positive number, default 1)
multiplies every one of them.  tests/run-all.sh sets it to the factor it
gives `meson test --timeout-multiplier`, so that each driver's timeouts stay
below Meson's, whatever the factor; do the same when running `meson test`
by hand on a slow machine:

    MYLD_TEST_TIMEOUT_SCALE=4 meson test -C build --timeout-multiplier 4

No test asserts a time: a scaled timeout changes only how long a hang
takes to be reported.
"""

import os
import sys


def scale():
    """MYLD_TEST_TIMEOUT_SCALE as a number (1 when unset)."""
    text = os.environ.get('MYLD_TEST_TIMEOUT_SCALE', '') or '1'
    try:
        value = float(text)
    except ValueError:
        value = 0
    if value <= 0:
        # Exit status 99: Meson's "the test harness is broken".
        print(f'bad MYLD_TEST_TIMEOUT_SCALE={text!r}: not a positive number')
        sys.exit(99)
    return value


def scaled(seconds):
    """SECONDS, a timeout written for a quiet machine, scaled."""
    return seconds * scale()
