/* SPDX-License-Identifier: MIT */
/*
 * versions: binds vfoo twice, explicitly to vfoo@V1 (through the alias
 * vfoo_old) and by default, which the link-time library recorded as V2.
 * The loader must pick the definition by version, not by name alone.
 */
#include "rt.h"

__asm__(".symver vfoo_old, vfoo@V1");
int vfoo_old(void);
int vfoo(void);
int vbar(void);

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	rt_print("vfoo@V1: ");
	rt_print_dec(vfoo_old());
	rt_puts("");
	rt_print("vfoo (default, V2): ");
	rt_print_dec(vfoo());
	rt_puts("");
	rt_print("vbar@V2: ");
	rt_print_dec(vbar());
	rt_puts("");
	return 0;
}
