/* SPDX-License-Identifier: MIT */
/*
 * weak_undef: weak references that nothing defines must resolve to 0
 * without an error (the library's come as GLOB_DAT relocations against
 * undefined weak symbols, which the loader has to resolve itself).
 * And a symbol of value 0 that is a definition: the program's absolute
 * wu_abs_zero, which must not fail as undefined.
 */
#include "rt.h"

extern void wu_missing_fn(void) __attribute__((weak));
extern int wu_missing_data __attribute__((weak));
extern char wu_abs_zero[], wu_abs_five[];	/* absolute, in the program */

void wu_lib_present(void)
{
}

void wu_lib_check(void)
{
	rt_puts(wu_missing_fn == NULL ? "wu_lib: weak function is null"
				      : "wu_lib: weak function is NOT null");
	rt_puts(&wu_missing_data == NULL ? "wu_lib: weak data is null"
					 : "wu_lib: weak data is NOT null");
	rt_puts(rt_opaque(wu_abs_zero) == 0 && rt_opaque(wu_abs_five) == 5
			? "wu_lib: absolute symbols are 0 and 5"
			: "wu_lib: absolute symbols are wrong");
}
