/* meal_config.c — what staff configure for meal ordering (meal.h): dishes and set meals,
 * periods with their slots, promotions, the menu of a day. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "db.h"
#include "meal.h"
#include "util.h"

static int in_list(const char *const *list, const char *v, size_t n)
{
	for (int i = 0; v && list[i]; i++)
		if (strlen(list[i]) == n && !strncmp(list[i], v, n))
			return 1;
	return 0;
}

/* 1 when every comma-separated code of s is a known diet code. */
static int diet_ok(const char *s)
{
	while (s && *s) {
		size_t n = strcspn(s, ",");

		if (n && !in_list(meal_diets, s, n))
			return 0;
		s += n + (s[n] == ',');
	}
	return 1;
}

static void name_check(struct org_errors *e, const char *field, const char *v, size_t max)
{
	if (!v || !*v)
		org_error(e, field, "err.required");
	else if (org_strlen(v) > max)
		org_error(e, field, "err.too_long_field");
}

static void item_check(struct org_errors *e, const struct meal_item_def *d, long long *fen)
{
	int set = d->kind && !strcmp(d->kind, "set");

	if (!d->kind || (strcmp(d->kind, "dish") && !set))
		org_error(e, "kind", "err.invalid");
	name_check(e, "name", d->name, 64);
	if (d->category && org_strlen(d->category) > 32)
		org_error(e, "category", "err.too_long_field");
	if (meal_parse_yuan(fen, d->price))
		org_error(e, "price", "meal.err_price");
	if (!diet_ok(d->diet))
		org_error(e, "diet", "err.invalid");
	if (d->diet && strlen(d->diet) > 255)
		org_error(e, "diet", "err.too_long_field");
	if (!(d->weekdays & 127) || d->weekdays & ~127)
		org_error(e, "weekdays", "meal.err_weekdays");
	if (d->daily_stock < 0 || d->daily_stock > 10000)
		org_error(e, "daily_stock", "meal.err_stock");
	if (d->description && org_strlen(d->description) > 255)
		org_error(e, "description", "err.too_long_field");
	if (set && (d->nset < 1 || d->nset > MEAL_MAX_SET))
		org_error(e, "dishes", "meal.err_set_dishes");
	for (int i = 0; set && i < d->nset && i < MEAL_MAX_SET; i++)
		if (d->set_qty[i] < 1 || d->set_qty[i] > 9) {
			org_error(e, "dishes", "meal.err_set_dishes");
			break;
		}
}

/* A set's dishes: each an active dish (not a set), each once. */
static enum org_result set_save(struct org_errors *e, long long id, const struct meal_item_def *d)
{
	if (db_exec("DELETE FROM meal_set_item WHERE set_id = ?", "i", id) < 0)
		return ORG_DB;
	for (int i = 0; i < d->nset; i++) {
		long long ok = db_int_query(-1, "SELECT COUNT(*) FROM meal_item WHERE id = ? AND"
					    " kind = 'dish'", "i", d->set_dish_ids[i]);
		if (ok < 0)
			return ORG_DB;
		if (!ok || db_exec("INSERT INTO meal_set_item (set_id, dish_id, qty) VALUES (?, ?, ?)",
				   "iii", id, d->set_dish_ids[i], (long long)d->set_qty[i]) < 0) {
			if (ok && db_errno() != DB_ER_DUP_ENTRY)
				return ORG_DB;
			org_error(e, "dishes", "meal.err_set_dishes");
			return ORG_INVALID;
		}
	}
	return ORG_OK;
}

enum org_result meal_item_save(long long *id, struct org_errors *e, const struct org_actor *who,
			       const struct meal_item_def *d)
{
	long long fen = 0, v;
	enum org_result res;

	item_check(e, d, &fen);
	if (e->n)
		return ORG_INVALID;
	if (db_begin())
		return ORG_DB;
	if (*id) {
		v = db_exec("UPDATE meal_item SET kind = ?, name = ?, category = ?, price_fen = ?,"
			    " diet = ?, weekdays = ?, daily_stock = ?, description = ?, active = ?,"
			    " photo_sha256 = IFNULL(?, photo_sha256), photo_mime = IFNULL(?, photo_mime)"
			    " WHERE id = ?", "sssisiisissi", d->kind, d->name, d->category ? d->category : "",
			    fen, d->diet ? d->diet : "", (long long)d->weekdays, d->daily_stock,
			    d->description ? d->description : "", (long long)!!d->active,
			    d->photo_sha256, d->photo_mime, *id);
		if (v == 0 && db_int_query(0, "SELECT COUNT(*) FROM meal_item WHERE id = ?", "i", *id) == 0)
			return org_tx_end(ORG_NOT_FOUND);
	} else {
		v = db_exec("INSERT INTO meal_item (kind, name, category, price_fen, diet, weekdays,"
			    " daily_stock, description, active, photo_sha256, photo_mime) VALUES"
			    " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "sssisiisiss", d->kind, d->name,
			    d->category ? d->category : "", fen, d->diet ? d->diet : "",
			    (long long)d->weekdays, d->daily_stock, d->description ? d->description : "",
			    (long long)!!d->active, d->photo_sha256, d->photo_mime);
		if (v > 0)
			*id = (long long)db_insert_id();
	}
	if (v < 0) {
		if (db_errno() != DB_ER_DUP_ENTRY)
			return org_tx_end(ORG_DB);
		org_error(e, "name", "meal.err_name_taken");
		return org_tx_end(ORG_INVALID);
	}
	if (!strcmp(d->kind, "set") && (res = set_save(e, *id, d)))
		return org_tx_end(res);
	audit(who->staff_id, who->ip, "meal.item", "meal_item", *id, "name=%s price=%lld", d->name,
	      fen);
	return org_tx_end(ORG_OK);
}

/* "HH:MM" → "HH:MM:00" in out (9 bytes); 0 or -1. */
static int time_check(char *out, const char *s)
{
	int h, m;
	char tail;

	if (!s || sscanf(s, "%2d:%2d%c", &h, &m, &tail) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
		return -1;
	snprintf(out, 9, "%02d:%02d:00", h, m);
	return 0;
}

/* The slot labels of s (separated by spaces, commas, semicolons or new lines) as
 * pointers into copy; returns how many, or -1 when one is too long or there are too many. */
static int slots_split(char **out, int max, char *copy)
{
	int n = 0;

	for (char *tok = strtok(copy, " ,;\r\n\t，；"); tok; tok = strtok(NULL, " ,;\r\n\t，；")) {
		if (n == max || strlen(tok) > 32)
			return -1;
		out[n++] = tok;
	}
	return n;
}

enum org_result meal_period_save(long long *id, struct org_errors *e, const struct org_actor *who,
				 const char *name, const char *cutoff, const char *slots,
				 int sort, int active)
{
	char hms[9], *copy = xstrdup(slots ? slots : ""), *labels[12];
	int n = slots_split(labels, 12, copy);
	long long v;

	name_check(e, "name", name, 32);
	if (time_check(hms, cutoff))
		org_error(e, "cutoff", "meal.err_time");
	if (n <= 0)
		org_error(e, "slots", "meal.err_slots");
	if (e->n || db_begin()) {
		free(copy);
		return e->n ? ORG_INVALID : ORG_DB;
	}
	if (*id)
		v = db_exec("UPDATE meal_period SET name = ?, cutoff = ?, sort = ?, active = ? WHERE"
			    " id = ?", "ssiii", name, hms, (long long)sort, (long long)!!active, *id);
	else if ((v = db_exec("INSERT INTO meal_period (name, cutoff, sort, active) VALUES"
			      " (?, ?, ?, ?)", "ssii", name, hms, (long long)sort,
			      (long long)!!active)) > 0)
		*id = (long long)db_insert_id();
	if (v < 0) {
		free(copy);
		if (db_errno() != DB_ER_DUP_ENTRY)
			return org_tx_end(ORG_DB);
		org_error(e, "name", "meal.err_name_taken");
		return org_tx_end(ORG_INVALID);
	}
	/* Slots orders point to stay; the others go, the new ones come. */
	for (int i = 0; i < n; i++)
		if (db_exec("INSERT INTO meal_slot (period_id, label, sort) VALUES (?, ?, ?)"
			    " ON DUPLICATE KEY UPDATE sort = VALUES(sort)", "isi", *id, labels[i],
			    (long long)i + 1) < 0) {
			free(copy);
			return org_tx_end(ORG_DB);
		}
	if (db_exec("DELETE s FROM meal_slot s WHERE s.period_id = ? AND s.sort NOT BETWEEN 1 AND ?"
		    " AND NOT EXISTS (SELECT 1 FROM meal_order o WHERE o.slot_id = s.id)", "ii", *id,
		    (long long)n) < 0) {
		free(copy);
		return org_tx_end(ORG_DB);
	}
	free(copy);
	audit(who->staff_id, who->ip, "meal.period", "meal_period", *id, "name=%s cutoff=%s", name,
	      hms);
	return org_tx_end(ORG_OK);
}

static int date_ok(const char *s)
{
	int y, m, d;
	char tail;

	return s && strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
	       m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static void promo_check(struct org_errors *e, const struct meal_promo_def *d, long long *amount,
			long long *threshold)
{
	static const char *const kinds[] = { "percent", "fixed", "threshold", "free_item", NULL };
	const char *k = d->kind ? d->kind : "";

	name_check(e, "name", d->name, 64);
	if (!in_list(kinds, k, strlen(k)))
		org_error(e, "kind", "err.invalid");
	*amount = *threshold = 0;
	if (!strcmp(k, "percent") && (d->percent_off < 1 || d->percent_off > 99))
		org_error(e, "percent_off", "meal.err_percent");
	if ((!strcmp(k, "fixed") || !strcmp(k, "threshold")) &&
	    (meal_parse_yuan(amount, d->amount) || *amount <= 0))
		org_error(e, "amount", "meal.err_price");
	if ((!strcmp(k, "threshold") || !strcmp(k, "free_item")) && d->threshold && *d->threshold &&
	    meal_parse_yuan(threshold, d->threshold))
		org_error(e, "threshold", "meal.err_price");
	if (!strcmp(k, "threshold") && *threshold <= 0)
		org_error(e, "threshold", "meal.err_price");
	if (!strcmp(k, "threshold") && *amount >= *threshold && *threshold > 0)
		org_error(e, "amount", "meal.err_threshold");
	if (!strcmp(k, "free_item") && d->free_item_id <= 0)
		org_error(e, "free_item_id", "err.required");
	if (!date_ok(d->valid_from))
		org_error(e, "valid_from", "meal.err_date");
	if (!date_ok(d->valid_to))
		org_error(e, "valid_to", "meal.err_date");
	else if (date_ok(d->valid_from) && strcmp(d->valid_from, d->valid_to) > 0)
		org_error(e, "valid_to", "meal.err_dates_order");
	if (d->resident_tag && strlen(d->resident_tag) > 64)
		org_error(e, "resident_tag", "err.too_long_field");
}

enum org_result meal_promo_save(long long *id, struct org_errors *e, const struct org_actor *who,
				const struct meal_promo_def *d)
{
	long long amount, threshold, v;
	int free_item;

	promo_check(e, d, &amount, &threshold);
	if (e->n)
		return ORG_INVALID;
	free_item = !strcmp(d->kind, "free_item");
	if (db_begin())
		return ORG_DB;
	if (free_item && db_int_query(0, "SELECT COUNT(*) FROM meal_item WHERE id = ?", "i",
				      d->free_item_id) <= 0)
		org_error(e, "free_item_id", "err.invalid");
	if (d->period_id && db_int_query(0, "SELECT COUNT(*) FROM meal_period WHERE id = ?", "i",
					 d->period_id) <= 0)
		org_error(e, "period_id", "err.invalid");
	if (e->n)
		return org_tx_end(ORG_INVALID);
	if (*id)
		v = db_exec("UPDATE meal_promo SET name = ?, kind = ?, percent_off = ?, amount_fen = ?,"
			    " threshold_fen = ?, free_item_id = NULLIF(?, 0), valid_from = ?, valid_to = ?,"
			    " period_id = NULLIF(?, 0), resident_tag = NULLIF(?, ''), exclusive = ?,"
			    " active = ? WHERE id = ?", "ssiiiissisiii", d->name, d->kind,
			    !strcmp(d->kind, "percent") ? d->percent_off : 0, amount, threshold,
			    free_item ? d->free_item_id : 0, d->valid_from, d->valid_to, d->period_id,
			    d->resident_tag ? d->resident_tag : "", (long long)!!d->exclusive,
			    (long long)!!d->active, *id);
	else if ((v = db_exec("INSERT INTO meal_promo (name, kind, percent_off, amount_fen,"
			      " threshold_fen, free_item_id, valid_from, valid_to, period_id,"
			      " resident_tag, exclusive, active) VALUES (?, ?, ?, ?, ?, NULLIF(?, 0),"
			      " ?, ?, NULLIF(?, 0), NULLIF(?, ''), ?, ?)", "ssiiiissisii", d->name,
			      d->kind, !strcmp(d->kind, "percent") ? d->percent_off : 0, amount,
			      threshold, free_item ? d->free_item_id : 0, d->valid_from, d->valid_to,
			      d->period_id, d->resident_tag ? d->resident_tag : "",
			      (long long)!!d->exclusive, (long long)!!d->active)) > 0)
		*id = (long long)db_insert_id();
	if (v < 0)
		return org_tx_end(ORG_DB);
	audit(who->staff_id, who->ip, "meal.promo", "meal_promo", *id, "name=%s kind=%s", d->name,
	      d->kind);
	return org_tx_end(ORG_OK);
}

enum org_result meal_menu_set(struct org_errors *e, const struct org_actor *who, const char *date,
			      long long period_id, long long item_id, long long stock)
{
	struct tm tm;
	int y, m, d, bit;
	char tail;
	long long weekdays, sold;
	struct stmt *st;

	if (!date || strlen(date) != 10 || sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) {
		org_error(e, "date", "meal.err_date");
		return ORG_INVALID;
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	if (mktime(&tm) == (time_t)-1 || tm.tm_mday != d) {
		org_error(e, "date", "meal.err_date");
		return ORG_INVALID;
	}
	bit = 1 << ((tm.tm_wday + 6) % 7);
	if (stock > 10000)
		org_error(e, "stock", "meal.err_stock");
	if (db_begin())
		return ORG_DB;
	if (db_int_query(0, "SELECT COUNT(*) FROM meal_period WHERE id = ?", "i", period_id) <= 0)
		org_error(e, "period_id", "meal.err_period");
	weekdays = -1;
	st = db_query("SELECT weekdays, daily_stock FROM meal_item WHERE id = ? AND active = 1", "i",
		      item_id);
	if (st && db_next(st) == 1) {
		weekdays = db_int(st, 0);
		if (stock < 0)
			stock = db_int(st, 1);
	}
	if (st)
		db_done(st);
	if (weekdays < 0)
		org_error(e, "item_id", "meal.err_item");
	else if (!(weekdays & bit))
		org_error(e, "item_id", "meal.err_weekday");
	if (e->n)
		return org_tx_end(ORG_INVALID);
	sold = db_int_query(-1, "SELECT sold FROM meal_menu WHERE menu_date = ? AND period_id = ? AND"
			    " item_id = ? FOR UPDATE", "sii", date, period_id, item_id);
	if (sold > stock) {
		org_error(e, "stock", "meal.err_stock_below_sold");
		return org_tx_end(ORG_REFUSED);
	}
	if (db_exec("INSERT INTO meal_menu (menu_date, period_id, item_id, stock) VALUES (?, ?, ?, ?)"
		    " ON DUPLICATE KEY UPDATE stock = VALUES(stock)", "siii", date, period_id, item_id,
		    stock) < 0)
		return org_tx_end(ORG_DB);
	audit(who->staff_id, who->ip, "meal.menu", "meal_item", item_id, "date=%s period=%lld"
	      " stock=%lld", date, period_id, stock);
	return org_tx_end(ORG_OK);
}

enum org_result meal_menu_remove(struct org_errors *e, const struct org_actor *who, long long id)
{
	long long sold;

	if (db_begin())
		return ORG_DB;
	sold = db_int_query(-1, "SELECT sold + (SELECT COUNT(*) FROM meal_order_line WHERE menu_id ="
			    " m.id) FROM meal_menu m WHERE m.id = ? FOR UPDATE", "i", id);
	if (sold < 0)
		return org_tx_end(db_errno() ? ORG_DB : ORG_NOT_FOUND);
	if (sold > 0) {
		org_error(e, NULL, "meal.err_menu_sold");
		return org_tx_end(ORG_REFUSED);
	}
	if (db_exec("DELETE FROM meal_menu WHERE id = ?", "i", id) < 0)
		return org_tx_end(ORG_DB);
	audit(who->staff_id, who->ip, "meal.menu_remove", "meal_menu", id, NULL);
	return org_tx_end(ORG_OK);
}
