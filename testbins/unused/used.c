/* SPDX-License-Identifier: MIT */
/* unused: the library the program does use. */
int used_answer(void)
{
	return 42;
}
