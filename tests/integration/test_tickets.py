#!/usr/bin/env python3
"""test_tickets.py — the agent desk through the real stack: the screen pop, creating a work
order from it, the whole life cycle with its timeline, refused and conflicting changes,
attachments, numbers, the list's filters, and the types/canned-replies admin.

Fixture data (a community with a household, a resident with two numbers) is created here
with SQL under names unique to this run, so the test can run again on the same stack."""
import datetime
import urllib.parse
import os
import re
import struct
import sys
import threading
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wl  # noqa: E402

t = wl.Tap("test_tickets")
RUN = os.urandom(3).hex()
SEED = int(RUN, 16)
NUMBER_RE = re.compile(r"^\d{8}-\d{4,6}$")


def mobile(n):
    """A plausible, run-specific Chinese mobile number."""
    return "139%08d" % ((SEED * 7 + n) % 100000000)


# ---------------------------------------------------------------------------------------
# Fixture

def make_place(label):
    """A community with one building, unit and household; returns (community_id, household_id)."""
    code = "t%s%s" % (RUN, label)
    wl.sql("INSERT INTO community (code, name) VALUES (%s, %s)" % (wl.sql_str(code), wl.sql_str("测试小区" + code)))
    cid = wl.sql_value("SELECT id FROM community WHERE code = %s" % wl.sql_str(code))
    wl.sql("INSERT INTO building (community_id, name) VALUES (%s, '1号楼')" % cid)
    bid = wl.sql_value("SELECT id FROM building WHERE community_id = %s" % cid)
    wl.sql("INSERT INTO unit (building_id, name) VALUES (%s, '2单元')" % bid)
    uid = wl.sql_value("SELECT id FROM unit WHERE building_id = %s" % bid)
    wl.sql("INSERT INTO household (unit_id, room, floor) VALUES (%s, '1502', 15)" % uid)
    hid = wl.sql_value("SELECT id FROM household WHERE unit_id = %s" % uid)
    return int(cid), int(hid)


class Fx:
    pass


fx = Fx()


def setup():
    fx.cid, fx.hid = make_place("a")
    fx.cid2, fx.hid2 = make_place("b")
    fx.name = "测试住户" + RUN
    fx.mobile = mobile(1)
    fx.landline = "010%08d" % (SEED % 100000000)
    wl.sql("INSERT INTO resident (name, level) VALUES (%s, 'vip')" % wl.sql_str(fx.name))
    fx.rid = int(wl.sql_value("SELECT id FROM resident WHERE name = %s" % wl.sql_str(fx.name)))
    wl.sql("INSERT INTO resident_phone (resident_id, phone, kind, is_primary) VALUES"
           " (%d, '%s', 'mobile', 1), (%d, '%s', 'landline', 0)" % (fx.rid, fx.mobile, fx.rid, fx.landline))
    wl.sql("INSERT INTO resident_household (resident_id, household_id, relation) VALUES (%d, %d, 'owner')"
           % (fx.rid, fx.hid))
    wl.sql("INSERT INTO resident_tag (resident_id, tag) VALUES (%d, 'elderly_alone')" % fx.rid)
    fx.heating = int(wl.sql_value("SELECT id FROM ticket_type WHERE code = 'heating'"))
    fx.consult = int(wl.sql_value("SELECT id FROM ticket_type WHERE code = 'consult'"))
    fx.eng = int(wl.sql_value("SELECT id FROM department WHERE code = 't_eng'"))
    fx.tech = int(wl.sql_value("SELECT id FROM staff WHERE login = 't_tech'"))
    fx.agent = wl.logged_in("t_agent")
    fx.agent2 = wl.logged_in("t_agent2")
    fx.admin = wl.logged_in("t_admin")


# ---------------------------------------------------------------------------------------
# Helpers

def version_of(html):
    m = re.search(r'name="version" value="(\d+)"', html)
    return m.group(1) if m else ""


def status_of(tid):
    return wl.sql_value("SELECT status FROM ticket WHERE id = %d" % tid)


def create(c, fields):
    """Creates a work order through the form; returns (response, id or None)."""
    page = c.get("/tickets/new")
    data = {"_csrf": wl.csrf_from(page.text) or "", "channel": "staff"}
    data.update(fields)
    r = c.post("/tickets", data)
    m = re.match(r"^/tickets/(\d+)$", r.location or "")
    return r, int(m.group(1)) if r.status == 303 and m else None


def quick(c=None, **fields):
    """A consultation work order (no required fields) with the given extras; its id."""
    data = {"type_id": str(fx.consult), "title": "测试咨询 " + RUN}
    data.update({k: str(v) for k, v in fields.items()})
    r, tid = create(c or fx.agent, data)
    if not tid:
        raise RuntimeError("cannot create a work order: " + r.brief())
    return tid


def step(c, tid, to, **fields):
    """One status step through the page's form (its version and token)."""
    page = c.get("/tickets/%d" % tid)
    data = {"_csrf": wl.csrf_from(page.text) or "", "to": to, "version": version_of(page.text)}
    data.update({k: str(v) for k, v in fields.items()})
    return c.post("/tickets/%d/transition" % tid, data)


def timeline(html):
    m = re.search(r'<section class="card" id="timeline">(.*?)</ol>', html, re.S)
    return wl.visible_text(m.group(1)) if m else ""


def png_bytes(w=3, h=2):
    """A real PNG image (RGB), unique to this run."""
    px = bytes([SEED & 255, 0, 0])
    raw = b"".join(b"\x00" + px * w for _ in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# ---------------------------------------------------------------------------------------
# Screen pop

def test_pop_numbers():
    c = fx.agent
    for typed in ("+86 %s %s %s" % (fx.mobile[:3], fx.mobile[3:7], fx.mobile[7:]),
                  "%s-%s" % (fx.landline[:3], fx.landline[3:])):
        r = c.get("/pop?phone=" + urllib.parse.quote(typed))
        text = wl.visible_text(r.text)
        t.ok(r.status == 200 and fx.name in text, "pop finds the resident by %r" % typed, r.brief())
        t.has(r.text, 'data-tag="elderly_alone"', "pop shows the resident's tag as a badge (%s)" % typed, r)
    t.has(text, "独居老人", "the tag is shown by its label")
    t.has(text, "1号楼 2单元 1502", "pop lists the resident's household")
    r = c.get("/pop?phone=12345")
    t.eq(r.status, 422, "an implausible number is refused")
    t.has(wl.visible_text(r.text), "电话号码无效", "with the Chinese message", r)
    r = wl.logged_in("t_tech").get("/pop")
    t.eq(r.status, 403, "a technician cannot open the screen pop")


def test_pop_unknown():
    c = fx.agent
    number = mobile(2)
    r = c.get("/pop?phone=%s" % number)
    t.has(wl.visible_text(r.text), "未知来电", "an unknown number says so", r)
    t.ok(re.search(r'name="phone"[^>]*value="%s"' % number, r.text) is not None,
         "the quick-create form is pre-filled with the number", r.brief())
    r2 = c.post("/pop/resident", {"_csrf": wl.csrf_from(r.text), "name": "新来电" + RUN, "phone": number})
    t.eq(r2.status, 303, "quick-create succeeds")
    t.ok((r2.location or "").startswith("/pop?phone=%s&resident=" % number), "and goes back to the pop",
         r2.brief())
    rid = wl.sql_value("SELECT resident_id FROM resident_phone WHERE phone = '%s'" % number)
    t.ok(rid is not None, "the new resident has the number")
    r3 = c.get("/pop?phone=%s" % number)
    t.has(wl.visible_text(r3.text), "新来电" + RUN, "the pop now finds the new resident", r3)


def test_pop_create_ticket():
    c = fx.agent
    pop = c.get("/pop?phone=%s" % fx.mobile)
    m = re.search(r'href="(/tickets/new\?resident=%d[^"]*household=%d[^"]*)"' % (fx.rid, fx.hid),
                  pop.text.replace("&amp;", "&"))
    t.ok(m is not None, "the pop links to a new work order for the resident's household", pop.brief())
    if not m:
        return
    form = c.get(m.group(1))
    t.ok(re.search(r'<option value="%d" selected>' % fx.hid, form.text) is not None,
         "the new work order form has the household chosen", form.brief())
    t.ok(re.search(r'name="contact_phone"[^>]*value="%s"' % fx.mobile, form.text) is not None,
         "and the caller's number as contact phone", form.brief())
    data = {"_csrf": wl.csrf_from(form.text), "type_id": str(fx.heating), "resident_id": str(fx.rid),
            "household_id": str(fx.hid), "contact_phone": fx.mobile, "channel": "phone",
            "title": "暖气不热", "description": "客厅暖气片冰凉 " + RUN}
    r = c.post("/tickets", data)
    m = re.match(r"^/tickets/(\d+)$", r.location or "")
    t.ok(r.status == 303 and m, "creating the work order redirects to it", r.brief())
    if not m:
        return
    fx.pop_ticket = tid = int(m.group(1))
    row = wl.sql("SELECT number, status, resident_id, household_id, community_id, channel, department_id"
                 " FROM ticket WHERE id = %d" % tid)[0]
    t.ok(NUMBER_RE.match(row[0]) is not None, "the number looks like YYYYMMDD-NNNN", row[0])
    t.eq(row[1:6], ["new", str(fx.rid), str(fx.hid), str(fx.cid), "phone"],
         "it is new, for the resident and household, from a phone call")
    page = c.get("/tickets/%d" % tid)
    text = wl.visible_text(page.text)
    t.has(text, row[0], "the detail shows the number", page)
    t.has(text, "新建", "and the status in Chinese", page)
    t.has(text, "测试小区t%sa 1号楼 2单元 1502" % RUN, "and the location", page)
    pop = c.get("/pop?phone=%s" % fx.mobile)
    t.has(pop.text, row[0], "the pop lists it among the open work orders", pop)


# ---------------------------------------------------------------------------------------
# Life cycle

def test_lifecycle():
    c = fx.agent
    tid = quick(household_id=fx.hid)
    steps = [("dispatched", {"department_id": fx.eng, "assignee_id": fx.tech}, "已派单"),
             ("accepted", {}, "已接单"), ("en_route", {}, "已出发"), ("on_site", {}, "已到场"),
             ("resolved", {"note": "更换阀门", "public": "1"}, "已完成"),
             ("closed", {"satisfaction": 4, "note": "师傅很专业"}, "已回访关闭")]
    for to, extra, label in steps:
        r = step(c, tid, to, **extra)
        t.ok(r.status == 303, "step to %s is accepted" % to, r.brief())
        t.eq(status_of(tid), to, "the work order is %s" % to)
    row = wl.sql("SELECT satisfaction, visit_comment, assignee_id, department_id FROM ticket WHERE id = %d" % tid)[0]
    t.eq(row, ["4", "师傅很专业", str(fx.tech), str(fx.eng)], "closing kept the score, comment and assignment")
    page = c.get("/tickets/%d" % tid)
    tl = timeline(page.text)
    pos = [tl.find(label) for _, _, label in steps]
    t.ok(all(p >= 0 for p in pos) and pos == sorted(pos), "the timeline lists every step in order",
         lambda: "%r in %r" % (pos, tl[:600]))
    agent_name = wl.name_of("t_agent")
    t.ok(tl.count(agent_name) >= len(steps) + 1, "every entry says who did it", tl[:400])
    t.has(tl, wl.name_of("t_tech"), "the dispatch names the assignee")
    t.has(tl, "更换阀门", "a public note appears on its step")
    t.has(wl.visible_text(page.text), "4/5", "the satisfaction score is shown")
    n = int(wl.sql_value("SELECT COUNT(*) FROM ticket_event WHERE ticket_id = %d" % tid))
    t.ok(n >= 7, "the database has an event per step", n)
    # Reopen after closing.
    r = step(c, tid, "reopened")
    t.eq(r.status, 422, "reopening without a reason is refused")
    t.has(wl.visible_text(r.text), "请填写原因", "with the reason asked for", r)
    r = step(c, tid, "reopened", note="住户反映又不热了")
    t.eq(r.status, 303, "reopening with a reason works")
    t.eq(status_of(tid), "reopened", "the work order is reopened")
    en = c.get("/tickets/%d?lang=en" % tid)
    t.has(wl.visible_text(en.text), "Reopened", "the status is translated in English", en)
    c.get("/tickets/%d?lang=zh_CN" % tid)


def test_invalid_transition():
    c = fx.agent
    tid = quick()
    r = step(c, tid, "resolved")
    t.eq(r.status, 409, "new -> resolved is refused")
    t.has(wl.visible_text(r.text), "当前状态下不能执行这个操作", "with the Chinese message", r)
    t.eq(status_of(tid), "new", "and the status is unchanged")
    r = step(c, tid, "no_such_status")
    t.ok(r.status in (409, 422) and status_of(tid) == "new", "an unknown target is refused", r.brief())
    page = c.get("/tickets/%d" % tid)
    t.ok('value="resolved"' not in page.text and 'value="dispatched"' in page.text,
         "the page offers only the possible steps", page.brief())


def test_pending_resume_cancel():
    c = fx.agent
    tid = quick()
    step(c, tid, "dispatched", department_id=fx.eng)
    t.eq(status_of(tid), "dispatched", "dispatched to a department")
    r = step(c, tid, "pending", resume_at="2030-01-02T09:30")
    t.eq(r.status, 422, "pending without a reason is refused")
    r = step(c, tid, "pending", note="等待配件", resume_at="2030-01-02T09:30")
    t.eq(r.status, 303, "pending with a reason and a resume time works")
    row = wl.sql("SELECT status, pending_from, pending_reason FROM ticket WHERE id = %d" % tid)[0]
    t.eq(row, ["pending", "dispatched", "等待配件"], "the work order waits, remembering where it was")
    page = c.get("/tickets/%d" % tid)
    t.has(wl.visible_text(page.text), "等待配件", "the page shows the reason", page)
    r = step(c, tid, "resume")
    t.eq(r.status, 303, "resume works")
    t.eq(status_of(tid), "dispatched", "resume returns to the previous status")
    r = step(c, tid, "cancelled", note="住户已自行处理")
    t.eq(r.status, 303, "cancel with a reason works")
    t.eq(status_of(tid), "cancelled", "the work order is cancelled")
    page = c.get("/tickets/%d" % tid)
    t.ok("/transition" not in page.text, "a cancelled work order offers no more steps", page.brief())


def test_conflict():
    tid = quick()
    a, b = fx.agent, fx.agent2
    pa, pb = a.get("/tickets/%d" % tid), b.get("/tickets/%d" % tid)
    v = version_of(pa.text)
    t.ok(v and v == version_of(pb.text), "both agents see the same version", v)

    def edit(c, page, title):
        return c.post("/tickets/%d" % tid, {"_csrf": wl.csrf_from(page.text), "version": v,
                                             "title": title, "description": "", "priority": "2"})
    r1 = edit(a, pa, "甲的修改 " + RUN)
    t.eq(r1.status, 303, "the first change is saved")
    r2 = edit(b, pb, "乙的修改 " + RUN)
    t.eq(r2.status, 409, "the second change with the same version gets 409")
    t.has(wl.visible_text(r2.text), "这张工单刚被其他人修改过", "with a clear message", r2)
    t.eq(wl.sql_value("SELECT title FROM ticket WHERE id = %d" % tid), "甲的修改 " + RUN,
         "the first change stands")
    r3 = step(b, tid, "dispatched", department_id=fx.eng)
    t.eq(r3.status, 303, "after reloading, the second agent can act")
    # A transition with a stale version is refused too.
    r4 = b.post("/tickets/%d/transition" % tid, {"_csrf": wl.csrf_from(pb.text), "version": v,
                                                  "to": "cancelled", "note": "x"})
    t.eq(r4.status, 409, "a step with a stale version gets 409")
    t.eq(status_of(tid), "dispatched", "and changes nothing")


def test_comments():
    c = fx.agent
    tid = quick()
    page = c.get("/tickets/%d" % tid)
    canned = re.search(r'<option value="(\d+)"[^>]*>已派单</option>', page.text)
    t.ok(canned is not None, "the comment form offers canned replies", page.brief())
    body = wl.sql_value("SELECT body FROM canned_reply WHERE id = %s" % canned.group(1)) if canned else ""
    r = c.post("/tickets/%d/comments" % tid, {"_csrf": wl.csrf_from(page.text), "body": "",
                                                "canned": canned.group(1) if canned else "", "public": "1"})
    t.eq(r.status, 303, "an empty comment with a canned reply is sent")
    r = c.post("/tickets/%d/comments" % tid, {"_csrf": wl.csrf_from(page.text), "body": "内部：住户脾气急",
                                                "public": "0"})
    t.eq(r.status, 303, "an internal note is added")
    rows = wl.sql("SELECT kind, public, body FROM ticket_event WHERE ticket_id = %d AND kind IN"
                  " ('comment', 'note') ORDER BY id" % tid)
    t.eq(rows, [["comment", "1", body], ["note", "0", "内部：住户脾气急"]],
         "the canned text went out as a public comment, the note stayed internal")
    tl = timeline(c.get("/tickets/%d" % tid).text)
    t.ok("回复住户" in tl and "内部备注" in tl and "住户可见" in tl and "内部" in tl,
         "the timeline marks public comments and internal notes", tl[-300:])


def test_links():
    c = fx.agent
    a, b, dup = quick(), quick(), quick()
    num = {i: wl.sql_value("SELECT number FROM ticket WHERE id = %d" % i) for i in (a, b, dup)}
    page = c.get("/tickets/%d" % a)
    r = c.post("/tickets/%d/links" % a, {"_csrf": wl.csrf_from(page.text), "other": num[b], "kind": "related"})
    t.eq(r.status, 303, "two work orders are linked by number")
    t.has(c.get("/tickets/%d" % b).text, num[a], "the other one shows the link back")
    r = c.post("/tickets/%d/links" % a, {"_csrf": wl.csrf_from(page.text), "other": "20990101-9999",
                                          "kind": "related"})
    t.eq(r.status, 422, "an unknown number is refused")
    t.has(wl.visible_text(r.text), "没有这个工单号", "with the reason", r)
    r = c.post("/tickets/%d/links" % dup, {"_csrf": wl.csrf_from(page.text), "other": num[a], "kind": "merge"})
    t.eq(r.status, 303, "a duplicate report is merged")
    row = wl.sql("SELECT status, merged_into_id FROM ticket WHERE id = %d" % dup)[0]
    t.eq(row, ["cancelled", str(a)], "the duplicate is cancelled and points to the survivor")
    t.has(wl.visible_text(c.get("/tickets/%d" % dup).text), "此工单已合并到 " + num[a],
          "its page says where it went")


def test_attachments():
    c = fx.agent
    tid = quick()
    page = c.get("/tickets/%d" % tid)
    data = png_bytes()
    r = c.post_multipart("/tickets/%d/attachments" % tid, {"_csrf": wl.csrf_from(page.text)},
                         [("file", "现场.png", "application/octet-stream", data)])
    t.eq(r.status, 303, "a PNG uploads")
    row = wl.sql("SELECT id, mime, size, filename FROM attachment WHERE ticket_id = %d" % tid)
    t.ok(len(row) == 1 and row[0][1:] == ["image/png", str(len(data)), "现场.png"],
         "it is stored as image/png by its content", row)
    if row:
        d = c.get("/tickets/%d/attachments/%s" % (tid, row[0][0]))
        t.eq(d.status, 200, "the attachment downloads")
        t.eq(d.header("Content-Type"), "image/png", "with its detected type")
        t.ok(d.raw == data, "byte for byte", len(d.raw))
        t.ok("filename*=UTF-8''%E7%8E%B0%E5%9C%BA.png" in (d.header("Content-Disposition") or ""),
             "with its name", d.header("Content-Disposition"))
        other = quick()
        t.eq(c.get("/tickets/%d/attachments/%s" % (other, row[0][0])).status, 404,
             "not through another work order's URL")
        t.eq(wl.logged_in("t_tech").get("/tickets/%d/attachments/%s" % (tid, row[0][0])).status, 403,
             "a technician cannot download through the desk")
    spoof = b"<html><body><script>alert(1)</script></body></html>\n"
    r = c.post_multipart("/tickets/%d/attachments" % tid, {"_csrf": wl.csrf_from(page.text)},
                         [("file", "photo.jpg", "image/jpeg", spoof)])
    t.eq(r.status, 422, "HTML named photo.jpg is refused")
    t.has(wl.visible_text(r.text), "系统按文件内容判断类型", "with the reason", r)
    t.eq(wl.sql_value("SELECT COUNT(*) FROM attachment WHERE ticket_id = %d" % tid), "1",
         "and nothing was stored")


def test_numbers():
    ids, errors = [], []

    def one(i):
        try:
            ids.append(quick(title="并发 %d %s" % (i, RUN)))
        except Exception as e:
            errors.append(str(e))
    threads = [threading.Thread(target=one, args=(i,)) for i in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    t.ok(not errors and len(ids) == 8, "eight work orders created at once", errors)
    nums = [r[0] for r in wl.sql("SELECT number FROM ticket WHERE id IN (%s)" % ",".join(map(str, ids)))] if ids else []
    t.eq(len(set(nums)), len(ids), "their numbers are all different")
    try:
        from zoneinfo import ZoneInfo
        today = datetime.datetime.now(ZoneInfo(wl.conf("WL_TZ", "Asia/Shanghai"))).strftime("%Y%m%d")
    except Exception:
        today = None
    t.ok(all(NUMBER_RE.match(n) and (today is None or n.startswith(today + "-")) for n in nums),
         "each is YYYYMMDD-NNNN of today's local date", nums)


def test_list():
    c = fx.agent
    late = quick(household_id=fx.hid, title="超时 " + RUN)
    fresh = quick(household_id=fx.hid2, title="未超时 " + RUN)
    done = quick(title="取消 " + RUN)
    step(c, done, "cancelled", note="重复")
    wl.sql("UPDATE ticket SET resolve_due_at = UTC_TIMESTAMP() - INTERVAL 2 HOUR WHERE id = %d" % late)
    num = {i: wl.sql_value("SELECT number FROM ticket WHERE id = %d" % i) for i in (late, fresh, done)}
    r = c.get("/tickets?overdue=1")
    t.ok(num[late] in r.text and num[fresh] not in r.text, "the overdue filter shows the late order only",
         r.brief())
    m = re.search(r'<tr class="overdue">\s*<td class="nowrap"><a href="/tickets/%d">' % late, r.text)
    t.ok(m is not None, "its row is highlighted as overdue", r.brief())
    t.has(wl.visible_text(r.text), "已超时", "and says so")
    r = c.get("/tickets?community=%d" % fx.cid)
    t.ok(num[late] in r.text and num[fresh] not in r.text, "the community filter", r.brief())
    r = c.get("/tickets?community=%d&status=new" % fx.cid2)
    t.ok(num[fresh] in r.text and num[late] not in r.text, "community and status together", r.brief())
    r = c.get("/tickets?status=cancelled&status=closed")
    t.ok(num[done] in r.text and num[fresh] not in r.text, "the status filter (several statuses)", r.brief())
    r = c.get("/tickets?status=new&sort=priority")
    t.ok(r.status == 200 and num[fresh] in r.text, "sorting by priority", r.brief())
    r = c.get("/tickets?q=" + num[done])
    t.eq(r.location, "/tickets/%d" % done, "searching a number opens the work order")
    r = c.get("/tickets?q=%s" % fx.mobile)
    t.ok(r.status == 200 and re.search(r'href="/tickets/%d"' % getattr(fx, "pop_ticket", 0), r.text),
         "searching a phone finds the resident's work orders", r.brief())
    r = c.get("/tickets?from=2020-13-45")
    t.eq(r.status, 422, "an invalid date is refused")
    t.eq(wl.logged_in("t_tech").get("/tickets").status, 403, "a technician cannot open the desk list")


def test_escaping():
    c = fx.agent
    evil = '<script>alert("x")</script>' + RUN
    tid = quick(title=evil)
    page = c.get("/tickets/%d" % tid)
    t.ok(evil not in page.text and "&lt;script&gt;" in page.text, "a title with HTML is escaped on the detail")
    lst = c.get("/tickets?status=new")
    t.ok(evil not in lst.text, "and in the list")


def test_types_and_canned():
    a = fx.admin
    page = a.get("/tickets/types/new")
    code = "t_%s" % RUN
    r = a.post("/tickets/types", [("_csrf", wl.csrf_from(page.text)), ("code", code), ("name", "测试类型" + RUN),
                                  ("parent_id", str(fx.heating)), ("priority", "3"), ("response_minutes", "20"),
                                  ("resolve_minutes", "10"), ("required", "phone"), ("active", "1"), ("sort", "5")])
    t.eq(r.status, 422, "a resolution time shorter than the response time is refused")
    r = a.post("/tickets/types", [("_csrf", wl.csrf_from(page.text)), ("code", code), ("name", "测试类型" + RUN),
                                  ("parent_id", str(fx.heating)), ("priority", "3"), ("response_minutes", "20"),
                                  ("resolve_minutes", "90"), ("required", "phone"), ("required", "description"),
                                  ("common_problems", "甲\n乙"), ("active", "1"), ("sort", "5")])
    t.eq(r.status, 303, "an admin creates a subtype")
    row = wl.sql("SELECT parent_id, priority, response_minutes, resolve_minutes, required_fields, common_problems"
                 " FROM ticket_type WHERE code = '%s'" % code)
    t.eq(row, [[str(fx.heating), "3", "20", "90", "phone description", "甲\\n乙"]], "with every field")
    lst = a.get("/tickets/types")
    t.has(lst.text, "测试类型" + RUN, "the list shows it", lst)
    r = a.post("/tickets/types", [("_csrf", wl.csrf_from(page.text)), ("code", code), ("name", "重复"),
                                  ("priority", "2"), ("response_minutes", "60"), ("resolve_minutes", "60")])
    t.eq(r.status, 422, "a duplicate code is refused")
    tid = wl.sql_value("SELECT id FROM ticket_type WHERE code = '%s'" % code)
    page = a.get("/tickets/types/%s" % tid)
    t.ok('value="90"' in page.text and re.search(r'value="description" checked', page.text),
         "the edit form shows the stored values", page.brief())
    r = a.post("/tickets/types/%s" % tid, [("_csrf", wl.csrf_from(page.text)), ("code", code),
                                           ("name", "改名" + RUN), ("parent_id", str(fx.heating)),
                                           ("priority", "4"), ("response_minutes", "15"),
                                           ("resolve_minutes", "120"), ("sort", "5")])
    t.eq(r.status, 303, "the admin edits it")
    t.eq(wl.sql("SELECT name, priority, required_fields, active FROM ticket_type WHERE id = %s" % tid),
         [["改名" + RUN, "4", "", "0"]], "unticked boxes clear the required fields and deactivate it")
    t.eq(fx.agent.get("/tickets/types").status, 403, "an agent cannot manage types")
    page = a.get("/tickets/canned/new")
    r = a.post("/tickets/canned", {"_csrf": wl.csrf_from(page.text), "title": "测试回复" + RUN,
                                   "body": "您好 " + RUN, "active": "1", "sort": "99"})
    t.eq(r.status, 303, "an admin creates a canned reply")
    cid = wl.sql_value("SELECT id FROM canned_reply WHERE title = '测试回复%s'" % RUN)
    tid = quick()
    t.has(fx.agent.get("/tickets/%d" % tid).text, "测试回复" + RUN, "agents can choose it")
    r = a.post("/tickets/canned/%s/delete" % cid, {"_csrf": wl.csrf_from(page.text)})
    t.eq(r.status, 303, "and delete it")
    t.eq(wl.sql_value("SELECT COUNT(*) FROM canned_reply WHERE id = %s" % cid), "0", "it is gone")


def test_renames_show_at_once():
    """Names come from each worker's cache (lib/names.c): a renamed department, tag label or
    work-order type shows on the very next pages, whichever worker answers."""
    c = fx.agent
    tid = quick(household_id=fx.hid, resident_id=fx.rid, department_id=fx.eng, title="改名前 " + RUN)
    num = wl.sql_value("SELECT number FROM ticket WHERE id = %d" % tid)
    old = {
        "dept": wl.sql_value("SELECT name FROM department WHERE id = %d" % fx.eng),
        "tag": wl.sql_value("SELECT i.label FROM dictionary_item i JOIN dictionary d ON d.id ="
                            " i.dictionary_id WHERE d.code = 'customer_tag' AND i.code = 'elderly_alone'"),
        "type": wl.sql_value("SELECT name FROM ticket_type WHERE id = %d" % fx.consult),
    }
    for _ in range(4):  # every worker has the old names cached
        c.get("/pop?phone=" + fx.mobile)
        c.get("/tickets?community=%d" % fx.cid)
    new = {k: v + RUN for k, v in old.items()}
    try:
        wl.sql("UPDATE department SET name = %s WHERE id = %d" % (wl.sql_str(new["dept"]), fx.eng))
        wl.sql("UPDATE dictionary_item i JOIN dictionary d ON d.id = i.dictionary_id SET i.label = %s"
               " WHERE d.code = 'customer_tag' AND i.code = 'elderly_alone'" % wl.sql_str(new["tag"]))
        wl.sql("UPDATE ticket_type SET name = %s WHERE id = %d" % (wl.sql_str(new["type"]), fx.consult))
        for i in range(4):
            pop = wl.visible_text(c.get("/pop?phone=" + fx.mobile).text)
            row = re.search(r"<tr[^>]*>\s*<td[^>]*><a href=\"/tickets/%d\">.*?</tr>" % tid,
                            c.get("/tickets?community=%d" % fx.cid).text, re.S)
            row = wl.visible_text(row.group(0)) if row else ""
            t.ok(new["tag"] in pop and new["type"] in pop, "pop %d shows the new tag label and type name" % i,
                 pop[pop.find("最近的工单"):][:400])
            t.ok(num in row and new["dept"] in row and new["type"] in row,
                 "list %d shows the new department and type names" % i, row)
        api = c.api("/api/v1/pop?phone=" + fx.mobile, key=wl.key_of("agent")).json()
        tags = [x["label"] for r in api["residents"] for x in r["tags"]]
        t.ok(new["tag"] in tags, "the API pop too", str(tags))
    finally:
        wl.sql("UPDATE department SET name = %s WHERE id = %d" % (wl.sql_str(old["dept"]), fx.eng))
        wl.sql("UPDATE dictionary_item i JOIN dictionary d ON d.id = i.dictionary_id SET i.label = %s"
               " WHERE d.code = 'customer_tag' AND i.code = 'elderly_alone'" % wl.sql_str(old["tag"]))
        wl.sql("UPDATE ticket_type SET name = %s WHERE id = %d" % (wl.sql_str(old["type"]), fx.consult))


def main():
    t.section("fixture", setup)
    if t.failed:
        t.done()
    for fn in (test_pop_numbers, test_pop_unknown, test_pop_create_ticket, test_lifecycle,
               test_invalid_transition, test_pending_resume_cancel, test_conflict, test_comments,
               test_links, test_attachments, test_numbers, test_list, test_escaping, test_renames_show_at_once,
               test_types_and_canned):
        t.section(fn.__name__, fn)
    t.done()


if __name__ == "__main__":
    main()
