/* SPDX-License-Identifier: MIT */
/*
 * The C half of program start-up, called by _start in <arch>/start.S.
 *
 * Division of labour, the same as between glibc's ld.so and libc:
 *  - the loader runs the program's DT_PREINIT_ARRAY and every library's
 *    DT_INIT / DT_INIT_ARRAY before jumping to _start;
 *  - this code runs the program's own DT_INIT_ARRAY, calls main, then calls
 *    the loader's fini function, which runs the DT_FINI_ARRAY / DT_FINI of
 *    every initialised object, the program's included.  So we must not run
 *    the program's fini array ourselves.
 *
 * RT_NO_FINI: when set in the environment, the fini function is not called.
 * The integration driver sets it when running under glibc's ld.so, whose
 * _dl_fini asserts when called from a program without glibc's libc (see
 * tests/run_testbin.py).
 */
#include "rt.h"

#include <stdint.h>

int main(int argc, char **argv, char **envp);

/* Defined by the linker around .init_array; weak in case there is none. */
extern const rt_initfn __init_array_start[]
	__attribute__((weak, visibility("hidden")));
extern const rt_initfn __init_array_end[]
	__attribute__((weak, visibility("hidden")));

__attribute__((noreturn)) void rt_start(long *sp, void (*fini)(void));

void rt_start(long *sp, void (*fini)(void))
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	int status;

	rt_entry_sp_aligned = ((uintptr_t)sp & 15) == 0;
	rt_argc = argc;
	rt_argv = argv;
	rt_envp = envp;

	for (const rt_initfn *f = __init_array_start; f < __init_array_end; f++)
		(*f)(argc, argv, envp);

	status = main(argc, argv, envp);

	if (fini && !rt_getenv("RT_NO_FINI"))
		fini();
	rt_exit(status);
}
