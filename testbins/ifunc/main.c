/* SPDX-License-Identifier: MIT */
/*
 * ifunc: calls, addresses and data pointers of lib_fn, an IFUNC in a
 * library (see lib.c), and prog_fn, an IFUNC in the program
 * (R_*_IRELATIVE).
 *
 * prog_fn's resolver reads ifunc_lib_mode, a variable of the library.  In a
 * gcc PIE on x86_64 and in a non-PIE that is a COPY relocation: the
 * resolver must run after the program's COPY relocations (glibc's order),
 * or it reads 0 and picks the other implementation, and prog_fn(1) is -999
 * instead of 1001.  Where the access goes through the GOT (aarch64 PIE) it
 * must run after GLOB_DAT.  The resolver reads only that: with -z now
 * glibc may run it before the program's other relocations.
 */
#include "rt.h"

extern int ifunc_lib_mode;
int lib_fn(int x);
void *lib_fn_addr(void);
void *lib_fn_data_ptr(void);
int lib_call(int x);

/* An ABS / GLOB_DAT reference to the library's IFUNC from our data. */
int (*const lib_fn_ptr)(int) = lib_fn;

static int prog_impl_after_copy(int x)
{
	return x + 1000;
}

static int prog_impl_before_copy(int x)
{
	return x - 1000;
}

typedef int fn_t(int);

static fn_t *resolve_prog_fn(void)
{
	return ifunc_lib_mode == 7 ? prog_impl_after_copy
				   : prog_impl_before_copy;
}

static int prog_fn(int x) __attribute__((ifunc("resolve_prog_fn")));

/*
 * Through a data pointer (IRELATIVE in .rela.dyn with GNU ld).  Its value
 * is not compared with &prog_fn in the code: GNU ld makes that the PLT
 * entry in a PIE, and the data pointer the function itself, under glibc's
 * loader too.
 */
static int (*volatile prog_fn_ptr)(int) = prog_fn;

int main(int argc, char **argv, char **envp)
{
	int (*volatile fp)(int) = lib_fn;

	(void)argc, (void)argv, (void)envp;
	rt_show_dec("lib_fn(5) through the PLT", lib_fn(5));
	rt_show_dec("lib_fn(5) again, bound", lib_fn(5));
	rt_show_dec("lib_call(6), the library's own PLT call", lib_call(6));
	rt_show_yes("&lib_fn: program == library (GLOB_DAT)",
		    (void *)fp == lib_fn_addr());
	rt_show_yes("&lib_fn: program data == library data (ABS)",
		    (void *)lib_fn_ptr == lib_fn_data_ptr());
	rt_show_yes("&lib_fn: program == program data",
		    (void *)fp == (void *)lib_fn_ptr);
	rt_show_dec("lib_fn(7) through the pointer", fp(7));
	rt_show_dec("lib_fn(8) through the data pointer", lib_fn_ptr(8));
	rt_show_dec("prog_fn(1)", prog_fn(1));
	rt_show_dec("prog_fn(2) through a pointer", prog_fn_ptr(2));
	return 0;
}
