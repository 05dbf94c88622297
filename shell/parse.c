/*
 * parse.c - recursive-descent parser for the shell grammar (XCU 2.10),
 * building the tree of ast.h.  Reserved words and aliases are recognised
 * here, on the words the lexer returns, only where the grammar allows them;
 * where POSIX leaves room the parser does what dash does (src/parser.c),
 * including its error messages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hersh/buf.h>
#include <hersh/xalloc.h>

#include "alias.h"
#include "arena.h"
#include "ast.h"
#include "builtin.h"
#include "input.h"
#include "lex.h"
#include "parse.h"
#include "shell.h"

/* what next() recognises on the token it returns */
enum next_flag {
	P_NL = 1 << 0,		/* skip newlines first */
	P_KWD = 1 << 1,		/* reserved words */
	P_ALIAS = 1 << 2,	/* alias substitution */
	P_EOFMARK = 1 << 3,	/* a here-document delimiter follows */
};

/* a growable array in the pool (the old copies stay until the pool goes) */
struct vec {
	void *v;
	size_t n;
	size_t cap;
};

static const char *const keywords[] = {
	"!", "case", "do", "done", "elif", "else", "esac", "fi", "for", "if",
	"in", "then", "until", "while", "{", "}",
};

static struct node *parse_list(struct parser *p, bool allow_empty);
static struct node *parse_and_or(struct parser *p);
static struct node *parse_command(struct parser *p);

static void *vec_push(struct parser *p, struct vec *v, size_t size)
{
	void *nv;

	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 4;
		nv = lex_alloc(p, v->cap * size);
		if (v->n > 0) {
			memcpy(nv, v->v, v->n * size);
		}
		v->v = nv;
	}
	return (char *)v->v + v->n++ * size;
}

static struct node *new_node(struct parser *p, enum node_type type,
			     int lineno)
{
	struct node *n = lex_alloc(p, sizeof(*n));

	n->type = type;
	n->lineno = lineno;
	return n;
}

/* --- tokens --- */

static const char *tok_name(enum tok_type t)
{
	static const char *const names[] = {
		"end of file", "newline", "\";\"", "\"&\"", "\"&&\"",
		"\"||\"", "\"|\"", "\"(\"", "\")\"", "\";;\"", "redirection",
		"word",
	};
	static char kw[16];

	if (t < T_BANG) {
		return names[t];
	}
	snprintf(kw, sizeof(kw), "\"%s\"", keywords[t - T_BANG]);
	return kw;
}

static enum tok_type keyword(const char *s)
{
	size_t i;

	/* most words start with a letter no reserved word starts with */
	if (s[0] == '\0' || strchr("!cdefiutw{}", s[0]) == NULL) {
		return T_WORD;
	}
	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
		if (keywords[i][0] == s[0] && strcmp(s, keywords[i]) == 0) {
			return (enum tok_type)(T_BANG + i);
		}
	}
	return T_WORD;
}

/*
 * The next token, with reserved words and aliases recognised as flags ask
 * (dash's readtoken).  A token given back with pushback() comes again; a
 * word in it may still turn into a reserved word.
 */
static enum tok_type next(struct parser *p, int flags)
{
	struct token *t = &p->tok;
	const char *value;
	enum tok_type kw;

	for (;;) {
		if (p->pushed) {
			p->pushed = false;
		} else {
			lex_token(p, (flags & P_EOFMARK) != 0);
		}
		if (flags & P_NL) {
			while (t->type == T_NL) {
				lex_token(p, false);
			}
		}
		if (p->alias_blank) {
			p->alias_blank = false;
			flags |= P_ALIAS;
		}
		if (t->type != T_WORD || t->text == NULL) {
			return t->type;
		}
		if (flags & P_KWD) {
			kw = keyword(t->text);
			if (kw != T_WORD) {
				t->type = kw;
				return kw;
			}
		}
		if (!(flags & P_ALIAS) || t->alias_checked
		    || p->sh->aliases == NULL) {
			return t->type;
		}
		t->alias_checked = true;
		value = alias_get(p->sh->aliases, t->text);
		if (value == NULL || lex_alias_active(p, t->text)) {
			return t->type;
		}
		if (*value != '\0') {
			lex_push_alias(p, t->text, value);
		}
	}
}

static void pushback(struct parser *p)
{
	p->pushed = true;
}

__attribute__((noreturn))
static void unexpected(struct parser *p, int expecting)
{
	if (expecting >= 0) {
		char want[32];

		snprintf(want, sizeof(want), "%s",
			 tok_name((enum tok_type)expecting));
		lex_error(p, "Syntax error: %s unexpected (expecting %s)",
			  tok_name(p->tok.type), want);
	}
	lex_error(p, "Syntax error: %s unexpected", tok_name(p->tok.type));
}

static void expect(struct parser *p, enum tok_type want)
{
	if (next(p, P_KWD | P_ALIAS) != want) {
		unexpected(p, (int)want);
	}
}

/* Could the token be a word (case patterns take reserved words too)? */
static bool is_wordish(enum tok_type t)
{
	return t == T_WORD || t >= T_BANG;
}

/* Does the token end a compound list (dash's tokendlist)? */
static bool ends_list(enum tok_type t)
{
	switch (t) {
	case T_EOF:
	case T_RPAREN:
	case T_DSEMI:
	case T_DO:
	case T_DONE:
	case T_ELIF:
	case T_ELSE:
	case T_ESAC:
	case T_FI:
	case T_THEN:
	case T_RBRACE:
		return true;
	default:
		return false;
	}
}

/* --- lists --- */

/* Several commands become a NODE_LIST; one synchronous one stays itself. */
static struct node *make_list(struct parser *p, struct vec *items,
			      int lineno)
{
	struct list_item *it = items->v;
	struct node *n;

	if (items->n == 0) {
		return NULL;
	}
	if (items->n == 1 && !it[0].async) {
		return it[0].node;
	}
	n = new_node(p, NODE_LIST, lineno);
	n->list.items = it;
	n->list.nitems = items->n;
	return n;
}

static void add_item(struct parser *p, struct vec *items, struct node *n,
		     bool async)
{
	struct list_item *it = vec_push(p, items, sizeof(*it));

	it->node = n;
	it->async = async;
}

/*
 * A compound list (XCU 2.10 compound_list): and-or lists separated by
 * ; & and newlines, up to a token that ends lists.  Empty only where
 * allow_empty (case items, command substitutions).
 */
static struct node *parse_list(struct parser *p, bool allow_empty)
{
	struct vec items = { NULL, 0, 0 };
	struct node *n;
	enum tok_type t;
	int lineno = 0;

	for (;;) {
		t = next(p, P_NL | P_KWD | P_ALIAS);
		pushback(p);
		if (t == T_EOF
		    || ((items.n > 0 || allow_empty) && ends_list(t))) {
			break;
		}
		if (items.n == 0) {
			lineno = p->tok.lineno;
		}
		n = parse_and_or(p);
		t = next(p, 0);
		add_item(p, &items, n, t == T_AMP);
		if (t != T_SEMI && t != T_AMP && t != T_NL) {
			pushback(p);
			break;
		}
	}
	return make_list(p, &items, lineno);
}

/* The top level (XCU 2.10 complete_command): up to a newline or EOF. */
static struct node *parse_top(struct parser *p, bool *eof)
{
	struct vec items = { NULL, 0, 0 };
	struct node *n;
	enum tok_type t;
	int lineno = 0;

	*eof = false;
	for (;;) {
		t = next(p, P_KWD | P_ALIAS);
		if (t == T_NL) {
			break;
		}
		if (t == T_EOF) {
			*eof = items.n == 0;
			break;
		}
		pushback(p);
		if (items.n == 0) {
			lineno = p->tok.lineno;
		}
		n = parse_and_or(p);
		t = next(p, 0);
		add_item(p, &items, n, t == T_AMP);
		if (t == T_NL || t == T_EOF) {
			break;
		}
		if (t != T_SEMI && t != T_AMP) {
			unexpected(p, -1);
		}
	}
	return make_list(p, &items, lineno);
}

static struct node *parse_pipeline(struct parser *p)
{
	struct vec cmds = { NULL, 0, 0 };
	struct node *n, **slot;
	bool bang = false;
	int lineno;

	if (next(p, P_KWD | P_ALIAS) == T_BANG) {
		bang = true;
	} else {
		pushback(p);
	}
	lineno = p->tok.lineno;
	n = parse_command(p);
	if (next(p, 0) != T_PIPE) {
		pushback(p);
		if (!bang) {
			return n;
		}
	}
	slot = vec_push(p, &cmds, sizeof(*slot));
	*slot = n;
	while (p->tok.type == T_PIPE) {
		next(p, P_NL | P_KWD | P_ALIAS);
		pushback(p);
		slot = vec_push(p, &cmds, sizeof(*slot));
		*slot = parse_command(p);
		if (next(p, 0) != T_PIPE) {
			pushback(p);
		}
	}
	n = new_node(p, NODE_PIPELINE, lineno);
	n->pipeline.cmds = cmds.v;
	n->pipeline.ncmds = cmds.n;
	n->pipeline.bang = bang;
	return n;
}

/* and_or: pipelines joined by && and ||, left-associative. */
static struct node *parse_and_or(struct parser *p)
{
	struct node *n = parse_pipeline(p);
	struct node *op;
	enum tok_type t;

	for (;;) {
		t = next(p, 0);
		if (t != T_AND_IF && t != T_OR_IF) {
			pushback(p);
			return n;
		}
		op = new_node(p, t == T_AND_IF ? NODE_AND : NODE_OR,
			      n->lineno);
		op->andor.left = n;
		next(p, P_NL | P_KWD | P_ALIAS);
		pushback(p);
		op->andor.right = parse_pipeline(p);
		n = op;
	}
}

/* --- redirections --- */

/* After a T_REDIR token: the target word; here-documents are queued. */
static struct redir *parse_redir(struct parser *p)
{
	struct redir *r = lex_alloc(p, sizeof(*r));
	bool strip = p->tok.strip_tabs;

	r->type = p->tok.rtype;
	r->fd = p->tok.fd;
	if (next(p, r->type == REDIR_HEREDOC ? P_EOFMARK : 0) != T_WORD) {
		unexpected(p, -1);
	}
	if (r->type == REDIR_HEREDOC) {
		lex_queue_heredoc(p, r, p->tok.word, strip);
	} else {
		r->target = p->tok.word;
	}
	return r;
}

/* Redirections after a compound command. */
static void parse_trailing_redirs(struct parser *p, struct node *n)
{
	struct redir **tail = &n->redirs;

	while (next(p, P_KWD | P_ALIAS) == T_REDIR) {
		*tail = parse_redir(p);
		tail = &(*tail)->next;
	}
	pushback(p);
}

/* --- simple commands and function definitions --- */

/* NAME=... : the length of NAME, or 0 when w is no assignment. */
static size_t assignment_len(const struct word *w)
{
	const struct wpart *part = w->parts;
	const char *s;
	size_t i;

	if (part->type != WP_LIT || part->quoted) {
		return 0;
	}
	s = part->lit.text;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')
	      || s[0] == '_')) {
		return 0;
	}
	for (i = 1; i < part->lit.len; i++) {
		if (s[i] == '=') {
			return i;
		}
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')
		      || (s[i] >= '0' && s[i] <= '9') || s[i] == '_')) {
			return 0;
		}
	}
	return 0;
}

static void make_assign(struct parser *p, struct assign *a, struct word *w,
			size_t namelen)
{
	struct wpart *first = w->parts;
	struct wpart *rest;
	struct word *value;

	a->name = pool_strndup(p->pool, first->lit.text, namelen);
	value = lex_alloc(p, sizeof(*value));
	value->lineno = w->lineno;
	if (first->lit.len > namelen + 1) {
		rest = lex_alloc(p, sizeof(*rest));
		rest->type = WP_LIT;
		rest->lit.text = first->lit.text + namelen + 1;
		rest->lit.len = first->lit.len - namelen - 1;
		rest->next = first->next;
		value->parts = rest;
	} else if (first->next != NULL) {
		value->parts = first->next;
	} else {
		rest = lex_alloc(p, sizeof(*rest));
		rest->type = WP_LIT;
		rest->quoted = true;
		rest->lit.text = first->lit.text + first->lit.len;
		value->parts = rest;
	}
	a->value = value;
}

static bool valid_name(const char *s)
{
	size_t i;

	if (s == NULL || !((s[0] >= 'a' && s[0] <= 'z')
			   || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_')) {
		return false;
	}
	for (i = 1; s[i] != '\0'; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')
		      || (s[i] >= '0' && s[i] <= '9') || s[i] == '_')) {
			return false;
		}
	}
	return true;
}

/*
 * name ( ) compound-command (XCU 2.9.5).  dash takes any command as the
 * body; POSIX asks for a compound command, and so do we.
 */
static struct node *parse_funcdef(struct parser *p, const char *name,
				  int lineno)
{
	const struct builtin *b;
	struct node *n;

	if (next(p, 0) != T_RPAREN) {
		unexpected(p, T_RPAREN);
	}
	b = valid_name(name) ? builtin_find(name) : NULL;
	if (!valid_name(name) || (b != NULL && (b->flags & BUILTIN_SPECIAL))) {
		lex_error(p, "Syntax error: Bad function name");
	}
	n = new_node(p, NODE_FUNCDEF, lineno);
	n->funcdef.name = (char *)name;
	lex_enter(p);
	switch (next(p, P_NL | P_KWD | P_ALIAS)) {
	case T_IF:
	case T_WHILE:
	case T_UNTIL:
	case T_FOR:
	case T_CASE:
	case T_LPAREN:
	case T_LBRACE:
		break;
	default:
		unexpected(p, -1);
	}
	pushback(p);
	n->funcdef.body = parse_command(p);
	lex_leave(p);
	return n;
}

/*
 * Assignments, words and redirections in any order (XCU 2.10
 * simple_command).  Words are alias candidates up to the command name.
 */
static struct node *parse_simple(struct parser *p)
{
	struct vec assigns = { NULL, 0, 0 };
	struct vec words = { NULL, 0, 0 };
	struct redir *redirs = NULL, **rtail = &redirs;
	struct word **slot;
	struct node *n;
	const char *name = NULL;	/* the first word, when plain */
	int flags = P_ALIAS;
	int lineno = p->tok.lineno;
	size_t len;

	for (;;) {
		switch (next(p, flags)) {
		case T_WORD:
			len = flags ? assignment_len(p->tok.word) : 0;
			if (len > 0) {
				make_assign(p, vec_push(p, &assigns,
							sizeof(struct assign)),
					    p->tok.word, len);
			} else {
				slot = vec_push(p, &words, sizeof(*slot));
				*slot = p->tok.word;
				if (words.n == 1) {
					name = p->tok.text;
				}
				flags = 0;
			}
			break;
		case T_REDIR:
			*rtail = parse_redir(p);
			rtail = &(*rtail)->next;
			break;
		case T_LPAREN:
			if (words.n == 1 && assigns.n == 0 && redirs == NULL) {
				return parse_funcdef(p, name, lineno);
			}
			pushback(p);
			goto out;
		default:
			pushback(p);
			goto out;
		}
	}
out:
	n = new_node(p, NODE_SIMPLE, lineno);
	n->simple.assigns = assigns.v;
	n->simple.nassigns = assigns.n;
	n->simple.words = words.v;
	n->simple.nwords = words.n;
	n->redirs = redirs;
	return n;
}

/* --- compound commands --- */

static struct node *parse_if(struct parser *p, int lineno)
{
	struct node *n = new_node(p, NODE_IF, lineno);
	struct node *cur = n;
	enum tok_type t;

	for (;;) {
		cur->if_.cond = parse_list(p, false);
		expect(p, T_THEN);
		cur->if_.then_part = parse_list(p, false);
		t = next(p, P_KWD | P_ALIAS);
		if (t != T_ELIF) {
			break;
		}
		cur->if_.else_part = new_node(p, NODE_IF, p->tok.lineno);
		cur = cur->if_.else_part;
	}
	if (t == T_ELSE) {
		cur->if_.else_part = parse_list(p, false);
	} else {
		pushback(p);
	}
	expect(p, T_FI);
	return n;
}

static struct node *parse_loop(struct parser *p, enum node_type type,
			       int lineno)
{
	struct node *n = new_node(p, type, lineno);

	n->loop.cond = parse_list(p, false);
	expect(p, T_DO);
	n->loop.body = parse_list(p, false);
	expect(p, T_DONE);
	return n;
}

static struct node *parse_for(struct parser *p, int lineno)
{
	struct node *n = new_node(p, NODE_FOR, lineno);
	struct vec words = { NULL, 0, 0 };
	struct word **slot;
	enum tok_type t;

	if (next(p, 0) != T_WORD || !valid_name(p->tok.text)) {
		lex_error(p, "Syntax error: Bad for loop variable");
	}
	n->for_.var = pool_strndup(p->pool, p->tok.text,
				   strlen(p->tok.text));
	t = next(p, P_NL | P_KWD | P_ALIAS);
	if (t == T_IN) {
		n->for_.has_in = true;
		while ((t = next(p, 0)) == T_WORD) {
			slot = vec_push(p, &words, sizeof(*slot));
			*slot = p->tok.word;
		}
		if (t != T_NL && t != T_SEMI) {
			unexpected(p, -1);
		}
		n->for_.words = words.v;
		n->for_.nwords = words.n;
	} else if (t != T_SEMI) {
		pushback(p);
	}
	if (next(p, P_NL | P_KWD | P_ALIAS) != T_DO) {
		unexpected(p, T_DO);
	}
	n->for_.body = parse_list(p, false);
	expect(p, T_DONE);
	return n;
}

static struct node *parse_case(struct parser *p, int lineno)
{
	struct node *n = new_node(p, NODE_CASE, lineno);
	struct vec items = { NULL, 0, 0 };
	struct vec pats;
	struct case_item *item;
	struct word **slot;
	enum tok_type t;

	if (next(p, 0) != T_WORD) {
		unexpected(p, T_WORD);
	}
	n->case_.word = p->tok.word;
	if (next(p, P_NL | P_KWD | P_ALIAS) != T_IN) {
		unexpected(p, T_IN);
	}
	t = next(p, P_NL | P_KWD);
	while (t != T_ESAC) {
		if (t == T_LPAREN) {
			t = next(p, 0);
		}
		memset(&pats, 0, sizeof(pats));
		for (;;) {
			if (!is_wordish(t)) {
				unexpected(p, T_RPAREN);
			}
			slot = vec_push(p, &pats, sizeof(*slot));
			*slot = p->tok.word;
			if (next(p, 0) != T_PIPE) {
				break;
			}
			t = next(p, 0);
		}
		if (p->tok.type != T_RPAREN) {
			unexpected(p, T_RPAREN);
		}
		item = vec_push(p, &items, sizeof(*item));
		item->patterns = pats.v;
		item->npatterns = pats.n;
		item->body = parse_list(p, true);
		t = next(p, P_NL | P_KWD);
		if (t == T_ESAC) {
			break;
		}
		if (t != T_DSEMI) {
			unexpected(p, T_DSEMI);
		}
		t = next(p, P_NL | P_KWD);
	}
	n->case_.items = items.v;
	n->case_.nitems = items.n;
	return n;
}

/* command: a compound command with its redirections, a function
 * definition or a simple command. */
static struct node *parse_command(struct parser *p)
{
	enum tok_type t = next(p, P_KWD | P_ALIAS);
	int lineno = p->tok.lineno;
	struct node *n;

	switch (t) {
	case T_WORD:
	case T_REDIR:
		pushback(p);
		return parse_simple(p);
	case T_IF:
	case T_WHILE:
	case T_UNTIL:
	case T_FOR:
	case T_CASE:
	case T_LPAREN:
	case T_LBRACE:
		break;
	default:
		unexpected(p, -1);
	}
	lex_enter(p);
	switch (t) {
	case T_IF:
		n = parse_if(p, lineno);
		break;
	case T_WHILE:
		n = parse_loop(p, NODE_WHILE, lineno);
		break;
	case T_UNTIL:
		n = parse_loop(p, NODE_UNTIL, lineno);
		break;
	case T_FOR:
		n = parse_for(p, lineno);
		break;
	case T_CASE:
		n = parse_case(p, lineno);
		break;
	case T_LPAREN:
		n = new_node(p, NODE_SUBSHELL, lineno);
		n->group.body = parse_list(p, false);
		expect(p, T_RPAREN);
		break;
	default:
		n = new_node(p, NODE_GROUP, lineno);
		n->group.body = parse_list(p, false);
		expect(p, T_RBRACE);
		break;
	}
	lex_leave(p);
	parse_trailing_redirs(p, n);
	return n;
}

/* --- nested programs (called by the lexer) --- */

struct node *parse_cmdsub(struct parser *p)
{
	struct node *n = parse_list(p, true);

	if (next(p, 0) != T_RPAREN) {
		unexpected(p, T_RPAREN);
	}
	return n;
}

struct node *parse_backquote(struct parser *p)
{
	struct node *n = parse_list(p, true);

	if (next(p, 0) != T_EOF) {
		unexpected(p, -1);
	}
	return n;
}

/* --- the interface --- */

struct parser *parser_new(struct shell *sh, struct input *in)
{
	struct parser *p = xcalloc(1, sizeof(*p));

	p->sh = sh;
	p->in = in;
	lex_init(p);
	return p;
}

void parser_free(struct parser *p)
{
	if (p == NULL) {
		return;
	}
	pool_unref(p->pool);
	lex_release(p);
	free(p);
}

enum parse_result parser_next(struct parser *p, struct node **out,
			      struct pool **pool)
{
	struct node *n;
	bool eof;

	*out = NULL;
	*pool = NULL;
	p->pool = pool_new();
	p->eof = false;
	p->more = false;
	p->pushed = false;
	p->depth = 0;
	p->hd_head = NULL;
	p->hd_tail = &p->hd_head;
	if (setjmp(p->err_jmp) != 0) {
		pool_unref(p->pool);
		p->pool = NULL;
		lex_reset(p);
		input_sync(p->in);
		return PARSE_ERROR;
	}
	n = parse_top(p, &eof);
	input_sync(p->in);
	if (eof) {
		pool_unref(p->pool);
		p->pool = NULL;
		return PARSE_EOF;
	}
	*out = n;
	*pool = p->pool;
	p->pool = NULL;
	return PARSE_OK;
}

int parser_lineno(const struct parser *p)
{
	return p->lineno;
}

void parser_set_lineno(struct parser *p, int lineno)
{
	p->lineno = lineno;
}
