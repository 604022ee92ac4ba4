-- 001: the foundation: organisation, staff, roles and permissions, sessions, API keys,
-- login attempts, audit log, data dictionaries, application metadata.
-- All times are UTC (the server runs with time_zone '+00:00').

CREATE TABLE app_meta (
	k VARCHAR(64) NOT NULL PRIMARY KEY,
	v TEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Multi-level departments: parent_id NULL is a top-level department.
CREATE TABLE department (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	parent_id INT UNSIGNED NULL,
	name VARCHAR(100) NOT NULL,
	code VARCHAR(32) NULL,
	sort INT NOT NULL DEFAULT 0,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_department_code (code),
	KEY k_department_parent (parent_id),
	CONSTRAINT fk_department_parent FOREIGN KEY (parent_id) REFERENCES department (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Permissions are fixed by the code (a page table names one); roles group them.
CREATE TABLE permission (
	code VARCHAR(64) NOT NULL PRIMARY KEY,
	area VARCHAR(32) NOT NULL,
	sort INT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE role (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	code VARCHAR(32) NOT NULL,
	name VARCHAR(100) NOT NULL,
	builtin TINYINT(1) NOT NULL DEFAULT 0,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_role_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE role_permission (
	role_id INT UNSIGNED NOT NULL,
	permission VARCHAR(64) NOT NULL,
	PRIMARY KEY (role_id, permission),
	CONSTRAINT fk_rp_role FOREIGN KEY (role_id) REFERENCES role (id) ON DELETE CASCADE,
	CONSTRAINT fk_rp_perm FOREIGN KEY (permission) REFERENCES permission (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE staff (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	login VARCHAR(64) NOT NULL,
	name VARCHAR(100) NOT NULL,
	password_hash VARCHAR(255) NOT NULL,
	department_id INT UNSIGNED NULL,
	phone VARCHAR(32) NULL,
	email VARCHAR(255) NULL,
	lang VARCHAR(8) NULL,                 -- NULL: the instance default (WL_LANG)
	active TINYINT(1) NOT NULL DEFAULT 1,
	must_change_password TINYINT(1) NOT NULL DEFAULT 0,
	password_changed_at DATETIME NULL,
	last_login_at DATETIME NULL,
	prev_login_at DATETIME NULL,          -- the one before, shown on the dashboard
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_staff_login (login),
	KEY k_staff_department (department_id),
	CONSTRAINT fk_staff_department FOREIGN KEY (department_id) REFERENCES department (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE staff_role (
	staff_id INT UNSIGNED NOT NULL,
	role_id INT UNSIGNED NOT NULL,
	PRIMARY KEY (staff_id, role_id),
	KEY k_staff_role_role (role_id),
	CONSTRAINT fk_sr_staff FOREIGN KEY (staff_id) REFERENCES staff (id) ON DELETE CASCADE,
	CONSTRAINT fk_sr_role FOREIGN KEY (role_id) REFERENCES role (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A browser session. The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE session (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	token_hash BINARY(32) NOT NULL,
	staff_id INT UNSIGNED NOT NULL,
	ip VARCHAR(45) NOT NULL,
	user_agent VARCHAR(255) NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	last_seen_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	expires_at DATETIME NOT NULL,         -- absolute timeout
	ended_at DATETIME NULL,               -- logout, password change, admin reset
	UNIQUE KEY uk_session_token (token_hash),
	KEY k_session_staff (staff_id),
	CONSTRAINT fk_session_staff FOREIGN KEY (staff_id) REFERENCES staff (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- API keys act as their staff account. Only the SHA-256 of the key is stored.
CREATE TABLE api_key (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	staff_id INT UNSIGNED NOT NULL,
	name VARCHAR(100) NOT NULL,
	prefix CHAR(8) NOT NULL,              -- shown in lists to recognise a key
	key_hash BINARY(32) NOT NULL,
	created_by INT UNSIGNED NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	last_used_at DATETIME NULL,
	revoked_at DATETIME NULL,
	UNIQUE KEY uk_api_key_hash (key_hash),
	KEY k_api_key_staff (staff_id),
	CONSTRAINT fk_api_key_staff FOREIGN KEY (staff_id) REFERENCES staff (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every login attempt, for brute-force protection (by login and by address).
CREATE TABLE login_attempt (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	login VARCHAR(64) NOT NULL,
	ip VARCHAR(45) NOT NULL,
	ok TINYINT(1) NOT NULL,
	at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	KEY k_login_attempt_login (login, at),
	KEY k_login_attempt_ip (ip, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Security events and admin changes. Append-only.
CREATE TABLE audit_log (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	staff_id INT UNSIGNED NULL,           -- who acted (NULL: anonymous / system)
	ip VARCHAR(45) NULL,
	event VARCHAR(64) NOT NULL,           -- e.g. login.ok, login.fail, login.locked, staff.update
	object_type VARCHAR(32) NULL,
	object_id BIGINT UNSIGNED NULL,
	detail VARCHAR(1000) NULL,
	KEY k_audit_at (at),
	KEY k_audit_staff (staff_id, at),
	KEY k_audit_event (event, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Data dictionaries: named lists of values (customer category, level, tags, ...).
CREATE TABLE dictionary (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	code VARCHAR(64) NOT NULL,
	name VARCHAR(100) NOT NULL,
	builtin TINYINT(1) NOT NULL DEFAULT 0,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_dictionary_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE dictionary_item (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	dictionary_id INT UNSIGNED NOT NULL,
	code VARCHAR(64) NOT NULL,
	label VARCHAR(100) NOT NULL,
	sort INT NOT NULL DEFAULT 0,
	active TINYINT(1) NOT NULL DEFAULT 1,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY uk_dictionary_item (dictionary_id, code),
	CONSTRAINT fk_di_dictionary FOREIGN KEY (dictionary_id) REFERENCES dictionary (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Built-in permissions. Later migrations add their own areas.
INSERT INTO permission (code, area, sort) VALUES
	('dashboard.view', 'staff', 10),
	('admin.departments', 'admin', 100),
	('admin.roles', 'admin', 110),
	('admin.staff', 'admin', 120),
	('admin.dictionaries', 'admin', 130),
	('admin.audit', 'admin', 140),
	('admin.apikeys', 'admin', 150),
	('api.read', 'api', 200);

INSERT INTO role (code, name, builtin) VALUES
	('agent', '座席', 1),
	('supervisor', '班长', 1),
	('technician', '维修师傅', 1),
	('manager', '经理', 1),
	('admin', '系统管理员', 1);

INSERT INTO role_permission (role_id, permission)
	SELECT r.id, p.code FROM role r JOIN permission p
	WHERE (r.code IN ('agent', 'supervisor', 'technician', 'manager') AND p.code IN ('dashboard.view', 'api.read'))
	   OR r.code = 'admin';

INSERT INTO dictionary (code, name, builtin) VALUES
	('customer_category', '客户类别', 1),
	('customer_level', '客户等级', 1),
	('customer_tag', '服务标签', 1);

INSERT INTO dictionary_item (dictionary_id, code, label, sort)
	SELECT d.id, v.code, v.label, v.sort FROM dictionary d JOIN (
		SELECT 'customer_category' AS dict, 'owner' AS code, '业主' AS label, 10 AS sort
		UNION ALL SELECT 'customer_category', 'tenant', '租户', 20
		UNION ALL SELECT 'customer_category', 'potential', '潜在客户', 30
		UNION ALL SELECT 'customer_category', 'lost', '流失客户', 40
		UNION ALL SELECT 'customer_level', 'vip', 'VIP', 10
		UNION ALL SELECT 'customer_level', 'normal', '普通', 20
		UNION ALL SELECT 'customer_tag', 'elderly_alone', '独居老人', 10
		UNION ALL SELECT 'customer_tag', 'disabled', '残障人士', 20
		UNION ALL SELECT 'customer_tag', 'frequent_complainant', '频繁投诉', 30
		UNION ALL SELECT 'customer_tag', 'heating_stop', '报停供暖', 40
	) v ON v.dict = d.code;

-- Workers cache each account (profile, permissions, roles); any change to staff,
-- departments, roles or who holds what bumps this version, which every session lookup
-- reads, so a disabled account or a revoked permission ends at once.  Triggers (not
-- application code) so that no writer can forget it; role deletions are covered
-- separately because foreign-key cascades do not fire triggers.
INSERT INTO app_meta (k, v) VALUES ('auth_version', '1');
CREATE TRIGGER tr_staff_upd AFTER UPDATE ON staff FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_department_upd AFTER UPDATE ON department FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_staff_role_ins AFTER INSERT ON staff_role FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_staff_role_del AFTER DELETE ON staff_role FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_role_permission_ins AFTER INSERT ON role_permission FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_role_permission_del AFTER DELETE ON role_permission FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_role_upd AFTER UPDATE ON role FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_role_del AFTER DELETE ON role FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
