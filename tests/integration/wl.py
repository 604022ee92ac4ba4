"""wl.py — what the integration tests share: an HTTP client with a cookie jar, CSRF and
login helpers, the fixture's credentials, SQL as the database root, logs, and a TAP reporter.

Standard library only (run with /usr/bin/python3).  Environment (set by tests/run):
  WL_TEST_URL  http://127.0.0.1:18080      WL_ROOT, WL_VAR, WL_BUILD, WL_CONF_EXTRA
  WL_TEST_ARTIFACTS  where to leave files worth looking at after a failure
"""
import hashlib
import http.client
import json
import os
import re
import subprocess
import sys
import time
import traceback
import urllib.parse

URL = os.environ.get("WL_TEST_URL", "http://127.0.0.1:18080").rstrip("/")
ROOT = os.environ.get("WL_ROOT", os.path.abspath(os.path.join(os.path.dirname(__file__), "../..")))
VAR = os.environ.get("WL_VAR", os.path.join(ROOT, "var/test/stack"))
BUILD = os.environ.get("WL_BUILD", os.path.join(ROOT, "build/asan"))
DB_NAME = os.environ.get("WL_DB_NAME", "warmline")

_u = urllib.parse.urlsplit(URL)
HOST, PORT = _u.hostname, _u.port or 80


# ---------------------------------------------------------------------------------------
# Configuration and fixture

def _read_kv(path):
    out = {}
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\r\n")
                if not line or line.startswith("#") or "=" not in line:
                    continue
                k, v = line.split("=", 1)
                out[k.strip()] = v.rstrip(" ")
    except OSError:
        pass
    return out


def conf(key, default=None):
    """A WL_* setting as the programs see it: warmline.conf < WL_CONF_EXTRA < environment."""
    if key in os.environ:
        return os.environ[key]
    value = _read_kv(os.path.join(ROOT, "conf/warmline.conf")).get(key, default)
    extra = os.environ.get("WL_CONF_EXTRA")
    if extra:
        path = extra if extra.startswith("/") else os.path.join(ROOT, extra)
        value = _read_kv(path).get(key, value)
    return value


FIXTURE = _read_kv(os.path.join(VAR, "test.env"))
PASSWORD = FIXTURE.get("T_PASSWORD", "Test-pass-2026")


def name_of(login):
    """The display name the fixture gave an account."""
    return FIXTURE.get("T_%s_NAME" % login.upper(), login)


def key_of(who):
    """An API key from the fixture: key_of("admin") -> T_ADMIN_KEY."""
    k = FIXTURE.get("T_%s_KEY" % who.upper())
    if not k:
        raise RuntimeError("no T_%s_KEY in %s/test.env (did tests/fixture.sh run?)" % (who.upper(), VAR))
    return k


def wlctl(*args, stdin=None):
    """Runs the build's wlctl with the stack's configuration; returns its stdout."""
    env = dict(os.environ, WL_ROOT=ROOT)
    p = subprocess.run([os.path.join(BUILD, "bin/wlctl")] + list(args), input=stdin,
                       capture_output=True, text=True, env=env, timeout=60)
    if p.returncode:
        raise RuntimeError("wlctl %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr.strip()))
    return p.stdout


# ---------------------------------------------------------------------------------------
# Database (as root over the unix socket, like tools/wl)

def sql(query):
    """Runs SQL as the database root; returns the rows as lists of strings (NULL -> None)."""
    p = subprocess.run(["mariadb", "--defaults-file=" + os.path.join(VAR, "my.cnf"), "-u", "root",
                        "--batch", "-N", "-e", query, DB_NAME],
                       capture_output=True, text=True, timeout=60)
    if p.returncode:
        raise RuntimeError("SQL failed: %s: %s" % (query[:120], p.stderr.strip()))
    rows = []
    for line in p.stdout.splitlines():
        rows.append([None if c == "NULL" else c for c in line.split("\t")])
    return rows


def sql_value(query):
    rows = sql(query)
    return rows[0][0] if rows and rows[0] else None


def sql_str(s):
    """A SQL string literal (for values the tests choose themselves)."""
    return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'"


def token_hash_hex(token):
    """How sessions and API keys are stored: SHA-256 of the token."""
    return hashlib.sha256(token.encode()).hexdigest()


# ---------------------------------------------------------------------------------------
# Logs

def log_path(name):
    return os.path.join(VAR, "log", name)


def log_size(name):
    try:
        return os.path.getsize(log_path(name))
    except OSError:
        return 0


def log_since(name, offset):
    """The text a log gained after offset (from log_size)."""
    try:
        with open(log_path(name), "rb") as f:
            f.seek(offset)
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


# ---------------------------------------------------------------------------------------
# HTTP

class Response:
    def __init__(self, status, headers, body, method, path):
        self.status = status
        self.headers = headers          # list of (name, value) in order, duplicates kept
        self.raw = body
        self.method = method
        self.path = path

    @property
    def text(self):
        return self.raw.decode("utf-8", "replace")

    def header(self, name):
        """The first value of a header (case-insensitive), or None."""
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def header_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def location(self):
        """The Location header as a path + query (a scheme and host are dropped)."""
        loc = self.header("Location")
        if loc is None:
            return None
        u = urllib.parse.urlsplit(loc)
        return u.path + ("?" + u.query if u.query else "")

    def json(self):
        return json.loads(self.raw.decode("utf-8"))

    def cookie(self, name):
        """The Set-Cookie line for name in this response, or None."""
        for v in self.header_all("Set-Cookie"):
            if v.split("=", 1)[0].strip() == name:
                return v
        return None

    def __repr__(self):
        return "<%s %s -> %d>" % (self.method, self.path, self.status)

    def brief(self):
        """A one-line description for failure messages."""
        body = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", self.text)).strip()
        return "%s %s -> %d %s | %s" % (self.method, self.path[:80], self.status,
                                       ("Location: " + self.header("Location")) if self.header("Location") else "",
                                       body[:200])


class Client:
    """One browser: a cookie jar, no redirects followed unless asked.

    source_ip binds the client's end of the connection to another loopback address
    (127.0.0.N): the server then sees another REMOTE_ADDR, which keeps the tests'
    deliberate failed logins from locking out each other's address."""

    def __init__(self, source_ip=None, user_agent="wl-integration-test"):
        self.cookies = {}
        self.source_ip = source_ip
        self.user_agent = user_agent
        self.last = None

    def _store_cookies(self, resp):
        for line in resp.header_all("Set-Cookie"):
            parts = [p.strip() for p in line.split(";")]
            if "=" not in parts[0]:
                continue
            name, value = parts[0].split("=", 1)
            attrs = {p.split("=", 1)[0].lower(): (p.split("=", 1)[1] if "=" in p else "") for p in parts[1:]}
            if attrs.get("max-age") == "0" or value == "":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    def request(self, method, path, body=None, headers=None, follow=False, timeout=60):
        hdrs = {"User-Agent": self.user_agent, "Accept-Language": "zh-CN,zh;q=0.9"}
        if self.cookies:
            hdrs["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        hdrs.update(headers or {})
        for _ in range(10):
            conn = http.client.HTTPConnection(HOST, PORT, timeout=timeout,
                                              source_address=(self.source_ip, 0) if self.source_ip else None)
            try:
                conn.putrequest(method, path, skip_accept_encoding=True)
                for k, v in hdrs.items():
                    if v is not None:
                        conn.putheader(k, v)
                if body is not None:
                    conn.putheader("Content-Length", str(len(body)))
                conn.endheaders()
                if body:
                    conn.send(body)
                r = conn.getresponse()
                resp = Response(r.status, r.getheaders(), r.read(), method, path)
            finally:
                conn.close()
            self._store_cookies(resp)
            self.last = resp
            if not (follow and resp.status in (301, 302, 303, 307) and resp.location):
                return resp
            method, path, body = "GET", resp.location, None
            hdrs = {"User-Agent": self.user_agent, "Accept-Language": "zh-CN,zh;q=0.9"}
            if self.cookies:
                hdrs["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        return resp

    def get(self, path, headers=None, follow=False):
        return self.request("GET", path, headers=headers, follow=follow)

    def post(self, path, fields, headers=None, follow=False):
        """An application/x-www-form-urlencoded POST; fields is a dict or a list of pairs
        (values may be str or bytes; bytes go out percent-encoded as they are)."""
        items = fields.items() if isinstance(fields, dict) else fields
        body = "&".join("%s=%s" % (urllib.parse.quote_plus(k), urllib.parse.quote_plus(v))
                        for k, v in items).encode()
        h = {"Content-Type": "application/x-www-form-urlencoded"}
        h.update(headers or {})
        return self.request("POST", path, body=body, headers=h, follow=follow)

    def post_raw(self, path, body, content_type, headers=None, follow=False):
        h = {"Content-Type": content_type}
        h.update(headers or {})
        return self.request("POST", path, body=body if isinstance(body, bytes) else body.encode(),
                            headers=h, follow=follow)

    def post_multipart(self, path, fields, files=(), headers=None, follow=False):
        """fields: dict or pairs of text fields; files: (name, filename, content_type, bytes)."""
        boundary = "----wltest" + os.urandom(8).hex()
        out = []
        items = fields.items() if isinstance(fields, dict) else fields
        for k, v in items:
            out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n" % (boundary, k)).encode())
            out.append(v if isinstance(v, bytes) else v.encode())
            out.append(b"\r\n")
        for name, filename, ctype, data in files:
            out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                        "Content-Type: %s\r\n\r\n" % (boundary, name, filename, ctype)).encode())
            out.append(data)
            out.append(b"\r\n")
        out.append(("--%s--\r\n" % boundary).encode())
        return self.post_raw(path, b"".join(out), "multipart/form-data; boundary=" + boundary,
                             headers=headers, follow=follow)

    def api(self, path, key=None, method="GET"):
        h = {"Accept": "application/json"}
        if key:
            h["Authorization"] = "Bearer " + key
        return self.request(method, path, headers=h)

    def csrf(self, path="/login"):
        """Opens path and returns the page's _csrf token (None when there is none)."""
        return csrf_from(self.get(path).text)


def csrf_from(html):
    """The value of the hidden _csrf input of a page, or None."""
    for m in re.finditer(r"<input\b[^>]*>", html, re.I):
        tag = m.group(0)
        if re.search(r"""\bname\s*=\s*["']?_csrf["'\s>/]""", tag):
            v = re.search(r"""\bvalue\s*=\s*["']([^"']*)["']""", tag)
            if v:
                return v.group(1)
    m = re.search(r"""<meta\b[^>]*name=["']csrf["'][^>]*content=["']([^"']*)["']""", html, re.I)
    return m.group(1) if m else None


def login(client, user, pw=None, next_path=None):
    """Logs client in through the form (GET /login for the token, then POST).  Returns the
    POST's response: 303 to /dashboard and a wl_sid cookie on success."""
    token = client.csrf("/login")
    fields = {"login": user, "password": PASSWORD if pw is None else pw, "_csrf": token or ""}
    if next_path is not None:
        fields["next"] = next_path
    return client.post("/login", fields)


def logged_in(user, pw=None, source_ip=None):
    """A new client logged in as user; raises if the login does not succeed."""
    c = Client(source_ip=source_ip)
    r = login(c, user, pw)
    if r.status != 303 or "wl_sid" not in c.cookies:
        raise RuntimeError("login as %s failed: %s" % (user, r.brief()))
    return c


def visible_text(html):
    """The text of a page roughly as a user reads it (tags dropped, entities decoded)."""
    import html as _html
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    return re.sub(r"\s+", " ", _html.unescape(re.sub(r"<[^>]*>", " ", html))).strip()


# ---------------------------------------------------------------------------------------
# TAP

class Tap:
    """t.ok(cond, name, detail) prints `ok - name` or `not ok - name: detail`; t.done()
    prints the summary and exits 1 if anything failed."""

    def __init__(self, program):
        self.program = program
        self.n = 0
        self.failed = []

    def ok(self, cond, name, detail=""):
        self.n += 1
        if cond:
            print("ok - %s" % name, flush=True)
        else:
            if callable(detail):
                try:
                    detail = detail()
                except Exception as e:  # a failing detail must not hide the failure
                    detail = "(detail: %r)" % e
            print("not ok - %s: %s" % (name, str(detail).replace("\n", " | ")[:600]), flush=True)
            self.failed.append(name)
        return bool(cond)

    def eq(self, got, want, name):
        return self.ok(got == want, name, lambda: "got %r, want %r" % (got, want))

    def has(self, text, needle, name, resp=None):
        return self.ok(needle in text, name,
                       lambda: "%r not found in %s" % (needle, resp.brief() if resp else repr(text[:300])))

    def section(self, name, fn, *args):
        """Runs one group of checks; an exception is a failure, not the end of the run."""
        try:
            fn(*args)
        except Exception as e:
            tb = traceback.extract_tb(sys.exc_info()[2])
            where = "%s:%d" % (os.path.basename(tb[-1].filename), tb[-1].lineno) if tb else "?"
            self.ok(False, "%s (completes)" % name, "%s: %s at %s" % (type(e).__name__, e, where))

    def done(self):
        print("# %s: %d checks, %d failed" % (self.program, self.n, len(self.failed)), flush=True)
        sys.exit(1 if self.failed or self.n == 0 else 0)


def sms_received():
    """What the fake SMSC received, parts of long messages joined (UDH 05 00 03 ref n i)."""
    out, parts = [], {}
    try:
        with open(os.path.join(VAR, "sms", "received.jsonl"), encoding="utf-8") as f:
            lines = [json.loads(x) for x in f if x.strip()]
    except OSError:
        return []
    for m in lines:
        udh = bytes.fromhex(m.get("udh") or "")
        if len(udh) >= 6 and udh[1] == 0:
            key = (m["to"], udh[3])
            p = parts.setdefault(key, {"to": m["to"], "n": udh[4], "got": {}})
            p["got"][udh[5]] = m["text"]
            if len(p["got"]) == p["n"]:
                out.append({"to": m["to"], "text": "".join(p["got"][i] for i in sorted(p["got"])),
                            "parts": p["n"]})
                del parts[key]
        else:
            out.append({"to": m["to"], "text": m["text"], "parts": 1})
    return out


def wait_for(fn, timeout=90, step=0.3):
    """Polls fn until it returns something true; returns that, or the last value after
    timeout seconds (generous: a wait for an event, never a measurement)."""
    end = time.monotonic() + timeout
    while True:
        v = fn()
        if v or time.monotonic() > end:
            return v
        time.sleep(step)
