/* SPDX-License-Identifier: MIT */
/* lt_call(i, x): calls function number LT_FIRST + i of CALLEE_PREFIX
 * through this object's own PLT.  Each wrapper is a separate function
 * that the compiler may not merge into a direct pointer to the callee
 * (noipa): the table then holds 200 distinct PLT calls, each bound on its
 * first use. */
#include "gen200.h"

#define DECLARE(n) int LT_CAT(CALLEE_PREFIX, n)(int x);
LT_200(DECLARE)

#define WRAP(n) \
	__attribute__((noipa)) static int LT_CAT(call_, n)(int x) \
	{ return LT_CAT(CALLEE_PREFIX, n)(x); }
LT_200(WRAP)

#define ENTRY(n) LT_CAT(call_, n),
static int (*const lt_callers[LT_COUNT])(int) = { LT_200(ENTRY) };

static inline int lt_call(int i, int x)
{
	return lt_callers[i](x);
}
