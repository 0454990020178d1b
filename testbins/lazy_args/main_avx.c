/* SPDX-License-Identifier: MIT */
/*
 * lazy_args_avx: see lib_avx.c.  Twice each, as in main.c.  Expected:
 *   la_avx8  argument m = {m, m + 0.5, -m, 2m, 3m, m - 0.5, 10m, -0.5m},
 *            weighted m, sum of m*m = 204 and of m = 36:
 *            {204, 222, -204, 408, 612, 186, 2040, -102}
 *   la_avx_mixed {1..8} * 0.5 + {10,20,..,80} * 3
 *            = {30.5, 61, 91.5, 122, 152.5, 183, 213.5, 244}
 */
#include <immintrin.h>

#include "lazy_args.h"

__m256 la_avx8(__m256 a, __m256 b, __m256 c, __m256 d, __m256 e, __m256 f,
	       __m256 g, __m256 h);
__m256 la_avx_mixed(__m256 a, double x, __m256 b, int i);

static __m256 arg(float m)
{
	__m256 v = {m, m + 0.5f, -m, 2 * m, 3 * m, m - 0.5f, 10 * m, -0.5f * m};

	return v;
}

static void show(const char *what, __m256 v)
{
	float lanes[8];

	for (int i = 0; i < 8; i++)
		lanes[i] = v[i];
	la_show_lanes(what, lanes, 8);
}

int main(int argc, char **argv, char **envp)
{
	__m256 a = {1, 2, 3, 4, 5, 6, 7, 8};
	__m256 b = {10, 20, 30, 40, 50, 60, 70, 80};

	(void)argc, (void)argv, (void)envp;
	for (int round = 0; round < 2; round++) {
		show("la_avx8", la_avx8(arg(1), arg(2), arg(3), arg(4), arg(5),
					arg(6), arg(7), arg(8)));
		show("la_avx_mixed", la_avx_mixed(a, 0.5, b, 3));
	}
	return 0;
}
