#!/usr/bin/python3
"""test_security.py — CSRF, permissions, security headers, malformed and oversized
requests (and that the worker pool survives them), 404/405 pages, XSS and SQL injection."""
import os
import re
import secrets
import time
import urllib.parse

import sys

sys.dont_write_bytecode = True  # no __pycache__ in the repository

from wl import (Client, Tap, VAR, conf, csrf_from, key_of, log_since, log_size, logged_in, login,
                PASSWORD, sql, sql_str, sql_value, visible_text)

t = Tap("test_security")
CSRF_MSG = "表单已过期"
XSS_NAME = "<script>alert(1)</script>'; DROP TABLE staff; --"


def can_login(user, pw=PASSWORD):
    return login(Client(), user, pw).status == 303


# ---------------------------------------------------------------------------------------

def csrf():
    audit0 = int(sql_value("SELECT COALESCE(MAX(id), 0) FROM audit_log"))
    c = Client()
    token = c.csrf("/login")
    t.ok(token, "login page has a _csrf token", "")
    r = c.post("/login", {"login": "t_agent", "password": PASSWORD})
    t.eq(r.status, 403, "POST /login without _csrf: 403")
    t.has(r.text, CSRF_MSG, "POST /login without _csrf: the page says 表单已过期", r)
    t.ok("wl_sid" not in c.cookies, "POST /login without _csrf: no session", c.cookies)
    r = c.post("/login", {"login": "t_agent", "password": PASSWORD, "_csrf": "A" * 43})
    t.eq(r.status, 403, "POST /login with a wrong _csrf: 403")
    t.ok("wl_sid" not in c.cookies, "POST /login with a wrong _csrf: no session", c.cookies)
    other = Client().csrf("/login")
    r = c.post("/login", {"login": "t_agent", "password": PASSWORD, "_csrf": other})
    t.eq(r.status, 403, "POST /login with another browser's _csrf: 403")
    r = c.post("/login", {"login": "t_agent", "password": PASSWORD, "_csrf": token})
    t.eq(r.status, 303, "POST /login with this browser's _csrf: 303 (control)")
    rows = sql("SELECT COUNT(*) FROM audit_log WHERE id > %d AND event = 'csrf.reject'" % audit0)
    t.ok(int(rows[0][0]) >= 3, "CSRF rejections are in the audit log", rows)

    # Logged in: the token is bound to the session, so the pre-login token is useless.
    c = Client()
    anon_token = c.csrf("/login")
    c.post("/login", {"login": "t_agent2", "password": PASSWORD, "_csrf": anon_token})
    t.ok("wl_sid" in c.cookies, "t_agent2 logged in", c.cookies)
    new_pw = "Csrf-pass-2026"
    fields = {"old_password": PASSWORD, "new_password": new_pw, "new_password2": new_pw}
    r = c.post("/account/password", fields)
    t.eq(r.status, 403, "POST /account/password without _csrf: 403")
    t.has(r.text, CSRF_MSG, "POST /account/password without _csrf: the page says 表单已过期", r)
    r = c.post("/account/password", dict(fields, _csrf=anon_token))
    t.eq(r.status, 403, "POST /account/password with the pre-login token: 403")
    r = c.post("/account/password", dict(fields, _csrf="x"))
    t.eq(r.status, 403, "POST /account/password with a wrong _csrf: 403")
    t.ok(can_login("t_agent2"), "after the refused changes the password is unchanged", "")
    t.ok(not can_login_quiet("t_agent2", new_pw), "after the refused changes the new password does not work", "")
    t.eq(c.get("/dashboard").status, 200, "after the refused changes the session still works")


def can_login_quiet(user, pw):
    # a failed login from an address of its own (failures count per address)
    return login(Client(source_ip="127.0.0.42"), user, pw).status == 303


def session_fixation():
    c = Client()
    c.cookies["wl_sid"] = "F" * 43
    r = login(c, "t_agent")
    t.ok(r.status == 303 and c.cookies.get("wl_sid") not in (None, "F" * 43),
         "login replaces a session id planted before login", c.cookies)


# ---------------------------------------------------------------------------------------

def permissions():
    agent = logged_in("t_agent")
    r = agent.get("/admin/staff")
    t.eq(r.status, 403, "agent opens /admin/staff: 403")
    t.ok(re.search(r"权限|无权", visible_text(r.text)), "agent opens /admin/staff: the page says no permission",
         r.brief)
    t.ok('<html lang="zh-CN"' in r.text, "the 403 page is a Chinese HTML page", r.brief)
    token = csrf_from(agent.get("/dashboard").text)
    login_x = "t_perm_" + secrets.token_hex(3)
    r = agent.post("/admin/staff", {"_csrf": token, "login": login_x, "name": "越权", "password": PASSWORD})
    t.eq(r.status, 403, "agent POSTs /admin/staff with a valid token: 403")
    t.eq(sql_value("SELECT COUNT(*) FROM staff WHERE login = %s" % sql_str(login_x)), "0",
         "agent POSTs /admin/staff: no account created")
    r = Client().get("/admin/staff")
    t.ok(r.status == 303 and r.location in ("/login?next=/admin/staff", "/login?next=%2Fadmin%2Fstaff"),
         "anonymous /admin/staff: redirect to login with next", r.brief)
    admin = logged_in("t_admin")
    r = admin.get("/admin/staff")
    t.eq(r.status, 200, "admin opens /admin/staff: 200")
    r = agent.api("/api/v1/staff", key_of("agent"))
    t.eq(r.status, 200, "agent's API key (agents have api.read) reads /api/v1/staff")
    r = Client().api("/api/v1/staff", key_of("noapi"))
    t.eq(r.status, 403, "a key of an account without api.read gets 403 on /api/v1/staff")


# ---------------------------------------------------------------------------------------

def check_headers(r, what):
    csp = r.header_all("Content-Security-Policy")
    xfo = r.header_all("X-Frame-Options")
    xcto = r.header_all("X-Content-Type-Options")
    rp = r.header_all("Referrer-Policy")
    t.ok(len(csp) == 1, "%s: Content-Security-Policy exactly once" % what, csp)
    t.ok(len(xfo) <= 1 and (len(xfo) == 1 or (csp and "frame-ancestors" in csp[0])),
         "%s: X-Frame-Options (or frame-ancestors) exactly once" % what, xfo)
    t.ok(xcto == ["nosniff"], "%s: X-Content-Type-Options: nosniff exactly once" % what, xcto)
    t.ok(len(rp) == 1, "%s: Referrer-Policy exactly once" % what, rp)


def headers():
    agent = logged_in("t_agent")
    r = agent.get("/dashboard")
    check_headers(r, "dashboard")
    t.ok("no-store" in (r.header("Cache-Control") or ""), "dashboard: Cache-Control no-store",
         r.header("Cache-Control"))
    cases = [
        ("login page", Client().get("/login")),
        ("login redirect (303)", Client().get("/dashboard")),
        ("404 page", Client().get("/no-such-page")),
        ("403 page", agent.get("/admin/staff")),
        ("static wl.css", Client().get("/static/css/wl.css")),
        ("API JSON", Client().api("/api/v1/me", key_of("admin"))),
        ("API 401 JSON", Client().api("/api/v1/me")),
        ("400 page", Client().get("/login?a=%4")),
        ("400 path page", Client().get("/dashboard%zz")),
        ("static 404", Client().get("/static/no-such-file.css")),
    ]
    for what, r in cases:
        check_headers(r, what)
    r = cases[4][1]
    t.eq(r.status, 200, "static /static/css/wl.css answers 200")
    t.ok((r.header("Content-Type") or "").startswith("text/css"), "wl.css is text/css", r.header("Content-Type"))


# ---------------------------------------------------------------------------------------

def malformed():
    c = Client()
    r = c.get("/dashboard%zz")
    t.eq(r.status, 400, "bad percent-encoding in the path: 400")
    t.has(visible_text(r.text), "百分号编码", "bad percent-encoding in the path: the page says 百分号编码", r)
    r = c.get("/login?a=%4")
    t.eq(r.status, 400, "bad percent-encoding in the query: 400")
    t.has(visible_text(r.text), "百分号编码", "bad percent-encoding in the query: the page says 百分号编码", r)
    t.ok('<html lang="zh-CN"' in r.text, "the 400 page is a Chinese HTML page", r.brief)
    r = c.get("/login?q=%FF")
    t.ok(r.status == 400 and "UTF-8" in r.text, "invalid UTF-8 in the query: 400 mentioning UTF-8", r.brief)
    r = c.get("/dashboard%FF")
    t.ok(r.status == 400 and "UTF-8" in r.text, "invalid UTF-8 in the path: 400 mentioning UTF-8", r.brief)

    token = c.csrf("/login")
    for bad in ("%C0%AF", "%FF", "%ED%A0%80"):
        r = c.post_raw("/login", "login=t_agent%s&password=x&_csrf=%s" % (bad, token),
                       "application/x-www-form-urlencoded")
        t.eq(r.status, 400, "invalid UTF-8 (%s) in a form field: 400" % bad)
        t.has(r.text, "UTF-8", "invalid UTF-8 (%s) in a form field: the page says UTF-8" % bad, r)
    r = c.post_multipart("/login", [("login", b"t_agent\xff"), ("password", "x"), ("_csrf", token)])
    t.ok(r.status == 400 and "UTF-8" in r.text, "invalid UTF-8 in a multipart text field: 400 mentioning UTF-8",
         r.brief)
    r = c.post_raw("/login", "--x\r\nContent-Disposition: form-data; name=\"login\"\r\n\r\nt_agent",
                   "multipart/form-data; boundary=x")
    t.eq(r.status, 400, "an unterminated multipart body: 400")

    r = c.get("/no-such-page")
    t.eq(r.status, 404, "unknown page: 404")
    t.ok('<html lang="zh-CN"' in r.text and re.search(r"找不到|不存在|未找到", visible_text(r.text)),
         "unknown page: a Chinese 404 page", r.brief)
    r = c.get("/logout")
    t.eq(r.status, 405, "GET on the POST-only /logout: 405")
    t.ok("POST" in (r.header("Allow") or ""), "405 names the allowed methods (Allow: ... POST)", r.header("Allow"))


def oversized():
    max_form = int(conf("WL_MAX_FORM", "1048576"))
    max_body = int(conf("WL_MAX_BODY", "26214400"))
    workers = int(conf("WL_WORKERS", "2"))
    pidfile = os.path.join(VAR, "run/staff.pid")
    pid0 = open(pidfile).read().strip()
    log0 = log_size("staff.log")
    big = b"login=t_agent&password=" + b"a" * (2 * max_form)
    results = []
    for i in range(workers * 2 + 1):
        c = Client()
        r = c.post_raw("/login", big, "application/x-www-form-urlencoded")
        results.append((r.status, "超过" in r.text))
        if i == 0:
            t.eq(r.status, 413, "a 2 MiB urlencoded POST: 413")
            t.has(visible_text(r.text), "超过", "a 2 MiB urlencoded POST: the page says the limit is exceeded (超过)", r)
            t.ok('<html lang="zh-CN"' in r.text, "the 413 page is a Chinese HTML page", r.brief)
        g = Client().get("/login")
        results.append((g.status, None))
    t.ok(all(s == 413 and m for s, m in results[0::2]),
         "%d oversized POSTs in a row all answer 413 with the message" % (workers * 2 + 1), results[0::2])
    t.ok(all(s == 200 for s, _ in results[1::2]), "the login page answers 200 after each oversized POST",
         results[1::2])
    files = [("photo", "big.jpg", "image/jpeg", b"\xff\xd8" + b"\0" * (max_body + 1024))]
    r = Client().post_multipart("/login", {"login": "t_agent"}, files)
    t.eq(r.status, 413, "a multipart POST over WL_MAX_BODY: 413")
    t.eq(Client().get("/login").status, 200, "the login page answers 200 after the big upload")
    time.sleep(0.5)
    pid1 = open(pidfile).read().strip()
    t.eq(pid1, pid0, "the staff pool's master pid is unchanged")
    t.ok(os.path.exists("/proc/%s" % pid1), "the staff pool's master is alive", pid1)
    log = log_since("staff.log", log0)
    ended = re.findall(r"worker .* ended.*", log)
    t.ok(not ended, "no staff worker ended during the oversized requests", ended[:3])
    t.ok("AddressSanitizer" not in log and "runtime error" not in log, "no sanitizer report in staff.log",
         log[-500:])


# ---------------------------------------------------------------------------------------

def injection_login():
    c = Client(source_ip="127.0.0.41")
    evil = '"><script>alert(1)</script>'
    r = login(c, evil, "wrong-password")
    t.ok(r.status in (400, 403), "login with markup in the name: refused", r.brief)
    t.ok("<script>alert(1)" not in r.text, "login form re-shows the name escaped (no raw <script>)", r.brief)
    t.ok("&lt;script&gt;" in r.text, "login form re-shows the name as text (&lt;script&gt;)", r.brief)
    r = c.get("/login?next=" + urllib.parse.quote('/"><script>alert(1)</script>'))
    t.ok(r.status == 200 and "<script>alert(1)" not in r.text, "next= with markup is escaped in the login form",
         r.brief)
    r = login(c, "t_agent' OR '1'='1", "' OR '1'='1")
    t.ok(r.status in (400, 403) and "wl_sid" not in c.cookies, "SQL in login and password: refused, no session",
         r.brief)
    r = Client().api("/api/v1/staff?q=" + urllib.parse.quote("' OR 1=1 -- "), key_of("admin"))
    t.ok(r.status == 200 and r.json().get("total") == 0, "API q= with SQL finds nothing (value is bound)",
         r.brief)


def injection_admin():
    admin = logged_in("t_admin")
    token = csrf_from(admin.get("/dashboard").text)
    login_x = "t_xss_" + secrets.token_hex(3)
    dept = sql_value("SELECT id FROM department WHERE code = 't_cs'")
    role = sql_value("SELECT id FROM role WHERE code = 'agent'")
    form = admin.get("/admin/staff/new")
    if form.status == 200:
        token = csrf_from(form.text) or token
    r = admin.post("/admin/staff", [("_csrf", token), ("login", login_x), ("name", XSS_NAME),
                                    ("department_id", dept), ("roles", role), ("active", "1"),
                                    ("password", PASSWORD)])
    t.ok(r.status in (200, 201, 303), "admin creates a staff member named %r" % XSS_NAME, r.brief)
    stored = sql("SELECT id, name FROM staff WHERE login = %s" % sql_str(login_x))
    t.ok(stored and stored[0][1] == XSS_NAME, "the name is stored exactly as typed", stored)
    t.ok(sql_value("SHOW TABLES LIKE 'staff'") == "staff" and int(sql_value("SELECT COUNT(*) FROM staff")) >= 6,
         "the staff table still exists with its rows", "")
    pages = ["/admin/staff", "/admin/staff?q=" + login_x]
    if stored:
        pages.append("/admin/staff/%s" % stored[0][0])
    shown = 0
    for p in pages:
        r = admin.get(p)
        if r.status != 200:
            continue
        t.ok("<script>alert" not in r.text, "%s never contains the raw <script>alert" % p, r.brief)
        if "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text:
            shown += 1
    t.ok(shown >= 1, "the staff pages show the name as text (&lt;script&gt;)", pages)
    r = Client().api("/api/v1/staff?q=" + login_x, key_of("admin"))
    items = r.json().get("items", []) if r.status == 200 else []
    t.ok(len(items) == 1 and items[0].get("name") == XSS_NAME, "the API returns the exact name", r.brief)
    r = Client().api("/api/v1/staff?q=" + urllib.parse.quote("<script>"), key_of("admin"))
    t.ok(r.status == 200 and any(i.get("login") == login_x for i in r.json().get("items", [])),
         "the API finds the staff member by the name's prefix", r.brief)


t.section("csrf", csrf)
t.section("session fixation", session_fixation)
t.section("permissions", permissions)
t.section("security headers", headers)
t.section("malformed requests", malformed)
t.section("oversized requests", oversized)
t.section("injection (login)", injection_login)
t.section("injection (admin)", injection_admin)
t.done()
