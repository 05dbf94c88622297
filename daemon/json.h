/*
 * json.h - a strict RFC 8259 parser for one JSON object per line, and
 * the string escaper its writer needs.
 *
 * The parser reads one object text (surrounding white space allowed) and
 * calls back once per top-level member with the key and the value decoded.
 * Strings are decoded completely (every escape, \uXXXX with surrogate
 * pairs, to UTF-8) and checked: raw bytes must be valid UTF-8 (no
 * overlong forms, no surrogates, nothing above U+10FFFF), control
 * characters must be escaped, lone surrogates are errors.  Numbers follow
 * the JSON grammar exactly.  Nested objects and arrays are parsed and
 * checked the same way but handed to the callback as JSON_OBJECT /
 * JSON_ARRAY without their contents.  Nesting deeper than JSON_DEPTH_MAX
 * is an error, so no input can exhaust the stack.
 *
 * Input is untrusted: any bytes give either success or an error with the
 * byte offset and a reason; the parser never reads outside [s, s + n)
 * and needs no NUL terminator.  It allocates only its two scratch buffers,
 * capped at the input length.
 */
#ifndef HERSH_JSON_H
#define HERSH_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hersh/buf.h>

#define JSON_DEPTH_MAX 64

enum json_type {
	JSON_NULL,
	JSON_FALSE,
	JSON_TRUE,
	JSON_NUMBER,
	JSON_STRING,
	JSON_OBJECT,
	JSON_ARRAY,
};

struct json_value {
	enum json_type type;
	const char *str;	/* STRING: decoded bytes, NUL-terminated;
				 * NUMBER: the literal as written */
	size_t len;		/* bytes at str (a decoded \u0000 counts) */
	bool is_int;		/* NUMBER without fraction or exponent that
				 * fits in int64_t */
	int64_t i;		/* its value when is_int */
};

struct json_error {
	size_t offset;		/* byte offset of the problem in the input */
	const char *why;	/* static text: "expected ':'" ... */
};

/*
 * Called per top-level member, in input order.  key is decoded and
 * NUL-terminated (klen bytes).  A nonzero return stops the parse, and
 * json_parse_object() returns it.
 */
typedef int json_member_fn(const char *key, size_t klen,
			   const struct json_value *v, void *arg);

/*
 * Parses the n bytes at s as one JSON object.  Returns 0 when the whole
 * input is one valid object, the callback's nonzero value when it
 * stopped the parse, or -1 with *err filled for invalid input (and -2
 * when out of memory).
 */
int json_parse_object(const char *s, size_t n, json_member_fn *fn, void *arg,
		      struct json_error *err);

/*
 * Appends the n bytes at s to out as a JSON string literal, quotes
 * included, the way Python's json.dumps() does by default: '"', '\\',
 * \b \f \n \r \t escaped, other controls as \u00XX, every non-ASCII
 * character as \uXXXX (surrogate pairs above U+FFFF).  Invalid UTF-8
 * bytes become \ufffd.
 */
void json_put_string(struct buf *out, const char *s, size_t n);

/*
 * Decodes one UTF-8 sequence at s (n > 0 bytes available).  Returns its
 * length and sets *cp, or returns 0 for an invalid sequence.
 */
size_t json_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

#endif
