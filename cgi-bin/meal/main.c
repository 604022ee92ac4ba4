/* meal — the staff's side of meal ordering (订餐): agents take orders from the screen pop
 * and look them up (meal.order), the kitchen moves them on and prints its lists
 * (meal.kitchen), supervisors and admins configure dishes, set meals, periods, promotions
 * and the day's menu (meal.admin).  Residents order in the portal, systems through the API. */
#include "meal_pages.h"

static const struct page pages[] = {
	{ "GET", "/meal", "meal.order", page_meal_orders, 0 },
	{ "GET", "/meal/order", "meal.order", page_meal_order_new, 0 },
	{ "POST", "/meal/order", "meal.order", page_meal_order_create, 0 },
	{ "GET", "/meal/orders/#", "meal.order", page_meal_order, 0 },
	{ "POST", "/meal/orders/#/step", "meal.kitchen", page_meal_order_step, 0 },
	{ "POST", "/meal/orders/#/cancel", "meal.order", page_meal_order_cancel, 0 },
	{ "GET", "/meal/sheet", "meal.order", page_meal_menu_sheet, 0 },
	{ "GET", "/meal/photos/#", NULL, page_meal_photo, 0 },

	{ "GET", "/meal/kitchen", "meal.kitchen", page_meal_kitchen, 0 },
	{ "GET", "/meal/delivery", "meal.kitchen", page_meal_delivery, 0 },
	{ "GET", "/meal/sales", "meal.kitchen", page_meal_sales, 0 },

	{ "GET", "/meal/menu", "meal.admin", page_meal_menu, 0 },
	{ "POST", "/meal/menu", "meal.admin", page_meal_menu_set, 0 },
	{ "POST", "/meal/menu/#/remove", "meal.admin", page_meal_menu_remove, 0 },
	{ "GET", "/meal/items", "meal.admin", page_meal_items, 0 },
	{ "POST", "/meal/items", "meal.admin", page_meal_item_save, 0 },
	{ "GET", "/meal/periods", "meal.admin", page_meal_periods, 0 },
	{ "POST", "/meal/periods", "meal.admin", page_meal_period_save, 0 },
	{ "GET", "/meal/promos", "meal.admin", page_meal_promos, 0 },
	{ "POST", "/meal/promos", "meal.admin", page_meal_promo_save, 0 },
	{ 0 }
};

static const struct program meal = { "meal", pages };

int main(int argc, char **argv)
{
	return kit_main(argc, argv, &meal);
}
