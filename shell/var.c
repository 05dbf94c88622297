/*
 * var.c - shell variables: a hash table of name -> value and attributes,
 * with scopes for `local` and temporary assignments (see var.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hersh/buf.h>
#include <hersh/xalloc.h>

#include "arena.h"
#include "output.h"
#include "shell.h"
#include "var.h"

struct var {
	char *name;
	char *value;		/* NULL: unset (but has attributes) */
	int flags;		/* VAR_EXPORT | VAR_READONLY */
	struct var *next;	/* hash chain */
};

/* What a scope saved of one variable, to put back on pop. */
struct saved_var {
	char *name;
	char *value;
	int flags;
	bool existed;
	struct saved_var *next;
};

struct scope {
	struct saved_var *saved;
	struct scope *outer;
};

struct var_table {
	struct var **buckets;
	size_t nbuckets;	/* a power of two */
	size_t count;
	struct scope *scope;	/* innermost */
};

unsigned var_path_generation;
unsigned var_optind_generation;

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s) {
		h = (h ^ (unsigned char)*s++) * 16777619u;
	}
	return h;
}

struct var_table *var_table_new(void)
{
	struct var_table *t = xcalloc(1, sizeof(*t));

	t->nbuckets = 128;
	t->buckets = xcalloc(t->nbuckets, sizeof(*t->buckets));
	return t;
}

static void saved_free(struct saved_var *s)
{
	struct saved_var *next;

	for (; s != NULL; s = next) {
		next = s->next;
		free(s->name);
		free(s->value);
		free(s);
	}
}

void var_table_free(struct var_table *t)
{
	struct var *v, *next;
	struct scope *sc;
	size_t i;

	if (t == NULL) {
		return;
	}
	for (i = 0; i < t->nbuckets; i++) {
		for (v = t->buckets[i]; v != NULL; v = next) {
			next = v->next;
			free(v->name);
			free(v->value);
			free(v);
		}
	}
	while ((sc = t->scope) != NULL) {
		t->scope = sc->outer;
		saved_free(sc->saved);
		free(sc);
	}
	free(t->buckets);
	free(t);
}

static struct var *lookup(struct var_table *t, const char *name)
{
	struct var *v;

	for (v = t->buckets[hash(name) & (t->nbuckets - 1)]; v; v = v->next) {
		if (strcmp(v->name, name) == 0) {
			return v;
		}
	}
	return NULL;
}

static void grow(struct var_table *t)
{
	struct var **old = t->buckets, *v, *next;
	size_t i, n = t->nbuckets;

	t->nbuckets *= 2;
	t->buckets = xcalloc(t->nbuckets, sizeof(*t->buckets));
	for (i = 0; i < n; i++) {
		for (v = old[i]; v != NULL; v = next) {
			next = v->next;
			v->next = t->buckets[hash(v->name) & (t->nbuckets - 1)];
			t->buckets[hash(v->name) & (t->nbuckets - 1)] = v;
		}
	}
	free(old);
}

static struct var *create(struct var_table *t, const char *name)
{
	struct var *v = xcalloc(1, sizeof(*v));
	size_t b;

	if (t->count >= t->nbuckets) {
		grow(t);
	}
	v->name = xstrdup(name);
	b = hash(name) & (t->nbuckets - 1);
	v->next = t->buckets[b];
	t->buckets[b] = v;
	t->count++;
	return v;
}

static void destroy(struct var_table *t, const char *name)
{
	struct var **pp, *v;

	for (pp = &t->buckets[hash(name) & (t->nbuckets - 1)]; (v = *pp);
	     pp = &v->next) {
		if (strcmp(v->name, name) == 0) {
			*pp = v->next;
			free(v->name);
			free(v->value);
			free(v);
			t->count--;
			return;
		}
	}
}

bool var_valid_name(const char *s)
{
	return s[0] != '\0' && s[var_name_len(s)] == '\0';
}

size_t var_name_len(const char *s)
{
	size_t i = 0;

	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') ||
	      s[0] == '_')) {
		return 0;
	}
	for (i = 1; (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')
		    || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'; i++) {
	}
	return i;
}

static void changed(const char *name)
{
	if (strcmp(name, "PATH") == 0) {
		var_path_generation++;
	} else if (strcmp(name, "OPTIND") == 0) {
		var_optind_generation++;
	}
}

void var_import_environ(struct shell *sh, char **envp)
{
	char **e, *eq, *name;

	for (e = envp; e && *e; e++) {
		eq = strchr(*e, '=');
		if (eq == NULL) {
			continue;
		}
		name = xstrndup(*e, (size_t)(eq - *e));
		if (var_valid_name(name)) {
			var_set(sh, name, eq + 1, VAR_EXPORT);
		}
		free(name);
	}
}

const char *var_get(struct shell *sh, const char *name)
{
	static char lineno[24];
	struct var *v = lookup(sh->vars, name);

	if (v != NULL) {
		return v->value;
	}
	if (name[0] == 'L' && strcmp(name, "LINENO") == 0) {
		snprintf(lineno, sizeof(lineno), "%d", sh->lineno);
		return lineno;
	}
	return NULL;
}

int var_flags(struct shell *sh, const char *name)
{
	struct var *v = lookup(sh->vars, name);

	return v ? v->flags : 0;
}

int var_set(struct shell *sh, const char *name, const char *value, int flags)
{
	struct var *v = lookup(sh->vars, name);
	char *copy;

	if (v != NULL && (v->flags & VAR_READONLY) && value != NULL) {
		if (!(flags & VAR_QUIET)) {
			sh_error(sh, "%s: is read only", name);
		}
		return -1;
	}
	if (v == NULL) {
		v = create(sh->vars, name);
	}
	if (value != NULL) {
		copy = xstrdup(value);
		free(v->value);
		v->value = copy;
		if (sh->options & OPT_ALLEXPORT) {
			v->flags |= VAR_EXPORT;
		}
		changed(name);
	}
	v->flags |= flags & (VAR_EXPORT | VAR_READONLY);
	return 0;
}

int var_set_assignment(struct shell *sh, const char *assignment, int flags)
{
	const char *eq = strchr(assignment, '=');
	char *name;
	int ret;

	if (eq == NULL) {
		return var_set(sh, assignment, NULL, flags);
	}
	name = xstrndup(assignment, (size_t)(eq - assignment));
	ret = var_set(sh, name, eq + 1, flags);
	free(name);
	return ret;
}

int var_unset(struct shell *sh, const char *name)
{
	struct var *v = lookup(sh->vars, name);

	if (v == NULL) {
		return 0;
	}
	if (v->flags & VAR_READONLY) {
		sh_error(sh, "%s: is read only", name);
		return -1;
	}
	destroy(sh->vars, name);
	changed(name);
	return 0;
}

char **var_environ(struct shell *sh)
{
	struct var_table *t = sh->vars;
	char **env = arena_alloc((t->count + 1) * sizeof(*env));
	size_t i, n = 0, nl, vl;
	struct var *v;
	char *s;

	for (i = 0; i < t->nbuckets; i++) {
		for (v = t->buckets[i]; v != NULL; v = v->next) {
			if (!(v->flags & VAR_EXPORT) || v->value == NULL) {
				continue;
			}
			nl = strlen(v->name);
			vl = strlen(v->value);
			s = arena_alloc(nl + vl + 2);
			memcpy(s, v->name, nl);
			s[nl] = '=';
			memcpy(s + nl + 1, v->value, vl + 1);
			env[n++] = s;
		}
	}
	env[n] = NULL;
	return env;
}

static int compare_vars(const void *a, const void *b)
{
	const struct var *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

void var_print(struct shell *sh, int flag, const char *prefix)
{
	struct var_table *t = sh->vars;
	struct var **all = xmalloc((t->count + 1) * sizeof(*all)), *v;
	struct buf b = BUF_INIT;
	size_t i, n = 0;

	for (i = 0; i < t->nbuckets; i++) {
		for (v = t->buckets[i]; v != NULL; v = v->next) {
			if (flag ? (v->flags & flag) != 0 : v->value != NULL) {
				all[n++] = v;
			}
		}
	}
	qsort(all, n, sizeof(*all), compare_vars);
	for (i = 0; i < n; i++) {
		buf_reset(&b);
		if (prefix != NULL) {
			buf_puts(&b, prefix);
			buf_putc(&b, ' ');
		}
		buf_puts(&b, all[i]->name);
		if (all[i]->value != NULL) {
			buf_putc(&b, '=');
			sh_quote(&b, all[i]->value);
		}
		buf_putc(&b, '\n');
		out_write(b.data, b.len);
	}
	buf_release(&b);
	free(all);
}

void var_scope_push(struct shell *sh)
{
	struct scope *sc = xcalloc(1, sizeof(*sc));

	sc->outer = sh->vars->scope;
	sh->vars->scope = sc;
}

void var_scope_pop(struct shell *sh)
{
	struct var_table *t = sh->vars;
	struct scope *sc = t->scope;
	struct saved_var *s;
	struct var *v;

	if (sc == NULL) {
		return;
	}
	t->scope = sc->outer;
	for (s = sc->saved; s != NULL; s = s->next) {
		if (!s->existed) {
			destroy(t, s->name);
		} else {
			v = lookup(t, s->name);
			if (v == NULL) {
				v = create(t, s->name);
			}
			free(v->value);
			v->value = s->value;
			s->value = NULL;
			v->flags = s->flags;
		}
		changed(s->name);
	}
	saved_free(sc->saved);
	free(sc);
}

int var_make_local(struct shell *sh, const char *name)
{
	struct scope *sc = sh->vars->scope;
	struct saved_var *s;
	struct var *v;

	if (sc == NULL) {
		return -1;
	}
	for (s = sc->saved; s != NULL; s = s->next) {
		if (strcmp(s->name, name) == 0) {
			return 0;
		}
	}
	s = xcalloc(1, sizeof(*s));
	s->name = xstrdup(name);
	v = lookup(sh->vars, name);
	if (v != NULL) {
		s->existed = true;
		s->value = v->value ? xstrdup(v->value) : NULL;
		s->flags = v->flags;
	}
	s->next = sc->saved;
	sc->saved = s;
	return 0;
}

bool var_in_scope(struct shell *sh)
{
	return sh->vars->scope != NULL;
}

const char *var_ifs(struct shell *sh)
{
	const char *ifs = var_get(sh, "IFS");

	return ifs ? ifs : " \t\n";
}

void var_each(struct shell *sh, void (*fn)(const char *name, void *ctx),
	      void *ctx)
{
	struct var_table *t = sh->vars;
	struct var *v;
	size_t i;

	for (i = 0; i < t->nbuckets; i++) {
		for (v = t->buckets[i]; v != NULL; v = v->next) {
			if (v->value != NULL) {
				fn(v->name, ctx);
			}
		}
	}
}
