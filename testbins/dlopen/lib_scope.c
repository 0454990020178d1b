/* SPDX-License-Identifier: MIT */
/*
 * dlopen: the libraries of main_scope.c, one source built several ways.
 *   libdl_local.so   defines local_only (opened RTLD_LOCAL)
 *   libdl_user.so    calls local_only, so it loads only when local_only
 *                    is in the global scope
 *   libdl_global.so  defines global_only (opened RTLD_GLOBAL)
 *   libdl_guser.so   calls global_only
 *   libdl_next1.so,
 *   libdl_next2.so   each define chain(), which calls the next definition
 *                    found with dlsym(RTLD_NEXT) (the program has the first)
 *   libdl_nodel.so   opened with RTLD_NODELETE
 *   libdl_rc.so      opened twice: reference counting
 */
#include "dltest.h"

#if defined(LIB_local)
int local_only(void)
{
	return 11;
}
#elif defined(LIB_user)
int local_only(void);
int user_calls_local(void)
{
	return local_only() + 100;
}
#elif defined(LIB_global)
int global_only(void)
{
	return 22;
}
#elif defined(LIB_guser)
int global_only(void);
int guser_calls_global(void)
{
	return global_only() + 100;
}
#elif defined(LIB_next1) || defined(LIB_next2)
/* Referenced by the program, so that the link keeps the DT_NEEDED
 * entry even under --as-needed (this gcc's default). */
#ifdef LIB_next1
#define NAME "lib1"
int next1_marker(void)
{
	return 1;
}
#else
#define NAME "lib2"
int next2_marker(void)
{
	return 2;
}
#endif
void chain(int depth)
{
	rt_print("chain: " NAME " at depth ");
	rt_print_dec(depth);
	rt_puts("");
	void (*next)(int) = (void (*)(int))dlsym(RTLD_NEXT, "chain");
	if (next)
		next(depth + 1);
	else
		show_dlerror("chain: end, " NAME "'s dlsym(RTLD_NEXT) fails");
}
#elif defined(LIB_nodel) || defined(LIB_rc)
#ifdef LIB_nodel
#define NAME "nodel"
#else
#define NAME "rc"
#endif
__attribute__((destructor)) static void fini(void)
{
	rt_puts("fini " NAME);
}
#endif
