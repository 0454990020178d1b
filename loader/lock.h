/* SPDX-License-Identifier: MIT */
/*
 * loader/lock.h - the loader lock: one recursive lock for everything
 * that changes, or walks, the set of loaded objects.  objects.c states
 * the contract (what needs the lock, what does not, and why); this
 * module is only the lock.
 *
 * The lowest module of myld's run-time part: it calls nothing of myld's
 * but system calls, so that every other module may take it.
 */
#ifndef MYLD_LOCK_H
#define MYLD_LOCK_H

/*
 * Take and release the lock.  The calling thread may already hold it
 * (constructors call dlopen, IFUNC resolvers call dlsym).  Uncontended,
 * each is one atomic instruction and a few plain ones: no system call.
 */
void loader_lock(void);
void loader_unlock(void);

/* Does the calling thread hold the lock? */
int loader_lock_held(void);

/*
 * From now on the lock is MUTEX: a C library's recursive mutex in
 * glibc's layout (the head of pthread_mutex_t, kind
 * PTHREAD_MUTEX_RECURSIVE_NP), whose owner is the thread id stored
 * TID_OFFSET bytes from each thread's thread pointer.  That library may
 * take the same mutex with its own pthread_mutex_lock, as it expects to
 * take its loader's lock, and it resets the mutex in the child of fork.
 * Called once, by a personality (loader/glibc/), while no thread holds
 * the lock.
 */
void loader_lock_adopt(void *mutex, long tid_offset);

#endif
