/* SPDX-License-Identifier: MIT */
/*
 * testbins/glibc/startup_search.c - libstartupsearch.so, whose soname
 * (and so the audit programs' DT_NEEDED entry) is
 * libobjsearch-startup.so, a file that does not exist: the programs
 * start only because the auditor's la_objsearch renames that name to
 * this file's (testbins/glibc/auditor.c).
 */
int startup_search_value(void)
{
	return 7;
}
