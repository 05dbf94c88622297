/*
 * sysinfo.h - live facts about the machine, read from /proc and
 * statvfs(3), never by running programs (the daemon may not exec).
 *
 * Each function appends a short sentence to out and returns 0, or
 * returns -1 (with nothing appended) when the fact cannot be read.
 */
#ifndef HERSH_SYSINFO_H
#define HERSH_SYSINFO_H

#include <hersh/buf.h>

/* Free space of / and of $HOME (when another file system). */
int sysinfo_disk(struct buf *out);
/* Available and total memory (MemAvailable, MemTotal), swap in use. */
int sysinfo_memory(struct buf *out);
/* Time since boot, from /proc/uptime. */
int sysinfo_uptime(struct buf *out);
/* The process with the largest resident set (by_cpu: the most CPU time
 * per second of its life), with its pid, scanning /proc/<pid>/stat. */
int sysinfo_top_process(struct buf *out, int by_cpu);
/* Load averages and CPU count from /proc/loadavg. */
int sysinfo_load(struct buf *out);

/* Formats a byte count: "53.2 GiB", "812 MiB", "940 KiB". */
void sysinfo_bytes(struct buf *out, unsigned long long bytes);

#endif
