/* SPDX-License-Identifier: MIT */
#include <string.h>
#include "shape.h"

__thread int shape_calls;

const char *shape_kind(const struct shape *s)
{
	static const char *const kinds[] = { "point", "line", "angle",
					     "triangle", "square" };
	shape_calls++;
	if (s->sides >= 0 && s->sides < (int)(sizeof kinds / sizeof *kinds))
		return kinds[s->sides];
	return strlen(s->name) > 4 ? "polygon" : "shape";
}
