/* SPDX-License-Identifier: MIT */
/*
 * maps: a table of pointers that needs RELATIVE relocations, so it lands
 * in .data.rel.ro, inside PT_GNU_RELRO: writable while the loader
 * relocates, read-only afterwards.
 */
static const char *const table[] = {"alpha", "beta", "gamma"};

const void *maps_lib_table(void)
{
	return table;
}
