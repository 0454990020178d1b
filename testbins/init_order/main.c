/* SPDX-License-Identifier: MIT */
/*
 * init_order: who runs which initialiser, in what order, with what
 * arguments.  The loader runs our DT_PREINIT_ARRAY first of all, then the
 * libraries' initialisers (dependencies first); rt_start runs our own
 * DT_INIT_ARRAY, then main.  No destructors here: glibc's fini cannot run
 * for these programs (see fini_order/).
 */
#include "rt.h"

void io_a_touch(void);
void io_cyc1_touch(void);

/* Never called: make the DT_NEEDED entries survive --as-needed. */
void (*const keep[])(void) = {io_a_touch, io_cyc1_touch};

static void preinit(int argc, char **argv, char **envp)
{
	(void)argv, (void)envp;
	rt_print("preinit: program, argc ");
	rt_print_dec(argc);
	rt_puts("");
}

/* Defined in io_a: a relocated entry may name another object's code (a
 * program built with -fsanitize=address names libasan's __asan_init
 * here).  It runs before io_a's own initialisers, as under glibc. */
void io_a_named_by_program(int argc, char **argv, char **envp);

__attribute__((section(".preinit_array"), used))
static const rt_initfn preinit_entries[] = { preinit, io_a_named_by_program };

__attribute__((constructor)) static void init(int argc, char **argv,
					      char **envp)
{
	(void)argv, (void)envp;
	rt_print("init: program, argc ");
	rt_print_dec(argc);
	rt_puts("");
}

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	rt_puts("main");
	return 0;
}
