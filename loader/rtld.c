/* SPDX-License-Identifier: MIT */
/*
 * loader/rtld.c - stage 2: from a relocated myld to the program's entry.
 *
 * boot.c hands over with myld relocated and nothing else done.  This file
 * reads what the kernel passed on the stack, decides how myld was
 * started, and then runs the loading stages in order.  Each stage is a
 * separate function that is never inlined, so that a learner can put a
 * breakpoint on it in gdb:
 *
 *   stage_map_program        the program is in memory (map.c)
 *   stage_load_dependencies  every needed library is mapped (load.c)
 *   stage_setup_tls          the static TLS area and the thread pointer
 *                            are ready (tls.c)
 *   stage_relocate           every object is relocated (reloc.c)
 *   stage_initialise         libraries' initialisers have run (initfini.c)
 *   stage_hand_off           jump to the program's entry (arch start.S)
 *
 * With auditors (LD_AUDIT, --audit, DT_AUDIT), stage_open_auditors runs
 * between the first two: it sets up TLS early and opens each auditor in
 * a namespace of its own (audit.c), so that they see the libraries'
 * searches and loading, as under glibc.
 *
 * There are two ways to get here, and the program must not be able to
 * tell them apart:
 *   - as the PT_INTERP of a program: the kernel mapped the program and
 *     describes it in the auxiliary vector;
 *   - as a command, "myld [options] prog args": the auxiliary vector
 *     describes myld, so myld maps the program and then rewrites the
 *     initial stack (argv, AT_PHDR, AT_ENTRY, ...) to look as if the
 *     kernel had started the program with myld as its interpreter.
 */
#include "alloc.h"
#include "audit.h"
#include "cmdline.h"
#include "diag.h"
#include "objects.h"
#include "program.h"
#include "dso.h"
#include "dynamic.h"
#include "explain.h"
#include "foreign_libc.h"
#include "initfini.h"
#include "libc_compat.h"
#include "launch_cache.h"
#include "lib.h"
#include "list.h"
#include "load.h"
#include "map.h"
#include "rdebug.h"
#include "reloc.h"
#include "secure.h"
#include "secure_start.h"
#include "sys.h"
#include "tls.h"
#include "trace.h"

#define STAGE __attribute__((noinline, used))

/* What the kernel put on the initial stack. */
struct startup {
	uintptr_t *sp;		/* points at argc */
	int argc;
	char **argv;
	char **envp;
	Elf64_auxv_t *auxv;
	Elf64_auxv_t *auxv_end;		/* just past its AT_NULL entry */
	uintptr_t at[AT_MINSIGSTKSZ + 1];	/* auxv values by type */
	/* Where the kernel wrote the entry of each type (NULL: it did
	 * not): command mode rewrites a few, found without a second walk. */
	Elf64_auxv_t *at_entry[AT_MINSIGSTKSZ + 1];
	/* How many words command mode moved argv, envp and auxv down. */
	int moved_by;
};

static struct startup start;
static struct options opts;

static void read_initial_stack(uintptr_t *sp)
{
	start.sp = sp;
	start.argc = (int)sp[0];
	start.argv = (char **)(sp + 1);
	start.envp = start.argv + start.argc + 1;

	char **e = start.envp;
	while (*e)
		e++;
	start.auxv = (Elf64_auxv_t *)(e + 1);

	Elf64_auxv_t *a;
	for (a = start.auxv; a->a_type != AT_NULL; a++)
		if (a->a_type < ARRAY_SIZE(start.at)) {
			start.at[a->a_type] = a->a_un.a_val;
			start.at_entry[a->a_type] = a;
		}
	start.auxv_end = a + 1;
}

/*
 * The LD_* variables myld reads.  In secure mode (AT_SECURE: a setuid,
 * setgid or capability-raising exec) the ones that would let the
 * invoking user steer a privileged program are ignored, as glibc does
 * (docs/secure-mode.md): search paths, the debugging output file, the
 * auxv dump; LD_DEBUG only with /etc/suid-debug; LD_PRELOAD is filtered
 * later (load.c).
 */
static void read_environment(void)
{
	const char *debug = NULL, *debug_output = NULL;

	for (char **e = start.envp; *e; e++) {
		const char *v, *name;

		/* Most of the environment is not ours: skip it quickly. */
		if ((*e)[0] != 'L' || (*e)[1] != 'D' || (*e)[2] != '_')
			continue;
		if (opts.secure && secure_ignores_variable(*e))
			continue;
		/* The letter after "LD_" leaves one or two candidates. */
		name = *e + 3;
		switch (name[0]) {
		case 'L':
			if ((v = str_skip_prefix(name, "LIBRARY_PATH=")))
				opts.library_path = v;
			break;
		case 'P':
			if ((v = str_skip_prefix(name, "PRELOAD=")))
				opts.env_preload = v;
			break;
		case 'A':
			if ((v = str_skip_prefix(name, "AUDIT=")))
				opts.env_audit = v;
			break;
		case 'T':
			if ((v = str_skip_prefix(name, "TRACE_LOADED_OBJECTS=")) &&
			    *v)
				opts.mode = MODE_LIST;
			break;
		case 'B':
			if ((v = str_skip_prefix(name, "BIND_NOW=")))
				opts.bind_now = *v != '\0';
			break;
		case 'D':
			if ((v = str_skip_prefix(name, "DEBUG=")))
				debug = v;
			else if ((v = str_skip_prefix(name, "DEBUG_OUTPUT=")))
				debug_output = v;
			break;
		case 'S':
			if ((v = str_skip_prefix(name, "SHOW_AUXV=")))
				opts.show_auxv = *v != '\0';
			break;
		}
	}
	if (opts.secure && debug && !secure_start_debug_allowed())
		debug = NULL;
	if (debug_output && *debug_output)
		trace_set_output(debug_output);
	if (debug)
		trace_parse(debug);
}

/* Give the auxv entry of TYPE, if the kernel wrote one, VALUE. */
static void set_auxv(unsigned type, uintptr_t value)
{
	Elf64_auxv_t *a = start.at_entry[type];

	if (a) {
		a = (Elf64_auxv_t *)((uintptr_t *)a - start.moved_by);
		a->a_un.a_val = value;
		start.at[type] = value;
	}
}

/*
 * Make the stack look as if the kernel had run PROGRAM: drop the words
 * of argv before the program's path by moving argc, argv, envp and auxv
 * down over them, in one copy.  The stack pointer itself stays where it
 * is, so it keeps the 16-byte alignment the kernel gave it.  Then the
 * auxiliary vector describes the program instead of myld.
 */
static void rewrite_initial_stack(int prog_index, struct dso *prog)
{
	uintptr_t *sp = start.sp;
	uintptr_t *from = sp + 1 + prog_index;	/* &argv[prog_index] */
	uintptr_t *end = (uintptr_t *)start.auxv_end;

	memmove(sp + 1, from, (end - from) * sizeof(uintptr_t));
	sp[0] = start.argc -= prog_index;
	start.envp -= prog_index;
	start.auxv = (Elf64_auxv_t *)((uintptr_t *)start.auxv - prog_index);
	start.auxv_end = (Elf64_auxv_t *)(end - prog_index);
	start.moved_by = prog_index;

	char *execfn = start.argv[0];
	if (opts.argv0)
		start.argv[0] = (char *)opts.argv0;

	set_auxv(AT_PHDR, (uintptr_t)prog->phdr);
	set_auxv(AT_PHNUM, prog->phnum);
	set_auxv(AT_PHENT, sizeof(Elf64_Phdr));
	set_auxv(AT_ENTRY, prog->entry);
	set_auxv(AT_BASE, dso_loader->base);
	set_auxv(AT_EXECFN, (uintptr_t)execfn);
}

STAGE static struct dso *stage_map_program(void)
{
	struct dso *prog;

	if (opts.command_mode) {
		struct cmdline_process p = {
			.argc = start.argc,
			.argv = start.argv,
			.envp = start.envp,
			.auxv = start.auxv,
			.at = start.at,
		};
		int i = cmdline_parse(&p, &opts);

		prog = load_program_file(start.argv[i]);
		rewrite_initial_stack(i, prog);
	} else {
		prog = program_adopt_from_kernel(start.at, start.argv[0]);
	}
	return prog;
}

/*
 * LD_LIBRARY_PATH or --library-path, for the searches: a copy, since a
 * program may write over its initial stack's strings before a dlopen
 * searches (setproctitle does), with ':' for each ';', which glibc's
 * loader takes as a separator there too.
 */
static const char *library_path_list(const char *list)
{
	if (!list || !*list)
		return NULL;
	char *copy = mem_strdup(list);

	for (char *p = copy; *p; p++)
		if (*p == ';')
			*p = ':';
	return copy;
}

/* What load.c needs to know before the first search (an auditor's). */
static void configure_loading(void)
{
	char *preload = NULL;

	/* LD_PRELOAD's libraries come first, then --preload's. */
	if (opts.env_preload && opts.preload_arg) {
		size_t a = strlen(opts.env_preload);
		size_t b = strlen(opts.preload_arg);

		preload = mem_alloc(a + b + 2);
		memcpy(preload, opts.env_preload, a);
		preload[a] = ':';
		memcpy(preload + a + 1, opts.preload_arg, b + 1);
	}
	load_config.preload = preload ? preload
			      : opts.env_preload ? opts.env_preload
						 : opts.preload_arg;
	load_config.preload_env_len = opts.env_preload
					      ? strlen(opts.env_preload) : 0;
	load_config.library_path = library_path_list(opts.library_path);
	load_config.platform = (const char *)start.at[AT_PLATFORM];
	load_config.trace = opts.mode == MODE_LIST;
	load_config.inhibit_cache = opts.inhibit_cache;
	load_config.inhibit_rpath = opts.inhibit_rpath;
	/* (Copied: a program may write over its initial stack's strings
	 * before a dlopen searches.) */
	if (opts.hwcaps_prepend)
		load_config.hwcaps_prepend = mem_strdup(opts.hwcaps_prepend);
	if (opts.hwcaps_mask)
		load_config.hwcaps_mask = mem_strdup(opts.hwcaps_mask);
	load_config.bind_now = opts.bind_now;
	load_config.secure = opts.secure;
	load_config.hwcap = start.at[AT_HWCAP];
	load_config.hwcap2 = start.at[AT_HWCAP2];
}

/* The auditors, if any, hear of the vDSO after the preloads. */
/* How many auditors LD_AUDIT, --audit and DT_AUDIT name (0 but when
 * running or listing the program): rtld_main decides it once. */
static size_t auditors_requested;

/* What the launch cache needs to know of this start. */
static struct launch_cache_start launch_cache_settings(void)
{
	return (struct launch_cache_start){
		start.envp, start.at, opts.secure, opts.no_launch_cache,
		auditors_requested != 0, reloc_index_after_cache_miss };
}

/*
 * The start-up objects' versions are checked, unless the launch cache's
 * entry, looked for now, proves that the check passes (running the
 * program only: a listing, --cache-info and --explain check).
 */
STAGE static void stage_load_dependencies(void)
{
	int proved = 0;

	load_preloads();
	audit_report_vdso(libc_compat_vdso());
	load_dependencies();
	if (opts.mode == MODE_RUN && !opts.explain_svg && !opts.explain_html) {
		struct launch_cache_start cache = launch_cache_settings();

		launch_cache_check(&cache);
		proved = launch_cache_proves_versions();
	}
	if (load_dependencies_finish(!proved) > 0)
		launch_cache_versions_warned();
}

/*
 * The program's PT_INTERP string, or NULL when INTERP (its header) is
 * missing or does not hold a string inside the program's image.  The
 * NUL is nearly always the last byte, which spares a scan.
 */
static const char *interp_string(const Elf64_Phdr *interp)
{
	const struct dso *p = dso_program;

	if (!interp || !interp->p_filesz ||
	    !dso_has_range(p, interp->p_vaddr, interp->p_filesz))
		return NULL;
	const char *s = dso_addr(p, interp->p_vaddr);
	if (s[interp->p_filesz - 1] != '\0' &&
	    !memchr(s, 0, interp->p_filesz))
		return NULL;
	return s;
}

/*
 * The name myld goes by (in --list, and later for debuggers): the
 * program's PT_INTERP when it has one, else the path it was run as.
 */
static const char *loader_name(const char *invoked_as, const char *interp)
{
	if (interp && interp[0])
		return interp;
	return invoked_as ? invoked_as : "myld";
}

static int libc_adopted;	/* a personality serves the program's libc */

/*
 * With the static TLS area and the thread pointer in place, before any
 * relocation: the C library's personality gets its view of the loader
 * and of the main thread now, because its IFUNC resolvers read it
 * during relocation, and an auditor's copy of it runs at once.
 */
static void prepare_libc(void)
{
	struct libc_compat_startup s = {
		.sp = start.sp,
		.argc = start.argc,
		.argv = start.argv,
		.envp = start.envp,
		.auxv = start.auxv,
		.at = start.at,
		.at_count = ARRAY_SIZE(start.at),
		.secure = opts.secure,
		.bind_now = opts.bind_now,
	};

	libc_compat_before_relocation(&s);
}

/*
 * Static TLS each auditor's namespace needs: its copy of libc.so.6's
 * initial-exec block and room for one more such module, glibc's
 * LIBC_IE_TLS and OTHER_IE_TLS.
 */
#define AUDITOR_STATIC_TLS (144 + 144)

/*
 * The static TLS area holds the blocks of the objects loaded so far:
 * all the start-up objects, or, when auditors come first, the program's
 * alone; the libraries loaded after it then get theirs from the surplus
 * when a relocation needs it there (tls.c tls_try_static), as under
 * glibc.  A C library's personality is prepared if the program uses
 * one, or if an auditor may (its thread descriptor is the TCB).
 */
STAGE static void stage_setup_tls(void)
{
	int for_libc = libc_adopted || auditors_requested;

	tls_reserve_surplus(AUDITOR_STATIC_TLS * auditors_requested);
	if (for_libc) {
		size_t at_tp, below_tp;

		libc_compat_tcb_sizes(&at_tp, &below_tp);
		tls_set_tcb_size(at_tp, below_tp);
	}
	tls_setup_static((const void *)start.at[AT_RANDOM]);
	if (for_libc)
		prepare_libc();
}

/*
 * The auditors, each in a namespace of its own (audit.c), before the
 * program's libraries are loaded, so that la_objsearch sees their
 * searches and la_objopen each as it is mapped.  Their C library must
 * run first: the static TLS area, the thread pointer and a personality's
 * view of the loader are made now, which glibc's libc.so.6 needs
 * whatever the program turns out to use.  glibc reads LD_AUDIT's before
 * --audit's, then the program's DT_AUDIT and DT_DEPAUDIT.
 */
STAGE static void stage_open_auditors(void)
{
	stage_setup_tls();
	size_t limit = libc_compat_audit_limit();
	if (limit && auditors_requested > limit)
		diag_die(dso_program->path, "failed loading %zu audit modules, "
			 "%zu are supported", auditors_requested, limit);
	initfini_set_arguments(start.argc, start.argv, start.envp);
	audit_open_list(opts.env_audit);
	audit_open_list(opts.audit_arg);
	audit_open_program_tags();
	audit_report_startup();
}

STAGE static void stage_relocate(void)
{
	struct launch_cache_start cache = launch_cache_settings();

	launch_cache_begin(&cache);
	reloc_all();
	launch_cache_end();
	tls_copy_initial_images();
	/* Those given a block from the surplus while being relocated. */
	for (struct dso *d = dso_list; d; d = d->next)
		if (!d->ns)
			tls_init_relocated_block(d);
	if (libc_adopted)
		libc_compat_after_relocation();
	/* As glibc: the start-up objects are consistent once relocated. */
	if (audit_count)
		audit_activity(AUDIT_LA_ACT_CONSISTENT, 0);
}

/*
 * --list and LD_TRACE_LOADED_OBJECTS (list.c).  With LD_DEBUG=unused
 * (what "ldd -u" asks for) every symbol is bound first, so that the
 * dependencies no binding went to are known.
 */
static void list_and_exit(void)
{
	if (trace_mask & TRACE_UNUSED) {
		foreign_libc_refuse_libraries();
		libc_adopted = libc_compat_adopt();
		load_config.bind_now = 1;
		if (!auditors_requested)
			stage_setup_tls();
		reloc_all();
		list_unused_and_exit();
	}
	list_objects_and_exit(start.at[AT_SYSINFO_EHDR]);
}

/*
 * If any object asks for an executable stack (PT_GNU_STACK with PF_X,
 * or no PT_GNU_STACK where that is the default), give it one.  The
 * kernel only looked at the program it executed, which is myld itself
 * in command mode.
 */
static void honour_stack_requests(void)
{
	for (struct dso *d = dso_list; d; d = d->next) {
		if (!d->exec_stack || !d->dynv)
			continue;
		uintptr_t page = ALIGN_DOWN((uintptr_t)start.sp, map_page_size);
		long r = sys_mprotect((void *)page, map_page_size,
				      PROT_READ | PROT_WRITE | PROT_EXEC |
					      PROT_GROWSDOWN);
		if (SYS_FAILED(r))
			diag_die(d->path, "cannot make the stack executable: %s",
				 diag_strerror(r));
		return;
	}
}

/* The program's exit calls this (the rtld_fini of the psABI). */
static void run_finalisers(void)
{
	audit_exit_begin();
	initfini_run_fini(audit_count ? audit_close_at_exit : NULL);
	audit_at_exit();
	launch_cache_at_exit();
}

STAGE static void stage_initialise(void)
{
	initfini_run_init(start.argc, start.argv, start.envp);
	TRACE_CALL("initialize program: %s", dso_program->path);
}

/* Does the program's entry point lie in one of its executable segments? */
static int entry_is_code(void)
{
	const struct dso *p = dso_program;

	for (size_t i = 0; i < p->phnum; i++)
		if (p->phdr[i].p_type == PT_LOAD && (p->phdr[i].p_flags & PF_X) &&
		    p->entry >= p->base + p->phdr[i].p_vaddr &&
		    p->entry < p->base + p->phdr[i].p_vaddr + p->phdr[i].p_memsz)
			return 1;
	return 0;
}

/* Refuse to jump to an entry point that is missing or not code. */
static void check_entry(void)
{
	if (!dso_program->entry)
		diag_die(dso_program->path, "has no entry point: it is a "
			 "library, not a program");
	if (!entry_is_code())
		diag_die(dso_program->path, "entry point %#lx lies outside its "
			 "code", (unsigned long)dso_program->entry);
}

/*
 * A program that needs no loader, with neither PT_INTERP nor DT_NEEDED
 * (static, static-pie, or musl's libc.so run as a program), given as a
 * command.  The kernel would have started it directly, and a static-pie
 * relocates itself, so relocating it here would do it twice.  As glibc's
 * loader does, hand it to the kernel with execve: it then starts exactly
 * as if run directly, /proc/self/exe and the auxiliary vector included.
 * PATH is the program as named on the command line, its arguments are
 * the rewritten stack's (argv[0] replaced by --argv0 if given).
 *
 * Where the kernel cannot run the file itself (ENOEXEC: under qemu-user
 * without binfmt_misc, the host kernel is given a foreign program), myld
 * starts it in this process instead, the way the kernel would have:
 * mapped, the stack rewritten, AT_BASE 0 (self-relocating code such as
 * musl's libc.so takes any other value for its own load address), and
 * no finaliser in the hand-off register.  glibc's loader fails there.
 */
__attribute__((noreturn)) static void start_loaderless_program(const char *path)
{
	char **argv = (char **)start.sp + 1;
	long rc;

	diag_flush_warnings();
	rc = sys_execve(path, argv, start.envp);
	if (rc != -ENOEXEC)
		diag_die(path, "cannot execute: %s", diag_strerror(rc));
	set_auxv(AT_BASE, 0);
	check_entry();
	arch_jump_to_entry(dso_program->entry, start.sp, NULL);
}

STAGE __attribute__((noreturn)) static void stage_hand_off(void)
{
	check_entry();
	/* From here on myld runs only when called (lazy binding, dlopen):
	 * a problem is no longer fatal but a dlerror message. */
	objects_count_startup();
	diag_begin_runtime();
	TRACE_CALL("transferring control: %s", dso_program->path);
	arch_jump_to_entry(dso_program->entry, start.sp, run_finalisers);
}

/* Stage times for LD_DEBUG=statistics; free when it is off. */
static uint64_t timing_start(void)
{
	return (trace_mask & TRACE_STATISTICS) ? trace_now_ns() : 0;
}

static void timing_end(int stage, uint64_t *t)
{
	if (!(trace_mask & TRACE_STATISTICS))
		return;
	uint64_t now = trace_now_ns();
	trace_stats.stage_ns[stage] = now - *t;
	*t = now;
}

/* LD_DEBUG=scopes: the lookup scope of every object. */
static void trace_scopes(void)
{
	if (!(trace_mask & TRACE_SCOPES))
		return;
	trace_printf("%s", "");
	trace_printf("Initial object scopes");
	for (struct dso *d = dso_list; d; d = d->next) {
		struct trace_line line;

		if (!d->path)
			continue;
		trace_printf("object=%s [0]", trace_object_name(d));
		trace_line_begin(&line);
		trace_line_add(&line, " scope 0:");
		for (struct dso *s = dso_list; s; s = s->next)
			if (s->path)
				trace_line_add(&line, " %s",
					       trace_object_name(s));
		trace_line_end(&line);
	}
	trace_printf("%s", "");
}

/* myld's RELRO: STEP 0 at once, STEP 1 (glibc's _rtld_global_ro & co.)
 * once libc is relocated and started, before any initialiser runs. */
static void protect_loader_relro(int step)
{
	uintptr_t keep_start, keep_end;

	libc_compat_ro_after_start(&keep_start, &keep_end);
	long rc = map_protect_loader_relro(dso_loader, keep_start, keep_end,
					   step);
	if (rc)
		diag_die("myld", "cannot make its own data read-only: %s",
			 diag_strerror(rc));
}

/* Describe myld itself, which the kernel (or boot.c) has in memory. */
static void adopt_loader(uintptr_t base)
{
	const Elf64_Ehdr *eh = (const void *)base;

	dso_loader = map_adopt((const void *)(base + eh->e_phoff),
			       eh->e_phnum, base);
	dso_loader->kind = DSO_LOADER;
	dso_loader->relocated = 1;	/* by boot.c */
	dso_loader->entry = base + eh->e_entry;
	/* Its name for messages; once the program is known, --list and
	 * the debugger list use the program's PT_INTERP instead. */
	dso_loader->path = "myld";
	dso_loader->name = dso_loader->path;
	dynamic_adopt_loader_names(dso_loader);
	/* Nothing in myld is written through a relocation after boot.c;
	 * what a libc personality fills waits for step 1. */
	protect_loader_relro(0);
}

/*
 * Called by boot.c once myld is relocated; never returns.  SP is the
 * initial stack, BASE myld's load address.
 */
__attribute__((noreturn)) void rtld_main(uintptr_t *sp, uintptr_t base)
{
	read_initial_stack(sp);
	if (start.at[AT_PAGESZ])
		map_page_size = start.at[AT_PAGESZ];
	adopt_loader(base);
	const char *invoked_as = start.argv[0];

	/*
	 * Started as a command, the kernel's entry point is our own: it
	 * ran myld as the program.  (AT_BASE alone is not proof: it is 0
	 * for a program without PT_INTERP, and so is ours.)
	 */
	opts.command_mode = start.at[AT_ENTRY] == dso_loader->entry;
	opts.secure = start.at[AT_SECURE] != 0;
	if (opts.secure)
		secure_start_fds();
	read_environment();
	if (opts.secure)
		secure_start_clean_environment(start.envp,
					       opts.mode == MODE_LIST);

	uint64_t t = timing_start();
	dso_program = stage_map_program();
	timing_end(0, &t);
	objects_append(dso_program);
	const Elf64_Phdr *interp_phdr = elf_find_phdr(dso_program->phdr,
						      dso_program->phnum,
						      PT_INTERP);
	const char *interp = interp_string(interp_phdr);
	foreign_libc_refuse_program();
	/* PT_INTERP asks for dynamic linking, which needs PT_DYNAMIC: a
	 * program without it is broken, not static. */
	if (interp_phdr && !dso_program->dynv)
		diag_die(dso_program->path, "has PT_INTERP but no PT_DYNAMIC");
	if (opts.command_mode && opts.mode != MODE_LIST && !opts.explain_svg &&
	    !opts.explain_html &&
	    !interp_phdr && !(dso_program->dynv && dso_program->dyn.needed_count))
		start_loaderless_program(dso_program->path);
	dso_loader->path = loader_name(opts.command_mode ? invoked_as : NULL,
				       interp);
	/* Run as a command, myld's object is named after the program's
	 * PT_INTERP; traces and --explain name myld's own file instead. */
	trace_names_loader_file = opts.command_mode;
	if (opts.show_auxv)
		trace_show_auxv(start.auxv);
	configure_loading();
	/* (ldd's listing opens them too, as glibc's does: an auditor may
	 * rename a library.) */
	if ((opts.mode == MODE_RUN || opts.mode == MODE_LIST) &&
	    !opts.explain_svg && !opts.explain_html)
		auditors_requested = audit_count_requested(opts.env_audit,
							   opts.audit_arg);
	if (auditors_requested) {
		stage_open_auditors();
		/* After theirs, as under glibc: a debugger is told of the
		 * auditors' namespaces first. */
		rdebug_init(opts.command_mode);
	}
	stage_load_dependencies();
	timing_end(1, &t);
	trace_scopes();
	if (opts.mode == MODE_LIST)
		list_and_exit();
	if (opts.mode == MODE_CACHE_INFO)
		launch_cache_info(&(struct launch_cache_start){
			start.envp, start.at, opts.secure, 0,
			auditors_requested != 0, NULL });
	if (opts.explain_svg || opts.explain_html) {
		diag_flush_warnings();
		explain_and_exit(opts.command_mode,
				 (const void *)start.at[AT_RANDOM],
				 opts.explain_svg, opts.explain_html);
	}
	foreign_libc_refuse_libraries();
	libc_adopted = libc_compat_adopt();
	honour_stack_requests();
	/*
	 * Tell a debugger about the objects now, so that it can set
	 * breakpoints in them before they run anything.  A glibc program
	 * waits until its libc is set up (after relocation), as under
	 * glibc's loader: gdb then loads libthread_db, which reads libc's
	 * thread list and the thread pointer at once.
	 */
	if (!auditors_requested)
		rdebug_init(opts.command_mode);
	if (!libc_adopted)
		rdebug_publish_startup();
	if (!auditors_requested)
		stage_setup_tls();
	else
		libc_compat_startup_loaded();
	timing_end(2, &t);
	stage_relocate();
	protect_loader_relro(1);
	if (libc_adopted)
		rdebug_publish_startup();
	timing_end(3, &t);
	stage_initialise();
	timing_end(4, &t);
	if (trace_mask & TRACE_STATISTICS)
		trace_print_statistics();
	stage_hand_off();
}
