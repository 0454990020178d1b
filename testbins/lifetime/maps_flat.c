/* SPDX-License-Identifier: MIT */
/* 20,000 dlopen/dlclose cycles of libflat.so (TLS, a constructor), with
 * the process's mappings and memory flat.
 *
 * After WARMUP cycles (allocators and caches have reached their steady
 * size) main counts the lines of /proc/self/maps, sums the sizes of the
 * mappings, and reads the resident set size; after the last cycle again.
 * Each may grow by a small bounded slack only:
 *   - lines: MAPS_SLACK_LINES.  Two anonymous mappings next to each other
 *     merge into one line or not depending on where the kernel put them;
 *     a leaked mapping a cycle would add thousands.
 *   - mapped bytes and RSS: SLACK_BYTES (256 KiB).  glibc's malloc gives
 *     memory back to the system only when the top of its heap exceeds its
 *     trim threshold (128 KiB), so the heap may end up to that much larger
 *     than after the warm-up; twice that covers it and a partly used
 *     allocator chunk.  A leak of even 14 bytes a cycle exceeds it.
 * With argument "no-rss" (the driver passes it under qemu, where the RSS
 * is qemu's own, translated code included) the RSS is not compared; the
 * mappings, which qemu reports for the guest only, still are. */
#include "common.h"

#define CYCLES 20000
#define WARMUP 2000
#define MAPS_SLACK_LINES 2
#define SLACK_BYTES (256 * 1024L)

struct usage {
	long lines, mapped, rss;
};

static struct usage measure(void)
{
	struct usage u = { 0, 0, 0 };
	char line[4096];
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		lt_fail("cannot open /proc/self/maps");
	while (fgets(line, sizeof(line), f)) {
		unsigned long start, end;
		if (sscanf(line, "%lx-%lx", &start, &end) != 2)
			lt_fail("unexpected line in /proc/self/maps: %s", line);
		u.lines++;
		u.mapped += (long)(end - start);
	}
	fclose(f);
	f = fopen("/proc/self/statm", "r");
	long size, resident;
	if (!f || fscanf(f, "%ld %ld", &size, &resident) != 2)
		lt_fail("cannot read /proc/self/statm");
	fclose(f);
	u.rss = resident * sysconf(_SC_PAGESIZE);
	return u;
}

static int report(const char *what, long before, long after, long slack,
		  const char *unit)
{
	if (after - before <= slack) {
		printf("%s: flat (grew by at most %ld %s)\n", what, slack,
		       unit);
		return 1;
	}
	printf("%s: grew from %ld to %ld %s, more than %ld\n", what, before,
	       after, unit, slack);
	return 0;
}

int main(int argc, char **argv)
{
	struct usage warm = { 0, 0, 0 };
	long wrong = 0;

	lt_start(argc, argv);
	int rss = !(argc > 2 && !strcmp(argv[2], "no-rss"));
	for (int i = 0; i < CYCLES; i++) {
		if (i == WARMUP)
			warm = measure();
		void *h = lt_open("libflat.so", RTLD_NOW);
		int (*value)(void) = (int (*)(void))lt_sym(h, "flat_value");
		wrong += value() != 6;
		lt_close(h, "libflat.so");
	}
	struct usage end = measure();
	printf("%d dlopen/dlclose cycles, wrong values: %ld\n", CYCLES,
	       wrong);
	int ok = report("/proc/self/maps lines", warm.lines, end.lines,
			MAPS_SLACK_LINES, "lines");
	ok &= report("mapped bytes", warm.mapped, end.mapped, SLACK_BYTES,
		     "bytes");
	if (rss)
		ok &= report("resident set", warm.rss, end.rss, SLACK_BYTES,
			     "bytes");
	else
		printf("resident set: not compared under an emulator\n");
	return !ok || wrong;
}
