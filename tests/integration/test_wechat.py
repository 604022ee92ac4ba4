#!/usr/bin/python3
"""test_wechat.py — the WeChat official account's callback, with this test playing the
WeChat server: it signs every call with the account's token (WL_WECHAT_TOKEN of the test
stack) and posts the XML messages WeChat would.  The URL check echoes echostr and refuses
wrong or stale signatures; a follower is welcomed and asked to bind; binding by mobile
number sends a 6-digit code by SMS (read at the fake SMSC) that is never stored in clear,
an unknown number gets the same answer without an SMS, a wrong code counts down; a bound
resident's BX creates a work order on their household with channel wechat and the answer
names it, CX answers its status, a picture (fetched from PicUrl, served here) is attached
to it; a message WeChat retries is handled once and answered the same; malformed XML is
refused and changes nothing."""
import hashlib
import http.server
import os
import re
import sys
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True

from wl import Client, Tap, conf, sms_received, sql, sql_value, wait_for

t = Tap("test_wechat")
api = Client()
TOKEN = conf("WL_WECHAT_TOKEN", "")
TAG = os.urandom(3).hex()
DIGITS = "%04d" % (int(TAG, 16) % 10000)
MOBILE = "1390088" + DIGITS
UNKNOWN = "1370088" + DIGITS
OPENID = "o_test_" + TAG
ACCOUNT = "gh_warmline_test"
WAIT = 90  # seconds: generous, never a measurement
S = {"msg": int(time.time() * 1000)}
# The smallest valid PNG (1x1, grey).
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010800000000"
                    "3a7e9b550000000a49444154789c63680000008200815cc7d3a40000000049454e44ae426082")




def signed(extra=None, token=TOKEN, ts=None):
    ts = str(int(time.time()) if ts is None else ts)
    nonce = os.urandom(4).hex()
    sig = hashlib.sha1("".join(sorted([token, ts, nonce])).encode()).hexdigest()
    q = {"signature": sig, "timestamp": ts, "nonce": nonce}
    q.update(extra or {})
    return "/hook/wechat?" + urllib.parse.urlencode(q)


def xml_of(fields):
    parts = ["<xml>"]
    for k, v in fields:
        if isinstance(v, int):
            parts.append("<%s>%d</%s>" % (k, v, k))
        else:
            parts.append("<%s><![CDATA[%s]]></%s>" % (k, v, k))
    parts.append("</xml>")
    return "".join(parts).encode()


def post(fields, msg_id=None, path=None):
    """Posts a message as WeChat does (5 s is all WeChat waits); returns (status, reply
    text or None, response)."""
    r = api.request("POST", path or signed({"openid": OPENID}), body=xml_of(fields),
                    headers={"Content-Type": "text/xml"}, timeout=5)
    text = None
    if r.status == 200 and r.text.startswith("<xml>"):
        doc = ET.fromstring(r.text)
        text = doc.findtext("Content")
        S["last_reply_doc"] = doc
    return r.status, text, r


def send_text(content, msg_id=None, openid=OPENID):
    S["msg"] += 1
    return post([("ToUserName", ACCOUNT), ("FromUserName", openid),
                 ("CreateTime", int(time.time())), ("MsgType", "text"),
                 ("Content", content), ("MsgId", str(msg_id or S["msg"]))])


def sms_to(phone, needle):
    return [m for m in sms_received() if m["to"] == phone and needle in m["text"]]


def setup():
    sql("INSERT INTO community (code, name) VALUES ('wx%s', '微信测试小区%s');"
        "INSERT INTO building (community_id, name) SELECT id, '7号楼' FROM community WHERE code = 'wx%s';"
        "INSERT INTO unit (building_id, name) SELECT b.id, '2单元' FROM building b JOIN community c"
        " ON c.id = b.community_id WHERE c.code = 'wx%s';"
        "INSERT INTO household (unit_id, room, floor) SELECT u.id, '0302', 3 FROM unit u"
        " JOIN building b ON b.id = u.building_id JOIN community c ON c.id = b.community_id"
        " WHERE c.code = 'wx%s';"
        "INSERT INTO resident (name) VALUES ('李四%s');" % (TAG, TAG, TAG, TAG, TAG, TAG))
    S["household"] = int(sql_value("SELECT h.id FROM household h JOIN unit u ON u.id = h.unit_id"
                                   " JOIN building b ON b.id = u.building_id JOIN community c"
                                   " ON c.id = b.community_id WHERE c.code = 'wx%s'" % TAG))
    S["resident"] = int(sql_value("SELECT id FROM resident WHERE name = '李四%s'" % TAG))
    sql("INSERT INTO resident_phone (resident_id, phone, kind, is_primary) VALUES (%d, '%s', 'mobile', 1);"
        "INSERT INTO resident_household (resident_id, household_id) VALUES (%d, %d)"
        % (S["resident"], MOBILE, S["resident"], S["household"]))
    t.ok(TOKEN, "the test stack has a WeChat token (WL_WECHAT_TOKEN in conf/test.conf)")


def url_check():
    r = api.get(signed({"echostr": "echo" + TAG}))
    t.eq((r.status, r.text), (200, "echo" + TAG), "the URL check echoes echostr")
    r = api.get(signed({"echostr": "x"}, token="wrong-token"))
    t.eq(r.status, 403, "a wrong signature: 403")
    r = api.get(signed({"echostr": "x"}, ts=int(time.time()) - 3600))
    t.eq(r.status, 403, "a signature an hour old: 403 (a replayed call)")
    r = api.get("/hook/wechat?echostr=x")
    t.eq(r.status, 403, "no signature: 403")
    before = sql_value("SELECT COUNT(*) FROM wechat_inbound")
    status, _, _ = post([("ToUserName", ACCOUNT), ("FromUserName", OPENID), ("MsgType", "text"),
                         ("Content", "BX 漏水"), ("MsgId", "1")], path=signed(token="wrong-token"))
    t.eq(status, 403, "a message with a wrong signature: 403")
    r = api.request("POST", signed(), body=b"<xml><ToUserName>a</ToUserName><FromUserName>",
                    headers={"Content-Type": "text/xml"})
    t.eq(r.status, 400, "malformed XML: 400")
    r = api.request("POST", signed(), body=b"<xml><MsgType>text</MsgType></xml>",
                    headers={"Content-Type": "text/xml"})
    t.eq(r.status, 400, "a message without sender: 400")
    t.eq(sql_value("SELECT COUNT(*) FROM wechat_inbound"), before, "refused calls recorded nothing")


def binding():
    status, text, _ = post([("ToUserName", ACCOUNT), ("FromUserName", OPENID),
                            ("CreateTime", int(time.time())), ("MsgType", "event"),
                            ("Event", "subscribe")])
    t.ok(status == 200 and text and "绑定" in text, "a new follower is welcomed and told how to bind", text)
    doc = S.get("last_reply_doc")
    t.ok(doc is not None and doc.findtext("ToUserName") == OPENID and
         doc.findtext("FromUserName") == ACCOUNT and doc.findtext("MsgType") == "text",
         "the reply goes to the follower from the account, as text")

    _, text, _ = send_text("BX 暖气不热")
    t.ok(text and "请先绑定" in text, "before binding, a report is answered with how to bind", text)
    t.eq(sql_value("SELECT COUNT(*) FROM ticket WHERE channel = 'wechat' AND description LIKE '%%暖气不热%%'"
                   " AND resident_id = %d" % S["resident"]), "0", "and no work order is created")

    _, text_unknown, _ = send_text("绑定 " + UNKNOWN, openid=OPENID + "x")
    t.ok(text_unknown and "验证码已发送到137****" in text_unknown,
         "an unknown number gets the usual answer (no hint whether it is a resident's)", text_unknown)

    _, text, _ = send_text("绑定 " + MOBILE)
    t.ok(text and "验证码已发送到139****%s" % DIGITS in text, "binding: the code is sent to the masked number", text)
    got = wait_for(lambda: sms_to(MOBILE, "微信绑定验证码"))
    t.ok(got, "the code arrives by SMS at the fake SMSC", got)
    code = re.search(r"验证码是(\d{6})", got[0]["text"]).group(1) if got else "000000"
    t.eq(sms_to(UNKNOWN, "验证码"), [], "the unknown number got no SMS")
    stored = sql("SELECT IFNULL(code_hash, ''), code_phone FROM wechat_user WHERE openid = '%s'" % OPENID)
    t.ok(stored and code not in stored[0][0] and len(stored[0][0]) == 43 and stored[0][1] == MOBILE,
         "the code is stored only as a MAC", stored)

    _, text, _ = send_text("绑定 " + MOBILE)
    t.ok(text and "过于频繁" in text, "a second code within a minute is refused", text)

    wrong = "%06d" % ((int(code) + 1) % 1000000)
    _, text, _ = send_text(wrong)
    t.ok(text and "验证码不正确" in text and "4次" in text, "a wrong code: refused, 4 tries left", text)
    t.eq(sql_value("SELECT resident_id FROM wechat_user WHERE openid = '%s'" % OPENID), None,
         "and the user is not bound")
    _, text, _ = send_text(code)
    t.ok(text and "绑定成功" in text, "the right code binds", text)
    t.eq(sql_value("SELECT resident_id FROM wechat_user WHERE openid = '%s'" % OPENID), str(S["resident"]),
         "the WeChat user is the resident now")
    t.eq(sql_value("SELECT COUNT(*) FROM wechat_inbound WHERE openid = '%s' AND body LIKE '%%%s%%'"
                   % (OPENID, code)), "0", "the code typed back is not kept in the message log")


def keywords():
    S["msg"] += 1
    bx_id = str(S["msg"])
    _, text, _ = send_text("BX 卫生间暖气片漏水" + TAG, msg_id=bx_id)
    row = sql("SELECT id, number, channel, household_id FROM ticket WHERE description = '卫生间暖气片漏水%s'"
              % TAG)
    t.ok(row and row[0][2] == "wechat" and int(row[0][3]) == S["household"],
         "BX created a work order on the resident's household, channel wechat", row)
    number = row[0][1] if row else "?"
    S["ticket"] = int(row[0][0]) if row else 0
    t.ok(text and number in text and "已受理" in text, "the answer names the new work order", text)

    status, again, _ = send_text("BX 卫生间暖气片漏水" + TAG, msg_id=bx_id)
    t.eq((status, again), (200, text), "WeChat's retry of the same MsgId gets the same answer")
    t.eq(sql_value("SELECT COUNT(*) FROM ticket WHERE description = '卫生间暖气片漏水%s'" % TAG), "1",
         "and creates nothing more")

    _, text, _ = send_text("cx")
    t.ok(text and "您最近的工单%s" % number in text and "已受理" in text, "CX answers the latest status", text)

    _, text, _ = send_text("请问几点来")
    t.ok(text and "客服人员会尽快回复" in text, "other text is acknowledged for an agent", text)
    t.eq(sql_value("SELECT action FROM wechat_inbound WHERE openid = '%s' AND body = '请问几点来'" % OPENID),
         "agent", "and waits in the message log as for an agent")


class PictureHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/pic.png":
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(PNG)))
            self.end_headers()
            self.wfile.write(PNG)
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args):
        pass


def picture():
    srv = http.server.HTTPServer(("127.0.0.1", 0), PictureHandler)
    th = threading.Thread(target=srv.serve_forever, daemon=True)
    th.start()
    base = "http://127.0.0.1:%d" % srv.server_address[1]
    try:
        S["msg"] += 1
        _, text, _ = post([("ToUserName", ACCOUNT), ("FromUserName", OPENID),
                           ("CreateTime", int(time.time())), ("MsgType", "image"),
                           ("PicUrl", base + "/pic.png"), ("MediaId", "m" + TAG),
                           ("MsgId", str(S["msg"]))])
        t.ok(text and "照片已添加到工单" in text, "a picture is attached to the latest open work order", text)
        rows = sql("SELECT mime, size FROM attachment WHERE ticket_id = %d" % S.get("ticket", 0))
        t.eq(rows, [["image/png", str(len(PNG))]], "the work order has the PNG as an attachment")
        S["msg"] += 1
        _, text, _ = post([("ToUserName", ACCOUNT), ("FromUserName", OPENID),
                           ("CreateTime", int(time.time())), ("MsgType", "image"),
                           ("PicUrl", base + "/missing.png"), ("MsgId", str(S["msg"]))])
        t.ok(text and "没有收到" in text, "a picture that cannot be fetched: asked to send it again", text)
    finally:
        srv.shutdown()


def unbind():
    _, text, _ = send_text("解绑")
    t.ok(text and "已解除绑定" in text, "解绑 unbinds", text)
    _, text, _ = send_text("CX")
    t.ok(text and "请先绑定" in text, "after that, messages ask to bind again", text)


t.section("setup", setup)
t.section("url check", url_check)
t.section("binding", binding)
t.section("keywords", keywords)
t.section("picture", picture)
t.section("unbind", unbind)
t.done()
