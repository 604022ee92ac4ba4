-- WarmLine demo data: the department tree, 3 communities and @scale households (default 5000)
-- with their residents, phones and tags. Pure SQL, set-based, deterministic (hashes of sequence
-- numbers, no RAND()): the same @scale gives the same data, but for created_at dates, which are
-- relative to now. See README.md in this directory.
--   (echo 'SET @scale = 20000;'; cat sql/demo/demo.sql) | mariadb warmline
-- Needs the Sequence engine (seq_0_to_N tables, built into MariaDB) and migrations 001 and 002.
-- Refuses to run when communities exist; the departments are added only where missing, so
-- `tools/wl demo-data N` can replace the demo residents at another scale.
-- Everything is inserted in one transaction: on any error nothing is left behind.

SET @n = CAST(COALESCE(@scale, 5000) AS SIGNED);

DELIMITER //
BEGIN NOT ATOMIC
	IF @n IS NULL OR @n < 1 OR @n > 5000000 THEN
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'demo.sql: @scale must be a number of households from 1 to 5000000';
	END IF;
	IF EXISTS (SELECT 1 FROM community) THEN
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'demo.sql: the community table is not empty; demo data is only loaded into an empty database';
	END IF;
END //
DELIMITER ;

-- The work tables are MEMORY tables; the largest holds ≈ 1.9 rows of ~150 bytes per household.
SET SESSION max_heap_table_size = GREATEST(@@max_heap_table_size, 64 * 1024 * 1024 + @n * 1024);

START TRANSACTION;

-- Departments -------------------------------------------------------------------------------

INSERT IGNORE INTO department (parent_id, name, code, sort) VALUES
	(NULL, '客服中心', 'cs', 10),
	(NULL, '工程维修部', 'eng', 20),
	(NULL, '秩序维护部', 'sec', 30),
	(NULL, '环境部', 'env', 40),
	(NULL, '综合管理部', 'admin', 50);

INSERT IGNORE INTO department (parent_id, name, code, sort)
	SELECT p.id, v.name, v.code, v.sort FROM department p JOIN (
		SELECT 'cs' AS parent, '一组' AS name, 'cs1' AS code, 10 AS sort
		UNION ALL SELECT 'cs', '二组', 'cs2', 20
		UNION ALL SELECT 'eng', '暖通班', 'eng_hvac', 10
		UNION ALL SELECT 'eng', '水电班', 'eng_plumb', 20
		UNION ALL SELECT 'eng', '土建班', 'eng_civil', 30
	) v ON v.parent = p.code
	ORDER BY p.sort, v.sort;

-- Communities and their layout --------------------------------------------------------------

INSERT INTO community (code, name, city, district, address, phone) VALUES
	('yangguang', '阳光花园', '北京市', '朝阳区', '北京市朝阳区东坝中路36号', '01084391266'),
	('jinxiu', '锦绣华庭', '天津市', '南开区', '天津市南开区长江道212号', '02227651830'),
	('cuihu', '翠湖小区', '沈阳市', '浑南区', '沈阳市浑南区浑南中路57号', '02431856722');

-- hh: households; floors; perfloor: households per floor and unit; upb: units per building;
-- areas: base building area of the flats on a floor, by position; tel: landline area code and
-- the first digits local numbers start with.
CREATE TEMPORARY TABLE demo_cfg (
	cidx INT NOT NULL PRIMARY KEY,
	community_id INT UNSIGNED NOT NULL,
	hh INT NOT NULL,
	floors INT NOT NULL,
	perfloor INT NOT NULL,
	upb INT NOT NULL,
	cap INT NOT NULL,                     -- households per unit
	nu INT NOT NULL,                      -- units
	areas VARCHAR(64) NOT NULL,
	tel_area VARCHAR(4) NOT NULL,
	tel_first VARCHAR(8) NOT NULL
) ENGINE=MEMORY;

INSERT INTO demo_cfg (cidx, community_id, hh, floors, perfloor, upb, cap, nu, areas, tel_area, tel_first)
	SELECT v.cidx, c.id, v.hh, v.floors, v.perfloor, v.upb, v.floors * v.perfloor,
		CEIL(v.hh / (v.floors * v.perfloor)), v.areas, v.tel_area, v.tel_first
	FROM community c JOIN (
		SELECT 1 AS cidx, 'yangguang' AS code, FLOOR(@n * 0.40) AS hh, 18 AS floors, 2 AS perfloor, 3 AS upb,
			'128.56,141.23' AS areas, '010' AS tel_area, '568' AS tel_first
		UNION ALL SELECT 2, 'jinxiu', FLOOR(@n * 0.35), 18, 4, 2, '98.47,72.35,72.35,98.47', '022', '2586'
		UNION ALL SELECT 3, 'cuihu', @n - FLOOR(@n * 0.40) - FLOOR(@n * 0.35), 11, 3, 4, '105.62,68.91,89.30', '024', '238'
	) v ON v.code = c.code;

-- Buildings, units, households ----------------------------------------------------------------

INSERT INTO building (community_id, name, sort)
	SELECT c.community_id, CONCAT(s.seq, '号楼'), s.seq
	FROM demo_cfg c JOIN seq_1_to_5000000 s ON s.seq <= CEIL(c.nu / c.upb)
	ORDER BY c.cidx, s.seq;

INSERT INTO unit (building_id, name, floors, sort)
	SELECT b.id, CONCAT(s.seq, '单元'), c.floors, s.seq
	FROM demo_cfg c JOIN building b ON b.community_id = c.community_id
	JOIN seq_1_to_8 s ON s.seq <= c.upb AND (b.sort - 1) * c.upb + s.seq <= c.nu
	ORDER BY c.cidx, b.sort, s.seq;

-- uidx: the unit's 0-based number in its community, in building and unit order.
CREATE TEMPORARY TABLE demo_unit (
	cidx INT NOT NULL,
	uidx INT NOT NULL,
	unit_id INT UNSIGNED NOT NULL,
	bidx INT NOT NULL,
	PRIMARY KEY (cidx, uidx)
) ENGINE=MEMORY;

INSERT INTO demo_unit (cidx, uidx, unit_id, bidx)
	SELECT c.cidx, (b.sort - 1) * c.upb + u.sort - 1, u.id, b.sort
	FROM demo_cfg c JOIN building b ON b.community_id = c.community_id JOIN unit u ON u.building_id = b.id;

-- Household i of a community is in unit i DIV cap, on floor (i MOD cap) DIV perfloor + 1.
-- Flats above each other have the same area; about 5% have stopped heating (报停).
INSERT INTO household (unit_id, room, floor, area_m2, heating_status)
	SELECT m.unit_id, CONCAT(x.fl, LPAD(x.pos, 2, '0')), x.fl,
		CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(x.areas, ',', x.pos), ',', -1) AS DECIMAL(8,2))
			+ (CAST(CRC32(CONCAT('area', x.cidx, '.', m.bidx, '.', x.pos)) MOD 601 AS SIGNED) - 300) / 100,
		IF(CRC32(CONCAT('stop', x.cidx, '.', x.i)) MOD 100 < 5, 'stopped', 'normal')
	FROM (
		SELECT c.cidx, c.areas, s.seq AS i, s.seq DIV c.cap AS uidx,
			(s.seq MOD c.cap) DIV c.perfloor + 1 AS fl, s.seq MOD c.perfloor + 1 AS pos
		FROM demo_cfg c JOIN seq_0_to_4999999 s ON s.seq < c.hh
	) x JOIN demo_unit m ON m.cidx = x.cidx AND m.uidx = x.uidx
	ORDER BY x.cidx, x.i;

-- Name lists ----------------------------------------------------------------------------------

-- Surnames, the most common ones repeated so they come up more often (roughly as in the north).
SET @surnames = '王,王,王,王,李,李,李,李,张,张,张,张,刘,刘,刘,刘,陈,陈,杨,杨,赵,赵,赵,黄,周,吴,徐,孙,孙,孙,马,马,朱,胡,郭,郭,何,高,高,林,罗,郑,梁,谢,宋,唐,许,韩,韩,冯,邓,曹,彭,曾,肖,田,董,袁,潘,于,于,蒋,蔡,余,杜,叶,程,苏,魏,吕,丁,任,沈,姚,卢,姜,崔,钟,谭,陆,汪,范,金,石,廖,贾,夏,付,方,白,邹,孟,熊,秦,邱,江,尹,薛,闫,段,雷,侯,龙,史,陶,贺,顾,毛,郝,龚,邵,万,钱,严,武,戴,孔,常,康,齐,关,佟,牛,葛,欧阳';

-- Given names by sex (0 male, 1 female) and generation (0 born before 1960, 1 1960-1989, 2 after).
CREATE TEMPORARY TABLE demo_list (
	g INT NOT NULL,                       -- 0 surname, 1 given name
	sex INT NOT NULL,
	gen INT NOT NULL,
	list VARCHAR(2000) NOT NULL,
	cnt INT NOT NULL DEFAULT 0,
	PRIMARY KEY (g, sex, gen)
) ENGINE=MEMORY;

INSERT INTO demo_list (g, sex, gen, list) VALUES
	(0, 0, 0, @surnames),
	(1, 0, 0, '建国,国庆,建华,国华,德福,德胜,长顺,长林,玉成,振华,志明,卫国,立新,福生,宝山,树林,永贵,庆祥,兆祥,文斌,凤山,金生,春生,有才,德山,国栋,治国,振国,学文,广仁,明德,桂林,洪涛,跃进,援朝,和平,建民,庆余,永福,士林'),
	(1, 1, 0, '秀英,桂英,秀兰,玉兰,桂兰,淑珍,淑芬,凤英,玉珍,秀珍,桂芳,玉梅,淑兰,素芬,秀云,凤兰,桂珍,玉英,淑华,翠兰,秀荣,凤琴,丽华,淑英,美兰,彩霞,桂香,秀芳,金凤,春兰,玉芝,素华,淑琴,桂荣,月英'),
	(1, 0, 1, '伟,强,磊,军,勇,杰,涛,斌,超,明,刚,平,辉,鹏,华,飞,波,健,峰,亮,建军,建华,志强,志刚,海涛,海军,晓东,小军,永强,建平,国强,立军,宏伟,振宇,文杰,海波,卫东,春雷,俊峰,东升,建伟,光辉,志勇,宏亮,红兵,晓光,立伟,庆国,铁军,长江'),
	(1, 1, 1, '丽,静,敏,艳,芳,娟,霞,燕,红,玲,萍,梅,丽娟,丽华,秀梅,海燕,晓红,雪梅,春燕,艳红,丽丽,红梅,晓燕,立红,美玲,晓丽,慧,颖,丽萍,海霞,淑敏,爱华,文静,月华,晓梅,红霞,玉洁,丹,凤霞,亚楠'),
	(1, 0, 2, '浩,宇,鑫,帅,鹏飞,浩然,子轩,宇航,俊杰,博文,梓豪,一鸣,天佑,皓轩,思远,明轩,子豪,宇轩,博,晨阳,家豪,嘉诚,铭泽,浩宇,志豪,文博,子墨,睿,泽宇,昊天,俊熙,逸飞,佳乐,雨泽,凯,旭,阳,硕,晨,帆'),
	(1, 1, 2, '婷婷,雪,佳,思雨,欣怡,梓涵,子涵,诗涵,雨萱,一诺,可馨,佳怡,梦瑶,雨桐,紫涵,晓雪,悦,琪,萌萌,雅琪,心怡,思琪,佳琪,欣妍,若曦,慧敏,雪莹,晨曦,宇彤,楠,璐,倩,莹,蕾,欢,月,妍,冉,爽,丹丹');

UPDATE demo_list SET cnt = CHAR_LENGTH(list) - CHAR_LENGTH(REPLACE(list, ',', '')) + 1;

-- One row per name: (g, sex, gen, k) -> name.
CREATE TEMPORARY TABLE demo_name (
	g INT NOT NULL,
	sex INT NOT NULL,
	gen INT NOT NULL,
	k INT NOT NULL,
	name VARCHAR(8) NOT NULL,
	PRIMARY KEY (g, sex, gen, k)
) ENGINE=MEMORY;

INSERT INTO demo_name (g, sex, gen, k, name)
	SELECT l.g, l.sex, l.gen, s.seq - 1, SUBSTRING_INDEX(SUBSTRING_INDEX(l.list, ',', s.seq), ',', -1)
	FROM demo_list l JOIN seq_1_to_500 s ON s.seq <= l.cnt;

SELECT cnt INTO @nsurnames FROM demo_list WHERE g = 0;
SELECT cnt INTO @ngm0 FROM demo_list WHERE g = 1 AND sex = 0 AND gen = 0;

-- Households: who lives there -------------------------------------------------------------------

-- nres: 1 (35%), 2 (45%) or 3 (20%) residents. rented (15%): the owner lives elsewhere and the
-- tenant, possibly with a partner, lives there. elderly: an old owner living alone (≈4% of
-- residents). tel: a landline (≈10%, half of the elderly). heads: the owner's generation.
CREATE TEMPORARY TABLE demo_hh (
	hid INT UNSIGNED NOT NULL PRIMARY KEY,
	cidx INT NOT NULL,
	nres INT NOT NULL,
	rented INT NOT NULL,
	elderly INT NOT NULL,
	tel INT NOT NULL,
	stopped INT NOT NULL,
	head_sex INT NOT NULL,
	head_gen INT NOT NULL,
	tenant_sex INT NOT NULL,
	tenant_gen INT NOT NULL,
	since_days INT NOT NULL               -- how long ago the owner was registered
) ENGINE=MEMORY;

INSERT INTO demo_hh (hid, cidx, nres, rented, elderly, tel, stopped, head_sex, head_gen, tenant_sex, tenant_gen, since_days)
	SELECT y.hid, y.cidx, y.nres, y.rented, y.elderly,
		IF(y.elderly, CRC32(CONCAT('tel', y.hid)) MOD 100 < 50, CRC32(CONCAT('tel', y.hid)) MOD 100 < 7),
		y.stopped,
		CRC32(CONCAT('sex', y.hid)) MOD 2,
		IF(y.elderly OR CRC32(CONCAT('gen', y.hid)) MOD 100 < 20, 0, 1),
		CRC32(CONCAT('tsex', y.hid)) MOD 2,
		IF(CRC32(CONCAT('tgen', y.hid)) MOD 100 < 70, 2, 1),
		CRC32(CONCAT('since', y.hid)) MOD 1800
	FROM (
		SELECT x.*, x.nres = 1 AND NOT x.rented AND CRC32(CONCAT('old', x.hid)) MOD 100 < 25 AS elderly
		FROM (
			SELECT h.id AS hid, c.cidx, h.heating_status = 'stopped' AS stopped,
				CRC32(CONCAT('rent', h.id)) MOD 100 < 15 AS rented,
				CASE WHEN CRC32(CONCAT('nres', h.id)) MOD 100 < 35
					THEN IF(CRC32(CONCAT('rent', h.id)) MOD 100 < 15, 2, 1)
					WHEN CRC32(CONCAT('nres', h.id)) MOD 100 < 80 THEN 2 ELSE 3 END AS nres
			FROM demo_cfg c JOIN building b ON b.community_id = c.community_id
			JOIN unit u ON u.building_id = b.id JOIN household h ON h.unit_id = u.id
		) x
	) y;

-- Residents ------------------------------------------------------------------------------------

-- One row per resident; rid is the id it gets. role: 1 owner, 2 owner's spouse, 3 owner's child,
-- 4 tenant, 5 tenant's partner. A spouse is of the other sex; a child bears the father's surname.
CREATE TEMPORARY TABLE demo_res (
	rid INT UNSIGNED NOT NULL PRIMARY KEY,
	hid INT UNSIGNED NOT NULL,
	k INT NOT NULL,
	role INT NOT NULL,
	sex INT NOT NULL,
	gen INT NOT NULL,
	surname_k INT NOT NULL,
	lives_here INT NOT NULL,
	has_mobile INT NOT NULL,
	name VARCHAR(16) NULL,
	mobile CHAR(11) NULL
) ENGINE=MEMORY;

SELECT COALESCE(MAX(id), 0) INTO @rid0 FROM resident;

INSERT INTO demo_res (rid, hid, k, role, sex, gen, surname_k, lives_here, has_mobile)
	SELECT @rid0 + ROW_NUMBER() OVER (ORDER BY x.hid, x.k), x.hid, x.k, x.role,
		CASE x.role WHEN 1 THEN x.head_sex WHEN 2 THEN 1 - x.head_sex
			WHEN 3 THEN CRC32(CONCAT('csex', x.hid)) MOD 2
			WHEN 4 THEN x.tenant_sex ELSE 1 - x.tenant_sex END,
		CASE x.role WHEN 1 THEN x.head_gen WHEN 2 THEN x.head_gen WHEN 3 THEN x.head_gen + 1 ELSE x.tenant_gen END,
		CRC32(CONCAT('sn', x.hid, '.',
			CASE WHEN x.role = 3 THEN IF(x.head_sex = 0, 1, 2) ELSE x.k END)) MOD @nsurnames,
		x.role <> 1 OR NOT x.rented,
		CASE WHEN x.role = 1 AND x.elderly THEN NOT x.tel OR CRC32(CONCAT('mob', x.hid)) MOD 2 = 0
			WHEN x.role = 3 THEN CRC32(CONCAT('mob', x.hid, '.3')) MOD 100 < 75
			ELSE CRC32(CONCAT('mob', x.hid, '.', x.k)) MOD 100 < 98 END
	FROM (
		SELECT h.*, s.seq AS k,
			CASE WHEN s.seq = 1 THEN 1 WHEN h.rented THEN 3 + s.seq - 1 ELSE s.seq END AS role
		FROM demo_hh h JOIN seq_1_to_3 s ON s.seq <= h.nres
	) x;

-- Names; mobile numbers: a real prefix and 8 digits that are a bijection of rid (affine maps
-- mod 10^8 alternating with digit reversals), so they look random and never collide.
UPDATE demo_res r
	JOIN demo_name sn ON sn.g = 0 AND sn.sex = 0 AND sn.gen = 0 AND sn.k = r.surname_k
	JOIN demo_list gl ON gl.g = 1 AND gl.sex = r.sex AND gl.gen = r.gen
	JOIN demo_name gn ON gn.g = 1 AND gn.sex = r.sex AND gn.gen = r.gen
		AND gn.k = CRC32(CONCAT('given', r.rid)) MOD gl.cnt
	SET r.name = CONCAT(sn.name, gn.name),
		r.mobile = IF(r.has_mobile, CONCAT(
			SUBSTRING_INDEX(SUBSTRING_INDEX('130,131,132,133,135,136,137,138,139,150,151,152,153,155,156,157,158,159,166,173,175,176,177,178,180,181,182,183,185,186,187,188,189,191,198,199',
				',', 1 + CRC32(CONCAT('pfx', r.rid)) MOD 36), ',', -1),
			LPAD((CAST(REVERSE(LPAD((CAST(REVERSE(LPAD((r.rid * 61803399 + 31415926) MOD 100000000, 8, '0')) AS UNSIGNED)
				* 41421357 + 27182818) MOD 100000000, 8, '0')) AS UNSIGNED) * 73205081 + 14142136) MOD 100000000, 8, '0')
		), NULL);

-- Level: ≈3% VIP (owners). Email: a third of the younger adults with a mobile, at qq.com (a QQ
-- number) or 163.com/126.com (the mobile number). Preferred channel: mostly phone and WeChat.
INSERT INTO resident (id, name, gender, category, level, preferred_channel, email, note, created_at, updated_at)
	SELECT z.rid, z.name, z.gender, z.category, z.level,
		CASE WHEN z.email IS NOT NULL AND z.ch < 15 THEN 'email'
			WHEN NOT z.has_mobile OR z.gen = 0 OR z.ch < 50 THEN 'phone'
			WHEN z.ch < 85 THEN 'wechat' ELSE 'sms' END,
		z.email,
		CASE WHEN z.elderly THEN ELT(1 + z.rid MOD 3,
				'独居老人，耳背，来电请大声、慢速说话',
				'独居老人，子女在外地，紧急情况请联系社区网格员',
				'独居老人，行动不便，上门前请先电话确认')
			WHEN z.disabled THEN '行动不便（轮椅），上门维修请提前电话预约'
			WHEN z.complainant THEN '对室温要求高，多次投诉室温不达标，回访请由班长负责'
			WHEN z.level = 'vip' AND z.rid MOD 3 = 0 THEN '业委会委员'
			ELSE NULL END,
		z.created, z.created
	FROM (
		SELECT r.rid, r.name, r.gen, r.has_mobile,
			IF(CRC32(CONCAT('nosex', r.rid)) MOD 100 < 2, NULL, IF(r.sex = 0, 'M', 'F')) AS gender,
			IF(r.role >= 4, 'tenant', 'owner') AS category,
			IF(r.role = 1 AND CRC32(CONCAT('vip', r.rid)) MOD 1000 < 55, 'vip', 'normal') AS level,
			CASE WHEN NOT r.has_mobile OR r.gen = 0 OR CRC32(CONCAT('email', r.rid)) MOD 100 >= 33 THEN NULL
				WHEN CRC32(CONCAT('dom', r.rid)) MOD 100 < 60
					THEN CONCAT(10000 + CRC32(CONCAT('qq', r.rid)) MOD 2999990000, '@qq.com')
				WHEN CRC32(CONCAT('dom', r.rid)) MOD 100 < 85 THEN CONCAT(r.mobile, '@163.com')
				ELSE CONCAT(r.mobile, '@126.com') END AS email,
			CRC32(CONCAT('ch', r.rid)) MOD 100 AS ch,
			r.role = 1 AND h.elderly AS elderly,
			CRC32(CONCAT('dis', r.rid)) MOD 1000 < 10 AS disabled,
			r.role IN (1, 4) AND CRC32(CONCAT('cmp', r.rid)) MOD 1000 < 16 AS complainant,
			UTC_TIMESTAMP() - INTERVAL IF(r.role >= 4, h.since_days MOD 700, h.since_days) DAY
				- INTERVAL CRC32(CONCAT('sec', r.rid)) MOD 86400 SECOND AS created
		FROM demo_res r JOIN demo_hh h ON h.hid = r.hid
	) z
	ORDER BY z.rid;

INSERT INTO resident_household (resident_id, household_id, relation)
	SELECT rid, hid, CASE role WHEN 1 THEN 'owner' WHEN 4 THEN 'tenant' WHEN 5 THEN 'tenant' ELSE 'family' END
	FROM demo_res ORDER BY rid;

-- Phones: every mobile is primary; a household's landline is shared by everyone living there
-- (primary for those without a mobile). Landline: area code + a first digit usual in that city +
-- 7 digits that are a bijection of the household id (as for mobiles, mod 10^7): 11 digits.
INSERT INTO resident_phone (resident_id, phone, kind, is_primary, created_at, updated_at)
	SELECT r.rid, r.mobile, 'mobile', 1, p.created_at, p.created_at
	FROM demo_res r JOIN resident p ON p.id = r.rid
	WHERE r.has_mobile
	ORDER BY r.rid;

INSERT INTO resident_phone (resident_id, phone, kind, is_primary, created_at, updated_at)
	SELECT r.rid,
		CONCAT(c.tel_area,
			SUBSTRING(c.tel_first, 1 + CRC32(CONCAT('tf', h.hid)) MOD CHAR_LENGTH(c.tel_first), 1),
			LPAD((CAST(REVERSE(LPAD((CAST(REVERSE(LPAD((h.hid * 6180339 + 1234567) MOD 10000000, 7, '0')) AS UNSIGNED)
				* 4142137 + 2718281) MOD 10000000, 7, '0')) AS UNSIGNED) * 7320507 + 1414213) MOD 10000000, 7, '0')),
		'landline', NOT r.has_mobile, p.created_at, p.created_at
	FROM demo_res r JOIN demo_hh h ON h.hid = r.hid JOIN demo_cfg c ON c.cidx = h.cidx
	JOIN resident p ON p.id = r.rid
	WHERE h.tel AND r.lives_here
	ORDER BY r.rid;

-- Tags: elderly_alone (the elderly living alone), disabled, frequent_complainant (as noted above),
-- heating_stop (owners of households that stopped heating).
INSERT INTO resident_tag (resident_id, tag)
	SELECT r.rid, 'elderly_alone' FROM demo_res r JOIN demo_hh h ON h.hid = r.hid
		WHERE r.role = 1 AND h.elderly
	UNION ALL SELECT r.rid, 'disabled' FROM demo_res r
		WHERE CRC32(CONCAT('dis', r.rid)) MOD 1000 < 10
	UNION ALL SELECT r.rid, 'frequent_complainant' FROM demo_res r
		WHERE r.role IN (1, 4) AND CRC32(CONCAT('cmp', r.rid)) MOD 1000 < 16
	UNION ALL SELECT r.rid, 'heating_stop' FROM demo_res r JOIN demo_hh h ON h.hid = r.hid
		WHERE r.role = 1 AND h.stopped;

COMMIT;

DROP TEMPORARY TABLE demo_res, demo_hh, demo_name, demo_list, demo_unit, demo_cfg;

SELECT (SELECT COUNT(*) FROM community) AS communities, (SELECT COUNT(*) FROM building) AS buildings,
	(SELECT COUNT(*) FROM unit) AS units, (SELECT COUNT(*) FROM household) AS households,
	(SELECT COUNT(*) FROM resident) AS residents, (SELECT COUNT(*) FROM resident_phone) AS phones,
	(SELECT COUNT(*) FROM resident_tag) AS tags;
