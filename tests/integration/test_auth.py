#!/usr/bin/python3
"""test_auth.py — logging in and out, sessions, lock-out, password change, timeouts.

Deliberately failed logins come from their own loopback addresses (Client(source_ip=...)):
five failures from one address lock that address for 15 minutes, and the other tests
log in from 127.0.0.1."""
import re

import sys

sys.dont_write_bytecode = True  # no __pycache__ in the repository

from wl import (Client, Tap, conf, csrf_from, logged_in, login, name_of, PASSWORD, sql,
                sql_value, token_hash_hex, visible_text, wlctl)

t = Tap("test_auth")
LOCK_MSG = "锁定"
BAD_MSG = "用户名或密码错误"


def login_page():
    c = Client()
    r = c.get("/login")
    t.eq(r.status, 200, "GET /login answers 200")
    t.ok((r.header("Content-Type") or "").startswith("text/html"), "login page is text/html",
         r.header("Content-Type"))
    t.ok('<html lang="zh-CN"' in r.text, "login page is Chinese by default (<html lang=\"zh-CN\">)",
         r.brief)
    t.has(r.text, "登录", "login page says 登录", r)
    t.ok(csrf_from(r.text), "login form carries a _csrf token", r.brief)
    t.ok(re.search(r"""<input\b[^>]*name=["']?password["']?[^>]*type=["']?password|"""
                   r"""<input\b[^>]*type=["']?password["']?[^>]*name=["']?password""", r.text),
         "login form has a password field named password", r.brief)

    e = Client()
    r = e.get("/login?lang=en")
    t.eq(r.status, 200, "GET /login?lang=en answers 200")
    t.ok('<html lang="en"' in r.text, "?lang=en gives <html lang=\"en\">", r.brief)
    t.ok(re.search(r"(?i)log ?in|sign ?in", visible_text(r.text)), "English login page says Log in",
         r.brief)
    t.ok(re.search(r"(?i)password", visible_text(r.text)), "English login page says Password", r.brief)
    t.ok(r.cookie("wl_lang") and "wl_lang=en" in r.cookie("wl_lang"), "?lang=en is remembered in wl_lang",
         r.cookie("wl_lang"))
    r = e.get("/login")
    t.ok('<html lang="en"' in r.text, "the next page (no ?lang) stays English", r.brief)


def login_ok():
    c = Client()
    anon_token = c.csrf("/login")
    r = c.post("/login", {"login": "t_agent", "password": PASSWORD, "_csrf": anon_token or ""})
    t.eq(r.status, 303, "right password: 303")
    t.eq(r.location, "/dashboard", "right password: redirect to /dashboard")
    sid = r.cookie("wl_sid") or ""
    t.ok(sid, "right password: a wl_sid cookie is set", r.headers)
    attrs = [a.strip().lower() for a in sid.split(";")[1:]]
    t.ok("httponly" in attrs, "wl_sid is HttpOnly", sid)
    t.ok("samesite=lax" in attrs, "wl_sid is SameSite=Lax", sid)
    t.ok("path=/" in attrs, "wl_sid has Path=/", sid)
    t.ok(len(c.cookies.get("wl_sid", "")) >= 40, "wl_sid is a long random token", c.cookies)
    r = c.get("/dashboard")
    t.eq(r.status, 200, "dashboard after login: 200")
    t.has(r.text, name_of("t_agent"), "dashboard shows the user's name", r)
    t.ok(csrf_from(r.text) and csrf_from(r.text) != anon_token,
         "after login the CSRF token changes (bound to the session)", r.brief)
    r = c.get("/login")
    t.ok(r.status == 303 and r.location == "/dashboard",
         "GET /login when logged in goes to the dashboard", r.brief)
    # a second browser logged in as the same user has its own session
    d = logged_in("t_agent")
    t.ok(d.cookies["wl_sid"] != c.cookies["wl_sid"], "every login gets a new session token", "")


def login_required():
    c = Client()
    r = c.get("/dashboard")
    t.eq(r.status, 303, "no session: /dashboard answers 303")
    t.ok(r.location in ("/login?next=%2Fdashboard", "/login?next=/dashboard"),
         "no session: redirect to /login?next=/dashboard", r.location)
    r = c.get(r.location)
    t.eq(r.status, 200, "the redirect target (login page) answers 200")
    t.ok(re.search(r"""name=["']?next["']?[^>]*value=["']/dashboard["']|value=["']/dashboard["'][^>]*name=["']?next""",
                   r.text), "the login form carries next=/dashboard", r.brief)
    r = login(c, "t_agent", next_path="/account")
    t.ok(r.status == 303 and r.location == "/account", "login with next=/account goes to /account",
         r.brief)
    c2 = Client()
    r = login(c2, "t_agent", next_path="//evil.example/x")
    t.ok(r.status == 303 and r.location == "/dashboard",
         "login with next=//evil.example goes to /dashboard (no open redirect)", r.brief)
    r = Client().get("/")
    t.ok(r.status == 303 and r.location and r.location.startswith("/login"),
         "no session: / goes to the login page", r.brief)


def login_bad():
    c = Client(source_ip="127.0.0.21")
    r = login(c, "t_agent", "wrong-password-1")
    t.ok(r.status in (400, 401, 403), "wrong password: refused (4xx)", r.brief)
    t.has(r.text, BAD_MSG, "wrong password: Chinese message 用户名或密码错误", r)
    t.ok(not r.cookie("wl_sid") or "Max-Age=0" in r.cookie("wl_sid"), "wrong password: no session cookie",
         r.cookie("wl_sid"))
    t.ok("wl_sid" not in c.cookies, "wrong password: the browser holds no session", c.cookies)
    t.ok(re.search(r"""value=["']t_agent["']""", r.text), "wrong password: the login name stays in the form",
         r.brief)
    r = c.get("/dashboard")
    t.eq(r.status, 303, "wrong password: /dashboard still redirects to login")
    r = login(c, "t_nobody", "wrong-password-1")
    t.ok(r.status in (400, 401, 403) and BAD_MSG in r.text,
         "unknown login: the same message as a wrong password", r.brief)


def lockout():
    a, b = "127.0.0.31", "127.0.0.32"
    audit0 = int(sql_value("SELECT COALESCE(MAX(id), 0) FROM audit_log"))
    c = Client(source_ip=a)
    statuses = []
    for i in range(5):
        r = login(c, "t_lock", "wrong-password-%d" % i)
        statuses.append((r.status, BAD_MSG in r.text))
    t.ok(all(s in (400, 401, 403) and m for s, m in statuses),
         "lock-out: five wrong passwords are each refused as wrong", statuses)
    r = login(c, "t_lock", PASSWORD)
    t.ok(r.status in (403, 429), "lock-out: the sixth try with the RIGHT password is refused", r.brief)
    t.has(r.text, LOCK_MSG, "lock-out: the page says the account is locked (锁定)", r)
    t.ok("wl_sid" not in c.cookies, "lock-out: no session cookie", c.cookies)
    r = login(Client(source_ip=b), "t_lock", PASSWORD)
    t.ok(r.status in (403, 429) and LOCK_MSG in r.text,
         "lock-out: the account stays locked from another address", r.brief)
    rows = sql("SELECT event, detail FROM audit_log WHERE id > %d AND event IN ('login.fail', 'login.locked')"
               " AND detail = 'login=t_lock'" % audit0)
    t.ok(sum(1 for e, _ in rows if e == "login.fail") >= 5, "lock-out: audit log has the five login.fail rows",
         rows)
    t.ok(any(e == "login.locked" for e, _ in rows), "lock-out: audit log has a login.locked row", rows)
    r = Client(source_ip="127.0.0.1").get("/login")
    t.eq(r.status, 200, "lock-out: other addresses still get the login page")

    # Per address: five failures with unknown logins lock the address for everyone.
    c = Client(source_ip="127.0.0.33")
    for i in range(5):
        login(c, "t_unknown_%d" % i, "wrong-password")
    r = login(c, "t_agent2", PASSWORD)
    t.ok(r.status in (403, 429) and LOCK_MSG in r.text,
         "lock-out by address: a right password from a locked address is refused", r.brief)
    r = login(Client(), "t_agent2", PASSWORD)
    t.eq(r.status, 303, "lock-out by address: the same account logs in from another address")


def logout():
    c = logged_in("t_agent")
    sid = c.cookies["wl_sid"]
    r = c.get("/dashboard")
    token = csrf_from(r.text)
    t.ok(token, "dashboard carries a _csrf token for the logout form", r.brief)
    t.ok(re.search(r"""<form\b[^>]*action=["']/logout["'][^>]*method=["']post["']|"""
                   r"""<form\b[^>]*method=["']post["'][^>]*action=["']/logout["']""", r.text, re.I),
         "dashboard has a POST form to /logout", r.brief)
    r = c.post("/logout", {})
    t.eq(r.status, 403, "logout without _csrf is refused (403)")
    t.eq(c.get("/dashboard").status, 200, "after a refused logout the session still works")
    r = c.post("/logout", {"_csrf": token})
    t.eq(r.status, 303, "logout with _csrf: 303")
    t.ok(r.location and r.location.startswith("/login"), "logout goes to the login page", r.location)
    t.ok(r.cookie("wl_sid") and "Max-Age=0" in r.cookie("wl_sid"), "logout clears the wl_sid cookie",
         r.cookie("wl_sid"))
    old = Client()
    old.cookies["wl_sid"] = sid
    r = old.get("/dashboard")
    t.ok(r.status == 303 and r.location.startswith("/login"), "the old cookie no longer opens /dashboard",
         r.brief)
    ended = sql_value("SELECT ended_at IS NOT NULL FROM session WHERE token_hash = UNHEX('%s')"
                      % token_hash_hex(sid))
    t.eq(ended, "1", "logout ends the session in the database")


def password_change():
    new_pw = "Changed-pass-2026"
    other = logged_in("t_agent2")       # another browser of the same account
    c = logged_in("t_agent2")
    r = c.get("/account")
    t.eq(r.status, 200, "GET /account answers 200")
    token = csrf_from(r.text)
    t.ok(token, "account page carries a _csrf token", r.brief)
    for f in ("old_password", "new_password", "new_password2"):
        t.ok(re.search(r"""name=["']?%s["'\s>]""" % f, r.text), "account page has field %s" % f, r.brief)

    r = c.post("/account/password", {"_csrf": token, "old_password": "not-the-password",
                                     "new_password": new_pw, "new_password2": new_pw})
    t.ok(r.status in (400, 403, 422), "wrong old password: refused", r.brief)
    t.ok(re.search(r"旧密码|原密码|当前密码|密码.*(错误|不正确)", visible_text(r.text)),
         "wrong old password: an error message is shown", r.brief)
    t.eq(login(Client(), "t_agent2").status, 303, "wrong old password: the password is unchanged")

    r = c.post("/account/password", {"_csrf": token, "old_password": PASSWORD,
                                     "new_password": new_pw, "new_password2": new_pw + "x"})
    t.ok(r.status in (400, 422) and "wl_sid" in c.cookies, "mismatched new passwords: refused", r.brief)
    r = c.post("/account/password", {"_csrf": token, "old_password": PASSWORD,
                                     "new_password": "short", "new_password2": "short"})
    t.ok(r.status in (400, 422), "a too short new password: refused", r.brief)

    r = c.post("/account/password", {"_csrf": token, "old_password": PASSWORD,
                                     "new_password": new_pw, "new_password2": new_pw})
    t.eq(r.status, 303, "password change: 303")
    t.eq(c.get("/dashboard").status, 200, "password change: this browser stays logged in")
    r = other.get("/dashboard")
    t.ok(r.status == 303, "password change: the account's other sessions end", r.brief)
    r = login(Client(), "t_agent2", new_pw)
    t.eq(r.status, 303, "password change: the new password works")
    r = login(Client(source_ip="127.0.0.22"), "t_agent2", PASSWORD)
    t.ok(r.status in (400, 401, 403), "password change: the old password no longer works", r.brief)
    # and back
    r = c.post("/account/password", {"_csrf": token, "old_password": new_pw,
                                     "new_password": PASSWORD, "new_password2": PASSWORD})
    t.eq(r.status, 303, "password changed back")
    t.eq(login(Client(), "t_agent2").status, 303, "the original password works again")


def session_hex(client):
    return token_hash_hex(client.cookies["wl_sid"])


def timeouts():
    idle = int(conf("WL_SESSION_IDLE", "1800"))
    c = logged_in("t_agent")
    h = session_hex(c)
    t.eq(c.get("/dashboard").status, 200, "idle: a fresh session opens the dashboard")

    # Idle for a little less than the limit: still valid, and the visit refreshes it.
    sql("UPDATE session SET last_seen_at = UTC_TIMESTAMP() - INTERVAL %d SECOND WHERE token_hash = UNHEX('%s')"
        % (idle - 120, h))
    t.eq(c.get("/dashboard").status, 200, "idle: %d s idle (under WL_SESSION_IDLE) still works" % (idle - 120))
    age = int(sql_value("SELECT TIMESTAMPDIFF(SECOND, last_seen_at, UTC_TIMESTAMP()) FROM session"
                        " WHERE token_hash = UNHEX('%s')" % h))
    t.ok(age < 60, "idle: a visit refreshes last_seen_at", "age %d s" % age)

    sql("UPDATE session SET last_seen_at = UTC_TIMESTAMP() - INTERVAL %d SECOND WHERE token_hash = UNHEX('%s')"
        % (idle + 60, h))
    r = c.get("/dashboard")
    t.eq(r.status, 303, "idle: past WL_SESSION_IDLE the cookie no longer works (303)")
    t.ok(r.location in ("/login?next=%2Fdashboard", "/login?next=/dashboard"),
         "idle: redirect to the login page with next=/dashboard", r.location)
    r = c.get(r.location)
    t.has(visible_text(r.text), "登录已超时", "idle: the login page says 登录已超时", r)
    r = c.get("/login")
    t.ok("登录已超时" not in r.text, "idle: the notice shows only once", r.brief)

    # Absolute lifetime.
    d = logged_in("t_agent")
    sql("UPDATE session SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE token_hash = UNHEX('%s')"
        % session_hex(d))
    r = d.get("/dashboard")
    t.ok(r.status == 303 and r.location.startswith("/login"),
         "absolute: a session past expires_at no longer works", r.brief)

    # A deactivated account's session ends at once.
    e = logged_in("t_agent2")
    sql("UPDATE staff SET active = 0 WHERE login = 't_agent2'")
    try:
        r = e.get("/dashboard")
        t.ok(r.status == 303, "a deactivated account's session no longer works", r.brief)
        r = login(Client(source_ip="127.0.0.23"), "t_agent2")
        t.ok(r.status in (400, 401, 403), "a deactivated account cannot log in", r.brief)
    finally:
        sql("UPDATE staff SET active = 1 WHERE login = 't_agent2'")


def forced_change():
    """After an admin reset, the account can do nothing but choose a new password."""
    temp = "Reset-by-admin-77"
    wlctl("passwd", "t_agent2", stdin=temp + "\n")
    try:
        c = Client()
        r = login(c, "t_agent2", temp)
        t.ok(r.status == 303 and r.location == "/account",
             "after an admin reset, login leads to /account", r.brief)
        r = c.get("/dashboard")
        t.ok(r.status == 303 and r.location == "/account",
             "after an admin reset, other pages redirect to /account", r.brief)
        r = c.get("/account")
        t.has(r.text, "管理员已重置您的密码", "the account page says why", r)
        r = c.post("/account/password", {"_csrf": csrf_from(r.text) or "", "old_password": temp,
                                         "new_password": PASSWORD, "new_password2": PASSWORD})
        t.ok(r.status == 303, "the new password is accepted", r.brief)
        r = c.get("/dashboard")
        t.eq(r.status, 200, "with a password of their own, the dashboard opens")
    finally:
        sql("UPDATE staff SET must_change_password = 0 WHERE login = 't_agent2'")
        wlctl("passwd", "t_agent2", stdin=PASSWORD + "\n")
        sql("UPDATE staff SET must_change_password = 0 WHERE login = 't_agent2'")


t.section("login page", login_page)
t.section("login", login_ok)
t.section("login required", login_required)
t.section("wrong password", login_bad)
t.section("logout", logout)
t.section("password change", password_change)
t.section("forced password change", forced_change)
t.section("timeouts", timeouts)
t.section("lock-out", lockout)
t.done()
