-- WarmLine benchmark data: @bench_tickets work orders (default 1,000,000) with their timelines
-- and @bench_calls calls (default 2,000,000) over the last @bench_days days (default 365), on
-- top of the demo data of demo.sql (households, residents, phones, departments) and the demo
-- staff.  Pure SQL, set-based, deterministic (hashes of sequence numbers, no RAND()): the same
-- demo data, staff and @bench_now give the same rows.  See bench/README.md.
--   (echo "SET @bench_tz = '+08:00';"; cat sql/demo/bench.sql) | mariadb warmline
-- Settings (all optional): @bench_tickets, @bench_calls, @bench_days, @bench_now (UTC,
-- default now), @bench_tz (the UTC offset of WL_TZ: work-order numbers are local dates).
-- Refuses to run when the ticket table already holds more than 1000 rows.  Runs in one
-- transaction, with foreign-key and unique checks off for the session: the keys are
-- consistent by construction (bench/check-data.sql checks them).
--
-- What it makes:
-- * work orders of the types in ticket_type (weights by code: heating, plumbing, consult, ...;
--   a subtype or one of the type's common problems as the title), heating ones crowding the
--   heating season (Nov 15 - Mar 15, its first two weeks most), at office hours mostly;
-- * for a household that has a resident with a phone (≈98%: the reporter is one of them), or
--   ≈2% for a public area (free address, no household);
-- * channels: phone 70% (with the call they came from), WeChat, portal, SMS, staff, API;
-- * each one's life: dispatched to the type's department (or the demo tree's team for that
--   code) and to a technician of that department (else any technician, else the team);
--   accepted mostly within the response SLA, sometimes en route, on site, sometimes pending
--   a day or two, resolved mostly within the resolution SLA, a follow-up visit with a
--   satisfaction score; 2.5% cancelled, 0.8% stuck open (overdue); whatever lies after
--   @bench_now has not happened yet, so the last days hold the open work;
-- * numbers YYYYMMDD-NNNN per local day in creation order, continuing ticket_counter, which
--   is raised to the last number of each day so that new work orders follow on;
-- * calls: one per phone work order (answered by the agent who created it), the rest from
--   residents' phones (82%) and unknown numbers (18%, 170 prefix, some calling again);
--   answered, abandoned, IVR, voicemail; agents are the staff with the agent role.

SET @bt = CAST(COALESCE(@bench_tickets, 1000000) AS SIGNED);
SET @bc = CAST(COALESCE(@bench_calls, 2000000) AS SIGNED);
SET @bdays = CAST(COALESCE(@bench_days, 365) AS SIGNED);
SET @bnow = CAST(COALESCE(@bench_now, UTC_TIMESTAMP()) AS DATETIME);
SET @btz = COALESCE(@bench_tz, '+08:00');

DELIMITER //
BEGIN NOT ATOMIC
	IF @bt IS NULL OR @bt < 1 OR @bt > 5000000 OR @bc IS NULL OR @bc < 0 OR @bc > 10000000 THEN
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'bench.sql: @bench_tickets must be 1..5000000 and @bench_calls 0..10000000';
	END IF;
	IF @bdays IS NULL OR @bdays < 1 OR @bdays > 3650 OR @bnow IS NULL
	   OR CONVERT_TZ(@bnow, '+00:00', @btz) IS NULL THEN
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'bench.sql: @bench_days must be 1..3650, @bench_now a UTC time, @bench_tz an offset like +08:00';
	END IF;
	IF (SELECT COUNT(*) FROM ticket) > 1000 THEN
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'bench.sql: the ticket table already holds more than 1000 rows; benchmark data is loaded only once';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM household) OR NOT EXISTS (SELECT 1 FROM resident_phone) THEN
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'bench.sql: no households or phones: load the demo data (demo.sql) first';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM ticket_type WHERE parent_id IS NULL AND active = 1) THEN
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'bench.sql: no active work-order type';
	END IF;
END //
DELIMITER ;

-- The staging tables are MEMORY tables: the largest holds ≈ 110 bytes per call.
SET SESSION max_heap_table_size = GREATEST(@@max_heap_table_size, 256 * 1024 * 1024 + (@bt + @bc) * 400);
SET SESSION tmp_table_size = GREATEST(@@tmp_table_size, 256 * 1024 * 1024);
SET @b_fk = @@foreign_key_checks, @b_uc = @@unique_checks;
SET SESSION foreign_key_checks = 0, unique_checks = 0;
SET @bstart = NOW(6);

-- Calendar ----------------------------------------------------------------------------------

-- Local hour of day: office hours mostly, a few at night.
CREATE TEMPORARY TABLE b_hslot (slot INT NOT NULL PRIMARY KEY, hour INT NOT NULL) ENGINE=MEMORY;
INSERT INTO b_hslot (slot, hour)
	SELECT ROW_NUMBER() OVER (ORDER BY h.seq, s.seq) - 1, h.seq
	FROM seq_0_to_23 h JOIN seq_1_to_20 s
		ON s.seq <= ELT(h.seq + 1, 1, 1, 1, 1, 1, 1, 2, 5, 12, 14, 14, 12, 8, 9, 12, 12, 11, 9, 8, 8, 6, 4, 3, 2);
SELECT COUNT(*) INTO @wh FROM b_hslot;

-- Today has only had its hours up to now: its weight is cut to that share of a day's work.
SET @b_local = CONVERT_TZ(@bnow, '+00:00', @btz);
SET @b_today0 = CONVERT_TZ(DATE(@b_local), @btz, '+00:00');
SELECT (COUNT(*) + 0.0) / @wh INTO @b_frac FROM b_hslot WHERE hour < HOUR(@b_local);

-- d = 0 .. @bdays - 1 local days, the last being today.  Weights (slots) by kind: 0 for most
-- work, 1 for heating (a little before the season when systems are filled, most in the first
-- two weeks of the season).  Weekends are quieter.  A time of today later than now is
-- squeezed into the part of today that has passed.
CREATE TEMPORARY TABLE b_day (
	d INT NOT NULL PRIMARY KEY,
	day DATE NOT NULL,
	w0 INT NOT NULL,
	w1 INT NOT NULL
) ENGINE=MEMORY;

INSERT INTO b_day (d, day, w0, w1)
	SELECT x.d, x.day,
		CEIL(IF(x.d = @bdays - 1, @b_frac, 1) * (CASE WHEN x.md BETWEEN 1115 AND 1128 THEN 9
			WHEN x.md >= 1115 OR x.md <= 315 THEN 6 ELSE 5 END - IF(WEEKDAY(x.day) >= 5, 2, 0))),
		CEIL(IF(x.d = @bdays - 1, @b_frac, 1) * CASE WHEN x.md BETWEEN 1115 AND 1128 THEN 30
			WHEN x.md >= 1115 OR x.md <= 315 THEN 12 WHEN x.md >= 1015 THEN 4 ELSE 1 END)
	FROM (
		SELECT s.seq AS d, DATE(CONVERT_TZ(@bnow, '+00:00', @btz)) - INTERVAL (@bdays - 1 - s.seq) DAY AS day,
			MONTH(DATE(CONVERT_TZ(@bnow, '+00:00', @btz)) - INTERVAL (@bdays - 1 - s.seq) DAY) * 100
			+ DAYOFMONTH(DATE(CONVERT_TZ(@bnow, '+00:00', @btz)) - INTERVAL (@bdays - 1 - s.seq) DAY) AS md
		FROM seq_0_to_3649 s WHERE s.seq < @bdays
	) x;

CREATE TEMPORARY TABLE b_dslot (
	kind INT NOT NULL,
	slot INT NOT NULL,
	d INT NOT NULL,
	PRIMARY KEY (kind, slot)
) ENGINE=MEMORY;

INSERT INTO b_dslot (kind, slot, d)
	SELECT k.kind, ROW_NUMBER() OVER (PARTITION BY k.kind ORDER BY b.d, s.seq) - 1, b.d
	FROM b_day b JOIN (SELECT 0 AS kind UNION ALL SELECT 1) k
	JOIN seq_1_to_100 s ON s.seq <= IF(k.kind = 0, b.w0, b.w1);

CREATE TEMPORARY TABLE b_dtot (kind INT NOT NULL PRIMARY KEY, w INT NOT NULL) ENGINE=MEMORY;
INSERT INTO b_dtot SELECT kind, COUNT(*) FROM b_dslot GROUP BY kind;

-- Work-order kinds: (type, subtype or none, title) with weights ---------------------------

-- One row per subtype, per common problem of a top-level type, and per top-level type itself.
-- cat: which descriptions fit (1 heating .. 6 fee, 0 other); kind: which calendar; repair:
-- the type needs a household, so a technician goes there.
CREATE TEMPORARY TABLE b_combo (
	c INT NOT NULL PRIMARY KEY,
	type_id INT UNSIGNED NOT NULL,
	subtype_id INT UNSIGNED NULL,
	title VARCHAR(100) NOT NULL,
	cat INT NOT NULL,
	kind INT NOT NULL,
	repair INT NOT NULL,
	dept INT UNSIGNED NULL,
	priority INT NOT NULL,
	resp INT NOT NULL,
	res INT NOT NULL,
	w INT NOT NULL
) ENGINE=MEMORY;

SET @b_dept_fallback = COALESCE((SELECT id FROM department WHERE code = 'cs'), (SELECT MIN(id) FROM department));

INSERT INTO b_combo (c, type_id, subtype_id, title, cat, kind, repair, dept, priority, resp, res, w)
	SELECT ROW_NUMBER() OVER (ORDER BY v.type_id, v.part, v.subtype_id, v.line), v.type_id, v.subtype_id,
		LEFT(v.title, 100), v.cat, v.kind, v.repair, v.dept, v.priority, v.resp, v.res, GREATEST(v.w, 1)
	FROM (
		SELECT t.id AS type_id, 1 AS part, s.id AS subtype_id, 0 AS line, s.name AS title, t.cat, t.kind,
			t.repair, COALESCE(s.department_id, t.dept) AS dept, s.priority, s.response_minutes AS resp,
			s.resolve_minutes AS res, ROUND(t.wt * 6 / t.nsub) AS w
		FROM ticket_type s JOIN (
			SELECT p.*, CASE p.code WHEN 'heating' THEN 36 WHEN 'plumbing' THEN 22 WHEN 'civil' THEN 8
					WHEN 'complaint' THEN 10 WHEN 'consult' THEN 16 WHEN 'fee' THEN 8 ELSE 4 END AS wt,
				CASE p.code WHEN 'heating' THEN 1 WHEN 'plumbing' THEN 2 WHEN 'civil' THEN 3
					WHEN 'complaint' THEN 4 WHEN 'consult' THEN 5 WHEN 'fee' THEN 6 ELSE 0 END AS cat,
				p.code = 'heating' AS kind, CONCAT(' ', p.required_fields, ' ') LIKE '% household %' AS repair,
				COALESCE(p.department_id, (SELECT id FROM department WHERE code = CASE p.code
					WHEN 'heating' THEN 'eng_hvac' WHEN 'plumbing' THEN 'eng_plumb' WHEN 'civil' THEN 'eng_civil'
					WHEN 'complaint' THEN 'cs2' ELSE 'cs1' END), @b_dept_fallback) AS dept,
				(SELECT COUNT(*) FROM ticket_type c WHERE c.parent_id = p.id AND c.active = 1) AS nsub
			FROM ticket_type p WHERE p.parent_id IS NULL AND p.active = 1
		) t ON s.parent_id = t.id AND s.active = 1
		UNION ALL
		SELECT t.id, 2, NULL, l.seq, SUBSTRING_INDEX(SUBSTRING_INDEX(t.common_problems, '\n', l.seq), '\n', -1),
			t.cat, t.kind, t.repair, t.dept, t.priority, t.response_minutes, t.resolve_minutes,
			ROUND(t.wt * 3 / t.nl)
		FROM (
			SELECT p.*, CASE p.code WHEN 'heating' THEN 36 WHEN 'plumbing' THEN 22 WHEN 'civil' THEN 8
					WHEN 'complaint' THEN 10 WHEN 'consult' THEN 16 WHEN 'fee' THEN 8 ELSE 4 END AS wt,
				CASE p.code WHEN 'heating' THEN 1 WHEN 'plumbing' THEN 2 WHEN 'civil' THEN 3
					WHEN 'complaint' THEN 4 WHEN 'consult' THEN 5 WHEN 'fee' THEN 6 ELSE 0 END AS cat,
				p.code = 'heating' AS kind, CONCAT(' ', p.required_fields, ' ') LIKE '% household %' AS repair,
				COALESCE(p.department_id, (SELECT id FROM department WHERE code = CASE p.code
					WHEN 'heating' THEN 'eng_hvac' WHEN 'plumbing' THEN 'eng_plumb' WHEN 'civil' THEN 'eng_civil'
					WHEN 'complaint' THEN 'cs2' ELSE 'cs1' END), @b_dept_fallback) AS dept,
				CHAR_LENGTH(TRIM(p.common_problems)) - CHAR_LENGTH(REPLACE(TRIM(p.common_problems), '\n', '')) + 1 AS nl
			FROM ticket_type p WHERE p.parent_id IS NULL AND p.active = 1 AND TRIM(p.common_problems) <> ''
		) t JOIN seq_1_to_50 l ON l.seq <= t.nl
		UNION ALL
		SELECT p.id, 3, NULL, 0, p.name,
			CASE p.code WHEN 'heating' THEN 1 WHEN 'plumbing' THEN 2 WHEN 'civil' THEN 3
				WHEN 'complaint' THEN 4 WHEN 'consult' THEN 5 WHEN 'fee' THEN 6 ELSE 0 END,
			p.code = 'heating', CONCAT(' ', p.required_fields, ' ') LIKE '% household %',
			COALESCE(p.department_id, (SELECT id FROM department WHERE code = CASE p.code
				WHEN 'heating' THEN 'eng_hvac' WHEN 'plumbing' THEN 'eng_plumb' WHEN 'civil' THEN 'eng_civil'
				WHEN 'complaint' THEN 'cs2' ELSE 'cs1' END), @b_dept_fallback),
			p.priority, p.response_minutes, p.resolve_minutes,
			CASE p.code WHEN 'heating' THEN 36 WHEN 'plumbing' THEN 22 WHEN 'civil' THEN 8
				WHEN 'complaint' THEN 10 WHEN 'consult' THEN 16 WHEN 'fee' THEN 8 ELSE 4 END
			* (10 - IF(EXISTS (SELECT 1 FROM ticket_type c WHERE c.parent_id = p.id AND c.active = 1), 6, 0)
				- IF(TRIM(p.common_problems) <> '', 3, 0))
		FROM ticket_type p WHERE p.parent_id IS NULL AND p.active = 1
	) v;

CREATE TEMPORARY TABLE b_cslot (slot INT NOT NULL PRIMARY KEY, c INT NOT NULL) ENGINE=MEMORY;
INSERT INTO b_cslot (slot, c)
	SELECT ROW_NUMBER() OVER (ORDER BY b.c, s.seq) - 1, b.c
	FROM b_combo b JOIN seq_1_to_1000 s ON s.seq <= b.w;
SELECT COUNT(*) INTO @wc FROM b_cslot;

-- Texts: descriptions by cat, reasons (k 1 cancel, 2 pending) and visit comments (k 3).
CREATE TEMPORARY TABLE b_text (
	k INT NOT NULL,
	j INT NOT NULL,
	body VARCHAR(200) NOT NULL,
	PRIMARY KEY (k, j)
) ENGINE=MEMORY;

INSERT INTO b_text (k, j, body)
	SELECT v.k, ROW_NUMBER() OVER (PARTITION BY v.k ORDER BY v.o) - 1, v.body FROM (
		SELECT 10 AS k, 1 AS o, '卧室暖气片上凉下热，室温只有16度，已经放过气了' AS body
		UNION ALL SELECT 10, 2, '整个屋子暖气都不热，邻居家是热的'
		UNION ALL SELECT 10, 3, '客厅暖气片接头处滴水，地板已经湿了'
		UNION ALL SELECT 10, 4, '夜里管道有咚咚的响声，影响休息'
		UNION ALL SELECT 10, 5, '进户阀门拧不动，怀疑锈死了'
		UNION ALL SELECT 10, 6, '家里有老人，室温太低，请尽快派人'
		UNION ALL SELECT 20, 1, '厨房水池下面的管子漏水'
		UNION ALL SELECT 20, 2, '卫生间马桶水箱一直流水'
		UNION ALL SELECT 20, 3, '一开热水器就跳闸'
		UNION ALL SELECT 20, 4, '楼道灯不亮，晚上看不见'
		UNION ALL SELECT 20, 5, '家里突然停水了，楼上邻居有水'
		UNION ALL SELECT 30, 1, '卧室外墙渗水，墙皮起鼓脱落'
		UNION ALL SELECT 30, 2, '单元门闭门器坏了，门关不上'
		UNION ALL SELECT 30, 3, '阳台窗户合页断了'
		UNION ALL SELECT 30, 4, '楼顶漏雨，顶楼天花板有水印'
		UNION ALL SELECT 40, 1, '室温长期不达标，多次报修没有解决'
		UNION ALL SELECT 40, 2, '维修师傅没有按约定时间上门'
		UNION ALL SELECT 40, 3, '楼下商户油烟太大'
		UNION ALL SELECT 40, 4, '小区垃圾清运不及时'
		UNION ALL SELECT 40, 5, '夜间施工噪音扰民'
		UNION ALL SELECT 50, 1, '询问今年供暖开始和结束的时间'
		UNION ALL SELECT 50, 2, '询问如何办理报停供暖'
		UNION ALL SELECT 50, 3, '询问装修需要办理什么手续'
		UNION ALL SELECT 50, 4, '询问停水通知的具体时间'
		UNION ALL SELECT 60, 1, '询问今年的采暖费标准'
		UNION ALL SELECT 60, 2, '已经缴费但系统显示欠费'
		UNION ALL SELECT 60, 3, '需要开具采暖费发票'
		UNION ALL SELECT 60, 4, '询问线上缴费的方式'
		UNION ALL SELECT 0, 1, '住户来电反映问题，请尽快处理'
		UNION ALL SELECT 0, 2, '详见标题'
		UNION ALL SELECT 1, 1, '住户表示问题已自行解决'
		UNION ALL SELECT 1, 2, '重复报修'
		UNION ALL SELECT 1, 3, '经电话确认暖气正常，误报'
		UNION ALL SELECT 1, 4, '住户取消报修'
		UNION ALL SELECT 2, 1, '等待配件到货'
		UNION ALL SELECT 2, 2, '住户不在家，约定改日上门'
		UNION ALL SELECT 2, 3, '需要协调楼上住户关阀'
		UNION ALL SELECT 3, 1, '师傅很专业，暖气已经热了'
		UNION ALL SELECT 3, 2, '处理及时，满意'
		UNION ALL SELECT 3, 3, '上门有点晚'
		UNION ALL SELECT 3, 4, '问题已解决，谢谢'
		UNION ALL SELECT 3, 5, '室温比之前好一些，还是偏低'
	) v;

CREATE TEMPORARY TABLE b_textn (k INT NOT NULL PRIMARY KEY, n INT NOT NULL) ENGINE=MEMORY;
INSERT INTO b_textn SELECT k, COUNT(*) FROM b_text GROUP BY k;

-- Who: households with a reporter, phones, staff ----------------------------------------------

-- The residents of each household who have a primary phone (a reporter is one of them).
CREATE TEMPORARY TABLE b_rep (
	hid INT UNSIGNED NOT NULL,
	j INT NOT NULL,
	rid INT UNSIGNED NOT NULL,
	phone VARCHAR(20) CHARACTER SET latin1 NOT NULL,
	PRIMARY KEY (hid, j)
) ENGINE=MEMORY;

INSERT INTO b_rep (hid, j, rid, phone)
	SELECT rh.household_id, ROW_NUMBER() OVER (PARTITION BY rh.household_id ORDER BY rh.resident_id) - 1,
		rh.resident_id, p.phone
	FROM resident_household rh JOIN resident r ON r.id = rh.resident_id AND r.merged_into_id IS NULL
	JOIN (SELECT resident_id, MIN(phone) AS phone FROM resident_phone WHERE is_primary = 1
		GROUP BY resident_id) p ON p.resident_id = rh.resident_id;

CREATE TEMPORARY TABLE b_hh (
	k INT NOT NULL PRIMARY KEY,
	hid INT UNSIGNED NOT NULL,
	cid INT UNSIGNED NOT NULL,
	bid INT UNSIGNED NOT NULL,
	nrep INT NOT NULL
) ENGINE=MEMORY;

INSERT INTO b_hh (k, hid, cid, bid, nrep)
	SELECT ROW_NUMBER() OVER (ORDER BY h.id) - 1, h.id, b.community_id, b.id, r.n
	FROM (SELECT hid, COUNT(*) AS n FROM b_rep GROUP BY hid) r
	JOIN household h ON h.id = r.hid JOIN unit u ON u.id = h.unit_id JOIN building b ON b.id = u.building_id;
SELECT COUNT(*) INTO @nhh FROM b_hh;

-- Every phone of every resident, for callers.
CREATE TEMPORARY TABLE b_phone (
	k INT NOT NULL PRIMARY KEY,
	phone VARCHAR(20) CHARACTER SET latin1 NOT NULL,
	rid INT UNSIGNED NOT NULL
) ENGINE=MEMORY;

INSERT INTO b_phone (k, phone, rid)
	SELECT ROW_NUMBER() OVER (ORDER BY p.id) - 1, p.phone, p.resident_id
	FROM resident_phone p JOIN resident r ON r.id = p.resident_id AND r.merged_into_id IS NULL;
SELECT COUNT(*) INTO @nphone FROM b_phone;

-- Agents (role agent) take calls and create, dispatch and follow up work orders; technicians
-- (role technician) do the repairs, those of the work order's department first.
CREATE TEMPORARY TABLE b_agent (k INT NOT NULL PRIMARY KEY, sid INT UNSIGNED NOT NULL) ENGINE=MEMORY;
INSERT INTO b_agent (k, sid)
	SELECT ROW_NUMBER() OVER (ORDER BY s.id) - 1, s.id
	FROM staff s WHERE s.active = 1 AND EXISTS (SELECT 1 FROM staff_role sr JOIN role r ON r.id = sr.role_id
		WHERE sr.staff_id = s.id AND r.code = 'agent');
SELECT COUNT(*) INTO @nagent FROM b_agent;

CREATE TEMPORARY TABLE b_tech (
	k INT NOT NULL PRIMARY KEY,
	sid INT UNSIGNED NOT NULL,
	dept INT UNSIGNED NULL,
	j INT NOT NULL,
	KEY k_b_tech_dept (dept, j)
) ENGINE=MEMORY;
INSERT INTO b_tech (k, sid, dept, j)
	SELECT ROW_NUMBER() OVER (ORDER BY s.id) - 1, s.id, s.department_id,
		ROW_NUMBER() OVER (PARTITION BY s.department_id ORDER BY s.id) - 1
	FROM staff s WHERE s.active = 1 AND EXISTS (SELECT 1 FROM staff_role sr JOIN role r ON r.id = sr.role_id
		WHERE sr.staff_id = s.id AND r.code = 'technician');
SELECT COUNT(*) INTO @ntech FROM b_tech;
CREATE TEMPORARY TABLE b_techn (dept INT UNSIGNED NOT NULL PRIMARY KEY, n INT NOT NULL) ENGINE=MEMORY;
INSERT INTO b_techn SELECT dept, COUNT(*) FROM b_tech WHERE dept IS NOT NULL GROUP BY dept;

-- The API key's account creates the API's work orders.
SET @b_api_staff = (SELECT MIN(staff_id) FROM api_key WHERE revoked_at IS NULL);
SELECT COALESCE(MAX(id), 0) INTO @t0 FROM ticket;
SELECT COALESCE(MAX(id), 0) INTO @c0 FROM `call`;

START TRANSACTION;

-- Work orders: who, what, when ---------------------------------------------------------------

-- h(x) below is (CRC32(CONCAT(x, seq)) * 2654435761 + 40503) MOD 4294967291: CRC32 alone is
-- affine, so values under different salts would be correlated bit by bit.
-- ch: channel 0 phone, 1 wechat, 2 portal, 3 sms, 4 staff, 5 api.  pub: a public area.
-- tech: who will do the repair; disp_tech: named at dispatch (else the team, and whoever
-- accepts takes it).  id: creation order; n: the number of the day.
CREATE TEMPORARY TABLE b_t (
	seq INT NOT NULL PRIMARY KEY,
	id INT UNSIGNED NOT NULL,
	n INT NOT NULL,
	c INT NOT NULL,
	repair INT NOT NULL,
	kind INT NOT NULL,
	created_at DATETIME NOT NULL,
	lday DATE NOT NULL,
	hid INT UNSIGNED NOT NULL,
	cid INT UNSIGNED NOT NULL,
	bid INT UNSIGNED NOT NULL,
	rid INT UNSIGNED NOT NULL,
	phone VARCHAR(20) CHARACTER SET latin1 NOT NULL,
	pub INT NOT NULL,
	ch INT NOT NULL,
	emergency INT NOT NULL,
	priority INT NOT NULL,
	resp INT NOT NULL,
	res INT NOT NULL,
	agent INT UNSIGNED NULL,
	agent2 INT UNSIGNED NULL,
	tech INT UNSIGNED NULL,
	disp_tech INT NOT NULL,
	descj INT NOT NULL,
	fate INT NOT NULL DEFAULT 0,
	o_disp INT NULL, o_cancel INT NULL, o_acc INT NULL, o_pend INT NULL, o_resume INT NULL,
	o_route INT NULL, o_site INT NULL, o_res INT NULL, o_close INT NULL,
	resume_plan INT NULL,
	appt INT NOT NULL DEFAULT 0,
	sat INT NULL,
	visitj INT NULL,
	reasonj INT NULL,
	age INT NOT NULL DEFAULT 0,
	status INT NOT NULL DEFAULT 1,
	last_o INT NOT NULL DEFAULT 0,
	steps INT NOT NULL DEFAULT 0,
	call_id BIGINT UNSIGNED NULL
) ENGINE=MEMORY;

INSERT INTO b_t (seq, c, repair, kind, created_at, lday, hid, cid, bid, rid, phone, pub, ch, emergency,
		 priority, resp, res, agent, agent2, tech, disp_tech, descj, id, n)
	SELECT z.*, @t0 + ROW_NUMBER() OVER (ORDER BY z.created_at, z.seq),
		ROW_NUMBER() OVER (PARTITION BY z.lday ORDER BY z.created_at, z.seq)
	FROM (
		SELECT y.seq, y.c, y.repair, y.kind, y.utc AS created_at,
			DATE(CONVERT_TZ(y.utc, '+00:00', @btz)) AS lday,
			y.hid, y.cid, y.bid, y.rid, y.phone, y.pub,
			IF(y.pub, 4, CASE WHEN y.r_ch < 70 THEN 0 WHEN y.r_ch < 82 THEN 1 WHEN y.r_ch < 90 THEN 2
				WHEN y.r_ch < 93 THEN 3 WHEN y.r_ch < 97 THEN 4 ELSE 5 END) AS ch,
			y.emergency, IF(y.emergency, 4, y.priority) AS priority,
			IF(y.emergency, LEAST(y.resp, 15), y.resp) AS resp, y.res,
			y.agent, y.agent2, y.tech, y.disp_tech, y.descj
		FROM (
			SELECT x.*, IF(x.t > @bnow, @b_today0 + INTERVAL FLOOR(TIMESTAMPDIFF(SECOND, @b_today0, x.t)
				* TIMESTAMPDIFF(SECOND, @b_today0, @bnow) / 86400) SECOND, x.t) AS utc
			FROM (
				SELECT s.seq, co.c, co.repair, co.kind, co.priority, co.resp, co.res,
					CONVERT_TZ(dd.day + INTERVAL hs.hour HOUR
						+ INTERVAL ((CRC32(CONCAT('tm', s.seq)) * 2654435761 + 40503) MOD 4294967291) MOD 3600 SECOND,
						@btz, '+00:00') AS t,
					hh.hid, hh.cid, hh.bid, rp.rid, rp.phone,
					(CRC32(CONCAT('tp', s.seq)) * 2654435761 + 40503) MOD 4294967291 MOD 100 < 2 AS pub,
					(CRC32(CONCAT('tch', s.seq)) * 2654435761 + 40503) MOD 4294967291 MOD 100 AS r_ch,
					co.repair AND (CRC32(CONCAT('tem', s.seq)) * 2654435761 + 40503) MOD 4294967291 MOD 1000 < 15 AS emergency,
					ag.sid AS agent, ag2.sid AS agent2,
					IF(co.repair, COALESCE(td.sid, ta.sid), NULL) AS tech,
					(CRC32(CONCAT('tdt', s.seq)) * 2654435761 + 40503) MOD 4294967291 MOD 100 < 70 AS disp_tech,
					(CRC32(CONCAT('tds', s.seq)) * 2654435761 + 40503) MOD 4294967291 MOD COALESCE(dn.n, dz.n) AS descj
				FROM seq_1_to_5000000 s
				JOIN b_cslot cs ON cs.slot = (CRC32(CONCAT('tc', s.seq)) * 2654435761 + 40503) MOD 4294967291 MOD @wc
				JOIN b_combo co ON co.c = cs.c
				JOIN b_dtot dt ON dt.kind = co.kind
				JOIN b_dslot ds ON ds.kind = co.kind
					AND ds.slot = (CRC32(CONCAT('td', s.seq)) * 2654435761 + 40503) MOD 4294967291 MOD dt.w
				JOIN b_day dd ON dd.d = ds.d
				JOIN b_hslot hs ON hs.slot = (CRC32(CONCAT('th', s.seq)) * 2654435761 + 40503) MOD 4294967291 MOD @wh
				JOIN b_hh hh ON hh.k = (CRC32(CONCAT('tk', s.seq)) * 2654435761 + 40503) MOD 4294967291 MOD @nhh
				JOIN b_rep rp ON rp.hid = hh.hid
					AND rp.j = (CRC32(CONCAT('tr', s.seq)) * 2654435761 + 40503) MOD 4294967291 MOD hh.nrep
				LEFT JOIN b_textn dn ON dn.k = co.cat * 10
				JOIN b_textn dz ON dz.k = 0
				LEFT JOIN b_agent ag ON ag.k = (CRC32(CONCAT('ta', s.seq)) * 2654435761 + 40503) MOD 4294967291 MOD NULLIF(@nagent, 0)
				LEFT JOIN b_agent ag2 ON ag2.k = (CRC32(CONCAT('tv', s.seq)) * 2654435761 + 40503) MOD 4294967291 MOD NULLIF(@nagent, 0)
				LEFT JOIN b_techn tn ON tn.dept = co.dept
				LEFT JOIN b_tech td ON td.dept = co.dept
					AND td.j = (CRC32(CONCAT('tt', s.seq)) * 2654435761 + 40503) MOD 4294967291 MOD tn.n
				LEFT JOIN b_tech ta ON ta.k = (CRC32(CONCAT('tt', s.seq)) * 2654435761 + 40503) MOD 4294967291 MOD NULLIF(@ntech, 0)
				WHERE s.seq <= @bt
			) x
		) y
	) z;

-- Numbers continue the day's counter (work orders made before this script).
UPDATE b_t JOIN ticket_counter tc ON tc.day = b_t.lday SET b_t.n = b_t.n + tc.n;

-- Each work order's life, in seconds after its creation (NULL: never happens) --------------

-- fate: 0 normal, 1 cancelled while new, 2 cancelled once dispatched, 3 stuck dispatched,
-- 4 stuck accepted, 5 stuck pending.  Assignments run left to right (single-table UPDATE).
UPDATE b_t SET
	fate = CASE WHEN (CRC32(CONCAT('lf', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 1000 < 10 THEN 1
		WHEN (CRC32(CONCAT('lf', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 1000 < 25 THEN 2
		WHEN (CRC32(CONCAT('lf', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 1000 < 28 THEN 3
		WHEN (CRC32(CONCAT('lf', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 1000 < 30 THEN 4
		WHEN (CRC32(CONCAT('lf', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 1000 < 33 THEN IF(repair, 5, 4)
		ELSE 0 END,
	o_disp = IF(fate = 1, NULL,
		60 + (CRC32(CONCAT('ld', seq)) * 2654435761 + 40503) MOD 4294967291 MOD IF(emergency, 240, 1500)),
	o_cancel = CASE fate WHEN 1 THEN 300 + (CRC32(CONCAT('lc', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 3600
		WHEN 2 THEN o_disp + 600 + (CRC32(CONCAT('lc', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 7200 END,
	-- accepted: within the response time 90% of the time, up to 3 times it otherwise
	o_acc = IF(fate IN (1, 2, 3), NULL, GREATEST(o_disp + 60, FLOOR(resp * 60 *
		IF((CRC32(CONCAT('la', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 100 < 90,
			0.1 + ((CRC32(CONCAT('lb', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 800) / 1000,
			1.0 + ((CRC32(CONCAT('lb', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 2000) / 1000)))),
	-- pending (parts, nobody home): 4% of repairs, half a day to 2.5 days
	o_pend = IF(fate = 5 OR (fate = 0 AND repair
			AND (CRC32(CONCAT('lp', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 100 < 4),
		o_acc + 600 + (CRC32(CONCAT('lq', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 7200, NULL),
	resume_plan = o_pend + 43200 + (CRC32(CONCAT('lr', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 172800,
	o_resume = IF(fate = 0, resume_plan, NULL),
	o_route = IF(fate = 0 AND repair AND (CRC32(CONCAT('le', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 100 < 20,
		COALESCE(o_resume, o_acc) + 300 + (CRC32(CONCAT('lg', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 1500, NULL),
	-- an appointment (20% of repairs): on site at a half hour 2 h to 2 days later
	appt = fate = 0 AND repair AND (CRC32(CONCAT('lh', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 100 < 20,
	o_site = IF(fate <> 0, NULL, GREATEST(COALESCE(o_route, o_resume, o_acc)
			+ IF(repair, 600 + (CRC32(CONCAT('ls', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 3000,
				300 + (CRC32(CONCAT('ls', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 1800),
		IF(appt, 7200 + (CRC32(CONCAT('lh', seq)) * 2654435761 + 40503) MOD 4294967291 DIV 100 MOD 92 * 1800, 0))),
	-- resolved: within the resolution time 88% of the time
	o_res = IF(fate <> 0, NULL, GREATEST(o_site + 600 + (CRC32(CONCAT('lt', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 3600,
		FLOOR(res * 60 * IF((CRC32(CONCAT('lu', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 100 < 88,
			0.15 + ((CRC32(CONCAT('lw', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 800) / 1000,
			1.0 + ((CRC32(CONCAT('lw', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 2500) / 1000)))),
	-- the follow-up visit closes 95% of them within 3 days
	o_close = IF(fate = 0 AND (CRC32(CONCAT('lv', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 100 < 95,
		o_res + 1800 + (CRC32(CONCAT('lx', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 259200, NULL),
	sat = CASE WHEN (CRC32(CONCAT('ly', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 100 < 10 THEN NULL
		WHEN (CRC32(CONCAT('lz', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 100 < 60 THEN 5
		WHEN (CRC32(CONCAT('lz', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 100 < 85 THEN 4
		WHEN (CRC32(CONCAT('lz', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 100 < 93 THEN 3
		WHEN (CRC32(CONCAT('lz', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 100 < 97 THEN 2 ELSE 1 END,
	visitj = IF((CRC32(CONCAT('lk', seq)) * 2654435761 + 40503) MOD 4294967291 MOD 100 < 15,
		(CRC32(CONCAT('lk', seq)) * 2654435761 + 40503) MOD 4294967291 DIV 100 MOD 5, NULL),
	reasonj = (CRC32(CONCAT('lj', seq)) * 2654435761 + 40503) MOD 4294967291 MOD IF(fate IN (1, 2), 4, 3),
	-- where it stands at @bench_now
	age = TIMESTAMPDIFF(SECOND, created_at, @bnow),
	status = CASE WHEN o_close <= age THEN 10 WHEN o_res <= age THEN 9 WHEN o_site <= age THEN 8
		WHEN o_route <= age THEN 7 WHEN o_resume <= age THEN 6 WHEN o_pend <= age THEN 5
		WHEN o_acc <= age THEN 4 WHEN o_cancel <= age THEN 3 WHEN o_disp <= age THEN 2 ELSE 1 END,
	last_o = CASE status WHEN 10 THEN o_close WHEN 9 THEN o_res WHEN 8 THEN o_site WHEN 7 THEN o_route
		WHEN 6 THEN o_resume WHEN 5 THEN o_pend WHEN 4 THEN o_acc WHEN 3 THEN o_cancel
		WHEN 2 THEN o_disp ELSE 0 END,
	-- (NULL <= age is NULL: a step that never happens counts 0)
	steps = IFNULL(o_disp <= age, 0) + IFNULL(o_cancel <= age, 0) + IFNULL(o_acc <= age, 0)
		+ IFNULL(o_pend <= age, 0) + IFNULL(o_resume <= age, 0) + IFNULL(o_route <= age, 0)
		+ IFNULL(o_site <= age, 0) + IFNULL(o_res <= age, 0) + IFNULL(o_close <= age, 0);

-- Calls ----------------------------------------------------------------------------------------

-- One per phone work order (seq = the work order's), then the others (seq > @bt).
-- disp: 0 answered, 1 abandoned, 2 ivr, 3 voicemail.  Offsets in seconds after started_at.
CREATE TEMPORARY TABLE b_c (
	seq INT NOT NULL PRIMARY KEY,
	started_at DATETIME NOT NULL,
	caller VARCHAR(20) CHARACTER SET latin1 NOT NULL,
	rid INT UNSIGNED NULL,
	agent INT UNSIGNED NULL,
	disp INT NOT NULL,
	o_ans INT NULL,
	o_end INT NOT NULL,
	rating INT NULL,
	heat INT NOT NULL,
	ticket_id INT UNSIGNED NULL
) ENGINE=MEMORY;

INSERT INTO b_c (seq, started_at, caller, rid, agent, disp, o_ans, o_end, rating, heat, ticket_id)
	SELECT x.seq, x.created_at - INTERVAL x.lead_s SECOND, x.phone, x.rid, x.agent, 0, x.ans,
		x.lead_s + 60 + x.h MOD 240, x.rating, x.kind, x.id
	FROM (
		SELECT t.*, 40 + (CRC32(CONCAT('cb', t.seq)) * 2654435761 + 40503) MOD 4294967291 MOD 260 AS lead_s,
			3 + (CRC32(CONCAT('cs', t.seq)) * 2654435761 + 40503) MOD 4294967291 MOD 30 AS ans,
			(CRC32(CONCAT('ce', t.seq)) * 2654435761 + 40503) MOD 4294967291 AS h,
			IF((CRC32(CONCAT('cr', t.seq)) * 2654435761 + 40503) MOD 4294967291 MOD 100 < 40,
				ELT(1 + (CRC32(CONCAT('cr', t.seq)) * 2654435761 + 40503) MOD 4294967291 DIV 100 MOD 20,
					5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 3, 2, 1), NULL) AS rating
		FROM b_t t WHERE t.ch = 0
	) x
	WHERE x.seq <= @bc;
SELECT COUNT(*) INTO @nlinked FROM b_c;

INSERT INTO b_c (seq, started_at, caller, rid, agent, disp, o_ans, o_end, rating, heat, ticket_id)
	SELECT y.seq, IF(y.t > @bnow, @b_today0 + INTERVAL FLOOR(TIMESTAMPDIFF(SECOND, @b_today0, y.t)
			* TIMESTAMPDIFF(SECOND, @b_today0, @bnow) / 86400) SECOND, y.t), COALESCE(y.phone, y.unknown), y.rid, IF(y.disp = 0, y.agent, NULL), y.disp,
		CASE y.disp WHEN 0 THEN y.ans WHEN 2 THEN 1 END,
		CASE y.disp WHEN 0 THEN y.ans + 30 + y.h MOD 570 WHEN 1 THEN 5 + y.h MOD 55
			WHEN 2 THEN 40 + y.h MOD 140 ELSE 30 + y.h MOD 60 END,
		IF(y.disp = 0 AND y.r MOD 100 < 40, ELT(1 + y.r DIV 100 MOD 20,
			5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 3, 2, 1), NULL),
		y.heat, NULL
	FROM (
		SELECT x.seq, CONVERT_TZ(dd.day + INTERVAL hs.hour HOUR
				+ INTERVAL ((CRC32(CONCAT('om', x.seq)) * 2654435761 + 40503) MOD 4294967291) MOD 3600 SECOND,
				@btz, '+00:00') AS t,
			IF(x.known, p.phone, NULL) AS phone, IF(x.known, p.rid, NULL) AS rid,
			CONCAT('1709', LPAD((CRC32(CONCAT('ou', x.seq)) * 2654435761 + 40503) MOD 4294967291 MOD 80000 * 97 + 1234567, 7, '0')) AS unknown,
			ag.sid AS agent, x.kind AS heat,
			CASE WHEN x.rd < 86 THEN 0 WHEN x.rd < 94 THEN 1 WHEN x.rd < 98 THEN 2 ELSE 3 END AS disp,
			3 + (CRC32(CONCAT('os', x.seq)) * 2654435761 + 40503) MOD 4294967291 MOD 40 AS ans,
			(CRC32(CONCAT('oe', x.seq)) * 2654435761 + 40503) MOD 4294967291 AS h,
			(CRC32(CONCAT('or', x.seq)) * 2654435761 + 40503) MOD 4294967291 AS r
		FROM (
			SELECT s.seq,
				(CRC32(CONCAT('ok', s.seq)) * 2654435761 + 40503) MOD 4294967291 MOD 100 < 35 AS kind,
				(CRC32(CONCAT('ok', s.seq)) * 2654435761 + 40503) MOD 4294967291 DIV 100 MOD 100 < 82 AS known,
				(CRC32(CONCAT('od', s.seq)) * 2654435761 + 40503) MOD 4294967291 MOD 100 AS rd
			FROM seq_1_to_15000000 s WHERE s.seq > @bt AND s.seq <= @bt + @bc - @nlinked
		) x
		JOIN b_dtot dt ON dt.kind = x.kind
		JOIN b_dslot ds ON ds.kind = x.kind
			AND ds.slot = (CRC32(CONCAT('oy', x.seq)) * 2654435761 + 40503) MOD 4294967291 MOD dt.w
		JOIN b_day dd ON dd.d = ds.d
		JOIN b_hslot hs ON hs.slot = (CRC32(CONCAT('oh', x.seq)) * 2654435761 + 40503) MOD 4294967291 MOD @wh
		JOIN b_phone p ON p.k = (CRC32(CONCAT('op', x.seq)) * 2654435761 + 40503) MOD 4294967291 MOD @nphone
		LEFT JOIN b_agent ag ON ag.k = (CRC32(CONCAT('oa', x.seq)) * 2654435761 + 40503) MOD 4294967291 MOD NULLIF(@nagent, 0)
	) y;

-- Call ids in order of time; the phone work orders point at theirs.
CREATE TEMPORARY TABLE b_cid (seq INT NOT NULL PRIMARY KEY, id BIGINT UNSIGNED NOT NULL) ENGINE=MEMORY;
INSERT INTO b_cid (seq, id)
	SELECT seq, @c0 + ROW_NUMBER() OVER (ORDER BY started_at, seq) FROM b_c;
UPDATE b_t JOIN b_cid ON b_cid.seq = b_t.seq SET b_t.call_id = b_cid.id WHERE b_t.ch = 0;

-- Rows ------------------------------------------------------------------------------------------

INSERT INTO ticket (id, number, type_id, subtype_id, status, pending_from, pending_reason, resume_at,
		    priority, emergency, title, description, channel, resident_id, household_id,
		    community_id, building_id, address, contact_name, contact_phone, department_id,
		    assignee_id, appointment_at, created_by, call_id, merged_into_id, response_due_at,
		    resolve_due_at, first_response_at, resolved_at, closed_at, satisfaction, visit_comment,
		    version, created_at, updated_at)
	SELECT t.id,
		CONCAT(DATE_FORMAT(t.lday, '%Y%m%d'), '-', IF(t.n < 10000, LPAD(t.n, 4, '0'), t.n)),
		co.type_id, co.subtype_id,
		ELT(t.status, 'new', 'dispatched', 'cancelled', 'accepted', 'pending', 'accepted', 'en_route',
			'on_site', 'resolved', 'closed'),
		IF(t.status = 5, 'accepted', NULL), IF(t.status = 5, rs.body, NULL),
		IF(t.status = 5, t.created_at + INTERVAL t.resume_plan SECOND - INTERVAL SECOND(t.created_at) SECOND, NULL),
		t.priority, t.emergency, co.title, COALESCE(dx.body, dz.body),
		ELT(t.ch + 1, 'phone', 'wechat', 'portal', 'sms', 'staff', 'api'),
		IF(t.pub, NULL, t.rid), IF(t.pub, NULL, t.hid), IF(t.pub, NULL, t.cid), IF(t.pub, NULL, t.bid),
		IF(t.pub, CONCAT(c.name, b.name, ' 公共区域'), NULL), NULL, IF(t.ch = 0 AND NOT t.pub, t.phone, NULL),
		co.dept,
		IF((t.disp_tech AND t.o_disp <= t.age) OR t.o_acc <= t.age, t.tech, NULL),
		IF(t.appt, t.created_at + INTERVAL t.o_site SECOND
			- INTERVAL (MINUTE(t.created_at + INTERVAL t.o_site SECOND) MOD 30) * 60
				+ SECOND(t.created_at + INTERVAL t.o_site SECOND) SECOND, NULL),
		CASE WHEN t.ch IN (0, 4) THEN t.agent WHEN t.ch = 5 THEN @b_api_staff END,
		t.call_id, NULL,
		t.created_at + INTERVAL t.resp MINUTE, t.created_at + INTERVAL t.res MINUTE,
		IF(t.o_acc <= t.age, t.created_at + INTERVAL t.o_acc SECOND, NULL),
		IF(t.o_res <= t.age, t.created_at + INTERVAL t.o_res SECOND, NULL),
		IF(t.o_close <= t.age, t.created_at + INTERVAL t.o_close SECOND, NULL),
		IF(t.o_close <= t.age, t.sat, NULL), IF(t.o_close <= t.age, vc.body, NULL),
		1 + t.steps, t.created_at, t.created_at + INTERVAL t.last_o SECOND
	FROM b_t t JOIN b_combo co ON co.c = t.c
	LEFT JOIN b_text dx ON dx.k = co.cat * 10 AND dx.j = t.descj
	JOIN b_text dz ON dz.k = 0 AND dz.j = t.descj MOD 2
	LEFT JOIN b_text rs ON rs.k = 2 AND rs.j = t.reasonj
	LEFT JOIN b_text vc ON vc.k = 3 AND vc.j = t.visitj
	LEFT JOIN community c ON c.id = t.cid AND t.pub
	LEFT JOIN building b ON b.id = t.bid AND t.pub
	ORDER BY t.id;

-- The timeline: one row per step reached, in time order (events of a work order in id order).
-- step: 1 created, 2 dispatched, 3 cancelled, 4 accepted, 5 pending, 6 resumed, 7 en route,
-- 8 on site, 9 resolved, 10 closed.
INSERT INTO ticket_event (ticket_id, at, staff_id, kind, from_status, to_status, department_id,
			  assignee_id, public, body)
	SELECT e.id, e.created_at + INTERVAL e.o SECOND,
		CASE WHEN e.step = 1 THEN CASE WHEN e.ch IN (0, 4) THEN e.agent WHEN e.ch = 5 THEN @b_api_staff END
			WHEN e.step IN (2, 3) THEN e.agent WHEN e.step = 10 THEN e.agent2
			WHEN e.repair THEN e.tech ELSE e.agent END,
		CASE e.step WHEN 1 THEN 'created' WHEN 2 THEN 'assign' ELSE 'status' END,
		ELT(e.step, NULL, 'new', IF(e.fate = 1, 'new', 'dispatched'), 'dispatched', 'accepted', 'pending',
			'accepted', IF(e.o_route IS NULL, 'accepted', 'en_route'), 'on_site', 'resolved'),
		ELT(e.step, 'new', 'dispatched', 'cancelled', 'accepted', 'pending', 'accepted', 'en_route',
			'on_site', 'resolved', 'closed'),
		IF(e.step = 2, e.dept, NULL), IF(e.step = 2 AND e.disp_tech, e.tech, NULL), 1,
		CASE e.step WHEN 3 THEN cr.body WHEN 5 THEN pr.body WHEN 10 THEN vc.body END
	FROM (
		SELECT t.*, co.dept, s.seq AS step,
			CASE s.seq WHEN 1 THEN 0 WHEN 2 THEN t.o_disp WHEN 3 THEN t.o_cancel WHEN 4 THEN t.o_acc
				WHEN 5 THEN t.o_pend WHEN 6 THEN t.o_resume WHEN 7 THEN t.o_route WHEN 8 THEN t.o_site
				WHEN 9 THEN t.o_res ELSE t.o_close END AS o
		FROM b_t t JOIN b_combo co ON co.c = t.c JOIN seq_1_to_10 s
	) e
	LEFT JOIN b_text cr ON cr.k = 1 AND cr.j = e.reasonj AND e.step = 3
	LEFT JOIN b_text pr ON pr.k = 2 AND pr.j = e.reasonj AND e.step = 5
	LEFT JOIN b_text vc ON vc.k = 3 AND vc.j = e.visitj AND e.step = 10
	WHERE e.o <= e.age
	ORDER BY e.id, e.step;

-- As ivrd writes them (sql/006_telephony.sql): answered_at is when an agent answered;
-- wait_seconds from joining the queue (taken as the start: the IVR part is short here) to
-- the answer or the caller's hang-up; talk_seconds from the answer to the end.  Queues are
-- the demo's (sql/demo/ivr.sql): repair for heating, consult for the rest; a call that
-- ended in the IVR was in none.
INSERT INTO `call` (id, direction, caller, callee, resident_id, agent_id, queue, started_at, answered_at,
		    ended_at, wait_seconds, talk_seconds, disposition, rating, ticket_id)
	SELECT x.id, 'in', x.caller, '4008001234', x.rid, x.agent, x.queue, x.started_at, x.answered_at,
		x.ended_at,
		CASE x.disp WHEN 0 THEN TIMESTAMPDIFF(SECOND, x.started_at, x.answered_at)
			WHEN 1 THEN TIMESTAMPDIFF(SECOND, x.started_at, x.ended_at) END,
		IF(x.disp = 0, TIMESTAMPDIFF(SECOND, x.answered_at, x.ended_at), NULL),
		ELT(x.disp + 1, 'answered', 'abandoned', 'ivr', 'voicemail'), x.rating, x.ticket_id
	FROM (
		SELECT i.id, c.caller, c.rid, c.agent, c.disp, c.rating, c.ticket_id, c.started_at,
			IF(c.disp = 2, NULL, IF(c.heat, 'repair', 'consult')) AS queue,
			IF(c.disp = 0, LEAST(c.started_at + INTERVAL c.o_ans SECOND, @bnow), NULL) AS answered_at,
			LEAST(c.started_at + INTERVAL c.o_end SECOND, @bnow) AS ended_at
		FROM b_c c JOIN b_cid i ON i.seq = c.seq
	) x
	ORDER BY x.id;

INSERT INTO ticket_counter (day, n)
	SELECT lday, MAX(n) FROM b_t GROUP BY lday
	ON DUPLICATE KEY UPDATE n = GREATEST(n, VALUES(n));

COMMIT;

SET SESSION foreign_key_checks = @b_fk, unique_checks = @b_uc;

DROP TEMPORARY TABLE b_cid, b_c, b_t, b_tech, b_techn, b_agent, b_phone, b_hh, b_rep, b_textn, b_text,
	b_cslot, b_combo, b_hslot, b_dtot, b_dslot, b_day;

SELECT (SELECT COUNT(*) FROM ticket) AS tickets, (SELECT COUNT(*) FROM ticket_event) AS events,
	(SELECT COUNT(*) FROM `call`) AS calls,
	(SELECT COUNT(*) FROM ticket WHERE status NOT IN ('closed', 'cancelled', 'resolved')) AS open,
	(SELECT COUNT(*) FROM ticket WHERE status NOT IN ('closed', 'cancelled', 'resolved')
		AND resolve_due_at < @bnow) AS overdue,
	ROUND(TIMESTAMPDIFF(MICROSECOND, @bstart, NOW(6)) / 1000000, 1) AS seconds;
