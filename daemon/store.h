/*
 * store.h - the companion's memory: one SQLite file, all of its SQL.
 *
 * store.c is the only file that includes sqlite3.h and the only file that
 * holds SQL.  Every statement is prepared once (at open, or the first time
 * a query shape is used) and reused; no SQL text is ever built from data.
 * The schema, its migrations and the reasons behind them are described in
 * docs/store.md.  New queries (the ask engine's, the suggestion engine's)
 * belong here too: add a function with a documented contract rather than
 * exposing statements.
 *
 * Time.  Every time in the store, and every time this API takes or gives,
 * is *local wall-clock seconds*: the local date and time read as if it
 * were UTC, i.e. timegm() of the broken-down local time.
 * "2026-11-20T15:30:00" is the same number whatever the time zone, sorts
 * like the ISO text, round-trips exactly and needs no DST rules; break it
 * down with gmtime_r(), never localtime_r().  clock.h converts to and
 * from it.
 *
 * Errors.  Functions returning int give 0 (or a count, where said) on
 * success and a negative enum store_err on failure; store_errmsg() then
 * says what SQLite reported.  Strings handed to callbacks are valid only
 * during the callback.
 *
 * Transactions.  Each add/forget function works inside the caller's
 * transaction when one is open (store_begin()), else in its own.  Batches
 * (an import, the events of one read from a client) should be wrapped in
 * store_begin()/store_commit() for speed.
 */
#ifndef HERSH_STORE_H
#define HERSH_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include <hersh/buf.h>

struct store;

enum store_err {
	STORE_OK = 0,
	STORE_EDB = -1,		/* SQLite error: see store_errmsg() */
	STORE_EFILE = -2,	/* the memory file is unsafe (symlink, not a
				 * regular file, another owner) */
	STORE_ESCHEMA = -3,	/* the file's schema is newer than this hershd */
	STORE_EINVAL = -4,	/* bad argument (e.g. an unknown op) */
	STORE_ENOMEM = -5,
};

/* Current schema version (PRAGMA user_version after migration). */
#define STORE_SCHEMA_VERSION 3

/*
 * Opens (creating if needed, mode 0600) the memory file at path and
 * migrates it to STORE_SCHEMA_VERSION.  The directory must already be
 * private (paths_ensure_dir()).  Returns the handle or NULL with a reason
 * in err.  Sets WAL, synchronous=NORMAL, busy_timeout, temp_store=MEMORY
 * and secure_delete=ON, and touches the file once so that no file needs
 * opening later (the sandbox forbids it).
 */
struct store *store_open(const char *path, struct buf *err);
/* Finalizes every statement and closes the file.  NULL does nothing. */
void store_close(struct store *st);

/* The last SQLite error message for st. */
const char *store_errmsg(struct store *st);
/* The path the store was opened with. */
const char *store_path(struct store *st);
/* A counter that changes whenever records are forgotten, so caches of
 * the memory (the ask engine's vocabulary) know to start again. */
uint64_t store_generation(struct store *st);
/*
 * Counters that change whenever a table changes, so a cache of it knows
 * when to read it again.  STORE_V_COMMANDS goes up by exactly one with
 * each command recorded or ended (store_last_command() says which), so
 * a cache kept up to date from those can tell any other change (an
 * import, a forget, a rollback) from its own.
 */
enum store_table {
	STORE_V_COMMANDS,
	STORE_V_MAIL,
	STORE_V_PERSONA,
	STORE_V_COUNT
};
uint64_t store_version(struct store *st, enum store_table t);
/* The row the last store_add_command or store_end_command that changed
 * something changed, and whether it added it (else it recorded its end). */
int64_t store_last_command(struct store *st, bool *added);

int store_begin(struct store *st);
int store_commit(struct store *st);
/* Transactions rolled back so far: whatever was written since the last
 * commit is gone when this has changed. */
uint64_t store_rollbacks(struct store *st);
/* Rolls back the open transaction (no-op without one). */
void store_rollback(struct store *st);
/* True inside store_begin() .. store_commit()/store_rollback(). */
bool store_in_transaction(struct store *st);

/* ---- recording ------------------------------------------------------- */

/* A command line as typed.  Strings may be NULL for "unknown". */
struct store_command {
	int64_t time;		/* start, local seconds */
	const char *cwd;
	const char *line;
	const char *session;	/* session name ("s1", "host-pid-time") */
	bool has_status;	/* status and duration_ms are known */
	int status;		/* exit status */
	int64_t duration_ms;
};

/*
 * Records a command.  client_seq >= 0 is the shell's sequence number in
 * its session: a second command with the same (session, client_seq) is
 * ignored (the shell may resend after a daemon crash), and the function
 * returns 0.  Returns 1 when a row was added.
 */
int store_add_command(struct store *st, const struct store_command *c,
		      int64_t client_seq);
/*
 * Records how the command (c->session, client_seq) ended: sets its status
 * and duration from c, or, when its start was never recorded (the start
 * may come later, from another shell's spool), records all of c.
 * Returns 1 when a row was changed or added, 0 otherwise.
 */
int store_end_command(struct store *st, const struct store_command *c,
		      int64_t client_seq);

/* Records that a shell session began (HELLO); updates it if known. */
int store_add_session(struct store *st, const char *session, const char *tty,
		      int64_t pid, int64_t time);

/* File operations, as in the import format. */
struct store_file_event {
	int64_t time;
	const char *path;
	const char *op;		/* "create" "modify" "delete" "move" */
	const char *to_path;	/* move only, else NULL */
};

/* Records a file event (the watcher's hook).  STORE_EINVAL for another op. */
int store_add_file_event(struct store *st, const struct store_file_event *f);

struct store_mail {
	int64_t time;
	const char *from;	/* "Display Name <address>" */
	const char *subject;
	const char *mailbox;
	bool read;
	const char *ident;	/* the mail watcher's stable id for the
				 * message (Maildir name, Message-ID) or NULL */
};

/*
 * Records a mail (the mail watcher's hook).  A mail whose ident is
 * already stored is not added again (returns 0); returns 1 when added.
 */
int store_add_mail(struct store *st, const struct store_mail *m);
/* Follows a mail's read state by ident.  Returns rows changed (0 or 1). */
int store_set_mail_read(struct store *st, const char *ident, bool read);

/* Records a suggestion shown to the user; *id gets its id. */
int store_add_suggestion(struct store *st, const char *kind,
			 const char *context, const char *text, int64_t time,
			 int64_t *id);
/* Sets the outcome (enum proto_outcome) of suggestion id. */
int store_set_suggestion_outcome(struct store *st, int64_t id, int outcome,
				 int64_t time);

/* ---- settings -------------------------------------------------------- */

/*
 * Persona settings (user-visible: "name", "user", "chattiness", "tone")
 * and daemon state (internal: "paused") are two key/value tables.
 * *_get appends the value to out and returns 1, or returns 0 when the key
 * is not set.
 */
int store_persona_get(struct store *st, const char *key, struct buf *out);
int store_persona_set(struct store *st, const char *key, const char *value);
typedef int store_kv_fn(const char *key, const char *value, void *arg);
/* Calls fn for each persona setting in key order; stops when fn returns
 * nonzero and returns that value. */
int store_persona_each(struct store *st, store_kv_fn *fn, void *arg);
int store_state_get(struct store *st, const char *key, struct buf *out);
int store_state_set(struct store *st, const char *key, const char *value);

/* ---- reading --------------------------------------------------------- */

struct store_counts {
	int64_t sessions;
	int64_t commands;
	int64_t file_events;
	int64_t mails;
	int64_t suggestions;
};
int store_counts(struct store *st, struct store_counts *out);

/* Earliest and latest event time over all tables; 0 when empty. */
int store_time_bounds(struct store *st, int64_t *first, int64_t *last);

/* One remembered event of any kind, for export. */
enum store_kind {
	STORE_KIND_COMMAND,
	STORE_KIND_FILE,
	STORE_KIND_MAIL,
};
struct store_event {
	enum store_kind kind;
	int64_t seq;		/* global insertion order, breaks time ties */
	struct store_command cmd;	/* kind == STORE_KIND_COMMAND */
	struct store_file_event file;	/* kind == STORE_KIND_FILE */
	struct store_mail mail;		/* kind == STORE_KIND_MAIL */
};
/* Callbacks return 0 to go on, nonzero to stop (that value is returned). */
typedef int store_event_fn(const struct store_event *ev, void *arg);

/*
 * For imports: the largest row ids before the import (store_import_mark),
 * and whether an event equal to ev is among those rows (1, else 0, or an
 * error), so that importing a file again, or an export of this memory,
 * adds nothing, while repeats within one file (`ls` twice in a second)
 * are kept.  Commands compare time, line and cwd; file events time, path,
 * op and to_path; mail time, sender, subject and mailbox.
 */
struct store_import_mark {
	int64_t command, file, mail;
};
int store_import_mark(struct store *st, struct store_import_mark *m);
int store_import_known(struct store *st, const struct store_event *ev,
		       const struct store_import_mark *m);

/*
 * Calls fn for up to limit events ordered by (time, seq) that come after
 * (time, seq) -- pass INT64_MIN, INT64_MIN to start.  Returns the number
 * of events visited (a page shorter than limit is the last), or an error.
 * Paging this way keeps no read transaction open between pages.
 */
int store_events_after(struct store *st, int64_t time, int64_t seq,
		       int limit, store_event_fn *fn, void *arg);

/* Which commands a query selects; unset members (0/NULL) don't filter. */
enum store_status {
	STORE_STATUS_ANY = 0,
	STORE_STATUS_OK,	/* status == 0 */
	STORE_STATUS_FAILED,	/* status known and != 0 */
};
struct store_cmd_query {
	int64_t from;		/* time >= from; 0 = no lower bound */
	int64_t to;		/* time < to; 0 = no upper bound */
	const char *cwd;	/* exact working directory */
	const char *prefix;	/* line == prefix, or starts with prefix + ' '
				 * ("ssh" matches "ssh tern") */
	const char *match;	/* FTS5 query over the line (see
				 * store_fts_phrase()) */
	enum store_status status;
	bool newest_first;	/* order by time descending */
	int limit;		/* 0 = all */
};
struct store_cmd_row {
	int64_t id;
	struct store_command cmd;
};
typedef int store_cmd_fn(const struct store_cmd_row *row, void *arg);
/* Calls fn for each selected command.  Returns rows visited or an error. */
int store_commands(struct store *st, const struct store_cmd_query *q,
		   store_cmd_fn *fn, void *arg);
/* Same, ordered by duration: longest first when q->newest_first, else
 * shortest first (commands without a duration are left out). */
int store_commands_by_duration(struct store *st,
			       const struct store_cmd_query *q,
			       store_cmd_fn *fn, void *arg);

struct store_cmd_stats {
	int64_t count;
	int64_t failed;		/* status known and != 0 */
	int64_t with_duration;	/* rows with a duration */
	int64_t total_ms;	/* sum of durations */
	int64_t min_ms;
	int64_t max_ms;
	int64_t first;		/* earliest start time (0 if count == 0) */
	int64_t last;		/* latest start time */
};
/* Aggregates over the selected commands (limit and order are ignored). */
int store_command_stats(struct store *st, const struct store_cmd_query *q,
			struct store_cmd_stats *out);

enum store_group {
	STORE_GROUP_LINE,	/* whole line */
	STORE_GROUP_CWD,	/* working directory */
	STORE_GROUP_WORD,	/* first word of the line */
	STORE_GROUP_DAY,	/* calendar day: key is the decimal local
				 * seconds of its 00:00 */
	STORE_GROUP_SESSION,	/* session: key is an opaque decimal id */
};
struct store_group_row {
	const char *key;
	struct store_cmd_stats stats;	/* count, failed, durations, times */
};
typedef int store_group_fn(const struct store_group_row *row, void *arg);
/*
 * Groups the selected commands by group and calls fn per group, most
 * frequent first (ties: most recent first); q->limit limits groups.
 * With q->status == STORE_STATUS_FAILED, groups count failures only.
 */
int store_command_groups(struct store *st, const struct store_cmd_query *q,
			 enum store_group group, store_group_fn *fn, void *arg);

struct store_file_query {
	int64_t from;		/* as in store_cmd_query */
	int64_t to;
	const char *path_part;	/* substring of path or to_path */
	const char *op;		/* exact op */
	bool newest_first;
	int limit;
};
struct store_file_row {
	int64_t id;
	struct store_file_event file;
};
typedef int store_file_fn(const struct store_file_row *row, void *arg);
int store_file_events(struct store *st, const struct store_file_query *q,
		      store_file_fn *fn, void *arg);

struct store_mail_query {
	int64_t from;		/* as in store_cmd_query */
	int64_t to;
	const char *sender_part;	/* substring of from, case-insensitive */
	const char *subject_part;	/* substring of subject, case-insensitive */
	const char *mailbox;	/* exact mailbox */
	bool unread_only;
	bool newest_first;
	int limit;
};
struct store_mail_row {
	int64_t id;
	struct store_mail mail;
};
typedef int store_mail_fn(const struct store_mail_row *row, void *arg);
int store_mails(struct store *st, const struct store_mail_query *q,
		store_mail_fn *fn, void *arg);

/*
 * Appends term to out as one FTS5 phrase (double-quoted, inner quotes
 * doubled) so that any user text is a valid, literal MATCH operand.
 */
void store_fts_phrase(struct buf *out, const char *term);

/* ---- scans for the ask engine ---------------------------------------- */

/*
 * Call fn for up to limit (<= 0: all) rows whose id is greater than
 * after_id, in id order: the ask engine keeps its vocabulary of the
 * user's commands, directories, files and correspondents up to date with
 * these, reading only what was added since its last look.  Row ids only
 * grow.  Returns the rows visited or an error.  (store_cmd_row.cmd.session
 * is NULL here.)
 */
int store_commands_since(struct store *st, int64_t after_id, int limit,
			 store_cmd_fn *fn, void *arg);
int store_files_since(struct store *st, int64_t after_id, int limit,
		      store_file_fn *fn, void *arg);
int store_mails_since(struct store *st, int64_t after_id, int limit,
		      store_mail_fn *fn, void *arg);

/* ---- the man-page index (docs.c; docs/ask.md) ---------------------------- */

/*
 * One man page: doc_pages(name, names, section, path UNIQUE, mtime, prio,
 * summary, synopsis), its option entries in doc_opts(page, opt, text), and
 * both in FTS5 tables with the porter tokenizer (doc_pages_fts over names
 * and summary, doc_opts_fts over opt and text).  forget and export do not
 * touch them: they hold the machine's documents, not the user's activity.
 */
struct store_doc_page {
	const char *name;	/* the page's name ("ls") */
	const char *names;	/* every name of its NAME line ("gzip gunzip
				 * zcat"), or NULL for name */
	const char *section;	/* "1", "8", "1ssl" */
	const char *path;	/* the file indexed */
	int64_t mtime;		/* its modification time */
	int prio;		/* 2 base system, 1 standard, 0 other */
	const char *summary;	/* the NAME line's description */
	const char *synopsis;
	const char *description;	/* the DESCRIPTION's first lines */
};
/* Adds a page (replacing any page of the same path and its options);
 * *id gets its id.  Use inside store_begin()/store_commit() for speed. */
int store_doc_page_add(struct store *st, const struct store_doc_page *p,
		       int64_t *id);
/* Deletes the page of path and its options (0 if there was none). */
int store_doc_page_delete(struct store *st, const char *path);
/* Adds an option entry ("-a, --all", "do not ignore entries ...") to page. */
int store_doc_opt_add(struct store *st, int64_t page, const char *opt,
		      const char *text);
typedef int store_doc_path_fn(const char *path, int64_t mtime, void *arg);
/* Calls fn for every indexed page (to resume or refresh the index). */
int store_doc_pages_each(struct store *st, store_doc_path_fn *fn, void *arg);
int store_doc_counts(struct store *st, int64_t *pages, int64_t *opts);

/* A search hit: a page, with one of its options for option queries. */
struct store_doc_hit {
	int64_t page;
	const char *name;
	const char *section;
	const char *summary;
	const char *synopsis;
	const char *description;
	const char *names;
	int prio;
	double bm25;		/* FTS5 bm25(): lower is better; 0 when the
				 * row was not found by a MATCH */
	const char *opt;	/* option queries only, else NULL */
	const char *text;
};
typedef int store_doc_fn(const struct store_doc_hit *h, void *arg);
/* Best limit pages for an FTS5 MATCH expression (build it with
 * store_fts_phrase()), names, summaries, descriptions weighted 4:2:0.7; base_only keeps
 * pages with prio > 0. */
int store_doc_search_pages(struct store *st, const char *match,
			   bool base_only, int limit, store_doc_fn *fn,
			   void *arg);
/* Best limit option entries for a MATCH expression, opt weighted 2:1. */
int store_doc_search_opts(struct store *st, const char *match,
			  bool base_only, int limit, store_doc_fn *fn,
			  void *arg);
/* The pages called name (any section). */
int store_doc_pages_named(struct store *st, const char *name,
			  store_doc_fn *fn, void *arg);
/* Every option entry of page, in page order. */
int store_doc_page_opts(struct store *st, int64_t page, store_doc_fn *fn,
			void *arg);
/* In how many option entries the (porter-stemmed) term occurs, or a
 * negative error. */
int64_t store_doc_term_df(struct store *st, const char *term);

/* ---- forgetting and upkeep ------------------------------------------- */

/*
 * Deletes every record (commands and their FTS entries, file events,
 * mails, suggestions, sessions left empty) in [from, to), then compacts
 * the FTS index and checkpoints the WAL with TRUNCATE so that no copy of
 * the deleted rows stays in the files (secure_delete zeroes the pages).
 * Returns the number of records deleted.
 */
int store_forget_range(struct store *st, int64_t from, int64_t to);
/* Same for everything recorded (persona settings stay). */
int store_forget_all(struct store *st);
/*
 * Same for records that mention term: commands whose line matches it as
 * an FTS phrase, file events whose path contains it, mails whose sender
 * or subject contains it, suggestions whose text or context contains it.
 */
int store_forget_match(struct store *st, const char *term);

/* PRAGMA wal_checkpoint(TRUNCATE).  0 or error. */
int store_checkpoint(struct store *st);
/* PRAGMA integrity_check: 0 when "ok", else STORE_EDB with the first
 * problem appended to out. */
int store_integrity(struct store *st, struct buf *out);

#endif
