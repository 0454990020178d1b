/* SPDX-License-Identifier: MIT */
/* The weak_tls case: three libraries with a weak reference to an
 * undefined TLS variable (weak_tls_lib.c) load and run. */
#include <stddef.h>
#include <stdio.h>

int weak_tls_ie(void);
int weak_tls_gd(void);
int weak_tls_desc(void);
void *weak_tls_addr_desc(void);

int main(void)
{
	printf("initial-exec library loaded: %d\n", weak_tls_ie());
	printf("general-dynamic library loaded: %d\n", weak_tls_gd());
	printf("TLS descriptor library loaded: %d\n", weak_tls_desc());
	/* A descriptor for a variable nothing defines answers a null
	 * pointer (the other models' answers are not defined). */
	printf("its weak variable's address is null: %d\n",
	       weak_tls_addr_desc() == NULL);
	return 0;
}
