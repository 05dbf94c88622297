/*
 * ask.h - answering a question typed at the prompt (`ask WORDS...`).
 *
 * The server hands every ASK to ask_answer() and sends back what it
 * wrote.  The engine reads the memory through store.h only (add the
 * queries it needs to store.c, which holds all SQL) and writes plain text:
 * the shell strips control characters and escape sequences anyway.
 *
 * Conventions the answers follow are those of ../shared/bench/ask/README.md
 * ("Conventions the expected answers follow"): times are local wall-clock
 * seconds (clock.h), today/yesterday are calendar days, weeks start on
 * Monday, and questions the memory cannot answer get an honest "I don't
 * know" kind of answer.
 */
#ifndef HERSH_ASK_H
#define HERSH_ASK_H

#include <stdint.h>
#include <time.h>

#include <hersh/buf.h>

struct store;

/* Return values of ask_answer(), also the exit status of `ask`. */
enum ask_result {
	ASK_ANSWERED = 0,	/* out holds the answer */
	ASK_NOT_UNDERSTOOD = 1,	/* out holds an honest "don't know" */
};

/*
 * Answers question (UTF-8 text, the words of `ask` joined by spaces; may
 * be empty or hostile) as of now (local wall-clock seconds, clock.h:
 * HERSH_NOW when the shell had it set).  Appends the answer, one or more
 * lines without a final newline, to out.  May write to the store (e.g.
 * "call me Theo" sets the persona's "user").  Returns enum ask_result;
 * never fails on any input.
 */
int ask_answer(struct store *st, const char *question, time_t now,
	       struct buf *out);

struct loop;

/*
 * Prepares the engine at daemon setup, before the sandbox is applied:
 * grants (sandbox_add_path) read access to what it reads later -- the
 * man directories and Debian's package lists (docs.h) and /proc
 * (sysinfo.h) -- and starts indexing the man pages in background slices
 * on l.  Returns 0, or -1 when the index cannot start (questions are
 * still answered).
 */
int ask_start(struct loop *l, struct store *st);
/* Stops the background work and frees the engine's caches. */
void ask_stop(void);

#endif
