/* SPDX-License-Identifier: MIT */
/*
 * loader/unique.h - STB_GNU_UNIQUE symbols: one definition per name in
 * the process.  See unique.c.
 */
#ifndef MYLD_UNIQUE_H
#define MYLD_UNIQUE_H

#include <elf.h>

#include "dso.h"
#include "symbol.h"

/* Forget every definition of D's (D is being unloaded).  Under the
 * loader lock. */
void unique_forget(const struct dso *d);

const Elf64_Sym *unique_choose_slow(const struct sym_query *q,
				    const Elf64_Sym *s, struct dso **def);

/*
 * The definition a look-up for Q must use, given that it found S in
 * *DEF: S itself, unless S is STB_GNU_UNIQUE, in which case the first
 * definition of that name the process met (then in *DEF too).  Inline:
 * every look-up that finds something passes here.
 */
static inline const Elf64_Sym *unique_choose(const struct sym_query *q,
					     const Elf64_Sym *s,
					     struct dso **def)
{
	if (s && ELF64_ST_BIND(s->st_info) == STB_GNU_UNIQUE)
		return unique_choose_slow(q, s, def);
	return s;
}

#endif
