/*
 * test_parse.c - the lexer, parser and printer: every construct of the
 * grammar, word structure and quoting, here-documents, aliases, errors,
 * limits, and print/parse round trips.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hersh/buf.h>

#include "alias.h"
#include "arena.h"
#include "ast.h"
#include "builtin.h"
#include "input.h"
#include "output.h"
#include "parse.h"
#include "shell.h"
#include "test.h"

static struct shell sh;

/* --- helpers --- */

/* Runs fn with fd 2 (or 1) going to a file; returns what was written. */
static char *capture(int fd, void (*fn)(void *), void *arg)
{
	static char out[4096];
	char path[] = "/tmp/test_parse.XXXXXX";
	int tmp = mkstemp(path), saved;
	ssize_t n;

	unlink(path);
	saved = dup(fd);
	dup2(tmp, fd);
	fn(arg);
	dup2(saved, fd);
	close(saved);
	lseek(tmp, 0, SEEK_SET);
	n = read(tmp, out, sizeof(out) - 1);
	out[n > 0 ? n : 0] = '\0';
	close(tmp);
	return out;
}

/* one parse of the first complete command of a string */
struct parsed {
	const char *src;
	size_t len;
	int r;
	struct node *n;
	struct pool *pool;
	char err[1024];
	int lineno;	/* parser_lineno() afterwards */
};

static void do_parse(void *arg)
{
	struct parsed *ps = arg;
	struct input *in = input_new_string(ps->src, ps->len);
	struct parser *p = parser_new(&sh, in);

	ps->r = parser_next(p, &ps->n, &ps->pool);
	ps->lineno = parser_lineno(p);
	parser_free(p);
	input_free(in);
}

static struct parsed *parse_len(const char *src, size_t len)
{
	static struct parsed ps;

	pool_unref(ps.pool);
	memset(&ps, 0, sizeof(ps));
	ps.src = src;
	ps.len = len;
	snprintf(ps.err, sizeof(ps.err), "%s", capture(2, do_parse, &ps));
	return &ps;
}

static struct parsed *parse(const char *src)
{
	return parse_len(src, strlen(src));
}

/* The printed form of the first command of src ("ERROR" on error). */
static const char *print(const char *src)
{
	static struct buf out = BUF_INIT;
	struct parsed *ps = parse(src);

	buf_reset(&out);
	if (ps->r != PARSE_OK) {
		return ps->r == PARSE_EOF ? "EOF" : "ERROR";
	}
	ast_print(&out, ps->n);
	return buf_str(&out);
}

/* Every command of src printed, one per line (a here-document ends a
 * command at its newline, so a printed list may come back as several). */
static char *print_all(const char *src)
{
	struct input *in = input_new_string(src, strlen(src));
	struct parser *p = parser_new(&sh, in);
	struct buf out = BUF_INIT;
	struct pool *pool;
	struct node *n;
	size_t len;
	int r;

	while ((r = parser_next(p, &n, &pool)) != PARSE_EOF) {
		if (r == PARSE_ERROR) {
			buf_puts(&out, "ERROR");
			break;
		}
		if (n != NULL) {
			if (out.len > 0) {
				buf_putc(&out, '\n');
			}
			ast_print(&out, n);
		}
		pool_unref(pool);
	}
	parser_free(p);
	input_free(in);
	return buf_steal(&out, &len);
}

/* print(parse(print(parse(s)))) == print(parse(s)) */
static bool round_trip(const char *src)
{
	char *first = print_all(src);
	char *second = print_all(first);
	bool ok = strcmp(first, second) == 0 && strstr(first, "ERROR") == NULL;

	if (!ok) {
		fprintf(stderr, "round trip of <%s>:\n  <%s>\n  <%s>\n", src,
			first, second);
	}
	free(first);
	free(second);
	return ok;
}

static void dump_word(struct buf *b, const struct word *w);
static void dump_parts(struct buf *b, const struct wpart *part)
{
	static const char *const ops[] = {
		"", "len", "-", "=", "?", "+", "%", "%%", "#", "##",
	};
	struct buf body = BUF_INIT;

	for (; part != NULL; part = part->next) {
		switch (part->type) {
		case WP_LIT:
			buf_printf(b, "%c\"%s\"", part->quoted ? 'Q' : 'L',
				   part->lit.text);
			break;
		case WP_PARAM:
			buf_printf(b, "P%s %s%s%s", part->quoted ? "q" : "",
				   part->param.name,
				   part->param.colon ? ":" : "",
				   ops[part->param.op]);
			if (part->param.arg != NULL) {
				buf_putc(b, '{');
				dump_word(b, part->param.arg);
				buf_putc(b, '}');
			}
			break;
		case WP_CMDSUB:
			ast_print(&body, part->cmdsub.body);
			buf_printf(b, "C%s%s{%s}", part->quoted ? "q" : "",
				   part->cmdsub.backquote ? "`" : "",
				   buf_str(&body));
			buf_reset(&body);
			break;
		case WP_ARITH:
			buf_printf(b, "A%s{", part->quoted ? "q" : "");
			dump_word(b, part->arith.expr);
			buf_putc(b, '}');
			break;
		}
		if (part->next != NULL) {
			buf_putc(b, '|');
		}
	}
	buf_release(&body);
}

static void dump_word(struct buf *b, const struct word *w)
{
	if (w != NULL) {
		dump_parts(b, w->parts);
	}
}

/* The structure of word i of the first simple command of src. */
static const char *word(const char *src, size_t i)
{
	static struct buf out = BUF_INIT;
	struct parsed *ps = parse(src);

	buf_reset(&out);
	if (ps->r != PARSE_OK || ps->n == NULL || ps->n->type != NODE_SIMPLE
	    || i >= ps->n->simple.nwords) {
		return "NONE";
	}
	dump_word(&out, ps->n->simple.words[i]);
	return buf_str(&out);
}

/* The here-document body (structure) of the first redirection. */
static const char *heredoc(const struct node *n)
{
	static struct buf out = BUF_INIT;

	buf_reset(&out);
	if (n == NULL || n->redirs == NULL) {
		return "NONE";
	}
	dump_word(&out, n->redirs->target);
	return buf_str(&out);
}

/* The error message of parsing src, after "hersh: LINE: ". */
static const char *error_of(const char *src)
{
	struct parsed *ps = parse(src);
	char *msg = strchr(ps->err, ':');

	if (ps->r != PARSE_ERROR || msg == NULL) {
		return "NO ERROR";
	}
	msg = strchr(msg + 1, ':');
	if (msg == NULL) {
		return ps->err;
	}
	msg[strcspn(msg, "\n")] = '\0';
	return msg + 2;
}

/* --- simple commands, lists, pipelines --- */

static void test_simple(void)
{
	struct parsed *ps = parse("echo hello  world\n");

	CHECK_INT(ps->r, PARSE_OK);
	CHECK(ps->n != NULL && ps->n->type == NODE_SIMPLE);
	CHECK_INT(ps->n->simple.nwords, 3);
	CHECK_STR(print("echo hello  world"), "echo hello world");
	CHECK_INT(parse("\n")->r, PARSE_OK);
	CHECK(parse("   # only a comment\n")->n == NULL);
	CHECK_INT(parse("")->r, PARSE_EOF);
}

static void test_assignments(void)
{
	struct parsed *ps = parse("a=1 b=\"x y\" c= d=$x\"\" cmd e=2\n");
	struct buf b = BUF_INIT;

	CHECK_INT(ps->n->simple.nassigns, 4);
	CHECK_INT(ps->n->simple.nwords, 2);
	CHECK_STR(ps->n->simple.assigns[0].name, "a");
	dump_word(&b, ps->n->simple.assigns[1].value);
	CHECK_STR(buf_str(&b), "Q\"x y\"");
	buf_reset(&b);
	dump_word(&b, ps->n->simple.assigns[2].value);
	CHECK_STR(buf_str(&b), "Q\"\"");
	buf_reset(&b);
	dump_word(&b, ps->n->simple.assigns[3].value);
	CHECK_STR(buf_str(&b), "P x|Q\"\"");
	buf_release(&b);
	CHECK_STR(word("a=1 cmd e=2", 1), "L\"e=2\"");
	CHECK_STR(print("\"a\"=1 cmd"), "'a'=1 cmd");
	CHECK_INT(parse("\"a\"=1")->n->simple.nassigns, 0);
	CHECK_STR(print("a=1 if"), "a=1 if");
}

static void test_redirections(void)
{
	struct parsed *ps = parse("cmd 2>&1 >f <in 3<>rw 4>|c 5<&- >>a "
				  "123456789>x 1234567890>y 2 >z\n");
	struct redir *r;
	int fds[] = { 2, -1, -1, 3, 4, 5, -1, 123456789, -1, -1 };
	enum redir_type types[] = {
		REDIR_DUPOUT, REDIR_OUT, REDIR_IN, REDIR_RDWR, REDIR_CLOBBER,
		REDIR_DUPIN, REDIR_APPEND, REDIR_OUT, REDIR_OUT, REDIR_OUT,
	};
	int i = 0;

	for (r = ps->n->redirs; r != NULL && i < 10; r = r->next, i++) {
		CHECK_INT(r->fd, fds[i]);
		CHECK_INT(r->type, types[i]);
	}
	CHECK_INT(i, 10);
	/* 10 digits is a word, as in dash; "2 >z" is a word too */
	CHECK_INT(ps->n->simple.nwords, 3);
	CHECK_STR(print(">out echo a 2>&1"), "echo a >out 2>&1");
	CHECK_STR(print("{ >f; }"), "{ >f; }");
	CHECK_STR(print(">f {"), ">f {");
}

static void test_pipelines_and_lists(void)
{
	struct parsed *ps = parse("! a | b | c\n");

	CHECK(ps->n->type == NODE_PIPELINE);
	CHECK(ps->n->pipeline.bang);
	CHECK_INT(ps->n->pipeline.ncmds, 3);
	ps = parse("a && b || c\n");
	CHECK(ps->n->type == NODE_OR);
	CHECK(ps->n->andor.left->type == NODE_AND);
	ps = parse("a & b; c &\n");
	CHECK(ps->n->type == NODE_LIST);
	CHECK_INT(ps->n->list.nitems, 3);
	CHECK(ps->n->list.items[0].async && !ps->n->list.items[1].async
	      && ps->n->list.items[2].async);
	CHECK(parse("a &\n")->n->type == NODE_LIST);
	CHECK_STR(print("a |\n\n b &&\n c"), "a | b && c");
	CHECK_STR(error_of("! ! a"), "Syntax error: \"!\" unexpected");
}

/* --- compound commands --- */

static void test_compound(void)
{
	struct parsed *ps = parse("if a; then b; elif c; then d; else e; fi\n");

	CHECK(ps->n->type == NODE_IF);
	CHECK(ps->n->if_.else_part->type == NODE_IF);
	CHECK(ps->n->if_.else_part->if_.else_part->type == NODE_SIMPLE);
	CHECK_STR(print("if a\nthen\nb\nelif c; then d\nelse e\nfi"),
		  "if a; then b; elif c; then d; else e; fi");
	CHECK_STR(print("while a; do b; done"), "while a; do b; done");
	CHECK(parse("until a; do b; done")->n->type == NODE_UNTIL);
	CHECK_STR(print("( a; b ) >x"), "(a; b) >x");
	CHECK_STR(print("{ a & }"), "{ a & }");
	ps = parse("{ a; } 2>/dev/null\n");
	CHECK(ps->n->type == NODE_GROUP && ps->n->redirs != NULL);
	CHECK_STR(print("if true; then { echo; } fi"),
		  "if true; then { echo; }; fi");
}

static void test_for(void)
{
	struct parsed *ps = parse("for x in a b c; do :; done\n");

	CHECK(ps->n->type == NODE_FOR && ps->n->for_.has_in);
	CHECK_INT(ps->n->for_.nwords, 3);
	CHECK_STR(ps->n->for_.var, "x");
	CHECK(!parse("for x; do :; done")->n->for_.has_in);
	CHECK_STR(print("for x do :; done"), "for x; do :; done");
	CHECK_STR(print("for x\n\nin a\ndo :\ndone"), "for x in a; do :; done");
	CHECK_STR(print("for x\ndo :\ndone"), "for x; do :; done");
	ps = parse("for x in; do :; done\n");
	CHECK(ps->n->for_.has_in && ps->n->for_.nwords == 0);
	CHECK_STR(print("for in in in do; do :; done"),
		  "for in in in do; do :; done");
	CHECK_STR(error_of("for 1 in a; do :; done"),
		  "Syntax error: Bad for loop variable");
	CHECK_STR(error_of("for x in a b do; done"),
		  "Syntax error: \"done\" unexpected (expecting \"do\")");
}

static void test_case(void)
{
	struct parsed *ps = parse("case $x in a|b) one;; (c) ;; *) last\n"
				  "esac\n");

	CHECK(ps->n->type == NODE_CASE);
	CHECK_INT(ps->n->case_.nitems, 3);
	CHECK_INT(ps->n->case_.items[0].npatterns, 2);
	CHECK(ps->n->case_.items[1].body == NULL);
	CHECK(ps->n->case_.items[2].body != NULL);
	CHECK_STR(print("case a in esac"), "case a in esac");
	CHECK_STR(print("case a in (esac) x;; esac"),
		  "case a in (esac) x;; esac");
	CHECK_STR(print("case if in if|then) x;; esac"),
		  "case if in (if | then) x;; esac");
	CHECK_STR(print("case a\nin\n a) x\n ;;\n\n b) y;;\nesac"),
		  "case a in (a) x;; (b) y;; esac");
	CHECK_STR(print("case a in a) b & ;; esac"),
		  "case a in (a) b & ;; esac");
	CHECK_STR(error_of("case x in a) b; c) d;; esac"),
		  "Syntax error: \")\" unexpected (expecting \";;\")");
}

static void test_funcdef(void)
{
	struct parsed *ps = parse("f() { echo; } >out\n");

	CHECK(ps->n->type == NODE_FUNCDEF);
	CHECK_STR(ps->n->funcdef.name, "f");
	CHECK(ps->n->funcdef.body->type == NODE_GROUP);
	CHECK(ps->n->funcdef.body->redirs != NULL);
	CHECK_STR(print("f ( )\n{ a; }"), "f() { a; }");
	/* POSIX, unlike dash: the body is a compound command */
	CHECK_STR(error_of("f() echo x"), "Syntax error: word unexpected");
	CHECK_STR(print("f()\n\nif a; then b; fi"), "f() if a; then b; fi");
	CHECK_STR(print("f() ( a )"), "f() (a)");
	CHECK_STR(error_of("f-x() { :; }"), "Syntax error: Bad function name");
	CHECK_STR(error_of("export() { :; }"),
		  "Syntax error: Bad function name");
}

static void test_reserved_words(void)
{
	struct parsed *ps = parse("echo if then fi } { done\n");

	CHECK(ps->n->type == NODE_SIMPLE);
	CHECK_INT(ps->n->simple.nwords, 7);
	CHECK_STR(print("\\if a"), "'i'f a");
	CHECK(parse("\"{\" a")->n->type == NODE_SIMPLE);
	CHECK_STR(error_of("fi"), "Syntax error: \"fi\" unexpected");
	CHECK_STR(error_of("{ echo }"),
		  "Syntax error: end of file unexpected (expecting \"}\")");
	CHECK_STR(print("{ echo a;}"), "{ echo a; }");
}

static void test_comments_and_continuation(void)
{
	CHECK_STR(print("echo a # comment ; b"), "echo a");
	CHECK_STR(word("echo a#b", 1), "L\"a#b\"");
	CHECK_STR(print("ec\\\nho a\\\nb \\\n c"), "echo ab c");
	CHECK_STR(word("echo \"a\\\nb\"", 1), "Q\"ab\"");
	CHECK_STR(word("echo 'a\\\nb'", 1), "Q\"a\\\nb\"");
	CHECK_STR(print("echo a # c \\\n"), "echo a");
	CHECK_STR(word("echo $\\\nx", 1), "P x");
}

static void test_line_numbers(void)
{
	const char *src = "\n\necho a\n\nif x\nthen y\nfi\n";
	struct input *in = input_new_string(src, strlen(src));
	struct parser *p = parser_new(&sh, in);
	struct pool *pool;
	struct node *n;

	CHECK_INT(parser_next(p, &n, &pool), PARSE_OK);
	CHECK(n == NULL);
	pool_unref(pool);
	parser_next(p, &n, &pool);
	pool_unref(pool);
	parser_next(p, &n, &pool);
	CHECK_INT(n->lineno, 3);
	CHECK_INT(n->simple.words[1]->lineno, 3);
	CHECK_INT(parser_lineno(p), 4);
	pool_unref(pool);
	parser_next(p, &n, &pool);
	pool_unref(pool);
	parser_next(p, &n, &pool);
	CHECK_INT(n->lineno, 5);
	CHECK_INT(n->if_.then_part->lineno, 6);
	pool_unref(pool);
	parser_set_lineno(p, 100);
	CHECK_INT(parser_next(p, &n, &pool), PARSE_EOF);
	parser_free(p);
	input_free(in);
}

/* --- words --- */

static void test_word_parts(void)
{
	CHECK_STR(word("echo abc'd e'\"$x\"\\*", 1),
		  "L\"abc\"|Q\"d e\"|Pq x|Q\"*\"");
	CHECK_STR(word("echo ''", 1), "Q\"\"");
	CHECK_STR(word("echo \"\"", 1), "Q\"\"");
	CHECK_STR(word("echo a\"\"", 1), "L\"a\"|Q\"\"");
	CHECK_STR(word("echo \"$x\"", 1), "Pq x");
	CHECK_STR(word("echo \"a\"'b'\\c", 1), "Q\"abc\"");
	CHECK_STR(word("echo \"\\a\\$\\\"\\\\\\`\"", 1), "Q\"\\a$\"\\`\"");
	CHECK_STR(word("echo a$ $/ \"$\" $", 1), "L\"a$\"");
	CHECK_STR(word("echo a$ $/ \"$\" $", 2), "L\"$/\"");
	CHECK_STR(word("echo a$ $/ \"$\" $", 3), "Q\"$\"");
	CHECK_STR(word("echo \\", 1), "Q\"\\\"");
	CHECK_STR(word("echo ~/x*", 1), "L\"~/x*\"");
}

static void test_parameters(void)
{
	CHECK_STR(word("echo $name${name}$@$*$#$?$-$$$!$0$9", 1),
		  "P name|P name|P @|P *|P #|P ?|P -|P $|P !|P 0|P 9");
	CHECK_STR(word("echo ${10}$10", 1), "P 10|P 1|L\"0\"");
	CHECK_STR(word("echo ${#x}${#}${##}${#-}${#?}${#1}", 1),
		  "P xlen|P #|P #len|P -len|P ?len|P 1len");
	CHECK_STR(word("echo ${#:-x}${#-x}${#+y}", 1),
		  "P #:-{L\"x\"}|P #-{L\"x\"}|P #+{L\"y\"}");
	CHECK_STR(word("echo ${x:-w}${x-w}${x:=w}${x=w}${x:?w}${x?w}"
		       "${x:+w}${x+w}", 1),
		  "P x:-{L\"w\"}|P x-{L\"w\"}|P x:={L\"w\"}|P x={L\"w\"}|"
		  "P x:?{L\"w\"}|P x?{L\"w\"}|P x:+{L\"w\"}|P x+{L\"w\"}");
	CHECK_STR(word("echo ${x%p}${x%%p}${x#p}${x##p}${x:-}", 1),
		  "P x%{L\"p\"}|P x%%{L\"p\"}|P x#{L\"p\"}|P x##{L\"p\"}|P x:-");
	CHECK_STR(word("echo ${x:-\"a b\"$y${z:-'q'}}", 1),
		  "P x:-{Q\"a b\"|P y|P z:-{Q\"q\"}}");
	CHECK_STR(word("echo \"${x:-'a'}\"", 1), "Pq x:-{Q\"'a'\"}");
	CHECK_STR(word("echo \"${x-\"a  b\"}\"", 1), "Pq x-{Q\"a  b\"}");
	CHECK_STR(word("echo \"${x#'a'*}\"", 1), "Pq x#{Q\"a\"|L\"*\"}");
	CHECK_STR(word("echo ${x:-a\\}b}", 1), "P x:-{L\"a\"|Q\"}\"|L\"b\"}");
	CHECK_STR(word("echo \"${x:-a\\}b}\"", 1), "Pq x:-{Q\"a}b\"}");
	CHECK_STR(word("echo ${x:-a b}", 1), "P x:-{L\"a b\"}");
	/* dash's bad substitutions fail when expanded, not when parsed */
	CHECK_STR(word("echo ${x!}", 1), "P ${x!}:?{Q\"Bad substitution\"}");
	CHECK_STR(word("echo \"${x/\"}\"/a}\"", 1),
		  "Pq ${x/\"}\"/a}:?{Q\"Bad substitution\"}");
	CHECK_STR(print("echo ${x:1} ${} ${%x} ${#x!} ${1x} \"${x//'a'/$(b)}\""),
		  "echo ${x:1} ${} ${%x} ${#x!} ${1x} \"${x//'a'/$(b)}\"");
	CHECK(round_trip("echo ${#`${}`d=$#} \"${x/`echo ${y:1}`/z}\""));
	CHECK(round_trip("echo ${x/$(cat <<E\nbody\nE\n)/}"));
	CHECK_STR(error_of("echo ${x/$(cat <<E)/}\nbody\nE\n"),
		  "Syntax error: Bad substitution");
	CHECK_STR(print("echo ${x/a\\\nb/${y/c/d}}"),
		  "echo ${x/a\\\nb/${y/c/d}}");
	CHECK_STR(error_of("echo ${x"), "Syntax error: Missing '}'");
}

static void test_command_substitution(void)
{
	CHECK_STR(word("echo $(echo a; echo b)", 1), "C{echo a; echo b}");
	CHECK_STR(word("echo \"$(echo a)\"", 1), "Cq{echo a}");
	CHECK_STR(word("echo $(case x in x) echo hi;; esac)", 1),
		  "C{case x in (x) echo hi;; esac}");
	CHECK_STR(word("echo $(case x in (x) echo ')';; esac)x", 1),
		  "C{case x in (x) echo ')';; esac}|L\"x\"");
	CHECK_STR(word("echo $(echo $(echo a) \")\" # )\n)", 1),
		  "C{echo $(echo a) ')'}");
	CHECK_STR(word("echo $( )", 1), "C{}");
	CHECK_STR(word("echo $(\n\n)", 1), "C{}");
	CHECK_STR(word("echo $( (a) )", 1), "C{(a)}");
	CHECK_STR(print("echo $(cat <<E\nbody )\nE\n)"),
		  "echo $(cat <<'EOF'\nbody )\nEOF\n)");
	CHECK_STR(word("echo `echo \\`echo a\\``", 1), "C`{echo $(echo a)}");
	CHECK_STR(word("echo \"`echo \\\"q\\\" \\$x`\"", 1),
		  "Cq`{echo 'q' $x}");
	CHECK_STR(word("echo `echo a\necho b`", 1), "C`{echo a; echo b}");
	CHECK_STR(word("echo `echo \\\\n`", 1), "C`{echo 'n'}");
	CHECK_STR(error_of("echo $(echo"),
		  "Syntax error: end of file unexpected (expecting \")\")");
	CHECK_STR(error_of("echo `echo"),
		  "Syntax error: EOF in backquote substitution");
	CHECK_STR(error_of("echo $(fi)"),
		  "Syntax error: \"fi\" unexpected (expecting \")\")");
}

static void test_arithmetic(void)
{
	CHECK_STR(word("echo $((1 + $x * (2 + 3)))", 1),
		  "A{Q\"1 + \"|Pq x|Q\" * (2 + 3)\"}");
	CHECK_STR(word("echo \"$((x))\"", 1), "Aq{Q\"x\"}");
	CHECK_STR(word("echo $(())", 1), "A{Q\"\"}");
	CHECK_STR(word("echo $((1+\n2))", 1), "A{Q\"1+\n2\"}");
	CHECK_STR(word("echo $(( $(echo 1) + 2 ))", 1),
		  "A{Q\" \"|Cq{echo 1}|Q\" + 2 \"}");
	CHECK_STR(word("echo $((\"1\"+2))", 1), "A{Q\"\"1\"+2\"}");
	CHECK_STR(word("echo $((\\())", 1), "A{Q\"\\(\"}");
	CHECK(round_trip("echo $((\\()) $((\\\\\\\"))"));
	CHECK_STR(error_of("echo $((1+2"), "Syntax error: Missing '))'");
	CHECK_STR(error_of("echo $(( (1) ) )"), "Syntax error: Missing '))'");
}

/* --- here-documents --- */

static void test_heredocs(void)
{
	struct parsed *ps = parse("cat <<A; cat <<'B' <<-C\na $x\nA\n$y\nB\n"
				  "\t\tz\n\tC\necho next\n");

	CHECK_INT(ps->r, PARSE_OK);
	CHECK_STR(heredoc(ps->n->list.items[0].node),
		  "Q\"a \"|Pq x|Q\"\n\"");
	CHECK_STR(heredoc(ps->n->list.items[1].node), "Q\"$y\n\"");
	CHECK_STR(ps->n->list.items[1].node->redirs->next->target->parts->lit.text,
		  "z\n");
	CHECK_INT(ps->lineno, 8);
	ps = parse("cat <<E\na\\\nE\nb\\$x\\`\\\\\\\"\nE\n");
	CHECK_STR(heredoc(ps->n), "Q\"aE\nb$x`\\\\\"\n\"");
	ps = parse("cat <<\"E\"x\n$a\\\nEx\n");
	CHECK_STR(heredoc(ps->n), "Q\"$a\\\n\"");
	ps = parse("cat <<E\nno end");
	CHECK_INT(ps->r, PARSE_OK);
	CHECK_STR(heredoc(ps->n), "Q\"no end\"");
	ps = parse("cat <<E\nE\n");
	CHECK_STR(heredoc(ps->n), "Q\"\"");
	ps = parse("if true; then cat <<E\nin if\nE\nfi\n");
	CHECK(ps->n->type == NODE_IF);
	CHECK_STR(heredoc(ps->n->if_.then_part), "Q\"in if\n\"");
	ps = parse("cat <<A; echo $(cat <<B\nbbb\nB\n)\naaa\nA\n");
	CHECK_STR(heredoc(ps->n->list.items[0].node), "Q\"aaa\n\"");
	ps = parse("cat <<$x\nbody\n$x\n");
	CHECK_STR(heredoc(ps->n), "Q\"body\n\"");
	ps = parse("cat <<\"$x`y`\"\nbody\n$x`y`\n");
	CHECK_STR(heredoc(ps->n), "Q\"body\n\"");
	CHECK_STR(print("cat <<E\n$a `b`\nEOF\nE\n"),
		  "cat <<EOF1\n$a $(b)\nEOF\nEOF1");
	CHECK_STR(print("echo $x$y \"${x}y\" ${x}_ $1$10 ${10} $@ \"$#\"x $x-"),
		  "echo $x$y \"${x}y\" ${x}_ $1$10 ${10} $@ \"$#\"x $x-");
	CHECK_STR(print("cat <<E && echo\nx\nE\n"),
		  "cat <<'EOF' &&\nx\nEOF\necho");
	CHECK(round_trip("cat <<A <<B | cat <<C\na\nA\nb\nB\nc\nC\n"));
}

/* --- aliases --- */

static void test_aliases(void)
{
	alias_set(sh.aliases, "ll", "ls -l");
	alias_set(sh.aliases, "e", "echo ");
	alias_set(sh.aliases, "loop", "loop x");
	alias_set(sh.aliases, "a1", "a2");
	alias_set(sh.aliases, "a2", "a1 y");
	alias_set(sh.aliases, "myif", "if");
	alias_set(sh.aliases, "semi", "echo a;");
	CHECK_STR(print("ll;"), "ls -l");
	CHECK_STR(print("ll -a>x"), "ls -l -a >x");
	CHECK_STR(print("e ll x"), "echo ls -l x");
	CHECK_STR(print("echo ll"), "echo ll");
	CHECK_STR(print("loop; loop"), "loop x; loop x");
	CHECK_STR(print("a1"), "a1 y");
	CHECK_STR(print("myif true; then :; fi"), "if true; then :; fi");
	CHECK_STR(print("semi echo b"), "echo a; echo b");
	CHECK_STR(print("'ll'"), "'ll'");
	CHECK_STR(print("x=1 ll"), "x=1 ls -l");
	CHECK_STR(print("echo $(ll)"), "echo $(ls -l)");
	alias_clear(sh.aliases);
	CHECK_STR(print("ll"), "ll");
}

static void alias_builtin_run(void *arg)
{
	char *args[] = { "alias", NULL, NULL };

	args[1] = arg;
	builtin_alias(&sh, arg ? 2 : 1, args);
	out_flush();
}

static void test_alias_builtin(void)
{
	char *argv[] = { "alias", "b=x", "a=it's", NULL };
	char *un[] = { "unalias", "b", "zz", NULL };
	char *una[] = { "unalias", "-a", NULL };

	CHECK_INT(builtin_alias(&sh, 3, argv), 0);
	CHECK_STR(capture(1, alias_builtin_run, NULL),
		  "a='it'\"'\"'s'\nb='x'\n");
	CHECK_STR(capture(1, alias_builtin_run, "b"), "b='x'\n");
	CHECK_INT(builtin_unalias(&sh, 3, un), 1);
	CHECK(alias_get(sh.aliases, "b") == NULL);
	CHECK_INT(builtin_unalias(&sh, 2, una), 0);
	CHECK(alias_get(sh.aliases, "a") == NULL);
}

/* --- errors and limits --- */

static void test_errors(void)
{
	CHECK_STR(error_of("{ }"), "Syntax error: \"}\" unexpected");
	CHECK_STR(error_of("if then"), "Syntax error: \"then\" unexpected");
	CHECK_STR(error_of("echo >"),
		  "Syntax error: end of file unexpected");
	CHECK_STR(error_of("echo > >"), "Syntax error: redirection unexpected");
	CHECK_STR(error_of("echo ;;"), "Syntax error: \";;\" unexpected");
	CHECK_STR(error_of("(echo) foo"), "Syntax error: word unexpected");
	CHECK_STR(error_of("echo 'a"),
		  "Syntax error: Unterminated quoted string");
	CHECK_STR(error_of("echo \"a"),
		  "Syntax error: Unterminated quoted string");
	CHECK_STR(error_of("if true; then\necho\n"),
		  "Syntax error: end of file unexpected (expecting \"fi\")");
	CHECK_STR(error_of("while\n"),
		  "Syntax error: end of file unexpected (expecting \"do\")");
	CHECK_STR(error_of(")"), "Syntax error: \")\" unexpected");
	CHECK_STR(error_of("echo a |"),
		  "Syntax error: end of file unexpected");
	CHECK_STR(parse("echo >\necho b\n")->err,
		  "hersh: 2: Syntax error: newline unexpected\n");
	CHECK_INT(sh.status, 2);
	CHECK_INT(parse("case x in ;; esac")->r, PARSE_ERROR);
}

/* after an error the rest of the line is dropped and parsing goes on */
static void test_error_recovery(void)
{
	const char *src = "echo ;; x\necho ok\n";
	struct input *in = input_new_string(src, strlen(src));
	struct parser *p = parser_new(&sh, in);
	struct pool *pool;
	struct node *n;
	struct buf b = BUF_INIT;

	CHECK_INT(parser_next(p, &n, &pool), PARSE_ERROR);
	CHECK_INT(parser_next(p, &n, &pool), PARSE_OK);
	ast_print(&b, n);
	CHECK_STR(buf_str(&b), "echo ok");
	CHECK_INT(n->lineno, 2);
	pool_unref(pool);
	CHECK_INT(parser_next(p, &n, &pool), PARSE_EOF);
	parser_free(p);
	input_free(in);
	buf_release(&b);
}

static void after_errors(void *arg)
{
	const char *src = "echo `\n\n(` x\nfi\necho 'a\n\nb\n";
	struct input *in = input_new_string(src, strlen(src));
	struct parser *p = parser_new(&sh, in);
	struct pool *pool;
	struct node *n;

	(void)arg;
	while (parser_next(p, &n, &pool) != PARSE_EOF) {
		continue;
	}
	parser_free(p);
	input_free(in);
}

/* line numbers stay right after errors, also inside nested strings */
static void test_error_lines(void)
{
	CHECK_STR(capture(2, after_errors, NULL),
		  "hersh: 3: Syntax error: end of file unexpected "
		  "(expecting \")\")\n"
		  "hersh: 4: Syntax error: \"fi\" unexpected\n"
		  "hersh: 8: Syntax error: Unterminated quoted string\n");
}

static char *repeat(const char *s, size_t n, const char *tail)
{
	size_t len = strlen(s), i;
	char *r = malloc(len * n + strlen(tail) + 1);

	for (i = 0; i < n; i++) {
		memcpy(r + i * len, s, len);
	}
	strcpy(r + len * n, tail);
	return r;
}

static void test_limits(void)
{
	char *s = repeat("(", 10000, "");
	struct parsed *ps;

	CHECK_STR(error_of(s), "Syntax error: nesting too deep");
	free(s);
	s = repeat("$(", 10000, "");
	CHECK_STR(error_of(s), "Syntax error: nesting too deep");
	free(s);
	s = repeat("{ ", 10000, "");
	CHECK_STR(error_of(s), "Syntax error: nesting too deep");
	free(s);
	s = repeat("${x-", 10000, "");
	CHECK_STR(error_of(s), "Syntax error: nesting too deep");
	free(s);
	s = repeat("if a; then ", 500, "");
	CHECK_STR(error_of(s), "Syntax error: end of file unexpected "
		  "(expecting \"fi\")");
	free(s);
	/* a 1 MB word, and a line of 100000 words */
	s = repeat("a", 1 << 20, "\n");
	memcpy(s, "echo ", 5);
	ps = parse(s);
	CHECK_INT(ps->r, PARSE_OK);
	CHECK_INT(ps->n->simple.words[1]->parts->lit.len, (1 << 20) - 5);
	free(s);
	s = repeat(" 'x'", 100000, "\n");
	ps = parse(s);
	CHECK_INT(ps->n->simple.nwords, 100000);
	free(s);
	s = repeat("a && ", 100000, "b\n");
	ps = parse(s);
	CHECK(ps->n->type == NODE_AND);
	CHECK_INT(strlen(print(s)), strlen(s) - 1);
	free(s);
}

/* set -v: each line goes to stderr as it is read, and no further */
static void test_verbose(void)
{
	sh.options |= OPT_VERBOSE;
	CHECK_STR(parse("echo a\\\nb\necho c\n")->err, "echo a\\\nb\n");
	sh.options &= ~OPT_VERBOSE;
}

/*
 * Reading a script from a pipe on fd 0, the parser takes no line past the
 * command (and its here-document bodies), so `read` sees the rest.
 */
static const char *left_after_one_command(const char *script)
{
	static char rest[256];
	int fds[2], saved = dup(0);
	struct input *in;
	struct parser *p;
	struct pool *pool;
	struct node *n;
	ssize_t len;

	if (pipe(fds) < 0) {
		return "pipe failed";
	}
	(void)!write(fds[1], script, strlen(script));
	close(fds[1]);
	dup2(fds[0], 0);
	close(fds[0]);
	in = input_new_fd(0, false);
	p = parser_new(&sh, in);
	if (parser_next(p, &n, &pool) == PARSE_OK) {
		pool_unref(pool);
	}
	parser_free(p);
	input_free(in);
	len = read(0, rest, sizeof(rest) - 1);
	rest[len > 0 ? len : 0] = '\0';
	dup2(saved, 0);
	close(saved);
	return rest;
}

static void test_no_read_ahead(void)
{
	CHECK_STR(left_after_one_command("echo a\nread x\n"), "read x\n");
	CHECK_STR(left_after_one_command("cat <<E; echo\nbody\nE\nrest\n"),
		  "rest\n");
	CHECK_STR(left_after_one_command("if a\nthen b\nfi\nrest\n"),
		  "rest\n");
	CHECK_STR(left_after_one_command("echo a \\\nb\nrest\n"), "rest\n");
	CHECK_STR(left_after_one_command("\nrest\n"), "rest\n");
}

/* --- round trips --- */

static void test_round_trips(void)
{
	static const char *const srcs[] = {
		"a=1 b='x y' c= cmd arg >f 2>&1 <in 3<>rw 4>|c 5<&- >>app",
		"! a | b && c || d",
		"x=$(echo \"$(echo inner)\") y=`echo back \\`echo nested\\``",
		"echo ${x:-def} ${x-'q w'} \"${x:+\"alt\"}\" ${#x} ${x%%.*} "
		"${x#*/} \"${x##'a'}\" ${10} $10 $$ $? $# $@ \"$*\" ${#} ${##}",
		"echo $((1 + $x * (2 + 3))) \"$(( y += 2 ))\" $(((1)))",
		"cat <<EOF; cat <<-'E2'\nhello $USER `date` \\$ \\\\ \\x\nEOF\n"
		"\t\ttabbed $x\n\tE2\n",
		"echo $(case x in x) echo hi;; (y|z) echo no;; esac)",
		"f() ( echo sub ) >/dev/null",
		"while read -r l; do echo \"$l\"; done <file",
		"for i; do :; done; for j in; do :; done &",
		"{ echo a; echo b & } 2>/dev/null",
		"echo 'it'\"'\"'s' \"a\\\"b\" \\a\\ b '' \"\" a\"\"b \"$x\"''",
		"echo \"a $x b\" \"${x}y\" $x'$y' \"`echo \"q\"`\" \"\\\\$x\"",
		"echo \"${x-'}'}\" \"${x:-\\}}\" ${x:-a\\}b} \"${x-\"\"}\"",
		"if a; then b; else if c; then d; fi; fi",
		"case $x in (a) ;; (*) x & ;; esac >out",
		"(a) | { b; } && (c; d) || e",
		"echo $( (a) ) $( (a) | b)",
		"a &\nb",
		"cat <<E >$(echo a; echo b)\nbody\nE\n",
		"echo $(cat <<A\n$(cat <<B\ninner\nB\n)\nA\n)",
		"echo \"$(echo \"$(echo \"deep\")\")\"",
		"x=~/a:~/b y=a\\ b",
		"echo ${x+\"$@\"} \"${@}\" ${#@} \"${x#\"$y\"}\"",
		"echo \"a\nb\" 'c\nd'",
		"until ! a; do b; done",
		"f() if a; then b; fi 2>&1",
		"echo ${x=\"$a\\\\}\"} \"${x-\"\\\\}\"}\" \"${x#\"\\\\}\"}\"",
	};
	size_t i;

	for (i = 0; i < sizeof(srcs) / sizeof(srcs[0]); i++) {
		CHECK(round_trip(srcs[i]));
	}
}

int main(void)
{
	int fd;

	/* the tests move fds 0, 1 and 2 around: have them open */
	for (fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) != fd) {
			return 1;
		}
	}
	sh.aliases = alias_table_new();
	shell_main = &sh;
	TEST_RUN(test_simple);
	TEST_RUN(test_assignments);
	TEST_RUN(test_redirections);
	TEST_RUN(test_pipelines_and_lists);
	TEST_RUN(test_compound);
	TEST_RUN(test_for);
	TEST_RUN(test_case);
	TEST_RUN(test_funcdef);
	TEST_RUN(test_reserved_words);
	TEST_RUN(test_comments_and_continuation);
	TEST_RUN(test_line_numbers);
	TEST_RUN(test_word_parts);
	TEST_RUN(test_parameters);
	TEST_RUN(test_command_substitution);
	TEST_RUN(test_arithmetic);
	TEST_RUN(test_heredocs);
	TEST_RUN(test_aliases);
	TEST_RUN(test_alias_builtin);
	TEST_RUN(test_errors);
	TEST_RUN(test_error_recovery);
	TEST_RUN(test_error_lines);
	TEST_RUN(test_limits);
	TEST_RUN(test_verbose);
	TEST_RUN(test_no_read_ahead);
	TEST_RUN(test_round_trips);
	pool_unref(parse("")->pool);
	alias_table_free(sh.aliases);
	return test_summary();
}
