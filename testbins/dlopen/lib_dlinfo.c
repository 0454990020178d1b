/* SPDX-License-Identifier: MIT */
/*
 * dlopen: the libraries of main_dlinfo.c.  One source, four builds (their
 * search paths are in meson.build):
 *   -DLIB_ditls    libdl_ditls.so: one thread-local long, so that its
 *                  address is the start of the library's TLS block;
 *                  general dynamic (__tls_get_addr, from myld);
 *   -DLIB_dirun    libdl_dirun.so: a RUNPATH, and DF_1_NODEFLIB;
 *   -DLIB_dirpath  libdl_dirpath.so: an RPATH; needs libdl_didep.so;
 *   -DLIB_didep    libdl_didep.so.
 */
#if defined(LIB_ditls)
static __thread long ditls_var = 5;

long *ditls_addr(void)
{
	return &ditls_var;
}
#elif defined(LIB_dirun)
int dirun_value(void)
{
	return 1;
}
#elif defined(LIB_didep)
int didep_value(void)
{
	return 2;
}
#elif defined(LIB_dirpath)
int didep_value(void);

/* The call keeps the DT_NEEDED (the toolchain links with --as-needed). */
int dirpath_value(void)
{
	return didep_value() + 1;
}
#endif
