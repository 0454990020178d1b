/* SPDX-License-Identifier: MIT */
/* libfzaux.so: the dlopen host's own library, never mutated. */
int fzaux_value(void)
{
	return 8;
}
