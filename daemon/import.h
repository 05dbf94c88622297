/*
 * import.h - the JSON-lines event format of `companion import` and
 * `companion export` (../shared/bench/ask/README.md, docs/store.md).
 *
 *	{"type": "command", "time": "2026-11-19T10:02:11", "cwd": "/home/theo",
 *	 "cmd": "make test", "status": 2, "duration_ms": 5400, "session": "s1"}
 *	{"type": "file", "time": ..., "path": ..., "op": "move", "to": ...}
 *	{"type": "mail", "time": ..., "from": ..., "subject": ..., "mailbox":
 *	 ..., "read": false}
 *
 * Reading is strict about what it uses and lenient about the rest:
 * unknown members and unknown "type" values are ignored; a known member
 * with the wrong JSON type, a missing required member, a bad time, a line
 * that is not one JSON object, or a line over IMPORT_LINE_MAX bytes makes
 * the line bad: it is reported with its number and skipped.  Blank lines
 * are skipped silently.  Command lines pass through the redactor, and a
 * command line starting with a space is not recorded (redact.h).
 *
 * An import streams: the shell sends the file in chunks of any size,
 * import_feed() splits them into lines and stages the parsed events in
 * memory, and only import_commit() writes them, all in one transaction, so
 * an import that fails or is cut off leaves the store as it was.
 *
 * Writing (import_emit()) produces exactly the format above, members in
 * that order, members whose value is unknown left out, strings escaped as
 * Python's json.dumps() does, so an export of an import of a file written
 * that way gives back the same bytes.
 */
#ifndef HERSH_IMPORT_H
#define HERSH_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hersh/buf.h>

#include "store.h"

/* Longest line accepted (bytes, newline excluded). */
#define IMPORT_LINE_MAX (256 * 1024)
/* Most bytes of events one import may stage before it must be split. */
#define IMPORT_STAGE_MAX ((size_t)512 * 1024 * 1024)

/* What import_parse_line() made of a line. */
enum import_result {
	IMPORT_EVENT = 0,	/* *ev holds an event to record */
	IMPORT_BLANK = 1,	/* only white space: skip silently */
	IMPORT_UNKNOWN = 2,	/* valid, but a type we don't record */
	IMPORT_PRIVATE = 3,	/* a command starting with a space */
	IMPORT_BAD = -1,	/* invalid: reason in why */
	IMPORT_NOMEM = -2,
};

/* Scratch space for import_parse_line(); reuse it across lines. */
struct import_line;
struct import_line *import_line_new(void);
void import_line_free(struct import_line *il);

/*
 * Parses one line (len bytes, no newline needed, need not be
 * NUL-terminated).  On IMPORT_EVENT, *ev points into il and is valid until
 * the next call; the command line is already redacted (*redacted says
 * whether redaction changed it; may be NULL).  On IMPORT_BAD a reason is
 * appended to why.
 */
enum import_result import_parse_line(struct import_line *il, const char *line,
				     size_t len, struct store_event *ev,
				     bool *redacted, struct buf *why);

/* Appends ev as one JSON line (with its newline) to out. */
void import_emit(struct buf *out, const struct store_event *ev);

/* Counts of an import. */
struct import_summary {
	int64_t lines;		/* lines read */
	int64_t commands;	/* events staged, per kind */
	int64_t files;
	int64_t mails;
	int64_t bad;		/* lines reported and skipped */
	int64_t unknown;	/* events of unknown type, ignored */
	int64_t private_lines;	/* commands starting with a space */
	int64_t redacted;	/* commands whose line was redacted */
	int64_t known;		/* already in the memory: not added again */
};

/* A streaming import. */
struct import;

/* Called for each bad line (1-based line number and reason). */
typedef void import_issue_fn(int64_t line, const char *why, void *arg);

struct import *import_new(import_issue_fn *fn, void *arg);
void import_free(struct import *im);
/*
 * Takes the next n bytes of the file.  Returns 0, or IMPORT_NOMEM when the
 * staged events pass IMPORT_STAGE_MAX or memory runs out (the import is
 * then dead: free it).
 */
int import_feed(struct import *im, const char *p, size_t n);
/*
 * Ends the input (a last line without newline counts) and writes every
 * staged event to st in one transaction.  Returns events written, or a
 * negative enum import_result / enum store_err (nothing written).
 */
int64_t import_commit(struct import *im, struct store *st);
/* The counts so far. */
const struct import_summary *import_summary(const struct import *im);

#endif
