"""ACL differential check: the same policy writes and requests sent to OpenBao and to the emulator.

Usage (both servers fresh, root token "root"):
  bao server -dev -dev-root-token-id=root -dev-listen-address=127.0.0.1:18700 &
  java -jar vault-emulator/target/vault-emulator-*.jar --port 18743 --flavour openbao &
  python3 acl_differential.py http://127.0.0.1:18700 http://127.0.0.1:18743 [-v]

Compares status and the errors list of every answer (bodies of successes differ in generated IDs).
Run against OpenBao 2.7.2 on 2026-12-01: 36 policies, 137 answers, 0 differences.
"""
import json, sys, urllib.request, urllib.error

SERVERS = {"bao": sys.argv[1], "emu": sys.argv[2]}
VERBOSE = "-v" in sys.argv

def call(base, method, path, token=None, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + "/v1/" + path, data=data, method=method)
    if token: req.add_header("X-Vault-Token", token)
    if data is not None: req.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items(): req.add_header(k, v)
    try:
        with urllib.request.urlopen(req) as r:
            raw = r.read(); status = r.status
    except urllib.error.HTTPError as e:
        raw = e.read(); status = e.code
    try: doc = json.loads(raw) if raw else None
    except ValueError: doc = raw.decode()
    return status, doc

state = {}
def setup(name, base):
    s = {}
    c = lambda *a, **k: call(base, *a, token="root", **k)
    c("POST", "sys/auth/approle", body={"type": "approle"})
    c("POST", "identity/oidc/key/existing", body={"allowed_client_ids": "*"})
    c("POST", "identity/oidc/role/r1", body={"key": "existing"})
    c("POST", "identity/oidc/role/r2", body={"key": "existing"})
    c("POST", "identity/entity", body={"name": "ent-a"})
    c("POST", "identity/group", body={"name": "blue"})
    c("POST", "identity/group", body={"name": "red"})
    c("POST", "auth/approle/role/existing", body={})
    return s

for n, b in SERVERS.items():
    state[n] = setup(n, b)

def token(base, policies, no_default=False):
    st, doc = call(base, "POST", "auth/token/create", token="root",
                   body={"policies": policies, "no_default_policy": no_default})
    return doc["auth"]["client_token"]

def login(base, role, policies, setup_entity=None):
    c = lambda *a, **k: call(base, *a, token="root", **k)
    c("POST", "auth/approle/role/" + role, body={"token_policies": policies})
    rid = c("GET", "auth/approle/role/%s/role-id" % role)[1]["data"]["role_id"]
    sid = c("POST", "auth/approle/role/%s/secret-id" % role, body={})[1]["data"]["secret_id"]
    st, doc = call(base, "POST", "auth/approle/login", body={"role_id": rid, "secret_id": sid})
    return doc["auth"]["client_token"], doc["auth"]["entity_id"]

CASES = []  # (policy text or None, [requests]); request = (method, path, body, headers)
def case(policy, *reqs): CASES.append((policy, list(reqs)))
R = lambda m, p, b=None, h=None: (m, p, b, h)

case(None, R("GET", "auth/token/lookup-self"), R("LIST", "identity/entity/id"), R("GET", "identity/entity/id?list=true"),
     R("GET", "nonexistent/mount"), R("POST", "sys/capabilities-self", {"paths": ["identity/entity"]}),
     R("GET", "sys/policy"), R("GET", "sys/auth"), R("POST", "auth/token/create", {}),
     R("GET", "identity/oidc/.well-known/keys"), R("GET", "sys/health"), R("POST", "auth/token/renew-self", {}),
     R("POST", "auth/token/lookup", {"token": "x"}), R("GET", "identity/oidc/token/r1"),
     R("POST", "sys/capabilities", {"token": "root", "paths": ["a"]}))
case('path "identity/oidc/key/*" { capabilities = ["create"] }',
     R("POST", "identity/oidc/key/new1", {}), R("POST", "identity/oidc/key/existing", {}),
     R("POST", "identity/oidc/key/existing/rotate", {}))
case('path "identity/oidc/key/*" { capabilities = ["update"] }',
     R("POST", "identity/oidc/key/new2", {}), R("POST", "identity/oidc/key/existing", {"allowed_client_ids": "*"}),
     R("POST", "identity/oidc/key/existing/rotate", {}), R("GET", "identity/oidc/key/existing"))
case('path "identity/oidc/role/*" { capabilities = ["create"] }',
     R("POST", "identity/oidc/role/new3", {"key": "existing"}), R("POST", "identity/oidc/role/r1", {"key": "existing"}))
case('path "identity/oidc/role/*" { capabilities = ["update"] }',
     R("POST", "identity/oidc/role/new4", {"key": "existing"}), R("POST", "identity/oidc/role/r1", {"key": "existing"}))
case('path "auth/approle/role/*" { capabilities = ["create"] }',
     R("POST", "auth/approle/role/new5", {}), R("POST", "auth/approle/role/existing", {}),
     R("POST", "auth/approle/role/existing/secret-id", {}))
case('path "auth/approle/role/*" { capabilities = ["update"] }',
     R("POST", "auth/approle/role/new6", {}), R("POST", "auth/approle/role/existing", {}),
     R("POST", "auth/approle/role/existing/secret-id", {}))
case('path "identity/entity" { capabilities = ["create"] }', R("POST", "identity/entity", {"name": "c1"}))
case('path "identity/entity" { capabilities = ["update"] }', R("POST", "identity/entity", {"name": "c2"}))
case('path "identity/entity/name/*" { capabilities = ["create"] }', R("POST", "identity/entity/name/c3", {}))
case('path "identity/group" { capabilities = ["create"] }', R("POST", "identity/group", {"name": "g1"}))
case('path "identity/oidc/token/*" { capabilities = ["update"] }', R("GET", "identity/oidc/token/r1"))
case('path "identity/oidc/token/*" { capabilities = ["read"] }', R("GET", "identity/oidc/token/r1"),
     R("GET", "identity/oidc/token/nope"))
case('path "sys/auth/*" { capabilities = ["create", "update", "read", "delete"] }\npath "sys/auth" { capabilities = ["read"] }',
     R("POST", "sys/auth/approle7", {"type": "approle"}), R("GET", "sys/auth/approle"), R("GET", "sys/auth"),
     R("DELETE", "sys/auth/approle"))
case('path "sys/auth/*" { capabilities = ["create", "update", "read", "sudo"] }',
     R("POST", "sys/auth/approle8", {"type": "approle"}), R("GET", "sys/auth/approle"), R("GET", "sys/auth"))
case('path "identity/entity/name/" { capabilities = ["list"] }', R("LIST", "identity/entity/name"),
     R("GET", "identity/entity/name?list=true"), R("GET", "identity/entity/name"))
case('path "identity/entity/name" { capabilities = ["list"] }', R("LIST", "identity/entity/name"))
case('path "identity/entity/*" { capabilities = ["list"] }', R("LIST", "identity/entity/name"), R("LIST", "identity/entity/id"))
case('path "identity/entity/name" { capabilities = ["read"] }', R("LIST", "identity/entity/name"))
case('path "identity/*" { capabilities = ["list"] }\npath "identity/entity/name/*" { capabilities = ["deny"] }',
     R("LIST", "identity/entity/name"), R("LIST", "identity/entity/id"))
case('path "identity/*" { capabilities = ["read", "update"] }\npath "identity/group" { capabilities = ["deny"] }',
     R("POST", "identity/entity", {"name": "d1"}), R("POST", "identity/group", {"name": "d2"}),
     R("GET", "identity/entity/name/ent-a"))
case('path "identity/oidc/+/r1" { capabilities = ["read"] }', R("GET", "identity/oidc/role/r1"),
     R("GET", "identity/oidc/role/r2"), R("GET", "identity/oidc/key/r1"))
case('path "identity/oidc/+/*" { capabilities = ["read"] }\npath "identity/oidc/role/+" { capabilities = ["deny"] }',
     R("GET", "identity/oidc/role/r1"), R("GET", "identity/oidc/key/existing"))
case('path "identity/entity" { capabilities = ["update"] allowed_parameters = { "name" = ["svc-*"], "metadata" = [] } denied_parameters = { "policies" = [] } }',
     R("POST", "identity/entity", {"name": "svc-a"}), R("POST", "identity/entity", {"name": "other"}),
     R("POST", "identity/entity", {"name": "svc-b", "disabled": False}),
     R("POST", "identity/entity", {"name": "svc-c", "policies": ["x"]}),
     R("POST", "identity/entity", {"name": "svc-d", "metadata": {"a": "b"}}))
case('path "identity/entity" { capabilities = ["update"] required_parameters = ["metadata"] }',
     R("POST", "identity/entity", {"name": "q1"}), R("POST", "identity/entity", {"name": "q2", "metadata": {"k": "v"}}))
case('path "identity/entity" { capabilities = ["update"] allowed_parameters = { "*" = [] } denied_parameters = { "disabled" = [true] } }',
     R("POST", "identity/entity", {"name": "w1", "disabled": True}), R("POST", "identity/entity", {"name": "w2", "disabled": False}))
case('path "auth/token/lookup-self" { capabilities = ["read"] min_wrapping_ttl = "1m" max_wrapping_ttl = "1h" }',
     R("GET", "auth/token/lookup-self", None, {"X-Vault-Wrap-TTL": "30m"}),
     R("GET", "auth/token/lookup-self", None, {"X-Vault-Wrap-TTL": "2h"}),
     R("GET", "auth/token/lookup-self", None, {"X-Vault-Wrap-TTL": "10"}))
case('path "sys/capabilities" { capabilities = ["update"] }', R("POST", "sys/capabilities", {"token": "root", "paths": ["a"]}))
case('path "sys/policy/*" { capabilities = ["read", "update"] }', R("POST", "sys/policy/adm", {"policy": 'path "a" { capabilities = ["read"] }'}),
     R("GET", "sys/policy/adm"), R("GET", "sys/policy"), R("DELETE", "sys/policy/adm"), R("GET", "sys/policies/acl/adm"))
case('path "sys/policies/acl/*" { capabilities = ["create"] }\npath "sys/policies/acl" { capabilities = ["list"] }',
     R("POST", "sys/policies/acl/adm2", {"policy": 'path "a" { capabilities = ["read"] }'}), R("LIST", "sys/policies/acl"))
case('path "auth/token/create" { capabilities = ["update"] }', R("POST", "auth/token/create", {"policies": ["default"]}))
case('path "identity/entity/id" { capabilities = ["list"] }\npath "identity/entity/id/*" { capabilities = ["read"] }',
     R("LIST", "identity/entity/id"), R("GET", "identity/entity/id/nonexistent"))
case('path "identity/*" { capabilities = ["sudo"] }', R("GET", "identity/entity/name/ent-a"))
case('path "*" { capabilities = ["read", "list"] }', R("GET", "sys/policy"), R("GET", "nonexistent/mount"),
     R("GET", "identity/entity/name/ent-a"), R("POST", "identity/entity", {"name": "z"}), R("GET", "sys/auth/approle"))

def norm(status, doc):
    if isinstance(doc, dict) and "errors" in doc:
        return status, tuple(doc["errors"])
    return status, None

diffs = 0; n = 0; npol = 0
results = {}
for name, base in SERVERS.items():
    out = []
    for i, (policy, reqs) in enumerate(CASES):
        pols = []
        if policy is not None:
            st, doc = call(base, "PUT", "sys/policy/case%d" % i, token="root", body={"policy": policy})
            out.append(("write", i, st, doc.get("errors") if isinstance(doc, dict) else None))
            pols = ["case%d" % i]
        t = token(base, pols or ["default"])
        for (m, p, b, h) in reqs:
            out.append((m, p, policy) + norm(*call(base, m, p, token=t, body=b, headers=h)))
    results[name] = out

for a, b in zip(results["bao"], results["emu"]):
    n += 1
    if a != b:
        diffs += 1
        print("DIFF bao=%r\n     emu=%r" % (a, b))
if VERBOSE:
    for r in results["bao"]: print(" ", r[:2] if r[0]=="write" else (r[0], r[1], r[3], r[4]))
print("policies:", sum(1 for p, _ in CASES if p), "requests+writes compared:", n, "differences:", diffs)

# Part 2: identity policies (entity, groups through parents, templates) and capabilities bodies.
CH = ["\x00"]
def part2(base):
    out = []
    c = lambda *a, **k: call(base, *a, token="root", **k)
    t, ent = login(base, "ent1", [])
    name = c("GET", "identity/entity/id/" + ent)[1]["data"]["name"]
    def req(m, p, b=None):
        st, doc = call(base, m, p, token=t, body=b)
        out.append((m, p.replace(ent, "<E>").replace(name, "<N>").replace(CH[0], "<C>")) + norm(st, doc))
    req("GET", "identity/entity/id/" + ent); req("GET", "identity/entity/name/" + name)
    req("GET", "identity/entity/name/ent-a"); req("LIST", "identity/group/name")
    c("PUT", "sys/policy/gl", body={"policy": 'path "identity/group/name" { capabilities = ["list"] }'})
    child = c("POST", "identity/group", body={"name": "child", "member_entity_ids": [ent]})[1]["data"]["id"]; CH[0] = child
    req("LIST", "identity/group/name")
    c("POST", "identity/group", body={"name": "parent", "policies": ["gl"], "member_group_ids": [child]})
    req("LIST", "identity/group/name")
    c("PUT", "sys/policy/el", body={"policy": 'path "identity/group/name/{{identity.entity.metadata.team}}" { capabilities = ["read"] }'})
    c("POST", "identity/entity/id/" + ent, body={"metadata": {"team": "blue"}, "policies": ["el"]})
    req("GET", "identity/group/name/blue"); req("GET", "identity/group/name/red")
    c("PUT", "sys/policy/gid", body={"policy": 'path "identity/group/id/{{identity.groups.names.child.id}}" { capabilities = ["read"] }'})
    c("POST", "identity/entity/id/" + ent, body={"metadata": {"team": "blue"}, "policies": ["el", "gid"]})
    req("GET", "identity/group/id/" + child)
    st, doc = call(base, "POST", "sys/capabilities-self", token=t, body={"paths": [
        "identity/group/name", "identity/group/name/blue", "identity/group/name/red", "identity/entity/id/" + ent,
        "identity/group/id/" + child, "cubbyhole/x", "sys/capabilities-self", "identity/oidc/provider/p/authorize"]})
    data = {k.replace(ent, "<E>").replace(child, "<C>"): v for k, v in doc["data"].items()}
    out.append(("caps-self", st, json.dumps(data, sort_keys=True)))
    c("POST", "identity/entity/id/" + ent, body={"policies": []})
    req("GET", "identity/group/name/blue")
    c("POST", "identity/group/name/parent", body={"policies": []})
    req("LIST", "identity/group/name")
    c("POST", "identity/entity/id/" + ent, body={"disabled": True})
    req("GET", "auth/token/lookup-self")
    return out

r2 = {n: part2(b) for n, b in SERVERS.items()}
d2 = 0
for a, b in zip(r2["bao"], r2["emu"]):
    if VERBOSE: print(" ", a)
    if a != b:
        d2 += 1
        print("DIFF bao=%r\n     emu=%r" % (a, b))
print("identity part compared:", len(r2["bao"]), "differences:", d2)
sys.exit(1 if diffs or d2 else 0)
