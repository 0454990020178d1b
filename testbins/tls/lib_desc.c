/* SPDX-License-Identifier: MIT */
/*
 * tls: a library accessing TLS through descriptors: -mtls-dialect=gnu2 on
 * x86_64 (R_X86_64_TLSDESC), GCC's default on aarch64
 * (R_AARCH64_TLSDESC).  Its own exported variables, a static one (one
 * descriptor for the module base, _TLS_MODULE_BASE_), a 64-aligned .tbss
 * array, and lib_gd's gd_data (another module).
 */
__thread long desc_data = 0x5555;
__thread long desc_bss;
static __thread long desc_static = 0x6666;
__thread char desc_al64[64] __attribute__((aligned(64)));

extern __thread long gd_data;

long *desc_addr_data(void)
{
	return &desc_data;
}

long *desc_addr_bss(void)
{
	return &desc_bss;
}

long *desc_addr_static(void)
{
	return &desc_static;
}

char *desc_addr_al64(void)
{
	return desc_al64;
}

long *desc_addr_gd_data(void)
{
	return &gd_data;
}

void desc_write_gd_data(long v)
{
	gd_data = v;
}
