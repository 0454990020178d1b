/* SPDX-License-Identifier: MIT */
/* libcaller.so: 200 lazy PLT calls into libcallee_dyn.so (its DT_NEEDED),
 * each unbound until its first call.  dlopened and dlclosed each round by
 * storm, so every round starts with 200 fresh unbound slots. */
#include "callers.h"

int caller_call(int i, int x)
{
	return lt_call(i, x);
}
