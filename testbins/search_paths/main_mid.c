/* SPDX-License-Identifier: MIT */
/* search_paths: a program needing sp_mid, which needs sp_deep (lib.c). */
#include "rt.h"

const char *sp_mid(void);

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	rt_print("sp_mid found: ");
	rt_puts(sp_mid());
	return 0;
}
