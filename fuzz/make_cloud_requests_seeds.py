#!/usr/bin/env python3
"""Writes the seed corpus of fuzz/cloud_requests.cpp (fuzz/corpus/cloud_requests/): whole
sign-ins, refreshes, revocations, the verification page, LWA code pairs, Basic clients and
malformed requests. Its input is libFuzzer's FuzzedDataProvider script, which nobody can
write by hand: integers come from the end of the input, strings from the front. This
mirrors the target's choices one for one; change both together.
usage: fuzz/make_cloud_requests_seeds.py [OUT_DIR]"""
import os
import sys

METHODS = ["POST", "GET", "PUT", "HEAD"]
PATHS = ["metadata", "device_authorization", "token", "revoke", "device", "lwa_code_pair", "lwa_token", "voice",
         "settings", "/"]
QUERIES = ["", "user_code"]
CONTENT_TYPES = ["form", "", "form; charset", "json"]
AUTHS = ["", "basic speaker", "basic kitchen", "bearer"]
CLIENTS = ["ringside-speaker", "kitchen-display", "stranger"]
SPEECH = ["alexa, turn on the lights", "alexa, buy more coffee", "alexa, 1234", "alexa, delete everything I said",
          "alexa, what time is it"]
BODIES = ["raw", "device_authorization", "device_code", "refresh", "revoke", "page", "settings", "lwa_code_pair",
          "lwa_token", "speech"]


class Script:
    def __init__(self, variant):
        self.front = bytearray()
        self.back = bytearray()  # in the order consumed, i.e. from the input's end inwards
        self.integer(0, 2, variant)

    def integer(self, lo, hi, value):
        span, count = hi - lo, 0
        while count < 8 and span >> (8 * count):
            count += 1
        self.back += (value - lo).to_bytes(count, "big")

    def boolean(self, value):
        self.back.append(1 if value else 0)

    def string(self, text):
        self.front += text.encode().replace(b"\\", b"\\\\") + b"\\\n"

    def pick(self, choices, choice):
        if choice in choices:
            self.integer(0, len(choices), choices.index(choice))
        else:  # the fuzzed alternative
            self.integer(0, len(choices), len(choices))
            self.string(choice)

    def wait(self, ms):
        self.integer(0, 700_000, ms)

    def request(self, method, path, body, ms=1000, query="", content_type="form", auth="", client="ringside-speaker",
                choices=(), extra=None):
        self.wait(ms)
        self.integer(0, 4, 1)  # not the user's turn
        self.pick(METHODS, method)
        self.pick(PATHS, path)
        self.pick(QUERIES, query)
        self.pick(CONTENT_TYPES, content_type)
        self.pick(AUTHS, auth)
        self.pick(CLIENTS, client)
        self.integer(0, 9, BODIES.index(body))
        if body == "raw":
            self.string(choices[0])
            return
        if body == "speech":  # what is said, then the voice (0..7)
            self.pick(SPEECH, choices[0])
            self.integer(0, 7, choices[1])
            return
        for options, choice in choices:
            self.pick(options, choice)
        self.boolean(extra is not None)
        if extra is not None:
            self.string(extra)

    def user(self, action, account="demo", polls=0, ms=1000):
        self.wait(ms)
        self.integer(0, 4, 0)
        self.boolean(True)  # the oldest pending code
        self.pick(["demo", "DEMO@example.com", "kid", "nobody"], account)
        self.integer(0, 3, ["approve", "deny", "approve_after_polls", "revoke_account"].index(action))
        if action == "approve_after_polls":
            self.integer(-1, 4, polls)

    def bytes(self):
        return bytes(self.front) + bytes(reversed(self.back))


SCOPES = ["speaker", "profile", "speaker profile", "admin"]
SERIALS = ["SN-0001", ""]


def device_authorization(s, client="ringside-speaker", scope="speaker", auth="", extra=None):
    s.request("POST", "device_authorization", "device_authorization", client=client, auth=auth,
              choices=[(SCOPES, scope), (SERIALS, "SN-0001")], extra=extra)


def seeds():
    s = Script(0)  # RFC 8628: the whole life of a grant
    device_authorization(s)
    s.request("POST", "token", "device_code", ms=5000)
    s.user("approve")
    s.request("POST", "token", "device_code", ms=5000)
    s.request("POST", "settings", "settings")
    s.request("POST", "voice", "speech", auth="bearer", choices=["alexa, turn on the lights", 0])
    s.request("POST", "token", "refresh", ms=3_600_000 // 10)
    s.request("POST", "revoke", "revoke", choices=[(["refresh", "access"], "refresh"), (["refresh_token", "access_token"], "refresh_token")])
    s.request("POST", "token", "refresh")
    yield "rfc8628_sign_in_refresh_revoke", s

    s = Script(0)  # the verification page, code first, then the sign-in
    device_authorization(s)
    s.request("GET", "device", "device_code", query="user_code")
    s.request("POST", "device", "page", choices=[(["demo%40example.com", "kid%40example.com", "mfa"], "demo%40example.com"),
                                                 (["demo", "kid", "wrong"], "demo"), (["approve", "deny"], "approve"),
                                                 (["000000", ""], "")])
    s.request("POST", "token", "device_code", ms=6000)
    yield "verification_page_approves", s

    s = Script(1)  # Login with Amazon's code pair
    s.request("POST", "lwa_code_pair", "lwa_code_pair", choices=[(["full", "empty"], "full")])
    s.request("POST", "lwa_token", "lwa_token", ms=5000)
    s.user("approve", account="DEMO@example.com")
    s.request("POST", "lwa_token", "lwa_token", ms=5000)
    s.request("POST", "lwa_token", "refresh", ms=600_000)
    yield "lwa_code_pair", s

    s = Script(2)  # a confidential client over Basic, scopes it may and may not have; a denial
    device_authorization(s, client="kitchen-display", auth="basic kitchen", scope="admin")
    device_authorization(s, client="kitchen-display", auth="basic kitchen", scope="speaker profile")
    device_authorization(s, client="kitchen-display", scope="speaker")  # no secret: invalid_client
    s.user("deny")
    s.request("POST", "token", "device_code", client="kitchen-display", auth="basic kitchen")
    s.user("approve", account="kid")
    yield "confidential_client_basic_and_denial", s

    s = Script(0)  # approval after polls, then the code runs out
    device_authorization(s)
    s.user("approve_after_polls", polls=2)
    for gap in (5000, 2000, 5000, 5000):
        s.request("POST", "token", "device_code", ms=gap)
    device_authorization(s)
    s.request("POST", "token", "device_code", ms=700_000)
    s.user("revoke_account")
    yield "approve_after_polls_and_expiry", s

    s = Script(0)  # what a broken client sends
    s.request("POST", "token", "raw", choices=["grant_type=%zz&client_id"])
    s.request("GET", "token", "raw", choices=["grant_type=refresh_token"])
    s.request("POST", "/oauth2/../token", "raw", choices=["client_id=ringside-speaker"])
    s.request("POST", "device_authorization", "raw", content_type="json", choices=['{"client_id":"ringside-speaker"}'])
    device_authorization(s, extra="client_id=ringside-speaker&scope=%C3%A9%FF")
    s.request("POST", "token", "device_code", auth="Basic !!!=", extra="device_code=twice")
    s.request("POST", "voice", "speech", auth="Bearer nope", choices=["alexa, buy more coffee", 3])
    yield "malformed_requests", s


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus", "cloud_requests")
    os.makedirs(out, exist_ok=True)
    for name, script in seeds():
        with open(os.path.join(out, name), "wb") as f:
            f.write(script.bytes())


if __name__ == "__main__":
    main()
