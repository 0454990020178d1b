/* SPDX-License-Identifier: MIT */
/* libflat.so: what maps_flat loads and unloads 20,000 times: a
 * constructor, TLS, a DT_NEEDED (libplain.so) and a lazy call into it. */
int plain_value(void);

static __thread int uses;
static int ready;

__attribute__((constructor)) static void flat_init(void)
{
	ready = 1;
}

int flat_value(void)
{
	return ready + plain_value() + ++uses;
}
