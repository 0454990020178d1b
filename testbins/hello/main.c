/* SPDX-License-Identifier: MIT */
/*
 * hello: a program with one DT_NEEDED library.  Prints what the library
 * returns and exits with 7, so a loader that loses the exit status (or
 * never reaches main) is caught.
 */
#include "rt.h"

const char *hello_greeting(void);
int hello_answer(void);

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	rt_puts(hello_greeting());
	rt_print("answer: ");
	rt_print_dec(hello_answer());
	rt_puts("");
	return 7;
}
