/* test_meal.c — unit tests of lib/meal.c's pure parts: meal_price (percentages rounded half
 * up to the fen, fixed discounts, 满减, gifts, combinations, exclusive promotions, the total
 * never below 0) and yuan ↔ fen.  Expected values computed by hand. */
#include <check.h>
#include <string.h>

#include "meal.h"

static struct meal_promo pct(long long id, int p)
{
	struct meal_promo m = { .id = id, .kind = MEAL_PERCENT, .percent_off = p };
	return m;
}

static struct meal_promo fixed(long long id, long long fen)
{
	struct meal_promo m = { .id = id, .kind = MEAL_FIXED, .amount_fen = fen };
	return m;
}

static struct meal_promo thr(long long id, long long at, long long off)
{
	struct meal_promo m = { .id = id, .kind = MEAL_THRESHOLD, .amount_fen = off,
				.threshold_fen = at };
	return m;
}

static struct meal_promo gift(long long id, long long at, long long value)
{
	struct meal_promo m = { .id = id, .kind = MEAL_FREE_ITEM, .threshold_fen = at,
				.free_value_fen = value, .free_available = 1 };
	return m;
}

/* Prices one line of s fen with promos; checks the total and the discount. */
static struct meal_quote one(long long s, const struct meal_promo *p, int np, long long total)
{
	struct meal_line l = { s, 1 };
	struct meal_quote q;

	meal_price(&q, &l, 1, p, np);
	ck_assert_int_eq(q.subtotal_fen, s);
	ck_assert_int_eq(q.total_fen, total);
	ck_assert_int_eq(q.discount_fen, s - total);
	return q;
}

START_TEST(subtotal)
{
	struct meal_line l[] = { { 1800, 2 }, { 600, 1 } };
	struct meal_quote q;

	meal_price(&q, l, 2, NULL, 0);
	ck_assert_int_eq(q.subtotal_fen, 4200);
	ck_assert_int_eq(q.total_fen, 4200);
	ck_assert_int_eq(q.n, 0);
}
END_TEST

START_TEST(percent_rounding)
{
	struct meal_promo p;

	p = pct(1, 12);
	one(1999, &p, 1, 1759);		/* 239.88 → 240 off */
	p = pct(1, 10);
	one(1250, &p, 1, 1125);		/* 125 off exactly */
	p = pct(1, 5);
	one(1010, &p, 1, 959);		/* 50.5 → 51 off (half up) */
	p = pct(1, 5);
	one(1009, &p, 1, 959);		/* 50.45 → 50 off */
	p = pct(1, 12);
	one(1, &p, 1, 1);		/* 0.12 → 0 off */
}
END_TEST

START_TEST(one_percentage_only)
{
	struct meal_promo p[] = { pct(1, 10), pct(2, 15) };
	struct meal_quote q = one(2000, p, 2, 1700);

	ck_assert_int_eq(q.n, 1);
	ck_assert_int_eq(q.applied[0].promo_id, 2);
}
END_TEST

START_TEST(combination)
{
	/* 42.00: 10% (4.20), 3.00 off, the best 满减 of 满40减5 and 满30减3 (5.00) → 29.80 */
	struct meal_promo p[] = { thr(4, 3000, 300), pct(1, 10), fixed(2, 300), thr(3, 4000, 500) };
	struct meal_quote q = one(4200, p, 4, 2980);

	ck_assert_int_eq(q.n, 3);
	ck_assert_int_eq(q.applied[0].promo_id, 1);
	ck_assert_int_eq(q.applied[0].discount_fen, 420);
	ck_assert_int_eq(q.applied[1].promo_id, 2);
	ck_assert_int_eq(q.applied[1].discount_fen, 300);
	ck_assert_int_eq(q.applied[2].promo_id, 3);
	ck_assert_int_eq(q.applied[2].discount_fen, 500);
	/* 39.99 does not reach 满40: only 满30减3 */
	one(3999, (struct meal_promo[]){ thr(3, 4000, 500), thr(4, 3000, 300) }, 2, 3699);
	/* the threshold is on the subtotal before other discounts: 40.00 at 10% still gets 满40减5 */
	one(4000, (struct meal_promo[]){ pct(1, 10), thr(3, 4000, 500) }, 2, 3100);
}
END_TEST

START_TEST(never_below_zero)
{
	struct meal_promo p[] = { pct(1, 50), fixed(2, 300), fixed(3, 300) };
	struct meal_quote q = one(800, p, 3, 0);	/* 400, then 300, then 100 of 300 */

	ck_assert_int_eq(q.applied[2].discount_fen, 100);
}
END_TEST

START_TEST(gifts)
{
	struct meal_promo g = gift(7, 3000, 600);
	struct meal_quote q = one(3000, &g, 1, 3000);

	ck_assert_int_eq(q.n, 1);
	ck_assert_int_eq(q.applied[0].gift, 1);
	q = one(2999, &g, 1, 2999);
	ck_assert_int_eq(q.n, 0);
	g.free_available = 0;
	q = one(5000, &g, 1, 5000);
	ck_assert_int_eq(q.n, 0);
}
END_TEST

START_TEST(exclusive)
{
	struct meal_promo p[] = { pct(1, 10), fixed(9, 800) };
	struct meal_quote q;

	p[1].exclusive = 1;
	q = one(5000, p, 2, 4200);	/* 8.00 alone beats 10% (5.00) */
	ck_assert_int_eq(q.n, 1);
	ck_assert_int_eq(q.applied[0].promo_id, 9);
	p[1].amount_fen = 500;
	q = one(5000, p, 2, 4500);	/* a tie: the combination */
	ck_assert_int_eq(q.applied[0].promo_id, 1);
	/* an exclusive gift worth 15.00 beats 10% of 50.00 */
	struct meal_promo g[] = { pct(1, 10), gift(5, 0, 1500) };
	g[1].exclusive = 1;
	q = one(5000, g, 2, 5000);
	ck_assert_int_eq(q.n, 1);
	ck_assert_int_eq(q.applied[0].gift, 1);
}
END_TEST

START_TEST(yuan)
{
	long long f;
	char out[24];

	ck_assert_int_eq(meal_parse_yuan(&f, "12.5"), 0);
	ck_assert_int_eq(f, 1250);
	ck_assert_int_eq(meal_parse_yuan(&f, "0.05"), 0);
	ck_assert_int_eq(f, 5);
	ck_assert_int_eq(meal_parse_yuan(&f, "18"), 0);
	ck_assert_int_eq(f, 1800);
	ck_assert_int_eq(meal_parse_yuan(&f, "1.234"), -1);
	ck_assert_int_eq(meal_parse_yuan(&f, "-1"), -1);
	ck_assert_int_eq(meal_parse_yuan(&f, "."), -1);
	ck_assert_int_eq(meal_parse_yuan(&f, ""), -1);
	ck_assert_int_eq(meal_parse_yuan(&f, "1e3"), -1);
	ck_assert_str_eq(meal_yuan(out, 1250), "12.50");
	ck_assert_str_eq(meal_yuan(out, 5), "0.05");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("meal");
	TCase *tc = tcase_create("meal");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, subtotal);
	tcase_add_test(tc, percent_rounding);
	tcase_add_test(tc, one_percentage_only);
	tcase_add_test(tc, combination);
	tcase_add_test(tc, never_below_zero);
	tcase_add_test(tc, gifts);
	tcase_add_test(tc, exclusive);
	tcase_add_test(tc, yuan);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
