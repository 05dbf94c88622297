/*
 * path.c - command search along PATH with remembered locations
 * (XCU 2.9.1.1; hash).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/xalloc.h>

#include "output.h"
#include "path.h"
#include "shell.h"
#include "var.h"

#define PATH_HASH_SIZE 64

struct path_entry {
	char *name;
	char *path;
	struct path_entry *next;
};

static struct path_entry *table[PATH_HASH_SIZE];
static unsigned table_generation;
static struct buf scratch = BUF_INIT;

static unsigned slot(const char *s)
{
	unsigned h = 5381;

	while (*s) {
		h = h * 33 + (unsigned char)*s++;
	}
	return h % PATH_HASH_SIZE;
}

void path_hash_clear(void)
{
	struct path_entry *e, *next;
	int i;

	for (i = 0; i < PATH_HASH_SIZE; i++) {
		for (e = table[i]; e != NULL; e = next) {
			next = e->next;
			free(e->name);
			free(e->path);
			free(e);
		}
		table[i] = NULL;
	}
	buf_release(&scratch);
}

void path_hash_forget(const char *name)
{
	struct path_entry **pp, *e;

	for (pp = &table[slot(name)]; (e = *pp) != NULL; pp = &e->next) {
		if (strcmp(e->name, name) == 0) {
			*pp = e->next;
			free(e->name);
			free(e->path);
			free(e);
			return;
		}
	}
}

static const char *search_mode(const char *name, const char *path,
			       bool *noexec, int mode)
{
	const char *p = path, *colon;
	struct stat st;
	size_t dirlen;

	*noexec = false;
	for (;;) {
		colon = strchr(p, ':');
		dirlen = colon ? (size_t)(colon - p) : strlen(p);
		buf_reset(&scratch);
		if (dirlen > 0) {
			buf_append(&scratch, p, dirlen);
			buf_putc(&scratch, '/');
		}
		buf_puts(&scratch, name);
		if (!scratch.err && stat(scratch.data, &st) == 0 &&
		    S_ISREG(st.st_mode)) {
			if (access(scratch.data, mode) == 0) {
				return scratch.data;
			}
			*noexec = true;
		}
		if (colon == NULL) {
			return NULL;
		}
		p = colon + 1;
	}
}

static const char *search(const char *name, const char *path, bool *noexec)
{
	return search_mode(name, path, noexec, X_OK);
}

const char *path_find_readable(struct shell *sh, const char *name)
{
	const char *path = var_get(sh, "PATH");
	bool noexec;

	return search_mode(name, path ? path : path_default(), &noexec, R_OK);
}

const char *path_lookup(struct shell *sh, const char *name, const char *path,
			bool *noexec)
{
	struct path_entry *e;
	const char *found;
	bool dummy;

	if (noexec == NULL) {
		noexec = &dummy;
	}
	*noexec = false;
	if (path != NULL) {
		return search(name, path, noexec);
	}
	if (table_generation != var_path_generation) {
		path_hash_clear();
		table_generation = var_path_generation;
	}
	for (e = table[slot(name)]; e != NULL; e = e->next) {
		if (strcmp(e->name, name) == 0) {
			return e->path;
		}
	}
	path = var_get(sh, "PATH");
	found = search(name, path ? path : path_default(), noexec);
	if (found != NULL) {
		e = xmalloc(sizeof(*e));
		e->name = xstrdup(name);
		e->path = xstrdup(found);
		e->next = table[slot(name)];
		table[slot(name)] = e;
		return e->path;
	}
	return NULL;
}

void path_hash_print(void)
{
	struct path_entry *e;
	int i;

	for (i = 0; i < PATH_HASH_SIZE; i++) {
		for (e = table[i]; e != NULL; e = e->next) {
			out_printf("%s\n", e->path);
		}
	}
}

const char *path_default(void)
{
	static char *def;
	size_t n;

	if (def == NULL) {
		n = confstr(_CS_PATH, NULL, 0);
		if (n == 0) {
			return "/usr/bin:/bin";
		}
		def = xmalloc(n);
		confstr(_CS_PATH, def, n);
	}
	return def;
}
