/* SPDX-License-Identifier: MIT */
/*
 * search_paths: the libraries, selected by -DLIB_x; WHERE names the
 * directory a copy was built for, so output shows which copy was found.
 *   sp_one   what most programs need; lives in sub/
 *   sp_mid   lives in sub/, needs sp_deep, has no RPATH/RUNPATH of its own
 *   sp_deep  two copies, sub/ and alt/
 *   sp_pre   preloaded; interposes on sp_one's sp_which
 */
#if defined(LIB_one)
const char *sp_one(void)
{
	return "sp_one from " WHERE;
}

const char *sp_which(void)
{
	return "sp_one";
}
#elif defined(LIB_mid)
const char *sp_deep(void);

const char *sp_mid(void)
{
	return sp_deep();
}
#elif defined(LIB_deep)
const char *sp_deep(void)
{
	return "sp_deep from " WHERE;
}
#elif defined(LIB_pre)
const char *sp_which(void)
{
	return "sp_pre (preloaded)";
}
#endif
