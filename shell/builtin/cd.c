/*
 * cd.c - cd [-L|-P] [dir], cd -, and pwd [-L|-P] (XCU cd, pwd), as in
 * dash.
 *
 * The logical current directory is $PWD when it is valid: absolute, with
 * no . or .. components, and naming the directory we are in.  cd -L (the
 * default) works on that logical path, removing . and .. lexically
 * (XCU cd steps 7-9) before chdir; cd -P resolves symbolic links and sets
 * PWD from getcwd().  A relative operand not starting with . or .. is
 * searched along CDPATH; the new directory is printed when it was found
 * through a non-empty CDPATH entry, and for `cd -`.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/xalloc.h>

#include "builtin.h"
#include "output.h"
#include "shell.h"
#include "var.h"

/* Does path contain a "." or ".." component? */
static bool cd_has_dots(const char *path)
{
	const char *p = path;

	while (*p != '\0') {
		while (*p == '/') {
			p++;
		}
		if (p[0] == '.' && (p[1] == '/' || p[1] == '\0')) {
			return true;
		}
		if (p[0] == '.' && p[1] == '.' &&
		    (p[2] == '/' || p[2] == '\0')) {
			return true;
		}
		while (*p != '\0' && *p != '/') {
			p++;
		}
	}
	return false;
}

/* $PWD if it is a valid logical name of the current directory, else NULL */
static const char *cd_logical_pwd(struct shell *sh)
{
	const char *pwd = var_get(sh, "PWD");
	struct stat a, b;

	if (pwd == NULL || pwd[0] != '/' || cd_has_dots(pwd)) {
		return NULL;
	}
	if (stat(pwd, &a) != 0 || stat(".", &b) != 0 ||
	    a.st_dev != b.st_dev || a.st_ino != b.st_ino) {
		return NULL;
	}
	return pwd;
}

/* getcwd() into a malloc'd string, or NULL */
static char *cd_physical(void)
{
	return getcwd(NULL, 0);
}

/*
 * Builds the canonical logical path for dest relative to cur (cur may be
 * NULL when dest is absolute): . components go, and each .. removes the
 * component before it.
 */
static void cd_canonical(const char *cur, const char *dest, struct buf *out)
{
	struct buf in = BUF_INIT;
	const char *p, *end;
	size_t len;

	if (dest[0] != '/' && cur != NULL) {
		buf_puts(&in, cur);
		buf_putc(&in, '/');
	}
	buf_puts(&in, dest);
	buf_reset(out);
	p = buf_str(&in);
	while (*p != '\0') {
		while (*p == '/') {
			p++;
		}
		if (*p == '\0') {
			break;
		}
		end = strchr(p, '/');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		if (len == 1 && p[0] == '.') {
			/* nothing */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			size_t keep = out->len;

			while (keep > 0 && out->data[keep - 1] != '/') {
				keep--;
			}
			if (keep > 0) {
				keep--;
			}
			buf_truncate(out, keep);
		} else {
			buf_putc(out, '/');
			buf_append(out, p, len);
		}
		p += len;
	}
	if (out->len == 0) {
		buf_putc(out, '/');
	}
	buf_release(&in);
}

/*
 * Changes to dest; on success updates OLDPWD and PWD.  physical: -P.
 * Returns 0 or -1 (errno from chdir).
 */
static int cd_go(struct shell *sh, const char *dest, bool physical)
{
	struct buf logical = BUF_INIT;
	const char *cur = NULL;
	char *old = NULL;
	char *phys = NULL;
	const char *target = dest;
	int ret = -1;

	cur = cd_logical_pwd(sh);
	if (cur != NULL) {
		old = strdup(cur);
	} else {
		old = cd_physical();
		cur = old;
	}
	if (!physical && (dest[0] == '/' || cur != NULL)) {
		cd_canonical(cur, dest, &logical);
		if (!logical.err) {
			target = buf_str(&logical);
		}
	}
	if (chdir(target) != 0) {
		goto out;
	}
	ret = 0;
	if (old != NULL) {
		var_set(sh, "OLDPWD", old, 0);
	}
	if (physical || target == dest) {
		phys = cd_physical();
		if (phys != NULL) {
			var_set(sh, "PWD", phys, 0);
		}
	} else {
		var_set(sh, "PWD", target, 0);
	}
out:
	buf_release(&logical);
	free(old);
	free(phys);
	return ret;
}

/* Options -L and -P; the last one wins.  Returns -1 after an error. */
static int cd_options(struct shell *sh, int argc, char **argv,
		      bool *physical)
{
	struct builtin_getopt g = BUILTIN_GETOPT_INIT;
	int c;

	*physical = false;
	while ((c = builtin_getopt(sh, &g, argc, argv, "LP")) != -1) {
		if (c == '?') {
			return -1;
		}
		*physical = c == 'P';
	}
	return g.ind;
}

/* Does dest skip the CDPATH search (absolute, or starting with . or ..)? */
static bool cd_no_search(const char *dest)
{
	if (dest[0] == '/') {
		return true;
	}
	if (dest[0] == '.') {
		if (dest[1] == '\0' || dest[1] == '/') {
			return true;
		}
		if (dest[1] == '.' && (dest[2] == '\0' || dest[2] == '/')) {
			return true;
		}
	}
	return false;
}

/*
 * Tries each CDPATH entry.  Returns 1 when a directory was found and
 * entered (*print set for a non-empty entry), 0 when none was found,
 * -1 when one was found but cd failed.
 */
static int cd_search(struct shell *sh, const char *dest, bool physical,
		     bool *print)
{
	const char *path = var_get(sh, "CDPATH");
	const char *p, *colon;
	struct buf try = BUF_INIT;
	struct stat st;
	size_t len;
	int ret = 0;

	if (path == NULL) {
		return 0;
	}
	for (p = path;; p = colon + 1) {
		colon = strchr(p, ':');
		len = colon != NULL ? (size_t)(colon - p) : strlen(p);
		buf_reset(&try);
		if (len > 0) {
			buf_append(&try, p, len);
			buf_putc(&try, '/');
		}
		buf_puts(&try, dest);
		if (!try.err && stat(buf_str(&try), &st) == 0 &&
		    S_ISDIR(st.st_mode)) {
			ret = cd_go(sh, buf_str(&try), physical) == 0 ? 1 : -1;
			*print = len > 0;
			break;
		}
		if (colon == NULL) {
			break;
		}
	}
	buf_release(&try);
	return ret;
}

int builtin_cd(struct shell *sh, int argc, char **argv)
{
	const char *dest;
	bool physical, print = false;
	int ind, r;

	ind = cd_options(sh, argc, argv, &physical);
	if (ind < 0) {
		return 2;
	}
	dest = ind < argc ? argv[ind] : NULL;
	if (dest == NULL) {
		dest = var_get(sh, "HOME");
	} else if (strcmp(dest, "-") == 0) {
		dest = var_get(sh, "OLDPWD");
		print = true;
	}
	if (dest == NULL || *dest == '\0') {
		dest = ".";
	}
	if (!cd_no_search(dest)) {
		r = cd_search(sh, dest, physical, &print);
		if (r < 0) {
			goto fail;
		}
		if (r > 0) {
			goto done;
		}
	}
	if (cd_go(sh, dest, physical) < 0) {
		goto fail;
	}
done:
	if (print) {
		dest = var_get(sh, "PWD");
		out_printf("%s\n", dest != NULL ? dest : "");
	}
	return 0;
fail:
	sh_error(sh, "cd: can't cd to %s", dest);
	return 2;
}

int builtin_pwd(struct shell *sh, int argc, char **argv)
{
	const char *pwd;
	char *phys;
	bool physical;

	if (cd_options(sh, argc, argv, &physical) < 0) {
		return 2;
	}
	pwd = physical ? NULL : cd_logical_pwd(sh);
	if (pwd != NULL) {
		out_printf("%s\n", pwd);
		return 0;
	}
	phys = cd_physical();
	if (phys == NULL) {
		sh_error(sh, "pwd: %s", strerror(errno));
		return 2;
	}
	out_printf("%s\n", phys);
	free(phys);
	return 0;
}

/* ---- pushd, popd, dirs (bash, ksh and zsh; not POSIX) ------------------- */

/*
 * The directory stack: entry 0 is the current directory ($PWD), the rest
 * are kept here, most recent first.  Subshells get a copy with fork.
 */
#define DIRS_MAX 256

static char *dirs_saved[DIRS_MAX];
static int dirs_n;

static const char *dirs_entry(struct shell *sh, int i)
{
	const char *pwd;

	if (i > 0) {
		return dirs_saved[i - 1];
	}
	pwd = cd_logical_pwd(sh);
	return pwd != NULL ? pwd : ".";
}

/* Prints the stack as dirs does: flags l (no ~), p (one per line),
 * v (numbered). */
static void dirs_print(struct shell *sh, bool tilde, bool lines, bool num)
{
	const char *home = var_get(sh, "HOME"), *d;
	size_t hl = home != NULL ? strlen(home) : 0;
	struct buf b = BUF_INIT;
	int i;

	for (i = 0; i <= dirs_n; i++) {
		d = dirs_entry(sh, i);
		if (num) {
			buf_printf(&b, "%2d  ", i);
		} else if (i > 0 && !lines) {
			buf_putc(&b, ' ');
		}
		if (tilde && hl > 1 && strncmp(d, home, hl) == 0 &&
		    (d[hl] == '/' || d[hl] == '\0')) {
			buf_putc(&b, '~');
			d += hl;
		}
		buf_puts(&b, d);
		if (lines || num) {
			buf_putc(&b, '\n');
		}
	}
	if (!lines && !num) {
		buf_putc(&b, '\n');
	}
	out_printf("%s", buf_str(&b));
	buf_release(&b);
}

/* "+N" / "-N": the entry it names (0 = the current directory), or -1. */
static int dirs_index(const char *arg)
{
	char *end;
	long n;

	if ((arg[0] != '+' && arg[0] != '-') || arg[1] < '0' || arg[1] > '9') {
		return -2;		/* not a number argument */
	}
	n = strtol(arg + 1, &end, 10);
	if (*end != '\0' || n > dirs_n) {
		return -1;
	}
	return arg[0] == '+' ? (int)n : dirs_n - (int)n;
}

/* Goes to dir as cd would (CDPATH, logical); false after a message. */
static bool dirs_go(struct shell *sh, const char *who, const char *dir)
{
	bool print = false;
	int r = 0;

	if (!cd_no_search(dir)) {
		r = cd_search(sh, dir, false, &print);
	}
	if (r == 0 && cd_go(sh, dir, false) == 0) {
		r = 1;
	}
	if (r <= 0) {
		sh_error(sh, "%s: can't cd to %s", who, dir);
		return false;
	}
	return true;
}

/* Makes entry k the current directory, rotating the stack. */
static bool dirs_rotate(struct shell *sh, const char *who, int k)
{
	char *all[DIRS_MAX + 1] = { NULL };
	int i, n = dirs_n + 1;

	if (k == 0) {
		return true;
	}
	for (i = 0; i < n; i++) {
		all[i] = xstrdup(dirs_entry(sh, i));
	}
	if (!dirs_go(sh, who, all[k])) {
		for (i = 0; i < n; i++) {
			free(all[i]);
		}
		return false;
	}
	for (i = 0; i < dirs_n; i++) {
		free(dirs_saved[i]);
		dirs_saved[i] = xstrdup(all[(k + 1 + i) % n]);
	}
	for (i = 0; i < n; i++) {
		free(all[i]);
	}
	return true;
}

int builtin_dirs(struct shell *sh, int argc, char **argv)
{
	struct builtin_getopt g = BUILTIN_GETOPT_INIT;
	bool tilde = true, lines = false, num = false;
	int c, i;

	while ((c = builtin_getopt(sh, &g, argc, argv, "clpv")) != -1) {
		switch (c) {
		case 'c':
			for (i = 0; i < dirs_n; i++) {
				free(dirs_saved[i]);
			}
			dirs_n = 0;
			return 0;
		case 'l':
			tilde = false;
			break;
		case 'p':
			lines = true;
			break;
		case 'v':
			num = true;
			break;
		default:
			return 2;
		}
	}
	if (g.ind < argc) {
		sh_error(sh, "dirs: too many arguments");
		return 2;
	}
	dirs_print(sh, tilde, lines, num);
	return 0;
}

int builtin_pushd(struct shell *sh, int argc, char **argv)
{
	char *old;
	int k;

	if (argc > 2) {
		sh_error(sh, "pushd: too many arguments");
		return 2;
	}
	if (argc == 1) {
		if (dirs_n == 0) {
			sh_error(sh, "pushd: no other directory");
			return 1;
		}
		k = 1;		/* swap the top two */
		old = xstrdup(dirs_entry(sh, 0));
		if (!dirs_go(sh, "pushd", dirs_saved[0])) {
			free(old);
			return 1;
		}
		free(dirs_saved[0]);
		dirs_saved[0] = old;
	} else if ((k = dirs_index(argv[1])) != -2) {
		if (k < 0) {
			sh_error(sh, "pushd: %s: directory stack index out of "
				 "range", argv[1]);
			return 1;
		}
		if (!dirs_rotate(sh, "pushd", k)) {
			return 1;
		}
	} else {
		if (dirs_n == DIRS_MAX) {
			sh_error(sh, "pushd: directory stack full");
			return 1;
		}
		old = xstrdup(dirs_entry(sh, 0));
		if (!dirs_go(sh, "pushd", argv[1])) {
			free(old);
			return 1;
		}
		memmove(&dirs_saved[1], &dirs_saved[0],
			(size_t)dirs_n * sizeof(dirs_saved[0]));
		dirs_saved[0] = old;
		dirs_n++;
	}
	dirs_print(sh, true, false, false);
	return 0;
}

int builtin_popd(struct shell *sh, int argc, char **argv)
{
	int k = 0;

	if (argc > 2) {
		sh_error(sh, "popd: too many arguments");
		return 2;
	}
	if (dirs_n == 0) {
		sh_error(sh, "popd: directory stack empty");
		return 1;
	}
	if (argc == 2 && (k = dirs_index(argv[1])) < 0) {
		sh_error(sh, "popd: %s: %s", argv[1], k == -2 ?
			 "invalid argument" : "directory stack index out of "
			 "range");
		return k == -2 ? 2 : 1;
	}
	if (k == 0) {
		/* leave the current directory for the next one */
		if (!dirs_go(sh, "popd", dirs_saved[0])) {
			return 1;
		}
		k = 1;
	}
	free(dirs_saved[k - 1]);
	memmove(&dirs_saved[k - 1], &dirs_saved[k],
		(size_t)(dirs_n - k) * sizeof(dirs_saved[0]));
	dirs_n--;
	dirs_print(sh, true, false, false);
	return 0;
}
