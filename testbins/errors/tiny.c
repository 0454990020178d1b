/* SPDX-License-Identifier: MIT */
/* errors: a minimal program, raw material for the broken ELF files. */
void _start(void)
{
	for (;;)
		;
}
