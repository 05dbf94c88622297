/*
 * watch.h - file activity in the directories the user works in, from
 * inotify, folded into create / modify / delete / move events.
 *
 * What is watched.  Trees of directories, each watched recursively from
 * its root with limits (depth, watches per tree, a global cap kept well
 * below /proc/sys/fs/inotify/max_user_watches):
 *   - learned trees: watch_learn_dir() is called with each command's
 *     working directory; a directory the user owns becomes (the root of
 *     its project, found by walking up to a .git/.hg/.svn below $HOME, or
 *     else itself) a tree.  $HOME itself is watched without its
 *     subdirectories.  The least recently used learned tree is dropped
 *     when there are WATCH_TREES_MAX of them;
 *   - configured trees: watch_add_dir(), for directories the user names
 *     in the config; never dropped.
 * Never watched: directories named like .git, node_modules and build
 * output (watch_ignore_name() adds names), and paths under /proc, /sys,
 * /dev, /run and watch_exclude()d prefixes (the daemon's own files: a
 * watcher that records its own writes would never stop).
 *
 * Folding.  Raw events are held for a moment and folded per path before
 * they reach the sink: editor noise (swap, backup, lock and temp files,
 * vim's 4913 probe) is never reported; a file created and deleted within
 * the moment is not reported; "rename the file to a backup, write it
 * anew" and "write a temp file, rename it over the file" become one
 * modify; IN_MOVED_FROM/IN_MOVED_TO pairs (by cookie) become one move,
 * unpaired halves a delete or a create.  A path is reported once it has
 * been quiet for quiet_ms, at the latest window_ms after its first event,
 * and a path is reported modified at most once per window_ms.
 *
 * Overflow.  On IN_Q_OVERFLOW events were lost: the watcher counts it,
 * drops every watch and rescans every tree.  A scan stopped by a limit
 * (ours or the kernel's ENOSPC) is counted and said in watch_status();
 * the tree is scanned again once watches have been freed.
 *
 * Errors: functions returning int give 0 or -1 with errno set.
 */
#ifndef HERSH_WATCH_H
#define HERSH_WATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hersh/buf.h>

struct loop;
struct watch;

/* Learned trees kept at most (least recently used dropped first). */
#define WATCH_TREES_MAX 32

enum watch_op {
	WATCH_CREATE,
	WATCH_MODIFY,
	WATCH_DELETE,
	WATCH_MOVE,
};

/* "create" "modify" "delete" "move": the store's names. */
const char *watch_op_name(enum watch_op op);

/* One folded event; strings are valid during the callback only. */
struct watch_event {
	int64_t time;		/* local seconds (clock.h) of the last raw
				 * event folded into this one */
	enum watch_op op;
	const char *path;	/* absolute; for a move the old path */
	const char *to_path;	/* WATCH_MOVE: the new path, else NULL */
	bool is_dir;
};

/* Where folded events go (the daemon wires it to the store). */
struct watch_sink {
	void (*file_event)(void *ctx, const struct watch_event *ev);
	/* optional: called with true before a group of events reported
	 * together and with false after it (for one store transaction) */
	void (*batch)(void *ctx, bool begin);
	void *ctx;
};

struct watch_limits {
	int depth_max;		/* levels below a tree's root (default 8) */
	int tree_max;		/* watches per tree (default 2000) */
	int total_max;		/* watches in all (default: 8192, at most
				 * half of max_user_watches) */
	int quiet_ms;		/* a path is settled after this (300) */
	int window_ms;		/* longest hold; one modify per path per
				 * window (2000) */
};

/*
 * Creates the watcher: an inotify fd (IN_CLOEXEC | IN_NONBLOCK) that is
 * registered on loop, with timers on loop for folding.  loop may be NULL
 * (tests): then the caller calls watch_handle_events() and watch_flush().
 * The sink is copied.  Returns NULL with errno set.
 */
struct watch *watch_new(struct loop *loop, const struct watch_sink *sink);
/* Removes the watches, closes the fd, frees.  Pending events are
 * dropped.  NULL does nothing. */
void watch_free(struct watch *w);

/* Changes the limits (0 members keep their value).  Applies to scans
 * from now on. */
void watch_set_limits(struct watch *w, const struct watch_limits *lim);
/* Sets the home directory (default $HOME; NULL: none). */
int watch_set_home(struct watch *w, const char *home);
/* Never watches path or anything below it. */
int watch_exclude(struct watch *w, const char *path);
/* Never watches directories with this name (like node_modules). */
int watch_ignore_name(struct watch *w, const char *name);

/*
 * Learns that the user works in dir (a command's working directory).
 * Returns 0 when dir is watched, was already, or is not to be watched
 * (not an absolute path, not the user's, excluded); -1 on an error.
 */
int watch_learn_dir(struct watch *w, const char *dir);
/* Watches dir, a directory named in the config: recursive, never
 * dropped.  -1 (errno) when it is no directory or cannot be watched. */
int watch_add_dir(struct watch *w, const char *dir);

/* The inotify fd (for tests that poll it themselves). */
int watch_fd(const struct watch *w);
/*
 * Reads the inotify fd until it is empty (or a bounded amount was read:
 * the loop calls again) and folds the events.  Returns the number of
 * raw events handled, or -1 on a read error.
 */
int watch_handle_events(struct watch *w);
/*
 * Folds the raw inotify events in buf[0..n) (what read(2) on the inotify
 * fd returns; a truncated or malformed buffer is handled safely).  For
 * watch_handle_events() and the fuzz target.
 */
int watch_feed(struct watch *w, const void *buf, size_t n);
/* Reports everything pending now, settled or not (tests, shutdown). */
void watch_flush(struct watch *w);
/* What IN_Q_OVERFLOW does: counts, drops every watch, rescans. */
void watch_overflow(struct watch *w);

struct watch_stats {
	int watches;		/* inotify watches held */
	int trees;
	int pending;		/* paths waiting to be reported */
	unsigned long events;	/* folded events reported */
	unsigned long raw;	/* raw inotify events read */
	unsigned long overflows;	/* IN_Q_OVERFLOW seen */
	unsigned long rescans;	/* full rescans done */
	unsigned long limit_hits;	/* scans stopped by a limit */
	bool limit_reached;	/* a limit stops a scan right now */
};
void watch_get_stats(const struct watch *w, struct watch_stats *out);
/* Appends one line for `companion status`, e.g. "files: 312 directories
 * watched in 3 trees, 1 overflow (rescanned), watch limit reached". */
void watch_status(const struct watch *w, struct buf *out);
/* True when path is a directory the watcher holds a watch on. */
bool watch_is_watched(const struct watch *w, const char *path);

/* Editor and tool noise (swap, backup, lock, temp files): never
 * reported.  name is a base name. */
bool watch_name_is_noise(const char *name);
/* True for directory names never descended into (.git, node_modules,
 * build, ...), with the watcher's extra names when w is not NULL. */
bool watch_name_is_ignored(const struct watch *w, const char *name);

#endif
