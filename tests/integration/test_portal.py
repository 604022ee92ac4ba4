#!/usr/bin/python3
"""test_portal.py — the residents' side: the tracking page of the SMS link shows the work
order's public progress (no internal note, the technician by surname) and an unknown link is a
Chinese 404; a resident logs in with the SMS code read at the fake SMSC; wrong, expired and
too often tried codes are refused, codes are rate-limited per number and per address, and an
unknown number gets the same answer but no SMS; a report with photos becomes a work order on
the resident's household; another resident's work order and photo are 404 by any id; cancel
works before dispatch only; the rating after completion is taken once."""
import json
import os
import random
import re
import struct
import sys
import time
import zlib

sys.dont_write_bytecode = True  # no __pycache__ in the repository

from wl import (VAR, Client, Tap, csrf_from, key_of, sms_received, sql, sql_str, sql_value,
                visible_text, wait_for)

t = Tap("test_portal")
RUN = "%05d%02d" % (os.getpid() % 100000, int(time.time()) % 100)
NET = "127.0.%d" % random.randint(2, 250)   # this run's client addresses (per-address limits)
WAIT = 90
S = {}


def png(rgb=(242, 140, 40)):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes(rgb) * 8 for _ in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))






def code_for(phone, seen=0):
    """The code of the (seen+1)-th login SMS to phone, waiting for it."""
    def find():
        got = [m for m in sms_received() if m["to"] == phone and "验证码" in m["text"]]
        return got[seen] if len(got) > seen else None
    m = wait_for(find)
    if not m:
        raise RuntimeError("no code SMS reached the fake SMSC for %s" % phone)
    return re.search(r"验证码是(\d{6})", m["text"]).group(1)


def one(query):
    v = sql_value(query)
    if v is None:
        raise RuntimeError("no row: " + query[:100])
    return v


def api(method, path, body=None):
    h = {"Accept": "application/json", "Authorization": "Bearer " + key_of("admin")}
    data = None
    if body is not None:
        data, h["Content-Type"] = json.dumps(body).encode(), "application/json"
    return Client().request(method, path, body=data, headers=h)


def setup():
    code = "pt" + RUN
    sql("INSERT INTO community (code, name) VALUES (%s, %s)" % (sql_str(code), sql_str("暖心苑" + RUN)))
    cid = one("SELECT id FROM community WHERE code = %s" % sql_str(code))
    sql("INSERT INTO building (community_id, name) VALUES (%s, '3号楼')" % cid)
    bid = one("SELECT id FROM building WHERE community_id = %s" % cid)
    sql("INSERT INTO unit (building_id, name) VALUES (%s, '1单元')" % bid)
    uid = one("SELECT id FROM unit WHERE building_id = %s" % bid)
    for who, room in (("a", "101"), ("b", "202"), ("c", "303"), ("d", "404")):
        sql("INSERT INTO household (unit_id, room) VALUES (%s, '%s')" % (uid, room))
        hid = one("SELECT id FROM household WHERE unit_id = %s AND room = '%s'" % (uid, room))
        phone = "139%s%d" % (RUN, "abcd".index(who) + 1)
        sql("INSERT INTO resident (name) VALUES (%s)" % sql_str("住户%s%s" % (who.upper(), RUN)))
        rid = one("SELECT MAX(id) FROM resident")
        sql("INSERT INTO resident_phone (resident_id, phone, is_primary) VALUES (%s, '%s', 1)" % (rid, phone))
        sql("INSERT INTO resident_household (resident_id, household_id) VALUES (%s, %s)" % (rid, hid))
        S[who] = {"phone": phone, "resident": rid, "household": hid, "room": room}
    S["community"] = "暖心苑" + RUN
    S["tech"] = one("SELECT id FROM staff WHERE login = 't_tech'")
    S["eng"] = one("SELECT id FROM department WHERE code = 't_eng'")
    S["heating"] = one("SELECT id FROM ticket_type WHERE code = 'heating'")


def ask_code(c, phone):
    token = csrf_from(c.get("/portal/login").text)
    return c.post("/portal/login/code", {"_csrf": token or "", "phone": phone})


def enter_code(c, phone, code):
    token = csrf_from(c.get("/portal/login").text)
    return c.post("/portal/login", {"_csrf": token or "", "phone": phone, "code": code})


def login(who, ip_last):
    c = Client(source_ip="%s.%d" % (NET, ip_last))
    r = ask_code(c, S[who]["phone"])
    if r.status != 200:
        raise RuntimeError("code for %s: %s" % (who, r.brief()))
    r = enter_code(c, S[who]["phone"], code_for(S[who]["phone"]))
    if r.status != 303 or "wl_rsid" not in c.cookies:
        raise RuntimeError("login of %s: %s" % (who, r.brief()))
    return c, r


def login_checks():
    c = Client(source_ip=NET + ".10")
    r = c.get("/portal")
    t.ok(r.status == 303 and r.location == "/portal/login", "the portal asks for a login first", r.brief())
    r = ask_code(c, "12345")
    t.ok(r.status == 422 and "手机号" in visible_text(r.text), "a malformed number is refused in Chinese", r.brief())
    r = ask_code(c, S["a"]["phone"])
    t.ok(r.status == 200 and 'name="code"' in r.text, "asking for a code leads to the code form", r.brief())
    known = visible_text(r.text)
    code = code_for(S["a"]["phone"])
    t.ok(re.fullmatch(r"\d{6}", code), "the SMS with a 6-digit code reached the fake SMSC", code)
    stored = sql("SELECT code_mac FROM portal_otp WHERE phone = '%s'" % S["a"]["phone"])
    t.ok(stored and code not in stored[0][0], "the code is stored only as a hash", stored)
    wrong = "%06d" % ((int(code) + 1) % 1000000)
    r = enter_code(c, S["a"]["phone"], wrong)
    t.ok(r.status == 422 and "验证码不正确" in visible_text(r.text) and "wl_rsid" not in c.cookies,
         "a wrong code is refused", r.brief())
    r = ask_code(c, S["a"]["phone"])
    t.ok(r.status == 429 and "太频繁" in visible_text(r.text), "a second code within a minute is refused (429)", r.brief())
    r = enter_code(c, S["a"]["phone"], code)
    cookie = r.cookie("wl_rsid") or ""
    t.ok(r.status == 303 and r.location == "/portal" and "wl_rsid" in c.cookies, "the right code logs in", r.brief())
    t.ok("HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=" in cookie and "wl_sid" not in c.cookies,
         "the resident cookie is its own, HttpOnly, SameSite=Lax, with an expiry", cookie)
    r = c.get("/portal")
    t.ok(r.status == 200 and S["community"] in r.text and "101" in r.text, "the start page lists my household", r.brief())
    r = enter_code(Client(source_ip=NET + ".11"), S["a"]["phone"], code)
    t.ok(r.status == 422 and "wl_rsid" not in r.text, "a used code does not log in twice", r.brief())
    S["ca"] = c

    # An unknown number: the same answer, no SMS.
    unknown = "137%s9" % RUN
    c2 = Client(source_ip=NET + ".12")
    r = ask_code(c2, unknown)
    t.ok(r.status == 200 and visible_text(r.text).replace(unknown, "") == known.replace(S["a"]["phone"], ""),
         "an unknown number gets the same page as a known one", r.brief())
    t.eq(sql_value("SELECT COUNT(*) FROM outbox WHERE recipient = '%s'" % unknown), "0",
         "no SMS is queued for an unknown number")

    # Too many wrong tries (resident D).
    c3 = Client(source_ip=NET + ".13")
    ask_code(c3, S["d"]["phone"])
    good = code_for(S["d"]["phone"])
    bad = "%06d" % ((int(good) + 7) % 1000000)
    answers = [enter_code(c3, S["d"]["phone"], bad) for _ in range(5)]
    t.ok(all(a.status == 422 for a in answers) and "错误次数太多" in visible_text(answers[-1].text),
         "the fifth wrong code kills the code", answers[-1].brief())
    r = enter_code(c3, S["d"]["phone"], good)
    t.ok(r.status == 422 and "wl_rsid" not in c3.cookies, "after 5 wrong tries even the right code is refused", r.brief())

    # An expired code (resident C).
    c4 = Client(source_ip=NET + ".14")
    ask_code(c4, S["c"]["phone"])
    good = code_for(S["c"]["phone"])
    sql("UPDATE portal_otp SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE phone = '%s'" % S["c"]["phone"])
    r = enter_code(c4, S["c"]["phone"], good)
    t.ok(r.status == 422 and "已过期" in visible_text(r.text) and "wl_rsid" not in c4.cookies,
         "an expired code is refused", r.brief())

    # Per address: 20 codes an hour.
    c5 = Client(source_ip=NET + ".15")
    statuses = [ask_code(c5, "136%s%02d" % (RUN[:6], i)).status for i in range(21)]
    t.ok(statuses[:20] == [200] * 20 and statuses[20] == 429, "the 21st code from one address in an hour is refused", statuses)


def report_checks():
    c = S["ca"]
    r = c.get("/portal/report")
    t.ok(r.status == 200 and "暖气不热" in r.text and "漏水" in r.text, "the report page offers the common problems", r.brief())
    token = csrf_from(r.text)
    before = sql_value("SELECT COUNT(*) FROM ticket")
    r = c.post_multipart("/portal/report", {"_csrf": token, "household": S["b"]["household"],
                                             "problem": "%s:1" % S["heating"], "description": "x"})
    t.ok(r.status == 422 and "请选择要报修的房屋" in visible_text(r.text), "another resident's household is refused", r.brief())
    r = c.post_multipart("/portal/report", {"_csrf": token, "household": S["a"]["household"], "description": "x"})
    t.ok(r.status == 422 and "请选择遇到的问题" in visible_text(r.text), "a report without a problem is refused", r.brief())
    t.eq(sql_value("SELECT COUNT(*) FROM ticket"), before, "refused reports create nothing")
    r = c.post_multipart("/portal/report", {"household": S["a"]["household"], "description": "x"})
    t.ok(r.status == 403 and 'href="/portal"' in r.text and 'href="/login"' not in r.text,
         "a form without its CSRF token: 403, and the error page leads back to the portal,"
         " not to the staff login", r.brief())
    r = c.post_multipart("/portal/report", {"_csrf": token, "household": S["a"]["household"],
                                             "problem": "%s:1" % S["heating"], "description": "卧室暖气片冰凉" + RUN},
                         files=[("files", "a.png", "image/png", png()), ("files", "b.png", "image/png", png((1, 2, 3)))])
    m = re.match(r"/portal/tickets/(\d+)$", r.location or "")
    t.ok(r.status == 303 and m, "a report with two photos is accepted", r.brief())
    tid = int(m.group(1))
    row = sql("SELECT t.channel, t.household_id, t.resident_id, t.title, st.code, t.status FROM ticket t"
              " LEFT JOIN ticket_type st ON st.id = t.subtype_id WHERE t.id = %d" % tid)[0]
    t.eq(row, ["portal", str(S["a"]["household"]), str(S["a"]["resident"]), "暖气不热", "heating_cold", "new"],
         "the work order is on my household, channel portal, subtype 暖气不热")
    t.eq(sql_value("SELECT COUNT(*) FROM attachment WHERE ticket_id = %d AND mime = 'image/png'" % tid), "2",
         "both photos are attached")
    r = c.get("/portal/tickets/%d" % tid)
    t.ok(r.status == 200 and "已受理" in r.text and "卧室暖气片冰凉" in r.text, "my work order shows its progress", r.brief())
    S["tid"] = tid
    S["att"] = int(one("SELECT MIN(id) FROM attachment WHERE ticket_id = %d" % tid))
    r = c.get("/portal/tickets/%d/attachments/%d" % (tid, S["att"]))
    t.ok(r.status == 200 and r.header("Content-Type", ).startswith("image/png"), "my photo opens", r.brief())

    # A second report, cancelled before dispatch.
    r = c.post_multipart("/portal/report", {"_csrf": token, "household": S["a"]["household"],
                                             "problem": "%s:0" % S["heating"], "description": "其他问题" + RUN})
    tid2 = int(re.match(r"/portal/tickets/(\d+)$", r.location or "/portal/tickets/0").group(1))
    t.ok(tid2 > 0, "another problem with a description is accepted", r.brief())
    r = c.post("/portal/tickets/%d/cancel" % tid2, {"_csrf": token, "reason": ""})
    t.ok(r.status == 422 and "请填写取消原因" in visible_text(r.text), "cancelling needs a reason", r.brief())
    r = c.post("/portal/tickets/%d/cancel" % tid2, {"_csrf": token, "reason": "暖气已经好了"})
    t.ok(r.status == 303, "cancel before dispatch", r.brief())
    t.eq(sql_value("SELECT status FROM ticket WHERE id = %d" % tid2), "cancelled", "the work order is cancelled")
    t.has(c.get("/portal/tickets/%d" % tid2).text, "已取消", "its timeline says 已取消")


def isolation_checks():
    cb, _ = login("b", 20)
    tid, att = S["tid"], S["att"]
    r = cb.get("/portal/tickets/%d" % tid)
    t.eq(r.status, 404, "another resident's work order is 404")
    t.ok("没有找到" in visible_text(r.text), "the 404 speaks Chinese", r.brief())
    t.eq(cb.get("/portal/tickets/%d/attachments/%d" % (tid, att)).status, 404, "another resident's photo is 404")
    t.eq(cb.get("/portal/tickets/999999999/attachments/%d" % att).status, 404, "a guessed id is 404 too")
    token = csrf_from(cb.get("/portal").text)
    r = cb.post("/portal/tickets/%d/cancel" % tid, {"_csrf": token, "reason": "恶作剧"})
    t.eq(r.status, 404, "another resident cannot cancel my work order")
    t.eq(sql_value("SELECT status FROM ticket WHERE id = %d" % tid), "new", "it stays new")
    t.ok(sql_value("SELECT number FROM ticket WHERE id = %d" % tid) not in cb.get("/portal").text,
         "my work order is not in another resident's list")
    r = cb.post("/portal/logout", {"_csrf": token})
    t.ok(r.status == 303 and cb.get("/portal").status == 303, "after logging out the portal asks for a login", r.brief())


def tracking_checks():
    tid = S["tid"]
    token = one("SELECT token FROM ticket_track WHERE ticket_id = %d" % tid)
    number = one("SELECT number FROM ticket WHERE id = %d" % tid)
    anon = Client(source_ip=NET + ".30")
    r = api("POST", "/api/v1/tickets/%d/comments" % tid, {"body": "内部备注" + RUN, "public": False})
    t.ok(r.status in (200, 201), "an internal note is added", r.brief())
    r = api("POST", "/api/v1/tickets/%d/transitions" % tid, {"to": "dispatched", "department_id": int(S["eng"]),
                                                              "assignee_id": int(S["tech"])})
    t.ok(r.status in (200, 201), "dispatched to the technician", r.brief())
    c = S["ca"]
    token_a = csrf_from(c.get("/portal").text)
    r = c.post("/portal/tickets/%d/cancel" % tid, {"_csrf": token_a, "reason": "不修了"})
    t.ok(r.status == 409 and "不能在线取消" in visible_text(r.text), "after dispatch cancelling is refused", r.brief())
    t.eq(sql_value("SELECT status FROM ticket WHERE id = %d" % tid), "dispatched", "it stays dispatched")
    for step in ("accepted", "en_route", "on_site"):
        api("POST", "/api/v1/tickets/%d/transitions" % tid, {"to": step})
    r = anon.get("/t/" + token)
    text = visible_text(r.text)
    t.ok(r.status == 200 and number in text, "the tracking page opens without a login", r.brief())
    for want in ("已受理", "已派工给测师傅", "测师傅已出发", "测师傅已到场", S["community"]):
        t.has(text, want, "the tracking page shows " + want, r)
    t.ok("内部备注" not in text and "测试维修员" not in text and S["a"]["phone"] not in text and "住户A" not in text,
         "no internal note, no full name, no resident's name or phone", text[:400])
    t.ok('name="stars"' not in r.text, "no rating before completion")
    t.eq(anon.get("/t/" + "0" * 24).status, 404, "an unknown token is 404")
    r = anon.get("/t/not-a-token")
    t.ok(r.status == 404 and "没有找到这张工单" in visible_text(r.text), "a malformed token gets the Chinese 404", r.brief())

    api("POST", "/api/v1/tickets/%d/transitions" % tid, {"to": "resolved", "note": "换了阀门"})
    r = anon.get("/t/" + token)
    t.ok("已完成" in visible_text(r.text) and 'name="stars"' in r.text, "after completion the page offers the rating", r.brief())
    csrf, track = csrf_from(r.text), re.search(r'name="_track" value="([^"]+)"', r.text).group(1)
    r = anon.post("/t/%s/rate" % token, {"_csrf": csrf, "_track": "x" * 43, "stars": "5"})
    t.eq(r.status, 403, "a rating without the page's token is refused")
    r = anon.post("/t/%s/rate" % token, {"_csrf": csrf, "_track": track, "stars": "9"})
    t.ok(r.status == 422 and "1 到 5 星" in visible_text(r.text), "9 stars is refused in Chinese", r.brief())
    t.eq(sql_value("SELECT COALESCE(satisfaction, 0) FROM ticket WHERE id = %d" % tid), "0", "nothing recorded")
    r = anon.post("/t/%s/rate" % token, {"_csrf": csrf, "_track": track, "stars": "5", "comment": "师傅很专业"})
    t.eq(r.status, 303, "the rating is accepted")
    t.eq(sql("SELECT status, satisfaction, visit_comment FROM ticket WHERE id = %d" % tid)[0],
         ["closed", "5", "师傅很专业"], "the work order is closed with the score and comment")
    r = anon.post("/t/%s/rate" % token, {"_csrf": csrf, "_track": track, "stars": "1"})
    t.ok(r.status == 409 and "已经评价过" in visible_text(r.text), "a second rating is refused", r.brief())
    t.eq(sql_value("SELECT satisfaction FROM ticket WHERE id = %d" % tid), "5", "the first score stays")


def portal_rate_checks():
    """Rating from the portal itself, on a work order completed by the technician."""
    c = S["ca"]
    token = csrf_from(c.get("/portal/report").text)
    r = c.post_multipart("/portal/report", {"_csrf": token, "household": S["a"]["household"],
                                             "problem": "%s:2" % S["heating"], "description": ""})
    tid = int(re.match(r"/portal/tickets/(\d+)$", r.location or "/portal/tickets/0").group(1))
    r = c.post("/portal/tickets/%d/rate" % tid, {"_csrf": token, "stars": "4"})
    t.ok(r.status == 409 and "完成后才能评价" in visible_text(r.text), "no rating before completion", r.brief())
    api("POST", "/api/v1/tickets/%d/transitions" % tid, {"to": "dispatched", "department_id": int(S["eng"]),
                                                         "assignee_id": int(S["tech"])})
    for step in ("accepted", "on_site", "resolved"):
        api("POST", "/api/v1/tickets/%d/transitions" % tid, {"to": step, "note": "好了"})
    r = c.post("/portal/tickets/%d/rate" % tid, {"_csrf": token, "stars": "4"})
    t.eq(r.status, 303, "the resident rates in the portal after completion")
    t.eq(sql_value("SELECT satisfaction FROM ticket WHERE id = %d" % tid), "4", "the score is recorded")


def main():
    t.section("setup", setup)
    t.section("login", login_checks)
    if "ca" in S:
        t.section("report", report_checks)
    if "tid" in S:
        t.section("isolation", isolation_checks)
        t.section("tracking", tracking_checks)
        t.section("portal rating", portal_rate_checks)
    t.done()


main()
