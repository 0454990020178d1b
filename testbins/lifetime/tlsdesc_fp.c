/* SPDX-License-Identifier: MIT */
/* TLSDESC with floating-point arguments: libtlsdesc.so's
 * tlsdesc_compute(a, b) returns a * b + big[7], big a __thread double
 * array reached through a TLS descriptor; with a = 2, b = 3, big[7] = 6
 * the answer is exactly 12, on the first access of a thread (the
 * descriptor's dynamic path, which allocates the thread's block) and on
 * later ones.
 *
 * The expected value is stated here, not taken from glibc: glibc 2.36's
 * x86_64 _dl_tlsdesc_dynamic calls __tls_get_addr, which may call malloc,
 * without saving the vector registers the psABI says a descriptor call
 * preserves, so under glibc's loader the first access in a thread returns
 * garbage (glibc bug 31372, fixed in 2.40).  tests/check_lifetime.py
 * knows that the reference run is wrong there. */
#include "common.h"

static double (*compute)(double, double);
static double results[3];

static void *first_in_thread(void *arg)
{
	(void)arg;
	results[1] = compute(2.0, 3.0);
	return NULL;
}

int main(int argc, char **argv)
{
	static const char *what[] = {
		"main, first access", "new thread, first access",
		"main, second access",
	};
	int wrong = 0;

	lt_start(argc, argv);
	void *h = lt_open("libtlsdesc.so", RTLD_NOW);
	compute = (double (*)(double, double))lt_sym(h, "tlsdesc_compute");
	results[0] = compute(2.0, 3.0);
	lt_join(lt_thread(first_in_thread, NULL));
	results[2] = compute(2.0, 3.0);
	for (int i = 0; i < 3; i++) {
		printf("%s: 2 * 3 + 6 = %.17g%s\n", what[i], results[i],
		       results[i] == 12.0 ? "" : " (expected 12)");
		wrong += results[i] != 12.0;
	}
	return wrong != 0;
}
