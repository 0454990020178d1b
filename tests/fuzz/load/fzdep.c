/* SPDX-License-Identifier: MIT */
/*
 * libfzdep.so: the dependency of libfz.so in the load-fuzz seeds
 * (tests/fuzz/loadfuzz.c).  It exports versioned symbols (fzdep.map), so a
 * mutation of the version tables of either library reaches the version
 * checks, and data that libfz.so reaches through its GOT.
 */
int fzdep_table[4] = {10, 20, 30, 40};

int fzdep_value(int x)
{
	return x + fzdep_table[1];
}

int fzdep_twice(int x)
{
	return 2 * x;
}
