/* SPDX-License-Identifier: MIT */
/*
 * tls: a library whose own accesses are initial-exec (-ftls-model=
 * initial-exec): R_X86_64_TPOFF64 / R_AARCH64_TLS_TPREL64 in its GOT, and
 * DF_STATIC_TLS.  Also an 8-aligned .tdata, a 64-aligned .tdata array and
 * a .tbss variable.
 */
__thread long ie_data = 0x2222;
__thread long ie_bss;
__thread char ie_al64[64] __attribute__((aligned(64))) = "ie-al64";

long *ie_addr_data(void)
{
	return &ie_data;
}

long *ie_addr_bss(void)
{
	return &ie_bss;
}

char *ie_addr_al64(void)
{
	return ie_al64;
}

long ie_read_bss(void)
{
	return ie_bss;
}
