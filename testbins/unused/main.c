/* SPDX-License-Identifier: MIT */
/*
 * unused: a program with one DT_NEEDED library (libunused_dep.so) from
 * which it uses nothing, and one (libhello-like used_dep) it calls.
 * LD_DEBUG=unused must name the first as an unused direct dependency.
 */
#include "rt.h"

int used_answer(void);

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	rt_print("answer: ");
	rt_print_dec(used_answer());
	rt_puts("");
	return 0;
}
