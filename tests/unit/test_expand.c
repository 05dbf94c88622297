/*
 * test_expand.c - word expansion: field splitting with every IFS rule,
 * $@ and $*, parameter operators, trims, tilde expansion, patterns and
 * pathname expansion.  Words are built by hand as the parser would build
 * them (ast.h); expected results are dash's.
 */
#include <locale.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "ast.h"
#include "expand.h"
#include "shell.h"
#include "var.h"

#include "test.h"

static struct shell test_sh;
static struct shell *sh = &test_sh;
static struct pool *pool;

/* ---- word builders ---- */

static struct wpart *part(enum wpart_type type, bool quoted)
{
	struct wpart *p = pool_alloc(pool, sizeof(*p));

	p->type = type;
	p->quoted = quoted;
	return p;
}

static struct wpart *lit(const char *s, bool quoted)
{
	struct wpart *p = part(WP_LIT, quoted);

	p->lit.len = strlen(s);
	p->lit.text = pool_strndup(pool, s, p->lit.len);
	return p;
}

/* unquoted literal */
static struct wpart *L(const char *s)
{
	return lit(s, false);
}

/* quoted literal */
static struct wpart *Q(const char *s)
{
	return lit(s, true);
}

static struct wpart *param(const char *name, enum param_op op, bool colon,
			   struct word *arg, bool quoted)
{
	struct wpart *p = part(WP_PARAM, quoted);

	p->param.name = pool_strndup(pool, name, strlen(name));
	p->param.op = op;
	p->param.colon = colon;
	p->param.arg = arg;
	return p;
}

/* $name */
static struct wpart *P(const char *name)
{
	return param(name, PARAM_PLAIN, false, NULL, false);
}

/* "$name" */
static struct wpart *QP(const char *name)
{
	return param(name, PARAM_PLAIN, false, NULL, true);
}

static struct wpart *arith(struct word *expr, bool quoted)
{
	struct wpart *p = part(WP_ARITH, quoted);

	p->arith.expr = expr;
	return p;
}

/* A word of the given parts (NULL-terminated). */
static struct word *W(struct wpart *first, ...)
{
	struct word *w = pool_alloc(pool, sizeof(*w));
	struct wpart **tail = &w->parts, *p;
	va_list ap;

	va_start(ap, first);
	for (p = first; p != NULL; p = va_arg(ap, struct wpart *)) {
		*tail = p;
		tail = &p->next;
	}
	va_end(ap);
	return w;
}

/* ---- expansion helpers ---- */

/* The fields of one word as "[a][b]", or "ERROR". */
static const char *fields(struct word *w)
{
	struct strvec sv = { NULL, 0, 0 };
	char *out;
	size_t i, n = 3;

	if (expand_words(sh, &w, 1, &sv) < 0) {
		return "ERROR";
	}
	CHECK(sv.v != NULL && sv.v[sv.n] == NULL);
	for (i = 0; i < sv.n; i++) {
		n += strlen(sv.v[i]) + 2;
	}
	out = arena_alloc(n);
	out[0] = '\0';
	for (i = 0; i < sv.n; i++) {
		strcat(out, "[");
		strcat(out, sv.v[i]);
		strcat(out, "]");
	}
	return out;
}

static const char *str(struct word *w, int flags)
{
	char *s = expand_string(sh, w, flags);

	return s ? s : "ERROR";
}

static void set_params(int argc, ...)
{
	static char *argv[16];
	va_list ap;
	int i;

	va_start(ap, argc);
	for (i = 0; i < argc; i++) {
		argv[i] = va_arg(ap, char *);
	}
	argv[i] = NULL;
	va_end(ap);
	sh->argc = argc;
	sh->argv = argv;
}

static void set(const char *name, const char *value)
{
	if (value == NULL) {
		var_unset(sh, name);
	} else {
		var_set(sh, name, value, 0);
	}
}

/* Runs an expansion that must fail with stderr silenced; checks $?. */
static void expect_fatal(const char *got)
{
	CHECK_STR(got, "ERROR");
	CHECK_INT(sh->status, 2);
	sh->status = 0;
	sh->unwind = UNWIND_NONE;
}

static const char *quiet_fields(struct word *w)
{
	const char *r;
	int fd = dup(2);
	FILE *null = fopen("/dev/null", "w");

	dup2(fileno(null), 2);
	r = fields(w);
	dup2(fd, 2);
	close(fd);
	fclose(null);
	return r;
}

/* ---- tests ---- */

/* XCU 2.6.5: one row per IFS and value, split as $x, $x"" and ""$x"" */
static void test_ifs_table(void)
{
	static const struct {
		const char *ifs;	/* NULL = unset */
		const char *value;
		const char *plain;	/* $x */
		const char *tail;	/* $x"" */
		const char *both;	/* ""$x"" */
	} rows[] = {
		{ NULL, "a b", "[a][b]", "[a][b]", "[a][b]" },
		{ NULL, "  a \t b\n ", "[a][b]", "[a][b][]", "[][a][b][]" },
		{ NULL, "", "", "[]", "[]" },
		{ NULL, "   ", "", "[]", "[][]" },
		{ "", "a b", "[a b]", "[a b]", "[a b]" },
		{ "", "", "", "[]", "[]" },
		{ ":", "a:b", "[a][b]", "[a][b]", "[a][b]" },
		{ ":", "a::b", "[a][][b]", "[a][][b]", "[a][][b]" },
		{ ":", "a:", "[a]", "[a][]", "[a][]" },
		{ ":", ":a", "[][a]", "[][a]", "[][a]" },
		{ ":", ":", "[]", "[][]", "[][]" },
		{ ":", "a b", "[a b]", "[a b]", "[a b]" },
		{ ": ", "a::b: :c : ", "[a][][b][][c]", "[a][][b][][c][]",
		  "[a][][b][][c][]" },
		{ ": ", " a ", "[a]", "[a][]", "[][a][]" },
		{ ": ", " : a", "[][a]", "[][a]", "[][a]" },
		{ " :", "a : b", "[a][b]", "[a][b]", "[a][b]" },
		{ " :", "a  :  :  b", "[a][][b]", "[a][][b]", "[a][][b]" },
		{ "1", "111", "[][][]", "[][][][]", "[][][][]" },
		{ "x", "axbxxc", "[a][b][][c]", "[a][b][][c]", "[a][b][][c]" },
	};
	size_t i;
	const char *got;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		set("IFS", rows[i].ifs);
		set("x", rows[i].value);
		got = fields(W(P("x"), NULL));
		if (strcmp(got, rows[i].plain) != 0) {
			fprintf(stderr, "row %zu: ", i);
		}
		CHECK_STR(got, rows[i].plain);
		got = fields(W(P("x"), Q(""), NULL));
		if (strcmp(got, rows[i].tail) != 0) {
			fprintf(stderr, "row %zu: ", i);
		}
		CHECK_STR(got, rows[i].tail);
		got = fields(W(Q(""), P("x"), Q(""), NULL));
		if (strcmp(got, rows[i].both) != 0) {
			fprintf(stderr, "row %zu: ", i);
		}
		CHECK_STR(got, rows[i].both);
	}
	set("IFS", NULL);
}

static void test_split_context(void)
{
	set("IFS", NULL);
	set("x", "1 2");
	set("e", "");
	/* literal text is never split */
	CHECK_STR(fields(W(L("a b"), NULL)), "[a b]");
	CHECK_STR(fields(W(L("a"), P("x"), L("b"), NULL)), "[a1][2b]");
	CHECK_STR(fields(W(QP("x"), NULL)), "[1 2]");
	CHECK_STR(fields(W(P("e"), NULL)), "");
	CHECK_STR(fields(W(QP("e"), NULL)), "[]");
	CHECK_STR(fields(W(L("x"), P("e"), NULL)), "[x]");
	CHECK_STR(fields(W(Q(""), NULL)), "[]");
	CHECK_STR(fields(W(P("unset_var"), NULL)), "");
	CHECK_STR(fields(W(Q("a b"), P("x"), NULL)), "[a b1][2]");
	/* arithmetic results are split too */
	set("IFS", "1");
	CHECK_STR(fields(W(arith(W(L("11+100"), NULL), false), NULL)),
		  "[][][]");
	CHECK_STR(fields(W(arith(W(L("11+100"), NULL), true), NULL)),
		  "[111]");
	set("IFS", NULL);
}

static void test_dollar_at(void)
{
	set("IFS", NULL);
	set_params(0);
	CHECK_STR(fields(W(QP("@"), NULL)), "");
	CHECK_STR(fields(W(QP("@"), Q(""), NULL)), "[]");
	CHECK_STR(fields(W(QP("*"), NULL)), "[]");
	CHECK_STR(fields(W(L("x"), QP("@"), L("y"), NULL)), "[xy]");
	CHECK_STR(fields(W(P("@"), NULL)), "");
	set_params(2, "1", "2");
	CHECK_STR(fields(W(L("a"), QP("@"), L("b"), NULL)), "[a1][2b]");
	CHECK_STR(fields(W(Q("a"), QP("@"), Q("b"), NULL)), "[a1][2b]");
	set_params(2, "", "");
	CHECK_STR(fields(W(QP("@"), NULL)), "[][]");
	CHECK_STR(fields(W(P("@"), NULL)), "");
	CHECK_STR(fields(W(L("x"), P("@"), NULL)), "[x]");
	CHECK_STR(fields(W(P("@"), L("x"), NULL)), "[x]");
	set_params(3, "a", "", "b");
	set("IFS", ":");
	CHECK_STR(fields(W(P("@"), NULL)), "[a][b]");
	CHECK_STR(fields(W(P("*"), NULL)), "[a][b]");
	CHECK_STR(fields(W(QP("*"), NULL)), "[a::b]");
	CHECK_STR(fields(W(QP("@"), NULL)), "[a][][b]");
	/* one string: joined with the first character of IFS, like dash */
	CHECK_STR(str(W(P("*"), NULL), EXPAND_ASSIGN), "a::b");
	CHECK_STR(str(W(P("@"), NULL), EXPAND_ASSIGN), "a::b");
	CHECK_STR(str(W(QP("@"), NULL), EXPAND_ASSIGN), "a::b");
	set("IFS", "");
	set_params(2, "a b", "c");
	CHECK_STR(fields(W(P("@"), NULL)), "[a b][c]");
	CHECK_STR(fields(W(P("*"), NULL)), "[a b][c]");
	CHECK_STR(fields(W(QP("*"), NULL)), "[a bc]");
	CHECK_STR(str(W(P("*"), NULL), 0), "a bc");
	set("IFS", NULL);
	CHECK_STR(fields(W(P("@"), NULL)), "[a][b][c]");
	CHECK_STR(fields(W(P("*"), NULL)), "[a][b][c]");
	CHECK_STR(fields(W(QP("*"), NULL)), "[a b c]");
	CHECK_STR(fields(W(QP("@"), NULL)), "[a b][c]");
	set("IFS", ": ");
	set_params(2, "a:", "b");
	CHECK_STR(fields(W(P("@"), NULL)), "[a][b]");
	set("IFS", NULL);
	/* ${x:-"$@"} and friends */
	set_params(2, "1", "2");
	set("x", NULL);
	CHECK_STR(fields(W(param("x", PARAM_DEFAULT, true,
				  W(QP("@"), NULL), false), NULL)),
		  "[1][2]");
	CHECK_STR(fields(W(param("x", PARAM_DEFAULT, true,
				  W(QP("@"), NULL), true), NULL)),
		  "[1][2]");
	CHECK_STR(fields(W(param("@", PARAM_LENGTH, false, NULL, false),
			   NULL)), "[3]");
	CHECK_STR(fields(W(param("#", PARAM_PLAIN, false, NULL, false),
			   NULL)), "[2]");
	CHECK_STR(fields(W(param("@", PARAM_ALT, true, W(L("y"), NULL),
				  true), NULL)), "[y]");
	set_params(1, "");
	CHECK_STR(fields(W(param("@", PARAM_DEFAULT, true, W(L("x"), NULL),
				  false), NULL)), "[x]");
	set_params(0);
	CHECK_STR(fields(W(param("@", PARAM_DEFAULT, true, NULL, true),
			   NULL)), "[]");
}

static void test_param_ops(void)
{
	struct word *ab = W(L("a b"), NULL);

	set("IFS", NULL);
	set("u", NULL);
	set("e", "");
	set("v", "val");
	CHECK_STR(fields(W(param("u", PARAM_DEFAULT, false, ab, false),
			   NULL)), "[a][b]");
	CHECK_STR(fields(W(param("u", PARAM_DEFAULT, false, ab, true),
			   NULL)), "[a b]");
	CHECK_STR(fields(W(param("e", PARAM_DEFAULT, false, ab, false),
			   NULL)), "");
	CHECK_STR(fields(W(param("e", PARAM_DEFAULT, true, ab, false),
			   NULL)), "[a][b]");
	CHECK_STR(fields(W(param("v", PARAM_DEFAULT, true, ab, false),
			   NULL)), "[val]");
	CHECK_STR(fields(W(param("u", PARAM_DEFAULT, false,
				  W(Q("a  b"), L(" c"), NULL), false), NULL)),
		  "[a  b][c]");
	CHECK_STR(fields(W(param("u", PARAM_ALT, false, ab, false), NULL)),
		  "");
	CHECK_STR(fields(W(param("e", PARAM_ALT, false, ab, false), NULL)),
		  "[a][b]");
	CHECK_STR(fields(W(param("e", PARAM_ALT, true, ab, false), NULL)),
		  "");
	CHECK_STR(fields(W(param("e", PARAM_ALT, true, ab, true), NULL)),
		  "[]");
	CHECK_STR(fields(W(param("u", PARAM_DEFAULT, true, NULL, true),
			   NULL)), "[]");
	/* ${x=w} assigns, and the value is split when unquoted */
	CHECK_STR(fields(W(param("u", PARAM_ASSIGN, false, ab, false), NULL)),
		  "[a][b]");
	CHECK_STR(var_get(sh, "u"), "a b");
	CHECK_STR(fields(W(param("e", PARAM_ASSIGN, false, ab, false), NULL)),
		  "");
	CHECK_STR(fields(W(param("e", PARAM_ASSIGN, true, ab, false), NULL)),
		  "[a][b]");
	CHECK_STR(var_get(sh, "e"), "a b");
	set("e", "");
	/* lengths */
	CHECK_STR(fields(W(param("v", PARAM_LENGTH, false, NULL, false),
			   NULL)), "[3]");
	CHECK_STR(fields(W(param("u2", PARAM_LENGTH, false, NULL, false),
			   NULL)), "[0]");
	/* special parameters */
	sh->status = 7;
	CHECK_STR(fields(W(P("?"), NULL)), "[7]");
	sh->status = 0;
	sh->last_bg = 0;
	CHECK_STR(fields(W(P("!"), NULL)), "");
	sh->last_bg = 1234;
	CHECK_STR(fields(W(P("!"), NULL)), "[1234]");
	set_params(2, "one", "two");
	CHECK_STR(fields(W(P("2"), NULL)), "[two]");
	CHECK_STR(fields(W(P("3"), NULL)), "");
	CHECK_STR(fields(W(P("0"), NULL)), "[hersh]");
	set_params(0);
}

static void test_param_errors(void)
{
	int fd;

	set("u", NULL);
	set("e", "");
	fd = dup(2);
	expect_fatal(quiet_fields(W(param("u", PARAM_ERROR, false, NULL,
					  false), NULL)));
	expect_fatal(quiet_fields(W(param("e", PARAM_ERROR, true,
					  W(L("msg"), NULL), false), NULL)));
	CHECK_STR(fields(W(param("e", PARAM_ERROR, false, NULL, false),
			   NULL)), "");
	expect_fatal(quiet_fields(W(param("1", PARAM_ASSIGN, false,
					  W(L("x"), NULL), false), NULL)));
	var_set(sh, "ro", "", VAR_READONLY);
	expect_fatal(quiet_fields(W(param("ro", PARAM_ASSIGN, true,
					  W(L("x"), NULL), false), NULL)));
	/* set -u */
	sh->options |= OPT_NOUNSET;
	expect_fatal(quiet_fields(W(P("u"), NULL)));
	expect_fatal(quiet_fields(W(P("5"), NULL)));
	expect_fatal(quiet_fields(W(param("u", PARAM_LENGTH, false, NULL,
					  false), NULL)));
	expect_fatal(quiet_fields(W(param("u", PARAM_TRIM_PREFIX, false,
					  W(L("a"), NULL), false), NULL)));
	CHECK_STR(fields(W(param("u", PARAM_DEFAULT, false, W(L("d"), NULL),
				  false), NULL)), "[d]");
	CHECK_STR(fields(W(param("u", PARAM_ALT, false, W(L("d"), NULL),
				  false), NULL)), "");
	CHECK_STR(fields(W(QP("@"), QP("*"), NULL)), "[]");
	sh->options &= ~(unsigned)OPT_NOUNSET;
	close(fd);
	/* an arithmetic error is fatal too */
	expect_fatal(quiet_fields(W(arith(W(L("1/0"), NULL), false), NULL)));
}

/* ${v<op>pattern}, the pattern given as parts */
static const char *trim(const char *v, enum param_op op, struct word *pat)
{
	set("t", v);
	return str(W(param("t", op, false, pat, false), NULL), 0);
}

static void test_trims(void)
{
	struct word *star = W(L("*"), NULL);

	CHECK_STR(trim("/usr/lib/libc.so.6", PARAM_TRIM_PREFIX_MAX,
		       W(L("*/"), NULL)), "libc.so.6");
	CHECK_STR(trim("/usr/lib/libc.so.6", PARAM_TRIM_PREFIX,
		       W(L("*/"), NULL)), "usr/lib/libc.so.6");
	CHECK_STR(trim("/usr/lib/libc.so.6", PARAM_TRIM_SUFFIX,
		       W(L("/*"), NULL)), "/usr/lib");
	CHECK_STR(trim("/usr/lib/libc.so.6", PARAM_TRIM_SUFFIX_MAX,
		       W(L("/*"), NULL)), "");
	CHECK_STR(trim("libc.so.6", PARAM_TRIM_SUFFIX, W(L(".*"), NULL)),
		  "libc.so");
	CHECK_STR(trim("libc.so.6", PARAM_TRIM_SUFFIX_MAX, W(L(".*"), NULL)),
		  "libc");
	CHECK_STR(trim("abcabc", PARAM_TRIM_PREFIX, W(L("abc"), NULL)),
		  "abc");
	CHECK_STR(trim("abcabc", PARAM_TRIM_SUFFIX, W(L("bc"), NULL)),
		  "abca");
	CHECK_STR(trim("abc", PARAM_TRIM_PREFIX, W(L("x"), NULL)), "abc");
	CHECK_STR(trim("abc", PARAM_TRIM_PREFIX, star), "abc");
	CHECK_STR(trim("abc", PARAM_TRIM_PREFIX_MAX, star), "");
	CHECK_STR(trim("abc", PARAM_TRIM_SUFFIX, star), "abc");
	CHECK_STR(trim("abc", PARAM_TRIM_SUFFIX_MAX, star), "");
	CHECK_STR(trim("abc", PARAM_TRIM_PREFIX, W(L("?"), NULL)), "bc");
	CHECK_STR(trim("abc", PARAM_TRIM_SUFFIX, W(L("?"), NULL)), "ab");
	CHECK_STR(trim("abc", PARAM_TRIM_PREFIX, NULL), "abc");
	CHECK_STR(trim("aXbXc", PARAM_TRIM_PREFIX, W(L("*X"), NULL)), "bXc");
	CHECK_STR(trim("aXbXc", PARAM_TRIM_PREFIX_MAX, W(L("*X"), NULL)),
		  "c");
	CHECK_STR(trim("aXbXc", PARAM_TRIM_SUFFIX, W(L("X*"), NULL)), "aXb");
	CHECK_STR(trim("aXbXc", PARAM_TRIM_SUFFIX_MAX, W(L("X*"), NULL)),
		  "a");
	CHECK_STR(trim("aXbXc", PARAM_TRIM_SUFFIX, W(L("*c"), NULL)), "aXbX");
	CHECK_STR(trim("aXbXc", PARAM_TRIM_SUFFIX_MAX, W(L("*c"), NULL)), "");
	CHECK_STR(trim("aXbXc", PARAM_TRIM_PREFIX, W(L("a*"), NULL)), "XbXc");
	CHECK_STR(trim("aXbXc", PARAM_TRIM_PREFIX_MAX, W(L("a*"), NULL)), "");
	CHECK_STR(trim("12345abc", PARAM_TRIM_SUFFIX_MAX,
		       W(L("[!0-9]*"), NULL)), "12345");
	CHECK_STR(trim("12345abc", PARAM_TRIM_PREFIX_MAX,
		       W(L("*[0-9]"), NULL)), "abc");
	CHECK_STR(trim("xaybzc", PARAM_TRIM_PREFIX, W(L("*[yz]"), NULL)),
		  "bzc");
	CHECK_STR(trim("xaybzc", PARAM_TRIM_PREFIX_MAX, W(L("x*[yz]"), NULL)),
		  "c");
	CHECK_STR(trim("xaybzc", PARAM_TRIM_SUFFIX, W(L("[ab]*c"), NULL)),
		  "xay");
	CHECK_STR(trim("a.b.c", PARAM_TRIM_SUFFIX, W(L("."), L("?"), NULL)),
		  "a.b");
	/* quoted parts match literally */
	CHECK_STR(trim("a*b*c", PARAM_TRIM_SUFFIX, W(Q("*"), L("*"), NULL)),
		  "a*b");
	CHECK_STR(trim("a*b*c", PARAM_TRIM_PREFIX_MAX,
		       W(L("*"), Q("*"), NULL)), "c");
	CHECK_STR(trim("abc", PARAM_TRIM_PREFIX, W(Q("?"), NULL)), "abc");
	CHECK_STR(trim("?bc", PARAM_TRIM_PREFIX, W(Q("?"), NULL)), "bc");
	CHECK_STR(trim("[a]b", PARAM_TRIM_PREFIX, W(Q("[a]"), NULL)), "b");
	CHECK_STR(trim("a\\b", PARAM_TRIM_PREFIX, W(Q("a\\"), NULL)), "b");
	/* an unquoted expansion keeps its pattern characters */
	set("p", "*/");
	CHECK_STR(trim("a/b/c", PARAM_TRIM_PREFIX, W(P("p"), NULL)), "b/c");
	CHECK_STR(trim("a/b/c", PARAM_TRIM_PREFIX, W(QP("p"), NULL)), "a/b/c");
	CHECK_STR(trim("*/b/c", PARAM_TRIM_PREFIX, W(QP("p"), NULL)), "b/c");
	/* a long string with a pattern that has no fast path */
	{
		char *big = malloc(20001);

		memset(big, 'a', 20000);
		big[20000] = '\0';
		big[10000] = 'b';
		CHECK_INT(strlen(trim(big, PARAM_TRIM_PREFIX,
				      W(L("*b?"), NULL))), 9998);
		CHECK_INT(strlen(trim(big, PARAM_TRIM_SUFFIX_MAX,
				      W(L("b*[a]"), NULL))), 10000);
		CHECK_INT(strlen(trim(big, PARAM_TRIM_PREFIX,
				      W(L("*c"), NULL))), 20000);
		free(big);
	}
}

static void test_tilde(void)
{
	struct passwd *pw = getpwnam("root");
	const char *root = pw != NULL ? arena_strdup(pw->pw_dir) : "~root";

	set("HOME", "/home/me");
	CHECK_STR(fields(W(L("~"), NULL)), "[/home/me]");
	CHECK_STR(fields(W(L("~/x"), NULL)), "[/home/me/x]");
	CHECK_STR(fields(W(L("~/"), Q("x"), NULL)), "[/home/me/x]");
	CHECK_STR(fields(W(L("~"), Q("/x"), NULL)), "[~/x]");
	CHECK_STR(fields(W(Q("~"), NULL)), "[~]");
	CHECK_STR(fields(W(L("x~"), NULL)), "[x~]");
	CHECK_STR(fields(W(L("~root"), NULL)), arena_printf("[%s]", root));
	CHECK_STR(fields(W(L("~root/a"), NULL)),
		  arena_printf("[%s/a]", root));
	CHECK_STR(fields(W(L("~no_such_user_hersh"), NULL)),
		  "[~no_such_user_hersh]");
	CHECK_STR(fields(W(L("a=~"), NULL)), "[a=~]");
	CHECK_STR(str(W(L("~/a:~/b"), NULL), EXPAND_ASSIGN),
		  "/home/me/a:/home/me/b");
	CHECK_STR(str(W(L("a:~root:~"), NULL), EXPAND_ASSIGN),
		  arena_printf("a:%s:/home/me", root));
	CHECK_STR(str(W(L("~/a:~/b"), NULL), 0), "/home/me/a:~/b");
	CHECK_STR(str(W(L("~"), NULL), EXPAND_HEREDOC), "~");
	set("y", "/a");
	CHECK_STR(str(W(L("~"), P("y"), NULL), EXPAND_ASSIGN), "~/a");
	CHECK_STR(str(W(P("y"), L(":~"), NULL), EXPAND_ASSIGN),
		  "/a:/home/me");
	/* the result is neither split nor globbed */
	set("HOME", "/a b*");
	CHECK_STR(fields(W(L("~"), NULL)), "[/a b*]");
	set("HOME", "");
	CHECK_STR(fields(W(L("~/x"), NULL)), "[/x]");
	CHECK_STR(fields(W(L("~"), NULL)), "");
	/* ${x:-~} */
	set("HOME", "/h");
	set("u", NULL);
	CHECK_STR(fields(W(param("u", PARAM_DEFAULT, true, W(L("~"), NULL),
				  false), NULL)), "[/h]");
	CHECK_STR(fields(W(param("u", PARAM_DEFAULT, true, W(L("~"), NULL),
				  true), NULL)), "[~]");
	/* HOME unset: the user database */
	set("HOME", NULL);
	pw = getpwuid(getuid());
	CHECK_STR(fields(W(L("~"), NULL)),
		  pw != NULL ? arena_printf("[%s]", pw->pw_dir) : "[~]");
}

static void test_patterns(void)
{
	set("p", "a*");
	CHECK(pattern_match("a*", "abc"));
	CHECK(!pattern_match("a*", "bac"));
	CHECK(pattern_match("a\\*", "a*"));
	CHECK(!pattern_match("a\\*", "ab"));
	CHECK(pattern_match("[!a]", "b"));
	CHECK(!pattern_match("[!a]", "a"));
	CHECK(pattern_match("[[:digit:]]x", "5x"));
	CHECK(pattern_match("*", ".hidden"));
	CHECK(pattern_match("a/*", "a/b/c"));
	CHECK(pattern_match("abc", "abc"));
	CHECK(!pattern_match("abc", "abcd"));
	CHECK(pattern_match("a[", "a["));
	CHECK(pattern_match("*a*b", "xxaxxbxb"));
	CHECK(!pattern_match("*a*b", "xxaxxbxc"));
	CHECK(pattern_match("a*b*c", "aXbYc"));
	CHECK(pattern_match("a**c", "ac"));
	CHECK(pattern_match("?*?", "ab"));
	CHECK(!pattern_match("?*?", "a"));
	CHECK(pattern_match("*.txt", "file1.txt"));
	CHECK(!pattern_match("*.c", "file1.txt"));
	CHECK(pattern_match("\\\\*", "\\x"));
	CHECK(pattern_match("*\\?", "ab?"));
	CHECK(!pattern_match("*\\?", "abc"));
	CHECK(pattern_match("", ""));
	CHECK(!pattern_match("", "a"));
	CHECK(pattern_match("*", ""));
	CHECK(!pattern_has_magic("abc"));
	CHECK(!pattern_has_magic("a\\*"));
	CHECK(!pattern_has_magic("a["));
	CHECK(pattern_has_magic("a[b]"));
	CHECK(pattern_has_magic("?"));
	CHECK_STR(expand_pattern(sh, W(P("p"), NULL)), "a*");
	CHECK_STR(expand_pattern(sh, W(QP("p"), NULL)), "a\\*");
	CHECK_STR(expand_pattern(sh, W(Q("[x]-!"), L("*"), NULL)),
		  "\\[x\\]\\-\\!*");
	CHECK(pattern_match(expand_pattern(sh, W(P("p"), NULL)), "ab"));
	CHECK(!pattern_match(expand_pattern(sh, W(QP("p"), NULL)), "ab"));
	CHECK(pattern_match(expand_pattern(sh, W(QP("p"), NULL)), "a*"));
	set("HOME", "/h");
	CHECK_STR(expand_pattern(sh, W(L("~"), NULL)), "/h");
}

static void test_glob(void)
{
	char dir[] = "/tmp/hersh-expand-XXXXXX";
	char cwd[4096];
	static const char *files[] = {
		"a1", "a2", "b1", ".hid", "d1/x1", "d1/y1", "d2/x2", "a*b",
		"[x]",
	};
	size_t i;
	char path[256];
	FILE *f;

	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	CHECK(mkdtemp(dir) != NULL);
	CHECK(chdir(dir) == 0);
	mkdir("d1", 0700);
	mkdir("d2", 0700);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		f = fopen(files[i], "w");
		if (f != NULL) {
			fclose(f);
		}
	}
	CHECK_STR(fields(W(L("a?"), NULL)), "[a1][a2]");
	CHECK_STR(fields(W(L("*1"), NULL)), "[a1][b1][d1]");
	CHECK_STR(fields(W(L("*/x*"), NULL)), "[d1/x1][d2/x2]");
	CHECK_STR(fields(W(L(".h*"), NULL)), "[.hid]");
	CHECK_STR(fields(W(L("[ab]1"), NULL)), "[a1][b1]");
	CHECK_STR(fields(W(L("[!a]1"), NULL)), "[b1][d1]");
	CHECK_STR(fields(W(L("[[:alpha:]]2"), NULL)), "[a2][d2]");
	CHECK_STR(fields(W(L("z*"), NULL)), "[z*]");
	CHECK_STR(fields(W(Q("a"), L("*"), Q("b"), NULL)), "[a*b]");
	CHECK_STR(fields(W(Q("a*"), L("*"), NULL)), "[a*b]");
	CHECK_STR(fields(W(Q("a*"), NULL)), "[a*]");
	CHECK_STR(fields(W(Q("d1"), L("/*"), NULL)), "[d1/x1][d1/y1]");
	CHECK_STR(fields(W(L("["), NULL)), "[[]");
	CHECK_STR(fields(W(L("[x]"), NULL)), "[[x]]");
	set("g", "a*");
	CHECK_STR(fields(W(P("g"), NULL)), "[a*b][a1][a2]");
	CHECK_STR(fields(W(QP("g"), NULL)), "[a*]");
	set("g", "a? b?");
	CHECK_STR(fields(W(P("g"), NULL)), "[a1][a2][b1]");
	sh->options |= OPT_NOGLOB;
	CHECK_STR(fields(W(L("a?"), NULL)), "[a?]");
	sh->options &= ~(unsigned)OPT_NOGLOB;
	/* many files come back sorted, fast */
	for (i = 0; i < 3000; i++) {
		snprintf(path, sizeof(path), "d2/f%04zu", i);
		f = fopen(path, "w");
		if (f != NULL) {
			fclose(f);
		}
	}
	{
		struct strvec sv = { NULL, 0, 0 };
		struct word *w = W(L("d2/f*"), NULL);

		CHECK(expand_words(sh, &w, 1, &sv) == 0);
		CHECK_INT(sv.n, 3000);
		CHECK_STR(sv.v[0], "d2/f0000");
		CHECK_STR(sv.v[2999], "d2/f2999");
		for (i = 0; i < sv.n; i++) {
			unlink(sv.v[i]);
		}
	}
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		unlink(files[i]);
	}
	unlink("d2/x2");
	rmdir("d1");
	rmdir("d2");
	CHECK(chdir(cwd) == 0);
	CHECK(rmdir(dir) == 0);
}

static void test_strings(void)
{
	set("IFS", NULL);
	set("x", "a  b");
	set_params(2, "1", "2");
	CHECK_STR(str(W(P("x"), NULL), 0), "a  b");
	CHECK_STR(str(W(L("*"), P("x"), NULL), 0), "*a  b");
	CHECK_STR(str(W(P("@"), NULL), 0), "1 2");
	CHECK_STR(str(W(Q(""), NULL), 0), "");
	CHECK_STR(str(W(arith(W(L("1+"), QP("1"), L("*3"), NULL), true),
			NULL), 0), "4");
	CHECK_STR(str(W(arith(W(L("x=6*7"), NULL), false), NULL), 0), "42");
	CHECK_STR(var_get(sh, "x"), "42");
	set_params(0);
}

static void test_multibyte(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		return;
	}
	set("m", "h\xc3\xa9llo");
	CHECK_STR(fields(W(param("m", PARAM_LENGTH, false, NULL, false),
			   NULL)), "[5]");
	CHECK_STR(trim("\xc3\xa9t\xc3\xa9", PARAM_TRIM_PREFIX,
		       W(L("?"), NULL)), "t\xc3\xa9");
	CHECK_STR(trim("\xc3\xa9t\xc3\xa9", PARAM_TRIM_SUFFIX,
		       W(L("?"), NULL)), "\xc3\xa9t");
	setlocale(LC_ALL, "C");
	CHECK_STR(fields(W(param("m", PARAM_LENGTH, false, NULL, false),
			   NULL)), "[6]");
}

int main(void)
{
	struct arena_mark m;

	test_sh.vars = var_table_new();
	test_sh.arg0 = "hersh";
	pool = pool_new();
	arena_mark(&m);
	TEST_RUN(test_ifs_table);
	TEST_RUN(test_split_context);
	TEST_RUN(test_dollar_at);
	TEST_RUN(test_param_ops);
	TEST_RUN(test_param_errors);
	TEST_RUN(test_trims);
	TEST_RUN(test_tilde);
	TEST_RUN(test_patterns);
	TEST_RUN(test_glob);
	TEST_RUN(test_strings);
	TEST_RUN(test_multibyte);
	arena_pop(&m);
	pool_unref(pool);
	var_table_free(test_sh.vars);
	arena_release_all();
	return test_summary();
}
