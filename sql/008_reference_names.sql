-- 008_reference_names: the web workers cache the display names of staff, departments,
-- work-order types and dictionary items (lib/names.c) and reload them when
-- app_meta.auth_version moves.  001 bumps it on updates of staff and departments; these
-- triggers bump it on every other change to those tables.  Foreign-key cascades do not
-- fire triggers, so deleting a dictionary (which deletes its items) has its own.
CREATE TRIGGER tr_staff_ins AFTER INSERT ON staff FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_staff_del AFTER DELETE ON staff FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_department_ins AFTER INSERT ON department FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_department_del AFTER DELETE ON department FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_ticket_type_ins AFTER INSERT ON ticket_type FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_ticket_type_upd AFTER UPDATE ON ticket_type FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_ticket_type_del AFTER DELETE ON ticket_type FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_dictionary_upd AFTER UPDATE ON dictionary FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_dictionary_del AFTER DELETE ON dictionary FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_dictionary_item_ins AFTER INSERT ON dictionary_item FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_dictionary_item_upd AFTER UPDATE ON dictionary_item FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_dictionary_item_del AFTER DELETE ON dictionary_item FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
-- The work-order list's filter form (communities and their buildings) is cached the same
-- way; the property tree changes rarely (an import bumps the version once per row).
CREATE TRIGGER tr_community_ins AFTER INSERT ON community FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_community_upd AFTER UPDATE ON community FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_community_del AFTER DELETE ON community FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_building_ins AFTER INSERT ON building FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_building_upd AFTER UPDATE ON building FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
CREATE TRIGGER tr_building_del AFTER DELETE ON building FOR EACH ROW
	UPDATE app_meta SET v = v + 1 WHERE k = 'auth_version';
