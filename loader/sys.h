/* SPDX-License-Identifier: MIT */
/*
 * loader/sys.h - the system calls myld makes, as thin typed wrappers
 * around the architecture's arch_syscall6().
 *
 * myld has no errno: every wrapper returns the kernel's raw result, which
 * is -errno on failure.  Only the generic system calls that every Linux
 * architecture has are used (openat rather than open, and so on), so
 * this file needs no per-architecture cases.
 */
#ifndef MYLD_SYS_H
#define MYLD_SYS_H

#include <asm/unistd.h>
#include <asm/stat.h>
#include <linux/stat.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/futex.h>
#include <linux/mman.h>
#include <stddef.h>
#include <stdint.h>

#include "arch.h"

#define SYS_FAILED(r) ((unsigned long)(r) > -4096UL)

#define sys_call(n, a, b, c, d, e, f)                                    \
	arch_syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d),     \
		      (long)(e), (long)(f))

static inline long sys_openat(int dirfd, const char *path, int flags)
{
	return sys_call(__NR_openat, dirfd, path, flags, 0, 0, 0);
}

static inline long sys_open(const char *path, int flags)
{
	return sys_openat(AT_FDCWD, path, flags | O_CLOEXEC);
}

static inline long sys_close(int fd)
{
	return sys_call(__NR_close, fd, 0, 0, 0, 0, 0);
}

static inline long sys_read(int fd, void *buf, size_t n)
{
	return sys_call(__NR_read, fd, buf, n, 0, 0, 0);
}

static inline long sys_pread(int fd, void *buf, size_t n, uint64_t off)
{
	return sys_call(__NR_pread64, fd, buf, n, off, 0, 0);
}

static inline long sys_write(int fd, const void *buf, size_t n)
{
	return sys_call(__NR_write, fd, buf, n, 0, 0, 0);
}

struct iovec;
static inline long sys_writev(int fd, const struct iovec *v, int n)
{
	return sys_call(__NR_writev, fd, v, n, 0, 0, 0);
}

static inline long sys_fstat(int fd, struct stat *st)
{
	return sys_call(__NR_fstat, fd, st, 0, 0, 0, 0);
}

/* stat(2), through fstatat: aarch64 has no stat system call. */
static inline long sys_stat(const char *path, struct stat *st)
{
	return sys_call(__NR_newfstatat, AT_FDCWD, path, st, 0, 0, 0);
}

static inline long sys_getdents64(int fd, void *buf, size_t n)
{
	return sys_call(__NR_getdents64, fd, buf, n, 0, 0, 0);
}

static inline long sys_getcwd(char *buf, size_t n)
{
	return sys_call(__NR_getcwd, buf, n, 0, 0, 0, 0);
}

static inline long sys_readlink(const char *path, char *buf, size_t n)
{
	return sys_call(__NR_readlinkat, AT_FDCWD, path, buf, n, 0, 0);
}

static inline void *sys_mmap(void *addr, size_t len, int prot, int flags,
			     int fd, uint64_t off)
{
	return (void *)sys_call(__NR_mmap, addr, len, prot, flags, fd, off);
}

static inline long sys_munmap(void *addr, size_t len)
{
	return sys_call(__NR_munmap, addr, len, 0, 0, 0, 0);
}

static inline long sys_mprotect(void *addr, size_t len, int prot)
{
	return sys_call(__NR_mprotect, addr, len, prot, 0, 0, 0);
}

static inline long sys_execve(const char *path, char *const *argv,
			      char *const *envp)
{
	return sys_call(__NR_execve, path, argv, envp, 0, 0, 0);
}

static inline long sys_getpid(void)
{
	return sys_call(__NR_getpid, 0, 0, 0, 0, 0, 0);
}

/*
 * May the process read the aligned 4-byte word at P?  Asked of the
 * kernel, so that memory mapped without read access costs an error
 * rather than a fault: FUTEX_WAIT reads the word, fails with EFAULT when
 * it cannot, and with a zero timeout never sleeps otherwise.
 */
static inline int sys_word_readable(const void *p)
{
	struct {
		long sec, nsec;
	} no_wait = { 0, 0 };

	return sys_call(__NR_futex, p, FUTEX_WAIT_PRIVATE, 0, &no_wait, 0,
			0) != -EFAULT;
}

__attribute__((noreturn)) static inline void sys_exit(int status)
{
	for (;;)
		sys_call(__NR_exit_group, status, 0, 0, 0, 0, 0);
}

/* For the launch cache's files (launch_cache_file.c). */
static inline long sys_open_mode(const char *path, int flags, int mode)
{
	return sys_call(__NR_openat, AT_FDCWD, path, flags | O_CLOEXEC, mode,
			0, 0);
}

static inline long sys_mkdir(const char *path, int mode)
{
	return sys_call(__NR_mkdirat, AT_FDCWD, path, mode, 0, 0, 0);
}

/* (aarch64 has renameat2 only.) */
static inline long sys_rename(const char *from, const char *to)
{
	return sys_call(__NR_renameat2, AT_FDCWD, from, AT_FDCWD, to, 0, 0);
}

static inline long sys_unlink(const char *path)
{
	return sys_call(__NR_unlinkat, AT_FDCWD, path, 0, 0, 0, 0);
}

#endif
