/* test_parse.c — unit tests of the request parser (parse.c) with the Check framework. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

static struct params ps;

static void setup(void)
{
	params_init(&ps);
}

static void teardown(void)
{
	params_free(&ps);
}

static int form(const char *s)
{
	return parse_urlencoded(&ps, s, strlen(s), &parse_default_limits);
}

static int form_lim(const char *s, size_t max_fields, size_t max_name)
{
	struct parse_limits lim = parse_default_limits;

	lim.max_fields = max_fields;
	lim.max_name = max_name;
	return parse_urlencoded(&ps, s, strlen(s), &lim);
}

/* Multipart with the given boundary in a plain Content-Type; body has explicit length. */
static int mp(const char *boundary, const char *body, size_t len)
{
	char ct[160];

	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", boundary);
	return parse_multipart(&ps, ct, body, len, &parse_default_limits);
}

#define MP(body) mp("XyZ", body, sizeof(body) - 1)
#define CD "Content-Disposition: form-data; "

/* ---- utf8_valid ---- */

START_TEST(test_utf8_valid_accepts)
{
	ck_assert(utf8_valid("", 0));
	ck_assert(utf8_valid("hello", 5));
	ck_assert(utf8_valid("张三", strlen("张三")));
	ck_assert(utf8_valid("\xc2\xa9", 2));			/* U+00A9 */
	ck_assert(utf8_valid("\xef\xbf\xbd", 3));		/* U+FFFD */
	ck_assert(utf8_valid("\xf0\x9f\x98\x80", 4));		/* U+1F600 emoji */
	ck_assert(utf8_valid("\xf4\x8f\xbf\xbf", 4));		/* U+10FFFF */
	ck_assert(utf8_valid("\xed\x9f\xbf", 3));		/* U+D7FF, just below surrogates */
}
END_TEST

START_TEST(test_utf8_valid_rejects)
{
	ck_assert(!utf8_valid("\xc0\xaf", 2));			/* overlong '/' */
	ck_assert(!utf8_valid("\xc1\xbf", 2));			/* overlong */
	ck_assert(!utf8_valid("\xe0\x80\xaf", 3));		/* overlong 3-byte */
	ck_assert(!utf8_valid("\xf0\x80\x80\xaf", 4));		/* overlong 4-byte */
	ck_assert(!utf8_valid("\xed\xa0\x80", 3));		/* U+D800 surrogate */
	ck_assert(!utf8_valid("\xed\xbf\xbf", 3));		/* U+DFFF surrogate */
	ck_assert(!utf8_valid("\xf4\x90\x80\x80", 4));		/* U+110000 */
	ck_assert(!utf8_valid("\xf5\x80\x80\x80", 4));
	ck_assert(!utf8_valid("\xff", 1));
	ck_assert(!utf8_valid("\x80", 1));			/* lone continuation */
	ck_assert(!utf8_valid("\xe5\xbc", 2));			/* truncated 张 */
	ck_assert(!utf8_valid("ab\xe5", 3));			/* truncated at the end */
	ck_assert(!utf8_valid("\xe5\x41\xa0", 3));		/* bad continuation */
	ck_assert(!utf8_valid("a\0b", 3));			/* NUL */
}
END_TEST

/* ---- urlencoded ---- */

START_TEST(test_form_chinese)
{
	ck_assert_int_eq(form("name=%E5%BC%A0%E4%B8%89&city=%e5%8c%97%e4%ba%ac"), PARSE_OK);
	ck_assert_uint_eq(ps.n, 2);
	ck_assert_str_eq(params_get(&ps, "name"), "张三");
	ck_assert_str_eq(params_get(&ps, "city"), "北京");
	ck_assert_uint_eq(ps.v[0].len, strlen("张三"));
	ck_assert_ptr_null(ps.v[0].filename);
}
END_TEST

START_TEST(test_form_chinese_name_raw_utf8)
{
	ck_assert_int_eq(form("%E5%A4%87%E6%B3%A8=%E6%97%A0&x=raw 张"), PARSE_OK);
	ck_assert_str_eq(params_get(&ps, "备注"), "无");
	ck_assert_str_eq(params_get(&ps, "x"), "raw 张");
}
END_TEST

START_TEST(test_form_plus_is_space)
{
	ck_assert_int_eq(form("q=hello+world&sum=1%2B1%3D2&n=+"), PARSE_OK);
	ck_assert_str_eq(params_get(&ps, "q"), "hello world");
	ck_assert_str_eq(params_get(&ps, "sum"), "1+1=2");
	ck_assert_str_eq(params_get(&ps, "n"), " ");
}
END_TEST

START_TEST(test_form_empty_pairs_and_flags)
{
	ck_assert_int_eq(form("&a=1&&b=2&flag&=&c=&"), PARSE_OK);
	ck_assert_uint_eq(ps.n, 4);
	ck_assert_str_eq(ps.v[0].name, "a");
	ck_assert_str_eq(ps.v[1].name, "b");
	ck_assert_str_eq(params_get(&ps, "flag"), "");
	ck_assert_uint_eq(params_find(&ps, "flag")->len, 0);
	ck_assert_str_eq(params_get(&ps, "c"), "");
	ck_assert_ptr_null(params_get(&ps, "missing"));
}
END_TEST

START_TEST(test_form_semicolon_not_separator)
{
	ck_assert_int_eq(form("a=1;b=2&c=x=y"), PARSE_OK);
	ck_assert_uint_eq(ps.n, 2);
	ck_assert_str_eq(params_get(&ps, "a"), "1;b=2");
	ck_assert_str_eq(params_get(&ps, "c"), "x=y");
}
END_TEST

START_TEST(test_form_repeated_name_first_wins)
{
	ck_assert_int_eq(form("tag=a&tag=b"), PARSE_OK);
	ck_assert_uint_eq(ps.n, 2);
	ck_assert_str_eq(params_get(&ps, "tag"), "a");
	ck_assert_str_eq(ps.v[1].value, "b");
}
END_TEST

START_TEST(test_form_bad_percent)
{
	ck_assert_int_eq(form("a=%zz"), PARSE_BAD_PERCENT);
	params_free(&ps);
	ck_assert_int_eq(form("a=1&b=%4"), PARSE_BAD_PERCENT);
	ck_assert_uint_eq(ps.n, 1);	/* fields before the error stay */
	ck_assert_str_eq(params_get(&ps, "a"), "1");
	params_free(&ps);
	ck_assert_int_eq(form("a=%"), PARSE_BAD_PERCENT);
	params_free(&ps);
	ck_assert_int_eq(form("%G1=x"), PARSE_BAD_PERCENT);
	params_free(&ps);
	ck_assert_int_eq(form("a=100%&b=1"), PARSE_BAD_PERCENT);
}
END_TEST

START_TEST(test_form_bad_utf8)
{
	ck_assert_int_eq(form("path=%C0%AF"), PARSE_BAD_UTF8);		/* overlong '/' */
	params_free(&ps);
	ck_assert_int_eq(form("s=%ED%A0%80"), PARSE_BAD_UTF8);		/* surrogate */
	params_free(&ps);
	ck_assert_int_eq(form("s=ab%00cd"), PARSE_BAD_UTF8);		/* NUL */
	params_free(&ps);
	ck_assert_int_eq(form("a%00b=1"), PARSE_BAD_UTF8);		/* NUL in name */
	params_free(&ps);
	ck_assert_int_eq(form("s=%E5%BC"), PARSE_BAD_UTF8);		/* truncated 张 */
	params_free(&ps);
	ck_assert_int_eq(form("s=%FF"), PARSE_BAD_UTF8);
	ck_assert_uint_eq(ps.n, 0);
}
END_TEST

START_TEST(test_form_raw_nul_byte)
{
	ck_assert_int_eq(parse_urlencoded(&ps, "a=1\0&b=2", 8, NULL), PARSE_BAD_UTF8);
}
END_TEST

START_TEST(test_form_empty_name)
{
	ck_assert_int_eq(form("a=1&=2"), PARSE_BAD_REQUEST);
	params_free(&ps);
	ck_assert_int_eq(form("="), PARSE_OK);
	ck_assert_uint_eq(ps.n, 0);
}
END_TEST

START_TEST(test_form_empty_buffer)
{
	ck_assert_int_eq(parse_urlencoded(&ps, NULL, 0, NULL), PARSE_OK);
	ck_assert_int_eq(parse_urlencoded(&ps, "", 0, NULL), PARSE_OK);
	ck_assert_uint_eq(ps.n, 0);
}
END_TEST

START_TEST(test_form_length_not_nul)
{
	/* Only len bytes count, as for a body read from the socket. */
	ck_assert_int_eq(parse_urlencoded(&ps, "a=12345&b=2", 4, NULL), PARSE_OK);
	ck_assert_uint_eq(ps.n, 1);
	ck_assert_str_eq(params_get(&ps, "a"), "12");
}
END_TEST

START_TEST(test_form_too_many)
{
	ck_assert_int_eq(form_lim("a=1&b=2&c=3", 3, 256), PARSE_OK);
	ck_assert_uint_eq(ps.n, 3);
	params_free(&ps);
	ck_assert_int_eq(form_lim("a=1&b=2&c=3&d=4", 3, 256), PARSE_TOO_MANY);
	ck_assert_uint_eq(ps.n, 3);
	params_free(&ps);
	ck_assert_int_eq(form_lim("a=1&&&&b=2&&&c=3&", 3, 256), PARSE_OK);	/* skipped pairs don't count */
}
END_TEST

START_TEST(test_form_default_limit_fields)
{
	size_t i, len = 0;
	char *buf = malloc(1001 * 8 + 1);

	for (i = 0; i < 1001; i++)
		len += sprintf(buf + len, "f%zu=1&", i);
	ck_assert_int_eq(parse_urlencoded(&ps, buf, len, &parse_default_limits), PARSE_TOO_MANY);
	ck_assert_uint_eq(ps.n, 1000);
	free(buf);
}
END_TEST

START_TEST(test_form_name_too_long)
{
	ck_assert_int_eq(form_lim("abcd=1", 1000, 4), PARSE_OK);
	ck_assert_int_eq(form_lim("%61bcd=2", 1000, 4), PARSE_OK);	/* decoded length counts */
	ck_assert_int_eq(form_lim("abcde=1", 1000, 4), PARSE_TOO_LARGE);
	ck_assert_uint_eq(ps.n, 2);
	params_free(&ps);
	ck_assert_int_eq(form_lim("%E5%BC%A0%E4%B8%89=1", 1000, 5), PARSE_TOO_LARGE); /* 6 bytes */
}
END_TEST

/* ---- cookies ---- */

START_TEST(test_cookies_basic)
{
	ck_assert_int_eq(parse_cookies(&ps, "wl_sid=abc_DEF-123; wl_lang=zh_CN", NULL), PARSE_OK);
	ck_assert_uint_eq(ps.n, 2);
	ck_assert_str_eq(params_get(&ps, "wl_sid"), "abc_DEF-123");
	ck_assert_str_eq(params_get(&ps, "wl_lang"), "zh_CN");
}
END_TEST

START_TEST(test_cookies_spaces_quotes)
{
	ck_assert_int_eq(parse_cookies(&ps, "  a = 1 ;b=\"quoted value\";\tc=\"\"; d=x%20y;e=\"", NULL),
			 PARSE_OK);
	ck_assert_uint_eq(ps.n, 5);
	ck_assert_str_eq(params_get(&ps, "a"), "1");
	ck_assert_str_eq(params_get(&ps, "b"), "quoted value");
	ck_assert_uint_eq(params_find(&ps, "b")->len, 12);
	ck_assert_str_eq(params_get(&ps, "c"), "");
	ck_assert_str_eq(params_get(&ps, "d"), "x%20y");	/* not percent decoded */
	ck_assert_str_eq(params_get(&ps, "e"), "\"");
}
END_TEST

START_TEST(test_cookies_garbage_skipped)
{
	ck_assert_int_eq(parse_cookies(&ps, ";;=orphan; novalue; ok=1; bad\xff=1; v=\xc0\xaf; "
				       "sp ace=1; ctl=a\x01z; ; last=\xe5\xbc\xa0;", NULL), PARSE_OK);
	ck_assert_uint_eq(ps.n, 2);
	ck_assert_str_eq(params_get(&ps, "ok"), "1");
	ck_assert_str_eq(params_get(&ps, "last"), "张");
	ck_assert_int_eq(parse_cookies(&ps, "", NULL), PARSE_OK);
	ck_assert_int_eq(parse_cookies(&ps, NULL, NULL), PARSE_OK);
	ck_assert_uint_eq(ps.n, 2);
}
END_TEST

START_TEST(test_cookies_too_many)
{
	struct parse_limits lim = parse_default_limits;

	lim.max_fields = 2;
	ck_assert_int_eq(parse_cookies(&ps, "a=1; junk; b=2", &lim), PARSE_OK);
	params_free(&ps);
	ck_assert_int_eq(parse_cookies(&ps, "a=1; b=2; c=3", &lim), PARSE_TOO_MANY);
	ck_assert_uint_eq(ps.n, 2);
}
END_TEST

/* ---- multipart ---- */

static const char file_bytes[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\r\n--XyZ no\n\xff";

START_TEST(test_mp_text_and_file_crlf)
{
	char body[512];
	size_t n = 0;

	n += sprintf(body + n, "--XyZ\r\n" CD "name=\"title\"\r\n\r\n%s\r\n", "报告 2024");
	n += sprintf(body + n, "--XyZ\r\n" CD "name=\"photo\"; filename=\"图.png\"\r\n"
		     "Content-Type: image/png\r\n\r\n");
	memcpy(body + n, file_bytes, sizeof(file_bytes) - 1);
	n += sizeof(file_bytes) - 1;
	n += sprintf(body + n, "\r\n--XyZ--\r\n");

	ck_assert_int_eq(mp("XyZ", body, n), PARSE_OK);
	ck_assert_uint_eq(ps.n, 2);
	ck_assert_str_eq(params_get(&ps, "title"), "报告 2024");
	ck_assert_ptr_null(ps.v[0].filename);
	ck_assert_ptr_null(ps.v[0].ctype);
	ck_assert_ptr_null(params_get(&ps, "photo"));	/* files are not text values */
	ck_assert_str_eq(params_find(&ps, "photo")->filename, "图.png");
	ck_assert_str_eq(ps.v[1].ctype, "image/png");
	ck_assert_uint_eq(ps.v[1].len, sizeof(file_bytes) - 1);
	ck_assert(!memcmp(ps.v[1].value, file_bytes, sizeof(file_bytes) - 1));
	ck_assert_int_eq(ps.v[1].value[ps.v[1].len], '\0');
}
END_TEST

START_TEST(test_mp_lf_only)
{
	ck_assert_int_eq(MP("--XyZ\n" CD "name=\"a\"\n\nline1\nline2\n"
			    "--XyZ\n" CD "name=\"b\"\n\n\n--XyZ--"), PARSE_OK);
	ck_assert_uint_eq(ps.n, 2);
	ck_assert_str_eq(params_get(&ps, "a"), "line1\nline2");
	ck_assert_str_eq(params_get(&ps, "b"), "");
}
END_TEST

START_TEST(test_mp_crlf_kept_inside_value)
{
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=\"msg\"\r\n\r\nline1\r\n\r\nline3\r\n--XyZ--\r\n"),
			 PARSE_OK);
	ck_assert_str_eq(params_get(&ps, "msg"), "line1\r\n\r\nline3");
}
END_TEST

START_TEST(test_mp_bare_lf_lines)
{
	/* Body lines that are a bare "\n" (ClearSilver reads before the buffer here). */
	ck_assert_int_eq(MP("--XyZ\n" CD "name=\"nl\"\n\n\n\n--XyZ\n" CD "name=\"f\"; filename=\"n.txt\"\n"
			    "\n\n--XyZ\n" CD "name=\"e\"\n\n\n--XyZ--\n"), PARSE_OK);
	ck_assert_uint_eq(ps.n, 3);
	ck_assert_str_eq(params_get(&ps, "nl"), "\n");
	ck_assert_uint_eq(params_find(&ps, "f")->len, 0);
	ck_assert_str_eq(params_get(&ps, "e"), "");
}
END_TEST

START_TEST(test_mp_bare_lf_exact_buffer)
{
	/* A heap buffer of exactly the body, so ASan sees any read outside it. */
	static const char src[] = "\n--XyZ\n" CD "name=\"a\"\n\n\n--XyZ--";
	char *body = malloc(sizeof(src) - 1);

	memcpy(body, src, sizeof(src) - 1);
	ck_assert_int_eq(mp("XyZ", body, sizeof(src) - 1), PARSE_OK);
	ck_assert_str_eq(params_get(&ps, "a"), "");
	params_free(&ps);
	ck_assert_int_eq(mp("XyZ", body, 1), PARSE_BAD_MULTIPART);
	ck_assert_int_eq(mp("XyZ", body, sizeof(src) - 3), PARSE_BAD_MULTIPART);	/* "--XyZ" */
	free(body);
}
END_TEST

START_TEST(test_mp_empty_part_value)
{
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=\"a\"\r\n\r\n\r\n--XyZ--"), PARSE_OK);
	ck_assert_str_eq(params_get(&ps, "a"), "");
	params_free(&ps);
	/* The blank line doubles as the delimiter's line end: an empty value. */
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=\"a\"\r\n\r\n--XyZ--"), PARSE_OK);
	ck_assert_str_eq(params_get(&ps, "a"), "");
}
END_TEST

START_TEST(test_mp_preamble_epilogue)
{
	ck_assert_int_eq(MP("This is a preamble --XyZ not here\r\n--XyZ  \r\n" CD "name=a\r\n\r\n1\r\n"
			    "--XyZ--\r\nepilogue\r\n--XyZ\r\n" CD "name=b\r\n\r\n2\r\n--XyZ--"),
			 PARSE_OK);
	ck_assert_uint_eq(ps.n, 1);
	ck_assert_str_eq(params_get(&ps, "a"), "1");
	ck_assert_ptr_null(params_get(&ps, "b"));
}
END_TEST

START_TEST(test_mp_boundary_prefix_in_content)
{
	/* "--XyZabc" inside a value is not a delimiter. */
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=a\r\n\r\nx\r\n--XyZabc\r\n--XyZ-\r\n--XyZ--"), PARSE_OK);
	ck_assert_str_eq(params_get(&ps, "a"), "x\r\n--XyZabc\r\n--XyZ-");
	ck_assert_uint_eq(ps.n, 1);
}
END_TEST

START_TEST(test_mp_quoted_boundary)
{
	static const char body[] = "--a b:c?\r\n" CD "name=\"x\"\r\n\r\nquoted\r\n--a b:c?--\r\n";

	ck_assert_int_eq(parse_multipart(&ps, "Multipart/Form-Data; charset=UTF-8; BOUNDARY=\"a b:c?\"",
					 body, sizeof(body) - 1, NULL), PARSE_OK);
	ck_assert_str_eq(params_get(&ps, "x"), "quoted");
}
END_TEST

START_TEST(test_mp_browser_boundary)
{
	static const char body[] = "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
		CD "name=\"q\"\r\n\r\nok\r\n------WebKitFormBoundary7MA4YWxkTrZu0gW--\r\n";

	ck_assert_int_eq(parse_multipart(&ps, "multipart/form-data; boundary=----WebKitFormBoundary"
					 "7MA4YWxkTrZu0gW", body, sizeof(body) - 1, NULL), PARSE_OK);
	ck_assert_str_eq(params_get(&ps, "q"), "ok");
}
END_TEST

START_TEST(test_mp_bad_content_type)
{
	static const char body[] = "--XyZ\r\n" CD "name=a\r\n\r\n1\r\n--XyZ--";
	char b71[80], ct[120];

	ck_assert_int_eq(parse_multipart(&ps, "multipart/form-data", body, sizeof(body) - 1, NULL),
			 PARSE_BAD_MULTIPART);
	ck_assert_int_eq(parse_multipart(&ps, "text/plain; boundary=XyZ", body, sizeof(body) - 1, NULL),
			 PARSE_BAD_MULTIPART);
	ck_assert_int_eq(parse_multipart(&ps, "multipart/form-data; boundary=\"XyZ", body,
					 sizeof(body) - 1, NULL), PARSE_BAD_MULTIPART);
	ck_assert_int_eq(parse_multipart(&ps, "multipart/form-data; boundary=", body,
					 sizeof(body) - 1, NULL), PARSE_BAD_MULTIPART);
	ck_assert_int_eq(parse_multipart(&ps, NULL, body, sizeof(body) - 1, NULL), PARSE_BAD_MULTIPART);
	memset(b71, 'b', 71);
	b71[71] = '\0';
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", b71);
	ck_assert_int_eq(parse_multipart(&ps, ct, body, sizeof(body) - 1, NULL), PARSE_BAD_MULTIPART);
	ck_assert_uint_eq(ps.n, 0);
}
END_TEST

START_TEST(test_mp_boundary_70)
{
	char b[71], body[300];
	size_t n;

	memset(b, 'b', 70);
	b[70] = '\0';
	n = sprintf(body, "--%s\r\n" CD "name=a\r\n\r\nlong\r\n--%s--\r\n", b, b);
	ck_assert_int_eq(mp(b, body, n), PARSE_OK);
	ck_assert_str_eq(params_get(&ps, "a"), "long");
}
END_TEST

START_TEST(test_mp_missing_final_boundary)
{
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=a\r\n\r\n1\r\n--XyZ\r\n" CD "name=b\r\n\r\n2\r\n"),
			 PARSE_BAD_MULTIPART);
	params_free(&ps);
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=a\r\n\r\n1\r\n--XyZ"), PARSE_BAD_MULTIPART);
	params_free(&ps);
	ck_assert_int_eq(MP("no delimiter at all"), PARSE_BAD_MULTIPART);
	ck_assert_int_eq(mp("XyZ", "", 0), PARSE_BAD_MULTIPART);
	ck_assert_int_eq(MP("--XyZ--\r\n"), PARSE_OK);	/* an empty form */
	ck_assert_uint_eq(ps.n, 0);
}
END_TEST

START_TEST(test_mp_malformed_headers)
{
	ck_assert_int_eq(MP("--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--"), PARSE_BAD_MULTIPART);
	ck_assert_int_eq(MP("--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\n1\r\n--XyZ--"),
			 PARSE_BAD_MULTIPART);
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=a\r\n1\r\n--XyZ--"), PARSE_BAD_MULTIPART);
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=\"a\r\n\r\n1\r\n--XyZ--"), PARSE_BAD_MULTIPART);
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=\"a\" junk\r\n\r\n1\r\n--XyZ--"), PARSE_BAD_MULTIPART);
	ck_assert_int_eq(MP("--XyZ\r\nno colon here\r\n" CD "name=a\r\n\r\n1\r\n--XyZ--"),
			 PARSE_BAD_MULTIPART);
	ck_assert_int_eq(MP("--XyZ\r\n--XyZ--"), PARSE_BAD_MULTIPART);
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=\"\"\r\n\r\n1\r\n--XyZ--"), PARSE_BAD_REQUEST);
	ck_assert_uint_eq(ps.n, 0);
}
END_TEST

START_TEST(test_mp_repeated_disposition)
{
	/* Two Content-Disposition headers (or two names) are ambiguous: refused, nothing leaks. */
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=\"a\"\r\n" CD "name=\"b\"; filename=\"x\"\r\n\r\n"
			    "1\r\n--XyZ--"), PARSE_BAD_MULTIPART);
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=\"a\"; name=\"b\"\r\n\r\n1\r\n--XyZ--"),
			 PARSE_BAD_MULTIPART);
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=a; filename=x; filename=y\r\n\r\n1\r\n--XyZ--"),
			 PARSE_BAD_MULTIPART);
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=a; filename=x\r\nContent-Type: a/b\r\n"
			    "Content-Type: c/d\r\n\r\n1\r\n--XyZ--"), PARSE_BAD_MULTIPART);
	ck_assert_uint_eq(ps.n, 0);
}
END_TEST

START_TEST(test_mp_quoted_names)
{
	ck_assert_int_eq(MP("--XyZ\r\ncontent-disposition:form-data;name=\"a\\\"b\";"
			    "filename=\"C:\\dir\\f \\\\x.txt\"; filename*=UTF-8''x\r\n"
			    "Content-Type:  text/plain  \r\n\r\nabc\r\n"
			    "--XyZ\r\n" CD "name=\"备注\"\r\n\r\n无\r\n--XyZ--"), PARSE_OK);
	ck_assert_uint_eq(ps.n, 2);
	ck_assert_str_eq(ps.v[0].name, "a\"b");
	ck_assert_str_eq(ps.v[0].filename, "C:\\dir\\f \\x.txt");
	ck_assert_str_eq(ps.v[0].ctype, "text/plain");
	ck_assert_str_eq(params_get(&ps, "备注"), "无");
}
END_TEST

START_TEST(test_mp_empty_file_input)
{
	/* What a browser sends for a file input left empty. */
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=\"doc\"; filename=\"\"\r\n"
			    "Content-Type: application/octet-stream\r\n\r\n\r\n--XyZ--\r\n"), PARSE_OK);
	ck_assert_str_eq(params_find(&ps, "doc")->filename, "");
	ck_assert_uint_eq(params_find(&ps, "doc")->len, 0);
}
END_TEST

START_TEST(test_mp_text_utf8)
{
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=a\r\n\r\n\xc0\xaf\r\n--XyZ--"), PARSE_BAD_UTF8);
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=a\r\n\r\nx\0y\r\n--XyZ--"), PARSE_BAD_UTF8);
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=\"\xed\xa0\x80\"\r\n\r\nx\r\n--XyZ--"), PARSE_BAD_UTF8);
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=\"a\0b\"\r\n\r\nx\r\n--XyZ--"), PARSE_BAD_UTF8);
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=a; filename=\"\xff.bin\"\r\n\r\nx\r\n--XyZ--"),
			 PARSE_BAD_UTF8);
	ck_assert_uint_eq(ps.n, 0);
	/* The same bytes in a file part are kept. */
	ck_assert_int_eq(MP("--XyZ\r\n" CD "name=a; filename=b\r\n\r\n\xc0\xaf\0\r\n--XyZ--"), PARSE_OK);
	ck_assert_uint_eq(ps.v[0].len, 3);
	ck_assert(!memcmp(ps.v[0].value, "\xc0\xaf\0", 3));
	ck_assert_ptr_null(ps.v[0].ctype);
}
END_TEST

START_TEST(test_mp_part_too_large)
{
	struct parse_limits lim = parse_default_limits;
	static const char ok[] = "--XyZ\r\n" CD "name=a; filename=f\r\n\r\n12345\r\n--XyZ--";
	static const char big[] = "--XyZ\r\n" CD "name=a\r\n\r\n123456\r\n--XyZ--";

	lim.max_part = 5;
	ck_assert_int_eq(parse_multipart(&ps, "multipart/form-data; boundary=XyZ", ok, sizeof(ok) - 1,
					 &lim), PARSE_OK);
	ck_assert_uint_eq(ps.v[0].len, 5);
	params_free(&ps);
	ck_assert_int_eq(parse_multipart(&ps, "multipart/form-data; boundary=XyZ", big, sizeof(big) - 1,
					 &lim), PARSE_TOO_LARGE);
	ck_assert_uint_eq(ps.n, 0);
}
END_TEST

START_TEST(test_mp_too_many_files)
{
	struct parse_limits lim = parse_default_limits;
	char body[1024];
	size_t n = 0;
	int i;

	lim.max_files = 2;
	for (i = 0; i < 3; i++)
		n += sprintf(body + n, "--XyZ\r\n" CD "name=\"t%d\"\r\n\r\ntext\r\n"
			     "--XyZ\r\n" CD "name=\"f%d\"; filename=\"%d.txt\"\r\n\r\nfile\r\n", i, i, i);
	n += sprintf(body + n, "--XyZ--\r\n");
	ck_assert_int_eq(parse_multipart(&ps, "multipart/form-data; boundary=XyZ", body, n, &lim),
			 PARSE_TOO_MANY);
	ck_assert_uint_eq(ps.n, 5);	/* t0 f0 t1 f1 t2 */
	ck_assert_str_eq(params_find(&ps, "f1")->filename, "1.txt");
	params_free(&ps);
	lim.max_files = 3;
	lim.max_fields = 5;
	ck_assert_int_eq(parse_multipart(&ps, "multipart/form-data; boundary=XyZ", body, n, &lim),
			 PARSE_TOO_MANY);
	ck_assert_uint_eq(ps.n, 5);
}
END_TEST

START_TEST(test_mp_name_too_long)
{
	struct parse_limits lim = parse_default_limits;
	static const char body[] = "--XyZ\r\n" CD "name=\"abcde\"\r\n\r\n1\r\n--XyZ--";

	lim.max_name = 4;
	ck_assert_int_eq(parse_multipart(&ps, "multipart/form-data; boundary=XyZ", body,
					 sizeof(body) - 1, &lim), PARSE_TOO_LARGE);
}
END_TEST

/* ---- paths and the rest ---- */

START_TEST(test_path_decode)
{
	char p1[] = "/staff/%E5%BC%A0%e4%b8%89+x/a%20b";
	char p2[] = "/plain/path";
	char p3[] = "";

	ck_assert_int_eq(parse_path(p1), PARSE_OK);
	ck_assert_str_eq(p1, "/staff/张三+x/a b");
	ck_assert_int_eq(parse_path(p2), PARSE_OK);
	ck_assert_str_eq(p2, "/plain/path");
	ck_assert_int_eq(parse_path(p3), PARSE_OK);
	ck_assert_str_eq(p3, "");
}
END_TEST

START_TEST(test_path_errors)
{
	char bad1[] = "/a%2", bad2[] = "/a%zz/b", bad3[] = "/a%00b", bad4[] = "/%C0%AF..",
	     bad5[] = "/%ED%A0%80", bad6[] = "/x%", bad7[] = "/\xff";

	ck_assert_int_eq(parse_path(bad1), PARSE_BAD_PERCENT);
	ck_assert_int_eq(parse_path(bad2), PARSE_BAD_PERCENT);
	ck_assert_int_eq(parse_path(bad3), PARSE_BAD_UTF8);
	ck_assert_int_eq(parse_path(bad4), PARSE_BAD_UTF8);
	ck_assert_int_eq(parse_path(bad5), PARSE_BAD_UTF8);
	ck_assert_int_eq(parse_path(bad6), PARSE_BAD_PERCENT);
	ck_assert_int_eq(parse_path(bad7), PARSE_BAD_UTF8);
	ck_assert_int_eq(parse_path(NULL), PARSE_BAD_REQUEST);
}
END_TEST

START_TEST(test_strerror_keys)
{
	ck_assert_str_eq(parse_strerror(PARSE_BAD_PERCENT), "err.bad_percent");
	ck_assert_str_eq(parse_strerror(PARSE_BAD_UTF8), "err.bad_utf8");
	ck_assert_str_eq(parse_strerror(PARSE_TOO_LARGE), "err.too_large");
	ck_assert_str_eq(parse_strerror(PARSE_TOO_MANY), "err.too_many");
	ck_assert_str_eq(parse_strerror(PARSE_BAD_MULTIPART), "err.bad_multipart");
	ck_assert_str_eq(parse_strerror(PARSE_BAD_REQUEST), "err.bad_request");
	ck_assert_str_eq(parse_strerror(PARSE_NOMEM), "err.nomem");
	ck_assert_str_eq(parse_strerror(12345), "err.bad_request");
}
END_TEST

START_TEST(test_default_limits)
{
	ck_assert_uint_eq(parse_default_limits.max_fields, 1000);
	ck_assert_uint_eq(parse_default_limits.max_files, 16);
	ck_assert_uint_eq(parse_default_limits.max_part, 20 * 1024 * 1024);
	ck_assert_uint_eq(parse_default_limits.max_name, 256);
}
END_TEST

START_TEST(test_params_free_reuse)
{
	ck_assert_int_eq(form("a=1&b=2"), PARSE_OK);
	params_free(&ps);
	ck_assert_uint_eq(ps.n, 0);
	ck_assert_ptr_null(ps.v);
	params_free(&ps);	/* twice is harmless */
	ck_assert_int_eq(form("c=3"), PARSE_OK);
	ck_assert_str_eq(params_get(&ps, "c"), "3");
	ck_assert_ptr_null(params_find(&ps, NULL));
	ck_assert_ptr_null(params_get(NULL, "c"));
}
END_TEST

static Suite *parse_suite(void)
{
	Suite *s = suite_create("parse");
	TCase *tc;

	tc = tcase_create("utf8");
	tcase_add_test(tc, test_utf8_valid_accepts);
	tcase_add_test(tc, test_utf8_valid_rejects);
	suite_add_tcase(s, tc);

	tc = tcase_create("urlencoded");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_form_chinese);
	tcase_add_test(tc, test_form_chinese_name_raw_utf8);
	tcase_add_test(tc, test_form_plus_is_space);
	tcase_add_test(tc, test_form_empty_pairs_and_flags);
	tcase_add_test(tc, test_form_semicolon_not_separator);
	tcase_add_test(tc, test_form_repeated_name_first_wins);
	tcase_add_test(tc, test_form_bad_percent);
	tcase_add_test(tc, test_form_bad_utf8);
	tcase_add_test(tc, test_form_raw_nul_byte);
	tcase_add_test(tc, test_form_empty_name);
	tcase_add_test(tc, test_form_empty_buffer);
	tcase_add_test(tc, test_form_length_not_nul);
	tcase_add_test(tc, test_form_too_many);
	tcase_add_test(tc, test_form_default_limit_fields);
	tcase_add_test(tc, test_form_name_too_long);
	suite_add_tcase(s, tc);

	tc = tcase_create("cookies");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_cookies_basic);
	tcase_add_test(tc, test_cookies_spaces_quotes);
	tcase_add_test(tc, test_cookies_garbage_skipped);
	tcase_add_test(tc, test_cookies_too_many);
	suite_add_tcase(s, tc);

	tc = tcase_create("multipart");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_mp_text_and_file_crlf);
	tcase_add_test(tc, test_mp_lf_only);
	tcase_add_test(tc, test_mp_crlf_kept_inside_value);
	tcase_add_test(tc, test_mp_bare_lf_lines);
	tcase_add_test(tc, test_mp_bare_lf_exact_buffer);
	tcase_add_test(tc, test_mp_empty_part_value);
	tcase_add_test(tc, test_mp_preamble_epilogue);
	tcase_add_test(tc, test_mp_boundary_prefix_in_content);
	tcase_add_test(tc, test_mp_quoted_boundary);
	tcase_add_test(tc, test_mp_browser_boundary);
	tcase_add_test(tc, test_mp_bad_content_type);
	tcase_add_test(tc, test_mp_boundary_70);
	tcase_add_test(tc, test_mp_missing_final_boundary);
	tcase_add_test(tc, test_mp_malformed_headers);
	tcase_add_test(tc, test_mp_repeated_disposition);
	tcase_add_test(tc, test_mp_quoted_names);
	tcase_add_test(tc, test_mp_empty_file_input);
	tcase_add_test(tc, test_mp_text_utf8);
	tcase_add_test(tc, test_mp_part_too_large);
	tcase_add_test(tc, test_mp_too_many_files);
	tcase_add_test(tc, test_mp_name_too_long);
	suite_add_tcase(s, tc);

	tc = tcase_create("misc");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_path_decode);
	tcase_add_test(tc, test_path_errors);
	tcase_add_test(tc, test_strerror_keys);
	tcase_add_test(tc, test_default_limits);
	tcase_add_test(tc, test_params_free_reuse);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(parse_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
