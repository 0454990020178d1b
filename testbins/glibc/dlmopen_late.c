/* SPDX-License-Identifier: MIT */
/*
 * testbins/glibc/dlmopen_late.c - libdmlate.so calls dm_bump without a
 * DT_NEEDED on the library that defines it: the call binds only where
 * the namespace's global scope has it (a namespace whose first object
 * is libdmlib.so).
 */
int dm_bump(void);

int dm_late_bump(void)
{
	return dm_bump();
}
