/* SPDX-License-Identifier: MIT */
/*
 * versions: a library linked against the unversioned stub/libver.so, as if
 * built before libver had versions.  Its reference to vfoo carries no
 * version.  glibc binds such a reference to the oldest version, vfoo@V1
 * (version index 2, the first after the base), even though V1 is not the
 * default: old binaries keep the behaviour they were built against.
 */
int vfoo(void);

int old_user_vfoo(void)
{
	return vfoo();
}
