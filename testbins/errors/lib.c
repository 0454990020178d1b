/* SPDX-License-Identifier: MIT */
/*
 * errors: the run-time libraries.  -DLIB_undef: libundef.so without the
 * functions the program was linked against; -DLIB_vneg: libvneg.so with
 * versions V1 and V2 only (vneg.map).  The stub/ builds of the same names
 * have what the programs were linked against.
 */
#if defined(LIB_undef)
int undef_other(void)
{
	return 0;
}
#elif defined(LIB_vneg)
int vfoo(void)
{
	return 1;
}

int vbaz(void)
{
	return 2;
}
#endif
