/* SPDX-License-Identifier: MIT */
/* 200 functions, CALLEE_PREFIX100 ... CALLEE_PREFIX299 (gen200.h), for
 * lazy binding: built as libcallee.so (callee_f*, a start-up library of
 * storm, fork_churn and dlclose_index) and libcallee_dyn.so (dyn_f*,
 * loaded with libcaller.so by dlopen). */
#include "gen200.h"

#define DEFINE(n) \
	int LT_CAT(CALLEE_PREFIX, n)(int x) { return LT_VALUE(n, x); }
LT_200(DEFINE)
