/*
 * lex.h - private interface between the lexer (lex.c) and the parser
 * (parse.c): the parser state, tokens, and the calls each makes into the
 * other.  Nothing outside these two files includes it.
 *
 * Errors unwind: lex_error() prints the message and longjmps back to
 * parser_next().  That is safe because everything a parse allocates is in
 * the parse's pool (dropped as a whole) or hangs off struct parser (reset
 * by lex_reset()), the pairing dash's stack marks give (src/TOUR).
 */
#ifndef HERSH_LEX_H
#define HERSH_LEX_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>

#include <hersh/buf.h>

#include "ast.h"

struct shell;
struct input;
struct pool;
struct source;

/* Nesting limit for compound commands and substitutions (C stack guard). */
#define LEX_MAX_DEPTH 1000

enum tok_type {
	T_EOF,
	T_NL,
	T_SEMI,		/* ; */
	T_AMP,		/* & */
	T_AND_IF,	/* && */
	T_OR_IF,	/* || */
	T_PIPE,		/* | */
	T_LPAREN,	/* ( */
	T_RPAREN,	/* ) */
	T_DSEMI,	/* ;; */
	T_REDIR,	/* [n]< > >| >> <& >& <> << <<- */
	T_WORD,
	/* reserved words (XCU 2.4), recognised by the parser */
	T_BANG,
	T_CASE,
	T_DO,
	T_DONE,
	T_ELIF,
	T_ELSE,
	T_ESAC,
	T_FI,
	T_FOR,
	T_IF,
	T_IN,
	T_THEN,
	T_UNTIL,
	T_WHILE,
	T_LBRACE,
	T_RBRACE,
};

struct token {
	enum tok_type type;
	int lineno;		/* line where the token starts */
	struct word *word;	/* T_WORD and reserved words */
	const char *text;	/* the text of a word that is one unquoted
				 * literal (candidate name/keyword/alias) */
	bool alias_checked;	/* already looked up as an alias */
	enum redir_type rtype;	/* T_REDIR */
	int fd;			/* T_REDIR: io number or -1 */
	bool strip_tabs;	/* T_REDIR: <<- */
};

/* a here-document whose body is read after the next newline token */
struct heredoc {
	struct heredoc *next;
	struct redir *redir;
	char *delim;		/* delimiter after quote removal */
	bool quoted;		/* part of the delimiter was quoted */
	bool strip_tabs;	/* <<- */
};

/* a character given back to the reader */
struct backc {
	int c;
	bool counted;		/* a newline that advanced lineno */
};

struct parser {
	struct shell *sh;
	struct input *in;
	struct pool *pool;	/* nodes of the parse in progress */
	jmp_buf err_jmp;	/* lex_error() returns to parser_next() */

	/* reader */
	struct buf line;	/* the current input line */
	size_t linepos;		/* next byte of line */
	bool eof;		/* the input said end of file (this call) */
	bool more;		/* a line was read in this call: further
				 * reads are continuations (PS2) */
	int lineno;		/* line of the next character */
	bool last_counted;	/* the last character read advanced lineno */
	struct source *src;	/* alias values and strings being read */
	struct backc back[4];	/* characters given back */
	int nback;

	/* tokens */
	struct token tok;	/* the last token read */
	bool pushed;		/* tok was given back */
	bool alias_blank;	/* an alias ending in a blank just ended:
				 * the next word is checked as an alias */

	/* words */
	struct buf lit;		/* literal runs of the words being built
				 * (a stack: nested words append above) */
	struct buf tmp;		/* parameter names */
	struct buf text;	/* backquote text, here-document bodies */
	struct buf raw;		/* source text of the ${...} being read */
	int raw_on;		/* ${ levels recording into raw */
	bool eofmark;		/* reading a here-document delimiter */
	struct heredoc *hd_head;	/* here-documents waiting for a newline */
	struct heredoc **hd_tail;
	int depth;		/* nesting of compound commands and
				 * substitutions */
};

/* lex.c */
void lex_init(struct parser *p);
void lex_release(struct parser *p);
/* Forgets pushed strings, given-back characters and the rest of the
 * current line (after an error). */
void lex_reset(struct parser *p);
/* Reads the next token into p->tok.  eofmark: read a here-document
 * delimiter ($ and ` are plain characters). */
void lex_token(struct parser *p, bool eofmark);
/* Is alias name being expanded right now (XCU 2.3.1 recursion rule)? */
bool lex_alias_active(struct parser *p, const char *name);
/* Continues reading from the value of alias name. */
void lex_push_alias(struct parser *p, const char *name, const char *value);
/* Queues a here-document: its body is read after the next newline. */
void lex_queue_heredoc(struct parser *p, struct redir *r,
		       const struct word *delim, bool strip_tabs);
/* Enters / leaves one nesting level; errors out past LEX_MAX_DEPTH. */
void lex_enter(struct parser *p);
void lex_leave(struct parser *p);
/* Prints "Syntax error: ..." style messages (fmt is the whole message),
 * sets $? to 2 and unwinds to parser_next(). */
__attribute__((noreturn, format(printf, 2, 3)))
void lex_error(struct parser *p, const char *fmt, ...);
/* Pool memory of the current parse. */
void *lex_alloc(struct parser *p, size_t n);

/* parse.c, for command substitutions found while reading a word */
/* The body of $( ... ): a compound list (may be empty) and the ')'. */
struct node *parse_cmdsub(struct parser *p);
/* The body of ` ... ` being read from a pushed string, up to its end. */
struct node *parse_backquote(struct parser *p);

#endif
