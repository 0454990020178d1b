/* SPDX-License-Identifier: MIT */
/* search_paths: a program needing sp_one (see lib.c). */
#include "rt.h"

const char *sp_one(void);
const char *sp_which(void);

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	rt_print("sp_one: ");
	rt_puts(sp_one());
	rt_print("sp_which: ");
	rt_puts(sp_which());
	return 0;
}
