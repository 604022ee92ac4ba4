#!/usr/bin/python3
"""test_tech.py — the technicians' mobile pages (/m): the list shows the technician's own and
the team's open work orders and nothing else; another team's work order, its attachments and
its actions are 404 by any guessed id and stay unchanged; a work order walks accept → depart
→ arrive → complete with a photo and a part, each step on the timeline by the technician;
a stale version is a 409; decline needs a reason and hands the order back to the team;
pending needs a resume time and resume returns to where it was; a spoofed photo (HTML named
x.jpg) and a part quantity that is not a number are refused with nothing changed."""
import glob
import os
import re
import struct
import sys
import time
import zlib

sys.dont_write_bytecode = True  # no __pycache__ in the repository

from wl import ROOT, Tap, csrf_from, logged_in, sql, sql_str, sql_value, visible_text

t = Tap("test_tech")
RUN = "%d%02d" % (os.getpid() % 100000, int(time.time()) % 100)   # unique per run


def lang_strings(lang="zh_CN"):
    """The strings a page shows, read like the kit does: templates/lang/<lang>.hdf, then each
    <lang>-<area>.hdf in name order, later files winning.  (Shared strings such as status
    names belong to others; the tests check that the page shows them, not their wording.)"""
    out = {}
    files = [os.path.join(ROOT, "templates/lang/%s.hdf" % lang)]
    files += sorted(glob.glob(os.path.join(ROOT, "templates/lang/%s-*.hdf" % lang)))
    for path in files:
        prefix = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                if line.endswith("{"):
                    prefix.append(line[:-1].strip())
                elif line == "}":
                    prefix.pop()
                elif "=" in line:
                    k, v = line.split("=", 1)
                    out[".".join(prefix + [k.strip()])] = v.strip()
    return out


L = lang_strings()


def png(w=8, h=8, rgb=(242, 140, 40)):
    """A real PNG image (w x h, one colour), built with the standard library."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


# ---------------------------------------------------------------------------------------
# Fixture: a household with a resident, and work orders around t_tech (department t_eng)

def one(query):
    v = sql_value(query)
    if v is None:
        raise RuntimeError("no row: " + query[:100])
    return v


def make_household():
    code = "tm" + RUN
    sql("INSERT INTO community (code, name) VALUES (%s, %s)" % (sql_str(code), sql_str("测试花园" + RUN)))
    cid = one("SELECT id FROM community WHERE code = %s" % sql_str(code))
    sql("INSERT INTO building (community_id, name) VALUES (%s, '7号楼')" % cid)
    bid = one("SELECT id FROM building WHERE community_id = %s" % cid)
    sql("INSERT INTO unit (building_id, name) VALUES (%s, '2单元')" % bid)
    uid = one("SELECT id FROM unit WHERE building_id = %s" % bid)
    sql("INSERT INTO household (unit_id, room, floor) VALUES (%s, '1502', 15)" % uid)
    hid = one("SELECT id FROM household WHERE unit_id = %s" % uid)
    sql("INSERT INTO resident (name) VALUES (%s)" % sql_str("王阿姨" + RUN))
    rid = one("SELECT MAX(id) FROM resident")
    sql("INSERT INTO resident_phone (resident_id, phone, is_primary) VALUES (%s, '13900139000', 1)" % rid)
    sql("INSERT INTO resident_household (resident_id, household_id) VALUES (%s, %s)" % (rid, hid))
    return {"community": cid, "building": bid, "household": hid, "resident": rid}


def make_ticket(n, title, status, dept, assignee=None, home=None, overdue=False, priority=3):
    """A work order straight into the table (as dispatching would leave it)."""
    number = "T%s-%d" % (RUN, n)
    due = "UTC_TIMESTAMP() - INTERVAL 1 HOUR" if overdue else "UTC_TIMESTAMP() + INTERVAL 8 HOUR"
    sql("INSERT INTO ticket (number, type_id, status, priority, title, description, channel,"
        " resident_id, household_id, community_id, building_id, contact_phone, department_id,"
        " assignee_id, appointment_at, response_due_at, resolve_due_at) VALUES"
        " (%s, (SELECT id FROM ticket_type WHERE code = 'heating'), %s, %d, %s, '卧室暖气片不热',"
        " 'phone', %s, %s, %s, %s, '13800138000', %s, %s, UTC_TIMESTAMP() + INTERVAL 2 HOUR, %s, %s)"
        % (sql_str(number), sql_str(status), priority, sql_str(title),
           home["resident"] if home else "NULL", home["household"] if home else "NULL",
           home["community"] if home else "NULL", home["building"] if home else "NULL",
           dept, assignee or "NULL", due, due))
    tid = one("SELECT id FROM ticket WHERE number = %s" % sql_str(number))
    sql("INSERT INTO ticket_event (ticket_id, kind, to_status, public) VALUES (%s, 'created', 'new', 1)" % tid)
    return {"id": int(tid), "number": number, "title": title}


def state(tid):
    """(status, assignee_id, department_id, version) of a work order."""
    return tuple(sql("SELECT status, assignee_id, department_id, version FROM ticket WHERE id = %d" % tid)[0])


def setup():
    f = {}
    f["tech"] = one("SELECT id FROM staff WHERE login = 't_tech'")
    f["eng"] = one("SELECT id FROM department WHERE code = 't_eng'")
    f["cs"] = one("SELECT id FROM department WHERE code = 't_cs'")
    home = make_household()
    f["home"] = home
    f["mine"] = make_ticket(1, "暖气不热-本人" + RUN, "dispatched", f["eng"], f["tech"], home)
    f["team"] = make_ticket(2, "暖气不热-班组" + RUN, "dispatched", f["eng"], overdue=True)
    f["other"] = make_ticket(3, "暖气不热-别组" + RUN, "dispatched", f["cs"])
    f["decline"] = make_ticket(4, "暖气漏水-退单" + RUN, "dispatched", f["eng"], f["tech"])
    f["pending"] = make_ticket(6, "暖气异响-挂起" + RUN, "accepted", f["eng"], f["tech"])
    f["old"] = make_ticket(5, "去年的报修" + RUN, "closed", f["eng"], f["tech"], home)
    # A file on the other team's order, for guessing its id.
    sha = "ab" * 32
    sql("INSERT INTO attachment (ticket_id, sha256, size, mime, filename) VALUES (%d, '%s', 10,"
        " 'image/png', 'secret.png')" % (f["other"]["id"], sha))
    f["other_file"] = int(one("SELECT MAX(id) FROM attachment WHERE ticket_id = %d" % f["other"]["id"]))
    return f


# ---------------------------------------------------------------------------------------

def page(c, tid):
    r = c.get("/m/tickets/%d" % tid)
    if r.status != 200:
        raise RuntimeError("GET /m/tickets/%d: %s" % (tid, r.brief()))
    return r


def form_version(html, to):
    """The version hidden in the action form for target to."""
    for m in re.finditer(r"<form\b.*?</form>", html, re.S):
        if re.search(r'name="to" value="%s"' % re.escape(to), m.group(0)):
            v = re.search(r'name="version" value="(\d+)"', m.group(0))
            return v.group(1) if v else None
    return None


def act(c, tid, to, note="", extra=(), files=None, version=None):
    """Sends one step the way the page's form does."""
    html = page(c, tid).text
    fields = [("_csrf", csrf_from(html)), ("to", to),
              ("version", version or form_version(html, to) or "0"), ("note", note)] + list(extra)
    if files is not None:
        return c.post_multipart("/m/tickets/%d/action" % tid, fields, files)
    return c.post("/m/tickets/%d/action" % tid, fields)


def list_page(f, c):
    r = c.get("/m")
    t.eq(r.status, 200, "GET /m as t_tech: 200")
    text = r.text
    t.has(text, f["mine"]["number"], "/m lists the work order assigned to me", r)
    t.has(text, f["team"]["number"], "/m lists my team's unassigned work order", r)
    t.ok(f["other"]["number"] not in text, "/m does not list another team's work order", f["other"]["number"])
    t.ok(f["old"]["number"] not in text, "/m does not list a closed work order", f["old"]["number"])
    t.ok(0 <= text.find(f["mine"]["number"]) < text.find(f["team"]["number"]),
         "my work orders come before the team's", "")
    card = re.search(r'<a class="card[^"]*" href="/m/tickets/%d">.*?</a>' % f["team"]["id"], text, re.S)
    t.ok(card and L["tech.overdue"] in card.group(0), "the overdue team order's card is marked overdue",
         card.group(0) if card else "no card")
    card = re.search(r'<a class="card[^"]*" href="/m/tickets/%d">.*?</a>' % f["mine"]["id"], text, re.S)
    t.ok(card and "测试花园%s 7号楼2单元1502" % RUN in visible_text(card.group(0)),
         "a card shows the address (community building unit room)", card.group(0) if card else "")
    t.ok(card and L["ticket.status.dispatched"] in card.group(0), "a card shows the status", card.group(0) if card else "")
    t.eq(logged_in("t_agent").get("/m").status, 403, "GET /m as an agent (no tech.mobile): 403")


def detail(f, c):
    r = page(c, f["mine"]["id"])
    text = visible_text(r.text)
    t.has(r.text, 'href="tel:13800138000"', "the contact phone is a tel: link", r)
    t.has(r.text, 'href="tel:13900139000"', "the resident's own number is a tel: link too", r)
    t.has(text, "测试花园%s 7号楼2单元1502" % RUN, "the detail shows the address", r)
    t.has(text, "王阿姨" + RUN, "the detail shows the resident's name", r)
    t.has(text, f["old"]["number"], "the detail lists the earlier work order at the household", r)
    t.has(r.text, 'value="accepted"', "a dispatched order offers accept", r)
    t.has(r.text, 'value="declined"', "a dispatched order assigned to me offers decline", r)
    team = c.get("/m/tickets/%d" % f["team"]["id"])
    t.ok(team.status == 200 and 'value="accepted"' in team.text and 'value="declined"' not in team.text,
         "a team order offers accept, not decline", team.brief())
    t.ok('value="resolved"' not in r.text, "a dispatched order does not offer complete yet", "")


def other_team(f, c):
    o = f["other"]
    r = c.get("/m/tickets/%d" % o["id"])
    t.eq(r.status, 404, "GET another team's work order: 404")
    t.ok(o["number"] not in r.text and o["title"] not in r.text,
         "the 404 does not show the other order's number or title", r.brief())
    missing = c.get("/m/tickets/%d" % (o["id"] + 100000))
    t.ok(visible_text(missing.text) == visible_text(r.text),
         "another team's order looks exactly like one that does not exist", missing.brief())
    r = c.get("/m/tickets/%d/attachments/%d" % (o["id"], f["other_file"]))
    t.eq(r.status, 404, "GET another team's attachment by its ids: 404")
    r = c.get("/m/tickets/%d/attachments/%d" % (f["mine"]["id"], f["other_file"]))
    t.eq(r.status, 404, "GET another team's attachment through my own work order: 404")
    before = state(o["id"])
    token = csrf_from(c.get("/m").text)
    for to in ("accepted", "declined"):
        r = c.post("/m/tickets/%d/action" % o["id"], {"_csrf": token, "to": to, "version": before[3],
                                                      "note": "guess"})
        t.eq(r.status, 404, "POST %s on another team's work order: 404" % to)
    t.eq(state(o["id"]), before, "another team's work order is unchanged after the attempts")
    n = sql_value("SELECT COUNT(*) FROM ticket_event WHERE ticket_id = %d" % o["id"])
    t.eq(n, "1", "another team's work order has no new timeline entries")


def spoof_and_invalid(f, c, tid):
    before = state(tid)
    html_bytes = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n"
    r = act(c, tid, "resolved", "完工", files=[("photos", "x.jpg", "image/jpeg", html_bytes)])
    t.eq(r.status, 422, "completing with HTML named x.jpg: 422")
    t.has(visible_text(r.text), L["attach.err_type"], "the page says only photos are accepted", r)
    t.eq(state(tid), before, "after the spoofed photo the work order is unchanged")
    t.eq(sql_value("SELECT COUNT(*) FROM attachment WHERE ticket_id = %d" % tid), "0",
         "the spoofed photo is not attached")
    r = act(c, tid, "resolved", "完工", extra=[("part_name", "阀门"), ("part_quantity", "两个"),
                                               ("part_unit", "个")], files=[])
    t.eq(r.status, 422, "completing with a part quantity that is not a number: 422")
    t.ok('value="两个"' in r.text, "the re-rendered form keeps the typed quantity", r.brief())
    t.eq(state(tid), before, "after the invalid part the work order is unchanged")


def flow(f, c):
    tid = f["mine"]["id"]
    v1 = state(tid)[3]
    r = act(c, tid, "accepted")
    t.ok(r.status == 303 and r.location == "/m/tickets/%d" % tid, "accept: 303 back to the work order", r.brief())
    t.eq(state(tid)[0], "accepted", "accept: the status is accepted")
    t.has(visible_text(c.get(r.location).text), L["ticket.status.accepted"], "accept: the page shows the status accepted")

    r = act(c, tid, "en_route", version=v1)
    t.eq(r.status, 409, "depart with the version from before accepting: 409")
    t.has(visible_text(r.text), L["ticket.err_conflict"], "the 409 page says someone else changed the work order", r)
    t.eq(state(tid)[0], "accepted", "after the 409 the status is still accepted")

    for to in ("en_route", "on_site"):
        r = act(c, tid, to)
        t.eq(r.status, 303, "%s: 303" % to)
        t.eq(state(tid)[0], to, "%s: the status is %s" % (to, to))
        t.has(visible_text(c.get("/m/tickets/%d" % tid).text), L["ticket.status." + to],
              "%s: the page shows the status" % to)

    spoof_and_invalid(f, c, tid)

    image = png()
    r = act(c, tid, "resolved", "更换了暖气片阀门", extra=[("part_name", "暖气片阀门"), ("part_quantity", "2"),
                                                          ("part_unit", "个"), ("part_name", ""),
                                                          ("part_quantity", ""), ("part_unit", "")],
            files=[("photos", "现场.png", "image/png", image)])
    t.ok(r.status == 303 and r.location == "/m/tickets/%d" % tid, "complete with a photo and a part: 303", r.brief())
    t.eq(state(tid)[0], "resolved", "complete: the status is resolved")
    rows = sql("SELECT id, mime, size, uploaded_by FROM attachment WHERE ticket_id = %d" % tid)
    t.ok(len(rows) == 1 and rows[0][1] == "image/png" and rows[0][2] == str(len(image))
         and rows[0][3] == f["tech"], "the photo is attached as image/png by t_tech", rows)
    parts = sql("SELECT name, quantity, unit, staff_id FROM ticket_part WHERE ticket_id = %d" % tid)
    t.eq(parts, [["暖气片阀门", "2.00", "个", f["tech"]]], "the part is recorded (blank rows skipped)")
    html = c.get("/m/tickets/%d" % tid).text
    t.has(visible_text(html), L["ticket.status.resolved"], "the page shows the status resolved (%s)" % L["ticket.status.resolved"])
    if rows:
        src = "/m/tickets/%d/attachments/%s" % (tid, rows[0][0])
        t.has(html, '<img src="%s"' % src, "the page shows the photo's thumbnail", None)
        img = c.get(src)
        t.ok(img.status == 200 and img.raw == image and img.header("Content-Type") == "image/png",
             "the photo downloads as the same PNG", img.brief())
    t.has(visible_text(html), "暖气片阀门 × 2 个", "the page lists the part")
    t.ok(f["mine"]["number"] not in c.get("/m").text, "the resolved order has left /m", "")

    steps = sql("SELECT kind, COALESCE(to_status, ''), COALESCE(staff_id, 0), COALESCE(body, '')"
                " FROM ticket_event WHERE ticket_id = %d ORDER BY id" % tid)
    by_tech = [s for s in steps if s[2] == f["tech"]]
    statuses = [s[1] for s in by_tech if s[0] == "status"]
    t.eq(statuses, ["accepted", "en_route", "on_site", "resolved"],
         "the timeline has each step, in order, by t_tech")
    t.ok(any(s[0] == "attachment" for s in by_tech), "the timeline records the photo by t_tech", steps)
    t.ok(any(s[0] == "part" for s in by_tech), "the timeline records the part by t_tech", steps)
    t.ok(any(s[0] == "note" and "阀门" in s[3] for s in by_tech), "the timeline keeps the completion note", steps)


def decline(f, c):
    d = f["decline"]
    before = state(d["id"])
    r = act(c, d["id"], "declined", "")
    t.eq(r.status, 422, "decline without a reason: 422")
    t.has(visible_text(r.text), L["ticket.err_reason"], "the page asks for the reason", r)
    t.has(r.text, "<details class=\"m-action\" open>", "the decline form is open again", r)
    t.eq(state(d["id"]), before, "after the refused decline the work order is unchanged")
    r = act(c, d["id"], "declined", "车坏了，去不了")
    t.ok(r.status == 303 and r.location == "/m", "decline with a reason: 303 to /m", r.brief())
    st = state(d["id"])
    t.ok(st[0] == "dispatched" and st[1] is None and st[2] == f["eng"],
         "declined: back to the department, dispatched and unassigned", st)
    ev = sql("SELECT kind, COALESCE(staff_id, 0), COALESCE(body, '') FROM ticket_event"
             " WHERE ticket_id = %d ORDER BY id" % d["id"])
    t.ok(any(e[0] == "status" and e[1] == f["tech"] for e in ev) and
         any(e[0] == "note" and e[1] == f["tech"] and "车坏了" in e[2] for e in ev),
         "the timeline has the decline and its reason by t_tech", ev)
    text = c.get("/m").text
    team = text.find(d["number"])
    t.ok(team > text.find('id="m-team"') > 0, "the declined order is now listed under the team", "")


def pending(f, c):
    p = f["pending"]
    r = act(c, p["id"], "pending", "等配件")
    t.eq(r.status, 422, "pending without a resume time: 422")
    t.has(visible_text(r.text), L["ticket.err_resume"], "the page asks for the resume time", r)
    t.eq(state(p["id"])[0], "accepted", "after the refused pending the status is unchanged")
    r = act(c, p["id"], "pending", "等配件", extra=[("resume_at", "2030-01-02T09:30")])
    t.eq(r.status, 303, "pending with a reason and a resume time: 303")
    row = sql("SELECT status, pending_reason, resume_at FROM ticket WHERE id = %d" % p["id"])[0]
    t.eq(row, ["pending", "等配件", "2030-01-02 01:30:00"], "pending: reason and resume time (UTC) are stored")
    text = visible_text(c.get("/m/tickets/%d" % p["id"]).text)
    t.ok(L["ticket.status.pending"] in text and "等配件" in text and "2030-01-02 09:30" in text,
         "the page shows the hold, its reason and the local resume time", text[:300])
    r = act(c, p["id"], "resume")
    t.eq(r.status, 303, "resume: 303")
    t.eq(state(p["id"])[0], "accepted", "resume: back to where it was (accepted)")


def main():
    f = setup()
    c = logged_in("t_tech")
    t.section("list", list_page, f, c)
    t.section("detail", detail, f, c)
    t.section("another team", other_team, f, c)
    t.section("accept to complete", flow, f, c)
    t.section("decline", decline, f, c)
    t.section("pending and resume", pending, f, c)
    t.done()


main()
