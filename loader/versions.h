/* SPDX-License-Identifier: MIT */
/*
 * loader/versions.h - checking that the libraries an object needs
 * define the symbol versions it requires (DT_VERNEED against DT_VERDEF).
 */
#ifndef MYLD_VERSIONS_H
#define MYLD_VERSIONS_H

#include "dso.h"

/*
 * Check that every version D requires is defined by the library it
 * names among D's direct dependencies (d->deps).  The first missing
 * version is the error (diag_fail: one line at start-up, the dlerror
 * message under dlopen) and -1 is returned; a missing weak one is a
 * warning, and 1 is returned (else 0).
 */
int versions_check(struct dso *d);

/* versions_check of FIRST and of each object of its namespace after it
 * in the list: -1 at the first failure, else 1 when one warned, else 0. */
int versions_check_from(struct dso *first);

#endif
