/* SPDX-License-Identifier: MIT */
/* lazy_args: the vector type and the print helpers of the programs. */
#ifndef LAZY_ARGS_H
#define LAZY_ARGS_H

#include "rt.h"

/* Four floats in one vector register: xmm on x86_64, q on aarch64. */
#if defined(__x86_64__)
#include <xmmintrin.h>
typedef __m128 vec4;
#elif defined(__aarch64__)
#include <arm_neon.h>
typedef float32x4_t vec4;
#else
#error "unsupported architecture"
#endif

/* X to four decimals; every value printed here is exact in binary. */
static inline void la_print_fixed(double x)
{
	long ip, frac;

	if (x < 0) {
		rt_print("-");
		x = -x;
	}
	ip = (long)x;
	frac = (long)((x - (double)ip) * 10000.0 + 0.5);
	rt_print_dec(ip);
	rt_print(".");
	for (long d = 1000; d > 0; d /= 10)
		rt_print_dec(frac / d % 10);
}

static inline void la_show(const char *what, double x)
{
	rt_print(what);
	rt_print(": ");
	la_print_fixed(x);
	rt_puts("");
}

static inline void la_show_lanes(const char *what, const float *lanes, int n)
{
	rt_print(what);
	rt_print(":");
	for (int i = 0; i < n; i++) {
		rt_print(" ");
		la_print_fixed(lanes[i]);
	}
	rt_puts("");
}

#endif
