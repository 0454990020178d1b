/* SPDX-License-Identifier: MIT */
/*
 * maps_dump: prints its own /proc/self/maps, the kernel's facts that
 * tests/check_explain_map.py compares --explain's picture with.  It
 * uses maps_lib so that a library with RELRO is mapped too.
 */
#include "rt.h"

const void *maps_lib_table(void);

static char maps[1 << 17];

int main(void)
{
	long n = rt_maps_read(maps, sizeof(maps));

	if (n <= 0 || !maps_lib_table())
		return 1;
	rt_write(1, maps, (size_t)n);
	return 0;
}
