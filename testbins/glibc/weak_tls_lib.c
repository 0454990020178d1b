/* SPDX-License-Identifier: MIT */
/* libwtls_ie.so and libwtls_gd.so (weak_tls_main.c): a weak reference
 * to a TLS variable that nothing defines, in the initial-exec model
 * (R_*_TPOFF64) or the general-dynamic one (DTPMOD64 and DTPOFF64),
 * from a library without TLS of its own.  glibc's loader leaves such
 * places alone: the library loads. */
extern __thread int weak_tls_var __attribute__((weak));

int WEAK_TLS_FN(void)
{
	return 1;
}

/* Keeps the reference (and its relocations) in the library. */
void *WEAK_TLS_ADDR_FN(void)
{
	return &weak_tls_var;
}
