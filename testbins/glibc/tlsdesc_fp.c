/* SPDX-License-Identifier: MIT */
/*
 * libtlsdescfp.so, dlopen()ed by tlsdesc_main.c: floating-point code
 * that reaches a variable in dynamic TLS through a TLS descriptor.  On
 * x86_64 it is built with -mtls-dialect=gnu2 (aarch64 uses descriptors
 * by default).  BIG is 8 KiB, more than any loader keeps in reserve for
 * dlopen()ed modules, so it is in dynamic TLS: a thread's first access
 * goes through the resolver's slow path, which allocates the block.
 *
 * A compiler treats the descriptor call as preserving every register but
 * its result (and the flags): it keeps floating-point values in vector
 * registers across it.  If the slow path loses them, the results here
 * are wrong.  tlsdesc_probe (tlsdesc_probe_<cpu>.S) checks every
 * register one by one.
 */
__thread double big[1024] = { [7] = 6.0 };

/* A * B is computed before the TLS access and kept in a register across
 * it: with a = 2 and b = 3 the result is 12. */
double tlsdesc_fma(double a, double b)
{
	return a * b + big[7];
}

/* Keeps its operands in vector registers, as far as a compiler can be
 * told to: "x" is an SSE register on x86_64, "w" a SIMD register on
 * aarch64. */
#if defined(__x86_64__)
#define IN_VECTOR_REGISTERS(a, b, c, d, e, f, g, h) \
	__asm__ volatile("" : "+x"(a), "+x"(b), "+x"(c), "+x"(d), \
			 "+x"(e), "+x"(f), "+x"(g), "+x"(h))
#else
#define IN_VECTOR_REGISTERS(a, b, c, d, e, f, g, h) \
	__asm__ volatile("" : "+w"(a), "+w"(b), "+w"(c), "+w"(d), \
			 "+w"(e), "+w"(f), "+w"(g), "+w"(h))
#endif

/* Eight products live across the first access of BIG: the same
 * combination as tlsdesc_many_expected computes without TLS, plus
 * big[7]. */
double tlsdesc_many(const double *v)
{
	double p0 = v[0] * v[1], p1 = v[1] * v[2], p2 = v[2] * v[3];
	double p3 = v[3] * v[4], p4 = v[4] * v[5], p5 = v[5] * v[6];
	double p6 = v[6] * v[7], p7 = v[7] * v[0];

	IN_VECTOR_REGISTERS(p0, p1, p2, p3, p4, p5, p6, p7);
	double k = big[7];
	IN_VECTOR_REGISTERS(p0, p1, p2, p3, p4, p5, p6, p7);
	return p0 + 2 * p1 + 3 * p2 + 4 * p3 + 5 * p4 + 6 * p5 + 7 * p6 +
	       8 * p7 + k;
}

/* This thread's BIG, for checking the address the probe's descriptor
 * call returned. */
double *tlsdesc_big_address(void)
{
	return big;
}
