/*
 * paths.h - where hersh and hershd keep their files (DESIGN.md, "Where
 * things live"), and the checks that make those places private.
 *
 *	runtime	$XDG_RUNTIME_DIR/hersh, else /tmp/hersh-$UID	socket, lock
 *	data	$XDG_DATA_HOME/hersh, else ~/.local/share/hersh	memory.db
 *	state	$XDG_STATE_HOME/hersh, else ~/.local/state/hersh	log, spool
 *	config	$XDG_CONFIG_HOME/hersh, else ~/.config/hersh	hershrc
 *
 * An XDG variable counts only when it holds an absolute path (XDG Base
 * Directory spec).  HOME comes from the environment, else the password
 * database.
 *
 * paths_ensure_dir() makes the final "hersh" directory with mode 0700
 * (and missing parents, 0700 as well) and then insists that it is a real
 * directory (not a symlink), owned by the user, with no group or other
 * permission bits.  It never chmods or chowns what it finds: a directory
 * that fails a check is refused with a message saying which check and how
 * to fix it.  Depends on libc and <hersh/buf.h> only.
 */
#ifndef HERSH_PATHS_H
#define HERSH_PATHS_H

#include <hersh/buf.h>

enum paths_dir {
	PATHS_RUNTIME,
	PATHS_DATA,
	PATHS_STATE,
	PATHS_CONFIG,
};

/* File names inside the directories. */
#define PATHS_SOCKET "socket"	/* runtime */
#define PATHS_LOCK "hershd.lock"	/* runtime */
#define PATHS_MEMORY "memory.db"	/* data */
#define PATHS_LOG "hershd.log"	/* state */
#define PATHS_SPOOL "spool"	/* state */

/*
 * The directory for kind, as a newly malloc'd absolute path (the caller
 * frees it).  Makes nothing and checks nothing.  NULL when no HOME can be
 * found (or out of memory).
 */
char *paths_dir(enum paths_dir kind);

/*
 * The file name inside the directory for kind (e.g. PATHS_RUNTIME,
 * PATHS_SOCKET), malloc'd; NULL as paths_dir().
 */
char *paths_file(enum paths_dir kind, const char *name);

/*
 * Makes dir and its missing parents (mode 0700) and checks dir itself as
 * described above.  Returns 0, or -1 with a one-line reason appended to
 * err (e.g. "/tmp/hersh-1000: owned by uid 0, not 1000").
 */
int paths_ensure_dir(const char *dir, struct buf *err);

/* paths_dir(kind) followed by paths_ensure_dir(); the malloc'd path or
 * NULL with the reason in err. */
char *paths_ensure(enum paths_dir kind, struct buf *err);

#endif
