/* SPDX-License-Identifier: MIT */
/* libtlsdesc.so: dynamic TLS reached through TLS descriptors (on x86_64
 * built with -mtls-dialect=gnu2; TLSDESC is aarch64's default).  The
 * 8 KiB block is too large for a static TLS surplus, so each thread's
 * first access takes the descriptor's dynamic path, which allocates the
 * block.  A descriptor call may clobber only the result register (x86_64
 * %rax, aarch64 x0): A and B, live in floating-point registers across
 * the access, must survive it. */
__thread double big[1024] = { [7] = 6.0 };

double tlsdesc_compute(double a, double b)
{
	double product = a * b;

	/* The product stays in a vector register across the descriptor
	 * call: the compiler knows such a call preserves it. */
	return product + big[7];
}
