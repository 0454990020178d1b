/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include "shape.h"

void report(const struct shape *s, int n)
{
	for (int i = 0; i < n; i++)
		printf("%-10s %-9s area %10.4f perimeter %7.2f\n", s[i].name,
		       shape_kind(&s[i]), shape_area(&s[i]),
		       shape_perimeter(&s[i]));
}
