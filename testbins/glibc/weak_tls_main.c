/* SPDX-License-Identifier: MIT */
/* The weak_tls case: two libraries with a weak reference to an
 * undefined TLS variable (weak_tls_lib.c) load and run. */
#include <stdio.h>

int weak_tls_ie(void);
int weak_tls_gd(void);

int main(void)
{
	printf("initial-exec library loaded: %d\n", weak_tls_ie());
	printf("general-dynamic library loaded: %d\n", weak_tls_gd());
	return 0;
}
