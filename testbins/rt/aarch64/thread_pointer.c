/* SPDX-License-Identifier: MIT */
/*
 * aarch64 uses TLS variant I: tpidr_el0 points to a 16-byte TCB, and the
 * program's TLS block follows it.
 */
#include <stdint.h>

#include "rt.h"

int rt_thread_pointer_ok(const void *own_tls_var)
{
	uintptr_t tp, var = rt_opaque(own_tls_var);

	__asm__ volatile("mrs %0, tpidr_el0" : "=r"(tp));
	return tp != 0 && var >= tp + 16;
}
