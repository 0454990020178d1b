/* SPDX-License-Identifier: MIT */
/* libflat.so: what maps_flat loads and unloads 20,000 times: a
 * constructor, TLS and a relocation against libc (kept to one object, so
 * that 20,000 cycles stay affordable under qemu). */
#include <string.h>

static __thread int uses;
static int ready;

__attribute__((constructor)) static void flat_init(void)
{
	ready = (int)strlen("ready");
}

int flat_value(void)
{
	return ready + ++uses;
}
