/* SPDX-License-Identifier: MIT */
/*
 * lazy_args_avx: __m256 arguments (ymm0-ymm7, compiled with -mavx)
 * through a lazily bound call.  The upper halves of the ymm registers
 * survive the trampoline only if nothing on the way touches them.
 */
#include <immintrin.h>

__m256 la_avx8(__m256 a, __m256 b, __m256 c, __m256 d, __m256 e, __m256 f,
	       __m256 g, __m256 h)
{
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h;
}

__m256 la_avx_mixed(__m256 a, double x, __m256 b, int i)
{
	return a * (float)x + b * (float)i;
}
