/*
 * loop.c - epoll event loop with timerfd timers (see loop.h).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "loop.h"

#define LOOP_BATCH 64

struct loop_slot {
	loop_fd_fn *fn;
	void *data;
	unsigned events;
	uint32_t gen;		/* bumped on every add, checked on dispatch */
	bool used;
};

struct loop_timer {
	int64_t due;		/* CLOCK_MONOTONIC, ms */
	loop_timer_fn *fn;
	void *data;
	struct loop_timer *next;	/* sorted by due */
};

struct loop {
	int epfd;
	int tfd;		/* timerfd for the earliest timer */
	struct loop_slot *slots;	/* indexed by fd */
	int nslots;
	struct loop_timer *timers;
	bool stop;
	uint64_t wakeups;
};

static int64_t loop_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint32_t loop_epoll_events(unsigned events)
{
	uint32_t e = 0;

	if (events & LOOP_READ) {
		e |= EPOLLIN | EPOLLRDHUP;
	}
	if (events & LOOP_WRITE) {
		e |= EPOLLOUT;
	}
	return e;
}

static void loop_timer_fire(struct loop *l, int fd, unsigned events,
			    void *data);

struct loop *loop_new(void)
{
	struct loop *l = calloc(1, sizeof(*l));

	if (l == NULL) {
		return NULL;
	}
	l->epfd = epoll_create1(EPOLL_CLOEXEC);
	l->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (l->epfd < 0 || l->tfd < 0 ||
	    loop_add_fd(l, l->tfd, LOOP_READ, loop_timer_fire, NULL) < 0) {
		loop_free(l);
		return NULL;
	}
	return l;
}

void loop_free(struct loop *l)
{
	struct loop_timer *t, *next;

	if (l == NULL) {
		return;
	}
	for (t = l->timers; t != NULL; t = next) {
		next = t->next;
		free(t);
	}
	if (l->tfd >= 0) {
		close(l->tfd);
	}
	if (l->epfd >= 0) {
		close(l->epfd);
	}
	free(l->slots);
	free(l);
}

static int loop_grow(struct loop *l, int fd)
{
	struct loop_slot *s;
	int n;

	if (fd < l->nslots) {
		return 0;
	}
	n = l->nslots ? l->nslots : 64;
	while (n <= fd) {
		n *= 2;
	}
	s = realloc(l->slots, (size_t)n * sizeof(*s));
	if (s == NULL) {
		return -1;
	}
	memset(s + l->nslots, 0, (size_t)(n - l->nslots) * sizeof(*s));
	l->slots = s;
	l->nslots = n;
	return 0;
}

int loop_add_fd(struct loop *l, int fd, unsigned events, loop_fd_fn *fn,
		void *data)
{
	struct epoll_event ev;
	struct loop_slot *s;

	if (fd < 0 || loop_grow(l, fd) < 0) {
		errno = fd < 0 ? EBADF : ENOMEM;
		return -1;
	}
	s = &l->slots[fd];
	if (s->used) {
		errno = EEXIST;
		return -1;
	}
	s->gen++;
	memset(&ev, 0, sizeof(ev));
	ev.events = loop_epoll_events(events);
	ev.data.u64 = (uint64_t)(unsigned)fd | (uint64_t)s->gen << 32;
	if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
		return -1;
	}
	s->fn = fn;
	s->data = data;
	s->events = events;
	s->used = true;
	return 0;
}

int loop_mod_fd(struct loop *l, int fd, unsigned events)
{
	struct epoll_event ev;
	struct loop_slot *s;

	if (fd < 0 || fd >= l->nslots || !l->slots[fd].used) {
		errno = EBADF;
		return -1;
	}
	s = &l->slots[fd];
	if (s->events == events) {
		return 0;
	}
	memset(&ev, 0, sizeof(ev));
	ev.events = loop_epoll_events(events);
	ev.data.u64 = (uint64_t)(unsigned)fd | (uint64_t)s->gen << 32;
	if (epoll_ctl(l->epfd, EPOLL_CTL_MOD, fd, &ev) < 0) {
		return -1;
	}
	s->events = events;
	return 0;
}

void loop_del_fd(struct loop *l, int fd)
{
	if (fd < 0 || fd >= l->nslots || !l->slots[fd].used) {
		return;
	}
	epoll_ctl(l->epfd, EPOLL_CTL_DEL, fd, NULL);
	l->slots[fd].used = false;
	l->slots[fd].fn = NULL;
	l->slots[fd].data = NULL;
}

/* Arms the timerfd for the first timer, or disarms it. */
static void loop_arm(struct loop *l)
{
	struct itimerspec its;
	int64_t ms;

	memset(&its, 0, sizeof(its));
	if (l->timers != NULL) {
		ms = l->timers->due;
		its.it_value.tv_sec = ms / 1000;
		its.it_value.tv_nsec = (long)(ms % 1000) * 1000000;
		if (its.it_value.tv_sec == 0 && its.it_value.tv_nsec == 0) {
			its.it_value.tv_nsec = 1;
		}
	}
	timerfd_settime(l->tfd, TFD_TIMER_ABSTIME, &its, NULL);
}

struct loop_timer *loop_add_timer(struct loop *l, int64_t ms,
				  loop_timer_fn *fn, void *data)
{
	struct loop_timer *t = calloc(1, sizeof(*t)), **pp;

	if (t == NULL) {
		return NULL;
	}
	t->due = loop_now_ms() + (ms > 0 ? ms : 0);
	t->fn = fn;
	t->data = data;
	for (pp = &l->timers; *pp != NULL && (*pp)->due <= t->due;
	     pp = &(*pp)->next) {
	}
	t->next = *pp;
	*pp = t;
	if (l->timers == t) {
		loop_arm(l);
	}
	return t;
}

void loop_del_timer(struct loop *l, struct loop_timer *t)
{
	struct loop_timer **pp;

	for (pp = &l->timers; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			free(t);
			loop_arm(l);
			return;
		}
	}
}

static void loop_timer_fire(struct loop *l, int fd, unsigned events,
			    void *data)
{
	uint64_t expirations;
	struct loop_timer *t;
	int64_t now = loop_now_ms();

	(void)!read(l->tfd, &expirations, sizeof(expirations));
	while (l->timers != NULL && l->timers->due <= now) {
		t = l->timers;
		l->timers = t->next;
		t->fn(l, t->data);
		free(t);
	}
	loop_arm(l);
}

int loop_run_once(struct loop *l, int timeout_ms)
{
	struct epoll_event evs[LOOP_BATCH];
	struct loop_slot *s;
	unsigned events;
	uint32_t gen;
	int n, i, fd;

	l->stop = false;
	n = epoll_wait(l->epfd, evs, LOOP_BATCH, timeout_ms);
	l->wakeups++;
	if (n < 0) {
		return errno == EINTR ? 0 : -1;
	}
	for (i = 0; i < n && !l->stop; i++) {
		fd = (int)(evs[i].data.u64 & 0xffffffffu);
		gen = (uint32_t)(evs[i].data.u64 >> 32);
		if (fd >= l->nslots) {
			continue;
		}
		s = &l->slots[fd];
		if (!s->used || s->gen != gen) {
			continue;
		}
		events = 0;
		if (evs[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP |
				     EPOLLERR)) {
			events |= LOOP_READ;
		}
		if (evs[i].events & EPOLLOUT) {
			events |= LOOP_WRITE;
		}
		s->fn(l, fd, events, s->data);
	}
	return n;
}

int loop_run(struct loop *l)
{
	do {
		if (loop_run_once(l, -1) < 0) {
			return -1;
		}
	} while (!l->stop);
	return 0;
}

void loop_stop(struct loop *l)
{
	l->stop = true;
}

uint64_t loop_wakeups(const struct loop *l)
{
	return l->wakeups;
}
