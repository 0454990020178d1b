/* SPDX-License-Identifier: MIT */
/* weak_undef: see lib.c.  Also a weak reference that does get defined. */
#include "rt.h"

extern void wu_missing_fn(void) __attribute__((weak));
extern int wu_missing_data __attribute__((weak));
extern void wu_lib_present(void) __attribute__((weak));
void wu_lib_check(void);

/* Absolute symbols the library reads through its GOT. */
__asm__(".globl wu_abs_zero\n.set wu_abs_zero, 0\n"
	".globl wu_abs_five\n.set wu_abs_five, 5\n");

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	rt_puts(wu_missing_fn == NULL ? "weak is null"
				      : "weak is NOT null");
	rt_puts(&wu_missing_data == NULL ? "weak data is null"
					 : "weak data is NOT null");
	rt_puts(wu_lib_present != NULL ? "weak but defined is not null"
				       : "weak but defined is NULL");
	wu_lib_check();
	return 0;
}
