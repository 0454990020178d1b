/* SPDX-License-Identifier: MIT */
/*
 * versions_both: a library that defines a version (VB1, both.map) and
 * needs one of libver.so (V2, for vfoo).  collide.py then gives the need
 * the index of the definition, as no linker would: see main_both.c.
 */
int vfoo(void);

int vboth(void)
{
	return 100 + vfoo();
}
