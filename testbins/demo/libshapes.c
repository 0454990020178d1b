/* SPDX-License-Identifier: MIT */
/*
 * The demo's first library.  It needs libcolors.so, so myld loads that
 * one too, and runs its constructor first.
 */
#include "rt.h"

const char *color_name(int i);

__attribute__((constructor)) static void shapes_init(void)
{
	rt_puts("[init] libshapes.so: constructor runs after libcolors.so's");
}

/* The program defines its own shape_count(); this one loses. */
int shape_count(void)
{
	return 3;
}

void describe_shapes(void)
{
	static const char *const shapes[] = { "circle", "square", "triangle" };

	for (int i = 0; i < shape_count(); i++) {
		rt_print("  a ");
		rt_print(color_name(i));
		rt_print(" ");
		rt_puts(shapes[i % 3]);
	}
}
