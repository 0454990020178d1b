/* SPDX-License-Identifier: MIT */
/*
 * lazy_args: functions the program calls through lazily bound PLT slots,
 * with arguments in every argument register class: the first call of each
 * goes through myld's lazy trampoline and resolver, which must leave the
 * vector registers (never touched: myld is built with general registers
 * only), the general argument registers, %rax (the vector register count
 * of a variadic call on x86_64) and the stack arguments intact.
 */
#include <stdarg.h>

#include "lazy_args.h"

/* xmm0-xmm7 / d0-d7 (a..h, floats and doubles mixed), k on the stack. */
double la_mix(double a, float b, double c, int i, float d, long j, double e,
	      float f, double g, double h, double k)
{
	return a + 2 * b + 3 * c + 4 * i + 5 * d + 6 * j + 7 * e + 8 * f +
	       9 * g + 10 * h + 11 * k;
}

/* Eight floats in registers, returning a float. */
float la_fsum8(float a, float b, float c, float d, float e, float f, float g,
	       float h)
{
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h;
}

/* Six integer registers and three stack arguments: digit i is argument i. */
long la_ints(long a, long b, long c, long d, long e, long f, long g, long h,
	     long i)
{
	return a + 10 * b + 100 * c + 1000 * d + 10000 * e + 100000 * f +
	       1000000 * g + 10000000 * h + 100000000 * i;
}

/* Variadic: on x86_64 %al must still say how many vector registers. */
double la_vsum(int n, ...)
{
	va_list ap;
	double s = 0;

	va_start(ap, n);
	while (n-- > 0)
		s += va_arg(ap, double);
	va_end(ap);
	return s;
}

/* Eight vectors: every vector argument register. */
vec4 la_vec8(vec4 a, vec4 b, vec4 c, vec4 d, vec4 e, vec4 f, vec4 g, vec4 h)
{
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h;
}

/* Vectors, a double and an int mixed. */
vec4 la_vec_mixed(vec4 a, double d, vec4 b, int i)
{
	return a * (float)d + b * (float)i;
}
