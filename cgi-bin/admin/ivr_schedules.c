/* ivr_schedules.c — office hours: list, create, edit the weekly hours (several ranges a
 * day) and the duty target, the holiday calendar (closed days, special hours, 调休
 * workdays), delete (refused while a flow uses the schedule). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "ivr.h"

static const char *const hours_fields[8] = { NULL, "hours1", "hours2", "hours3", "hours4",
					     "hours5", "hours6", "hours7" };

int page_ivr_schedules(struct req *r)
{
	if (db_query_hdf(r, "Schedules", "SELECT s.id, s.name, s.description, s.duty_number,"
			 " st.name AS duty_staff, (SELECT COUNT(*) FROM ivr_schedule_hours h"
			 " WHERE h.schedule_id = s.id) AS range_count, (SELECT COUNT(*) FROM"
			 " ivr_holiday d WHERE d.schedule_id = s.id) AS holiday_count FROM ivr_schedule s"
			 " LEFT JOIN staff st ON st.id = s.duty_staff_id ORDER BY s.name", "") < 0)
		return req_fail(r, 500, "err.db");
	ivr_page(r, "schedules", "ivr.schedules.title", "admin/ivr_schedules.cs");
	return 0;
}

/* The form (Form.* set) with the holidays of schedule id when it exists. */
static int schedule_show(struct req *r, long long id)
{
	int status = ivr_options(r);

	if (status)
		return status;
	if (id) {
		if (db_query_hdf(r, "Holidays", "SELECT id, DATE_FORMAT(day, '%Y-%m-%d') AS day, name,"
				 " kind, TIME_FORMAT(open_time, '%H:%i') AS open,"
				 " TIME_FORMAT(close_time, '%H:%i') AS close, as_weekday FROM ivr_holiday"
				 " WHERE schedule_id = ? ORDER BY day", "i", id) < 0)
			return req_fail(r, 500, "err.db");
		admin_tr_rows(r, "Holidays", "kind", "ivr.holiday.kind", "kind_label");
		admin_tr_rows(r, "Holidays", "as_weekday", "ivr.weekday", "as_label");
		hset_int(r, "Form.id", id);
	}
	if (!hdf_get_value(r->hdf, "Form.kind", NULL))
		hset(r, "Form.kind", "closed");
	ivr_page(r, "schedules", id ? "ivr.schedules.edit" : "ivr.schedules.new",
		 "admin/ivr_schedule.cs");
	return 0;
}

int page_ivr_schedule_new(struct req *r)
{
	hset(r, "Form.hours1", "08:30-17:30");
	hset(r, "Form.hours2", "08:30-17:30");
	hset(r, "Form.hours3", "08:30-17:30");
	hset(r, "Form.hours4", "08:30-17:30");
	hset(r, "Form.hours5", "08:30-17:30");
	return schedule_show(r, 0);
}

/* Schedule id into Form.* (hours1..7 as "HH:MM-HH:MM ..."); 1, 0 when absent, -1. */
static int schedule_load(struct req *r, long long id)
{
	struct stmt *st;
	int found = db_row_hdf(r, "Form", "SELECT name, description, duty_staff_id, duty_number,"
			       " version FROM ivr_schedule WHERE id = ?", "i", id), rc;

	if (found <= 0)
		return found;
	st = db_query("SELECT weekday, GROUP_CONCAT(CONCAT(TIME_FORMAT(open_time, '%H:%i'), '-',"
		      " IF(close_time = '23:59:59', '24:00', TIME_FORMAT(close_time, '%H:%i')))"
		      " ORDER BY open_time SEPARATOR ' ') FROM ivr_schedule_hours"
		      " WHERE schedule_id = ? GROUP BY weekday", "i", id);
	if (!st)
		return -1;
	while ((rc = db_next(st)) == 1) {
		long long wd = db_int(st, 0);
		char name[32];

		if (wd >= 1 && wd <= 7) {
			snprintf(name, sizeof(name), "Form.%s", hours_fields[wd]);
			hset(r, name, db_text(st, 1));
		}
	}
	db_done(st);
	return rc < 0 ? -1 : 1;
}

int page_ivr_schedule_edit(struct req *r)
{
	int found = schedule_load(r, r->args[0]);

	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	return schedule_show(r, r->args[0]);
}

static int schedule_save(struct req *r, long long id)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	struct ivr_schedule_def s = { 0 };
	enum org_result res = ORG_INVALID;
	long long version, saved = id;
	int status;

	form_keep(r, "name", "description", "duty_staff_id", "duty_number", "version", "hours1",
		  "hours2", "hours3", "hours4", "hours5", "hours6", "hours7", NULL);
	s.name = req_field(r, "name");
	s.description = req_field(r, "description");
	s.duty_number = req_field(r, "duty_number");
	s.duty_staff_id = admin_form_int(r, "duty_staff_id", 0, 0, LLONG_MAX);
	for (int wd = 1; wd <= 7; wd++)
		s.hours[wd] = req_field(r, hours_fields[wd]);
	version = admin_form_int(r, "version", 0, 0, LLONG_MAX);
	if (id && !version)
		form_error(r, "version", "err.invalid");
	if (!form_has_errors(r))
		res = ivr_schedule_save(&saved, &e, &who, version, &s);
	if (res) {
		status = ivr_errors(r, res, &e);
		return status ? status : schedule_show(r, id);
	}
	return ivr_redirectf(r, id ? "flash.saved" : "flash.created", "/admin/ivr/schedules/%lld",
			     saved);
}

int page_ivr_schedule_create(struct req *r)
{
	return schedule_save(r, 0);
}

int page_ivr_schedule_update(struct req *r)
{
	return schedule_save(r, r->args[0]);
}

int page_ivr_schedule_delete(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = ivr_schedule_delete(&e, &who, r->args[0]);
	int status;

	if (res) {
		status = ivr_errors(r, res, &e);
		if (status)
			return status;
		if (schedule_load(r, r->args[0]) < 0)
			return req_fail(r, 500, "err.db");
		return schedule_show(r, r->args[0]);
	}
	return ivr_redirectf(r, "flash.deleted", "/admin/ivr/schedules");
}

int page_ivr_holiday_create(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	struct ivr_holiday_def h = { 0 };
	enum org_result res;
	long long sid = r->args[0];
	int status;

	form_keep(r, "day", "hname", "kind", "open", "close", "as_weekday", NULL);
	h.day = req_field(r, "day");
	h.name = req_field(r, "hname");
	h.kind = req_field(r, "kind");
	h.open = req_field(r, "open");
	h.close = req_field(r, "close");
	admin_parse_int(&h.as_weekday, req_field(r, "as_weekday"), 0, 0, 7);
	res = ivr_holiday_save(&e, &who, sid, &h);
	if (res) {
		status = ivr_errors(r, res, &e);
		if (status)
			return status;
		/* The schedule's own fields as stored, the holiday form as typed. */
		if (schedule_load(r, sid) <= 0)
			return req_fail(r, 500, "err.db");
		return schedule_show(r, sid);
	}
	return ivr_redirectf(r, "flash.saved", "/admin/ivr/schedules/%lld#holidays", sid);
}

int page_ivr_holiday_delete(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = ivr_holiday_delete(&e, &who, r->args[0], r->args[1]);

	if (res == ORG_NOT_FOUND)
		return req_fail(r, 404, "err.not_found_object");
	if (res)
		return req_fail(r, 500, "err.db");
	return ivr_redirectf(r, "flash.deleted", "/admin/ivr/schedules/%lld#holidays", r->args[0]);
}
