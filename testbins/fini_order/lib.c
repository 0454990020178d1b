/* SPDX-License-Identifier: MIT */
/*
 * fini_order: fo_a -> fo_b.  fo_b has both a DT_FINI_ARRAY entry and a
 * DT_FINI function (-Wl,-fini=fo_b_dt_fini); within one object the array
 * runs first (in reverse), then DT_FINI.
 */
#include "rt.h"

#if defined(LIB_a)
#define NAME "fo_a"
void fo_b_touch(void);
void fo_a_touch(void)
{
	fo_b_touch();
}
#else
#define NAME "fo_b"
void fo_b_touch(void)
{
}

void fo_b_dt_fini(void)
{
	rt_puts("fini: fo_b (DT_FINI)");
}
#endif

__attribute__((constructor)) static void init(void)
{
	rt_puts("init: " NAME);
}

__attribute__((destructor)) static void fini(void)
{
	rt_puts("fini: " NAME);
}
