/*
 * fuzz_filename.c - libFuzzer target for the file-name handling of
 * watch.c (noise and ignore rules, the folding of raw inotify events
 * into create/modify/delete/move, directory renames) and Maildir names.
 *
 * The input is read two ways.  As a raw read(2) buffer it goes straight
 * to watch_feed() (malformed lengths included).  As a script it becomes
 * well-formed inotify events -- each is a watch selector, a mask
 * selector, a cookie, a name length and the name -- fed against a small
 * real tree, so that the names reach the folding and renaming code.
 * Every reported event must be consistent: an absolute path, a known op,
 * a second path for a move only.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "mailparse.h"
#include "watch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char root[64];

static void on_event(void *ctx, const struct watch_event *ev)
{
	if (ev->path == NULL || ev->path[0] != '/' ||
	    (unsigned)ev->op > WATCH_MOVE ||
	    (ev->op == WATCH_MOVE) != (ev->to_path != NULL) ||
	    (ev->to_path != NULL && ev->to_path[0] != '/') ||
	    strstr(ev->path, "//") != NULL) {
		abort();
	}
}

static const struct watch_sink sink = { on_event, NULL, NULL };

static void make_tree(void)
{
	char path[128];

	snprintf(root, sizeof(root), "/tmp/hersh-fuzz-watch.XXXXXX");
	if (mkdtemp(root) == NULL) {
		abort();
	}
	snprintf(path, sizeof(path), "%s/a", root);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/a/b", root);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/c", root);
	mkdir(path, 0700);
}

static const uint32_t masks[] = {
	IN_CREATE, IN_MODIFY, IN_DELETE, IN_MOVED_FROM, IN_MOVED_TO,
	IN_CREATE | IN_ISDIR, IN_DELETE | IN_ISDIR, IN_MOVED_FROM | IN_ISDIR,
	IN_MOVED_TO | IN_ISDIR, IN_IGNORED, IN_MOVE_SELF, IN_DELETE_SELF,
	IN_Q_OVERFLOW, IN_CLOSE_WRITE, 0,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char name[300], evbuf[sizeof(struct inotify_event) + 64];
	static struct watch *w;
	struct inotify_event ev;
	struct watch_stats st;
	unsigned flags;
	size_t i = 0, len;

	if (root[0] == '\0') {
		log_set_level(LOG_ERROR);
		make_tree();
	}
	len = size < sizeof(name) - 1 ? size : sizeof(name) - 1;
	memcpy(name, data, len);
	name[len] = '\0';
	watch_name_is_noise(name);
	watch_name_is_ignored(NULL, name);
	if (mailparse_maildir_name(name, len, &flags) > len) {
		abort();
	}
	/* a fresh watcher (wds 1 to 4) only when the last input changed
	 * what is watched: closing an inotify fd takes the kernel ~10 ms */
	if (w != NULL) {
		watch_get_stats(w, &st);
		if (st.watches != 4 || st.trees != 1) {
			watch_free(w);
			w = NULL;
		}
	}
	if (w == NULL) {
		w = watch_new(NULL, &sink);
		if (w == NULL || watch_add_dir(w, root) < 0) {
			abort();
		}
	}
	watch_feed(w, data, size);
	watch_flush(w);
	while (size - i >= 4) {
		memset(&ev, 0, sizeof(ev));
		ev.wd = data[i] % 5 == 4 ? -1 : (int)(data[i] % 5) + 1;
		ev.mask = masks[data[i + 1] % (sizeof(masks) /
					       sizeof(masks[0]))];
		ev.cookie = data[i + 2] % 4;
		len = data[i + 3] % 33;
		i += 4;
		if (len > size - i) {
			len = size - i;
		}
		ev.len = len ? 48 : 0;
		memset(evbuf, 0, sizeof(evbuf));
		memcpy(evbuf, &ev, sizeof(ev));
		memcpy(evbuf + sizeof(ev), data + i, len);
		i += len;
		watch_feed(w, evbuf, sizeof(ev) + ev.len);
		if (data[i - 1] % 7 == 0) {
			watch_flush(w);
		}
	}
	watch_flush(w);
	return 0;
}
