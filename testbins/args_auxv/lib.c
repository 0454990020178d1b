/* SPDX-License-Identifier: MIT */
/*
 * args_auxv: a library for the non-PIE program only.  Without any shared
 * library, GNU ld links a non-PIE program statically (no PT_INTERP), and
 * no loader would be involved at all.
 */
const char *aa_lib_name(void)
{
	return "aa_lib";
}
