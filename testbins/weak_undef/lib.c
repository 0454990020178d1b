/* SPDX-License-Identifier: MIT */
/*
 * weak_undef: weak references that nothing defines must resolve to 0
 * without an error (the library's come as GLOB_DAT relocations against
 * undefined weak symbols, which the loader has to resolve itself).
 */
#include "rt.h"

extern void wu_missing_fn(void) __attribute__((weak));
extern int wu_missing_data __attribute__((weak));

void wu_lib_present(void)
{
}

void wu_lib_check(void)
{
	rt_puts(wu_missing_fn == NULL ? "wu_lib: weak function is null"
				      : "wu_lib: weak function is NOT null");
	rt_puts(&wu_missing_data == NULL ? "wu_lib: weak data is null"
					 : "wu_lib: weak data is NOT null");
}
