/*
 * redact.c - mask secrets in command lines before they are stored.
 *
 * A line goes through five independent scans.  Each scan only marks byte
 * ranges in a mask (one byte per input byte); the output is then built in
 * one pass, each maximal run of marked bytes becoming one REDACT_MARKER.
 * Marking rather than rewriting keeps the scans simple and lets two rules
 * that find the same secret overlap harmlessly.
 *
 *   scan_shapes()    token shapes anywhere: AKIA..., ghp_..., JWTs, ...
 *   scan_urls()      user:password@ in URLs of any scheme
 *   scan_keyblocks() the body of -----BEGIN ... PRIVATE KEY----- blocks
 *   scan_keys()      KEY=value, "key": "value", Authorization: headers,
 *                    where KEY is named like a secret (PASSWORD, TOKEN...)
 *   scan_commands()  a small shell lexer for rules that depend on the
 *                    command: mysql -pX, sshpass -p X, curl -u u:X,
 *                    --password X, echo X | sudo -S, htpasswd -b ...
 *
 * A rule may judge a word by bytes another rule masks, so redact_buf()
 * runs the pass again on its own output until nothing changes: that makes
 * redaction idempotent.  Every scan is linear in the length of the line
 * and reads only inside it; nothing depends on the locale or on NUL
 * termination.  The module keeps no state and needs only libc.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "redact.h"

#define MARKER_LEN (sizeof(REDACT_MARKER) - 1)
/* Lines up to this length keep their mask on the stack. */
#define STACK_MASK 1024
/* Passes after the first, at most, until the result stops changing. */
#define REDACT_ROUNDS 8
/* Names longer than this are judged by their last NAME_MAX_LEN bytes. */
#define NAME_MAX_LEN 95

struct scan {
	const char *s;		/* the line, not NUL-terminated */
	size_t len;		/* its length */
	unsigned char *mask;	/* len bytes, nonzero where a secret is */
	bool hit;		/* something was marked */
};

/* Character classes, independent of the locale and of signedness. */
static bool is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(unsigned char c)
{
	return is_alpha(c) || is_digit(c);
}

static bool is_upper_alnum(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || is_digit(c);
}

static bool is_hex(unsigned char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

/* Characters of a variable, option, header or JSON key name. */
static bool is_ident(unsigned char c)
{
	return is_alnum(c) || c == '_' || c == '.' || c == '-';
}

/* Whether c is one of the bytes of set; never true for NUL. */
static bool in_chars(const char *set, unsigned char c)
{
	return c != '\0' && strchr(set, c) != NULL;
}

/* Bytes that end an unquoted shell word: blanks and operators. */
static bool is_shell_break(unsigned char c)
{
	switch (c) {
	case ' ':
	case '\t':
	case '\n':
	case '\r':
	case ';':
	case '&':
	case '|':
	case '(':
	case ')':
	case '<':
	case '>':
	case '`':
		return true;
	default:
		return false;
	}
}

static unsigned char to_upper(unsigned char c)
{
	return (c >= 'a' && c <= 'z') ? (unsigned char)(c - 'a' + 'A') : c;
}

/* Case-insensitive comparison of n bytes at p with the lower-case word w. */
static bool same_ci(const char *p, size_t n, const char *w)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (w[i] == '\0' || to_upper((unsigned char)p[i]) !=
				to_upper((unsigned char)w[i])) {
			return false;
		}
	}
	return w[n] == '\0';
}

static bool same(const char *p, size_t n, const char *w)
{
	if (n == 0) {
		return w[0] == '\0';
	}
	return p[0] == w[0] && strlen(w) == n && memcmp(p, w, n) == 0;
}

static bool starts_with(const char *p, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n >= k && memcmp(p, w, k) == 0;
}

static bool is_marker_at(const struct scan *sc, size_t b)
{
	return sc->len - b >= MARKER_LEN &&
		memcmp(sc->s + b, REDACT_MARKER, MARKER_LEN) == 0;
}

/*
 * Marks [b, e) as secret.  A range that starts with the marker is already
 * redacted and stays as it is, which makes redaction idempotent.
 */
static void scan_mark(struct scan *sc, size_t b, size_t e)
{
	if (e > sc->len) {
		e = sc->len;
	}
	if (b >= e || is_marker_at(sc, b)) {
		return;
	}
	memset(sc->mask + b, 1, e - b);
	sc->hit = true;
}

/* Narrows [*b, *e) to the inside of a word that is one quoted string. */
static void unquote(const char *s, size_t *b, size_t *e)
{
	char q;

	if (*e - *b < 2) {
		return;
	}
	q = s[*b];
	if ((q == '\'' || q == '"') && s[*e - 1] == q) {
		(*b)++;
		(*e)--;
	}
}

/* ---- values ---------------------------------------------------------- */

static const char *const plain_words[] = {
	"true", "false", "yes", "no", "on", "off", "none", "null", "nil",
	"auto", "enabled", "disabled", "enable", "disable", "required",
	"optional", "-", NULL,
};

/* A short plain number (a count, a size, a port) rather than a PIN. */
static bool is_small_number(const char *s, size_t b, size_t e)
{
	size_t digits = 0;
	bool dot = false;

	if (b < e && (s[b] == '-' || s[b] == '+')) {
		b++;
	}
	if (b >= e) {
		return false;
	}
	for (; b < e; b++) {
		if (is_digit((unsigned char)s[b])) {
			digits++;
		} else if (s[b] == '.' && !dot) {
			dot = true;
		} else {
			return false;
		}
	}
	return digits > 0 && (dot || digits <= 5);
}

/*
 * Whether the value at [b, e) is a literal secret.  Empty values, variable
 * references and command substitutions ($X, ${X}, $(cmd), `cmd`) and the
 * marker never are.  With strict (the value was only found by its name),
 * plain numbers, booleans, paths and placeholders are not either.
 */
static bool value_is_secret(const struct scan *sc, size_t b, size_t e,
	bool strict)
{
	const char *s = sc->s;
	size_t i;

	if (b >= e || is_marker_at(sc, b) || (e - b == 1 && s[b] == '-')) {
		return false;	/* nothing, redacted already, or stdin */
	}
	/* $'...' is a literal in bash, $x and $(x) are not */
	if ((s[b] == '$' && !(e - b > 1 && s[b + 1] == '\'')) || s[b] == '`') {
		return false;
	}
	if ((s[b] == '"' || s[b] == '\'') && e - b > 1 &&
			(s[b + 1] == '$' || s[b + 1] == s[b])) {
		return false;
	}
	if (!strict) {
		return true;
	}
	if (in_chars("/~.<*%", (unsigned char)s[b])) {
		return false;
	}
	if (e - b >= 2 && s[b] == '{' && s[b + 1] == '{') {
		return false;
	}
	for (i = 0; plain_words[i] != NULL; i++) {
		if (same_ci(s + b, e - b, plain_words[i])) {
			return false;
		}
	}
	return !is_small_number(s, b, e);
}

/* ---- names ----------------------------------------------------------- */

/* Keywords found anywhere in a normalised name (upper case, '_'). */
static const char *const name_words[] = {
	"PASSWORD", "PASSWD", "PASSPHRASE", "TOKEN", "SECRET", "APIKEY",
	"API_KEY", "ACCESSKEY", "ACCESS_KEY", "PRIVATEKEY", "PRIVATE_KEY",
	"AUTHKEY", "AUTH_KEY", "MASTER_KEY", "MASTERKEY", "STORAGE_KEY",
	"ACCOUNT_KEY", "ENCRYPTION_KEY", "SIGNING_KEY", "LICENSE_KEY",
	"SERVICE_KEY", "SESSION_KEY", "SHARED_KEY", "ADMIN_KEY", "APP_KEY",
	"WRITE_KEY", "SECURE_KEY", NULL,
};

/* Keywords that count only as a whole component: DB_PASS, MYSQL_PWD. */
static const char *const name_parts[] = {
	"PASS", "PWD", "PW", "PSK", "PRIVATE", NULL,
};

/* A last component that says the value is about the secret, not it. */
static const char *const name_tails[] = {
	"DIR", "PATH", "FILE", "HOME", "URL", "URI", "ENDPOINT", "CMD",
	"COMMAND", "TYPE", "MODE", "LENGTH", "LEN", "SIZE", "LIMIT", "TTL",
	"TIMEOUT", "COUNT", "NAME", "ID", "ARN", "STDIN", "FD", "PROMPT",
	"EXPIRY", "EXPIRES", "EXPIRATION", "LIFETIME", "FORMAT", "POLICY",
	"HELPER", "ENV", "VAR", "LOCATION", "HOST", "PORT", "USER",
	"USERNAME", "ALGORITHM", "PREFIX", "HEADER", "SCOPE", "SCOPES",
	"AUDIENCE", "ISSUER", "REGION", "NAMESPACE", "BACKEND", "PROVIDER",
	"ENGINE", "VERSION", "PROFILE", "STORE", "MANAGER", "HASH", "FIELD",
	NULL,
};

/* A first component that makes a --long-option a flag: --ask-pass. */
static const char *const flag_heads[] = {
	"ASK", "NO", "PROMPT", "WITH", "USE", "SHOW", "PRINT", "GENERATE",
	"GEN", "RANDOM", "REQUIRE", "RESET", "SKIP", "ALLOW", "ENABLE",
	"DISABLE", "INSECURE", "SAVE", "STORE", "READ", "FROM", "KEEP",
	"REMEMBER", "CHANGE", "CHECK", "FORCE", "LIST", "DELETE", NULL,
};

static bool in_list(const char *p, size_t n, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++) {
		if (same(p, n, list[i])) {
			return true;
		}
	}
	return false;
}

/*
 * Whether a name keyword occurs in the normalised name nm[0..n).  With
 * at_end, it must be the name's last part (an option that takes the
 * secret as its next word ends with it: --db-password, --auth-token).
 */
static bool name_has_word(const char *nm, size_t n, bool at_end)
{
	size_t i, k, m, rest;
	const char *p;

	for (i = 0; name_words[i] != NULL; i++) {
		m = strlen(name_words[i]);
		for (k = 0; k + m <= n; k++) {
			p = nm + k;
			if (memcmp(p, name_words[i], m) != 0) {
				continue;
			}
			rest = n - k - m;
			/* TOKEN, TOKENS, TOKEN_X, SECRETKEY; not TOKENIZER */
			if (rest == 0 || (rest == 1 && p[m] == 'S')) {
				return true;
			}
			if (at_end) {
				continue;
			}
			if (p[m] == '_' || (p[m] == 'S' && p[m + 1] == '_') ||
					(rest >= 3 &&
					memcmp(p + m, "KEY", 3) == 0)) {
				return true;
			}
		}
	}
	for (k = 0; k < n; k = i + 1) {
		for (i = k; i < n && nm[i] != '_'; i++) {
		}
		if (in_list(nm + k, i - k, name_parts)) {
			/* PRIVATE only at the end: not PRIVATE_REGISTRY */
			if (i == n || (!at_end &&
					!same(nm + k, i - k, "PRIVATE"))) {
				return true;
			}
		}
	}
	return false;
}

/*
 * Whether the name at [b, e) (a variable, option, header or JSON key, in
 * any case and with '-', '.' or '_' between parts) names a secret:
 * GITHUB_TOKEN, --db-password, X-Api-Key, spring.datasource.password,
 * accessToken.  Names that end in a part such as _FILE, _DIR or _URL
 * name something about the secret and are not matched; nor is PWD.  With
 * as_option, the name is a --long-option followed by its value: the
 * keyword must end the name and flags such as --ask-pass do not count.
 */
static bool name_is_secret(const char *s, size_t b, size_t e, bool as_option)
{
	char nm[NAME_MAX_LEN + 1];
	size_t n = 0, last, first;
	unsigned char c;

	if (e - b > NAME_MAX_LEN) {
		b = e - NAME_MAX_LEN;
	}
	for (; b < e; b++) {
		c = (unsigned char)s[b];
		c = is_alnum(c) ? to_upper(c) : '_';
		if (c == '_' && (n == 0 || nm[n - 1] == '_')) {
			continue;
		}
		nm[n++] = (char)c;
	}
	while (n > 0 && nm[n - 1] == '_') {
		n--;
	}
	if (n == 0 || same(nm, n, "PWD")) {
		return false;
	}
	for (last = n; last > 0 && nm[last - 1] != '_'; last--) {
	}
	if (last > 0 && in_list(nm + last, n - last, name_tails)) {
		return false;
	}
	if (as_option) {
		for (first = 0; first < n && nm[first] != '_'; first++) {
		}
		if (first < n && in_list(nm, first, flag_heads)) {
			return false;
		}
	}
	return name_has_word(nm, n, as_option);
}

/* ---- token shapes ---------------------------------------------------- */

enum shape_set {
	SET_UPPER,	/* A-Z 0-9 */
	SET_ALNUM,	/* A-Z a-z 0-9 */
	SET_WORD,	/* A-Z a-z 0-9 _ */
	SET_TOKEN,	/* A-Z a-z 0-9 _ - */
	SET_DOTTED,	/* A-Z a-z 0-9 _ - . */
	SET_HEX,	/* 0-9 a-f A-F */
};

struct shape {
	const char *prefix;	/* literal, case-sensitive */
	unsigned short min;	/* fewest body bytes after the prefix */
	unsigned short max;	/* most body bytes, 0 for no bound */
	enum shape_set set;	/* what the body is made of */
	bool digit;		/* the body must hold a digit */
};

/* Sorted by the first byte of the prefix: scan_shapes() relies on it. */
static const struct shape shapes[] = {
	{ "AGE-SECRET-KEY-1", 50, 0, SET_UPPER, false },	/* age */
	{ "AGPA", 16, 16, SET_UPPER, false },	/* AWS key ids */
	{ "AIDA", 16, 16, SET_UPPER, false },
	{ "AIPA", 16, 16, SET_UPPER, false },
	{ "AIza", 30, 0, SET_TOKEN, false },	/* Google API keys */
	{ "AKIA", 16, 16, SET_UPPER, false },
	{ "ANPA", 16, 16, SET_UPPER, false },
	{ "ANVA", 16, 16, SET_UPPER, false },
	{ "AROA", 16, 16, SET_UPPER, false },
	{ "ASIA", 16, 16, SET_UPPER, false },
	{ "PMAK-", 40, 0, SET_TOKEN, false },	/* Postman */
	{ "SG.", 60, 0, SET_DOTTED, false },	/* SendGrid */
	{ "dapi", 32, 32, SET_HEX, false },	/* Databricks */
	{ "dckr_pat_", 20, 0, SET_TOKEN, false },	/* Docker Hub */
	{ "doo_v1_", 64, 0, SET_HEX, false },	/* DigitalOcean */
	{ "dop_v1_", 64, 0, SET_HEX, false },
	{ "ghp_", 30, 0, SET_ALNUM, false },	/* GitHub */
	{ "gho_", 30, 0, SET_ALNUM, false },
	{ "ghr_", 30, 0, SET_ALNUM, false },
	{ "ghs_", 30, 0, SET_ALNUM, false },
	{ "ghu_", 30, 0, SET_ALNUM, false },
	{ "github_pat_", 22, 0, SET_WORD, false },
	{ "glc_", 32, 0, SET_TOKEN, false },	/* Grafana */
	{ "gldt-", 20, 0, SET_TOKEN, false },	/* GitLab */
	{ "glpat-", 20, 0, SET_TOKEN, false },
	{ "glptt-", 20, 0, SET_TOKEN, false },
	{ "glrt-", 20, 0, SET_TOKEN, false },
	{ "hf_", 30, 0, SET_ALNUM, false },	/* Hugging Face */
	{ "hvb.", 20, 0, SET_TOKEN, false },	/* HashiCorp Vault */
	{ "hvs.", 20, 0, SET_TOKEN, false },
	{ "key-", 32, 32, SET_HEX, false },	/* Mailgun */
	{ "lin_api_", 30, 0, SET_ALNUM, false },	/* Linear */
	{ "npm_", 36, 0, SET_ALNUM, false },	/* npm */
	{ "pk_live_", 10, 0, SET_ALNUM, false },	/* Stripe */
	{ "pk_test_", 10, 0, SET_ALNUM, false },
	{ "pul-", 40, 40, SET_HEX, false },	/* Pulumi */
	{ "pypi-AgEIcHlwaS5vcmc", 20, 0, SET_TOKEN, false },	/* PyPI */
	{ "rk_live_", 10, 0, SET_ALNUM, false },	/* Stripe */
	{ "rk_test_", 10, 0, SET_ALNUM, false },
	{ "shpat_", 32, 0, SET_HEX, false },	/* Shopify */
	{ "shpss_", 32, 0, SET_HEX, false },
	{ "sk-", 20, 0, SET_TOKEN, true },	/* OpenAI, Anthropic */
	{ "sk_live_", 10, 0, SET_ALNUM, false },	/* Stripe */
	{ "sk_test_", 10, 0, SET_ALNUM, false },
	{ "sqa_", 40, 40, SET_HEX, false },	/* SonarQube */
	{ "sqp_", 40, 40, SET_HEX, false },
	{ "squ_", 40, 40, SET_HEX, false },
	{ "whsec_", 20, 0, SET_ALNUM, false },	/* Stripe webhooks */
	{ "xapp-", 10, 0, SET_TOKEN, false },	/* Slack */
	{ "xoxa-", 10, 0, SET_TOKEN, false },
	{ "xoxb-", 10, 0, SET_TOKEN, false },
	{ "xoxe-", 10, 0, SET_TOKEN, false },
	{ "xoxe.xoxp-", 10, 0, SET_TOKEN, false },
	{ "xoxp-", 10, 0, SET_TOKEN, false },
	{ "xoxr-", 10, 0, SET_TOKEN, false },
	{ "xoxs-", 10, 0, SET_TOKEN, false },
	{ "ya29.", 20, 0, SET_TOKEN, false },	/* Google OAuth */
};

#define NSHAPES (sizeof(shapes) / sizeof(shapes[0]))

/* Sites whose URL path after the prefix is itself the secret. */
static const char *const secret_paths[] = {
	"hooks.slack.com/services/",
	"hooks.slack.com/workflows/",
	"discord.com/api/webhooks/",
	"discordapp.com/api/webhooks/",
	"api.telegram.org/bot",
	NULL,
};

/*
 * The first bytes of shapes[], secret_paths[] and JWTs ('e'): a cheap
 * filter for the scan.  Keep in step with the two tables.
 */
static const bool shape_first[256] = {
	['A'] = true, ['P'] = true, ['S'] = true, ['a'] = true, ['d'] = true,
	['e'] = true, ['g'] = true, ['h'] = true, ['k'] = true, ['l'] = true,
	['n'] = true, ['p'] = true, ['r'] = true, ['s'] = true, ['w'] = true,
	['x'] = true, ['y'] = true,
};

static bool in_set(unsigned char c, enum shape_set set)
{
	switch (set) {
	case SET_UPPER:
		return is_upper_alnum(c);
	case SET_ALNUM:
		return is_alnum(c);
	case SET_WORD:
		return is_alnum(c) || c == '_';
	case SET_TOKEN:
		return is_alnum(c) || c == '_' || c == '-';
	case SET_DOTTED:
		return is_alnum(c) || c == '_' || c == '-' || c == '.';
	case SET_HEX:
		return is_hex(c);
	}
	return false;
}

/*
 * Tries one shape at i (just past the prefix check) and returns the end
 * of the token, or 0 when the body does not fit.
 */
static size_t shape_match(const struct scan *sc, size_t i,
	const struct shape *sh)
{
	size_t b = i + strlen(sh->prefix), e = b;
	bool digit = false;

	while (e < sc->len && in_set((unsigned char)sc->s[e], sh->set)) {
		digit = digit || is_digit((unsigned char)sc->s[e]);
		e++;
	}
	if (e - b < sh->min || (sh->max != 0 && e - b > sh->max)) {
		return 0;
	}
	/* a bounded shape must not run on into letters: AKIA...x */
	if (sh->max != 0 && e < sc->len && is_alnum((unsigned char)sc->s[e])) {
		return 0;
	}
	if (sh->digit && !digit) {
		return 0;
	}
	return e;
}

/*
 * A JSON Web Token: eyJ<header>.eyJ<payload>.<signature>, base64url.
 * Returns its end, or 0.
 */
static size_t jwt_match(const struct scan *sc, size_t i)
{
	const char *s = sc->s;
	size_t e = i, part;

	for (part = 0; part < 3; part++) {
		size_t b = e;

		if (part < 2 && (sc->len - e < 3 ||
				memcmp(s + e, "eyJ", 3) != 0)) {
			return 0;
		}
		while (e < sc->len && in_set((unsigned char)s[e], SET_TOKEN)) {
			e++;
		}
		if (part < 2) {
			if (e - b < 10 || e >= sc->len || s[e] != '.') {
				return 0;
			}
			e++;
		}
	}
	return e;
}

/* The index of the first shape whose prefix starts with c, or NSHAPES. */
static size_t shape_group(unsigned char c)
{
	size_t lo = 0, hi = NSHAPES, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((unsigned char)shapes[mid].prefix[0] < c) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo;
}

/*
 * Marks the secret path after a webhook prefix and returns its end, or 0
 * when there is none.
 */
static size_t path_match(struct scan *sc, size_t i)
{
	const char *s = sc->s;
	size_t e;

	for (e = i; e < sc->len && (is_alnum((unsigned char)s[e]) ||
			in_chars("/_-:", (unsigned char)s[e])); e++) {
	}
	if (e == i) {
		return 0;
	}
	scan_mark(sc, i, e);
	return e;
}

/*
 * Marks well-known token shapes wherever they stand.  A token starts at a
 * boundary: the byte before it is not a letter, digit, '_', '-' or '.'.
 * Because every body is made of those bytes, no boundary lies inside a
 * body, and each byte is examined a bounded number of times.
 */
static void scan_shapes(struct scan *sc)
{
	const char *s = sc->s;
	size_t i, k, e;

	for (i = 0; i < sc->len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!shape_first[c] ||
				(i > 0 && is_ident((unsigned char)s[i - 1]))) {
			continue;
		}
		e = 0;
		if (c == 'e') {
			e = jwt_match(sc, i);
		}
		for (k = shape_group(c); e == 0 && k < NSHAPES &&
				shapes[k].prefix[0] == (char)c; k++) {
			if (starts_with(s + i, sc->len - i, shapes[k].prefix)) {
				e = shape_match(sc, i, &shapes[k]);
			}
		}
		if (e != 0) {
			scan_mark(sc, i, e);
		}
		for (k = 0; e == 0 && secret_paths[k] != NULL; k++) {
			if (secret_paths[k][0] == (char)c && starts_with(s + i,
					sc->len - i, secret_paths[k])) {
				e = path_match(sc, i + strlen(secret_paths[k]));
			}
		}
		if (e != 0) {
			i = e - 1;
		}
	}
}

/* ---- URLs and key blocks --------------------------------------------- */

static bool ends_authority(unsigned char c)
{
	return c == '/' || c == '?' || c == '#' || is_blank(c) ||
		c == '\n' || c == '\r' || c == '"' || c == '\'' || c == '<' ||
		c == '>' || c == '`' || c == ')' || c == '|' ||
		c == ';' || c == '&' || c == '\0';
}

/*
 * Marks the password of scheme://user:password@host for any scheme.  The
 * userinfo ends at the last '@' of the authority, so an unescaped '@' in
 * a password is still covered.
 */
static void scan_urls(struct scan *sc)
{
	const char *s = sc->s, *p = s, *end = s + sc->len;
	size_t a, e, i, at, colon;

	while ((p = memmem(p, (size_t)(end - p), "://", 3)) != NULL) {
		a = (size_t)(p - s) + 3;
		p += 3;
		if (a == 3 || !is_alnum((unsigned char)s[a - 4])) {
			continue;
		}
		for (e = a; e < sc->len && !ends_authority((unsigned char)s[e]);
				e++) {
		}
		at = colon = e;
		for (i = a; i < e; i++) {
			if (s[i] == '@') {
				at = i;
			}
		}
		if (at == e) {
			continue;
		}
		for (i = a; i < at && colon == e; i++) {
			if (s[i] == ':') {
				colon = i;
			}
		}
		if (colon < at && value_is_secret(sc, colon + 1, at, false)) {
			scan_mark(sc, colon + 1, at);
		}
	}
}

/*
 * Marks the body of a PEM private key block, keeping its BEGIN and END
 * lines; without an END line, everything after BEGIN.
 */
static void scan_keyblocks(struct scan *sc)
{
	const char *s = sc->s, *p = s, *end = s + sc->len, *hdr, *body, *stop;

	while ((p = memmem(p, (size_t)(end - p), "-----BEGIN ", 11)) != NULL) {
		hdr = p + 11;
		body = memmem(hdr, (size_t)(end - hdr), "-----", 5);
		if (body == NULL) {
			return;
		}
		p = body + 5;
		if (body - hdr > 64 || memmem(hdr, (size_t)(body - hdr),
				"PRIVATE KEY", 11) == NULL) {
			continue;
		}
		body += 5;
		stop = memmem(body, (size_t)(end - body), "-----END", 8);
		if (stop == NULL) {
			stop = end;
		}
		scan_mark(sc, (size_t)(body - s), (size_t)(stop - s));
		p = stop;
	}
}

/* ---- KEY=value, "key": "value", headers -------------------------------- */

/* A ',' that starts the next key=value of a list: a=1,password=x,uid=2. */
static bool comma_starts_pair(const struct scan *sc, size_t i)
{
	const char *s = sc->s;
	size_t k = i + 1;

	if (k >= sc->len || !(is_alpha((unsigned char)s[k]) || s[k] == '_')) {
		return false;
	}
	while (k < sc->len && is_ident((unsigned char)s[k])) {
		k++;
	}
	return k < sc->len && s[k] == '=';
}

/* Skips a quoted string opened at i; returns the index after its end. */
static size_t skip_quoted(const struct scan *sc, size_t i)
{
	char q = sc->s[i];

	for (i++; i < sc->len && sc->s[i] != q; i++) {
		if (q == '"' && sc->s[i] == '\\') {
			i++;
		}
	}
	return i < sc->len ? i + 1 : sc->len;
}

/*
 * The end of an unquoted shell word starting at i, quotes inside it
 * included: abc'd e'f.  Stops before a ',' that starts another pair.
 */
static size_t shell_word_end(const struct scan *sc, size_t i)
{
	const char *s = sc->s;

	while (i < sc->len) {
		unsigned char c = (unsigned char)s[i];

		if (c == '<' && is_marker_at(sc, i)) {
			i += MARKER_LEN;
			continue;
		}
		if (c == '\0' || is_shell_break(c)) {
			break;
		}
		if (c == '$' && i + 1 < sc->len && s[i + 1] == '(') {
			break;
		}
		if (c == ',' && comma_starts_pair(sc, i)) {
			break;
		}
		if (c == '\'' || c == '"') {
			i = skip_quoted(sc, i);
		} else if (c == '\\') {
			i = i + 2 < sc->len ? i + 2 : sc->len;
		} else {
			i++;
		}
	}
	return i;
}

/*
 * The end of an unquoted value inside a shell string quoted with q, such
 * as a form field 'user=bob&password=x' or a header 'X-Api-Key: x'.
 */
static size_t quoted_value_end(const struct scan *sc, size_t i, char q)
{
	const char *s = sc->s;

	for (; i < sc->len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == (unsigned char)q || is_blank(c) || c == '\n' ||
				c == '\r' || c == '\0' || in_chars("&;}]\"'", c)) {
			break;
		}
		if (c == '\\' && i + 1 < sc->len && s[i + 1] == '"') {
			break;
		}
		if (c == ',' && comma_starts_pair(sc, i)) {
			break;
		}
	}
	return i;
}

static size_t skip_blanks(const struct scan *sc, size_t i)
{
	while (i < sc->len && is_blank((unsigned char)sc->s[i])) {
		i++;
	}
	return i;
}

/*
 * Finds the value at vb.  Sets [*ib, *ie) to the value itself (inside its
 * quotes) and returns the index just after all of it.
 */
static size_t value_at(const struct scan *sc, size_t vb, char q, size_t *ib,
	size_t *ie)
{
	const char *s = sc->s;
	const char *c;
	size_t e;

	if (q == 0) {
		*ib = vb;
		*ie = e = shell_word_end(sc, vb);
		unquote(s, ib, ie);
		return e;
	}
	if ((s[vb] == '"' || s[vb] == '\'') && s[vb] != q) {
		e = skip_quoted(sc, vb);
		*ib = vb + 1;
		*ie = (e > *ib && s[e - 1] == s[vb]) ? e - 1 : e;
		return e;
	}
	if (q == '"' && s[vb] == '\\' && vb + 1 < sc->len && s[vb + 1] == '"') {
		c = memmem(s + vb + 2, sc->len - vb - 2, "\\\"", 2);
		*ib = vb + 2;
		*ie = c != NULL ? (size_t)(c - s) : sc->len;
		return c != NULL ? *ie + 2 : sc->len;
	}
	*ib = vb;
	*ie = e = quoted_value_end(sc, vb, q);
	return e;
}

/*
 * Authorization, Proxy-Authorization and Cookie headers: the value after
 * the scheme word (Bearer, Basic, token...) runs to the end of the
 * quoted string, or of the word when unquoted.
 */
static size_t header_value(struct scan *sc, size_t vb, char q)
{
	const char *s = sc->s;
	size_t ib, ie, e, k;

	if (vb >= sc->len) {
		return vb;
	}
	if (q == 0 || ((s[vb] == '"' || s[vb] == '\'') && s[vb] != q)) {
		e = value_at(sc, vb, q, &ib, &ie);
	} else {
		for (e = vb; e < sc->len && s[e] != q && s[e] != '\n' &&
				!(s[e] == '\\' && e + 1 < sc->len &&
				s[e + 1] == '"'); e++) {
		}
		ib = vb;
		ie = e;
	}
	for (k = ib; k < ie && is_alpha((unsigned char)s[k]); k++) {
	}
	if (k > ib && k < ie && is_blank((unsigned char)s[k])) {
		ib = skip_blanks(sc, k);
	}
	while (ie > ib && is_blank((unsigned char)s[ie - 1])) {
		ie--;
	}
	if (value_is_secret(sc, ib, ie, false)) {
		scan_mark(sc, ib, ie);
	}
	return e;
}

/*
 * Looks at the name [a, b), found inside shell quotes q (0 for none) that
 * opened at qopen, and marks its value when the name is a secret's.
 * Returns where scanning goes on.
 */
static size_t key_check(struct scan *sc, size_t a, size_t b, char q,
	size_t qopen)
{
	const char *s = sc->s;
	size_t p = b, ib, ie, e;
	bool kq = false, colon = false, header;

	/* a JSON or Python key closes its own quotes: "token": ... */
	if (p < sc->len && (s[p] == '"' || s[p] == '\'') && s[p] != q &&
			a > 0 && s[a - 1] == s[p]) {
		kq = true;
		p++;
	} else if (q == '"' && p + 1 < sc->len && s[p] == '\\' &&
			s[p + 1] == '"') {
		kq = true;
		p += 2;
	}
	if (kq || q != 0) {
		p = skip_blanks(sc, p);
	}
	if (p >= sc->len) {
		return b;
	}
	header = same_ci(s + a, b - a, "authorization") ||
		same_ci(s + a, b - a, "proxy-authorization") ||
		same_ci(s + a, b - a, "cookie");
	if (s[p] == ':' && p + 1 < sc->len && s[p + 1] == '=') {
		p += 2;			/* httpie: field:=json */
	} else if (s[p] == ':') {
		p++;
		colon = !kq && !header;
		if (colon && (q == 0 || !(a == qopen + 1 || s[a - 1] == '\n'))) {
			return b;	/* "fix token: expiry" is prose */
		}
	} else if (s[p] == '=' && !header) {
		p++;
		if (p < sc->len && s[p] == '=') {
			p++;		/* httpie: param==value */
		}
	} else {
		return b;
	}
	if (header) {
		return header_value(sc, skip_blanks(sc, p), q);
	}
	if (!name_is_secret(s, a, b, false)) {
		return b;
	}
	if (kq || q != 0 || colon) {
		p = skip_blanks(sc, p);
	}
	if (p >= sc->len) {
		return p;
	}
	e = value_at(sc, p, q, &ib, &ie);
	if (colon && skip_blanks(sc, e) < sc->len &&
			s[skip_blanks(sc, e)] != q) {
		return e;		/* a header value is one word */
	}
	if (value_is_secret(sc, ib, ie, true)) {
		scan_mark(sc, ib, ie);
	}
	return e > b ? e : b;
}

/*
 * Walks the line with the shell's quoting in mind and gives each name
 * followed by '=' or ':' to key_check(): this finds shell assignments
 * (also after export, env, -e, --build-arg), --option=value, URL query
 * and form fields, JSON keys and HTTP headers.
 */
static void scan_keys(struct scan *sc)
{
	const char *s = sc->s;
	size_t i = 0, a, qopen = 0;
	char q = 0;

	while (i < sc->len) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\\' && q != '\'') {
			i += 2;
			continue;
		}
		if (q == 0 && (c == '\'' || c == '"')) {
			q = (char)c;
			qopen = i++;
			continue;
		}
		if (q != 0 && c == (unsigned char)q) {
			q = 0;
			i++;
			continue;
		}
		if (!is_ident(c)) {
			i++;
			continue;
		}
		a = i;
		while (i < sc->len && is_ident((unsigned char)s[i])) {
			i++;
		}
		i = key_check(sc, a, i, q, qopen);
	}
}

/* ---- commands ---------------------------------------------------------- */

enum tok {
	TOK_END,
	TOK_WORD,	/* a word at [b, e) */
	TOK_SEP,	/* ; & && || ( ) newline $( `: a new command follows */
	TOK_PIPE,	/* |: a new command follows, reading this one's output */
	TOK_REDIR,	/* < > >> 2>&1 <<<: the next word is no argument */
};

struct lex {
	const struct scan *sc;
	size_t pos;	/* next byte to read */
	size_t b;	/* the last word, or redirection operator */
	size_t e;
};

static size_t lex_word_end(const struct scan *sc, size_t i)
{
	const char *s = sc->s;

	while (i < sc->len) {
		unsigned char c = (unsigned char)s[i];

		if (c == '<' && is_marker_at(sc, i)) {
			i += MARKER_LEN;	/* the marker is part of a word */
			continue;
		}
		if (is_shell_break(c) ||
				(c == '$' && i + 1 < sc->len && s[i + 1] == '(')) {
			break;
		}
		if (c == '\'' || c == '"') {
			i = skip_quoted(sc, i);
		} else if (c == '$' && i + 1 < sc->len && s[i + 1] == '{') {
			const char *r = memchr(s + i, '}', sc->len - i);

			i = r != NULL ? (size_t)(r - s) + 1 : sc->len;
		} else if (c == '\\') {
			i = i + 2 < sc->len ? i + 2 : sc->len;
		} else {
			i++;
		}
	}
	return i;
}

static enum tok lex_next(struct lex *lx)
{
	const struct scan *sc = lx->sc;
	const char *s = sc->s;
	unsigned char c;
	size_t k;

	for (;;) {
		while (lx->pos < sc->len &&
				(is_blank((unsigned char)s[lx->pos]) ||
				(s[lx->pos] == '\\' && lx->pos + 1 < sc->len &&
				s[lx->pos + 1] == '\n'))) {
			lx->pos += s[lx->pos] == '\\' ? 2 : 1;
		}
		if (lx->pos >= sc->len) {
			return TOK_END;
		}
		c = (unsigned char)s[lx->pos];
		if (c == '#') {
			const char *nl = memchr(s + lx->pos, '\n',
				sc->len - lx->pos);

			lx->pos = nl != NULL ? (size_t)(nl - s) : sc->len;
			continue;
		}
		if ((c == '<' && !is_marker_at(sc, lx->pos)) || c == '>' ||
				(c == '&' && lx->pos + 1 < sc->len &&
				s[lx->pos + 1] == '>')) {
			lx->b = lx->pos;
			while (lx->pos < sc->len && !is_marker_at(sc, lx->pos) &&
					in_chars("<>&|-", (unsigned char)s[lx->pos])) {
				lx->pos++;
			}
			lx->e = lx->pos;
			return TOK_REDIR;
		}
		if (c == '|') {
			lx->pos++;
			if (lx->pos < sc->len && s[lx->pos] == '|') {
				lx->pos++;
				return TOK_SEP;
			}
			if (lx->pos < sc->len && s[lx->pos] == '&') {
				lx->pos++;
			}
			return TOK_PIPE;
		}
		if (in_chars("\n\r;&()`", c)) {
			lx->pos++;
			return TOK_SEP;
		}
		if (c == '$' && lx->pos + 1 < sc->len && s[lx->pos + 1] == '(') {
			lx->pos += 2;
			return TOK_SEP;
		}
		lx->b = lx->pos;
		lx->e = lx->pos = lex_word_end(sc, lx->pos);
		if (lx->e == lx->b) {
			lx->pos++;	/* cannot happen; never loop forever */
			continue;
		}
		/* 2>file: the digits name a descriptor, not an argument */
		for (k = lx->b; k < lx->e && is_digit((unsigned char)s[k]); k++) {
		}
		if (k == lx->e && k < sc->len && (s[k] == '<' || s[k] == '>')) {
			continue;
		}
		return TOK_WORD;
	}
}

/* How a tool-specific option carries its value. */
enum {
	OPT_NONE = 0,		/* takes no separate value: mysql --password */
	OPT_NEXT = 1 << 0,	/* in the next word: sshpass -p secret */
	OPT_GLUED = 1 << 1,	/* glued on: mysql -psecret, --user=u:pw */
};

/* Which part of the value is secret. */
enum val {
	VAL_ALL,	/* all of it */
	VAL_COLON,	/* after the first ':': curl -u user:secret */
	VAL_PERCENT,	/* after the first '%': smbclient -U user%secret */
	VAL_COMMA,	/* after the first ',': lftp -u user,secret */
	VAL_OPENSSL,	/* after "pass:": openssl -passin pass:secret */
	VAL_SLASH,	/* between '/' and '@': sqlplus user/secret@db */
	VAL_COOKIE,	/* after the first '=', if any: curl -b sid=secret */
};

/* Subcommand words an option may require earlier on the line. */
enum {
	SUB_LOGIN = 1 << 0,
	SUB_SECRET = 1 << 1,
	SUB_CONFIG = 1 << 2,
	SUB_CONFIGURE = 1 << 3,
	SUB_SET = 1 << 4,
	SUB_ALIAS = 1 << 5,
};

static const char *const sub_words[] = {
	"login", "secret", "config", "configure", "set", "alias", NULL,
};

struct tool_opt {
	const char *tool;	/* command name; a final '*' matches any rest */
	unsigned sub;		/* SUB_* words that must come first, or 0 */
	const char *opt;	/* the option as typed */
	unsigned how;		/* OPT_* */
	enum val val;		/* the secret part of the value */
};

static const struct tool_opt tool_opts[] = {
	{ "mysql*", 0, "-p", OPT_GLUED, VAL_ALL },
	{ "mysql*", 0, "--password", OPT_NONE, VAL_ALL },
	{ "mariadb*", 0, "-p", OPT_GLUED, VAL_ALL },
	{ "mariadb*", 0, "--password", OPT_NONE, VAL_ALL },
	{ "psql", 0, "--password", OPT_NONE, VAL_ALL },
	{ "pg_*", 0, "--password", OPT_NONE, VAL_ALL },
	{ "sshpass", 0, "-p", OPT_NEXT | OPT_GLUED, VAL_ALL },
	{ "docker", SUB_LOGIN, "-p", OPT_NEXT | OPT_GLUED, VAL_ALL },
	{ "podman", SUB_LOGIN, "-p", OPT_NEXT | OPT_GLUED, VAL_ALL },
	{ "nerdctl", SUB_LOGIN, "-p", OPT_NEXT | OPT_GLUED, VAL_ALL },
	{ "buildah", SUB_LOGIN, "-p", OPT_NEXT | OPT_GLUED, VAL_ALL },
	{ "skopeo", SUB_LOGIN, "-p", OPT_NEXT | OPT_GLUED, VAL_ALL },
	{ "helm", SUB_LOGIN, "-p", OPT_NEXT | OPT_GLUED, VAL_ALL },
	{ "oras", SUB_LOGIN, "-p", OPT_NEXT | OPT_GLUED, VAL_ALL },
	{ "crane", SUB_LOGIN, "-p", OPT_NEXT | OPT_GLUED, VAL_ALL },
	{ "az", SUB_LOGIN, "-p", OPT_NEXT, VAL_ALL },
	{ "redis-cli", 0, "-a", OPT_NEXT | OPT_GLUED, VAL_ALL },
	{ "zip", 0, "-P", OPT_NEXT, VAL_ALL },
	{ "unzip", 0, "-P", OPT_NEXT, VAL_ALL },
	{ "7z*", 0, "-p", OPT_GLUED, VAL_ALL },
	{ "rar", 0, "-p", OPT_GLUED, VAL_ALL },
	{ "unrar", 0, "-p", OPT_GLUED, VAL_ALL },
	{ "ldap*", 0, "-w", OPT_NEXT | OPT_GLUED, VAL_ALL },
	{ "ldappasswd", 0, "-s", OPT_NEXT, VAL_ALL },
	{ "ldappasswd", 0, "-a", OPT_NEXT, VAL_ALL },
	{ "mongo*", 0, "-p", OPT_NEXT, VAL_ALL },
	{ "ipmitool", 0, "-P", OPT_NEXT | OPT_GLUED, VAL_ALL },
	{ "sqlcmd", 0, "-P", OPT_NEXT, VAL_ALL },
	{ "bcp", 0, "-P", OPT_NEXT, VAL_ALL },
	{ "mosquitto_*", 0, "-P", OPT_NEXT, VAL_ALL },
	{ "plink", 0, "-pw", OPT_NEXT, VAL_ALL },
	{ "pscp", 0, "-pw", OPT_NEXT, VAL_ALL },
	{ "psftp", 0, "-pw", OPT_NEXT, VAL_ALL },
	{ "keytool", 0, "-storepass", OPT_NEXT, VAL_ALL },
	{ "keytool", 0, "-keypass", OPT_NEXT, VAL_ALL },
	{ "keytool", 0, "-srcstorepass", OPT_NEXT, VAL_ALL },
	{ "keytool", 0, "-deststorepass", OPT_NEXT, VAL_ALL },
	{ "keytool", 0, "-srckeypass", OPT_NEXT, VAL_ALL },
	{ "keytool", 0, "-destkeypass", OPT_NEXT, VAL_ALL },
	{ "keytool", 0, "-new", OPT_NEXT, VAL_ALL },
	{ "jarsigner", 0, "-storepass", OPT_NEXT, VAL_ALL },
	{ "jarsigner", 0, "-keypass", OPT_NEXT, VAL_ALL },
	{ "openssl", 0, "-pass", OPT_NEXT, VAL_OPENSSL },
	{ "openssl", 0, "-passin", OPT_NEXT, VAL_OPENSSL },
	{ "openssl", 0, "-passout", OPT_NEXT, VAL_OPENSSL },
	{ "openssl", 0, "-k", OPT_NEXT, VAL_ALL },
	{ "rdesktop", 0, "-p", OPT_NEXT | OPT_GLUED, VAL_ALL },
	{ "xfreerdp*", 0, "/p:", OPT_GLUED, VAL_ALL },
	{ "wlfreerdp*", 0, "/p:", OPT_GLUED, VAL_ALL },
	{ "sdl-freerdp*", 0, "/p:", OPT_GLUED, VAL_ALL },
	{ "smbclient", 0, "-U", OPT_NEXT | OPT_GLUED, VAL_PERCENT },
	{ "smbclient", 0, "--user", OPT_NEXT | OPT_GLUED, VAL_PERCENT },
	{ "smbget", 0, "-U", OPT_NEXT | OPT_GLUED, VAL_PERCENT },
	{ "smbcacls", 0, "-U", OPT_NEXT | OPT_GLUED, VAL_PERCENT },
	{ "rpcclient", 0, "-U", OPT_NEXT | OPT_GLUED, VAL_PERCENT },
	{ "net", 0, "-U", OPT_NEXT | OPT_GLUED, VAL_PERCENT },
	{ "curl", 0, "-u", OPT_NEXT | OPT_GLUED, VAL_COLON },
	{ "curl", 0, "--user", OPT_NEXT | OPT_GLUED, VAL_COLON },
	{ "curl", 0, "-U", OPT_NEXT | OPT_GLUED, VAL_COLON },
	{ "curl", 0, "--proxy-user", OPT_NEXT | OPT_GLUED, VAL_COLON },
	{ "curl", 0, "--oauth2-bearer", OPT_NEXT | OPT_GLUED, VAL_ALL },
	{ "http", 0, "-a", OPT_NEXT | OPT_GLUED, VAL_COLON },
	{ "http", 0, "--auth", OPT_NEXT | OPT_GLUED, VAL_COLON },
	{ "https", 0, "-a", OPT_NEXT | OPT_GLUED, VAL_COLON },
	{ "https", 0, "--auth", OPT_NEXT | OPT_GLUED, VAL_COLON },
	{ "xh*", 0, "-a", OPT_NEXT | OPT_GLUED, VAL_COLON },
	{ "xh*", 0, "--auth", OPT_NEXT | OPT_GLUED, VAL_COLON },
	{ "lftp", 0, "-u", OPT_NEXT, VAL_COMMA },
	{ "ssh-keygen", 0, "-N", OPT_NEXT | OPT_GLUED, VAL_ALL },
	{ "ssh-keygen", 0, "-P", OPT_NEXT | OPT_GLUED, VAL_ALL },
	{ "curl", 0, "-b", OPT_NEXT | OPT_GLUED, VAL_COOKIE },
	{ "curl", 0, "--cookie", OPT_NEXT | OPT_GLUED, VAL_COOKIE },
	{ "skopeo", 0, "--creds", OPT_NEXT | OPT_GLUED, VAL_COLON },
	{ "skopeo", 0, "--src-creds", OPT_NEXT | OPT_GLUED, VAL_COLON },
	{ "skopeo", 0, "--dest-creds", OPT_NEXT | OPT_GLUED, VAL_COLON },
	{ "podman", 0, "--creds", OPT_NEXT | OPT_GLUED, VAL_COLON },
	{ "buildah", 0, "--creds", OPT_NEXT | OPT_GLUED, VAL_COLON },
	{ "gh", SUB_SECRET, "--body", OPT_NEXT | OPT_GLUED, VAL_ALL },
	{ "gh", SUB_SECRET, "-b", OPT_NEXT | OPT_GLUED, VAL_ALL },
};

/* Tools whose n-th positional argument is a secret. */
struct tool_pos {
	const char *tool;
	unsigned sub;		/* SUB_* words that must come first, or 0 */
	int index;		/* 1 for the first positional argument */
	enum val val;
};

static const struct tool_pos tool_positions[] = {
	{ "sqlplus", 0, 1, VAL_SLASH },
	{ "wpa_passphrase", 0, 2, VAL_ALL },
	{ "vault", SUB_LOGIN, 2, VAL_ALL },
	{ "mc", SUB_ALIAS, 6, VAL_ALL },	/* mc alias set N URL ID KEY */
	{ "cargo", SUB_LOGIN, 2, VAL_ALL },
	{ "ngrok", SUB_CONFIG, 3, VAL_ALL },	/* ngrok config add-authtoken T */
};

#define NPOSITIONS (sizeof(tool_positions) / sizeof(tool_positions[0]))

/* Tools that take "key value" pairs: the value of a secret key is masked. */
struct tool_kv {
	const char *tool;
	unsigned sub;
};

static const struct tool_kv tool_kvs[] = {
	{ "nmcli", 0 },
	{ "git", SUB_CONFIG },
	{ "aws", SUB_CONFIGURE },
	{ "npm", SUB_CONFIG },
	{ "pnpm", SUB_CONFIG },
	{ "yarn", SUB_CONFIG },
	{ "poetry", SUB_CONFIG },
	{ "dotnet", SUB_SET },
};

/* Commands that run another command: sudo -u bob mysql -pX. */
struct wrapper {
	const char *name;
	const char *argopts;	/* short options that take an argument */
};

static const struct wrapper wrappers[] = {
	{ "sudo", "ugCDhprtU" },
	{ "doas", "uC" },
	{ "env", "uSC" },
	{ "nohup", "" },
	{ "time", "fo" },
	{ "exec", "a" },
	{ "command", "" },
	{ "builtin", "" },
	{ "nice", "n" },
	{ "ionice", "cnp" },
	{ "timeout", "sk" },
	{ "watch", "nd" },
	{ "torsocks", "" },
	{ "proxychains", "f" },
	{ "proxychains4", "f" },
};

/* Shell words after which a command name is still to come. */
static const char *const reserved[] = {
	"!", "{", "}", "if", "then", "else", "elif", "fi", "do", "done",
	"while", "until", NULL,
};

/* Tools that read a password from standard input. */
static const char *const stdin_tools[] = {
	"chpasswd", "kinit", NULL,
};

enum cmd_state {
	CMD_START,	/* the command name is still to come */
	CMD_WRAPPER,	/* inside a wrapper's options */
	CMD_ARGS,	/* in the command's arguments */
};

struct cmd {
	enum cmd_state state;
	const char *name;		/* command name (basename), in the line */
	size_t name_len;
	const struct wrapper *wrap;	/* the wrapper being read, if any */
	bool wrap_arg;		/* the wrapper's last option wants a word */
	bool has_opts;		/* tool_opts[] has entries for the command */
	bool has_pos;		/* tool_positions[] has */
	unsigned subs;		/* SUB_* words seen */
	int npos;		/* positional arguments so far */
	const struct tool_opt *want;	/* a tool option wants the next word */
	bool want_generic;	/* a --password-like option wants it */
	bool kv;		/* a "key value" tool */
	unsigned kv_sub;	/* SUB_* words it needs first */
	bool kv_key;		/* the last positional was a secret key */
	bool batch;		/* htpasswd -b */
	bool end_opts;		/* after "--" */
	size_t last_b;		/* the last positional argument */
	size_t last_e;
	bool stdin_pw;		/* reads a password on standard input */
	bool here_set;		/* [here_b, here_e) is a <<< here-string */
	size_t here_b;
	size_t here_e;
	enum val stdin_val;
	bool echo;		/* echo or printf */
	bool htpasswd;		/* htpasswd: -b puts the password last */
	bool slash_opts;	/* xfreerdp: options start with '/' */
	bool echo_set;		/* [echo_b, echo_e) holds a literal argument */
	size_t echo_b;
	size_t echo_e;
};

static bool tool_is(const char *pat, const char *name, size_t n)
{
	size_t k;

	if (n == 0 || pat[0] != name[0]) {
		return false;
	}
	k = strlen(pat);
	if (k > 0 && pat[k - 1] == '*') {
		return n >= k - 1 && memcmp(name, pat, k - 1) == 0;
	}
	return same(name, n, pat);
}

static bool cmd_is(const struct cmd *c, const char *pat)
{
	return c->name != NULL && tool_is(pat, c->name, c->name_len);
}

/* Marks the secret part, per val, of the value word [b, e). */
static void value_mask(struct scan *sc, enum val val, size_t b, size_t e,
	bool strict)
{
	const char *s = sc->s, *p;
	char sep;
	size_t k;

	unquote(s, &b, &e);
	switch (val) {
	case VAL_ALL:
		break;
	case VAL_COLON:
	case VAL_PERCENT:
	case VAL_COMMA:
	case VAL_COOKIE:
		sep = val == VAL_COLON ? ':' : val == VAL_PERCENT ? '%' :
			val == VAL_COMMA ? ',' : '=';
		p = memchr(s + b, sep, e - b);
		if (p == NULL) {
			return;
		}
		b = (size_t)(p - s) + 1;
		unquote(s, &b, &e);
		break;
	case VAL_OPENSSL:
		if (!starts_with(s + b, e - b, "pass:")) {
			return;
		}
		b += 5;
		break;
	case VAL_SLASH:
		for (k = b; k < e && s[k] != '/' && s[k] != '@'; k++) {
		}
		if (k == b || k >= e || s[k] != '/') {
			return;		/* sqlplus /nolog, sqlplus /@wallet */
		}
		b = k + 1;
		p = memchr(s + b, '@', e - b);
		if (p != NULL) {
			e = (size_t)(p - s);
		}
		break;
	}
	if (value_is_secret(sc, b, e, strict)) {
		scan_mark(sc, b, e);
	}
}

/* Sets the command name from the word [b, e): its unquoted basename. */
static void cmd_set_name(struct cmd *c, const struct scan *sc, size_t b,
	size_t e)
{
	const char *slash;
	size_t k;

	unquote(sc->s, &b, &e);
	slash = NULL;
	for (k = b; k < e; k++) {
		if (sc->s[k] == '/') {
			slash = sc->s + k;
		}
	}
	if (slash != NULL) {
		b = (size_t)(slash - sc->s) + 1;
	}
	c->name = sc->s + b;
	c->name_len = e - b;
	c->state = CMD_ARGS;
	c->wrap = NULL;
	for (k = 0; k < sizeof(wrappers) / sizeof(wrappers[0]); k++) {
		if (same(c->name, c->name_len, wrappers[k].name)) {
			c->wrap = &wrappers[k];
			c->state = CMD_WRAPPER;
		}
	}
	for (k = 0; k < sizeof(tool_kvs) / sizeof(tool_kvs[0]); k++) {
		if (cmd_is(c, tool_kvs[k].tool)) {
			c->kv = true;
			c->kv_sub = tool_kvs[k].sub;
		}
	}
	for (k = 0; k < sizeof(tool_opts) / sizeof(tool_opts[0]); k++) {
		if (cmd_is(c, tool_opts[k].tool)) {
			c->has_opts = true;
			break;
		}
	}
	for (k = 0; k < NPOSITIONS; k++) {
		if (cmd_is(c, tool_positions[k].tool)) {
			c->has_pos = true;
		}
	}
	c->echo = cmd_is(c, "echo") || cmd_is(c, "printf");
	c->htpasswd = cmd_is(c, "htpasswd");
	c->slash_opts = cmd_is(c, "xfreerdp*") || cmd_is(c, "wlfreerdp*") ||
		cmd_is(c, "sdl-freerdp*");
	for (k = 0; stdin_tools[k] != NULL; k++) {
		if (cmd_is(c, stdin_tools[k])) {
			c->stdin_pw = true;
			c->stdin_val = cmd_is(c, "chpasswd") ? VAL_COLON :
				VAL_ALL;
		}
	}
}

static bool is_assignment(const char *s, size_t b, size_t e)
{
	size_t k = b;

	if (k >= e || !(is_alpha((unsigned char)s[k]) || s[k] == '_')) {
		return false;
	}
	while (k < e && (is_alnum((unsigned char)s[k]) || s[k] == '_')) {
		k++;
	}
	return k < e && s[k] == '=';
}

/* A word while a wrapper (sudo, env, timeout...) reads its options. */
static void cmd_wrapper_word(struct cmd *c, const struct scan *sc, size_t b,
	size_t e)
{
	const char *s = sc->s;

	if (c->wrap_arg) {
		c->wrap_arg = false;
		return;
	}
	if (s[b] == '-' && e - b >= 2) {
		if (strcmp(c->wrap->name, "sudo") == 0 && s[b + 1] != '-' &&
				memchr(s + b, 'S', e - b) != NULL) {
			c->stdin_pw = true;
			c->stdin_val = VAL_ALL;
		}
		if (e - b == 2 && strchr(c->wrap->argopts, s[b + 1]) != NULL &&
				s[b + 1] != '\0') {
			c->wrap_arg = true;
		}
		return;
	}
	if (is_assignment(s, b, e) || is_digit((unsigned char)s[b])) {
		return;
	}
	cmd_set_name(c, sc, b, e);
}

/* An option word [b, e) of the command's arguments. */
static void cmd_option(struct cmd *c, struct scan *sc, size_t b, size_t e)
{
	const char *s = sc->s;
	const struct tool_opt *t;
	size_t k, olen, n = e - b;
	bool known = false;

	for (k = 0; c->has_opts && k < sizeof(tool_opts) / sizeof(tool_opts[0]);
			k++) {
		t = &tool_opts[k];
		if (!cmd_is(c, t->tool) || (t->sub & ~c->subs) != 0) {
			continue;
		}
		olen = strlen(t->opt);
		if (n == olen && memcmp(s + b, t->opt, olen) == 0) {
			known = true;
			if (t->how & OPT_NEXT) {
				c->want = t;
			}
			break;
		}
		if (n > olen && memcmp(s + b, t->opt, olen) == 0) {
			if (t->opt[1] == '-' && s[b + olen] == '=') {
				value_mask(sc, t->val, b + olen + 1, e, false);
				return;
			}
			if (t->opt[1] != '-' && (t->how & OPT_GLUED)) {
				value_mask(sc, t->val, b + olen, e, false);
				return;
			}
		}
	}
	if (same(s + b, n, "--password-stdin") ||
			same(s + b, n, "--with-token") ||
			(n > 6 && memcmp(s + e - 6, "file=-", 6) == 0) ||
			(n > 15 &&
			memcmp(s + e - 15, "file=/dev/stdin", 15) == 0) ||
			(same(s + b, n, "--stdin") && cmd_is(c, "passwd")) ||
			(same(s + b, n, "-s") && cmd_is(c, "smbpasswd")) ||
			(same(s + b, n, "-i") && c->htpasswd)) {
		c->stdin_pw = true;
		c->stdin_val = VAL_ALL;
	}
	if (c->htpasswd && s[b + 1] != '-' &&
			memchr(s + b, 'b', n) != NULL) {
		c->batch = true;
	}
	if (known || memchr(s + b, '=', n) != NULL) {
		return;
	}
	/* --password X, --auth-token X, -token X (Go flags) */
	if ((n > 2 && s[b + 1] == '-') || n >= 5) {
		c->want_generic = name_is_secret(s, b, e, true);
	}
}

/*
 * Whether the word [b, e) names a tool with rules of its own, so that it
 * starts a command inside another: docker exec db mysql -pX, ssh h curl.
 */
static bool is_inner_tool(const char *s, size_t b, size_t e)
{
	size_t k;

	/* short names such as http or net are too often plain words */
	if (e - b < 4 || is_digit((unsigned char)s[e - 1]) ||
			same(s + b, e - b, "http") ||
			same(s + b, e - b, "https")) {
		return false;
	}
	for (k = b; k < e; k++) {
		if (!is_alnum((unsigned char)s[k]) && s[k] != '-' &&
				s[k] != '_') {
			return false;
		}
	}
	for (k = 0; k < sizeof(tool_opts) / sizeof(tool_opts[0]); k++) {
		if (tool_opts[k].tool[0] == s[b] && tool_opts[k].sub == 0 &&
				tool_is(tool_opts[k].tool, s + b, e - b)) {
			return true;
		}
	}
	return false;
}

/*
 * Whether [b, e) looks like the key of a "key value" tool: a short word
 * of name characters, wifi-sec.psk or //registry.npmjs.org/:_authToken.
 */
static bool is_property(const char *s, size_t b, size_t e)
{
	size_t k;

	if (b >= e || e - b > NAME_MAX_LEN) {
		return false;
	}
	for (k = b; k < e; k++) {
		if (!is_ident((unsigned char)s[k]) && s[k] != '/' &&
				s[k] != ':') {
			return false;
		}
	}
	return true;
}

/* A positional word [b, e) of the command's arguments. */
static void cmd_positional(struct cmd *c, struct scan *sc, size_t b,
	size_t e)
{
	const char *s = sc->s;
	size_t k, ib = b, ie = e;
	bool key;

	if (!c->echo && is_inner_tool(s, b, e)) {
		bool stdin_pw = c->stdin_pw;

		memset(c, 0, sizeof(*c));
		c->stdin_pw = stdin_pw;
		cmd_set_name(c, sc, b, e);
		return;
	}
	c->npos++;
	unquote(s, &ib, &ie);
	if (same(s + ib, ie - ib, "-") && (c->subs & (SUB_LOGIN | SUB_SECRET))) {
		/* vault login -, docker secret create x - */
		c->stdin_pw = true;
		c->stdin_val = VAL_ALL;
	}
	for (k = 0; sub_words[k] != NULL; k++) {
		if (same(s + ib, ie - ib, sub_words[k])) {
			c->subs |= 1u << k;
		}
	}
	for (k = 0; c->has_pos && k < NPOSITIONS; k++) {
		const struct tool_pos *t = &tool_positions[k];

		if (cmd_is(c, t->tool) && (t->sub & ~c->subs) == 0 &&
				t->index == c->npos &&
				memchr(s + b, '=', e - b) == NULL) {
			value_mask(sc, t->val, b, e, false);
		}
	}
	if (c->kv && (c->kv_sub & ~c->subs) == 0) {
		/* wifi-sec.psk after a value is a key again, not a value */
		key = is_property(s, ib, ie) && name_is_secret(s, ib, ie, false);
		if (c->kv_key && !(key && memchr(s + ib, '.', ie - ib) != NULL)) {
			value_mask(sc, VAL_ALL, b, e, true);
			key = false;
		}
		c->kv_key = key;
	}
	if (c->echo) {
		c->echo_set = value_is_secret(sc, ib, ie, false);
		c->echo_b = ib;
		c->echo_e = ie;
	}
	c->last_b = b;
	c->last_e = e;
}

/* A word of a command, in the order they come. */
static void cmd_word(struct cmd *c, struct scan *sc, size_t b, size_t e)
{
	const char *s = sc->s;
	bool option;

	if (c->state == CMD_START) {
		if (is_assignment(s, b, e) || in_list(s + b, e - b, reserved)) {
			return;
		}
		cmd_set_name(c, sc, b, e);
		return;
	}
	if (c->state == CMD_WRAPPER) {
		cmd_wrapper_word(c, sc, b, e);
		return;
	}
	option = !c->end_opts && s[b] == '-' && e - b >= 2;
	if (c->want != NULL || c->want_generic) {
		bool generic = c->want == NULL;
		const struct tool_opt *t = c->want;

		c->want = NULL;
		c->want_generic = false;
		if (!option) {
			value_mask(sc, generic ? VAL_ALL : t->val, b, e, generic);
			return;
		}
	}
	if (option && same(s + b, e - b, "--")) {
		c->end_opts = true;
		return;
	}
	if (option || (s[b] == '/' && c->slash_opts)) {
		cmd_option(c, sc, b, e);
		return;
	}
	cmd_positional(c, sc, b, e);
}

/* The command ended; pipe holds the literal echoed into it, if any. */
static void cmd_finish(struct cmd *c, struct scan *sc, struct cmd *pipe)
{
	if (c->htpasswd && c->batch && c->npos >= 2) {
		value_mask(sc, VAL_ALL, c->last_b, c->last_e, false);
	}
	if (c->stdin_pw && pipe != NULL && pipe->echo && pipe->echo_set) {
		value_mask(sc, c->stdin_val, pipe->echo_b, pipe->echo_e, false);
	}
	if (c->stdin_pw && c->here_set) {
		value_mask(sc, c->stdin_val, c->here_b, c->here_e, false);
	}
}

/*
 * Lexes the line as shell commands and applies the rules that depend on
 * the command and on the position of a word in it.
 */
static void scan_commands(struct scan *sc)
{
	struct lex lx = { sc, 0, 0, 0 };
	struct cmd cur, prev;
	bool redir = false, here = false, piped = false;
	enum tok t;

	memset(&cur, 0, sizeof(cur));
	memset(&prev, 0, sizeof(prev));
	for (;;) {
		t = lex_next(&lx);
		if (t == TOK_WORD) {
			if (redir && here) {
				cur.here_set = true;
				cur.here_b = lx.b;
				cur.here_e = lx.e;
			}
			if (redir) {
				redir = here = false;
			} else {
				cmd_word(&cur, sc, lx.b, lx.e);
			}
			continue;
		}
		if (t == TOK_REDIR) {
			redir = true;
			here = lx.e - lx.b == 3 &&
				memcmp(sc->s + lx.b, "<<<", 3) == 0;
			cur.want = NULL;
			cur.want_generic = false;
			continue;
		}
		cmd_finish(&cur, sc, piped ? &prev : NULL);
		if (t == TOK_END) {
			break;
		}
		piped = t == TOK_PIPE;
		redir = here = false;
		prev = cur;
		memset(&cur, 0, sizeof(cur));
	}
}

/* ---- the interface --------------------------------------------------- */

/* Copies the line with each run of marked bytes replaced by the marker. */
static char *scan_output(const struct scan *sc, size_t *out_len)
{
	size_t i, n = 0, o = 0;
	char *out;

	for (i = 0; i < sc->len; i++) {
		if (!sc->mask[i]) {
			n++;
		} else if (i == 0 || !sc->mask[i - 1]) {
			n += MARKER_LEN;
		}
		if (n > SIZE_MAX / 2) {
			return NULL;
		}
	}
	out = malloc(n + 1);
	if (out == NULL) {
		return NULL;
	}
	for (i = 0; i < sc->len; i++) {
		if (!sc->mask[i]) {
			out[o++] = sc->s[i];
		} else if (i == 0 || !sc->mask[i - 1]) {
			memcpy(out + o, REDACT_MARKER, MARKER_LEN);
			o += MARKER_LEN;
		}
	}
	out[o] = '\0';
	*out_len = o;
	return out;
}

/*
 * One pass of all scans over [line, line + len).  Returns a malloc'd copy
 * with the marked runs replaced (sets *hit when there were any), or NULL
 * when memory runs out.
 */
static char *redact_once(const char *line, size_t len, size_t *out_len,
	bool *hit)
{
	unsigned char stack_mask[STACK_MASK];
	struct scan sc = { line, len, stack_mask, false };
	char *out;

	if (len > STACK_MASK) {
		sc.mask = calloc(len, 1);
		if (sc.mask == NULL) {
			return NULL;
		}
	} else {
		memset(stack_mask, 0, len);
	}
	scan_shapes(&sc);
	scan_urls(&sc);
	scan_keyblocks(&sc);
	scan_keys(&sc);
	scan_commands(&sc);
	*hit = sc.hit;
	if (sc.hit) {
		out = scan_output(&sc, out_len);
	} else {
		out = malloc(len + 1);
		if (out != NULL) {
			memcpy(out, line, len);
			out[len] = '\0';
			*out_len = len;
		}
	}
	if (sc.mask != stack_mask) {
		free(sc.mask);
	}
	return out;
}

char *redact_buf(const char *line, size_t len, size_t *out_len,
	bool *changed)
{
	size_t n = 0, n2 = 0;
	char *out, *next;
	bool hit = false;
	int round;

	if (changed != NULL) {
		*changed = false;
	}
	if (line == NULL) {
		line = "";
		len = 0;
	}
	out = redact_once(line, len, &n, &hit);
	/*
	 * A rule may judge a word by bytes that another rule masked, so a
	 * second pass could find more.  Passes repeat until nothing changes,
	 * which makes redaction idempotent; each pass that changes something
	 * turns at least one byte into a marker, so this ends quickly.
	 */
	for (round = 0; out != NULL && hit && round < REDACT_ROUNDS; round++) {
		next = redact_once(out, n, &n2, &hit);
		free(out);
		out = next;
		n = n2;
	}
	if (out == NULL) {
		return NULL;
	}
	if (changed != NULL) {
		*changed = n != len || memcmp(out, line, len) != 0;
	}
	if (out_len != NULL) {
		*out_len = n;
	}
	return out;
}

char *redact_line(const char *line, size_t len, bool *changed)
{
	return redact_buf(line, len, NULL, changed);
}

bool redact_skip_line(const char *line)
{
	return line != NULL && line[0] == ' ';
}
