/* SPDX-License-Identifier: MIT */
/* libglobN.so, N = GLOB_N (1 to 6): dlopened RTLD_GLOBAL by dlclose_index.
 * Each defines glob_N_value(); 3, 4 and 5 also define glob_pick(), which
 * says which one it is: the first of them in the global scope wins. */
#include "gen200.h"

int LT_CAT(LT_CAT(glob_, GLOB_N), _value)(void)
{
	return GLOB_N * 10;
}

#if GLOB_N >= 3 && GLOB_N <= 5
int glob_pick(void)
{
	return GLOB_N;
}
#endif
