#!/usr/bin/python3
"""test_meal.py — meal ordering (订餐) end to end against the real stack: an admin sets up a
period, dishes, a set meal, the menu and promotions through the pages (bad input refused with
clear Chinese messages, nothing saved); orders through the API are priced as computed by hand
(敬老 percentage rounded half up to the fen, 满减 on the subtotal, a gift line, a fixed discount,
an exclusive promotion that wins or loses against the combination); the cut-off refuses
orders; two concurrent orders for the last portion: exactly one succeeds, the other gets
"已售完" and the stock is never oversold; a resident can neither read nor cancel another's
order (portal and API) but cancels their own and the portions go back; staff cancel needs a
reason; confirming queues the confirmation SMS; kitchen, delivery and sales lists add up."""
import datetime
import json
import os
import secrets
import struct
import sys
import threading
import zlib

sys.dont_write_bytecode = True

import wl  # noqa: E402
from wl import Client, Tap, key_of, sql, sql_str, sql_value  # noqa: E402

t = Tap("test_meal")
RUN = os.urandom(3).hex()
S = {}


def one(query):
    v = sql_value(query)
    if v is None:
        raise RuntimeError("no row: " + query[:100])
    return int(v)


def api(method, path, body=None, token=None):
    h = {"Accept": "application/json", "Authorization": "Bearer " + (token or key_of("agent"))}
    data = None
    if body is not None:
        data, h["Content-Type"] = json.dumps(body).encode(), "application/json"
    return Client().request(method, path, body=data, headers=h)


def text(resp):
    return wl.visible_text(resp.text)


def post_form(c, page, action, fields):
    token = wl.csrf_from(c.get(page).text)
    return c.post(action, dict({k: str(v) for k, v in fields.items()}, _csrf=token or ""))


def png(rgb=(200, 80, 40)):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes(rgb) * 8 for _ in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def photo_checks():
    a = S["admin"]
    token = wl.csrf_from(a.get("/meal/items?id=%d" % S["红烧肉"]).text)
    fields = [("_csrf", token), ("id", str(S["红烧肉"])), ("kind", "dish"), ("name", "红烧肉" + RUN),
              ("price", "18"), ("daily_stock", "50"), ("active", "1")] + [("weekday", str(i)) for i in range(7)]
    r = a.post_multipart("/meal/items", fields, [("photo", "rou.txt", "image/png", b"not a picture")])
    t.eq(r.status, 422, "a photo that is not an image is refused")
    t.eq(sql_value("SELECT photo_sha256 IS NULL FROM meal_item WHERE id = %d" % S["红烧肉"]), "1", "nothing stored")
    r = a.post_multipart("/meal/items", fields, [("photo", "rou.png", "image/png", png())])
    t.eq(r.status, 303, "the dish's photo is uploaded")
    r = a.get("/meal/photos/%d" % S["红烧肉"])
    t.eq((r.status, r.header("Content-Type") or ""), (200, "image/png"), "staff see the photo")
    t.eq(r.raw, png(), "byte for byte")
    r = portal_client(resident_session(S["b"])).get("/portal/meal/photos/%d" % S["红烧肉"])
    t.eq(r.status, 200, "residents see it in the portal")
    t.eq(Client().get("/portal/meal/photos/%d" % S["红烧肉"]).status, 303, "not without a login")


def resident_session(rid):
    """A portal session for resident rid (as the SMS-code login makes one): its token."""
    token = secrets.token_urlsafe(32)[:43]
    sql("INSERT INTO portal_session (token_hash, resident_id, phone, ip, expires_at) VALUES"
        " (UNHEX('%s'), %d, '13900000000', '127.0.0.1', UTC_TIMESTAMP() + INTERVAL 1 DAY)"
        % (wl.token_hash_hex(token), rid))
    return token


def portal_client(token):
    c = Client()
    c.cookies["wl_rsid"] = token
    return c


def setup():
    sql("INSERT INTO community (code, name) VALUES (%s, %s)" % (sql_str("ml" + RUN), sql_str("颐养苑" + RUN)))
    cid = one("SELECT id FROM community WHERE code = 'ml%s'" % RUN)
    for b in ("1号楼", "2号楼"):
        sql("INSERT INTO building (community_id, name) VALUES (%d, '%s')" % (cid, b))
    b1 = one("SELECT id FROM building WHERE community_id = %d AND name = '1号楼'" % cid)
    b2 = one("SELECT id FROM building WHERE community_id = %d AND name = '2号楼'" % cid)
    S["b1"], S["b2"] = b1, b2
    for b in (b1, b2):
        sql("INSERT INTO unit (building_id, name) VALUES (%d, '1单元')" % b)
    for who, b, room in (("a", b1, "101"), ("a2", b2, "202"), ("b", b1, "303")):
        u = one("SELECT id FROM unit WHERE building_id = %d" % b)
        sql("INSERT INTO household (unit_id, room, floor) VALUES (%d, '%s', %s)" % (u, room, room[0]))
        S["h_" + who] = one("SELECT id FROM household WHERE unit_id = %d AND room = '%s'" % (u, room))
    for who, tag in (("a", "elderly_alone"), ("b", None)):
        sql("INSERT INTO resident (name) VALUES (%s)" % sql_str("订餐%s%s" % (who.upper(), RUN)))
        rid = one("SELECT MAX(id) FROM resident")
        S[who] = rid
        S["phone_" + who] = "138%04d%04d" % (int(RUN, 16) % 10000, "ab".index(who) + 1)
        sql("INSERT INTO resident_phone (resident_id, phone, is_primary) VALUES (%d, '%s', 1)" % (rid, S["phone_" + who]))
        if tag:
            sql("INSERT INTO resident_tag (resident_id, tag) VALUES (%d, '%s')" % (rid, tag))
    sql("INSERT INTO resident_household (resident_id, household_id) VALUES (%d, %d), (%d, %d), (%d, %d)"
        % (S["a"], S["h_a"], S["a"], S["h_a2"], S["b"], S["h_b"]))
    S["admin"] = wl.logged_in("t_admin")
    S["agent"] = wl.logged_in("t_agent")
    menu = api("GET", "/api/v1/meal/menu").json()
    S["today"] = menu["date"]
    d = datetime.date.fromisoformat(S["today"])
    S["tomorrow"] = (d + datetime.timedelta(days=1)).isoformat()
    S["yesterday"] = (d - datetime.timedelta(days=1)).isoformat()


def config_checks():
    a = S["admin"]
    before = int(sql_value("SELECT COUNT(*) FROM meal_period"))
    r = post_form(a, "/meal/periods", "/meal/periods", {"name": "午餐" + RUN, "cutoff": "25:00",
                                                        "slots": "11:00-11:30", "active": "1"})
    t.eq(r.status, 422, "period with cut-off 25:00 refused")
    t.has(text(r), "截止时间格式为 时:分", "the cut-off message is clear")
    t.eq(int(sql_value("SELECT COUNT(*) FROM meal_period")), before, "nothing saved")
    r = post_form(a, "/meal/periods", "/meal/periods", {"name": "午餐" + RUN, "cutoff": "23:59",
                                                        "slots": "11:00-11:30 11:30-12:00", "active": "1"})
    t.eq(r.status, 303, "period saved")
    S["p"] = one("SELECT id FROM meal_period WHERE name = '午餐%s'" % RUN)
    S["slot"] = one("SELECT id FROM meal_slot WHERE period_id = %d AND label = '11:30-12:00'" % S["p"])
    r = post_form(a, "/meal/periods", "/meal/periods", {"name": "早茶" + RUN, "cutoff": "00:00",
                                                        "slots": "06:00-06:30", "active": "1"})
    S["closed"] = one("SELECT id FROM meal_period WHERE name = '早茶%s'" % RUN)
    S["closed_slot"] = one("SELECT id FROM meal_slot WHERE period_id = %d" % S["closed"])

    r = post_form(a, "/meal/items", "/meal/items", {"kind": "dish", "name": "红烧肉" + RUN, "price": "12.345",
                                                    "weekday": "0", "daily_stock": "50", "active": "1"})
    t.eq(r.status, 422, "price with three decimals refused")
    t.has(text(r), "金额不对", "the price message is clear")
    t.eq(sql_value("SELECT COUNT(*) FROM meal_item WHERE name = '红烧肉%s'" % RUN), "0", "no dish saved")
    every_day = [str(i) for i in range(7)]
    for name, price in (("红烧肉", "18"), ("清炒时蔬", "6.00"), ("米饭", "1.5"), ("例汤", "3"),
                        ("鱼香肉丝", "19.99"), ("最后一份", "10")):
        fields = [("kind", "dish"), ("name", name + RUN), ("price", price), ("category", "热菜"),
                  ("daily_stock", "50"), ("active", "1"), ("diet", "low_salt")] + [("weekday", w) for w in every_day]
        token = wl.csrf_from(a.get("/meal/items").text)
        r = a.post("/meal/items", fields + [("_csrf", token)])
        t.eq(r.status, 303, "dish %s saved" % name)
        S[name] = one("SELECT id FROM meal_item WHERE name = '%s%s'" % (name, RUN))
    t.eq(sql_value("SELECT price_fen FROM meal_item WHERE id = %d" % S["米饭"]), "150", "1.5 yuan is 150 fen")
    token = wl.csrf_from(a.get("/meal/items").text)
    r = a.post("/meal/items", [("kind", "set"), ("name", "套餐A" + RUN), ("price", "19"), ("daily_stock", "20"),
                               ("active", "1"), ("dish", str(S["红烧肉"])), ("dish_qty", "1"),
                               ("dish", str(S["米饭"])), ("dish_qty", "2"), ("_csrf", token)]
               + [("weekday", w) for w in every_day])
    t.eq(r.status, 303, "set meal saved")
    S["套餐A"] = one("SELECT id FROM meal_item WHERE name = '套餐A%s'" % RUN)
    t.eq(sql_value("SELECT SUM(qty) FROM meal_set_item WHERE set_id = %d" % S["套餐A"]), "3", "set of 1 + 2 portions")

    for day in (S["today"], S["tomorrow"]):
        for name in ("红烧肉", "清炒时蔬", "米饭", "例汤", "鱼香肉丝", "套餐A"):
            r = post_form(a, "/meal/menu?date=" + day, "/meal/menu?date=" + day,
                          {"period_id": S["p"], "item_id": S[name], "stock": ""})
            t.ok(r.status == 303, "%s on the menu of %s" % (name, day), r.brief())
    r = post_form(a, "/meal/menu", "/meal/menu?date=" + S["tomorrow"],
                  {"period_id": S["closed"], "item_id": S["米饭"], "stock": "5"})
    r = post_form(a, "/meal/menu", "/meal/menu?date=" + S["today"],
                  {"period_id": S["closed"], "item_id": S["米饭"], "stock": "5"})
    t.eq(sql_value("SELECT stock FROM meal_menu WHERE menu_date = '%s' AND period_id = %d AND item_id = %d"
                   % (S["tomorrow"], S["p"], S["红烧肉"])), "50", "the menu line starts with the dish's daily stock")

    def promo(name, **kw):
        f = {"name": name + RUN, "valid_from": S["today"], "valid_to": S["tomorrow"], "period_id": S["p"], "active": "1"}
        f.update(kw)
        r = post_form(a, "/meal/promos", "/meal/promos", f)
        t.eq(r.status, 303, "promotion %s saved" % name)
        return one("SELECT id FROM meal_promo WHERE name = '%s%s'" % (name, RUN))
    r = post_form(a, "/meal/promos", "/meal/promos", {"name": "坏满减" + RUN, "kind": "threshold", "amount": "50",
                                                      "threshold": "40", "valid_from": S["today"],
                                                      "valid_to": S["today"], "active": "1"})
    t.eq(r.status, 422, "满减 taking off more than its threshold refused")
    t.has(text(r), "减免金额须小于门槛金额", "the threshold message is clear")
    S["敬老"] = promo("敬老九折", kind="percent", percent_off="10", resident_tag="elderly_alone")
    S["满减"] = promo("满40减5", kind="threshold", amount="5", threshold="40")
    S["送汤"] = promo("满30送汤", kind="free_item", free_item_id=S["例汤"], threshold="30")


def order(who, lines, day=None, period=None, slot=None, household=None, token=None):
    body = {"resident_id": S[who], "household_id": household or S["h_" + who],
            "period_id": period or S["p"], "slot_id": slot or S["slot"], "date": day or S["tomorrow"],
            "payment": "cash", "note": "不要辣",
            "items": [{"item_id": S[n], "qty": q} for n, q in lines]}
    return api("POST", "/api/v1/meal/orders", body, token)


def price_checks():
    # 敬老 A: 红烧肉 2×18.00 + 米饭 1.50 = 37.50; 10% = 3.75 off; 满40 not reached; 满30 gives 例汤.
    r = order("a", [("红烧肉", 2), ("米饭", 1)])
    t.eq(r.status, 201, "order placed through the API")
    o = r.json()
    t.eq((o["subtotal_fen"], o["discount_fen"], o["total_fen"]), (3750, 375, 3375), "敬老 10% on 37.50 → 33.75")
    t.ok(any(l["free"] == 1 and l["item_id"] == S["例汤"] for l in o["lines"]), "the gift 例汤 is a line")
    t.eq(o["status"], "placed", "a new order is placed")
    S["order_a"] = o["id"]
    # B (no tag): 36.00 + 6.00 = 42.00; 满40减5 → 37.00 and the gift.
    o = order("b", [("红烧肉", 2), ("清炒时蔬", 1)]).json()
    t.eq((o["subtotal_fen"], o["discount_fen"], o["total_fen"]), (4200, 500, 3700), "满40减5 on 42.00 → 37.00")
    t.eq([p["promo_id"] for p in o["promotions"]], [S["满减"], S["送汤"]], "B gets 满减 and the gift, not 敬老")
    S["order_b"] = o["id"]
    # Rounding: 19.99 at 10% is 1.999 → 2.00 off (half up) → 17.99; no gift below 30.00.
    o = order("a", [("鱼香肉丝", 1)]).json()
    t.eq((o["discount_fen"], o["total_fen"]), (200, 1799), "19.99 at 10% → 2.00 off (rounded half up) → 17.99")
    t.eq(len(o["lines"]), 1, "no gift below the threshold")
    # A fixed 3.00 joins: 54.00 → 10% 5.40, 3.00, 满40减5 5.00 → 40.60 and the gift.
    fixed = promo_save("开业立减", kind="fixed", amount="3")
    o = order("a", [("红烧肉", 3)]).json()
    t.eq((o["subtotal_fen"], o["total_fen"]), (5400, 4060), "10% + 3.00 + 满40减5 on 54.00 → 40.60")
    # An exclusive 15.00 is worth less than the combination (5.40 + 3.00 + 5.00 + the 3.00 gift).
    excl = promo_save("限时特价", kind="fixed", amount="15", exclusive="1")
    o = order("a", [("红烧肉", 3)]).json()
    t.eq(o["total_fen"], 4060, "the combination (16.40 with the gift) beats an exclusive 15.00")
    sql("UPDATE meal_promo SET amount_fen = 2000 WHERE id = %d" % excl)
    o = order("a", [("红烧肉", 3)]).json()
    t.eq((o["total_fen"], [p["promo_id"] for p in o["promotions"]]), (3400, [excl]),
         "an exclusive 20.00 wins alone: 34.00, no gift")
    t.eq(len(o["lines"]), 1, "no gift with the exclusive promotion")
    sql("UPDATE meal_promo SET active = 0 WHERE id IN (%d, %d)" % (fixed, excl))
    # The set meal is one line priced as the set.
    o = order("b", [("套餐A", 1)]).json()
    t.eq(o["total_fen"], 1900, "set meal at its own price")


def promo_save(name, **kw):
    f = {"name": name + RUN, "valid_from": S["today"], "valid_to": S["tomorrow"], "period_id": S["p"], "active": "1"}
    f.update(kw)
    r = post_form(S["admin"], "/meal/promos", "/meal/promos", f)
    t.eq(r.status, 303, "promotion %s saved" % name)
    return one("SELECT id FROM meal_promo WHERE name = '%s%s'" % (name, RUN))


def cutoff_checks():
    sold = sql_value("SELECT sold FROM meal_menu WHERE menu_date = '%s' AND period_id = %d" % (S["today"], S["closed"]))
    r = order("a", [("米饭", 1)], day=S["today"], period=S["closed"], slot=S["closed_slot"])
    t.eq(r.status, 409, "an order after the cut-off is refused")
    t.has(r.text, "已过本餐段的订餐截止时间", "with a clear message")
    t.eq(sql_value("SELECT sold FROM meal_menu WHERE menu_date = '%s' AND period_id = %d" % (S["today"], S["closed"])),
         sold, "no stock taken")
    r = order("a", [("米饭", 1)], day=S["tomorrow"], period=S["closed"], slot=S["closed_slot"])
    t.eq(r.status, 201, "the same period tomorrow is open")
    # The resident cannot cancel once the cut-off has passed (its day is over).
    oid = r.json()["id"]
    sql("UPDATE meal_order SET menu_date = '%s' WHERE id = %d" % (S["yesterday"], oid))
    tok = resident_session(S["a"])
    r = api("POST", "/api/v1/meal/orders/%d/cancel" % oid, {}, tok)
    t.eq(r.status, 409, "the resident's cancel after the cut-off is refused")
    t.has(r.text, "已过订餐截止时间", "with a clear message")
    r = api("POST", "/api/v1/meal/orders/%d/cancel" % oid, {})
    t.eq(r.status, 422, "staff cancel without a reason refused")
    t.has(r.text, "请填写取消原因", "asking for the reason")
    r = api("POST", "/api/v1/meal/orders/%d/cancel" % oid, {"reason": "住户来电取消"})
    t.eq((r.status, r.json().get("status")), (200, "cancelled"), "staff cancel any time with a reason")


def race_checks():
    a = S["admin"]
    for round_ in range(5):
        r = post_form(a, "/meal/menu", "/meal/menu?date=" + S["tomorrow"],
                      {"period_id": S["p"], "item_id": S["最后一份"], "stock": str(round_ + 1)})
        sql("UPDATE meal_menu SET sold = stock - 1 WHERE menu_date = '%s' AND period_id = %d AND item_id = %d"
            % (S["tomorrow"], S["p"], S["最后一份"]))
        barrier, results = threading.Barrier(2), [None, None]

        def go(i, who):
            barrier.wait()
            results[i] = order(who, [("最后一份", 1)])
        th = [threading.Thread(target=go, args=(i, w)) for i, w in enumerate(("a", "b"))]
        for x in th:
            x.start()
        for x in th:
            x.join()
        codes = sorted(x.status for x in results)
        t.eq(codes, [201, 409], "round %d: two orders for the last portion, exactly one succeeds" % (round_ + 1))
        loser = [x for x in results if x.status == 409]
        t.ok(loser and "已售完" in loser[0].text, "round %d: the other is told it is sold out" % (round_ + 1),
             loser[0].text[:200] if loser else "")
        row = sql("SELECT stock, sold FROM meal_menu WHERE menu_date = '%s' AND period_id = %d AND item_id = %d"
                  % (S["tomorrow"], S["p"], S["最后一份"]))[0]
        t.eq(row[0], row[1], "round %d: sold equals stock, never more" % (round_ + 1))
    r = order("a", [("最后一份", 1)])
    t.eq(r.status, 409, "sold out stays sold out")


def isolation_checks():
    ta, tb = resident_session(S["a"]), resident_session(S["b"])
    oa = S["order_a"]
    r = api("GET", "/api/v1/meal/orders/%d" % oa, token=tb)
    t.eq(r.status, 404, "API: B cannot read A's order")
    r = api("POST", "/api/v1/meal/orders/%d/cancel" % oa, {}, tb)
    t.eq(r.status, 404, "API: B cannot cancel A's order")
    r = api("GET", "/api/v1/meal/orders/%d" % oa, token=ta)
    t.eq((r.status, r.json().get("id")), (200, oa), "API: A reads their own order")
    r = order("b", [("米饭", 1)], household=S["h_a"], token=tb)
    t.eq(r.status, 422, "API: B cannot order to A's household")
    t.has(r.text, "请选择该住户自己的送餐地址", "with a clear message")
    r = api("POST", "/api/v1/meal/orders", {"resident_id": S["a"], "household_id": S["h_b"], "period_id": S["p"],
                                            "slot_id": S["slot"], "date": S["tomorrow"],
                                            "items": [{"item_id": S["米饭"], "qty": 1}]}, tb)
    t.eq((r.status, r.json().get("resident_id")), (201, S["b"]), "API: a resident's order is always their own")
    cb = portal_client(tb)
    r = cb.get("/portal/meal/orders/%d" % oa)
    t.eq(r.status, 404, "portal: B cannot open A's order")
    token = wl.csrf_from(cb.get("/portal/meal").text)
    r = cb.post("/portal/meal/orders/%d/cancel" % oa, {"_csrf": token or ""})
    t.eq(r.status, 404, "portal: B cannot cancel A's order")
    t.eq(sql_value("SELECT status FROM meal_order WHERE id = %d" % oa), "placed", "A's order untouched")
    ca = portal_client(ta)
    r = ca.get("/portal/meal/orders/%d" % oa)
    t.eq(r.status, 200, "portal: A opens their own order")
    t.has(text(r), "33.75", "with the total")
    sold = int(sql_value("SELECT sold FROM meal_menu WHERE menu_date = '%s' AND period_id = %d AND item_id = %d"
                         % (S["tomorrow"], S["p"], S["红烧肉"])))
    token = wl.csrf_from(r.text)
    r = ca.post("/portal/meal/orders/%d/cancel" % oa, {"_csrf": token or ""})
    t.eq(r.status, 303, "portal: A cancels before the cut-off")
    t.eq(sql_value("SELECT status FROM meal_order WHERE id = %d" % oa), "cancelled", "the order is cancelled")
    t.eq(int(sql_value("SELECT sold FROM meal_menu WHERE menu_date = '%s' AND period_id = %d AND item_id = %d"
                       % (S["tomorrow"], S["p"], S["红烧肉"]))), sold - 2, "its 2 portions are back in stock")
    r = api("GET", "/api/v1/meal/orders/%d" % oa, token="x" * 43)
    t.eq(r.status, 401, "API: an unknown token gets 401")


def staff_checks():
    ob = S["order_b"]
    r = S["agent"].get("/meal/orders/%d" % ob)
    t.eq(r.status, 200, "agent opens the order")
    token = wl.csrf_from(r.text)
    r = S["agent"].post("/meal/orders/%d/step" % ob, {"_csrf": token, "to": "confirmed"})
    t.eq(r.status, 403, "an agent cannot move orders on (meal.kitchen)")
    r = post_form(S["admin"], "/meal/orders/%d" % ob, "/meal/orders/%d/step" % ob, {"to": "preparing"})
    t.eq(r.status, 409, "skipping confirmed is refused")
    r = post_form(S["admin"], "/meal/orders/%d" % ob, "/meal/orders/%d/step" % ob, {"to": "confirmed"})
    t.eq(r.status, 303, "the kitchen confirms")
    number = sql_value("SELECT number FROM meal_order WHERE id = %d" % ob)
    sms = sql("SELECT recipient, body FROM outbox WHERE msg_key = 'meal:%d:confirmed'" % ob)
    t.ok(sms and sms[0][0] == S["phone_b"] and number in sms[0][1] and "37.00元" in sms[0][1],
         "the confirmation SMS is queued with the number and the total", repr(sms))
    for step in ("preparing", "delivering", "delivered"):
        post_form(S["admin"], "/meal/orders/%d" % ob, "/meal/orders/%d/step" % ob, {"to": step})
    t.eq(sql_value("SELECT status FROM meal_order WHERE id = %d" % ob), "delivered", "placed → … → delivered")
    r = post_form(S["agent"], "/meal/orders/%d" % ob, "/meal/orders/%d/cancel" % ob, {"reason": "测试"})
    t.eq(r.status, 409, "a delivered order cannot be cancelled")
    t.has(text(r), "已送达的订单不能取消", "with a clear message")
    r = S["agent"].get("/meal?date=%s&building=%d" % (S["tomorrow"], S["b1"]))
    t.has(text(r), number, "lookup by day and building finds the order")
    r = S["agent"].get("/meal?q=" + S["phone_b"])
    t.has(text(r), number, "lookup by the resident's phone finds it")
    r = S["admin"].get("/meal/kitchen?date=" + S["tomorrow"])
    t.eq(r.status, 200, "kitchen list opens")
    rice = int(sql_value(
        "SELECT SUM(l.qty * IF(i.kind = 'set', si.qty, 1)) FROM meal_order_line l JOIN meal_order o ON"
        " o.id = l.order_id JOIN meal_item i ON i.id = l.item_id LEFT JOIN meal_set_item si ON"
        " si.set_id = i.id AND si.dish_id = %d WHERE o.menu_date = '%s' AND o.status <> 'cancelled'"
        " AND o.period_id = %d AND (l.item_id = %d OR si.dish_id = %d)"
        % (S["米饭"], S["tomorrow"], S["p"], S["米饭"], S["米饭"])))
    t.has(text(r), "米饭%s %s" % (RUN, "热菜"), "kitchen list names the dish")
    t.ok(("米饭%s 热菜 %d" % (RUN, rice)) in text(r), "kitchen counts rice with the set meal's two (%d)" % rice)
    r = S["admin"].get("/meal/delivery?date=%s&period=%d" % (S["tomorrow"], S["p"]))
    body = text(r)
    t.ok(body.find("1号楼") < body.find("2号楼") or "2号楼" not in body, "delivery list grouped by building in order")
    r = S["admin"].get("/meal/sales?date=" + S["tomorrow"])
    t.eq(r.status, 200, "sales summary opens")
    t.has(text(r), "全天合计", "with the day's total")


def permission_checks():
    tech = wl.logged_in("t_tech")
    t.eq(tech.get("/meal").status, 403, "a technician cannot open the meal orders")
    t.eq(S["agent"].get("/meal/items").status, 403, "an agent cannot configure dishes (meal.admin)")
    t.eq(S["agent"].get("/meal/kitchen").status, 403, "an agent has no kitchen list (meal.kitchen)")
    r = api("GET", "/api/v1/meal/menu", token=key_of("tech"))
    t.eq(r.status, 403, "API: a key without meal.order gets 403")
    sold = sql_value("SELECT sold FROM meal_menu WHERE menu_date = '%s' AND period_id = %d AND item_id = %d"
                     % (S["tomorrow"], S["p"], S["红烧肉"]))
    r = post_form(S["admin"], "/meal/menu", "/meal/menu?date=" + S["tomorrow"],
                  {"period_id": S["p"], "item_id": S["红烧肉"], "stock": "0"})
    t.eq(r.status, 409, "stock below what is sold refused")
    t.has(text(r), "库存不能少于已售份数", "with a clear message")
    t.ok(int(sold) > 0 and sql_value("SELECT stock FROM meal_menu WHERE menu_date = '%s' AND period_id = %d AND"
                                     " item_id = %d" % (S["tomorrow"], S["p"], S["红烧肉"])) == "50",
         "the stock is unchanged")


def agent_page_checks():
    r = S["agent"].get("/meal/order?phone=" + S["phone_a"])
    t.has(text(r), "订餐A" + RUN, "order page from the pop finds the caller")
    t.has(text(r), "敬老九折" + RUN, "and shows today's promotions")
    r = S["agent"].get("/meal/order?phone=13711112222")
    t.has(text(r), "新住户订餐", "an unknown number offers the inline new resident")
    before = int(sql_value("SELECT COUNT(*) FROM resident"))
    r = post_form(S["agent"], "/meal/order?phone=13711112222", "/meal/order?date=%s&period=%d" % (S["tomorrow"], S["p"]),
                  {"period": S["p"], "new_name": "新来电" + RUN, "new_phone": "13711112222", "building": S["b1"],
                   "unit": "1", "room": "999", "slot": S["slot"], "payment": "cash", "item": S["米饭"], "qty": "1"})
    t.eq(r.status, 422, "an address that does not exist is refused")
    t.has(text(r), "找不到这个地址", "with a clear message")
    r = post_form(S["agent"], "/meal/order?phone=13711112222", "/meal/order?date=%s&period=%d" % (S["tomorrow"], S["p"]),
                  {"period": S["p"], "new_name": "新来电" + RUN, "new_phone": "13711112222", "building": S["b1"],
                   "unit": "1", "room": "101", "slot": S["slot"], "payment": "cash", "item": S["米饭"], "qty": "0"})
    t.eq(r.status, 422, "an order without dishes is refused")
    t.eq(int(sql_value("SELECT COUNT(*) FROM resident")), before, "and no resident was created")


def main():
    setup()
    for name, fn in (("config", config_checks), ("prices", price_checks), ("cutoff", cutoff_checks),
                     ("race", race_checks), ("isolation", isolation_checks), ("staff", staff_checks), ("permissions", permission_checks), ("photos", photo_checks),
                     ("agent page", agent_page_checks)):
        t.section(name, fn)
    t.done()


if __name__ == "__main__":
    main()
