/*
 * alias.c - the alias and unalias builtins (XCU alias, unalias).  Output
 * is name='value' quoted the way dash quotes it, so it can be read back.
 */
#include <stdlib.h>
#include <string.h>

#include <hersh/buf.h>
#include <hersh/xalloc.h>

#include "alias.h"
#include "builtin.h"
#include "output.h"
#include "shell.h"

/* dash's single_quote(): runs of ' go in double quotes: it's -> 'it'"'"'s' */
static void alias_quote(struct buf *b, const char *s)
{
	size_t len;

	do {
		len = strcspn(s, "'");
		buf_putc(b, '\'');
		buf_append(b, s, len);
		buf_putc(b, '\'');
		s += len;
		if (*s != '\'') {
			break;
		}
		len = strspn(s, "'");
		buf_putc(b, '"');
		buf_append(b, s, len);
		buf_putc(b, '"');
		s += len;
	} while (*s != '\0');
}

static void alias_print(const char *name, const char *value, void *ctx)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, name);
	buf_putc(&b, '=');
	alias_quote(&b, value);
	buf_putc(&b, '\n');
	out_write(buf_str(&b), b.len);
	buf_release(&b);
}

static struct alias_table *aliases(struct shell *sh)
{
	if (sh->aliases == NULL) {
		sh->aliases = alias_table_new();
	}
	return sh->aliases;
}

/* alias [name[=value] ...] */
int builtin_alias(struct shell *sh, int argc, char **argv)
{
	struct alias_table *t = aliases(sh);
	const char *value;
	char *eq, *name;
	int i, status = 0;

	if (argc <= 1) {
		alias_each(t, alias_print, NULL);
		return 0;
	}
	for (i = 1; i < argc; i++) {
		eq = strchr(argv[i], '=');
		if (eq != NULL && eq != argv[i]) {
			name = xstrndup(argv[i], (size_t)(eq - argv[i]));
			alias_set(t, name, eq + 1);
			free(name);
			continue;
		}
		value = alias_get(t, argv[i]);
		if (value == NULL) {
			sh_error(sh, "%s: %s not found", argv[0], argv[i]);
			status = 1;
		} else {
			alias_print(argv[i], value, NULL);
		}
	}
	return status;
}

/* unalias -a | unalias name ... */
int builtin_unalias(struct shell *sh, int argc, char **argv)
{
	struct builtin_getopt g = BUILTIN_GETOPT_INIT;
	struct alias_table *t = aliases(sh);
	bool all = false;
	int c, i, status = 0;

	while ((c = builtin_getopt(sh, &g, argc, argv, "a")) != -1) {
		if (c == '?') {
			return 2;
		}
		all = true;
	}
	if (all) {
		alias_clear(t);
		return 0;
	}
	for (i = g.ind; i < argc; i++) {
		if (alias_unset(t, argv[i]) < 0) {
			sh_error(sh, "%s: %s not found", argv[0], argv[i]);
			status = 1;
		}
	}
	return status;
}
