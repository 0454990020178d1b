/* SPDX-License-Identifier: MIT */
/*
 * One of the ten libraries of many_libs, compiled with -DLIB=n.  Each
 * defines 30 functions of its own, lib<n>_f<i>, plus "shared_name" (the
 * first library in load order must win it, unless the program defines
 * it) and "weak_name" (weak in library 0, strong in the others: the
 * first definition still wins, weak or not).
 */
#include "rt.h"

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define FN(i) CAT(CAT(CAT(lib, LIB), _f), i)
#define DEFINE(i) int FN(i)(void) { return LIB * 100 + i; }

DEFINE(0) DEFINE(1) DEFINE(2) DEFINE(3) DEFINE(4) DEFINE(5) DEFINE(6)
DEFINE(7) DEFINE(8) DEFINE(9) DEFINE(10) DEFINE(11) DEFINE(12)
DEFINE(13) DEFINE(14) DEFINE(15) DEFINE(16) DEFINE(17) DEFINE(18)
DEFINE(19) DEFINE(20) DEFINE(21) DEFINE(22) DEFINE(23) DEFINE(24)
DEFINE(25) DEFINE(26) DEFINE(27) DEFINE(28) DEFINE(29)

int shared_name(void)
{
	return 1000 + LIB;
}

#if LIB == 0
__attribute__((weak))
#endif
int weak_name(void)
{
	return 2000 + LIB;
}

/* Called through this library's own PLT: the program's definition
 * interposes, whatever library it is. */
int program_first(void)
{
	return 3000 + LIB;
}

int CAT(CAT(lib, LIB), _calls_program_first)(void)
{
	return program_first();
}
