/* SPDX-License-Identifier: MIT */
/* unused: a library the program lists in DT_NEEDED but never uses. */
int unused_never_called(void)
{
	return 1;
}
