-- meal.sql — the demo's meal ordering (订餐): dishes, two set meals, the menu of today and
-- the next six days for every period, promotions (敬老九折 for residents tagged elderly_alone,
-- 满30减3, a free soup from 25 yuan) and a route through the first community's buildings.
-- Idempotent: tools/wl runs it at every demo start with @today (local date) set, so the demo
-- always has a menu; existing rows are kept (INSERT IGNORE on unique names and days).

INSERT IGNORE INTO meal_item (kind, name, category, price_fen, diet, daily_stock, description) VALUES
	('dish', '红烧肉', '荤菜', 1800, 'soft', 40, '肥瘦相间，炖得软烂'),
	('dish', '清蒸鲈鱼', '荤菜', 2600, 'low_salt,low_fat', 20, '少盐清蒸'),
	('dish', '番茄炒蛋', '素菜', 900, 'soft,vegetarian', 60, ''),
	('dish', '清炒时蔬', '素菜', 600, 'low_salt,low_fat,vegetarian', 80, '当季青菜'),
	('dish', '南瓜小米粥', '主食', 400, 'low_sugar,soft,vegetarian', 80, ''),
	('dish', '米饭', '主食', 150, 'vegetarian', 200, ''),
	('dish', '馒头', '主食', 100, 'vegetarian', 200, ''),
	('dish', '紫菜蛋花汤', '汤', 300, 'low_salt', 100, ''),
	('dish', '豆浆油条', '早点', 500, '', 60, ''),
	('dish', '鸡蛋羹', '早点', 400, 'soft,low_salt', 60, '');
INSERT IGNORE INTO meal_item (kind, name, category, price_fen, diet, daily_stock, description) VALUES
	('set', '敬老软食套餐', '套餐', 2000, 'soft,low_salt', 30, '红烧肉、番茄炒蛋、南瓜小米粥'),
	('set', '家常两菜一饭', '套餐', 1600, '', 40, '番茄炒蛋、清炒时蔬、米饭');
INSERT IGNORE INTO meal_set_item (set_id, dish_id, qty)
	SELECT s.id, d.id, 1 FROM meal_item s JOIN meal_item d
	WHERE (s.name = '敬老软食套餐' AND d.name IN ('红烧肉', '番茄炒蛋', '南瓜小米粥'))
	   OR (s.name = '家常两菜一饭' AND d.name IN ('番茄炒蛋', '清炒时蔬', '米饭'));

-- The menu: breakfast items for 早餐, the rest for 午餐 and 晚餐, today and six days ahead.
INSERT IGNORE INTO meal_menu (menu_date, period_id, item_id, stock)
	SELECT @today + INTERVAL d.n DAY, p.id, i.id, i.daily_stock
	FROM meal_period p JOIN meal_item i
	JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
	      UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6) d
	WHERE p.active = 1 AND i.active = 1 AND i.name IN ('红烧肉', '清蒸鲈鱼', '番茄炒蛋', '清炒时蔬',
		'南瓜小米粥', '米饭', '馒头', '紫菜蛋花汤', '豆浆油条', '鸡蛋羹', '敬老软食套餐', '家常两菜一饭')
	  AND ((p.name = '早餐' AND i.name IN ('豆浆油条', '鸡蛋羹', '南瓜小米粥', '馒头'))
	    OR (p.name IN ('午餐', '晚餐') AND i.name NOT IN ('豆浆油条', '鸡蛋羹')));

INSERT INTO meal_promo (name, kind, percent_off, amount_fen, threshold_fen, free_item_id,
		        valid_from, valid_to, period_id, resident_tag)
	SELECT x.name, x.kind, x.pct, x.amount, x.threshold,
	       (SELECT id FROM meal_item WHERE name = x.gift), @today, @today + INTERVAL 1 YEAR, NULL, x.tag
	FROM (SELECT '敬老九折' AS name, 'percent' AS kind, 10 AS pct, 0 AS amount, 0 AS threshold,
		     NULL AS gift, 'elderly_alone' AS tag
	      UNION ALL SELECT '满30减3', 'threshold', 0, 300, 3000, NULL, NULL
	      UNION ALL SELECT '满25送汤', 'free_item', 0, 0, 2500, '紫菜蛋花汤', NULL) x
	WHERE NOT EXISTS (SELECT 1 FROM meal_promo m WHERE m.name = x.name);

-- Walking order: the first community's buildings in their order.
INSERT IGNORE INTO meal_route (building_id, seq)
	SELECT b.id, b.sort * 100 + b.id FROM building b
	WHERE b.community_id = (SELECT MIN(id) FROM community);
