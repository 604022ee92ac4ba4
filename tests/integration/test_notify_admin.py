#!/usr/bin/python3
"""test_notify_admin.py — the notification rules an admin edits (admin → 通知规则), end to
end: the list shows the default rules; a rule of its own for a work-order type is added and
a new work order of that type texts the resident exactly that wording at the fake SMSC
(through ivrd and Kannel), while the default wording stays for other types; the preview
fills in example values and counts the SMS parts; an unknown placeholder, a second rule for
the same type/event/channel, an e-mail rule without subject and a stale form are refused
with clear Chinese messages and change nothing; the defaults cannot be deleted; an agent
gets 403.  A work-order type of its own keeps other tests' messages untouched."""
import os
import sys

sys.dont_write_bytecode = True

import wl  # noqa: E402
from wl import Tap, key_of, sms_received, sql, sql_value, wait_for

t = Tap("test_notify_admin")
TAG = os.urandom(3).hex()
DIGITS = "%04d" % (int(TAG, 16) % 10000)
MOBILE = "1390099" + DIGITS
WAIT = 90  # seconds: generous, never a measurement
S = {}




def form(c, path):
    return wl.csrf_from(c.get(path).text)


def text(resp):
    return wl.visible_text(resp.text)


def rule_count():
    return int(sql_value("SELECT COUNT(*) FROM notify_rule"))


def setup():
    sql("INSERT INTO ticket_type (code, name, sort) VALUES ('nt%s', '通知测试%s', 990);"
        "INSERT INTO community (code, name) VALUES ('nt%s', '通知测试小区%s');"
        "INSERT INTO building (community_id, name) SELECT id, '1号楼' FROM community WHERE code = 'nt%s';"
        "INSERT INTO unit (building_id, name) SELECT b.id, '1单元' FROM building b JOIN community c"
        " ON c.id = b.community_id WHERE c.code = 'nt%s';"
        "INSERT INTO household (unit_id, room, floor) SELECT u.id, '0101', 1 FROM unit u"
        " JOIN building b ON b.id = u.building_id JOIN community c ON c.id = b.community_id"
        " WHERE c.code = 'nt%s';"
        "INSERT INTO resident (name) VALUES ('王五%s');" % ((TAG,) * 8))
    S["type"] = int(sql_value("SELECT id FROM ticket_type WHERE code = 'nt%s'" % TAG))
    S["heating"] = int(sql_value("SELECT id FROM ticket_type WHERE code = 'heating'"))
    S["household"] = int(sql_value("SELECT h.id FROM household h JOIN unit u ON u.id = h.unit_id"
                                   " JOIN building b ON b.id = u.building_id JOIN community c"
                                   " ON c.id = b.community_id WHERE c.code = 'nt%s'" % TAG))
    S["resident"] = int(sql_value("SELECT id FROM resident WHERE name = '王五%s'" % TAG))
    sql("INSERT INTO resident_phone (resident_id, phone, kind, is_primary) VALUES (%d, '%s', 'mobile', 1);"
        "INSERT INTO resident_household (resident_id, household_id) VALUES (%d, %d)"
        % (S["resident"], MOBILE, S["resident"], S["household"]))
    S["admin"] = wl.logged_in("t_admin")


def new_ticket(type_id, description):
    r = wl.Client().request("POST", "/api/v1/tickets", body=wl.json.dumps({
        "type_id": type_id, "resident_id": S["resident"], "household_id": S["household"],
        "description": description, "contact_phone": MOBILE}).encode(),
        headers={"Authorization": "Bearer " + key_of("agent"), "Content-Type": "application/json",
                 "Accept": "application/json"})
    return r.status, (r.json() or {}).get("number") if r.status == 201 else None


def sms_with(needle):
    return [m for m in sms_received() if m["to"] == MOBILE and needle in m["text"]]


def listing():
    c = S["admin"]
    r = c.get("/admin/notify")
    t.eq(r.status, 200, "the admin opens 通知规则")
    t.has(text(r), "您的{type}已受理，工单号{number}", "the default 受理 SMS rule is listed with its template", r)
    t.has(r.text, 'href="/admin/notify"', "the navigation has 通知规则", r)
    agent = wl.logged_in("t_agent")
    t.eq(agent.get("/admin/notify").status, 403, "an agent: 403")
    t.eq(agent.post("/admin/notify", {"_csrf": form(agent, "/dashboard"), "event": "created",
                                      "channel": "sms", "template": "x"}).status, 403,
         "an agent cannot add a rule: 403")


def add_rule():
    c = S["admin"]
    before = rule_count()
    r = c.post("/admin/notify", {"_csrf": form(c, "/admin/notify"), "type_id": str(S["type"]),
                                 "event": "created", "channel": "sms", "enabled": "1",
                                 "essential": "1", "template": "【{company}】报修{number}收到{foo}"})
    t.eq(r.status, 422, "an unknown placeholder: refused (422)")
    t.has(text(r), "模板里有未知的占位符", "with a message saying so", r)
    t.has(r.text, "报修{number}收到{foo}", "and the form keeps what was typed", r)
    t.eq(rule_count(), before, "nothing was stored")

    r = c.post("/admin/notify", {"_csrf": form(c, "/admin/notify"), "type_id": str(S["type"]),
                                 "event": "completed", "channel": "email", "enabled": "1",
                                 "template": "您好，工单{number}已完成。"})
    t.eq(r.status, 422, "an e-mail rule without subject: refused")
    t.has(text(r), "必填", "the subject is marked required", r)

    wording = "【{company}】通知测试%s：工单{number}已登记，师傅稍后联系您。" % TAG
    r = c.post("/admin/notify", {"_csrf": form(c, "/admin/notify"), "type_id": str(S["type"]),
                                 "event": "created", "channel": "sms", "enabled": "1",
                                 "essential": "1", "template": wording})
    t.eq(r.status, 303, "a rule for the type is added")
    row = sql("SELECT id, enabled, essential, template, version FROM notify_rule WHERE type_id = %d"
              " AND event = 'created' AND channel = 'sms'" % S["type"])
    t.ok(row and row[0][1:4] == ["1", "1", wording], "stored as typed, on and essential", row)
    S["rule"] = int(row[0][0]) if row else 0
    S["version"] = row[0][4] if row else "0"

    before = rule_count()
    r = c.post("/admin/notify", {"_csrf": form(c, "/admin/notify"), "type_id": str(S["type"]),
                                 "event": "created", "channel": "sms", "enabled": "1",
                                 "template": "again {number}"})
    t.eq(r.status, 422, "a second rule for the same type, event and channel: refused")
    t.has(text(r), "已经有该事件和渠道的规则", "with a message pointing to the existing rule", r)
    t.eq(rule_count(), before, "nothing more was stored")


def rule_applies():
    status, number = new_ticket(S["type"], "通知测试报修" + TAG)
    t.eq(status, 201, "a work order of the type is created")
    got = wait_for(lambda: sms_with("通知测试%s" % TAG))
    company = wl.conf("WL_COMPANY", "暖线物业服务中心")
    t.eq([m["text"] for m in got or []],
         ["【%s】通知测试%s：工单%s已登记，师傅稍后联系您。" % (company, TAG, number)],
         "the resident gets the type's own wording, filled in, exactly once")
    status, number = new_ticket(S["heating"], "通知测试供暖" + TAG)
    got = wait_for(lambda: sms_with("工单号%s" % number))
    t.ok(got and "您的供暖报修已受理" in got[0]["text"], "another type keeps the default wording", got)


def edit_rule():
    c = S["admin"]
    path = "/admin/notify/%d" % S["rule"]
    r = c.get(path)
    t.eq(r.status, 200, "the rule's edit page opens")
    long_text = "【{company}】" + "请您耐心等待维修师傅上门处理，" * 6 + "工单{number}"
    r = c.post(path, {"_csrf": form(c, path), "version": S["version"], "type_id": str(S["type"]),
                      "event": "created", "channel": "sms", "enabled": "1", "essential": "1",
                      "template": long_text, "preview": "1"})
    t.eq(r.status, 200, "preview answers the form again")
    t.has(text(r), "工单20261121-0042", "the preview fills in example values", r)
    t.has(r.text, 'id="preview-parts">2<', "and counts a long SMS as 2 parts", r)
    t.eq(sql_value("SELECT version FROM notify_rule WHERE id = %d" % S["rule"]), S["version"],
         "preview saves nothing")

    r = c.post(path, {"_csrf": form(c, path), "version": S["version"], "type_id": str(S["type"]),
                      "event": "created", "channel": "sms", "essential": "1",
                      "template": "【{company}】停用测试{number}"})
    t.eq(r.status, 303, "the rule is turned off (enabled unticked)")
    t.eq(sql_value("SELECT enabled FROM notify_rule WHERE id = %d" % S["rule"]), "0", "stored as off")
    r = c.post(path, {"_csrf": form(c, path), "version": S["version"], "type_id": str(S["type"]),
                      "event": "created", "channel": "sms", "enabled": "1",
                      "template": "stale {number}"})
    t.eq(r.status, 409, "a form from before that change: conflict (409)")
    t.has(text(r), "刚被其他人修改过", "saying someone else changed it", r)
    t.eq(sql_value("SELECT template FROM notify_rule WHERE id = %d" % S["rule"]),
         "【{company}】停用测试{number}", "and the newer text stays")

    default = sql_value("SELECT id FROM notify_rule WHERE type_id = 0 AND event = 'created'"
                        " AND channel = 'sms'")
    dpath = "/admin/notify/%s" % default
    r = c.post(dpath + "/delete", {"_csrf": form(c, dpath)})
    t.eq(r.status, 409, "deleting a default rule: refused (409)")
    t.has(text(r), "不能删除", "with the reason", r)
    t.eq(sql_value("SELECT COUNT(*) FROM notify_rule WHERE id = %s" % default), "1", "it is still there")

    r = c.post(path + "/delete", {"_csrf": form(c, path)})
    t.eq(r.status, 303, "the type's own rule is deleted")
    t.eq(sql_value("SELECT COUNT(*) FROM notify_rule WHERE id = %d" % S["rule"]), "0", "gone")


def cleanup():
    sql("DELETE FROM notify_rule WHERE type_id = %d; UPDATE ticket_type SET active = 0 WHERE id = %d"
        % (S.get("type", 0), S.get("type", 0)))


t.section("setup", setup)
t.section("listing", listing)
t.section("add", add_rule)
t.section("applies", rule_applies)
t.section("edit", edit_rule)
t.section("cleanup", cleanup)
t.done()
