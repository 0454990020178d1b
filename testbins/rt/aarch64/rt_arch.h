/* SPDX-License-Identifier: MIT */
/* aarch64 raw syscalls for the testbin runtime (Linux syscall ABI). */
#ifndef RT_ARCH_H
#define RT_ARCH_H

#define RT_SYS_openat      56
#define RT_SYS_close       57
#define RT_SYS_read        63
#define RT_SYS_write       64
#define RT_SYS_exit_group  94

static inline long rt_syscall4(long n, long a, long b, long c, long d)
{
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;

	__asm__ volatile("svc #0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3)
			 : "memory");
	return x0;
}

static inline long rt_syscall3(long n, long a, long b, long c)
{
	return rt_syscall4(n, a, b, c, 0);
}

#endif
