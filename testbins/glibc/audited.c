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
