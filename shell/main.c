/*
 * main.c - hersh: options, login mode, startup files, and the main
 * read-parse-run loop.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/io.h>
#include <hersh/xalloc.h>

#include "alias.h"
#include "arena.h"
#include "edit.h"
#include "exec.h"
#include "expand.h"
#include "input.h"
#include "jobs.h"
#include "path.h"
#include "shell.h"
#include "suggest.h"
#include "trap.h"
#include "var.h"

#ifndef HERSH_VERSION
#define HERSH_VERSION "0.1.0"
#endif

extern char **environ;

int set_parse_options(struct shell *sh, int argc, char **argv, bool *dashdash);

static const char usage_text[] =
	"usage: hersh [-abCefhimnuvx] [-o option] [-l] [-c string [name [arg...]]]\n"
	"       hersh [options] [script [arg...]]\n"
	"       hersh [options] -s [arg...]\n"
	"       hersh --help | --version\n"
	"\n"
	"hersh is a POSIX shell with a companion.  With -c it runs STRING;\n"
	"with a script operand it runs the file; otherwise it reads commands\n"
	"from standard input, interactively when that is a terminal.\n"
	"  -c STRING  run STRING; NAME becomes $0, ARGs $1...\n"
	"  -s         read commands from standard input; operands are $1...\n"
	"  -i         interactive         -l  login shell (read profiles)\n"
	"  -abCefhmnuvx, -o NAME          set options, as the set builtin\n"
	"See hersh(1).\n";

/* Command-line state that is not shell state. */
struct invocation {
	const char *command;	/* -c STRING */
	const char *script;	/* script operand */
	bool opt_c;
	bool opt_s;
	bool opt_i;
	bool opt_l;
};

static struct shell *shell_new(void)
{
	struct shell *sh = xcalloc(1, sizeof(*sh));

	sh->vars = var_table_new();
	sh->funcs = func_table_new();
	sh->aliases = alias_table_new();
	sh->jobs = jobs_table_new();
	sh->pid = getpid();
	sh->argv = xcalloc(1, sizeof(char *));
	sh->lineno = 0;
	return sh;
}

/* Frees the long-lived tables (so valgrind reports real leaks only). */
static void shell_free(void)
{
	struct shell *sh = shell_main;
	int i;

	if (sh == NULL) {
		return;
	}
	var_table_free(sh->vars);
	func_table_free(sh->funcs);
	alias_table_free(sh->aliases);
	jobs_table_free(sh->jobs);
	for (i = 0; i < sh->argc; i++) {
		free(sh->argv[i]);
	}
	free(sh->argv);
	for (i = 0; i < NSIG; i++) {
		free(sh->traps[i]);
	}
	free(sh->arg0);
	free(sh);
	shell_main = NULL;
	path_hash_clear();
	arena_release_all();
}

/* PWD from the environment if it names the current directory, else
 * the physical current directory (XCU 2.5.3). */
static void init_pwd(struct shell *sh)
{
	const char *pwd = var_get(sh, "PWD");
	struct stat a, b;
	char *cwd;

	if (pwd != NULL && pwd[0] == '/' && stat(pwd, &a) == 0 &&
	    stat(".", &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino &&
	    strstr(pwd, "/./") == NULL && strstr(pwd, "/../") == NULL) {
		return;
	}
	cwd = getcwd(NULL, 0);
	if (cwd != NULL) {
		var_set(sh, "PWD", cwd, 0);
		free(cwd);
	}
}

static void init_vars(struct shell *sh)
{
	char buf[32];

	var_import_environ(sh, environ);
	var_set(sh, "IFS", " \t\n", 0);
	if (var_get(sh, "PS2") == NULL) {
		var_set(sh, "PS2", "> ", 0);
	}
	if (var_get(sh, "PS4") == NULL) {
		var_set(sh, "PS4", "+ ", 0);
	}
	snprintf(buf, sizeof(buf), "%d", (int)getppid());
	var_set(sh, "PPID", buf, 0);
	var_set(sh, "OPTIND", "1", 0);
	init_pwd(sh);
}

static void set_positional(struct shell *sh, int argc, char **argv)
{
	int i;

	free(sh->argv);
	sh->argc = argc;
	sh->argv = xcalloc((size_t)argc + 1, sizeof(char *));
	for (i = 0; i < argc; i++) {
		sh->argv[i] = xstrdup(argv[i]);
	}
}

/*
 * Parses the command line.  Options are the set options plus -c, -s, -i,
 * -l.  Returns the index of the first operand.
 */
static int parse_args(struct shell *sh, struct invocation *inv, int argc,
		      char **argv)
{
	int i, j, k;
	char *p, **set_argv;
	bool dashdash, on;

	for (i = 1; i < argc; i++) {
		p = argv[i];
		if (strcmp(p, "--") == 0) {
			return i + 1;
		}
		if ((p[0] != '-' && p[0] != '+') || p[1] == '\0') {
			if (strcmp(p, "-") == 0) {
				return i + 1;
			}
			break;
		}
		on = p[0] == '-';
		for (j = 1; p[j]; j++) {
			switch (p[j]) {
			case 'c':
				inv->opt_c = on;
				continue;
			case 's':
				inv->opt_s = on;
				continue;
			case 'i':
				inv->opt_i = on;
				continue;
			case 'l':
				inv->opt_l = on;
				continue;
			default:
				break;
			}
			/* hand the rest of this word (and -o NAME) to set */
			set_argv = xcalloc(4, sizeof(char *));
			set_argv[0] = "hersh";
			set_argv[1] = xasprintf("%c%c", p[0], p[j]);
			k = 2;
			if (p[j] == 'o' && i + 1 < argc) {
				set_argv[k++] = argv[++i];
			}
			if (set_parse_options(sh, k, set_argv, &dashdash) < 0) {
				fputs(usage_text, stderr);
				exit(2);
			}
			free(set_argv[1]);
			free(set_argv);
			if (p[j] == 'o') {
				break;
			}
		}
	}
	return i;
}

static void source_if_exists(struct shell *sh, const char *path)
{
	if (path != NULL && access(path, R_OK) == 0) {
		exec_dot_file(sh, path);
		sh->unwind = UNWIND_NONE;
	}
}

static void startup_files(struct shell *sh)
{
	const char *home = var_get(sh, "HOME"), *env, *cfg;
	char *path;

	if (sh->login) {
		source_if_exists(sh, "/etc/profile");
		if (home != NULL) {
			path = xasprintf("%s/.profile", home);
			source_if_exists(sh, path);
			free(path);
		}
	}
	if (!sh->interactive) {
		return;
	}
	env = var_get(sh, "ENV");
	if (env != NULL && getuid() == geteuid()) {
		struct arena_mark mark;
		char *file;

		arena_mark(&mark);
		file = expand_prompt(sh, env);
		if (file != NULL && file[0] != '\0') {
			source_if_exists(sh, file);
		}
		arena_pop(&mark);
	}
	cfg = var_get(sh, "XDG_CONFIG_HOME");
	if (cfg != NULL && cfg[0] == '/') {
		path = xasprintf("%s/hersh/hershrc", cfg);
	} else if (home != NULL) {
		path = xasprintf("%s/.config/hersh/hershrc", home);
	} else {
		return;
	}
	source_if_exists(sh, path);
	free(path);
}

/* Opens the script operand; exits 127/126 as dash does when it can't. */
static struct input *open_script(struct shell *sh, const char *script)
{
	struct stat st;
	int fd;

	fd = open(script, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		sh_error(sh, "cannot open %s: %s", script, strerror(errno));
		exit(errno == ENOENT || errno == ENOTDIR ? 127 : 126);
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		sh_error(sh, "cannot open %s: Is a directory", script);
		exit(126);
	}
	fd = io_move_high(fd);
	return input_new_fd(fd, true);
}

int main(int argc, char **argv)
{
	struct invocation inv = { 0 };
	struct shell *sh;
	struct input *in;
	int first;

	setlocale(LC_CTYPE, "");
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("hersh %s\n", HERSH_VERSION);
		return 0;
	}
	sh = shell_main = shell_new();
	atexit(shell_free);
	sh->arg0 = xstrdup(argc > 0 ? argv[0] : "hersh");
	init_vars(sh);
	first = parse_args(sh, &inv, argc, argv);
	sh->login = inv.opt_l || (argv[0] && argv[0][0] == '-');
	if (inv.opt_c) {
		if (first >= argc) {
			sh_warn(sh, "-c requires an argument");
			return 2;
		}
		inv.command = argv[first++];
		if (first < argc) {
			free(sh->arg0);
			sh->arg0 = xstrdup(argv[first++]);
		}
	} else if (!inv.opt_s && first < argc) {
		inv.script = argv[first++];
		free(sh->arg0);
		sh->arg0 = xstrdup(inv.script);
	}
	set_positional(sh, argc - first, argv + first);
	sh->interactive = inv.opt_i || (!inv.opt_c && inv.script == NULL &&
					 isatty(0) && isatty(2));
	if (sh->interactive) {
		sh->options |= OPT_INTERACTIVE | OPT_MONITOR;
	}
	if (inv.opt_s || (!inv.opt_c && inv.script == NULL)) {
		sh->options |= OPT_STDIN;
	}
	if (var_get(sh, "PS1") == NULL) {
		/* a default that shows where you are; startup files and the
		 * environment win */
		var_set(sh, "PS1", sh->interactive ? "\\u@\\h:\\w\\$ "
			: (geteuid() == 0 ? "# " : "$ "), 0);
	}
	trap_init(sh);
	if (sh->interactive && (sh->options & OPT_MONITOR) &&
	    jobs_control_init(sh) < 0) {
		sh->options &= ~OPT_MONITOR;
	}
	startup_files(sh);
	if (inv.command != NULL) {
		in = input_new_string(inv.command, strlen(inv.command));
	} else if (inv.script != NULL) {
		in = open_script(sh, inv.script);
	} else if (sh->interactive && isatty(0)) {
		edit_init(sh);
		in = input_new_editor(sh);
		/* suggestions hooks: first-run introduction; a login shell
		 * asks for its greeting (shown at a prompt, never here) */
		suggest_intro(sh);
		if (sh->login) {
			suggest_login(sh);
		}
	} else {
		in = input_new_fd(0, false);
		if (sh->interactive) {
			input_set_prompts(in, sh);
		}
	}
	sh->lineno = 1;
	exec_input(sh, in, true);
	input_free(in);
	if (sh->interactive) {
		edit_finish(sh);
		if (!sh->subshell) {
			jobs_hangup_all(sh);
		}
	}
	sh_exit(sh, sh->status);
}
