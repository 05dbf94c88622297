/*
 * howto.h - answering "how do I ..." from the man-page index (docs.h).
 *
 * The question's content words, widened by a synonym table of everyday
 * wording to man-page wording ("hidden" -> "starting with .", "bigger"
 * -> "size", "lines" -> "newline"), are searched in the page summaries
 * and the option entries (FTS5, BM25).  Each candidate page is then
 * scored: its BM25 rank, its best option (the idf of the question's words
 * it contains, by stem), a boost when the user already runs the command,
 * one for base-system tools and one when the question names the command.
 * The answer gives the command, the option and the page it comes from:
 * "`ls -a` (--all): do not ignore entries starting with . -- ls(1)".
 */
#ifndef HERSH_HOWTO_H
#define HERSH_HOWTO_H

#include <hersh/buf.h>

struct nlu;
struct store;
struct vocab;

/*
 * Appends the answer to q to out.  Returns 0 when it found a command,
 * 1 when it could not (out then says so).
 */
int howto_answer(struct store *st, struct nlu *q, const struct vocab *v,
		 struct buf *out);

#endif
