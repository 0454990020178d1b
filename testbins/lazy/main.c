/* SPDX-License-Identifier: MIT */
/*
 * lazy: programs linked against stub/liblazy_dep.so and run against
 * liblazy_dep.so, which lacks never_called and missing_lazy.  -DPROG_x:
 *   deferred    refers to never_called only in a branch never taken (a
 *               JUMP_SLOT and nothing else).  Built lazy it runs; built
 *               -z now, or run with LD_BIND_NOW=1, it must not start.
 *   unresolved  calls missing_lazy after printing a line: with lazy binding
 *               the line is printed, then the first call fails.
 */
#include "rt.h"

int lazy_present(int x);

#if defined(PROG_deferred)
void never_called(void);
#elif defined(PROG_unresolved)
int missing_lazy(void);
#endif

int main(int argc, char **argv, char **envp)
{
	(void)argv, (void)envp;
	rt_print("lazy_present(1): ");
	rt_print_dec(lazy_present(1));
	rt_puts("");
#if defined(PROG_deferred)
	if (argc > 99)
		never_called();
	rt_print("lazy_present(2), bound: ");
	rt_print_dec(lazy_present(2));
	rt_puts("");
#elif defined(PROG_unresolved)
	(void)argc;
	rt_puts("calling missing_lazy");
	missing_lazy();
	rt_puts("missing_lazy returned");
#endif
	return 0;
}
