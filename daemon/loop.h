/*
 * loop.h - the daemon's event loop: fd callbacks and one-shot timers on
 * epoll, in the manner of redis' ae.
 *
 * The loop sleeps in epoll_wait() with no timeout unless a timer is due,
 * so an idle daemon makes no wakeups.  Timers share one timerfd armed for
 * the earliest deadline (CLOCK_MONOTONIC).  Callbacks run one at a time;
 * a callback may add or remove any fd or timer, including its own: events
 * already fetched for a removed fd are dropped.
 */
#ifndef HERSH_LOOP_H
#define HERSH_LOOP_H

#include <stdint.h>

struct loop;
struct loop_timer;

enum loop_event {
	LOOP_READ = 1 << 0,	/* readable, or hung up / error */
	LOOP_WRITE = 1 << 1,	/* writable */
};

/* Called with the enum loop_event bits that are ready. */
typedef void loop_fd_fn(struct loop *l, int fd, unsigned events, void *data);
/* Called once when the timer is due; the timer is freed after it returns. */
typedef void loop_timer_fn(struct loop *l, void *data);

/* A new loop, or NULL (errno set). */
struct loop *loop_new(void);
/* Frees the loop and its timers; does not close the fds it watched. */
void loop_free(struct loop *l);

/* Watches fd for events (enum loop_event).  0 or -1 (errno). */
int loop_add_fd(struct loop *l, int fd, unsigned events, loop_fd_fn *fn,
		void *data);
/* Changes the events watched on fd.  0 or -1. */
int loop_mod_fd(struct loop *l, int fd, unsigned events);
/* Stops watching fd (call before closing it). */
void loop_del_fd(struct loop *l, int fd);

/* A timer due in ms milliseconds, or NULL (out of memory). */
struct loop_timer *loop_add_timer(struct loop *l, int64_t ms,
				  loop_timer_fn *fn, void *data);
/* Cancels a pending timer (not one whose callback is running). */
void loop_del_timer(struct loop *l, struct loop_timer *t);

/* Runs until loop_stop().  0, or -1 if epoll_wait failed. */
int loop_run(struct loop *l);
/*
 * Waits up to timeout_ms (-1: forever) for events and runs their
 * callbacks once.  Returns the number of events, 0 on timeout, -1 on
 * error.  For tests and fuzzers that drive the loop step by step.
 */
int loop_run_once(struct loop *l, int timeout_ms);
/* Makes loop_run() return after the current callback. */
void loop_stop(struct loop *l);

/* Number of times epoll_wait() returned (for the idle-wakeup check). */
uint64_t loop_wakeups(const struct loop *l);

#endif
