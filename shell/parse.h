/*
 * parse.h - the lexer and recursive-descent parser for the shell grammar
 * (XCU 2.3 token recognition, 2.10 grammar), with aliases (2.3.1) and
 * here-documents (2.7.4).
 */
#ifndef HERSH_PARSE_H
#define HERSH_PARSE_H

struct shell;
struct input;
struct node;
struct pool;

enum parse_result {
	PARSE_OK = 1,		/* *out set (NULL for an empty line) */
	PARSE_EOF = 0,		/* no more input */
	PARSE_ERROR = -1,	/* syntax error; message printed */
};

struct parser;

/* A parser reading from in (not owned).  sh gives the alias table, the
 * options (-v echoes input lines to stderr as read, -n), and the name and
 * line numbers for messages. */
struct parser *parser_new(struct shell *sh, struct input *in);
void parser_free(struct parser *p);

/*
 * Reads and parses the next complete command: everything up to a newline
 * that ends a complete_command at the top level (several commands on one
 * line separated by ; or & come back together as one NODE_LIST), together
 * with the here-document bodies that follow it.
 *
 * On PARSE_OK, *out is the tree (NULL for a blank or comment-only line) and
 * *pool holds it; the caller owns one reference to *pool and drops it with
 * pool_unref() after running the command.  On PARSE_ERROR the message
 * "NAME: LINE: Syntax error: ..." has been printed, sh->status is 2, and the
 * rest of the current line has been discarded, so an interactive caller can
 * carry on with the next line.
 */
enum parse_result parser_next(struct parser *p, struct node **out,
			      struct pool **pool);

/* The line number the parser has reached (for $LINENO of what follows). */
int parser_lineno(const struct parser *p);
/* Set the line number of the next line read (eval and -c start at the
 * caller's line; dot scripts and scripts at 1). */
void parser_set_lineno(struct parser *p, int lineno);

#endif
