/*
 * alias.c - the alias table (XCU 2.3.1): a sorted array searched by
 * bisection.  Aliases are few; insertion moves the tail.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <hersh/xalloc.h>

#include "alias.h"

struct alias {
	char *name;
	char *value;
};

struct alias_table {
	struct alias *v;	/* sorted by name (strcmp) */
	size_t n;
	size_t cap;
};

struct alias_table *alias_table_new(void)
{
	return xcalloc(1, sizeof(struct alias_table));
}

void alias_table_free(struct alias_table *t)
{
	if (t == NULL) {
		return;
	}
	alias_clear(t);
	free(t->v);
	free(t);
}

/* Index of name, or of where it would go (*found false). */
static size_t alias_find(struct alias_table *t, const char *name,
			 bool *found)
{
	size_t lo = 0, hi = t->n, mid;
	int cmp;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		cmp = strcmp(name, t->v[mid].name);
		if (cmp == 0) {
			*found = true;
			return mid;
		}
		if (cmp < 0) {
			hi = mid;
		} else {
			lo = mid + 1;
		}
	}
	*found = false;
	return lo;
}

const char *alias_get(struct alias_table *t, const char *name)
{
	bool found;
	size_t i;

	if (t == NULL) {
		return NULL;
	}
	i = alias_find(t, name, &found);
	return found ? t->v[i].value : NULL;
}

void alias_set(struct alias_table *t, const char *name, const char *value)
{
	bool found;
	size_t i = alias_find(t, name, &found);
	char *copy = xstrdup(value);

	if (found) {
		free(t->v[i].value);
		t->v[i].value = copy;
		return;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	memmove(&t->v[i + 1], &t->v[i], (t->n - i) * sizeof(*t->v));
	t->v[i].name = xstrdup(name);
	t->v[i].value = copy;
	t->n++;
}

int alias_unset(struct alias_table *t, const char *name)
{
	bool found;
	size_t i = alias_find(t, name, &found);

	if (!found) {
		return -1;
	}
	free(t->v[i].name);
	free(t->v[i].value);
	memmove(&t->v[i], &t->v[i + 1], (t->n - i - 1) * sizeof(*t->v));
	t->n--;
	return 0;
}

void alias_clear(struct alias_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->v[i].name);
		free(t->v[i].value);
	}
	t->n = 0;
}

void alias_each(struct alias_table *t,
		void (*fn)(const char *name, const char *value, void *ctx),
		void *ctx)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		fn(t->v[i].name, t->v[i].value, ctx);
	}
}
