/*
 * redir.h - redirections (XCU 2.7), here-documents, and saving/restoring
 * the shell's own fds around builtins, functions and compound commands.
 */
#ifndef HERSH_REDIR_H
#define HERSH_REDIR_H

struct shell;
struct redir;
struct redir_save;

/*
 * Performs the redirections in order.  With save != NULL, every fd that
 * is changed is first duplicated (close-on-exec, >= 10) so that
 * redir_restore() can put it back; *save receives the record (arena).
 * Returns 0, or -1 after printing "hersh: LINE: cannot open FILE: ..."
 * (redirections done before the failure are still recorded in *save).
 */
int redir_apply(struct shell *sh, struct redir *r, struct redir_save **save);
/* Undoes the redirections recorded in save (NULL is a no-op). */
void redir_restore(struct shell *sh, struct redir_save *save);

#endif
