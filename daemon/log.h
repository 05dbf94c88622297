/*
 * log.h - the daemon's log: one line per message on stderr, which is the
 * log file ($XDG_STATE_HOME/hersh/hershd.log) once hershd has detached.
 *
 *	2026-11-20T15:30:00 hershd[4242]: server_accept: refused uid 1001
 *
 * Use the macros: they add the function name (as OpenSSH's *_f macros).
 * Messages from peers are logged with their control characters escaped.
 */
#ifndef HERSH_LOG_H
#define HERSH_LOG_H

enum log_level {
	LOG_ERROR,
	LOG_INFO,
	LOG_DEBUG,
};

/* Messages above level are dropped (default LOG_INFO). */
void log_set_level(enum log_level level);
void log_msg(enum log_level level, const char *func, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define error_f(...) log_msg(LOG_ERROR, __func__, __VA_ARGS__)
#define info_f(...) log_msg(LOG_INFO, __func__, __VA_ARGS__)
#define debug_f(...) log_msg(LOG_DEBUG, __func__, __VA_ARGS__)

#endif
