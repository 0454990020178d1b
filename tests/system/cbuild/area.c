/* SPDX-License-Identifier: MIT */
#include <math.h>
#include "shape.h"

double shape_area(const struct shape *s)
{
	shape_calls++;
	if (s->sides < 3)
		return 0;
	return s->sides * s->size * s->size / (4 * tan(M_PI / s->sides));
}

double shape_perimeter(const struct shape *s)
{
	shape_calls++;
	return s->sides * s->size;
}
