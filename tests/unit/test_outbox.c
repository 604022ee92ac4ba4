/* test_outbox.c — unit tests of lib/outbox.c's pure parts: templates, SMS sizes and
 * parts (UCS-2 70/67, GSM-7 160/153, escapes and surrogate pairs never split), RFC 2047
 * subjects, e-mail address shape, the back-off.  Expected values computed by hand. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "outbox.h"

/* n copies of s */
static char *rep(const char *s, int n)
{
	size_t len = strlen(s);
	char *out = malloc(len * (size_t)n + 1);

	for (int i = 0; i < n; i++)
		memcpy(out + len * (size_t)i, s, len);
	out[len * (size_t)n] = '\0';
	return out;
}

static void size_is(const char *text, int ucs2, int units, int segments)
{
	struct sms_size sz;

	sms_measure(&sz, text);
	ck_assert_int_eq(sz.ucs2, ucs2);
	ck_assert_int_eq(sz.units, units);
	ck_assert_int_eq(sz.segments, segments);
}

START_TEST(templates)
{
	const char *vars[] = { "number", "20261122-0001", "technician", "王建国", "window",
			       "预计14:00–16:00上门", NULL };
	char *s = outbox_render("工单{number}已派工给{technician}师傅，{window}。", vars);

	ck_assert_str_eq(s, "工单20261122-0001已派工给王建国师傅，预计14:00–16:00上门。");
	free(s);
	/* unknown, empty, unclosed, upper-case and nested braces stay as they are */
	s = outbox_render("{x}{}{number{number}}{Number}{", vars);
	ck_assert_str_eq(s, "{x}{}{number20261122-0001}{Number}{");
	free(s);
	s = outbox_render("", vars);
	ck_assert_str_eq(s, "");
	free(s);
	/* a value holding a placeholder is not expanded again */
	s = outbox_render("{a}", (const char *[]){ "a", "{b}", "b", "x", NULL });
	ck_assert_str_eq(s, "{b}");
	free(s);
}
END_TEST

START_TEST(sms_ucs2)
{
	char *t70 = rep("暖", 70), *t71 = rep("暖", 71), *t134 = rep("暖", 134);
	char *t135 = rep("暖", 135);
	size_t starts[4];

	size_is("", 0, 0, 0);
	size_is("你好", 1, 2, 1);
	size_is(t70, 1, 70, 1);
	size_is(t71, 1, 71, 2);
	size_is(t134, 1, 134, 2);
	size_is(t135, 1, 135, 3);
	ck_assert_int_eq(sms_split(starts, 4, t71), 2);
	ck_assert_uint_eq(starts[0], 0);
	ck_assert_uint_eq(starts[1], 67 * 3);	/* 3 bytes per character */
	ck_assert_int_eq(sms_split(starts, 4, t135), 3);
	ck_assert_uint_eq(starts[2], 134 * 3);
	/* one Chinese character makes the whole text UCS-2 */
	size_is("Your order is ready. 谢谢", 1, 23, 1);
	free(t70);
	free(t71);
	free(t134);
	free(t135);
}
END_TEST

START_TEST(sms_surrogates)
{
	/* U+1F600 is two UTF-16 units: 69 + 2 = 71 units, two parts */
	char *a = rep("暖", 69), *b = rep("暖", 66), *c = rep("暖", 10), *t, *u;
	size_t starts[3];

	t = malloc(strlen(a) + 5);
	strcpy(t, a);
	strcat(t, "😀");
	size_is(t, 1, 71, 2);
	/* 66 characters, then the pair would need units 67 and 68: it opens part two */
	u = malloc(strlen(b) + strlen(c) + 5);
	strcpy(u, b);
	strcat(u, "😀");
	strcat(u, c);
	size_is(u, 1, 78, 2);
	ck_assert_int_eq(sms_split(starts, 3, u), 2);
	ck_assert_uint_eq(starts[1], 66 * 3);
	free(a);
	free(b);
	free(c);
	free(t);
	free(u);
}
END_TEST

START_TEST(sms_gsm7)
{
	char *a160 = rep("a", 160), *a161 = rep("a", 161), *a306 = rep("a", 306);
	char *a307 = rep("a", 307), *b80 = rep("{", 80), *b81 = rep("{", 81);
	size_t starts[3];

	size_is("Hello", 0, 5, 1);
	size_is(a160, 0, 160, 1);
	size_is(a161, 0, 161, 2);
	size_is(a306, 0, 306, 2);
	size_is(a307, 0, 307, 3);
	ck_assert_int_eq(sms_split(starts, 3, a161), 2);
	ck_assert_uint_eq(starts[1], 153);
	/* extension characters take two septets and are never split */
	size_is(b80, 0, 160, 1);
	size_is(b81, 0, 162, 2);
	ck_assert_int_eq(sms_split(starts, 3, b81), 2);
	ck_assert_uint_eq(starts[1], 76);	/* 76 x 2 = 152; a 77th would make 154 */
	/* a backtick has no GSM-7 code: UCS-2 */
	size_is("a`", 1, 2, 1);
	free(a160);
	free(a161);
	free(a306);
	free(a307);
	free(b80);
	free(b81);
}
END_TEST

START_TEST(rfc2047)
{
	char *s = mime_header_encode("Work order accepted");

	ck_assert_str_eq(s, "Work order accepted");
	free(s);
	s = mime_header_encode("工单已受理");
	ck_assert_str_eq(s, "=?UTF-8?B?5bel5Y2V5bey5Y+X55CG?=");
	free(s);
	/* 82 bytes: 43 fit the first word (the next character would make 46 > 45) */
	s = mime_header_encode("工单20261122-0001已受理：暖气不热请尽快处理谢谢您的耐心等待");
	ck_assert_str_eq(s, "=?UTF-8?B?5bel5Y2VMjAyNjExMjItMDAwMeW3suWPl+eQhu+8muaaluawlOS4jeeDrQ==?="
			    "\r\n =?UTF-8?B?6K+35bC95b+r5aSE55CG6LCi6LCi5oKo55qE6ICQ5b+D562J5b6F?=");
	ck_assert_int_le((int)strlen("=?UTF-8?B?5bel5Y2VMjAyNjExMjItMDAwMeW3suWPl+eQhu+8muaaluawlOS4jeeDrQ==?="), 75);
	free(s);
	/* ASCII that looks like an encoded-word, or holds a line break, is encoded too */
	s = mime_header_encode("a\r\nBcc: x");
	ck_assert_str_eq(s, "=?UTF-8?B?YQ0KQmNjOiB4?=");
	free(s);
}
END_TEST

START_TEST(email_and_backoff)
{
	ck_assert_int_eq(outbox_email_valid("zhang.san@example.com"), 1);
	ck_assert_int_eq(outbox_email_valid("zhang san@example.com"), 0);
	ck_assert_int_eq(outbox_email_valid("a@b"), 0);
	ck_assert_int_eq(outbox_email_valid("@example.com"), 0);
	ck_assert_int_eq(outbox_email_valid("a@b@example.com"), 0);
	ck_assert_int_eq(outbox_email_valid("a@example.com>\r\nBcc:"), 0);
	ck_assert_int_eq(outbox_backoff(1), 5);
	ck_assert_int_eq(outbox_backoff(2), 10);
	ck_assert_int_eq(outbox_backoff(3), 20);
	ck_assert_int_eq(outbox_backoff(10), 2560);
	ck_assert_int_eq(outbox_backoff(11), 3600);
	ck_assert_int_eq(outbox_backoff(30), 3600);
	ck_assert_str_eq(outbox_status_text("en_route"), "师傅已出发");
}
END_TEST

START_TEST(mail)
{
	/* 1795316400: 2026-11-22 03:00:00 UTC, a Sunday */
	char *m = outbox_mail_compose(42, "暖线", "noreply@warmline.example", "a@example.com",
				      "工单已受理", "您好\n谢谢", 1795316400);

	ck_assert_str_eq(m, "From: =?UTF-8?B?5pqW57q/?= <noreply@warmline.example>\r\n"
			    "To: a@example.com\r\n"
			    "Subject: =?UTF-8?B?5bel5Y2V5bey5Y+X55CG?=\r\n"
			    "Date: Sun, 22 Nov 2026 03:00:00 +0000\r\n"
			    "Message-ID: <outbox-42@warmline.example>\r\n"
			    "MIME-Version: 1.0\r\n"
			    "Content-Type: text/plain; charset=UTF-8\r\n"
			    "Content-Transfer-Encoding: base64\r\n\r\n"
			    "5oKo5aW9DQrosKLosKI=\r\n");
	free(m);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("outbox");
	TCase *tc = tcase_create("outbox");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, templates);
	tcase_add_test(tc, sms_ucs2);
	tcase_add_test(tc, sms_surrogates);
	tcase_add_test(tc, sms_gsm7);
	tcase_add_test(tc, rfc2047);
	tcase_add_test(tc, email_and_backoff);
	tcase_add_test(tc, mail);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
