/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_launch_cache.c - a libFuzzer harness over the launch
 * cache's reader (loader/launch_cache_format.c).
 *
 * The input is a whole entry file, as launch_cache_file.c reads it into
 * an 8-byte aligned block.  lcf_parse checks it; when it accepts, the
 * harness reads every part the way launch_cache.c does (each object's
 * path as a string, its build-id up to its length, each binding's
 * object index), so that ASan reports any part that lcf_parse let lie
 * outside the input.  lcf_find_build_id gets the same bytes as notes.
 * The corpus (launch-cache-corpus/) starts from entries myld wrote and
 * damaged copies of them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "launch_cache_format.h"

#if defined(__x86_64__)
#define FUZZ_EM 62
#elif defined(__aarch64__)
#define FUZZ_EM 183
#else
#error "myld runs on x86_64 and aarch64 only"
#endif

static volatile size_t sink;
static const char long_path[] = "/usr/lib/x86_64-linux-gnu/a-library-name-"
				"longer-than-most-entries-strings.so.1";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Exactly SIZE bytes, so that ASan sees a read past the end. */
	uint64_t *buf = malloc(size ? size : 1);
	struct lcf_view v;
	char err[LCF_ERR_SIZE];
	const uint8_t *id;

	memcpy(buf, data, size);
	if (lcf_parse(buf, size, FUZZ_EM, &v, err) == 0) {
		sink += strlen(v.key);
		for (size_t i = 0; i < v.nobjects; i++) {
			sink += strlen(lcf_object_path(&v, i));
			/* Compared with a path longer than the strings: no
			 * read past them. */
			sink += lcf_object_path_is(&v, i, long_path,
						   sizeof(long_path) - 1);
			sink += lcf_object_path_is(&v, i, "/lib/x.so", 9);
			for (size_t j = 0; j < v.objects[i].build_id_len; j++)
				sink += v.objects[i].build_id[j];
		}
		for (size_t i = 0; i < v.nbindings; i++) {
			uint16_t o = v.bindings[i].def_obj;

			if (o != LCF_NO_OBJECT)
				sink += v.objects[o].ino;	/* o < nobjects */
		}
		for (size_t i = 0; i < v.nlazy; i++)	/* both < nobjects */
			sink += v.objects[v.lazy[i].ref_obj].ino +
				v.objects[v.lazy[i].answer.def_obj].ino;
	}
	size_t n = lcf_find_build_id(buf, size & ~(size_t)3, &id);
	for (size_t j = 0; j < n; j++)
		sink += id[j];
	free(buf);
	return 0;
}
