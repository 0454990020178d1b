/* SPDX-License-Identifier: MIT */
/*
 * many_libs: a program needing ten libraries and calling 300 of their
 * functions, enough that myld looks symbols up through its index of the
 * global scope (reloc_bind.c, reloc_build_scope_index) rather than object by
 * object.  The answers must be the ones the scope order gives.
 */
#include "rt.h"

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define FN(l, i) CAT(CAT(CAT(lib, l), _f), i)
#define DECL(l, i) int FN(l, i)(void);
#define CALL(l, i) sum += FN(l, i)();
#define ALL(M, l) M(l, 0) M(l, 1) M(l, 2) M(l, 3) M(l, 4) M(l, 5) M(l, 6) \
	M(l, 7) M(l, 8) M(l, 9) M(l, 10) M(l, 11) M(l, 12) M(l, 13)       \
	M(l, 14) M(l, 15) M(l, 16) M(l, 17) M(l, 18) M(l, 19) M(l, 20)    \
	M(l, 21) M(l, 22) M(l, 23) M(l, 24) M(l, 25) M(l, 26) M(l, 27)    \
	M(l, 28) M(l, 29)
#define EVERY_LIB(M) ALL(M, 0) ALL(M, 1) ALL(M, 2) ALL(M, 3) ALL(M, 4) \
	ALL(M, 5) ALL(M, 6) ALL(M, 7) ALL(M, 8) ALL(M, 9)

EVERY_LIB(DECL)
int shared_name(void);
int weak_name(void);
int lib7_calls_program_first(void);
int lib9_nothere(void) __attribute__((weak));

int program_first(void)
{
	return 42;
}

int main(void)
{
	long sum = 0;

	EVERY_LIB(CALL)
	/* sum over l, i of 100 l + i = 30 * 100 * 45 + 10 * 435 */
	rt_print("sum of 300 calls: ");
	rt_print_dec(sum);
	rt_puts("");
	rt_print("shared_name from library ");
	rt_print_dec(shared_name() - 1000);
	rt_puts("");
	rt_print("weak_name from library ");
	rt_print_dec(weak_name() - 2000);
	rt_puts("");
	rt_print("lib7 reaches program_first: ");
	rt_print_dec(lib7_calls_program_first());
	rt_puts("");
	rt_puts(lib9_nothere ? "weak undefined is set" : "weak undefined is null");
	return 0;
}
