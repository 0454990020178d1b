/* SPDX-License-Identifier: MIT */
/*
 * relro_table's library: 2048 pointers to its own data in a const table
 * (RELRO) and 256 in a writable one, so 2304 RELATIVE relocations, split
 * over two writable PT_LOADs where lld (and patchelf) lay them out so.
 */
#include "tables.h"

static int lib_cells[2048];
static int lib_rw_cells[256];
int *const lib_ro[2048] = { P1024(lib_cells, 0) P1024(lib_cells, 1024) };
int *lib_rw[256] = { P256(lib_rw_cells, 0) };

/* How many of the library's 2304 pointers are right. */
int lib_tables_ok(void)
{
	int ok = 0;

	COUNT_OK(lib_ro, lib_cells, 2048, ok);
	COUNT_OK(lib_rw, lib_rw_cells, 256, ok);
	return ok;
}
