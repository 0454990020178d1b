/* SPDX-License-Identifier: MIT */
/*
 * tls_odd: the program's initial-exec view and lib_odd's own view
 * (TLSDESC) of a TLS block whose p_vaddr % p_align is 8 (see lib_odd.c).
 * Unlike tls, it calls no __tls_get_addr, so glibc's loader runs it too:
 * that also checks the libc-free thread pointer set-up (as in tls/main.c).
 */
#include "rt.h"

__thread long p_data = 5;
extern __thread long odd_data;
extern __thread char odd_al64[64];

long odd_tls_align(void);
long odd_tls_misalign(void);
long *odd_addr_data(void);
char *odd_addr_al64(void);

int main(int argc, char **argv, char **envp)
{
	int zero = 1;

	(void)argc, (void)argv, (void)envp;
	rt_show_yes("thread pointer set up", rt_thread_pointer_ok(&p_data));
	rt_show_dec("LE p_data", p_data);
	rt_show_dec("lib_odd PT_TLS p_align", odd_tls_align());
	rt_show_dec("lib_odd PT_TLS p_vaddr % p_align", odd_tls_misalign());
	rt_show_dec("IE odd_data", odd_data);
	rt_show_yes("odd_data: IE in program == lib_odd's own address",
		    rt_opaque(&odd_data) == rt_opaque(odd_addr_data()));
	rt_show_yes("odd_al64 aligned to 64",
		    (rt_opaque(odd_addr_al64()) & 63) == 0);
	rt_show_yes("odd_al64: IE in program == lib_odd's own address",
		    rt_opaque(odd_al64) == rt_opaque(odd_addr_al64()));
	for (int i = 0; i < 64; i++)
		zero &= odd_al64[i] == 0;
	rt_show_yes("odd_al64 is zero", zero);
	odd_al64[5] = 9;
	rt_show_dec("odd_al64[5] after the program's write, through lib_odd",
		    odd_addr_al64()[5]);
	return 0;
}
