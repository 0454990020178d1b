/* SPDX-License-Identifier: MIT */
/*
 * loader/secure_start.c - see secure_start.h.  What to do comes from
 * secure.c; this file only makes the system calls.
 */
#include "libc_compat.h"
#include "lib.h"
#include "secure.h"
#include "secure_start.h"
#include "sys.h"

/* The kernel's encoding of a device number in struct stat's st_rdev. */
static int is_device(uint64_t rdev, unsigned major, unsigned minor)
{
	return ((rdev >> 8) & 0xfff) == major &&
	       ((rdev & 0xff) | ((rdev >> 12) & 0xfff00)) == minor;
}

void secure_start_fds(void)
{
	for (int fd = 0; fd < 3; fd++) {
		if (sys_call(__NR_fcntl, fd, F_GETFD, 0, 0, 0, 0) != -EBADF)
			continue;
		struct secure_fd_plan plan = secure_standard_fd_plan(fd);
		/* O_NOFOLLOW: a symbolic link in place of the device is
		 * refused rather than followed somewhere else. */
		int flags = (plan.write_only ? O_WRONLY : O_RDONLY) |
			    O_NOFOLLOW;
		struct stat st;
		long nfd = sys_openat(AT_FDCWD, plan.path, flags);

		/* The lowest free number is FD, since the ones below are
		 * open by now: anything else means the descriptor table is
		 * not what it seems. */
		if (nfd != fd || SYS_FAILED(sys_fstat(fd, &st)) ||
		    (st.st_mode & S_IFMT) != S_IFCHR ||
		    !is_device(st.st_rdev, plan.rdev_major, plan.rdev_minor))
			sys_exit(127);
	}
}

int secure_start_debug_allowed(void)
{
	return sys_call(__NR_faccessat, AT_FDCWD, "/etc/suid-debug", 0 /* F_OK */, 0,
			0, 0) == 0;
}

static int drop_unsafe(const char *var, void *ctx)
{
	(void)ctx;
	return secure_unsafe_variable(var);
}

void secure_start_clean_environment(char **envp, int trace)
{
	secure_remove_variables(envp, drop_unsafe, NULL);
	libc_compat_secure_environment(envp, secure_start_debug_allowed());
	if (trace)
		sys_exit(SECURE_TRACE_EXIT_STATUS);
}
