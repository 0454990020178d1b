/* SPDX-License-Identifier: MIT */
/*
 * relocs: rel_data owns the data and the function the others refer to.
 * The program is non-PIE by default, so its accesses to rel_counter and
 * rel_arr make copy relocations: the program's copy becomes THE object,
 * and this library's own accesses (through GLOB_DAT) must see it.
 */
int rel_counter = 5;
int rel_arr[8] = {0, 10, 20, 30, 40, 50, 60, 70};

int rel_fn(void)
{
	return 77;
}

int rel_get_counter(void)
{
	return rel_counter;
}
