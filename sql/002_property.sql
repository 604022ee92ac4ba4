-- 002: the property tree (community -> building -> unit -> household) and residents with their
-- phones, households and tags. Residents are the CRM's customers; the CRM extends these tables.
-- All times are UTC (the server runs with time_zone '+00:00').
-- Coded values that the program interprets are VARCHARs with a CHECK; values an administrator
-- may extend (customer category, level, tags) are dictionary item codes (see 001) and unchecked.

-- 小区. The phone is the management office's, normalised like resident phones.
CREATE TABLE community (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	code VARCHAR(32) NOT NULL,
	name VARCHAR(100) NOT NULL,
	city VARCHAR(32) NULL,                -- e.g. 北京市
	district VARCHAR(32) NULL,            -- e.g. 朝阳区
	address VARCHAR(255) NULL,
	phone VARCHAR(20) NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_community_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 楼栋, e.g. "3号楼". sort orders buildings naturally (name order puts 10号楼 before 2号楼).
CREATE TABLE building (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	community_id INT UNSIGNED NOT NULL,
	name VARCHAR(32) NOT NULL,
	sort INT NOT NULL DEFAULT 0,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_building_name (community_id, name),
	CONSTRAINT fk_building_community FOREIGN KEY (community_id) REFERENCES community (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 单元 (a stairwell of a building), e.g. "2单元".
CREATE TABLE unit (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	building_id INT UNSIGNED NOT NULL,
	name VARCHAR(32) NOT NULL,
	floors SMALLINT UNSIGNED NULL,
	sort INT NOT NULL DEFAULT 0,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_unit_name (building_id, name),
	CONSTRAINT fk_unit_building FOREIGN KEY (building_id) REFERENCES building (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 户, e.g. room "1502" on floor 15. heating_status: 'normal', or 'stopped' (报停: the owner has
-- suspended district heating for the season).
CREATE TABLE household (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	unit_id INT UNSIGNED NOT NULL,
	room VARCHAR(16) NOT NULL,
	floor SMALLINT NULL,                  -- negative: basement
	area_m2 DECIMAL(8,2) NULL,            -- building area (建筑面积), the basis of heating fees
	heating_status VARCHAR(16) NOT NULL DEFAULT 'normal',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_household_room (unit_id, room),
	CONSTRAINT fk_household_unit FOREIGN KEY (unit_id) REFERENCES unit (id) ON DELETE CASCADE,
	CONSTRAINT ck_household_heating CHECK (heating_status IN ('normal', 'stopped'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 住户: a person the centre serves (an owner, a tenant, a family member, a prospect).
-- category: customer_category item code (owner, tenant, ...); NULL: not classified.
-- level: customer_level item code (vip, normal).
-- preferred_channel: how to notify: 'phone', 'sms', 'wechat', 'email'.
CREATE TABLE resident (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name VARCHAR(100) NOT NULL,
	gender CHAR(1) NULL,                  -- 'M', 'F'; NULL: unknown
	category VARCHAR(64) NULL,
	level VARCHAR(64) NOT NULL DEFAULT 'normal',
	preferred_channel VARCHAR(16) NOT NULL DEFAULT 'phone',
	email VARCHAR(255) NULL,
	note TEXT NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	KEY k_resident_name (name),
	CONSTRAINT ck_resident_gender CHECK (gender IN ('M', 'F')),
	CONSTRAINT ck_resident_channel CHECK (preferred_channel IN ('phone', 'sms', 'wechat', 'email'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A resident's phone numbers, normalised to digits only so that a caller ID finds the resident
-- by an exact match on k_resident_phone_phone: Chinese mobiles as 11 digits (13812345678),
-- landlines with their area code (01062345678), other numbers E.164 without '+'.
-- Not unique across residents: a family shares its landline. kind: 'mobile', 'landline'.
CREATE TABLE resident_phone (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	resident_id INT UNSIGNED NOT NULL,
	phone VARCHAR(20) NOT NULL,
	kind VARCHAR(16) NOT NULL DEFAULT 'mobile',
	is_primary TINYINT(1) NOT NULL DEFAULT 0,   -- the program keeps at most one per resident
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_resident_phone (resident_id, phone),
	KEY k_resident_phone_phone (phone),
	CONSTRAINT fk_rphone_resident FOREIGN KEY (resident_id) REFERENCES resident (id) ON DELETE CASCADE,
	CONSTRAINT ck_rphone_digits CHECK (phone REGEXP '^[0-9]{3,20}$'),
	CONSTRAINT ck_rphone_kind CHECK (kind IN ('mobile', 'landline'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who lives in or owns which household. relation: 'owner', 'tenant', 'family'.
-- A household without an 'owner' row has an unknown owner.
CREATE TABLE resident_household (
	resident_id INT UNSIGNED NOT NULL,
	household_id INT UNSIGNED NOT NULL,
	relation VARCHAR(16) NOT NULL DEFAULT 'owner',
	PRIMARY KEY (resident_id, household_id),
	KEY k_rh_household (household_id),
	CONSTRAINT fk_rh_resident FOREIGN KEY (resident_id) REFERENCES resident (id) ON DELETE CASCADE,
	CONSTRAINT fk_rh_household FOREIGN KEY (household_id) REFERENCES household (id) ON DELETE CASCADE,
	CONSTRAINT ck_rh_relation CHECK (relation IN ('owner', 'tenant', 'family'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Service tags: customer_tag item codes (elderly_alone, disabled, frequent_complainant, ...).
CREATE TABLE resident_tag (
	resident_id INT UNSIGNED NOT NULL,
	tag VARCHAR(64) NOT NULL,
	PRIMARY KEY (resident_id, tag),
	KEY k_resident_tag_tag (tag),
	CONSTRAINT fk_rtag_resident FOREIGN KEY (resident_id) REFERENCES resident (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
