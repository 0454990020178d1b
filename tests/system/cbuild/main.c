/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include "shape.h"

int main(void)
{
	static const struct shape shapes[] = {
		{ "tri", 3, 2.0 }, { "sq", 4, 1.5 }, { "hexagon", 6, 1.0 },
		{ "dodecagon", 12, 0.5 }, { "seg", 1, 3.0 },
	};
	report(shapes, sizeof shapes / sizeof *shapes);
	printf("calls %d\n", shape_calls);
	return 0;
}
