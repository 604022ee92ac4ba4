#!/usr/bin/env python3
"""test_reports_more.py — the meal sales ranking and the customer category statistics
(docs/KPI.md) through the real stack.

A community unique to this run gets households, residents of several categories and levels,
meal orders (one cancelled) and work orders on past local days; the expected figures are
computed here in Python from the fixture lists (not with SQL) and the JSON, the pages and
the CSV (with its BOM) must match them.  Agents get 403."""
import datetime as dt
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wl  # noqa: E402

t = wl.Tap("test_reports_more")
RUN = os.urandom(3).hex()
SEED = int(RUN, 16)
TZ = dt.timedelta(hours=8)          # Asia/Shanghai (WL_TZ of the test stacks)


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


def yuan(fen):
    return "%d.%02d" % (fen // 100, fen % 100)


def one(query):
    return int(wl.sql_value(query))


# ---------------------------------------------------------------------------------------

def setup():
    wl.wlctl("user-add", "t_rmgr", "测试经理", "manager", stdin=wl.PASSWORD)
    wl.sql("INSERT INTO community (code, name) VALUES ('rc%s', '报表小区%s')" % (RUN, RUN))
    fx.comm = one("SELECT id FROM community WHERE code = 'rc%s'" % RUN)
    wl.sql("INSERT INTO building (community_id, name) VALUES (%d, '1号楼')" % fx.comm)
    b = one("SELECT id FROM building WHERE community_id = %d" % fx.comm)
    wl.sql("INSERT INTO unit (building_id, name) VALUES (%d, '1单元')" % b)
    u = one("SELECT id FROM unit WHERE building_id = %d" % b)
    fx.hh = []
    for room in ("101", "102"):
        wl.sql("INSERT INTO household (unit_id, room) VALUES (%d, '%s')" % (u, room))
        fx.hh.append(one("SELECT id FROM household WHERE unit_id = %d AND room = '%s'" % (u, room)))
    # Residents: (category, level)
    fx.res = []
    for i, (cat, lvl) in enumerate((("owner", "vip"), ("owner", "normal"), ("tenant", "normal"),
                                    (None, "normal"))):
        wl.sql("INSERT INTO resident (name, category, level) VALUES ('报表住户%s%d', %s, '%s')"
               % (RUN, i, q(cat), lvl))
        rid = one("SELECT id FROM resident WHERE name = '报表住户%s%d'" % (RUN, i))
        fx.res.append({"id": rid, "cat": cat, "lvl": lvl})
    base = dt.date(2019, 1, 1) + dt.timedelta(days=SEED % 300)
    fx.days = [base, base + dt.timedelta(days=1)]
    fx.before = base - dt.timedelta(days=3)
    fx.after = base + dt.timedelta(days=5)
    setup_meals()
    setup_tickets()


def setup_meals():
    period = one("SELECT id FROM meal_period WHERE name = '午餐'")
    slot = one("SELECT id FROM meal_slot WHERE period_id = %d ORDER BY sort LIMIT 1" % period)
    fx.items = {}
    for code, kind, price in (("A", "dish", 1250), ("B", "dish", 800), ("C", "set", 2599), ("D", "dish", 300)):
        name = "报表菜%s%s" % (code, RUN)
        wl.sql("INSERT INTO meal_item (kind, name, price_fen) VALUES ('%s', '%s', %d)" % (kind, name, price))
        fx.items[code] = {"id": one("SELECT id FROM meal_item WHERE name = '%s'" % name), "name": name,
                          "kind": kind, "price": price}
    menus = {}
    for day in fx.days + [fx.before]:
        for code, it in fx.items.items():
            wl.sql("INSERT INTO meal_menu (menu_date, period_id, item_id, stock) VALUES ('%s', %d, %d, 100)"
                   % (day, period, it["id"]))
            menus[(day, code)] = one("SELECT id FROM meal_menu WHERE menu_date = '%s' AND period_id = %d"
                                     " AND item_id = %d" % (day, period, it["id"]))
    # orders: (day, household index, status, [(item, qty, free, price override)])
    fx.orders = [
        (fx.days[0], 0, "delivered", [("A", 2, 0, None), ("B", 1, 0, None)]),
        (fx.days[0], 1, "placed", [("C", 1, 0, None), ("A", 1, 0, 1100), ("D", 1, 1, 0)]),
        (fx.days[1], 0, "confirmed", [("B", 3, 0, None), ("D", 2, 0, None)]),
        (fx.days[1], 1, "preparing", [("C", 2, 0, None)]),
        (fx.days[1], 0, "cancelled", [("A", 9, 0, None), ("D", 7, 0, None)]),   # left out
        (fx.before, 0, "delivered", [("B", 5, 0, None)]),                       # before the period
    ]
    for i, (day, h, status, lines) in enumerate(fx.orders):
        sub = sum(qty * (it_price if it_price is not None else fx.items[c]["price"]) * (0 if free else 1)
                  for c, qty, free, it_price in lines)
        number = "M%s%02d" % (RUN, i)
        wl.sql("INSERT INTO meal_order (number, resident_id, household_id, menu_date, period_id, slot_id,"
               " status, subtotal_fen, discount_fen, total_fen) VALUES ('%s', %d, %d, '%s', %d, %d, '%s', %d, 0, %d)"
               % (number, fx.res[0]["id"], fx.hh[h], day, period, slot, status, sub, sub))
        oid = one("SELECT id FROM meal_order WHERE number = '%s'" % number)
        for c, qty, free, it_price in lines:
            it = fx.items[c]
            wl.sql("INSERT INTO meal_order_line (order_id, menu_id, item_id, name, price_fen, qty, free)"
                   " VALUES (%d, %d, %d, '%s', %d, %d, %d)"
                   % (oid, menus[(day, c)], it["id"], it["name"],
                      it_price if it_price is not None else it["price"], qty, free))


def setup_tickets():
    wl.sql("INSERT INTO ticket_type (code, name) VALUES ('rm%s', '报表类型%s')" % (RUN, RUN))
    ttype = one("SELECT id FROM ticket_type WHERE code = 'rm%s'" % RUN)
    d0 = dt.datetime.combine(fx.days[0], dt.time(9, 0))
    d1 = dt.datetime.combine(fx.days[1], dt.time(14, 30))
    pre = dt.datetime.combine(fx.before, dt.time(10, 0))
    post = dt.datetime.combine(fx.after, dt.time(10, 0))
    h = dt.timedelta(hours=1)
    m = dt.timedelta(minutes=1)
    # (resident index or None, created, resolved, satisfaction)
    fx.tickets = [
        (0, d0, d0 + 3 * h, 5),
        (0, d0 + h, d1, 4),
        (0, d1, None, None),
        (1, d0, d0 + 90 * m, 2),
        (1, pre, d0 + 2 * h, None),       # created before, resolved inside
        (1, d1, post, 5),                 # created inside, resolved after
        (2, d1, d1 + 45 * m, 3),
        (3, d0, d0 + 125 * m, 5),
        (None, d0, d0 + h, 5),            # no resident: left out
        (2, pre, pre + h, 1),             # wholly before the period
    ]
    for i, (ri, cr, rs, sat) in enumerate(fx.tickets):
        wl.sql("INSERT INTO ticket (number, type_id, status, title, channel, resident_id, community_id,"
               " created_at, resolved_at, satisfaction) VALUES ('RM%s%02d', %d, '%s', '报表测试', 'staff',"
               " %s, %d, '%s', %s, %s)"
               % (RUN, i, ttype, "resolved" if rs else "new", q(fx.res[ri]["id"] if ri is not None else None),
                  fx.comm, utc(cr), q(utc(rs)) if rs else "NULL", q(sat)))


def period():
    return "from=%s&to=%s&community_id=%d" % (fx.days[0], fx.days[1], fx.comm)


# ---------------------------------------------------------------------------------------
# Expected figures from the lists

def want_meals():
    agg = {}
    for day, h, status, lines in fx.orders:
        if status == "cancelled" or not (fx.days[0] <= day <= fx.days[1]):
            continue
        for c, qty, free, price in lines:
            a = agg.setdefault(c, {"portions": 0, "fen": 0})
            a["portions"] += qty
            if not free:
                a["fen"] += qty * (price if price is not None else fx.items[c]["price"])
    order = sorted(agg, key=lambda c: (-agg[c]["portions"], -agg[c]["fen"], fx.items[c]["id"]))
    return [(c, agg[c]) for c in order]


LABELS = {"owner": "业主", "tenant": "租户", None: "—", "vip": "VIP", "normal": "普通"}


def want_residents():
    lo = dt.datetime.combine(fx.days[0], dt.time(0))
    hi = dt.datetime.combine(fx.days[1] + dt.timedelta(days=1), dt.time(0))
    agg = {}
    for ri, cr, rs, sat in fx.tickets:
        if ri is None:
            continue
        k = (fx.res[ri]["cat"], fx.res[ri]["lvl"])
        a = agg.setdefault(k, {"created": 0, "resolved": 0, "mins": 0, "sats": []})
        if lo <= cr < hi:
            a["created"] += 1
        if rs and lo <= rs < hi:
            a["resolved"] += 1
            a["mins"] += int((rs - cr).total_seconds() // 60)
            if sat:
                a["sats"].append(sat)
    return {k: v for k, v in agg.items() if v["created"] or v["resolved"]}


# ---------------------------------------------------------------------------------------

def test_meals_json():
    r = fx.mgr.get("/api/v1/reports/meals?" + period())
    t.eq(r.status, 200, "the meal ranking JSON")
    doc = r.json()
    want = want_meals()
    rows = doc.get("rows", [])
    t.eq([x.get("item_id") for x in rows], [fx.items[c]["id"] for c, _ in want],
         "ranked by portions, then revenue")
    t.eq([x.get("rank") for x in rows], list(range(1, len(want) + 1)), "ranks 1..n")
    for x, (c, a) in zip(rows, want):
        t.eq((x.get("portions"), x.get("revenue_fen"), x.get("revenue_yuan")),
             (a["portions"], a["fen"], yuan(a["fen"])), "portions and revenue of %s" % c)
        t.eq(x.get("label"), fx.items[c]["name"], "the dish's name")
        t.eq(x.get("kind"), fx.items[c]["kind"], "dish or set meal")
    tp = sum(a["portions"] for _, a in want)
    tf = sum(a["fen"] for _, a in want)
    tot = doc.get("total", {})
    t.eq((tot.get("portions"), tot.get("revenue_fen"), tot.get("revenue_yuan")), (tp, tf, yuan(tf)),
         "the totals (cancelled order left out)")
    # The cancelled order's 9 portions of A are nowhere.
    a_row = [x for x in rows if x.get("item_id") == fx.items["A"]["id"]]
    t.eq(a_row[0].get("portions") if a_row else None, 3, "A: 2 + 1, the cancelled 9 left out")
    # Another community: nothing.
    other = fx.mgr.get("/api/v1/reports/meals?from=%s&to=%s&community_id=%d"
                       % (fx.days[0], fx.days[1], fx.comm + 100000)).json()
    t.eq(other.get("rows"), [], "another community has no sales")
    t.eq(fx.mgr.get("/api/v1/reports/meals?from=2021-02-30").status, 400, "a bad date is refused")


def test_residents_json():
    r = fx.mgr.get("/api/v1/reports/residents?" + period())
    t.eq(r.status, 200, "the customer category JSON")
    doc = r.json()
    want = want_residents()
    rows = doc.get("rows", [])
    t.eq(len(rows), len(want), "one row per category and level with work orders")
    tc = tr = tm = 0
    tsats = []
    for (cat, lvl), a in want.items():
        key = "%s/%s" % (cat or "", lvl)
        got = [x for x in rows if x.get("key") == key]
        if not got:
            t.ok(False, "a row for %s" % key, [x.get("key") for x in rows])
            continue
        g = got[0]
        t.eq((g.get("category_label"), g.get("level_label")), (LABELS[cat], LABELS[lvl]),
             "dictionary labels of %s" % key)
        t.eq((g.get("created"), g.get("resolved")), (a["created"], a["resolved"]), "created and resolved of %s" % key)
        t.eq(g.get("mean_resolution_minutes"), ratio(a["mins"], a["resolved"], False), "mean minutes of %s" % key)
        t.eq(g.get("mean_resolution_hours"), ratio(a["mins"], a["resolved"] * 60, False), "mean hours of %s" % key)
        n = len(a["sats"])
        t.eq((g.get("rated"), g.get("satisfaction_mean"), g.get("satisfaction_rate")),
             (n, ratio(sum(a["sats"]), n, False), ratio(len([s for s in a["sats"] if s >= 4]), n)),
             "satisfaction of %s" % key)
        tc += a["created"]
        tr += a["resolved"]
        tm += a["mins"]
        tsats += a["sats"]
    tot = doc.get("total", {})
    t.eq((tot.get("created"), tot.get("resolved"), tot.get("mean_resolution_minutes"), tot.get("satisfaction_mean")),
         (tc, tr, ratio(tm, tr, False), ratio(sum(tsats), len(tsats), False)), "the totals")
    # Order: owners (sort 10) before tenants (20), the unclassified last; VIP before 普通.
    t.eq([x.get("key") for x in rows], ["owner/vip", "owner/normal", "tenant/normal", "/normal"],
         "ordered by the dictionaries' order")


def test_pages_and_csv():
    r = fx.mgr.get("/reports/meals?" + period())
    t.eq(r.status, 200, "the meal ranking page opens")
    text = wl.visible_text(r.text)
    t.ok("餐品销量排行" in text and "合计" in text and "销量(份)" in text, "Chinese headings and totals", text[:300])
    t.has(text, fx.items["C"]["name"], "a set meal on the page", r)
    t.has(text, "%s — %s" % (fx.days[0], fx.days[1]), "the period is on the page", r)
    want = want_meals()
    csv = fx.mgr.get("/reports/meals?%s&format=csv" % period())
    t.ok(csv.raw.startswith(b"\xef\xbb\xbf"), "the meal CSV starts with the UTF-8 BOM")
    lines = csv.raw[3:].decode("utf-8").strip().split("\r\n")
    t.ok(lines[0].startswith('"排名","餐品"'), "the CSV header is Chinese", lines[0])
    c, a = want[0]
    t.eq(lines[1], '"1","%s","%s","%d","%s"' % (fx.items[c]["name"], "套餐" if fx.items[c]["kind"] == "set" else "菜品",
                                                 a["portions"], yuan(a["fen"])), "the first CSV line")
    tf = sum(x["fen"] for _, x in want)
    t.ok(lines[-1].startswith('"合计"') and lines[-1].endswith('"%s"' % yuan(tf)), "the CSV totals line", lines[-1])
    r = fx.mgr.get("/reports/residents?" + period())
    t.eq(r.status, 200, "the customer category page opens")
    text = wl.visible_text(r.text)
    t.ok("客户类别统计" in text and "业主" in text and "VIP" in text and "租户" in text, "labels on the page", text[:300])
    csv = fx.mgr.get("/reports/residents?%s&format=csv" % period())
    t.ok(csv.raw.startswith(b"\xef\xbb\xbf"), "the resident CSV starts with the UTF-8 BOM")
    lines = csv.raw[3:].decode("utf-8").strip().split("\r\n")
    t.ok(lines[0].startswith('"客户类别","客户等级","新建","解决"'), "the resident CSV header", lines[0])
    t.ok(lines[1].startswith('"业主","VIP","3","2"'), "the first resident CSV line", lines[1])
    idx = fx.mgr.get("/reports")
    t.ok('href="/reports/meals"' in idx.text and 'href="/reports/residents"' in idx.text,
         "both reports linked from the report index")


def test_agent_limits():
    for path in ("/reports/meals", "/reports/residents", "/api/v1/reports/meals", "/api/v1/reports/residents"):
        t.eq(fx.agent_c.get(path).status, 403, "an agent gets 403 on %s" % path)
    t.ok('href="/reports/meals"' not in fx.agent_c.get("/reports").text, "no link for an agent")


def main():
    t.section("fixture", setup)
    if t.failed:
        t.done()
    fx.mgr = wl.logged_in("t_rmgr")
    fx.agent_c = wl.logged_in("t_agent")
    for fn in (test_meals_json, test_residents_json, test_pages_and_csv, test_agent_limits):
        t.section(fn.__name__, fn)
    t.done()


if __name__ == "__main__":
    main()
