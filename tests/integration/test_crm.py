#!/usr/bin/env python3
"""test_crm.py — the CRM through the real stack: the property tree and its CSV import,
residents with several phones found by any number (whole or last digits) and by name,
optimistic locking on edit, merging duplicates with their work orders, the GB18030 resident
import that names the bad line and imports nothing, CSV export, permissions, escaping.

Every name and number is made unique per run, so the file can run again on a kept stack."""
import os
import random
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wl  # noqa: E402

t = wl.Tap("test_crm")
RUN = "%04d" % random.randint(0, 9999)
COMMUNITY = "测试花园" + RUN


def mobile():
    return "139" + "%08d" % random.randint(0, 99999999)


def sq(v):
    return wl.sql_str(v)


def csrf(c, path):
    token = wl.csrf_from(c.get(path).text)
    if not token:
        raise RuntimeError("no _csrf on " + path)
    return token


def resident_id_from(resp):
    m = re.match(r"^/crm/residents/(\d+)$", resp.location or "")
    return int(m.group(1)) if m else None


def household_id(building, unit, room):
    return wl.sql_value(
        "SELECT h.id FROM household h JOIN unit u ON u.id = h.unit_id JOIN building b ON b.id = u.building_id"
        " JOIN community c ON c.id = b.community_id WHERE c.name = %s AND b.name = %s AND u.name = %s"
        " AND h.room = %s" % (sq(COMMUNITY), sq(building), sq(unit), sq(room)))


def create_resident(c, name, phones, household=None, note="", level="normal"):
    fields = [("_csrf", csrf(c, "/crm/residents/new")), ("name", name), ("gender", ""),
              ("category", "owner"), ("level", level), ("preferred_channel", "phone"),
              ("email", ""), ("note", note), ("op", "save"), ("add_rel", "owner")]
    fields += [("phone", p) for p in phones]
    if household:
        fields.append(("add_household", str(household)))
    return c.post("/crm/residents", fields)


def upload(c, kind, data, filename="import.csv"):
    token = csrf(c, "/crm/import")
    return c.post_multipart("/crm/import", {"_csrf": token, "kind": kind},
                            files=[("file", filename, "text/csv", data)])


# ---------------------------------------------------------------------------------------

def property_import(admin):
    rows = ["小区,楼栋,单元,房号,楼层,面积,供暖状态"]
    for b in ("1号楼", "2号楼"):
        for u in ("1单元", "2单元"):
            for room in ("101", "102", "201"):
                rows.append("%s,%s,%s,%s,%s,%s,%s" % (COMMUNITY, b, u, room, room[0], "89.50",
                                                      "报停" if room == "201" else "正常"))
    good = ("\r\n".join(rows) + "\r\n").encode("utf-8-sig")

    # One bad area on line 5: nothing of the file may be created.
    bad_rows = list(rows)
    bad_rows[4] = bad_rows[4].replace("89.50", "八十")
    r = upload(admin, "properties", ("\n".join(bad_rows) + "\n").encode("utf-8"))
    text = wl.visible_text(r.text)
    t.eq(r.status, 422, "property import with a bad area is refused (422)")
    t.has(text, "第 5 行", "the refusal names line 5", r)
    t.has(text, "面积", "the refusal names the column", r)
    t.eq(wl.sql_value("SELECT COUNT(*) FROM community WHERE name = %s" % sq(COMMUNITY)), "0",
         "a refused property file creates no community")

    r = upload(admin, "properties", good)
    t.ok(r.status == 303 and re.match(r"^/crm/import/\d+$", r.location or ""),
         "property import succeeds and shows its result", r.brief())
    result = admin.get(r.location)
    text = wl.visible_text(result.text)
    t.has(text, "12", "the result counts the 12 households", result)
    n = wl.sql_value("SELECT COUNT(*) FROM household h JOIN unit u ON u.id = h.unit_id"
                     " JOIN building b ON b.id = u.building_id JOIN community c ON c.id = b.community_id"
                     " WHERE c.name = %s" % sq(COMMUNITY))
    t.eq(n, "12", "the property import created the tree: 12 households under the new community")
    t.eq(wl.sql_value("SELECT heating_status FROM household WHERE id = %s" % household_id("2号楼", "1单元", "201")),
         "stopped", "报停 in the file became heating status 'stopped'")
    lst = admin.get("/crm/properties")
    t.has(wl.visible_text(lst.text), COMMUNITY, "the community shows in the property list", lst)

    # The same file again: nothing new, everything unchanged.
    r = upload(admin, "properties", good)
    again = wl.visible_text(admin.get(r.location).text) if r.status == 303 else ""
    t.ok(r.status == 303 and wl.sql_value(
        "SELECT COUNT(*) FROM community WHERE name = %s" % sq(COMMUNITY)) == "1",
         "importing the same file again creates no second community", r.brief())
    t.ok("无变化" in again, "the second import reports the rows as unchanged", again[:300])


def property_delete_refused(admin):
    cid = wl.sql_value("SELECT id FROM community WHERE name = %s" % sq(COMMUNITY))
    page = "/crm/properties/%s" % cid
    r = admin.post(page + "/delete", {"_csrf": csrf(admin, page)})
    t.eq(r.status, 409, "deleting a community that still has buildings is refused (409)")
    t.has(wl.visible_text(r.text), "还有楼栋", "the refusal says why", r)
    t.eq(wl.sql_value("SELECT COUNT(*) FROM community WHERE id = %s" % cid), "1",
         "the community is still there")


def residents_and_search(admin, state):
    p1, p2 = mobile(), "0571" + "%07d" % random.randint(0, 9999999)
    name = "张测试" + RUN
    hh = household_id("1号楼", "1单元", "101")
    r = create_resident(admin, name, [p1[:3] + " " + p1[3:7] + " " + p1[7:], p2[:4] + "-" + p2[4:]], hh)
    rid = resident_id_from(r)
    t.ok(rid, "a resident with two phones is created", r.brief())
    if not rid:
        return
    state["rid"], state["phones"], state["name"] = rid, (p1, p2), name
    got = sorted(row[0] for row in wl.sql("SELECT phone FROM resident_phone WHERE resident_id = %d" % rid))
    t.eq(got, sorted([p1, p2]), "both phones are stored normalised")
    page = admin.get("/crm/residents/%d" % rid)
    text = wl.visible_text(page.text)
    t.ok(p1 in text and p2 in text and "1号楼" in text, "the resident page shows both phones and the household",
         text[:400])

    link = 'href="/crm/residents/%d"' % rid
    for label, q in (("first number", p1), ("second number", p2), ("first number typed +86", "+86 " + p1),
                     ("last 4 digits of the first", p1[-4:]), ("last 4 digits of the second", p2[-4:]),
                     ("name prefix", name[:2])):
        res = admin.get("/crm/residents?q=" + urllib.parse.quote(q))
        t.ok(res.status == 200 and link in res.text, "search by %s finds the resident" % label, res.brief())
    other = admin.get("/crm/residents?q=" + mobile())
    t.ok(link not in other.text and "没有找到使用这个号码的住户" in wl.visible_text(other.text),
         "an unknown number finds nobody and says so", other.brief())
    by_room = admin.get("/crm/residents?community=%s&building=1%%E5%%8F%%B7%%E6%%A5%%BC&room=101"
                        % wl.sql_value("SELECT id FROM community WHERE name = %s" % sq(COMMUNITY)))
    t.ok(link in by_room.text, "search by address (community, building, room) finds the resident", by_room.brief())

    r = create_resident(admin, "无电话" + RUN, ["12345"])
    t.eq(r.status, 422, "an invalid phone number is refused (422)")
    t.has(wl.visible_text(r.text), "电话号码无效", "the form says the phone is invalid", r)


def stale_edit(admin, state):
    rid = state.get("rid")
    if not rid:
        t.ok(False, "stale edit (needs the resident)")
        return
    a = wl.logged_in("t_admin")
    b = wl.logged_in("t_agent")
    page_a = a.get("/crm/residents/%d/edit" % rid).text
    page_b = b.get("/crm/residents/%d/edit" % rid).text
    version = re.search(r'name="version" value="(\d+)"', page_a).group(1)
    t.ok(('name="version" value="%s"' % version) in page_b, "both editors see the same version")

    def fields(client_page, name):
        return [("_csrf", wl.csrf_from(client_page)), ("version", version), ("name", name),
                ("level", "vip"), ("category", ""), ("preferred_channel", "sms"), ("op", "save"),
                ("phone", state["phones"][0]), ("phone", state["phones"][1]),
                ("hh", str(household_id("1号楼", "1单元", "101"))), ("hh_rel", "owner")]
    first = state["name"] + "甲"
    r1 = a.post("/crm/residents/%d" % rid, fields(page_a, first))
    t.eq(r1.status, 303, "the first editor's change is saved")
    r2 = b.post("/crm/residents/%d" % rid, fields(page_b, state["name"] + "乙"))
    t.eq(r2.status, 409, "the second editor, with the stale version, gets 409")
    t.has(wl.visible_text(r2.text), "刚被其他人修改过", "the conflict page says someone else changed it", r2)
    t.eq(wl.sql_value("SELECT name FROM resident WHERE id = %d" % rid), first,
         "nothing of the stale change was written")
    t.eq(wl.sql_value("SELECT version FROM resident WHERE id = %d" % rid), str(int(version) + 1),
         "the version went up once")
    state["name"] = first


def merge(admin):
    pd, ps = mobile(), mobile()
    rd = resident_id_from(create_resident(admin, "李重复" + RUN, [pd], household_id("1号楼", "2单元", "102")))
    rs = resident_id_from(create_resident(admin, "李重复" + RUN, [ps]))
    t.ok(rd and rs, "two duplicate residents are created")
    if not (rd and rs):
        return
    type_id = wl.sql_value("SELECT id FROM ticket_type WHERE code = 'heating'")
    number = "T%s%04d" % (RUN, random.randint(0, 9999))
    wl.sql("INSERT INTO ticket (number, type_id, title, resident_id) VALUES (%s, %s, %s, %d)"
           % (sq(number), type_id, sq("暖气不热" + RUN), rd))
    tid = wl.sql_value("SELECT id FROM ticket WHERE number = %s" % sq(number))

    page = admin.get("/crm/residents/%d/merge?q=%s" % (rd, ps))
    t.ok(page.status == 200 and ("survivor=%d" % rs) in page.text,
         "the merge page finds the survivor by phone", page.brief())
    preview = admin.get("/crm/residents/%d/merge?survivor=%d" % (rd, rs))
    t.ok(preview.status == 200 and pd in preview.text and ps in preview.text,
         "the preview shows both records", preview.brief())
    r = admin.post("/crm/residents/%d/merge" % rd, {"_csrf": wl.csrf_from(preview.text), "survivor": str(rs)})
    t.eq(r.location, "/crm/residents/%d" % rs, "the merge leads to the survivor")
    phones = sorted(x[0] for x in wl.sql("SELECT phone FROM resident_phone WHERE resident_id = %d" % rs))
    t.eq(phones, sorted([pd, ps]), "the survivor has both phones")
    t.eq(wl.sql_value("SELECT resident_id FROM ticket WHERE id = %s" % tid), str(rs),
         "the duplicate's work order now belongs to the survivor")
    t.eq(wl.sql_value("SELECT merged_into_id FROM resident WHERE id = %d" % rd), str(rs),
         "the duplicate points at the survivor")
    t.eq(wl.sql_value("SELECT COUNT(*) FROM ticket_event WHERE ticket_id = %s AND kind = 'edit'"
                      " AND body = 'resident %d -> %d'" % (tid, rd, rs)), "1",
         "the moved work order's timeline records the merge")
    page = admin.get("/crm/residents/%d" % rs, follow=True)
    text = wl.visible_text(page.text)
    t.ok(number in text and pd in text and "1号楼 2单元 102" in text,
         "the survivor's page lists the moved work order, phone and household", text[:500])
    old = admin.get("/crm/residents/%d" % rd)
    t.eq(old.location, "/crm/residents/%d" % rs, "the duplicate's page leads to the survivor")
    found = admin.get("/crm/residents?q=" + pd)
    t.ok(('/crm/residents/%d"' % rs) in found.text and ('/crm/residents/%d"' % rd) not in found.text,
         "the duplicate's old number finds only the survivor", found.brief())
    t.eq(wl.sql_value("SELECT COUNT(*) FROM audit_log WHERE event = 'resident.merge' AND object_id = %d" % rs),
         "1", "the merge is audited")


def residents_import(admin):
    names = ["王导入" + RUN, "赵导入" + RUN, "钱导入" + RUN, "孙导入" + RUN]
    phones = [mobile() for _ in names]
    header = "姓名,手机,其他电话,小区,楼栋,单元,房号,关系,类别,等级,标签,备注"
    rows = [
        '%s,%s,,%s,2号楼,1单元,101,业主,业主,VIP,独居老人,"备注，含逗号和""引号"""' % (names[0], phones[0], COMMUNITY),
        "%s,%s,010-62345678;0571-8888888,%s,2号楼,1单元,102,租户,租户,普通,,\"两行\r\n备注\"" % (
            names[1], phones[1], COMMUNITY),
        "%s,%s,,,,,,,,,残障人士、频繁投诉," % (names[2], "1381234"),    # bad mobile: row 4
        "%s,%s,,%s,2号楼,2单元,101,家属,,,,," % (names[3], phones[3], COMMUNITY),
    ]
    bad = (header + "\r\n" + "\r\n".join(rows) + "\r\n").encode("gb18030")
    t.ok(b"\xef\xbb\xbf" not in bad and bad.decode("gb18030").startswith("姓名"),
         "the fixture file is GB18030, not UTF-8")
    r = upload(admin, "residents", bad, "住户.csv")
    text = wl.visible_text(r.text)
    t.eq(r.status, 422, "a GB18030 resident file with a bad row is refused (422)")
    # Row 3's quoted note spans two lines of the file; a spreadsheet shows it as one row, so
    # the bad record is row 4 as the user sees it (line 5 of the file).
    t.has(text, "第 4 行", "the refusal names row 4, as a spreadsheet numbers it", r)
    t.has(text, "手机号码无效", "the refusal says the mobile number is invalid", r)
    t.ok("第 2 行" not in text and "第 3 行" not in text, "the good rows are not reported", text[:600])
    t.eq(wl.sql_value("SELECT COUNT(*) FROM resident WHERE name IN (%s)" % ",".join(sq(n) for n in names)),
         "0", "nothing of the refused file was imported")

    rows[2] = rows[2].replace("1381234", phones[2])
    good = (header + "\r\n" + "\r\n".join(rows) + "\r\n").encode("gb18030")
    r = upload(admin, "residents", good, "住户.csv")
    t.ok(r.status == 303 and (r.location or "").startswith("/crm/import/"), "the fixed file is imported", r.brief())
    if r.status == 303:
        text = wl.visible_text(admin.get(r.location).text)
        t.ok("GB18030" in text and "4" in text, "the result page shows the encoding and the row count", text[:400])
    t.eq(wl.sql_value("SELECT COUNT(*) FROM resident WHERE name IN (%s)" % ",".join(sq(n) for n in names)),
         "4", "all four residents were imported")
    t.eq(wl.sql_value("SELECT note FROM resident WHERE name = %s" % sq(names[0])), '备注，含逗号和"引号"',
         "a quoted field with a comma and doubled quotes is read whole")
    t.eq(wl.sql_value("SELECT level FROM resident WHERE name = %s" % sq(names[0])), "vip",
         "a level given by its label is stored as its code")
    t.eq(sorted(x[0] for x in wl.sql("SELECT tag FROM resident_tag t JOIN resident r ON r.id = t.resident_id"
                                      " WHERE r.name = %s" % sq(names[2]))),
         ["disabled", "frequent_complainant"], "tags separated by 、 are both stored")
    t.eq(sorted(x[0] for x in wl.sql("SELECT phone FROM resident_phone p JOIN resident r ON r.id = p.resident_id"
                                      " WHERE r.name = %s" % sq(names[1]))),
         sorted([phones[1], "01062345678", "05718888888"]), "other phones separated by ; are stored")
    lst = admin.get("/crm/residents?q=" + urllib.parse.quote(names[0][:1]))
    t.has(wl.visible_text(lst.text), names[0], "the imported Chinese name renders in the list", lst)
    page = admin.get("/crm/residents?q=" + phones[0])
    t.ok("独居老人" in wl.visible_text(page.text), "the imported tag shows in the list", page.brief())

    r = upload(admin, "residents", good, "住户.csv")
    t.eq(wl.sql_value("SELECT COUNT(*) FROM resident WHERE name IN (%s)" % ",".join(sq(n) for n in names)),
         "4", "importing the same file again updates the residents instead of duplicating them")

    # A file with only the columns it needs; a short row (a name only) is reported.
    short = ["周简" + RUN, "吴简" + RUN]
    mini = "姓名,手机\n%s,%s\n%s\n" % (short[0], mobile(), short[1])
    r = upload(admin, "residents", mini.encode("utf-8"))
    text = wl.visible_text(r.text)
    t.ok(r.status == 422 and "第 3 行" in text and "电话和房屋至少要填一项" in text,
         "a row without phone or household is reported by its row", r.brief())
    r = upload(admin, "residents", mini.replace("\n%s\n" % short[1], "\n").encode("utf-8"))
    t.eq(r.status, 303, "a file with only the name and mobile columns is imported")
    r = upload(admin, "residents", "姓名,手机,生日\n甲,13800000000,1990\n".encode("utf-8"))
    text = wl.visible_text(r.text)
    t.ok(r.status == 422 and "第 1 行，生日：无法识别的列名" in text, "an unknown column is named", r.brief())

    big = "姓名,手机\n".encode("utf-8") + b"x" * (5 * 1024 * 1024)
    r = upload(admin, "residents", big)
    t.ok(r.status == 422 and "文件超过 5 MB" in wl.visible_text(r.text), "a file over 5 MB is refused by name",
         r.brief())

    r = upload(admin, "residents", "姓名,手机\n".encode("utf-16"))
    t.ok(r.status == 422 and "编码" in wl.visible_text(r.text), "a file in another encoding is refused by name",
         r.brief())


def export(admin, state):
    note_name = "导出" + RUN
    r = create_resident(admin, note_name, [mobile()], note="=HYPERLINK(\"http://x\")")
    t.ok(resident_id_from(r), "a resident with a formula-like note is created", r.brief())
    res = admin.get("/crm/residents.csv?q=" + urllib.parse.quote(note_name))
    t.eq(res.status, 200, "the resident export answers 200")
    t.ok((res.header("Content-Type") or "").startswith("text/csv; charset=utf-8"), "the export is text/csv UTF-8",
         res.header("Content-Type"))
    t.ok("attachment" in (res.header("Content-Disposition") or ""), "the export is a download")
    t.ok(res.raw.startswith(b"\xef\xbb\xbf"), "the export starts with a UTF-8 BOM")
    body = res.raw[3:].decode("utf-8")
    t.ok(body.startswith("姓名,手机,其他电话,小区"), "the export's header is the import format", body[:80])
    t.has(body, note_name, "the export contains the resident's name")
    t.has(body, '"\'=HYPERLINK(""http://x"")"', "a formula-like cell is exported as text (leading apostrophe)")
    t.ok(state.get("name", "") not in body, "the export holds only what the filter selects")
    whole = admin.get("/crm/residents.csv").raw.decode("utf-8-sig")
    t.ok(state.get("name", "?") in whole and "2号楼,1单元,102" in whole,
         "the unfiltered export contains every resident with the address columns", whole[:200])
    props = admin.get("/crm/properties.csv")
    text = props.raw.decode("utf-8-sig") if props.raw.startswith(b"\xef\xbb\xbf") else ""
    t.ok("%s,2号楼,1单元,201,2,89.50,报停" % COMMUNITY in text, "the property export has the tree with heating status",
         text[:200])


def permissions(state):
    rid = state.get("rid") or 1
    agent = wl.logged_in("t_agent")
    for path in ("/crm/residents", "/crm/residents/%d" % rid, "/crm/residents.csv"):
        r = agent.get(path)
        t.eq(r.status, 200, "an agent can read %s" % path)
    t.eq(agent.get("/crm/import").status, 403, "an agent (no crm.import) cannot open the import")
    t.eq(agent.get("/crm/properties").status, 403, "an agent (no crm.properties) cannot open the property tree")
    tech = wl.logged_in("t_tech")
    for path in ("/crm/residents", "/crm/residents/%d" % rid, "/crm/residents.csv", "/crm/properties.csv"):
        r = tech.get(path)
        t.eq(r.status, 403, "a technician (tech.mobile only) gets 403 for %s" % path)
    r = tech.post("/crm/residents", {"_csrf": csrf(tech, "/account"), "name": "越权" + RUN, "phone": mobile()})
    t.eq(r.status, 403, "a technician cannot create a resident")
    t.eq(wl.sql_value("SELECT COUNT(*) FROM resident WHERE name = %s" % sq("越权" + RUN)), "0",
         "nothing was created by the refused request")
    t.eq(agent.get("/crm/residents/999999999").status, 404, "an unknown resident is 404")


def xss(admin):
    name = '<script>alert("x%s")</script>' % RUN
    r = create_resident(admin, name, [mobile()])
    rid = resident_id_from(r)
    t.ok(rid, "a resident whose name looks like HTML is accepted as text", r.brief())
    for path in ("/crm/residents/%d" % rid, "/crm/residents?q=" + urllib.parse.quote("<script>")):
        page = admin.get(path)
        t.ok("<script>alert(" not in page.text and "&lt;script&gt;alert(" in page.text,
             "the name is escaped on %s" % path.split("?")[0], page.brief())


def dictionary_item_in_use(admin):
    """A tag residents carry cannot be deleted (they would be left with a bare code); an
    unused one can."""
    dict_id = int(wl.sql_value("SELECT id FROM dictionary WHERE code = 'customer_tag'"))
    code = "t_tag_%s" % RUN
    wl.sql("INSERT INTO dictionary_item (dictionary_id, code, label, sort) VALUES (%d, '%s', '测试标签%s', 99)"
           % (dict_id, code, RUN))
    item = int(wl.sql_value("SELECT id FROM dictionary_item WHERE code = '%s'" % code))
    rid = resident_id_from(create_resident(admin, "标签住户" + RUN, [mobile()]))
    wl.sql("INSERT INTO resident_tag (resident_id, tag) VALUES (%d, '%s')" % (rid, code))
    path = "/admin/dictionaries/%d" % dict_id
    r = admin.post("%s/items/%d/delete" % (path, item), {"_csrf": csrf(admin, path)})
    t.ok(r.status == 409 and "仍有住户使用这个选项" in wl.visible_text(r.text), "deleting a tag in use: 409 with why",
         r.brief())
    t.eq(wl.sql_value("SELECT COUNT(*) FROM dictionary_item WHERE id = %d" % item), "1", "the item is still there")
    wl.sql("DELETE FROM resident_tag WHERE resident_id = %d" % rid)
    r = admin.post("%s/items/%d/delete" % (path, item), {"_csrf": csrf(admin, path)})
    t.ok(r.status == 303 and wl.sql_value("SELECT COUNT(*) FROM dictionary_item WHERE id = %d" % item) == "0",
         "once nobody has it, it can be deleted", r.brief())


def main():
    admin = wl.logged_in("t_admin")
    state = {}
    t.section("property import", property_import, admin)
    t.section("property delete refused", property_delete_refused, admin)
    t.section("residents and search", residents_and_search, admin, state)
    t.section("stale edit", stale_edit, admin, state)
    t.section("merge", merge, admin)
    t.section("resident import", residents_import, admin)
    t.section("export", export, admin, state)
    t.section("permissions", permissions, state)
    t.section("xss", xss, admin)
    t.section("dictionary item in use", dictionary_item_in_use, admin)
    t.done()


if __name__ == "__main__":
    main()
