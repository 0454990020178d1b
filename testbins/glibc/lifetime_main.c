/* SPDX-License-Identifier: MIT */
/*
 * lifetime_main DIR: regression cases for the lifetime of loaded objects
 * and the loader lock (issue 16), with its libraries in DIR.  Each case
 * prints deterministic lines; the whole output must equal a run under
 * glibc's own loader (expected/lifetime.out).
 *
 *   index    >64 lazy binds (myld indexes the global scope), dlclose of an
 *            RTLD_GLOBAL library in the index, then more first calls
 *   unique   a dlopen that fails after meeting an STB_GNU_UNIQUE symbol,
 *            then a library sharing that symbol
 *   dlerror  a failure in one thread is not another thread's dlerror()
 *   fork     fork while another thread loops dlopen/dlclose: each child
 *            calls dlsym and an unbound function, and exits (a loader
 *            lock inherited held would hang it)
 *   tlsdtor  dlclose of a library whose thread_local destructor is still
 *            pending: it stays, the destructor runs at thread exit, its
 *            atexit handler and finaliser at exit
 *   many     5,000 objects dlopened at once (copies of one library);
 *            slow, so only when asked for by name
 *   memory   1,000 objects dlopened at once and closed, twice: the
 *            loader gives the memory back (issue 22), so the anonymous
 *            memory after each round is what it was before; only when
 *            asked for by name
 */
#include <dlfcn.h>
#include <stdarg.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *dir;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (write(1, buf, (size_t)n) != n)
		_exit(3);
}

static void *open_lib(const char *name, int mode)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	void *h = dlopen(path, mode);
	if (!h) {
		say("dlopen %s failed: %s\n", name, dlerror());
		exit(1);
	}
	return h;
}

static void case_index(void)
{
	open_lib("libltidx_b.so", RTLD_LAZY | RTLD_GLOBAL);
	void *a = open_lib("libltidx_a.so", RTLD_LAZY | RTLD_GLOBAL);
	void *c[4];
	char name[64];
	long sum = 0;

	for (int i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "libltidx_c%d.so", i + 1);
		c[i] = open_lib(name, RTLD_LAZY | RTLD_GLOBAL);
	}
	for (int i = 0; i < 100; i++) {
		if (i == 80 && dlclose(c[1]))	/* after 80 first calls */
			say("dlclose: %s\n", dlerror());
		snprintf(name, sizeof(name), "lt_f%d", i);
		int (*f)(int) = (int (*)(int))dlsym(a, name);
		if (!f) {
			say("dlsym %s: %s\n", name, dlerror());
			exit(1);
		}
		sum += f(i);
	}
	say("index: 100 first calls, 20 of them after a dlclose: sum %ld\n",
	    sum);
}

static void case_unique(void)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/libltuniq_bad.so", dir);
	void *bad = dlopen(path, RTLD_NOW);
	const char *err = bad ? NULL : dlerror();
	say("unique: the library with an undefined function: %s\n",
	    bad ? "loaded (wrong)"
	    : err && strstr(err, "lt_no_such_function") ? "refused, naming it"
						       : "refused, another reason");
	void *good = open_lib("libltuniq_good.so", RTLD_NOW);
	int (*entry)(void) = (int (*)(void))dlsym(good, "lt_good_entry");
	int first = entry();
	say("unique: the other library counts %d, %d\n", first, entry());
}

static pthread_barrier_t barrier;

static void *fail_and_wait(void *arg)
{
	int *ok = arg;

	if (!dlopen("/nonexistent/liblifetime-none.so", RTLD_NOW))
		ok[0] = 1;
	pthread_barrier_wait(&barrier);	/* the main thread looks */
	pthread_barrier_wait(&barrier);
	ok[1] = dlerror() != NULL;
	return NULL;
}

static void case_dlerror(void)
{
	int ok[2] = { 0, 0 };
	pthread_t t;

	dlerror();	/* nothing pending here */
	pthread_barrier_init(&barrier, NULL, 2);
	pthread_create(&t, NULL, fail_and_wait, ok);
	pthread_barrier_wait(&barrier);
	const char *mine = dlerror();
	pthread_barrier_wait(&barrier);
	pthread_join(t, NULL);
	say("dlerror: failing thread failed %s; main thread sees %s; failing "
	    "thread then sees %s\n", ok[0] ? "yes" : "no",
	    mine ? "its message (wrong)" : "nothing",
	    ok[1] ? "its message" : "nothing (wrong)");
}

static volatile int churning = 1;

static void *churn(void *arg)
{
	const char *path = arg;
	unsigned long rounds = 0;

	while (churning || rounds < 10) {
		void *h = dlopen(path, RTLD_NOW);
		if (h)
			dlclose(h);
		rounds++;
	}
	return NULL;
}

#define FORKS 20

static void case_fork(void)
{
	char path[4096];
	pthread_t t;
	int finished = 0;

	snprintf(path, sizeof(path), "%s/libltfork.so", dir);
	pthread_create(&t, NULL, churn, path);
	for (int i = 0; i < FORKS; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			/*
			 * A hang is a failure: the parent sees SIGALRM.
			 * dlsym, and a first (lazily bound) call: getppid
			 * is called nowhere else.  (Not dlopen: glibc 2.36
			 * resets only its load lock in the child, and its
			 * dlopen there can wait for ever on
			 * GL(dl_load_write_lock).)
			 */
			alarm(30);
			dlsym(RTLD_DEFAULT, "lt_fork_value");
			_exit(getppid() == 1 ? 1 : 0);
		}
		int status;
		if (pid > 0 && waitpid(pid, &status, 0) == pid &&
		    WIFEXITED(status) && WEXITSTATUS(status) == 0)
			finished++;
		else if (pid > 0 && WIFSIGNALED(status))
			say("fork: child %d killed by signal %d\n", i,
			    WTERMSIG(status));
	}
	churning = 0;
	pthread_join(t, NULL);
	say("fork: %d of %d children used the loader and exited\n", finished,
	    FORKS);
}

static void *hold_thread_local(void *arg)
{
	int (*touch)(void) = (int (*)(void))arg;

	touch();
	pthread_barrier_wait(&barrier);	/* the main thread dlcloses */
	pthread_barrier_wait(&barrier);
	return NULL;			/* the destructor runs now */
}

static void case_tlsdtor(void)
{
	void *h = open_lib("libltdtor.so", RTLD_NOW);
	pthread_t t;

	pthread_barrier_init(&barrier, NULL, 2);
	pthread_create(&t, NULL, hold_thread_local, dlsym(h, "lt_touch"));
	pthread_barrier_wait(&barrier);
	say("tlsdtor: dlclose returns %d\n", dlclose(h));
	pthread_barrier_wait(&barrier);
	pthread_join(t, NULL);
	say("tlsdtor: the thread has exited\n");
}

#define MANY 5000

static void case_many(void)
{
	char src[4096], path[4096];
	static void *handles[MANY];

	snprintf(src, sizeof(src), "%s/libltidx_c1.so", dir);
	int in = open(src, O_RDONLY);
	struct stat st;
	if (in < 0 || fstat(in, &st) < 0)
		exit(1);
	char *image = malloc((size_t)st.st_size);
	if (read(in, image, (size_t)st.st_size) != st.st_size)
		exit(1);
	close(in);
	int loaded = 0;
	for (int i = 0; i < MANY; i++) {
		/* A file of its own, removed once mapped: 5,000 objects,
		 * one copy on disk at a time. */
		snprintf(path, sizeof(path), "%s/ltmany-%d.so", dir, i);
		int out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
		if (out < 0 || write(out, image, (size_t)st.st_size) !=
				       st.st_size)
			exit(1);
		close(out);
		handles[i] = dlopen(path, RTLD_NOW | RTLD_LOCAL);
		unlink(path);
		if (!handles[i]) {
			say("many: dlopen %d failed: %s\n", i, dlerror());
			break;
		}
		loaded++;
	}
	int (*last)(void) = loaded ? (int (*)(void))dlsym(handles[loaded - 1],
							 "lt_c1_value")
				   : NULL;
	say("many: %d objects loaded at once, the last one answers %d\n",
	    loaded, last ? last() : -1);
	int closed = 0;
	for (int i = 0; i < loaded; i++)
		closed += dlclose(handles[i]) == 0;
	say("many: %d closed\n", closed);
	free(image);
}

/* A copy of libltidx_c1.so under a name of its own, dlopened, then
 * removed: a new object each time, one file on disk at a time. */
static void *open_copy(const char *image, size_t size, int i)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/ltmem-%d.so", dir, i);
	int out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (out < 0 || write(out, image, size) != (ssize_t)size)
		exit(1);
	close(out);
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	unlink(path);
	if (!h) {
		say("memory: dlopen %d failed: %s\n", i, dlerror());
		exit(1);
	}
	return h;
}

extern char end;	/* the end of the program's data: the heap is above */

/*
 * Kilobytes of anonymous memory: mappings of no file, the loader's among
 * them.  The C library's heap is not the loader's: it is named [heap]
 * natively, but not under qemu, which shows the guest's brk area as a
 * mapping of no name; so what lies between the program's end and the
 * current break is left out too.
 */
static long anonymous_kib(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[4096];
	long kib = 0;
	unsigned long heap_lo = (unsigned long)&end;
	unsigned long heap_hi = (unsigned long)sbrk(0);

	if (!f)
		exit(1);
	while (fgets(line, sizeof(line), f)) {
		unsigned long lo, hi, inode;
		int name = 0;

		if (sscanf(line, "%lx-%lx %*s %*s %*s %lu %n", &lo, &hi, &inode,
			   &name) < 3)
			continue;
		if (inode == 0 && (line[name] == '\n' || line[name] == 0) &&
		    !(lo < heap_hi && hi > heap_lo))
			kib += (long)((hi - lo) / 1024);
	}
	fclose(f);
	return kib;
}

#define ROUND 1000
/* What a loader may keep after a round: its tables sized for 1,000
 * objects, a partly used chunk.  A loader that keeps the objects' memory
 * keeps megabytes (myld kept 73 chunks of 64 KiB). */
#define KEPT_KIB 512

static void case_memory(void)
{
	char src[4096];
	static void *handles[ROUND];

	snprintf(src, sizeof(src), "%s/libltidx_c1.so", dir);
	int in = open(src, O_RDONLY);
	struct stat st;
	if (in < 0 || fstat(in, &st) < 0)
		exit(1);
	char *image = malloc((size_t)st.st_size);
	if (read(in, image, (size_t)st.st_size) != st.st_size)
		exit(1);
	close(in);
	/* A first object: whatever a loader sets up once is set up. */
	dlclose(open_copy(image, (size_t)st.st_size, 0));
	long before = anonymous_kib(), after[2], peak = 0;

	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < ROUND; i++)
			handles[i] = open_copy(image, (size_t)st.st_size, i);
		long open_kib = anonymous_kib();
		peak = open_kib > peak ? open_kib : peak;
		for (int i = 0; i < ROUND; i++)
			if (dlclose(handles[i]) != 0)
				say("memory: dlclose %d failed\n", i);
		after[round] = anonymous_kib();
	}
	int given_back = after[0] <= before + KEPT_KIB;
	int steady = after[1] <= after[0] + KEPT_KIB / 8;

	say("memory: %d objects opened at once and closed, twice\n", ROUND);
	say("memory: after the first round, %s\n",
	    given_back ? "the memory is given back" : "the memory is kept");
	say("memory: after the second, %s\n",
	    steady ? "no more than after the first"
		   : "more than after the first");
	/* The numbers, for a failure. */
	if (!given_back || !steady)
		fprintf(stderr, "memory: anonymous KiB before %ld, with %d "
			"open %ld, after %ld and %ld\n", before, ROUND, peak,
			after[0], after[1]);
	free(image);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: lifetime_main DIR [CASE]\n");
		return 2;
	}
	dir = argv[1];
	const char *only = argc > 2 ? argv[2] : NULL;
	static const struct {
		const char *name;
		void (*run)(void);
	} cases[] = {
		{ "index", case_index },     { "unique", case_unique },
		{ "dlerror", case_dlerror }, { "fork", case_fork },
		{ "tlsdtor", case_tlsdtor }, { "many", case_many },
		{ "memory", case_memory },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (only ? !strcmp(only, cases[i].name)
			 : cases[i].run != case_many &&
				   cases[i].run != case_memory)
			cases[i].run();
	say("main returns\n");
	return 0;
}
