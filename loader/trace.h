/* SPDX-License-Identifier: MIT */
/*
 * loader/trace.h - LD_DEBUG: watching the loader work.
 *
 * The categories and line formats are glibc's where glibc has them, so
 * that what people know from glibc's loader carries over.  Every line
 * starts with the process id and a tab.  Output goes to stderr, or to
 * LD_DEBUG_OUTPUT.<pid>.  Each trace point costs one test of a mask when
 * its category is off.
 */
#ifndef MYLD_TRACE_H
#define MYLD_TRACE_H

#include "lib.h"

#include <stdint.h>

enum trace_category {
	TRACE_LIBS = 1 << 0,		/* library search */
	TRACE_RELOC = 1 << 1,		/* relocation processing */
	TRACE_FILES = 1 << 2,		/* objects mapped, initialised */
	TRACE_SYMBOLS = 1 << 3,		/* every object searched */
	TRACE_BINDINGS = 1 << 4,	/* which definition each reference got */
	TRACE_VERSIONS = 1 << 5,	/* version requirements */
	TRACE_SCOPES = 1 << 6,		/* lookup scopes */
	TRACE_STATISTICS = 1 << 7,	/* counts and stage times */
	TRACE_UNUSED = 1 << 8,		/* unused direct dependencies */
	/* Initialisers, finalisers and the hand-off: glibc shows these
	 * with every category but scopes, statistics and unused. */
	TRACE_IMPCALLS = 1 << 9,
};

extern unsigned trace_mask;

#define TRACE(cat, ...)                                                  \
	do {                                                             \
		if (trace_mask & TRACE_##cat)                            \
			trace_printf(__VA_ARGS__);                       \
	} while (0)

/*
 * A line about calling into the program or an object (TRACE_IMPCALLS),
 * set off by an empty line before and after, as glibc's loader does.
 */
#define TRACE_CALL(...)                                                  \
	do {                                                             \
		if (trace_mask & TRACE_IMPCALLS)                         \
			trace_call(__VA_ARGS__);                         \
	} while (0)

/*
 * Parse an LD_DEBUG value (words separated by spaces, commas or colons).
 * "help" prints the list of categories and exits.  An unknown word gives
 * a warning.
 */
void trace_parse(const char *spec);

/*
 * Set when myld runs as a command: its object then carries the program's
 * PT_INTERP as its path (glibc's libc looks for that name), but a trace
 * must name the loader that really ran, myld's own file.
 */
extern int trace_names_loader_file;

/* How a trace names the object D: its path, or, for myld itself when
 * trace_names_loader_file is set, /proc/self/exe's target. */
struct dso;
const char *trace_object_name(const struct dso *d);

/* Send the trace to PREFIX.<pid> instead of stderr. */
void trace_set_output(const char *prefix);

/* One line of trace, without its "<pid>:\t" prefix and newline. */
__attribute__((format(printf, 1, 2))) void trace_printf(const char *fmt, ...);

/* TRACE_CALL's line (see above). */
__attribute__((format(printf, 1, 2))) void trace_call(const char *fmt, ...);

/*
 * One line of trace built in parts (a scope listing every object):
 * trace_line_begin, then any number of trace_line_add, then
 * trace_line_end.  A line of any length comes out whole.
 */
struct trace_line {
	struct fmt_sink sink;
	char buf[1024];
};
void trace_line_begin(struct trace_line *line);
__attribute__((format(printf, 2, 3)))
void trace_line_add(struct trace_line *line, const char *fmt, ...);
void trace_line_end(struct trace_line *line);

/* Statistics.  */
/*
 * Relocation counts by type.  Types are small on x86_64 but above 1024 on
 * aarch64, so a type's slot is its value modulo a prime that keeps every
 * dynamic type of both apart; the slot remembers its type, and a type
 * that finds its slot taken is counted with the others.
 */
#define TRACE_RELOC_SLOTS 61

struct trace_stats {
	uint64_t relocs_by_type[TRACE_RELOC_SLOTS];
	uint32_t slot_type[TRACE_RELOC_SLOTS];
	uint8_t slot_used[TRACE_RELOC_SLOTS];
	uint64_t relocs_other;		/* types whose slot was taken */
	uint64_t relr_words;		/* relative relocations via RELR */
	uint64_t lookups;		/* symbol look-ups */
	uint64_t objects_searched;	/* objects asked during look-ups */
	uint64_t lazy_binds;		/* PLT slots bound at run time */
	uint64_t stage_ns[8];		/* time per stage */
};
extern struct trace_stats trace_stats;

uint64_t trace_now_ns(void);

static inline void trace_count_reloc(uint32_t type)
{
	unsigned slot = type % TRACE_RELOC_SLOTS;

	if (!trace_stats.slot_used[slot]) {
		trace_stats.slot_used[slot] = 1;
		trace_stats.slot_type[slot] = type;
	}
	if (trace_stats.slot_type[slot] == type)
		trace_stats.relocs_by_type[slot]++;
	else
		trace_stats.relocs_other++;
}

/* Print the statistics (category statistics). */
void trace_print_statistics(void);

/* LD_SHOW_AUXV: print the auxiliary vector the way glibc does. */
void trace_show_auxv(const void *auxv);

#endif
