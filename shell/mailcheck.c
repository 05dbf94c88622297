/*
 * mailcheck.c - the POSIX mail check (see mailcheck.h).
 *
 * $MAILPATH is a colon-separated list of files, each optionally followed
 * by %message; the message is expanded with $_ set to the file.  Without
 * MAILPATH, $MAIL is the one file, and the message is bash's "You have
 * new mail in FILE".  A file is reported when its modification time has
 * changed since the last check (or it was created) and it is not empty (so
 * a mailbox the user just emptied is not news).  The first check of a file
 * only learns its time: mail that was there at login is login(1)'s to
 * announce.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <hersh/xalloc.h>

#include "arena.h"
#include "expand.h"
#include "mailcheck.h"
#include "output.h"
#include "shell.h"
#include "var.h"

#define MAIL_FILES 32
#define MAIL_EVERY_DEFAULT 600

static struct {
	char *path[MAIL_FILES];
	struct timespec mtime[MAIL_FILES];
	int n;
	char *list;		/* the MAILPATH/MAIL value they came from */
	time_t last;		/* when the files were last looked at */
} mc;

static void mail_forget(void)
{
	int i;

	for (i = 0; i < mc.n; i++) {
		free(mc.path[i]);
	}
	mc.n = 0;
	free(mc.list);
	mc.list = NULL;
}

/* The entry for path (a new one learns its state now, which is not news;
 * a missing file has time zero, so its creation is). */
static int mail_slot(const char *path, const struct stat *sb, bool *known)
{
	int i;

	for (i = 0; i < mc.n; i++) {
		if (strcmp(mc.path[i], path) == 0) {
			*known = true;
			return i;
		}
	}
	*known = false;
	if (mc.n == MAIL_FILES) {
		return -1;
	}
	mc.path[mc.n] = xstrdup(path);
	if (sb != NULL) {
		mc.mtime[mc.n] = sb->st_mtim;
	} else {
		memset(&mc.mtime[mc.n], 0, sizeof(mc.mtime[mc.n]));
	}
	return mc.n++;
}

static void mail_say(struct shell *sh, const char *path, const char *msg)
{
	struct arena_mark mark;
	const char *old;
	char *saved = NULL, *text;

	if (msg == NULL) {
		err_printf("You have new mail in %s\n", path);
		return;
	}
	/* the message is expanded with $_ naming the file (XCU 2.5.3) */
	old = var_get(sh, "_");
	saved = old != NULL ? xstrdup(old) : NULL;
	var_set(sh, "_", path, VAR_QUIET);
	arena_mark(&mark);
	text = expand_prompt(sh, msg);
	if (text != NULL) {
		err_printf("%s\n", text);
	}
	arena_pop(&mark);
	if (saved != NULL) {
		var_set(sh, "_", saved, VAR_QUIET);
	} else {
		var_unset(sh, "_");
	}
	free(saved);
}

void mail_check(struct shell *sh)
{
	const char *every = var_get(sh, "MAILCHECK");
	const char *list = var_get(sh, "MAILPATH");
	bool path_list = list != NULL;
	char *copy, *entry, *next, *msg;
	struct stat sb;
	time_t now = time(NULL);
	long interval = MAIL_EVERY_DEFAULT;
	bool known;
	int i;

	if (every != NULL) {
		char *end;

		interval = strtol(every, &end, 10);
		if (every[0] == '\0' || *end != '\0' || interval < 0) {
			return;		/* not a number: no checks */
		}
	}
	if (!path_list) {
		list = var_get(sh, "MAIL");
	}
	if (list == NULL || list[0] == '\0') {
		mail_forget();
		return;
	}
	if (mc.list == NULL || strcmp(mc.list, list) != 0) {
		mail_forget();		/* a new list: learn it afresh */
		mc.list = xstrdup(list);
		mc.last = 0;
	} else if (now - mc.last < interval && now >= mc.last) {
		return;
	}
	mc.last = now;
	copy = xstrdup(list);
	for (entry = copy; entry != NULL; entry = next) {
		next = path_list ? strchr(entry, ':') : NULL;
		if (next != NULL) {
			*next++ = '\0';
		}
		msg = path_list ? strchr(entry, '%') : NULL;
		if (msg != NULL) {
			*msg++ = '\0';
		}
		if (entry[0] == '\0') {
			continue;
		}
		if (stat(entry, &sb) < 0) {
			/* gone (or not there yet): its creation is news */
			i = mail_slot(entry, NULL, &known);
			if (i >= 0) {
				memset(&mc.mtime[i], 0, sizeof(mc.mtime[i]));
			}
			continue;
		}
		i = mail_slot(entry, &sb, &known);
		if (i < 0 || !known) {
			continue;
		}
		if (sb.st_mtim.tv_sec == mc.mtime[i].tv_sec &&
		    sb.st_mtim.tv_nsec == mc.mtime[i].tv_nsec) {
			continue;
		}
		mc.mtime[i] = sb.st_mtim;
		if (sb.st_size > 0) {
			mail_say(sh, entry, msg);
		}
	}
	free(copy);
}
