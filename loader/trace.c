/* SPDX-License-Identifier: MIT */
/*
 * loader/trace.c - see trace.h.
 */
#include <stdarg.h>

#include "arch.h"
#include "diag.h"
#include "dso.h"
#include "lib.h"
#include "sys.h"
#include "trace.h"

unsigned trace_mask;
struct trace_stats trace_stats;
static int trace_fd = 2;
int trace_names_loader_file;

/* Read when a trace first names myld (most runs never do): 1 once
 * trace_loader_file holds the name, -1 when it cannot be read. */
char trace_loader_file[4096] COLD_BUFFER;
static int loader_file_read;

static const char *loader_file(void)
{
	int state = __atomic_load_n(&loader_file_read, __ATOMIC_ACQUIRE);

	if (!state) {
		long n = sys_readlink("/proc/self/exe", trace_loader_file,
				      sizeof(trace_loader_file) - 1);

		state = !SYS_FAILED(n) && n > 0 ? 1 : -1;
		if (state > 0)
			trace_loader_file[n] = '\0';
		__atomic_store_n(&loader_file_read, state, __ATOMIC_RELEASE);
	}
	return state > 0 ? trace_loader_file : NULL;
}

const char *trace_object_name(const struct dso *d)
{
	const char *file;

	if (d == dso_loader && trace_names_loader_file &&
	    (file = loader_file()))
		return file;
	return d->path;
}

/* Strings in arrays rather than pointers, here and in the tables below:
 * each pointer would be a relocation boot.c applies at every start. */
static const struct {
	char name[12];
	unsigned mask;
	char help[60];
} categories[] = {
	{ "libs", TRACE_LIBS | TRACE_IMPCALLS,
	  "display library search paths" },
	{ "reloc", TRACE_RELOC | TRACE_IMPCALLS,
	  "display relocation processing" },
	{ "files", TRACE_FILES | TRACE_IMPCALLS,
	  "display progress for input file" },
	{ "symbols", TRACE_SYMBOLS | TRACE_IMPCALLS,
	  "display symbol table processing" },
	{ "bindings", TRACE_BINDINGS | TRACE_IMPCALLS,
	  "display information about symbol binding" },
	{ "versions", TRACE_VERSIONS | TRACE_IMPCALLS,
	  "display version dependencies" },
	{ "scopes", TRACE_SCOPES, "display scope information" },
	{ "all", TRACE_LIBS | TRACE_RELOC | TRACE_FILES | TRACE_SYMBOLS |
			 TRACE_BINDINGS | TRACE_VERSIONS | TRACE_SCOPES |
			 TRACE_IMPCALLS,
	  "all previous options combined" },
	{ "statistics", TRACE_STATISTICS,
	  "display relocation statistics and the time of each stage" },
	{ "unused", TRACE_UNUSED,
	  "determine unused direct dependencies (with --list)" },
	{ "help", 0, "display this help message and exit" },
};

static void print_help(void)
{
	diag_printf(1, "Valid options for the LD_DEBUG environment variable "
		       "are:\n\n");
	for (size_t i = 0; i < ARRAY_SIZE(categories); i++)
		diag_printf(1, "  %-10s  %s\n", categories[i].name,
			    categories[i].help);
	diag_printf(1, "\nTo direct the debugging output into a file instead "
		       "of standard error\na filename can be specified using "
		       "the LD_DEBUG_OUTPUT environment variable.\n");
	sys_exit(0);
}

void trace_parse(const char *spec)
{
	while (*spec) {
		size_t n = 0;

		while (*spec == ' ' || *spec == ',' || *spec == ':')
			spec++;
		while (spec[n] && spec[n] != ' ' && spec[n] != ',' &&
		       spec[n] != ':')
			n++;
		if (n == 0)
			break;
		size_t i;
		for (i = 0; i < ARRAY_SIZE(categories); i++)
			if (strlen(categories[i].name) == n &&
			    !strncmp(categories[i].name, spec, n))
				break;
		if (i == ARRAY_SIZE(categories))
			diag_printf(2, "warning: debug option '%.*s' unknown; "
				       "try LD_DEBUG=help\n", (int)n, spec);
		else if (!strcmp(categories[i].name, "help"))
			print_help();
		else
			trace_mask |= categories[i].mask;
		spec += n;
	}
}

void trace_set_output(const char *prefix)
{
	char path[4096];

	fmt_format(path, sizeof(path), "%s.%ld", prefix, sys_getpid());
	long fd = sys_call(__NR_openat, AT_FDCWD, path,
			   O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
				   O_CLOEXEC,
			   0666, 0, 0);
	if (!SYS_FAILED(fd))
		trace_fd = fd;
}

void trace_line_begin(struct trace_line *line)
{
	line->sink = (struct fmt_sink){ line->buf, sizeof(line->buf), 0, 0,
					diag_drain_to_fd, &trace_fd };
	trace_line_add(line, "%10ld:\t", sys_getpid());
}

void trace_line_add(struct trace_line *line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vsink(&line->sink, fmt, ap);
	va_end(ap);
}

void trace_line_end(struct trace_line *line)
{
	trace_line_add(line, "\n");
	fmt_sink_flush(&line->sink);
}

void trace_printf(const char *fmt, ...)
{
	struct trace_line line;
	va_list ap;

	trace_line_begin(&line);
	va_start(ap, fmt);
	fmt_vsink(&line.sink, fmt, ap);
	va_end(ap);
	trace_line_end(&line);
}

void trace_call(const char *fmt, ...)
{
	struct trace_line line;
	va_list ap;

	trace_printf("%s", "");
	trace_line_begin(&line);
	va_start(ap, fmt);
	fmt_vsink(&line.sink, fmt, ap);
	va_end(ap);
	trace_line_end(&line);
	trace_printf("%s", "");
}

uint64_t trace_now_ns(void)
{
	struct {
		long sec, nsec;
	} ts = { 0, 0 };

	/* CLOCK_MONOTONIC; through the system call, as myld has no vDSO
	 * binding of its own. */
	sys_call(__NR_clock_gettime, 1, &ts, 0, 0, 0, 0);
	return (uint64_t)ts.sec * 1000000000u + ts.nsec;
}

void trace_print_statistics(void)
{
	static const char stages[][28] = {
		"mapping the program", "loading the dependencies",
		"setting up TLS", "relocating", "initialising",
	};
	uint64_t total = 0, relocs = trace_stats.relocs_other;

	for (size_t i = 0; i < ARRAY_SIZE(stages); i++)
		total += trace_stats.stage_ns[i];
	uint64_t relative = 0;
	for (size_t t = 0; t < TRACE_RELOC_SLOTS; t++) {
		relocs += trace_stats.relocs_by_type[t];
		if (trace_stats.slot_used[t] &&
		    trace_stats.slot_type[t] == R_ARCH_RELATIVE)
			relative = trace_stats.relocs_by_type[t];
	}

	trace_printf("%s", "");
	trace_printf("runtime linker statistics:");
	trace_printf("  total startup time in dynamic loader: %lu ns",
		     (unsigned long)total);
	for (size_t i = 0; i < ARRAY_SIZE(stages); i++)
		trace_printf("  %26s: %lu ns", stages[i],
			     (unsigned long)trace_stats.stage_ns[i]);
	trace_printf("                 number of relocations: %lu",
		     (unsigned long)relocs);
	trace_printf("        number of relative relocations: %lu",
		     (unsigned long)(trace_stats.relr_words + relative));
	for (size_t t = 0; t < TRACE_RELOC_SLOTS; t++)
		if (trace_stats.relocs_by_type[t])
			trace_printf("  %26s: %lu",
				     arch_reloc_name(trace_stats.slot_type[t]),
				     (unsigned long)
					     trace_stats.relocs_by_type[t]);
	if (trace_stats.relocs_other)
		trace_printf("  %26s: %lu", "other types",
			     (unsigned long)trace_stats.relocs_other);
	if (trace_stats.relr_words)
		trace_printf("  %26s: %lu", "DT_RELR entries",
			     (unsigned long)trace_stats.relr_words);
	trace_printf("                     symbol look-ups: %lu",
		     (unsigned long)trace_stats.lookups);
	trace_printf("          objects searched in total: %lu",
		     (unsigned long)trace_stats.objects_searched);
}

/* Names of the auxv types glibc prints, and how it prints each value. */
void trace_show_auxv(const void *auxv)
{
	static const struct {
		char name[20];
		char format;	/* x hex, d decimal, s string, h bare hex */
	} types[] = {
		[AT_EXECFD] = { "AT_EXECFD", 'd' },
		[AT_PHDR] = { "AT_PHDR", 'x' },
		[AT_PHENT] = { "AT_PHENT", 'd' },
		[AT_PHNUM] = { "AT_PHNUM", 'd' },
		[AT_PAGESZ] = { "AT_PAGESZ", 'd' },
		[AT_BASE] = { "AT_BASE", 'x' },
		[AT_FLAGS] = { "AT_FLAGS", 'x' },
		[AT_ENTRY] = { "AT_ENTRY", 'x' },
		[AT_NOTELF] = { "AT_NOTELF", 'x' },
		[AT_UID] = { "AT_UID", 'd' },
		[AT_EUID] = { "AT_EUID", 'd' },
		[AT_GID] = { "AT_GID", 'd' },
		[AT_EGID] = { "AT_EGID", 'd' },
		[AT_PLATFORM] = { "AT_PLATFORM", 's' },
		[AT_HWCAP] = { "AT_HWCAP", 'h' },
		[AT_CLKTCK] = { "AT_CLKTCK", 'd' },
		[AT_SECURE] = { "AT_SECURE", 'd' },
		[AT_BASE_PLATFORM] = { "AT_BASE_PLATFORM", 's' },
		[AT_RANDOM] = { "AT_RANDOM", 'x' },
		[AT_HWCAP2] = { "AT_HWCAP2", 'x' },
		[AT_EXECFN] = { "AT_EXECFN", 's' },
		[AT_SYSINFO_EHDR] = { "AT_SYSINFO_EHDR", 'x' },
		[AT_MINSIGSTKSZ] = { "AT_MINSIGSTKSZ", 'd' },
	};

	for (const Elf64_auxv_t *a = auxv; a->a_type != AT_NULL; a++) {
		uint64_t t = a->a_type, v = a->a_un.a_val;
		char label[32];

		if (t >= ARRAY_SIZE(types) || !types[t].name[0]) {
			diag_printf(1, "AT_??? (0x%lx): 0x%lx\n",
				    (unsigned long)t, (unsigned long)v);
			continue;
		}
		fmt_format(label, sizeof(label), "%s:", types[t].name);
		switch (types[t].format) {
		case 'd':
			diag_printf(1, "%-22s%lu\n", label, (unsigned long)v);
			break;
		case 's':
			diag_printf(1, "%-22s%s\n", label, (const char *)v);
			break;
		case 'h':
			diag_printf(1, "%-22s%lx\n", label, (unsigned long)v);
			break;
		default:
			diag_printf(1, "%-22s0x%lx\n", label, (unsigned long)v);
		}
	}
}
