/* SPDX-License-Identifier: MIT */
/*
 * dlopen: the libraries of main_basic.c, one source built three times:
 * libdl_top.so needs libdl_mid.so, which needs libdl_leaf.so.  Each
 * prints from its constructor and destructor, so the order in which
 * dlopen initialises them (dependencies first: leaf, mid, top) and
 * dlclose finalises them (the reverse) shows in the output.
 */
#include "rt.h"

#if defined(LIB_leaf)
#define NAME "leaf"
int leaf_value(void)
{
	return 3;
}
#elif defined(LIB_mid)
#define NAME "mid"
int leaf_value(void);
int mid_value(void)
{
	return leaf_value() * 10 + 2;
}
#elif defined(LIB_top)
#define NAME "top"
int mid_value(void);
int top_value(void)
{
	return mid_value() * 10 + 1;
}
#endif

__attribute__((constructor)) static void init(void)
{
	rt_puts("init " NAME);
}

__attribute__((destructor)) static void fini(void)
{
	rt_puts("fini " NAME);
}
