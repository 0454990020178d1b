/* SPDX-License-Identifier: MIT */
/*
 * hardening: the library.  Its table of pointers needs relocations, so
 * the linker puts it in .data.rel.ro, under PT_GNU_RELRO.
 */
static const char *const names[] = {"alpha", "beta", "gamma"};

const char *const *hardening_lib_table(void)
{
	return names;
}
