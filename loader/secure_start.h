/* SPDX-License-Identifier: MIT */
/*
 * loader/secure_start.h - secure mode applied to the starting process:
 * the standard descriptors and the environment.  The policy itself is
 * secure.c's; rtld.c calls these once, in secure mode only.
 */
#ifndef MYLD_SECURE_START_H
#define MYLD_SECURE_START_H

/* Reopen a closed descriptor 0, 1 or 2 as secure.c says.  If that gives
 * anything but the expected device at that number, exit with status 127
 * without a message: the message would go to a descriptor that cannot
 * be trusted. */
void secure_start_fds(void);

/* Does /etc/suid-debug exist?  Then, as with glibc, LD_DEBUG stays on
 * for privileged programs (its output still goes to stderr only). */
int secure_start_debug_allowed(void);

/* Remove the unsecure variables from the NULL-terminated ENVP, in place,
 * and let the C library's personality clean its own (glibc's tunables),
 * before anything else reads it: libc, the program, every child it
 * starts.  With TRACE (LD_TRACE_LOADED_OBJECTS), then exit silently. */
void secure_start_clean_environment(char **envp, int trace);

#endif
