/* meal.h — meal ordering (订餐): prices and promotions, the menu of a day, orders with their
 * stock, cut-off and statuses, and the configuration staff edit (dishes, set meals, periods,
 * promotions, menus).  Schema: sql/023_meal.sql.  Results and errors follow org.h.
 *
 * Money is integer fen everywhere; the one rounding rule is meal_price's. */
#ifndef WL_MEAL_H
#define WL_MEAL_H

#include "org.h"

#define MEAL_MAX_LINES 20	/* different items in one order */
#define MEAL_MAX_QTY 20		/* portions of one item in one order */
#define MEAL_MAX_PROMOS 16	/* promotions considered for one order */
#define MEAL_MAX_SET 10		/* dishes in one set meal */
#define MEAL_DAYS_AHEAD 7	/* orders for today up to this many days ahead */

enum meal_promo_kind { MEAL_PERCENT = 1, MEAL_FIXED, MEAL_THRESHOLD, MEAL_FREE_ITEM };

/* One ordered line: unit price and portions. */
struct meal_line {
	long long price_fen;
	int qty;
};

/* A promotion that already passed its limits of date, period and resident tag. */
struct meal_promo {
	long long id;
	enum meal_promo_kind kind;
	int percent_off;		/* MEAL_PERCENT: 1..99 */
	long long amount_fen;		/* MEAL_FIXED, MEAL_THRESHOLD: taken off */
	long long threshold_fen;	/* MEAL_THRESHOLD, MEAL_FREE_ITEM: subtotal needed */
	long long free_value_fen;	/* MEAL_FREE_ITEM: the gift's price (to compare) */
	int free_available;		/* MEAL_FREE_ITEM: 0 when the gift is not to be had */
	int exclusive;			/* never combined with another promotion */
};

struct meal_quote {
	long long subtotal_fen, discount_fen, total_fen;
	int n;				/* promotions applied */
	struct {
		long long promo_id;	/* as in the input */
		long long discount_fen;	/* what it took off (0 for a gift) */
		int gift;		/* 1: a free item is given */
	} applied[MEAL_MAX_PROMOS];
};

/* Prices an order (a pure function: no database).
 *
 *  1. The subtotal S is the sum of price × portions of the lines.  A gift is not part of it.
 *  2. A promotion is eligible when S reaches its threshold (满减 and free item; threshold 0
 *     always) and, for a free item, the gift is available.
 *  3. Eligible promotions that are not exclusive combine:
 *       a. one percentage discount, the largest (the lowest id on a tie), on S:
 *          off = (S × percent_off + 50) / 100 in integer fen, i.e. rounded half up to the fen
 *          (1999 fen at 12% is 239.88 → 240 fen off; 1250 fen at 10% is 125 fen off);
 *       b. then every fixed discount, in id order;
 *       c. then one 满减, the one with the largest amount (then the highest threshold);
 *       d. and every free item (a gift line at price 0, no discount).
 *     Each discount takes off at most what is still to pay, so the total never goes below 0.
 *  4. An exclusive promotion applies alone.  When some are eligible, the one with the largest
 *     benefit (its discount computed as in 3 on S alone, or a gift's price) is compared with
 *     the benefit of the combination of 3: the larger wins; on a tie the combination, then
 *     the lowest id.
 * q->total_fen = S − discount, q->applied lists what applied with its share of the discount. */
void meal_price(struct meal_quote *q, const struct meal_line *lines, int nlines,
		const struct meal_promo *promos, int npromos);

/* "12.5", "12.50", "12" (yuan) → fen in *fen; 0, or -1 when not a price (at most 2 decimals,
 * 0 .. 100000 yuan). */
int meal_parse_yuan(long long *fen, const char *s);
/* fen as yuan with two decimals ("12.50") into out (at least 24 bytes); returns out. */
char *meal_yuan(char *out, long long fen);

/* ---- orders */

struct meal_order_input {
	long long resident_id, household_id, period_id, slot_id;
	const char *date;		/* YYYY-MM-DD (local); "" or NULL: today */
	const char *note;		/* up to 200 characters, e.g. 不要辣 */
	const char *payment;		/* "cash" or "monthly" */
	const char *channel;		/* "phone", "portal" or "api" */
	long long item_ids[MEAL_MAX_LINES];
	int qty[MEAL_MAX_LINES];
	int nlines;
	long long staff_id;		/* who took it (0: the resident) */
	const char *ip;
};

/* Places an order: checks the household is the resident's, the period's cut-off, that each
 * item is on that day's menu, and takes the portions from the stock with one conditional
 * UPDATE per line (sold + n <= stock) in one transaction, so stock is never oversold however
 * many orders race; prices it with the promotions that apply (meal_price), a gift only while
 * it is in stock too.  Errors (fields): household, slot, period, date, payment, note, items;
 * "meal.err_cutoff", "meal.err_sold_out", "meal.err_not_on_menu" (whole order).  The id goes
 * to *id. */
enum org_result meal_order_place(long long *id, struct org_errors *e,
				 const struct meal_order_input *in);

/* The statuses in their order, NULL-terminated (placed .. delivered, then cancelled). */
extern const char *const meal_statuses[];

/* Moves order id one step on (placed → confirmed → preparing → delivering → delivered);
 * to must be the next status.  Confirming queues the confirmation SMS (outbox) in the same
 * transaction.  ORG_REFUSED ("meal.err_step") otherwise. */
enum org_result meal_order_step(struct org_errors *e, const struct org_actor *who, long long id,
				const char *to);

/* Cancels order id and gives its portions back to the stock.  A resident (who->staff_id 0,
 * resident_id their id) only their own order, only before the period's cut-off; staff at any
 * time but with a reason.  Delivered or cancelled orders are refused. */
enum org_result meal_order_cancel(struct org_errors *e, const struct org_actor *who,
				  long long resident_id, long long id, const char *reason);

/* 1 when order id is resident_id's, 0 otherwise (also when there is no such order). */
int meal_order_mine(long long resident_id, long long id);

/* 1 when orders for date (YYYY-MM-DD, local) and period are still taken now, 0 when the
 * cut-off has passed (or the date is over), -1 on a bad date or period. */
int meal_open(const char *date, long long period_id);
/* Today's date (local) into out (11 bytes); returns out. */
char *meal_today(char *out);

/* ---- configuration (meal.admin) */

struct meal_item_def {
	const char *kind;		/* "dish" or "set" */
	const char *name;		/* 1..64 characters, unique */
	const char *category;		/* up to 32 characters */
	const char *price;		/* yuan as typed */
	const char *diet;		/* comma-separated codes of meal_diets */
	int weekdays;			/* bits 0 (Monday) .. 6 (Sunday), at least one */
	long long daily_stock;		/* 0 .. 10000 */
	const char *description;
	int active;
	long long set_dish_ids[MEAL_MAX_SET];	/* kind "set": its dishes */
	int set_qty[MEAL_MAX_SET];
	int nset;
	const char *photo_sha256, *photo_mime;	/* a stored photo, or NULL: keep */
};
extern const char *const meal_diets[];

/* Creates (*id 0) or updates item *id.  Errors on name, price, category, diet, weekdays,
 * daily_stock, dishes. */
enum org_result meal_item_save(long long *id, struct org_errors *e, const struct org_actor *who,
			       const struct meal_item_def *d);

/* Creates (*id 0) or updates period *id: name, cut-off "HH:MM", the delivery slots (labels
 * separated by spaces, commas or new lines, e.g. "11:00-11:30 11:30-12:00"). */
enum org_result meal_period_save(long long *id, struct org_errors *e, const struct org_actor *who,
				 const char *name, const char *cutoff, const char *slots,
				 int sort, int active);

struct meal_promo_def {
	const char *name, *kind;	/* percent, fixed, threshold, free_item */
	long long percent_off;
	const char *amount, *threshold;	/* yuan */
	long long free_item_id;
	const char *valid_from, *valid_to;	/* YYYY-MM-DD */
	long long period_id;		/* 0: every period */
	const char *resident_tag;	/* "" : everyone */
	int exclusive, active;
};
/* Creates (*id 0) or updates promotion *id. */
enum org_result meal_promo_save(long long *id, struct org_errors *e, const struct org_actor *who,
				const struct meal_promo_def *d);

/* Puts item on the menu of date and period with stock portions (stock < 0: the item's
 * daily stock), or changes the stock of the line there; refuses items not available on
 * that weekday and a stock below what is sold. */
enum org_result meal_menu_set(struct org_errors *e, const struct org_actor *who, const char *date,
			      long long period_id, long long item_id, long long stock);
/* Takes menu line id off the menu; refused once something of it is sold. */
enum org_result meal_menu_remove(struct org_errors *e, const struct org_actor *who, long long id);

#endif
