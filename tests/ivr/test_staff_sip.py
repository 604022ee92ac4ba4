#!/usr/bin/python3
"""test_staff_sip.py — the admin staff form's desk-phone fields: an admin gives an account an
extension and a SIP password; only the digest HA1 is stored; a bad extension, a taken one, a
short password and a new extension without a password are refused with the form shown again;
and a real phone (baresip) registers with what the admin set."""
import hashlib
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ivrlib as L  # noqa: E402
from wl import csrf_from, logged_in  # noqa: E402

t = L.Tap("test_staff_sip")
SILENCE = os.path.join(L.ARTIFACTS, "silence60.wav")


def form_fields(staff_id, token, **sip):
    """The staff edit form as the browser would post it, with the stored values."""
    row = L.sql("SELECT name, IFNULL(department_id, ''), IFNULL(phone, ''), IFNULL(email, ''), "
                "IFNULL(lang, ''), active FROM staff WHERE id = %d" % staff_id)[0]
    roles = [r[0] for r in L.sql("SELECT role_id FROM staff_role WHERE staff_id = %d" % staff_id)]
    f = [("_csrf", token), ("name", row[0]), ("department_id", row[1]), ("phone", row[2]),
         ("email", row[3]), ("lang", row[4])] + [("roles", x) for x in roles]
    if row[5] == "1":
        f.append(("active", "1"))
    f += list(sip.items())
    return f


def main():
    os.makedirs(L.ARTIFACTS, exist_ok=True)
    L.wav_write(SILENCE, [0] * (60 * L.RATE))
    sid = int(L.sql_value("SELECT id FROM staff WHERE login = 't_lock'"))
    other = L.set_sip_password("t_agent2", "1077", "Other-pass-1077")
    L.sql("UPDATE staff SET sip_extension = NULL, sip_ha1 = NULL, sip_ha1_realm = NULL "
          "WHERE id = %d" % sid)
    admin = logged_in("t_admin")
    page = "/admin/staff/%d" % sid
    r = admin.get(page)
    t.ok(r.status == 200 and 'name="sip_extension"' in r.text and 'name="sip_password"' in r.text,
         "the staff form has the extension and SIP password fields", r.brief)
    token = csrf_from(r.text)

    def post(**sip):
        return admin.post(page, form_fields(sid, token, **sip))

    def stored():
        return L.sql("SELECT IFNULL(sip_extension, ''), IFNULL(sip_ha1, ''), "
                     "IFNULL(sip_ha1_realm, '') FROM staff WHERE id = %d" % sid)[0]

    for sip, name in (({"sip_extension": "12a", "sip_password": "Good-pass-1"}, "a non-numeric extension"),
                      ({"sip_extension": "1077", "sip_password": "Good-pass-1"}, "another account's extension"),
                      ({"sip_extension": "1078", "sip_password": "short"}, "a 5-character SIP password"),
                      ({"sip_extension": "1078", "sip_password": ""}, "a new extension without a password")):
        r = post(**sip)
        t.ok(r.status == 422 and 'name="sip_extension"' in r.text, "refused: %s (422, form again)" % name,
             r.brief)
        t.eq(stored(), ["", "", ""], "nothing stored after %s" % name)

    pw = "Desk-pass-1078"
    r = post(sip_extension="1078", sip_password=pw)
    t.eq(r.status, 303, "the admin sets extension 1078 with a SIP password")
    ext, ha1, realm = stored()
    t.eq(ext, "1078", "extension stored")
    t.eq(ha1, hashlib.md5(("1078:%s:%s" % (L.REALM, pw)).encode()).hexdigest(),
         "only the digest HA1 (extension:realm:password) is stored")
    t.eq(realm, L.REALM, "the realm of the HA1 is stored")
    t.ok(not L.sql("SELECT 1 FROM staff WHERE id = %d AND (sip_ha1 LIKE %s)" % (sid, L.sql_str("%" + pw + "%"))),
         "the password itself is not stored")
    r = post(sip_extension="1078", sip_password="")
    t.eq((r.status, stored()[1]), (303, ha1), "saving again with an empty password keeps it")

    phone = L.Baresip("phone_admin_set", "<sip:1078@%s:%d>;auth_pass=%s;regint=600"
                      % (L.SIP_ADDR, L.SIP_PORT, pw), SILENCE)
    try:
        t.eq(phone.wait_registered(), "OK", "a phone registers with the password the admin set")
        a = L.wait_for(lambda: L.agents().get("1078"))
        t.ok(a and a["staff_id"] == str(sid), "agents shows 1078 as that account", a)
    finally:
        phone.close()
    r = post(sip_extension="", sip_password="")
    t.eq((r.status, stored()), (303, ["", "", ""]), "clearing the extension removes the credentials")
    L.sql("UPDATE staff SET sip_extension = NULL, sip_ha1 = NULL WHERE id = %d" % other)


t.section("staff form SIP fields", main)
t.done()
