/*
 * edit.c - GNU readline glue: prompt, history file, editing mode, signals.
 * The only file (with complete.c) that includes readline's headers.
 *
 * History is kept in memory by readline and appended to $HISTFILE one
 * line at a time as lines are accepted (under an flock), so several
 * terminals add to one file without overwriting each other; the file is
 * trimmed to $HISTFILESIZE when a shell starts.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include <hersh/io.h>
#include <hersh/xalloc.h>

#include "arena.h"
#include "complete.h"
#include "edit.h"
#include "jobs.h"
#include "prompt.h"
#include "shell.h"
#include "suggest.h"
#include "trap.h"
#include "var.h"

#define EDIT_DEFAULT_HISTSIZE 1000

static struct shell *edit_shell;
static char *history_path;	/* where history is appended */
static unsigned applied_mode;	/* OPT_VI / OPT_EMACS last given to rl */
static bool interrupted;	/* Ctrl-C while reading */
static const struct edit_async *async_source;	/* a late note, maybe */

void edit_set_async(const struct edit_async *a)
{
	async_source = a;
}

/* Prints what the async source has, above the line being edited. */
static void show_async(void)
{
	char *text = async_source->take(edit_shell);

	if (text == NULL) {
		return;
	}
	rl_clear_visible_line();
	fflush(rl_outstream);	/* before the note, which goes to fd 2 */
	async_source->show(edit_shell, text);
	rl_forced_update_display();
	free(text);
}

/* The history file: $HISTFILE, else $XDG_DATA_HOME/hersh/history. */
static char *history_file(struct shell *sh)
{
	const char *h = var_get(sh, "HISTFILE"), *data, *home;
	char *dir, *file;

	if (h != NULL) {
		return h[0] ? xstrdup(h) : NULL;
	}
	data = var_get(sh, "XDG_DATA_HOME");
	home = var_get(sh, "HOME");
	if (data != NULL && data[0] == '/') {
		dir = xasprintf("%s/hersh", data);
	} else if (home != NULL) {
		dir = xasprintf("%s/.local/share", home);
		mkdir(dir, 0700);
		free(dir);
		dir = xasprintf("%s/.local/share/hersh", home);
	} else {
		return NULL;
	}
	mkdir(dir, 0700);
	file = xasprintf("%s/history", dir);
	free(dir);
	return file;
}

static long number_var(struct shell *sh, const char *name, long dflt)
{
	const char *v = var_get(sh, name);
	char *end;
	long n;

	if (v == NULL || *v == '\0') {
		return dflt;
	}
	n = strtol(v, &end, 10);
	return *end == '\0' && n >= 0 ? n : dflt;
}

/* Appends one accepted line to the history file, under a lock. */
static void history_append(const char *line)
{
	size_t len = strlen(line);
	int fd;

	if (history_path == NULL) {
		return;
	}
	fd = open(history_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
		  0600);
	if (fd < 0) {
		return;
	}
	if (flock(fd, LOCK_EX) == 0) {
		(void)io_write_all(fd, line, len);
		(void)io_write_all(fd, "\n", 1);
		flock(fd, LOCK_UN);
	}
	close(fd);
}

static void history_load(struct shell *sh)
{
	long size = number_var(sh, "HISTSIZE", EDIT_DEFAULT_HISTSIZE);
	long filesize = number_var(sh, "HISTFILESIZE", size > 0 ? size : 0);
	int fd;

	stifle_history((int)size);
	history_path = history_file(sh);
	if (history_path == NULL) {
		return;
	}
	fd = open(history_path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (flock(fd, LOCK_EX) == 0) {
			history_truncate_file(history_path, (int)filesize);
			read_history(history_path);
			flock(fd, LOCK_UN);
		}
		close(fd);
	}
}

/*
 * Handles the signals that arrived while reading.  Returns a character
 * for readline ('\n' to end a line Ctrl-C discarded), or -1 to read on.
 */
static int handle_signals(void)
{
	if (trap_got_sigchld) {
		/* set -b: report finished jobs now, then redraw */
		trap_got_sigchld = 0;
		rl_clear_visible_line();
		fflush(rl_outstream);
		jobs_notify(edit_shell);
		rl_forced_update_display();
	}
	if (trap_got_sighup) {
		rl_free_line_state();
		rl_cleanup_after_signal();
		trap_run_pending(edit_shell);
	}
	if (trap_got_sigint) {
		trap_got_sigint = 0;
		interrupted = true;
		rl_echo_signal_char(SIGINT);
		rl_replace_line("", 0);
		rl_point = rl_end = 0;
		rl_done = 1;
		return '\n';
	}
	return -1;
}

/*
 * Reads one character for readline.  The signals the editor reacts to
 * (Ctrl-C, hang-up, set -b's SIGCHLD) are blocked except inside ppoll(),
 * so one that arrives at any moment interrupts the wait: none can slip in
 * between checking the flags and blocking in read().
 */
static int getc_hook(FILE *f)
{
	struct pollfd pfd[2] = { { fileno(f), POLLIN, 0 }, { -1, POLLIN, 0 } };
	struct timespec wait;
	sigset_t block, old;
	unsigned char c;
	int r, ch, idle;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);
	for (;;) {
		ch = handle_signals();
		if (ch >= 0) {
			break;
		}
		if (async_source != NULL && async_source->ready()) {
			show_async();
		}
		pfd[1].fd = async_source ? async_source->fd() : -1;
		pfd[1].revents = 0;
		idle = async_source ? async_source->idle_ms() : -1;
		wait.tv_sec = idle / 1000;
		wait.tv_nsec = idle % 1000 * 1000000L;
		r = ppoll(pfd, pfd[1].fd >= 0 ? 2 : 1, idle >= 0 ? &wait : NULL,
			  &old);
		if (r < 0 && errno == EINTR) {
			continue;
		}
		if (r < 0) {
			ch = EOF;
			break;
		}
		if (r == 0) {
			async_source->idle();	/* the user paused */
			continue;
		}
		if (pfd[1].fd >= 0 && pfd[1].revents != 0) {
			show_async();
			if (!(pfd[0].revents & (POLLIN | POLLHUP | POLLERR))) {
				continue;
			}
		}
		r = (int)read(fileno(f), &c, 1);
		if (r == 1) {
			ch = c;
			break;
		}
		if (r == 0 || errno != EINTR) {
			ch = EOF;
			break;
		}
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return ch;
}

/* Gives readline the editing mode set with set -o vi / emacs. */
static void apply_mode(struct shell *sh)
{
	unsigned mode = sh->options & (OPT_VI | OPT_EMACS);

	if (mode == applied_mode || mode == 0) {
		return;
	}
	rl_variable_bind("editing-mode", mode == OPT_VI ? "vi" : "emacs");
	applied_mode = mode;
}

static bool plain_terminal(void)
{
	const char *term = getenv("TERM");

	return term == NULL || strcmp(term, "dumb") == 0 || !isatty(2);
}

/* ---- ghost text: the companion's suggestion hook (shell/suggest.h) ------
 * After readline draws the line, the likely rest of it is drawn dim after
 * the cursor and the cursor put back; Right arrow or Ctrl-F at the end of
 * the line puts it on the line (never runs it).  Only at the primary
 * prompt, on a colour terminal, and only what fits on the cursor's row. */

static bool ghost_ok;		/* reading at the primary prompt */
static bool ghost_drawn;	/* ghost text is on the screen */

/* Columns of the last row of s, skipping \001..\002 (invisible). */
static int ghost_width(const char *s)
{
	bool hidden = false;
	int w = 0;

	for (; s != NULL && *s != '\0'; s++) {
		if (*s == RL_PROMPT_START_IGNORE || *s == RL_PROMPT_END_IGNORE) {
			hidden = *s == RL_PROMPT_START_IGNORE;
		} else if (*s == '\n') {
			w = 0;
		} else if (!hidden && ((unsigned char)*s & 0xc0) != 0x80) {
			w++;
		}
	}
	return w;
}

/* More keys already typed (or pasted): the ghost would be gone at once. */
static bool input_pending(void)
{
	struct pollfd p = { fileno(rl_instream), POLLIN, 0 };

	return poll(&p, 1, 0) > 0;
}

static void ghost_redisplay(void)
{
	const char *g;
	int rows, cols, room, chars = 0;
	size_t n = 0;

	if (ghost_drawn) {
		fputs("\033[K", rl_outstream);	/* at the ghost's start */
		ghost_drawn = false;
	}
	rl_redisplay();
	if (!ghost_ok || rl_done || rl_point != rl_end || input_pending() ||
	    plain_terminal() ||
	    RL_ISSTATE(RL_STATE_ISEARCH | RL_STATE_NSEARCH |
		       RL_STATE_COMPLETING | RL_STATE_NUMERICARG) ||
	    (g = suggest_ghost(edit_shell, rl_line_buffer)) == NULL) {
		return;
	}
	rl_get_screen_size(&rows, &cols);
	if (cols <= 0) {
		return;
	}
	room = cols - 1 - (ghost_width(rl_display_prompt) +
			   ghost_width(rl_line_buffer)) % cols;
	while (g[n] != '\0' && (unsigned char)g[n] >= 0x20 &&
	       g[n] != 0x7f) {
		if (((unsigned char)g[n] & 0xc0) != 0x80) {
			if (chars == room) {
				break;
			}
			chars++;
		}
		n++;
	}
	if (chars == 0) {
		return;
	}
	fprintf(rl_outstream, "\033[2m%.*s\033[0m\033[%dD", (int)n, g, chars);
	fflush(rl_outstream);
	ghost_drawn = true;
}

/* hersh-accept-suggestion: the ghost text onto the line, else forward. */
static int ghost_accept(int count, int key)
{
	const char *g;

	if (ghost_ok && rl_point == rl_end &&
	    (g = suggest_ghost(edit_shell, rl_line_buffer)) != NULL &&
	    g[0] != '\0') {
		rl_insert_text(g);
		suggest_ghost_accepted();
		return 0;
	}
	return rl_forward_char(count, key);
}

static void ghost_init(void)
{
	static const char *const keys[] = { "\033[C", "\033OC", NULL };
	int i;

	rl_add_defun("hersh-accept-suggestion", ghost_accept, -1);
	for (i = 0; keys[i] != NULL; i++) {
		rl_bind_keyseq_in_map(keys[i], ghost_accept,
				      emacs_standard_keymap);
		rl_bind_keyseq_in_map(keys[i], ghost_accept,
				      vi_insertion_keymap);
	}
	rl_bind_keyseq_in_map("\006", ghost_accept, emacs_standard_keymap);
	rl_redisplay_function = ghost_redisplay;
}

/*
 * Readline's output: a buffered stream of its own on fd 2 (stderr is
 * unbuffered, and readline writes a prompt a character at a time, one
 * write(2) each); readline flushes it after every redisplay, as bash
 * line-buffers stderr for the same reason.  It is fd 2 itself, not a
 * copy, so `exec 2>file` moves the prompt as in other shells.
 */
static FILE *edit_stream(void)
{
	static char buf[4096];
	FILE *f = fdopen(STDERR_FILENO, "w");

	if (f == NULL) {
		return stderr;
	}
	setvbuf(f, buf, _IOFBF, sizeof(buf));
	return f;
}

void edit_init(struct shell *sh)
{
	edit_shell = sh;
	rl_readline_name = "hersh";
	rl_instream = stdin;
	rl_outstream = edit_stream();
	rl_catch_signals = 0;
	rl_catch_sigwinch = 1;
	rl_getc_function = getc_hook;
	if (plain_terminal()) {
		rl_variable_bind("enable-bracketed-paste", "off");
	}
	complete_init(sh);
	rl_initialize();
	ghost_init();		/* suggestions hook: ghost text */
	/* what ~/.inputrc chose becomes the shell's vi/emacs option */
	applied_mode = rl_editing_mode == 0 ? OPT_VI : OPT_EMACS;
	sh->options |= applied_mode;
	using_history();
	history_load(sh);
}

/* Is word one of the colon-separated words of list? */
static bool word_in(const char *list, const char *word)
{
	size_t n = strlen(word), len;
	const char *p, *colon;

	for (p = list;; p = colon + 1) {
		colon = strchr(p, ':');
		len = colon != NULL ? (size_t)(colon - p) : strlen(p);
		if (len == n && strncmp(p, word, n) == 0) {
			return true;
		}
		if (colon == NULL) {
			return false;
		}
	}
}

/*
 * Saves an accepted line, as bash's HISTCONTROL says: ignoredups (or
 * ignoreboth) skips a line equal to the one before, erasedups drops the
 * earlier copies from the list first.  Lines starting with a space are
 * never saved (ignorespace always holds: the companion does not record
 * them either).
 */
static void history_add(struct shell *sh, const char *line)
{
	const char *ctl = var_get(sh, "HISTCONTROL");
	HIST_ENTRY *h;
	int i;

	if (ctl != NULL && (word_in(ctl, "ignoredups") ||
			    word_in(ctl, "ignoreboth")) &&
	    history_length > 0 &&
	    (h = history_get(history_base + history_length - 1)) != NULL &&
	    strcmp(h->line, line) == 0) {
		return;
	}
	if (ctl != NULL && word_in(ctl, "erasedups")) {
		for (i = history_length - 1; i >= 0; i--) {
			h = history_get(history_base + i);
			if (h != NULL && strcmp(h->line, line) == 0 &&
			    (h = remove_history(i)) != NULL) {
				free_history_entry(h);
			}
		}
	}
	add_history(line);
	history_append(line);
}

char *edit_read_line(struct shell *sh, bool continuation)
{
	struct arena_mark mark;
	const char *ps;
	char *prompt, *line;

	apply_mode(sh);
	for (;;) {
		arena_mark(&mark);
		ps = var_get(sh, continuation ? "PS2" : "PS1");
		if (ps == NULL) {
			ps = "";
		}
		prompt = prompt_expand(sh, ps, true, plain_terminal());
		interrupted = false;
		if (sh->options & OPT_NOTIFY) {
			trap_watch_children(true);
		}
		ghost_ok = !continuation;	/* suggestions hook */
		ghost_drawn = false;
		line = readline(prompt);
		async_source = NULL;
		if (sh->options & OPT_NOTIFY) {
			trap_watch_children(false);
		}
		arena_pop(&mark);
		if (interrupted) {
			free(line);
			sh->status = 130;
			return xstrdup("\001");	/* see edit.h */
		}
		if (line != NULL || !(sh->options & OPT_IGNOREEOF) ||
		    continuation) {
			break;
		}
		fputs("Use \"exit\" to leave the shell.\n", stderr);
	}
	if (line != NULL && line[0] != '\0' && line[0] != ' ' &&
	    line[0] != '\t') {
		history_add(sh, line);
	}
	return line;
}

void edit_finish(struct shell *sh)
{
	free(history_path);
	history_path = NULL;
	clear_history();
}

int edit_history_base(void)
{
	return history_base;
}

int edit_history_length(void)
{
	return history_length;
}

const char *edit_history_get(int n)
{
	HIST_ENTRY *e = history_get(n);

	return e ? e->line : NULL;
}

void edit_history_clear(void)
{
	clear_history();
}

void edit_history_remove_last(void)
{
	HIST_ENTRY *e;

	if (history_length > 0) {
		e = remove_history(history_length - 1);
		if (e != NULL) {
			free_history_entry(e);
		}
	}
}

void edit_history_add(const char *line)
{
	add_history(line);
	history_append(line);
}
