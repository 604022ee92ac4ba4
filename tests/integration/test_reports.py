#!/usr/bin/env python3
"""test_reports.py — the KPI reports (docs/KPI.md) through the real stack.

Calls and work orders are inserted with SQL under a queue and a work-order type unique to
this run, on three past local days and today; the expected figures are computed here in
Python from the fixture lists (not with SQL), and the report JSON, pages and CSV must match
them exactly.  The summary tables must equal the same direct computation after the rollup,
also after later changes to a rolled-up day.  Quality inspection: a supervisor scores a
recording; the agent sees their own review, another agent gets 403; agents get 403 on the
managers' reports."""
import datetime as dt
import math
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wl  # noqa: E402

t = wl.Tap("test_reports")
RUN = os.urandom(3).hex()
SEED = int(RUN, 16)
rnd = random.Random(SEED)
TZ = dt.timedelta(hours=8)          # Asia/Shanghai (WL_TZ of the test stacks)
SL, SHORT = 20, 5                   # the default thresholds


class Fx:
    pass


fx = Fx()


def ratio(num, den, pct=True):
    """docs/KPI.md: tenths rounded half up, None when den is 0."""
    if den <= 0:
        return None
    scale = 1000 if pct else 10
    return ((num * scale * 2 + den) // (2 * den)) / 10.0


def utc(local):
    return (local - TZ).strftime("%Y-%m-%d %H:%M:%S")


def q(v):
    return "NULL" if v is None else (str(v) if isinstance(v, int) else wl.sql_str(v))


# ---------------------------------------------------------------------------------------
# Fixture

def setup():
    for login, name, role in (("t_rmgr", "测试经理", "manager"), ("t_rsup", "测试班长", "supervisor")):
        wl.wlctl("user-add", login, name, role, stdin=wl.PASSWORD)
    fx.agent = int(wl.sql_value("SELECT id FROM staff WHERE login = 't_agent'"))
    fx.agent2 = int(wl.sql_value("SELECT id FROM staff WHERE login = 't_agent2'"))
    fx.queue = "rq" + RUN
    wl.sql("INSERT INTO acd_queue (code, name) VALUES ('%s', '报表测试队列%s')" % (fx.queue, RUN))
    wl.sql("INSERT INTO ticket_type (code, name) VALUES ('rt%s', '报表测试类型%s')" % (RUN, RUN))
    fx.type_id = int(wl.sql_value("SELECT id FROM ticket_type WHERE code = 'rt%s'" % RUN))
    # Three past local days far from other tests' data, and today.
    base = dt.date(2021, 1, 1) + dt.timedelta(days=SEED % 300)
    fx.days = [base, base + dt.timedelta(days=1), base + dt.timedelta(days=2)]
    now_local = dt.datetime.utcnow() + TZ
    fx.today = now_local.date()
    fx.calls = []
    for day in fx.days + [fx.today]:
        n = 25 if day != fx.today else 8
        for i in range(n):
            if day == fx.today:
                start = now_local - dt.timedelta(minutes=rnd.randint(5, 60 * max(1, now_local.hour) // 2 + 5))
                if start.date() != fx.today:
                    start = dt.datetime.combine(fx.today, dt.time(0, 1))
            else:
                start = dt.datetime.combine(day, dt.time(rnd.randint(0, 23), rnd.randint(0, 59), rnd.randint(0, 59)))
            disp = rnd.choice(["answered"] * 5 + ["abandoned"] * 3 + ["voicemail"])
            wait = rnd.randint(0, 45)
            c = {"start": start, "disposition": disp, "wait": wait, "queue": fx.queue,
                 "agent": rnd.choice([fx.agent, fx.agent2]) if disp == "answered" else None,
                 "talk": rnd.randint(20, 400) if disp == "answered" else None,
                 "hold": rnd.choice([None, rnd.randint(0, 30)]) if disp == "answered" else None,
                 "rating": rnd.choice([None, 1, 2, 3, 4, 5]) if disp == "answered" else None,
                 "direction": "in", "ended": True}
            fx.calls.append(c)
    # Left out by the definitions: outbound, blacklisted, still going.
    d0 = dt.datetime.combine(fx.days[0], dt.time(10, 0))
    fx.calls.append(dict(fx.calls[0], start=d0, direction="out", disposition="answered", agent=fx.agent))
    fx.calls.append(dict(fx.calls[0], start=d0, disposition="blacklisted", agent=None))
    fx.calls.append(dict(fx.calls[0], start=now_local - dt.timedelta(minutes=1), ended=False,
                         disposition=None, agent=None))
    for c in fx.calls:
        insert_call(c)
    fx.tickets = []
    for day in fx.days:
        for i in range(12):
            created = dt.datetime.combine(day, dt.time(rnd.randint(0, 20), rnd.randint(0, 59)))
            resolved = None
            if rnd.random() < 0.8:
                resolved = created + dt.timedelta(minutes=rnd.randint(10, 2500))
            due = created + dt.timedelta(minutes=rnd.choice([240, 1440])) if rnd.random() < 0.85 else None
            tk = {"created": created, "resolved": resolved, "due": due,
                  "assignee": rnd.choice([fx.agent, fx.agent2, None]),
                  "sat": rnd.choice([None, 1, 2, 3, 4, 5]) if resolved else None,
                  "reopened": rnd.random() < 0.2, "on_site": rnd.choice([0, 1, 1, 2])}
            fx.tickets.append(tk)
    for i, tk in enumerate(fx.tickets):
        insert_ticket(i, tk)


def insert_call(c):
    s = c["start"]
    ended = s + dt.timedelta(seconds=c["wait"] + (c["talk"] or 0)) if c["ended"] else None
    wl.sql("INSERT INTO `call` (direction, caller, callee, queue, started_at, answered_at, ended_at,"
           " wait_seconds, talk_seconds, hold_seconds, disposition, rating, agent_id) VALUES"
           " (%s, '139%s', '4008001234', %s, '%s', %s, %s, %d, %s, %s, %s, %s, %s)"
           % (q(c["direction"]), RUN, q(c["queue"]), utc(s),
              q(utc(s + dt.timedelta(seconds=c["wait"]))) if c["disposition"] == "answered" else "NULL",
              q(utc(ended)) if ended else "NULL", c["wait"], q(c["talk"]), q(c["hold"]),
              q(c["disposition"]), q(c["rating"]), q(c["agent"])))


def insert_ticket(i, tk):
    number = "R%s%03d" % (RUN, i)
    status = "resolved" if tk["resolved"] else "new"
    wl.sql("INSERT INTO ticket (number, type_id, status, title, channel, assignee_id, created_at,"
           " resolved_at, resolve_due_at, satisfaction) VALUES ('%s', %d, '%s', '报表测试', 'staff',"
           " %s, '%s', %s, %s, %s)"
           % (number, fx.type_id, status, q(tk["assignee"]), utc(tk["created"]),
              q(utc(tk["resolved"])) if tk["resolved"] else "NULL",
              q(utc(tk["due"])) if tk["due"] else "NULL", q(tk["sat"])))
    tid = int(wl.sql_value("SELECT id FROM ticket WHERE number = '%s'" % number))
    tk["id"] = tid
    at = utc(tk["created"] + dt.timedelta(minutes=5))
    for _ in range(tk["on_site"]):
        wl.sql("INSERT INTO ticket_event (ticket_id, at, kind, from_status, to_status) VALUES"
               " (%d, '%s', 'status', 'en_route', 'on_site')" % (tid, at))
    if tk["reopened"]:
        wl.sql("INSERT INTO ticket_event (ticket_id, at, kind, from_status, to_status) VALUES"
               " (%d, '%s', 'status', 'resolved', 'reopened')" % (tid, at))
    if tk["resolved"]:
        wl.sql("INSERT INTO ticket_event (ticket_id, at, kind, from_status, to_status) VALUES"
               " (%d, '%s', 'status', 'on_site', 'resolved')" % (tid, utc(tk["resolved"])))


# ---------------------------------------------------------------------------------------
# The expected figures, computed from the fixture lists

def counted(c):
    return c["ended"] and c["direction"] == "in" and c["disposition"] != "blacklisted"


def call_figures(calls):
    off = [c for c in calls if counted(c)]
    ans = [c for c in off if c["disposition"] == "answered"]
    abd = [c for c in off if c["disposition"] == "abandoned"]
    short = [c for c in abd if c["wait"] < SHORT]
    in_sl = [c for c in ans if c["wait"] <= SL]
    rated = [c["rating"] for c in off if c["rating"]]
    return {
        "offered": len(off), "answered": len(ans), "abandoned": len(abd),
        "short_abandoned": len(short),
        "overflowed": len([c for c in off if c["disposition"] == "voicemail"]),
        "answered_in_sl": len(in_sl),
        "answer_rate": ratio(len(ans), len(off)),
        "abandon_rate": ratio(len(abd), len(off)),
        "service_level": ratio(len(in_sl), len(off) - len(short)),
        "asa": ratio(sum(c["wait"] for c in ans), len(ans), False),
        "aht": ratio(sum(c["talk"] for c in ans), len(ans), False),
        "avg_hold": ratio(sum(c["hold"] or 0 for c in ans), len(ans), False),
        "max_wait": max([c["wait"] for c in off] or [0]),
        "rated": len(rated),
        "very_satisfied": rated.count(5), "satisfied": rated.count(4), "neutral": rated.count(3),
        "dissatisfied": rated.count(1) + rated.count(2),
        "satisfaction_rate": ratio(rated.count(5) + rated.count(4), len(rated)),
    }


def minutes(tk):
    return int((tk["resolved"] - tk["created"]).total_seconds() // 60)


def ticket_figures(created, resolved):
    mins = sorted(minutes(tk) for tk in resolved)
    due = [tk for tk in resolved if tk["due"]]
    in_sla = [tk for tk in due if tk["resolved"] <= tk["due"]]
    reop = [tk for tk in resolved if tk["reopened"]]
    ftf = [tk for tk in resolved if not tk["reopened"] and tk["on_site"] <= 1]
    sats = [tk["sat"] for tk in resolved if tk["sat"]]
    return {
        "created": len(created), "resolved": len(resolved),
        "mean_resolution_minutes": ratio(sum(mins), len(mins), False),
        "mean_resolution_hours": ratio(sum(mins), len(mins) * 60, False),
        "p90_resolution_minutes": mins[math.ceil(0.9 * len(mins)) - 1] if mins else None,
        "sla_attainment": ratio(len(in_sla), len(due)),
        "reopen_rate": ratio(len(reop), len(resolved)),
        "first_fix_rate": ratio(len(ftf), len(resolved)),
        "rated": len(sats), "very_satisfied": sats.count(5), "dissatisfied": sats.count(1) + sats.count(2),
        "satisfaction_mean": ratio(sum(sats), len(sats), False),
    }


def same(got, want):
    """The keys of want that differ in got."""
    return {k: (got.get(k), v) for k, v in want.items() if got.get(k) != v}


# ---------------------------------------------------------------------------------------

def period():
    return "from=%s&to=%s" % (fx.days[0], fx.today)


def test_calls_json():
    c = fx.mgr
    doc = c.get("/api/v1/reports/calls?%s&queue=%s&group=day" % (period(), fx.queue)).json()
    want_total = call_figures(fx.calls)
    t.eq(same(doc["total"], want_total), {}, "calls total over three past days and today")
    days = {r["key"]: r for r in doc["rows"]}
    for day in fx.days + [fx.today]:
        want = call_figures([x for x in fx.calls if x["start"].date() == day])
        t.eq(same(days.get(str(day), {}), want), {}, "calls of %s (%s)" % (day, "live" if day == fx.today else "summary"))
    doc = c.get("/api/v1/reports/calls?%s&queue=%s&group=agent" % (period(), fx.queue)).json()
    rows = {r["key"]: r for r in doc["rows"]}
    for a, name in ((fx.agent, wl.name_of("t_agent")), (fx.agent2, wl.name_of("t_agent2"))):
        want = call_figures([x for x in fx.calls if x["agent"] == a])
        got = rows.get(str(a), {})
        t.eq(same(got, want), {}, "calls answered by %s" % name)
        t.eq(got.get("label"), name, "the agent row is labelled with the name")
    doc = c.get("/api/v1/reports/calls?%s&queue=%s&group=hour" % (period(), fx.queue)).json()
    rows = {int(r["key"]): r for r in doc["rows"]}
    bad = {}
    for h in range(24):
        sel = [x for x in fx.calls if x["start"].hour == h and counted(x)]
        if sel:
            d = same(rows.get(h, {}), call_figures(sel))
            if d:
                bad[h] = d
    t.eq(bad, {}, "calls by local hour")
    doc = c.get("/api/v1/reports/calls?%s&queue=%s&group=week" % (period(), fx.queue)).json()
    t.eq(sum(r["offered"] for r in doc["rows"]), want_total["offered"], "weeks add up to the total")
    t.ok(all(dt.date.fromisoformat(r["key"]).weekday() == 0 for r in doc["rows"]), "weeks start on Monday")


def test_tickets_json():
    doc = fx.mgr.get("/api/v1/reports/tickets?%s&type_id=%d&group=day" % (period(), fx.type_id)).json()
    res = [tk for tk in fx.tickets if tk["resolved"]]
    t.eq(same(doc["total"], ticket_figures(fx.tickets, res)), {}, "work-order totals (p90, SLA, reopen, first fix)")
    rows = {r["key"]: r for r in doc["rows"]}
    for day in sorted({tk["created"].date() for tk in fx.tickets} | {tk["resolved"].date() for tk in res}):
        want = ticket_figures([tk for tk in fx.tickets if tk["created"].date() == day],
                              [tk for tk in res if tk["resolved"].date() == day])
        if day > fx.today:
            continue
        t.eq(same(rows.get(str(day), {}), want), {}, "work orders of %s" % day)
    doc = fx.mgr.get("/api/v1/reports/tickets?%s&type_id=%d&group=assignee" % (period(), fx.type_id)).json()
    rows = {r["key"]: r for r in doc["rows"]}
    for a in (fx.agent, fx.agent2):
        want = ticket_figures([tk for tk in fx.tickets if tk["assignee"] == a],
                              [tk for tk in res if tk["assignee"] == a])
        t.eq(same(rows.get(str(a), {}), want), {}, "technician ranking row of staff %d" % a)


def summary_calls():
    out = {}
    for line in wl.sql("SELECT day, hour, agent_id, offered, answered, abandoned, short_abandoned,"
                       " answered_in_sl, wait_answered, talk, max_wait FROM rpt_call_hour WHERE queue = '%s'"
                       % fx.queue):
        f = line
        out[(f[0], int(f[1]), int(f[2]))] = tuple(int(x) for x in f[3:])
    return out


def direct_calls():
    out = {}
    for c in fx.calls:
        if not counted(c) or c["start"].date() == fx.today:
            continue
        k = (str(c["start"].date()), c["start"].hour, c["agent"] or 0)
        v = list(out.get(k, (0,) * 8))
        ans = c["disposition"] == "answered"
        v[0] += 1
        v[1] += ans
        v[2] += c["disposition"] == "abandoned"
        v[3] += c["disposition"] == "abandoned" and c["wait"] < SHORT
        v[4] += ans and c["wait"] <= SL
        v[5] += c["wait"] if ans else 0
        v[6] += c["talk"] if ans else 0
        v[7] = max(v[7], c["wait"])
        out[k] = tuple(v)
    return out


def summary_tickets():
    out = {}
    for line in wl.sql("SELECT day, assignee_id, created, resolved, resolve_minutes, in_sla, reopened,"
                       " first_fix FROM rpt_ticket_day WHERE type_id = %d" % fx.type_id):
        f = line
        out[(f[0], int(f[1]))] = tuple(int(x) for x in f[2:])
    return out


def direct_tickets():
    out = {}

    def add(k, i, n=1):
        v = list(out.get(k, (0,) * 6))
        v[i] += n
        out[k] = tuple(v)
    for tk in fx.tickets:
        a = tk["assignee"] or 0
        if tk["created"].date() < fx.today:
            add((str(tk["created"].date()), a), 0)
        r = tk["resolved"]
        if r and r.date() < fx.today:
            k = (str(r.date()), a)
            add(k, 1)
            add(k, 2, minutes(tk))
            add(k, 3, 1 if tk["due"] and r <= tk["due"] else 0)
            add(k, 4, 1 if tk["reopened"] else 0)
            add(k, 5, 1 if not tk["reopened"] and tk["on_site"] <= 1 else 0)
    return out


def test_summaries():
    out = wl.wlctl("report-rollup")
    t.ok("report-rollup" in out, "wlctl report-rollup runs", out)
    t.eq(summary_calls(), direct_calls(), "rpt_call_hour equals the direct computation")
    t.eq(summary_tickets(), direct_tickets(), "rpt_ticket_day equals the direct computation")
    # A day's later activity: a late call on a rolled-up day, a work order reopened.
    late = dict(fx.calls[0], start=dt.datetime.combine(fx.days[1], dt.time(23, 50)), disposition="answered",
                agent=fx.agent, wait=3, talk=60, hold=None, rating=5, direction="in", ended=True)
    fx.calls.append(late)
    insert_call(late)
    tk = next(x for x in fx.tickets if x["resolved"] and x["resolved"].date() < fx.today)
    wl.sql("UPDATE ticket SET status = 'reopened', resolved_at = NULL WHERE id = %d" % tk["id"])
    wl.sql("INSERT INTO ticket_event (ticket_id, at, kind, from_status, to_status) VALUES"
           " (%d, UTC_TIMESTAMP(), 'status', 'resolved', 'reopened')" % tk["id"])
    tk["resolved"] = None
    tk["reopened"] = True
    wl.wlctl("report-rollup")
    t.eq(summary_calls(), direct_calls(), "after a late call, the summary still equals the direct computation")
    t.eq(summary_tickets(), direct_tickets(), "after a reopen, the summary still equals the direct computation")
    # The pages read summaries plus today live: still the same figures.
    test_calls_json()
    test_tickets_json()


def test_pages_and_csv():
    r = fx.mgr.get("/reports/calls?%s&queue=%s&group=day" % (period(), fx.queue))
    t.eq(r.status, 200, "the call report page opens")
    text = wl.visible_text(r.text)
    want = call_figures(fx.calls)
    t.ok("合计" in text and "排队来电" in text and "服务水平" in text, "Chinese headings and a totals row", text[:300])
    t.ok("<svg" in r.text and "</svg>" in r.text and "http://www.w3.org/2000/svg" in r.text, "an inline SVG chart")
    t.ok("<script" not in r.text.split("<svg", 1)[1].split("</svg>", 1)[0], "no script in the chart")
    t.has(text, "%s — %s" % (fx.days[0], fx.today), "the period is on the page", r)
    t.has(r.text, "print.css", "the print stylesheet is linked", r)
    m = [x for x in r.text.split("<tfoot>")[1].split("</tfoot>")[0].split("<td class=\"num\">")[1:]]
    t.eq(m[0].split("<")[0], str(want["offered"]), "the totals row shows the offered calls")
    csv = fx.mgr.get("/reports/calls?%s&queue=%s&group=day&format=csv" % (period(), fx.queue))
    t.ok(csv.raw.startswith(b"\xef\xbb\xbf"), "the CSV starts with the UTF-8 BOM")
    t.has(csv.header("Content-Type") or "", "text/csv", "CSV content type", csv)
    body = csv.raw[3:].decode("utf-8")
    lines = body.strip().split("\r\n")
    t.ok(lines[0].startswith('"分组","排队来电","接通","放弃"'), "the CSV header is Chinese", lines[0])
    t.ok(lines[-1].startswith('"合计","%d","%d","%d"' % (want["offered"], want["answered"], want["abandoned"])),
         "the CSV totals line", lines[-1])
    for path in ("/reports/tickets?%s&type_id=%d" % (period(), fx.type_id), "/reports/satisfaction",
                 "/reports/agents", "/reports/daily", "/reports", "/reports/qa", "/reports/settings"):
        r = fx.mgr.get(path)
        t.eq(r.status, 200, "manager opens %s" % path.split("?")[0])
    t.has(fx.mgr.get("/reports/daily").text, '<meta http-equiv="refresh" content="30">', "the daily page reloads itself")
    r = fx.mgr.get("/reports/calls?from=2021-13-40")
    t.ok(r.status == 400 and "日期请用" in wl.visible_text(r.text), "a bad date is refused with a clear message", r.brief())


def test_agent_limits():
    a = fx.agent_c
    for path in ("/reports/tickets", "/reports/satisfaction", "/reports/settings", "/api/v1/reports/tickets"):
        t.eq(a.get(path).status, 403, "an agent cannot open %s" % path)
    doc = a.get("/api/v1/reports/calls?%s&queue=%s&agent_id=%d" % (period(), fx.queue, fx.agent2)).json()
    want = call_figures([x for x in fx.calls if x["agent"] == fx.agent])
    t.eq(same(doc["total"], want), {}, "an agent's call report is their own, whatever agent_id says")
    r = a.get("/reports/calls")
    t.ok(r.status == 200 and "只显示您本人" in r.text, "the agent's page says it shows their own figures", r.brief())


def test_settings():
    c = fx.mgr
    tok = c.csrf("/reports/settings")
    r = c.post("/reports/settings", {"_csrf": tok, "sl_seconds": "abc", "short_abandon": "5"})
    t.ok(r.status == 400 and "1 到 600" in r.text, "a bad threshold is refused with a clear message", r.brief())
    t.eq(wl.sql_value("SELECT value FROM report_setting WHERE code = 'sl_seconds'"), "20", "nothing changed")
    r = c.post("/reports/settings", {"sl_seconds": "20", "short_abandon": "5"})
    t.eq(r.status, 403, "no CSRF token: refused")


def test_qa():
    cid = wl.sql_value("SELECT id FROM `call` WHERE queue = '%s' AND agent_id = %d AND direction = 'in'"
                      " ORDER BY id LIMIT 1" % (fx.queue, fx.agent))
    cid = int(cid)
    sup = wl.logged_in("t_rsup")
    wl.sql("UPDATE `call` SET recording_path = 'recordings/qa-%s.wav' WHERE id = %d" % (RUN, cid))
    r = sup.get("/calls/%d" % cid)
    t.has(r.text, 'href="/reports/qa/call/%d"' % cid, "the call page links a supervisor to scoring it", r)
    t.ok('/reports/qa/call/' not in fx.agent_c.get("/calls/%d" % cid).text, "but not the agent")
    r = sup.get("/reports/qa/call/%d" % cid)
    t.eq(r.status, 200, "a supervisor opens the scoring form")
    t.has(r.text, '<audio class="qa-audio" controls preload="metadata" src="/calls/%d/recording">' % cid,
          "the form has the recording's player (seekable: /calls/#/recording answers ranges)", r)
    t.has(r.text, "规范用语", "the scorecard's items are on the form", r)
    items = [(int(x[0]), int(x[1]), int(x[2])) for x in
             wl.sql("SELECT i.id, i.weight, i.max_score FROM qa_item i JOIN qa_scorecard c ON c.id = i.scorecard_id"
                    " WHERE c.name = '通话质检标准' ORDER BY i.sort, i.id")]
    card = wl.sql_value("SELECT id FROM qa_scorecard WHERE name = '通话质检标准'")
    tok = wl.csrf_from(r.text)
    bad = {"_csrf": tok, "scorecard": card, "comment": "x"}
    for i, _, _ in items:
        bad["item_%d" % i] = "11"
    r = sup.post("/reports/qa/call/%d" % cid, bad)
    t.ok(r.status == 400 and "0 到满分" in r.text, "a score above the maximum is refused", r.brief())
    n0 = int(wl.sql_value("SELECT COUNT(*) FROM qa_review WHERE call_id = %d" % cid))
    t.eq(n0, 0, "nothing was saved")
    scores = [rnd.randint(0, m) for _, _, m in items]
    form = {"_csrf": tok, "scorecard": card, "comment": "开头语规范，复述到位 %s" % RUN}
    for (i, _, _), s in zip(items, scores):
        form["item_%d" % i] = str(s)
    r = sup.post("/reports/qa/call/%d" % cid, form)
    t.eq(r.status, 303, "the score is saved")
    rid = int(r.location.rsplit("/", 1)[1])
    total = sum(w * s / m for (_, w, m), s in zip(items, scores)) / sum(w for _, w, _ in items) * 1000
    want = math.floor(total + 0.5 + 1e-9)
    t.eq(int(wl.sql_value("SELECT score FROM qa_review WHERE id = %d" % rid)), want, "the weighted score")
    own = fx.agent_c.get("/reports/qa/%d" % rid)
    t.ok(own.status == 200 and "复述到位 %s" % RUN in own.text, "the agent sees their own score and comment", own.brief())
    other = wl.logged_in("t_agent2")
    t.eq(other.get("/reports/qa/%d" % rid).status, 403, "another agent cannot open it")
    t.ok("复述到位 %s" % RUN not in other.get("/reports/qa").text, "nor see it in their list")
    t.eq(fx.agent_c.get("/reports/qa/call/%d" % cid).status, 403, "an agent cannot score")


def test_agent_log():
    day = fx.days[1]
    seq = [("09:00", "ready", None), ("10:00", "paused", "lunch"), ("10:30", "ready", None),
           ("11:00", "paused", "rest"), ("11:10", "logged_out", None), ("14:00", "ready", None),
           ("15:00", "on_call", None), ("15:05", "wrap_up", None), ("18:00", "logged_out", None)]
    for hm, state, reason in seq:
        at = utc(dt.datetime.combine(day, dt.time(int(hm[:2]), int(hm[3:]))))
        wl.sql("INSERT INTO agent_state_log (staff_id, state, reason, at, node) VALUES (%d, '%s', %s, '%s', 'test')"
               % (fx.agent2, state, q(reason), at))
    doc = fx.mgr.get("/api/v1/reports/agents?from=%s&to=%s&agent_id=%d" % (day, day, fx.agent2)).json()
    rows = doc["rows"]
    t.eq(len(rows), 1, "one row for the agent's day")
    want = {"day": str(day), "sign_ins": 2, "sign_outs": 2, "pauses": 2, "pause_seconds": 1800 + 600,
            "logged_in_seconds": (2 * 3600 + 600) + 4 * 3600, "pause_by_reason": {"lunch": 1800, "rest": 600}}
    t.eq(same(rows[0] if rows else {}, want), {}, "sign-ins, sign-outs, pauses by reason, logged-in time")
    own = fx.agent_c.get("/api/v1/reports/agents?from=%s&to=%s&agent_id=%d" % (day, day, fx.agent2)).json()
    t.eq(own["rows"], [], "an agent does not see another agent's operation log")
    r = fx.mgr.get("/reports/agents?from=%s&to=%s&agent_id=%d&format=csv" % (day, day, fx.agent2))
    t.ok(r.raw.startswith(b"\xef\xbb\xbf") and "签入" in r.raw.decode("utf-8") and "0:40:00" in r.raw.decode("utf-8"),
         "the operation log as CSV (pause time 0:40:00)", r.raw[:300])


def test_scorecards():
    c = fx.mgr
    r = c.get("/reports/qa/cards")
    t.ok(r.status == 200 and "规范用语" in r.text, "a manager maintains the scorecards", r.brief())
    tok = wl.csrf_from(r.text)
    name = "投诉质检%s" % RUN
    r = c.post("/reports/qa/cards", {"_csrf": tok, "name": name, "description": "投诉电话专用"})
    t.eq(r.status, 303, "a new scorecard")
    card = int(wl.sql_value("SELECT id FROM qa_scorecard WHERE name = '%s'" % name))
    r = c.post("/reports/qa/cards", {"_csrf": tok, "name": name})
    t.ok(r.status == 400 and "已有同名" in r.text, "the same name again is refused", r.brief())
    r = c.post("/reports/qa/cards/%d/items" % card, {"_csrf": tok, "item_name": "安抚情绪", "weight": "0",
                                                    "max_score": "5"})
    t.ok(r.status == 400 and "权重请填写 1 到 100" in r.text and 'value="安抚情绪"' in r.text,
         "a weight of 0 is refused, the form keeps the input", r.brief())
    t.eq(wl.sql_value("SELECT COUNT(*) FROM qa_item WHERE scorecard_id = %d" % card), "0", "nothing was added")
    r = c.post("/reports/qa/cards/%d/items" % card, {"_csrf": tok, "item_name": "安抚情绪", "weight": "60",
                                                    "max_score": "5", "item_description": "先安抚再解决"})
    t.eq(r.status, 303, "an item with weight 60 out of 5 points")
    r = c.post("/reports/qa/cards/%d/items" % card, {"_csrf": tok, "item_name": "给出时限", "weight": "40",
                                                    "max_score": "10"})
    items = wl.sql("SELECT id FROM qa_item WHERE scorecard_id = %d ORDER BY sort" % card)
    t.eq(len(items), 2, "two items on the new scorecard")
    cid = int(wl.sql_value("SELECT id FROM `call` WHERE queue = '%s' AND agent_id = %d ORDER BY id DESC LIMIT 1"
                           % (fx.queue, fx.agent2)))
    sup = wl.logged_in("t_rsup")
    r = sup.get("/reports/qa/call/%d?scorecard=%d" % (cid, card))
    t.ok(r.status == 200 and "安抚情绪" in r.text, "the form shows the chosen scorecard", r.brief())
    r = sup.post("/reports/qa/call/%d" % cid, {"_csrf": wl.csrf_from(r.text), "scorecard": str(card),
                                               "item_%s" % items[0][0]: "4", "item_%s" % items[1][0]: "5"})
    t.eq(r.status, 303, "scored on the new scorecard")
    rid = int(r.location.rsplit("/", 1)[1])
    # (60*4/5 + 40*5/10) / 100 * 1000 = 680
    t.eq(wl.sql_value("SELECT score FROM qa_review WHERE id = %d" % rid), "680", "weighted: 68.0")
    r = c.post("/reports/qa/cards/%d/items/%s/delete" % (card, items[0][0]), {"_csrf": tok})
    t.ok(r.status == 400 and "不能删除" in r.text, "an item used by a review is kept", r.brief())
    t.eq(sup.get("/reports/qa/cards").status, 403, "a supervisor does not edit scorecards")


def main():
    t.section("fixture", setup)
    if t.failed:
        t.done()
    fx.mgr = wl.logged_in("t_rmgr")
    fx.agent_c = wl.logged_in("t_agent")
    for fn in (test_calls_json, test_tickets_json, test_summaries, test_pages_and_csv, test_agent_limits,
               test_settings, test_qa, test_agent_log, test_scorecards):
        t.section(fn.__name__, fn)
    t.done()


if __name__ == "__main__":
    main()
