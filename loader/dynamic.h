/* SPDX-License-Identifier: MIT */
/*
 * loader/dynamic.h - reading a mapped object's dynamic section and the
 * tables it points to: strings, hash tables, symbols, versions.
 */
#ifndef MYLD_DYNAMIC_H
#define MYLD_DYNAMIC_H

#include "dso.h"

/*
 * Complete a dso whose segments are in memory: decode its dynamic
 * section, check that every table it names lies inside the image, and
 * register its PT_TLS.  Returns 0, or -1 with the reason in ERR
 * (ELF_ERR_SIZE bytes).
 */
int dynamic_read(struct dso *d, char *err);

/*
 * For myld itself, only its soname (one of the names that mean myld),
 * known when myld is built.  Its dynamic section is read when an object
 * first names myld (a DT_NEEDED or a dlopen of one of its names), since
 * only from then on can a look-up reach its symbols.
 */
void dynamic_adopt_loader_names(struct dso *d);

/* The rest of myld's dynamic section, the first time something names
 * myld; nothing after that.  Dies with a message when it is bad. */
void dynamic_read_loader(void);

/* A string from D's DT_STRTAB, or NULL if the offset is bad. */
const char *dynamic_string(const struct dso *d, uint64_t off);

#endif
