/* util.h — small helpers: allocation that never returns NULL, growable buffers, time. */
#ifndef WL_UTIL_H
#define WL_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Allocation failure aborts the process (like Redis' zmalloc): a FastCGI worker is
 * replaced by its pool master, and there is no sane recovery from it mid-request. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte buffer, always NUL-terminated. */
struct buf {
	char *data;
	size_t len, cap;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Appends s with &<>"' replaced by entities. */
void buf_html(struct buf *b, const char *s);

/* Formats a UTC "YYYY-MM-DD HH:MM:SS" (as stored) in the process's local zone (TZ is set
 * from WL_TZ at start-up) into out, "YYYY-MM-DD HH:MM" by default.  Returns out; an
 * unparsable input is copied as it is. */
char *time_local(char *out, size_t outlen, const char *utc, int with_seconds);
/* The UTC time at which local day "YYYY-MM-DD" plus add days starts, as stored, into out
 * (20 bytes): the bounds of a date filter.  0, or -1 for an invalid date. */
int time_day_utc(char *out, const char *day, int add);

/* Converts a local "YYYY-MM-DD HH:MM" (or with ":SS", or a "T" between) to the stored
 * UTC "YYYY-MM-DD HH:MM:SS" in out (20 bytes).  Returns 0, or -1 when not a valid time. */
int time_utc_from_local(char *out, const char *local);

/* Monotonic clock in microseconds. */
int64_t time_us(void);

#endif
