/* SPDX-License-Identifier: MIT */
/*
 * Libraries for lifetime_main's index case.  LT_SIDE_B defines
 * lt_g0 .. lt_g99; LT_SIDE_A defines lt_f0 .. lt_f99, each calling
 * lt_gN through its PLT (lazily bound, to libltidx_b.so in the global
 * scope); LT_SIDE_C (built four times) only adds an object to the
 * global scope, which the program later dlcloses.
 */
#define LT_REPEAT10(M, t) M(t##0) M(t##1) M(t##2) M(t##3) M(t##4) \
	M(t##5) M(t##6) M(t##7) M(t##8) M(t##9)
#define LT_REPEAT100(M) LT_REPEAT10(M, ) LT_REPEAT10(M, 1) \
	LT_REPEAT10(M, 2) LT_REPEAT10(M, 3) LT_REPEAT10(M, 4) \
	LT_REPEAT10(M, 5) LT_REPEAT10(M, 6) LT_REPEAT10(M, 7) \
	LT_REPEAT10(M, 8) LT_REPEAT10(M, 9)

#if defined(LT_SIDE_B)
#define DEFINE_G(n) int lt_g##n(int x) { return x + 1; }
LT_REPEAT100(DEFINE_G)
#elif defined(LT_SIDE_A)
#define DEFINE_F(n) int lt_g##n(int); int lt_f##n(int x) { return lt_g##n(x) * 2; }
LT_REPEAT100(DEFINE_F)
#else
int LT_C_NAME(void)
{
	return 7;
}
#endif
