/*
 * suggest.c - the shell's own suggestions, the follow-up of every
 * suggestion shown, and the ghost text (see suggest.h).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/paths.h>
#include <hersh/proto.h>
#include <hersh/suggestion.h>
#include <hersh/xalloc.h>

#include "alias.h"
#include "builtin.h"
#include "companion.h"
#include "edit.h"
#include "exec.h"
#include "output.h"
#include "shell.h"
#include "suggest.h"
#include "var.h"

#define SG_NEXT_MAX 8		/* ghost candidates kept from a note */
#define SG_WINDOW 3		/* commands in which taking it counts */
#define SG_HISTORY_SCAN 5000	/* history entries searched for ghosts */
#define SG_CMDS_TTL 60		/* seconds a PATH listing is trusted */
#define SG_DISK_EVERY 600	/* seconds between disk checks */
#define SG_DISK_QUIET 3600	/* seconds between disk warnings */

#define BIT(k) (1u << (k))
/* What the shell may do before the daemon has said anything. */
#define SG_DEFAULT_ALLOWED (BIT(SUGGESTION_TYPO) | BIT(SUGGESTION_FIX) | \
			    BIT(SUGGESTION_CARE) | BIT(SUGGESTION_RECALL))

struct sg_track {
	int kind;		/* 0 = nothing followed */
	long id;		/* daemon id, or -kind */
	char *cmd;		/* the proposed command, or NULL */
	char *want;		/* first words that count, "a|b", or NULL */
	int left;		/* commands left in the window */
};

static struct {
	char name[128];		/* the companion's */
	unsigned allowed;	/* kinds the policy allows (bits) */
	char *notfound;		/* the command just not found */
	int pend_kind;		/* to show at the next prompt */
	char *pend_text;
	char *pend_cmd;
	char *ack;		/* a reply to show at the next prompt */
	bool local_now;		/* the shell shows its own at this prompt */
	struct sg_track track;	/* a suggestion waiting for its fate */
	char *empty_cmd;	/* ghost text on the empty line */
	char *next[SG_NEXT_MAX];	/* the daemon's likely next commands */
	int nnext;
	char *cache_line;	/* ghost cache: line -> full */
	char *cache_full;
	char *ghost_last;	/* the last ghost shown (full line) */
	bool ghost_taken;
	char **cmds;		/* PATH command names */
	size_t ncmds;
	char *cmds_path;	/* the PATH they came from */
	time_t cmds_time;
	time_t disk_checked;
	time_t disk_said;
} sg = { .name = "hersh", .allowed = SG_DEFAULT_ALLOWED };

/* git's own commands, for "git stauts" (git's hint goes to stderr). */
static const char *const sg_git[] = {
	"add", "am", "archive", "bisect", "blame", "branch", "bundle",
	"checkout", "cherry-pick", "clean", "clone", "commit", "config",
	"describe", "diff", "difftool", "fetch", "format-patch", "fsck", "gc",
	"grep", "help", "init", "log", "ls-files", "merge", "mergetool", "mv",
	"notes", "pull", "push", "range-diff", "rebase", "reflog", "remote",
	"reset", "restore", "revert", "rm", "shortlog", "show", "sparse-checkout",
	"stash", "status", "submodule", "switch", "tag", "worktree", NULL,
};

/* Package managers that need root to change the system. */
static const char *const sg_pkg[] = {
	"apt", "apt-get", "aptitude", "dpkg", "dnf", "yum", "zypper",
	"pacman", "apk", "snap", NULL,
};
static const char *const sg_pkg_verbs[] = {
	"install", "remove", "purge", "upgrade", "update", "full-upgrade",
	"dist-upgrade", "autoremove", "reinstall", "-i", "-r", "-S", "-Syu",
	"add", "del", "-P", NULL,
};

/* Lines that refuse the last suggestion. */
static const char *const sg_refusals[] = {
	"stop", "stop it", "no", "nope", "no more", "no more of these",
	"no more of those", "no more of that", "no thanks", "not now",
	"shut up", "go away", "stop suggesting", "stop that", "dont", NULL,
};

/* ---- small helpers ------------------------------------------------------ */

static bool sg_in(const char *const *list, const char *w)
{
	for (; *list != NULL; list++) {
		if (strcmp(*list, w) == 0) {
			return true;
		}
	}
	return false;
}

static void sg_set(char **slot, const char *s)
{
	free(*slot);
	*slot = s != NULL ? xstrdup(s) : NULL;
}

/* Is the companion on in this shell?  (interactive, not a subshell, not
 * HERSH_NO_COMPANION=1) */
static bool sg_on(struct shell *sh)
{
	return sh != NULL && sh->interactive && !sh->subshell &&
	       companion_enabled(sh);
}

static bool sg_allowed(int kind)
{
	return (sg.allowed & BIT(kind)) != 0;
}

/* The words of line split at blanks (no quoting: lines we understand
 * have none).  Returns the count; words point into buf. */
static int sg_words(const char *line, char *buf, size_t size, char **w,
		    int max)
{
	int n = 0;
	char *p;

	snprintf(buf, size, "%s", line);
	for (p = strtok(buf, " \t"); p != NULL && n < max;
	     p = strtok(NULL, " \t")) {
		w[n++] = p;
	}
	return n;
}

/* line lower-cased, punctuation dropped, blanks folded. */
static void sg_normal(const char *line, char *out, size_t size)
{
	size_t n = 0;
	bool space = false;

	for (; *line != '\0' && n + 1 < size; line++) {
		unsigned char c = (unsigned char)*line;

		if (isalnum(c)) {
			if (space && n > 0) {
				out[n++] = ' ';
			}
			space = false;
			out[n++] = (char)tolower(c);
		} else if (isspace(c)) {
			space = true;
		}
	}
	out[n] = '\0';
}

/* ---- keyboard-aware distance ---------------------------------------------- */

static const char *const sg_rows[] = {
	"1234567890-=", "qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./",
};

/* Whether a and b are neighbours on a QWERTY keyboard. */
static bool sg_near(char a, char b)
{
	int ra = -1, rb = -1, r;
	double xa = 0, xb = 0, dx;
	const char *p;

	a = (char)tolower((unsigned char)a);
	b = (char)tolower((unsigned char)b);
	for (r = 0; r < 4; r++) {
		if ((p = strchr(sg_rows[r], a)) != NULL && a != '\0') {
			ra = r;
			xa = (double)(p - sg_rows[r]) + r * 0.5;
		}
		if ((p = strchr(sg_rows[r], b)) != NULL && b != '\0') {
			rb = r;
			xb = (double)(p - sg_rows[r]) + r * 0.5;
		}
	}
	if (ra < 0 || rb < 0 || a == b) {
		return false;
	}
	dx = xa - xb;
	return abs(ra - rb) <= 1 && dx <= 1.0 && dx >= -1.0;
}

int suggest_distance(const char *a, const char *b, int max)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int *d, v, c;

	if (la > 64 || lb > 64) {
		return max + 1;
	}
	if ((la > lb ? la - lb : lb - la) * 2 > (size_t)max) {
		return max + 1;
	}
	d = xcalloc((la + 1) * (lb + 1), sizeof(*d));
#define D(x, y) d[(x) * (lb + 1) + (y)]
	for (i = 0; i <= la; i++) {
		D(i, 0) = (int)i * 2;
	}
	for (j = 0; j <= lb; j++) {
		D(0, j) = (int)j * 2;
	}
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			c = a[i - 1] == b[j - 1] ? 0 :
			    sg_near(a[i - 1], b[j - 1]) ? 1 : 2;
			v = D(i - 1, j - 1) + c;
			/* a doubled or dropped doubled letter costs half */
			if (D(i - 1, j) + (i >= 2 && a[i - 1] == a[i - 2] ?
					   1 : 2) < v) {
				v = D(i - 1, j) + (i >= 2 && a[i - 1] ==
						   a[i - 2] ? 1 : 2);
			}
			if (D(i, j - 1) + (j >= 2 && b[j - 1] == b[j - 2] ?
					   1 : 2) < v) {
				v = D(i, j - 1) + (j >= 2 && b[j - 1] ==
						   b[j - 2] ? 1 : 2);
			}
			if (i >= 2 && j >= 2 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && D(i - 2, j - 2) + 1 < v) {
				v = D(i - 2, j - 2) + 1;
			}
			D(i, j) = v;
		}
	}
	v = D(la, lb);
#undef D
	free(d);
	return v > max ? max + 1 : v;
}

/* The distance allowed for a word of len bytes (half steps). */
static int sg_budget(size_t len)
{
	return len <= 2 ? 1 : len <= 4 ? 2 : len <= 7 ? 3 : 4;
}

/* ---- candidates: PATH, builtins, functions, aliases, history ------------------ */

static void sg_cmds_free(void)
{
	size_t i;

	for (i = 0; i < sg.ncmds; i++) {
		free(sg.cmds[i]);
	}
	free(sg.cmds);
	sg.cmds = NULL;
	sg.ncmds = 0;
}

/* Lists the executables of PATH (cached for a minute per PATH value). */
static void sg_cmds_load(struct shell *sh)
{
	const char *path = var_get(sh, "PATH"), *p, *colon;
	size_t cap = 0, len;
	struct dirent *e;
	char dir[PATH_MAX];
	DIR *d;

	if (path == NULL) {
		path = "";
	}
	if (sg.cmds_path != NULL && strcmp(sg.cmds_path, path) == 0 &&
	    time(NULL) - sg.cmds_time < SG_CMDS_TTL) {
		return;
	}
	sg_cmds_free();
	sg_set(&sg.cmds_path, path);
	sg.cmds_time = time(NULL);
	for (p = path; *p != '\0'; p = colon + 1) {
		colon = strchr(p, ':');
		len = colon ? (size_t)(colon - p) : strlen(p);
		if (len > 0 && len < sizeof(dir)) {
			memcpy(dir, p, len);
			dir[len] = '\0';
			d = opendir(dir);
			while (d != NULL && (e = readdir(d)) != NULL) {
				if (e->d_name[0] == '.' ||
				    strlen(e->d_name) > 64) {
					continue;
				}
				if (sg.ncmds == cap) {
					cap = cap ? cap * 2 : 1024;
					sg.cmds = xrealloc(sg.cmds, cap *
							   sizeof(*sg.cmds));
				}
				sg.cmds[sg.ncmds++] = xstrdup(e->d_name);
			}
			if (d != NULL) {
				closedir(d);
			}
		}
		if (colon == NULL) {
			break;
		}
	}
}

struct sg_best {
	const char *word;
	int max;
	int dist;
	int freq;
	char *name;
	struct shell *sh;
};

/* How often the user typed name as a command (the last 1000 lines). */
static int sg_history_freq(const char *name)
{
	int base = edit_history_base(), n = edit_history_length(), i, f = 0;
	size_t len = strlen(name);
	const char *h;

	for (i = n > 1000 ? n - 1000 : 0; i < n; i++) {
		h = edit_history_get(base + i);
		if (h != NULL && strncmp(h, name, len) == 0 &&
		    (h[len] == ' ' || h[len] == '\0')) {
			f++;
		}
	}
	return f;
}

static void sg_consider(const char *name, void *arg)
{
	struct sg_best *b = arg;
	int d, f;

	if (strcmp(name, b->word) == 0 || name[0] == '\0') {
		return;
	}
	d = suggest_distance(b->word, name, b->max);
	if (d > b->max || d > b->dist) {
		return;
	}
	f = sg_history_freq(name);
	if (d == b->dist && (f < b->freq || (f == b->freq && b->name != NULL &&
					     strcmp(name, b->name) >= 0))) {
		return;
	}
	b->dist = d;
	b->freq = f;
	free(b->name);
	b->name = xstrdup(name);
}

static void sg_consider_alias(const char *name, const char *value, void *arg)
{
	(void)value;
	sg_consider(name, arg);
}

char *suggest_command_for(struct shell *sh, const char *word)
{
	struct sg_best b = { word, sg_budget(strlen(word)), INT_MAX, 0, NULL,
			     sh };
	int base = edit_history_base(), n = edit_history_length(), i;
	char first[65];
	const char *h;
	size_t k;

	if (word[0] == '\0' || strchr(word, '/') != NULL) {
		return NULL;
	}
	for (i = 0; i < builtin_count; i++) {
		sg_consider(builtin_table[i].name, &b);
	}
	func_each(sh, sg_consider, &b);
	alias_each(sh->aliases, sg_consider_alias, &b);
	sg_cmds_load(sh);
	for (k = 0; k < sg.ncmds; k++) {
		sg_consider(sg.cmds[k], &b);
	}
	for (i = n > 1000 ? n - 1000 : 0; i < n; i++) {
		h = edit_history_get(base + i);
		k = h != NULL ? strcspn(h, " \t") : 0;
		if (k > 0 && k < sizeof(first)) {
			memcpy(first, h, k);
			first[k] = '\0';
			if (strchr(first, '/') == NULL &&
			    strchr(first, '=') == NULL) {
				sg_consider(first, &b);
			}
		}
	}
	return b.name;
}

/* ---- fixes for failed commands ----------------------------------------------------- */

/* The entry of dir closest to name (directories only when dirs). */
static char *sg_closest_entry(const char *dir, const char *name, bool dirs)
{
	struct sg_best b = { name, sg_budget(strlen(name)) + 1, INT_MAX, 0,
			     NULL, NULL };
	char path[PATH_MAX];
	struct dirent *e;
	struct stat st;
	DIR *d = opendir(dir);
	int dist;

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' && name[0] != '.') {
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (dirs && (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))) {
			continue;
		}
		dist = strcasecmp(e->d_name, name) == 0 ? 0 :
		       suggest_distance(name, e->d_name, b.max);
		if (dist < b.dist || (dist == b.dist && b.name != NULL &&
				      strcmp(e->d_name, b.name) < 0)) {
			b.dist = dist;
			free(b.name);
			b.name = xstrdup(e->d_name);
		}
	}
	if (d != NULL) {
		closedir(d);
	}
	return b.dist <= b.max ? b.name : (free(b.name), NULL);
}

/*
 * cd into a directory that does not exist: fixes each missing component
 * with the closest directory where it should be.  arg as typed ("~/Dcs/x").
 */
static char *sg_fix_cd(struct shell *sh, const char *arg)
{
	const char *home = var_get(sh, "HOME"), *pwd = var_get(sh, "PWD");
	struct buf typed = BUF_INIT;
	char real[PATH_MAX], part[NAME_MAX + 1], *best;
	const char *s = arg;
	struct stat st;
	size_t n;
	bool changed = false;

	if (arg[0] == '~' && (arg[1] == '/' || arg[1] == '\0') && home) {
		snprintf(real, sizeof(real), "%s", home);
		buf_putc(&typed, '~');
		s = arg + 1;
	} else if (arg[0] == '/') {
		real[0] = '\0';
	} else {
		snprintf(real, sizeof(real), "%s", pwd ? pwd : ".");
	}
	while (*s != '\0') {
		while (*s == '/') {
			s++;
		}
		n = strcspn(s, "/");
		if (n == 0) {
			break;
		}
		if (n > NAME_MAX) {
			goto fail;
		}
		memcpy(part, s, n);
		part[n] = '\0';
		s += n;
		if ((typed.len > 0 || arg[0] == '/') &&
		    (typed.len == 0 || typed.data[typed.len - 1] != '/')) {
			buf_putc(&typed, '/');
		}
		if (strlen(real) + n + 2 >= sizeof(real)) {
			goto fail;
		}
		snprintf(real + strlen(real), sizeof(real) - strlen(real),
			 "/%s", part);
		if (stat(real, &st) == 0 && S_ISDIR(st.st_mode)) {
			buf_puts(&typed, part);
			continue;
		}
		*strrchr(real, '/') = '\0';
		best = sg_closest_entry(real[0] ? real : "/", part, true);
		if (best == NULL) {
			goto fail;
		}
		buf_puts(&typed, best);
		snprintf(real + strlen(real), sizeof(real) - strlen(real),
			 "/%s", best);
		free(best);
		changed = true;
	}
	if (!changed) {
		goto fail;
	}
	return buf_steal(&typed, NULL);
fail:
	buf_release(&typed);
	return NULL;
}

char *suggest_fix_for(struct shell *sh, const char *line, int status,
		      int *kind)
{
	char buf[1024], *w[16], *fix, *out = NULL;
	struct buf b = BUF_INIT;
	struct stat st;
	int n = sg_words(line, buf, sizeof(buf), w, 16), i;

	*kind = SUGGESTION_FIX;
	if (n == 0 || status == 0 || strpbrk(line, "|&;<>()$`\\\"'*?[") != NULL) {
		return NULL;
	}
	if (strcmp(w[0], "cd") == 0 && n == 2 && w[1][0] != '-') {
		fix = sg_fix_cd(sh, w[1]);
		if (fix != NULL) {
			buf_printf(&b, "cd %s", fix);
			free(fix);
			return buf_steal(&b, NULL);
		}
		return NULL;
	}
	if (status == 126 && strchr(w[0], '/') != NULL &&
	    stat(w[0], &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			buf_printf(&b, "cd %s", w[0]);
			return buf_steal(&b, NULL);
		}
		if (S_ISREG(st.st_mode) && access(w[0], X_OK) != 0) {
			buf_printf(&b, "chmod +x %s", w[0]);
			return buf_steal(&b, NULL);
		}
		return NULL;
	}
	if (sg_in(sg_pkg, w[0]) && n >= 2 && sg_in(sg_pkg_verbs, w[1]) &&
	    geteuid() != 0) {
		buf_printf(&b, "sudo %s", line);
		return buf_steal(&b, NULL);
	}
	if (strcmp(w[0], "git") == 0 && n >= 2 && w[1][0] != '-' &&
	    !sg_in(sg_git, w[1])) {
		struct sg_best best = { w[1], sg_budget(strlen(w[1])),
					INT_MAX, 0, NULL, sh };

		for (i = 0; sg_git[i] != NULL; i++) {
			sg_consider(sg_git[i], &best);
		}
		if (best.name != NULL) {
			buf_printf(&b, "git %s", best.name);
			for (i = 2; i < n; i++) {
				buf_printf(&b, " %s", w[i]);
			}
			free(best.name);
			out = buf_steal(&b, NULL);
		}
	}
	buf_release(&b);
	return out;
}

/* ---- following a suggestion up -------------------------------------------------------- */

static void sg_track_clear(void)
{
	free(sg.track.cmd);
	free(sg.track.want);
	memset(&sg.track, 0, sizeof(sg.track));
}

static void sg_track_start(int kind, long id, const char *cmd,
			   const char *want)
{
	sg_track_clear();
	sg.track.kind = kind;
	sg.track.id = id;
	sg.track.cmd = cmd && cmd[0] ? xstrdup(cmd) : NULL;
	sg.track.want = want && want[0] ? xstrdup(want) : NULL;
	sg.track.left = SG_WINDOW;
}

/* Whether line takes the tracked suggestion. */
static bool sg_takes(const char *line)
{
	char a[512], b[512], first[64];
	const char *w;
	size_t n;

	if (sg.track.cmd != NULL) {
		sg_normal(line, a, sizeof(a));
		sg_normal(sg.track.cmd, b, sizeof(b));
		if (strcmp(a, b) == 0) {
			return true;
		}
	}
	if (sg.track.want == NULL) {
		return false;
	}
	n = strcspn(line, " \t");
	if (n == 0 || n >= sizeof(first)) {
		return false;
	}
	memcpy(first, line, n);
	first[n] = '\0';
	for (w = sg.track.want; *w != '\0'; w += n + (w[n] == '|')) {
		n = strcspn(w, "|");
		if (n == strlen(first) && strncmp(w, first, n) == 0) {
			return true;
		}
		if (w[n] == '\0') {
			break;
		}
	}
	return false;
}

/* "NAME: ok, no more KIND suggestions", for the next prompt. */
static void sg_ack_muted(int kind)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s: ok, no more %s suggestions (`companion unmute "
		   "%s` brings them back)", sg.name,
		   suggestion_kind_name(kind), suggestion_kind_name(kind));
	free(sg.ack);
	sg.ack = buf_steal(&b, NULL);
}

/* Things said to the companion at the prompt that ran as a command not
 * found: refusals, "be quieter", "call me Theo".  true when handled. */
static bool sg_talk(struct shell *sh, const char *line)
{
	struct buf text = BUF_INIT, clean = BUF_INIT;
	char norm[256];
	const char *verb = NULL, *arg = NULL, *arg2 = NULL;
	int rc;

	sg_normal(line, norm, sizeof(norm));
	if (sg_in(sg_refusals, norm) && sg.track.kind != 0) {
		companion_feedback(sh, sg.track.id, PROTO_OUTCOME_DISMISSED);
		sg.allowed &= ~BIT(sg.track.kind);
		sg_ack_muted(sg.track.kind);
		sg_track_clear();
		return true;
	}
	if (strcmp(norm, "be quieter") == 0 || strcmp(norm, "be quiet") == 0 ||
	    strcmp(norm, "quieter") == 0 || strcmp(norm, "talk less") == 0) {
		verb = "quieter";
	} else if (strcmp(norm, "talk more") == 0 ||
		   strcmp(norm, "be chattier") == 0 ||
		   strcmp(norm, "speak up") == 0) {
		verb = "chattier";
	} else if (strncmp(line, "call me ", 8) == 0) {
		verb = "set";
		arg = "user";
		arg2 = line + 8;
	} else if (strncmp(line, "call yourself ", 14) == 0) {
		verb = "set";
		arg = "name";
		arg2 = line + 14;
	} else {
		return false;
	}
	rc = companion_control(sh, verb, arg, arg2, false, &text);
	if (rc == COMPANION_OK && arg != NULL) {
		if (strcmp(arg, "name") == 0) {
			snprintf(sg.name, sizeof(sg.name), "%s", arg2);
		}
		buf_reset(&text);
		buf_printf(&text, "%s: ok, %s", sg.name, strcmp(arg, "name") ?
			   "nice to meet you" : "that's my name now");
	}
	companion_sanitize(&clean, text.data ? text.data : "", text.len,
			   false);
	free(sg.ack);
	sg.ack = clean.len > 0 ? buf_steal(&clean, NULL) : NULL;
	buf_release(&clean);
	buf_release(&text);
	return true;
}

/* The suggestion for the next prompt: what the shell found itself. */
static void sg_pending(int kind, const char *text, const char *cmd)
{
	sg.pend_kind = kind;
	sg_set(&sg.pend_text, text);
	sg_set(&sg.pend_cmd, cmd);
}

static void sg_follow_up(struct shell *sh, const char *line, int status)
{
	/* the ghost text of this prompt: taken or not */
	if (sg.ghost_last != NULL) {
		companion_feedback(sh, -SUGGESTION_RECALL,
				   PROTO_OUTCOME_SHOWN);
		companion_feedback(sh, -SUGGESTION_RECALL,
				   strcmp(line, sg.ghost_last) == 0 ?
				   PROTO_OUTCOME_TAKEN :
				   PROTO_OUTCOME_IGNORED);
	}
	if (sg.track.kind == 0) {
		return;
	}
	if (sg_takes(line)) {
		companion_feedback(sh, sg.track.id, PROTO_OUTCOME_TAKEN);
		sg_track_clear();
	} else if (--sg.track.left <= 0) {
		companion_feedback(sh, sg.track.id, PROTO_OUTCOME_IGNORED);
		sg_track_clear();
	}
	(void)status;
}

void suggest_not_found(struct shell *sh, const char *name)
{
	if (sg_on(sh)) {
		sg_set(&sg.notfound, name);
	}
}

void suggest_after_command(struct shell *sh, const char *line, int status)
{
	struct buf text = BUF_INIT;
	char *fix = NULL, *word, *rest;
	size_t n;
	int kind = 0;

	if (!sg_on(sh) || line == NULL) {
		return;
	}
	while (*line == ' ' || *line == '\t') {
		line++;
	}
	if (status == 127 && sg.notfound != NULL && sg_talk(sh, line)) {
		goto out;
	}
	sg_follow_up(sh, line, status);
	n = strcspn(line, " \t");
	if (status == 127 && sg.notfound != NULL && n > 0 &&
	    strncmp(line, sg.notfound, n) == 0 && sg.notfound[n] == '\0' &&
	    sg_allowed(SUGGESTION_TYPO)) {
		word = suggest_command_for(sh, sg.notfound);
		if (word != NULL) {
			rest = xasprintf("%s%s", word, line + n);
			kind = SUGGESTION_TYPO;
			fix = rest;
			free(word);
		}
	} else if (status != 0 && status != 130 &&
		   sg_allowed(SUGGESTION_FIX)) {
		fix = suggest_fix_for(sh, line, status, &kind);
	}
	if (fix != NULL) {
		buf_printf(&text, "%s: %s `%s`?", sg.name,
			   kind == SUGGESTION_TYPO ? "did you mean" :
			   "try", fix);
		sg_pending(kind, buf_str(&text), fix);
	}
out:
	free(fix);
	buf_release(&text);
	sg_set(&sg.notfound, NULL);
}

/* A disk almost full: the shell checks, at most every ten minutes. */
static void sg_check_disk(struct shell *sh)
{
	const char *home = var_get(sh, "HOME");
	struct statvfs vfs;
	struct buf b = BUF_INIT;
	double total, avail;
	time_t now = time(NULL);

	if (sg.pend_kind != 0 || !sg_allowed(SUGGESTION_CARE) ||
	    now - sg.disk_checked < SG_DISK_EVERY ||
	    now - sg.disk_said < SG_DISK_QUIET || home == NULL) {
		return;
	}
	sg.disk_checked = now;
	if (statvfs(home, &vfs) < 0 || vfs.f_blocks == 0) {
		return;
	}
	total = (double)vfs.f_blocks * vfs.f_frsize;
	avail = (double)vfs.f_bavail * vfs.f_frsize;
	if (avail / total > 0.05 || avail > 2e9) {
		return;
	}
	sg.disk_said = now;
	buf_printf(&b, "%s: the disk holding your home is %.0f%% full "
		   "(%.1f GiB left)", sg.name, 100.0 * (1.0 - avail / total),
		   avail / 1073741824.0);
	sg_pending(SUGGESTION_CARE, buf_str(&b), NULL);
	buf_release(&b);
}

void suggest_before_prompt(struct shell *sh)
{
	int i;

	sg.local_now = false;
	sg_set(&sg.ghost_last, NULL);
	sg_set(&sg.cache_line, NULL);
	sg_set(&sg.cache_full, NULL);
	sg_set(&sg.empty_cmd, NULL);
	for (i = 0; i < sg.nnext; i++) {
		free(sg.next[i]);
	}
	sg.nnext = 0;
	if (!sg_on(sh)) {
		return;
	}
	sg_check_disk(sh);
	if (sg.pend_kind != 0 && sg_allowed(sg.pend_kind)) {
		/* tell the daemon first: it keeps quiet at this prompt */
		companion_feedback(sh, -sg.pend_kind, PROTO_OUTCOME_SHOWN);
		sg.local_now = true;
	} else {
		sg.pend_kind = 0;
	}
}

/* Reads the fields of a note (after its first SUGGESTION_SEP). */
static void sg_fields(char *p, long *id, int *kind, char **cmd, char **want)
{
	char *next, *eq;

	while (p != NULL) {
		next = strstr(p, SUGGESTION_SEP);
		if (next != NULL) {
			*next = '\0';
			next += SUGGESTION_SEP_LEN;
		}
		eq = strchr(p, '=');
		if (eq != NULL) {
			*eq++ = '\0';
			if (strcmp(p, "id") == 0) {
				*id = strtol(eq, NULL, 10);
			} else if (strcmp(p, "kind") == 0) {
				*kind = suggestion_kind_parse(eq);
			} else if (strcmp(p, "cmd") == 0) {
				*cmd = eq;
			} else if (strcmp(p, "want") == 0) {
				*want = eq;
			} else if (strcmp(p, "name") == 0 && eq[0] != '\0') {
				snprintf(sg.name, sizeof(sg.name), "%s", eq);
			} else if (strcmp(p, "next") == 0 &&
				   sg.nnext < SG_NEXT_MAX) {
				sg.next[sg.nnext++] = xstrdup(eq);
			} else if (strcmp(p, "local") == 0) {
				sg.allowed = 0;
				for (char *k = strtok(eq, ","); k != NULL;
				     k = strtok(NULL, ",")) {
					sg.allowed |=
						BIT(suggestion_kind_parse(k));
				}
			}
		}
		p = next;
	}
}

char *suggest_prompt_note(struct shell *sh, char *note)
{
	char *sep, *cmd = NULL, *want = NULL, *out = NULL;
	long id = 0;
	int kind = 0;

	if (!sg_on(sh)) {
		return note;
	}
	if (note != NULL && (sep = strstr(note, SUGGESTION_SEP)) != NULL) {
		*sep = '\0';
		sg_fields(sep + SUGGESTION_SEP_LEN, &id, &kind, &cmd, &want);
		/* new candidates: the ghost is looked up again */
		sg_set(&sg.cache_line, NULL);
		sg_set(&sg.cache_full, NULL);
	}
	if (sg.ack != NULL) {
		out = sg.ack;
		sg.ack = NULL;
	} else if (sg.local_now) {
		out = xstrdup(sg.pend_text);
		sg_track_start(sg.pend_kind, -sg.pend_kind, sg.pend_cmd, NULL);
		sg_set(&sg.empty_cmd, sg.pend_cmd);
	} else if (note != NULL && note[0] != '\0') {
		out = xstrdup(note);
		if (id > 0) {
			sg_track_start(kind, id, cmd, want);
			sg_set(&sg.empty_cmd, cmd);
		}
	}
	sg.pend_kind = 0;
	sg.local_now = false;
	free(note);
	return out;
}

/* ---- ghost text ------------------------------------------------------------------------ */

/* Whether the paths a candidate names exist (checked before showing). */
static bool sg_paths_exist(struct shell *sh, const char *full)
{
	char buf[1024], *w[32], path[PATH_MAX], *dot;
	const char *home = var_get(sh, "HOME");
	struct stat st;
	int n = sg_words(full, buf, sizeof(buf), w, 32), i;

	for (i = 1; i < n; i++) {
		if (w[i][0] == '-' || strstr(w[i], "://") != NULL ||
		    strpbrk(w[i], "$`*?[=:@") != NULL) {
			continue;
		}
		dot = strrchr(w[i], '.');
		if (strchr(w[i], '/') == NULL &&
		    (dot == NULL || dot == w[i] || strlen(dot) > 5 ||
		     !isalpha((unsigned char)dot[1]))) {
			continue;	/* not a path we can judge */
		}
		if (w[i][0] == '~' && w[i][1] == '/' && home != NULL) {
			snprintf(path, sizeof(path), "%s%s", home, w[i] + 1);
		} else {
			snprintf(path, sizeof(path), "%s", w[i]);
		}
		if (stat(path, &st) < 0) {
			return false;
		}
	}
	return true;
}

/* The first candidate that extends line and passes the checks. */
static const char *sg_ghost_find(struct shell *sh, const char *line,
				 size_t len)
{
	int base = edit_history_base(), n = edit_history_length(), i;
	const char *h;

	if (len == 0) {
		return sg.empty_cmd;
	}
	if (!sg_allowed(SUGGESTION_RECALL)) {
		return NULL;
	}
	for (i = 0; i < sg.nnext; i++) {
		if (strncmp(sg.next[i], line, len) == 0 &&
		    sg.next[i][len] != '\0' && sg_paths_exist(sh, sg.next[i])) {
			return sg.next[i];
		}
	}
	for (i = n - 1; i >= 0 && i >= n - SG_HISTORY_SCAN; i--) {
		h = edit_history_get(base + i);
		if (h != NULL && strncmp(h, line, len) == 0 && h[len] != '\0' &&
		    strchr(h, '\n') == NULL && sg_paths_exist(sh, h)) {
			return h;
		}
	}
	return NULL;
}

const char *suggest_ghost(struct shell *sh, const char *line)
{
	const char *nc = sh != NULL ? var_get(sh, "NO_COLOR") : NULL;
	const char *full;
	size_t len = strlen(line);

	if (!sg_on(sh) || nc != NULL) {
		return NULL;
	}
	if (sg.cache_line == NULL || strcmp(sg.cache_line, line) != 0) {
		/* typing on along the ghost keeps it (as fish does): no
		 * search at each key */
		bool along = sg.cache_line != NULL && sg.cache_full != NULL &&
			     len > 0 && strlen(sg.cache_full) > len &&
			     strncmp(sg.cache_full, line, len) == 0 &&
			     strncmp(line, sg.cache_line,
				     strlen(sg.cache_line)) == 0;

		full = along ? sg.cache_full : sg_ghost_find(sh, line, len);
		sg_set(&sg.cache_line, line);
		if (full != sg.cache_full) {
			sg_set(&sg.cache_full, full);
		}
	}
	if (sg.cache_full == NULL || strlen(sg.cache_full) <= len) {
		return NULL;
	}
	if (len > 0) {
		sg_set(&sg.ghost_last, sg.cache_full);
	}
	return sg.cache_full + len;
}

void suggest_ghost_accepted(void)
{
	sg.ghost_taken = true;
}

/* ---- start-up ----------------------------------------------------------------------- */

void suggest_login(struct shell *sh)
{
	if (sg_on(sh) && isatty(0) && isatty(2)) {
		companion_feedback(sh, -SUGGESTION_LOGIN, PROTO_OUTCOME_SHOWN);
	}
}

/* Reads one line from the terminal (canonical mode); NULL at EOF. */
static char *sg_read_line(void)
{
	struct buf b = BUF_INIT;
	char c;
	ssize_t r;

	while ((r = read(0, &c, 1)) == 1 && c != '\n') {
		if (b.len < 64) {
			buf_putc(&b, c);
		}
	}
	if (r != 1 && b.len == 0) {
		buf_release(&b);
		return NULL;
	}
	while (b.len > 0 && isspace((unsigned char)b.data[b.len - 1])) {
		buf_truncate(&b, b.len - 1);
	}
	return buf_steal(&b, NULL);
}

void suggest_intro(struct shell *sh)
{
	char *marker, *name = NULL, *chat = NULL;
	struct buf text = BUF_INIT;
	int fd;

	if (!sg_on(sh) || !isatty(0) || !isatty(2)) {
		return;
	}
	marker = paths_file(PATHS_STATE, "introduced");
	if (marker == NULL || access(marker, F_OK) == 0) {
		free(marker);
		return;
	}
	/* never again, even if this one is interrupted */
	fd = open(marker, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	free(marker);
	if (fd < 0) {
		return;		/* no state directory yet: next time */
	}
	close(fd);
	err_printf("hersh: Hi, I'm hersh, the companion in this shell. I "
		   "remember what you do here, on this machine only,\n"
		   "hersh: answer questions (`ask`) and speak up when I can "
		   "help (`companion` sets me up).\n"
		   "hersh: What should I call you? (Enter skips) ");
	name = sg_read_line();
	if (name != NULL) {
		err_printf("hersh: How chatty should I be: quiet, normal or "
			   "chatty? (Enter skips) ");
		chat = sg_read_line();
	}
	if (name != NULL && name[0] != '\0') {
		companion_control(sh, "set", "user", name, true, &text);
		buf_reset(&text);
	}
	if (chat != NULL && (strcmp(chat, "quiet") == 0 ||
			     strcmp(chat, "normal") == 0 ||
			     strcmp(chat, "chatty") == 0)) {
		companion_control(sh, "set", "chattiness", chat, true, &text);
	}
	if (name != NULL && name[0] != '\0') {
		err_printf("hersh: Nice to meet you, %s.\n", name);
	} else {
		err_printf("\n");
	}
	free(name);
	free(chat);
	buf_release(&text);
}
