"""The panel's signed session cookie: tamper-proof, expiring, tied to the secret."""

import time

from panel.sessions import MAX_AGE, new_session, sign, unsign


def test_round_trip_and_tampering():
    payload = new_session(7)
    value = sign(b"k", payload)
    assert unsign(b"k", value) == payload
    assert unsign(b"other", value) is None
    data, mac = value.split(".")
    assert unsign(b"k", data[:-1] + ("A" if data[-1] != "A" else "B") + "." + mac) is None
    for junk in (None, "", "a.b.c", "nodot", "x.y"):
        assert unsign(b"k", junk) is None


def test_expiry_and_shape():
    old = new_session(1) | {"iat": int(time.time()) - MAX_AGE - 5}
    assert unsign(b"k", sign(b"k", old)) is None
    assert unsign(b"k", sign(b"k", {"uid": "1", "iat": time.time()})) is None
    assert new_session(1)["csrf"] != new_session(1)["csrf"]
