/*
 * test_watch.c - the inotify watcher on a temporary tree: create, modify,
 * delete and move; editor save patterns folded to one modify; ignore
 * rules; recursion and watch limits; new and removed subdirectories;
 * overflow and rescans; learned directories; timed coalescing through
 * the event loop; malformed raw event buffers.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <hersh/buf.h>

#include "loop.h"
#include "test.h"
#include "watch.h"

static char root[256];
static struct buf got = BUF_INIT;
static int batches;

/* Sink: "op path[>to];" with paths relative to root. */
static void on_event(void *ctx, const struct watch_event *ev)
{
	size_t n = strlen(root);
	const char *p = ev->path, *t = ev->to_path;

	if (strncmp(p, root, n) == 0) {
		p += n;
	}
	if (t != NULL && strncmp(t, root, n) == 0) {
		t += n;
	}
	buf_printf(&got, "%s %s%s%s%s;", watch_op_name(ev->op), p,
		   ev->is_dir ? "/" : "", t ? ">" : "", t ? t : "");
	CHECK(ev->time > 0);
	CHECK_INT(batches, 1);
}

/* Batches must pair up and never nest. */
static void on_batch(void *ctx, bool begin)
{
	CHECK_INT(batches, begin ? 0 : 1);
	batches = begin;
}

static const struct watch_sink sink = { on_event, on_batch, NULL };

static char *at(const char *rel)
{
	static char path[8][512];
	static int next;
	char *p = path[next++ % 8];

	snprintf(p, sizeof(path[0]), "%s%s", root, rel);
	return p;
}

static void write_file(const char *rel, const char *text)
{
	int fd = open(at(rel), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	CHECK(fd >= 0);
	if (fd >= 0) {
		CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
		close(fd);
	}
}

static void mkdirs(const char *rel)
{
	char path[512], *p;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	for (p = path + strlen(root) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		mkdir(path, 0700);
		*p = '/';
	}
	mkdir(path, 0700);
}

/* Reads what is queued, folds it and reports all; returns the events. */
static const char *drain(struct watch *w)
{
	buf_reset(&got);
	watch_handle_events(w);
	watch_flush(w);
	return buf_str(&got);
}

static void rm_tree(const char *path)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
	CHECK(system(cmd) == 0);
}

static struct watch *setup(void)
{
	struct watch *w;

	snprintf(root, sizeof(root), "%s/hersh-watch.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	CHECK(mkdtemp(root) != NULL);
	w = watch_new(NULL, &sink);
	CHECK(w != NULL);
	watch_set_home(w, NULL);
	return w;
}

static void teardown(struct watch *w)
{
	watch_free(w);
	rm_tree(root);
}

static void test_basic_ops(void)
{
	struct watch *w = setup();
	struct watch_stats st;

	CHECK_INT(watch_add_dir(w, root), 0);
	write_file("/a.txt", "one");
	CHECK_STR(drain(w), "create /a.txt;");
	write_file("/a.txt", "two");
	write_file("/a.txt", "three");
	CHECK_STR(drain(w), "modify /a.txt;");
	CHECK(rename(at("/a.txt"), at("/b.txt")) == 0);
	CHECK_STR(drain(w), "move /a.txt>/b.txt;");
	/* rename then write: a move and a modify */
	CHECK(rename(at("/b.txt"), at("/c.txt")) == 0);
	write_file("/c.txt", "four");
	CHECK_STR(drain(w), "move /b.txt>/c.txt;modify /c.txt;");
	/* chained renames fold; a rename back is nothing */
	CHECK(rename(at("/c.txt"), at("/d.txt")) == 0);
	CHECK(rename(at("/d.txt"), at("/e.txt")) == 0);
	CHECK_STR(drain(w), "move /c.txt>/e.txt;");
	CHECK(rename(at("/e.txt"), at("/f.txt")) == 0);
	CHECK(rename(at("/f.txt"), at("/e.txt")) == 0);
	CHECK_STR(drain(w), "");
	CHECK(unlink(at("/e.txt")) == 0);
	CHECK_STR(drain(w), "delete /e.txt;");
	/* created and deleted at once: nothing */
	write_file("/tmpfile", "x");
	CHECK(unlink(at("/tmpfile")) == 0);
	CHECK_STR(drain(w), "");
	/* deleted and written anew: a modify */
	write_file("/g", "1");
	drain(w);
	CHECK(unlink(at("/g")) == 0);
	write_file("/g", "2");
	CHECK_STR(drain(w), "modify /g;");
	/* a rename over an existing file */
	write_file("/h", "1");
	drain(w);
	CHECK(rename(at("/g"), at("/h")) == 0);
	CHECK_STR(drain(w), "move /g>/h;");
	watch_get_stats(w, &st);
	CHECK_INT(st.watches, 1);
	CHECK_INT(st.trees, 1);
	CHECK_INT(st.pending, 0);
	CHECK(st.events >= 9);
	teardown(w);
}

static void test_vim_save(void)
{
	struct watch *w = setup();

	CHECK_INT(watch_add_dir(w, root), 0);
	write_file("/notes.md", "v1");
	drain(w);
	/* vim with writebackup: swap file, 4913 probe, backup rename,
	 * new file, backup removed */
	write_file("/.notes.md.swp", "swap");
	write_file("/4913", "");
	CHECK(unlink(at("/4913")) == 0);
	CHECK(rename(at("/notes.md"), at("/notes.md~")) == 0);
	write_file("/notes.md", "v2");
	CHECK(unlink(at("/notes.md~")) == 0);
	write_file("/.notes.md.swp", "swap2");
	CHECK_STR(drain(w), "modify /notes.md;");
	CHECK(unlink(at("/.notes.md.swp")) == 0);
	CHECK_STR(drain(w), "");
	/* a file renamed to a backup name and left so: deleted */
	CHECK(rename(at("/notes.md"), at("/notes.md~")) == 0);
	CHECK_STR(drain(w), "delete /notes.md;");
	teardown(w);
}

static void test_other_editors(void)
{
	struct watch *w = setup();

	CHECK_INT(watch_add_dir(w, root), 0);
	write_file("/f.c", "v1");
	write_file("/g.c", "v1");
	write_file("/h.c", "v1");
	drain(w);
	/* emacs: autosave and lock files, backup on first save */
	write_file("/#f.c#", "auto");
	CHECK(symlink("user@host.1234", at("/.#f.c")) == 0);
	CHECK(rename(at("/f.c"), at("/f.c~")) == 0);
	write_file("/f.c", "v2");
	CHECK(unlink(at("/#f.c#")) == 0);
	CHECK(unlink(at("/.#f.c")) == 0);
	CHECK_STR(drain(w), "modify /f.c;");
	/* atomic save: a temporary named after the file, renamed over it */
	write_file("/.g.c.Xy12Zq", "v2");
	CHECK(rename(at("/.g.c.Xy12Zq"), at("/g.c")) == 0);
	CHECK_STR(drain(w), "modify /g.c;");
	/* GIO and sed -i temporaries */
	write_file("/.goutputstream-ABC123", "v2");
	CHECK(rename(at("/.goutputstream-ABC123"), at("/h.c")) == 0);
	write_file("/sedAb12Cd", "v3");
	CHECK(rename(at("/sedAb12Cd"), at("/f.c")) == 0);
	CHECK_STR(drain(w), "modify /h.c;modify /f.c;");
	/* a finished download is a new file */
	write_file("/report.pdf.part", "data");
	CHECK(rename(at("/report.pdf.part"), at("/report.pdf")) == 0);
	CHECK_STR(drain(w), "create /report.pdf;");
	/* a new file under an unrelated temporary name: created */
	write_file("/x9", "data");
	CHECK(rename(at("/x9"), at("/out.bin")) == 0);
	CHECK_STR(drain(w), "create /out.bin;");
	/* pure noise */
	write_file("/a.tmp", "x");
	write_file("/.~lock.doc.odt#", "x");
	CHECK_STR(drain(w), "");
	teardown(w);
}

static void test_names(void)
{
	CHECK(watch_name_is_noise(".notes.md.swp"));
	CHECK(watch_name_is_noise(".notes.md.swx"));
	CHECK(watch_name_is_noise("4913"));
	CHECK(watch_name_is_noise("5036"));
	CHECK(!watch_name_is_noise("4914"));
	CHECK(!watch_name_is_noise("2024"));
	CHECK(watch_name_is_noise("file~"));
	CHECK(watch_name_is_noise("#file#"));
	CHECK(watch_name_is_noise(".#file"));
	CHECK(watch_name_is_noise("x.tmp"));
	CHECK(watch_name_is_noise("sedAb12Cd"));
	CHECK(!watch_name_is_noise("sedative"));
	CHECK(!watch_name_is_noise("notes.md"));
	CHECK(!watch_name_is_noise("#"));
	CHECK(!watch_name_is_noise(""));
	CHECK(watch_name_is_ignored(NULL, ".git"));
	CHECK(watch_name_is_ignored(NULL, "node_modules"));
	CHECK(watch_name_is_ignored(NULL, "__pycache__"));
	CHECK(!watch_name_is_ignored(NULL, "src"));
	CHECK_STR(watch_op_name(WATCH_MOVE), "move");
}

static void test_ignore_rules(void)
{
	struct watch *w = setup();

	mkdirs("/.git/objects");
	mkdirs("/node_modules/pkg");
	mkdirs("/src/build/obj");
	mkdirs("/generated");
	mkdirs("/mine");
	CHECK_INT(watch_ignore_name(w, "generated"), 0);
	CHECK_INT(watch_ignore_name(w, "a/b"), -1);
	CHECK_INT(watch_exclude(w, at("/mine")), 0);
	CHECK_INT(watch_add_dir(w, root), 0);
	CHECK(watch_is_watched(w, root));
	CHECK(watch_is_watched(w, at("/src")));
	CHECK(!watch_is_watched(w, at("/.git")));
	CHECK(!watch_is_watched(w, at("/node_modules/pkg")));
	CHECK(!watch_is_watched(w, at("/src/build")));
	CHECK(!watch_is_watched(w, at("/generated")));
	CHECK(!watch_is_watched(w, at("/mine")));
	write_file("/.git/index", "x");
	write_file("/node_modules/pkg/i.js", "x");
	write_file("/src/build/obj/a.o", "x");
	write_file("/generated/g", "x");
	write_file("/mine/m", "x");
	mkdirs("/src/dist");
	write_file("/src/dist/bundle.js", "x");
	CHECK_STR(drain(w), "");
	write_file("/src/main.c", "x");
	CHECK_STR(drain(w), "create /src/main.c;");
	teardown(w);
}

static void test_subdirs(void)
{
	struct watch *w = setup();
	struct watch_stats st;
	char outside[512], inside[512], sub[600];

	CHECK_INT(watch_add_dir(w, root), 0);
	mkdirs("/new");
	CHECK_STR(drain(w), "create /new/;");
	CHECK(watch_is_watched(w, at("/new")));
	write_file("/new/file", "x");
	CHECK_STR(drain(w), "create /new/file;");
	/* a directory moved within the tree keeps its watch, renamed */
	CHECK(rename(at("/new"), at("/renamed")) == 0);
	CHECK_STR(drain(w), "move /new/>/renamed;");
	CHECK(watch_is_watched(w, at("/renamed")));
	CHECK(!watch_is_watched(w, at("/new")));
	write_file("/renamed/file", "y");
	CHECK_STR(drain(w), "modify /renamed/file;");
	/* deleted: its watch is dropped */
	CHECK(unlink(at("/renamed/file")) == 0);
	CHECK(rmdir(at("/renamed")) == 0);
	CHECK_STR(drain(w), "delete /renamed/file;delete /renamed/;");
	watch_get_stats(w, &st);
	CHECK_INT(st.watches, 1);
	CHECK(!watch_is_watched(w, at("/renamed")));
	/* a tree moved in from outside is watched; one moved out is not */
	snprintf(outside, sizeof(outside), "%s-out", root);
	snprintf(inside, sizeof(inside), "%s/in", root);
	rm_tree(outside);
	CHECK(mkdir(outside, 0700) == 0);
	CHECK(mkdir(strcat(strcpy(sub, outside), "/sub"), 0700) == 0);
	CHECK(rename(outside, inside) == 0);
	CHECK_STR(drain(w), "create /in/;");
	CHECK(watch_is_watched(w, inside));
	CHECK(watch_is_watched(w, at("/in/sub")));
	CHECK(rename(inside, outside) == 0);
	CHECK_STR(drain(w), "delete /in/;");
	CHECK(!watch_is_watched(w, inside));
	CHECK(!watch_is_watched(w, at("/in/sub")));
	watch_get_stats(w, &st);
	CHECK_INT(st.watches, 1);
	rm_tree(outside);
	teardown(w);
}

static void test_moves_across(void)
{
	struct watch *w = setup();
	char outside[512];

	snprintf(outside, sizeof(outside), "%s-file", root);
	CHECK_INT(watch_add_dir(w, root), 0);
	write_file("/doc", "x");
	drain(w);
	CHECK(rename(at("/doc"), outside) == 0);
	CHECK_STR(drain(w), "delete /doc;");
	CHECK(rename(outside, at("/doc2")) == 0);
	CHECK_STR(drain(w), "create /doc2;");
	teardown(w);
}

static void test_limits(void)
{
	struct watch *w = setup();
	struct watch_limits lim = { 0 };
	struct watch_stats st;
	struct buf status = BUF_INIT;
	char rel[64];
	int i;

	mkdirs("/d1/d2/d3/d4/d5");
	for (i = 0; i < 10; i++) {
		snprintf(rel, sizeof(rel), "/wide/w%d", i);
		mkdirs(rel);
	}
	/* depth */
	lim.depth_max = 2;
	watch_set_limits(w, &lim);
	CHECK_INT(watch_add_dir(w, at("/d1")), 0);
	CHECK(watch_is_watched(w, at("/d1/d2/d3")));
	CHECK(!watch_is_watched(w, at("/d1/d2/d3/d4")));
	/* watches per tree */
	lim.tree_max = 4;
	watch_set_limits(w, &lim);
	CHECK_INT(watch_add_dir(w, at("/wide")), 0);
	watch_get_stats(w, &st);
	CHECK_INT(st.trees, 2);
	CHECK_INT(st.watches, 3 + 4);
	CHECK(st.limit_reached);
	CHECK_INT(st.limit_hits, 1);
	watch_status(w, &status);
	CHECK(strstr(buf_str(&status), "watch limit reached") != NULL);
	CHECK(strstr(buf_str(&status), "7 directories watched in 2 trees") !=
	      NULL);
	/* freeing room lets the incomplete tree grow again */
	rm_tree(at("/d1"));
	drain(w);
	watch_get_stats(w, &st);
	CHECK_INT(st.trees, 1);
	CHECK_INT(st.watches, 4);
	/* the global cap */
	lim.tree_max = 100;
	lim.total_max = 6;
	watch_set_limits(w, &lim);
	watch_overflow(w);
	watch_get_stats(w, &st);
	CHECK_INT(st.watches, 6);
	CHECK(st.limit_reached);
	lim.total_max = 100;
	watch_set_limits(w, &lim);
	watch_overflow(w);
	watch_get_stats(w, &st);
	CHECK_INT(st.watches, 11);
	CHECK(!st.limit_reached);
	buf_release(&status);
	teardown(w);
}

static void test_overflow(void)
{
	struct watch *w = setup();
	struct watch_stats st;
	struct buf status = BUF_INIT;
	char buf[sizeof(struct inotify_event)];
	struct inotify_event ev;

	mkdirs("/a/b");
	CHECK_INT(watch_add_dir(w, root), 0);
	write_file("/a/pending", "x");
	watch_handle_events(w);
	/* as the kernel says it: wd -1, IN_Q_OVERFLOW */
	memset(&ev, 0, sizeof(ev));
	ev.wd = -1;
	ev.mask = IN_Q_OVERFLOW;
	memcpy(buf, &ev, sizeof(ev));
	buf_reset(&got);
	CHECK_INT(watch_feed(w, buf, sizeof(buf)), 1);
	/* what was pending is reported before the rescan */
	CHECK_STR(buf_str(&got), "create /a/pending;");
	watch_get_stats(w, &st);
	CHECK_INT(st.overflows, 1);
	CHECK_INT(st.rescans, 1);
	CHECK_INT(st.watches, 3);
	watch_status(w, &status);
	CHECK(strstr(buf_str(&status), "1 overflow (rescanned)") != NULL);
	/* a directory made while events were lost is found by the rescan */
	mkdirs("/a/b/c");
	watch_handle_events(w);
	watch_overflow(w);
	CHECK(watch_is_watched(w, at("/a/b/c")));
	write_file("/a/b/c/f", "x");
	CHECK_STR(drain(w), "create /a/b/c/f;");
	watch_get_stats(w, &st);
	CHECK_INT(st.overflows, 2);
	buf_release(&status);
	teardown(w);
}

static void test_learn(void)
{
	struct watch *w = setup();
	struct watch_stats st;
	char home[300], dir[64];
	int i;

	snprintf(home, sizeof(home), "%s/home", root);
	mkdirs("/home/proj/.git");
	mkdirs("/home/proj/src/deep");
	mkdirs("/home/docs/sub");
	CHECK_INT(watch_set_home(w, home), 0);
	/* a directory in a project: the project is the tree */
	CHECK_INT(watch_learn_dir(w, at("/home/proj/src/deep")), 0);
	CHECK(watch_is_watched(w, at("/home/proj")));
	CHECK(watch_is_watched(w, at("/home/proj/src")));
	CHECK(!watch_is_watched(w, at("/home/proj/.git")));
	CHECK_INT(watch_learn_dir(w, at("/home/proj/src")), 0);
	watch_get_stats(w, &st);
	CHECK_INT(st.trees, 1);
	/* home itself: without its subdirectories */
	CHECK_INT(watch_learn_dir(w, home), 0);
	CHECK(watch_is_watched(w, home));
	CHECK(!watch_is_watched(w, at("/home/docs")));
	write_file("/home/todo.md", "x");
	CHECK_STR(drain(w), "create /home/todo.md;");
	/* no project: the directory itself */
	CHECK_INT(watch_learn_dir(w, at("/home/docs/")), 0);
	CHECK(watch_is_watched(w, at("/home/docs/sub")));
	watch_get_stats(w, &st);
	CHECK_INT(st.trees, 3);
	/* not learned: relative, dot-dot, missing, excluded, not mine */
	CHECK_INT(watch_learn_dir(w, "relative/dir"), 0);
	CHECK_INT(watch_learn_dir(w, at("/home/../home/docs")), 0);
	CHECK_INT(watch_learn_dir(w, at("/missing")), 0);
	CHECK_INT(watch_learn_dir(w, "/proc/self"), 0);
	CHECK_INT(watch_learn_dir(w, "/"), 0);
	if (geteuid() != 0) {
		CHECK_INT(watch_learn_dir(w, "/etc"), 0);
		CHECK(!watch_is_watched(w, "/etc"));
	}
	watch_get_stats(w, &st);
	CHECK_INT(st.trees, 3);
	CHECK_INT(watch_add_dir(w, at("/missing")), -1);
	CHECK_INT(errno, ENOENT);
	write_file("/plain", "x");
	CHECK_INT(watch_add_dir(w, at("/plain")), -1);
	CHECK_INT(errno, ENOTDIR);
	/* the least recently learned tree goes first */
	for (i = 0; i < WATCH_TREES_MAX + 3; i++) {
		snprintf(dir, sizeof(dir), "/home/t%02d", i);
		mkdirs(dir);
		CHECK_INT(watch_learn_dir(w, at(dir)), 0);
	}
	watch_get_stats(w, &st);
	CHECK_INT(st.trees, WATCH_TREES_MAX);
	CHECK(!watch_is_watched(w, at("/home/proj")));
	CHECK(watch_is_watched(w, at("/home/t34")));
	/* a configured tree is never dropped */
	CHECK_INT(watch_add_dir(w, at("/home/proj")), 0);
	for (i = 0; i < WATCH_TREES_MAX + 3; i++) {
		snprintf(dir, sizeof(dir), "/home/u%02d", i);
		mkdirs(dir);
		CHECK_INT(watch_learn_dir(w, at(dir)), 0);
	}
	CHECK(watch_is_watched(w, at("/home/proj/src")));
	teardown(w);
}

static void test_malformed_feed(void)
{
	struct watch *w = setup();
	char buf[256];
	struct inotify_event ev;

	CHECK_INT(watch_add_dir(w, root), 0);
	memset(&ev, 0, sizeof(ev));
	ev.wd = 1;
	ev.mask = IN_CREATE;
	ev.len = 1000;		/* longer than the buffer */
	memcpy(buf, &ev, sizeof(ev));
	CHECK_INT(watch_feed(w, buf, sizeof(ev) + 10), 0);
	CHECK_INT(watch_feed(w, buf, 3), 0);
	/* a name without NUL, with a slash, "..", and an unknown wd */
	ev.len = 8;
	memcpy(buf, &ev, sizeof(ev));
	memcpy(buf + sizeof(ev), "abcdefgh", 8);
	CHECK_INT(watch_feed(w, buf, sizeof(ev) + 8), 1);
	memcpy(buf + sizeof(ev), "../x\0\0\0\0", 8);
	CHECK_INT(watch_feed(w, buf, sizeof(ev) + 8), 1);
	memcpy(buf + sizeof(ev), "..\0\0\0\0\0\0", 8);
	CHECK_INT(watch_feed(w, buf, sizeof(ev) + 8), 1);
	ev.wd = 999;
	memcpy(buf, &ev, sizeof(ev));
	CHECK_INT(watch_feed(w, buf, sizeof(ev) + 8), 1);
	buf_reset(&got);
	watch_flush(w);
	CHECK_STR(buf_str(&got), "create /abcdefgh;");
	teardown(w);
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void test_loop_coalescing(void)
{
	struct loop *l = loop_new();
	struct watch *w;
	struct watch_limits lim = { 0 };
	int64_t start, last_write = 0;
	int modifies = 0;
	const char *p;

	snprintf(root, sizeof(root), "/tmp/hersh-watch.XXXXXX");
	CHECK(mkdtemp(root) != NULL);
	CHECK(l != NULL);
	w = watch_new(l, &sink);
	CHECK(w != NULL);
	lim.quiet_ms = 50;
	lim.window_ms = 300;
	watch_set_limits(w, &lim);
	CHECK_INT(watch_add_dir(w, root), 0);
	write_file("/log", "start");
	buf_reset(&got);
	while (loop_run_once(l, 500) > 0 && got.len == 0) {
	}
	CHECK_STR(buf_str(&got), "create /log;");
	/* written every 20 ms for 1.2 s: about one modify per 300 ms */
	buf_reset(&got);
	start = now_ms();
	while (now_ms() - start < 1200) {
		if (now_ms() - last_write >= 20) {
			write_file("/log", "more");
			last_write = now_ms();
		}
		loop_run_once(l, 10);
	}
	while (loop_run_once(l, 700) > 0) {
	}
	for (p = buf_str(&got); (p = strstr(p, "modify /log;")) != NULL; p++) {
		modifies++;
	}
	CHECK(modifies >= 3 && modifies <= 6);
	CHECK_INT(strlen(buf_str(&got)), (size_t)modifies * 12);
	watch_free(w);
	loop_free(l);
	rm_tree(root);
}

int main(void)
{
	TEST_RUN(test_names);
	TEST_RUN(test_basic_ops);
	TEST_RUN(test_vim_save);
	TEST_RUN(test_other_editors);
	TEST_RUN(test_ignore_rules);
	TEST_RUN(test_subdirs);
	TEST_RUN(test_moves_across);
	TEST_RUN(test_limits);
	TEST_RUN(test_overflow);
	TEST_RUN(test_learn);
	TEST_RUN(test_malformed_feed);
	TEST_RUN(test_loop_coalescing);
	buf_release(&got);
	return test_summary();
}
