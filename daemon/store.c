/*
 * store.c - the memory file: schema, migrations, prepared statements and
 * every SQL statement of hershd (see store.h and docs/store.md).  The only
 * file that includes sqlite3.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"

/* ---- schema ------------------------------------------------------------ */

/*
 * migrations[i] takes a file from user_version i to i + 1.  Never edit a
 * released entry: append a new one and bump STORE_SCHEMA_VERSION.
 */
static const char *const store_migrations[STORE_SCHEMA_VERSION] = {
	/* 0 -> 1: the first schema */
	"CREATE TABLE sessions ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  tty TEXT,"
	"  pid INTEGER,"
	"  started INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL);"
	"CREATE TABLE commands ("
	"  id INTEGER PRIMARY KEY,"
	"  seq INTEGER NOT NULL,"
	"  time INTEGER NOT NULL,"
	"  cwd TEXT,"
	"  line TEXT NOT NULL,"
	"  status INTEGER,"
	"  duration_ms INTEGER,"
	"  session INTEGER REFERENCES sessions(id),"
	"  client_seq INTEGER);"
	"CREATE INDEX commands_time ON commands(time, seq);"
	"CREATE INDEX commands_cwd ON commands(cwd, time);"
	"CREATE INDEX commands_status ON commands(status, time);"
	"CREATE INDEX commands_session ON commands(session);"
	"CREATE UNIQUE INDEX commands_client ON commands(session, client_seq)"
	"  WHERE client_seq IS NOT NULL;"
	"CREATE VIRTUAL TABLE commands_fts USING fts5(line,"
	"  content='commands', content_rowid='id');"
	/* inserts are indexed by the store in bulk at commit: a per-row
	 * trigger into FTS5 costs four times the whole insert */
	"CREATE TRIGGER commands_fts_ad AFTER DELETE ON commands BEGIN"
	"  INSERT INTO commands_fts(commands_fts, rowid, line)"
	"    VALUES ('delete', old.id, old.line);"
	"END;"
	"CREATE TRIGGER commands_fts_au AFTER UPDATE OF line ON commands BEGIN"
	"  INSERT INTO commands_fts(commands_fts, rowid, line)"
	"    VALUES ('delete', old.id, old.line);"
	"  INSERT INTO commands_fts(rowid, line) VALUES (new.id, new.line);"
	"END;"
	"CREATE TABLE file_events ("
	"  id INTEGER PRIMARY KEY,"
	"  seq INTEGER NOT NULL,"
	"  time INTEGER NOT NULL,"
	"  path TEXT NOT NULL,"
	"  op TEXT NOT NULL"
	"    CHECK (op IN ('create', 'modify', 'delete', 'move')),"
	"  to_path TEXT);"
	"CREATE INDEX file_events_time ON file_events(time, seq);"
	"CREATE INDEX file_events_path ON file_events(path);"
	"CREATE TABLE mail ("
	"  id INTEGER PRIMARY KEY,"
	"  seq INTEGER NOT NULL,"
	"  time INTEGER NOT NULL,"
	"  sender TEXT,"
	"  subject TEXT,"
	"  mailbox TEXT,"
	"  read INTEGER NOT NULL DEFAULT 0,"
	"  ident TEXT UNIQUE);"
	"CREATE INDEX mail_time ON mail(time, seq);"
	"CREATE INDEX mail_unread ON mail(read, time);"
	"CREATE TABLE suggestions ("
	"  id INTEGER PRIMARY KEY,"
	"  time INTEGER NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  context TEXT,"
	"  text TEXT NOT NULL,"
	"  outcome INTEGER NOT NULL DEFAULT 0,"
	"  outcome_time INTEGER);"
	"CREATE INDEX suggestions_time ON suggestions(time);"
	"CREATE TABLE persona ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE state ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL) WITHOUT ROWID;",
	/* 1 -> 2: the man-page index of the ask engine (docs.c) */
	"CREATE TABLE doc_pages ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  names TEXT NOT NULL,"
	"  section TEXT NOT NULL,"
	"  path TEXT NOT NULL UNIQUE,"
	"  mtime INTEGER NOT NULL,"
	"  prio INTEGER NOT NULL DEFAULT 0,"
	"  summary TEXT NOT NULL DEFAULT '',"
	"  synopsis TEXT NOT NULL DEFAULT '',"
	"  description TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX doc_pages_name ON doc_pages(name);"
	"CREATE VIRTUAL TABLE doc_pages_fts USING fts5(names, summary, description,"
	"  content='doc_pages', content_rowid='id',"
	"  tokenize='porter unicode61');"
	"CREATE TABLE doc_opts ("
	"  id INTEGER PRIMARY KEY,"
	"  page INTEGER NOT NULL,"
	"  opt TEXT NOT NULL,"
	"  text TEXT NOT NULL);"
	"CREATE INDEX doc_opts_page ON doc_opts(page);"
	"CREATE VIRTUAL TABLE doc_opts_fts USING fts5(opt, text,"
	"  content='doc_opts', content_rowid='id',"
	"  tokenize='porter unicode61');"
	"CREATE VIRTUAL TABLE doc_opts_vocab USING"
	"  fts5vocab('doc_opts_fts', 'row');"
	"CREATE TRIGGER doc_pages_ai AFTER INSERT ON doc_pages BEGIN"
	"  INSERT INTO doc_pages_fts(rowid, names, summary, description)"
	"    VALUES (new.id, new.names, new.summary, new.description);"
	"END;"
	"CREATE TRIGGER doc_pages_ad AFTER DELETE ON doc_pages BEGIN"
	"  INSERT INTO doc_pages_fts(doc_pages_fts, rowid, names, summary,"
	"    description)"
	"    VALUES ('delete', old.id, old.names, old.summary, old.description);"
	"  DELETE FROM doc_opts WHERE page = old.id;"
	"END;"
	"CREATE TRIGGER doc_opts_ai AFTER INSERT ON doc_opts BEGIN"
	"  INSERT INTO doc_opts_fts(rowid, opt, text)"
	"    VALUES (new.id, new.opt, new.text);"
	"END;"
	"CREATE TRIGGER doc_opts_ad AFTER DELETE ON doc_opts BEGIN"
	"  INSERT INTO doc_opts_fts(doc_opts_fts, rowid, opt, text)"
	"    VALUES ('delete', old.id, old.opt, old.text);"
	"END;",
	/* 2 -> 3: cheaper writes.  commands_session was the prefix of
	 * commands_client; commands_status moved with every command's end
	 * and served only "failed" queries, which the partial index does */
	"DROP INDEX commands_session;"
	"DROP INDEX commands_status;"
	"CREATE INDEX commands_failed ON commands(time) WHERE status <> 0;",
};

/* ---- fixed statements -------------------------------------------------- */

enum store_stmt {
	S_BEGIN,
	S_COMMIT,
	S_ROLLBACK,
	S_SESSION_FIND,
	S_SESSION_NEW,
	S_SESSION_HELLO,
	S_CMD_ADD,
	S_CMD_END,
	S_CMD_FIND,
	S_FILE_ADD,
	S_MAIL_ADD,
	S_MAIL_READ,
	S_SUGG_ADD,
	S_SUGG_OUTCOME,
	S_PERSONA_GET,
	S_PERSONA_SET,
	S_PERSONA_EACH,
	S_STATE_GET,
	S_STATE_SET,
	S_COUNTS,
	S_BOUNDS,
	S_MAX_SEQ,
	S_EVENTS_AFTER,
	S_FORGET_CMD_RANGE,
	S_FORGET_FILE_RANGE,
	S_FORGET_MAIL_RANGE,
	S_FORGET_SUGG_RANGE,
	S_FORGET_CMD_MATCH,
	S_FORGET_FILE_LIKE,
	S_FORGET_MAIL_LIKE,
	S_FORGET_SUGG_LIKE,
	S_FORGET_SESSIONS,
	S_FTS_OPTIMIZE,
	S_FTS_SYNC,
	S_MAX_COMMAND,
	S_IMPORT_MARK,
	S_KNOWN_CMD,
	S_KNOWN_FILE,
	S_KNOWN_MAIL,
	S_CHECKPOINT,
	S_INTEGRITY,
	S_FTS_INTEGRITY,
	S_CMD_SINCE,
	S_FILE_SINCE,
	S_MAIL_SINCE,
	S_DOC_PAGE_ADD,
	S_DOC_PAGE_DEL,
	S_DOC_OPT_ADD,
	S_DOC_PAGES_EACH,
	S_DOC_COUNT,
	S_DOC_SEARCH_PAGES,
	S_DOC_SEARCH_OPTS,
	S_DOC_SEARCH_PAGES_BASE,
	S_DOC_SEARCH_OPTS_BASE,
	S_DOC_PAGE_BY_NAME,
	S_DOC_OPTS_OF,
	S_DOC_TERM_DF,
	S_COUNT
};

static const char *const store_sql[S_COUNT] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_SESSION_FIND] = "SELECT id FROM sessions WHERE name = ?1",
	[S_SESSION_NEW] =
		"INSERT INTO sessions(name, started, last_seen)"
		" VALUES (?1, ?2, ?2)",
	[S_SESSION_HELLO] =
		"INSERT INTO sessions(name, tty, pid, started, last_seen)"
		" VALUES (?1, ?2, ?3, ?4, ?4)"
		" ON CONFLICT(name) DO UPDATE SET tty = excluded.tty,"
		" pid = excluded.pid, last_seen = excluded.last_seen",
	[S_CMD_ADD] =
		"INSERT OR IGNORE INTO commands(seq, time, cwd, line, status,"
		" duration_ms, session, client_seq)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[S_CMD_END] =
		"UPDATE commands SET status = ?2, duration_ms = ?3 WHERE id = ?1",
	[S_CMD_FIND] =
		"SELECT id FROM commands WHERE session = ?1 AND client_seq = ?2",
	[S_FILE_ADD] =
		"INSERT INTO file_events(seq, time, path, op, to_path)"
		" VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_MAIL_ADD] =
		"INSERT OR IGNORE INTO mail(seq, time, sender, subject,"
		" mailbox, read, ident) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[S_MAIL_READ] = "UPDATE mail SET read = ?2 WHERE ident = ?1",
	[S_SUGG_ADD] =
		"INSERT INTO suggestions(time, kind, context, text)"
		" VALUES (?1, ?2, ?3, ?4)",
	[S_SUGG_OUTCOME] =
		"UPDATE suggestions SET outcome = ?2, outcome_time = ?3"
		" WHERE id = ?1",
	[S_PERSONA_GET] = "SELECT value FROM persona WHERE key = ?1",
	[S_PERSONA_SET] =
		"INSERT INTO persona(key, value) VALUES (?1, ?2)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	[S_PERSONA_EACH] = "SELECT key, value FROM persona ORDER BY key",
	[S_STATE_GET] = "SELECT value FROM state WHERE key = ?1",
	[S_STATE_SET] =
		"INSERT INTO state(key, value) VALUES (?1, ?2)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	[S_COUNTS] =
		"SELECT (SELECT count(*) FROM sessions),"
		" (SELECT count(*) FROM commands),"
		" (SELECT count(*) FROM file_events),"
		" (SELECT count(*) FROM mail),"
		" (SELECT count(*) FROM suggestions)",
	/* one min() or max() per subquery: each is then a single index
	 * lookup instead of a scan */
	[S_BOUNDS] =
		"SELECT min(lo), max(hi) FROM ("
		" SELECT (SELECT min(time) FROM commands) lo,"
		"  (SELECT max(time) FROM commands) hi UNION ALL"
		" SELECT (SELECT min(time) FROM file_events),"
		"  (SELECT max(time) FROM file_events) UNION ALL"
		" SELECT (SELECT min(time) FROM mail),"
		"  (SELECT max(time) FROM mail))",
	[S_MAX_SEQ] =
		"SELECT max(coalesce((SELECT max(seq) FROM commands), 0),"
		" coalesce((SELECT max(seq) FROM file_events), 0),"
		" coalesce((SELECT max(seq) FROM mail), 0))",
	[S_EVENTS_AFTER] =
		"SELECT 0, c.time, c.seq, c.cwd, c.line, s.name, c.status,"
		"  c.duration_ms"
		" FROM commands c LEFT JOIN sessions s ON s.id = c.session"
		" WHERE (c.time, c.seq) > (?1, ?2)"
		" UNION ALL"
		" SELECT 1, time, seq, path, op, to_path, NULL, NULL"
		" FROM file_events WHERE (time, seq) > (?1, ?2)"
		" UNION ALL"
		" SELECT 2, time, seq, sender, subject, mailbox, read, ident"
		" FROM mail WHERE (time, seq) > (?1, ?2)"
		" ORDER BY 2, 3 LIMIT ?3",
	[S_FORGET_CMD_RANGE] =
		"DELETE FROM commands WHERE time >= ?1 AND time < ?2",
	[S_FORGET_FILE_RANGE] =
		"DELETE FROM file_events WHERE time >= ?1 AND time < ?2",
	[S_FORGET_MAIL_RANGE] =
		"DELETE FROM mail WHERE time >= ?1 AND time < ?2",
	[S_FORGET_SUGG_RANGE] =
		"DELETE FROM suggestions WHERE time >= ?1 AND time < ?2",
	[S_FORGET_CMD_MATCH] =
		"DELETE FROM commands WHERE id IN"
		" (SELECT rowid FROM commands_fts WHERE commands_fts MATCH ?1)",
	[S_FORGET_FILE_LIKE] =
		"DELETE FROM file_events WHERE path LIKE ?1 ESCAPE '\\'"
		" OR to_path LIKE ?1 ESCAPE '\\'",
	[S_FORGET_MAIL_LIKE] =
		"DELETE FROM mail WHERE sender LIKE ?1 ESCAPE '\\'"
		" OR subject LIKE ?1 ESCAPE '\\'",
	[S_FORGET_SUGG_LIKE] =
		"DELETE FROM suggestions WHERE text LIKE ?1 ESCAPE '\\'"
		" OR context LIKE ?1 ESCAPE '\\'",
	[S_FORGET_SESSIONS] =
		"DELETE FROM sessions WHERE NOT EXISTS"
		" (SELECT 1 FROM commands WHERE session = sessions.id)",
	[S_FTS_OPTIMIZE] =
		"INSERT INTO commands_fts(commands_fts) VALUES ('optimize')",
	[S_FTS_SYNC] =
		"INSERT INTO commands_fts(rowid, line)"
		" SELECT id, line FROM commands WHERE id > ?1",
	[S_MAX_COMMAND] = "SELECT coalesce(max(id), 0) FROM commands",
	[S_IMPORT_MARK] =
		"SELECT (SELECT coalesce(max(id), 0) FROM commands),"
		" (SELECT coalesce(max(id), 0) FROM file_events),"
		" (SELECT coalesce(max(id), 0) FROM mail)",
	/* one indexed second (commands_time, ...) each */
	[S_KNOWN_CMD] =
		"SELECT 1 FROM commands WHERE time = ?1 AND line = ?2"
		" AND cwd IS ?3 AND id <= ?4 LIMIT 1",
	[S_KNOWN_FILE] =
		"SELECT 1 FROM file_events WHERE time = ?1 AND path = ?2"
		" AND op = ?3 AND to_path IS ?4 AND id <= ?5 LIMIT 1",
	[S_KNOWN_MAIL] =
		"SELECT 1 FROM mail WHERE time = ?1 AND sender IS ?2"
		" AND subject IS ?3 AND mailbox IS ?4 AND id <= ?5 LIMIT 1",
	[S_CHECKPOINT] = "PRAGMA wal_checkpoint(TRUNCATE)",
	[S_INTEGRITY] = "PRAGMA integrity_check",
	[S_FTS_INTEGRITY] =
		"INSERT INTO commands_fts(commands_fts, rank)"
		" VALUES ('integrity-check', 1)",
	[S_CMD_SINCE] =
		"SELECT c.id, c.time, c.cwd, c.line, NULL, c.status,"
		" c.duration_ms FROM commands c WHERE c.id > ?1"
		" ORDER BY c.id LIMIT ?2",
	[S_FILE_SINCE] =
		"SELECT id, time, path, op, to_path FROM file_events"
		" WHERE id > ?1 ORDER BY id LIMIT ?2",
	[S_MAIL_SINCE] =
		"SELECT id, time, sender, subject, mailbox, read, ident"
		" FROM mail WHERE id > ?1 ORDER BY id LIMIT ?2",
	[S_DOC_PAGE_ADD] =
		"INSERT INTO doc_pages(name, names, section, path, mtime, prio,"
		" summary, synopsis, description)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[S_DOC_PAGE_DEL] = "DELETE FROM doc_pages WHERE path = ?1",
	[S_DOC_OPT_ADD] =
		"INSERT INTO doc_opts(page, opt, text) VALUES (?1, ?2, ?3)",
	[S_DOC_PAGES_EACH] = "SELECT path, mtime FROM doc_pages",
	[S_DOC_COUNT] =
		"SELECT (SELECT count(*) FROM doc_pages),"
		" (SELECT count(*) FROM doc_opts)",
	[S_DOC_SEARCH_PAGES] =
		"SELECT p.id, p.name, p.section, p.summary, p.prio,"
		" bm25(doc_pages_fts, 4.0, 2.0, 0.7), p.synopsis, NULL, NULL,"
		" p.description, p.names FROM doc_pages_fts JOIN doc_pages p"
		" ON p.id = doc_pages_fts.rowid"
		" WHERE doc_pages_fts MATCH ?1"
		" ORDER BY bm25(doc_pages_fts, 4.0, 2.0, 0.7) LIMIT ?2",
	[S_DOC_SEARCH_OPTS] =
		"SELECT p.id, p.name, p.section, p.summary, p.prio,"
		" bm25(doc_opts_fts, 2.0, 1.0), p.synopsis, o.opt, o.text,"
		" p.description, p.names FROM doc_opts_fts JOIN doc_opts o ON o.id = doc_opts_fts.rowid"
		" JOIN doc_pages p ON p.id = o.page"
		" WHERE doc_opts_fts MATCH ?1"
		" ORDER BY bm25(doc_opts_fts, 2.0, 1.0) LIMIT ?2",
	[S_DOC_SEARCH_PAGES_BASE] =
		"SELECT p.id, p.name, p.section, p.summary, p.prio,"
		" bm25(doc_pages_fts, 4.0, 2.0, 0.7), p.synopsis, NULL, NULL,"
		" p.description, p.names FROM doc_pages_fts JOIN doc_pages p"
		" ON p.id = doc_pages_fts.rowid"
		" WHERE doc_pages_fts MATCH ?1 AND p.prio > 0"
		" ORDER BY bm25(doc_pages_fts, 4.0, 2.0, 0.7) LIMIT ?2",
	[S_DOC_SEARCH_OPTS_BASE] =
		"SELECT p.id, p.name, p.section, p.summary, p.prio,"
		" bm25(doc_opts_fts, 2.0, 1.0), p.synopsis, o.opt, o.text,"
		" p.description, p.names FROM doc_opts_fts JOIN doc_opts o ON o.id = doc_opts_fts.rowid"
		" JOIN doc_pages p ON p.id = o.page"
		" WHERE doc_opts_fts MATCH ?1 AND p.prio > 0"
		" ORDER BY bm25(doc_opts_fts, 2.0, 1.0) LIMIT ?2",
	[S_DOC_PAGE_BY_NAME] =
		"SELECT id, name, section, summary, prio, 0.0, synopsis, NULL,"
		" NULL, description, names FROM doc_pages WHERE name = ?1 ORDER BY section LIMIT 4",
	[S_DOC_OPTS_OF] =
		"SELECT p.id, p.name, p.section, p.summary, p.prio, 0.0,"
		" p.synopsis, o.opt, o.text, p.description, p.names"
		" FROM doc_opts o"
		" JOIN doc_pages p ON p.id = o.page WHERE o.page = ?1"
		" ORDER BY o.id",
	[S_DOC_TERM_DF] =
		"SELECT doc FROM doc_opts_vocab WHERE term = ?1",
};

/* ---- query shapes prepared on first use ---------------------------------- */

enum store_qkind {
	QK_CMD_ROWS,
	QK_CMD_STATS,
	QK_CMD_GROUP_LINE,
	QK_CMD_GROUP_CWD,
	QK_CMD_GROUP_WORD,
	QK_CMD_GROUP_DAY,
	QK_CMD_GROUP_SESSION,
	QK_CMD_BY_DURATION,
	QK_FILE_ROWS,
	QK_MAIL_ROWS,
	QK_COUNT
};

/* Filter bits of a query shape. */
enum store_qbit {
	QB_A = 1 << 0,		/* cwd / path part / sender part */
	QB_B = 1 << 1,		/* prefix / op / subject part */
	QB_C = 1 << 2,		/* match / - / mailbox */
	QB_D = 1 << 3,		/* status ok / - / unread */
	QB_E = 1 << 4,		/* status failed */
	QB_DESC = 1 << 5,	/* newest first */
	QB_COUNT = 1 << 6
};

#define STORE_SESSION_CACHE 8

struct store_session_slot {
	char *name;
	int64_t id;
};

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[S_COUNT];
	sqlite3_stmt *query[QK_COUNT][QB_COUNT];
	int64_t next_seq;	/* next global event sequence number */
	bool in_tx;
	bool fts_dirty;		/* commands added but not yet indexed */
	int64_t fts_after;	/* the largest command id already indexed */
	struct store_session_slot sessions[STORE_SESSION_CACHE];
	unsigned session_next;	/* round-robin replacement */
	uint64_t generation;	/* forgets so far (store_generation()) */
	uint64_t version[STORE_V_COUNT];	/* store_version() */
	uint64_t rollbacks;	/* store_rollbacks() */
	int64_t last_cmd;	/* the row the last add or end changed */
	bool last_cmd_added;
};

const char *store_errmsg(struct store *st)
{
	return st && st->db ? sqlite3_errmsg(st->db) : "no database";
}

const char *store_path(struct store *st)
{
	return st->path;
}

uint64_t store_generation(struct store *st)
{
	return st->generation;
}

uint64_t store_version(struct store *st, enum store_table t)
{
	return st->version[t];
}

static void store_changed_all(struct store *st)
{
	int t;

	for (t = 0; t < STORE_V_COUNT; t++) {
		st->version[t]++;
	}
}

uint64_t store_rollbacks(struct store *st)
{
	return st->rollbacks;
}

int64_t store_last_command(struct store *st, bool *added)
{
	*added = st->last_cmd_added;
	return st->last_cmd;
}

static void store_sessions_forget(struct store *st)
{
	int i;

	for (i = 0; i < STORE_SESSION_CACHE; i++) {
		free(st->sessions[i].name);
		st->sessions[i].name = NULL;
	}
}

/* Resets a statement after use, keeping the first error. */
static int store_done(sqlite3_stmt *s, int rc)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc;
}

static int store_bind_text(sqlite3_stmt *s, int idx, const char *v)
{
	if (v == NULL) {
		return sqlite3_bind_null(s, idx);
	}
	return sqlite3_bind_text(s, idx, v, -1, SQLITE_STATIC);
}

/* Runs a statement that returns no rows; rc STORE_OK or STORE_EDB. */
static int store_run(struct store *st, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	return store_done(s, rc == SQLITE_DONE || rc == SQLITE_ROW ?
			  STORE_OK : STORE_EDB);
}

int store_begin(struct store *st)
{
	if (st->in_tx) {
		return STORE_OK;
	}
	if (store_run(st, st->stmt[S_BEGIN]) < 0) {
		return STORE_EDB;
	}
	st->in_tx = true;
	return STORE_OK;
}

/* Indexes the commands added since the last sync (before COMMIT). */
static int store_fts_sync(struct store *st)
{
	sqlite3_stmt *s = st->stmt[S_FTS_SYNC];

	if (!st->fts_dirty) {
		return STORE_OK;
	}
	sqlite3_bind_int64(s, 1, st->fts_after);
	if (store_run(st, s) < 0) {
		return STORE_EDB;
	}
	st->fts_dirty = false;
	return STORE_OK;
}

/* Notes where the unindexed commands start, before the first of them. */
static int store_fts_mark(struct store *st)
{
	sqlite3_stmt *s = st->stmt[S_MAX_COMMAND];

	if (st->fts_dirty) {
		return STORE_OK;
	}
	if (sqlite3_step(s) != SQLITE_ROW) {
		return store_done(s, STORE_EDB);
	}
	st->fts_after = sqlite3_column_int64(s, 0);
	st->fts_dirty = true;
	return store_done(s, STORE_OK);
}

int store_commit(struct store *st)
{
	if (!st->in_tx) {
		return STORE_OK;
	}
	if (store_fts_sync(st) < 0 || store_run(st, st->stmt[S_COMMIT]) < 0) {
		store_rollback(st);
		return STORE_EDB;
	}
	st->in_tx = false;
	return STORE_OK;
}

void store_rollback(struct store *st)
{
	if (!st->in_tx) {
		return;
	}
	if (sqlite3_get_autocommit(st->db) == 0) {
		store_run(st, st->stmt[S_ROLLBACK]);
	}
	st->in_tx = false;
	st->fts_dirty = false;
	store_changed_all(st);	/* whatever it wrote is gone again */
	st->rollbacks++;
	/* session ids handed out inside the transaction are gone */
	store_sessions_forget(st);
}

bool store_in_transaction(struct store *st)
{
	return st->in_tx;
}

/*
 * Runs fn inside the caller's transaction or a new one of its own, so
 * each public writer is atomic either way.
 */
struct store_tx {
	bool own;
};

static int store_tx_begin(struct store *st, struct store_tx *tx)
{
	tx->own = !st->in_tx;
	return tx->own ? store_begin(st) : STORE_OK;
}

static int store_tx_end(struct store *st, struct store_tx *tx, int rc)
{
	if (!tx->own) {
		return rc;
	}
	if (rc < 0) {
		store_rollback(st);
		return rc;
	}
	if (store_commit(st) < 0) {
		return STORE_EDB;
	}
	return rc;
}

/* ---- open / close ------------------------------------------------------ */

/* Creates the file 0600 if needed and checks it is ours and regular. */
static int store_prepare_file(const char *path, struct buf *err)
{
	struct stat sb;
	int fd;

	fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		buf_printf(err, "%s: %s", path, strerror(errno));
		return STORE_EFILE;
	}
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_uid != getuid()) {
		buf_printf(err, "%s: not a regular file of this user", path);
		close(fd);
		return STORE_EFILE;
	}
	if ((sb.st_mode & 077) != 0 && fchmod(fd, 0600) < 0) {
		buf_printf(err, "%s: %s", path, strerror(errno));
		close(fd);
		return STORE_EFILE;
	}
	close(fd);
	return STORE_OK;
}

static int store_exec(struct store *st, const char *sql, struct buf *err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		buf_printf(err, "%s", msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return STORE_EDB;
	}
	return STORE_OK;
}

static int store_pragma_int(struct store *st, const char *sql, int64_t *out)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		return STORE_EDB;
	}
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : STORE_EDB;
}

/* Brings the schema up to STORE_SCHEMA_VERSION, one step per transaction. */
static int store_migrate(struct store *st, struct buf *err)
{
	int64_t version = 0;
	char set[64];

	if (store_pragma_int(st, "PRAGMA user_version", &version) < 0) {
		buf_printf(err, "%s", sqlite3_errmsg(st->db));
		return STORE_EDB;
	}
	if (version > STORE_SCHEMA_VERSION) {
		buf_printf(err, "memory file has schema %lld, this hershd "
			   "knows %d; upgrade hershd", (long long)version,
			   STORE_SCHEMA_VERSION);
		return STORE_ESCHEMA;
	}
	while (version < STORE_SCHEMA_VERSION) {
		snprintf(set, sizeof(set), "PRAGMA user_version = %lld",
			 (long long)version + 1);
		if (store_exec(st, "BEGIN IMMEDIATE", err) < 0) {
			return STORE_EDB;
		}
		if (store_exec(st, store_migrations[version], err) < 0 ||
		    store_exec(st, set, err) < 0) {
			store_exec(st, "ROLLBACK", err);
			return STORE_EDB;
		}
		if (store_exec(st, "COMMIT", err) < 0) {
			return STORE_EDB;
		}
		version++;
	}
	return STORE_OK;
}

static int store_prepare_all(struct store *st, struct buf *err)
{
	int i;

	for (i = 0; i < S_COUNT; i++) {
		if (sqlite3_prepare_v3(st->db, store_sql[i], -1,
				       SQLITE_PREPARE_PERSISTENT, &st->stmt[i],
				       NULL) != SQLITE_OK) {
			buf_printf(err, "preparing statement %d: %s", i,
				   sqlite3_errmsg(st->db));
			return STORE_EDB;
		}
	}
	return STORE_OK;
}

static int store_load_seq(struct store *st)
{
	sqlite3_stmt *s = st->stmt[S_MAX_SEQ];
	int rc = sqlite3_step(s);

	if (rc != SQLITE_ROW) {
		return store_done(s, STORE_EDB);
	}
	st->next_seq = sqlite3_column_int64(s, 0) + 1;
	return store_done(s, STORE_OK);
}

struct store *store_open(const char *path, struct buf *err)
{
	static const char pragmas[] =
		"PRAGMA journal_mode = WAL;"
		"PRAGMA synchronous = NORMAL;"
		"PRAGMA temp_store = MEMORY;"
		"PRAGMA secure_delete = ON;"
		"PRAGMA foreign_keys = OFF;";
	struct store *st;
	struct store_counts counts;

	if (store_prepare_file(path, err) < 0) {
		return NULL;
	}
	st = calloc(1, sizeof(*st));
	if (st == NULL || (st->path = strdup(path)) == NULL) {
		free(st);
		buf_printf(err, "out of memory");
		return NULL;
	}
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		buf_printf(err, "%s: %s", path, st->db ?
			   sqlite3_errmsg(st->db) : "cannot open");
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, 5000);
	if (store_exec(st, pragmas, err) < 0 || store_migrate(st, err) < 0 ||
	    store_prepare_all(st, err) < 0 || store_load_seq(st) < 0) {
		goto fail;
	}
	/* one read and one write now: no file needs opening later */
	if (store_counts(st, &counts) < 0 ||
	    store_state_set(st, "schema", "1") < 0) {
		buf_printf(err, "%s", sqlite3_errmsg(st->db));
		goto fail;
	}
	return st;
fail:
	store_close(st);
	return NULL;
}

void store_close(struct store *st)
{
	int i, j;

	if (st == NULL) {
		return;
	}
	store_rollback(st);
	for (i = 0; i < S_COUNT; i++) {
		sqlite3_finalize(st->stmt[i]);
	}
	for (i = 0; i < QK_COUNT; i++) {
		for (j = 0; j < QB_COUNT; j++) {
			sqlite3_finalize(st->query[i][j]);
		}
	}
	store_sessions_forget(st);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

/* ---- recording --------------------------------------------------------- */

/*
 * The id of session name, created (started at time) if new and create is
 * set.  *id is 0 when name is NULL or unknown.
 */
static int store_session_id(struct store *st, const char *name, bool create,
			    int64_t time, int64_t *id)
{
	struct store_session_slot *slot;
	sqlite3_stmt *s;
	int i, rc;

	*id = 0;
	if (name == NULL) {
		return STORE_OK;
	}
	for (i = 0; i < STORE_SESSION_CACHE; i++) {
		if (st->sessions[i].name != NULL &&
		    strcmp(st->sessions[i].name, name) == 0) {
			*id = st->sessions[i].id;
			return STORE_OK;
		}
	}
	s = st->stmt[S_SESSION_FIND];
	store_bind_text(s, 1, name);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
	}
	store_done(s, 0);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		return STORE_EDB;
	}
	if (rc == SQLITE_DONE && !create) {
		return STORE_OK;
	}
	if (rc == SQLITE_DONE) {
		s = st->stmt[S_SESSION_NEW];
		store_bind_text(s, 1, name);
		sqlite3_bind_int64(s, 2, time);
		if (store_run(st, s) < 0) {
			return STORE_EDB;
		}
		*id = sqlite3_last_insert_rowid(st->db);
	}
	slot = &st->sessions[st->session_next++ % STORE_SESSION_CACHE];
	free(slot->name);
	slot->name = strdup(name);
	slot->id = *id;
	return STORE_OK;
}

int store_add_session(struct store *st, const char *session, const char *tty,
		      int64_t pid, int64_t time)
{
	sqlite3_stmt *s = st->stmt[S_SESSION_HELLO];
	struct store_tx tx;
	int rc;

	if (session == NULL) {
		return STORE_EINVAL;
	}
	if ((rc = store_tx_begin(st, &tx)) < 0) {
		return rc;
	}
	store_bind_text(s, 1, session);
	store_bind_text(s, 2, tty);
	sqlite3_bind_int64(s, 3, pid);
	sqlite3_bind_int64(s, 4, time);
	rc = store_run(st, s);
	return store_tx_end(st, &tx, rc);
}

int store_add_command(struct store *st, const struct store_command *c,
		      int64_t client_seq)
{
	sqlite3_stmt *s = st->stmt[S_CMD_ADD];
	struct store_tx tx;
	int64_t session;
	int rc;

	if (c->line == NULL) {
		return STORE_EINVAL;
	}
	if ((rc = store_tx_begin(st, &tx)) < 0) {
		return rc;
	}
	rc = store_session_id(st, c->session, true, c->time, &session);
	if (rc == STORE_OK) {
		rc = store_fts_mark(st);
	}
	if (rc == STORE_OK) {
		sqlite3_bind_int64(s, 1, st->next_seq);
		sqlite3_bind_int64(s, 2, c->time);
		store_bind_text(s, 3, c->cwd);
		store_bind_text(s, 4, c->line);
		if (c->has_status) {
			sqlite3_bind_int(s, 5, c->status);
			sqlite3_bind_int64(s, 6, c->duration_ms);
		}
		if (session != 0) {
			sqlite3_bind_int64(s, 7, session);
		}
		if (client_seq >= 0) {
			sqlite3_bind_int64(s, 8, client_seq);
		}
		rc = store_run(st, s);
	}
	if (rc == STORE_OK && sqlite3_changes(st->db) > 0) {
		st->next_seq++;
		st->version[STORE_V_COMMANDS]++;
		st->last_cmd = sqlite3_last_insert_rowid(st->db);
		st->last_cmd_added = true;
		rc = 1;
	}
	return store_tx_end(st, &tx, rc);
}

int store_end_command(struct store *st, const struct store_command *c,
		      int64_t client_seq)
{
	sqlite3_stmt *s = st->stmt[S_CMD_END];
	struct store_tx tx;
	int64_t id;
	int rc;

	if ((rc = store_tx_begin(st, &tx)) < 0) {
		return rc;
	}
	rc = store_session_id(st, c->session, false, 0, &id);
	if (rc == STORE_OK && id != 0) {
		sqlite3_stmt *f = st->stmt[S_CMD_FIND];

		sqlite3_bind_int64(f, 1, id);
		sqlite3_bind_int64(f, 2, client_seq);
		rc = sqlite3_step(f);
		id = rc == SQLITE_ROW ? sqlite3_column_int64(f, 0) : 0;
		rc = store_done(f, rc == SQLITE_ROW || rc == SQLITE_DONE ?
				STORE_OK : STORE_EDB);
		if (rc == STORE_OK && id != 0) {
			sqlite3_bind_int64(s, 1, id);
			sqlite3_bind_int(s, 2, c->status);
			sqlite3_bind_int64(s, 3, c->duration_ms);
			rc = store_run(st, s);
		}
		if (rc == STORE_OK && id != 0) {
			st->last_cmd = id;
			st->last_cmd_added = false;
			st->version[STORE_V_COMMANDS]++;
			rc = 1;
		}
	}
	if (rc == STORE_OK && c->line != NULL) {
		rc = store_add_command(st, c, client_seq);
	}
	return store_tx_end(st, &tx, rc);
}

static bool store_op_valid(const char *op)
{
	return op != NULL && (strcmp(op, "create") == 0 ||
			      strcmp(op, "modify") == 0 ||
			      strcmp(op, "delete") == 0 ||
			      strcmp(op, "move") == 0);
}

int store_import_mark(struct store *st, struct store_import_mark *m)
{
	sqlite3_stmt *s = st->stmt[S_IMPORT_MARK];

	memset(m, 0, sizeof(*m));
	if (sqlite3_step(s) != SQLITE_ROW) {
		return store_done(s, STORE_EDB);
	}
	m->command = sqlite3_column_int64(s, 0);
	m->file = sqlite3_column_int64(s, 1);
	m->mail = sqlite3_column_int64(s, 2);
	return store_done(s, STORE_OK);
}

int store_import_known(struct store *st, const struct store_event *ev,
		       const struct store_import_mark *m)
{
	sqlite3_stmt *s;
	int rc;

	switch (ev->kind) {
	case STORE_KIND_COMMAND:
		s = st->stmt[S_KNOWN_CMD];
		sqlite3_bind_int64(s, 1, ev->cmd.time);
		store_bind_text(s, 2, ev->cmd.line);
		store_bind_text(s, 3, ev->cmd.cwd);
		sqlite3_bind_int64(s, 4, m->command);
		break;
	case STORE_KIND_FILE:
		s = st->stmt[S_KNOWN_FILE];
		sqlite3_bind_int64(s, 1, ev->file.time);
		store_bind_text(s, 2, ev->file.path);
		store_bind_text(s, 3, ev->file.op);
		store_bind_text(s, 4, ev->file.to_path);
		sqlite3_bind_int64(s, 5, m->file);
		break;
	case STORE_KIND_MAIL:
		s = st->stmt[S_KNOWN_MAIL];
		sqlite3_bind_int64(s, 1, ev->mail.time);
		store_bind_text(s, 2, ev->mail.from);
		store_bind_text(s, 3, ev->mail.subject);
		store_bind_text(s, 4, ev->mail.mailbox);
		sqlite3_bind_int64(s, 5, m->mail);
		break;
	default:
		return 0;
	}
	rc = sqlite3_step(s);
	return store_done(s, rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 :
			  STORE_EDB);
}

int store_add_file_event(struct store *st, const struct store_file_event *f)
{
	sqlite3_stmt *s = st->stmt[S_FILE_ADD];
	int rc;

	if (f->path == NULL || !store_op_valid(f->op)) {
		return STORE_EINVAL;
	}
	sqlite3_bind_int64(s, 1, st->next_seq);
	sqlite3_bind_int64(s, 2, f->time);
	store_bind_text(s, 3, f->path);
	store_bind_text(s, 4, f->op);
	store_bind_text(s, 5, f->to_path);
	rc = store_run(st, s);
	if (rc == STORE_OK) {
		st->next_seq++;
		rc = 1;
	}
	return rc;
}

int store_add_mail(struct store *st, const struct store_mail *m)
{
	sqlite3_stmt *s = st->stmt[S_MAIL_ADD];
	int rc;

	sqlite3_bind_int64(s, 1, st->next_seq);
	sqlite3_bind_int64(s, 2, m->time);
	store_bind_text(s, 3, m->from);
	store_bind_text(s, 4, m->subject);
	store_bind_text(s, 5, m->mailbox);
	sqlite3_bind_int(s, 6, m->read);
	store_bind_text(s, 7, m->ident);
	rc = store_run(st, s);
	if (rc == STORE_OK && sqlite3_changes(st->db) > 0) {
		st->next_seq++;
		st->version[STORE_V_MAIL]++;
		rc = 1;
	}
	return rc;
}

int store_set_mail_read(struct store *st, const char *ident, bool read)
{
	sqlite3_stmt *s = st->stmt[S_MAIL_READ];
	int rc;

	store_bind_text(s, 1, ident);
	sqlite3_bind_int(s, 2, read);
	rc = store_run(st, s);
	if (rc < 0) {
		return rc;
	}
	rc = sqlite3_changes(st->db);
	if (rc > 0) {
		st->version[STORE_V_MAIL]++;
	}
	return rc;
}

int store_add_suggestion(struct store *st, const char *kind,
			 const char *context, const char *text, int64_t time,
			 int64_t *id)
{
	sqlite3_stmt *s = st->stmt[S_SUGG_ADD];
	int rc;

	if (kind == NULL || text == NULL) {
		return STORE_EINVAL;
	}
	sqlite3_bind_int64(s, 1, time);
	store_bind_text(s, 2, kind);
	store_bind_text(s, 3, context);
	store_bind_text(s, 4, text);
	rc = store_run(st, s);
	if (rc == STORE_OK && id != NULL) {
		*id = sqlite3_last_insert_rowid(st->db);
	}
	return rc;
}

int store_set_suggestion_outcome(struct store *st, int64_t id, int outcome,
				 int64_t time)
{
	sqlite3_stmt *s = st->stmt[S_SUGG_OUTCOME];

	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, outcome);
	sqlite3_bind_int64(s, 3, time);
	return store_run(st, s);
}

/* ---- settings ---------------------------------------------------------- */

static int store_kv_get(struct store *st, enum store_stmt which,
			const char *key, struct buf *out)
{
	sqlite3_stmt *s = st->stmt[which];
	int rc;

	store_bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		buf_append(out, sqlite3_column_text(s, 0),
			   (size_t)sqlite3_column_bytes(s, 0));
		return store_done(s, 1);
	}
	return store_done(s, rc == SQLITE_DONE ? 0 : STORE_EDB);
}

static int store_kv_set(struct store *st, enum store_stmt which,
			const char *key, const char *value)
{
	sqlite3_stmt *s = st->stmt[which];

	if (key == NULL || value == NULL) {
		return STORE_EINVAL;
	}
	store_bind_text(s, 1, key);
	store_bind_text(s, 2, value);
	return store_run(st, s);
}

int store_persona_get(struct store *st, const char *key, struct buf *out)
{
	return store_kv_get(st, S_PERSONA_GET, key, out);
}

int store_persona_set(struct store *st, const char *key, const char *value)
{
	st->version[STORE_V_PERSONA]++;
	return store_kv_set(st, S_PERSONA_SET, key, value);
}

int store_state_get(struct store *st, const char *key, struct buf *out)
{
	return store_kv_get(st, S_STATE_GET, key, out);
}

int store_state_set(struct store *st, const char *key, const char *value)
{
	return store_kv_set(st, S_STATE_SET, key, value);
}

int store_persona_each(struct store *st, store_kv_fn *fn, void *arg)
{
	sqlite3_stmt *s = st->stmt[S_PERSONA_EACH];
	int rc, stop = 0;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		stop = fn((const char *)sqlite3_column_text(s, 0),
			  (const char *)sqlite3_column_text(s, 1), arg);
		if (stop != 0) {
			return store_done(s, stop);
		}
	}
	return store_done(s, rc == SQLITE_DONE ? 0 : STORE_EDB);
}

/* ---- reading ----------------------------------------------------------- */

int store_counts(struct store *st, struct store_counts *out)
{
	sqlite3_stmt *s = st->stmt[S_COUNTS];

	if (sqlite3_step(s) != SQLITE_ROW) {
		return store_done(s, STORE_EDB);
	}
	out->sessions = sqlite3_column_int64(s, 0);
	out->commands = sqlite3_column_int64(s, 1);
	out->file_events = sqlite3_column_int64(s, 2);
	out->mails = sqlite3_column_int64(s, 3);
	out->suggestions = sqlite3_column_int64(s, 4);
	return store_done(s, STORE_OK);
}

int store_time_bounds(struct store *st, int64_t *first, int64_t *last)
{
	sqlite3_stmt *s = st->stmt[S_BOUNDS];

	if (sqlite3_step(s) != SQLITE_ROW) {
		return store_done(s, STORE_EDB);
	}
	*first = sqlite3_column_int64(s, 0);
	*last = sqlite3_column_int64(s, 1);
	return store_done(s, STORE_OK);
}

static const char *store_col_text(sqlite3_stmt *s, int col)
{
	return (const char *)sqlite3_column_text(s, col);
}

/*
 * Runs s and calls fn with each row, read in the column order every
 * command query selects: id, time, cwd, line, session, status,
 * duration_ms.  Returns rows visited, fn's nonzero stop value, or
 * STORE_EDB.  The same for file events (id, time, path, op, to_path) and
 * mail (id, time, sender, subject, mailbox, read, ident).
 */
static int store_each_cmd(sqlite3_stmt *s, store_cmd_fn *fn, void *arg)
{
	struct store_cmd_row row;
	int rc, n = 0, stop;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&row, 0, sizeof(row));
		row.id = sqlite3_column_int64(s, 0);
		row.cmd.time = sqlite3_column_int64(s, 1);
		row.cmd.cwd = store_col_text(s, 2);
		row.cmd.line = store_col_text(s, 3);
		row.cmd.session = store_col_text(s, 4);
		row.cmd.has_status = sqlite3_column_type(s, 5) != SQLITE_NULL;
		row.cmd.status = sqlite3_column_int(s, 5);
		row.cmd.duration_ms = sqlite3_column_int64(s, 6);
		n++;
		if ((stop = fn(&row, arg)) != 0) {
			return store_done(s, stop < 0 ? stop : n);
		}
	}
	return store_done(s, rc == SQLITE_DONE ? n : STORE_EDB);
}

static int store_each_file(sqlite3_stmt *s, store_file_fn *fn, void *arg)
{
	struct store_file_row row;
	int rc, n = 0, stop;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&row, 0, sizeof(row));
		row.id = sqlite3_column_int64(s, 0);
		row.file.time = sqlite3_column_int64(s, 1);
		row.file.path = store_col_text(s, 2);
		row.file.op = store_col_text(s, 3);
		row.file.to_path = store_col_text(s, 4);
		n++;
		if ((stop = fn(&row, arg)) != 0) {
			return store_done(s, stop < 0 ? stop : n);
		}
	}
	return store_done(s, rc == SQLITE_DONE ? n : STORE_EDB);
}

static int store_each_mail(sqlite3_stmt *s, store_mail_fn *fn, void *arg)
{
	struct store_mail_row row;
	int rc, n = 0, stop;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&row, 0, sizeof(row));
		row.id = sqlite3_column_int64(s, 0);
		row.mail.time = sqlite3_column_int64(s, 1);
		row.mail.from = store_col_text(s, 2);
		row.mail.subject = store_col_text(s, 3);
		row.mail.mailbox = store_col_text(s, 4);
		row.mail.read = sqlite3_column_int(s, 5) != 0;
		row.mail.ident = store_col_text(s, 6);
		n++;
		if ((stop = fn(&row, arg)) != 0) {
			return store_done(s, stop < 0 ? stop : n);
		}
	}
	return store_done(s, rc == SQLITE_DONE ? n : STORE_EDB);
}

int store_events_after(struct store *st, int64_t time, int64_t seq,
		       int limit, store_event_fn *fn, void *arg)
{
	sqlite3_stmt *s = st->stmt[S_EVENTS_AFTER];
	struct store_event ev;
	int rc, n = 0, stop;

	sqlite3_bind_int64(s, 1, time);
	sqlite3_bind_int64(s, 2, seq);
	sqlite3_bind_int(s, 3, limit > 0 ? limit : -1);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&ev, 0, sizeof(ev));
		ev.kind = (enum store_kind)sqlite3_column_int(s, 0);
		ev.seq = sqlite3_column_int64(s, 2);
		switch (ev.kind) {
		case STORE_KIND_COMMAND:
			ev.cmd.time = sqlite3_column_int64(s, 1);
			ev.cmd.cwd = store_col_text(s, 3);
			ev.cmd.line = store_col_text(s, 4);
			ev.cmd.session = store_col_text(s, 5);
			ev.cmd.has_status =
				sqlite3_column_type(s, 6) != SQLITE_NULL;
			ev.cmd.status = sqlite3_column_int(s, 6);
			ev.cmd.duration_ms = sqlite3_column_int64(s, 7);
			break;
		case STORE_KIND_FILE:
			ev.file.time = sqlite3_column_int64(s, 1);
			ev.file.path = store_col_text(s, 3);
			ev.file.op = store_col_text(s, 4);
			ev.file.to_path = store_col_text(s, 5);
			break;
		case STORE_KIND_MAIL:
			ev.mail.time = sqlite3_column_int64(s, 1);
			ev.mail.from = store_col_text(s, 3);
			ev.mail.subject = store_col_text(s, 4);
			ev.mail.mailbox = store_col_text(s, 5);
			ev.mail.read = sqlite3_column_int(s, 6) != 0;
			ev.mail.ident = store_col_text(s, 7);
			break;
		}
		n++;
		stop = fn(&ev, arg);
		if (stop != 0) {
			return store_done(s, stop < 0 ? stop : n);
		}
	}
	return store_done(s, rc == SQLITE_DONE ? n : STORE_EDB);
}

/* Appends the WHERE filters of a command query shape. */
static void store_cmd_where(struct buf *sql, unsigned bits)
{
	buf_puts(sql, " WHERE c.time >= :from AND c.time < :to");
	if (bits & QB_A) {
		buf_puts(sql, " AND c.cwd = :cwd");
	}
	if (bits & QB_B) {
		buf_puts(sql, " AND (c.line = :prefix OR substr(c.line, 1,"
			 " length(:prefix) + 1) = :prefix || ' ')");
	}
	if (bits & QB_C) {
		buf_puts(sql, " AND c.id IN (SELECT rowid FROM commands_fts"
			 " WHERE commands_fts MATCH :match)");
	}
	if (bits & QB_D) {
		buf_puts(sql, " AND c.status = 0");
	}
	if (bits & QB_E) {
		buf_puts(sql, " AND c.status <> 0");
	}
}

static const char store_stats_cols[] =
	"count(*), coalesce(sum(c.status <> 0), 0), count(c.duration_ms),"
	" coalesce(sum(c.duration_ms), 0), coalesce(min(c.duration_ms), 0),"
	" coalesce(max(c.duration_ms), 0), coalesce(min(c.time), 0),"
	" coalesce(max(c.time), 0)";

/* Builds the SQL of a query shape from fixed fragments only. */
static void store_query_sql(struct buf *sql, enum store_qkind kind,
			    unsigned bits)
{
	const char *order = bits & QB_DESC ? " DESC" : "";

	switch (kind) {
	case QK_CMD_ROWS:
		buf_puts(sql, "SELECT c.id, c.time, c.cwd, c.line, s.name,"
			 " c.status, c.duration_ms FROM commands c"
			 " LEFT JOIN sessions s ON s.id = c.session");
		store_cmd_where(sql, bits);
		buf_printf(sql, " ORDER BY c.time%s, c.seq%s LIMIT :limit",
			   order, order);
		break;
	case QK_CMD_BY_DURATION:
		buf_puts(sql, "SELECT c.id, c.time, c.cwd, c.line, s.name,"
			 " c.status, c.duration_ms FROM commands c"
			 " LEFT JOIN sessions s ON s.id = c.session");
		store_cmd_where(sql, bits);
		buf_printf(sql, " AND c.duration_ms IS NOT NULL"
			   " ORDER BY c.duration_ms%s, c.time DESC LIMIT :limit",
			   order);
		break;
	case QK_CMD_STATS:
		buf_printf(sql, "SELECT %s FROM commands c", store_stats_cols);
		store_cmd_where(sql, bits);
		break;
	case QK_CMD_GROUP_LINE:
	case QK_CMD_GROUP_CWD:
	case QK_CMD_GROUP_WORD:
	case QK_CMD_GROUP_DAY:
	case QK_CMD_GROUP_SESSION:
		buf_printf(sql, "SELECT %s, %s AS k FROM commands c",
			   store_stats_cols,
			   kind == QK_CMD_GROUP_LINE ? "c.line" :
			   kind == QK_CMD_GROUP_CWD ? "c.cwd" :
			   kind == QK_CMD_GROUP_DAY ?
			   "CAST(c.time - (c.time % 86400) AS TEXT)" :
			   kind == QK_CMD_GROUP_SESSION ?
			   "CAST(coalesce(c.session, 0) AS TEXT)" :
			   "CASE WHEN instr(c.line, ' ') > 0 THEN"
			   " substr(c.line, 1, instr(c.line, ' ') - 1)"
			   " ELSE c.line END");
		store_cmd_where(sql, bits);
		buf_puts(sql, " GROUP BY k ORDER BY count(*) DESC,"
			 " max(c.time) DESC LIMIT :limit");
		break;
	case QK_FILE_ROWS:
		buf_puts(sql, "SELECT id, time, path, op, to_path"
			 " FROM file_events WHERE time >= :from AND time < :to");
		if (bits & QB_A) {
			buf_puts(sql, " AND (instr(path, :part) > 0 OR"
				 " instr(coalesce(to_path, ''), :part) > 0)");
		}
		if (bits & QB_B) {
			buf_puts(sql, " AND op = :op");
		}
		buf_printf(sql, " ORDER BY time%s, seq%s LIMIT :limit",
			   order, order);
		break;
	case QK_MAIL_ROWS:
		buf_puts(sql, "SELECT id, time, sender, subject, mailbox,"
			 " read, ident FROM mail"
			 " WHERE time >= :from AND time < :to");
		if (bits & QB_A) {
			buf_puts(sql, " AND instr(lower(coalesce(sender, '')),"
				 " lower(:sender)) > 0");
		}
		if (bits & QB_B) {
			buf_puts(sql, " AND instr(lower(coalesce(subject, '')),"
				 " lower(:subject)) > 0");
		}
		if (bits & QB_C) {
			buf_puts(sql, " AND mailbox = :mailbox");
		}
		if (bits & QB_D) {
			buf_puts(sql, " AND read = 0");
		}
		buf_printf(sql, " ORDER BY time%s, seq%s LIMIT :limit",
			   order, order);
		break;
	case QK_COUNT:
		break;
	}
}

/* The prepared statement of a query shape (prepared on first use). */
static sqlite3_stmt *store_query(struct store *st, enum store_qkind kind,
				 unsigned bits)
{
	struct buf sql = BUF_INIT;
	sqlite3_stmt *s;

	s = st->query[kind][bits];
	if (s != NULL) {
		return s;
	}
	store_query_sql(&sql, kind, bits);
	if (sql.err || sqlite3_prepare_v3(st->db, buf_str(&sql), -1,
					  SQLITE_PREPARE_PERSISTENT, &s,
					  NULL) != SQLITE_OK) {
		buf_release(&sql);
		return NULL;
	}
	buf_release(&sql);
	st->query[kind][bits] = s;
	return s;
}

static void store_bind_named_text(sqlite3_stmt *s, const char *name,
				  const char *v)
{
	int idx = sqlite3_bind_parameter_index(s, name);

	if (idx > 0) {
		store_bind_text(s, idx, v);
	}
}

static void store_bind_named_int(sqlite3_stmt *s, const char *name,
				 int64_t v)
{
	int idx = sqlite3_bind_parameter_index(s, name);

	if (idx > 0) {
		sqlite3_bind_int64(s, idx, v);
	}
}

static void store_bind_range(sqlite3_stmt *s, int64_t from, int64_t to,
			     int limit)
{
	store_bind_named_int(s, ":from", from ? from : INT64_MIN);
	store_bind_named_int(s, ":to", to ? to : INT64_MAX);
	store_bind_named_int(s, ":limit", limit > 0 ? limit : -1);
}

static unsigned store_cmd_bits(const struct store_cmd_query *q)
{
	unsigned bits = 0;

	bits |= q->cwd ? QB_A : 0;
	bits |= q->prefix ? QB_B : 0;
	bits |= q->match ? QB_C : 0;
	bits |= q->status == STORE_STATUS_OK ? QB_D : 0;
	bits |= q->status == STORE_STATUS_FAILED ? QB_E : 0;
	bits |= q->newest_first ? QB_DESC : 0;
	return bits;
}

static sqlite3_stmt *store_cmd_stmt(struct store *st, enum store_qkind kind,
				    const struct store_cmd_query *q)
{
	unsigned bits = store_cmd_bits(q);
	sqlite3_stmt *s;

	if (kind != QK_CMD_ROWS && kind != QK_CMD_BY_DURATION) {
		bits &= ~(unsigned)QB_DESC;
	}
	s = store_query(st, kind, bits);
	if (s == NULL) {
		return NULL;
	}
	store_bind_range(s, q->from, q->to, q->limit);
	store_bind_named_text(s, ":cwd", q->cwd);
	store_bind_named_text(s, ":prefix", q->prefix);
	store_bind_named_text(s, ":match", q->match);
	return s;
}

static int store_cmd_rows(struct store *st, enum store_qkind kind,
			  const struct store_cmd_query *q, store_cmd_fn *fn,
			  void *arg);

int store_commands(struct store *st, const struct store_cmd_query *q,
		   store_cmd_fn *fn, void *arg)
{
	return store_cmd_rows(st, QK_CMD_ROWS, q, fn, arg);
}

int store_commands_by_duration(struct store *st,
			       const struct store_cmd_query *q,
			       store_cmd_fn *fn, void *arg)
{
	return store_cmd_rows(st, QK_CMD_BY_DURATION, q, fn, arg);
}

static int store_cmd_rows(struct store *st, enum store_qkind kind,
			  const struct store_cmd_query *q, store_cmd_fn *fn,
			  void *arg)
{
	sqlite3_stmt *s = store_cmd_stmt(st, kind, q);

	if (s == NULL) {
		return STORE_EDB;
	}
	return store_each_cmd(s, fn, arg);
}

static void store_read_stats(sqlite3_stmt *s, struct store_cmd_stats *out)
{
	out->count = sqlite3_column_int64(s, 0);
	out->failed = sqlite3_column_int64(s, 1);
	out->with_duration = sqlite3_column_int64(s, 2);
	out->total_ms = sqlite3_column_int64(s, 3);
	out->min_ms = sqlite3_column_int64(s, 4);
	out->max_ms = sqlite3_column_int64(s, 5);
	out->first = sqlite3_column_int64(s, 6);
	out->last = sqlite3_column_int64(s, 7);
}

int store_command_stats(struct store *st, const struct store_cmd_query *q,
			struct store_cmd_stats *out)
{
	sqlite3_stmt *s = store_cmd_stmt(st, QK_CMD_STATS, q);

	memset(out, 0, sizeof(*out));
	if (s == NULL) {
		return STORE_EDB;
	}
	if (sqlite3_step(s) != SQLITE_ROW) {
		return store_done(s, STORE_EDB);
	}
	store_read_stats(s, out);
	return store_done(s, STORE_OK);
}

int store_command_groups(struct store *st, const struct store_cmd_query *q,
			 enum store_group group, store_group_fn *fn, void *arg)
{
	static const enum store_qkind kinds[] = {
		[STORE_GROUP_LINE] = QK_CMD_GROUP_LINE,
		[STORE_GROUP_CWD] = QK_CMD_GROUP_CWD,
		[STORE_GROUP_WORD] = QK_CMD_GROUP_WORD,
		[STORE_GROUP_DAY] = QK_CMD_GROUP_DAY,
		[STORE_GROUP_SESSION] = QK_CMD_GROUP_SESSION,
	};
	struct store_group_row row;
	sqlite3_stmt *s;
	int rc, n = 0, stop;

	if ((unsigned)group > STORE_GROUP_SESSION) {
		return STORE_EINVAL;
	}
	s = store_cmd_stmt(st, kinds[group], q);
	if (s == NULL) {
		return STORE_EDB;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&row, 0, sizeof(row));
		store_read_stats(s, &row.stats);
		row.key = store_col_text(s, 8);
		n++;
		if ((stop = fn(&row, arg)) != 0) {
			return store_done(s, stop < 0 ? stop : n);
		}
	}
	return store_done(s, rc == SQLITE_DONE ? n : STORE_EDB);
}

int store_file_events(struct store *st, const struct store_file_query *q,
		      store_file_fn *fn, void *arg)
{
	unsigned bits = (q->path_part ? QB_A : 0) | (q->op ? QB_B : 0) |
			(q->newest_first ? QB_DESC : 0);
	sqlite3_stmt *s = store_query(st, QK_FILE_ROWS, bits);

	if (s == NULL) {
		return STORE_EDB;
	}
	store_bind_range(s, q->from, q->to, q->limit);
	store_bind_named_text(s, ":part", q->path_part);
	store_bind_named_text(s, ":op", q->op);
	return store_each_file(s, fn, arg);
}

int store_mails(struct store *st, const struct store_mail_query *q,
		store_mail_fn *fn, void *arg)
{
	unsigned bits = (q->sender_part ? QB_A : 0) |
			(q->subject_part ? QB_B : 0) |
			(q->mailbox ? QB_C : 0) | (q->unread_only ? QB_D : 0) |
			(q->newest_first ? QB_DESC : 0);
	sqlite3_stmt *s = store_query(st, QK_MAIL_ROWS, bits);

	if (s == NULL) {
		return STORE_EDB;
	}
	store_bind_range(s, q->from, q->to, q->limit);
	store_bind_named_text(s, ":sender", q->sender_part);
	store_bind_named_text(s, ":subject", q->subject_part);
	store_bind_named_text(s, ":mailbox", q->mailbox);
	return store_each_mail(s, fn, arg);
}

void store_fts_phrase(struct buf *out, const char *term)
{
	buf_putc(out, '"');
	for (; *term != '\0'; term++) {
		if (*term == '"') {
			buf_putc(out, '"');
		}
		buf_putc(out, *term);
	}
	buf_putc(out, '"');
}

/* ---- forgetting -------------------------------------------------------- */

/* Runs a DELETE and adds the rows it removed to *n. */
static int store_delete(struct store *st, sqlite3_stmt *s, int64_t *n)
{
	if (store_run(st, s) < 0) {
		return STORE_EDB;
	}
	*n += sqlite3_changes(st->db);
	return STORE_OK;
}

/* Drops the sessions that no command refers to any more. */
static int store_forget_sessions(struct store *st)
{
	sqlite3_stmt *s = st->stmt[S_FORGET_SESSIONS];

	store_sessions_forget(st);
	return store_run(st, s);
}

/* After deleting: compact the FTS index, commit, truncate the WAL. */
static int store_forget_finish(struct store *st, struct store_tx *tx, int rc,
			       int64_t n)
{
	if (rc == STORE_OK) {
		rc = store_run(st, st->stmt[S_FTS_OPTIMIZE]);
	}
	st->generation++;
	store_changed_all(st);
	rc = store_tx_end(st, tx, rc);
	if (rc < 0) {
		return rc;
	}
	if (!st->in_tx && store_checkpoint(st) < 0) {
		return STORE_EDB;
	}
	return n > INT32_MAX ? INT32_MAX : (int)n;
}

int store_forget_range(struct store *st, int64_t from, int64_t to)
{
	static const enum store_stmt range[] = {
		S_FORGET_CMD_RANGE, S_FORGET_FILE_RANGE, S_FORGET_MAIL_RANGE,
		S_FORGET_SUGG_RANGE,
	};
	struct store_tx tx;
	int64_t n = 0;
	size_t i;
	int rc;

	if ((rc = store_tx_begin(st, &tx)) < 0) {
		return rc;
	}
	/* the delete trigger needs every command indexed first */
	rc = store_fts_sync(st);
	for (i = 0; i < sizeof(range) / sizeof(range[0]) && rc == 0; i++) {
		sqlite3_bind_int64(st->stmt[range[i]], 1, from);
		sqlite3_bind_int64(st->stmt[range[i]], 2, to);
		rc = store_delete(st, st->stmt[range[i]], &n);
	}
	if (rc == STORE_OK) {
		rc = store_forget_sessions(st);
	}
	return store_forget_finish(st, &tx, rc, n);
}

int store_forget_all(struct store *st)
{
	return store_forget_range(st, INT64_MIN, INT64_MAX);
}

/* Appends %term% with LIKE's wildcards escaped by '\'. */
static void store_like_pattern(struct buf *out, const char *term)
{
	buf_putc(out, '%');
	for (; *term != '\0'; term++) {
		if (*term == '%' || *term == '_' || *term == '\\') {
			buf_putc(out, '\\');
		}
		buf_putc(out, *term);
	}
	buf_putc(out, '%');
}

int store_forget_match(struct store *st, const char *term)
{
	static const enum store_stmt like[] = {
		S_FORGET_FILE_LIKE, S_FORGET_MAIL_LIKE, S_FORGET_SUGG_LIKE,
	};
	struct buf phrase = BUF_INIT, pattern = BUF_INIT;
	struct store_tx tx;
	int64_t n = 0;
	size_t i;
	int rc;

	if (term == NULL || term[0] == '\0') {
		return STORE_EINVAL;
	}
	store_fts_phrase(&phrase, term);
	store_like_pattern(&pattern, term);
	if (phrase.err || pattern.err) {
		rc = STORE_ENOMEM;
		goto out;
	}
	if ((rc = store_tx_begin(st, &tx)) < 0) {
		goto out;
	}
	rc = store_fts_sync(st);
	store_bind_text(st->stmt[S_FORGET_CMD_MATCH], 1, buf_str(&phrase));
	if (rc == STORE_OK) {
		rc = store_delete(st, st->stmt[S_FORGET_CMD_MATCH], &n);
	}
	for (i = 0; i < sizeof(like) / sizeof(like[0]) && rc == 0; i++) {
		store_bind_text(st->stmt[like[i]], 1, buf_str(&pattern));
		rc = store_delete(st, st->stmt[like[i]], &n);
	}
	if (rc == STORE_OK) {
		rc = store_forget_sessions(st);
	}
	rc = store_forget_finish(st, &tx, rc, n);
out:
	buf_release(&phrase);
	buf_release(&pattern);
	return rc;
}

int store_checkpoint(struct store *st)
{
	sqlite3_stmt *s = st->stmt[S_CHECKPOINT];
	int rc = sqlite3_step(s);
	int busy = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 1;

	return store_done(s, busy == 0 ? STORE_OK : STORE_EDB);
}

int store_integrity(struct store *st, struct buf *out)
{
	sqlite3_stmt *s = st->stmt[S_INTEGRITY];
	const char *text;
	int rc;

	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		buf_puts(out, sqlite3_errmsg(st->db));
		return store_done(s, STORE_EDB);
	}
	text = store_col_text(s, 0);
	if (text == NULL || strcmp(text, "ok") != 0) {
		buf_puts(out, text ? text : "integrity_check failed");
		return store_done(s, STORE_EDB);
	}
	store_done(s, 0);
	if (store_run(st, st->stmt[S_FTS_INTEGRITY]) < 0) {
		buf_printf(out, "fts: %s", sqlite3_errmsg(st->db));
		return STORE_EDB;
	}
	return STORE_OK;
}

/* ---- scans for the ask engine's vocabulary ------------------------------- */

int store_commands_since(struct store *st, int64_t after_id, int limit,
			 store_cmd_fn *fn, void *arg)
{
	sqlite3_stmt *s = st->stmt[S_CMD_SINCE];

	sqlite3_bind_int64(s, 1, after_id);
	sqlite3_bind_int(s, 2, limit > 0 ? limit : -1);
	return store_each_cmd(s, fn, arg);
}

int store_files_since(struct store *st, int64_t after_id, int limit,
		      store_file_fn *fn, void *arg)
{
	sqlite3_stmt *s = st->stmt[S_FILE_SINCE];

	sqlite3_bind_int64(s, 1, after_id);
	sqlite3_bind_int(s, 2, limit > 0 ? limit : -1);
	return store_each_file(s, fn, arg);
}

int store_mails_since(struct store *st, int64_t after_id, int limit,
		      store_mail_fn *fn, void *arg)
{
	sqlite3_stmt *s = st->stmt[S_MAIL_SINCE];

	sqlite3_bind_int64(s, 1, after_id);
	sqlite3_bind_int(s, 2, limit > 0 ? limit : -1);
	return store_each_mail(s, fn, arg);
}

/* ---- the man-page index ---------------------------------------------------- */

int store_doc_page_delete(struct store *st, const char *path)
{
	sqlite3_stmt *s = st->stmt[S_DOC_PAGE_DEL];

	store_bind_text(s, 1, path);
	return store_run(st, s);
}

int store_doc_page_add(struct store *st, const struct store_doc_page *p,
		       int64_t *id)
{
	sqlite3_stmt *s = st->stmt[S_DOC_PAGE_ADD];
	int rc;

	if (p->name == NULL || p->path == NULL || p->section == NULL) {
		return STORE_EINVAL;
	}
	if ((rc = store_doc_page_delete(st, p->path)) < 0) {
		return rc;
	}
	store_bind_text(s, 1, p->name);
	store_bind_text(s, 2, p->names ? p->names : p->name);
	store_bind_text(s, 3, p->section);
	store_bind_text(s, 4, p->path);
	sqlite3_bind_int64(s, 5, p->mtime);
	sqlite3_bind_int(s, 6, p->prio);
	store_bind_text(s, 7, p->summary ? p->summary : "");
	store_bind_text(s, 8, p->synopsis ? p->synopsis : "");
	store_bind_text(s, 9, p->description ? p->description : "");
	rc = store_run(st, s);
	if (rc == STORE_OK && id != NULL) {
		*id = sqlite3_last_insert_rowid(st->db);
	}
	return rc;
}

int store_doc_opt_add(struct store *st, int64_t page, const char *opt,
		      const char *text)
{
	sqlite3_stmt *s = st->stmt[S_DOC_OPT_ADD];

	if (opt == NULL || text == NULL) {
		return STORE_EINVAL;
	}
	sqlite3_bind_int64(s, 1, page);
	store_bind_text(s, 2, opt);
	store_bind_text(s, 3, text);
	return store_run(st, s);
}

int store_doc_pages_each(struct store *st, store_doc_path_fn *fn, void *arg)
{
	sqlite3_stmt *s = st->stmt[S_DOC_PAGES_EACH];
	int rc, stop;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		stop = fn(store_col_text(s, 0), sqlite3_column_int64(s, 1), arg);
		if (stop != 0) {
			return store_done(s, stop);
		}
	}
	return store_done(s, rc == SQLITE_DONE ? 0 : STORE_EDB);
}

int store_doc_counts(struct store *st, int64_t *pages, int64_t *opts)
{
	sqlite3_stmt *s = st->stmt[S_DOC_COUNT];

	if (sqlite3_step(s) != SQLITE_ROW) {
		return store_done(s, STORE_EDB);
	}
	*pages = sqlite3_column_int64(s, 0);
	*opts = sqlite3_column_int64(s, 1);
	return store_done(s, STORE_OK);
}

/* Calls fn for each row of a docs statement (columns as in store_sql). */
static int store_doc_rows(sqlite3_stmt *s, bool with_opt, store_doc_fn *fn,
			  void *arg)
{
	struct store_doc_hit h;
	int rc, n = 0, stop;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&h, 0, sizeof(h));
		h.page = sqlite3_column_int64(s, 0);
		h.name = store_col_text(s, 1);
		h.section = store_col_text(s, 2);
		h.summary = store_col_text(s, 3);
		h.prio = sqlite3_column_int(s, 4);
		h.bm25 = sqlite3_column_double(s, 5);
		h.synopsis = store_col_text(s, 6);
		h.description = store_col_text(s, 9);
		h.names = store_col_text(s, 10);
		if (with_opt) {
			h.opt = store_col_text(s, 7);
			h.text = store_col_text(s, 8);
		}
		n++;
		if ((stop = fn(&h, arg)) != 0) {
			return store_done(s, stop < 0 ? stop : n);
		}
	}
	return store_done(s, rc == SQLITE_DONE ? n : STORE_EDB);
}

int store_doc_search_pages(struct store *st, const char *match,
			   bool base_only, int limit, store_doc_fn *fn,
			   void *arg)
{
	sqlite3_stmt *s = st->stmt[base_only ? S_DOC_SEARCH_PAGES_BASE :
				   S_DOC_SEARCH_PAGES];

	store_bind_text(s, 1, match);
	sqlite3_bind_int(s, 2, limit > 0 ? limit : -1);
	return store_doc_rows(s, false, fn, arg);
}

int store_doc_search_opts(struct store *st, const char *match,
			  bool base_only, int limit, store_doc_fn *fn,
			  void *arg)
{
	sqlite3_stmt *s = st->stmt[base_only ? S_DOC_SEARCH_OPTS_BASE :
				   S_DOC_SEARCH_OPTS];

	store_bind_text(s, 1, match);
	sqlite3_bind_int(s, 2, limit > 0 ? limit : -1);
	return store_doc_rows(s, true, fn, arg);
}

int store_doc_pages_named(struct store *st, const char *name,
			  store_doc_fn *fn, void *arg)
{
	sqlite3_stmt *s = st->stmt[S_DOC_PAGE_BY_NAME];

	store_bind_text(s, 1, name);
	return store_doc_rows(s, false, fn, arg);
}

int store_doc_page_opts(struct store *st, int64_t page, store_doc_fn *fn,
			void *arg)
{
	sqlite3_stmt *s = st->stmt[S_DOC_OPTS_OF];

	sqlite3_bind_int64(s, 1, page);
	return store_doc_rows(s, true, fn, arg);
}

int64_t store_doc_term_df(struct store *st, const char *term)
{
	sqlite3_stmt *s = st->stmt[S_DOC_TERM_DF];
	int rc;
	int64_t df = 0;

	store_bind_text(s, 1, term);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		df = sqlite3_column_int64(s, 0);
	} else if (rc != SQLITE_DONE) {
		return store_done(s, STORE_EDB);
	}
	store_done(s, 0);
	return df;
}
