/* SPDX-License-Identifier: MIT */
/*
 * tls: a library with general-dynamic accesses (__tls_get_addr with
 * R_*_DTPMOD64 / DTPOFF64 against symbols), including a 4096-aligned
 * variable, the program's exported p_shared (module of the program) and
 * lib_ie's ie_data (another library's module).  On aarch64 it is built with
 * -mtls-dialect=trad, since TLSDESC is GCC's default there.  It lists the
 * system loader in DT_NEEDED so that __tls_get_addr is in scope under both
 * glibc's loader and myld.
 */
__thread long gd_data = 0x3333;
__thread long gd_bss;
__thread int gd_al4k __attribute__((aligned(4096))) = 44;

extern __thread long p_shared;
extern __thread long ie_data;

long *gd_addr_data(void)
{
	return &gd_data;
}

long *gd_addr_bss(void)
{
	return &gd_bss;
}

int *gd_addr_al4k(void)
{
	return &gd_al4k;
}

long *gd_addr_p_shared(void)
{
	return &p_shared;
}

long *gd_addr_ie_data(void)
{
	return &ie_data;
}

long gd_read_ie_data(void)
{
	return ie_data;
}

void gd_write_p_shared(long v)
{
	p_shared = v;
}
