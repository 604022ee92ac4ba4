/* util.c — allocation, buffers, time formatting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void oom(void)
{
	fputs("warmline: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return b.data;
}

void buf_init(struct buf *b)
{
	b->cap = 64;
	b->len = 0;
	b->data = xmalloc(b->cap);
	b->data[0] = '\0';
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->data[0] = '\0';
}

static void buf_grow(struct buf *b, size_t need)
{
	if (b->len + need + 1 <= b->cap)
		return;
	while (b->len + need + 1 > b->cap)
		b->cap *= 2;
	b->data = xrealloc(b->data, b->cap);
}

void buf_add(struct buf *b, const void *data, size_t len)
{
	buf_grow(b, len);
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		buf_grow(b, n);
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_html(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_add(b, s, 1);
		}
	}
}

char *time_local(char *out, size_t outlen, const char *utc, int with_seconds)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	if (!utc || !strptime(utc, "%Y-%m-%d %H:%M:%S", &tm)) {
		snprintf(out, outlen, "%s", utc ? utc : "");
		return out;
	}
	t = timegm(&tm);
	localtime_r(&t, &tm);
	strftime(out, outlen, with_seconds ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M", &tm);
	return out;
}

int time_utc_from_local(char *out, const char *local)
{
	static const char *const formats[] = { "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M",
					       "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", NULL };
	struct tm tm;
	time_t t;

	for (int i = 0; local && formats[i]; i++) {
		const char *end;
		memset(&tm, 0, sizeof(tm));
		end = strptime(local, formats[i], &tm);
		if (!end || *end)
			continue;
		tm.tm_isdst = -1;
		t = mktime(&tm);
		if (t == (time_t)-1)
			return -1;
		gmtime_r(&t, &tm);
		strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
		return 0;
	}
	return -1;
}

int64_t time_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int time_day_utc(char *out, const char *day, int add)
{
	struct tm tm, chk;
	char local[32];
	const char *end;

	memset(&tm, 0, sizeof(tm));
	end = strptime(day, "%Y-%m-%d", &tm);
	if (!end || *end)
		return -1;
	chk = tm;	/* strptime takes 2026-02-31; mktime would make it March 3rd */
	chk.tm_isdst = -1;
	if (mktime(&chk) == (time_t)-1 || chk.tm_mday != tm.tm_mday || chk.tm_mon != tm.tm_mon)
		return -1;
	tm.tm_mday += add;
	tm.tm_isdst = -1;
	if (mktime(&tm) == (time_t)-1)
		return -1;
	strftime(local, sizeof(local), "%Y-%m-%d 00:00", &tm);
	return time_utc_from_local(out, local);
}
