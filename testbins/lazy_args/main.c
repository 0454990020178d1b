/* SPDX-License-Identifier: MIT */
/*
 * lazy_args: float, double, vector, integer and variadic arguments through
 * lazily bound calls (see lib.c).  Each function is called twice: first
 * through the lazy trampoline, then through the bound slot.  The expected
 * values (expected/lazy_args.out) are worked out by hand:
 *   la_mix   0.5 + 2*1.25 + 3*2.75 + 4*3 + 5*-4.5 + 6*5 + 7*6.125 + 8*7
 *            + 9*-8.25 + 10*9.5 + 11*10.0625 = 261.0625
 *   la_fsum8 sum of m * (m - 0.5), m = 1..8 = 204 - 18 = 186
 *   la_ints  arguments 1..9, argument m weighted 10^(m-1) = 987654321
 *   la_vsum  1.5 + 2.25 + 3 + 4.25 = 11
 *   la_vec8  argument m = {m, m + 0.5, -m, 2m}, weighted m:
 *            {204, 204 + 18, -204, 408}
 *   la_vec_mixed {1,2,3,4} * 0.5 + {10,20,30,40} * 3 = {30.5,61,91.5,122}
 */
#include "lazy_args.h"

double la_mix(double a, float b, double c, int i, float d, long j, double e,
	      float f, double g, double h, double k);
float la_fsum8(float a, float b, float c, float d, float e, float f, float g,
	       float h);
long la_ints(long a, long b, long c, long d, long e, long f, long g, long h,
	     long i);
double la_vsum(int n, ...);
vec4 la_vec8(vec4 a, vec4 b, vec4 c, vec4 d, vec4 e, vec4 f, vec4 g, vec4 h);
vec4 la_vec_mixed(vec4 a, double d, vec4 b, int i);

static vec4 arg(float m)
{
	vec4 v = {m, m + 0.5f, -m, 2 * m};

	return v;
}

static void show_vec(const char *what, vec4 v)
{
	float lanes[4] = {v[0], v[1], v[2], v[3]};

	la_show_lanes(what, lanes, 4);
}

int main(int argc, char **argv, char **envp)
{
	vec4 a = {1, 2, 3, 4}, b = {10, 20, 30, 40};

	(void)argc, (void)argv, (void)envp;
	for (int round = 0; round < 2; round++) {
		la_show("la_mix", la_mix(0.5, 1.25f, 2.75, 3, -4.5f, 5, 6.125,
					 7.0f, -8.25, 9.5, 10.0625));
		la_show("la_fsum8", la_fsum8(0.5f, 1.5f, 2.5f, 3.5f, 4.5f,
					     5.5f, 6.5f, 7.5f));
		rt_print("la_ints: ");
		rt_print_dec(la_ints(1, 2, 3, 4, 5, 6, 7, 8, 9));
		rt_puts("");
		la_show("la_vsum", la_vsum(4, 1.5, 2.25, 3.0, 4.25));
		show_vec("la_vec8", la_vec8(arg(1), arg(2), arg(3), arg(4),
					    arg(5), arg(6), arg(7), arg(8)));
		show_vec("la_vec_mixed", la_vec_mixed(a, 0.5, b, 3));
	}
	return 0;
}
