/*
 * arena.h - region allocators.
 *
 * Two kinds, both bump allocators over a chain of chunks:
 *
 *  - The expansion arena (one per process, global): temporaries of expanding
 *    and running one command.  Callers take a mark before and pop back to it
 *    after, strictly nested (like dash's stack marks), so a loop that runs a
 *    million commands uses constant memory and an error return anywhere
 *    leaks nothing.  Never fails: exits on OOM like xmalloc.
 *
 *  - Pools (struct pool): the AST of one parsed unit (a top-level command,
 *    an eval string).  Reference-counted: a function definition takes a
 *    reference to the pool its body lives in, so the body outlives the
 *    command that defined it.
 */
#ifndef HERSH_ARENA_H
#define HERSH_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena_mark {
	struct arena_chunk *chunk;	/* chunk in use at the mark */
	size_t used;			/* bytes used in it at the mark */
};

/* Allocates n bytes (aligned for any type) from the expansion arena. */
void *arena_alloc(size_t n);
char *arena_strdup(const char *s);
char *arena_strndup(const char *s, size_t n);
char *arena_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void arena_mark(struct arena_mark *m);
/* Frees everything allocated since m was taken. */
void arena_pop(const struct arena_mark *m);
/* Frees the whole arena (at exit, to keep valgrind quiet). */
void arena_release_all(void);

struct pool;

/* A new pool with one reference. */
struct pool *pool_new(void);
/* Zeroed memory from the pool; exits on OOM. */
void *pool_alloc(struct pool *p, size_t n);
char *pool_strndup(struct pool *p, const char *s, size_t n);
struct pool *pool_ref(struct pool *p);
/* Drops a reference; frees everything at zero.  pool_unref(NULL) is a no-op. */
void pool_unref(struct pool *p);

#endif
