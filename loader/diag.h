/* SPDX-License-Identifier: MIT */
/*
 * loader/diag.h - how myld reports problems.
 *
 * The same loading code runs at start-up and under dlopen, and a problem
 * means something different in each:
 *
 *  - at start-up it is fatal: one line,
 *        myld: <object>: <what is wrong>
 *    on stderr, and exit status 127, control bytes in names escaped
 *    (\n, \x1b).  Some problems are worth collecting
 *    before giving up, such as every undefined symbol of a program:
 *    diag_error prints the line and remembers the failure, and
 *    diag_exit_if_failed ends the process at the end of the stage;
 *  - under dlopen (after diag_begin_runtime) nothing is printed: the
 *    first problem becomes the dlerror message "<object>: <what is
 *    wrong>", and the operation unwinds by return values.
 *
 * So code that can run in both calls diag_fail (or diag_error) and
 * propagates the failure; diag_die is for what is fatal in both, such
 * as a lazy-binding failure in the middle of the program.
 */
#ifndef MYLD_DIAG_H
#define MYLD_DIAG_H

#define DIAG_EXIT_STATUS 127

__attribute__((noreturn, format(printf, 2, 3)))
void diag_die(const char *object, const char *fmt, ...);

__attribute__((format(printf, 2, 3)))
void diag_error(const char *object, const char *fmt, ...);

/* Report a problem (see above).  Returns -1, or does not return at
 * start-up. */
__attribute__((format(printf, 2, 3)))
int diag_fail(const char *object, const char *fmt, ...);

/* From now on problems are dlerror messages.  Called at hand-off. */
void diag_begin_runtime(void);

/*
 * At start-up, for an operation whose failure is not fatal (loading an
 * auditor, which glibc then ignores): ON makes problems dlerror
 * messages, as after hand-off, until called again with 0.
 */
void diag_startup_recoverable(int on);

/* Start a dlopen-like operation: forget an earlier failure. */
void diag_begin_operation(void);

/* Has the current operation (or start-up) failed? */
int diag_failed(void);

/*
 * The calling thread's pending dlerror message, or NULL; reading it
 * clears it.  Set directly with diag_set_dlerror when a problem has no
 * object to name.  Each thread has its own; call these, and
 * diag_forget_thread, under the loader lock.
 */
const char *diag_take_dlerror(void);
__attribute__((format(printf, 1, 2)))
void diag_set_dlerror(const char *fmt, ...);

/* The thread whose thread pointer is THREAD starts or ends: it has no
 * dlerror message. */
void diag_forget_thread(void *thread);

/*
 * A warning: "myld: warning: <object>: ...".  At start-up it is held
 * back until diag_flush_warnings (the hand-off calls it through
 * diag_begin_runtime), so that a fatal error is never preceded by one.
 */
__attribute__((format(printf, 2, 3)))
void diag_warn(const char *object, const char *fmt, ...);
void diag_flush_warnings(void);

void diag_exit_if_failed(void);

/* End the process with the pending dlerror message, which already names
 * its object, as the fatal line. */
__attribute__((noreturn)) void diag_die_pending(void);

/* Formatted output to a file descriptor, with no allocation and no
 * limit on its length: longer output is written in parts. */
__attribute__((format(printf, 2, 3)))
void diag_printf(int fd, const char *fmt, ...);

/* A fmt_sink drain (lib.h) writing to the file descriptor its context
 * points to (an int), all of it. */
struct fmt_sink;
void diag_drain_to_fd(struct fmt_sink *sink);

/* The text for a -errno value returned by a system call. */
const char *diag_strerror(long err);

#endif
