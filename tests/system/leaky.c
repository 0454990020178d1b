/* SPDX-License-Identifier: MIT */
/* The 'valgrind' workload of tests/check_system_workloads.py: memcheck
 * must find the same errors in it under myld as natively: a read past a
 * block, a branch on an uninitialised value, and a definite leak. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int __attribute__((noinline)) past_the_end(const char *p, size_t n)
{
	return p[n];
}

int main(void)
{
	char *block = malloc(16);
	int *undefined = malloc(sizeof *undefined);
	char *kept = malloc(100);

	memset(block, 'x', 16);
	printf("read past the end: %d\n", past_the_end(block, 16) != 0);
	if (*undefined == 42)
		puts("the answer");
	strcpy(kept, "leaked");
	printf("%s\n", kept);
	free(block);
	free(undefined);
	kept = NULL;
	return 0;
}
