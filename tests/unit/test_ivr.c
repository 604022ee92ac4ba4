/* test_ivr.c — unit tests of the telephony configuration's pure rules: the flow graph check
 * (entry node, keys, required fields, edges, menu keys, unreachable nodes), the menu key
 * map parser, office hours with holidays and 调休 workdays. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivrconf.h"
#include "util.h"

/* A node of the given type with nothing set. */
static struct ivr_node_def node(const char *key, const char *type)
{
	struct ivr_node_def n = { 0 };

	n.key = key;
	n.type = type;
	n.timeout_seconds = n.retries = n.min_digits = n.max_digits = n.priority = -1;
	return n;
}

static void edge(struct ivr_node_def *n, const char *outcome, const char *target)
{
	snprintf(n->edges[n->nedges].outcome, sizeof(n->edges[0].outcome), "%s", outcome);
	n->edges[n->nedges++].target = target;
}

/* The main menu of the demo in small: menu -> queue / play -> hangup. */
static int good_flow(struct ivr_flow_def *f, struct ivr_node_def *v)
{
	memset(f, 0, sizeof(*f));
	f->name = "主流程";
	f->entry = "main";
	f->active = 1;
	f->numbers[f->nnumbers++] = "4008001234";
	v[0] = node("main", "menu");
	v[0].prompt_id = 1;
	edge(&v[0], "1", "repair");
	edge(&v[0], "0", "bye");
	v[1] = node("repair", "queue");
	v[1].queue_id = 3;
	v[2] = node("bye", "hangup");
	f->nodes = v;
	f->nnodes = 3;
	return 3;
}

/* The first issue with key, or NULL. */
static const struct ivr_issue *find(const struct ivr_issues *is, const char *key)
{
	for (int i = 0; i < is->n; i++)
		if (!strcmp(is->v[i].key, key))
			return &is->v[i];
	return NULL;
}

START_TEST(good_flow_passes)
{
	struct ivr_node_def v[8];
	struct ivr_flow_def f;
	struct ivr_issues is;

	good_flow(&f, v);
	ck_assert_int_eq(ivr_flow_check(&is, &f), 0);
	ck_assert_int_eq(is.warnings, 0);
}
END_TEST

START_TEST(entry_must_be_set_and_exist)
{
	struct ivr_node_def v[8];
	struct ivr_flow_def f;
	struct ivr_issues is;

	good_flow(&f, v);
	f.entry = "";
	ck_assert_int_eq(ivr_flow_check(&is, &f), 1);
	ck_assert_ptr_nonnull(find(&is, "ivr.err.entry_required"));
	f.entry = "nowhere";
	ivr_flow_check(&is, &f);
	ck_assert_str_eq(find(&is, "ivr.err.entry_missing")->arg, "nowhere");
	f.nnodes = 0;
	ivr_flow_check(&is, &f);
	ck_assert_ptr_nonnull(find(&is, "ivr.err.no_nodes"));
}
END_TEST

START_TEST(edges_must_point_at_existing_nodes)
{
	struct ivr_node_def v[8];
	struct ivr_flow_def f;
	struct ivr_issues is;
	const struct ivr_issue *i;

	good_flow(&f, v);
	edge(&v[0], "2", "fee");
	ck_assert_int_eq(ivr_flow_check(&is, &f), 1);
	i = find(&is, "ivr.err.target_missing");
	ck_assert_ptr_nonnull(i);
	ck_assert_int_eq(i->node, 0);
	ck_assert_str_eq(i->field, "keys");
	ck_assert_str_eq(i->arg, "fee");
}
END_TEST

START_TEST(menu_keys_unique_and_present)
{
	struct ivr_node_def v[8];
	struct ivr_flow_def f;
	struct ivr_issues is;

	good_flow(&f, v);
	edge(&v[0], "1", "bye");
	ck_assert_int_eq(ivr_flow_check(&is, &f), 1);
	ck_assert_str_eq(find(&is, "ivr.err.menu_duplicate")->arg, "1");
	v[0].nedges = 0;
	ivr_flow_check(&is, &f);
	ck_assert_ptr_nonnull(find(&is, "ivr.err.menu_empty"));
}
END_TEST

START_TEST(keys_unique_and_well_formed)
{
	struct ivr_node_def v[8];
	struct ivr_flow_def f;
	struct ivr_issues is;

	good_flow(&f, v);
	v[2].key = "repair";
	ivr_flow_check(&is, &f);
	ck_assert_int_eq(find(&is, "ivr.err.key_duplicate")->node, 2);
	v[2].key = "Bye Bye";
	ivr_flow_check(&is, &f);
	ck_assert_ptr_nonnull(find(&is, "ivr.err.key_format"));
}
END_TEST

START_TEST(types_need_their_fields)
{
	struct ivr_node_def v[8];
	struct ivr_flow_def f;
	struct ivr_issues is;

	good_flow(&f, v);
	v[0].prompt_id = 0;	/* a menu says something */
	v[1].queue_id = 0;	/* a queue node names its queue */
	ck_assert_int_eq(ivr_flow_check(&is, &f), 2);
	ck_assert_ptr_nonnull(find(&is, "ivr.err.prompt_required"));
	ck_assert_ptr_nonnull(find(&is, "ivr.err.queue_required"));

	good_flow(&f, v);
	v[2] = node("bye", "collect");
	v[2].prompt_id = 1;
	v[2].min_digits = 6;
	v[2].max_digits = 4;
	v[2].terminator = "x";
	v[2].purpose = "ticket";
	v[2].variable = "9bad";
	ivr_flow_check(&is, &f);
	ck_assert_ptr_nonnull(find(&is, "ivr.err.min_max"));
	ck_assert_ptr_nonnull(find(&is, "ivr.err.terminator"));
	ck_assert_ptr_nonnull(find(&is, "ivr.err.variable"));
	ck_assert_ptr_nonnull(find(&is, "ivr.err.outcome_required"));	/* ok */

	good_flow(&f, v);
	v[2] = node("bye", "transfer");
	v[2].transfer_kind = "number";
	v[2].number = "12345";
	ivr_flow_check(&is, &f);
	ck_assert_ptr_nonnull(find(&is, "err.phone_invalid"));
	v[2].number = "138 0013 8000";
	ck_assert_int_eq(ivr_flow_check(&is, &f), 0);
	v[2].type = "teleport";
	ivr_flow_check(&is, &f);
	ck_assert_ptr_nonnull(find(&is, "ivr.err.type"));
}
END_TEST

START_TEST(time_condition_needs_open_and_closed)
{
	struct ivr_node_def v[8];
	struct ivr_flow_def f;
	struct ivr_issues is;
	const struct ivr_issue *i;

	good_flow(&f, v);
	v[3] = node("hours", "time");
	v[3].schedule_id = 1;
	edge(&v[3], "open", "main");
	f.nnodes = 4;
	f.entry = "hours";
	ck_assert_int_eq(ivr_flow_check(&is, &f), 1);
	i = find(&is, "ivr.err.outcome_required");
	ck_assert_str_eq(i->arg, "closed");
	ck_assert_str_eq(i->field, "go_closed");
	/* An outcome the type does not have is an error, not silently dropped. */
	edge(&v[3], "closed", "bye");
	edge(&v[3], "known", "bye");
	ivr_flow_check(&is, &f);
	ck_assert_str_eq(find(&is, "ivr.err.outcome_unused")->arg, "known");
}
END_TEST

START_TEST(unreachable_nodes_warn)
{
	struct ivr_node_def v[8];
	struct ivr_flow_def f;
	struct ivr_issues is;
	const struct ivr_issue *i;

	good_flow(&f, v);
	v[3] = node("orphan", "hangup");
	f.nnodes = 4;
	ck_assert_int_eq(ivr_flow_check(&is, &f), 0);
	ck_assert_int_eq(is.warnings, 1);
	i = find(&is, "ivr.warn.unreachable");
	ck_assert_int_eq(i->warning, 1);
	ck_assert_str_eq(i->arg, "orphan");
}
END_TEST

START_TEST(menu_map_parses)
{
	struct ivr_node_def n = node("main", "menu");
	struct ivr_issues is = { 0 };

	ck_assert_int_eq(ivr_menu_parse(&n, &is, 0, "1=repair 2=fee，3＝complaint, *=main #:bye"), 0);
	ck_assert_int_eq(n.nedges, 5);
	ck_assert_str_eq(n.edges[2].outcome, "3");
	ck_assert_str_eq(n.edges[2].target, "complaint");
	ck_assert_str_eq(n.edges[4].outcome, "#");
	ck_assert_int_eq(ivr_menu_parse(&n, &is, 0, "12=x 5 a=b"), 3);
	ck_assert_str_eq(is.v[0].key, "ivr.err.menu_word");
	for (int k = 0; k < n.nedges; k++)
		free((char *)n.edges[k].target);
}
END_TEST

START_TEST(hours_parse)
{
	ck_assert_int_eq(ivr_parse_hhmm("08:30"), 510);
	ck_assert_int_eq(ivr_parse_hhmm("8:30"), 510);
	ck_assert_int_eq(ivr_parse_hhmm("17:30:00"), 1050);
	ck_assert_int_eq(ivr_parse_hhmm("24:00"), 1440);
	ck_assert_int_eq(ivr_parse_hhmm("24:01"), -1);
	ck_assert_int_eq(ivr_parse_hhmm("12:60"), -1);
	ck_assert_int_eq(ivr_parse_hhmm("noon"), -1);
	ck_assert_int_eq(ivr_parse_hhmm(""), -1);
}
END_TEST

START_TEST(schedule_with_holidays)
{
	/* Mon-Fri 8:30-17:30, Sat 9:00-12:00. */
	struct ivr_range r[6];
	struct ivr_day d[] = {
		{ "2026-01-01", 'c', 0, 0, 0 },		/* 元旦 */
		{ "2026-01-04", 'w', 0, 0, 5 },		/* Sunday worked as a Friday (调休) */
		{ "2026-02-16", 's', 600, 720, 0 },	/* special: 10:00-12:00 only */
	};

	for (int wd = 1; wd <= 5; wd++)
		r[wd - 1] = (struct ivr_range){ wd, 510, 1050 };
	r[5] = (struct ivr_range){ 6, 540, 720 };
	/* 2025-12-31 is a Wednesday. */
	ck_assert_int_eq(ivr_schedule_open(r, 6, d, 3, "2025-12-31", 3, 9 * 60), 1);
	ck_assert_int_eq(ivr_schedule_open(r, 6, d, 3, "2025-12-31", 3, 8 * 60 + 29), 0);
	ck_assert_int_eq(ivr_schedule_open(r, 6, d, 3, "2025-12-31", 3, 17 * 60 + 30), 0);
	/* New Year's Day, a Thursday: closed all day. */
	ck_assert_int_eq(ivr_schedule_open(r, 6, d, 3, "2026-01-01", 4, 10 * 60), 0);
	/* Saturday morning open, afternoon closed; Sunday closed... */
	ck_assert_int_eq(ivr_schedule_open(r, 6, d, 3, "2026-01-03", 6, 11 * 60), 1);
	ck_assert_int_eq(ivr_schedule_open(r, 6, d, 3, "2026-01-03", 6, 13 * 60), 0);
	ck_assert_int_eq(ivr_schedule_open(r, 6, d, 3, "2026-01-11", 7, 10 * 60), 0);
	/* ...except the make-up workday, which has Friday's hours. */
	ck_assert_int_eq(ivr_schedule_open(r, 6, d, 3, "2026-01-04", 7, 16 * 60), 1);
	/* Special hours replace the weekday's. */
	ck_assert_int_eq(ivr_schedule_open(r, 6, d, 3, "2026-02-16", 1, 9 * 60), 0);
	ck_assert_int_eq(ivr_schedule_open(r, 6, d, 3, "2026-02-16", 1, 11 * 60), 1);
}
END_TEST

START_TEST(type_fields_for_the_editor)
{
	struct buf b;

	buf_init(&b);
	ivr_type_fields(&b, "time");
	ck_assert_str_eq(b.data, "schedule_id go_open go_closed");
	buf_reset(&b);
	ivr_type_fields(&b, "menu");
	ck_assert_ptr_nonnull(strstr(b.data, "keys"));
	ck_assert_ptr_nonnull(strstr(b.data, "go_fail"));
	buf_free(&b);
	ck_assert(ivr_outcome_allowed("menu", "#"));
	ck_assert(!ivr_outcome_allowed("play", "1"));
	ck_assert(ivr_outcome_allowed("lookup", "unknown"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ivr");
	TCase *tc = tcase_create("rules");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, good_flow_passes);
	tcase_add_test(tc, entry_must_be_set_and_exist);
	tcase_add_test(tc, edges_must_point_at_existing_nodes);
	tcase_add_test(tc, menu_keys_unique_and_present);
	tcase_add_test(tc, keys_unique_and_well_formed);
	tcase_add_test(tc, types_need_their_fields);
	tcase_add_test(tc, time_condition_needs_open_and_closed);
	tcase_add_test(tc, unreachable_nodes_warn);
	tcase_add_test(tc, menu_map_parses);
	tcase_add_test(tc, hours_parse);
	tcase_add_test(tc, schedule_with_holidays);
	tcase_add_test(tc, type_fields_for_the_editor);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
