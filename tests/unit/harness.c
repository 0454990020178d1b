/* SPDX-License-Identifier: MIT */
/* tests/unit/harness.c - see harness.h. */
#include "harness.h"

int run_suite(Suite *suite)
{
	SRunner *runner = srunner_create(suite);
	int failed;

	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? 1 : 0;
}
