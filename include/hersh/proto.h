/*
 * proto.h - the wire protocol between hersh and hershd.
 *
 * The full specification is docs/protocol.md; this header is its C face.
 *
 * A frame is
 *
 *	u32 length	bytes that follow (type + payload), little endian
 *	u8  type	enum proto_type
 *	    payload	the message's fields, in the order of its schema
 *
 * and a field is either an integer (i64, little endian, 8 bytes) or a
 * string (u32 little-endian length, then that many bytes, no terminator).
 * length is at least 1 and at most PROTO_FRAME_MAX; a reader checks it as
 * soon as the 4 length bytes are in, before allocating anything for the
 * frame, and drops the peer when it is out of range.
 *
 * Every message type has a fixed schema (proto_schema()): the number,
 * order and kind of its fields.  A frame whose payload does not match its
 * type's schema exactly (a field cut short, bytes left over, an unknown
 * type, a NUL byte inside a text field) is rejected by proto_decode().
 * Nothing in a frame is trusted: decoding is bounds checked at every step
 * and returns an error code; it never exits and never reads outside the
 * bytes it was given.
 *
 * This module depends on libc and <hersh/buf.h> only (it is shared by both
 * programs).
 */
#ifndef HERSH_PROTO_H
#define HERSH_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hersh/buf.h>

/* Sent in HELLO; the daemon refuses other versions with ERROR. */
#define PROTO_VERSION 1
/* Largest value of a frame's length field (type byte + payload). */
#define PROTO_FRAME_MAX (1024 * 1024)
/* Bytes before the payload: length (4) and type (1). */
#define PROTO_HEADER 5
/* Most fields any message has. */
#define PROTO_FIELDS_MAX 8
/* Chunk size the peers use for IMPORT_DATA / EXPORT_DATA payloads. */
#define PROTO_CHUNK (64 * 1024)

/*
 * Message numbers.  The comment gives the direction (S = shell sends,
 * D = daemon sends) and the fields in order: i = integer, s = text (no NUL
 * byte), b = bytes (any).
 */
enum proto_type {
	PROTO_HELLO = 1,	/* S: version i, pid i, session s, tty s */
	PROTO_CMD_START = 2,	/* S: session s, seq i, time i, cwd s, line s */
	PROTO_CMD_END = 3,	/* S: session s, seq i, status i, duration_ms i,
				 *    time i, cwd s, line s (repeated so that
				 *    an END delivered first stands alone) */
	PROTO_PROMPT = 4,	/* S: id i, budget_ms i */
	PROTO_NOTE = 5,		/* D: id i, text s ("" = nothing to say) */
	PROTO_ASK = 6,		/* S: id i, now i, question s */
	PROTO_ANSWER = 7,	/* D: id i, code i, text s */
	PROTO_FEEDBACK = 8,	/* S: session s, suggestion i, outcome i */
	PROTO_CONTROL = 9,	/* S: id i, now i, verb s, arg s, arg2 s */
	PROTO_RESULT = 10,	/* D: id i, code i, text s */
	PROTO_IMPORT_DATA = 11,	/* S: chunk b (the next bytes of the file) */
	PROTO_IMPORT_ISSUE = 12,	/* D: line i, reason s */
	PROTO_EXPORT_DATA = 13,	/* D: chunk b (the next JSON lines) */
	PROTO_ACK = 14,		/* D: count i (events handled so far) */
	PROTO_ERROR = 15,	/* D: code i, text s; the daemon then closes */
	PROTO_TYPE_MAX = 15,
};

/* Field positions, per message (use with struct proto_msg .f[]). */
enum {
	PROTO_HELLO_VERSION = 0, PROTO_HELLO_PID, PROTO_HELLO_SESSION,
	PROTO_HELLO_TTY,
};
enum {
	PROTO_CMD_START_SESSION = 0, PROTO_CMD_START_SEQ,
	PROTO_CMD_START_TIME, PROTO_CMD_START_CWD, PROTO_CMD_START_LINE,
};
enum {
	PROTO_CMD_END_SESSION = 0, PROTO_CMD_END_SEQ, PROTO_CMD_END_STATUS,
	PROTO_CMD_END_DURATION, PROTO_CMD_END_TIME, PROTO_CMD_END_CWD,
	PROTO_CMD_END_LINE,
};
enum { PROTO_PROMPT_ID = 0, PROTO_PROMPT_BUDGET };
enum { PROTO_NOTE_ID = 0, PROTO_NOTE_TEXT };
enum { PROTO_ASK_ID = 0, PROTO_ASK_NOW, PROTO_ASK_QUESTION };
enum { PROTO_ANSWER_ID = 0, PROTO_ANSWER_CODE, PROTO_ANSWER_TEXT };
enum {
	PROTO_FEEDBACK_SESSION = 0, PROTO_FEEDBACK_SUGGESTION,
	PROTO_FEEDBACK_OUTCOME,
};
enum {
	PROTO_CONTROL_ID = 0, PROTO_CONTROL_NOW, PROTO_CONTROL_VERB,
	PROTO_CONTROL_ARG, PROTO_CONTROL_ARG2,
};
enum { PROTO_RESULT_ID = 0, PROTO_RESULT_CODE, PROTO_RESULT_TEXT };
enum { PROTO_IMPORT_DATA_CHUNK = 0 };
enum { PROTO_IMPORT_ISSUE_LINE = 0, PROTO_IMPORT_ISSUE_REASON };
enum { PROTO_EXPORT_DATA_CHUNK = 0 };
enum { PROTO_ACK_COUNT = 0 };
enum { PROTO_ERROR_CODE = 0, PROTO_ERROR_TEXT };

/* Outcomes carried by FEEDBACK. */
enum proto_outcome {
	PROTO_OUTCOME_SHOWN = 0,	/* displayed, no reaction yet */
	PROTO_OUTCOME_TAKEN = 1,	/* the user ran what was suggested */
	PROTO_OUTCOME_IGNORED = 2,	/* the user did something else */
	PROTO_OUTCOME_DISMISSED = 3,	/* the user said no */
};

/* Result codes of RESULT and ANSWER (also the builtins' exit status). */
enum proto_code {
	PROTO_CODE_OK = 0,
	PROTO_CODE_FAIL = 1,	/* not understood / bad usage / refused */
};

/* Error codes: 0 is success, all errors are negative. */
enum proto_err {
	PROTO_OK = 0,
	PROTO_EAGAIN = -1,	/* frame incomplete: read more */
	PROTO_ETOOBIG = -2,	/* length field above PROTO_FRAME_MAX */
	PROTO_EEMPTY = -3,	/* length field 0 (no type byte) */
	PROTO_ETYPE = -4,	/* unknown message type */
	PROTO_ESHORT = -5,	/* a field runs past the frame */
	PROTO_ETRAILING = -6,	/* bytes left after the last field */
	PROTO_ENUL = -7,	/* NUL byte in a text field */
	PROTO_EFIELD = -8,	/* encoder: a field unset or of the wrong kind */
	PROTO_ENOMEM = -9,	/* out of memory */
	PROTO_EVERSION = -10,	/* HELLO with another protocol version */
	PROTO_EORDER = -11,	/* message not allowed in this state */
	PROTO_EUID = -12,	/* peer is another user */
};

/* The kind of a field. */
enum proto_kind {
	PROTO_INT = 'i',
	PROTO_TEXT = 's',
	PROTO_BYTES = 'b',
};

/* One field.  For strings, s points at len bytes followed by a NUL. */
struct proto_field {
	int64_t i;		/* integer value */
	const char *s;		/* string bytes (NUL-terminated), or NULL */
	uint32_t len;		/* string length */
	bool set;		/* encoder: given a value */
};

/*
 * A message.  After proto_decode(), string fields point into mem, which
 * the message owns: release it with proto_msg_release().  For encoding,
 * strings are borrowed from the caller (nothing is copied until
 * proto_encode()).
 */
struct proto_msg {
	enum proto_type type;
	int nfields;
	struct proto_field f[PROTO_FIELDS_MAX];
	char *mem;		/* decoded strings, or NULL */
};

/* Name of a message type ("HELLO"), or NULL for an unknown number. */
const char *proto_type_name(int type);
/* Schema of a type: a string of enum proto_kind letters, or NULL. */
const char *proto_schema(int type);
/* Text for an error code ("frame too large"); never NULL. */
const char *proto_strerror(int err);
/*
 * Whether the daemon acknowledges the message with ACK (the events the
 * shell must not lose: CMD_START, CMD_END, FEEDBACK).
 */
bool proto_is_event(int type);

/* Starts a message for encoding: all fields unset. */
void proto_msg_init(struct proto_msg *m, enum proto_type type);
/* Setters for encoding; an index outside the schema marks the message bad
 * so that proto_encode() fails with PROTO_EFIELD. */
void proto_set_int(struct proto_msg *m, int idx, int64_t v);
/* s may be NULL for "". */
void proto_set_str(struct proto_msg *m, int idx, const char *s);
void proto_set_bytes(struct proto_msg *m, int idx, const void *p, size_t n);
/* Frees what proto_decode() allocated; the struct may be reused. */
void proto_msg_release(struct proto_msg *m);

/*
 * Appends the frame for m to out.  Returns 0, PROTO_EFIELD when a field is
 * unset, of the wrong kind or a text field holds a NUL byte, PROTO_ETOOBIG
 * when the frame would pass PROTO_FRAME_MAX, or PROTO_ENOMEM (out->err).
 * On error out is left as it was.
 */
int proto_encode(struct buf *out, const struct proto_msg *m);

/*
 * Looks at the n bytes at p (the start of the stream's unread data).
 * Returns 0 and sets *frame_len (header included) when a whole frame is
 * there; PROTO_EAGAIN when more bytes are needed; PROTO_ETOOBIG or
 * PROTO_EEMPTY when the length field is out of range (the stream is then
 * unusable: drop the peer).
 */
int proto_frame_check(const void *p, size_t n, size_t *frame_len);

/*
 * Decodes the whole frame at p (n bytes, as measured by proto_frame_check)
 * into m.  Returns 0 or a negative enum proto_err; on error m holds
 * nothing to release.  On success release m with proto_msg_release().
 */
int proto_decode(const void *p, size_t n, struct proto_msg *m);

/* Little-endian helpers, exposed for tests and for the spool. */
uint32_t proto_get_u32(const unsigned char *p);
void proto_put_u32(unsigned char *p, uint32_t v);

#endif
