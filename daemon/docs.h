/*
 * docs.h - the index of this machine's man pages, for how-to questions.
 *
 * The sections 1 and 8 of /usr/share/man, /usr/local/share/man and the
 * directories of $MANPATH are read in the background, a slice of a few
 * milliseconds at a time on loop timers, so the daemon keeps answering
 * while it works.  For each page the NAME line (names and summary), the
 * SYNOPSIS and the option entries (.TP/.IP/.It tags that start with '-'
 * or '+', with their descriptions) go into the store's doc_* tables and
 * their FTS5 indexes (store.h).  Pages of the base system (Debian
 * priority required, important or standard) are read first.  The work is
 * resumable: a page whose path and mtime are already stored is skipped,
 * so a restarted daemon continues where it stopped; when a man directory's
 * mtime changes the directories are scanned again.
 *
 * Files are opened read-only and decompressed in-process with zlib: the
 * daemon may not exec (it cannot run man).
 */
#ifndef HERSH_DOCS_H
#define HERSH_DOCS_H

#include <stdbool.h>
#include <stddef.h>

#include <hersh/buf.h>

struct loop;
struct store;

/* Milliseconds of work per slice, and the pause between slices. */
#define DOCS_SLICE_MS 8
#define DOCS_PAUSE_MS 2
/* How often the man directories are checked for changes (ms). */
#define DOCS_RECHECK_MS (10 * 60 * 1000)
/* Largest page read, after decompression. */
#define DOCS_MAX_PAGE (4 * 1024 * 1024)

/* The directories the indexer reads (for the sandbox's read rules):
 * the man roots of $MANPATH and the system, and /var/lib/dpkg.  A static
 * NULL-terminated list. */
const char *const *docs_read_paths(void);
/* Starts background indexing on l (the first slice soon).  0 or -1. */
int docs_start(struct loop *l, struct store *st);
/* Cancels the background work (before the loop is freed). */
void docs_stop(void);

/*
 * Does up to budget_ms of indexing work for st.  Returns 1 when the index
 * is complete and current, 0 when work remains, or a negative error.
 * Works only outside a transaction of someone else (returns 0 then).
 */
int docs_step(struct store *st, int budget_ms);
/* Whether the last docs_step() found the index complete. */
bool docs_complete(void);
/* Indexes the page for command name now if it is known but not yet
 * indexed (a how-to question named it).  Returns 1 if it indexed one. */
int docs_index_name(struct store *st, const char *name);
/* Forgets the indexer's state (tests; the store keeps the index). */
void docs_reset(void);
/* Overrides the man directories (tests): a NULL-terminated list of
 * directories that hold pages directly ("/tmp/x/man1"), or NULL for the
 * defaults. */
void docs_set_dirs(const char *const *dirs);

/* What docs_parse() finds in one page. */
struct docs_page {
	char names[256];	/* "gzip gunzip zcat" */
	char summary[256];	/* "compress or expand files" */
	char synopsis[512];
	char description[400];	/* the first lines of DESCRIPTION */
};
typedef int docs_opt_fn(const char *opt, const char *text, void *arg);
/*
 * Parses the roff (man(7) or mdoc(7)) text of a page: fills p and calls
 * fn for each option entry (stops when fn returns nonzero).  Returns the
 * number of entries, or -1 when the text is only a ".so" link.
 */
int docs_parse(const char *text, size_t len, struct docs_page *p,
	       docs_opt_fn *fn, void *arg);
/* Reads a page, gunzipping .gz files, up to max bytes.  0 or -1. */
int docs_read(const char *path, struct buf *out, size_t max);

#endif
