/* SPDX-License-Identifier: MIT */
/* Generates 200 functions (or anything else) numbered 100 to 299:
 * LT_200(M) expands to M(100) M(101) ... M(299).  The numbers start at 100
 * so that every one is a three-digit decimal literal (no octal 0NN). */
#ifndef LIFETIME_GEN200_H
#define LIFETIME_GEN200_H

#define LT_CAT(a, b) LT_CAT_(a, b)
#define LT_CAT_(a, b) a##b

#define LT_TEN(M, p) M(p##0) M(p##1) M(p##2) M(p##3) M(p##4) \
	M(p##5) M(p##6) M(p##7) M(p##8) M(p##9)
#define LT_200(M) LT_TEN(M, 10) LT_TEN(M, 11) LT_TEN(M, 12) \
	LT_TEN(M, 13) LT_TEN(M, 14) LT_TEN(M, 15) LT_TEN(M, 16) \
	LT_TEN(M, 17) LT_TEN(M, 18) LT_TEN(M, 19) LT_TEN(M, 20) \
	LT_TEN(M, 21) LT_TEN(M, 22) LT_TEN(M, 23) LT_TEN(M, 24) \
	LT_TEN(M, 25) LT_TEN(M, 26) LT_TEN(M, 27) LT_TEN(M, 28) \
	LT_TEN(M, 29)
#define LT_FIRST 100
#define LT_COUNT 200

/* What function number N returns for X: each function's own answer. */
#define LT_VALUE(n, x) ((x) * 3 + (n))

#endif
