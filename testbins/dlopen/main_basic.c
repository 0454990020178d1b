/* SPDX-License-Identifier: MIT */
/*
 * dlopen: load libdl_top.so (which needs libdl_mid.so, which needs
 * libdl_leaf.so) at run time, call a function found with dlsym, then
 * dlclose it: the three finalisers run, newest first, and the three
 * files are gone from /proc/self/maps.  Also dlopen(NULL), the program's
 * own handle, through which dlsym finds the program's exported symbols,
 * and a dependency that outlives the object that needed it.
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

	/*
	 * A dependency can outlive the object that needed it, when it was
	 * dlopened itself too.  libdl_mid.so's name came from libdl_top.so's
	 * string table, which dlclose unmaps: opening libdl_mid.so again
	 * must find it without reading that table.
	 */
	rt_puts("dlopen libdl_mid.so too, then dlclose libdl_top.so");
	void *mid = dlopen("libdl_mid.so", RTLD_NOW);
	check("dlopen libdl_mid.so, loaded already", mid != NULL);
	check("dlclose libdl_top.so", dlclose(h) == 0);
	check("libdl_top.so unmapped", !maps_has("libdl_top.so"));
	check("libdl_mid.so still mapped", maps_has("libdl_mid.so"));
	check("dlopen libdl_mid.so again: the same handle",
	      dlopen("libdl_mid.so", RTLD_NOW) == mid);
	void *leaf_h = dlopen("libdl_leaf.so", RTLD_NOW);
	check("dlopen libdl_leaf.so, loaded already", leaf_h != NULL);
	rt_puts("dlclose libdl_mid.so twice, then libdl_leaf.so");
	check("dlclose libdl_mid.so", dlclose(mid) == 0);
	check("dlclose libdl_mid.so", dlclose(mid) == 0);
	check("libdl_mid.so unmapped", !maps_has("libdl_mid.so"));
	check("dlclose libdl_leaf.so", dlclose(leaf_h) == 0);
	check("libdl_leaf.so unmapped", !maps_has("libdl_leaf.so"));
	rt_puts("end of main");
	return 0;
}
