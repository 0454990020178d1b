/* SPDX-License-Identifier: MIT */
/*
 * errors: programs that must not start.  One source, -DPROG_x:
 *   missing_lib   needs libmissing.so, which exists only at link time;
 *   undef         refers to missing_one and missing_two, absent at run time:
 *                 missing_one from data (a .rela.dyn relocation), missing_two
 *                 by a call (.rela.plt), so relocation order is fixed:
 *                 DT_RELA before DT_JMPREL;
 *   vmissing      calls vnew@V3, and the run-time libvneg.so has no V3;
 *   vundef        calls vbar@V2; V2 exists at run time, vbar does not.
 * All are linked -z now, so an eager (glibc-like) loader fails at start-up
 * rather than at the first call.
 */
#include "rt.h"

#if defined(PROG_missing_lib)
void missing_lib_fn(void);
#define CALLS missing_lib_fn()
#elif defined(PROG_undef)
void missing_one(void);
void missing_two(void);
void (*const take_missing_one)(void) = missing_one;
#define CALLS missing_two()
#elif defined(PROG_vmissing)
int vnew(void);
#define CALLS vnew()
#elif defined(PROG_vundef)
int vbar(void);
#define CALLS vbar()
#endif

int main(int argc, char **argv, char **envp)
{
	(void)argv, (void)envp;
	rt_puts("main must not be reached");
	if (argc > 99)
		CALLS;
	return 0;
}
