/* SPDX-License-Identifier: MIT */
/*
 * testbins/glibc/dlmopen_plain.c - libdmplain.so: a counter, and no C
 * library (no DT_NEEDED at all), so that a namespace made for it is
 * cheap: dlmopen_main.c fills every namespace with it, and
 * dlmopen_stress.c opens and closes it from several threads.
 */
static int counter;

int plain_bump(void)
{
	return ++counter;
}
