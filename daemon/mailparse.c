/*
 * mailparse.c - RFC 5322 headers, RFC 2047 words, mbox framing, Maildir
 * names (see mailparse.h).  No I/O, no exits, bounds on everything.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "mailparse.h"

#define REPLACEMENT 0xfffd

/* ---- UTF-8 ------------------------------------------------------------ */

/*
 * Decodes one UTF-8 sequence at p[0..n): returns its length and sets *cp,
 * or returns 0 when the bytes there are not valid UTF-8 (overlong forms,
 * surrogates and values past U+10FFFF included).
 */
static size_t utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	uint32_t c = p[0], min;
	size_t len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len) {
		return 0;
	}
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			return 0;
		}
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		return 0;
	}
	*cp = c;
	return len;
}

static size_t utf8_encode(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	} else if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	} else if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

static void utf8_put(struct buf *out, uint32_t c)
{
	char enc[4];

	buf_append(out, enc, utf8_encode(c, enc));
}

/* ---- charsets --------------------------------------------------------- */

enum charset {
	CS_UNKNOWN,
	CS_UTF8,
	CS_ASCII,
	CS_LATIN1,
	CS_LATIN9,
	CS_CP1252,
};

/* windows-1252 0x80..0x9f; 0 where the code page has no character. */
static const uint16_t cp1252_high[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

/* The one table conversion: a byte of cs to a code point (U+FFFD when
 * the charset has no character there). */
static uint32_t charset_byte(enum charset cs, unsigned char c)
{
	if (c < 0x80) {
		return c;
	}
	switch (cs) {
	case CS_LATIN1:
		return c;
	case CS_LATIN9:
		switch (c) {
		case 0xa4: return 0x20ac;
		case 0xa6: return 0x0160;
		case 0xa8: return 0x0161;
		case 0xb4: return 0x017d;
		case 0xb8: return 0x017e;
		case 0xbc: return 0x0152;
		case 0xbd: return 0x0153;
		case 0xbe: return 0x0178;
		default: return c;
		}
	case CS_CP1252:
		if (c < 0xa0) {
			return cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] :
			       REPLACEMENT;
		}
		return c;
	default:
		return REPLACEMENT;
	}
}

/*
 * Normalizes a MIME charset name into name (size bytes): lower case, RFC
 * 2231 "*lang" dropped, usual aliases mapped to one spelling.  Returns
 * false for a name that cannot be a charset.
 */
static bool charset_normalize(const char *s, size_t n, char *name,
			      size_t size)
{
	static const struct {
		const char *from;
		const char *to;
	} alias[] = {
		{ "utf8", "utf-8" },
		{ "ascii", "us-ascii" },
		{ "ansi_x3.4-1968", "us-ascii" },
		{ "latin1", "iso-8859-1" },
		{ "l1", "iso-8859-1" },
		{ "latin-1", "iso-8859-1" },
		{ "latin9", "iso-8859-15" },
		{ "latin-9", "iso-8859-15" },
		{ "sjis", "shift_jis" },
		{ "shift-jis", "shift_jis" },
		{ "ks_c_5601-1987", "euc-kr" },
		{ "gb_2312-80", "gb2312" },
		{ "koi8r", "koi8-r" },
	};
	size_t i, len = 0;
	char c;

	for (i = 0; i < n && s[i] != '*'; i++) {
		c = s[i];
		if (c >= 'A' && c <= 'Z') {
			c = (char)(c - 'A' + 'a');
		}
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      strchr("-_.:+", c) != NULL) || len + 1 >= size) {
			return false;
		}
		name[len++] = c;
	}
	name[len] = '\0';
	if (len == 0) {
		return false;
	}
	if (strncmp(name, "x-", 2) == 0) {
		memmove(name, name + 2, len - 1);
		len -= 2;
	}
	if (strncmp(name, "iso8859", 7) == 0 ||
	    strncmp(name, "iso_8859", 8) == 0) {
		const char *rest = name + (name[3] == '_' ? 8 : 7);
		char tmp[64];
		int w;

		if (*rest == '-' || *rest == '_') {
			rest++;
		}
		w = snprintf(tmp, sizeof(tmp), "iso-8859-%s", rest);
		if (w < 0 || (size_t)w >= size) {
			return false;
		}
		memcpy(name, tmp, (size_t)w + 1);
	} else if (strncmp(name, "cp125", 5) == 0 && len == 6) {
		snprintf(name, size, "windows-125%c", name[5]);
	}
	for (i = 0; i < sizeof(alias) / sizeof(alias[0]); i++) {
		if (strcmp(name, alias[i].from) == 0) {
			snprintf(name, size, "%s", alias[i].to);
			break;
		}
	}
	return true;
}

static enum charset charset_builtin(const char *name)
{
	if (strcmp(name, "utf-8") == 0) {
		return CS_UTF8;
	} else if (strcmp(name, "us-ascii") == 0) {
		return CS_ASCII;
	} else if (strcmp(name, "iso-8859-1") == 0) {
		return CS_LATIN1;
	} else if (strcmp(name, "iso-8859-15") == 0) {
		return CS_LATIN9;
	} else if (strcmp(name, "windows-1252") == 0) {
		return CS_CP1252;
	}
	return CS_UNKNOWN;
}

/* Appends p[0..n) read as UTF-8, invalid bytes as U+FFFD, or, when
 * fallback is a table charset, as that charset's character. */
static void utf8_append_valid(struct buf *out, const char *p, size_t n,
			      enum charset fallback)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i = 0, len;
	uint32_t cp;

	while (i < n) {
		len = utf8_decode(u + i, n - i, &cp);
		if (len == 0) {
			cp = charset_byte(fallback, u[i]);
			len = 1;
		}
		utf8_put(out, cp);
		i += len;
	}
}

/* iconv converters opened so far (and failures, with cd == -1). */
#define CONV_MAX 48
static struct {
	char name[40];
	iconv_t cd;
} convs[CONV_MAX];
static int nconvs;
static bool convs_sealed;

static iconv_t conv_get(const char *name)
{
	iconv_t cd;
	int i;

	for (i = 0; i < nconvs; i++) {
		if (strcmp(convs[i].name, name) == 0) {
			return convs[i].cd;
		}
	}
	if (convs_sealed || nconvs == CONV_MAX) {
		return (iconv_t)-1;
	}
	cd = iconv_open("UTF-8", name);
	snprintf(convs[nconvs].name, sizeof(convs[nconvs].name), "%s", name);
	convs[nconvs].cd = cd;
	nconvs++;
	return cd;
}

/* Converts with cd; bytes it cannot convert become U+FFFD. */
static void conv_run(iconv_t cd, const char *p, size_t n, struct buf *out)
{
	char chunk[512], *in = (char *)p, *o;
	size_t inleft = n, oleft;
	size_t r;

	iconv(cd, NULL, NULL, NULL, NULL);
	while (inleft > 0 && !out->err) {
		o = chunk;
		oleft = sizeof(chunk);
		r = iconv(cd, &in, &inleft, &o, &oleft);
		buf_append(out, chunk, sizeof(chunk) - oleft);
		if (r != (size_t)-1) {
			continue;
		}
		if (errno == E2BIG) {
			continue;
		}
		utf8_put(out, REPLACEMENT);
		if (errno == EINVAL) {
			break;	/* incomplete sequence at the end */
		}
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	o = chunk;
	oleft = sizeof(chunk);
	if (iconv(cd, NULL, NULL, &o, &oleft) != (size_t)-1) {
		buf_append(out, chunk, sizeof(chunk) - oleft);
	}
}

int mailparse_charset_to_utf8(const char *charset, size_t clen,
			      const char *p, size_t n, struct buf *out)
{
	char name[40];
	enum charset cs = CS_UNKNOWN;
	iconv_t cd = (iconv_t)-1;
	size_t i;

	if (charset_normalize(charset, clen, name, sizeof(name))) {
		cs = charset_builtin(name);
		if (cs == CS_UNKNOWN) {
			cd = conv_get(name);
		}
	}
	if (cs == CS_UTF8 || cs == CS_ASCII) {
		utf8_append_valid(out, p, n, CS_UNKNOWN);
		return 0;
	} else if (cs != CS_UNKNOWN) {
		for (i = 0; i < n; i++) {
			utf8_put(out, charset_byte(cs, (unsigned char)p[i]));
		}
		return 0;
	} else if (cd != (iconv_t)-1) {
		conv_run(cd, p, n, out);
		return 0;
	}
	for (i = 0; i < n; i++) {
		utf8_put(out, (unsigned char)p[i] < 0x80 ? (unsigned char)p[i] :
			 REPLACEMENT);
	}
	return -1;
}

int mailparse_charset_preload(void)
{
	static const char *const names[] = {
		"iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-5",
		"iso-8859-6", "iso-8859-7", "iso-8859-8", "iso-8859-9",
		"iso-8859-13", "iso-8859-16", "windows-1250", "windows-1251",
		"windows-1253", "windows-1254", "windows-1256",
		"windows-1257", "koi8-r", "koi8-u", "shift_jis", "euc-jp",
		"iso-2022-jp", "gb2312", "gbk", "gb18030", "big5", "euc-kr",
		"utf-16", "utf-7", "tis-620",
	};
	size_t i;
	int count = 0;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (conv_get(names[i]) != (iconv_t)-1) {
			count++;
		}
	}
	convs_sealed = true;
	return count;
}

void mailparse_charset_release(void)
{
	int i;

	for (i = 0; i < nconvs; i++) {
		if (convs[i].cd != (iconv_t)-1) {
			iconv_close(convs[i].cd);
		}
	}
	nconvs = 0;
	convs_sealed = true;
}

/* ---- clean text ------------------------------------------------------- */

static bool is_invisible_control(uint32_t c)
{
	/* bidirectional overrides and isolates: they reorder what follows */
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200e || c == 0x200f || c == 0xfeff;
}

/*
 * Appends p[0..n) (valid UTF-8) cleaned: control characters and white
 * space runs become one space, trimmed, at most MAILPARSE_TEXT_MAX bytes.
 */
static void text_clean(struct buf *out, const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t start = out->len, i = 0, len, k;
	bool space = false;
	uint32_t cp;
	char enc[4];

	while (i < n) {
		len = utf8_decode(u + i, n - i, &cp);
		if (len == 0) {
			cp = REPLACEMENT;
			len = 1;
		}
		i += len;
		if (is_invisible_control(cp)) {
			continue;
		}
		if (cp <= 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
		    cp == 0x2028 || cp == 0x2029) {
			space = out->len > start;
			continue;
		}
		k = utf8_encode(cp, enc);
		if (out->len - start + space + k > MAILPARSE_TEXT_MAX) {
			break;
		}
		if (space) {
			buf_putc(out, ' ');
			space = false;
		}
		buf_append(out, enc, k);
	}
}

/* ---- header fields ---------------------------------------------------- */

/* End of the line starting at i: the index of its LF, or n. */
static size_t line_end(const char *p, size_t n, size_t i)
{
	const char *nl = memchr(p + i, '\n', n - i);

	return nl ? (size_t)(nl - p) : n;
}

static bool is_wsp(char c)
{
	return c == ' ' || c == '\t';
}

bool mailparse_next_field(const char *p, size_t n, size_t *pos,
			  struct mailparse_field *f)
{
	size_t s, e, ce, k, name_end, next, vend;
	bool valid;

	while (*pos < n) {
		s = *pos;
		e = line_end(p, n, s);
		next = e < n ? e + 1 : n;
		ce = e > s && p[e - 1] == '\r' ? e - 1 : e;
		if (ce == s) {
			*pos = next;
			return false;
		}
		/* the name: printable ASCII but the colon */
		for (k = s; k < ce && p[k] > ' ' && p[k] < 127 && p[k] != ':';
		     k++) {
		}
		name_end = k;
		while (k < ce && is_wsp(p[k])) {
			k++;
		}
		valid = name_end > s && k < ce && p[k] == ':';
		/* the continuation lines */
		vend = e;
		while (next < n && is_wsp(p[next])) {
			vend = line_end(p, n, next);
			next = vend < n ? vend + 1 : n;
		}
		*pos = next;
		if (!valid) {
			continue;
		}
		if (vend > k + 1 && p[vend - 1] == '\r') {
			vend--;
		}
		f->name = p + s;
		f->name_len = name_end - s;
		f->value = p + k + 1;
		f->value_len = vend > k + 1 ? vend - (k + 1) : 0;
		return true;
	}
	return false;
}

size_t mailparse_header_len(const char *p, size_t n, bool *complete)
{
	size_t i = 0, e;

	while (i < n) {
		e = line_end(p, n, i);
		if (e == i || (e == i + 1 && p[i] == '\r')) {
			*complete = e < n;
			return e < n ? e + 1 : n;
		}
		i = e < n ? e + 1 : n;
	}
	*complete = false;
	return n;
}

void mailparse_unfold(const char *v, size_t n, struct buf *out)
{
	size_t i, start, end, kept = 0;

	for (start = 0; start < n && (is_wsp(v[start]) || v[start] == '\r' ||
				      v[start] == '\n'); start++) {
	}
	for (end = n; end > start && (is_wsp(v[end - 1]) ||
				      v[end - 1] == '\r' ||
				      v[end - 1] == '\n'); end--) {
	}
	for (i = start; i < end && kept < MAILPARSE_VALUE_MAX; i++) {
		if (v[i] != '\r' && v[i] != '\n') {
			buf_putc(out, v[i]);
			kept++;
		}
	}
}

/* True when name[0..len) is lit, ignoring case. */
static bool name_is(const char *name, size_t len, const char *lit)
{
	return strlen(lit) == len && strncasecmp(name, lit, len) == 0;
}

/* ---- RFC 2047 --------------------------------------------------------- */

static int b64_value(char c)
{
	if (c >= 'A' && c <= 'Z') {
		return c - 'A';
	} else if (c >= 'a' && c <= 'z') {
		return c - 'a' + 26;
	} else if (c >= '0' && c <= '9') {
		return c - '0' + 52;
	} else if (c == '+') {
		return 62;
	} else if (c == '/') {
		return 63;
	}
	return -1;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	} else if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	} else if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

/* Base64 of an encoded word (padding optional).  false on a bad byte. */
static bool decode_b(const char *p, size_t n, struct buf *out)
{
	unsigned acc = 0;
	int bits = 0, v;
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '=') {
			break;
		}
		v = b64_value(p[i]);
		if (v < 0) {
			return false;
		}
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_putc(out, (char)((acc >> bits) & 0xff));
		}
	}
	for (; i < n; i++) {
		if (p[i] != '=') {
			return false;
		}
	}
	return true;
}

static void decode_q(const char *p, size_t n, struct buf *out)
{
	size_t i;
	int hi, lo;

	for (i = 0; i < n; i++) {
		if (p[i] == '_') {
			buf_putc(out, ' ');
		} else if (p[i] == '=' && i + 2 < n &&
			   (hi = hex_value(p[i + 1])) >= 0 &&
			   (lo = hex_value(p[i + 2])) >= 0) {
			buf_putc(out, (char)(hi * 16 + lo));
			i += 2;
		} else {
			buf_putc(out, p[i]);
		}
	}
}

/* An encoded word found in text. */
struct eword {
	const char *charset;
	size_t charset_len;
	char enc;		/* 'B' or 'Q' */
	const char *text;
	size_t text_len;
};

/*
 * Recognizes "=?charset?E?text?=" at v[i..n): returns its length and
 * fills w, or 0.  The text may hold no white space and no '?'.
 */
static size_t eword_parse(const char *v, size_t n, size_t i, struct eword *w)
{
	size_t k, cs, t;

	if (i + 1 >= n || v[i] != '=' || v[i + 1] != '?') {
		return 0;
	}
	cs = i + 2;
	for (k = cs; k < n && v[k] != '?' && !is_wsp(v[k]) && k - cs < 64;
	     k++) {
	}
	if (k == cs || k + 2 >= n || v[k] != '?' || v[k + 2] != '?') {
		return 0;
	}
	w->charset = v + cs;
	w->charset_len = k - cs;
	w->enc = v[k + 1];
	if (w->enc == 'b') {
		w->enc = 'B';
	} else if (w->enc == 'q') {
		w->enc = 'Q';
	}
	if (w->enc != 'B' && w->enc != 'Q') {
		return 0;
	}
	t = k + 3;
	for (k = t; k < n && v[k] != '?' && !is_wsp(v[k]) && v[k] != '\r' &&
	     v[k] != '\n'; k++) {
	}
	if (k + 1 >= n || v[k] != '?' || v[k + 1] != '=') {
		return 0;
	}
	w->text = v + t;
	w->text_len = k - t;
	return k + 2 - i;
}

/* Decoded bytes of adjacent encoded words in one charset, not yet
 * converted. */
struct pending {
	struct buf bytes;
	const char *charset;
	size_t charset_len;
};

static void pending_flush(struct pending *pw, struct buf *raw)
{
	if (pw->charset != NULL) {
		mailparse_charset_to_utf8(pw->charset, pw->charset_len,
					  buf_str(&pw->bytes), pw->bytes.len,
					  raw);
	}
	buf_reset(&pw->bytes);
	pw->charset = NULL;
}

/* Decodes the encoded word w into out; false when its text is bad. */
static bool eword_decode(const struct eword *w, struct buf *out)
{
	if (w->enc == 'B') {
		return decode_b(w->text, w->text_len, out);
	}
	decode_q(w->text, w->text_len, out);
	return true;
}

/*
 * Decodes v (unfolded) into raw UTF-8, not yet cleaned.  White space
 * between two encoded words is dropped (RFC 2047 6.2); a run of words in
 * one charset is converted as one string.
 */
static void decode_words(const char *v, size_t n, struct buf *raw)
{
	struct pending pw;
	struct buf word;
	struct eword w;
	size_t i = 0, len, ws_start = 0, ws_len = 0;
	bool after_word = false;

	buf_init(&pw.bytes, MAILPARSE_VALUE_MAX);
	buf_init(&word, MAILPARSE_VALUE_MAX);
	pw.charset = NULL;
	pw.charset_len = 0;
	while (i < n) {
		buf_reset(&word);
		len = eword_parse(v, n, i, &w);
		if (len > 0 && eword_decode(&w, &word)) {
			if (!after_word) {
				buf_append(raw, v + ws_start, ws_len);
			}
			if (pw.charset != NULL &&
			    (pw.charset_len != w.charset_len ||
			     strncasecmp(pw.charset, w.charset,
					 w.charset_len) != 0)) {
				pending_flush(&pw, raw);
			}
			buf_append(&pw.bytes, buf_str(&word), word.len);
			pw.charset = w.charset;
			pw.charset_len = w.charset_len;
			ws_len = 0;
			after_word = true;
			i += len;
			continue;
		}
		if (is_wsp(v[i])) {
			if (ws_len == 0) {
				ws_start = i;
			}
			ws_len++;
			i++;
			continue;
		}
		/* ordinary text, up to the next white space or word */
		pending_flush(&pw, raw);
		buf_append(raw, v + ws_start, ws_len);
		ws_len = 0;
		after_word = false;
		for (len = 1; i + len < n && !is_wsp(v[i + len]) &&
		     !(v[i + len] == '=' && i + len + 1 < n &&
		       v[i + len + 1] == '?'); len++) {
		}
		utf8_append_valid(raw, v + i, len, CS_CP1252);
		i += len;
	}
	pending_flush(&pw, raw);
	buf_release(&pw.bytes);
	buf_release(&word);
}

void mailparse_decode_text(const char *v, size_t n, struct buf *out)
{
	struct buf unfolded = BUF_INIT, raw = BUF_INIT;

	mailparse_unfold(v, n, &unfolded);
	decode_words(buf_str(&unfolded), unfolded.len, &raw);
	text_clean(out, buf_str(&raw), raw.len);
	buf_release(&unfolded);
	buf_release(&raw);
}

/* ---- addresses -------------------------------------------------------- */

/* Skips a comment starting at v[i] == '(' (nested, with quoted pairs);
 * returns the index after it.  Its content goes to text if not NULL. */
static size_t skip_comment(const char *v, size_t n, size_t i,
			   struct buf *text)
{
	int depth = 0;

	for (; i < n; i++) {
		if (v[i] == '\\' && i + 1 < n) {
			i++;
			if (text != NULL && depth == 1) {
				buf_putc(text, v[i]);
			}
			continue;
		}
		if (v[i] == '(') {
			depth++;
			if (depth == 1) {
				continue;
			}
		} else if (v[i] == ')') {
			depth--;
			if (depth == 0) {
				return i + 1;
			}
		}
		if (text != NULL && depth >= 1) {
			buf_putc(text, v[i]);
		}
	}
	return n;
}

/*
 * Skips a quoted string starting at v[i] == '"'; its content goes to
 * text.  An unterminated quote is read as a stray character: only it is
 * skipped and text is left as it was.
 */
static size_t skip_quoted(const char *v, size_t n, size_t i, struct buf *text)
{
	size_t start = i, mark = text ? text->len : 0;

	for (i++; i < n; i++) {
		if (v[i] == '\\' && i + 1 < n) {
			i++;
		} else if (v[i] == '"') {
			return i + 1;
		}
		if (text != NULL) {
			buf_putc(text, v[i]);
		}
	}
	if (text != NULL) {
		buf_truncate(text, mark);
	}
	return start + 1;
}

/* Length of the first element of an address list (up to a comma that is
 * outside quotes, comments and angle brackets). */
static size_t first_mailbox(const char *v, size_t n)
{
	size_t i = 0;
	bool angle = false;

	while (i < n) {
		if (v[i] == '"') {
			i = skip_quoted(v, n, i, NULL);
		} else if (v[i] == '(') {
			i = skip_comment(v, n, i, NULL);
		} else if (v[i] == '<') {
			angle = true;
			i++;
		} else if (v[i] == '>') {
			angle = false;
			i++;
		} else if (v[i] == ',' && !angle) {
			return i;
		} else {
			i++;
		}
	}
	return n;
}

/* Appends an address, without white space, angle brackets or a route. */
static void address_clean(struct buf *out, const char *p, size_t n)
{
	struct buf raw = BUF_INIT, clean = BUF_INIT;
	const char *colon;
	size_t i;

	colon = memchr(p, ':', n);
	if (colon != NULL && n > 0 && p[0] == '@') {
		n -= (size_t)(colon + 1 - p);
		p = colon + 1;
	}
	for (i = 0; i < n; i++) {
		if (!is_wsp(p[i]) && p[i] != '<' && p[i] != '>' &&
		    p[i] != '"') {
			buf_putc(&raw, p[i]);
		}
	}
	utf8_append_valid(&clean, buf_str(&raw), raw.len, CS_CP1252);
	raw.len = 0;
	text_clean(out, buf_str(&clean), clean.len);
	buf_release(&raw);
	buf_release(&clean);
}

bool mailparse_address(const char *v, size_t n, struct buf *name,
		       struct buf *addr)
{
	struct buf text = BUF_INIT, comment = BUF_INIT, unfolded = BUF_INIT;
	const char *s;
	size_t i = 0, len, close, addr_start = addr->len;
	bool angle = false;

	mailparse_unfold(v, n, &unfolded);
	s = buf_str(&unfolded);
	len = first_mailbox(s, unfolded.len);
	/* text: what is outside angle brackets and comments, unquoted */
	while (i < len) {
		if (s[i] == '"') {
			i = skip_quoted(s, len, i, &text);
		} else if (s[i] == '(') {
			if (comment.len > 0) {
				buf_putc(&comment, ' ');
			}
			i = skip_comment(s, len, i, &comment);
		} else if (s[i] == '<' && !angle) {
			angle = true;
			for (close = i + 1; close < len && s[close] != '>';
			     close++) {
			}
			address_clean(addr, s + i + 1, close - i - 1);
			i = close < len ? close + 1 : len;
		} else {
			buf_putc(&text, s[i]);
			i++;
		}
	}
	if (angle) {
		/* Name <addr> */
		mailparse_decode_text(buf_str(&text), text.len, name);
	} else if (memchr(buf_str(&text), '@', text.len) != NULL) {
		/* addr, or addr (Name) */
		address_clean(addr, buf_str(&text), text.len);
		mailparse_decode_text(buf_str(&comment), comment.len, name);
	} else {
		/* no address: keep what reads as a name */
		mailparse_decode_text(buf_str(&text), text.len, name);
		if (name->len == 0) {
			mailparse_decode_text(buf_str(&comment), comment.len,
					      name);
		}
	}
	buf_release(&text);
	buf_release(&comment);
	buf_release(&unfolded);
	return addr->len > addr_start;
}

void mailparse_from(const char *v, size_t n, struct buf *out)
{
	struct buf name = BUF_INIT, addr = BUF_INIT;

	mailparse_address(v, n, &name, &addr);
	if (name.len > 0 && addr.len > 0) {
		buf_printf(out, "%s <%s>", buf_str(&name), buf_str(&addr));
	} else if (addr.len > 0) {
		buf_append(out, addr.data, addr.len);
	} else if (name.len > 0) {
		buf_append(out, name.data, name.len);
	}
	buf_release(&name);
	buf_release(&addr);
}

/* ---- dates ------------------------------------------------------------ */

static int month_of(const char *w, size_t len)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	int m;

	if (len < 3 || len > 9) {
		return 0;
	}
	for (m = 0; m < 12; m++) {
		if (strncasecmp(w, months + 3 * m, 3) == 0) {
			return m + 1;
		}
	}
	return 0;
}

/* Zone names of RFC 5322 4.3 (and UTC, Z): offset in minutes. */
static bool zone_of(const char *w, size_t len, int *minutes)
{
	static const struct {
		const char *name;
		int hours;
	} zones[] = {
		{ "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 },
		{ "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
		{ "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
	};
	size_t i;

	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		if (name_is(w, len, zones[i].name)) {
			*minutes = zones[i].hours * 60;
			return true;
		}
	}
	if (len == 1 && ((w[0] >= 'A' && w[0] <= 'Z' && w[0] != 'J') ||
			 (w[0] >= 'a' && w[0] <= 'z' && w[0] != 'j'))) {
		*minutes = 0;	/* military zones: RFC 5322 says treat as
				 * -0000, their meaning being unreliable */
		return true;
	}
	return false;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads up to max digits at v[*i]: the value, or -1 when none. */
static long read_number(const char *v, size_t n, size_t *i, int max,
			int *count)
{
	long val = 0;
	int k = 0;

	while (*i < n && is_digit(v[*i]) && k < max) {
		val = val * 10 + (v[*i] - '0');
		(*i)++;
		k++;
	}
	*count = k;
	if (*i < n && is_digit(v[*i])) {
		return -1;	/* too many digits */
	}
	return k > 0 ? val : -1;
}

/* Parsed fields of a date. */
struct date_parts {
	long day, month, year, hour, minute, second;
	int year_digits;
	int zone;		/* minutes east of UTC */
	bool have_zone;
};

/* Reads "hh:mm[:ss]" at v[*i]; false when it is not a time. */
static bool read_time(const char *v, size_t n, size_t *i,
		      struct date_parts *d)
{
	int cnt;
	size_t k = *i;

	d->hour = read_number(v, n, &k, 2, &cnt);
	if (d->hour < 0 || k >= n || v[k] != ':') {
		return false;
	}
	k++;
	d->minute = read_number(v, n, &k, 2, &cnt);
	if (d->minute < 0 || cnt != 2) {
		return false;
	}
	d->second = 0;
	if (k < n && v[k] == ':') {
		k++;
		d->second = read_number(v, n, &k, 2, &cnt);
		if (d->second < 0 || cnt != 2) {
			return false;
		}
	}
	*i = k;
	return true;
}

static bool date_tokens(const char *v, size_t n, struct date_parts *d)
{
	size_t i = 0, s;
	long num;
	int cnt, minutes;
	bool have_time = false;

	d->day = d->month = d->year = -1;
	d->zone = 0;
	d->have_zone = false;
	while (i < n) {
		if (v[i] == '(') {
			i = skip_comment(v, n, i, NULL);
		} else if (is_wsp(v[i]) || v[i] == ',' || v[i] == '\r' ||
			   v[i] == '\n') {
			i++;
		} else if (v[i] == '+' || v[i] == '-') {
			if (!have_time || d->have_zone || i + 1 >= n ||
			    !is_digit(v[i + 1])) {
				i++;	/* "19-Nov-2026" */
				continue;
			}
			s = ++i;
			num = read_number(v, n, &i, 4, &cnt);
			if (num < 0 || cnt != 4 || num % 100 >= 60) {
				return false;
			}
			minutes = (int)(num / 100 * 60 + num % 100);
			d->zone = v[s - 1] == '-' ? -minutes : minutes;
			d->have_zone = true;
		} else if (is_digit(v[i])) {
			s = i;
			if (!have_time && read_time(v, n, &i, d)) {
				have_time = true;
				continue;
			}
			i = s;
			num = read_number(v, n, &i, 4, &cnt);
			if (num < 0) {
				return false;
			}
			if (d->day < 0 && cnt <= 2 && (d->year < 0 ||
						       d->month > 0)) {
				d->day = num;
			} else if (d->year < 0) {
				d->year = num;
				d->year_digits = cnt;
			} else {
				return false;
			}
		} else if ((v[i] >= 'A' && v[i] <= 'Z') ||
			   (v[i] >= 'a' && v[i] <= 'z')) {
			for (s = i; i < n && ((v[i] >= 'A' && v[i] <= 'Z') ||
					      (v[i] >= 'a' && v[i] <= 'z'));
			     i++) {
			}
			if (month_of(v + s, i - s) && d->month < 0 &&
			    i - s != 1) {
				d->month = month_of(v + s, i - s);
			} else if (have_time && !d->have_zone &&
				   zone_of(v + s, i - s, &minutes)) {
				d->zone = minutes;
				d->have_zone = true;
			}
			/* day names and other words are skipped */
		} else {
			return false;
		}
	}
	return have_time && d->day > 0 && d->month > 0 && d->year >= 0;
}

bool mailparse_date(const char *v, size_t n, int64_t *epoch)
{
	static const unsigned char mdays[12] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	struct date_parts d;
	int64_t days;
	bool leap;

	if (n > 256) {
		n = 256;
	}
	if (!date_tokens(v, n, &d)) {
		return false;
	}
	if (d.year_digits == 2) {
		d.year += d.year < 50 ? 2000 : 1900;	/* RFC 5322 4.3 */
	} else if (d.year_digits == 3) {
		d.year += 1900;
	}
	leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
	if (d.year < 1970 || d.year > 9999 || d.day > mdays[d.month - 1] ||
	    (d.month == 2 && d.day == 29 && !leap) || d.hour > 23 ||
	    d.minute > 59 || d.second > 60) {
		return false;
	}
	days = clock_days_from_civil(d.year, (unsigned)d.month,
				     (unsigned)d.day);
	*epoch = days * 86400 + d.hour * 3600 + d.minute * 60 + d.second -
		 (int64_t)d.zone * 60;
	return true;
}

/* ---- flags ------------------------------------------------------------ */

unsigned mailparse_status(const char *v, size_t n)
{
	unsigned flags = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		switch (v[i]) {
		case 'R':
			flags |= MAILPARSE_SEEN;
			break;
		case 'O':
			flags |= MAILPARSE_OLD;
			break;
		case 'A':
			flags |= MAILPARSE_ANSWERED;
			break;
		case 'F':
			flags |= MAILPARSE_FLAGGED;
			break;
		case 'D':
			flags |= MAILPARSE_DELETED;
			break;
		case 'T':
			flags |= MAILPARSE_DRAFT;
			break;
		default:
			break;
		}
	}
	return flags;
}

size_t mailparse_maildir_name(const char *name, size_t n, unsigned *flags)
{
	size_t i, unique = n;

	*flags = 0;
	for (i = 0; i < n; i++) {
		if (name[i] == ':' ||
		    (name[i] == '!' && i + 2 < n && name[i + 1] == '2' &&
		     name[i + 2] == ',')) {
			unique = i;
			break;
		}
	}
	if (unique + 2 >= n || name[unique + 1] != '2' ||
	    name[unique + 2] != ',') {
		return unique;
	}
	for (i = unique + 3; i < n; i++) {
		switch (name[i]) {
		case 'S':
			*flags |= MAILPARSE_SEEN;
			break;
		case 'R':
			*flags |= MAILPARSE_ANSWERED;
			break;
		case 'F':
			*flags |= MAILPARSE_FLAGGED;
			break;
		case 'T':
			*flags |= MAILPARSE_DELETED;
			break;
		case 'D':
			*flags |= MAILPARSE_DRAFT;
			break;
		default:
			break;
		}
	}
	return unique;
}

/* ---- a whole header --------------------------------------------------- */

void mailparse_msg_init(struct mailparse_msg *m)
{
	memset(m, 0, sizeof(*m));
	buf_init(&m->from, 0);
	buf_init(&m->subject, 0);
	buf_init(&m->message_id, 0);
}

void mailparse_msg_release(struct mailparse_msg *m)
{
	buf_release(&m->from);
	buf_release(&m->subject);
	buf_release(&m->message_id);
}

/* Fields mailparse_msg_parse() takes. */
enum msg_seen {
	SEEN_FROM = 1 << 0,
	SEEN_SUBJECT = 1 << 1,
	SEEN_DATE = 1 << 2,
	SEEN_ID = 1 << 3,
	SEEN_STATUS = 1 << 4,
	SEEN_XSTATUS = 1 << 5,
};

static void message_id(struct buf *out, const char *v, size_t n)
{
	struct buf u = BUF_INIT;
	const char *s, *lt, *gt;
	size_t len;

	mailparse_unfold(v, n, &u);
	s = buf_str(&u);
	len = u.len;
	lt = memchr(s, '<', len);
	if (lt != NULL) {
		gt = memchr(lt, '>', len - (size_t)(lt - s));
		len = gt ? (size_t)(gt - lt - 1) : len - (size_t)(lt - s) - 1;
		s = lt + 1;
	}
	address_clean(out, s, len);
	buf_release(&u);
}

int mailparse_msg_parse(struct mailparse_msg *m, const char *p, size_t n)
{
	struct mailparse_field f;
	struct buf v = BUF_INIT;
	size_t pos = 0, e;
	unsigned seen = 0;
	int count = 0;

	buf_reset(&m->from);
	buf_reset(&m->subject);
	buf_reset(&m->message_id);
	m->has_date = false;
	m->date = 0;
	m->flags = 0;
	m->has_status = false;
	if (n > MAILPARSE_HEADER_MAX) {
		n = MAILPARSE_HEADER_MAX;
	}
	mailparse_header_len(p, n, &m->complete);
	/* an mbox "From " line before the header is no field: skip it */
	if (n >= 5 && memcmp(p, "From ", 5) == 0) {
		e = line_end(p, n, 0);
		pos = e < n ? e + 1 : n;
	}
	while (count++ < MAILPARSE_FIELDS_MAX &&
	       mailparse_next_field(p, n, &pos, &f)) {
		if (name_is(f.name, f.name_len, "from") &&
		    !(seen & SEEN_FROM)) {
			seen |= SEEN_FROM;
			mailparse_from(f.value, f.value_len, &m->from);
		} else if (name_is(f.name, f.name_len, "subject") &&
			   !(seen & SEEN_SUBJECT)) {
			seen |= SEEN_SUBJECT;
			mailparse_decode_text(f.value, f.value_len,
					      &m->subject);
		} else if (name_is(f.name, f.name_len, "date") &&
			   !(seen & SEEN_DATE)) {
			seen |= SEEN_DATE;
			buf_reset(&v);
			mailparse_unfold(f.value, f.value_len, &v);
			m->has_date = mailparse_date(buf_str(&v), v.len,
						     &m->date);
		} else if (name_is(f.name, f.name_len, "message-id") &&
			   !(seen & SEEN_ID)) {
			seen |= SEEN_ID;
			message_id(&m->message_id, f.value, f.value_len);
		} else if (name_is(f.name, f.name_len, "status") &&
			   !(seen & SEEN_STATUS)) {
			seen |= SEEN_STATUS;
			m->has_status = true;
			m->flags |= mailparse_status(f.value, f.value_len) &
				    (MAILPARSE_SEEN | MAILPARSE_OLD);
		} else if (name_is(f.name, f.name_len, "x-status") &&
			   !(seen & SEEN_XSTATUS)) {
			seen |= SEEN_XSTATUS;
			m->flags |= mailparse_status(f.value, f.value_len) &
				    ~(MAILPARSE_SEEN | MAILPARSE_OLD);
		}
	}
	buf_release(&v);
	return m->from.err || m->subject.err || m->message_id.err ? -1 : 0;
}

/* ---- the worker's encoding ------------------------------------------ */

#define ENCODING_VERSION 1
#define FLAGS_ALL (MAILPARSE_SEEN | MAILPARSE_OLD | MAILPARSE_ANSWERED | \
		   MAILPARSE_FLAGGED | MAILPARSE_DELETED | MAILPARSE_DRAFT)

static void put_le(struct buf *out, uint64_t v, int bytes)
{
	int i;

	for (i = 0; i < bytes; i++) {
		buf_putc(out, (char)(v >> (8 * i)));
	}
}

static uint64_t get_le(const unsigned char *p, int bytes)
{
	uint64_t v = 0;
	int i;

	for (i = bytes - 1; i >= 0; i--) {
		v = (v << 8) | p[i];
	}
	return v;
}

static void put_text(struct buf *out, const struct buf *text)
{
	size_t n = text->len < MAILPARSE_TEXT_MAX ? text->len :
		   MAILPARSE_TEXT_MAX;

	put_le(out, n, 2);
	buf_append(out, buf_str(text), n);
}

void mailparse_msg_encode(const struct mailparse_msg *m, struct buf *out)
{
	buf_putc(out, ENCODING_VERSION);
	buf_putc(out, (char)(m->has_date | m->has_status << 1 |
			     m->complete << 2));
	put_le(out, m->flags & FLAGS_ALL, 4);
	put_le(out, (uint64_t)m->date, 8);
	put_text(out, &m->from);
	put_text(out, &m->subject);
	put_text(out, &m->message_id);
}

/* Reads a u16-counted text at p[*off..n) into out, cleaned again. */
static bool get_text(const unsigned char *p, size_t n, size_t *off,
		     struct buf *out)
{
	size_t len;

	if (n - *off < 2) {
		return false;
	}
	len = (size_t)get_le(p + *off, 2);
	*off += 2;
	if (len > MAILPARSE_TEXT_MAX || len > n - *off) {
		return false;
	}
	text_clean(out, (const char *)p + *off, len);
	*off += len;
	return true;
}

int mailparse_msg_decode(struct mailparse_msg *m, const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t off = 14;
	uint64_t flags;
	int64_t date;

	mailparse_msg_parse(m, "", 0);
	if (n < off || u[0] != ENCODING_VERSION || (u[1] & ~7u) != 0) {
		return -1;
	}
	flags = get_le(u + 2, 4);
	date = (int64_t)get_le(u + 6, 8);
	if ((flags & ~(uint64_t)FLAGS_ALL) != 0 || date < 0 ||
	    date > INT64_C(253402300799) ||
	    !get_text(u, n, &off, &m->from) ||
	    !get_text(u, n, &off, &m->subject) ||
	    !get_text(u, n, &off, &m->message_id) || off != n) {
		mailparse_msg_parse(m, "", 0);
		return -1;
	}
	m->has_date = u[1] & 1;
	m->has_status = (u[1] & 2) != 0;
	m->complete = (u[1] & 4) != 0;
	m->flags = (unsigned)flags;
	m->date = m->has_date ? date : 0;
	return 0;
}

int mailparse_worker_parse(const char *in, size_t len, struct buf *out)
{
	struct mailparse_msg m;

	mailparse_msg_init(&m);
	mailparse_msg_parse(&m, in, len);
	mailparse_msg_encode(&m, out);
	mailparse_msg_release(&m);
	return 0;
}

/* ---- mbox framing ----------------------------------------------------- */

enum mbox_state {
	MBOX_SKIP,		/* before a message or in a body */
	MBOX_FROMLINE,		/* in a "From " line */
	MBOX_HEADERS,		/* in a header block */
};

void mailparse_mbox_init(struct mailparse_mbox *mb)
{
	memset(mb, 0, sizeof(*mb));
	mb->state = MBOX_SKIP;
	mb->prev_blank = true;	/* the start of the file counts as one */
	buf_init(&mb->from_line, 0);
	buf_init(&mb->header, 0);
}

void mailparse_mbox_release(struct mailparse_mbox *mb)
{
	buf_release(&mb->from_line);
	buf_release(&mb->header);
}

/* Appends what fits under max. */
static void append_capped(struct buf *b, const char *p, size_t n, size_t max)
{
	if (b->len >= max) {
		return;
	}
	buf_append(b, p, n < max - b->len ? n : max - b->len);
}

/*
 * Handles p[0..len) of the current line; has_nl when it ends the line
 * (p[len - 1] is the LF).  line_off is the offset of the line's start.
 */
static int mbox_segment(struct mailparse_mbox *mb, const char *p, size_t len,
			bool has_nl, uint64_t line_off,
			mailparse_mbox_fn *fn, void *ctx)
{
	size_t clen = has_nl ? len - 1 : len, before = mb->line_len, k;
	bool blank;
	int rc = 0;

	for (k = 0; before + k < sizeof(mb->head) && k < clen; k++) {
		mb->head[before + k] = p[k];
	}
	mb->line_len += clen;
	if (mb->state == MBOX_SKIP) {
		if (mb->prev_blank && before < 5 && mb->line_len >= 5 &&
		    memcmp(mb->head, "From ", 5) == 0) {
			mb->state = MBOX_FROMLINE;
			mb->msg_start = line_off;
			buf_reset(&mb->from_line);
			buf_append(&mb->from_line, "From ", 5);
			append_capped(&mb->from_line, p + (5 - before),
				      clen - (5 - before),
				      MAILPARSE_FROMLINE_MAX);
		}
	} else if (mb->state == MBOX_FROMLINE) {
		append_capped(&mb->from_line, p, clen, MAILPARSE_FROMLINE_MAX);
	} else {
		append_capped(&mb->header, p, len, MAILPARSE_HEADER_MAX);
	}
	if (!has_nl) {
		return 0;
	}
	blank = mb->line_len == 0 || (mb->line_len == 1 && mb->head[0] == '\r');
	if (mb->state == MBOX_FROMLINE) {
		if (mb->from_line.len > 0 &&
		    mb->from_line.data[mb->from_line.len - 1] == '\r') {
			buf_truncate(&mb->from_line, mb->from_line.len - 1);
		}
		mb->state = MBOX_HEADERS;
		buf_reset(&mb->header);
	} else if (mb->state == MBOX_HEADERS && blank) {
		rc = fn(ctx, mb->msg_start, buf_str(&mb->from_line),
			mb->from_line.len, buf_str(&mb->header),
			mb->header.len);
		mb->state = MBOX_SKIP;
	}
	mb->prev_blank = blank;
	mb->line_len = 0;
	return rc;
}

int mailparse_mbox_feed(struct mailparse_mbox *mb, const char *p, size_t n,
			mailparse_mbox_fn *fn, void *ctx)
{
	const char *nl;
	size_t i = 0, end;
	uint64_t line_off;
	int rc = 0;

	while (i < n && rc == 0) {
		nl = memchr(p + i, '\n', n - i);
		end = nl ? (size_t)(nl - p) + 1 : n;
		line_off = mb->pos - mb->line_len;
		rc = mbox_segment(mb, p + i, end - i, nl != NULL, line_off,
				  fn, ctx);
		mb->pos += end - i;
		i = end;
	}
	return rc;
}
