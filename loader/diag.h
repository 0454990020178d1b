/* SPDX-License-Identifier: MIT */
/*
 * loader/diag.h - how myld reports problems.
 *
 * Fatal problems during start-up print one line,
 *     myld: <object>: <what is wrong>
 * on stderr and exit with status 127 (diag_die).  Some problems are
 * worth collecting before giving up, such as every undefined symbol of a
 * program: diag_error prints the line and remembers that start-up has
 * failed, and diag_exit_if_failed ends the process at the end of the
 * stage.
 */
#ifndef MYLD_DIAG_H
#define MYLD_DIAG_H

#define DIAG_EXIT_STATUS 127

__attribute__((noreturn, format(printf, 2, 3)))
void diag_die(const char *object, const char *fmt, ...);

__attribute__((format(printf, 2, 3)))
void diag_error(const char *object, const char *fmt, ...);

__attribute__((format(printf, 2, 3)))
void diag_warn(const char *object, const char *fmt, ...);

void diag_exit_if_failed(void);

/* Formatted output to a file descriptor, with no allocation. */
__attribute__((format(printf, 2, 3)))
void diag_printf(int fd, const char *fmt, ...);

/* The text for a -errno value returned by a system call. */
const char *diag_strerror(long err);

#endif
