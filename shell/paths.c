/*
 * paths.c - XDG and runtime paths, private directories (see paths.h).
 * Shared by both programs: libc and <hersh/> only.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/paths.h>

/* $HOME, else the password database's home; NULL if neither. */
static const char *paths_home(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home != NULL && home[0] == '/') {
		return home;
	}
	pw = getpwuid(getuid());
	if (pw != NULL && pw->pw_dir != NULL && pw->pw_dir[0] == '/') {
		return pw->pw_dir;
	}
	return NULL;
}

/* An XDG variable if it holds an absolute path, else NULL. */
static const char *paths_xdg(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && v[0] == '/' ? v : NULL;
}

static char *paths_join(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = c ? strlen(c) : 0;
	char *p = malloc(la + lb + lc + 3);

	if (p == NULL) {
		return NULL;
	}
	memcpy(p, a, la);
	p[la] = '/';
	memcpy(p + la + 1, b, lb + 1);
	if (c != NULL) {
		p[la + 1 + lb] = '/';
		memcpy(p + la + lb + 2, c, lc + 1);
	}
	return p;
}

char *paths_dir(enum paths_dir kind)
{
	static const struct {
		const char *var;
		const char *fallback;
	} xdg[] = {
		[PATHS_RUNTIME] = { "XDG_RUNTIME_DIR", NULL },
		[PATHS_DATA] = { "XDG_DATA_HOME", ".local/share" },
		[PATHS_STATE] = { "XDG_STATE_HOME", ".local/state" },
		[PATHS_CONFIG] = { "XDG_CONFIG_HOME", ".config" },
	};
	const char *base, *home;
	char tmp[64];

	if ((unsigned)kind > PATHS_CONFIG) {
		return NULL;
	}
	base = paths_xdg(xdg[kind].var);
	if (base != NULL) {
		return paths_join(base, "hersh", NULL);
	}
	if (kind == PATHS_RUNTIME) {
		snprintf(tmp, sizeof(tmp), "/tmp/hersh-%u",
			 (unsigned)getuid());
		return strdup(tmp);
	}
	home = paths_home();
	if (home == NULL) {
		return NULL;
	}
	return paths_join(home, xdg[kind].fallback, "hersh");
}

char *paths_file(enum paths_dir kind, const char *name)
{
	char *dir = paths_dir(kind), *p;

	if (dir == NULL) {
		return NULL;
	}
	p = paths_join(dir, name, NULL);
	free(dir);
	return p;
}

/* mkdir -p for the parents of path (not path itself), mode 0700. */
static void paths_make_parents(const char *path)
{
	char *copy = strdup(path), *s;

	if (copy == NULL) {
		return;
	}
	for (s = copy + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(copy, 0700) < 0 && errno != EEXIST) {
			break;
		}
		*s = '/';
	}
	free(copy);
}

int paths_ensure_dir(const char *dir, struct buf *err)
{
	struct stat st;
	int fd;

	if (dir == NULL || dir[0] != '/') {
		buf_printf(err, "no home directory to keep files in");
		return -1;
	}
	if (mkdir(dir, 0700) < 0 && errno == ENOENT) {
		paths_make_parents(dir);
		mkdir(dir, 0700);
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ELOOP || errno == ENOTDIR) {
			if (lstat(dir, &st) == 0 && S_ISLNK(st.st_mode)) {
				buf_printf(err, "%s: is a symbolic link; "
					   "remove it", dir);
				return -1;
			}
			buf_printf(err, "%s: not a directory", dir);
			return -1;
		}
		buf_printf(err, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		buf_printf(err, "%s: %s", dir, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	if (st.st_uid != getuid()) {
		buf_printf(err, "%s: owned by uid %u, not %u; remove it",
			   dir, (unsigned)st.st_uid, (unsigned)getuid());
		return -1;
	}
	if ((st.st_mode & 077) != 0) {
		buf_printf(err, "%s: mode %03o is open to others; "
			   "chmod 700 it", dir, (unsigned)(st.st_mode & 0777));
		return -1;
	}
	return 0;
}

char *paths_ensure(enum paths_dir kind, struct buf *err)
{
	char *dir = paths_dir(kind);

	if (paths_ensure_dir(dir, err) < 0) {
		free(dir);
		return NULL;
	}
	return dir;
}
