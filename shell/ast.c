/*
 * ast.c - writes a syntax tree back as shell source.
 *
 * The output parses back to the same tree (the parser's round-trip tests
 * check print(parse(print(parse(s)))) == print(parse(s))).  Quoted
 * literals come out in single quotes (double quotes when they hold a ' or
 * sit next to a quoted expansion), parameters with braces where needed,
 * command substitutions as $( ), and here-documents with a delimiter that
 * no body line matches, their bodies after the next newline (so a printed
 * list holding one may read back as several complete commands).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hersh/buf.h>
#include <hersh/xalloc.h>

#include "ast.h"

/* a here-document body waiting for the next newline */
struct pending {
	char *text;		/* the body as written (owned) */
	size_t len;
	char delim[32];
};

struct printer {
	struct buf *out;
	struct pending *hd;
	size_t nhd;
	size_t cap;
	size_t base;		/* bodies below this belong to an outer
				 * level (we are inside a $( )) */
};

/* how the characters of a word are read where it is printed */
enum pctx {
	PC_WORD,	/* a plain word */
	PC_ARG,		/* ${x-word} outside "", or a pattern */
	PC_DQ_ARG,	/* ${x-word} inside "" */
	PC_ARITH,	/* $(( )) */
	PC_HEREDOC,	/* an unquoted here-document body */
};

/* node types an operand must be wrapped in { } for */
#define WRAP_LIST (1u << NODE_LIST)
#define WRAP_ANDOR ((1u << NODE_AND) | (1u << NODE_OR) | WRAP_LIST)
#define WRAP_PIPE ((1u << NODE_PIPELINE) | WRAP_ANDOR)

static const char *const reserved[] = {
	"!", "case", "do", "done", "elif", "else", "esac", "fi", "for", "if",
	"in", "then", "until", "while", "{", "}",
};

static void print_node(struct printer *pr, const struct node *n);
static void print_parts(struct printer *pr, const struct wpart *part,
			enum pctx ctx);

/* --- here-documents --- */

/* Writes the waiting bodies after a newline.  final: nothing follows. */
static void flush_heredocs(struct printer *pr, bool final)
{
	struct pending *h;
	size_t i;

	if (pr->nhd == pr->base) {
		return;
	}
	buf_putc(pr->out, '\n');
	for (i = pr->base; i < pr->nhd; i++) {
		h = &pr->hd[i];
		buf_append(pr->out, h->text, h->len);
		if (h->len > 0 && h->text[h->len - 1] != '\n') {
			buf_putc(pr->out, '\n');
		}
		buf_puts(pr->out, h->delim);
		if (!final || i + 1 < pr->nhd) {
			buf_putc(pr->out, '\n');
		}
		free(h->text);
	}
	pr->nhd = pr->base;
}

static bool has_line(const char *text, size_t len, const char *line)
{
	size_t n = strlen(line);
	const char *p = text, *end = text + len, *nl;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL) {
			nl = end;
		}
		if ((size_t)(nl - p) == n && memcmp(p, line, n) == 0) {
			return true;
		}
		p = nl + 1;
	}
	return false;
}

static void print_heredoc(struct printer *pr, const struct redir *r)
{
	struct printer sub = { NULL, NULL, 0, 0, 0 };
	struct buf body = BUF_INIT;
	const struct wpart *part;
	struct pending *h;
	bool literal = true;
	int i;

	for (part = r->target ? r->target->parts : NULL; part != NULL;
	     part = part->next) {
		if (part->type != WP_LIT) {
			literal = false;
		}
	}
	if (literal) {
		for (part = r->target ? r->target->parts : NULL; part != NULL;
		     part = part->next) {
			buf_append(&body, part->lit.text, part->lit.len);
		}
	} else {
		sub.out = &body;
		print_parts(&sub, r->target->parts, PC_HEREDOC);
		free(sub.hd);
	}
	if (pr->nhd == pr->cap) {
		pr->cap = pr->cap ? pr->cap * 2 : 4;
		pr->hd = xreallocarray(pr->hd, pr->cap, sizeof(*pr->hd));
	}
	h = &pr->hd[pr->nhd++];
	strcpy(h->delim, "EOF");
	for (i = 1; has_line(buf_str(&body), body.len, h->delim); i++) {
		snprintf(h->delim, sizeof(h->delim), "EOF%d", i);
	}
	h->len = body.len;
	h->text = buf_steal(&body, &h->len);
	buf_printf(pr->out, literal ? "<<'%s'" : "<<%s", h->delim);
}

/* --- words --- */

/*
 * Writes quoted text where a backslash quotes only some characters: those
 * in special get one.  A backslash in the text is written doubled unless
 * the next character is one a backslash does not quote there (not in
 * quotable, not a newline): the parser kept such a backslash as it was,
 * and in $(( )) a doubled one would let a \( count as a parenthesis.
 */
static void put_escaped(struct buf *out, const char *s, size_t len,
			const char *special, const char *quotable)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len && s[i + 1] != '\n'
		    && strchr(quotable, s[i + 1]) == NULL) {
			buf_putc(out, '\\');
			continue;
		}
		if (strchr(special, s[i]) != NULL) {
			buf_putc(out, '\\');
		}
		buf_putc(out, s[i]);
	}
}

static bool starts_with_paren(const struct node *n)
{
	while (n != NULL) {
		switch (n->type) {
		case NODE_LIST:
			n = n->list.items[0].node;
			break;
		case NODE_AND:
		case NODE_OR:
			n = n->andor.left;
			break;
		case NODE_PIPELINE:
			if (n->pipeline.bang) {
				return false;
			}
			n = n->pipeline.cmds[0];
			break;
		case NODE_SUBSHELL:
			return true;
		default:
			return false;
		}
	}
	return false;
}

static const char *param_op(const struct wpart *part)
{
	static const char *const ops[] = {
		"", "", "-", "=", "?", "+", "%", "%%", "#", "##",
	};

	return ops[part->param.op];
}

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		|| (c >= '0' && c <= '9') || c == '_';
}

/* $x rather than ${x}: a plain parameter, one character or a name that
 * no name character follows. */
static bool can_skip_braces(const struct wpart *part)
{
	const char *name = part->param.name;
	const struct wpart *next = part->next;

	if (part->param.op != PARAM_PLAIN || name[0] == '\0') {
		return false;
	}
	if (name[0] >= '0' && name[0] <= '9') {
		return name[1] == '\0';	/* $1, but ${10} */
	}
	if (!is_name_char(name[0])) {
		return true;			/* $@ $# $? ... */
	}
	return next == NULL || next->type != WP_LIT || next->lit.len == 0
		|| !is_name_char(next->lit.text[0]);
}

/* An expansion; dq: it is inside double quotes. */
static void print_expansion(struct printer *pr, const struct wpart *part,
			    bool dq)
{
	struct buf *out = pr->out;
	size_t base;

	switch (part->type) {
	case WP_PARAM:
		if (part->param.name[0] == '$' && part->param.name[1] == '{') {
			/* a bad substitution keeps its source text (lex.c) */
			buf_puts(out, part->param.name);
			break;
		}
		if (can_skip_braces(part)) {
			buf_putc(out, '$');
			buf_puts(out, part->param.name);
			break;
		}
		buf_puts(out, "${");
		if (part->param.op == PARAM_LENGTH) {
			buf_putc(out, '#');
		}
		buf_puts(out, part->param.name);
		if (part->param.colon) {
			buf_putc(out, ':');
		}
		buf_puts(out, param_op(part));
		if (part->param.arg != NULL) {
			print_parts(pr, part->param.arg->parts,
				    dq && part->param.op <= PARAM_ALT
				    ? PC_DQ_ARG : PC_ARG);
		}
		buf_putc(out, '}');
		break;
	case WP_CMDSUB:
		buf_puts(out, "$(");
		if (starts_with_paren(part->cmdsub.body)) {
			buf_putc(out, ' ');
		}
		base = pr->base;
		pr->base = pr->nhd;
		print_node(pr, part->cmdsub.body);
		flush_heredocs(pr, false);
		pr->base = base;
		buf_putc(out, ')');
		break;
	case WP_ARITH:
		buf_puts(out, "$((");
		if (part->arith.expr != NULL) {
			print_parts(pr, part->arith.expr->parts, PC_ARITH);
		}
		buf_puts(out, "))");
		break;
	case WP_LIT:
		break;
	}
}

/*
 * `body`: after a literal $ an unquoted $( would read as $$ (the source
 * had $`...`).  Inside backquotes \ ` and $ need a backslash.
 */
static void print_backquoted(struct printer *pr, const struct wpart *part)
{
	struct printer sub = { NULL, NULL, 0, 0, 0 };
	struct buf body = BUF_INIT;

	sub.out = &body;
	print_node(&sub, part->cmdsub.body);
	flush_heredocs(&sub, false);
	free(sub.hd);
	buf_putc(pr->out, '`');
	put_escaped(pr->out, buf_str(&body), body.len, "\\`$", "\\`$");
	buf_putc(pr->out, '`');
	buf_release(&body);
}

static bool next_is_quoted_expansion(const struct wpart *part)
{
	return part->next != NULL && part->next->type != WP_LIT
		&& part->next->quoted;
}

/* A word in an unquoted context: plain text, '...', "...".  In a ${x-word}
 * (ctx PC_ARG) a \} inside "..." stands for }. */
static void print_unquoted_ctx(struct printer *pr, const struct wpart *part,
			       enum pctx ctx)
{
	struct buf *out = pr->out;
	const struct wpart *prev = NULL;
	bool open = false;	/* we are inside a " we wrote */

	for (; part != NULL; prev = part, part = part->next) {
		if (part->type == WP_LIT && part->quoted && part->lit.len > 0
		    && (open || memchr(part->lit.text, '\'', part->lit.len)
			|| next_is_quoted_expansion(part))) {
			if (!open) {
				buf_putc(out, '"');
				open = true;
			}
			put_escaped(out, part->lit.text, part->lit.len,
				    "$`\\\"", ctx == PC_ARG ? "$`\\\"}"
				    : "$`\\\"");
			continue;
		}
		if (part->type != WP_LIT && part->quoted) {
			if (!open) {
				buf_putc(out, '"');
				open = true;
			}
			print_expansion(pr, part, true);
			continue;
		}
		if (open) {
			buf_putc(out, '"');
			open = false;
		}
		if (part->type == WP_CMDSUB && prev != NULL
		    && prev->type == WP_LIT && !prev->quoted
		    && prev->lit.len > 0
		    && prev->lit.text[prev->lit.len - 1] == '$') {
			print_backquoted(pr, part);
		} else if (part->type != WP_LIT) {
			print_expansion(pr, part, false);
		} else if (part->quoted) {
			buf_putc(out, '\'');
			buf_append(out, part->lit.text, part->lit.len);
			buf_putc(out, '\'');
		} else {
			buf_append(out, part->lit.text, part->lit.len);
		}
	}
	if (open) {
		buf_putc(out, '"');
	}
}

static void print_parts(struct printer *pr, const struct wpart *part,
			enum pctx ctx)
{
	if (ctx == PC_WORD || ctx == PC_ARG) {
		print_unquoted_ctx(pr, part, ctx);
		return;
	}
	for (; part != NULL; part = part->next) {
		if (part->type != WP_LIT) {
			print_expansion(pr, part, true);
		} else if (part->lit.len == 0) {
			/* only a ${x-""} word can hold an empty part here */
			if (ctx == PC_DQ_ARG) {
				buf_puts(pr->out, "\"\"");
			}
		} else if (ctx == PC_DQ_ARG) {
			put_escaped(pr->out, part->lit.text, part->lit.len,
				    "$`\\\"}", "$`\\\"}");
		} else {
			/* in $(( )) a " is plain, but \" is a quoted " */
			put_escaped(pr->out, part->lit.text, part->lit.len,
				    "$`\\", ctx == PC_ARITH ? "$`\\\"" : "$`\\");
		}
	}
}

static void print_word(struct printer *pr, const struct word *w)
{
	if (w != NULL) {
		print_parts(pr, w->parts, PC_WORD);
	}
}

/* --- commands --- */

static void print_redirs(struct printer *pr, const struct redir *r,
			 bool space_first)
{
	static const char *const ops[] = {
		"<", ">", ">|", ">>", "<&", ">&", "<>", "<<",
	};

	for (; r != NULL; r = r->next) {
		if (space_first) {
			buf_putc(pr->out, ' ');
		}
		space_first = true;
		if (r->fd >= 0) {
			buf_printf(pr->out, "%d", r->fd);
		}
		if (r->type == REDIR_HEREDOC) {
			print_heredoc(pr, r);
		} else {
			buf_puts(pr->out, ops[r->type]);
			print_word(pr, r->target);
		}
	}
}

/* Is w an unquoted reserved word (which must not start a command)? */
static bool is_reserved(const struct word *w)
{
	const struct wpart *part = w->parts;
	size_t i;

	if (part == NULL || part->next != NULL || part->type != WP_LIT
	    || part->quoted) {
		return false;
	}
	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++) {
		if (strcmp(part->lit.text, reserved[i]) == 0) {
			return true;
		}
	}
	return false;
}

static void print_simple(struct printer *pr, const struct node *n)
{
	const struct wpart *v;
	bool redirs_first = n->simple.nassigns == 0 && n->simple.nwords > 0
		&& n->redirs != NULL && is_reserved(n->simple.words[0]);
	bool space = false;
	size_t i;

	if (redirs_first) {
		print_redirs(pr, n->redirs, false);
		space = true;
	}
	for (i = 0; i < n->simple.nassigns; i++) {
		if (space) {
			buf_putc(pr->out, ' ');
		}
		space = true;
		buf_puts(pr->out, n->simple.assigns[i].name);
		buf_putc(pr->out, '=');
		v = n->simple.assigns[i].value ? n->simple.assigns[i].value->parts
			: NULL;
		if (v != NULL && !(v->next == NULL && v->type == WP_LIT
				   && v->lit.len == 0)) {
			print_parts(pr, v, PC_WORD);
		}
	}
	for (i = 0; i < n->simple.nwords; i++) {
		if (space) {
			buf_putc(pr->out, ' ');
		}
		space = true;
		print_word(pr, n->simple.words[i]);
	}
	if (!redirs_first) {
		print_redirs(pr, n->redirs, space);
	}
}

/* ; between commands, or a newline when here-documents wait. */
static void print_sep(struct printer *pr)
{
	if (pr->nhd > pr->base) {
		flush_heredocs(pr, false);
	} else {
		buf_puts(pr->out, "; ");
	}
}

/* After an operator that may be followed by a newline (&& || | &). */
static void print_space(struct printer *pr)
{
	if (pr->nhd > pr->base) {
		flush_heredocs(pr, false);
	} else {
		buf_putc(pr->out, ' ');
	}
}

static bool ends_async(const struct node *n)
{
	return n != NULL && n->type == NODE_LIST && n->list.nitems > 0
		&& n->list.items[n->list.nitems - 1].async;
}

/* n, in braces when its type is in wrap */
static void print_wrapped(struct printer *pr, const struct node *n,
			  unsigned wrap)
{
	if (n == NULL || !(wrap & (1u << n->type))) {
		print_node(pr, n);
		return;
	}
	buf_puts(pr->out, "{ ");
	print_node(pr, n);
	if (ends_async(n)) {
		print_space(pr);
	} else {
		print_sep(pr);
	}
	buf_putc(pr->out, '}');
}

/* A compound list followed by what separates it from a reserved word. */
static void print_term(struct printer *pr, const struct node *n)
{
	if (n == NULL) {
		buf_putc(pr->out, ':');
	}
	print_node(pr, n);
	if (ends_async(n)) {
		print_space(pr);
	} else {
		print_sep(pr);
	}
}

static void print_list(struct printer *pr, const struct node *n)
{
	size_t i;

	for (i = 0; i < n->list.nitems; i++) {
		print_wrapped(pr, n->list.items[i].node, WRAP_LIST);
		if (n->list.items[i].async) {
			buf_puts(pr->out, " &");
			if (i + 1 < n->list.nitems) {
				print_space(pr);
			}
		} else if (i + 1 < n->list.nitems) {
			print_sep(pr);
		}
	}
}

/* a && b || c: the tree leans left; walk its spine without recursion */
static void print_andor(struct printer *pr, const struct node *n)
{
	const struct node **spine;
	const struct node *m;
	size_t k = 0, i;

	for (m = n; m->type == NODE_AND || m->type == NODE_OR;
	     m = m->andor.left) {
		k++;
	}
	spine = xreallocarray(NULL, k, sizeof(*spine));
	i = k;
	for (m = n; m->type == NODE_AND || m->type == NODE_OR;
	     m = m->andor.left) {
		spine[--i] = m;
	}
	print_wrapped(pr, m, WRAP_LIST);
	for (i = 0; i < k; i++) {
		buf_puts(pr->out, spine[i]->type == NODE_AND ? " &&" : " ||");
		print_space(pr);
		print_wrapped(pr, spine[i]->andor.right, WRAP_ANDOR);
	}
	free(spine);
}

static void print_if(struct printer *pr, const struct node *n)
{
	const struct node *e;

	buf_puts(pr->out, "if ");
	print_term(pr, n->if_.cond);
	buf_puts(pr->out, "then ");
	print_term(pr, n->if_.then_part);
	for (e = n->if_.else_part; e != NULL && e->type == NODE_IF
	     && e->redirs == NULL; e = e->if_.else_part) {
		buf_puts(pr->out, "elif ");
		print_term(pr, e->if_.cond);
		buf_puts(pr->out, "then ");
		print_term(pr, e->if_.then_part);
	}
	if (e != NULL) {
		buf_puts(pr->out, "else ");
		print_term(pr, e);
	}
	buf_puts(pr->out, "fi");
}

static void print_for(struct printer *pr, const struct node *n)
{
	size_t i;

	buf_printf(pr->out, "for %s", n->for_.var);
	if (n->for_.has_in) {
		buf_puts(pr->out, " in");
		for (i = 0; i < n->for_.nwords; i++) {
			buf_putc(pr->out, ' ');
			print_word(pr, n->for_.words[i]);
		}
	}
	buf_puts(pr->out, "; do ");
	print_term(pr, n->for_.body);
	buf_puts(pr->out, "done");
}

static void print_case(struct printer *pr, const struct node *n)
{
	const struct case_item *it;
	size_t i, j;

	buf_puts(pr->out, "case ");
	print_word(pr, n->case_.word);
	buf_puts(pr->out, " in ");
	for (i = 0; i < n->case_.nitems; i++) {
		it = &n->case_.items[i];
		buf_putc(pr->out, '(');
		for (j = 0; j < it->npatterns; j++) {
			if (j > 0) {
				buf_puts(pr->out, " | ");
			}
			print_word(pr, it->patterns[j]);
		}
		buf_puts(pr->out, ") ");
		if (it->body != NULL) {
			print_node(pr, it->body);
			if (pr->nhd > pr->base) {
				flush_heredocs(pr, false);
			} else if (ends_async(it->body)) {
				buf_putc(pr->out, ' ');
			}
		}
		buf_puts(pr->out, ";; ");
	}
	buf_puts(pr->out, "esac");
}

static void print_node(struct printer *pr, const struct node *n)
{
	size_t i;

	if (n == NULL) {
		return;
	}
	switch (n->type) {
	case NODE_SIMPLE:
		print_simple(pr, n);
		return;
	case NODE_PIPELINE:
		if (n->pipeline.bang) {
			buf_puts(pr->out, "! ");
		}
		for (i = 0; i < n->pipeline.ncmds; i++) {
			if (i > 0) {
				buf_puts(pr->out, " |");
				print_space(pr);
			}
			print_wrapped(pr, n->pipeline.cmds[i], WRAP_PIPE);
		}
		return;
	case NODE_AND:
	case NODE_OR:
		print_andor(pr, n);
		return;
	case NODE_LIST:
		print_list(pr, n);
		return;
	case NODE_FUNCDEF:
		buf_printf(pr->out, "%s() ", n->funcdef.name);
		print_wrapped(pr, n->funcdef.body, WRAP_PIPE);
		return;
	case NODE_SUBSHELL:
		buf_putc(pr->out, '(');
		if (starts_with_paren(n->group.body)) {
			buf_putc(pr->out, ' ');
		}
		print_node(pr, n->group.body);
		flush_heredocs(pr, false);
		buf_putc(pr->out, ')');
		break;
	case NODE_GROUP:
		buf_puts(pr->out, "{ ");
		print_term(pr, n->group.body);
		buf_putc(pr->out, '}');
		break;
	case NODE_IF:
		print_if(pr, n);
		break;
	case NODE_WHILE:
	case NODE_UNTIL:
		buf_puts(pr->out, n->type == NODE_WHILE ? "while " : "until ");
		print_term(pr, n->loop.cond);
		buf_puts(pr->out, "do ");
		print_term(pr, n->loop.body);
		buf_puts(pr->out, "done");
		break;
	case NODE_FOR:
		print_for(pr, n);
		break;
	case NODE_CASE:
		print_case(pr, n);
		break;
	}
	print_redirs(pr, n->redirs, true);
}

void ast_print(struct buf *out, const struct node *n)
{
	struct printer pr = { out, NULL, 0, 0, 0 };

	print_node(&pr, n);
	flush_heredocs(&pr, true);
	free(pr.hd);
}

void ast_print_word(struct buf *out, const struct word *w)
{
	struct printer pr = { out, NULL, 0, 0, 0 };

	print_word(&pr, w);
	free(pr.hd);
}
