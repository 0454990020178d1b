/* SPDX-License-Identifier: MIT */
/*
 * dlopen: the TLS libraries of main_tls.c.  One source, three builds:
 *   -DLIB_tgd    libdl_tgd.so: general dynamic, the traditional dialect
 *                (calls __tls_get_addr, from myld: it links against it);
 *   -DLIB_tdesc  libdl_tdesc.so: TLS descriptors (-mtls-dialect=gnu2 on
 *                x86_64, GCC's default on aarch64);
 *   -DLIB_tie    libdl_tie.so: initial-exec, small enough for the static
 *                TLS surplus, the only way it can be dlopened.
 * The GD and TLSDESC libraries have a 4 KiB .tbss array, more than the
 * static surplus (1664 bytes), so their blocks are dynamic: allocated by
 * __tls_get_addr or the TLSDESC resolver on first access.
 */
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#if defined(LIB_tgd)
#define P(x) CAT(gd_, x)
#define INIT 0x1111
#define BIG 4096
#elif defined(LIB_tdesc)
#define P(x) CAT(desc_, x)
#define INIT 0x2222
#define BIG 4096
#elif defined(LIB_tie)
#define P(x) CAT(ie_, x)
#define INIT 0x3333
#define BIG 64
#endif

__thread long P(data) = INIT;
__thread char P(str)[16] = "tls string";
__thread long P(bss);
__thread char P(big)[BIG] __attribute__((aligned(64)));

long *P(addr_data)(void)
{
	return &P(data);
}

char *P(addr_str)(void)
{
	return P(str);
}

long *P(addr_bss)(void)
{
	return &P(bss);
}

char *P(addr_big)(void)
{
	return P(big);
}
