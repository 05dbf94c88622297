/*
 * complete.c - completion for the line editor.
 */
#include <dirent.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/readline.h>

#include <hersh/xalloc.h>

#include "alias.h"
#include "builtin.h"
#include "complete.h"
#include "exec.h"
#include "path.h"
#include "shell.h"
#include "var.h"

/* characters that must be quoted in a completed file name */
static const char special_chars[] = " \t\n\\\"'@<>=;|&()#$`?*[]{}~!";

struct cands {
	char **v;
	size_t n;
	size_t cap;
	const char *prefix;	/* only names starting with it */
	size_t plen;
	const char *before;	/* text put before each name ("$", "~") */
	const char *after;	/* text put after ("/", "}") */
};

static void add(struct cands *c, const char *name)
{
	if (strncmp(name, c->prefix, c->plen) != 0) {
		return;
	}
	if (c->n + 2 > c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->v = xreallocarray(c->v, c->cap, sizeof(*c->v));
	}
	c->v[c->n++] = xasprintf("%s%s%s", c->before ? c->before : "", name,
				 c->after ? c->after : "");
	c->v[c->n] = NULL;
}

static void add_cb(const char *name, void *ctx)
{
	add(ctx, name);
}

static void add_alias(const char *name, const char *value, void *ctx)
{
	add(ctx, name);
}

static int compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts and removes duplicates; frees and returns NULL when empty. */
static char **finish(struct cands *c)
{
	size_t i, j;

	if (c->n == 0) {
		free(c->v);
		return NULL;
	}
	qsort(c->v, c->n, sizeof(*c->v), compare);
	for (i = 1, j = 1; i < c->n; i++) {
		if (strcmp(c->v[i], c->v[j - 1]) == 0) {
			free(c->v[i]);
		} else {
			c->v[j++] = c->v[i];
		}
	}
	c->v[j] = NULL;
	return c->v;
}

static void add_path_commands(struct shell *sh, struct cands *c)
{
	const char *path = var_get(sh, "PATH"), *p, *colon;
	char dir[4096], file[8192];
	struct dirent *d;
	DIR *dp;
	struct stat st;
	size_t len;

	for (p = path ? path : path_default(); p != NULL;
	     p = colon ? colon + 1 : NULL) {
		colon = strchr(p, ':');
		len = colon ? (size_t)(colon - p) : strlen(p);
		if (len == 0) {
			strcpy(dir, ".");
		} else if (len < sizeof(dir)) {
			memcpy(dir, p, len);
			dir[len] = '\0';
		} else {
			continue;
		}
		dp = opendir(dir);
		if (dp == NULL) {
			continue;
		}
		while ((d = readdir(dp)) != NULL) {
			if (d->d_name[0] == '.' ||
			    strncmp(d->d_name, c->prefix, c->plen) != 0) {
				continue;
			}
			snprintf(file, sizeof(file), "%s/%s", dir, d->d_name);
			if (stat(file, &st) == 0 && S_ISREG(st.st_mode) &&
			    access(file, X_OK) == 0) {
				add(c, d->d_name);
			}
		}
		closedir(dp);
	}
}

static void add_commands(struct shell *sh, struct cands *c)
{
	static const char *const reserved[] = {
		"case", "do", "done", "elif", "else", "esac", "fi", "for",
		"if", "in", "then", "until", "while", NULL,
	};
	int i;

	for (i = 0; i < builtin_count; i++) {
		add(c, builtin_table[i].name);
	}
	for (i = 0; reserved[i] != NULL; i++) {
		add(c, reserved[i]);
	}
	func_each(sh, add_cb, c);
	alias_each(sh->aliases, add_alias, c);
	add_path_commands(sh, c);
}

static void add_users(struct cands *c)
{
	struct passwd *pw;

	setpwent();
	while ((pw = getpwent()) != NULL) {
		add(c, pw->pw_name);
	}
	endpwent();
}

/* Directories (for cd) whose path starts with word; readline adds the
 * trailing '/' itself (file name completion marks directories). */
static void add_dirs(struct cands *c, const char *word)
{
	const char *slash = strrchr(word, '/');
	const char *base = slash ? slash + 1 : word;
	size_t blen = strlen(base);
	char *dir, *full, path[8192];
	struct dirent *d;
	struct stat st;
	DIR *dp;

	dir = slash ? xstrndup(word, (size_t)(slash - word) + 1)
		    : xstrdup("");
	dp = opendir(dir[0] ? dir : ".");
	if (dp == NULL) {
		free(dir);
		return;
	}
	while ((d = readdir(dp)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0 ||
		    (d->d_name[0] == '.' && base[0] != '.') ||
		    strncmp(d->d_name, base, blen) != 0) {
			continue;
		}
		snprintf(path, sizeof(path), "%s%s", dir[0] ? dir : "./",
			 d->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			full = xasprintf("%s%s", dir, d->d_name);
			add(c, full);
			free(full);
		}
	}
	closedir(dp);
	free(dir);
}

char **complete_words(struct shell *sh, const char *word,
		      int command_position, int after_cd)
{
	struct cands c = { NULL, 0, 0, word, strlen(word), NULL, NULL };

	if (word[0] == '$') {
		if (word[1] == '{') {
			c.before = "${";
			c.after = "}";
			c.prefix = word + 2;
		} else {
			c.before = "$";
			c.prefix = word + 1;
		}
		c.plen = strlen(c.prefix);
		var_each(sh, add_cb, &c);
		return finish(&c);
	}
	if (word[0] == '~' && strchr(word, '/') == NULL) {
		c.before = "~";
		c.after = "/";
		c.prefix = word + 1;
		c.plen = strlen(c.prefix);
		add_users(&c);
		return finish(&c);
	}
	if (after_cd) {
		add_dirs(&c, word);
		return finish(&c);
	}
	if (command_position && strchr(word, '/') == NULL) {
		add_commands(sh, &c);
		return finish(&c);
	}
	return NULL;
}

/* readline glue */

static struct shell *complete_shell;
static char **pending;
static size_t pending_next;

static char *generator(const char *text, int state)
{
	if (pending == NULL || pending[pending_next] == NULL) {
		return NULL;
	}
	return pending[pending_next++];
}

/* Is the word at start in command position?  Looks back over blanks for
 * a command separator or a reserved word that starts a command. */
static int in_command_position(const char *line, int start)
{
	static const char *const starters[] = {
		"then", "do", "else", "elif", "if", "while", "until", "!",
		"{", "time", "exec", "command", "sudo", "nohup", "xargs", NULL,
	};
	int i = start, end, k;

	while (i > 0 && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
		i--;
	}
	if (i == 0 || strchr(";|&(`\n", line[i - 1]) != NULL) {
		return 1;
	}
	if (i >= 2 && line[i - 1] == '(' && line[i - 2] == '$') {
		return 1;
	}
	end = i;
	while (i > 0 && line[i - 1] != ' ' && line[i - 1] != '\t') {
		i--;
	}
	for (k = 0; starters[k] != NULL; k++) {
		if ((int)strlen(starters[k]) == end - i &&
		    strncmp(line + i, starters[k], (size_t)(end - i)) == 0) {
			return in_command_position(line, i) || k >= 9;
		}
	}
	return 0;
}

static int after_cd(const char *line, int start)
{
	int i = 0;

	while (line[i] == ' ' || line[i] == '\t') {
		i++;
	}
	return strncmp(line + i, "cd", 2) == 0 &&
	       (line[i + 2] == ' ' || line[i + 2] == '\t') && i + 2 < start;
}

static char **attempt(const char *text, int start, int end)
{
	char **matches;

	free(pending);
	pending = complete_words(complete_shell, text,
				 in_command_position(rl_line_buffer, start),
				 after_cd(rl_line_buffer, start));
	pending_next = 0;
	if (pending == NULL) {
		/* file names, readline's default */
		return NULL;
	}
	rl_attempted_completion_over = 1;
	if (text[0] == '$' || text[0] == '~') {
		rl_filename_completion_desired = 0;
	} else {
		rl_filename_completion_desired = 1;
	}
	if (pending[0] != NULL && pending[1] == NULL) {
		size_t n = strlen(pending[0]);

		if (n > 0 && pending[0][n - 1] == '/') {
			rl_completion_append_character = '\0';
		} else if (text[0] == '$') {
			rl_completion_append_character = ' ';
		}
	}
	matches = rl_completion_matches(text, generator);
	free(pending);
	pending = NULL;
	return matches;
}

static char *quote(char *text, int match_type, char *quote_pointer)
{
	size_t n = 0;
	char *out, *p, *q;

	if (quote_pointer != NULL && *quote_pointer != '\0') {
		/* inside quotes the user opened: leave the text as is */
		return xstrdup(text);
	}
	for (p = text; *p; p++) {
		n += strchr(special_chars, *p) ? 2 : 1;
	}
	out = xmalloc(n + 1);
	for (p = text, q = out; *p; p++) {
		if (strchr(special_chars, *p) && !(p == text && *p == '~')) {
			*q++ = '\\';
		}
		*q++ = *p;
	}
	*q = '\0';
	return out;
}

static char *dequote(char *text, int quote_char)
{
	char *out = xmalloc(strlen(text) + 1), *q = out, *p;

	for (p = text; *p; p++) {
		if (*p == '\\' && p[1] != '\0' && quote_char != '\'') {
			p++;
		}
		*q++ = *p;
	}
	*q = '\0';
	return out;
}

static int char_is_quoted(char *line, int index)
{
	return index > 0 && line[index - 1] == '\\' &&
	       !char_is_quoted(line, index - 1);
}

void complete_init(struct shell *sh)
{
	complete_shell = sh;
	rl_attempted_completion_function = attempt;
	rl_completer_quote_characters = "'\"";
	rl_filename_quote_characters = special_chars;
	rl_completer_word_break_characters = " \t\n\"'<>;|&(=";
	rl_filename_quoting_function = quote;
	rl_filename_dequoting_function = dequote;
	rl_char_is_quoted_p = char_is_quoted;
}
