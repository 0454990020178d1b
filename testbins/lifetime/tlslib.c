/* SPDX-License-Identifier: MIT */
/* libtlsdyn.so and libtlsother.so (TLS_TAG 1 and 2): dynamic TLS of a
 * dlopened library, general-dynamic accesses.  The 16 KiB of .tbss keep
 * the block out of any static TLS surplus a loader may use for small
 * dlopened blocks, so every thread gets its block on first access. */
static __thread int counter = 1000 * TLS_TAG;
static __thread char big[16384];

/* Adds D to this thread's counter; returns it.  big must still be as
 * this thread left it: zero but for the bytes it set itself. */
int tls_bump(int d)
{
	if (big[100] != (char)((counter - 1000 * TLS_TAG) & 0x7f))
		return -1;
	counter += d;
	big[100] = (char)((counter - 1000 * TLS_TAG) & 0x7f);
	return counter;
}

int *tls_counter_addr(void)
{
	return &counter;
}
