/* SPDX-License-Identifier: MIT */
/* testbins/glibc/dlmopen_glob.c - libdmglob.so, opened RTLD_GLOBAL in
 * the base namespace only. */
int dm_glob_marker = 7;
