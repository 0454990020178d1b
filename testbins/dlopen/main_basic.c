/* SPDX-License-Identifier: MIT */
/*
 * dlopen: load libdl_top.so (which needs libdl_mid.so, which needs
 * libdl_leaf.so) at run time, call a function found with dlsym, then
 * dlclose it: the three finalisers run, newest first, and the three
 * files are gone from /proc/self/maps.  Also dlopen(NULL), the program's
 * own handle, through which dlsym finds the program's exported symbols.
 */
#include "dltest.h"

int basic_exported(void)
{
	return 77;
}

int main(void)
{
	check("before dlopen: libdl_top.so not mapped", !maps_has("libdl_top.so"));
	rt_puts("dlopen libdl_top.so");
	void *h = dlopen("libdl_top.so", RTLD_NOW);
	check("dlopen libdl_top.so", h != NULL);
	if (!h) {
		show_dlerror("dlerror");
		return 1;
	}
	check("libdl_top.so mapped", maps_has("libdl_top.so"));
	check("libdl_mid.so mapped", maps_has("libdl_mid.so"));
	check("libdl_leaf.so mapped", maps_has("libdl_leaf.so"));

	int (*top)(void) = (int (*)(void))dlsym(h, "top_value");
	check("dlsym top_value", top != NULL);
	if (top) {
		rt_print("top_value() = ");
		rt_print_dec(top());
		rt_puts("");
	}
	/* The handle's scope includes its dependencies. */
	int (*leaf)(void) = (int (*)(void))dlsym(h, "leaf_value");
	check("dlsym leaf_value through the top handle",
	      leaf != NULL && leaf() == 3);
	show_dlerror("dlerror after successes");

	void *self = dlopen(NULL, RTLD_NOW);
	check("dlopen(NULL)", self != NULL);
	int (*exported)(void) = (int (*)(void))dlsym(self, "basic_exported");
	check("dlsym(dlopen(NULL), basic_exported) is the program's",
	      exported == basic_exported);
	check("dlclose(dlopen(NULL))", dlclose(self) == 0);

	rt_puts("dlclose libdl_top.so");
	check("dlclose returns 0", dlclose(h) == 0);
	check("libdl_top.so unmapped", !maps_has("libdl_top.so"));
	check("libdl_mid.so unmapped", !maps_has("libdl_mid.so"));
	check("libdl_leaf.so unmapped", !maps_has("libdl_leaf.so"));

	/* Loading it again works and initialises it again. */
	rt_puts("dlopen libdl_top.so again");
	h = dlopen("libdl_top.so", RTLD_LAZY);
	top = h ? (int (*)(void))dlsym(h, "top_value") : NULL;
	check("second load works", top != NULL && top() == 321);
	rt_puts("end of main");
	return 0;	/* libdl_top.so is still open: finalised at exit */
}
