/*
 * watch.c - inotify watches on the user's working trees, raw events
 * folded into create / modify / delete / move (see watch.h).
 *
 * Three tables: the watches (a hash from watch descriptor to directory),
 * the trees they belong to, and the paths with events not yet reported
 * ("records", each holding whether the path existed before its first
 * event, whether it exists now, whether its content changed and where
 * it was moved from).  A record is reported when it settles; what it
 * says follows from those few facts, which is what makes editor save
 * sequences fold into one modify.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"
#include "loop.h"
#include "watch.h"

#define WATCH_MASK (IN_CREATE | IN_DELETE | IN_MODIFY | IN_MOVED_FROM | \
		    IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | \
		    IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK)
/* Bytes per read(2); reads per watch_handle_events() call. */
#define READ_SIZE 65536
#define READS_PER_CALL 64
/* Unpaired IN_MOVED_FROM events held; paths held for folding. */
#define MOVES_MAX 64
#define RECORDS_MAX 4096
/* Paths remembered as reported modified (for the one-per-window rule). */
#define RECENT_MAX 256
#define EXCLUDES_MAX 32
#define IGNORES_MAX 64
/* Levels walked up from a working directory looking for a project. */
#define PROJECT_UP_MAX 16

/* One inotify watch: a directory. */
struct wdir {
	int wd;
	int depth;		/* levels below its tree's root */
	int tree;		/* its tree's id */
	char *path;
	struct wdir *next;	/* hash chain */
};

struct tree {
	int id;
	char *root;
	dev_t dev;		/* the root's identity, to tell a rename we */
	ino_t ino;		/* followed from one we did not */
	int watches;
	bool configured;	/* watch_add_dir(): never dropped */
	bool shallow;		/* $HOME: the root only */
	bool incomplete;	/* a limit stopped its scan */
	uint64_t used;		/* last learned (LRU clock) */
};

/* A path with events not yet reported. */
struct record {
	char *path;		/* its name now */
	char *orig;		/* its name before a move, or NULL */
	uint64_t hash;		/* of path */
	bool before;		/* it existed before its first event */
	bool exists;		/* it exists now */
	bool changed;		/* its content was written */
	bool is_dir;
	int64_t first_ms;	/* monotonic times of its first and last */
	int64_t last_ms;	/* raw events */
	int64_t time;		/* local seconds of its last raw event */
};

/* An IN_MOVED_FROM waiting for its IN_MOVED_TO. */
struct move_from {
	uint32_t cookie;
	char *path;
	bool is_dir;
	int64_t ms;
	int64_t time;
};

struct recent {
	uint64_t hash;
	int64_t ms;
};

struct watch {
	int fd;
	struct loop *loop;
	struct loop_timer *timer;
	struct watch_sink sink;
	struct watch_limits lim;
	char *home;
	char *excludes[EXCLUDES_MAX];
	int nexcludes;
	char *ignores[IGNORES_MAX];
	int nignores;
	struct wdir **buckets;	/* wd -> directory */
	size_t nbuckets;	/* a power of two */
	int nwatches;
	struct tree **trees;
	int ntrees;
	int next_tree_id;
	uint64_t use_clock;
	struct record **records;	/* in order of first event */
	int nrecords;
	int caprecords;
	struct move_from moves[MOVES_MAX];
	int nmoves;
	struct recent recent[RECENT_MAX];
	int recent_next;
	int64_t now_ms;		/* time of the batch being folded */
	int64_t now_time;
	bool room_freed;	/* watches went away since the last scan */
	bool rescanning;	/* limits met now are not news */
	unsigned long events;
	unsigned long raw;
	unsigned long overflows;
	unsigned long rescans;
	unsigned long limit_hits;
};

/* ---- small helpers ---------------------------------------------------- */

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint64_t path_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++) {
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	}
	return h;
}

/* True when path is prefix or lies below it. */
static bool path_under(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);

	if (n == 1 && prefix[0] == '/') {
		return path[0] == '/';
	}
	return strncmp(path, prefix, n) == 0 &&
	       (path[n] == '\0' || path[n] == '/');
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* dir/name, or NULL when too long or out of memory. */
static char *path_join(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	char *p;

	if (dl + nl + 2 > PATH_MAX) {
		return NULL;
	}
	p = malloc(dl + nl + 2);
	if (p == NULL) {
		return NULL;
	}
	memcpy(p, dir, dl);
	p[dl] = '/';
	memcpy(p + dl + 1, name, nl + 1);
	return p;
}

/*
 * A copy of an absolute path without trailing or doubled slashes, or
 * NULL when it is not absolute, holds "." or ".." components or is too
 * long.
 */
static char *path_normalize(const char *dir)
{
	size_t n, i, o = 0;
	char *p;

	if (dir == NULL || dir[0] != '/' || (n = strlen(dir)) >= PATH_MAX) {
		return NULL;
	}
	p = malloc(n + 1);
	if (p == NULL) {
		return NULL;
	}
	for (i = 0; i < n; i++) {
		if (dir[i] == '/' && o > 0 && p[o - 1] == '/') {
			continue;
		}
		p[o++] = dir[i];
	}
	if (o > 1 && p[o - 1] == '/') {
		o--;
	}
	p[o] = '\0';
	if (strstr(p, "/./") || strstr(p, "/../") ||
	    (o >= 2 && strcmp(p + o - 2, "/.") == 0) ||
	    (o >= 3 && strcmp(p + o - 3, "/..") == 0)) {
		free(p);
		return NULL;
	}
	return p;
}

/* ---- names ------------------------------------------------------------ */

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* vim's write probe: 4913, then 4913 + 123 k while the name is taken. */
static bool is_vim_probe(const char *name)
{
	long v = 0;
	size_t i;

	for (i = 0; name[i] != '\0'; i++) {
		if (name[i] < '0' || name[i] > '9' || i >= 6) {
			return false;
		}
		v = v * 10 + (name[i] - '0');
	}
	return i >= 4 && v >= 4913 && (v - 4913) % 123 == 0;
}

/* sed -i's temporary: "sed" and six letters or digits. */
static bool is_sed_temp(const char *name)
{
	size_t i;

	if (strncmp(name, "sed", 3) != 0 || strlen(name) != 9) {
		return false;
	}
	for (i = 3; i < 9; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9'))) {
			return false;
		}
	}
	return true;
}

/* Partial downloads: renamed to their final name when complete. */
static bool is_partial(const char *name)
{
	return ends_with(name, ".part") || ends_with(name, ".crdownload") ||
	       ends_with(name, ".partial");
}

bool watch_name_is_noise(const char *name)
{
	static const char *const suffixes[] = {
		".swp", ".swx", ".swo", ".tmp", ".kate-swp", "___jb_tmp___",
		"___jb_old___",
	};
	static const char *const prefixes[] = {
		".#", ".goutputstream-", ".~lock.", "~$", ".nfs",
		".fuse_hidden",
	};
	static const char *const names[] = {
		".viminfo", ".lesshst", ".bash_history", ".zsh_history",
		".python_history", ".wget-hsts", ".sqlite_history",
		".node_repl_history", ".Xauthority", ".xsession-errors",
		".ICEauthority", ".mysql_history", ".psql_history",
	};
	size_t n = strlen(name), i;

	if (n == 0) {
		return false;
	}
	if (name[n - 1] == '~' || (name[0] == '#' && name[n - 1] == '#' &&
				   n > 1)) {
		return true;
	}
	/* vim swap files: .name.swp .. .name.swa */
	if (n > 4 && name[0] == '.' && name[n - 4] == '.' &&
	    name[n - 3] == 's' && name[n - 2] == 'w' &&
	    name[n - 1] >= 'a' && name[n - 1] <= 'p') {
		return true;
	}
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		if (ends_with(name, suffixes[i])) {
			return true;
		}
	}
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0) {
			return true;
		}
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(name, names[i]) == 0) {
			return true;
		}
	}
	return is_vim_probe(name) || is_sed_temp(name) || is_partial(name) ||
	       (n > 8 && ends_with(name, ".viminfo.tmp"));
}

bool watch_name_is_ignored(const struct watch *w, const char *name)
{
	static const char *const names[] = {
		".git", ".hg", ".svn", "node_modules", "build", "_build",
		"target", "dist", "__pycache__", ".cache", ".venv", "venv",
		".tox", ".mypy_cache", ".pytest_cache", ".ruff_cache",
		".gradle", ".next", ".nuxt", ".terraform", ".direnv",
		"CMakeFiles", ".ccache", ".stack-work", "zig-cache",
		".zig-cache", "bower_components", ".sass-cache",
	};
	size_t i;
	int k;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(name, names[i]) == 0) {
			return true;
		}
	}
	for (k = 0; w != NULL && k < w->nignores; k++) {
		if (strcmp(name, w->ignores[k]) == 0) {
			return true;
		}
	}
	return false;
}

/* True when tmp (a temporary's base name) names target's too: the
 * editor's ".foo.c.XXXX" or "foo.c.new" for "foo.c". */
static bool name_related(const char *tmp, const char *target)
{
	return strlen(target) >= 2 && strstr(tmp, target) != NULL;
}

static bool is_excluded(const struct watch *w, const char *path)
{
	static const char *const system[] = { "/proc", "/sys", "/dev",
					      "/run" };
	size_t i;
	int k;

	for (i = 0; i < sizeof(system) / sizeof(system[0]); i++) {
		if (path_under(path, system[i])) {
			return true;
		}
	}
	for (k = 0; k < w->nexcludes; k++) {
		if (path_under(path, w->excludes[k])) {
			return true;
		}
	}
	return false;
}

/* ---- the watch table -------------------------------------------------- */

static struct wdir **wd_slot(const struct watch *w, int wd)
{
	return &w->buckets[(unsigned)wd & (w->nbuckets - 1)];
}

static struct wdir *wd_find(const struct watch *w, int wd)
{
	struct wdir *d;

	for (d = *wd_slot(w, wd); d != NULL; d = d->next) {
		if (d->wd == wd) {
			return d;
		}
	}
	return NULL;
}

/* Doubles the hash when it gets full; failure only slows lookups. */
static void wd_grow(struct watch *w)
{
	size_t n = w->nbuckets * 2, i;
	struct wdir **b, *d, *next;

	if ((size_t)w->nwatches < w->nbuckets) {
		return;
	}
	b = calloc(n, sizeof(*b));
	if (b == NULL) {
		return;
	}
	for (i = 0; i < w->nbuckets; i++) {
		for (d = w->buckets[i]; d != NULL; d = next) {
			next = d->next;
			d->next = b[(unsigned)d->wd & (n - 1)];
			b[(unsigned)d->wd & (n - 1)] = d;
		}
	}
	free(w->buckets);
	w->buckets = b;
	w->nbuckets = n;
}

static struct tree *tree_by_id(const struct watch *w, int id)
{
	int i;

	for (i = 0; i < w->ntrees; i++) {
		if (w->trees[i]->id == id) {
			return w->trees[i];
		}
	}
	return NULL;
}

/* Forgets d (the caller removed the kernel's watch, or it is gone). */
static void wd_remove(struct watch *w, struct wdir *d)
{
	struct wdir **pp = wd_slot(w, d->wd);
	struct tree *t = tree_by_id(w, d->tree);

	while (*pp != d) {
		pp = &(*pp)->next;
	}
	*pp = d->next;
	if (t != NULL) {
		t->watches--;
	}
	w->nwatches--;
	w->room_freed = true;
	free(d->path);
	free(d);
}

/* Calls fn on every directory (fn may remove the one it is given). */
static void wd_each(struct watch *w,
		    void (*fn)(struct watch *, struct wdir *, void *),
		    void *arg)
{
	struct wdir *d, *next;
	size_t i;

	for (i = 0; i < w->nbuckets; i++) {
		for (d = w->buckets[i]; d != NULL; d = next) {
			next = d->next;
			fn(w, d, arg);
		}
	}
}

static void drop_one(struct watch *w, struct wdir *d)
{
	inotify_rm_watch(w->fd, d->wd);
	wd_remove(w, d);
}

static void drop_if_tree(struct watch *w, struct wdir *d, void *arg)
{
	if (d->tree == *(int *)arg) {
		drop_one(w, d);
	}
}

static void drop_if_under(struct watch *w, struct wdir *d, void *arg)
{
	if (path_under(d->path, arg)) {
		drop_one(w, d);
	}
}

static void drop_all(struct watch *w, struct wdir *d, void *arg)
{
	drop_one(w, d);
}

/* A rename of a directory we followed: from -> to, for the subtree. */
struct rename {
	const char *from;
	const char *to;
};

static char *renamed(const char *path, const struct rename *r)
{
	size_t n = strlen(r->from);

	return path_join(r->to, path[n] == '/' ? path + n + 1 : "");
}

static void rename_if_under(struct watch *w, struct wdir *d, void *arg)
{
	const struct rename *r = arg;
	char *p;

	if (!path_under(d->path, r->from)) {
		return;
	}
	p = d->path[strlen(r->from)] == '\0' ? strdup(r->to) :
	    renamed(d->path, r);
	if (p == NULL) {
		drop_one(w, d);
		return;
	}
	free(d->path);
	d->path = p;
}

/* ---- trees and scans -------------------------------------------------- */

/* A limit stops the scan of t: counted once, said in the status. */
static void tree_limited(struct watch *w, struct tree *t)
{
	if (!t->incomplete && !w->rescanning) {
		w->limit_hits++;
		info_f("watch limit: %s left partly unwatched (%d watches)",
		       t->root, w->nwatches);
	}
	t->incomplete = true;
}

enum dir_add_result {
	DIR_ADDED,
	DIR_SKIPPED,		/* not a directory, no access, known */
	DIR_LIMIT,		/* a limit: stop the scan */
};

static enum dir_add_result dir_add(struct watch *w, struct tree *t,
				   const char *path, int depth)
{
	struct wdir *d;
	int wd;

	if (t->watches >= w->lim.tree_max ||
	    w->nwatches >= w->lim.total_max) {
		goto limit;
	}
	wd = inotify_add_watch(w->fd, path, WATCH_MASK);
	if (wd < 0) {
		if (errno == ENOSPC) {
			goto limit;
		}
		return DIR_SKIPPED;
	}
	if (wd_find(w, wd) != NULL) {
		return DIR_SKIPPED;
	}
	d = calloc(1, sizeof(*d));
	if (d == NULL || (d->path = strdup(path)) == NULL) {
		free(d);
		inotify_rm_watch(w->fd, wd);
		return DIR_LIMIT;
	}
	d->wd = wd;
	d->depth = depth;
	d->tree = t->id;
	d->next = *wd_slot(w, wd);
	*wd_slot(w, wd) = d;
	t->watches++;
	w->nwatches++;
	wd_grow(w);
	return DIR_ADDED;
limit:
	tree_limited(w, t);
	return DIR_LIMIT;
}

struct scan_item {
	char *path;
	int depth;
};

struct scan_queue {
	struct scan_item *items;
	size_t head;
	size_t len;
	size_t cap;
};

static void queue_push(struct scan_queue *q, char *path, int depth)
{
	struct scan_item *items;

	if (q->len == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 64;
		items = realloc(q->items, q->cap * sizeof(*items));
		if (items == NULL) {
			free(path);
			q->cap /= 2;
			return;
		}
		q->items = items;
	}
	q->items[q->len].path = path;
	q->items[q->len].depth = depth;
	q->len++;
}

/* Queues the subdirectories of path worth watching. */
static void scan_children(struct watch *w, struct tree *t, const char *path,
			  int depth, struct scan_queue *q)
{
	struct dirent *de;
	struct stat st;
	DIR *dir;
	char *child;
	int fd;

	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC |
		  O_NONBLOCK);
	if (fd < 0) {
		return;
	}
	dir = fdopendir(fd);
	if (dir == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    watch_name_is_ignored(w, de->d_name)) {
			continue;
		}
		if (de->d_type != DT_DIR && (de->d_type != DT_UNKNOWN ||
		    fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISDIR(st.st_mode))) {
			continue;
		}
		if (q->len - q->head - 1 + (size_t)t->watches >=
		    (size_t)w->lim.tree_max) {
			tree_limited(w, t);	/* no room for more */
			break;
		}
		child = path_join(path, de->d_name);
		if (child != NULL && !is_excluded(w, child)) {
			queue_push(q, child, depth);
		} else {
			free(child);
		}
	}
	closedir(dir);
}

/* Watches start (depth levels below t's root) and what lies below it,
 * breadth first so that limits cut the deepest levels. */
static void tree_scan(struct watch *w, struct tree *t, const char *start,
		      int depth)
{
	struct scan_queue q = { NULL, 0, 0, 0 };
	enum dir_add_result r = DIR_ADDED;
	char *first = strdup(start);

	if (first == NULL) {
		return;
	}
	queue_push(&q, first, depth);
	for (; q.head < q.len; q.head++) {
		struct scan_item *it = &q.items[q.head];

		if (r != DIR_LIMIT) {
			r = dir_add(w, t, it->path, it->depth);
			if (r == DIR_ADDED && !t->shallow &&
			    it->depth < w->lim.depth_max) {
				scan_children(w, t, it->path, it->depth + 1,
					      &q);
				it = &q.items[q.head];
			}
		}
		free(it->path);
	}
	free(q.items);
}

static void tree_free(struct tree *t)
{
	if (t != NULL) {
		free(t->root);
		free(t);
	}
}

/* Removes tree i and its watches. */
static void tree_drop(struct watch *w, int i)
{
	struct tree *t = w->trees[i];
	int id = t->id;

	wd_each(w, drop_if_tree, &id);
	w->trees[i] = w->trees[--w->ntrees];
	tree_free(t);
}

static int tree_index(const struct watch *w, const struct tree *t)
{
	int i;

	for (i = 0; i < w->ntrees; i++) {
		if (w->trees[i] == t) {
			return i;
		}
	}
	return -1;
}

/*
 * Scans every tree again from its root (after an overflow dropped the
 * watches), or only the trees a limit left incomplete that now have room.
 */
static void trees_rescan(struct watch *w, bool only_incomplete)
{
	int i;

	w->rescanning = true;
	for (i = 0; i < w->ntrees; i++) {
		struct tree *t = w->trees[i];

		if (only_incomplete && (!t->incomplete ||
					t->watches >= w->lim.tree_max ||
					w->nwatches >= w->lim.total_max)) {
			continue;
		}
		t->incomplete = false;
		tree_scan(w, t, t->root, 0);
	}
	w->rescanning = false;
}

/* The tree covering dir, if any: dir is its root, or lies within its
 * depth and the tree is complete. */
static struct tree *tree_covering(const struct watch *w, const char *dir)
{
	int i, depth;
	const char *p;

	for (i = 0; i < w->ntrees; i++) {
		struct tree *t = w->trees[i];

		if (strcmp(t->root, dir) == 0) {
			return t;
		}
		if (t->shallow || t->incomplete || !path_under(dir, t->root)) {
			continue;
		}
		depth = 0;
		for (p = dir + strlen(t->root); *p != '\0'; p++) {
			depth += *p == '/';
		}
		if (depth <= w->lim.depth_max) {
			return t;
		}
	}
	return NULL;
}

/* The root of the project holding dir: the nearest directory at or
 * above it, below $HOME, that holds .git, .hg or .svn; else dir. */
static char *project_root(const struct watch *w, const char *dir)
{
	static const char *const marks[] = { ".git", ".hg", ".svn" };
	char *p = strdup(dir), *slash, *mark;
	struct stat st;
	size_t i;
	int up;

	if (p == NULL || w->home == NULL) {
		return p;
	}
	for (up = 0; up < PROJECT_UP_MAX; up++) {
		if (!path_under(p, w->home) || strcmp(p, w->home) == 0) {
			break;
		}
		for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
			mark = path_join(p, marks[i]);
			if (mark != NULL && lstat(mark, &st) == 0) {
				free(mark);
				return p;
			}
			free(mark);
		}
		slash = strrchr(p, '/');
		if (slash == NULL || slash == p) {
			break;
		}
		*slash = '\0';
	}
	free(p);
	return strdup(dir);
}

/* Adds a tree rooted at root (taken) and scans it.  NULL: no memory. */
static struct tree *tree_add(struct watch *w, char *root, bool configured,
			     const struct stat *st)
{
	struct tree **trees, *t;
	int i, oldest = -1, learned = 0;
	bool shallow = !configured && w->home != NULL &&
		       strcmp(root, w->home) == 0;

	/* trees inside the new one are merged into it */
	for (i = 0; i < w->ntrees && !shallow; i++) {
		if (path_under(w->trees[i]->root, root)) {
			configured |= w->trees[i]->configured;
			tree_drop(w, i--);
		}
	}
	for (i = 0; i < w->ntrees; i++) {
		if (w->trees[i]->configured) {
			continue;
		}
		learned++;
		if (oldest < 0 || w->trees[i]->used < w->trees[oldest]->used) {
			oldest = i;
		}
	}
	if (!configured && learned >= WATCH_TREES_MAX && oldest >= 0) {
		debug_f("dropping %s", w->trees[oldest]->root);
		tree_drop(w, oldest);
	}
	trees = realloc(w->trees, (size_t)(w->ntrees + 1) * sizeof(*trees));
	t = calloc(1, sizeof(*t));
	if (trees == NULL || t == NULL) {
		if (trees != NULL) {
			w->trees = trees;
		}
		free(t);
		free(root);
		return NULL;
	}
	w->trees = trees;
	t->id = ++w->next_tree_id;
	t->root = root;
	t->dev = st->st_dev;
	t->ino = st->st_ino;
	t->configured = configured;
	t->shallow = shallow;
	t->used = ++w->use_clock;
	w->trees[w->ntrees++] = t;
	tree_scan(w, t, root, 0);
	return t;
}

/* ---- folding ---------------------------------------------------------- */

static struct record *record_find(const struct watch *w, const char *path,
				  int *index)
{
	uint64_t h = path_hash(path);
	int i;

	for (i = 0; i < w->nrecords; i++) {
		if (w->records[i]->hash == h &&
		    strcmp(w->records[i]->path, path) == 0) {
			if (index != NULL) {
				*index = i;
			}
			return w->records[i];
		}
	}
	return NULL;
}

static void record_free(struct record *r)
{
	free(r->path);
	free(r->orig);
	free(r);
}

static void record_remove(struct watch *w, int i)
{
	record_free(w->records[i]);
	memmove(&w->records[i], &w->records[i + 1],
		(size_t)(w->nrecords - i - 1) * sizeof(w->records[0]));
	w->nrecords--;
}

static void record_touch(struct watch *w, struct record *r)
{
	r->last_ms = w->now_ms;
	r->time = w->now_time;
}

static void flush(struct watch *w, bool force);

/* The record for path, made with the given "existed before" when new. */
static struct record *record_get(struct watch *w, const char *path,
				 bool before)
{
	struct record *r = record_find(w, path, NULL), **recs;

	if (r != NULL) {
		return r;
	}
	if (w->nrecords >= RECORDS_MAX) {
		flush(w, true);
	}
	if (w->nrecords == w->caprecords) {
		int cap = w->caprecords ? w->caprecords * 2 : 32;

		recs = realloc(w->records, (size_t)cap * sizeof(*recs));
		if (recs == NULL) {
			return NULL;
		}
		w->records = recs;
		w->caprecords = cap;
	}
	r = calloc(1, sizeof(*r));
	if (r == NULL || (r->path = strdup(path)) == NULL) {
		free(r);
		return NULL;
	}
	r->hash = path_hash(path);
	r->before = before;
	r->exists = before;
	r->first_ms = w->now_ms;
	w->records[w->nrecords++] = r;
	record_touch(w, r);
	return r;
}

static void fold_create(struct watch *w, const char *path, bool is_dir)
{
	struct record *r;

	if (!is_dir && watch_name_is_noise(base_name(path))) {
		return;
	}
	r = record_get(w, path, false);
	if (r != NULL) {
		r->exists = true;
		r->changed = true;
		r->is_dir = is_dir;
		record_touch(w, r);
	}
}

static void fold_modify(struct watch *w, const char *path)
{
	struct record *r;

	if (watch_name_is_noise(base_name(path))) {
		return;
	}
	r = record_get(w, path, true);
	if (r != NULL) {
		r->exists = true;
		r->changed = true;
		record_touch(w, r);
	}
}

static void fold_delete(struct watch *w, const char *path, bool is_dir)
{
	struct record *r;

	if (!is_dir && watch_name_is_noise(base_name(path))) {
		return;
	}
	r = record_get(w, path, true);
	if (r != NULL) {
		r->exists = false;
		r->changed = false;
		r->is_dir = is_dir;
		record_touch(w, r);
	}
}

static void fold_move(struct watch *w, const char *from, const char *to,
		      bool is_dir)
{
	bool noise_from = !is_dir && watch_name_is_noise(base_name(from));
	bool noise_to = !is_dir && watch_name_is_noise(base_name(to));
	struct record *rf, *rt;
	char *orig = NULL;
	bool changed = false;
	int i;

	if (noise_from && noise_to) {
		return;
	}
	if (noise_to) {
		/* moved aside as a backup: gone, until written anew */
		fold_delete(w, from, is_dir);
		return;
	}
	rf = record_find(w, from, &i);
	if (noise_from || (rf != NULL && !rf->before)) {
		/* a temporary renamed over its target: the target is
		 * written (created, when nothing says it existed) */
		bool existed = noise_from ? !is_partial(base_name(from)) :
			       name_related(base_name(from), base_name(to));

		if (rf != NULL) {
			record_remove(w, i);
		}
		rt = record_get(w, to, existed);
		if (rt != NULL) {
			rt->exists = true;
			rt->changed = true;
			rt->is_dir = is_dir;
			record_touch(w, rt);
		}
		return;
	}
	/* a real rename; a record at the target is replaced */
	if (rf != NULL) {
		orig = rf->orig;
		rf->orig = NULL;
		if (orig == NULL) {
			orig = rf->path;
			rf->path = NULL;
		}
		changed = rf->changed;
		record_remove(w, i);
	}
	rt = record_find(w, to, &i);
	if (rt != NULL) {
		record_remove(w, i);
	}
	if (orig == NULL) {
		orig = strdup(from);
	}
	rt = record_get(w, to, true);
	if (rt == NULL) {
		free(orig);
		return;
	}
	if (orig != NULL && strcmp(orig, to) == 0) {
		free(orig);
		orig = NULL;
	}
	rt->orig = orig;
	rt->exists = true;
	rt->changed = changed;
	rt->is_dir = is_dir;
	record_touch(w, rt);
}

static void emit(struct watch *w, const struct record *r, enum watch_op op,
		 const char *path, const char *to)
{
	struct watch_event ev;

	ev.time = r->time;
	ev.op = op;
	ev.path = path;
	ev.to_path = to;
	ev.is_dir = r->is_dir;
	w->events++;
	if (w->sink.file_event != NULL) {
		w->sink.file_event(w->sink.ctx, &ev);
	}
}

static const struct recent *recent_find(const struct watch *w, uint64_t h)
{
	int i;

	for (i = 0; i < RECENT_MAX; i++) {
		if (w->recent[i].hash == h && w->recent[i].ms != 0) {
			return &w->recent[i];
		}
	}
	return NULL;
}

/* Reports what r amounts to. */
static void record_report(struct watch *w, const struct record *r)
{
	if (!r->before && r->exists) {
		emit(w, r, WATCH_CREATE, r->path, NULL);
	} else if (r->before && !r->exists) {
		emit(w, r, WATCH_DELETE, r->orig ? r->orig : r->path, NULL);
	} else if (r->before && r->exists) {
		if (r->orig != NULL) {
			emit(w, r, WATCH_MOVE, r->orig, r->path);
		}
		if (r->changed && !r->is_dir) {
			emit(w, r, WATCH_MODIFY, r->path, NULL);
			w->recent[w->recent_next].hash = r->hash;
			w->recent[w->recent_next].ms = w->now_ms ? w->now_ms :
						       1;
			w->recent_next = (w->recent_next + 1) % RECENT_MAX;
		}
	}
}

/* True when r may be reported now. */
static bool record_due(const struct watch *w, const struct record *r)
{
	const struct recent *rc;
	int64_t now = w->now_ms;

	if (now - r->last_ms < w->lim.quiet_ms &&
	    !(r->exists && now - r->first_ms >= w->lim.window_ms)) {
		return false;
	}
	if (r->before && r->exists && r->changed && r->orig == NULL) {
		rc = recent_find(w, r->hash);
		if (rc != NULL && now - rc->ms < w->lim.window_ms) {
			return false;	/* one modify per window */
		}
	}
	return true;
}

static void subtree_drop(struct watch *w, const char *path)
{
	wd_each(w, drop_if_under, (void *)path);
}

/* An IN_MOVED_FROM that found no IN_MOVED_TO: the path left. */
static void move_resolve(struct watch *w, int i)
{
	struct move_from *m = &w->moves[i];
	int64_t ms = w->now_ms, time = w->now_time;

	w->now_ms = m->ms;
	w->now_time = m->time;
	fold_delete(w, m->path, m->is_dir);
	w->now_ms = ms;
	w->now_time = time;
	if (m->is_dir) {
		subtree_drop(w, m->path);
	}
	free(m->path);
	w->moves[i] = w->moves[--w->nmoves];
}

/*
 * Reports the records that are due (all with force), after resolving
 * moves that waited long enough for their other half.
 */
static void flush(struct watch *w, bool force)
{
	bool batch = false;
	int i;

	for (i = 0; i < w->nmoves; i++) {
		if (force || w->now_ms - w->moves[i].ms >= w->lim.quiet_ms) {
			move_resolve(w, i--);
		}
	}
	for (i = 0; i < w->nrecords; i++) {
		if (force || record_due(w, w->records[i])) {
			if (!batch && w->sink.batch != NULL) {
				w->sink.batch(w->sink.ctx, true);
				batch = true;
			}
			record_report(w, w->records[i]);
			record_remove(w, i--);
		}
	}
	if (batch) {
		w->sink.batch(w->sink.ctx, false);
	}
	if (w->room_freed) {
		w->room_freed = false;
		trees_rescan(w, true);
	}
}

static void on_timer(struct loop *l, void *data);

static void arm_timer(struct watch *w)
{
	if (w->loop == NULL || w->timer != NULL ||
	    (w->nrecords == 0 && w->nmoves == 0)) {
		return;
	}
	w->timer = loop_add_timer(w->loop, w->lim.quiet_ms, on_timer, w);
}

static void on_timer(struct loop *l, void *data)
{
	struct watch *w = data;

	w->timer = NULL;
	w->now_ms = mono_ms();
	w->now_time = clock_now();
	flush(w, false);
	arm_timer(w);
}

/* ---- raw events ------------------------------------------------------- */

static void take_move_from(struct watch *w, uint32_t cookie, char *path,
			   bool is_dir)
{
	if (w->nmoves == MOVES_MAX) {
		move_resolve(w, 0);
	}
	w->moves[w->nmoves].cookie = cookie;
	w->moves[w->nmoves].path = path;
	w->moves[w->nmoves].is_dir = is_dir;
	w->moves[w->nmoves].ms = w->now_ms;
	w->moves[w->nmoves].time = w->now_time;
	w->nmoves++;
}

/* A directory appeared below parent (created or moved in). */
static void new_subdir(struct watch *w, const struct wdir *parent,
		       const char *path)
{
	struct tree *t = tree_by_id(w, parent->tree);

	if (t != NULL && !t->shallow && parent->depth < w->lim.depth_max) {
		tree_scan(w, t, path, parent->depth + 1);
	}
}

static void on_moved_to(struct watch *w, const struct wdir *d,
			uint32_t cookie, char *path, bool is_dir)
{
	struct move_from m;
	struct rename rn;
	int i;

	for (i = 0; i < w->nmoves; i++) {
		if (w->moves[i].cookie == cookie && cookie != 0) {
			break;
		}
	}
	if (i == w->nmoves) {
		fold_create(w, path, is_dir);
		if (is_dir && !watch_name_is_ignored(w, base_name(path))) {
			new_subdir(w, d, path);
		}
		return;
	}
	m = w->moves[i];
	w->moves[i] = w->moves[--w->nmoves];
	fold_move(w, m.path, path, is_dir);
	if (is_dir) {
		rn.from = m.path;
		rn.to = path;
		wd_each(w, rename_if_under, &rn);
		for (i = 0; i < w->ntrees; i++) {
			char *root;

			if (!path_under(w->trees[i]->root, rn.from)) {
				continue;
			}
			root = strcmp(w->trees[i]->root, rn.from) == 0 ?
			       strdup(rn.to) : renamed(w->trees[i]->root, &rn);
			if (root != NULL) {
				free(w->trees[i]->root);
				w->trees[i]->root = root;
			}
		}
		if (watch_name_is_ignored(w, base_name(path))) {
			subtree_drop(w, path);
		} else {
			new_subdir(w, d, path);
		}
	}
	free(m.path);
}

/* The watch d went away (IN_IGNORED), or its root moved (IN_MOVE_SELF). */
static void on_dir_gone(struct watch *w, struct wdir *d, bool moved)
{
	struct tree *t = tree_by_id(w, d->tree);
	struct stat st;
	int i;

	if (d->depth != 0 || t == NULL || strcmp(t->root, d->path) != 0) {
		if (!moved) {
			wd_remove(w, d);
		}
		return;
	}
	if (moved && lstat(t->root, &st) == 0 && st.st_dev == t->dev &&
	    st.st_ino == t->ino) {
		return;		/* a rename we followed */
	}
	if (!moved) {
		wd_remove(w, d);
	}
	i = tree_index(w, t);
	if (i >= 0) {
		debug_f("tree %s is gone", t->root);
		tree_drop(w, i);
	}
}

static void handle_one(struct watch *w, const struct inotify_event *ev)
{
	struct wdir *d;
	bool is_dir = (ev->mask & IN_ISDIR) != 0;
	char *path;
	size_t nlen;

	if (ev->mask & IN_Q_OVERFLOW) {
		watch_overflow(w);
		return;
	}
	d = wd_find(w, ev->wd);
	if (d == NULL) {
		return;		/* a watch we dropped */
	}
	if (ev->mask & IN_IGNORED) {
		on_dir_gone(w, d, false);
		return;
	}
	if (ev->mask & IN_MOVE_SELF) {
		on_dir_gone(w, d, true);
		return;
	}
	nlen = ev->len ? strnlen(ev->name, ev->len) : 0;
	if (nlen == 0 || memchr(ev->name, '/', nlen) != NULL ||
	    strcmp(ev->name, ".") == 0 || strcmp(ev->name, "..") == 0) {
		return;		/* no name, or not one the kernel makes */
	}
	path = path_join(d->path, ev->name);
	if (path == NULL || is_excluded(w, path) ||
	    (is_dir && !(ev->mask & (IN_MOVED_FROM | IN_MOVED_TO)) &&
	     watch_name_is_ignored(w, ev->name))) {
		free(path);
		return;
	}
	if (ev->mask & IN_CREATE) {
		fold_create(w, path, is_dir);
		if (is_dir) {
			new_subdir(w, d, path);
		}
	} else if (ev->mask & IN_MODIFY) {
		if (!is_dir) {
			fold_modify(w, path);
		}
	} else if (ev->mask & IN_DELETE) {
		fold_delete(w, path, is_dir);
	} else if (ev->mask & IN_MOVED_FROM) {
		take_move_from(w, ev->cookie, path, is_dir);
		return;		/* path taken */
	} else if (ev->mask & IN_MOVED_TO) {
		on_moved_to(w, d, ev->cookie, path, is_dir);
	}
	free(path);
}

int watch_feed(struct watch *w, const void *buf, size_t n)
{
	/* each event is copied out, its name bounded and terminated */
	union {
		struct inotify_event e;
		char bytes[sizeof(struct inotify_event) + NAME_MAX + 2];
	} u;
	const char *p = buf;
	size_t off = 0, len, hdr = sizeof(struct inotify_event);
	uint32_t raw_len;
	int count = 0;

	w->now_ms = mono_ms();
	w->now_time = clock_now();
	while (n - off >= hdr) {
		memcpy(&u.e, p + off, hdr);
		off += hdr;
		raw_len = u.e.len;
		if (raw_len > n - off) {
			break;		/* truncated */
		}
		len = raw_len < NAME_MAX + 1 ? raw_len : NAME_MAX + 1;
		memcpy(u.bytes + hdr, p + off, len);
		u.bytes[hdr + len] = '\0';
		u.e.len = raw_len ? (uint32_t)len + 1 : 0;
		off += raw_len;
		handle_one(w, &u.e);
		count++;
	}
	w->raw += (unsigned long)count;
	arm_timer(w);
	return count;
}

/* ---- API -------------------------------------------------------------- */

const char *watch_op_name(enum watch_op op)
{
	switch (op) {
	case WATCH_CREATE:
		return "create";
	case WATCH_MODIFY:
		return "modify";
	case WATCH_DELETE:
		return "delete";
	case WATCH_MOVE:
		return "move";
	}
	return "modify";
}

static void on_readable(struct loop *l, int fd, unsigned events, void *data)
{
	watch_handle_events(data);
}

/* The global cap: 8192, at most half of what the kernel allows a user. */
static int default_total_max(void)
{
	char text[32];
	long v = 0;
	ssize_t n;
	int fd;

	fd = open("/proc/sys/fs/inotify/max_user_watches",
		  O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, text, sizeof(text) - 1);
		if (n > 0) {
			text[n] = '\0';
			v = strtol(text, NULL, 10);
		}
		close(fd);
	}
	if (v <= 0 || v / 2 >= 8192) {
		return 8192;
	}
	return v / 2 > 16 ? (int)(v / 2) : 16;
}

struct watch *watch_new(struct loop *loop, const struct watch_sink *sink)
{
	struct watch *w = calloc(1, sizeof(*w));
	int err;

	if (w == NULL) {
		return NULL;
	}
	w->loop = loop;
	if (sink != NULL) {
		w->sink = *sink;
	}
	w->lim.depth_max = 8;
	w->lim.tree_max = 2000;
	w->lim.total_max = default_total_max();
	w->lim.quiet_ms = 300;
	w->lim.window_ms = 2000;
	w->nbuckets = 256;
	w->buckets = calloc(w->nbuckets, sizeof(*w->buckets));
	w->fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	if (w->buckets == NULL || w->fd < 0 ||
	    (getenv("HOME") && watch_set_home(w, getenv("HOME")) < 0)) {
		goto fail;
	}
	if (loop != NULL &&
	    loop_add_fd(loop, w->fd, LOOP_READ, on_readable, w) < 0) {
		goto fail;
	}
	return w;
fail:
	err = errno;
	if (w->fd >= 0) {
		close(w->fd);
	}
	w->fd = -1;
	w->loop = NULL;
	watch_free(w);
	errno = err;
	return NULL;
}

void watch_free(struct watch *w)
{
	int i;

	if (w == NULL) {
		return;
	}
	if (w->loop != NULL) {
		if (w->timer != NULL) {
			loop_del_timer(w->loop, w->timer);
		}
		loop_del_fd(w->loop, w->fd);
	}
	if (w->buckets != NULL) {
		wd_each(w, drop_all, NULL);
	}
	free(w->buckets);
	for (i = 0; i < w->ntrees; i++) {
		tree_free(w->trees[i]);
	}
	free(w->trees);
	for (i = 0; i < w->nrecords; i++) {
		record_free(w->records[i]);
	}
	free(w->records);
	for (i = 0; i < w->nmoves; i++) {
		free(w->moves[i].path);
	}
	for (i = 0; i < w->nexcludes; i++) {
		free(w->excludes[i]);
	}
	for (i = 0; i < w->nignores; i++) {
		free(w->ignores[i]);
	}
	free(w->home);
	if (w->fd >= 0) {
		close(w->fd);
	}
	free(w);
}

void watch_set_limits(struct watch *w, const struct watch_limits *lim)
{
	if (lim->depth_max > 0) {
		w->lim.depth_max = lim->depth_max;
	}
	if (lim->tree_max > 0) {
		w->lim.tree_max = lim->tree_max;
	}
	if (lim->total_max > 0) {
		w->lim.total_max = lim->total_max;
	}
	if (lim->quiet_ms > 0) {
		w->lim.quiet_ms = lim->quiet_ms;
	}
	if (lim->window_ms > 0) {
		w->lim.window_ms = lim->window_ms;
	}
}

int watch_set_home(struct watch *w, const char *home)
{
	char *h = NULL;

	if (home != NULL && (h = path_normalize(home)) == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (h != NULL && strcmp(h, "/") == 0) {
		free(h);
		h = NULL;	/* a home of / would make / shallow */
	}
	free(w->home);
	w->home = h;
	return 0;
}

int watch_exclude(struct watch *w, const char *path)
{
	char *p = path_normalize(path);

	if (p == NULL || w->nexcludes == EXCLUDES_MAX) {
		free(p);
		errno = p ? ENOSPC : EINVAL;
		return -1;
	}
	w->excludes[w->nexcludes++] = p;
	subtree_drop(w, p);
	return 0;
}

int watch_ignore_name(struct watch *w, const char *name)
{
	char *p;

	if (name == NULL || name[0] == '\0' || strchr(name, '/') ||
	    w->nignores == IGNORES_MAX) {
		errno = EINVAL;
		return -1;
	}
	p = strdup(name);
	if (p == NULL) {
		return -1;
	}
	w->ignores[w->nignores++] = p;
	return 0;
}

/* Watches dir as a tree root (learned or configured). */
static int watch_dir(struct watch *w, const char *dir, bool configured)
{
	struct tree *t;
	struct stat st;
	char *norm, *root;

	norm = path_normalize(dir);
	if (norm == NULL) {
		errno = EINVAL;
		return configured ? -1 : 0;
	}
	if (is_excluded(w, norm) || strcmp(norm, "/") == 0) {
		free(norm);
		return 0;
	}
	t = tree_covering(w, norm);
	if (t != NULL) {
		t->used = ++w->use_clock;
		t->configured |= configured;
		free(norm);
		return 0;
	}
	if (lstat(norm, &st) < 0) {
		int err = errno;

		free(norm);
		errno = err;
		return configured ? -1 : 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		free(norm);
		errno = ENOTDIR;
		return configured ? -1 : 0;
	}
	if (!configured && st.st_uid != geteuid()) {
		free(norm);
		return 0;	/* not the user's: not their work */
	}
	root = configured ? norm : project_root(w, norm);
	if (root != norm) {
		free(norm);
		if (root == NULL || (t = tree_covering(w, root)) != NULL ||
		    lstat(root, &st) < 0) {
			if (t != NULL) {
				t->used = ++w->use_clock;
			}
			free(root);
			return 0;
		}
	}
	if (tree_add(w, root, configured, &st) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

int watch_learn_dir(struct watch *w, const char *dir)
{
	return watch_dir(w, dir, false);
}

int watch_add_dir(struct watch *w, const char *dir)
{
	return watch_dir(w, dir, true);
}

int watch_fd(const struct watch *w)
{
	return w->fd;
}

int watch_handle_events(struct watch *w)
{
	/* aligned for struct inotify_event, as inotify(7) shows */
	static char buf[READ_SIZE]
		__attribute__((aligned(__alignof__(struct inotify_event))));
	ssize_t n;
	int reads, count = 0;

	for (reads = 0; reads < READS_PER_CALL; reads++) {
		n = read(w->fd, buf, sizeof(buf));
		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			if (errno == EAGAIN) {
				break;
			}
			error_f("inotify read: %s", strerror(errno));
			return -1;
		}
		if (n == 0) {
			break;
		}
		count += watch_feed(w, buf, (size_t)n);
	}
	return count;
}

void watch_flush(struct watch *w)
{
	w->now_ms = mono_ms();
	w->now_time = clock_now();
	flush(w, true);
}

void watch_overflow(struct watch *w)
{
	w->overflows++;
	w->rescans++;
	info_f("inotify queue overflow: events lost, rescanning %d trees",
	       w->ntrees);
	watch_flush(w);
	wd_each(w, drop_all, NULL);
	w->room_freed = false;
	trees_rescan(w, false);
}

void watch_get_stats(const struct watch *w, struct watch_stats *out)
{
	int i;

	memset(out, 0, sizeof(*out));
	out->watches = w->nwatches;
	out->trees = w->ntrees;
	out->pending = w->nrecords + w->nmoves;
	out->events = w->events;
	out->raw = w->raw;
	out->overflows = w->overflows;
	out->rescans = w->rescans;
	out->limit_hits = w->limit_hits;
	for (i = 0; i < w->ntrees; i++) {
		out->limit_reached |= w->trees[i]->incomplete;
	}
}

void watch_status(const struct watch *w, struct buf *out)
{
	struct watch_stats s;

	watch_get_stats(w, &s);
	buf_printf(out, "files: %d director%s watched in %d tree%s",
		   s.watches, s.watches == 1 ? "y" : "ies", s.trees,
		   s.trees == 1 ? "" : "s");
	if (s.overflows > 0) {
		buf_printf(out, ", %lu overflow%s (rescanned)", s.overflows,
			   s.overflows == 1 ? "" : "s");
	}
	if (s.limit_reached) {
		buf_printf(out, ", watch limit reached (%d of %d)", s.watches,
			   w->lim.total_max);
	} else if (s.limit_hits > 0) {
		buf_printf(out, ", watch limit hit %lu time%s", s.limit_hits,
			   s.limit_hits == 1 ? "" : "s");
	}
}

bool watch_is_watched(const struct watch *w, const char *path)
{
	struct wdir *d;
	size_t i;

	for (i = 0; i < w->nbuckets; i++) {
		for (d = w->buckets[i]; d != NULL; d = d->next) {
			if (strcmp(d->path, path) == 0) {
				return true;
			}
		}
	}
	return false;
}
