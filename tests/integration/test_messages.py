#!/usr/bin/python3
"""test_messages.py — what staff send, end to end through the real Kannel, fake SMSC and
SMTP sink: a work order's notification SMS is listed on its page and turns 已送达 after the
delivery report; the message log's filters; an agent's SMS to one resident reaches the
fake SMSC with exactly the text, once even when the form is posted twice; a bulk SMS to a
building previews the residents minus the opted-out, delivers one per recipient and a
second confirmation sends nothing; an e-mail from a work order arrives with its UTF-8
subject; GET/POST /api/v1/messages with their validation errors; an account without
message.send is refused; 站内短信 with the header's unread counter, readable only by its
sender and recipient.  Waits with generous timeouts; never asserts on durations."""
import email
import email.policy
import glob
import json
import os
import re
import subprocess
import sys
import time

sys.dont_write_bytecode = True

from wl import (BUILD, PASSWORD, VAR, Client, Tap, csrf_from, key_of, logged_in, sms_received,
                sql, sql_value, visible_text, wait_for)

t = Tap("test_messages")
api = Client()
TAG = os.urandom(3).hex()
DIGITS = "%04d" % (int(TAG, 16) % 10000)
SMS_DIR = os.path.join(VAR, "sms")
MAIL_DIR = os.path.join(VAR, "mail", "new")
MAIL = "li.%s@example.com" % TAG
S = {}
WAIT = 90  # seconds: generous, never a measurement


def mobile(n):
    return "13%d0088%s" % (n, DIGITS)


def call(method, path, key=None, body=None):
    h = {"Accept": "application/json"}
    if key:
        h["Authorization"] = "Bearer " + key
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    return api.request(method, path, body=data, headers=h)


def doc(r):
    try:
        return r.json()
    except ValueError:
        return {}






def sms_to(phone, needle):
    return [m for m in sms_received() if m["to"] == phone and needle in m["text"]]


def form_token(html):
    m = re.search(r'name="token" value="([^"]+)"', html)
    return m.group(1) if m else None


def unread(html):
    m = re.search(r'id="unread-count" data-unread="(\d+)"', html)
    return int(m.group(1)) if m else None


def setup():
    sql("INSERT INTO community (code, name) VALUES ('ms%s', '消息小区%s');"
        "INSERT INTO building (community_id, name) SELECT id, '1号楼' FROM community WHERE code = 'ms%s';"
        "INSERT INTO building (community_id, name) SELECT id, '2号楼' FROM community WHERE code = 'ms%s';"
        "INSERT INTO unit (building_id, name) SELECT b.id, '1单元' FROM building b JOIN community c"
        " ON c.id = b.community_id WHERE c.code = 'ms%s';"
        % (TAG, TAG, TAG, TAG, TAG))
    S["b1"] = int(sql_value("SELECT b.id FROM building b JOIN community c ON c.id = b.community_id"
                            " WHERE c.code = 'ms%s' AND b.name = '1号楼'" % TAG))
    S["b2"] = int(sql_value("SELECT b.id FROM building b JOIN community c ON c.id = b.community_id"
                            " WHERE c.code = 'ms%s' AND b.name = '2号楼'" % TAG))
    # building 1: residents 1-4 (1 has an e-mail; 3 opted out; 4 has only a landline),
    # building 2: resident 5
    people = [(1, S["b1"], mobile(1)), (2, S["b1"], mobile(2)), (3, S["b1"], mobile(3)),
              (4, S["b1"], None), (5, S["b2"], mobile(5))]
    for n, building, phone in people:
        sql("INSERT INTO household (unit_id, room, floor) SELECT id, '%d01', %d FROM unit"
            " WHERE building_id = %d;"
            "INSERT INTO resident (name, email) VALUES ('住户%d_%s', %s);"
            % (n, n, building, n, TAG, "'%s'" % MAIL if n == 1 else "NULL"))
        rid = int(sql_value("SELECT id FROM resident WHERE name = '住户%d_%s'" % (n, TAG)))
        S["r%d" % n] = rid
        sql("INSERT INTO resident_household (resident_id, household_id) SELECT %d, h.id"
            " FROM household h JOIN unit u ON u.id = h.unit_id WHERE u.building_id = %d"
            " AND h.room = '%d01'" % (rid, building, n))
        if phone:
            sql("INSERT INTO resident_phone (resident_id, phone, kind, is_primary)"
                " VALUES (%d, '%s', 'mobile', 1)" % (rid, phone))
        else:
            sql("INSERT INTO resident_phone (resident_id, phone, kind, is_primary)"
                " VALUES (%d, '0106%s123', 'landline', 1)" % (rid, DIGITS))
    sql("INSERT INTO resident_optout (resident_id, via) VALUES (%d, 'staff')" % S["r3"])
    S["household1"] = int(sql_value("SELECT household_id FROM resident_household WHERE resident_id = %d"
                                    % S["r1"]))
    S["heating"] = int(sql_value("SELECT id FROM ticket_type WHERE code = 'heating'"))
    S["agent_key"] = key_of("agent")
    S["agent"] = logged_in("t_agent")
    t.ok(wait_for(lambda: open(os.path.join(SMS_DIR, "state")).read().strip() == "connected"),
         "the fake SMSC is connected to bearerbox")


def ticket_messages():
    r = call("POST", "/api/v1/tickets", S["agent_key"], {
        "type_id": S["heating"], "resident_id": S["r1"], "household_id": S["household1"],
        "description": "暖气片不热" + TAG, "contact_phone": mobile(1)})
    t.eq(r.status, 201, "a work order for resident 1")
    S["ticket"], S["number"] = doc(r).get("id"), doc(r).get("number")
    sms = wait_for(lambda: sql("SELECT id, body FROM outbox WHERE ticket_id = %s AND channel = 'sms'"
                               % S["ticket"]))
    t.ok(sms, "the status change queued its SMS")
    if not sms:
        return
    S["ticket_sms"] = sms[0][0]
    row = wait_for(lambda: sql("SELECT status FROM outbox WHERE id = %s AND status = 'delivered'"
                               % sms[0][0]))
    t.ok(row, "the delivery report marked the SMS delivered")
    page = S["agent"].get("/tickets/%s" % S["ticket"])
    t.eq(page.status, 200, "the work-order page opens")
    m = re.search(r'<section class="card" id="messages">(.*?)</section>', page.text, re.S)
    section = m.group(1) if m else ""
    t.ok('<tr data-id="%s">' % sms[0][0] in section, "the work order lists its SMS",
         lambda: section[:300])
    row_html = re.search(r'<tr data-id="%s">(.*?)</tr>' % sms[0][0], section, re.S)
    text = visible_text(row_html.group(1)) if row_html else ""
    t.ok("已送达" in text and mobile(1) in text and "短信" in text and S["number"] in text,
         "…with channel, recipient, text and the status 已送达 after the DLR", text)
    t.has(section, "邮件", "…and the e-mail the same change queued")


def log_filters():
    c = S["agent"]
    r = c.get("/messages?ticket=%s&channel=sms" % S["ticket"])
    ids = re.findall(r'<tr data-id="(\d+)">', r.text)
    t.eq(ids, [S.get("ticket_sms")], "log: the work order's SMS only (channel sms)")
    r = c.get("/messages?ticket=%s&channel=email" % S["ticket"])
    ids = re.findall(r'<tr data-id="(\d+)">', r.text)
    want = [x[0] for x in sql("SELECT id FROM outbox WHERE ticket_id = %s AND channel = 'email'"
                              % S["ticket"])]
    t.ok(ids == want and S.get("ticket_sms") not in ids, "log: channel email shows the e-mail only",
         (ids, want))
    r = c.get("/messages?resident=%d&status=delivered" % S["r1"])
    ids = re.findall(r'<tr data-id="(\d+)">', r.text)
    t.ok(S.get("ticket_sms") in ids and all(
        sql_value("SELECT status FROM outbox WHERE id = %s" % i) == "delivered" for i in ids),
        "log: resident and status 已送达 filter", ids)
    r = c.get("/messages?resident=%d&status=failed" % S["r1"])
    t.eq(re.findall(r'<tr data-id="(\d+)">', r.text), [], "log: no failed messages for the resident")
    r = c.get("/messages?resident=%d&from=2000-01-01&to=2000-01-31" % S["r1"])
    t.ok(r.status == 200 and "暂无数据" in r.text, "log: a date range without messages is empty")
    r = c.get("/messages?status=lost&from=yesterday")
    t.ok(r.status == 422 and "has-error" in r.text, "log: a bad status or date is shown as an error",
         r.brief)


def single_sms():
    c = S["agent"]
    page = c.get("/messages/new?resident=%d&ticket=%s" % (S["r1"], S["ticket"]))
    t.eq(page.status, 200, "the SMS form opens from the work order")
    t.ok('data-sms-count' in page.text and "/static/js/sms.js" in page.text,
         "the form counts characters and parts as the agent types")
    text = "您好，维修师傅明天上午九点上门，请家中留人。%s" % TAG
    fields = {"_csrf": csrf_from(page.text), "channel": "sms", "resident": str(S["r1"]),
              "ticket": str(S["ticket"]), "token": form_token(page.text), "mobile": mobile(1),
              "text": ""}
    before = sql_value("SELECT COUNT(*) FROM outbox")
    r = c.post("/messages", fields)
    t.ok(r.status == 422 and "请填写内容" in r.text, "an empty text is refused in Chinese", r.brief)
    long_text = "暖" * 700
    r = c.post("/messages", dict(fields, text=long_text))
    t.ok(r.status == 422 and "短信太长" in r.text, "an 11-part text is refused", r.brief)
    t.eq(sql_value("SELECT COUNT(*) FROM outbox"), before, "…and nothing was queued")
    r = c.post("/messages", dict(fields, text=text))
    t.ok(r.status == 303 and r.location.startswith("/tickets/%s" % S["ticket"]),
         "sending goes back to the work order", r.brief)
    got = wait_for(lambda: sms_to(mobile(1), TAG))
    t.ok(got and got[0]["text"] == text, "the fake SMSC received exactly the text",
         lambda: got)
    r = c.post("/messages", dict(fields, text=text))
    t.eq(r.status, 303, "the same form posted again")
    page = c.get(r.location)
    t.has(page.text, "没有重复发送", "…says it was not sent twice")
    time.sleep(3)
    t.eq(len(sms_to(mobile(1), TAG)), 1, "the resident got the SMS once")
    row = sql("SELECT created_by, event, ticket_id FROM outbox WHERE body = '%s'" % text)
    t.ok(len(row) == 1 and row[0][1] == "manual" and row[0][2] == str(S["ticket"]),
         "one outbox row, by hand, on the work order", row)


def bulk():
    c = S["agent"]
    page = c.get("/messages/bulk")
    t.eq(page.status, 200, "the bulk form opens")
    text = "【通知】1号楼明日9:00-12:00停水检修，请提前储水。%s" % TAG
    tok = csrf_from(page.text)
    r = c.post("/messages/bulk", {"_csrf": tok, "target": "building", "building": "", "text": text})
    t.ok(r.status == 422 and "请选择发送对象" in r.text, "a bulk SMS without a target is refused", r.brief)
    r = c.post("/messages/bulk", {"_csrf": tok, "target": "building", "building": str(S["b1"]),
                                  "text": text})
    t.ok(r.status == 303 and r.location.startswith("/messages/bulk/"), "the preview step", r.brief)
    if r.status != 303:
        return
    S["bulk"] = bid = int(r.location.rsplit("/", 1)[1])
    page = c.get(r.location)
    count = re.search(r'data-count="recipients">(\d+)<', page.text)
    skipped = re.search(r'data-count="skipped">(\d+)<', page.text)
    # building 1: residents 1, 2, 3 with mobiles, 3 opted out, 4 without a mobile
    t.eq(count and int(count.group(1)), 2, "preview: the building's residents minus the opted-out")
    t.eq(skipped and int(skipped.group(1)), 1, "preview: the opted-out resident counted as skipped")
    t.has(page.text, "确认发送", "preview: a confirmation button")
    t.eq(sql_value("SELECT COUNT(*) FROM outbox WHERE bulk_id = %d" % bid), "0",
         "nothing is queued before the confirmation")
    other = logged_in("t_agent2")
    t.eq(other.post("/messages/bulk/%d/send" % bid, {"_csrf": csrf_from(other.get("/inbox").text)}).status,
         404, "another agent cannot confirm someone's draft")
    r = c.post("/messages/bulk/%d/send" % bid, {"_csrf": csrf_from(page.text)})
    t.ok(r.status == 303, "confirmed", r.brief)
    for n in (1, 2):
        got = wait_for(lambda: sms_to(mobile(n), TAG + "") and [m for m in sms_to(mobile(n), "停水")])
        t.ok(got and got[0]["text"] == text, "resident %d received the bulk SMS" % n, lambda: got)
    r = c.post("/messages/bulk/%d/send" % bid, {"_csrf": csrf_from(page.text)})
    page = c.get(r.location or "/messages/bulk/%d" % bid)
    t.has(page.text, "没有重复发送", "confirming again says it was sent already")
    time.sleep(3)
    t.eq([len([m for m in sms_to(mobile(n), "停水")]) for n in (1, 2, 3, 5)], [1, 1, 0, 0],
         "one SMS per recipient; none for the opted-out or another building")
    t.eq(sql_value("SELECT COUNT(*) FROM outbox WHERE bulk_id = %d" % bid), "2",
         "two outbox rows for the bulk send")
    rows = wait_for(lambda: sql("SELECT COUNT(*) FROM outbox WHERE bulk_id = %d AND status = 'delivered'"
                                " HAVING COUNT(*) = 2" % bid))
    t.ok(rows, "both delivered")
    page = c.get("/messages/bulk/%d" % bid)
    res = re.search(r'data-result="delivered">(\d+)<', page.text)
    t.eq(res and int(res.group(1)), 2, "the results page shows 2 已送达")


def mail():
    c = S["agent"]
    page = c.get("/messages/new?channel=email&resident=%d&ticket=%s" % (S["r1"], S["ticket"]))
    t.ok(page.status == 200 and MAIL in page.text, "the e-mail form shows the resident's address")
    subject = "关于工单%s的上门安排（%s）" % (S["number"], TAG)
    fields = {"_csrf": csrf_from(page.text), "channel": "email", "resident": str(S["r1"]),
              "ticket": str(S["ticket"]), "token": form_token(page.text), "subject": "",
              "text": "您好：\n师傅明天上午到。\n暖线"}
    r = c.post("/messages", fields)
    t.ok(r.status == 422 and "请填写主题" in r.text, "an e-mail without a subject is refused", r.brief)
    r = c.post("/messages", dict(fields, subject="a\r\nBcc: x@example.com"))
    t.ok(r.status == 422 and "不能换行" in r.text, "a subject with a line break is refused", r.brief)
    r = c.post("/messages", dict(fields, subject=subject))
    t.eq(r.status, 303, "the e-mail is queued")

    def find():
        for path in glob.glob(os.path.join(MAIL_DIR, "*")):
            with open(path, "rb") as f:
                raw = f.read()
            if ("To: %s" % MAIL).encode() in raw and b"Subject: =?UTF-8?B?" in raw:
                msg = email.message_from_bytes(raw, policy=email.policy.default)
                if msg["Subject"] == subject:
                    return msg
        return None
    msg = wait_for(find)
    t.ok(msg is not None, "the e-mail reached the sink with the UTF-8 subject (RFC 2047)")
    if msg:
        t.has(msg.get_content(), "师傅明天上午到", "its body is the agent's text")
    r = sql("SELECT c.id FROM outbox c WHERE c.subject = '%s' AND c.channel = 'email'" % subject)
    t.eq(len(r), 1, "one e-mail row")
    r = c.get("/messages/new?channel=email&resident=%d" % S["r2"])
    fields.update({"_csrf": csrf_from(r.text), "resident": str(S["r2"]), "ticket": "",
                   "token": form_token(r.text), "subject": subject})
    r = c.post("/messages", fields)
    t.ok(r.status == 422 and "没有登记电子邮箱" in r.text, "a resident without an address: a clear error",
         r.brief)


def api_messages():
    key = S["agent_key"]
    r = call("GET", "/api/v1/messages?ticket_id=%s&channel=sms" % S["ticket"], key)
    items = doc(r).get("items", [])
    t.ok(r.status == 200 and items and all(i["channel"] == "sms" and i["ticket_id"] == S["ticket"]
                                           for i in items), "GET lists the work order's SMS", r.brief)
    first = [i for i in items if str(i["id"]) == S.get("ticket_sms")]
    t.ok(first and first[0]["status"] == "delivered" and first[0]["status_label"] == "已送达",
         "…with the status and its Chinese label", first)
    r = call("GET", "/api/v1/messages?status=lost", key)
    t.eq(r.status, 400, "GET with an unknown status: 400")
    r = call("GET", "/api/v1/messages?resident_id=%d&limit=1" % S["r1"], key)
    t.eq(len(doc(r).get("items", [])), 1, "GET pages with limit")

    text = "API短信%s：您的报修已登记。" % TAG
    r = call("POST", "/api/v1/messages", key, {"resident_id": S["r2"], "text": text})
    d = doc(r)
    t.ok(r.status == 201 and d.get("recipient") == mobile(2) and d.get("status") == "queued"
         and d.get("body") == text and d.get("resident_id") == S["r2"],
         "POST sends an SMS: 201 with the message", r.brief)
    got = wait_for(lambda: sms_to(mobile(2), "API短信%s" % TAG))
    t.ok(got and got[0]["text"] == text, "the API's SMS reached the fake SMSC exactly", got)
    r = call("POST", "/api/v1/messages", key, {"resident_id": S["r2"], "text": ""})
    e = doc(r).get("error", {})
    t.ok(r.status == 422 and e.get("message") == "请填写内容。" and
         e.get("errors", [{}])[0].get("field") == "text", "POST without text: the Chinese error", r.brief)
    r = call("POST", "/api/v1/messages", key, {"resident_id": S["r4"], "text": "测试"})
    t.ok(r.status == 422 and "没有登记手机号码" in doc(r).get("error", {}).get("message", ""),
         "POST to a resident without a mobile: the Chinese error", r.brief)
    r = call("POST", "/api/v1/messages", key, {"text": "测试"})
    t.ok(r.status == 422 and doc(r).get("error", {}).get("errors", [{}])[0].get("field") == "resident_id",
         "POST without resident_id", r.brief)
    r = call("POST", "/api/v1/messages", key, {"resident_id": "x", "text": "测试"})
    t.eq(r.status, 422, "POST with a resident_id of the wrong type")
    r = call("POST", "/api/v1/messages", key, {"resident_id": 4000000000, "text": "测试"})
    t.eq(r.status, 404, "POST to no such resident: 404")
    r = call("POST", "/api/v1/messages", key, {"resident_id": S["r2"], "text": "短" * 700})
    t.eq(r.status, 422, "POST with an 11-part text")
    r = call("POST", "/api/v1/messages", key_of("tech"), {"resident_id": S["r2"], "text": "x"})
    t.eq(r.status, 403, "POST without message.send: 403")
    r = call("GET", "/api/v1/messages", key_of("tech"))
    t.eq(r.status, 403, "GET without message.view: 403")
    t.eq(len(sms_to(mobile(2), "测试")) + len(sms_to(mobile(4), "测试")), 0, "no refused SMS went out")


def no_send():
    sql("INSERT IGNORE INTO role (code, name, builtin) VALUES ('t_msgview', '测试只看消息', 0);"
        "INSERT IGNORE INTO role_permission (role_id, permission) SELECT id, p FROM role,"
        " (SELECT 'ticket.view' AS p UNION SELECT 'message.view') x WHERE code = 't_msgview'")
    env = dict(os.environ)
    subprocess.run([os.path.join(BUILD, "bin/wlctl"), "user-add", "t_msgview", "测试看消息员",
                    "t_msgview"], input=PASSWORD, text=True, env=env, check=True,
                   capture_output=True)
    c = logged_in("t_msgview")
    t.eq(c.get("/messages").status, 200, "message.view alone opens the log")
    page = c.get("/tickets/%s" % S["ticket"])
    t.ok(page.status == 200 and 'id="messages"' in page.text and "/messages/new?" not in page.text,
         "the work order lists its messages but offers no send button")
    t.eq(c.get("/messages/new?resident=%d" % S["r1"]).status, 403, "without message.send the form is 403")
    tok = csrf_from(page.text)
    before = sql_value("SELECT COUNT(*) FROM outbox")
    r = c.post("/messages", {"_csrf": tok, "channel": "sms", "resident": str(S["r1"]),
                             "token": "x" * 43, "text": "越权短信"})
    t.eq(r.status, 403, "posting an SMS without message.send: 403")
    r = c.post("/messages/bulk", {"_csrf": tok, "target": "building", "building": str(S["b1"]),
                                  "text": "越权群发"})
    t.eq(r.status, 403, "a bulk preview without message.send: 403")
    r = c.post("/messages/bulk/%d/send" % S.get("bulk", 1), {"_csrf": tok})
    t.eq(r.status, 403, "a bulk confirmation without message.send: 403")
    t.eq(sql_value("SELECT COUNT(*) FROM outbox"), before, "nothing was queued")
    r = S["agent"].post("/messages", {"channel": "sms", "resident": str(S["r1"]), "token": "y" * 43,
                                      "text": "无令牌"})
    t.eq(r.status, 403, "a POST without the CSRF token is refused")


def internal():
    a, b = S["agent"], logged_in("t_agent2")
    b.post("/inbox/read", {"_csrf": csrf_from(b.get("/inbox").text)})
    page = b.get("/dashboard", follow=True)
    t.eq(unread(page.text), 0, "the recipient's header shows 0 unread to begin with")
    page = a.get("/inbox/new")
    subject = "请回电住户%s" % TAG
    fields = {"_csrf": csrf_from(page.text), "recipient": "", "subject": subject,
              "body": "住户1号楼101来电，请下午回电。"}
    r = a.post("/inbox", fields)
    t.ok(r.status == 422 and "请选择一位在职的同事" in r.text, "without a recipient: a clear error", r.brief)
    t.eq(sql_value("SELECT COUNT(*) FROM staff_message WHERE subject = '%s'" % subject), "0",
         "…and nothing was sent")
    agent2 = sql_value("SELECT id FROM staff WHERE login = 't_agent2'")
    r = a.post("/inbox", dict(fields, recipient=agent2))
    t.ok(r.status == 303, "a 站内短信 sent to a colleague", r.brief)
    mid = sql_value("SELECT id FROM staff_message WHERE subject = '%s'" % subject)
    t.has(a.get("/inbox/sent").text, subject, "it is in the sender's sent list")
    page = b.get("/tickets")
    t.eq(unread(page.text), 1, "the recipient's header shows 1 unread on any page")
    t.has(b.get("/inbox").text, subject, "it is in the recipient's inbox")
    page = b.get("/inbox/%s" % mid)
    t.ok(page.status == 200 and "请下午回电" in page.text, "the recipient reads it", page.brief)
    t.eq(unread(page.text), 0, "…the counter drops to 0 on that page already")
    t.eq(unread(b.get("/calls").text), 0, "…and stays 0 on the next page")
    t.eq(unread(a.get("/inbox").text), 0, "the sender's counter is unaffected")
    t.eq(a.get("/inbox/%s" % mid).status, 200, "the sender can open it")
    third = logged_in("t_admin")
    r = third.get("/inbox/%s" % mid)
    t.ok(r.status == 404 and "请下午回电" not in r.text, "a third user cannot read it", r.brief)
    t.eq(sql_value("SELECT read_at IS NOT NULL FROM staff_message WHERE id = %s" % mid), "1",
         "it is marked read")


t.section("setup", setup)
t.section("work order messages", ticket_messages)
t.section("message log filters", log_filters)
t.section("single SMS", single_sms)
t.section("bulk SMS", bulk)
t.section("e-mail", mail)
t.section("API", api_messages)
t.section("without message.send", no_send)
t.section("internal messages", internal)
t.done()
