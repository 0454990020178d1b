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
 * names among D's direct dependencies (d->deps).  A missing version is
 * an error (diag_error: reported, and the stage fails at its end), a
 * missing weak one a warning.
 */
void versions_check(struct dso *d);

#endif
