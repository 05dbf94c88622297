/*
 * ast.h - the syntax tree the parser builds and the executor walks.
 *
 * All nodes, words and strings of one parse live in one struct pool (see
 * arena.h) and are never freed one by one.  Arrays are (pointer, count).
 *
 * Words keep their structure (XCU 2.6): a word is a list of parts; each
 * part is a literal run, a parameter expansion, a command substitution or an
 * arithmetic expansion.  Quoting is recorded per part, so expansion never
 * re-scans quote characters:
 *
 *   abc'd e'"$x"\*   ->  LIT "abc" | LIT "d e" quoted | PARAM x quoted |
 *                        LIT "*" quoted
 *
 * Adjacent literal characters with the same quoting are merged into one
 * part.  Quote characters themselves are never in the text (quote removal is
 * done by the parser); a literal with quoted=true takes part in neither
 * field splitting nor pathname/pattern matching nor tilde expansion.
 */
#ifndef HERSH_AST_H
#define HERSH_AST_H

#include <stdbool.h>
#include <stddef.h>

struct node;
struct word;

enum wpart_type {
	WP_LIT,		/* literal text */
	WP_PARAM,	/* $name, ${name}, ${name<op>word}, $1, ${10}, $@ ... */
	WP_CMDSUB,	/* $(list) or `list` */
	WP_ARITH,	/* $((expr)) */
};

enum param_op {
	PARAM_PLAIN,		/* $x ${x} */
	PARAM_LENGTH,		/* ${#x} */
	PARAM_DEFAULT,		/* ${x-w}  ${x:-w} */
	PARAM_ASSIGN,		/* ${x=w}  ${x:=w} */
	PARAM_ERROR,		/* ${x?w}  ${x:?w} */
	PARAM_ALT,		/* ${x+w}  ${x:+w} */
	PARAM_TRIM_SUFFIX,	/* ${x%p} */
	PARAM_TRIM_SUFFIX_MAX,	/* ${x%%p} */
	PARAM_TRIM_PREFIX,	/* ${x#p} */
	PARAM_TRIM_PREFIX_MAX,	/* ${x##p} */
};

struct wpart {
	enum wpart_type type;
	/*
	 * WP_LIT: the text was quoted ('...', "...", or \c).
	 * Other types: the expansion appeared inside double quotes, so its
	 * result is neither field-split nor globbed.
	 */
	bool quoted;
	struct wpart *next;
	union {
		struct {
			char *text;	/* NUL-terminated, pool memory */
			size_t len;
		} lit;
		struct {
			/* "x", "10", "@", "*", "#", "?", "-", "$", "!", "0" */
			char *name;
			enum param_op op;
			bool colon;	/* ':' given: null counts as unset */
			/* the word after the operator (may be NULL for an
			 * empty word); for the TRIM ops it is a pattern */
			struct word *arg;
		} param;
		struct {
			struct node *body;	/* NULL for $( ) */
			bool backquote;		/* written with `...` */
		} cmdsub;
		struct {
			/* the expression as a word: expanded like a double-
			 * quoted string, then evaluated by arith_eval() */
			struct word *expr;
		} arith;
	};
};

struct word {
	struct wpart *parts;	/* NULL for the empty word '' is not used:
				 * '' is one quoted LIT of length 0 */
	int lineno;		/* line where the word starts */
};

enum redir_type {
	REDIR_IN,	/* [n]<word      default fd 0 */
	REDIR_OUT,	/* [n]>word      default fd 1 */
	REDIR_CLOBBER,	/* [n]>|word     */
	REDIR_APPEND,	/* [n]>>word     */
	REDIR_DUPIN,	/* [n]<&word     */
	REDIR_DUPOUT,	/* [n]>&word     */
	REDIR_RDWR,	/* [n]<>word     default fd 0 */
	REDIR_HEREDOC,	/* [n]<<word and [n]<<-word; body below */
};

struct redir {
	enum redir_type type;
	int fd;			/* explicit fd number, or -1 for the default */
	/*
	 * The target word (file name or fd/"-" for DUP*).  For HEREDOC, the
	 * body: when the delimiter was quoted it is a single quoted LIT; else
	 * it has the structure of a double-quoted string ($, `, \ active),
	 * with every part quoted=true.  Leading tabs are already stripped for
	 * <<-.  The body ends with a newline unless empty.
	 */
	struct word *target;
	struct redir *next;
};

enum node_type {
	NODE_SIMPLE,	/* assignments, words, redirections */
	NODE_PIPELINE,	/* [!] cmd | cmd ... */
	NODE_AND,	/* left && right */
	NODE_OR,	/* left || right */
	NODE_LIST,	/* items separated by ; & or newline */
	NODE_SUBSHELL,	/* ( list ) */
	NODE_GROUP,	/* { list ; } */
	NODE_IF,
	NODE_WHILE,
	NODE_UNTIL,
	NODE_FOR,
	NODE_CASE,
	NODE_FUNCDEF,
};

struct assign {
	char *name;		/* the NAME of NAME=value */
	struct word *value;	/* the value; an empty quoted LIT for NAME= */
};

struct list_item {
	struct node *node;
	bool async;		/* terminated by & */
};

struct case_item {
	struct word **patterns;
	size_t npatterns;
	struct node *body;	/* NULL for an empty body */
};

struct node {
	enum node_type type;
	int lineno;		/* line of the first token */
	/* redirections of a compound command (SUBSHELL, GROUP, IF, WHILE,
	 * UNTIL, FOR, CASE) or of a simple command, in source order */
	struct redir *redirs;
	union {
		struct {
			struct assign *assigns;
			size_t nassigns;
			struct word **words;
			size_t nwords;
		} simple;
		struct {
			struct node **cmds;
			size_t ncmds;
			bool bang;
		} pipeline;
		struct {
			struct node *left;
			struct node *right;
		} andor;
		struct {
			struct list_item *items;
			size_t nitems;
		} list;
		struct {
			struct node *body;
		} group;	/* SUBSHELL and GROUP */
		struct {
			struct node *cond;
			struct node *then_part;
			struct node *else_part;	/* NULL, or an IF for elif */
		} if_;
		struct {
			struct node *cond;
			struct node *body;
		} loop;		/* WHILE and UNTIL */
		struct {
			char *var;
			bool has_in;	/* false: iterate over "$@" */
			struct word **words;
			size_t nwords;
			struct node *body;
		} for_;
		struct {
			struct word *word;
			struct case_item *items;
			size_t nitems;
		} case_;
		struct {
			char *name;
			struct node *body;	/* a compound command node */
		} funcdef;
	};
};

/*
 * Writes node as shell source to the buffer (for `set -x`-like traces,
 * the job table's command text, and the parser's round-trip tests).
 */
struct buf;
void ast_print(struct buf *out, const struct node *n);
void ast_print_word(struct buf *out, const struct word *w);

#endif
