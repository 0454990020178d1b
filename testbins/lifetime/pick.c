/* SPDX-License-Identifier: MIT */
/* libpick.so: calls glob_pick(), which it does not define and has no
 * DT_NEEDED for: the lazy binder finds it in the global scope, where
 * dlclose_index put libglob3..5.so with RTLD_GLOBAL. */
int glob_pick(void);
int glob_6_value(void);

int pick_call(void)
{
	return glob_pick();
}

int pick_six(void)
{
	return glob_6_value();
}
