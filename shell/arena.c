/*
 * arena.c - the expansion arena and AST pools (see arena.h).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hersh/xalloc.h>

#include "arena.h"

#define ARENA_CHUNK 8192
#define ALIGN 16

struct arena_chunk {
	struct arena_chunk *prev;	/* older chunk */
	size_t size;			/* bytes in data[] */
	size_t used;			/* bytes handed out */
	_Alignas(ALIGN) char data[];
};

/* The expansion arena: a stack of chunks; the newest is current. */
static struct arena_chunk *arena_top;
/* One spare chunk kept after a pop, so a loop does not malloc/free */
static struct arena_chunk *arena_spare;

static size_t round_up(size_t n)
{
	return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

static struct arena_chunk *chunk_new(size_t need, struct arena_chunk *prev)
{
	size_t size = need > ARENA_CHUNK ? need : ARENA_CHUNK;
	struct arena_chunk *c;

	if (size == ARENA_CHUNK && arena_spare != NULL) {
		c = arena_spare;
		arena_spare = NULL;
	} else {
		c = xmalloc(sizeof(*c) + size);
		c->size = size;
	}
	c->prev = prev;
	c->used = 0;
	return c;
}

void *arena_alloc(size_t n)
{
	struct arena_chunk *c = arena_top;
	void *p;

	n = round_up(n ? n : 1);
	if (c == NULL || c->size - c->used < n) {
		c = chunk_new(n, c);
		arena_top = c;
	}
	p = c->data + c->used;
	c->used += n;
	return p;
}

char *arena_strndup(const char *s, size_t n)
{
	char *p = arena_alloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(const char *s)
{
	return arena_strndup(s, strlen(s));
}

char *arena_printf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		n = 0;
	}
	p = arena_alloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_mark(struct arena_mark *m)
{
	m->chunk = arena_top;
	m->used = arena_top ? arena_top->used : 0;
}

void arena_pop(const struct arena_mark *m)
{
	struct arena_chunk *c;

	while (arena_top != m->chunk) {
		c = arena_top;
		arena_top = c->prev;
		if (c->size == ARENA_CHUNK && arena_spare == NULL) {
			arena_spare = c;
		} else {
			free(c);
		}
	}
	if (arena_top != NULL) {
		arena_top->used = m->used;
	}
}

void arena_release_all(void)
{
	struct arena_mark empty = { NULL, 0 };

	arena_pop(&empty);
	free(arena_spare);
	arena_spare = NULL;
}

/* Pools: a chunk chain with a reference count. */
struct pool {
	int refs;
	struct arena_chunk *top;
};

struct pool *pool_new(void)
{
	struct pool *p = xcalloc(1, sizeof(*p));

	p->refs = 1;
	return p;
}

void *pool_alloc(struct pool *p, size_t n)
{
	struct arena_chunk *c = p->top;
	size_t size;
	void *mem;

	n = round_up(n ? n : 1);
	if (c == NULL || c->size - c->used < n) {
		size = n > 4096 ? n : 4096;
		c = xmalloc(sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		c->prev = p->top;
		p->top = c;
	}
	mem = c->data + c->used;
	c->used += n;
	memset(mem, 0, n);
	return mem;
}

char *pool_strndup(struct pool *p, const char *s, size_t n)
{
	char *d = pool_alloc(p, n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

struct pool *pool_ref(struct pool *p)
{
	p->refs++;
	return p;
}

void pool_unref(struct pool *p)
{
	struct arena_chunk *c, *prev;

	if (p == NULL || --p->refs > 0) {
		return;
	}
	for (c = p->top; c != NULL; c = prev) {
		prev = c->prev;
		free(c);
	}
	free(p);
}
