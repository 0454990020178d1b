/* SPDX-License-Identifier: MIT */
/* versions: a libver.so without symbol versions, to link old_user against. */
int vfoo(void)
{
	return 0;
}
