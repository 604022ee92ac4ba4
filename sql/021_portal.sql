-- 021_portal.sql — the resident self-service portal (/portal) and public tracking pages
-- (/t/<token>): one-time SMS codes and resident sessions.  Times are UTC.

-- One row per code sent (or pretended to be sent: a number that is no resident's gets the
-- same answer but no SMS, resident_id NULL).  The code itself is never stored: code_mac is
-- the HMAC-SHA256 (server key) of the number and the code.  Rate limits count rows per
-- phone and per ip; tries counts wrong entries (the code dies at 5).
CREATE TABLE portal_otp (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	phone VARCHAR(20) NOT NULL,
	resident_id INT UNSIGNED NULL,
	code_mac CHAR(43) NOT NULL,
	ip VARCHAR(45) NOT NULL,
	tries TINYINT UNSIGNED NOT NULL DEFAULT 0,
	expires_at DATETIME NOT NULL,
	used_at DATETIME NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	KEY k_portal_otp_phone (phone, created_at),
	KEY k_portal_otp_ip (ip, created_at),
	KEY k_portal_otp_created (created_at),
	CONSTRAINT fk_portal_otp_resident FOREIGN KEY (resident_id) REFERENCES resident (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A resident's login (cookie wl_rsid, separate from the staff's wl_sid): the SHA-256 of the
-- token, an absolute timeout, ended at logout.
CREATE TABLE portal_session (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	token_hash BINARY(32) NOT NULL,
	resident_id INT UNSIGNED NOT NULL,
	phone VARCHAR(20) NOT NULL,
	ip VARCHAR(45) NOT NULL,
	user_agent VARCHAR(255) NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	expires_at DATETIME NOT NULL,
	ended_at DATETIME NULL,
	UNIQUE KEY uk_portal_session_token (token_hash),
	KEY k_portal_session_resident (resident_id),
	CONSTRAINT fk_portal_session_resident FOREIGN KEY (resident_id) REFERENCES resident (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
