/*
 * json.c - strict JSON object parser and string writer (see json.h).
 */
#include <string.h>

#include "json.h"

struct json_parser {
	const unsigned char *s;
	size_t n;
	size_t pos;
	struct buf key;		/* decoded key of the current member */
	struct buf val;		/* decoded string value */
	struct json_error *err;
};

static int json_fail(struct json_parser *p, const char *why)
{
	p->err->offset = p->pos;
	p->err->why = why;
	return -1;
}

static void json_skip_ws(struct json_parser *p)
{
	while (p->pos < p->n && (p->s[p->pos] == ' ' ||
				 p->s[p->pos] == '\t' ||
				 p->s[p->pos] == '\n' ||
				 p->s[p->pos] == '\r')) {
		p->pos++;
	}
}

size_t json_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	size_t len, i;

	if (n == 0) {
		return 0;
	}
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len) {
		return 0;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			return 0;
		}
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		return 0;
	}
	*cp = c;
	return len;
}

static void json_put_utf8(struct buf *b, uint32_t c)
{
	char u[4];

	if (c < 0x80) {
		buf_putc(b, (char)c);
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3f));
		buf_append(b, u, 2);
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | c >> 12);
		u[1] = (char)(0x80 | (c >> 6 & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		buf_append(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | c >> 18);
		u[1] = (char)(0x80 | (c >> 12 & 0x3f));
		u[2] = (char)(0x80 | (c >> 6 & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		buf_append(b, u, 4);
	}
}

/* Reads 4 hex digits at pos; -1 if they are not there. */
static long json_hex4(struct json_parser *p)
{
	long v = 0;
	int i, c, d;

	if (p->n - p->pos < 4) {
		return -1;
	}
	for (i = 0; i < 4; i++) {
		c = p->s[p->pos + (size_t)i];
		if (c >= '0' && c <= '9') {
			d = c - '0';
		} else if (c >= 'a' && c <= 'f') {
			d = c - 'a' + 10;
		} else if (c >= 'A' && c <= 'F') {
			d = c - 'A' + 10;
		} else {
			return -1;
		}
		v = v * 16 + d;
	}
	p->pos += 4;
	return v;
}

/* After a backslash-u: decodes one code point, pairing surrogates. */
static int json_unicode_escape(struct json_parser *p, struct buf *out)
{
	long hi, lo;

	hi = json_hex4(p);
	if (hi < 0) {
		return json_fail(p, "\\u needs four hex digits");
	}
	if (hi >= 0xdc00 && hi <= 0xdfff) {
		return json_fail(p, "lone low surrogate in \\u escape");
	}
	if (hi >= 0xd800 && hi <= 0xdbff) {
		if (p->n - p->pos < 2 || p->s[p->pos] != '\\' ||
		    p->s[p->pos + 1] != 'u') {
			return json_fail(p, "lone high surrogate in \\u escape");
		}
		p->pos += 2;
		lo = json_hex4(p);
		if (lo < 0xdc00 || lo > 0xdfff) {
			return json_fail(p, "high surrogate not followed by "
					 "a low one");
		}
		hi = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (out != NULL) {
		json_put_utf8(out, (uint32_t)hi);
	}
	return 0;
}

/* Parses a string at pos (which holds '"') into out (NULL: only check). */
static int json_string(struct json_parser *p, struct buf *out)
{
	const unsigned char *s = p->s;
	size_t start;
	uint32_t cp;
	size_t len;
	unsigned char c;

	p->pos++;
	if (out != NULL) {
		buf_reset(out);
	}
	for (;;) {
		start = p->pos;
		while (p->pos < p->n && s[p->pos] >= 0x20 && s[p->pos] < 0x80 &&
		       s[p->pos] != '"' && s[p->pos] != '\\') {
			p->pos++;
		}
		if (out != NULL) {
			buf_append(out, s + start, p->pos - start);
		}
		if (p->pos >= p->n) {
			return json_fail(p, "unterminated string");
		}
		c = s[p->pos];
		if (c == '"') {
			p->pos++;
			return 0;
		}
		if (c < 0x20) {
			return json_fail(p, "control character in string");
		}
		if (c >= 0x80) {
			len = json_utf8_decode(s + p->pos, p->n - p->pos, &cp);
			if (len == 0) {
				return json_fail(p, "invalid UTF-8");
			}
			if (out != NULL) {
				buf_append(out, s + p->pos, len);
			}
			p->pos += len;
			continue;
		}
		/* backslash */
		if (p->pos + 1 >= p->n) {
			return json_fail(p, "unterminated string");
		}
		p->pos++;
		c = s[p->pos++];
		switch (c) {
		case '"':
		case '\\':
		case '/':
			break;
		case 'b':
			c = '\b';
			break;
		case 'f':
			c = '\f';
			break;
		case 'n':
			c = '\n';
			break;
		case 'r':
			c = '\r';
			break;
		case 't':
			c = '\t';
			break;
		case 'u':
			if (json_unicode_escape(p, out) < 0) {
				return -1;
			}
			continue;
		default:
			p->pos--;
			return json_fail(p, "invalid escape in string");
		}
		if (out != NULL) {
			buf_putc(out, (char)c);
		}
	}
}

static bool json_digit(struct json_parser *p)
{
	return p->pos < p->n && p->s[p->pos] >= '0' && p->s[p->pos] <= '9';
}

/* Parses a number at pos; fills v (type, literal, integer value). */
static int json_number(struct json_parser *p, struct json_value *v)
{
	size_t start = p->pos;
	bool neg = false, frac = false, overflow = false;
	uint64_t mag = 0, d;

	if (p->s[p->pos] == '-') {
		neg = true;
		p->pos++;
	}
	if (!json_digit(p)) {
		return json_fail(p, "invalid number");
	}
	if (p->s[p->pos] == '0') {
		p->pos++;
		if (json_digit(p)) {
			return json_fail(p, "leading zero in number");
		}
	} else {
		while (json_digit(p)) {
			d = (uint64_t)(p->s[p->pos] - '0');
			if (mag > (UINT64_MAX - d) / 10) {
				overflow = true;
			} else {
				mag = mag * 10 + d;
			}
			p->pos++;
		}
	}
	if (p->pos < p->n && p->s[p->pos] == '.') {
		frac = true;
		p->pos++;
		if (!json_digit(p)) {
			return json_fail(p, "digit expected after '.'");
		}
		while (json_digit(p)) {
			p->pos++;
		}
	}
	if (p->pos < p->n && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
		frac = true;
		p->pos++;
		if (p->pos < p->n && (p->s[p->pos] == '+' ||
				      p->s[p->pos] == '-')) {
			p->pos++;
		}
		if (!json_digit(p)) {
			return json_fail(p, "digit expected in exponent");
		}
		while (json_digit(p)) {
			p->pos++;
		}
	}
	v->type = JSON_NUMBER;
	v->str = (const char *)p->s + start;
	v->len = p->pos - start;
	v->is_int = !frac && !overflow &&
		    mag <= (neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX);
	if (v->is_int) {
		v->i = neg ? (int64_t)(0 - mag) : (int64_t)mag;
	}
	return 0;
}

static int json_literal(struct json_parser *p, const char *word,
			enum json_type type, struct json_value *v)
{
	size_t len = strlen(word);

	if (p->n - p->pos < len || memcmp(p->s + p->pos, word, len) != 0) {
		return json_fail(p, "invalid literal");
	}
	p->pos += len;
	v->type = type;
	return 0;
}

static int json_value(struct json_parser *p, struct json_value *v,
		      struct buf *strbuf, int depth);

/* Parses (and discards) an object or array at pos. */
static int json_container(struct json_parser *p, int depth)
{
	struct json_value v;
	char close = p->s[p->pos] == '{' ? '}' : ']';
	bool first = true;

	if (depth >= JSON_DEPTH_MAX) {
		return json_fail(p, "nesting too deep");
	}
	p->pos++;
	for (;;) {
		json_skip_ws(p);
		if (p->pos >= p->n) {
			return json_fail(p, "unterminated object or array");
		}
		if (p->s[p->pos] == close && first) {
			p->pos++;
			return 0;
		}
		if (close == '}') {
			if (p->s[p->pos] != '"') {
				return json_fail(p, "expected a string key");
			}
			if (json_string(p, NULL) < 0) {
				return -1;
			}
			json_skip_ws(p);
			if (p->pos >= p->n || p->s[p->pos] != ':') {
				return json_fail(p, "expected ':'");
			}
			p->pos++;
		}
		if (json_value(p, &v, NULL, depth + 1) < 0) {
			return -1;
		}
		json_skip_ws(p);
		if (p->pos < p->n && p->s[p->pos] == ',') {
			p->pos++;
			first = false;
			continue;
		}
		if (p->pos < p->n && p->s[p->pos] == close) {
			p->pos++;
			return 0;
		}
		return json_fail(p, close == '}' ? "expected ',' or '}'" :
				 "expected ',' or ']'");
	}
}

/* Parses any value at pos (after white space). */
static int json_value(struct json_parser *p, struct json_value *v,
		      struct buf *strbuf, int depth)
{
	memset(v, 0, sizeof(*v));
	json_skip_ws(p);
	if (p->pos >= p->n) {
		return json_fail(p, "value expected");
	}
	switch (p->s[p->pos]) {
	case '"':
		if (json_string(p, strbuf) < 0) {
			return -1;
		}
		v->type = JSON_STRING;
		v->str = strbuf ? buf_str(strbuf) : "";
		v->len = strbuf ? strbuf->len : 0;
		return 0;
	case '{':
		v->type = JSON_OBJECT;
		return json_container(p, depth);
	case '[':
		v->type = JSON_ARRAY;
		return json_container(p, depth);
	case 't':
		return json_literal(p, "true", JSON_TRUE, v);
	case 'f':
		return json_literal(p, "false", JSON_FALSE, v);
	case 'n':
		return json_literal(p, "null", JSON_NULL, v);
	default:
		if (p->s[p->pos] == '-' || json_digit(p)) {
			return json_number(p, v);
		}
		return json_fail(p, "value expected");
	}
}

static int json_members(struct json_parser *p, json_member_fn *fn, void *arg)
{
	struct json_value v;
	int rc;

	p->pos++;
	json_skip_ws(p);
	if (p->pos < p->n && p->s[p->pos] == '}') {
		p->pos++;
		return 0;
	}
	for (;;) {
		json_skip_ws(p);
		if (p->pos >= p->n || p->s[p->pos] != '"') {
			return json_fail(p, "expected a string key");
		}
		if (json_string(p, &p->key) < 0) {
			return -1;
		}
		json_skip_ws(p);
		if (p->pos >= p->n || p->s[p->pos] != ':') {
			return json_fail(p, "expected ':'");
		}
		p->pos++;
		if (json_value(p, &v, &p->val, 1) < 0) {
			return -1;
		}
		if (p->key.err || p->val.err) {
			return -2;
		}
		rc = fn(buf_str(&p->key), p->key.len, &v, arg);
		if (rc != 0) {
			return rc;
		}
		json_skip_ws(p);
		if (p->pos < p->n && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->n && p->s[p->pos] == '}') {
			p->pos++;
			return 0;
		}
		return json_fail(p, "expected ',' or '}'");
	}
}

int json_parse_object(const char *s, size_t n, json_member_fn *fn, void *arg,
		      struct json_error *err)
{
	struct json_parser p;
	int rc;

	memset(&p, 0, sizeof(p));
	p.s = (const unsigned char *)s;
	p.n = n;
	p.err = err;
	buf_init(&p.key, n + 1);
	buf_init(&p.val, n + 1);
	json_skip_ws(&p);
	if (p.pos >= p.n || p.s[p.pos] != '{') {
		rc = json_fail(&p, "not a JSON object");
	} else {
		rc = json_members(&p, fn, arg);
	}
	if (rc == 0) {
		json_skip_ws(&p);
		if (p.pos != p.n) {
			rc = json_fail(&p, "trailing characters after the "
				       "object");
		}
	}
	buf_release(&p.key);
	buf_release(&p.val);
	return rc;
}

static void json_put_u(struct buf *out, unsigned v)
{
	buf_printf(out, "\\u%04x", v);
}

void json_put_string(struct buf *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len, start;
	uint32_t cp;

	buf_putc(out, '"');
	while (i < n) {
		start = i;
		while (i < n && u[i] >= 0x20 && u[i] < 0x80 && u[i] != '"' &&
		       u[i] != '\\') {
			i++;
		}
		buf_append(out, s + start, i - start);
		if (i >= n) {
			break;
		}
		switch (u[i]) {
		case '"':
			buf_puts(out, "\\\"");
			i++;
			continue;
		case '\\':
			buf_puts(out, "\\\\");
			i++;
			continue;
		case '\b':
			buf_puts(out, "\\b");
			i++;
			continue;
		case '\f':
			buf_puts(out, "\\f");
			i++;
			continue;
		case '\n':
			buf_puts(out, "\\n");
			i++;
			continue;
		case '\r':
			buf_puts(out, "\\r");
			i++;
			continue;
		case '\t':
			buf_puts(out, "\\t");
			i++;
			continue;
		}
		if (u[i] < 0x20) {
			json_put_u(out, u[i]);
			i++;
			continue;
		}
		len = json_utf8_decode(u + i, n - i, &cp);
		if (len == 0) {
			json_put_u(out, 0xfffd);
			i++;
			continue;
		}
		if (cp >= 0x10000) {
			cp -= 0x10000;
			json_put_u(out, 0xd800 + (cp >> 10));
			json_put_u(out, 0xdc00 + (cp & 0x3ff));
		} else {
			json_put_u(out, cp);
		}
		i += len;
	}
	buf_putc(out, '"');
}
