/*
 * exec.c - the executor: walks the syntax tree (XCU 2.9).
 *
 * Control flow that crosses nodes (break, continue, return, exit and fatal
 * errors) is not done with longjmp: the builtin or the failing expansion
 * sets sh->unwind, and every loop here stops and returns as soon as it is
 * set.  The node that the unwinding is aimed at (a loop, a function call,
 * the top level) consumes it.  Everything a command allocates while it is
 * expanded and run lives in the expansion arena between a mark and a pop.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/io.h>
#include <hersh/xalloc.h>

#include "arena.h"
#include "ast.h"
#include "builtin.h"
#include "companion.h"
#include "edit.h"
#include "exec.h"
#include "expand.h"
#include "input.h"
#include "jobs.h"
#include "mailcheck.h"
#include "output.h"
#include "parse.h"
#include "path.h"
#include "redir.h"
#include "shell.h"
#include "suggest.h"
#include "trap.h"
#include "var.h"

/* nested evals, dot scripts, command substitutions and function calls */
#define EXEC_MAX_DEPTH 1000

struct func {
	char *name;
	struct node *body;
	struct pool *pool;	/* holds body */
	struct func *next;
};

#define FUNC_BUCKETS 64

struct func_table {
	struct func *buckets[FUNC_BUCKETS];
};

/* The pool of the tree being run, for function definitions. */
static struct pool *exec_pool;

static int exec_simple(struct shell *sh, struct node *n, int flags);

static unsigned func_slot(const char *s)
{
	unsigned h = 5381;

	while (*s) {
		h = h * 33 + (unsigned char)*s++;
	}
	return h % FUNC_BUCKETS;
}

struct func_table *func_table_new(void)
{
	return xcalloc(1, sizeof(struct func_table));
}

void func_table_free(struct func_table *t)
{
	struct func *f, *next;
	int i;

	if (t == NULL) {
		return;
	}
	for (i = 0; i < FUNC_BUCKETS; i++) {
		for (f = t->buckets[i]; f != NULL; f = next) {
			next = f->next;
			free(f->name);
			pool_unref(f->pool);
			free(f);
		}
	}
	free(t);
}

static struct func *func_find(struct shell *sh, const char *name)
{
	struct func *f;

	for (f = sh->funcs->buckets[func_slot(name)]; f; f = f->next) {
		if (strcmp(f->name, name) == 0) {
			return f;
		}
	}
	return NULL;
}

struct node *func_get(struct shell *sh, const char *name)
{
	struct func *f = func_find(sh, name);

	return f ? f->body : NULL;
}

void func_set(struct shell *sh, const char *name, struct node *body,
	      struct pool *pool)
{
	struct func *f = func_find(sh, name);

	if (f == NULL) {
		f = xcalloc(1, sizeof(*f));
		f->name = xstrdup(name);
		f->next = sh->funcs->buckets[func_slot(name)];
		sh->funcs->buckets[func_slot(name)] = f;
	} else {
		pool_unref(f->pool);
	}
	f->body = body;
	f->pool = pool ? pool_ref(pool) : NULL;
}

int func_unset(struct shell *sh, const char *name)
{
	struct func **pp, *f;

	for (pp = &sh->funcs->buckets[func_slot(name)]; (f = *pp) != NULL;
	     pp = &f->next) {
		if (strcmp(f->name, name) == 0) {
			*pp = f->next;
			free(f->name);
			pool_unref(f->pool);
			free(f);
			return 0;
		}
	}
	return -1;
}

void func_each(struct shell *sh, void (*fn)(const char *name, void *ctx),
	       void *ctx)
{
	struct func *f;
	int i;

	for (i = 0; i < FUNC_BUCKETS; i++) {
		for (f = sh->funcs->buckets[i]; f != NULL; f = f->next) {
			fn(f->name, ctx);
		}
	}
}

/* set -e (XCU 2.14 set): a failed command outside the exempt contexts
 * ends the shell. */
static void check_errexit(struct shell *sh, int status)
{
	if (status != 0 && (sh->options & OPT_ERREXIT) &&
	    sh->errexit_suppressed == 0 && sh->unwind == UNWIND_NONE) {
		sh->status = status;
		sh->unwind = UNWIND_EXIT;
		sh->unwind_count = 0;
	}
}

/* Is any trap set?  Then the shell must outlive its last command. */
static bool any_traps(struct shell *sh)
{
	int sig;

	for (sig = 0; sig < NSIG; sig++) {
		if (sh->traps[sig] != NULL && sh->traps[sig][0] != '\0') {
			return true;
		}
	}
	return false;
}

/* Leaves a child process: runs its EXIT trap and exits. */
static void child_exit(struct shell *sh, int status)
{
	sh_exit(sh, status);
}

/* Forks a subshell that is not a job of its own (command substitution).
 * Returns as fork(). */
static pid_t fork_plain(struct shell *sh)
{
	sigset_t old;
	pid_t pid;

	out_flush();
	trap_block(&old);
	pid = fork();
	if (pid == 0) {
		sh->subshell = true;
		trap_reset_for_subshell(sh);
		jobs_forget_all(sh);
		sh->options &= ~OPT_MONITOR;
	} else if (pid < 0) {
		sh_error(sh, "Cannot fork");
	}
	if (pid == 0) {
		trap_unblock(&old);
	} else {
		trap_unblock_forked(&old, pid);
	}
	return pid;
}

static char *job_text(struct shell *sh, struct node *n)
{
	struct buf b = BUF_INIT;
	char *s;

	if (!sh->interactive && !(sh->options & OPT_MONITOR)) {
		return NULL;
	}
	ast_print(&b, n);
	s = arena_strdup(buf_str(&b));
	buf_release(&b);
	return s;
}

static void xtrace(struct shell *sh, struct strvec *assigns, int argc,
		   char **argv)
{
	struct buf b = BUF_INIT;
	const char *ps4 = var_get(sh, "PS4");
	char *prefix;
	size_t i;
	int j;

	prefix = ps4 ? expand_prompt(sh, ps4) : NULL;
	buf_puts(&b, prefix ? prefix : (ps4 ? ps4 : "+ "));
	for (i = 0; assigns && i < assigns->n; i++) {
		buf_puts(&b, assigns->v[i]);
		buf_putc(&b, i + 1 < assigns->n || argc > 0 ? ' ' : '\n');
	}
	for (j = 0; j < argc; j++) {
		buf_puts(&b, argv[j]);
		buf_putc(&b, j + 1 < argc ? ' ' : '\n');
	}
	if (argc == 0 && (assigns == NULL || assigns->n == 0)) {
		buf_putc(&b, '\n');
	}
	out_flush();
	(void)io_write_all(2, b.data, b.len);
	buf_release(&b);
}

/* Runs a file that execve() refused as a shell script (no #!). */
static void exec_script(struct shell *sh, const char *path, char **argv,
			char **envp)
{
	char **nargv;
	int n = 0, i;

	while (argv[n] != NULL) {
		n++;
	}
	nargv = arena_alloc((size_t)(n + 2) * sizeof(*nargv));
	nargv[0] = "hersh";
	nargv[1] = (char *)path;
	for (i = 1; i <= n; i++) {
		nargv[i + 1] = argv[i];
	}
	execve("/proc/self/exe", nargv, envp);
	execve("/bin/sh", nargv, envp);
}

/* In a child: execs argv[0] (found at path).  Never returns. */
static void exec_external(struct shell *sh, const char *path, char **argv)
{
	char **envp = var_environ(sh);
	int err;

	trap_reset_for_exec(sh);
	execve(path, argv, envp);
	err = errno;
	if (err == ENOEXEC) {
		exec_script(sh, path, argv, envp);
		err = errno;
	}
	if (err == ENOENT || err == ENOTDIR) {
		sh_error(sh, "%s: not found", argv[0]);
		_exit(127);
	}
	sh_error(sh, "%s: %s", argv[0], strerror(err));
	_exit(126);
}

/*
 * Resolves argv[0] to a path for exec.  Returns the path (arena) or NULL
 * after printing the error; *status is then 127 or 126.
 */
static const char *resolve(struct shell *sh, const char *name, int *status)
{
	const char *path;
	bool noexec;

	if (strchr(name, '/') != NULL) {
		return name;
	}
	path = path_lookup(sh, name, NULL, &noexec);
	if (path == NULL) {
		if (noexec) {
			sh_error(sh, "%s: Permission denied", name);
			*status = 126;
		} else {
			sh_error(sh, "%s: not found", name);
			*status = 127;
			suggest_not_found(sh, name);	/* did you mean */
		}
		return NULL;
	}
	return arena_strdup(path);
}

static int run_builtin(struct shell *sh, const struct builtin *b, int argc,
		       char **argv)
{
	int status = b->fn(sh, argc, argv);

	if (out_flush() < 0 && status == 0) {
		sh_error(sh, "%s: I/O error", argv[0]);
		status = 1;
	}
	return status;
}

static int call_function(struct shell *sh, struct func *f, int argc,
			 char **argv)
{
	char **saved_argv = sh->argv;
	int saved_argc = sh->argc, saved_loops = sh->loop_depth, status, i;
	struct pool *saved_pool = exec_pool, *pool = pool_ref(f->pool);
	struct node *body = f->body;

	if (sh->func_depth >= EXEC_MAX_DEPTH * 10 ||
	    sh->eval_depth >= EXEC_MAX_DEPTH) {
		sh_error(sh, "%s: function nesting too deep", argv[0]);
		pool_unref(pool);
		sh_fatal(sh, 2);
		return 2;
	}
	sh->argc = argc - 1;
	sh->argv = xcalloc((size_t)argc, sizeof(char *));
	for (i = 1; i < argc; i++) {
		sh->argv[i - 1] = xstrdup(argv[i]);
	}
	sh->func_depth++;
	sh->loop_depth = 0;
	exec_pool = pool;
	var_scope_push(sh);
	status = exec_node(sh, body, 0);
	var_scope_pop(sh);
	exec_pool = saved_pool;
	sh->func_depth--;
	sh->loop_depth = saved_loops;
	if (sh->unwind == UNWIND_RETURN) {
		sh->unwind = UNWIND_NONE;
		status = sh->status;
	}
	for (i = 0; i < sh->argc; i++) {
		free(sh->argv[i]);
	}
	free(sh->argv);
	sh->argv = saved_argv;
	sh->argc = saved_argc;
	pool_unref(pool);
	return status;
}

/*
 * Expands and performs the NAME=value prefix of a simple command, left to
 * right, so a later value sees an earlier one (XCU 2.9.1 step 4).  local:
 * each variable is saved in the innermost scope first.  The "NAME=value"
 * strings are appended to trace for set -x.  0, or -1 on an expansion
 * error or a readonly variable.
 */
static int assign_each(struct shell *sh, struct node *n, int flags,
		       bool local, struct strvec *trace)
{
	struct assign *a;
	char *value;
	size_t i;

	for (i = 0; n != NULL && i < n->simple.nassigns; i++) {
		a = &n->simple.assigns[i];
		value = expand_string(sh, a->value, EXPAND_ASSIGN);
		if (value == NULL) {
			return -1;
		}
		if (local) {
			var_make_local(sh, a->name);
		}
		if (var_set(sh, a->name, value, flags) < 0) {
			return -1;
		}
		if (sh->options & OPT_XTRACE) {
			strvec_push(trace, arena_printf("%s=%s", a->name,
							value));
		}
	}
	return 0;
}

static size_t nassigns(struct node *n)
{
	return n ? n->simple.nassigns : 0;
}

/* A simple command with no command name: redirections, then the
 * assignments, in the current shell (XCU 2.9.1). */
static int exec_no_command(struct shell *sh, struct node *n)
{
	struct strvec trace = { NULL, 0, 0 };
	struct redir_save *save = NULL;
	int status = 0;

	if (n->redirs != NULL && redir_apply(sh, n->redirs, &save) < 0) {
		redir_restore(sh, save);
		return 2;
	}
	if (assign_each(sh, n, 0, false, &trace) < 0) {
		redir_restore(sh, save);
		if (sh->unwind == UNWIND_NONE) {
			sh_fatal(sh, 2);
		}
		return 2;
	}
	if (trace.n > 0) {
		xtrace(sh, &trace, 0, NULL);
	}
	redir_restore(sh, save);
	if (sh->cmdsub_ran) {
		status = sh->cmdsub_status;
	}
	return status;
}

/* A special builtin: its assignments persist, its errors are fatal
 * (XCU 2.8.1, 2.14) unless run through `command`. */
static int exec_special(struct shell *sh, struct node *n,
			const struct builtin *b, int argc, char **argv)
{
	struct strvec trace = { NULL, 0, 0 };
	struct redir_save *save = NULL;
	bool keep = b->fn == builtin_exec && argc == 1;
	int status;

	if (n && redir_apply(sh, n->redirs, keep ? NULL : &save) < 0) {
		redir_restore(sh, save);
		sh_fatal(sh, 2);
		return 2;
	}
	if (assign_each(sh, n, b->fn == builtin_exec ? VAR_EXPORT : 0, false,
			&trace) < 0) {
		redir_restore(sh, save);
		if (sh->unwind == UNWIND_NONE) {
			sh_fatal(sh, 2);
		}
		return 2;
	}
	if (sh->options & OPT_XTRACE) {
		xtrace(sh, &trace, argc, argv);
	}
	status = keep ? 0 : run_builtin(sh, b, argc, argv);
	redir_restore(sh, save);
	return status;
}

/* A function or a regular builtin: assignments last for the call only. */
static int exec_in_shell(struct shell *sh, struct node *n,
			 const struct builtin *b, struct func *f, int argc,
			 char **argv)
{
	struct strvec trace = { NULL, 0, 0 };
	struct redir_save *save = NULL;
	int status;

	if (nassigns(n) > 0) {
		var_scope_push(sh);
	}
	if (n && redir_apply(sh, n->redirs, &save) < 0) {
		status = 1;
	} else if (assign_each(sh, n, f ? VAR_EXPORT : 0, true, &trace) < 0) {
		status = 1;
	} else {
		if (sh->options & OPT_XTRACE) {
			xtrace(sh, &trace, argc, argv);
		}
		status = f ? call_function(sh, f, argc, argv)
			   : run_builtin(sh, b, argc, argv);
	}
	redir_restore(sh, save);
	if (nassigns(n) > 0) {
		var_scope_pop(sh);
	}
	return status;
}

/*
 * Runs an external command with no assignments and no redirections
 * through vfork (jobs_spawn): most commands of most scripts.  Returns the
 * status, or -1 when the file turned out not to be a binary (ENOEXEC) and
 * the caller must run it as a script.
 */
static int spawn_simple(struct shell *sh, struct node *n, const char *path,
			char **argv)
{
	struct job *job = jobs_new(sh, n ? job_text(sh, n) : NULL, false);
	int err, status;

	if (jobs_spawn(sh, job, path, argv, var_environ(sh), &err) < 0) {
		jobs_discard(sh, job);
		return 2;
	}
	status = jobs_wait_fg(sh, job);
	if (err == 0) {
		return status;
	}
	if (err == ENOEXEC) {
		return -1;
	}
	if (err == ENOENT || err == ENOTDIR) {
		path_hash_forget(argv[0]);
		sh_error(sh, "%s: not found", argv[0]);
		return 127;
	}
	sh_error(sh, "%s: %s", argv[0], strerror(err));
	return 126;
}

/*
 * An external command.  The child performs the redirections and the
 * assignments (exported to the command only), then execs.  Without
 * assignments the lookup happens here, so the hash table remembers it.
 */
static int exec_external_cmd(struct shell *sh, struct node *n, int argc,
			     char **argv, int flags)
{
	struct strvec trace = { NULL, 0, 0 };
	struct redir_save *save = NULL;
	const char *path = NULL;
	struct job *job = NULL;
	int status = 0;
	pid_t pid = 0;

	if (nassigns(n) == 0) {
		path = resolve(sh, argv[0], &status);
		if (path == NULL) {
			/* the redirections are still performed (and undone) */
			if (n && n->redirs) {
				redir_apply(sh, n->redirs, &save);
				redir_restore(sh, save);
			}
			return status;
		}
	}
	if (path != NULL && (n == NULL || n->redirs == NULL) &&
	    (!(flags & EXEC_LAST) || any_traps(sh))) {
		status = spawn_simple(sh, n, path, argv);
		if (status >= 0) {
			return status;
		}
		/* not a binary: run it as a script in a forked child */
	}
	if (!(flags & EXEC_LAST) || any_traps(sh)) {
		job = jobs_new(sh, n ? job_text(sh, n) : NULL, false);
		pid = jobs_fork(sh, job);
		if (pid < 0) {
			jobs_discard(sh, job);
			return 2;
		}
	}
	if (pid == 0) {
		if (assign_each(sh, n, VAR_EXPORT, false, &trace) < 0) {
			_exit(2);
		}
		if (sh->options & OPT_XTRACE) {
			xtrace(sh, &trace, argc, argv);
		}
		if (n && redir_apply(sh, n->redirs, NULL) < 0) {
			_exit(1);
		}
		if (path == NULL) {
			path = resolve(sh, argv[0], &status);
			if (path == NULL) {
				_exit(status);
			}
		}
		exec_external(sh, path, argv);
	}
	return jobs_wait_fg(sh, job);
}

static int exec_command(struct shell *sh, struct node *n, int argc,
			char **argv, int flags)
{
	const struct builtin *b = builtin_find(argv[0]);
	struct func *f = NULL;
	int status;

	if (b != NULL && (b->flags & BUILTIN_SPECIAL)) {
		if (!(flags & EXEC_NO_FUNCS)) {
			return exec_special(sh, n, b, argc, argv);
		}
		/* `command special`: not special any more */
		sh->fatal_suppressed++;
		status = exec_in_shell(sh, n, b, NULL, argc, argv);
		sh->fatal_suppressed--;
		return status;
	}
	if (!(flags & EXEC_NO_FUNCS)) {
		f = func_find(sh, argv[0]);
	}
	if (f != NULL || b != NULL) {
		return exec_in_shell(sh, n, b, f, argc, argv);
	}
	return exec_external_cmd(sh, n, argc, argv, flags);
}

/* Is w an unquoted literal that starts like NAME=? */
static bool looks_like_assignment(struct word *w)
{
	struct wpart *p = w->parts;
	size_t len;

	if (p == NULL || p->type != WP_LIT || p->quoted) {
		return false;
	}
	len = var_name_len(p->lit.text);
	return len > 0 && p->lit.text[len] == '=';
}

/* Does the command word name a declaration builtin (export, readonly,
 * local), written as a plain literal? */
static bool is_decl_command(struct word *w)
{
	const struct builtin *b;

	if (w->parts == NULL || w->parts->next != NULL ||
	    w->parts->type != WP_LIT || w->parts->quoted) {
		return false;
	}
	b = builtin_find(w->parts->lit.text);
	return b != NULL && (b->flags & BUILTIN_DECL);
}

/*
 * Expands the words of a simple command.  The NAME=value operands of
 * export, readonly and local expand like assignments (tilde after '=' and
 * ':', no field splitting or globbing), as dash and POSIX 2024 do.
 */
static int expand_args(struct shell *sh, struct node *n, struct strvec *args)
{
	struct word **w = n->simple.words;
	size_t i, nw = n->simple.nwords;
	char *s;

	if (nw == 0 || !is_decl_command(w[0])) {
		return expand_words(sh, w, nw, args);
	}
	for (i = 0; i < nw; i++) {
		if (i > 0 && looks_like_assignment(w[i])) {
			s = expand_string(sh, w[i], EXPAND_DECL);
			if (s == NULL) {
				return -1;
			}
			strvec_push(args, s);
		} else if (expand_words(sh, &w[i], 1, args) < 0) {
			return -1;
		}
	}
	return 0;
}

static int exec_simple(struct shell *sh, struct node *n, int flags)
{
	struct strvec args = { NULL, 0, 0 };
	struct arena_mark mark;
	int status;

	arena_mark(&mark);
	sh->lineno = n->lineno;
	sh->cmdsub_ran = false;
	if (expand_args(sh, n, &args) < 0) {
		arena_pop(&mark);
		if (sh->unwind == UNWIND_NONE) {
			sh_fatal(sh, 2);
		}
		return sh->status ? sh->status : 2;
	}
	if (args.n == 0) {
		status = exec_no_command(sh, n);
	} else {
		status = exec_command(sh, n, (int)args.n, args.v, flags);
	}
	arena_pop(&mark);
	check_errexit(sh, status);
	return status;
}

int exec_argv(struct shell *sh, int argc, char **argv, int flags)
{
	if (argc == 0) {
		return 0;
	}
	return exec_command(sh, NULL, argc, argv, flags);
}

static int exec_pipeline(struct shell *sh, struct node *n, int flags)
{
	struct job *job;
	int status, prev = -1, p[2] = { -1, -1 };
	size_t i, ncmds = n->pipeline.ncmds;
	pid_t pid;

	if (n->pipeline.bang) {
		sh->errexit_suppressed++;
	}
	if (ncmds == 1) {
		status = exec_node(sh, n->pipeline.cmds[0],
				   n->pipeline.bang ? flags & ~EXEC_LAST : flags);
		goto done;
	}
	job = jobs_new(sh, job_text(sh, n), false);
	for (i = 0; i < ncmds; i++) {
		if (i + 1 < ncmds && pipe2(p, O_CLOEXEC) < 0) {
			sh_error(sh, "Pipe call failed");
			status = 2;
			break;
		}
		pid = jobs_fork(sh, job);
		if (pid == 0) {
			if (prev >= 0) {
				dup2(prev, 0);
				close(prev);
			}
			if (i + 1 < ncmds) {
				close(p[0]);
				dup2(p[1], 1);
				close(p[1]);
			}
			child_exit(sh, exec_node(sh, n->pipeline.cmds[i],
						 EXEC_LAST));
		}
		if (prev >= 0) {
			close(prev);
		}
		if (i + 1 < ncmds) {
			close(p[1]);
			prev = p[0];
		}
		if (pid < 0) {
			if (i + 1 < ncmds) {
				close(prev);
			}
			break;
		}
	}
	status = jobs_wait_fg(sh, job);
done:
	if (n->pipeline.bang) {
		sh->errexit_suppressed--;
		status = !status;
	} else if (ncmds > 1) {
		check_errexit(sh, status);
	}
	return status;
}

static void exec_async(struct shell *sh, struct node *n)
{
	struct job *job = jobs_new(sh, job_text(sh, n), true);
	pid_t pid = jobs_fork(sh, job);

	if (pid == 0) {
		child_exit(sh, exec_node(sh, n, EXEC_LAST));
	}
	if (pid < 0) {
		jobs_discard(sh, job);
		return;
	}
	jobs_background(sh, job);
}

/* Consumes a break/continue aimed at this loop.  Returns true when the
 * loop must stop. */
static bool loop_unwind(struct shell *sh)
{
	if (sh->unwind == UNWIND_BREAK || sh->unwind == UNWIND_CONTINUE) {
		if (--sh->unwind_count > 0) {
			return true;
		}
		if (sh->unwind == UNWIND_BREAK) {
			sh->unwind = UNWIND_NONE;
			return true;
		}
		sh->unwind = UNWIND_NONE;
		return false;
	}
	return sh->unwind != UNWIND_NONE;
}

static int exec_loop(struct shell *sh, struct node *n)
{
	int status = 0, cond;

	sh->loop_depth++;
	for (;;) {
		sh->errexit_suppressed++;
		cond = exec_node(sh, n->loop.cond, 0);
		sh->errexit_suppressed--;
		if (sh->unwind != UNWIND_NONE) {
			if (loop_unwind(sh)) {
				break;
			}
			continue;
		}
		if ((cond == 0) != (n->type == NODE_WHILE)) {
			break;
		}
		status = exec_node(sh, n->loop.body, 0);
		if (sh->unwind != UNWIND_NONE && loop_unwind(sh)) {
			break;
		}
		trap_run_pending(sh);
		if (sh->unwind != UNWIND_NONE) {
			break;
		}
	}
	sh->loop_depth--;
	return status;
}

static int exec_for(struct shell *sh, struct node *n)
{
	struct strvec words = { NULL, 0, 0 };
	struct arena_mark mark;
	int status = 0;
	size_t i;

	arena_mark(&mark);
	sh->lineno = n->lineno;
	if (n->for_.has_in) {
		if (expand_words(sh, n->for_.words, n->for_.nwords, &words)
		    < 0) {
			arena_pop(&mark);
			return 2;
		}
	} else {
		for (i = 0; i < (size_t)sh->argc; i++) {
			strvec_push(&words, arena_strdup(sh->argv[i]));
		}
	}
	sh->loop_depth++;
	for (i = 0; i < words.n; i++) {
		if (var_set(sh, n->for_.var, words.v[i], 0) < 0) {
			sh_fatal(sh, 2);
			status = 2;
			break;
		}
		status = exec_node(sh, n->for_.body, 0);
		if (sh->unwind != UNWIND_NONE && loop_unwind(sh)) {
			break;
		}
		trap_run_pending(sh);
		if (sh->unwind != UNWIND_NONE) {
			break;
		}
	}
	sh->loop_depth--;
	arena_pop(&mark);
	return status;
}

static int exec_case(struct shell *sh, struct node *n, int flags)
{
	struct arena_mark mark;
	struct case_item *item;
	char *word, *pat;
	size_t i, j;

	arena_mark(&mark);
	sh->lineno = n->lineno;
	word = expand_string(sh, n->case_.word, 0);
	if (word == NULL) {
		arena_pop(&mark);
		return 2;
	}
	for (i = 0; i < n->case_.nitems; i++) {
		item = &n->case_.items[i];
		for (j = 0; j < item->npatterns; j++) {
			pat = expand_pattern(sh, item->patterns[j]);
			if (pat == NULL) {
				arena_pop(&mark);
				return 2;
			}
			if (pattern_match(pat, word)) {
				arena_pop(&mark);
				return exec_node(sh, item->body, flags);
			}
		}
	}
	arena_pop(&mark);
	return 0;
}

static int exec_subshell(struct shell *sh, struct node *n, int flags)
{
	struct job *job;
	pid_t pid;

	if ((flags & EXEC_LAST) && !any_traps(sh) && sh->subshell) {
		return exec_node(sh, n->group.body, EXEC_LAST);
	}
	job = jobs_new(sh, job_text(sh, n), false);
	pid = jobs_fork(sh, job);
	if (pid < 0) {
		jobs_discard(sh, job);
		return 2;
	}
	if (pid == 0) {
		child_exit(sh, exec_node(sh, n->group.body, EXEC_LAST));
	}
	return jobs_wait_fg(sh, job);
}

/* Compound commands with redirections: applied around the body. */
static int exec_compound(struct shell *sh, struct node *n, int flags)
{
	int status = 0, cond;

	switch (n->type) {
	case NODE_GROUP:
		return exec_node(sh, n->group.body, flags);
	case NODE_SUBSHELL:
		return exec_subshell(sh, n, flags);
	case NODE_IF:
		sh->errexit_suppressed++;
		cond = exec_node(sh, n->if_.cond, 0);
		sh->errexit_suppressed--;
		if (sh->unwind != UNWIND_NONE) {
			return cond;
		}
		if (cond == 0) {
			return exec_node(sh, n->if_.then_part, flags);
		}
		if (n->if_.else_part != NULL) {
			return exec_node(sh, n->if_.else_part, flags);
		}
		return 0;
	case NODE_WHILE:
	case NODE_UNTIL:
		return exec_loop(sh, n);
	case NODE_FOR:
		return exec_for(sh, n);
	case NODE_CASE:
		return exec_case(sh, n, flags);
	default:
		break;
	}
	return status;
}

static int exec_list(struct shell *sh, struct node *n, int flags)
{
	int status = sh->status;
	size_t i, last = n->list.nitems - 1;

	for (i = 0; i < n->list.nitems; i++) {
		if (n->list.items[i].async) {
			exec_async(sh, n->list.items[i].node);
			status = 0;
		} else {
			status = exec_node(sh, n->list.items[i].node,
					   i == last ? flags : flags & ~EXEC_LAST);
		}
		sh->status = status;
		if (sh->unwind != UNWIND_NONE) {
			break;
		}
		trap_run_pending(sh);
		if (sh->unwind != UNWIND_NONE) {
			break;
		}
	}
	return status;
}

static bool is_andor(const struct node *n)
{
	return n->type == NODE_AND || n->type == NODE_OR;
}

/*
 * An AND-OR list.  The parser nests it to the left ((a && b) || c), and a
 * long one is deep, so the left spine is walked in a loop rather than by
 * recursion.  set -e ignores every command but the last (XCU 2.14 set).
 */
static int exec_andor(struct shell *sh, struct node *n, int flags)
{
	struct arena_mark mark;
	struct node **spine, *p;
	size_t k = 0, i;
	int status;
	bool last;

	for (p = n; is_andor(p); p = p->andor.left) {
		k++;
	}
	arena_mark(&mark);
	spine = arena_alloc(k * sizeof(*spine));
	for (p = n, i = 0; is_andor(p); p = p->andor.left) {
		spine[i++] = p;
	}
	sh->errexit_suppressed++;
	status = exec_node(sh, p, 0);
	sh->errexit_suppressed--;
	for (i = k; i-- > 0 && sh->unwind == UNWIND_NONE;) {
		if ((status == 0) != (spine[i]->type == NODE_AND)) {
			continue;
		}
		last = i == 0;
		if (!last) {
			sh->errexit_suppressed++;
		}
		status = exec_node(sh, spine[i]->andor.right, last ? flags : 0);
		if (!last) {
			sh->errexit_suppressed--;
		}
	}
	arena_pop(&mark);
	return status;
}

int exec_node(struct shell *sh, struct node *n, int flags)
{
	struct redir_save *save = NULL;
	struct arena_mark mark;
	int status;

	if (n == NULL) {
		return sh->status = 0;
	}
	if ((sh->options & OPT_NOEXEC) && !sh->interactive) {
		return 0;
	}
	switch (n->type) {
	case NODE_SIMPLE:
		status = exec_simple(sh, n, flags);
		break;
	case NODE_PIPELINE:
		status = exec_pipeline(sh, n, flags);
		break;
	case NODE_AND:
	case NODE_OR:
		status = exec_andor(sh, n, flags);
		break;
	case NODE_LIST:
		status = exec_list(sh, n, flags);
		break;
	case NODE_FUNCDEF:
		func_set(sh, n->funcdef.name, n->funcdef.body, exec_pool);
		status = 0;
		break;
	default:
		if (n->redirs == NULL) {
			status = exec_compound(sh, n, flags);
			break;
		}
		arena_mark(&mark);
		if (n->type == NODE_SUBSHELL && (flags & EXEC_LAST)) {
			status = redir_apply(sh, n->redirs, NULL) < 0 ? 2 :
				 exec_compound(sh, n, flags);
		} else if (redir_apply(sh, n->redirs, &save) < 0) {
			status = 2;
			redir_restore(sh, save);
		} else {
			status = exec_compound(sh, n, flags & ~EXEC_LAST);
			redir_restore(sh, save);
		}
		arena_pop(&mark);
		break;
	}
	if (sh->unwind == UNWIND_EXIT || sh->unwind == UNWIND_RETURN) {
		/* exit/return (maybe from a trap) chose the status */
		status = sh->status;
	}
	sh->status = status;
	if (n->type == NODE_SUBSHELL) {
		check_errexit(sh, status);
	}
	return status;
}

int exec_cmdsub(struct shell *sh, struct node *body, char **out, size_t *len)
{
	struct buf b = BUF_INIT;
	char chunk[4096];
	int p[2], wstatus;
	ssize_t r;
	pid_t pid;

	sh->cmdsub_ran = true;
	if (body == NULL) {
		sh->cmdsub_status = 0;
		*out = arena_strdup("");
		*len = 0;
		return 0;
	}
	if (pipe2(p, O_CLOEXEC) < 0) {
		sh_error(sh, "Pipe call failed");
		return -1;
	}
	pid = fork_plain(sh);
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		if (p[1] != 1) {
			dup2(p[1], 1);
			close(p[1]);
		}
		child_exit(sh, exec_node(sh, body, EXEC_LAST));
	}
	close(p[1]);
	while ((r = io_read(p[0], chunk, sizeof(chunk))) > 0) {
		buf_append(&b, chunk, (size_t)r);
	}
	close(p[0]);
	while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
	}
	sh->cmdsub_status = jobs_status_code(wstatus);
	*len = b.len;
	*out = arena_strndup(buf_str(&b), b.len);
	buf_release(&b);
	return 0;
}

/* Handles the unwind state left when a unit of input ends.  Returns
 * true when the reading loop must stop. */
static bool input_unwind(struct shell *sh, bool toplevel)
{
	switch (sh->unwind) {
	case UNWIND_NONE:
		return false;
	case UNWIND_BREAK:
	case UNWIND_CONTINUE:
		if (toplevel) {
			sh->unwind = UNWIND_NONE;
			return false;
		}
		return true;
	case UNWIND_RETURN:
		if (toplevel && sh->func_depth == 0 && sh->dot_depth == 0) {
			/* return outside a function: like exit */
			sh->unwind = UNWIND_EXIT;
			sh->unwind_count = 0;
		}
		return true;
	case UNWIND_EXIT:
		if (sh->interactive && !sh->subshell && toplevel &&
		    sh->unwind_count < 0) {
			sh->unwind = UNWIND_NONE;
			sh->unwind_count = 0;
			return false;
		}
		return true;
	}
	return true;
}

/* Milliseconds on the monotonic clock. */
static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Shows what the companion has to say, just before the prompt: one line
 * on stderr, marked with its name, dim on a colour terminal.  Interactive
 * shells only (the caller checks).
 */
/* Prints one companion line on stderr: dim on a colour terminal. */
static void print_note(struct shell *sh, const char *note)
{
	const char *term = var_get(sh, "TERM");
	bool colour = var_get(sh, "NO_COLOR") == NULL && term != NULL &&
		      strcmp(term, "dumb") != 0 && isatty(2);

	err_printf(colour ? "\033[2m%s\033[0m\n" : "%s\n", note);
}

/*
 * The companion's note arriving while the editor waits (edit.h async):
 * what to print above the prompt, or NULL.
 */
static char *late_note(struct shell *sh)
{
	char *note = suggest_prompt_note(sh, companion_prompt_take(sh, 0));

	if (note != NULL && note[0] == '\0') {
		free(note);
		note = NULL;
	}
	return note;
}

static const struct edit_async note_source = {
	companion_note_fd, companion_note_ready, late_note, print_note,
	companion_idle_ms, companion_idle,
};

/*
 * How long the prompt may wait for the companion's note: 0 by default
 * (the note comes while the editor waits); $HERSH_PROMPT_WAIT_MS makes it
 * wait, up to 1 s, so tests can see notes in order.
 */
static int prompt_wait(struct shell *sh)
{
	const char *v = var_get(sh, "HERSH_PROMPT_WAIT_MS");
	long ms = v != NULL ? strtol(v, NULL, 10) : 0;

	return ms > 0 && ms <= 1000 ? (int)ms : 0;
}

/*
 * Before the prompt: the shell's own suggestion at once, and the
 * companion asked for its note without waiting for it -- the prompt is
 * never held up; a note that comes while the user is at the prompt is
 * printed above it by the editor.  Interactive shells only.
 */
static void show_note(struct shell *sh)
{
	int wait = prompt_wait(sh);
	char *note;

	if (!companion_enabled(sh)) {
		companion_flush();	/* a last command's end */
		return;
	}
	suggest_before_prompt(sh);
	/* asked now if the prompt waits for it (tests), else once the
	 * user pauses (the editor's idle hook) */
	companion_prompt_begin(sh, wait > 0);
	/* the note cannot be there yet unless waited for: it comes while
	 * the editor waits (note_source) */
	note = suggest_prompt_note(sh, wait > 0 ?
				   companion_prompt_take(sh, wait) : NULL);
	if (note == NULL) {
		edit_set_async(&note_source);
		return;
	}
	if (note[0] != '\0') {
		/* at most one suggestion per prompt */
		companion_prompt_cancel();
		print_note(sh, note);
	} else {
		edit_set_async(&note_source);
	}
	free(note);
}

/*
 * Runs one top-level command, telling the companion when it starts and
 * ends: commands typed at the prompt (their text as typed), and, when the
 * user turned recording on (HERSH_RECORD=1), those of other shells (their
 * text as parsed).
 */
static void exec_recorded(struct shell *sh, struct input *in,
			  struct node *n)
{
	const char *pwd = var_get(sh, "PWD");
	long long start = now_ms();
	bool on = companion_enabled(sh);
	struct buf b = BUF_INIT;
	size_t len;
	char *line;

	if (input_is_interactive(in)) {
		buf_puts(&b, input_transcript(in));
		len = b.len;
		if (len > 0 && b.data[len - 1] == '\n') {
			buf_truncate(&b, len - 1);
		}
	} else {
		ast_print(&b, n);
	}
	line = buf_steal(&b, NULL);

	if (on) {
		companion_command_start(sh, line, pwd ? pwd : "");
	}
	exec_node(sh, n, 0);
	if (on) {
		companion_command_end(sh, sh->status,
				      (long)(now_ms() - start));
	}
	if (on && input_is_interactive(in)) {
		/* suggestions hook: outcome of the last one, fixes */
		suggest_after_command(sh, line, sh->status);
	}
	free(line);
}

int exec_input(struct shell *sh, struct input *in, bool toplevel)
{
	struct parser *p = parser_new(sh, in);
	struct pool *pool, *saved_pool = exec_pool;
	struct node *n;
	enum parse_result r;
	bool ran = false;
	int flags;

	for (;;) {
		if (toplevel && sh->interactive) {
			jobs_notify(sh);
			mail_check(sh);
			show_note(sh);
			input_transcript_reset(in);
		}
		r = parser_next(p, &n, &pool);
		if (r == PARSE_EOF) {
			break;
		}
		if (r == PARSE_ERROR) {
			sh->status = 2;
			if (!sh->interactive || !toplevel) {
				sh->unwind = UNWIND_EXIT;
				sh->unwind_count = sh->interactive ? -1 : 0;
				break;
			}
			continue;
		}
		if (toplevel) {
			sh->cmd_serial++;
		}
		if (n != NULL && (!(sh->options & OPT_NOEXEC) ||
				  sh->interactive)) {
			flags = 0;
			if (toplevel && !sh->interactive && input_at_end(in)) {
				flags = EXEC_LAST;
			}
			exec_pool = pool;
			if (toplevel && (input_is_interactive(in) ||
					 companion_recording(sh))) {
				exec_recorded(sh, in, n);
			} else {
				exec_node(sh, n, flags);
			}
			exec_pool = saved_pool;
			ran = true;
		}
		pool_unref(pool);
		trap_run_pending(sh);
		if (input_unwind(sh, toplevel)) {
			break;
		}
	}
	parser_free(p);
	if (!ran && sh->unwind == UNWIND_NONE) {
		/* no commands: status 0 (eval '', an empty dot file) */
		sh->status = 0;
	}
	return sh->status;
}

int exec_string(struct shell *sh, const char *s, size_t len)
{
	struct input *in;
	unsigned verbose;
	int status;

	if (sh->eval_depth >= EXEC_MAX_DEPTH) {
		sh_error(sh, "eval: nesting too deep");
		sh_fatal(sh, 2);
		return 2;
	}
	sh->eval_depth++;
	in = input_new_string(s, len);
	/* set -v echoes what is read from files and standard input, not
	 * the strings of eval and traps (as dash does) */
	verbose = sh->options & OPT_VERBOSE;
	sh->options &= ~OPT_VERBOSE;
	status = exec_input(sh, in, false);
	if (verbose && !(sh->options & OPT_VERBOSE)) {
		sh->options |= OPT_VERBOSE;
	}
	input_free(in);
	sh->eval_depth--;
	return status;
}

int exec_dot_file(struct shell *sh, const char *path)
{
	struct input *in;
	int fd, status;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		sh_error(sh, ".: cannot open %s: %s", path, strerror(errno));
		sh_fatal(sh, 2);
		return 2;
	}
	fd = io_move_high(fd);
	if (sh->dot_depth >= EXEC_MAX_DEPTH) {
		close(fd);
		sh_error(sh, ".: nesting too deep");
		sh_fatal(sh, 2);
		return 2;
	}
	sh->dot_depth++;
	in = input_new_fd(fd, true);
	sh->status = 0;
	status = exec_input(sh, in, false);
	input_free(in);
	sh->dot_depth--;
	if (sh->unwind == UNWIND_RETURN) {
		/* a function called from the file would have consumed it */
		sh->unwind = UNWIND_NONE;
		status = sh->status;
	}
	return status;
}
