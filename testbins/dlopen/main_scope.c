/* SPDX-License-Identifier: MIT */
/*
 * dlopen: scopes and flags (the behaviour POSIX and glibc's dlopen(3)
 * document):
 *  - a RTLD_LOCAL library's symbols are not in the global scope: neither
 *    dlsym(RTLD_DEFAULT) nor a later library's relocations find them,
 *    while dlsym on its own handle does; RTLD_GLOBAL puts them there, and
 *    dlopen(RTLD_NOLOAD | RTLD_GLOBAL) promotes an open RTLD_LOCAL one;
 *  - RTLD_NEXT: chain() in the program, libdl_next1.so and libdl_next2.so
 *    (both DT_NEEDED, in that order), each calling the next one;
 *  - RTLD_NOLOAD: NULL for a library not loaded (and no error), the same
 *    handle for a loaded one, whose reference count it raises;
 *  - reopening returns the same handle and needs as many dlclose calls;
 *  - RTLD_NODELETE: the library stays mapped after its last dlclose and
 *    its finaliser runs only at exit.
 */
#include "dltest.h"

void chain(int depth)
{
	rt_print("chain: program at depth ");
	rt_print_dec(depth);
	rt_puts("");
	void (*next)(int) = (void (*)(int))dlsym(RTLD_NEXT, "chain");
	if (next)
		next(depth + 1);
	else
		show_dlerror("chain: program's dlsym(RTLD_NEXT) fails");
}

static void local_global(void)
{
	rt_puts("-- RTLD_LOCAL and RTLD_GLOBAL");
	void *loc = dlopen("libdl_local.so", RTLD_NOW | RTLD_LOCAL);
	check("dlopen libdl_local.so RTLD_LOCAL", loc != NULL);
	check("dlsym(handle, local_only)", dlsym(loc, "local_only") != NULL);
	check("dlsym(RTLD_DEFAULT, local_only) is NULL",
	      dlsym(RTLD_DEFAULT, "local_only") == NULL);
	show_dlerror("dlerror");
	void *user = dlopen("libdl_user.so", RTLD_NOW);
	check("dlopen libdl_user.so fails: local_only not global", user == NULL);
	show_dlerror("dlerror");
	check("libdl_user.so not mapped", !maps_has("libdl_user.so"));

	void *glob = dlopen("libdl_global.so", RTLD_NOW | RTLD_GLOBAL);
	check("dlopen libdl_global.so RTLD_GLOBAL", glob != NULL);
	int (*g)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "global_only");
	check("dlsym(RTLD_DEFAULT, global_only)", g != NULL && g() == 22);
	void *guser = dlopen("libdl_guser.so", RTLD_NOW);
	check("dlopen libdl_guser.so", guser != NULL);
	int (*gu)(void) = guser ? (int (*)(void))dlsym(guser,
					"guser_calls_global") : NULL;
	check("guser_calls_global() binds to libdl_global.so",
	      gu != NULL && gu() == 122);

	/* Promote libdl_local.so to the global scope. */
	void *again = dlopen("libdl_local.so",
			     RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL);
	check("dlopen(RTLD_NOLOAD | RTLD_GLOBAL) gives the same handle",
	      again == loc);
	check("dlsym(RTLD_DEFAULT, local_only) now found",
	      dlsym(RTLD_DEFAULT, "local_only") != NULL);
	user = dlopen("libdl_user.so", RTLD_NOW);
	check("dlopen libdl_user.so now works", user != NULL);
	int (*u)(void) = user ? (int (*)(void))dlsym(user, "user_calls_local")
			      : NULL;
	check("user_calls_local()", u != NULL && u() == 111);
	show_dlerror("dlerror");
}

int next1_marker(void);
int next2_marker(void);

static void next_chain(void)
{
	rt_puts("-- RTLD_NEXT");
	check("libdl_next1.so and libdl_next2.so loaded at start-up",
	      next1_marker() == 1 && next2_marker() == 2);
	chain(0);
	show_dlerror("dlerror after the chain");
}

static void noload_refcount(void)
{
	rt_puts("-- RTLD_NOLOAD and reference counts");
	void *h = dlopen("libdl_rc.so", RTLD_NOW | RTLD_NOLOAD);
	check("RTLD_NOLOAD of a library not loaded is NULL", h == NULL);
	show_dlerror("dlerror (none expected)");
	check("libdl_rc.so still not mapped", !maps_has("libdl_rc.so"));

	void *h1 = dlopen("libdl_rc.so", RTLD_NOW);
	void *h2 = dlopen("libdl_rc.so", RTLD_LAZY);
	void *h3 = dlopen("libdl_rc.so", RTLD_NOW | RTLD_NOLOAD);
	check("dlopen libdl_rc.so", h1 != NULL);
	check("reopening gives the same handle", h2 == h1);
	check("RTLD_NOLOAD of a loaded library gives the same handle",
	      h3 == h1);
	rt_puts("dlclose 1 of 3");
	dlclose(h1);
	check("still mapped", maps_has("libdl_rc.so"));
	rt_puts("dlclose 2 of 3");
	dlclose(h2);
	check("still mapped", maps_has("libdl_rc.so"));
	rt_puts("dlclose 3 of 3");
	check("dlclose returns 0", dlclose(h3) == 0);
	check("unmapped", !maps_has("libdl_rc.so"));
	check("RTLD_NOLOAD after the last dlclose is NULL",
	      dlopen("libdl_rc.so", RTLD_NOW | RTLD_NOLOAD) == NULL);
}

static void nodelete(void)
{
	rt_puts("-- RTLD_NODELETE");
	void *h = dlopen("libdl_nodel.so", RTLD_NOW | RTLD_NODELETE);
	check("dlopen libdl_nodel.so RTLD_NODELETE", h != NULL);
	check("dlclose returns 0", dlclose(h) == 0);
	check("still mapped after dlclose", maps_has("libdl_nodel.so"));
	check("RTLD_NOLOAD still finds it",
	      dlopen("libdl_nodel.so", RTLD_NOW | RTLD_NOLOAD) == h);
}

int main(void)
{
	local_global();
	next_chain();
	noload_refcount();
	nodelete();
	rt_puts("end of main");
	return 0;
}
