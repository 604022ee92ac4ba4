/* test_core.c — unit tests of the domain core's pure rules: phone normalisation, the
 * work-order status machine and who may move a work order, local-time input. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "resident.h"
#include "ticket.h"
#include "util.h"

static void phone_is(const char *in, const char *want, const char *want_kind)
{
	char out[PHONE_MAX + 1];
	const char *kind = NULL;

	ck_assert_msg(phone_normalize(out, in, &kind) == 0, "%s refused", in);
	ck_assert_str_eq(out, want);
	ck_assert_str_eq(kind, want_kind);
}

START_TEST(phones_normalise_to_one_form)
{
	phone_is("13812345678", "13812345678", "mobile");
	phone_is("138 1234 5678", "13812345678", "mobile");
	phone_is("+86 138-1234-5678", "13812345678", "mobile");
	phone_is("008613812345678", "13812345678", "mobile");
	phone_is("8613812345678", "13812345678", "mobile");
	phone_is("013812345678", "13812345678", "mobile");	/* trunk 0 from an exchange */
	phone_is("010-62345678", "01062345678", "landline");
	phone_is("(024) 3185 6722", "02431856722", "landline");
	phone_is("0571-8888888", "05718888888", "landline");
}
END_TEST

START_TEST(phones_refused)
{
	char out[PHONE_MAX + 1];
	static const char *const bad[] = { "", "12345", "1381234567", "138123456789",
					   "62345678", "abc13812345678", "138-1234-567x",
					   "00000000000", "12812345678", NULL };

	for (int i = 0; bad[i]; i++)
		ck_assert_msg(phone_normalize(out, bad[i], NULL) == -1, "%s accepted", bad[i]);
	ck_assert_int_eq(phone_normalize(out, NULL, NULL), -1);
}
END_TEST

START_TEST(status_machine_edges)
{
	ck_assert(ticket_edge(TS_NEW, TS_DISPATCHED));
	ck_assert(!ticket_edge(TS_NEW, TS_RESOLVED));
	ck_assert(!ticket_edge(TS_NEW, TS_ACCEPTED));
	ck_assert(ticket_edge(TS_DISPATCHED, TS_ACCEPTED));
	ck_assert(ticket_edge(TS_DISPATCHED, TT_DECLINE));
	ck_assert(ticket_edge(TS_ACCEPTED, TS_EN_ROUTE));
	ck_assert(ticket_edge(TS_EN_ROUTE, TS_ON_SITE));
	ck_assert(ticket_edge(TS_ON_SITE, TS_RESOLVED));
	ck_assert(!ticket_edge(TS_ON_SITE, TS_CANCELLED));	/* a visit happened */
	ck_assert(ticket_edge(TS_RESOLVED, TS_CLOSED));
	ck_assert(ticket_edge(TS_RESOLVED, TS_REOPENED));
	ck_assert(ticket_edge(TS_CLOSED, TS_REOPENED));
	ck_assert(ticket_edge(TS_REOPENED, TS_DISPATCHED));
	ck_assert(ticket_edge(TS_PENDING, TT_RESUME));
	ck_assert(!ticket_edge(TS_PENDING, TS_RESOLVED));
	ck_assert(!ticket_edge(TS_CANCELLED, TS_REOPENED));
	ck_assert_ptr_null(ticket_edges_from(TS_CANCELLED)[0]);
	ck_assert_ptr_null(ticket_edges_from("bogus")[0]);
	ck_assert(!ticket_edge("bogus", TS_DISPATCHED));
	ck_assert(!ticket_edge(TS_NEW, NULL));
}
END_TEST

static struct staff person(long long id, long long dept, const char *perms)
{
	struct staff s;

	memset(&s, 0, sizeof(s));
	s.id = id;
	s.department_id = dept;
	snprintf(s.perms, sizeof(s.perms), " %s ", perms);
	return s;
}

START_TEST(who_may_move_a_work_order)
{
	struct staff agent = person(1, 2, "ticket.view ticket.edit ticket.visit");
	struct staff tech = person(7, 8, "tech.mobile");
	struct staff manager = person(3, 2, "ticket.view");

	ck_assert(ticket_may(&agent, TS_NEW, 0, 0, TS_DISPATCHED));
	ck_assert(ticket_may(&agent, TS_RESOLVED, 7, 8, TS_CLOSED));
	ck_assert(!ticket_may(&agent, TS_NEW, 0, 0, TS_RESOLVED));	/* not an edge */
	ck_assert(!ticket_may(&manager, TS_NEW, 0, 0, TS_DISPATCHED));	/* reads only */
	/* A technician on their own order, on their team's unassigned one, not others'. */
	ck_assert(ticket_may(&tech, TS_DISPATCHED, 7, 8, TS_ACCEPTED));
	ck_assert(ticket_may(&tech, TS_DISPATCHED, 0, 8, TS_ACCEPTED));
	ck_assert(!ticket_may(&tech, TS_DISPATCHED, 9, 8, TS_ACCEPTED));
	ck_assert(!ticket_may(&tech, TS_DISPATCHED, 0, 5, TS_ACCEPTED));
	ck_assert(ticket_may(&tech, TS_ON_SITE, 7, 8, TS_RESOLVED));
	ck_assert(ticket_may(&tech, TS_DISPATCHED, 7, 8, TT_DECLINE));
	/* ... but never dispatch, cancel or close. */
	ck_assert(!ticket_may(&tech, TS_ACCEPTED, 7, 8, TS_DISPATCHED));
	ck_assert(!ticket_may(&tech, TS_DISPATCHED, 7, 8, TS_CANCELLED));
	ck_assert(!ticket_may(&tech, TS_RESOLVED, 7, 8, TS_CLOSED));
}
END_TEST

START_TEST(local_times_become_utc)
{
	char out[20];

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	ck_assert_int_eq(time_utc_from_local(out, "2026-11-15 00:30"), 0);
	ck_assert_str_eq(out, "2026-11-14 16:30:00");
	ck_assert_int_eq(time_utc_from_local(out, "2026-11-15T08:00:05"), 0);
	ck_assert_str_eq(out, "2026-11-15 00:00:05");
	ck_assert_int_eq(time_utc_from_local(out, "2026-11-15"), -1);
	ck_assert_int_eq(time_utc_from_local(out, "2026-11-15 25:00x"), -1);
	ck_assert_int_eq(time_utc_from_local(out, NULL), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("core");
	TCase *tc = tcase_create("rules");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, phones_normalise_to_one_form);
	tcase_add_test(tc, phones_refused);
	tcase_add_test(tc, status_machine_edges);
	tcase_add_test(tc, who_may_move_a_work_order);
	tcase_add_test(tc, local_times_become_utc);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
