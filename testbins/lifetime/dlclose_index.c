/* SPDX-License-Identifier: MIT */
/* dlclose after the global symbol index exists.
 *
 * dlopen libglob1.so ... libglob6.so RTLD_GLOBAL; make more than 64 lazy
 * calls (first calls of the program's PLT slots into libcallee.so): a
 * loader may then index the global scope, as myld does.  dlclose
 * libglob3.so, the first definition of glob_pick() in that scope; then
 * make the first calls of libpick.so (dlopened before the lazy calls, so
 * that nothing new is mapped where libglob3.so was): glob_pick() must now bind
 * to libglob4.so's, and glob_6_value() to libglob6.so's.  Then the rest
 * of the program's unbound slots.  A loader whose index still points at
 * the unloaded libglob3.so reads freed memory or jumps into unmapped
 * code here. */
#include "common.h"
#define CALLEE_PREFIX callee_f
#include "callers.h"

#define LAZY_CALLS 70

int main(int argc, char **argv)
{
	void *glob[7];
	char name[32];
	int wrong = 0;

	lt_start(argc, argv);
	for (int n = 1; n <= 6; n++) {
		snprintf(name, sizeof(name), "libglob%d.so", n);
		glob[n] = lt_open(name, RTLD_LAZY | RTLD_GLOBAL);
	}
	/* Loaded now, called only after the dlclose: nothing is mapped
	 * where libglob3.so was, so stale pointers into it fault. */
	void *h = lt_open("libpick.so", RTLD_LAZY);
	int (*pick_call)(void) = (int (*)(void))lt_sym(h, "pick_call");
	int (*pick_six)(void) = (int (*)(void))lt_sym(h, "pick_six");
	for (int i = 0; i < LAZY_CALLS; i++)
		wrong += lt_call(i, i) != LT_VALUE(LT_FIRST + i, i);
	printf("%d lazy calls into a start-up library, wrong: %d\n",
	       LAZY_CALLS, wrong);

	/* Through the handle: dlsym(RTLD_DEFAULT) would make the program
	 * depend on libglob3.so, which would then stay. */
	int (*pick)(void) = (int (*)(void))lt_sym(glob[3], "glob_pick");
	printf("glob_pick() of libglob3.so: %d\n", pick());

	lt_close(glob[3], "libglob3.so");
	printf("libglob3.so loaded after its dlclose: %s\n",
	       lt_loaded("libglob3.so") ? "yes" : "no");

	printf("first call of glob_pick() from libpick.so: %d\n", pick_call());
	printf("first call of glob_6_value() from libpick.so: %d\n",
	       pick_six());
	pick = (int (*)(void))lt_sym(RTLD_DEFAULT, "glob_pick");
	printf("dlsym(RTLD_DEFAULT, \"glob_pick\")(): %d\n", pick());

	int more = 0;
	for (int i = LAZY_CALLS; i < LT_COUNT; i++)
		more += lt_call(i, 1) != LT_VALUE(LT_FIRST + i, 1);
	printf("%d more first calls into the start-up library, wrong: %d\n",
	       LT_COUNT - LAZY_CALLS, more);
	lt_close(h, "libpick.so");
	for (int n = 1; n <= 6; n++)
		if (n != 3)
			lt_close(glob[n], "libglob");
	return wrong || more;
}
