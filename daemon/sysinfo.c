/*
 * sysinfo.c - the live system from /proc and statvfs (see sysinfo.h).
 */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sysinfo.h"

/* Reads up to cap - 1 bytes of a small file into buf; -1 on failure. */
static ssize_t sysinfo_read(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n, total = 0;

	if (fd < 0) {
		return -1;
	}
	while ((size_t)total < cap - 1) {
		n = read(fd, buf + total, cap - 1 - (size_t)total);
		if (n <= 0) {
			break;
		}
		total += n;
	}
	close(fd);
	buf[total] = '\0';
	return total;
}

void sysinfo_bytes(struct buf *out, unsigned long long bytes)
{
	static const char *const units[] = { "bytes", "KiB", "MiB", "GiB", "TiB" };
	double v = (double)bytes;
	int u = 0;

	while (v >= 1024.0 && u < 4) {
		v /= 1024.0;
		u++;
	}
	if (u == 0) {
		buf_printf(out, "%llu bytes", bytes);
	} else {
		buf_printf(out, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
	}
}

static int sysinfo_fs(struct buf *out, const char *label, const char *path)
{
	struct statvfs sv;
	unsigned long long total, avail;

	if (statvfs(path, &sv) < 0 || sv.f_blocks == 0) {
		return -1;
	}
	total = (unsigned long long)sv.f_blocks * sv.f_frsize;
	avail = (unsigned long long)sv.f_bavail * sv.f_frsize;
	buf_printf(out, "%s: ", label);
	sysinfo_bytes(out, avail);
	buf_puts(out, " free of ");
	sysinfo_bytes(out, total);
	buf_printf(out, " (%llu%% used)",
		   total ? (total - avail) * 100 / total : 0);
	return 0;
}

int sysinfo_disk(struct buf *out)
{
	struct stat a, b;
	const char *home = getenv("HOME");
	size_t len = out->len;

	if (sysinfo_fs(out, "/", "/") < 0) {
		return -1;
	}
	if (home != NULL && home[0] == '/' && stat("/", &a) == 0 &&
	    stat(home, &b) == 0 && a.st_dev != b.st_dev) {
		buf_puts(out, "; ");
		if (sysinfo_fs(out, "home", home) < 0) {
			buf_truncate(out, out->len - 2);
		}
	}
	(void)len;
	buf_putc(out, '.');
	return 0;
}

/* A "Key:   123 kB" field of /proc/meminfo, in bytes. */
static int sysinfo_meminfo_field(const char *text, const char *key,
				 unsigned long long *out)
{
	const char *p = strstr(text, key);

	while (p != NULL && p != text && p[-1] != '\n') {
		p = strstr(p + 1, key);
	}
	if (p == NULL) {
		return -1;
	}
	p += strlen(key);
	while (*p == ' ' || *p == ':' || *p == '\t') {
		p++;
	}
	*out = strtoull(p, NULL, 10) * 1024ULL;
	return 0;
}

int sysinfo_memory(struct buf *out)
{
	char text[8192];
	unsigned long long total, avail, swap_total = 0, swap_free = 0;

	if (sysinfo_read("/proc/meminfo", text, sizeof(text)) <= 0 ||
	    sysinfo_meminfo_field(text, "MemTotal", &total) < 0) {
		return -1;
	}
	if (sysinfo_meminfo_field(text, "MemAvailable", &avail) < 0 &&
	    sysinfo_meminfo_field(text, "MemFree", &avail) < 0) {
		return -1;
	}
	sysinfo_bytes(out, avail);
	buf_puts(out, " of ");
	sysinfo_bytes(out, total);
	buf_printf(out, " memory is available (%llu%% in use)",
		   total ? (total - avail) * 100 / total : 0);
	if (sysinfo_meminfo_field(text, "SwapTotal", &swap_total) == 0 &&
	    sysinfo_meminfo_field(text, "SwapFree", &swap_free) == 0 &&
	    swap_total > 0) {
		buf_puts(out, "; swap: ");
		sysinfo_bytes(out, swap_total - swap_free);
		buf_puts(out, " used of ");
		sysinfo_bytes(out, swap_total);
	}
	buf_putc(out, '.');
	return 0;
}

int sysinfo_uptime(struct buf *out)
{
	char text[128];
	double up;
	long long s, d, h, m;

	if (sysinfo_read("/proc/uptime", text, sizeof(text)) <= 0 ||
	    sscanf(text, "%lf", &up) != 1) {
		return -1;
	}
	s = (long long)up;
	d = s / 86400;
	h = s % 86400 / 3600;
	m = s % 3600 / 60;
	buf_puts(out, "This machine has been up for ");
	if (d > 0) {
		buf_printf(out, "%lld day%s, ", d, d == 1 ? "" : "s");
	}
	if (d > 0 || h > 0) {
		buf_printf(out, "%lld hour%s and ", h, h == 1 ? "" : "s");
	}
	buf_printf(out, "%lld minute%s.", m, m == 1 ? "" : "s");
	return 0;
}

int sysinfo_load(struct buf *out)
{
	char text[256];
	double a, b, c;
	char stat[16384];
	long cpus = 0;
	const char *p;

	/* cpus from /proc/stat ("cpuN" lines): sysconf() may call
	 * sched_getaffinity, which the sandbox does not allow */
	if (sysinfo_read("/proc/stat", stat, sizeof(stat)) > 0) {
		for (p = strstr(stat, "\ncpu"); p != NULL; p = strstr(p + 1, "\ncpu")) {
			cpus += isdigit((unsigned char)p[4]) ? 1 : 0;
		}
	}
	if (sysinfo_read("/proc/loadavg", text, sizeof(text)) <= 0 ||
	    sscanf(text, "%lf %lf %lf", &a, &b, &c) != 3) {
		return -1;
	}
	buf_printf(out, "Load average %.2f, %.2f, %.2f (1, 5, 15 min) on %ld "
		   "CPU%s.", a, b, c, cpus, cpus == 1 ? "" : "s");
	return 0;
}

struct sysinfo_proc {
	long pid;
	char name[64];
	unsigned long long rss;		/* bytes */
	double cpu;			/* CPU seconds per second alive */
};

/* Reads /proc/<pid>/stat: name, CPU use, resident size. */
static int sysinfo_proc_read(long pid, double uptime, long tick, long page,
			     struct sysinfo_proc *p)
{
	char path[64], text[1024];
	char *open_paren, *close_paren, *f;
	unsigned long long utime = 0, stime = 0, start = 0, rss = 0;
	int field;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	if (sysinfo_read(path, text, sizeof(text)) <= 0) {
		return -1;
	}
	open_paren = strchr(text, '(');
	close_paren = strrchr(text, ')');
	if (open_paren == NULL || close_paren == NULL || close_paren < open_paren) {
		return -1;
	}
	n = (size_t)(close_paren - open_paren - 1);
	if (n >= sizeof(p->name)) {
		n = sizeof(p->name) - 1;
	}
	memcpy(p->name, open_paren + 1, n);
	p->name[n] = '\0';
	/* fields after ") ": 3 state, 14 utime, 15 stime, 22 start, 24 rss */
	f = close_paren + 2;
	for (field = 3; *f != '\0' && field <= 24; field++) {
		unsigned long long v = strtoull(f, NULL, 10);

		if (field == 14) {
			utime = v;
		} else if (field == 15) {
			stime = v;
		} else if (field == 22) {
			start = v;
		} else if (field == 24) {
			rss = v;
		}
		f = strchr(f, ' ');
		if (f == NULL) {
			break;
		}
		f++;
	}
	p->pid = pid;
	p->rss = rss * (unsigned long long)page;
	{
		double alive = uptime - (double)start / (double)tick;

		p->cpu = alive > 1.0 ? ((double)(utime + stime) / (double)tick) /
				       alive : 0.0;
	}
	return 0;
}

int sysinfo_top_process(struct buf *out, int by_cpu)
{
	char text[128];
	DIR *d;
	struct dirent *de;
	struct sysinfo_proc best, cur;
	double uptime = 0;
	long tick = sysconf(_SC_CLK_TCK), page = sysconf(_SC_PAGESIZE);
	unsigned long long total = 0;
	int found = 0;

	if (sysinfo_read("/proc/uptime", text, sizeof(text)) > 0) {
		sscanf(text, "%lf", &uptime);
	}
	if (sysinfo_read("/proc/meminfo", text, sizeof(text)) > 0) {
		sscanf(text, "MemTotal: %llu", &total);
		total *= 1024ULL;
	}
	if (tick <= 0) {
		tick = 100;
	}
	if (page <= 0) {
		page = 4096;
	}
	d = opendir("/proc");
	if (d == NULL) {
		return -1;
	}
	memset(&best, 0, sizeof(best));
	while ((de = readdir(d)) != NULL) {
		char *end;
		long pid = strtol(de->d_name, &end, 10);

		if (*end != '\0' || pid <= 0) {
			continue;
		}
		if (sysinfo_proc_read(pid, uptime, tick, page, &cur) < 0) {
			continue;
		}
		if (!found || (by_cpu ? cur.cpu > best.cpu : cur.rss > best.rss)) {
			best = cur;
			found = 1;
		}
	}
	closedir(d);
	if (!found) {
		return -1;
	}
	buf_printf(out, "%s (pid %ld) ", best.name, best.pid);
	if (by_cpu) {
		buf_printf(out, "uses the most CPU: %.0f%% of a CPU on average "
			   "since it started, with ", best.cpu * 100.0);
		sysinfo_bytes(out, best.rss);
		buf_puts(out, " resident.");
	} else {
		buf_puts(out, "uses the most memory: ");
		sysinfo_bytes(out, best.rss);
		buf_puts(out, " resident (RSS)");
		if (total > 0) {
			buf_printf(out, ", %.1f%% of RAM", (double)best.rss * 100.0 /
				   (double)total);
		}
		buf_putc(out, '.');
	}
	return 0;
}
