/* SPDX-License-Identifier: MIT */
/*
 * dlopen: the libraries of main_err.c (one source, several builds).
 *   libdl_undef.so        needs libdl_leaf.so and calls nowhere_fn,
 *                         which nothing defines
 *   libdl_undefdep.so     needs libdl_undef.so
 *   libdl_needsmissing.so needs libdl_newdep.so, which needs
 *                         libdl_missing.so: only stub/ has that one
 *   libdl_vneed.so        calls vfn@V9 of libdl_vdef.so; stub/ has V9,
 *                         the run-time libdl_vdef.so only V1 (vdef.map)
 *   libdl_vdef.so         (-DLIB_vdef) defines vfn, and in its run-time
 *                         build (-DVDEF_VERSIONS) vdup@V1, vdup@@V2 and
 *                         vold@V1
 *   libdl_missing.so      (stub/ only)
 */
#include "rt.h"

#if defined(LIB_undef)
int nowhere_fn(void);
int leaf_value(void);
int undef_calls(void)
{
	return nowhere_fn() + leaf_value();
}

__attribute__((constructor)) static void init(void)
{
	rt_puts("init undef");
}
#elif defined(LIB_undefdep)
int undef_calls(void);
int undefdep_calls(void)
{
	return undef_calls();
}
#elif defined(LIB_needsmissing)
/* Each calls into its dependency, so that the link keeps the DT_NEEDED
 * entry even under --as-needed (this gcc's default). */
int newdep_fn(void);
int needsmissing_fn(void)
{
	return newdep_fn() + 1;
}
#elif defined(LIB_newdep)
int missing_fn(void);
int newdep_fn(void)
{
	return missing_fn() + 2;
}
#elif defined(LIB_missing)
int missing_fn(void)
{
	return 3;
}
#elif defined(LIB_vdef)
int vfn(void)
{
	return 4;
}
#ifdef VDEF_VERSIONS
/*
 * The run-time build only (vdef.map): vdup twice, as a hidden vdup@V1
 * kept for old users and as the default vdup@@V2, and vold only as a
 * hidden vold@V1.  main_err.c asks dlsym and dlvsym for them.
 */
__asm__(".symver vdup_v1, vdup@V1");
__asm__(".symver vdup_v2, vdup@@V2");
__asm__(".symver vold_v1, vold@V1");

int vdup_v1(void)
{
	return 1;
}

int vdup_v2(void)
{
	return 2;
}

int vold_v1(void)
{
	return 5;
}
#endif
#elif defined(LIB_vneed)
int vfn(void);
int vneed_calls(void)
{
	return vfn();
}
#endif
