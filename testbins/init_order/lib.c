/* SPDX-License-Identifier: MIT */
/*
 * init_order: one source for the libraries, selected by -DLIB_x.
 *
 *   program -> io_a, io_cyc1     io_a -> io_b
 *   io_cyc1 -> io_cyc2 -> io_cyc1 (a cycle)
 *
 * io_b also has a DT_INIT function (-Wl,-init=io_b_dt_init), which runs
 * before its DT_INIT_ARRAY.  Every DT_NEEDED edge is backed by a symbol
 * reference (*_touch) so that --as-needed keeps it.
 */
#include "rt.h"

#if defined(LIB_a)
#define NAME "io_a"
void io_b_touch(void);
void io_a_touch(void)
{
	io_b_touch();
}

/* In the program's DT_PREINIT_ARRAY (see main.c). */
void io_a_named_by_program(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	rt_puts("preinit: io_a's function, from the program's array");
}
#elif defined(LIB_b)
#define NAME "io_b"
void io_b_touch(void)
{
}

void io_b_dt_init(void)
{
	rt_puts("init: io_b (DT_INIT)");
}
#elif defined(LIB_cyc1)
#define NAME "io_cyc1"
void io_cyc2_touch(void);
void io_cyc1_touch(void)
{
	io_cyc2_touch();
}
#elif defined(LIB_cyc2)
#define NAME "io_cyc2"
void io_cyc1_touch(void);
void io_cyc2_touch(void)
{
	io_cyc1_touch();
}
#endif

__attribute__((constructor)) static void init(int argc, char **argv,
					      char **envp)
{
	(void)envp;
	rt_print("init: " NAME ", argc ");
	rt_print_dec(argc);
	rt_print(", argv[1] ");
	rt_puts(argc > 1 ? argv[1] : "(none)");
}
