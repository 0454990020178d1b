/* SPDX-License-Identifier: MIT */
/* testbins/glibc/audited.c - libaudited.so, what audit_main calls. */
int audited_value(void)
{
	return 1;
}


int audited_twice(int x)
{
	return 2 * x;
}

/* Its first argument arrives in a vector register. */
float audited_scale(float x, int n)
{
	return x * (float)n;
}

/* Ten integer arguments: the last ones on the stack (four on x86_64,
 * two on aarch64), which the audit trampoline copies when la_pltexit is
 * wanted. */
long audited_sum10(long a, long b, long c, long d, long e, long f, long g,
		   long h, long i, long j)
{
	return a + b + 2 * c + 3 * d + 4 * e + 5 * f + 6 * g + 7 * h +
	       8 * i + 9 * j;
}

/* The auditor's la_symbind64 answers LA_SYMB_NOPLTENTER for it. */
int audited_quiet(int x)
{
	return x + 1;
}

/* Its la_pltenter asks for a frame but answers LA_SYMB_NOPLTEXIT. */
int audited_noexit(int x)
{
	return x + 2;
}

/* A call from this library to itself: the auditor's la_objopen gives
 * libaudited.so LA_FLG_BINDTO only, so la_symbind64 is not called. */
int audited_helper(int x)
{
	return x * 3;
}

int audited_inner(int x)
{
	return audited_helper(x) + 1;
}
