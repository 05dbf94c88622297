/*
 * mailparse.h - RFC 5322 message headers, RFC 2047 encoded words, mbox
 * framing and Maildir file names: pure functions on bytes.
 *
 * Everything here is attacker-controlled input, so every function takes a
 * pointer and a length (no NUL needed), never reads outside them, never
 * allocates more than the caps below allow, never does I/O and never
 * exits: it is meant to run inside the sandboxed parser worker, and
 * tests/fuzz/fuzz_mail.c drives all of it.
 *
 * Text that comes out (From, Subject) is UTF-8, holds no control
 * characters (C0, DEL, C1 become spaces; runs of white space become one
 * space, trimmed at both ends) and is at most MAILPARSE_TEXT_MAX bytes,
 * cut on a character boundary.  Bytes that are not valid in their charset
 * become U+FFFD.
 *
 * Charsets.  utf-8, us-ascii, iso-8859-1, iso-8859-15 and windows-1252
 * (and their usual aliases) are converted by tables in mailparse.c, which
 * need no files and so work under any sandbox.  Any other charset goes
 * through iconv(3).  glibc's iconv_open() reads gconv-modules and loads a
 * shared object, which a sandbox forbids, so a process that locks itself
 * down calls mailparse_charset_preload() first: it opens the converters
 * for a list of other common charsets once, and from then on only those
 * are used (an unknown charset gives U+FFFD for its non-ASCII bytes).
 * Raw 8-bit bytes outside encoded words are kept when they are valid
 * UTF-8 and read as windows-1252 otherwise (what mail clients do).
 */
#ifndef HERSH_MAILPARSE_H
#define HERSH_MAILPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hersh/buf.h>

/* Header bytes looked at per message; the rest of a longer block is
 * skipped. */
#define MAILPARSE_HEADER_MAX (256 * 1024)
/* Header fields looked at per message. */
#define MAILPARSE_FIELDS_MAX 1000
/* Bytes of one unfolded field value that are decoded. */
#define MAILPARSE_VALUE_MAX (16 * 1024)
/* Bytes of decoded text kept (From, Subject, Message-ID). */
#define MAILPARSE_TEXT_MAX 1000
/* Bytes of an mbox "From " line kept. */
#define MAILPARSE_FROMLINE_MAX 1000

/* Message flags, from Status:/X-Status: (mbox) or a Maildir name. */
enum mailparse_flag {
	MAILPARSE_SEEN = 1 << 0,	/* read: Status R, Maildir S */
	MAILPARSE_OLD = 1 << 1,		/* no longer new: Status O, in cur/ */
	MAILPARSE_ANSWERED = 1 << 2,	/* X-Status A, Maildir R */
	MAILPARSE_FLAGGED = 1 << 3,	/* X-Status F, Maildir F */
	MAILPARSE_DELETED = 1 << 4,	/* X-Status D, Maildir T */
	MAILPARSE_DRAFT = 1 << 5,	/* X-Status T, Maildir D */
};

/* One header field as it stands in the message (value still folded). */
struct mailparse_field {
	const char *name;
	size_t name_len;
	const char *value;	/* after the colon, up to the line end */
	size_t value_len;	/* including folding line breaks */
};

/*
 * Steps through the header block of p[0..n): stores the field that starts
 * at *pos in f, moves *pos past it and returns true; returns false at the
 * blank line that ends the header block (*pos is then just past it) or at
 * n.  Lines that are not fields (no colon, bad name, an mbox "From "
 * line) are skipped with their continuation lines.  Lines end with LF or
 * CRLF.  Start with *pos = 0.
 */
bool mailparse_next_field(const char *p, size_t n, size_t *pos,
			  struct mailparse_field *f);

/*
 * Length of the header block of p[0..n) including the blank line that
 * ends it, or n when there is none; *complete says whether it was found.
 */
size_t mailparse_header_len(const char *p, size_t n, bool *complete);

/* Appends v[0..n) unfolded (line breaks before white space removed),
 * trimmed, cut at MAILPARSE_VALUE_MAX bytes. */
void mailparse_unfold(const char *v, size_t n, struct buf *out);

/*
 * Appends unstructured text (a Subject) with its RFC 2047 encoded words
 * decoded, as clean UTF-8 (see above).  Adjacent encoded words are joined
 * (the white space between them dropped) and decoded together, so a
 * character split across two words survives.  Folded input is accepted.
 */
void mailparse_decode_text(const char *v, size_t n, struct buf *out);

/*
 * Parses the first mailbox of an address list (a From: value): appends
 * its display name (unquoted, encoded words decoded; from a comment for
 * "addr (Name)") to name and its address (without angle brackets) to
 * addr.  Either may stay empty.  Returns true when an address was found.
 */
bool mailparse_address(const char *v, size_t n, struct buf *name,
		       struct buf *addr);

/* Appends "Name <addr>", "addr" or "Name" for a From: value; nothing if
 * it holds neither. */
void mailparse_from(const char *v, size_t n, struct buf *out);

/*
 * Parses an RFC 5322 date-time ("Thu, 19 Nov 2026 11:12:00 +0100"), with
 * the obsolete forms (two-digit years, zone names UT GMT EST EDT CST CDT
 * MST MDT PST PDT and military letters, no seconds, comments) and the
 * asctime form of mbox "From " lines ("Thu Nov 19 11:12:00 2026", read
 * as UTC).  Sets *epoch to seconds since the epoch (UTC) and returns
 * true; false when the text is no date.
 */
bool mailparse_date(const char *v, size_t n, int64_t *epoch);

/* enum mailparse_flag bits of a Status: or X-Status: value. */
unsigned mailparse_status(const char *v, size_t n);

/*
 * Splits a Maildir file name "UNIQUE:2,FLAGS" (also "UNIQUE!2,FLAGS"):
 * returns the length of UNIQUE and sets *flags to its enum
 * mailparse_flag bits (0 without an info part).
 */
size_t mailparse_maildir_name(const char *name, size_t n, unsigned *flags);

/* A parsed message header. */
struct mailparse_msg {
	struct buf from;	/* "Name <addr>", clean UTF-8 */
	struct buf subject;
	struct buf message_id;	/* as written, trimmed, without < > */
	int64_t date;		/* seconds since the epoch, if has_date */
	bool has_date;
	unsigned flags;		/* enum mailparse_flag from Status/X-Status */
	bool has_status;	/* a Status: field was present */
	bool complete;		/* the blank line ending the header was seen */
};

void mailparse_msg_init(struct mailparse_msg *m);
void mailparse_msg_release(struct mailparse_msg *m);

/*
 * Parses the header block at the start of p[0..n) (a whole message or
 * only its header) into m, replacing what m held.  First occurrences of
 * From, Subject, Date, Message-ID, Status and X-Status win.  Returns 0,
 * or -1 when a buffer ran out of memory (m then holds what fitted).
 */
int mailparse_msg_parse(struct mailparse_msg *m, const char *p, size_t n);

/*
 * The parser worker's side of mail headers (a worker_parse_fn, see
 * worker.h, for WORKER_MAIL_HEADERS): parses the header block in[0..len)
 * and appends the result encoded by mailparse_msg_encode().  Returns 0.
 */
int mailparse_worker_parse(const char *in, size_t len, struct buf *out);

/*
 * The encoding a worker sends back, little endian: u8 version (1), u8
 * bits (1 has_date, 2 has_status, 4 complete), u32 flags, i64 date, then
 * from, subject and message_id, each a u16 length and its bytes.
 */
void mailparse_msg_encode(const struct mailparse_msg *m, struct buf *out);
/*
 * Decodes p[0..n) into m, trusting nothing: the lengths must add up
 * exactly and stay within MAILPARSE_TEXT_MAX, unknown bits and flags are
 * refused, and the texts are cleaned again (valid UTF-8, no controls).
 * Returns 0, or -1 (m then holds empty fields).
 */
int mailparse_msg_decode(struct mailparse_msg *m, const char *p, size_t n);

/*
 * Incremental mbox framing.  A message starts with a line beginning
 * "From " at the start of the file or after an empty line; lines before
 * the first such line are skipped.  Feed the file's bytes in order, in
 * chunks of any size; each time a message's header block is complete the
 * callback gets the offset of its "From " line, the line (without its
 * line break, cut at MAILPARSE_FROMLINE_MAX) and the header block (cut at
 * MAILPARSE_HEADER_MAX).  A header block still open at the end of the
 * bytes fed so far is reported by a later feed, so a file that grows can
 * be followed by feeding only the new bytes.
 */
struct mailparse_mbox {
	uint64_t pos;		/* bytes fed so far */
	uint64_t msg_start;	/* offset of the current "From " line */
	int state;		/* private: where in a message we are */
	bool prev_blank;	/* the line before the current one was empty */
	size_t line_len;	/* bytes of the current line fed so far */
	char head[5];		/* its first bytes */
	struct buf from_line;	/* the current message's "From " line */
	struct buf header;	/* its header block so far */
};

/* Return nonzero to stop feeding; mailparse_mbox_feed() returns it. */
typedef int mailparse_mbox_fn(void *ctx, uint64_t offset,
			      const char *from_line, size_t from_len,
			      const char *header, size_t header_len);

void mailparse_mbox_init(struct mailparse_mbox *mb);
void mailparse_mbox_release(struct mailparse_mbox *mb);
/* Feeds p[0..n).  Returns 0, or the callback's nonzero value. */
int mailparse_mbox_feed(struct mailparse_mbox *mb, const char *p, size_t n,
			mailparse_mbox_fn *fn, void *ctx);

/*
 * Appends p[0..n) in charset (a MIME charset name, any case, RFC 2231
 * "*lang" suffix allowed) to out as UTF-8 (not cleaned).  Returns 0, or
 * -1 when the charset is unknown or unavailable: the bytes are then
 * appended with non-ASCII ones as U+FFFD.
 */
int mailparse_charset_to_utf8(const char *charset, size_t clen,
			      const char *p, size_t n, struct buf *out);

/*
 * Opens the iconv converters of the other common charsets and seals the
 * set: afterwards iconv_open() is never called again.  Call before a
 * sandbox is applied.  Returns how many converters are open.
 */
int mailparse_charset_preload(void);
/* Closes the converters (for leak checkers); the set stays sealed. */
void mailparse_charset_release(void);

#endif
