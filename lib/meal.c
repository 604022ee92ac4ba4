/* meal.c — meal ordering's rules (meal.h): prices and promotions, stock, cut-off, statuses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "db.h"
#include "meal.h"
#include "outbox.h"
#include "util.h"

#define DB_ER_LOCK_DEADLOCK 1213
#define DB_ER_LOCK_WAIT_TIMEOUT 1205
#define PLACE_TRIES 3		/* a deadlock between two orders is retried */

const char *const meal_statuses[] = { "placed", "confirmed", "preparing", "delivering",
				      "delivered", "cancelled", NULL };
const char *const meal_diets[] = { "low_salt", "low_sugar", "soft", "low_fat", "vegetarian",
				   "no_spicy", "halal", NULL };

/* ---- prices */

static long long percent_off(long long amount, int pct)
{
	return (amount * pct + 50) / 100;
}

static long long min_ll(long long a, long long b)
{
	return a < b ? a : b;
}

static int eligible(const struct meal_promo *p, long long subtotal)
{
	if (p->kind == MEAL_THRESHOLD || p->kind == MEAL_FREE_ITEM) {
		if (subtotal < p->threshold_fen)
			return 0;
		if (p->kind == MEAL_FREE_ITEM && !p->free_available)
			return 0;
	}
	return p->kind != MEAL_PERCENT || (p->percent_off > 0 && p->percent_off < 100);
}

static void quote_add(struct meal_quote *q, long long promo_id, long long off, int gift)
{
	if (q->n == MEAL_MAX_PROMOS)
		return;
	q->applied[q->n].promo_id = promo_id;
	q->applied[q->n].discount_fen = off;
	q->applied[q->n].gift = gift;
	q->n++;
	q->discount_fen += off;
}

/* Rule 3 of meal_price: the combination of the eligible non-exclusive promotions. */
static void price_combined(struct meal_quote *q, const struct meal_promo *p, int np)
{
	const struct meal_promo *pct = NULL, *thr = NULL;
	long long left = q->subtotal_fen, off;

	for (int i = 0; i < np; i++) {
		if (p[i].exclusive || !eligible(&p[i], q->subtotal_fen))
			continue;
		if (p[i].kind == MEAL_PERCENT &&
		    (!pct || p[i].percent_off > pct->percent_off ||
		     (p[i].percent_off == pct->percent_off && p[i].id < pct->id)))
			pct = &p[i];
		if (p[i].kind == MEAL_THRESHOLD &&
		    (!thr || p[i].amount_fen > thr->amount_fen ||
		     (p[i].amount_fen == thr->amount_fen && p[i].threshold_fen > thr->threshold_fen)))
			thr = &p[i];
	}
	if (pct) {
		off = min_ll(percent_off(q->subtotal_fen, pct->percent_off), left);
		quote_add(q, pct->id, off, 0);
		left -= off;
	}
	/* fixed discounts in id order */
	{
		long long last = -1;
		for (;;) {
			const struct meal_promo *f = NULL;
			for (int i = 0; i < np; i++)
				if (!p[i].exclusive && p[i].kind == MEAL_FIXED && p[i].id > last &&
				    (!f || p[i].id < f->id))
					f = &p[i];
			if (!f)
				break;
			off = min_ll(f->amount_fen, left);
			quote_add(q, f->id, off, 0);
			left -= off;
			last = f->id;
		}
	}
	if (thr) {
		off = min_ll(thr->amount_fen, left);
		quote_add(q, thr->id, off, 0);
		left -= off;
	}
	for (int i = 0; i < np; i++)
		if (!p[i].exclusive && p[i].kind == MEAL_FREE_ITEM && eligible(&p[i], q->subtotal_fen))
			quote_add(q, p[i].id, 0, 1);
}

/* What an exclusive promotion alone is worth on subtotal s. */
static long long benefit_alone(const struct meal_promo *p, long long s)
{
	switch (p->kind) {
	case MEAL_PERCENT:
		return percent_off(s, p->percent_off);
	case MEAL_FIXED:
	case MEAL_THRESHOLD:
		return min_ll(p->amount_fen, s);
	case MEAL_FREE_ITEM:
		return p->free_value_fen;
	}
	return 0;
}

/* The benefit of a quote: its discount plus the value of its gifts. */
static long long benefit_quote(const struct meal_quote *q, const struct meal_promo *p, int np)
{
	long long b = q->discount_fen;

	for (int k = 0; k < q->n; k++)
		for (int i = 0; q->applied[k].gift && i < np; i++)
			if (p[i].id == q->applied[k].promo_id)
				b += p[i].free_value_fen;
	return b;
}

void meal_price(struct meal_quote *q, const struct meal_line *lines, int nlines,
		const struct meal_promo *promos, int npromos)
{
	const struct meal_promo *best = NULL;
	long long s = 0, best_b = 0;

	memset(q, 0, sizeof(*q));
	for (int i = 0; i < nlines; i++)
		s += lines[i].price_fen * lines[i].qty;
	q->subtotal_fen = s;
	price_combined(q, promos, npromos);
	for (int i = 0; i < npromos; i++) {
		long long b;

		if (!promos[i].exclusive || !eligible(&promos[i], s))
			continue;
		b = benefit_alone(&promos[i], s);
		if (!best || b > best_b || (b == best_b && promos[i].id < best->id)) {
			best = &promos[i];
			best_b = b;
		}
	}
	if (best && best_b > benefit_quote(q, promos, npromos)) {
		memset(q, 0, sizeof(*q));
		q->subtotal_fen = s;
		if (best->kind == MEAL_FREE_ITEM)
			quote_add(q, best->id, 0, 1);
		else
			quote_add(q, best->id, best_b, 0);
	}
	q->total_fen = s - q->discount_fen;
}

int meal_parse_yuan(long long *fen, const char *s)
{
	long long y = 0, f = 0;
	int digits = 0, decimals = -1;

	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (*s == '.' && decimals < 0) {
			decimals = 0;
		} else if (*s >= '0' && *s <= '9') {
			if (decimals < 0) {
				if (++digits > 6)
					return -1;
				y = y * 10 + (*s - '0');
			} else {
				if (++decimals > 2)
					return -1;
				f = f * 10 + (*s - '0');
			}
		} else {
			return -1;
		}
	}
	if (!digits && decimals <= 0)
		return -1;
	if (decimals == 1)
		f *= 10;
	*fen = y * 100 + f;
	return *fen > 10000000 ? -1 : 0;
}

char *meal_yuan(char *out, long long fen)
{
	snprintf(out, 24, "%s%lld.%02lld", fen < 0 ? "-" : "", llabs(fen) / 100, llabs(fen) % 100);
	return out;
}

/* ---- dates */

char *meal_today(char *out)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	return out;
}

/* Parses YYYY-MM-DD into tm (noon, so DST never moves the day); 0 or -1. */
static int date_parse(struct tm *tm, const char *s)
{
	int y, m, d;
	char tail;

	if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return -1;
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_hour = 12;
	tm->tm_isdst = -1;
	if (mktime(tm) == (time_t)-1 || tm->tm_year != y - 1900 || tm->tm_mon != m - 1 ||
	    tm->tm_mday != d)
		return -1;
	return 0;
}

/* Days from today to date (negative: past), or -1000 on a bad date. */
static int date_offset(const char *date)
{
	struct tm a, b;
	char today[11];

	if (date_parse(&a, date) || date_parse(&b, meal_today(today)))
		return -1000;
	return (int)((mktime(&a) - mktime(&b) + 43200) / 86400);
}

/* 1 when orders for date (its offset from today: off) are still taken at a period's
 * cutoff ("HH:MM:SS", local), else 0. */
static int cutoff_open(int off, const char *cutoff)
{
	char now_hms[9];
	time_t now = time(NULL);
	struct tm tm;

	if (off != 0)
		return off > 0;
	localtime_r(&now, &tm);
	strftime(now_hms, sizeof(now_hms), "%H:%M:%S", &tm);
	return strcmp(now_hms, cutoff) < 0;
}

int meal_open(const char *date, long long period_id)
{
	struct stmt *st;
	char cutoff[9] = "";
	int off = date_offset(date), found = 0;

	if (off == -1000)
		return -1;
	st = db_query("SELECT cutoff FROM meal_period WHERE id = ? AND active = 1", "i", period_id);
	if (!st)
		return -1;
	if (db_next(st) == 1) {
		snprintf(cutoff, sizeof(cutoff), "%s", db_text(st, 0) ?: "");
		found = 1;
	}
	db_done(st);
	return found ? cutoff_open(off, cutoff) : -1;
}

/* ---- orders */

static int in_list(const char *const *list, const char *v)
{
	for (int i = 0; v && list[i]; i++)
		if (!strcmp(list[i], v))
			return 1;
	return 0;
}

/* The shape of an order, before the database is asked. */
static void order_check(struct org_errors *e, const struct meal_order_input *in, const char *date)
{
	static const char *const payments[] = { "cash", "monthly", NULL };
	int off = date_offset(date);

	if (off == -1000 || off > MEAL_DAYS_AHEAD)
		org_error(e, "date", "meal.err_date");
	else if (off < 0)
		org_error(e, NULL, "meal.err_cutoff");
	if (!in_list(payments, in->payment))
		org_error(e, "payment", "meal.err_payment");
	if (in->note && org_strlen(in->note) > 200)
		org_error(e, "note", "err.too_long_field");
	if (in->nlines <= 0 || in->nlines > MEAL_MAX_LINES)
		org_error(e, "items", "meal.err_no_items");
	for (int i = 0; i < in->nlines && i < MEAL_MAX_LINES; i++)
		if (in->qty[i] < 1 || in->qty[i] > MEAL_MAX_QTY || in->item_ids[i] <= 0) {
			org_error(e, "items", "meal.err_qty");
			break;
		}
	for (int i = 0; i < in->nlines && i < MEAL_MAX_LINES; i++)
		for (int k = 0; k < i; k++)
			if (in->item_ids[i] == in->item_ids[k]) {
				org_error(e, "items", "meal.err_qty");
				return;
			}
}

/* The household, period and slot against the database. */
/* The household, period and slot against the database, and the cut-off, in one query:
 * ORG_OK, ORG_INVALID or ORG_REFUSED (past the cut-off) with the errors, or ORG_DB. */
static enum org_result order_refs(struct org_errors *e, const struct meal_order_input *in,
				  const char *date)
{
	struct stmt *st = db_query("SELECT (SELECT COUNT(*) FROM resident_household WHERE"
				   " resident_id = ? AND household_id = ?), (SELECT COUNT(*) FROM"
				   " meal_slot WHERE id = ? AND period_id = p.id), p.cutoff FROM"
				   " meal_period p WHERE p.id = ? AND p.active = 1", "iiii",
				   in->resident_id, in->household_id, in->slot_id, in->period_id);
	int found = 0, mine = 0, slot = 0, open = 0;

	if (!st)
		return ORG_DB;
	if (db_next(st) == 1) {
		found = 1;
		mine = db_int(st, 0) > 0;
		slot = db_int(st, 1) > 0;
		open = cutoff_open(date_offset(date), db_text(st, 2) ?: "");
	}
	db_done(st);
	if (!found) {
		org_error(e, "period", "meal.err_period");
		return ORG_INVALID;
	}
	if (!mine)
		org_error(e, "household", "meal.err_household");
	if (!slot)
		org_error(e, "slot", "meal.err_slot");
	if (e->n)
		return ORG_INVALID;
	if (!open) {
		org_error(e, NULL, "meal.err_cutoff");
		return ORG_REFUSED;
	}
	return ORG_OK;
}

struct placed_line {
	long long menu_id, item_id, price;
	int qty, gift;
	char name[72];
};

/* The menu line of item for date and period into l (menu id, name, price) and the portions
 * still left into *left, read without a lock: the conditional UPDATE of stock_take decides.
 * 1, 0 when the item is not on that menu, -1 on error. */
static int menu_line(struct placed_line *l, long long *left, const char *date, long long period,
		     long long item)
{
	struct stmt *st = db_query("SELECT m.id, i.name, i.price_fen, m.stock - m.sold FROM meal_menu m"
				   " JOIN meal_item i ON i.id = m.item_id WHERE m.menu_date = ? AND"
				   " m.period_id = ? AND m.item_id = ? AND i.active = 1", "sii", date,
				   period, item);
	int found = 0;

	if (!st)
		return -1;
	if (db_next(st) == 1) {
		found = 1;
		l->menu_id = db_int(st, 0);
		l->item_id = item;
		snprintf(l->name, sizeof(l->name), "%s", db_text(st, 1) ?: "");
		l->price = db_int(st, 2);
		*left = db_int(st, 3);
	}
	db_done(st);
	return found;
}

/* Takes l's portions from its menu line in one conditional UPDATE (the row stays locked
 * until the transaction ends): 1 done, 0 not enough left, -1 on error. */
static int stock_take(const struct placed_line *l)
{
	long long rows = db_exec("UPDATE meal_menu SET sold = sold + ? WHERE id = ? AND"
				 " sold + ? <= stock", "iii", (long long)l->qty, l->menu_id,
				 (long long)l->qty);

	return rows < 0 ? -1 : rows > 0;
}

struct promo_row {
	struct meal_promo p;
	long long free_item_id;
	struct placed_line gift;	/* the gift's menu line when it is on the menu */
	char name[72];
};

/* The promotions that pass date, period and the resident's tags; returns how many. */
static int promos_load(struct promo_row *rows, const char *date, long long period,
		       long long resident)
{
	struct stmt *st = db_query("SELECT p.id, p.kind, p.percent_off, p.amount_fen,"
				   " p.threshold_fen, IFNULL(p.free_item_id, 0), p.exclusive, p.name,"
				   " IFNULL(i.price_fen, 0) FROM meal_promo p LEFT JOIN meal_item i"
				   " ON i.id = p.free_item_id WHERE p.active = 1 AND ? BETWEEN"
				   " p.valid_from AND p.valid_to AND (p.period_id IS NULL OR"
				   " p.period_id = ?) AND (p.resident_tag IS NULL OR p.resident_tag IN"
				   " (SELECT tag FROM resident_tag WHERE resident_id = ?)) ORDER BY p.id",
				   "sii", date, period, resident);
	static const char *const kinds[] = { "", "percent", "fixed", "threshold", "free_item", NULL };
	int n = 0;

	if (!st)
		return -1;
	while (n < MEAL_MAX_PROMOS && db_next(st) == 1) {
		struct promo_row *r = &rows[n];
		const char *kind = db_text(st, 1) ?: "";

		memset(r, 0, sizeof(*r));
		r->p.id = db_int(st, 0);
		for (int k = 1; kinds[k]; k++)
			if (!strcmp(kinds[k], kind))
				r->p.kind = k;
		if (!r->p.kind)
			continue;
		r->p.percent_off = (int)db_int(st, 2);
		r->p.amount_fen = db_int(st, 3);
		r->p.threshold_fen = db_int(st, 4);
		r->free_item_id = db_int(st, 5);
		r->p.exclusive = (int)db_int(st, 6);
		snprintf(r->name, sizeof(r->name), "%s", db_text(st, 7) ?: "");
		r->p.free_value_fen = db_int(st, 8);
		n++;
	}
	db_done(st);
	return n;
}

/* Whether each gift is to be had: on the menu with a portion left beyond what the order
 * itself takes, and not one that ran out in an earlier attempt (off).  0 or -1. */
static int gifts_check(struct promo_row *pr, int npr, const struct placed_line *lines, int n,
		       const char *date, long long period, const long long *off, int noff)
{
	for (int i = 0; i < npr; i++) {
		long long left = 0;
		int found;

		if (pr[i].p.kind != MEAL_FREE_ITEM || !pr[i].free_item_id)
			continue;
		for (int k = 0; k < noff; k++)
			if (off[k] == pr[i].p.id)
				goto next;
		found = menu_line(&pr[i].gift, &left, date, period, pr[i].free_item_id);
		if (found < 0)
			return -1;
		for (int k = 0; k < n; k++)
			if (lines[k].item_id == pr[i].free_item_id)
				left -= lines[k].qty;
		pr[i].gift.qty = 1;
		pr[i].gift.gift = 1;
		pr[i].gift.price = 0;
		pr[i].p.free_available = found && left >= 1;
next:;
	}
	return 0;
}

static int cmp_item(const void *a, const void *b)
{
	const struct placed_line *x = a, *y = b;

	return (x->item_id > y->item_id) - (x->item_id < y->item_id);
}

static int cmp_menu(const void *a, const void *b)
{
	const struct placed_line *x = a, *y = b;

	return (x->menu_id > y->menu_id) - (x->menu_id < y->menu_id);
}

/* The order's own rows (not its lines): the order with its number, promotions, first event. */
static enum org_result order_insert(long long *id, const struct meal_order_input *in,
				    const char *date, const struct meal_quote *q,
				    const struct promo_row *pr, int npr)
{
	char number[24];

	if (db_exec("INSERT INTO meal_order (resident_id, household_id, menu_date, period_id,"
		    " slot_id, note, payment, channel, subtotal_fen, discount_fen, total_fen,"
		    " created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0))",
		    "iisiisssiiii", in->resident_id, in->household_id, date, in->period_id,
		    in->slot_id, in->note ? in->note : "", in->payment,
		    in->channel ? in->channel : "phone", q->subtotal_fen, q->discount_fen,
		    q->total_fen, in->staff_id) < 0)
		return ORG_DB;
	*id = (long long)db_insert_id();
	snprintf(number, sizeof(number), "DC%.4s%.2s%.2s%05lld", date, date + 5, date + 8,
		 *id % 100000);
	if (db_exec("UPDATE meal_order SET number = ? WHERE id = ?", "si", number, *id) < 0)
		return ORG_DB;
	for (int k = 0; k < q->n; k++)
		for (int i = 0; i < npr; i++)
			if (pr[i].p.id == q->applied[k].promo_id &&
			    db_exec("INSERT INTO meal_order_promo (order_id, promo_id, name, discount_fen)"
				    " VALUES (?, ?, ?, ?)", "iisi", *id, pr[i].p.id, pr[i].name,
				    q->applied[k].discount_fen) < 0)
				return ORG_DB;
	if (db_exec("INSERT INTO meal_order_event (order_id, status, staff_id) VALUES (?, 'placed',"
		    " NULLIF(?, 0))", "ii", *id, in->staff_id) < 0)
		return ORG_DB;
	return ORG_OK;
}

static int lines_insert(long long id, const struct placed_line *lines, int n)
{
	for (int i = 0; i < n; i++)
		if (db_exec("INSERT INTO meal_order_line (order_id, menu_id, item_id, name, price_fen,"
			    " qty, free) VALUES (?, ?, ?, ?, ?, ?, ?)", "iiisiii", id,
			    lines[i].menu_id, lines[i].item_id, lines[i].name, lines[i].price,
			    (long long)lines[i].qty, (long long)lines[i].gift) < 0)
			return -1;
	return 0;
}

/* What one attempt needs to tell meal_order_place besides its result. */
struct attempt {
	long long off[MEAL_MAX_PROMOS];	/* gifts that ran out in an earlier attempt */
	int noff;
	int again;			/* a gift ran out meanwhile, or InnoDB chose us as the
					 * deadlock victim: try once more */
};

/* Reads and prices first, writes the order, and takes the portions last, in menu-line
 * order, so the hot menu rows stay locked only for the takes, the lines and the commit. */
static enum org_result order_try(long long *id, struct org_errors *e,
				 const struct meal_order_input *in, const char *date,
				 struct attempt *at)
{
	struct placed_line lines[MEAL_MAX_LINES + MEAL_MAX_PROMOS];
	struct promo_row pr[MEAL_MAX_PROMOS];
	struct meal_line ml[MEAL_MAX_LINES];
	struct meal_promo mp[MEAL_MAX_PROMOS];
	struct meal_quote q;
	int n = in->nlines, npr, got;
	enum org_result res;

	at->again = 0;
	if (db_begin())
		return ORG_DB;
	if ((res = order_refs(e, in, date)))
		return org_tx_end(res);
	memset(lines, 0, sizeof(lines));
	for (int i = 0; i < n; i++) {
		long long left = 0;
		int found = menu_line(&lines[i], &left, date, in->period_id, in->item_ids[i]);

		if (found < 0)
			goto db_fail;
		if (!found) {
			org_error(e, "items", "meal.err_not_on_menu");
			return org_tx_end(ORG_INVALID);
		}
		lines[i].qty = in->qty[i];
		if (left < lines[i].qty) {	/* plainly sold out: no need to lock anything */
			org_error(e, "items", "meal.err_sold_out");
			return org_tx_end(ORG_REFUSED);
		}
		ml[i].price_fen = lines[i].price;
		ml[i].qty = lines[i].qty;
	}
	if ((npr = promos_load(pr, date, in->period_id, in->resident_id)) < 0 ||
	    gifts_check(pr, npr, lines, n, date, in->period_id, at->off, at->noff))
		goto db_fail;
	for (int i = 0; i < npr; i++)
		mp[i] = pr[i].p;
	meal_price(&q, ml, n, mp, npr);
	for (int k = 0; k < q.n; k++)
		for (int i = 0; q.applied[k].gift && i < npr; i++)
			if (pr[i].p.id == q.applied[k].promo_id)
				lines[n++] = pr[i].gift;
	if ((res = order_insert(id, in, date, &q, pr, npr)))
		goto db_fail;
	qsort(lines, n, sizeof(lines[0]), cmp_menu);	/* one lock order: no deadlock */
	for (int i = 0; i < n; i++) {
		if ((got = stock_take(&lines[i])) < 0)
			goto db_fail;
		if (got)
			continue;
		if (!lines[i].gift) {
			org_error(e, "items", "meal.err_sold_out");
			return org_tx_end(ORG_REFUSED);
		}
		for (int k = 0; k < npr; k++)	/* the gift went meanwhile: price again */
			if (pr[k].p.kind == MEAL_FREE_ITEM && pr[k].gift.menu_id == lines[i].menu_id &&
			    at->noff < MEAL_MAX_PROMOS)
				at->off[at->noff++] = pr[k].p.id;
		at->again = 1;
		return org_tx_end(ORG_DB);
	}
	qsort(lines, n, sizeof(lines[0]), cmp_item);
	if (lines_insert(*id, lines, n))
		goto db_fail;
	if (in->staff_id)
		audit(in->staff_id, in->ip, "meal.order", "meal_order", *id,
		      "resident=%lld total=%lld", in->resident_id, q.total_fen);
	return org_tx_end(ORG_OK);
db_fail:
	at->again = db_errno() == DB_ER_LOCK_DEADLOCK || db_errno() == DB_ER_LOCK_WAIT_TIMEOUT;
	return org_tx_end(ORG_DB);
}

enum org_result meal_order_place(long long *id, struct org_errors *e,
				 const struct meal_order_input *in)
{
	struct attempt at = { .noff = 0 };
	char date[11];
	enum org_result res = ORG_DB;

	if (in->date && *in->date)
		snprintf(date, sizeof(date), "%s", in->date);
	else
		meal_today(date);
	order_check(e, in, date);
	if (e->n)
		return ORG_INVALID;
	for (int t = 0; t < PLACE_TRIES + MEAL_MAX_PROMOS; t++) {
		res = order_try(id, e, in, date, &at);
		if (res != ORG_DB || !at.again || (t >= PLACE_TRIES && !at.noff))
			break;
	}
	return res;
}

int meal_order_mine(long long resident_id, long long id)
{
	return db_int_query(0, "SELECT COUNT(*) FROM meal_order WHERE id = ? AND resident_id = ?",
			    "ii", id, resident_id) > 0;
}

/* The confirmation SMS to the resident's mobile (primary first), inside the transaction. */
static int order_confirm_sms(long long id)
{
	struct stmt *st = db_query("SELECT o.number, p.name, s.label, CONCAT(b.name, u.name, h.room),"
				   " o.total_fen, o.payment, o.resident_id, (SELECT rp.phone FROM"
				   " resident_phone rp WHERE rp.resident_id = o.resident_id AND"
				   " rp.kind = 'mobile' ORDER BY rp.is_primary DESC, rp.id LIMIT 1),"
				   " DATE_FORMAT(o.menu_date, '%c月%e日')"
				   " FROM meal_order o JOIN meal_period p ON p.id = o.period_id"
				   " JOIN meal_slot s ON s.id = o.slot_id JOIN household h ON h.id ="
				   " o.household_id JOIN unit u ON u.id = h.unit_id JOIN building b ON"
				   " b.id = u.building_id WHERE o.id = ?", "i", id);
	char key[48], yuan[24];
	struct buf body;
	int rc = 0;

	if (!st)
		return -1;
	if (db_next(st) == 1 && db_text(st, 7)) {
		struct outbox_msg m = { 0 };

		buf_init(&body);
		buf_printf(&body, "您的订餐%s已确认：%s%s，%s送到%s，应付%s元（%s）。",
			   db_text(st, 0), db_text(st, 8), db_text(st, 1), db_text(st, 2),
			   db_text(st, 3), meal_yuan(yuan, db_int(st, 4)),
			   !strcmp(db_text(st, 5), "monthly") ? "月结" : "货到付款");
		snprintf(key, sizeof(key), "meal:%lld:confirmed", id);
		m.key = key;
		m.channel = "sms";
		m.recipient = db_text(st, 7);
		m.body = body.data;
		m.event = "meal_confirmed";
		m.resident_id = db_int(st, 6);
		m.essential = 1;
		rc = outbox_enqueue(NULL, &m) < 0 ? -1 : 0;
		buf_free(&body);
	}
	db_done(st);
	return rc;
}

/* The order's status, locked; "" when there is no such order (or on error). */
static void order_lock(char *status, size_t len, long long id)
{
	struct stmt *st = db_query("SELECT status FROM meal_order WHERE id = ? FOR UPDATE", "i", id);

	*status = '\0';
	if (st && db_next(st) == 1)
		snprintf(status, len, "%s", db_text(st, 0) ?: "");
	if (st)
		db_done(st);
}

enum org_result meal_order_step(struct org_errors *e, const struct org_actor *who, long long id,
				const char *to)
{
	char status[16];
	int k;

	if (db_begin())
		return ORG_DB;
	order_lock(status, sizeof(status), id);
	if (!*status)
		return org_tx_end(db_errno() ? ORG_DB : ORG_NOT_FOUND);
	for (k = 0; meal_statuses[k] && strcmp(meal_statuses[k], status); k++)
		;
	if (k >= 4 || !to || strcmp(meal_statuses[k + 1], to)) {
		org_error(e, NULL, "meal.err_step");
		return org_tx_end(ORG_REFUSED);
	}
	if (db_exec("UPDATE meal_order SET status = ? WHERE id = ?", "si", to, id) < 0 ||
	    db_exec("INSERT INTO meal_order_event (order_id, status, staff_id) VALUES (?, ?,"
		    " NULLIF(?, 0))", "isi", id, to, who->staff_id) < 0 ||
	    (!strcmp(to, "confirmed") && order_confirm_sms(id)))
		return org_tx_end(ORG_DB);
	audit(who->staff_id, who->ip, "meal.step", "meal_order", id, "to=%s", to);
	return org_tx_end(ORG_OK);
}

enum org_result meal_order_cancel(struct org_errors *e, const struct org_actor *who,
				  long long resident_id, long long id, const char *reason)
{
	char status[16], date[11] = "";
	long long period = 0;
	struct stmt *st;

	if (who->staff_id && (!reason || !*reason))
		org_error(e, "reason", "meal.err_reason");
	if (reason && org_strlen(reason) > 200)
		org_error(e, "reason", "err.too_long_field");
	if (e->n)
		return ORG_INVALID;
	if (db_begin())
		return ORG_DB;
	order_lock(status, sizeof(status), id);
	if (!*status)
		return org_tx_end(db_errno() ? ORG_DB : ORG_NOT_FOUND);
	if (!who->staff_id && !meal_order_mine(resident_id, id))
		return org_tx_end(ORG_NOT_FOUND);
	if (!strcmp(status, "cancelled") || !strcmp(status, "delivered")) {
		org_error(e, NULL, !strcmp(status, "cancelled") ? "meal.err_cancelled"
								 : "meal.err_delivered");
		return org_tx_end(ORG_REFUSED);
	}
	st = db_query("SELECT menu_date, period_id FROM meal_order WHERE id = ?", "i", id);
	if (st && db_next(st) == 1) {
		snprintf(date, sizeof(date), "%s", db_text(st, 0) ?: "");
		period = db_int(st, 1);
	}
	if (st)
		db_done(st);
	if (!who->staff_id && meal_open(date, period) != 1) {
		org_error(e, NULL, "meal.err_cancel_late");
		return org_tx_end(ORG_REFUSED);
	}
	if (db_exec("UPDATE meal_menu m JOIN (SELECT menu_id, SUM(qty) AS n FROM meal_order_line"
		    " WHERE order_id = ? GROUP BY menu_id) l ON l.menu_id = m.id"
		    " SET m.sold = m.sold - l.n", "i", id) < 0 ||
	    db_exec("UPDATE meal_order SET status = 'cancelled', cancel_reason = NULLIF(?, ''),"
		    " cancelled_by = ? WHERE id = ?", "ssi", reason ? reason : "",
		    who->staff_id ? "staff" : "resident", id) < 0 ||
	    db_exec("INSERT INTO meal_order_event (order_id, status, staff_id, note) VALUES (?,"
		    " 'cancelled', NULLIF(?, 0), NULLIF(?, ''))", "iis", id, who->staff_id,
		    reason ? reason : "") < 0)
		return org_tx_end(ORG_DB);
	if (who->staff_id)
		audit(who->staff_id, who->ip, "meal.cancel", "meal_order", id, "%s", reason);
	return org_tx_end(ORG_OK);
}
