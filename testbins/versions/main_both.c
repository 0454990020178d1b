/* SPDX-License-Identifier: MIT */
/*
 * versions_both: libver_both.so's need of vfoo@V2 (from libver.so) and
 * its definition of vboth@VB1 carry the same version index (collide.py).
 * The library's reference must still find the need and its definition
 * the definition: vboth@VB1 is found, and calls vfoo@V2, which returns 2.
 * (glibc's loader keeps only the definition under that index, so it
 * looks for vfoo@VB1 and refuses the library: no reference run.)
 */
#include "rt.h"

int vboth(void);

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	rt_print("vboth@VB1: ");
	rt_print_dec(vboth());
	rt_puts("");
	return 0;
}
