/* SPDX-License-Identifier: MIT */
/*
 * loader/cmdline.h - myld run as a command: its options, and the modes
 * that only report something and exit (--help, --version, --verify,
 * --list-tunables, --list-diagnostics).
 */
#ifndef MYLD_CMDLINE_H
#define MYLD_CMDLINE_H

#include <elf.h>
#include <stdint.h>

/* What myld was asked to do: one mode, as in glibc's ld.so, where the
 * last mode option wins (but --list and --verify do not undo --help). */
enum run_mode {
	MODE_RUN,		/* load and run the program */
	MODE_LIST,		/* --list, LD_TRACE_LOADED_OBJECTS */
	MODE_VERIFY,		/* --verify */
	MODE_LIST_TUNABLES,	/* --list-tunables */
	MODE_LIST_DIAGNOSTICS,	/* --list-diagnostics */
	MODE_HELP,		/* --help */
	MODE_CACHE_INFO,	/* --cache-info: the launch cache's entry */
};

/* Options from the command line and the environment. */
struct options {
	int command_mode;
	enum run_mode mode;
	const char *argv0;
	const char *library_path;
	const char *preload_arg;
	const char *env_preload;
	const char *env_audit;	/* LD_AUDIT */
	const char *audit_arg;	/* --audit */
	int bind_now;
	int show_auxv;
	int secure;	/* AT_SECURE */
	const char *explain_svg;	/* --explain: where the picture goes */
	const char *explain_html;	/* --explain-html: where the page goes */
	int inhibit_cache;		/* --inhibit-cache */
	const char *inhibit_rpath;	/* --inhibit-rpath */
	const char *hwcaps_prepend;	/* --glibc-hwcaps-prepend */
	const char *hwcaps_mask;	/* --glibc-hwcaps-mask */
	int no_launch_cache;		/* --no-launch-cache */
};

/* What the kernel passed, for the modes that report on it. */
struct cmdline_process {
	int argc;
	char **argv;
	char **envp;
	const Elf64_auxv_t *auxv;
	const uintptr_t *at;	/* auxv values by type */
};

/*
 * Parse myld's options from P's argv into OPTS.  Returns the index in
 * argv of the program's path.  The modes that only report (--help,
 * --version, --verify, --list-tunables, --list-diagnostics) end the
 * process here with their exit status, as does a wrong option (127).
 */
int cmdline_parse(const struct cmdline_process *p, struct options *opts);

/*
 * --list-diagnostics: myld's own facts, one "key=value" per line in
 * glibc's format (diagnostics.c).  Never returns.
 */
__attribute__((noreturn))
void cmdline_print_diagnostics(const struct cmdline_process *p);

#endif
