/* SPDX-License-Identifier: MIT */
/* x86_64 raw syscalls for the testbin runtime (Linux syscall ABI). */
#ifndef RT_ARCH_H
#define RT_ARCH_H

#define RT_SYS_read        0
#define RT_SYS_write       1
#define RT_SYS_close       3
#define RT_SYS_openat      257
#define RT_SYS_exit_group  231

static inline long rt_syscall3(long n, long a, long b, long c)
{
	long ret;

	/* The kernel clobbers rcx and r11 (return address and flags). */
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long rt_syscall4(long n, long a, long b, long c, long d)
{
	long ret;
	register long r10 __asm__("r10") = d;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10)
			 : "rcx", "r11", "memory");
	return ret;
}

#endif
