/* SPDX-License-Identifier: MIT */
/*
 * relro_table: a program (a PIE: its pointer tables need RELATIVE
 * relocations) and a library, each with thousands of pointers to its own
 * data in a const table, which the linker puts in RELRO, and a writable
 * one.  GNU ld puts RELRO and .data in one writable PT_LOAD; lld gives
 * RELRO a PT_LOAD of its own before .data's, gold one with both.  myld's
 * fast relocation loop must take every layout, and every pointer must be
 * right.
 */
#include "rt.h"
#include "tables.h"

int lib_tables_ok(void);

static int cells[4096];
static int rw_cells[256];
int *const ro[4096] = { P1024(cells, 0) P1024(cells, 1024)
			P1024(cells, 2048) P1024(cells, 3072) };
int *rw[256] = { P256(rw_cells, 0) };

int main(void)
{
	int ok = 0, lib_ok = lib_tables_ok();

	COUNT_OK(ro, cells, 4096, ok);
	COUNT_OK(rw, rw_cells, 256, ok);
	rt_print("program: ");
	rt_print_dec(ok);
	rt_print(" of 4352 pointers right\nlibrary: ");
	rt_print_dec(lib_ok);
	rt_print(" of 2304 pointers right\n");
	return ok == 4352 && lib_ok == 2304 ? 0 : 1;
}
