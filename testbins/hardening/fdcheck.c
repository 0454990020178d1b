/* SPDX-License-Identifier: MIT */
/*
 * fdcheck: prints AT_SECURE and what the standard descriptors 0, 1 and 2
 * are (the targets of /proc/self/fd/N, or "closed").  Not a case of its
 * own: tests/secure_mode.py runs a setuid-root copy of it with some of
 * them closed, to see that myld put /dev/null there in secure mode.
 */
#include "rt.h"
#include "rt_arch.h"

#if defined(__x86_64__)
#define SYS_readlinkat 267
#elif defined(__aarch64__)
#define SYS_readlinkat 78
#endif
#define AT_FDCWD_ (-100)
#define AT_SECURE_ 23

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	static char path[] = "/proc/self/fd/0";
	char target[256];

	rt_print("secure: ");
	rt_print_dec((long)rt_getauxval(AT_SECURE_));
	rt_puts("");
	for (int fd = 0; fd < 3; fd++) {
		path[sizeof(path) - 2] = (char)('0' + fd);
		long n = rt_syscall4(SYS_readlinkat, AT_FDCWD_, (long)path,
				     (long)target, sizeof(target) - 1);
		rt_print("fd");
		rt_print_dec(fd);
		rt_print(": ");
		if (n < 0) {
			rt_puts("closed");
			continue;
		}
		target[n] = '\0';
		/* Pipes and sockets have per-run inode numbers. */
		if (!rt_strncmp(target, "pipe:", 5))
			rt_puts("a pipe");
		else
			rt_puts(target);
	}
	return 0;
}
