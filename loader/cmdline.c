/* SPDX-License-Identifier: MIT */
/*
 * loader/cmdline.c - "myld [options] program args": the options, --help,
 * and the modes that report something and exit instead of running the
 * program.
 *
 * The options are glibc 2.36 ld.so's (ldd and scripts call the system
 * loader with them), plus myld's own --debug and --explain.  As in
 * glibc:
 *  - parsing stops at the first word that does not start with "--", or
 *    after "--";
 *  - the mode options (--list, --verify, --list-tunables,
 *    --list-diagnostics, --help) set one mode, the last one wins, but
 *    --list and --verify do not undo --help;
 *  - --list-tunables and --list-diagnostics need no program.
 * --audit LIST adds auditors after LD_AUDIT's (audit.c, docs/audit.md).
 */
#include "cmdline.h"
#include "alloc.h"
#include "diag.h"
#include "hwcaps.h"
#include "dso.h"
#include "dynamic.h"
#include "libc_compat.h"
#include "lib.h"
#include "load.h"
#include "map.h"
#include "path.h"
#include "sys.h"
#include "trace.h"

static const char usage_text[] =
	"Usage: myld [OPTION]... PROGRAM [ARGUMENT]...\n"
	"Load and run a dynamically linked PROGRAM, as its program\n"
	"interpreter would.  Usually the kernel starts myld for a\n"
	"program whose PT_INTERP names it; run as a command it does\n"
	"the same by hand.\n"
	"\n"
	"  --library-path PATH  search PATH (':'-separated) for\n"
	"                       libraries, instead of LD_LIBRARY_PATH\n"
	"  --preload LIST       load the libraries of LIST first, after\n"
	"                       those of LD_PRELOAD\n"
	"  --audit LIST         use the auditors of LIST (after those\n"
	"                       of LD_AUDIT), see rtld-audit(7)\n"
	"  --argv0 NAME         start the program with argv[0] = NAME\n"
	"  --inhibit-cache      do not use /etc/ld.so.cache (nor\n"
	"                       /etc/ld.so.conf)\n"
	"  --inhibit-rpath LIST ignore the RPATH and RUNPATH of the\n"
	"                       objects named in LIST (':'-separated\n"
	"                       paths; an empty name is the program)\n"
	"  --glibc-hwcaps-prepend LIST\n"
	"                       search these glibc-hwcaps subdirectories\n"
	"                       first\n"
	"  --glibc-hwcaps-mask LIST\n"
	"                       search only those of the built-in\n"
	"                       glibc-hwcaps subdirectories in LIST\n"
	"  --list               list the libraries PROGRAM needs, as\n"
	"                       ldd does, and exit\n"
	"  --verify             exit with 0 if PROGRAM is a dynamically\n"
	"                       linked program, 2 if it is dynamic but\n"
	"                       has no interpreter (a library, a\n"
	"                       static-pie), 1 if it is not dynamic or\n"
	"                       cannot be loaded\n"
	"  --list-tunables      list glibc's tunables with their values\n"
	"                       and bounds, and exit\n"
	"  --list-diagnostics   print what myld knows of the system, as\n"
	"                       key=value lines, and exit\n"
	"  --cache-info         show what PROGRAM's launch-cache entry\n"
	"                       holds, and exit\n"
	"  --no-launch-cache    neither use nor write the launch cache\n"
	"  --debug CATEGORIES   trace the loading, as LD_DEBUG does\n"
	"                       (--debug help lists the categories)\n"
	"  --explain            narrate how PROGRAM gets loaded, stage\n"
	"                       by stage, write an address-space\n"
	"                       picture to myld-layout.svg, and exit\n"
	"  --explain-svg FILE   the same, with the picture in FILE\n"
	"  --explain-html FILE  narrate, and write one page for browsing\n"
	"                       the loaded program (map, DT_NEEDED graph,\n"
	"                       objects, bindings, init order) to FILE\n"
	"  --help               show this help and exit\n"
	"  --version            show the version and exit\n"
	"  --                   end of options\n"
	"\n"
	"Environment: LD_LIBRARY_PATH, LD_PRELOAD, LD_AUDIT, LD_BIND_NOW,\n"
	"LD_DEBUG, LD_DEBUG_OUTPUT, LD_SHOW_AUXV,\n"
	"LD_TRACE_LOADED_OBJECTS, MYLD_LAUNCH_CACHE (0: off, 1: on,\n"
	"making its directory).  See myld(1); docs/ in the source\n"
	"tree explains every loading stage.\n";

static void print_usage(int fd)
{
	sys_write(fd, usage_text, sizeof(usage_text) - 1);
}

/*
 * --verify: can PATH be loaded as a dynamically linked program?  The
 * answer is the exit status, as glibc's loader gives it (ldd runs the
 * loader with --verify and reads nothing else): 0 for an object with
 * PT_DYNAMIC and PT_INTERP, 2 for one with PT_DYNAMIC only (a library,
 * a static-pie), 1 for one without PT_DYNAMIC (a static program) or a
 * file that cannot be loaded at all.  Nothing is printed.  The object
 * is mapped, as for running it, but neither its dependencies nor its
 * PT_INTERP's name are looked at.
 */
__attribute__((noreturn)) static void verify_and_exit(const char *path)
{
	struct map_header header;
	char err[ELF_ERR_SIZE];
	enum elf_verdict verdict;
	struct dso *d = NULL;
	long fd = sys_open(path, O_RDONLY | O_NONBLOCK);

	if (!SYS_FAILED(fd)) {
		d = map_object(fd, NULL, &header, err, &verdict);
		sys_close(fd);
	}
	if (!d)
		sys_exit(1);
	d->kind = DSO_PROGRAM;
	d->path = d->name = path;
	if (dynamic_read(d, err) || !d->dynv)
		sys_exit(1);
	sys_exit(elf_find_phdr(d->phdr, d->phnum, PT_INTERP) ? 0 : 2);
}

/* Set the mode, unless --help already asked for help only. */
static void set_mode(struct options *opts, enum run_mode mode)
{
	if (opts->mode != MODE_HELP)
		opts->mode = mode;
}

/* The option ARG without a value: does it set anything?  0 if ARG is
 * not one of them. */
static int flag_option(const char *arg, struct options *opts)
{
	if (!strcmp(arg, "--list"))
		set_mode(opts, MODE_LIST);
	else if (!strcmp(arg, "--verify"))
		set_mode(opts, MODE_VERIFY);
	else if (!strcmp(arg, "--list-tunables"))
		opts->mode = MODE_LIST_TUNABLES;
	else if (!strcmp(arg, "--list-diagnostics"))
		opts->mode = MODE_LIST_DIAGNOSTICS;
	else if (!strcmp(arg, "--help"))
		opts->mode = MODE_HELP;
	else if (!strcmp(arg, "--inhibit-cache"))
		opts->inhibit_cache = 1;
	else if (!strcmp(arg, "--cache-info"))
		set_mode(opts, MODE_CACHE_INFO);
	else if (!strcmp(arg, "--no-launch-cache"))
		opts->no_launch_cache = 1;
	else if (!strcmp(arg, "--explain")) {
		if (!opts->explain_svg)
			opts->explain_svg = "myld-layout.svg";
	} else if (!strcmp(arg, "--version")) {
		diag_printf(1, "myld %s\n", MYLD_VERSION);
		sys_exit(0);
	} else
		return 0;
	return 1;
}

/* Where the option ARG that takes a value keeps it; NULL if ARG is not
 * one of them. */
static const char **value_option(const char *arg, struct options *opts)
{
	static const char *debug;	/* applied at once */
	static const struct {
		const char *name;
		size_t offset;
	} table[] = {
		{ "--library-path", offsetof(struct options, library_path) },
		{ "--preload", offsetof(struct options, preload_arg) },
		{ "--audit", offsetof(struct options, audit_arg) },
		{ "--argv0", offsetof(struct options, argv0) },
		{ "--inhibit-rpath", offsetof(struct options, inhibit_rpath) },
		{ "--glibc-hwcaps-prepend",
		  offsetof(struct options, hwcaps_prepend) },
		{ "--glibc-hwcaps-mask", offsetof(struct options, hwcaps_mask) },
		{ "--explain-svg", offsetof(struct options, explain_svg) },
		{ "--explain-html", offsetof(struct options, explain_html) },
	};

	if (!strcmp(arg, "--debug"))
		return &debug;
	for (size_t i = 0; i < ARRAY_SIZE(table); i++)
		if (!strcmp(arg, table[i].name))
			return (const char **)((char *)opts + table[i].offset);
	return NULL;
}

/* Act on a mode that needs no program, or on a missing program. */
static void finish_without_program(const struct cmdline_process *p,
				   const struct options *opts, int i)
{
	if (opts->mode == MODE_LIST_TUNABLES) {
		libc_compat_print_tunables(p->envp, p->at, opts->secure);
		sys_exit(0);
	}
	if (opts->mode == MODE_LIST_DIAGNOSTICS)
		cmdline_print_diagnostics(p);
	if (i < p->argc)
		return;
	if (opts->mode == MODE_HELP) {
		print_usage(1);
		sys_exit(0);
	}
	print_usage(2);
	diag_die("myld", "no program given");
}

int cmdline_parse(const struct cmdline_process *p, struct options *opts)
{
	int i = 1;

	while (i < p->argc) {
		const char *arg = p->argv[i];
		const char **value;

		if (arg[0] != '-' || arg[1] != '-')
			break;
		i++;
		if (!arg[2])
			break;	/* "--" */
		if (flag_option(arg, opts))
			continue;
		value = value_option(arg, opts);
		if (!value)
			diag_die(arg, "unknown option; try myld --help");
		if (i >= p->argc)
			diag_die(arg, "option needs a value");
		*value = p->argv[i++];
		if (!strcmp(arg, "--debug") && !opts->secure)
			trace_parse(*value);
	}
	finish_without_program(p, opts, i);
	if (opts->mode == MODE_HELP) {
		print_usage(1);
		sys_exit(0);
	}
	if (opts->mode == MODE_VERIFY)
		verify_and_exit(p->argv[i]);
	return i;
}
