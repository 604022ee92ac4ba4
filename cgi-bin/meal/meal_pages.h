/* meal_pages.h — the staff's meal pages (program meal, /meal): the agent's order page from
 * the screen pop, order lists and lookups, one order with its steps, the kitchen's
 * production list, delivery lists by building, the daily sales, the printable menu, and the
 * configuration (dishes and set meals, periods, promotions, the day's menu).  The rules live
 * in lib/meal.c and lib/meal_config.c. */
#ifndef WL_MEAL_PAGES_H
#define WL_MEAL_PAGES_H

#include "kit.h"
#include "meal.h"

static inline struct org_actor meal_actor(const struct req *r)
{
	return (struct org_actor){ r->user.id, r->ip };
}

/* common.c */
/* Shows why a change failed (as admin_org_errors): field errors and Page.Error, r->status
 * 422 or 409, returns 0 for the caller to show its page again; or 404 / 500. */
int meal_errors(struct req *r, enum org_result res, const struct org_errors *e);
/* The positive integer of parameter name, or 0. */
long long meal_id_param(const struct req *r, const char *name);
/* The ?date= (YYYY-MM-DD) or today into date (11 bytes), shown as Filter.date. */
void meal_date_param(struct req *r, char *date);
/* Periods.N.{id,name,cutoff,open}, Slots.N.{id,period_id,label} and the menu of date as
 * Menu.N.{menu_id,period_id,item_id,kind,name,category,price,price_fen,diet,stock,sold,
 * left,dishes}.  0 or -1. */
int meal_menu_load(struct req *r, const char *date, int active_only);

/* order.c */
int page_meal_orders(struct req *r);
int page_meal_order_new(struct req *r);
int page_meal_order_create(struct req *r);
int page_meal_order(struct req *r);
int page_meal_order_step(struct req *r);
int page_meal_order_cancel(struct req *r);

/* lists.c */
int page_meal_kitchen(struct req *r);
int page_meal_delivery(struct req *r);
int page_meal_sales(struct req *r);
int page_meal_menu_sheet(struct req *r);
int page_meal_photo(struct req *r);

/* config.c */
int page_meal_items(struct req *r);
int page_meal_item_save(struct req *r);
int page_meal_periods(struct req *r);
int page_meal_period_save(struct req *r);
int page_meal_promos(struct req *r);
int page_meal_promo_save(struct req *r);
int page_meal_menu(struct req *r);
int page_meal_menu_set(struct req *r);
int page_meal_menu_remove(struct req *r);

#endif
