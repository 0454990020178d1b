/* SPDX-License-Identifier: MIT */
/*
 * testbins/glibc/auditor.c - an rtld-audit auditor that logs each call,
 * for tests/check_glibc_programs.py's audit case.  It logs names and
 * flags only, never addresses, so that glibc's loader and myld can be
 * held to the same expected output.  It writes with write(2) to the
 * file descriptor in AUDIT_LOG_FD (default 2): its own C library's stdio
 * would buffer apart from the program's.
 *
 * It reports only the objects of the test (the program, libaudited.so,
 * libc.so.6, the loader), by their last path component, and asks for
 * la_symbind64 only between the program and libaudited.so, whose
 * audited_value it redirects to a function of its own.  At la_preinit
 * it says whether it runs in a namespace of its own, with its own copy
 * of libc.so.6, as glibc loads auditors.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int log_fd = 2;
/* The auditor's directory, which is also the program's and its
 * libraries': the candidates la_objsearch logs are those in it (not the
 * glibc-hwcaps subdirectories, nor the system's directories, which vary
 * from machine to machine). */
static char test_dir[4096];
/* Set while a search for "libdlpeer.so" goes on: its candidates are
 * refused. */
static int refuse_candidates;
/* The program's libc.so.6, as la_objopen saw it in namespace 0. */
static uintptr_t program_libc_base;
/* What la_symbind64 binds audited_value to instead. */
static int auditor_value(void)
{
	return 2;
}

static void say(const char *a, const char *b, const char *c)
{
	char line[512];
	int n = snprintf(line, sizeof line, "audit: %s%s%s\n", a, b, c);

	if (n > 0)
		write(log_fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The objects the test follows; "" is the program. */
static const char *followed(const struct link_map *map)
{
	const char *b = base_name(map->l_name);

	/* glibc names the program "", myld in command mode by its path. */
	if (map->l_name[0] == '\0' || !strcmp(b, "audit_main"))
		return "<program>";
	/* The loader's name depends on the CPU, and it is the program's
	 * PT_INTERP: myld's own path in the patchelf'ed copy. */
	if (!strncmp(b, "ld-linux", 8) || !strcmp(b, "myld"))
		return "<loader>";
	if (!strcmp(b, "libaudited.so") || !strcmp(b, "libc.so.6") ||
	    !strcmp(b, "libstartupsearch.so"))
		return b;
	return NULL;
}

__attribute__((constructor)) static void start(void)
{
	const char *fd = getenv("AUDIT_LOG_FD");

	if (fd)
		log_fd = atoi(fd);
	say("constructor", "", "");
}

unsigned la_version(unsigned version)
{
	char v[32];
	Dl_info self;

	if (dladdr((void *)la_version, &self) && self.dli_fname) {
		size_t n = (size_t)(base_name(self.dli_fname) - self.dli_fname);

		if (n < sizeof test_dir) {
			memcpy(test_dir, self.dli_fname, n);
			test_dir[n] = '\0';
		}
	}

	snprintf(v, sizeof v, "%u", version);
	say("la_version ", v, "");
	return getenv("AUDIT_VERSION") ? (unsigned)atoi(getenv("AUDIT_VERSION"))
				       : LAV_CURRENT;
}

void la_activity(uintptr_t *cookie, unsigned flag)
{
	(void)cookie;
	say("la_activity ", flag == LA_ACT_ADD ? "ADD"
			    : flag == LA_ACT_DELETE ? "DELETE"
			    : flag == LA_ACT_CONSISTENT ? "CONSISTENT" : "?", "");
}

unsigned la_objopen(struct link_map *map, Lmid_t lmid, uintptr_t *cookie)
{
	const char *name = followed(map);

	*cookie = (uintptr_t)name;
	if (!name)
		return 0;
	say("la_objopen ", name, "");
	if (!strcmp(name, "libc.so.6") && lmid == LM_ID_BASE)
		program_libc_base = map->l_addr;
	if (!strcmp(name, "<program>"))
		return LA_FLG_BINDFROM;
	if (!strcmp(name, "libaudited.so"))
		return LA_FLG_BINDTO;
	return 0;
}

unsigned la_objclose(uintptr_t *cookie)
{
	if (*cookie)
		say("la_objclose ", (const char *)*cookie, "");
	return 0;
}

static const char *search_flag(unsigned flag)
{
	switch (flag) {
	case LA_SER_ORIG: return "ORIG";
	case LA_SER_LIBPATH: return "LIBPATH";
	case LA_SER_RUNPATH: return "RUNPATH";
	case LA_SER_CONFIG: return "CONFIG";
	case LA_SER_DEFAULT: return "DEFAULT";
	case LA_SER_SECURE: return "SECURE";
	}
	return "?";
}

/*
 * la_objsearch, for the test's names only, at start-up and for dlopen.
 * It renames libobjsearch-startup.so (a DT_NEEDED entry of the program
 * naming no file) to libstartupsearch.so and libobjsearch-renamed.so to
 * libdlpeer.so, refuses libobjsearch-refused.so, and when libdlpeer.so
 * itself is asked for, refuses the candidates in the test's directory.
 */
char *la_objsearch(const char *name, uintptr_t *cookie, unsigned flag)
{
	const char *base = base_name(name);
	size_t dir_len = (size_t)(base - name);
	char line[300];

	(void)cookie;
	if (flag == LA_SER_ORIG) {
		if (!strstr(base, "dlpeer") && !strstr(base, "objsearch") &&
		    !strstr(base, "audited"))
			return (char *)name;
		refuse_candidates = !strcmp(name, "libdlpeer.so");
		snprintf(line, sizeof line, "%s %s", base, search_flag(flag));
		say("la_objsearch ", line, "");
		if (!strcmp(name, "libobjsearch-startup.so"))
			return "libstartupsearch.so";
		if (!strcmp(name, "libobjsearch-renamed.so"))
			return "libdlpeer.so";
		if (!strcmp(name, "libobjsearch-refused.so"))
			return NULL;
		return (char *)name;
	}
	if (!test_dir[0] || dir_len != strlen(test_dir) ||
	    strncmp(name, test_dir, dir_len))
		return (char *)name;
	/* A second auditor's libc.so.6 needs the loader, which glibc
	 * searches for (it is not yet in that namespace) and myld does not
	 * (it is that loader): docs/audit.md. */
	if (!strncmp(base, "ld-linux", 8))
		return (char *)name;
	snprintf(line, sizeof line, "<dir>/%s %s%s", base, search_flag(flag),
		 refuse_candidates ? " (refused)" : "");
	say("la_objsearch ", line, "");
	return refuse_candidates ? NULL : (char *)name;
}

/*
 * Whether the auditor lives in a namespace of its own, with its own
 * copy of libc.so.6 (glibc loads each auditor with dlmopen): its own
 * object's namespace id, and where its malloc comes from compared with
 * the program's libc.so.6 (la_objopen saw that one in namespace 0).
 */
static void say_own_namespace(void)
{
	Dl_info info;
	Lmid_t lmid = 0;
	void *self = dlopen("libauditor.so", RTLD_LAZY | RTLD_NOLOAD);

	if (!self || dlinfo(self, RTLD_DI_LMID, &lmid) != 0)
		lmid = 0;
	say("auditor namespace: ", lmid != LM_ID_BASE ? "its own" : "the base one",
	    "");
	if (dladdr((void *)malloc, &info) && program_libc_base)
		say("auditor libc.so.6: ",
		    (uintptr_t)info.dli_fbase != program_libc_base
			    ? "its own copy" : "the program's", "");
}

void la_preinit(uintptr_t *cookie)
{
	say("la_preinit ", (const char *)*cookie, "");
	say_own_namespace();
}

uintptr_t la_symbind64(Elf64_Sym *sym, unsigned ndx, uintptr_t *refcook,
		       uintptr_t *defcook, unsigned *flags,
		       const char *symname)
{
	(void)ndx;
	/* glibc also reports its own binding of ld.so's malloc functions
	 * to libc's, from the program (elf/dl-minimal.c): not followed. */
	if (strncmp(symname, "audited_", 8))
		return sym->st_value;
	/* What kind of binding: a lazy slot's first call (no flag), a slot
	 * bound at once (no la_pltenter can follow), or dlsym's answer. */
	say("la_symbind64 ", symname,
	    *flags & LA_SYMB_DLSYM ? " (dlsym)"
	    : (*flags & (LA_SYMB_NOPLTENTER | LA_SYMB_NOPLTEXIT)) ==
			    (LA_SYMB_NOPLTENTER | LA_SYMB_NOPLTEXIT)
		    ? " (bound now)" : "");
	say("  from ", (const char *)*refcook, "");
	say("  to ", (const char *)*defcook, "");
	/* The returned address is the one used. */
	if (!strcmp(symname, "audited_value"))
		return (uintptr_t)auditor_value;
	/* No la_pltenter (nor la_pltexit) for this one. */
	if (!strcmp(symname, "audited_quiet"))
		*flags |= LA_SYMB_NOPLTENTER;
	return sym->st_value;
}

/*
 * la_pltenter and la_pltexit, for both CPUs through the adapters below:
 * every call through an audited slot, with the argument registers,
 * logged CPU-neutrally (argN: the Nth integer argument register, farg0:
 * the first vector one).  pltenter doubles audited_twice's argument,
 * which the callee must then receive, and asks for la_pltexit through
 * the frame size: 0 bytes of stack arguments, or 32 for audited_sum10,
 * whose last arguments are on the stack (four on x86_64, two on
 * aarch64); for audited_noexit it asks for a frame but answers
 * LA_SYMB_NOPLTEXIT.  pltexit logs the return value, and changes
 * audited_twice's (plus 1000): the caller must see the change.
 */
static void plt_enter(const char *symname, uint64_t *arg, float farg0,
		      unsigned *flags, long *framesizep)
{
	char line[160];

	/* Only the registers that hold arguments of that function. */
	if (!strcmp(symname, "audited_scale"))
		snprintf(line, sizeof line, "%s farg0=%g arg0=%lu", symname,
			 (double)farg0, (unsigned long)arg[0]);
	else if (!strcmp(symname, "audited_twice") ||
		 !strcmp(symname, "audited_noexit"))
		snprintf(line, sizeof line, "%s arg0=%lu", symname,
			 (unsigned long)arg[0]);
	else if (!strcmp(symname, "audited_sum10"))
		snprintf(line, sizeof line, "%s arg0=%lu arg5=%lu", symname,
			 (unsigned long)arg[0], (unsigned long)arg[5]);
	else
		snprintf(line, sizeof line, "%s", symname);
	say("la_pltenter ", line, "");
	if (!strcmp(symname, "audited_twice"))
		arg[0] *= 2;
	if (!strcmp(symname, "audited_sum10"))
		*framesizep = 32;
	else if (strcmp(symname, "audited_value"))
		*framesizep = 0;
	if (!strcmp(symname, "audited_noexit"))
		*flags |= LA_SYMB_NOPLTEXIT;
}

static void plt_exit(const char *symname, uint64_t in_arg0, uint64_t *ret,
		     float fret)
{
	char line[160];

	if (!strcmp(symname, "audited_scale"))
		snprintf(line, sizeof line, "%s fret=%g (in: arg0=%lu)",
			 symname, (double)fret, (unsigned long)in_arg0);
	else
		snprintf(line, sizeof line, "%s ret=%ld (in: arg0=%lu)",
			 symname, (long)*ret, (unsigned long)in_arg0);
	say("la_pltexit ", line, "");
	if (!strcmp(symname, "audited_twice"))
		*ret += 1000;
}

#ifdef __x86_64__
Elf64_Addr la_x86_64_gnu_pltenter(Elf64_Sym *sym, unsigned ndx,
				  uintptr_t *refcook, uintptr_t *defcook,
				  La_x86_64_regs *regs, unsigned *flags,
				  const char *symname, long *framesizep)
{
	uint64_t arg[6] = { regs->lr_rdi, regs->lr_rsi, regs->lr_rdx,
			    regs->lr_rcx, regs->lr_r8, regs->lr_r9 };

	(void)ndx, (void)refcook, (void)defcook;
	plt_enter(symname, arg, regs->lr_xmm[0][0], flags, framesizep);
	regs->lr_rdi = arg[0];
	return sym->st_value;
}

unsigned la_x86_64_gnu_pltexit(Elf64_Sym *sym, unsigned ndx,
			       uintptr_t *refcook, uintptr_t *defcook,
			       const La_x86_64_regs *inregs,
			       La_x86_64_retval *outregs, const char *symname)
{
	(void)sym, (void)ndx, (void)refcook, (void)defcook;
	plt_exit(symname, inregs->lr_rdi, &outregs->lrv_rax,
		 outregs->lrv_xmm0[0]);
	return 0;
}
#elif defined __aarch64__
Elf64_Addr la_aarch64_gnu_pltenter(Elf64_Sym *sym, unsigned ndx,
				   uintptr_t *refcook, uintptr_t *defcook,
				   La_aarch64_regs *regs, unsigned *flags,
				   const char *symname, long *framesizep)
{
	(void)ndx, (void)refcook, (void)defcook;
	plt_enter(symname, regs->lr_xreg, regs->lr_vreg[0].s, flags,
		  framesizep);
	return sym->st_value;
}

unsigned la_aarch64_gnu_pltexit(Elf64_Sym *sym, unsigned ndx,
				uintptr_t *refcook, uintptr_t *defcook,
				const La_aarch64_regs *inregs,
				La_aarch64_retval *outregs, const char *symname)
{
	(void)sym, (void)ndx, (void)refcook, (void)defcook;
	plt_exit(symname, inregs->lr_xreg[0], &outregs->lrv_xreg[0],
		 outregs->lrv_vreg[0].s);
	return 0;
}
#endif
