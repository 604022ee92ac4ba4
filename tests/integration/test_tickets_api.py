#!/usr/bin/python3
"""test_tickets_api.py — the JSON API for residents, the screen pop and work orders, with
the fixture's API keys: a resident created by POST is found by each of its numbers, a
stale PATCH is refused (409); the pop finds it; a work order is created (201, number
YYYYMMDD-NNNN), walks to closed through transitions and its timeline lists every step in
order; invalid transitions are refused in Chinese, or English with ?lang=en; a technician
key cannot see, list, change or download another team's work order (404); a real PNG
uploads and downloads identically, a spoofed one is refused (422); lists filter and page
with a cursor; a browser session needs the CSRF token to change anything."""
import json
import os
import re
import struct
import sys
import urllib.parse
import zlib

sys.dont_write_bytecode = True  # no __pycache__ in the repository

from wl import Client, Tap, csrf_from, key_of, logged_in, sql, sql_str, sql_value

t = Tap("test_tickets_api")
api = Client()
TAG = os.urandom(3).hex()          # keeps a rerun against the same stack apart
DIGITS = "%04d" % (int(TAG, 16) % 10000)
MOBILE = "1390011" + DIGITS        # as stored (normalised)
LANDLINE = "0106234" + DIGITS
CJK = re.compile(r"[\u4e00-\u9fff]")
S = {}                             # what the sections share


def call(method, path, key=None, body=None, headers=None, client=None):
    """A JSON request; body (a dict) is sent as application/json."""
    h = {"Accept": "application/json"}
    if key:
        h["Authorization"] = "Bearer " + key
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    h.update(headers or {})
    return (client or api).request(method, path, body=data, headers=h)


def doc(r):
    try:
        return r.json()
    except ValueError:
        return {}


def err(r):
    return doc(r).get("error", {}) if isinstance(doc(r), dict) else {}


def png(w=24, h=16):
    """A real PNG image (RGB gradient)."""
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xffffffff)
    rows = b"".join(b"\x00" + bytes(v for x in range(w) for v in (x * 10 % 256, y * 15 % 256, 128))
                    for y in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def setup():
    """A household to live in, and a second engineering team the technician is not in."""
    sql("INSERT INTO community (code, name) VALUES ('api%s', '接口测试小区%s');"
        "INSERT INTO building (community_id, name) SELECT id, '3号楼' FROM community WHERE code = 'api%s';"
        "INSERT INTO unit (building_id, name) SELECT b.id, '2单元' FROM building b JOIN community c"
        " ON c.id = b.community_id WHERE c.code = 'api%s';"
        "INSERT INTO household (unit_id, room, floor) SELECT u.id, '1502', 15 FROM unit u"
        " JOIN building b ON b.id = u.building_id JOIN community c ON c.id = b.community_id"
        " WHERE c.code = 'api%s';"
        "INSERT IGNORE INTO department (name, code, sort) VALUES ('测试外包队', 't_other', 30);"
        % ((TAG,) * 5))
    S["community"] = int(sql_value("SELECT id FROM community WHERE code = 'api%s'" % TAG))
    S["household"] = int(sql_value("SELECT h.id FROM household h JOIN unit u ON u.id = h.unit_id JOIN building b"
                                   " ON b.id = u.building_id WHERE b.community_id = %d" % S["community"]))
    S["eng"] = int(sql_value("SELECT id FROM department WHERE code = 't_eng'"))
    S["other"] = int(sql_value("SELECT id FROM department WHERE code = 't_other'"))
    S["tech"] = int(sql_value("SELECT id FROM staff WHERE login = 't_tech'"))
    S["heating"] = int(sql_value("SELECT id FROM ticket_type WHERE code = 'heating'"))
    S["consult"] = int(sql_value("SELECT id FROM ticket_type WHERE code = 'consult'"))


def residents():
    agent = key_of("agent")
    r = call("POST", "/api/v1/residents", agent, {
        "name": "接口测试住户" + TAG, "gender": "F",
        "phones": ["+86 139-0011-" + DIGITS, "010-6234" + DIGITS],
        "households": [{"household_id": S["household"], "relation": "owner"}],
        "tags": ["disabled", "elderly_alone"]})
    t.eq(r.status, 201, "POST /residents: 201")
    res = doc(r)
    S["resident"] = rid = res.get("id")
    t.ok(isinstance(rid, int) and r.header("Location") == "/api/v1/residents/%s" % rid,
         "POST /residents: an id and Location /api/v1/residents/{id}", r.brief)
    t.eq(sorted(p.get("phone") for p in res.get("phones", [])), sorted([MOBILE, LANDLINE]),
         "POST /residents: both numbers stored normalised (+86 and dashes dropped)")
    t.ok([x.get("label") for x in res.get("tags", [])] == ["独居老人", "残障人士"],
         "POST /residents: the tags with their labels", res.get("tags"))
    hh = res.get("households") or [{}]
    t.ok(hh[0].get("room") == "1502" and hh[0].get("building") == "3号楼", "POST /residents: the household's address",
         hh)

    for number in ("139 0011 " + DIGITS, "(010) 6234-" + DIGITS):
        r = call("GET", "/api/v1/residents?phone=" + urllib.parse.quote(number), agent)
        ids = [i.get("id") for i in doc(r).get("items", [])]
        t.ok(r.status == 200 and rid in ids, "GET /residents?phone=%s finds the resident" % number, r.brief)
    r = call("GET", "/api/v1/residents?phone=" + DIGITS, agent)
    t.ok(rid in [i.get("id") for i in doc(r).get("items", [])], "GET /residents?phone=<last 4 digits> finds it",
         r.brief)
    r = call("GET", "/api/v1/residents?phone=13900229999", agent)
    t.ok(r.status == 200 and rid not in [i.get("id") for i in doc(r).get("items", [])],
         "GET /residents?phone=<another number> does not", r.brief)
    r = call("GET", "/api/v1/residents?q=" + urllib.parse.quote("接口测试住户" + TAG), agent)
    items = doc(r).get("items", [])
    t.ok([i.get("id") for i in items] == [rid] and items[0].get("phones") and doc(r).get("total") == 1,
         "GET /residents?q=<name>: the resident with its phones, total 1", r.brief)
    r = call("GET", "/api/v1/residents?phone=abc", agent)
    t.ok(r.status == 400 and CJK.search(err(r).get("message", "")), "GET /residents?phone=abc: 400, Chinese message",
         r.brief)

    r = call("GET", "/api/v1/residents/%s" % rid, agent)
    v = doc(r).get("version")
    t.ok(r.status == 200 and isinstance(v, int) and r.header("ETag") == '"%s"' % v,
         "GET /residents/{id}: 200 with the version as ETag", r.brief)
    r = call("PATCH", "/api/v1/residents/%s" % rid, agent, {"note": "怕冷，上午在家", "version": v})
    t.ok(r.status == 200 and doc(r).get("note") == "怕冷，上午在家" and doc(r).get("version") == v + 1
         and len(doc(r).get("phones", [])) == 2 and doc(r).get("tags"),
         "PATCH /residents/{id} with the current version: note changed, version + 1, phones and tags kept",
         r.brief)
    r = call("PATCH", "/api/v1/residents/%s" % rid, agent, {"note": "过时的修改", "version": v})
    t.ok(r.status == 409 and err(r).get("code") == "conflict" and CJK.search(err(r).get("message", "")),
         "PATCH with a stale version: 409 conflict, Chinese message", r.brief)
    r = call("PATCH", "/api/v1/residents/%s" % rid, agent, {"name": "过时的名字"}, headers={"If-Match": '"%d"' % v})
    t.eq(r.status, 409, "PATCH with a stale If-Match: 409")
    t.eq(sql_value("SELECT note FROM resident WHERE id = %d" % rid), "怕冷，上午在家",
         "the stale PATCHes changed nothing")

    r = call("POST", "/api/v1/residents", agent, {"name": "", "phones": ["12345"]})
    fields = [x.get("field") for x in err(r).get("errors", [])]
    t.ok(r.status == 422 and err(r).get("code") == "invalid" and "name" in fields and "phones" in fields
         and CJK.search(err(r).get("message", "")),
         "POST /residents without a name and with a bad phone: 422 with both fields, Chinese", r.brief)
    r = call("POST", "/api/v1/residents", agent, {"name": 42})
    t.ok(r.status == 422 and "name" in [x.get("field") for x in err(r).get("errors", [])],
         "POST /residents with a number as name: 422 on name", r.brief)
    r = api.request("POST", "/api/v1/residents", body=b"{not json", headers={
        "Authorization": "Bearer " + agent, "Content-Type": "application/json"})
    t.ok(r.status == 400 and err(r).get("code") == "bad_request", "POST /residents with broken JSON: 400", r.brief)
    r = call("POST", "/api/v1/residents", key_of("tech"), {"name": "技师不能建", "phones": ["13900330000"]})
    t.eq(r.status, 403, "POST /residents with a technician key (no crm.edit): 403")


def tickets():
    agent, tech = key_of("agent"), key_of("tech")
    r = call("POST", "/api/v1/tickets", agent, {
        "type_id": S["heating"], "resident_id": S["resident"], "household_id": S["household"],
        "description": "暖气不热，室温 15 度", "contact_phone": "139-0011-" + DIGITS})
    t.eq(r.status, 201, "POST /tickets: 201")
    tk = doc(r)
    S["ticket"] = tid = tk.get("id")
    t.ok(re.fullmatch(r"20\d{6}-\d{4}", tk.get("number", "")) and tk.get("status") == "new",
         "POST /tickets: number YYYYMMDD-NNNN, status new", r.text[:200])
    t.eq(r.header("Location"), "/api/v1/tickets/%s" % tid, "POST /tickets: Location of the work order")
    r = call("POST", "/api/v1/tickets", agent, {"type_id": S["consult"], "title": "咨询供暖时间",
                                                "appointment_at": "2030-01-02T06:30:00.000Z"})
    t.ok(r.status == 201 and doc(r).get("number") != tk.get("number"), "a second work order gets another number",
         r.brief)
    r = call("GET", "/api/v1/tickets/%s" % doc(r).get("id"), agent)
    t.eq(doc(r).get("appointment_at"), "2030-01-02T06:30:00Z", "an appointment given in UTC (JavaScript's toISOString) comes back the same")
    r = call("POST", "/api/v1/tickets", agent, {"type_id": S["consult"], "appointment_at": "2030-01-02 14:30"})
    r = call("GET", "/api/v1/tickets/%s" % doc(r).get("id"), agent)
    t.eq(doc(r).get("appointment_at"), "2030-01-02T06:30:00Z", "an appointment without a zone is local (UTC+8)")
    r = call("POST", "/api/v1/tickets", agent, {"type_id": S["consult"], "appointment_at": "2030-01-02T06:30Z+99"})
    t.ok(r.status == 422 and [x.get("field") for x in err(r).get("errors", [])] == ["appointment_at"],
         "a malformed appointment time: 422 on appointment_at", r.brief)
    r = call("POST", "/api/v1/tickets", agent, {"type_id": S["heating"], "description": "没有地址"})
    fields = [x.get("field") for x in err(r).get("errors", [])]
    t.ok(r.status == 422 and "household_id" in fields, "POST /tickets without the type's required location: 422",
         r.brief)
    r = call("POST", "/api/v1/tickets", tech, {"type_id": S["consult"]})
    t.eq(r.status, 403, "POST /tickets with a technician key (no ticket.create): 403")

    r = call("GET", "/api/v1/tickets/%s" % tid, agent)
    d = doc(r)
    t.ok(r.status == 200 and d.get("channel") == "api" and d.get("status_label") == "新建"
         and "dispatched" in d.get("actions", []) and d.get("room") == "1502",
         "GET /tickets/{id}: channel api, status label, dispatch among the actions, the household", r.text[:300])

    steps = [(agent, {"to": "dispatched", "department_id": S["eng"], "assignee_id": S["tech"]}, "dispatched"),
             (tech, {"to": "accepted"}, "accepted"),
             (tech, {"to": "en_route", "note": "十分钟到"}, "en_route"),
             (tech, {"to": "on_site"}, "on_site"),
             (tech, {"to": "resolved", "note": "排气后恢复", "public": True}, "resolved"),
             (agent, {"to": "closed", "satisfaction": 5, "note": "住户满意"}, "closed")]
    version = d.get("version")
    for key, body, want in steps:
        body["version"] = version
        if want == "closed":  # the follow-up visit needs the resident's score
            r = call("POST", "/api/v1/tickets/%s/transitions" % tid, key, {"to": "closed", "version": version})
            t.ok(r.status == 422 and [x.get("field") for x in err(r).get("errors", [])] == ["satisfaction"]
                 and "满意度" in str(err(r)) and sql_value("SELECT status FROM ticket WHERE id = %d" % tid)
                 == "resolved", "closing without a satisfaction score: 422 on the field, still resolved", r.brief)
        r = call("POST", "/api/v1/tickets/%s/transitions" % tid, key, body)
        d = doc(r)
        t.ok(r.status == 200 and d.get("status") == want and d.get("version") == version + 1,
             "transition to %s: 200, status %s, version + 1" % (body["to"], want), r.brief)
        version = d.get("version", version)
    t.ok(d.get("satisfaction") == 5 and d.get("closed_at", "").endswith("Z"),
         "closed: satisfaction 5, closed_at in ISO 8601 UTC", d)

    r = call("GET", "/api/v1/tickets/%s/events" % tid, agent)
    ev = doc(r).get("items", [])
    got = [e.get("to_status") for e in ev if e.get("to_status")]
    t.eq(got, ["new", "dispatched", "accepted", "en_route", "on_site", "resolved", "closed"],
         "GET /tickets/{id}/events: every status step in order")
    t.ok(all(ev[i]["id"] < ev[i + 1]["id"] for i in range(len(ev) - 1)), "events ordered oldest first", ev)
    acc = [e for e in ev if e.get("to_status") == "accepted"]
    t.ok(acc and acc[0].get("staff") == "测试维修员" and acc[0].get("to_status_label") == "已接单"
         and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", acc[0].get("created_at", "")),
         "the accept step: by the technician, translated, time in ISO 8601 UTC", acc)
    disp = [e for e in ev if e.get("to_status") == "dispatched"]
    t.ok(disp and disp[0].get("assignee") == "测试维修员" and disp[0].get("department") == "测试工程部",
         "the dispatch step names the team and the technician", disp)
    t.ok([e for e in ev if e.get("kind") == "note" and e.get("body") == "十分钟到" and e.get("public") == 0],
         "a non-public note is an internal timeline entry", ev)

    r = call("POST", "/api/v1/tickets/%s/transitions" % tid, agent, {"to": "reopened", "note": "又不热了",
                                                                      "version": version - 1})
    t.ok(r.status == 409 and err(r).get("code") == "conflict" and CJK.search(err(r).get("message", "")),
         "a transition with a stale version: 409 conflict, Chinese message", r.brief)
    r = call("POST", "/api/v1/tickets/%s/transitions" % tid, agent, {"to": "on_site", "version": version})
    t.ok(r.status == 409 and err(r).get("code") == "invalid_transition"
         and "状态" in err(r).get("message", ""),
         "closed -> on_site: refused (409 invalid_transition) with the Chinese message", r.brief)
    r = call("POST", "/api/v1/tickets/%s/transitions?lang=en" % tid, agent, {"to": "on_site", "version": version},
             client=Client())
    t.ok(r.status == 409 and re.fullmatch(r"[\x20-\x7e]+", err(r).get("message", "")) and "status" in err(r)["message"],
         "the same with ?lang=en: the English message", r.brief)
    t.eq(sql_value("SELECT status FROM ticket WHERE id = %d" % tid), "closed", "the refused transitions changed nothing")
    r = call("POST", "/api/v1/tickets/%s/transitions" % tid, agent, {"to": "flying"})
    t.ok(r.status == 422 and [x.get("field") for x in err(r).get("errors", [])] == ["to"],
         "an unknown target: 422 on field to", r.brief)
    r = call("POST", "/api/v1/tickets/%s/transitions" % tid, agent, {"to": "reopened", "version": version})
    t.ok(r.status == 422 and "note" in [x.get("field") for x in err(r).get("errors", [])],
         "reopening without a reason: 422 on note", r.brief)

    r = call("POST", "/api/v1/tickets/%s/comments" % tid, agent, {"body": "已电话回访", "public": True})
    t.ok(r.status == 201 and doc(r).get("kind") == "comment" and doc(r).get("public") == 1,
         "POST /tickets/{id}/comments: 201, a public comment event", r.brief)
    r = call("GET", "/api/v1/tickets/%s/events" % tid, agent)
    t.ok(doc(r).get("items", [{}])[-1].get("body") == "已电话回访", "the comment ends the timeline", r.brief)


def technician():
    admin, tech, agent = key_of("admin"), key_of("tech"), key_of("agent")
    r = call("POST", "/api/v1/tickets", admin, {"type_id": S["consult"], "title": "别的班组的单"})
    other = doc(r).get("id")
    r = call("POST", "/api/v1/tickets/%s/transitions" % other, admin, {"to": "dispatched",
                                                                       "department_id": S["other"]})
    t.ok(r.status == 200 and doc(r).get("department_id") == S["other"], "a work order dispatched to another team",
         r.brief)
    r = api.post_multipart("/api/v1/tickets/%s/attachments" % other, {}, [("file", "现场.png", "image/png", png())],
                           headers={"Authorization": "Bearer " + admin})
    aid = doc(r).get("id")
    t.eq(r.status, 201, "an attachment on the other team's work order")
    S["other_ticket"] = other

    r = call("GET", "/api/v1/tickets/%s" % other, tech)
    t.ok(r.status == 404 and err(r).get("code") == "not_found", "technician key: another team's work order is 404",
         r.brief)
    t.eq(call("GET", "/api/v1/tickets/%s/events" % other, tech).status, 404,
         "technician key: its timeline is 404")
    t.eq(call("GET", "/api/v1/tickets/%s/attachments/%s" % (other, aid), tech).status, 404,
         "technician key: its attachment is 404")
    t.eq(call("GET", "/api/v1/tickets/%s/attachments/%s" % (S["ticket"], aid), tech).status, 404,
         "technician key: that attachment through its own work order's URL is 404")
    r = call("POST", "/api/v1/tickets/%s/transitions" % other, tech, {"to": "accepted"})
    t.eq(r.status, 404, "technician key: accepting it is 404")
    t.eq(call("POST", "/api/v1/tickets/%s/comments" % other, tech, {"body": "x"}).status, 404,
         "technician key: commenting on it is 404")
    t.eq(sql_value("SELECT CONCAT(status, ' ', COALESCE(assignee_id, 0)) FROM ticket WHERE id = %d" % other),
         "dispatched 0", "the other team's work order is unchanged")
    r = call("GET", "/api/v1/tickets?limit=200", tech)
    ids = [i.get("id") for i in doc(r).get("items", [])]
    t.ok(r.status == 200 and S["ticket"] in ids and other not in ids,
         "technician key: the list holds the own work order and not the other team's", r.brief)
    r = call("GET", "/api/v1/tickets/%s" % S["ticket"], tech)
    t.ok(r.status == 200 and doc(r).get("actions") == [], "technician key: the own closed work order, no actions",
         r.brief)
    t.eq(call("GET", "/api/v1/tickets/%s" % other, agent).status, 200, "an agent key (ticket.view) sees it")
    t.eq(call("GET", "/api/v1/tickets", key_of("noapi")).status, 403,
         "a key of an account with neither ticket.view nor tech.mobile: 403")


def attachments():
    agent, tech = key_of("agent"), key_of("tech")
    tid, image = S["ticket"], png()
    r = api.post_multipart("/api/v1/tickets/%s/attachments" % tid, {}, [("file", "暖气片.png", "image/png", image)],
                           headers={"Authorization": "Bearer " + agent})
    a = doc(r)
    t.ok(r.status == 201 and a.get("mime") == "image/png" and a.get("size") == len(image)
         and a.get("filename") == "暖气片.png", "multipart upload of a PNG: 201, image/png, its size and name", r.brief)
    r = call("GET", "/api/v1/tickets/%s/attachments/%s" % (tid, a.get("id")), agent)
    t.ok(r.status == 200 and r.raw == image and (r.header("Content-Type") or "").startswith("image/png"),
         "the download is identical, as image/png", r.brief)
    t.ok("filename*=UTF-8''%E6%9A%96" in (r.header("Content-Disposition") or ""),
         "Content-Disposition carries the Chinese name percent-encoded", r.header("Content-Disposition"))
    r = call("GET", "/api/v1/tickets/%s/attachments/%s" % (tid, a.get("id")), tech)
    t.ok(r.status == 200 and r.raw == image, "the technician of the work order downloads it too", r.brief)

    r = api.request("POST", "/api/v1/tickets/%s/attachments?filename=raw.png" % tid, body=image,
                    headers={"Authorization": "Bearer " + agent, "Content-Type": "image/png"})
    t.ok(r.status == 201 and doc(r).get("filename") == "raw.png" and doc(r).get("mime") == "image/png",
         "raw-body upload with ?filename=: 201", r.brief)
    r = call("GET", "/api/v1/tickets/%s" % tid, agent)
    t.eq(len(doc(r).get("attachments", [])), 2, "GET /tickets/{id} lists both attachments")

    fake = b"<html><body><script>alert(1)</script></body></html>"
    r = api.post_multipart("/api/v1/tickets/%s/attachments" % tid, {}, [("file", "photo.jpg", "image/jpeg", fake)],
                           headers={"Authorization": "Bearer " + agent})
    t.ok(r.status == 422 and [x.get("field") for x in err(r).get("errors", [])] == ["file"]
         and CJK.search(err(r).get("message", "")),
         "HTML named photo.jpg sent as image/jpeg: 422 on file, Chinese message", r.brief)
    r = api.post_multipart("/api/v1/tickets/%s/attachments" % tid, {"note": "x"}, [],
                           headers={"Authorization": "Bearer " + agent})
    t.eq(r.status, 422, "multipart without a file: 422")
    t.eq(sql_value("SELECT COUNT(*) FROM attachment WHERE ticket_id = %d" % tid), "2",
         "the refused uploads stored nothing")
    t.eq(call("GET", "/api/v1/tickets/%s/attachments/999999" % tid, agent).status, 404,
         "an unknown attachment id: 404")


def pop():
    agent = key_of("agent")
    r = call("GET", "/api/v1/pop?phone=" + urllib.parse.quote("+86 139 0011 " + DIGITS), agent)
    d = doc(r)
    people = d.get("residents", [])
    t.ok(r.status == 200 and d.get("phone") == MOBILE and [p.get("id") for p in people] == [S["resident"]],
         "GET /pop?phone=+86 ...: the resident, the number normalised", r.brief)
    p = people[0] if people else {}
    t.ok([(x.get("code"), x.get("label")) for x in p.get("tags", [])]
         == [("elderly_alone", "独居老人"), ("disabled", "残障人士")], "pop: the tags with their labels", p.get("tags"))
    t.ok((p.get("households") or [{}])[0].get("community") == "接口测试小区" + TAG, "pop: the household",
         p.get("households"))
    recent = [x.get("id") for x in p.get("recent_tickets", [])]
    t.ok(S["ticket"] in recent and S["ticket"] not in [x.get("id") for x in p.get("open_tickets", [])],
         "pop: the closed work order among the recent, not the open ones", p.get("recent_tickets"))
    sat = (p.get("last_satisfaction") or {}).get("ticket") or {}
    t.ok(sat.get("score") == 5 and sat.get("ticket_id") == S["ticket"], "pop: the last satisfaction score (5)", sat)
    t.ok((p.get("last_agent") or {}).get("name") == "测试座席甲", "pop: the agent who served them last",
         p.get("last_agent"))
    r = call("POST", "/api/v1/tickets", agent, {"type_id": S["consult"], "resident_id": S["resident"],
                                                "title": "还在处理的单"})
    open_id = doc(r).get("id")
    r = call("GET", "/api/v1/pop?phone=010-6234" + DIGITS, agent)
    people = doc(r).get("residents", [])
    t.ok(people and open_id in [x.get("id") for x in people[0].get("open_tickets", [])],
         "pop by the landline: the same resident, the new work order open", r.brief)
    sql("INSERT INTO `call` (direction, caller, resident_id, agent_id, started_at, answered_at, ended_at,"
        " disposition, rating) SELECT 'in', '%s', %d, id, UTC_TIMESTAMP() + INTERVAL 1 MINUTE,"
        " UTC_TIMESTAMP() + INTERVAL 1 MINUTE, UTC_TIMESTAMP() + INTERVAL 3 MINUTE, 'answered', 4"
        " FROM staff WHERE login = 't_agent2'" % (MOBILE, S["resident"]))
    r = call("GET", "/api/v1/pop?phone=" + MOBILE, agent)
    d = doc(r)
    p = (d.get("residents") or [{}])[0]
    t.ok([c.get("agent") for c in p.get("recent_calls", [])] == ["测试座席乙"]
         and [c.get("rating") for c in d.get("calls", [])] == [4],
         "pop: the call trail, by resident and by number", r.brief)
    t.ok((p.get("last_agent") or {}).get("name") == "测试座席乙" and p["last_agent"].get("via") == "call"
         and ((p.get("last_satisfaction") or {}).get("call") or {}).get("score") == 4,
         "pop: after a later call, its agent served them last, its rating is the last call score",
         lambda: (p.get("last_agent"), p.get("last_satisfaction")))
    r = call("GET", "/api/v1/pop?phone=13900449999", agent)
    t.ok(r.status == 200 and doc(r).get("residents") == [], "pop for an unknown number: no residents", r.brief)
    t.eq(call("GET", "/api/v1/pop?phone=12", agent).status, 400, "pop for a malformed number: 400")
    t.eq(call("GET", "/api/v1/pop?phone=" + MOBILE, key_of("tech")).status, 403,
         "pop with a technician key (neither ticket.create nor crm.view): 403")


def lists():
    agent = key_of("agent")
    r = call("GET", "/api/v1/tickets?status=closed&resident_id=%d" % S["resident"], agent)
    t.ok(r.status == 200 and [i.get("id") for i in doc(r).get("items", [])] == [S["ticket"]],
         "GET /tickets?status=closed&resident_id=: exactly the closed one", r.brief)
    r = call("GET", "/api/v1/tickets?status=new,dispatched&resident_id=%d" % S["resident"], agent)
    ids = [i.get("id") for i in doc(r).get("items", [])]
    t.ok(r.status == 200 and ids and S["ticket"] not in ids, "status=new,dispatched: the open one only", r.brief)
    r = call("GET", "/api/v1/tickets?community_id=%d" % S["community"], agent)
    t.ok([i.get("id") for i in doc(r).get("items", [])] == [S["ticket"]], "community_id: the one at the household",
         r.brief)
    sql("UPDATE ticket SET resolve_due_at = UTC_TIMESTAMP() - INTERVAL 1 HOUR WHERE id = %d" % S["other_ticket"])
    r = call("GET", "/api/v1/tickets?overdue=1&limit=200", agent)
    items = doc(r).get("items", [])
    t.ok(S["other_ticket"] in [i.get("id") for i in items] and S["ticket"] not in [i.get("id") for i in items]
         and all(i.get("overdue") == 1 for i in items), "overdue=1: the late open one, flagged; not the closed one",
         r.brief)
    r = call("GET", "/api/v1/tickets?limit=2", agent)
    first = doc(r).get("items", [])
    cur = doc(r).get("next_cursor")
    r = call("GET", "/api/v1/tickets?limit=2&cursor=" + urllib.parse.quote(cur or ""), agent)
    second = doc(r).get("items", [])
    t.ok(len(first) == 2 and cur and second and not set(i["id"] for i in first) & set(i["id"] for i in second)
         and second[0]["created_at"] <= first[-1]["created_at"],
         "limit=2 and next_cursor: the next, older page without repeats", r.brief)
    r = call("GET", "/api/v1/tickets?limit=200&created_from=2000-01-01&created_to=2000-01-02", agent)
    t.ok(r.status == 200 and doc(r).get("items") == [] and doc(r).get("next_cursor") is None,
         "created_from/created_to in the past: empty, no cursor", r.brief)
    for bad in ("status=bogus", "type_id=x", "created_from=yesterday", "cursor=abc", "limit=0", "offset=10001"):
        t.eq(call("GET", "/api/v1/tickets?" + bad, agent).status, 400, "GET /tickets?%s: 400" % bad)


def session():
    c = logged_in("t_agent")
    r = call("POST", "/api/v1/tickets", body={"type_id": S["consult"], "title": "会话"}, client=c)
    t.ok(r.status == 403 and err(r).get("code") == "csrf", "a browser session without the CSRF token: 403 csrf",
         r.brief)
    token = csrf_from(c.get("/dashboard").text)
    r = call("POST", "/api/v1/tickets", body={"type_id": S["consult"], "title": "会话"}, client=c,
             headers={"X-CSRF-Token": token or ""})
    t.eq(r.status, 201, "a browser session with the X-CSRF-Token header: 201")
    r = call("PATCH", "/api/v1/residents/%s" % S["resident"], body={"note": "x"}, client=c)
    t.eq(r.status, 403, "PATCH from a browser session without the token: 403")


t.section("setup", setup)
t.section("residents", residents)
t.section("work orders", tickets)
t.section("technician limits", technician)
t.section("attachments", attachments)
t.section("screen pop", pop)
t.section("lists", lists)
t.section("browser session", session)
t.done()
