/* SPDX-License-Identifier: MIT */
/* The demo's second library, a dependency of libshapes.so. */
#include "rt.h"

__attribute__((constructor)) static void colors_init(void)
{
	rt_puts("[init] libcolors.so: constructor runs first (no dependencies)");
}

const char *color_name(int i)
{
	static const char *const colors[] = { "red", "green", "blue", "gold" };

	return colors[i % 4];
}
