#!/usr/bin/python3
"""test_channels.py — SMS and e-mail end to end through the real Kannel (bearerbox, smsbox),
Kannel's fake SMSC and the SMTP sink of the test stack, with ivrd as the sender:
a new work order and its dispatch / departure reach the resident as the right Chinese SMS
(a long one in two parts) and the delivery reports mark them delivered; the e-mail arrives
with a correctly encoded UTF-8 subject; inbound BX creates a work order on the resident's
household, CX answers its status, TD stops non-essential messages, an unknown number gets
the helpful reply, a repeated Kannel id is handled once; bearerbox restarted while
messages wait in its store delivers each exactly once; the hooks refuse callers other
than Kannel and bad input with clear errors and change nothing.  Waits for events with
generous timeouts; never asserts on durations."""
import email
import email.header
import email.policy
import glob
import json
import os
import subprocess
import sys
import urllib.parse

sys.dont_write_bytecode = True

from wl import Client, ROOT, Tap, VAR, key_of, sms_received, sql, sql_value, wait_for

t = Tap("test_channels")
api = Client()
TAG = os.urandom(3).hex()
DIGITS = "%04d" % (int(TAG, 16) % 10000)
MOBILE = "1390077" + DIGITS
STRANGER = "1370077" + DIGITS
MAIL = "zhang.%s@example.com" % TAG
SMS_DIR = os.path.join(VAR, "sms")
MAIL_DIR = os.path.join(VAR, "mail", "new")
S = {}
WAIT = 90  # seconds: generous, never a measurement


def conf(key, default=""):
    return os.environ.get(key, default)


COMPANY = conf("WL_COMPANY", "暖线物业服务中心")
NUMBER = conf("WL_SMS_NUMBER", "10690000")


def call(method, path, key=None, body=None, client=None):
    h = {"Accept": "application/json"}
    if key:
        h["Authorization"] = "Bearer " + key
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    return (client or api).request(method, path, body=data, headers=h)


def doc(r):
    try:
        return r.json()
    except ValueError:
        return {}




def sms_to(phone, needle):
    return [m for m in sms_received() if m["to"] == phone and needle in m["text"]]


def inject(sender, text):
    """An inbound SMS through the fake SMSC (its stdin FIFO)."""
    with open(os.path.join(SMS_DIR, "fakesmsc.in"), "w", encoding="utf-8") as f:
        f.write("%s %s text %s\n" % (sender, NUMBER, text))


def outbox(where):
    return sql("SELECT id, status, dlr_status, segments, body, attempts, last_error, channel"
               " FROM outbox WHERE %s ORDER BY id" % where)


def hook_key():
    with open(os.path.join(VAR, "secret", "kannel.key")) as f:
        return f.read().strip()


def setup():
    sql("INSERT INTO community (code, name) VALUES ('ch%s', '消息测试小区%s');"
        "INSERT INTO building (community_id, name) SELECT id, '5号楼' FROM community WHERE code = 'ch%s';"
        "INSERT INTO unit (building_id, name) SELECT b.id, '1单元' FROM building b JOIN community c"
        " ON c.id = b.community_id WHERE c.code = 'ch%s';"
        "INSERT INTO household (unit_id, room, floor) SELECT u.id, '0801', 8 FROM unit u"
        " JOIN building b ON b.id = u.building_id JOIN community c ON c.id = b.community_id"
        " WHERE c.code = 'ch%s';"
        "INSERT INTO resident (name, email) VALUES ('张三%s', '%s');"
        % (TAG, TAG, TAG, TAG, TAG, TAG, MAIL))
    S["household"] = int(sql_value("SELECT h.id FROM household h JOIN unit u ON u.id = h.unit_id"
                                   " JOIN building b ON b.id = u.building_id JOIN community c"
                                   " ON c.id = b.community_id WHERE c.code = 'ch%s'" % TAG))
    S["resident"] = int(sql_value("SELECT id FROM resident WHERE name = '张三%s'" % TAG))
    sql("INSERT INTO resident_phone (resident_id, phone, kind, is_primary) VALUES (%d, '%s', 'mobile', 1);"
        "INSERT INTO resident_household (resident_id, household_id) VALUES (%d, %d)"
        % (S["resident"], MOBILE, S["resident"], S["household"]))
    S["heating"] = int(sql_value("SELECT id FROM ticket_type WHERE code = 'heating'"))
    S["tech"] = int(sql_value("SELECT id FROM staff WHERE login = 't_tech'"))
    S["eng"] = int(sql_value("SELECT id FROM department WHERE code = 't_eng'"))
    S["agent"] = key_of("agent")
    t.ok(wait_for(lambda: open(os.path.join(SMS_DIR, "state")).read().strip() == "connected"),
         "the fake SMSC is connected to bearerbox")


def new_ticket(description):
    r = call("POST", "/api/v1/tickets", S["agent"], {
        "type_id": S["heating"], "resident_id": S["resident"], "household_id": S["household"],
        "description": description, "contact_phone": MOBILE})
    d = doc(r)
    return r.status, d.get("id"), d.get("number")


def notices():
    status, tid, number = new_ticket("客厅暖气不热" + TAG)
    t.eq(status, 201, "a work order for a resident with a mobile and an e-mail address")
    S["ticket"], S["number"] = tid, number
    rows = outbox("ticket_id = %d AND event = 'created'" % tid)
    t.eq(sorted(r[7] for r in rows), ["email", "sms"],
         "the core queued an SMS and an e-mail in the work order's transaction")
    token = sql_value("SELECT token FROM ticket_track WHERE ticket_id = %d" % tid)
    want = ("【%s】您的供暖报修已受理，工单号%s。我们会尽快安排师傅，进度可查：%s/t/%s 回复CX查询进度。"
            % (COMPANY, number, conf("WL_PUBLIC_URL"), token))
    got = wait_for(lambda: sms_to(MOBILE, number))
    t.ok(got and got[0]["text"] == want, "the fake SMSC received the 受理 SMS in Chinese, exactly",
         lambda: "got %r, want %r" % (got, want))
    sms = [r for r in outbox("ticket_id = %d AND event = 'created'" % tid) if r[7] == "sms"][0]
    t.ok(got and got[0]["parts"] == int(sms[3]) == 2,
         "the long SMS went as the 2 parts the outbox counted (67 UCS-2 characters a part)",
         lambda: "received %s parts, outbox says %s" % (got and got[0]["parts"], sms[3]))
    row = wait_for(lambda: [r for r in outbox("id = %s AND status = 'delivered'" % sms[0])])
    t.ok(row and row[0][2] == "1", "its delivery report marked it delivered (DLR type 1)",
         lambda: outbox("id = %s" % sms[0]))

    # dispatch with an appointment, accept, depart
    r = call("POST", "/api/v1/tickets/%s" % tid, S["agent"])
    r = call("POST", "/api/v1/tickets/%s/transitions" % tid, S["agent"],
             {"to": "dispatched", "department_id": S["eng"], "assignee_id": S["tech"]})
    t.ok(r.status in (200, 201), "dispatched to the technician", r.brief)
    got = wait_for(lambda: sms_to(MOBILE, "已派工"))
    t.ok(got and got[0]["text"].startswith("【%s】工单%s已派工给测试维修员师傅，" % (COMPANY, number)),
         "the resident is told the technician's name", lambda: got)
    for step in ("accepted", "en_route"):
        r = call("POST", "/api/v1/tickets/%s/transitions" % tid, S["agent"], {"to": step})
        t.ok(r.status in (200, 201), "transition to %s" % step, r.brief)
    got = wait_for(lambda: sms_to(MOBILE, "已出发"))
    t.eq(got and got[0]["text"],
         "【%s】测试维修员师傅已出发前往您家处理工单%s，请保持电话畅通。" % (COMPANY, number),
         "the en-route SMS")
    t.eq(len(sms_to(MOBILE, "已派工")), 1, "accepting after the dispatch sent no second 派工 SMS")


def mail():
    number = S["number"]

    def find():
        for path in glob.glob(os.path.join(MAIL_DIR, "*")):
            with open(path, "rb") as f:
                raw = f.read()
            if ("To: %s" % MAIL).encode() in raw:
                return raw
        return None
    raw = wait_for(find)
    t.ok(raw, "an e-mail reached the SMTP sink")
    if not raw:
        return
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    t.ok(msg["Subject"] == "工单%s已受理：%s" % (number, "暖气不热") or
         msg["Subject"].startswith("工单%s已受理" % number),
         "the subject decodes to the Chinese text", msg["Subject"])
    t.ok(b"Subject: =?UTF-8?B?" in raw, "the subject is RFC 2047 encoded UTF-8")
    t.ok("暖线" in str(email.header.make_header(email.header.decode_header(
        email.message_from_bytes(raw)["From"]))), "the sender's display name is encoded and decodes")
    t.has(msg.get_content(), "工单号%s" % number, "the body (UTF-8) names the work order")
    row = wait_for(lambda: sql("SELECT status, external_id FROM outbox WHERE ticket_id = %s AND"
                               " channel = 'email' AND status = 'sent'" % S["ticket"]))
    t.ok(row and row[0][1] == msg["Message-ID"], "the outbox row is sent, with the Message-ID",
         lambda: (row, msg["Message-ID"]))
    t.eq(len([p for p in glob.glob(os.path.join(MAIL_DIR, "*"))
              if ("To: %s" % MAIL).encode() in open(p, "rb").read()]), 1, "the e-mail arrived once")


def inbound():
    before = int(sql_value("SELECT COUNT(*) FROM ticket WHERE resident_id = %d" % S["resident"]))
    inject(MOBILE, "BX 卫生间暖气片漏水" + TAG)
    row = wait_for(lambda: sql("SELECT id, number, channel, household_id, contact_phone FROM ticket"
                               " WHERE description = '卫生间暖气片漏水%s'" % TAG))
    t.ok(row and row[0][2] == "sms" and int(row[0][3]) == S["household"] and row[0][4] == MOBILE,
         "BX created a work order on the resident's household, channel sms", row)
    if row:
        S["bx_number"] = row[0][1]
        got = wait_for(lambda: sms_to(MOBILE, row[0][1]))
        t.ok(got and "已受理" in got[0]["text"], "the resident got the 受理 SMS with the new number", got)
        t.eq(sql_value("SELECT action FROM sms_inbound WHERE ticket_id = %s" % row[0][0]), "report",
             "the inbound SMS is recorded as a report")
    t.eq(int(sql_value("SELECT COUNT(*) FROM ticket WHERE resident_id = %d" % S["resident"])), before + 1,
         "exactly one work order")

    inject(MOBILE, "cx")
    got = wait_for(lambda: sms_to(MOBILE, "您最近的工单"))
    title = sql_value("SELECT title FROM ticket WHERE number = '%s'" % S.get("bx_number"))
    t.ok(got and got[0]["text"] == "【%s】您最近的工单%s（%s）当前状态：已受理。"
         % (COMPANY, S.get("bx_number"), title), "CX answers the latest work order's status", got)

    inject(STRANGER, "暖气不热怎么办")
    got = wait_for(lambda: sms_to(STRANGER, "未查到"))
    t.ok(got and "BX+问题描述" in got[0]["text"], "an unknown number gets the helpful reply", got)
    t.eq(sql_value("SELECT action FROM sms_inbound WHERE sender = '%s'" % STRANGER), "unknown",
         "recorded as from an unknown number")

    inject(MOBILE, "请问什么时候来修")
    row = wait_for(lambda: sql("SELECT action, resident_id FROM sms_inbound WHERE body = '请问什么时候来修'"
                               " AND sender = '%s'" % MOBILE))
    t.ok(row and row[0] == ["agent", str(S["resident"])], "other text waits for an agent", row)

    inject(MOBILE, "TD")
    got = wait_for(lambda: sms_to(MOBILE, "退订"))
    t.ok(got, "TD is confirmed")
    t.ok(wait_for(lambda: sql_value("SELECT COUNT(*) FROM resident_optout WHERE resident_id = %d"
                                    % S["resident"]) == "1"), "the resident opted out")
    # completing is non-essential (the rating request): cancelled, never sent
    tid = S["ticket"]
    for step in ("on_site", "resolved"):
        call("POST", "/api/v1/tickets/%s/transitions" % tid, S["agent"], {"to": step, "note": "已修好"})
    rows = outbox("ticket_id = %s AND event = 'completed'" % tid)
    t.ok(rows and all(r[1] == "cancelled" and r[5] == "0" for r in rows),
         "after TD the non-essential 完成 notice is cancelled, never sent", rows)


def hooks():
    key = hook_key()
    count = lambda: sql_value("SELECT COUNT(*) FROM sms_inbound")  # noqa: E731
    n = count()
    q = lambda **kw: "/hook/kannel/mo?" + urllib.parse.urlencode(kw)  # noqa: E731
    r = api.get(q(k=key, id="b5a1c0de-0000-4000-8000-%s" % (TAG * 2), **{"from": MOBILE}, to=NUMBER,
                  text="暖气有异响"))
    t.eq(r.status, 200, "the MO hook answers Kannel")
    t.eq(r.raw, b"", "with an empty body (Kannel must not text anything back itself)")
    r = api.get(q(k=key, id="b5a1c0de-0000-4000-8000-%s" % (TAG * 2), **{"from": MOBILE}, to=NUMBER,
                  text="暖气有异响"))
    t.eq(int(count()), int(n) + 1, "the same Kannel id twice is handled once")
    n = count()
    r = api.get(q(id="x1", **{"from": MOBILE}, text="BX"))
    t.ok(r.status == 403 and "Kannel" in doc(r).get("error", {}).get("message", ""),
         "without the secret: 403 saying who may call", r.brief)
    r = api.get(q(k="wrong", id="x1", **{"from": MOBILE}, text="BX"))
    t.eq(r.status, 403, "a wrong secret: 403")
    other = Client(source_ip="127.0.0.2")
    r = other.get(q(k=key, id="a1", **{"from": MOBILE}, text="BX"))
    t.eq(r.status, 403, "the right secret from another address: 403")
    r = api.get(q(k=key, id="not an id!", **{"from": MOBILE}, text="BX"))
    t.ok(r.status == 400 and "id" in doc(r).get("error", {}).get("message", ""), "a malformed id: 400", r.brief)
    r = api.get(q(k=key, id="a2", **{"from": "12345"}, text="BX"))
    t.ok(r.status == 400 and "手机" in doc(r).get("error", {}).get("message", ""),
         "a sender that is no mobile number: 400 in Chinese", r.brief)
    r = api.get(q(k=key, id="a3", **{"from": MOBILE}))
    t.eq(r.status, 400, "no text: 400")
    t.eq(count(), n, "refused MO calls changed nothing")
    r = api.get("/hook/kannel/dlr?" + urllib.parse.urlencode({"k": key, "id": "999999999", "type": "1"}))
    t.eq(r.status, 404, "a report for no such message: 404")
    r = api.get("/hook/kannel/dlr?" + urllib.parse.urlencode({"k": key, "id": "1", "type": "x"}))
    t.eq(r.status, 400, "a report without a valid type: 400")
    st = sql_value("SELECT CONCAT(status, dlr_count) FROM outbox ORDER BY id LIMIT 1")
    r = api.get("/hook/kannel/dlr?" + urllib.parse.urlencode({"id": "1", "type": "2"}))
    t.eq(r.status, 403, "a report without the secret: 403")
    t.eq(sql_value("SELECT CONCAT(status, dlr_count) FROM outbox ORDER BY id LIMIT 1"), st,
         "and the message is unchanged")


def restart():
    """bearerbox restarted while messages wait in its store: each arrives exactly once."""
    pause = os.path.join(SMS_DIR, "pause")
    open(pause, "w").close()
    try:
        t.ok(wait_for(lambda: open(os.path.join(SMS_DIR, "state")).read().strip() == "paused"),
             "the fake SMSC is disconnected")
        ids = []
        for i in range(3):
            status, tid, number = new_ticket("重启测试%s-%d" % (TAG, i))
            ids.append((tid, number))
        where = "ticket_id IN (%s) AND channel = 'sms'" % ",".join(str(i) for i, _ in ids)
        rows = wait_for(lambda: (lambda rs: rs if rs and all(r[1] == "sent" for r in rs) else None)(outbox(where)))
        t.ok(rows and len(rows) == 3, "Kannel accepted the 3 messages (queued in its store)", lambda: outbox(where))
        p = subprocess.run([os.path.join(ROOT, "tools/wl"), "sms-restart"], capture_output=True, text=True,
                           timeout=120, env=dict(os.environ))
        t.eq(p.returncode, 0, "tools/wl sms-restart (bearerbox and smsbox stopped and started)")
    finally:
        os.unlink(pause)
    rows = wait_for(lambda: (lambda rs: rs if rs and all(r[1] == "delivered" for r in rs) else None)(outbox(where)))
    t.ok(rows and len(rows) == 3, "after the restart all 3 are delivered (DLR)", lambda: outbox(where))
    for tid, number in ids:
        # The DLR can overtake fakesmsc's printout of the message: wait for it to be recorded.
        got = wait_for(lambda: sms_to(MOBILE, number))
        t.eq(len(got or []), 1, "work order %s: its SMS arrived exactly once" % number)


t.section("setup", setup)
t.section("notices", notices)
t.section("e-mail", mail)
t.section("inbound", inbound)
t.section("hooks", hooks)
t.section("restart", restart)
t.done()
