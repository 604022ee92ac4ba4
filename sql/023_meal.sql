-- 023_meal.sql — meal ordering (订餐): dishes and set meals, meal periods with their order
-- cut-off and delivery slots, the menu of a day per period with its stock, promotions, and
-- the orders residents place by phone (an agent) or in the portal.  Money is integer fen.
-- The rules (prices, promotions, stock, cut-off, statuses) live in lib/meal.c.

-- 餐段: 早餐, 午餐, 晚餐.  Orders for a day's period are taken until cutoff (local time) of
-- that day; residents may cancel until then too.
CREATE TABLE meal_period (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name VARCHAR(32) NOT NULL,
	cutoff TIME NOT NULL,
	sort INT NOT NULL DEFAULT 0,
	active TINYINT(1) NOT NULL DEFAULT 1,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_meal_period_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Delivery time slots of a period ("11:00-11:30").
CREATE TABLE meal_slot (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	period_id INT UNSIGNED NOT NULL,
	label VARCHAR(32) NOT NULL,
	sort INT NOT NULL DEFAULT 0,
	UNIQUE KEY uk_meal_slot (period_id, label),
	CONSTRAINT fk_meal_slot_period FOREIGN KEY (period_id) REFERENCES meal_period (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A dish (菜品) or a set meal (套餐, kind 'set', its dishes in meal_set_item).  diet: comma-
-- separated codes (low_salt, low_sugar, soft, vegetarian, no_spicy).  weekdays: bit 0 Monday
-- .. bit 6 Sunday.  daily_stock: the portions per period a menu line starts with.
CREATE TABLE meal_item (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	kind VARCHAR(8) NOT NULL DEFAULT 'dish',
	name VARCHAR(64) NOT NULL,
	category VARCHAR(32) NOT NULL DEFAULT '',
	price_fen INT UNSIGNED NOT NULL,
	diet VARCHAR(255) NOT NULL DEFAULT '',
	weekdays TINYINT UNSIGNED NOT NULL DEFAULT 127,
	daily_stock INT UNSIGNED NOT NULL DEFAULT 50,
	photo_sha256 CHAR(64) NULL,
	photo_mime VARCHAR(64) NULL,
	description VARCHAR(255) NOT NULL DEFAULT '',
	active TINYINT(1) NOT NULL DEFAULT 1,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_meal_item_name (name),
	CONSTRAINT ck_meal_item_kind CHECK (kind IN ('dish', 'set')),
	CONSTRAINT ck_meal_item_price CHECK (price_fen <= 10000000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE meal_set_item (
	set_id INT UNSIGNED NOT NULL,
	dish_id INT UNSIGNED NOT NULL,
	qty SMALLINT UNSIGNED NOT NULL DEFAULT 1,
	PRIMARY KEY (set_id, dish_id),
	CONSTRAINT fk_meal_set_set FOREIGN KEY (set_id) REFERENCES meal_item (id) ON DELETE CASCADE,
	CONSTRAINT fk_meal_set_dish FOREIGN KEY (dish_id) REFERENCES meal_item (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The menu of one day and period: what is offered, how many portions, how many are sold.
-- sold only grows by an UPDATE ... WHERE sold + n <= stock (lib/meal.c), and the CHECK
-- refuses anything else.
CREATE TABLE meal_menu (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	menu_date DATE NOT NULL,
	period_id INT UNSIGNED NOT NULL,
	item_id INT UNSIGNED NOT NULL,
	stock INT UNSIGNED NOT NULL,
	sold INT UNSIGNED NOT NULL DEFAULT 0,
	sort INT NOT NULL DEFAULT 0,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_meal_menu (menu_date, period_id, item_id),
	CONSTRAINT fk_meal_menu_period FOREIGN KEY (period_id) REFERENCES meal_period (id),
	CONSTRAINT fk_meal_menu_item FOREIGN KEY (item_id) REFERENCES meal_item (id),
	CONSTRAINT ck_meal_menu_sold CHECK (sold <= stock)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Promotions.  kind: percent (percent_off of the amount), fixed (amount_fen off), threshold
-- (满减: amount_fen off when the subtotal reaches threshold_fen), free_item (free_item_id
-- given once when the subtotal reaches threshold_fen, 0: always).  Limits: dates (local,
-- inclusive), one period or all (NULL), one resident tag or everyone (NULL).  exclusive: not
-- combined with any other (lib/meal.h meal_price says how they combine).
CREATE TABLE meal_promo (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name VARCHAR(64) NOT NULL,
	kind VARCHAR(16) NOT NULL,
	percent_off TINYINT UNSIGNED NOT NULL DEFAULT 0,
	amount_fen INT UNSIGNED NOT NULL DEFAULT 0,
	threshold_fen INT UNSIGNED NOT NULL DEFAULT 0,
	free_item_id INT UNSIGNED NULL,
	valid_from DATE NOT NULL,
	valid_to DATE NOT NULL,
	period_id INT UNSIGNED NULL,
	resident_tag VARCHAR(64) NULL,
	exclusive TINYINT(1) NOT NULL DEFAULT 0,
	active TINYINT(1) NOT NULL DEFAULT 1,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT fk_meal_promo_item FOREIGN KEY (free_item_id) REFERENCES meal_item (id),
	CONSTRAINT fk_meal_promo_period FOREIGN KEY (period_id) REFERENCES meal_period (id) ON DELETE CASCADE,
	CONSTRAINT ck_meal_promo_kind CHECK (kind IN ('percent', 'fixed', 'threshold', 'free_item'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An order: one resident, one household of theirs, one day and period, one delivery slot.
-- status: placed → confirmed → preparing → delivering → delivered, or cancelled.
-- payment: cash (货到付款) or monthly (月结).  channel: phone (an agent), portal, api.
CREATE TABLE meal_order (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	number VARCHAR(20) NULL,
	resident_id INT UNSIGNED NOT NULL,
	household_id INT UNSIGNED NOT NULL,
	menu_date DATE NOT NULL,
	period_id INT UNSIGNED NOT NULL,
	slot_id INT UNSIGNED NOT NULL,
	note VARCHAR(200) NOT NULL DEFAULT '',
	status VARCHAR(16) NOT NULL DEFAULT 'placed',
	payment VARCHAR(16) NOT NULL DEFAULT 'cash',
	channel VARCHAR(16) NOT NULL DEFAULT 'phone',
	subtotal_fen INT UNSIGNED NOT NULL,
	discount_fen INT UNSIGNED NOT NULL DEFAULT 0,
	total_fen INT UNSIGNED NOT NULL,
	created_by INT UNSIGNED NULL,
	cancel_reason VARCHAR(200) NULL,
	cancelled_by VARCHAR(16) NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_meal_order_number (number),
	KEY k_meal_order_day (menu_date, period_id, status),
	KEY k_meal_order_resident (resident_id, created_at),
	KEY k_meal_order_household (household_id),
	CONSTRAINT fk_meal_order_resident FOREIGN KEY (resident_id) REFERENCES resident (id),
	CONSTRAINT fk_meal_order_household FOREIGN KEY (household_id) REFERENCES household (id),
	CONSTRAINT fk_meal_order_period FOREIGN KEY (period_id) REFERENCES meal_period (id),
	CONSTRAINT fk_meal_order_slot FOREIGN KEY (slot_id) REFERENCES meal_slot (id),
	CONSTRAINT ck_meal_order_status CHECK (status IN ('placed', 'confirmed', 'preparing',
		'delivering', 'delivered', 'cancelled')),
	CONSTRAINT ck_meal_order_payment CHECK (payment IN ('cash', 'monthly')),
	CONSTRAINT ck_meal_order_total CHECK (total_fen + discount_fen = subtotal_fen)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The lines, with name and price as they were when ordered; free: a promotion's gift.
CREATE TABLE meal_order_line (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	order_id INT UNSIGNED NOT NULL,
	menu_id INT UNSIGNED NOT NULL,
	item_id INT UNSIGNED NOT NULL,
	name VARCHAR(64) NOT NULL,
	price_fen INT UNSIGNED NOT NULL,
	qty SMALLINT UNSIGNED NOT NULL,
	free TINYINT(1) NOT NULL DEFAULT 0,
	KEY k_meal_line_order (order_id),
	KEY k_meal_line_menu (menu_id),
	CONSTRAINT fk_meal_line_order FOREIGN KEY (order_id) REFERENCES meal_order (id) ON DELETE CASCADE,
	CONSTRAINT fk_meal_line_menu FOREIGN KEY (menu_id) REFERENCES meal_menu (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The promotions an order got and what each took off.
CREATE TABLE meal_order_promo (
	order_id INT UNSIGNED NOT NULL,
	promo_id INT UNSIGNED NOT NULL,
	name VARCHAR(64) NOT NULL,
	discount_fen INT UNSIGNED NOT NULL,
	PRIMARY KEY (order_id, promo_id),
	CONSTRAINT fk_meal_op_order FOREIGN KEY (order_id) REFERENCES meal_order (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every status change (who, when, why), for the order's history.
CREATE TABLE meal_order_event (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	order_id INT UNSIGNED NOT NULL,
	status VARCHAR(16) NOT NULL,
	staff_id INT UNSIGNED NULL,
	note VARCHAR(200) NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	KEY k_meal_event_order (order_id),
	CONSTRAINT fk_meal_event_order FOREIGN KEY (order_id) REFERENCES meal_order (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Delivery walking order of the buildings (lower first); buildings without one come last
-- in their sort order.
CREATE TABLE meal_route (
	building_id INT UNSIGNED NOT NULL PRIMARY KEY,
	seq INT NOT NULL,
	CONSTRAINT fk_meal_route_building FOREIGN KEY (building_id) REFERENCES building (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO meal_period (name, cutoff, sort) VALUES
	('早餐', '07:00:00', 10), ('午餐', '10:30:00', 20), ('晚餐', '16:30:00', 30);
INSERT INTO meal_slot (period_id, label, sort)
	SELECT id, '07:30-08:00', 1 FROM meal_period WHERE name = '早餐'
	UNION ALL SELECT id, '08:00-08:30', 2 FROM meal_period WHERE name = '早餐'
	UNION ALL SELECT id, '11:00-11:30', 1 FROM meal_period WHERE name = '午餐'
	UNION ALL SELECT id, '11:30-12:00', 2 FROM meal_period WHERE name = '午餐'
	UNION ALL SELECT id, '12:00-12:30', 3 FROM meal_period WHERE name = '午餐'
	UNION ALL SELECT id, '17:00-17:30', 1 FROM meal_period WHERE name = '晚餐'
	UNION ALL SELECT id, '17:30-18:00', 2 FROM meal_period WHERE name = '晚餐';

-- meal.order: take orders and look them up (agents); meal.kitchen: status steps, kitchen
-- and delivery lists, sales; meal.admin: dishes, set meals, periods, promotions, menus.
INSERT INTO permission (code, area, sort) VALUES
	('meal.order', 'meal', 900),
	('meal.kitchen', 'meal', 910),
	('meal.admin', 'meal', 920);
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, p.code FROM role r JOIN permission p
	WHERE (p.code = 'meal.order' AND r.code IN ('agent', 'supervisor', 'admin'))
	   OR (p.code = 'meal.kitchen' AND r.code IN ('supervisor', 'manager', 'admin'))
	   OR (p.code = 'meal.admin' AND r.code IN ('supervisor', 'admin'));
