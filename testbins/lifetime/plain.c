/* SPDX-License-Identifier: MIT */
/* libplain.so: a small library to dlopen and dlclose in a loop. */
static int counter;

__attribute__((constructor)) static void plain_init(void)
{
	counter = 42;
}

int plain_value(void)
{
	return counter;
}
