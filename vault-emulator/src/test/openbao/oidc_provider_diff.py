#!/usr/bin/env python3
# Differential check of the OIDC provider: sends the same requests to a real server (OpenBao 2.7.2 dev
# server) and to the standalone emulator (--flavour openbao), both with root token "root", and prints
# every step whose status, normalised body or caching headers differ.
# Usage: oidc_provider_diff.py http://127.0.0.1:<bao-port> http://127.0.0.1:<emulator-port>
"""Send the same OIDC provider requests to OpenBao and the emulator; print differences."""
import json, re, sys, base64, hashlib, urllib.request, urllib.parse

def call(base, method, path, token="root", body=None, form=None, headers=None, query=None):
    url = base + "/v1/" + path + ("?" + urllib.parse.urlencode(query) if query else "")
    h = dict(headers or {})
    data = None
    if token: h["X-Vault-Token"] = token
    if body is not None:
        data = json.dumps(body).encode(); h["Content-Type"] = "application/json"
    if form is not None:
        data = urllib.parse.urlencode(form).encode(); h["Content-Type"] = "application/x-www-form-urlencoded"
    req = urllib.request.Request(url, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.read().decode(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(), dict(e.headers)

class Side:
    def __init__(self, base):
        self.base = base; self.ids = {}
    def c(self, *a, **k): return call(self.base, *a, **k)

def norm(side, text):
    for name, v in sorted(side.ids.items(), key=lambda kv: -len(kv[1])):
        if v: text = text.replace(v, "<" + name + ">")
    text = re.sub(r'"request_id":"[^"]*"', '"request_id":"R"', text)
    text = re.sub(r'"code":"[0-9A-Za-z]{32}"', '"code":"CODE"', text)
    text = re.sub(r'https?://127\.0\.0\.1:\d+', 'ADDR', text)
    text = re.sub(r'"(b|hvb)\.[A-Za-z0-9_\-]+"', '"BATCH"', text)
    text = re.sub(r'"eyJ[A-Za-z0-9_\-\.]+"', '"JWT"', text)
    text = re.sub(r'"kid":"[0-9a-f\-]{36}"', '"kid":"K"', text)
    text = re.sub(r'"n":"[A-Za-z0-9_\-]+"', '"n":"N"', text)
    text = re.sub(r'"mount_type":"[a-z]*",?', '', text)
    return text

def setup(s):
    s.c("POST", "sys/auth/approle", body={"type": "approle"})
    s.c("POST", "auth/approle/role/web", body={})
    rid = json.loads(s.c("GET", "auth/approle/role/web/role-id")[1])["data"]["role_id"]
    sid = json.loads(s.c("POST", "auth/approle/role/web/secret-id", body={})[1])["data"]["secret_id"]
    auth = json.loads(s.c("POST", "auth/approle/login", token=None, body={"role_id": rid, "secret_id": sid})[1])["auth"]
    s.user = auth["client_token"]; s.ids["ENTITY"] = auth["entity_id"]; s.ids["USERTOKEN"] = s.user

def client(s, name, **body):
    st, _, _ = s.c("POST", "identity/oidc/client/" + name, body=body)
    d = json.loads(s.c("GET", "identity/oidc/client/" + name)[1])["data"]
    s.ids[name.upper() + "_ID"] = d["client_id"]; s.ids[name.upper() + "_SECRET"] = d.get("client_secret", "")
    return st

V = "0123456789012345678901234567890123456789012345"
S256 = base64.urlsafe_b64encode(hashlib.sha256(V.encode()).digest()).decode().rstrip("=")

def steps(s):
    out = []
    def rec(label, r):
        st, body, h = r
        hv = {k.lower(): v for k, v in h.items() if k.lower() in ("cache-control", "pragma", "www-authenticate")}
        out.append((label, st, norm(s, body.strip()), json.dumps(hv, sort_keys=True)))
    setup(s)
    rec("client app", (client(s, "app", redirect_uris="https://app/cb,http://localhost:1/cb", assignments="allow_all"), "", {}))
    rec("client pub", (client(s, "pub", redirect_uris="http://127.0.0.1/cb", assignments="allow_all", client_type="public"), "", {}))
    rec("client public+cc", s.c("POST", "identity/oidc/client/pub2", body={"client_type": "public", "client_credentials": True}))
    rec("scope s1", s.c("POST", "identity/oidc/scope/s1", body={"template": '{"name": {{identity.entity.name}}, "k": "v"}'}))
    rec("scope s2", s.c("POST", "identity/oidc/scope/s2", body={"template": '{"k": 1}'}))
    rec("provider p", s.c("POST", "identity/oidc/provider/p", body={"allowed_client_ids": ["*"], "scopes_supported": "s1"}))
    rec("provider p2 clash", s.c("POST", "identity/oidc/provider/p2", body={"scopes_supported": "s1,s2"}))
    rec("get client app", s.c("GET", "identity/oidc/client/app"))
    rec("list clients", s.c("LIST", "identity/oidc/client"))
    rec("list providers filtered", s.c("GET", "identity/oidc/provider", query={"list": "true", "allowed_client_id": s.ids["APP_ID"]}))
    rec("get provider p", s.c("GET", "identity/oidc/provider/p"))
    rec("discovery p", s.c("GET", "identity/oidc/provider/p/.well-known/openid-configuration", token=None))
    rec("keys p", s.c("GET", "identity/oidc/provider/p/.well-known/keys", token=None))
    rec("keys nope", s.c("GET", "identity/oidc/provider/nope/.well-known/keys", token=None))
    rec("wk bad", s.c("GET", "identity/oidc/provider/p/.well-known/nope", token=None))
    rec("token GET", s.c("GET", "identity/oidc/provider/p/token", token=None))
    rec("authorize DELETE", s.c("DELETE", "identity/oidc/provider/p/authorize", token=s.user))
    q = {"client_id": s.ids["APP_ID"], "scope": "openid  s1 s1 zz", "redirect_uri": "https://app/cb", "response_type": "code", "state": "st", "nonce": "n"}
    rec("authorize ok", s.c("GET", "identity/oidc/provider/p/authorize", token=s.user, query=q))
    rec("authorize empty challenge", s.c("GET", "identity/oidc/provider/p/authorize", token=s.user, query=dict(q, code_challenge="")))
    rec("authorize empty method", s.c("GET", "identity/oidc/provider/p/authorize", token=s.user, query=dict(q, code_challenge=S256, code_challenge_method="")))
    rec("authorize loopback port", s.c("GET", "identity/oidc/provider/p/authorize", token=s.user, query=dict(q, redirect_uri="http://localhost:9999/cb")))
    rec("authorize loopback other host", s.c("GET", "identity/oidc/provider/p/authorize", token=s.user, query=dict(q, redirect_uri="http://127.0.0.1:9999/cb")))
    rec("authorize root", s.c("GET", "identity/oidc/provider/p/authorize", query=q))
    rec("authorize no token", s.c("GET", "identity/oidc/provider/p/authorize", token=None, query=q))
    rec("authorize POST json", s.c("POST", "identity/oidc/provider/p/authorize", token=s.user, body=q))
    rec("authorize public no pkce", s.c("GET", "identity/oidc/provider/p/authorize", token=s.user, query=dict(q, client_id=s.ids["PUB_ID"], redirect_uri="http://127.0.0.1/cb")))
    code = json.loads(s.c("GET", "identity/oidc/provider/p/authorize", token=s.user, query=q)[1])["code"]
    rec("token json body", s.c("POST", "identity/oidc/provider/p/token", token=None, body={"grant_type": "authorization_code", "code": code, "redirect_uri": "https://app/cb", "client_id": s.ids["APP_ID"], "client_secret": s.ids["APP_SECRET"]}))
    code = json.loads(s.c("GET", "identity/oidc/provider/p/authorize", token=s.user, query=dict(q, code_challenge=S256, code_challenge_method="S256"))[1])["code"]
    basic = "Basic " + base64.b64encode((s.ids["APP_ID"] + ":" + s.ids["APP_SECRET"]).encode()).decode()
    r = s.c("POST", "identity/oidc/provider/p/token", token=None, headers={"Authorization": basic}, form={"grant_type": "authorization_code", "code": code, "redirect_uri": "https://app/cb", "code_verifier": V, "client_id": "ignored"})
    rec("token basic pkce", r)
    tok = json.loads(r[1])
    idt = json.loads(base64.urlsafe_b64decode(tok["id_token"].split(".")[1] + "=="))
    rec("id token claims", (0, json.dumps(sorted(idt.keys())) + " name=" + str(idt.get("name")) + " k=" + str(idt.get("k")), {}))
    at = tok["access_token"]
    rec("userinfo", s.c("GET", "identity/oidc/provider/p/userinfo", token=None, headers={"Authorization": "Bearer " + at}))
    rec("userinfo POST", s.c("POST", "identity/oidc/provider/p/userinfo", token=None, headers={"Authorization": "Bearer " + at}))
    rec("userinfo other provider", s.c("GET", "identity/oidc/provider/default/userinfo", token=None, headers={"Authorization": "Bearer " + at}))
    rec("access token elsewhere", s.c("GET", "auth/token/lookup-self", token=at))
    rec("userinfo bad provider name", s.c("GET", "identity/oidc/provider/-x/userinfo", token=None, headers={"Authorization": "Bearer " + at}))
    rec("token bad basic", s.c("POST", "identity/oidc/provider/p/token", token=None, headers={"Authorization": "Basic !!!"}, form={"grant_type": "authorization_code"}))
    rec("token public any secret no pkce code", s.c("POST", "identity/oidc/provider/p/token", token=None, form={"client_id": s.ids["PUB_ID"], "client_secret": "x", "grant_type": "authorization_code", "code": "nope"}))
    rec("client cc", (client(s, "cc", client_credentials=True, assignments="allow_all"), "", {}))
    r = s.c("POST", "identity/oidc/provider/p/token", token=None, form={"client_id": s.ids["CC_ID"], "client_secret": s.ids["CC_SECRET"], "grant_type": "client_credentials", "scope": "openid s1"})
    rec("cc grant", r)
    if r[0] == 200:
        cl = json.loads(base64.urlsafe_b64decode(json.loads(r[1])["access_token"].split(".")[1] + "=="))
        rec("cc claims", (0, json.dumps(sorted(cl.keys())) + " k=" + str(cl.get("k")), {}))
    rec("cc wrong secret", s.c("POST", "identity/oidc/provider/p/token", token=None, form={"client_id": s.ids["CC_ID"], "client_secret": "bad", "grant_type": "client_credentials", "scope": "openid"}))
    rec("delete key used", s.c("DELETE", "identity/oidc/key/default"))
    rec("assignment lower", s.c("POST", "identity/oidc/assignment/a", body={"entity_ids": ["AB.CD", "x,Y"], "group_ids": None}))
    rec("get assignment", s.c("GET", "identity/oidc/assignment/a"))
    rec("provider bad issuer", s.c("POST", "identity/oidc/provider/p3", body={"issuer": "https://h/x"}))
    rec("provider issuer query", s.c("POST", "identity/oidc/provider/p3", body={"issuer": "https://h?x=1"}))
    rec("provider issuer ftp", s.c("POST", "identity/oidc/provider/p3", body={"issuer": "ftp://h"}))
    rec("scope b64", s.c("POST", "identity/oidc/scope/s3", body={"template": base64.b64encode(b'{"z":1}').decode()}))
    rec("get scope b64", s.c("GET", "identity/oidc/scope/s3"))
    rec("client ttl dur", s.c("POST", "identity/oidc/client/t", body={"id_token_ttl": "bad"}))
    rec("client assignments null", s.c("POST", "identity/oidc/client/t2", body={"assignments": None}))
    rec("get client t2", s.c("GET", "identity/oidc/client/t2"))
    # Negative paths of the exchange and of userinfo.
    def fresh_code(**extra):
        return json.loads(s.c("GET", "identity/oidc/provider/p/authorize", token=s.user, query=dict(q, **extra))[1])["code"]
    form = lambda c, **kw: dict({"grant_type": "authorization_code", "code": c, "redirect_uri": "https://app/cb",
                                "client_id": s.ids["APP_ID"], "client_secret": s.ids["APP_SECRET"]}, **kw)
    c1 = fresh_code()
    rec("exchange", s.c("POST", "identity/oidc/provider/p/token", token=None, form=form(c1))[0:1] + ("", {}))
    rec("reuse", s.c("POST", "identity/oidc/provider/p/token", token=None, form=form(c1)))
    rec("other client", s.c("POST", "identity/oidc/provider/p/token", token=None, form=form(fresh_code(), client_id=s.ids["CC_ID"], client_secret=s.ids["CC_SECRET"])))
    rec("other provider", s.c("POST", "identity/oidc/provider/default/token", token=None, form=form(fresh_code())))
    rec("wrong verifier", s.c("POST", "identity/oidc/provider/p/token", token=None, form=form(fresh_code(code_challenge=S256, code_challenge_method="S256"), code_verifier=V + "x")))
    rec("plain verifier", s.c("POST", "identity/oidc/provider/p/token", token=None, form=form(fresh_code(code_challenge=V), code_verifier=V))[0:1] + ("", {}))
    s.c("POST", "identity/oidc/assignment/none", body={"entity_ids": "nobody"})
    s.c("POST", "identity/oidc/client/app", body={"assignments": "none"})
    rec("not assigned", s.c("GET", "identity/oidc/provider/p/authorize", token=s.user, query=q))
    rec("userinfo not assigned", s.c("GET", "identity/oidc/provider/p/userinfo", token=None, headers={"Authorization": "Bearer " + at}))
    s.c("POST", "identity/oidc/client/app", body={"assignments": "allow_all"})
    s.c("POST", "identity/oidc/provider/p", body={"allowed_client_ids": "someone"})
    rec("authorize not allowed", s.c("GET", "identity/oidc/provider/p/authorize", token=s.user, query=q))
    rec("token not allowed", s.c("POST", "identity/oidc/provider/p/token", token=None, form=form("x")))
    rec("userinfo not allowed", s.c("GET", "identity/oidc/provider/p/userinfo", token=None, headers={"Authorization": "Bearer " + at}))
    s.c("POST", "identity/oidc/provider/p", body={"allowed_client_ids": "*"})
    s.c("POST", "identity/oidc/key/strict", body={"allowed_client_ids": "x"})
    client(s, "strict", key="strict", assignments="allow_all", redirect_uris="https://app/cb")
    rec("key not allowed", s.c("POST", "identity/oidc/provider/p/token", token=None, form=form("x", client_id=s.ids["STRICT_ID"], client_secret=s.ids["STRICT_SECRET"])))
    rec("keys p after strict", (0, str(len(json.loads(s.c("GET", "identity/oidc/provider/p/.well-known/keys", token=None)[1])["keys"])), {}))
    s.c("DELETE", "identity/oidc/client/app")
    rec("userinfo client deleted", s.c("GET", "identity/oidc/provider/p/userinfo", token=None, headers={"Authorization": "Bearer " + at}))
    rec("authorize client deleted", s.c("GET", "identity/oidc/provider/p/authorize", token=s.user, query=q))
    return out

a, b = Side(sys.argv[1]), Side(sys.argv[2])
ra, rb = steps(a), steps(b)
diffs = 0
for x, y in zip(ra, rb):
    if x != y:
        diffs += 1
        print("DIFF", x[0]); print("  bao:", x[1:]); print("  emu:", y[1:])
print("steps", len(ra), "diffs", diffs)
