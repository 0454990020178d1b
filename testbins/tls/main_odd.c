/* SPDX-License-Identifier: MIT */
/*
 * tls_odd: the program's initial-exec view and lib_odd's own view
 * (TLSDESC) of a TLS block whose p_vaddr % p_align is 8 (see lib_odd.c).
 * Unlike tls, it calls no __tls_get_addr, so glibc's loader runs it too:
 * that also checks the libc-free thread pointer set-up (as in tls/main.c).
 */
#include "rt.h"
#include "rt_arch.h"

#include <stdint.h>

__thread long p_data = 5;
extern __thread long odd_data;
extern __thread char odd_al64[64];

long odd_tls_align(void);
long odd_tls_misalign(void);
long *odd_addr_data(void);
char *odd_addr_al64(void);

static uintptr_t opaque(const void *p)
{
	uintptr_t v = (uintptr_t)p;

	__asm__("" : "+r"(v));
	return v;
}

static int thread_pointer_ok(void)
{
	uintptr_t tp, data = opaque(&p_data);
#if defined(__x86_64__)
	uintptr_t base = 0;

	__asm__ volatile("movq %%fs:0, %0" : "=r"(tp));
	rt_syscall3(158 /* arch_prctl */, 0x1003 /* ARCH_GET_FS */,
		    (long)&base, 0);
	return tp != 0 && tp == base && data < tp;
#elif defined(__aarch64__)
	__asm__ volatile("mrs %0, tpidr_el0" : "=r"(tp));
	return tp != 0 && data >= tp + 16;
#else
#error "unsupported architecture"
#endif
}

static void val(const char *what, long v)
{
	rt_print(what);
	rt_print(": ");
	rt_print_dec(v);
	rt_puts("");
}

static void yes(const char *what, int ok)
{
	rt_print(what);
	rt_puts(ok ? ": yes" : ": NO");
}

int main(int argc, char **argv, char **envp)
{
	int zero = 1;

	(void)argc, (void)argv, (void)envp;
	yes("thread pointer set up", thread_pointer_ok());
	val("LE p_data", p_data);
	val("lib_odd PT_TLS p_align", odd_tls_align());
	val("lib_odd PT_TLS p_vaddr % p_align", odd_tls_misalign());
	val("IE odd_data", odd_data);
	yes("odd_data: IE in program == lib_odd's own address",
	    opaque(&odd_data) == opaque(odd_addr_data()));
	yes("odd_al64 aligned to 64", (opaque(odd_addr_al64()) & 63) == 0);
	yes("odd_al64: IE in program == lib_odd's own address",
	    opaque(odd_al64) == opaque(odd_addr_al64()));
	for (int i = 0; i < 64; i++)
		zero &= odd_al64[i] == 0;
	yes("odd_al64 is zero", zero);
	odd_al64[5] = 9;
	val("odd_al64[5] after the program's write, through lib_odd",
	    odd_addr_al64()[5]);
	return 0;
}
