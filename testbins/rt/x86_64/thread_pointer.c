/* SPDX-License-Identifier: MIT */
/*
 * x86_64 uses TLS variant II: %fs:0 holds the thread pointer itself, which
 * must be the fs base the kernel has (arch_prctl ARCH_GET_FS), and the
 * program's TLS block lies below it.
 */
#include <stdint.h>

#include "rt.h"
#include "rt_arch.h"

#define RT_SYS_arch_prctl 158
#define RT_ARCH_GET_FS    0x1003

int rt_thread_pointer_ok(const void *own_tls_var)
{
	uintptr_t tp, base = 0, var = rt_opaque(own_tls_var);

	__asm__ volatile("movq %%fs:0, %0" : "=r"(tp));
	rt_syscall3(RT_SYS_arch_prctl, RT_ARCH_GET_FS, (long)&base, 0);
	return tp != 0 && tp == base && var < tp;
}
