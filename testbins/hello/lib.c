/* SPDX-License-Identifier: MIT */
/* hello: the simplest library, returning a string and a number. */
const char *hello_greeting(void)
{
	return "hello from the library";
}

int hello_answer(void)
{
	return 42;
}
