/* SPDX-License-Identifier: MIT */
/* The 'cbuild' workload of tests/check_system_workloads.py: a shared
 * library (shape.c, area.c) and a program (main.c, report.c). */
#ifndef SHAPE_H
#define SHAPE_H
struct shape {
	const char *name;
	int sides;
	double size;
};
extern __thread int shape_calls;
double shape_area(const struct shape *s);
double shape_perimeter(const struct shape *s);
const char *shape_kind(const struct shape *s);
void report(const struct shape *s, int n);
#endif
