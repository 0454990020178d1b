/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/harness.h - the main() every unit test shares.
 *
 * A test file builds its Check suite and ends with
 *
 *	UNIT_TEST_MAIN(symbol_suite)
 *
 * Timeouts are Check's own and come from the environment, so the test
 * setup (tests/unit/meson.build) and tests/run-all.sh decide them without
 * a rebuild: CK_DEFAULT_TIMEOUT is the base per-test timeout, raised for
 * qemu, and CK_TIMEOUT_MULTIPLIER scales it for a loaded machine.  CK_FORK
 * (=no under valgrind) and CK_RUN_CASE / CK_RUN_SUITE (run one test case)
 * work as Check documents them.
 */
#ifndef UNIT_HARNESS_H
#define UNIT_HARNESS_H

#include <check.h>

/* Runs SUITE and frees it; returns main()'s status: 0 when every test
 * passed, 1 otherwise. */
int run_suite(Suite *suite);

#define UNIT_TEST_MAIN(make_suite)                                      \
	int main(void)                                                  \
	{                                                               \
		return run_suite(make_suite());                         \
	}

#endif
