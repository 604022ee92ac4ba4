#!/usr/bin/python3
"""test_api.py — the JSON API: API keys (valid, bogus, revoked, of a deactivated account),
the key's account's permissions, lists, single items, errors as JSON, and that
openapi.json documents every endpoint of the page table in cgi-bin/api/main.c."""
import os
import re
import urllib.parse

import sys

sys.dont_write_bytecode = True  # no __pycache__ in the repository

from wl import (ROOT, Client, Tap, PASSWORD, key_of, logged_in, sql, sql_value,
                token_hash_hex, wlctl)

t = Tap("test_api")
api = Client()


def is_error(r, status, code, name):
    """r is the JSON error document {"error":{"code":code,"message":...}} with status."""
    t.eq(r.status, status, "%s: HTTP %d" % (name, status))
    t.ok((r.header("Content-Type") or "").startswith("application/json"), "%s: JSON content type" % name,
         r.header("Content-Type"))
    try:
        err = r.json().get("error", {})
    except ValueError:
        t.ok(False, "%s: body is JSON" % name, r.text[:200])
        return
    t.ok(err.get("code") == code and isinstance(err.get("message"), str) and err["message"],
         "%s: {\"error\":{\"code\":\"%s\",\"message\":...}}" % (name, code), r.text[:200])


def keys():
    r = api.api("/api/v1/me")
    is_error(r, 401, "unauthorized", "no key")
    t.ok((r.header("WWW-Authenticate") or "").lower().startswith("bearer"), "no key: WWW-Authenticate: Bearer",
         r.header("WWW-Authenticate"))
    t.ok(re.search(r"[\u4e00-\u9fff]", r.json()["error"]["message"]), "no key: the message is Chinese by default",
         r.text)
    r = api.api("/api/v1/me?lang=en")
    t.ok(r.status == 401 and re.fullmatch(r"[\x20-\x7e]+", r.json()["error"]["message"]),
         "no key, ?lang=en: the message is English", r.text)
    is_error(api.api("/api/v1/me", "wl_" + "x" * 43), 401, "unauthorized", "bogus key")
    is_error(api.api("/api/v1/me", "short"), 401, "unauthorized", "short bogus key")
    r = api.request("GET", "/api/v1/me", headers={"Authorization": "Basic " + "eDp5" * 8})
    t.eq(r.status, 401, "Basic authorization instead of a Bearer key: 401")

    r = api.api("/api/v1/me", key_of("admin"))
    t.eq(r.status, 200, "admin key: /api/v1/me 200")
    me = r.json() if r.status == 200 else {}
    t.eq(me.get("login"), "t_admin", "admin key: login is t_admin")
    t.ok("admin" in me.get("roles", []), "admin key: roles contain admin", me)
    t.ok("api.read" in me.get("permissions", []), "admin key: permissions contain api.read", me)
    t.eq(me.get("via_api_key"), True, "admin key: via_api_key is true")
    r = api.api("/api/v1/me", key_of("agent"))
    me = r.json() if r.status == 200 else {}
    t.ok(me.get("login") == "t_agent" and me.get("roles") == ["agent"],
         "agent key: acts as t_agent with the agent role only", r.text[:300])
    t.ok(isinstance(me.get("department_id"), int), "agent key: department_id is an integer", me)

    c = logged_in("t_agent")
    r = c.api("/api/v1/me")
    t.ok(r.status == 200 and r.json().get("login") == "t_agent" and r.json().get("via_api_key") is False,
         "a browser session also authenticates the API (via_api_key false)", r.brief)


def revoked():
    key = wlctl("apikey", "t_agent", "revoke-test").strip()
    t.eq(api.api("/api/v1/me", key).status, 200, "a new key works")
    sql("UPDATE api_key SET revoked_at = UTC_TIMESTAMP() WHERE key_hash = UNHEX('%s')" % token_hash_hex(key))
    is_error(api.api("/api/v1/me", key), 401, "unauthorized", "revoked key")
    is_error(api.api("/api/v1/staff", key), 401, "unauthorized", "revoked key on /staff")
    used = sql_value("SELECT last_used_at IS NOT NULL FROM api_key WHERE key_hash = UNHEX('%s')"
                     % token_hash_hex(key))
    t.eq(used, "1", "the key's last use was recorded")

    wlctl("user-add", "t_gone", "测试离职员", "agent", stdin=PASSWORD + "\n")
    key = wlctl("apikey", "t_gone", "gone-test").strip()
    t.eq(api.api("/api/v1/me", key).status, 200, "a key of an active account works")
    sql("UPDATE staff SET active = 0 WHERE login = 't_gone'")
    is_error(api.api("/api/v1/me", key), 401, "unauthorized", "a key of a deactivated account")


def permissions():
    r = api.api("/api/v1/staff", key_of("tech"))
    t.eq(r.status, 200, "technician key (technicians have api.read): /api/v1/staff 200")
    r = api.api("/api/v1/me", key_of("noapi"))
    t.ok(r.status == 200 and "api.read" not in r.json().get("permissions", []),
         "key of an account without api.read: /api/v1/me 200, no api.read", r.brief)
    is_error(api.api("/api/v1/staff", key_of("noapi")), 403, "forbidden", "key without api.read on /staff")
    is_error(api.api("/api/v1/departments", key_of("noapi")), 403, "forbidden",
             "key without api.read on /departments")


def lists():
    key = key_of("admin")
    r = api.api("/api/v1/departments", key)
    t.eq(r.status, 200, "/api/v1/departments: 200")
    doc = r.json() if r.status == 200 else {}
    items = doc.get("items", [])
    t.ok(isinstance(items, list) and items, "/api/v1/departments: non-empty items", r.text[:200])
    cs = [d for d in items if d.get("code") == "t_cs"]
    t.ok(cs and cs[0].get("name") == "测试客服部" and isinstance(cs[0].get("id"), int),
         "/api/v1/departments: the fixture's department with its Chinese name", items)
    t.ok(cs and cs[0].get("staff_count", 0) >= 3, "/api/v1/departments: staff_count counts its staff", cs)
    if cs:
        r = api.api("/api/v1/departments/%d" % cs[0]["id"], key)
        t.ok(r.status == 200 and r.json().get("code") == "t_cs", "/api/v1/departments/{id}: 200, the department",
             r.brief)
    is_error(api.api("/api/v1/departments/999999", key), 404, "not_found", "/api/v1/departments/999999")

    r = api.api("/api/v1/staff", key)
    t.eq(r.status, 200, "/api/v1/staff: 200")
    doc = r.json() if r.status == 200 else {}
    items = doc.get("items", [])
    logins = [s.get("login") for s in items]
    t.ok({"t_admin", "t_agent", "t_tech"} <= set(logins), "/api/v1/staff: lists the fixture's accounts", logins)
    t.ok(isinstance(doc.get("total"), int) and doc["total"] >= len(items), "/api/v1/staff: total", doc.get("total"))
    t.ok(all("password_hash" not in s for s in items), "/api/v1/staff: no password hashes", items[:1])
    agent = [s for s in items if s.get("login") == "t_agent"]
    t.ok(agent and agent[0].get("roles") == ["agent"] and agent[0].get("department") == "测试客服部",
         "/api/v1/staff: roles as an array, department by name", agent)
    if agent:
        r = api.api("/api/v1/staff/%d" % agent[0]["id"], key)
        t.ok(r.status == 200 and r.json().get("login") == "t_agent", "/api/v1/staff/{id}: 200, the account",
             r.brief)
    r = api.api("/api/v1/staff?limit=1", key)
    t.ok(r.status == 200 and len(r.json()["items"]) == 1 and r.json()["total"] >= 5,
         "/api/v1/staff?limit=1: one item, total of all", r.brief)
    r = api.api("/api/v1/staff?limit=1&offset=1", key)
    t.ok(r.status == 200 and r.json()["items"] and r.json()["items"][0]["login"] != logins[0],
         "/api/v1/staff?offset=1: the next page", r.brief)
    r = api.api("/api/v1/staff?q=t_agent", key)
    got = [s["login"] for s in r.json().get("items", [])] if r.status == 200 else []
    t.ok(set(got) == {"t_agent", "t_agent2"}, "/api/v1/staff?q=t_agent: the two agents", got)
    r = api.api("/api/v1/staff?q=" + urllib.parse.quote("测试座席"), key)
    got = [s["login"] for s in r.json().get("items", [])] if r.status == 200 else []
    t.ok(set(got) == {"t_agent", "t_agent2"}, "/api/v1/staff?q=测试座席: search by Chinese name", got)

    is_error(api.api("/api/v1/staff/999999", key), 404, "not_found", "/api/v1/staff/999999")
    is_error(api.api("/api/v1/staff?limit=abc", key), 400, "bad_request", "/api/v1/staff?limit=abc")
    is_error(api.api("/api/v1/staff?limit=100000", key), 400, "bad_request", "/api/v1/staff?limit=100000")
    is_error(api.api("/api/v1/staff?q=%zz", key), 400, "bad_request", "/api/v1/staff?q=%zz")
    is_error(api.api("/api/v1/nope", key), 404, "not_found", "/api/v1/nope")
    is_error(api.api("/api/v1/nope"), 404, "not_found", "/api/v1/nope without a key")
    r = api.api("/api/v1/me", key, method="POST")
    t.ok(r.status == 405 and (r.header("Content-Type") or "").startswith("application/json"),
         "POST on a GET-only endpoint: 405 JSON", r.brief)


def table_endpoints():
    """(method, path relative to /api/v1 with {id}) of every /api/v1 page of cgi-bin/api/main.c
    and of the programs Apache routes parts of /api/v1 to (the reports' JSON)."""
    out = []
    for prog in ("cgi-bin/api/main.c", "cgi-bin/report/main.c"):
        src = open(os.path.join(ROOT, prog), encoding="utf-8").read()
        for m in re.finditer(r'\{\s*"([A-Z]+)"\s*,\s*"(/api/v1[^"]*)"', src):
            path = m.group(2)[len("/api/v1"):]
            out.append((m.group(1), path))
    return out


def openapi():
    r = api.get("/api/v1/openapi.json")
    t.eq(r.status, 200, "/api/v1/openapi.json without a key: 200")
    t.ok((r.header("Content-Type") or "").startswith("application/json"), "openapi.json is application/json",
         r.header("Content-Type"))
    try:
        doc = r.json()
    except ValueError as e:
        t.ok(False, "openapi.json is valid JSON", str(e))
        return
    t.ok(True, "openapi.json is valid JSON")
    t.ok(str(doc.get("openapi", "")).startswith("3."), "openapi.json is OpenAPI 3.x", doc.get("openapi"))
    t.ok(any(s.get("url") == "/api/v1" for s in doc.get("servers", [])), "openapi.json's server is /api/v1",
         doc.get("servers"))
    paths = doc.get("paths", {})
    served = table_endpoints()
    t.ok(len(served) >= 6, "the page table of cgi-bin/api/main.c parses (%d endpoints)" % len(served), served)

    def documented(method, path):
        pat = "^" + re.escape(path).replace("\\#", "#").replace("#", r"\{[^/}]+\}") + "$"
        for p, ops in paths.items():
            if re.match(pat, p) and method.lower() in ops:
                return p
        return None

    missing = [(m, p) for m, p in served if not documented(m, p)]
    t.ok(not missing, "openapi.json documents every endpoint of the page table", missing)
    served_re = [("^" + re.escape(p).replace("\\#", "#").replace("#", r"\{[^/}]+\}") + "$", m) for m, p in served]
    extra = [(m.upper(), p) for p, ops in paths.items() for m in ops
             if m in ("get", "post", "put", "patch", "delete")
             and not any(re.match(rx, p) and m.upper() == sm for rx, sm in served_re)]
    t.ok(not extra, "openapi.json documents no endpoint the API does not serve", extra)
    refs = re.findall(r'"\$ref":\s*"#/([^"]+)"', r.text)
    bad = []
    for ref in refs:
        node = doc
        for part in ref.split("/"):
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            bad.append(ref)
    t.ok(not bad, "every $ref in openapi.json resolves", bad)


t.section("keys", keys)
t.section("revoked keys", revoked)
t.section("permissions", permissions)
t.section("lists and items", lists)
t.section("openapi.json", openapi)
t.done()
