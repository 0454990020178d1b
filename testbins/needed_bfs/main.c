/* SPDX-License-Identifier: MIT */
/* needed_bfs: see lib.c for the dependency graph. */
#include "rt.h"

const char *which(void);
const char *bfs_a_calls_which(void);
void bfs_b_uses(void);

/* Never called: makes the program need bfs_b despite --as-needed. */
void (*const keep_bfs_b)(void) = bfs_b_uses;

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	rt_print("main: which() from the program: ");
	rt_puts(which());
	rt_print("main: which() from bfs_a: ");
	rt_puts(bfs_a_calls_which());
	return 0;
}
