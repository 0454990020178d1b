/* SPDX-License-Identifier: MIT */
/*
 * tls: a library with local-dynamic accesses: one __tls_get_addr call for
 * the module (R_*_DTPMOD64 with no symbol), then link-time offsets.
 */
#define LD_MODEL __attribute__((tls_model("local-dynamic")))

static __thread long ld_a LD_MODEL = 0x4444;
static __thread long ld_b LD_MODEL;
static __thread char ld_al64[64] LD_MODEL __attribute__((aligned(64))) = "ld-al64";

long *ld_addr_a(void)
{
	return &ld_a;
}

long *ld_addr_b(void)
{
	return &ld_b;
}

char *ld_addr_al64(void)
{
	return ld_al64;
}

/* Several variables in one function: one module base, several offsets. */
long ld_sum(void)
{
	return ld_a + ld_b + ld_al64[0];
}

void ld_set_b(long v)
{
	ld_b = v;
}
