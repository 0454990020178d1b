/* SPDX-License-Identifier: MIT */
/*
 * fini_order: destructors, run by the fini function the loader passes to
 * _start (see rt/crt.c).  Two destructors in one object check that a
 * DT_FINI_ARRAY runs backwards: "second" is registered after "first".
 */
#include "rt.h"

void fo_a_touch(void);

/* Never called: make the DT_NEEDED entry survive --as-needed. */
void (*const keep)(void) = fo_a_touch;

__attribute__((constructor)) static void init(void)
{
	rt_puts("init: program");
}

__attribute__((destructor)) static void fini_first(void)
{
	rt_puts("fini: program, first in its array");
}

__attribute__((destructor)) static void fini_second(void)
{
	rt_puts("fini: program, second in its array");
}

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	rt_puts("main");
	return 5;
}
