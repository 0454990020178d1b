/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/loadfuzz.c - the load fuzzer: mutated objects loaded for real.
 *
 * The libFuzzer harness (fuzz_elf.c) reaches only the pure parsers.  This
 * driver reaches everything after them: mapping, relocation, RELRO, TLS,
 * IFUNC, lazy binding, interp-mode start-up and dlopen state.  It takes
 * seed objects built by the project (tests/fuzz/load/), changes a few
 * fields of their ELF structures (headers, program headers, dynamic
 * entries, relocations, symbols, hash and version tables), writes the
 * mutant and runs it under myld in a forked child with rlimits and a
 * timeout:
 *
 *   a program seed as `myld ./mutant` (command) and `./mutant` (interp,
 *   its PT_INTERP is myld);
 *   a library seed as the DT_NEEDED library of an unmutated program
 *   (needed), of the non-PIE program that copies its data (copy), and
 *   dlopened by a host that calls into it and binds lazily (dlopen);
 *   with --warm 1, either seed also under a warm launch cache (warm):
 *   the unmutated seed runs once with the cache on (as needed or as
 *   command), the mutant is written over it in place, the entry is
 *   resealed with the mutant's identity, and the mutant runs with the
 *   entry the seed recorded (a library rewritten underneath an entry
 *   that still takes it for the recorded file).
 *
 * Judging a run.  Fine: a normal exit, or exit 127 with exactly one line
 * "myld: ..." on stderr, without control bytes.  Findings: exit 127 with
 * any other stderr, the dlopen host's status 5 (a dlerror text with a
 * newline or control byte),
 * and a death by a signal or a hang *in myld*.  A mutated object may
 * legitimately crash in its own code once myld has run it (a constructor,
 * a function that dlsym found, the program after hand-over), so a signal
 * is located: the program counter at the fault, and the return address,
 * are compared with the address range myld occupies in the child.
 *
 *   natively: the child runs under ptrace (PTRACE_TRACEME; it stops only
 *   at signals), and at a fatal signal the driver reads the registers
 *   (PTRACE_GETREGSET) and /proc/<pid>/maps;
 *   under an emulator (--wrapper, qemu-user): qemu writes the guest's
 *   core file when RLIMIT_CORE allows; its NT_PRSTATUS note holds the
 *   guest registers and its PT_LOAD headers the guest mappings; myld's
 *   load address is the mapping whose dumped bytes are myld's ELF and
 *   program headers.
 *
 * The fault is myld's ("myld") when the PC lies in myld; myld's too
 * ("myld-jump") when the PC is in no executable mapping and the return
 * address (x86_64: the word at the stack pointer, aarch64: x30) is in
 * myld, i.e. myld called through a bad pointer; otherwise the object's
 * ("object", counted, not a finding).  A signal whose location cannot be
 * read is a finding too ("unknown"), to be looked at by hand.  A hang is
 * located the same way: SIGSTOP natively, SIGQUIT (a core dump) under qemu.
 *
 * Every mutation is a change of one named field ("rela.plt[2].r_addend =
 * 0x1"), so a finding is written down as the seed's name and a list of
 * such lines (a case file, see docs/testing.md) and is replayed on the
 * freshly built seed of either CPU.  Commands:
 *
 *   loadfuzz OPTIONS campaign     mutate and run --runs mutants (or
 *                                 until --seconds), write findings
 *   loadfuzz OPTIONS replay CASE...  run each case, check its outcome
 *   loadfuzz OPTIONS make CASE OUT   write a case's mutant (for gdb)
 *
 * The PRNG is seeded with --rng, so a campaign is deterministic (up to
 * timeouts on a loaded machine).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "launch_cache_format.h"

#ifndef SHT_RELR
#define SHT_RELR 19
#endif

/* ---------------------------------------------------------------- util */

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("loadfuzz: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

static void *xmalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (!p)
		die("out of memory");
	return p;
}

static uint8_t *read_whole(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc((size_t)n + 1);
	if (n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n)
		die("%s: short read", path);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void write_whole(const char *path, const uint8_t *buf, size_t len)
{
	int fd;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0 || write(fd, buf, len) != (ssize_t)len || close(fd) != 0)
		die("%s: cannot write: %s", path, strerror(errno));
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* splitmix64: small, and the same stream on every host. */
static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rnd_below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

static uint64_t get_le(const uint8_t *p, int size)
{
	uint64_t v = 0;

	for (int i = size - 1; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static void put_le(uint8_t *p, int size, uint64_t v)
{
	for (int i = 0; i < size; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

/* ------------------------------------------------------ seeds and fields */

/*
 * A field is a named little-endian integer of a seed: "phdr[3].p_memsz".
 * Fields of one group (one table) are mutated alike; the group also
 * weighs how often the table is picked.
 */
enum group { G_EHDR, G_PHDR, G_DYN, G_RELA, G_RELR, G_SYM, G_HASH,
	     G_VERSION, G_DYNSTR, G_NGROUPS };
static const int group_weight[G_NGROUPS] = {1, 4, 4, 6, 1, 4, 2, 2, 1};

enum kind { K_INT, K_PTYPE, K_DTAG, K_RTYPE, K_RSYM, K_ADDR, K_SHNDX };

struct field {
	char name[48];
	uint32_t off;
	uint8_t size, group, kind;
};

struct seed {
	char name[64];
	char path[PATH_MAX + 80];
	int is_prog;
	uint8_t *data;
	size_t len;
	uint16_t machine;
	struct field *f;
	int nf, cap;
	/* For the [sym=NAME] selectors: the .dynsym and its strings. */
	uint32_t dynsym_off, dynsym_count, dynstr_off, dynstr_size;
	uint32_t rela_off[2], rela_count[2];
};

static void add_field(struct seed *s, int group, int kind, uint32_t off,
		      int size, const char *fmt, ...)
{
	va_list ap;

	if (off + (uint64_t)size > s->len)
		return;
	if (s->nf == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->f = realloc(s->f, s->cap * sizeof *s->f);
		if (!s->f)
			die("out of memory");
	}
	struct field *f = &s->f[s->nf++];

	va_start(ap, fmt);
	vsnprintf(f->name, sizeof f->name, fmt, ap);
	va_end(ap);
	f->off = off;
	f->size = (uint8_t)size;
	f->group = (uint8_t)group;
	f->kind = (uint8_t)kind;
}

static void add_ehdr_fields(struct seed *s)
{
	static const struct { const char *n; int off, size, kind; } e[] = {
		{"e_ident.class", 4, 1, K_INT}, {"e_ident.data", 5, 1, K_INT},
		{"e_ident.version", 6, 1, K_INT}, {"e_ident.osabi", 7, 1, K_INT},
		{"e_type", 16, 2, K_INT}, {"e_machine", 18, 2, K_INT},
		{"e_version", 20, 4, K_INT}, {"e_entry", 24, 8, K_ADDR},
		{"e_phoff", 32, 8, K_INT}, {"e_shoff", 40, 8, K_INT},
		{"e_flags", 48, 4, K_INT}, {"e_ehsize", 52, 2, K_INT},
		{"e_phentsize", 54, 2, K_INT}, {"e_phnum", 56, 2, K_INT},
	};
	for (size_t i = 0; i < sizeof e / sizeof e[0]; i++)
		add_field(s, G_EHDR, e[i].kind, e[i].off, e[i].size,
			  "ehdr.%s", e[i].n);
}

static void add_phdr_fields(struct seed *s, const Elf64_Ehdr *eh)
{
	static const struct { const char *n; int off, size, kind; } p[] = {
		{"p_type", 0, 4, K_PTYPE}, {"p_flags", 4, 4, K_INT},
		{"p_offset", 8, 8, K_INT}, {"p_vaddr", 16, 8, K_ADDR},
		{"p_filesz", 32, 8, K_INT}, {"p_memsz", 40, 8, K_INT},
		{"p_align", 48, 8, K_INT},
	};
	for (int i = 0; i < eh->e_phnum; i++)
		for (size_t j = 0; j < sizeof p / sizeof p[0]; j++)
			add_field(s, G_PHDR, p[j].kind,
				  (uint32_t)(eh->e_phoff + (uint64_t)i * 56 + p[j].off),
				  p[j].size, "phdr[%d].%s", i, p[j].n);
}

static void add_rela_fields(struct seed *s, const Elf64_Shdr *sh,
			    const char *table)
{
	uint32_t n = (uint32_t)(sh->sh_size / 24);

	for (uint32_t i = 0; i < n; i++) {
		uint32_t o = (uint32_t)(sh->sh_offset + 24 * i);

		add_field(s, G_RELA, K_ADDR, o, 8, "%s[%u].r_offset", table, i);
		add_field(s, G_RELA, K_RTYPE, o + 8, 4, "%s[%u].r_type", table, i);
		add_field(s, G_RELA, K_RSYM, o + 12, 4, "%s[%u].r_sym", table, i);
		add_field(s, G_RELA, K_INT, o + 16, 8, "%s[%u].r_addend", table, i);
	}
}

static void add_sym_fields(struct seed *s, const Elf64_Shdr *sh)
{
	uint32_t n = (uint32_t)(sh->sh_size / 24);

	s->dynsym_off = (uint32_t)sh->sh_offset;
	s->dynsym_count = n;
	for (uint32_t i = 1; i < n; i++) {
		uint32_t o = (uint32_t)(sh->sh_offset + 24 * i);

		add_field(s, G_SYM, K_INT, o, 4, "sym[%u].st_name", i);
		add_field(s, G_SYM, K_INT, o + 4, 1, "sym[%u].st_info", i);
		add_field(s, G_SYM, K_INT, o + 5, 1, "sym[%u].st_other", i);
		add_field(s, G_SYM, K_SHNDX, o + 6, 2, "sym[%u].st_shndx", i);
		add_field(s, G_SYM, K_ADDR, o + 8, 8, "sym[%u].st_value", i);
		add_field(s, G_SYM, K_INT, o + 16, 8, "sym[%u].st_size", i);
	}
}

/* A table of UNIT-byte words, each a field "NAME[i]". */
static void add_words(struct seed *s, const Elf64_Shdr *sh, int group,
		      int unit, const char *table)
{
	for (uint64_t i = 0; i < sh->sh_size / unit; i++)
		add_field(s, group, K_INT, (uint32_t)(sh->sh_offset + i * unit),
			  unit, "%s[%lu]", table, (unsigned long)i);
}

static void add_section_fields(struct seed *s, const Elf64_Shdr *sh,
			       const char *name)
{
	switch (sh->sh_type) {
	case SHT_DYNAMIC:
		for (uint64_t i = 0; i < sh->sh_size / 16; i++) {
			uint32_t o = (uint32_t)(sh->sh_offset + 16 * i);

			add_field(s, G_DYN, K_DTAG, o, 8, "dyn[%lu].d_tag",
				  (unsigned long)i);
			add_field(s, G_DYN, K_ADDR, o + 8, 8, "dyn[%lu].d_val",
				  (unsigned long)i);
		}
		break;
	case SHT_RELA: {
		int plt = strstr(name, "plt") != NULL;

		s->rela_off[plt] = (uint32_t)sh->sh_offset;
		s->rela_count[plt] = (uint32_t)(sh->sh_size / 24);
		add_rela_fields(s, sh, plt ? "rela.plt" : "rela.dyn");
		break;
	}
	case SHT_RELR:
		add_words(s, sh, G_RELR, 8, "relr");
		break;
	case SHT_DYNSYM:
		add_sym_fields(s, sh);
		break;
	case SHT_GNU_HASH:
		add_words(s, sh, G_HASH, 4, "gnu_hash");
		break;
	case SHT_HASH:
		add_words(s, sh, G_HASH, 4, "hash");
		break;
	case SHT_GNU_versym:
		add_words(s, sh, G_VERSION, 2, "versym");
		break;
	case SHT_GNU_verdef:
		add_words(s, sh, G_VERSION, 2, "verdef");
		break;
	case SHT_GNU_verneed:
		add_words(s, sh, G_VERSION, 2, "verneed");
		break;
	case SHT_STRTAB:
		if (strcmp(name, ".dynstr") == 0) {
			s->dynstr_off = (uint32_t)sh->sh_offset;
			s->dynstr_size = (uint32_t)sh->sh_size;
			add_words(s, sh, G_DYNSTR, 1, "dynstr");
		}
		break;
	}
}

static void load_seed(struct seed *s, const char *dir, const char *name,
		      int is_prog)
{
	snprintf(s->name, sizeof s->name, "%s", name);
	snprintf(s->path, sizeof s->path, "%s/%s", dir, name);
	s->is_prog = is_prog;
	s->data = read_whole(s->path, &s->len);
	if (!s->data || s->len < sizeof(Elf64_Ehdr) ||
	    memcmp(s->data, ELFMAG, SELFMAG) != 0 ||
	    s->data[EI_CLASS] != ELFCLASS64)
		die("%s: not a 64-bit ELF seed", s->path);

	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)s->data;

	s->machine = eh->e_machine;
	add_ehdr_fields(s);
	add_phdr_fields(s, eh);
	if (eh->e_shoff + (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) > s->len)
		die("%s: no section headers (the seeds must not be stripped)",
		    s->path);
	const Elf64_Shdr *sh = (const Elf64_Shdr *)(s->data + eh->e_shoff);
	const char *shstr = (const char *)s->data + sh[eh->e_shstrndx].sh_offset;

	for (int i = 1; i < eh->e_shnum; i++)
		add_section_fields(s, &sh[i], shstr + sh[i].sh_name);
}

/* --------------------------------------------------------- mutation */

struct mutation {
	int field;
	char op;		/* '=' set, '+' add, '^' xor */
	uint64_t value;
};

#define MAX_MUT 8

static const uint64_t interesting[] = {
	0, 1, 2, 7, 8, 0x10, 0x40, 0x7f, 0x80, 0xff, 0x100, 0xfff, 0x1000,
	0xffff, 0x10000, 0x200000, 0x7fffffff, 0x80000000, 0xffffffff,
	0x100000000ULL, 1ULL << 40, 0x7fffffffffffffffULL,
	0x8000000000000000ULL, ~0ULL, ~0ULL - 7,
};

static const uint64_t pt_types[] = {
	PT_NULL, PT_LOAD, PT_DYNAMIC, PT_INTERP, PT_NOTE, PT_SHLIB, PT_PHDR,
	PT_TLS, PT_GNU_EH_FRAME, PT_GNU_STACK, PT_GNU_RELRO, 0x6474e553,
};

static const uint64_t dt_tags[] = {
	DT_NULL, DT_NEEDED, DT_PLTRELSZ, DT_PLTGOT, DT_HASH, DT_STRTAB,
	DT_SYMTAB, DT_RELA, DT_RELASZ, DT_RELAENT, DT_STRSZ, DT_SYMENT,
	DT_INIT, DT_FINI, DT_SONAME, DT_RPATH, DT_SYMBOLIC, DT_REL, DT_RELSZ,
	DT_RELENT, DT_PLTREL, DT_DEBUG, DT_TEXTREL, DT_JMPREL, DT_BIND_NOW,
	DT_INIT_ARRAY, DT_FINI_ARRAY, DT_INIT_ARRAYSZ, DT_FINI_ARRAYSZ,
	DT_RUNPATH, DT_FLAGS, DT_PREINIT_ARRAY, DT_PREINIT_ARRAYSZ, 35, 36, 37,
	DT_GNU_HASH, DT_VERSYM, DT_RELACOUNT, DT_FLAGS_1, DT_VERDEF,
	DT_VERDEFNUM, DT_VERNEED, DT_VERNEEDNUM, 0x6ffffef6 /* TLSDESC_PLT */,
	0x6ffffef7 /* TLSDESC_GOT */,
};

static const uint64_t rtypes_x86_64[] = {
	0, 1, 2, 5, 6, 7, 8, 10, 11, 16, 17, 18, 24, 32, 33, 34, 35, 36, 37,
	38, 41, 42,
};
static const uint64_t rtypes_aarch64[] = {
	0, 257, 258, 259, 260, 1024, 1025, 1026, 1027, 1028, 1029, 1030, 1031,
	1032,
};

#define PICK(a) ((a)[rnd_below(sizeof(a) / sizeof((a)[0]))])

static uint64_t kind_value(const struct seed *s, const struct field *f,
			   uint64_t cur)
{
	switch (f->kind) {
	case K_PTYPE:
		return PICK(pt_types);
	case K_DTAG:
		return PICK(dt_tags);
	case K_RTYPE:
		if (rnd_below(4) == 0)
			return rnd_below(64);
		return s->machine == EM_AARCH64 ? PICK(rtypes_aarch64)
						: PICK(rtypes_x86_64);
	case K_RSYM:
		return rnd_below(s->dynsym_count + 4);
	case K_SHNDX:
		return rnd_below(2) ? SHN_UNDEF : (rnd_below(2) ? SHN_ABS : 0xfff2);
	case K_ADDR:
		/* An address somewhere else in the image, or just outside. */
		return rnd_below(2) ? (rnd() % (s->len + 0x2000)) & ~7ULL
				    : cur + 8 * (rnd_below(9) - 4);
	default:
		return rnd();
	}
}

/* Another field of the same name in another entry: a value that is
 * plausible for this field but wrong for this entry. */
static uint64_t sibling_value(const struct seed *s, const struct field *f)
{
	const char *dot = strrchr(f->name, '.');
	const char *br = strchr(f->name, '[');

	for (int tries = 0; tries < 16 && dot && br; tries++) {
		const struct field *g = &s->f[rnd_below(s->nf)];
		const char *gdot = strrchr(g->name, '.');

		if (g->group == f->group && gdot && strcmp(gdot, dot) == 0 &&
		    strncmp(g->name, f->name, (size_t)(br - f->name)) == 0)
			return get_le(s->data + g->off, g->size);
	}
	return get_le(s->data + f->off, f->size) ^ 1;
}

static uint64_t mutate_value(const struct seed *s, const struct field *f,
			     uint64_t cur)
{
	uint64_t v;

	switch (rnd_below(9)) {
	case 0: v = cur ^ (1ULL << rnd_below(8 * f->size)); break;
	case 1: v = cur ^ ((uint64_t)(rnd() & 0xff) << 8 * rnd_below(f->size));
		break;
	case 2: v = cur + rnd_below(33) - 16; break;
	case 3: v = cur + (rnd_below(2) ? 0x1000 : -0x1000) * (1 + rnd_below(4));
		break;
	case 4: v = PICK(interesting); break;
	case 5: v = sibling_value(s, f); break;
	case 6: v = rnd(); break;
	default: v = kind_value(s, f, cur); break;
	}
	if (f->size < 8)
		v &= (1ULL << 8 * f->size) - 1;
	return v;
}

static int pick_field(const struct seed *s)
{
	int total = 0, present[G_NGROUPS] = {0};

	for (int i = 0; i < s->nf; i++)
		present[s->f[i].group] = 1;
	for (int g = 0; g < G_NGROUPS; g++)
		total += present[g] * group_weight[g];
	int r = (int)rnd_below(total), g;

	for (g = 0; g < G_NGROUPS - 1; g++) {
		int w = present[g] * group_weight[g];

		if (r < w)
			break;
		r -= w;
	}
	/* Uniform over the fields of group g. */
	int n = 0, pick;

	for (int i = 0; i < s->nf; i++)
		n += s->f[i].group == g;
	pick = (int)rnd_below(n);
	for (int i = 0; i < s->nf; i++)
		if (s->f[i].group == g && pick-- == 0)
			return i;
	return 0;
}

static void apply(const struct seed *s, uint8_t *buf,
		  const struct mutation *m, int n)
{
	for (int i = 0; i < n; i++) {
		const struct field *f = &s->f[m[i].field];
		uint64_t cur = get_le(buf + f->off, f->size), v = m[i].value;

		if (m[i].op == '+')
			v += cur;
		else if (m[i].op == '^')
			v ^= cur;
		put_le(buf + f->off, f->size, v);
	}
}

/* ------------------------------------------------------- running */

struct options {
	const char *myld;
	char seed_dir[PATH_MAX];
	char work[PATH_MAX];
	const char *wrapper;
	const char *env_opt;
	const char *needed_host, *copy_host, *dlopen_host, *dlopen_name;
	/* glibc's loader, for the "reference" lines of a case. */
	const char *reference;
	double timeout;
	int verbose;
	int warm;		/* add the warm run to every seed's runs */
	char myld_real[PATH_MAX];
	/* myld's ELF and program headers, and the extent of its image. */
	uint8_t *myld_hdr;
	size_t myld_hdr_len;
	uint64_t myld_span;
};

static struct options opt = {
	.timeout = 10, .needed_host = "fzprog", .copy_host = "fzprog-nopie",
	.dlopen_host = "fzhost_dl", .dlopen_name = "libfz.so",
};

enum config { C_COMMAND, C_INTERP, C_NEEDED, C_COPY, C_DLOPEN, C_WARM,
	      C_NCONFIGS };
static const char *const config_name[] = {
	"command", "interp", "needed", "copy", "dlopen", "warm",
};

enum verdict { V_EXIT, V_SIGNAL, V_HANG, V_EXECFAIL };
enum where { W_NONE, W_MYLD, W_JUMP, W_OBJECT, W_KERNEL, W_UNKNOWN,
	     W_EMULATOR };
static const char *const where_name[] = {
	"", "myld", "myld-jump", "object", "kernel", "unknown", "emulator",
};

struct outcome {
	enum verdict verdict;
	int code;		/* exit status or signal */
	enum where where;
	uint64_t myld_off;	/* PC (or return address) - myld's base */
	int myld_lines;		/* stderr is what a refusal prints */
	char first_line[160];
};

static void load_myld_image(void)
{
	size_t len;
	uint8_t *d;

	if (!realpath(opt.myld, opt.myld_real))
		die("%s: %s", opt.myld, strerror(errno));
	d = read_whole(opt.myld_real, &len);
	if (!d || len < sizeof(Elf64_Ehdr))
		die("%s: cannot read", opt.myld);
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)d;
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(d + eh->e_phoff);

	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD &&
		    ph[i].p_vaddr + ph[i].p_memsz > opt.myld_span)
			opt.myld_span = ph[i].p_vaddr + ph[i].p_memsz;
	opt.myld_hdr = d;
	opt.myld_hdr_len = eh->e_phoff + (size_t)eh->e_phnum * eh->e_phentsize;
}

/*
 * Variables a case sets for its runs ("env NAME=VALUE" lines), under myld
 * and under the reference loader alike.
 */
#define MAX_ENV 4
static const char *case_env[MAX_ENV];
static int ncase_env;

/*
 * glibc 2.36's _dl_fini asserts on a libc-free program that returns from
 * main under it (the rt runtime's exit path): RT_NO_FINI=1 makes the
 * runtime skip the destructors there, as run_testbin.py's reference does.
 */
static const char reference_env[] = "RT_NO_FINI=1";

/* Set while a warm run's two runs are made: the launch cache on, in the
 * work directory. */
static int cache_env_on;

/* Build argv (wrapper words, then the command) and envp for a run, under
 * myld or, if REFERENCE, under opt.reference. */
static int build_command(enum config c, int reference, const char *mutant,
			 char **argv, char **envp, char *libpath, size_t lplen)
{
	static char wrap[1024];
	static char host[2 * PATH_MAX], envbuf[3 * PATH_MAX];
	static char cache_home[PATH_MAX + 32];
	const char *vars[MAX_ENV + 4];
	int n = 0, e = 0, nvars = 0;

	if (c == C_COMMAND || c == C_INTERP)
		snprintf(libpath, lplen, "%s", opt.seed_dir);
	else
		snprintf(libpath, lplen, "%s/lib:%s", opt.work, opt.seed_dir);
	snprintf(envbuf, sizeof envbuf, "LD_LIBRARY_PATH=%s", libpath);
	vars[nvars++] = envbuf;
	for (int i = 0; i < ncase_env; i++)
		vars[nvars++] = case_env[i];
	if (reference)
		vars[nvars++] = reference_env;
	if (cache_env_on) {
		snprintf(cache_home, sizeof cache_home, "XDG_CACHE_HOME=%s/xdg",
			 opt.work);
		vars[nvars++] = "MYLD_LAUNCH_CACHE=1";
		vars[nvars++] = cache_home;
	}
	if (opt.wrapper) {
		snprintf(wrap, sizeof wrap, "%s", opt.wrapper);
		for (char *t = strtok(wrap, " "); t; t = strtok(NULL, " "))
			argv[n++] = t;
	}
	for (int i = 0; i < nvars; i++) {
		if (opt.wrapper && opt.env_opt) {
			argv[n++] = (char *)opt.env_opt;
			argv[n++] = (char *)vars[i];
		} else {
			envp[e++] = (char *)vars[i];
		}
	}
	envp[e] = NULL;
	/* The reference runs every program as a command: the mutant's
	 * PT_INTERP, and the hosts', name myld. */
	if (reference)
		argv[n++] = (char *)opt.reference;
	switch (c) {
	case C_COMMAND:
		if (!reference)
			argv[n++] = opt.myld_real;
		argv[n++] = (char *)mutant;
		break;
	case C_INTERP:
		argv[n++] = (char *)mutant;
		break;
	case C_NEEDED:
	case C_DLOPEN:
		snprintf(host, sizeof host, "%s/%s", opt.seed_dir,
			 c == C_NEEDED ? opt.needed_host : opt.dlopen_host);
		argv[n++] = host;
		if (c == C_DLOPEN)
			argv[n++] = (char *)opt.dlopen_name;
		break;
	case C_COPY:
		snprintf(host, sizeof host, "%s/%s", opt.seed_dir, opt.copy_host);
		if (!reference)
			argv[n++] = opt.myld_real;
		argv[n++] = host;
		break;
	default:
		break;
	}
	argv[n] = NULL;
	return n;
}

static void child_exec(char **argv, char **envp, const char *rundir)
{
	struct rlimit cpu = {(rlim_t)opt.timeout + 2, (rlim_t)opt.timeout + 3};
	struct rlimit fsz = {64 << 20, 64 << 20};
	/* Enough for qemu's guest core; the kernel's core of qemu itself
	 * is cut at the same size (and deleted). */
	struct rlimit core = {opt.wrapper ? 64UL << 20 : 0,
			      opt.wrapper ? 64UL << 20 : 0};
	struct rlimit as = {4UL << 30, 4UL << 30};
	int fd;

	setpgid(0, 0);
	setrlimit(RLIMIT_CPU, &cpu);
	setrlimit(RLIMIT_FSIZE, &fsz);
	setrlimit(RLIMIT_CORE, &core);
	if (!opt.wrapper)
		setrlimit(RLIMIT_AS, &as);
	if (chdir(rundir) != 0)
		_exit(126);
	fd = open("/dev/null", O_RDWR);
	dup2(fd, 0);
	dup2(fd, 1);
	fd = open("stderr", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	dup2(fd, 2);
	if (!opt.wrapper)
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
	execvpe(argv[0], argv, envp);
	_exit(126);
}

/* loader/launch_cache_format.c is linked in for the entry's layout and
 * checksum; its one use of lib.c. */
int fmt_format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* The lowest address of a mapping of myld in /proc/PID/maps, and whether
 * ADDR is in myld, in an executable mapping, or nowhere. */
struct maps_info {
	uint64_t myld_base;
	int pc_in_myld, pc_exec, ret_in_myld;
};

static void read_maps(pid_t pid, uint64_t pc, uint64_t ret,
		      struct maps_info *mi)
{
	char path[64], line[PATH_MAX + 128];
	FILE *f;

	memset(mi, 0, sizeof *mi);
	mi->myld_base = UINT64_MAX;
	snprintf(path, sizeof path, "/proc/%d/maps", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		char perms[8] = "";
		int pos = 0;

		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &lo, &hi, perms,
			   &pos) < 3)
			continue;
		char *file = line + pos;

		file[strcspn(file, "\n")] = 0;
		int is_myld = pos && strcmp(file, opt.myld_real) == 0;

		if (is_myld && lo < mi->myld_base)
			mi->myld_base = lo;
		if (pc >= lo && pc < hi) {
			mi->pc_in_myld = is_myld;
			mi->pc_exec = perms[2] == 'x';
		}
		if (is_myld && ret >= lo && ret < hi && perms[2] == 'x')
			mi->ret_in_myld = 1;
	}
	fclose(f);
}

static void locate(struct outcome *o, uint64_t base, uint64_t pc,
		   uint64_t ret, int pc_in_myld, int pc_exec, int ret_in_myld)
{
	if (pc_in_myld) {
		o->where = W_MYLD;
		o->myld_off = pc - base;
	} else if (!pc_exec && ret_in_myld) {
		o->where = W_JUMP;
		o->myld_off = ret - base;
	} else {
		o->where = W_OBJECT;
	}
}

/* Natively, at a signal stop of the traced child. */
static void locate_native(pid_t pid, struct outcome *o)
{
	struct maps_info mi;
	uint64_t pc, ret;
#if defined(__x86_64__)
	struct user_regs_struct regs;
	struct iovec iov = {&regs, sizeof regs};

	if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_PRSTATUS, &iov) != 0) {
		o->where = W_UNKNOWN;
		return;
	}
	pc = regs.rip;
	errno = 0;
	ret = (uint64_t)ptrace(PTRACE_PEEKDATA, pid, (void *)regs.rsp, NULL);
	if (errno)
		ret = 0;
#elif defined(__aarch64__)
	struct user_pt_regs regs;
	struct iovec iov = {&regs, sizeof regs};

	if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_PRSTATUS, &iov) != 0) {
		o->where = W_UNKNOWN;
		return;
	}
	pc = regs.pc;
	ret = regs.regs[30];
#else
#error "loadfuzz: no register layout for this host"
#endif
	read_maps(pid, pc, ret, &mi);
	locate(o, mi.myld_base, pc, ret, mi.pc_in_myld, mi.pc_exec,
	       mi.ret_in_myld);
}

/* Under qemu: the guest core file qemu wrote in RUNDIR (aarch64 guest). */
static int locate_core_file(const char *core, struct outcome *o)
{
	size_t len;
	uint8_t *d = read_whole(core, &len);
	uint64_t pc = 0, ret = 0, base = UINT64_MAX;
	int have_regs = 0;

	if (!d || len < sizeof(Elf64_Ehdr)) {
		free(d);
		return 0;
	}
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)d;
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(d + eh->e_phoff);

	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_NOTE) {
			size_t p = ph[i].p_offset, end = p + ph[i].p_filesz;

			while (p + 12 <= end && end <= len) {
				const Elf64_Nhdr *nh = (const Elf64_Nhdr *)(d + p);
				size_t desc = p + 12 + ((nh->n_namesz + 3) & ~3u);

				/* aarch64 elf_prstatus: pr_reg at 112, x0-x30, sp, pc */
				if (nh->n_type == NT_PRSTATUS && !have_regs &&
				    desc + 112 + 33 * 8 <= len) {
					ret = get_le(d + desc + 112 + 30 * 8, 8);
					pc = get_le(d + desc + 112 + 32 * 8, 8);
					have_regs = 1;
				}
				p = desc + ((nh->n_descsz + 3) & ~3u);
			}
		} else if (ph[i].p_type == PT_LOAD &&
			   ph[i].p_filesz >= opt.myld_hdr_len &&
			   ph[i].p_offset + opt.myld_hdr_len <= len &&
			   memcmp(d + ph[i].p_offset, opt.myld_hdr,
				  opt.myld_hdr_len) == 0) {
			base = ph[i].p_vaddr;
		}
	}
	int pc_exec = 0;

	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && (ph[i].p_flags & PF_X) &&
		    pc >= ph[i].p_vaddr && pc < ph[i].p_vaddr + ph[i].p_memsz)
			pc_exec = 1;
	free(d);
	if (!have_regs)
		return 0;
	if (base == UINT64_MAX) {
		/* myld is not mapped: the kernel (qemu) ran the program
		 * without it, e.g. a mutant that lost its PT_INTERP. */
		o->where = W_OBJECT;
		return 1;
	}
	locate(o, base, pc, ret, pc - base < opt.myld_span, pc_exec,
	       ret - base < opt.myld_span);
	return 1;
}

static void locate_qemu(const char *rundir, struct outcome *o)
{
	DIR *dir = opendir(rundir);
	struct dirent *de;
	char path[PATH_MAX + 300];
	int found = 0;

	o->where = W_UNKNOWN;
	while (dir && (de = readdir(dir))) {
		size_t n = strlen(de->d_name);

		if (de->d_name[0] == '.' || strcmp(de->d_name, "stderr") == 0)
			continue;
		/* qemu's guest core, and the host's core of qemu itself. */
		snprintf(path, sizeof path, "%s/%s", rundir, de->d_name);
		if (!found && n > 5 && strcmp(de->d_name + n - 5, ".core") == 0)
			found = locate_core_file(path, o);
		unlink(path);
	}
	if (dir)
		closedir(dir);
}

/*
 * Is TEXT (N bytes) what myld prints when it refuses (docs/pipeline.md,
 * "Errors"): one "myld: " line, or the one exception, a list of
 * undefined symbols, one "myld: <object>: undefined symbol: " line each?
 * Names in messages are sanitised: no control bytes but the newlines.
 */
static int refusal_text(const char *text, size_t n)
{
	size_t lines = 0, undefined = 0;

	if (n == 0 || text[n - 1] != '\n' || strlen(text) != n)
		return 0;
	for (const char *line = text; line < text + n; lines++) {
		const char *nl = memchr(line, '\n', (size_t)(text + n - line));

		if (strncmp(line, "myld: ", 6) || nl - line <= 6)
			return 0;
		for (const char *c = line; c < nl; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				return 0;
		if (memmem(line, (size_t)(nl - line), ": undefined symbol: ",
			   20))
			undefined++;
		line = nl + 1;
	}
	return lines == 1 || undefined == lines;
}

static void read_stderr(const char *rundir, struct outcome *o)
{
	char path[PATH_MAX + 16], buf[4096];
	int fd;
	ssize_t n;

	snprintf(path, sizeof path, "%s/stderr", rundir);
	fd = open(path, O_RDONLY);
	n = fd < 0 ? 0 : read(fd, buf, sizeof buf - 1);
	if (fd >= 0)
		close(fd);
	if (n < 0)
		n = 0;
	buf[n] = 0;
	o->myld_lines = refusal_text(buf, (size_t)n);
	size_t l = strcspn(buf, "\n");

	if (l >= sizeof o->first_line)
		l = sizeof o->first_line - 1;
	memcpy(o->first_line, buf, l);
	o->first_line[l] = 0;
}

static int is_fault_signal(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
	       sig == SIGFPE || sig == SIGABRT || sig == SIGTRAP ||
	       sig == SIGSYS || sig == SIGXCPU;
}

/* Wait for PID (blocked SIGCHLD) until DEADLINE; 0 on timeout. */
static int wait_until(pid_t pid, int *status, double deadline)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	for (;;) {
		pid_t r = waitpid(pid, status, WNOHANG | __WALL);

		if (r == pid)
			return 1;
		double left = deadline - now_seconds();

		if (left <= 0)
			return 0;
		struct timespec ts = {(time_t)left,
				      (long)((left - (time_t)left) * 1e9)};

		sigtimedwait(&set, NULL, &ts);
	}
}

static void kill_and_reap(pid_t pid)
{
	int st;

	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	while (waitpid(pid, &st, __WALL) < 0 && errno == EINTR)
		;
}

/* The traced child (native): follow its stops until it ends. */
static void supervise_native(pid_t pid, struct outcome *o)
{
	double deadline = now_seconds() + opt.timeout;
	int st, execed = 0, stopped_for_hang = 0;

	for (;;) {
		if (!wait_until(pid, &st, deadline)) {
			if (stopped_for_hang) {
				o->verdict = V_HANG;
				o->where = W_UNKNOWN;
				kill_and_reap(pid);
				return;
			}
			kill(pid, SIGSTOP);
			stopped_for_hang = 1;
			deadline = now_seconds() + 5;
			continue;
		}
		if (WIFEXITED(st)) {
			o->verdict = execed ? V_EXIT : V_EXECFAIL;
			o->code = WEXITSTATUS(st);
			return;
		}
		if (WIFSIGNALED(st)) {
			/* Not seen at a stop: SIGKILL, by the kernel (a failed
			 * exec past the point of no return) or an rlimit. */
			o->verdict = V_SIGNAL;
			o->code = WTERMSIG(st);
			o->where = W_KERNEL;
			return;
		}
		int sig = WSTOPSIG(st);

		if (sig == SIGTRAP && !execed) {
			execed = 1;
			ptrace(PTRACE_SETOPTIONS, pid, NULL,
			       (void *)PTRACE_O_EXITKILL);
			ptrace(PTRACE_CONT, pid, NULL, NULL);
			continue;
		}
		if (is_fault_signal(sig) || (sig == SIGSTOP && stopped_for_hang)) {
			o->verdict = sig == SIGSTOP || sig == SIGXCPU ? V_HANG
								      : V_SIGNAL;
			o->code = sig;
			locate_native(pid, o);
			kill_and_reap(pid);
			return;
		}
		ptrace(PTRACE_CONT, pid, NULL, (void *)(long)sig);
	}
}

static void supervise_wrapped(pid_t pid, const char *rundir, struct outcome *o)
{
	int st;

	if (!wait_until(pid, &st, now_seconds() + opt.timeout)) {
		/* qemu hands SIGQUIT to the guest, which dumps a core. */
		kill(pid, SIGQUIT);
		if (!wait_until(pid, &st, now_seconds() + 10))
			kill_and_reap(pid);
		o->verdict = V_HANG;
		locate_qemu(rundir, o);
		return;
	}
	if (WIFEXITED(st)) {
		o->verdict = WEXITSTATUS(st) == 126 ? V_EXECFAIL : V_EXIT;
		o->code = WEXITSTATUS(st);
		return;
	}
	o->verdict = V_SIGNAL;
	o->code = WTERMSIG(st);
	if (o->code == SIGKILL)
		o->where = W_KERNEL;
	else
		locate_qemu(rundir, o);
}

static void run_once(enum config c, int reference, const char *mutant,
		     struct outcome *o)
{
	char *argv[64], *envp[MAX_ENV + 6], libpath[2 * PATH_MAX + 8];
	char rundir[PATH_MAX + 8];
	double start = now_seconds();
	pid_t pid;

	memset(o, 0, sizeof *o);
	snprintf(rundir, sizeof rundir, "%s/run", opt.work);
	build_command(c, reference, mutant, argv, envp, libpath,
		      sizeof libpath);
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0)
		child_exec(argv, envp, rundir);
	if (opt.wrapper)
		supervise_wrapped(pid, rundir, o);
	else
		supervise_native(pid, o);
	kill(-pid, SIGKILL);	/* anything the child left behind */
	read_stderr(rundir, o);
	/* No guest core, and qemu's own complaint on stderr (e.g. "qemu-
	 * aarch64: GLib: ... failed to allocate"): the emulator died, not
	 * the guest. */
	if (opt.wrapper && o->where == W_UNKNOWN &&
	    strncmp(o->first_line, "qemu-", 5) == 0)
		o->where = W_EMULATOR;
	if (opt.verbose)
		fprintf(stderr, "loadfuzz: %s%s: %.2f s\n",
			reference ? "reference " : "", config_name[c],
			now_seconds() - start);
}

/* The seed of the mutant written last (write_mutant). */
static const struct seed *mutant_seed;

/* PATH's bytes replaced by LEN bytes at BUF, in place: same inode. */
static void rewrite_in_place(const char *path, const uint8_t *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_TRUNC);

	if (fd < 0 || write(fd, buf, len) != (ssize_t)len || close(fd) != 0)
		die("%s: cannot rewrite: %s", path, strerror(errno));
}

static int64_t stat_ns(struct timespec t)
{
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* Every object of the entry at PATH that is the file OLD described now
 * takes the identity NOW; the checksum is redone.  The rest (build-id,
 * bindings, lazy slots) stays what the seed's run recorded. */
static int reseal_entry(const char *path, const struct stat *old,
			const struct stat *now)
{
	size_t len;
	uint8_t *buf = read_whole(path, &len);
	struct lcf_header *h = (struct lcf_header *)buf;
	struct lcf_layout l;
	int changed = 0;

	if (!buf || len < sizeof *h ||
	    memcmp(h->magic, LCF_MAGIC, sizeof h->magic) != 0 ||
	    lcf_layout(h->key_size, h->nobjects, h->nbindings, h->nlazy,
		       h->strings_size, &l) < 0 || l.total != len) {
		free(buf);
		return 0;
	}
	struct lcf_object *ob = (struct lcf_object *)(buf + l.objects);

	for (uint32_t i = 0; i < h->nobjects; i++) {
		if (ob[i].dev != (uint64_t)old->st_dev ||
		    ob[i].ino != (uint64_t)old->st_ino)
			continue;
		ob[i].size = (uint64_t)now->st_size;
		ob[i].mtime_ns = stat_ns(now->st_mtim);
		ob[i].ctime_ns = stat_ns(now->st_ctim);
		changed = 1;
	}
	h->checksum = lcf_checksum_parts(buf, &l);
	if (changed)
		rewrite_in_place(path, buf, len);
	free(buf);
	return changed;
}

static int reseal_entries(const struct stat *old, const struct stat *now)
{
	char dir[PATH_MAX + 16], path[2 * PATH_MAX];
	DIR *d;
	struct dirent *de;
	int n = 0;

	snprintf(dir, sizeof dir, "%s/xdg/myld", opt.work);
	d = opendir(dir);
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		n += reseal_entry(path, old, now);
	}
	if (d)
		closedir(d);
	return n;
}

static void clear_cache_dir(void)
{
	char dir[PATH_MAX + 16], path[2 * PATH_MAX];
	DIR *d;
	struct dirent *de;

	snprintf(dir, sizeof dir, "%s/xdg/myld", opt.work);
	d = opendir(dir);
	while (d && (de = readdir(d))) {
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (de->d_name[0] != '.' || strlen(de->d_name) > 2)
			unlink(path);
	}
	if (d)
		closedir(d);
}

static long warm_resealed, warm_runs;

/* --verbose 2: whether the entry would be used (myld --cache-info). */
static void show_cache_info(enum config base, const char *mutant)
{
	char cmd[8 * PATH_MAX];

	snprintf(cmd, sizeof cmd, "cd %s/run && LD_LIBRARY_PATH=%s%s"
		 "%s MYLD_LAUNCH_CACHE=1 XDG_CACHE_HOME=%s/xdg %s %s --cache-info "
		 "%s%s%s | grep -m1 -i 'use' >&2", opt.work,
		 base == C_NEEDED ? opt.work : "", base == C_NEEDED ? "/lib:" : "",
		 opt.seed_dir, opt.work, opt.wrapper ? opt.wrapper : "", opt.myld_real,
		 base == C_NEEDED ? opt.seed_dir : mutant,
		 base == C_NEEDED ? "/" : "",
		 base == C_NEEDED ? opt.needed_host : "");
	if (system(cmd) == -1)
		fprintf(stderr, "loadfuzz: cannot run --cache-info\n");
}

/*
 * The warm run (see the top): the unmutated seed records an entry as the
 * needed (library) or command (program) run, the mutant is written over
 * it in place and the entry resealed to match it, then the mutant runs
 * with that entry.  A finding of the first run is returned as such (the
 * seed itself, with the cache on, is broken).
 */
static void run_warm(const char *mutant, struct outcome *o)
{
	const struct seed *s = mutant_seed;
	enum config base = s->is_prog ? C_COMMAND : C_NEEDED;
	struct stat old, now;
	size_t len;
	uint8_t *mut = read_whole(mutant, &len);

	if (!mut)
		die("%s: cannot read", mutant);
	clear_cache_dir();
	rewrite_in_place(mutant, s->data, s->len);
	cache_env_on = 1;
	run_once(base, 0, mutant, o);
	if (o->verdict != V_EXIT || o->code != 0) {
		cache_env_on = 0;
		free(mut);
		return;
	}
	if (stat(mutant, &old) != 0)
		die("%s: %s", mutant, strerror(errno));
	rewrite_in_place(mutant, mut, len);
	if (stat(mutant, &now) != 0)
		die("%s: %s", mutant, strerror(errno));
	warm_resealed += reseal_entries(&old, &now) > 0;
	warm_runs++;
	if (opt.verbose >= 2)
		show_cache_info(base, mutant);
	run_once(base, 0, mutant, o);
	cache_env_on = 0;
	free(mut);
}

/* A warm run under the reference is its base run: glibc has no cache. */
static void run_under(enum config c, int reference, const char *mutant,
		      struct outcome *o)
{
	if (c != C_WARM)
		run_once(c, reference, mutant, o);
	else if (reference)
		run_once(mutant_seed->is_prog ? C_COMMAND : C_NEEDED, 1, mutant,
			 o);
	else
		run_warm(mutant, o);
}

/* One run of CONFIG under myld. */
static void run_config(enum config c, const char *mutant, struct outcome *o)
{
	run_under(c, 0, mutant, o);
}

/* A finding, or 0: see the comment at the top. */
static int is_finding(enum config c, const struct outcome *o)
{
	switch (o->verdict) {
	case V_EXIT:
		if (o->code == 127)
			return !o->myld_lines;
		return c == C_DLOPEN && o->code == 5;
	case V_SIGNAL:
	case V_HANG:
		return o->where == W_MYLD || o->where == W_JUMP ||
		       o->where == W_UNKNOWN;
	default:
		return 0;
	}
}

static void describe(const struct outcome *o, char *buf, size_t len)
{
	switch (o->verdict) {
	case V_EXIT:
		if (o->code == 127)
			snprintf(buf, len, "exit 127, %s", o->myld_lines
				 ? "myld's refusal"
				 : "not one sanitised myld line (or undefined "
				   "symbol list) on stderr");
		else
			snprintf(buf, len, "exit %d", o->code);
		break;
	case V_SIGNAL:
	case V_HANG:
		if (o->code)
			snprintf(buf, len, "%s %s in %s", o->verdict == V_HANG
				 ? "hang" : "signal", sigabbrev_np(o->code)
				 ? sigabbrev_np(o->code) : "?",
				 where_name[o->where]);
		else
			snprintf(buf, len, "hang in %s", where_name[o->where]);
		if (o->where == W_MYLD || o->where == W_JUMP)
			snprintf(buf + strlen(buf), len - strlen(buf),
				 " at myld+0x%lx", (unsigned long)o->myld_off);
		break;
	case V_EXECFAIL:
		snprintf(buf, len, "exec failed");
		break;
	}
}

static void prepare_work(void)
{
	char d[PATH_MAX + 8];

	mkdir(opt.work, 0755);
	snprintf(d, sizeof d, "%s/run", opt.work);
	mkdir(d, 0755);
	snprintf(d, sizeof d, "%s/lib", opt.work);
	mkdir(d, 0755);
	snprintf(d, sizeof d, "%s/prog", opt.work);
	mkdir(d, 0755);
}

/* Write SEED with mutations M to the work directory; its path in OUT. */
static void write_mutant(const struct seed *s, const struct mutation *m,
			 int n, char *out, size_t outlen)
{
	uint8_t *buf = xmalloc(s->len);

	memcpy(buf, s->data, s->len);
	apply(s, buf, m, n);
	snprintf(out, outlen, "%s/%s/%s", opt.work, s->is_prog ? "prog" : "lib",
		 s->name);
	write_whole(out, buf, s->len);
	mutant_seed = s;
	free(buf);
}

static void remove_mutant(const char *path)
{
	unlink(path);
}

static int configs_of(const struct seed *s, enum config *out)
{
	int n = 0;

	if (s->is_prog) {
		out[n++] = C_COMMAND;
		out[n++] = C_INTERP;
	} else {
		out[n++] = C_NEEDED;
		out[n++] = C_COPY;
		out[n++] = C_DLOPEN;
	}
	if (opt.warm)
		out[n++] = C_WARM;
	return n;
}

/* ------------------------------------------------------- case files */

static void print_mutation(FILE *f, const struct seed *s,
			   const struct mutation *m)
{
	static const char *const ops[] = {"=", "+=", "^="};
	int k = m->op == '=' ? 0 : m->op == '+' ? 1 : 2;

	fprintf(f, "patch %s %s 0x%lx\n", s->f[m->field].name, ops[k],
		(unsigned long)m->value);
}

/* The dynamic symbol index of NAME, or -1. */
static long sym_index(const struct seed *s, const char *name)
{
	for (uint32_t i = 1; i < s->dynsym_count; i++) {
		uint32_t st_name = (uint32_t)get_le(s->data + s->dynsym_off + 24 * i, 4);

		if (st_name < s->dynstr_size &&
		    strcmp((const char *)s->data + s->dynstr_off + st_name, name) == 0)
			return i;
	}
	return -1;
}

static int find_field(const struct seed *s, const char *name)
{
	for (int i = 0; i < s->nf; i++)
		if (strcmp(s->f[i].name, name) == 0)
			return i;
	return -1;
}

/* The first entry I of TABLE whose FIELD equals WANT, or -1. */
static long first_entry(const struct seed *s, const char *table,
			const char *field, long want, long from)
{
	char probe[96];

	for (long i = from;; i++) {
		snprintf(probe, sizeof probe, "%s[%ld].%s", table, i, field);
		int fi = find_field(s, probe);

		if (fi < 0)
			return -1;
		if ((long)get_le(s->data + s->f[fi].off, s->f[fi].size) == want)
			return i;
	}
}

/*
 * A selector in brackets, resolved on the seed: a number; sym=NAME
 * (sym[...]: that symbol; rela.*[...]: the first relocation against it);
 * type=N (phdr: p_type, dyn: d_tag, rela.*: r_type; the first such
 * entry); both, as "sym=NAME,type=N", for relocations; chain=NAME
 * (hash[...]: the DT_HASH chain word of that symbol); str=NAME
 * (dynstr[...]: the first byte of that string).
 */
static long resolve_selector(const struct seed *s, const char *table,
			     const char *sel)
{
	const char *sym = strstr(sel, "sym="), *type = strstr(sel, "type=");
	const char *chain = strstr(sel, "chain=");
	char name[64];
	long symidx = -1;

	if (strncmp(sel, "str=", 4) == 0 && strcmp(table, "dynstr") == 0) {
		/* dynstr[str=NAME]: the first byte of the string NAME. */
		const char *t = (const char *)s->data + s->dynstr_off;
		size_t n = strlen(sel + 4);

		for (uint32_t i = 1; i + n < s->dynstr_size; i++)
			if (t[i - 1] == 0 && memcmp(t + i, sel + 4, n + 1) == 0)
				return i;
		return -1;
	}
	if (!sym && !type && !chain) {
		char *end;
		long i = strtol(sel, &end, 0);

		return *end ? -1 : i;
	}
	if (sym || chain) {
		const char *n = sym ? sym + 4 : chain + 6;

		snprintf(name, sizeof name, "%.*s", (int)strcspn(n, ","), n);
		symidx = sym_index(s, name);
		if (symidx < 0)
			return -1;
	}
	if (chain) {
		int fi = find_field(s, "hash[0]");

		return fi < 0 ? -1 : 2 + (long)get_le(s->data + s->f[fi].off, 4) +
				     symidx;
	}
	if (strcmp(table, "sym") == 0)
		return symidx;
	if (strncmp(table, "rela", 4) != 0)
		return first_entry(s, table, strcmp(table, "phdr") == 0
				   ? "p_type" : "d_tag",
				   strtol(type + 5, NULL, 0), 0);
	for (long i = 0; i >= 0; i++) {
		i = sym ? first_entry(s, table, "r_sym", symidx, i) : i;
		if (i < 0 || !type)
			return i;
		i = first_entry(s, table, "r_type", strtol(type + 5, NULL, 0), i);
		if (i < 0)
			return -1;
		char probe[96];

		snprintf(probe, sizeof probe, "%s[%ld].r_sym", table, i);
		if (!sym || (long)get_le(s->data + s->f[find_field(s, probe)].off,
					 4) == symidx)
			return i;
	}
	return -1;
}

/* "TABLE[SEL].FIELD" to a field index of S, or -1. */
static int parse_field_name(const struct seed *s, const char *spec)
{
	char table[32], sel[64], canon[96];
	const char *lb = strchr(spec, '['), *rb = lb ? strchr(lb, ']') : NULL;

	if (!lb || !rb)
		return find_field(s, spec);
	snprintf(table, sizeof table, "%.*s", (int)(lb - spec), spec);
	snprintf(sel, sizeof sel, "%.*s", (int)(rb - lb - 1), lb + 1);
	long idx = resolve_selector(s, table, sel);

	if (idx < 0)
		return -1;
	snprintf(canon, sizeof canon, "%s[%ld]%s", table, idx, rb + 1);
	return find_field(s, canon);
}

#define MAX_EXPECT 8

struct expectation {
	char quals[64];		/* ":x86_64:dlopen", or "" */
	char what[64];
};

struct testcase {
	char name[PATH_MAX];
	const struct seed *seed;
	enum config configs[C_NCONFIGS];
	int nconfigs;
	struct expectation expect[MAX_EXPECT];
	int nexpect;
	/* What glibc's loader does with the same mutant ("reference"). */
	struct expectation ref[MAX_EXPECT];
	int nref;
	char env[MAX_ENV][128];
	int nenv;
	struct mutation m[MAX_MUT];
	int nm;
};

static const char *host_arch(const struct seed *s)
{
	return s->machine == EM_AARCH64 ? "aarch64" : "x86_64";
}

/* Does every ":qualifier" of QUALS name the seed's CPU or CONFIG? */
static int quals_match(const char *quals, const struct seed *s, int config)
{
	char buf[64];

	snprintf(buf, sizeof buf, "%s", quals);
	for (char *save, *q = strtok_r(buf, ":", &save); q;
	     q = strtok_r(NULL, ":", &save))
		if (strcmp(q, host_arch(s)) != 0 &&
		    (config < 0 || strcmp(q, config_name[config]) != 0))
			return 0;
	return 1;
}

/* A patch value: a number, or symidx:NAME (a dynamic symbol's index). */
static uint64_t patch_value(const struct testcase *t, const char *v, int lineno)
{
	if (strncmp(v, "symidx:", 7) == 0) {
		long i = sym_index(t->seed, v + 7);

		if (i < 0)
			die("%s:%d: no symbol %s", t->name, lineno, v + 7);
		return (uint64_t)i;
	}
	return strtoull(v, NULL, 0);
}

static void parse_patch(struct testcase *t, int lineno)
{
	char *f = strtok(NULL, " \t"), *op = strtok(NULL, " \t");
	char *v = strtok(NULL, " \t\n");

	if (!t->seed || !f || !op || !v || t->nm == MAX_MUT)
		die("%s:%d: bad patch line", t->name, lineno);
	int fi = parse_field_name(t->seed, f);

	if (fi < 0)
		die("%s:%d: no field %s in %s", t->name, lineno, f, t->seed->name);
	t->m[t->nm].field = fi;
	t->m[t->nm].op = op[0] == '+' ? '+' : op[0] == '^' ? '^' : '=';
	t->m[t->nm++].value = patch_value(t, v, lineno);
}

/*
 * One line of a case file: "seed NAME", "run CONFIG...", "expect OUTCOME",
 * "patch FIELD OP VALUE"; a keyword may carry qualifiers (expect:dlopen,
 * patch:aarch64): the line counts only for that CPU or run.
 */
static void parse_case_line(struct testcase *t, char *line,
			    struct seed *seeds, int nseeds, int lineno)
{
	char *w = strtok(line, " \t\n"), *quals;

	if (!w || w[0] == '#')
		return;
	quals = strchr(w, ':');
	if (quals)
		*quals++ = 0;
	if (strcmp(w, "seed") == 0) {
		char *n = strtok(NULL, " \t\n");

		for (int i = 0; n && i < nseeds; i++)
			if (strcmp(seeds[i].name, n) == 0)
				t->seed = &seeds[i];
		if (!t->seed)
			die("%s:%d: unknown seed %s", t->name, lineno, n ? n : "");
	} else if (!t->seed) {
		die("%s:%d: the seed line comes first", t->name, lineno);
	} else if (strcmp(w, "run") == 0) {
		for (char *c; (c = strtok(NULL, " \t\n"));) {
			int k = 0;

			while (k < C_NCONFIGS && strcmp(config_name[k], c) != 0)
				k++;
			if (k == C_NCONFIGS)
				die("%s:%d: unknown run %s", t->name, lineno, c);
			t->configs[t->nconfigs++] = (enum config)k;
		}
	} else if ((strcmp(w, "expect") == 0 && t->nexpect < MAX_EXPECT) ||
		   (strcmp(w, "reference") == 0 && t->nref < MAX_EXPECT)) {
		char *rest = strtok(NULL, "\n");
		struct expectation *e = w[0] == 'e' ? &t->expect[t->nexpect++]
						    : &t->ref[t->nref++];

		snprintf(e->quals, sizeof e->quals, "%s", quals ? quals : "");
		snprintf(e->what, sizeof e->what, "%s", rest ? rest : "");
	} else if (strcmp(w, "env") == 0) {
		char *v = strtok(NULL, " \t\n");

		if (!v || !strchr(v, '=') || t->nenv == MAX_ENV ||
		    strlen(v) >= sizeof t->env[0])
			die("%s:%d: bad env line", t->name, lineno);
		if (!quals || quals_match(quals, t->seed, -1))
			snprintf(t->env[t->nenv++], sizeof t->env[0], "%s", v);
	} else if (strcmp(w, "patch") == 0) {
		if (!quals || quals_match(quals, t->seed, -1))
			parse_patch(t, lineno);
	} else {
		die("%s:%d: unknown keyword %s", t->name, lineno, w);
	}
}

static void read_case(const char *path, struct testcase *t,
		      struct seed *seeds, int nseeds)
{
	char line[512];
	FILE *f = fopen(path, "r");
	int lineno = 0;

	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "%s", path);
	if (!f)
		die("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof line, f))
		parse_case_line(t, line, seeds, nseeds, ++lineno);
	fclose(f);
	if (!t->seed || !t->nexpect)
		die("%s: needs a seed and an expect line", path);
	if (!t->nconfigs)
		t->nconfigs = configs_of(t->seed, t->configs);
}

/* The last of the N expectations E that applies to CONFIG, or NULL. */
static const char *expectation_for(const struct testcase *t,
				   const struct expectation *e, int n,
				   int config)
{
	const char *what = NULL;

	for (int i = 0; i < n; i++)
		if (quals_match(e[i].quals, t->seed, config))
			what = e[i].what;
	return what;
}

/*
 * Does O meet the expectation: "refuse", "exit N", "fault" (killed by a
 * signal in the object's own code, never in myld) or "sane"?
 */
static int meets(const char *expect, enum config c, const struct outcome *o)
{
	if (strcmp(expect, "fault") == 0)
		return o->verdict == V_SIGNAL && o->where == W_OBJECT;
	if (strcmp(expect, "sane") == 0)
		return !is_finding(c, o) && o->verdict != V_EXECFAIL;
	if (strcmp(expect, "refuse") == 0)
		return o->verdict == V_EXIT && o->code == 127 && o->myld_lines;
	if (strncmp(expect, "exit ", 5) == 0)
		return o->verdict == V_EXIT && o->code == atoi(expect + 5) &&
		       (o->code != 127 || o->myld_lines);
	die("unknown expectation '%s'", expect);
	return 0;
}

/* ------------------------------------------------------- commands */

static int is_case_file(const struct dirent *de)
{
	size_t n = strlen(de->d_name);

	return n > 5 && strcmp(de->d_name + n - 5, ".case") == 0;
}

/* The case files named, a directory standing for its *.case in order. */
static char **expand_cases(char **args, int nargs, int *ncases)
{
	char **out = NULL;
	int n = 0;

	for (int i = 0; i < nargs; i++) {
		struct dirent **des;
		struct stat sb;
		int k;

		if (stat(args[i], &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			out = realloc(out, (n + 1) * sizeof *out);
			out[n++] = args[i];
			continue;
		}
		k = scandir(args[i], &des, is_case_file, alphasort);
		for (int j = 0; j < k; j++) {
			out = realloc(out, (n + 1) * sizeof *out);
			if (asprintf(&out[n++], "%s/%s", args[i], des[j]->d_name) < 0)
				die("out of memory");
			free(des[j]);
		}
		if (k > 0)
			free(des);
	}
	*ncases = n;
	return out;
}

static int runs_config(const struct testcase *t, enum config c)
{
	for (int k = 0; k < t->nconfigs; k++)
		if (t->configs[k] == c)
			return 1;
	return 0;
}

/* Run one configuration of case T, under myld or the reference; print
 * the verdict line; 1 if it met its expectation. */
static int replay_run(const struct testcase *t, enum config c, int reference,
		      const char *expect, const char *mutant)
{
	struct outcome o;
	char what[256];
	const char *base = strrchr(t->name, '/');

	run_under(c, reference, mutant, &o);
	describe(&o, what, sizeof what);
	int ok = meets(expect, c, &o);

	printf("%s %s %s%s: %s (expected %s)%s%s\n", ok ? "ok  " : "FAIL",
	       base ? base + 1 : t->name, config_name[c],
	       reference ? " (reference)" : "", what, expect,
	       o.first_line[0] ? ": " : "", o.first_line);
	return ok;
}

/*
 * Replay every case: each run under myld against its "expect" line and,
 * with --reference, under glibc's loader against its "reference" line.
 * The reference runs every program as a command (the PT_INTERP of the
 * mutant and of the hosts is myld), so an interp run is the command run
 * again and is made only when the case has no command run; a dlopen run
 * is not made (the host takes dlopen from myld).
 */
static int cmd_replay(char **args, int nargs, struct seed *seeds, int nseeds)
{
	int ncases;
	char **cases = expand_cases(args, nargs, &ncases);

	int failed = 0, total = 0, ref_runs = 0, ref_unrun = 0;
	char mutant[PATH_MAX + 300];

	for (int i = 0; i < ncases; i++) {
		struct testcase t;

		read_case(cases[i], &t, seeds, nseeds);
		ncase_env = t.nenv;
		for (int k = 0; k < t.nenv; k++)
			case_env[k] = t.env[k];
		write_mutant(t.seed, t.m, t.nm, mutant, sizeof mutant);
		for (int k = 0; k < t.nconfigs; k++) {
			enum config c = t.configs[k];
			const char *expect = expectation_for(&t, t.expect,
							     t.nexpect, c);
			const char *ref = expectation_for(&t, t.ref, t.nref, c);

			if (!expect)
				die("%s: no expectation for %s", t.name,
				    config_name[c]);
			total++;
			failed += !replay_run(&t, c, 0, expect, mutant);
			if (!ref || c == C_DLOPEN ||
			    (c == C_INTERP && runs_config(&t, C_COMMAND)))
				continue;
			if (!opt.reference) {
				ref_unrun++;
				continue;
			}
			total++;
			ref_runs++;
			failed += !replay_run(&t, c, 1, ref, mutant);
		}
		remove_mutant(mutant);
		ncase_env = 0;
	}
	printf("%d runs (%d under the reference loader), %d as expected, "
	       "%d not\n", total, ref_runs, total - failed, failed);
	if (ref_unrun)
		printf("%d reference runs not made: no --reference\n",
		       ref_unrun);
	return failed ? 1 : 0;
}

struct finding {
	char key[256];
	int count;
};

static int same_finding(enum config c, const struct outcome *a,
			const struct outcome *b)
{
	(void)c;
	return a->verdict == b->verdict && a->code == b->code &&
	       a->where == b->where && a->myld_off == b->myld_off &&
	       a->myld_lines == b->myld_lines;
}

/* Drop every mutation the finding does not need. */
static int minimize(const struct seed *s, struct mutation *m, int n,
		    enum config c, const struct outcome *want)
{
	char mutant[PATH_MAX + 300];

	for (int i = n - 1; i >= 0 && n > 1; i--) {
		struct mutation t[MAX_MUT];
		struct outcome o;
		int k = 0;

		for (int j = 0; j < n; j++)
			if (j != i)
				t[k++] = m[j];
		write_mutant(s, t, k, mutant, sizeof mutant);
		run_config(c, mutant, &o);
		remove_mutant(mutant);
		if (is_finding(c, &o) && same_finding(c, &o, want)) {
			memcpy(m, t, sizeof t);
			n = k;
		}
	}
	return n;
}

static void write_finding(const char *dir, int number, const struct seed *s,
			  enum config c, const struct mutation *m, int n,
			  const char *what)
{
	char path[PATH_MAX + 64];
	FILE *f;

	snprintf(path, sizeof path, "%s/finding-%03d.case", dir, number);
	f = fopen(path, "w");
	if (!f)
		die("%s: %s", path, strerror(errno));
	fprintf(f, "# found by loadfuzz (%s): %s\nseed %s\nrun %s\nexpect sane\n",
		host_arch(s), what, s->name, config_name[c]);
	for (int i = 0; i < n; i++)
		print_mutation(f, s, &m[i]);
	fclose(f);
}

struct stats {
	long mutants, runs, exit_ok, refused, other_exit, object_signal,
	     kernel, execfail, findings;
};

static void record(struct stats *st, enum config c, const struct outcome *o)
{
	st->runs++;
	if (is_finding(c, o))
		st->findings++;
	else if (o->verdict == V_EXIT && o->code == 0)
		st->exit_ok++;
	else if (o->verdict == V_EXIT && o->code == 127)
		st->refused++;
	else if (o->verdict == V_EXIT)
		st->other_exit++;
	else if (o->verdict == V_EXECFAIL)
		st->execfail++;
	else if (o->where == W_KERNEL || o->where == W_EMULATOR)
		st->kernel++;
	else
		st->object_signal++;
}

static void campaign_one(const struct seed *s, struct stats *st,
			 struct finding *fs, int *nfs, const char *findings)
{
	struct mutation m[MAX_MUT];
	enum config cs[C_NCONFIGS];
	char mutant[PATH_MAX + 300], what[256];
	int n = 1 + (int)rnd_below(3);
	int nc = configs_of(s, cs);

	if (rnd_below(8) == 0)
		n += (int)rnd_below(MAX_MUT - 3);
	for (int i = 0; i < n; i++) {
		m[i].field = pick_field(s);
		m[i].op = '=';
		m[i].value = mutate_value(s, &s->f[m[i].field],
					  get_le(s->data + s->f[m[i].field].off,
						 s->f[m[i].field].size));
	}
	write_mutant(s, m, n, mutant, sizeof mutant);
	for (int k = 0; k < nc; k++) {
		struct outcome o;

		run_config(cs[k], mutant, &o);
		record(st, cs[k], &o);
		if (!is_finding(cs[k], &o))
			continue;
		describe(&o, what, sizeof what);
		int j = 0;

		while (j < *nfs && strcmp(fs[j].key, what) != 0)
			j++;
		if (j < *nfs) {
			fs[j].count++;
			continue;
		}
		if (*nfs == 1000)
			continue;
		snprintf(fs[j].key, sizeof fs[j].key, "%s", what);
		fs[j].count = 1;
		(*nfs)++;
		int mn = minimize(s, m, n, cs[k], &o);

		write_finding(findings, j + 1, s, cs[k], m, mn, what);
		printf("finding %03d: %s %s: %s%s%s\n", j + 1, s->name,
		       config_name[cs[k]], what, o.first_line[0] ? ": " : "",
		       o.first_line);
		fflush(stdout);
		write_mutant(s, m, n, mutant, sizeof mutant);
	}
	remove_mutant(mutant);
}

static int cmd_campaign(struct seed *seeds, int nseeds, long runs,
			double seconds, const char *findings)
{
	static struct finding fs[1000];
	struct stats st = {0};
	int nfs = 0;
	double end = now_seconds() + seconds;
	long i;

	mkdir(findings, 0755);
	/* Only this campaign's findings: drop an earlier run's. */
	DIR *dir = opendir(findings);
	struct dirent *de;
	char path[PATH_MAX + 300];

	while (dir && (de = readdir(dir))) {
		if (!is_case_file(de))
			continue;
		snprintf(path, sizeof path, "%s/%s", findings, de->d_name);
		unlink(path);
	}
	if (dir)
		closedir(dir);
	/* The count bounds the campaign; --seconds, when given, is for
	 * long campaigns by hand. */
	for (i = 0; i < runs && (seconds <= 0 || now_seconds() < end); i++) {
		campaign_one(&seeds[rnd_below(nseeds)], &st, fs, &nfs, findings);
		st.mutants++;
	}
	if (i < runs)
		printf("stopped by --seconds %g\n", seconds);
	printf("%ld of %ld mutants, %ld runs: %ld ran to exit 0, %ld refused "
	       "(127, one line), %ld other exits, %ld crashed in the object's "
	       "own code, %ld killed by the kernel or the emulator, "
	       "%ld not executable, "
	       "%ld findings (%d distinct)\n", st.mutants, runs, st.runs,
	       st.exit_ok, st.refused, st.other_exit, st.object_signal,
	       st.kernel, st.execfail, st.findings, nfs);
	if (warm_runs)
		printf("%ld warm runs, %ld on an entry resealed for the "
		       "mutant\n", warm_runs, warm_resealed);
	for (int j = 0; j < nfs; j++)
		printf("  finding %03d x%d: %s\n", j + 1, fs[j].count, fs[j].key);
	return nfs ? 1 : 0;
}

static int cmd_make(const char *casefile, const char *out, struct seed *seeds,
		    int nseeds)
{
	struct testcase t;
	uint8_t *buf;

	read_case(casefile, &t, seeds, nseeds);
	buf = xmalloc(t.seed->len);
	memcpy(buf, t.seed->data, t.seed->len);
	apply(t.seed, buf, t.m, t.nm);
	write_whole(out, buf, t.seed->len);
	free(buf);
	return 0;
}

static void usage(void)
{
	fputs("usage: loadfuzz --myld PATH --seed-dir DIR --work DIR\n"
	      "         [--prog NAME]... [--lib NAME]... [--timeout S]\n"
	      "         [--wrapper 'CMD ARGS'] [--wrapper-env-opt -E]\n"
	      "         [--needed-host NAME] [--copy-host NAME]\n"
	      "         [--dlopen-host NAME] [--dlopen-name NAME]\n"
	      "         [--reference GLIBC-LOADER] [--verbose 1] [--warm 1]\n"
	      "       then: campaign [--runs N] [--seconds S] [--rng N]"
	      " [--findings DIR]\n"
	      "          or replay CASE...   or make CASE OUT\n", stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	static struct seed seeds[32];
	static char *prog_names[32], *lib_names[32];
	int nprog = 0, nlib = 0, nseeds = 0, i;
	long runs = 1000;
	double seconds = 0;
	const char *findings = "findings";
	const char *seed_dir = NULL, *work = NULL;

	for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v)
			usage();
		if (!strcmp(o, "--myld")) opt.myld = v;
		else if (!strcmp(o, "--seed-dir")) seed_dir = v;
		else if (!strcmp(o, "--work")) work = v;
		else if (!strcmp(o, "--prog") && nprog < 32) prog_names[nprog++] = (char *)v;
		else if (!strcmp(o, "--lib") && nlib < 32) lib_names[nlib++] = (char *)v;
		else if (!strcmp(o, "--timeout")) opt.timeout = atof(v);
		else if (!strcmp(o, "--wrapper")) opt.wrapper = *v ? v : NULL;
		else if (!strcmp(o, "--wrapper-env-opt")) opt.env_opt = *v ? v : NULL;
		else if (!strcmp(o, "--needed-host")) opt.needed_host = v;
		else if (!strcmp(o, "--copy-host")) opt.copy_host = v;
		else if (!strcmp(o, "--dlopen-host")) opt.dlopen_host = v;
		else if (!strcmp(o, "--dlopen-name")) opt.dlopen_name = v;
		else if (!strcmp(o, "--reference")) opt.reference = *v ? v : NULL;
		else if (!strcmp(o, "--verbose")) opt.verbose = atoi(v);
		else if (!strcmp(o, "--warm")) opt.warm = atoi(v);
		else usage();
	}
	if (!opt.myld || !seed_dir || !work || i >= argc)
		usage();
	/* A loaded machine stretches every run: the test suite's scale
	 * (tests/timeouts.py) stretches the timeout that tells a hang. */
	const char *scale = getenv("MYLD_TEST_TIMEOUT_SCALE");

	if (scale && *scale) {
		if (atof(scale) <= 0)
			die("bad MYLD_TEST_TIMEOUT_SCALE=%s", scale);
		opt.timeout *= atof(scale);
	}
	if (!realpath(seed_dir, opt.seed_dir))
		die("%s: %s", seed_dir, strerror(errno));
	mkdir(work, 0755);
	if (!realpath(work, opt.work))
		die("%s: %s", work, strerror(errno));
	load_myld_image();
	for (int k = 0; k < nprog; k++)
		load_seed(&seeds[nseeds++], opt.seed_dir, prog_names[k], 1);
	for (int k = 0; k < nlib; k++)
		load_seed(&seeds[nseeds++], opt.seed_dir, lib_names[k], 0);
	if (!nseeds)
		usage();
	prepare_work();

	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);

	const char *cmd = argv[i++];

	if (!strcmp(cmd, "replay"))
		return cmd_replay(argv + i, argc - i, seeds, nseeds);
	if (!strcmp(cmd, "make") && argc - i == 2)
		return cmd_make(argv[i], argv[i + 1], seeds, nseeds);
	if (strcmp(cmd, "campaign") != 0)
		usage();
	rng_state = 1;
	for (; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--runs")) runs = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--seconds")) seconds = atof(argv[i + 1]);
		else if (!strcmp(argv[i], "--rng")) rng_state = strtoull(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "--findings")) findings = argv[i + 1];
		else usage();
	}
	return cmd_campaign(seeds, nseeds, runs, seconds, findings);
}
