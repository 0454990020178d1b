/* SPDX-License-Identifier: MIT */
/*
 * copy-pie: data a gcc PIE program refers to directly (see main.c).  This
 * library's own accesses go through its GOT (GLOB_DAT, the symbols being
 * preemptible), so it must see the program's copies.  cp_name is itself
 * relocated here (RELATIVE, to our own string): the loader must relocate
 * this library before it copies cp_name into the program.
 */
int cp_int = 11;
int cp_arr[4] = {100, 200, 300, 400};
const char *cp_name = "copied pointer";
long cp_bss;

int cp_get_int(void)
{
	return cp_int;
}

int cp_get_arr(int i)
{
	return cp_arr[i];
}

long cp_get_bss(void)
{
	return cp_bss;
}

void cp_set_arr(int i, int v)
{
	cp_arr[i] = v;
}

const void *cp_addr_int(void)
{
	return &cp_int;
}

const void *cp_addr_arr(void)
{
	return cp_arr;
}
