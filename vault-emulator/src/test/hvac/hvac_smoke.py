"""Drives every hvac Identity method (plus AppRole login) against a running emulator.

Not part of the Maven build: a manual compatibility check with the client users know.
    java -jar vault-emulator/target/vault-emulator-*.jar --port 8200 --root-token root &
    /usr/bin/python3 vault-emulator/src/test/hvac/hvac_smoke.py http://127.0.0.1:8200 root
Debian's python3-hvac (0.11.2) has the same 45 Identity methods as hvac 2.x.
"""
import sys
import hvac

ADDR = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8200"
TOKEN = sys.argv[2] if len(sys.argv) > 2 else "root"
c = hvac.Client(url=ADDR, token=TOKEN)
ident = c.secrets.identity
print("health", c.sys.read_health_status(method="GET")["initialized"] if isinstance(c.sys.read_health_status(method="GET"), dict) else c.sys.read_health_status(method="GET").json())
c.sys.enable_auth_method("approle")
acc = c.sys.list_auth_methods()["data"]["approle/"]["accessor"]
print("accessor", acc)
r = ident.create_or_update_entity(name="hvac-entity", metadata=dict(extra_datas="yup"))
eid = r["data"]["id"]; print("create", r["data"])
print("update by name", ident.create_or_update_entity_by_name(name="hvac-entity", metadata=dict(new_datas="uhuh")))
print("read", ident.read_entity(entity_id=eid)["data"]["metadata"])
print("read by name", ident.read_entity_by_name(name="hvac-entity")["data"]["id"] == eid)
print("update", ident.update_entity(entity_id=eid, metadata=dict(new_metadata="yup")))
print("list", ident.list_entities()["data"]["keys"], ident.list_entities(method="GET")["data"]["keys"])
print("list by name", ident.list_entities_by_name()["data"]["keys"])
a = ident.create_or_update_entity_alias(name="alias-1", canonical_id=eid, mount_accessor=acc)
aid = a["data"]["id"]; print("alias", a["data"])
print("read alias", ident.read_entity_alias(alias_id=aid)["data"]["mount_path"])
print("update alias", ident.update_entity_alias(alias_id=aid, name="alias-2", canonical_id=eid, mount_accessor=acc))
print("list aliases", ident.list_entity_aliases()["data"]["keys"])
g = ident.create_or_update_group(name="hvac-group", metadata=dict(a="b"), member_entity_ids=[eid])
gid = g["data"]["id"]; print("group", g["data"])
print("update group (Q1)", ident.update_group(group_id=gid, name="hvac-group", policies=["p"]))
print("members after Q1", ident.read_group(group_id=gid)["data"]["member_entity_ids"])
print("group by name", ident.create_or_update_group_by_name(name="hvac-group2"))
print("read group by name", ident.read_group_by_name(name="hvac-group2")["data"]["type"])
print("list groups", len(ident.list_groups()["data"]["keys"]), ident.list_groups_by_name()["data"]["keys"])
eg = ident.create_or_update_group(name="ext", group_type="external")["data"]["id"]
ga = ident.create_or_update_group_alias(name="ga", mount_accessor=acc, canonical_id=eg)
gaid = ga["data"]["id"]; print("group alias", ga["data"])
print("read group alias", ident.read_group_alias(alias_id=gaid)["data"]["name"])
print("update group alias", ident.update_group_alias(entity_id=gaid, name="ga2", mount_accessor=acc, canonical_id=eg))
print("list group aliases", ident.list_group_aliases()["data"]["keys"])
print("lookup entity", ident.lookup_entity(name="hvac-entity")["data"]["id"] == eid)
print("lookup missing", ident.lookup_entity(name="nope"))
print("lookup group by alias", ident.lookup_group(alias_name="ga2", alias_mount_accessor=acc)["data"]["id"] == eg)
e2 = ident.create_or_update_entity(name="second")["data"]["id"]
print("merge", ident.merge_entities(from_entity_ids=[e2], to_entity_id=eid))
try:
    ident.create_or_update_entity(name="x", policies=["root"])
except hvac.exceptions.InvalidRequest as ex:
    print("root rejected", ex)
try:
    ident.read_entity(entity_id="nope")
except hvac.exceptions.InvalidPath as ex:
    print("404 ok", ex)
print("delete group alias", ident.delete_group_alias(entity_id=gaid))
print("delete alias", ident.delete_entity_alias(alias_id=aid))
print("delete group", ident.delete_group(group_id=gid), ident.delete_group_by_name(name="hvac-group2"))
print("delete entity", ident.delete_entity(entity_id=eid), ident.delete_entity_by_name(name="second"))
# The emulator enforces ACLs: the login token may read the OIDC config only because "reader" says so.
c.sys.create_or_update_policy("reader", 'path "identity/oidc/config" { capabilities = ["read"] }')
print("policy", c.sys.read_policy("reader")["data"]["name"])
c.auth.approle.create_or_update_approle("web", token_policies=["reader"], token_ttl="1h")
rid = c.auth.approle.read_role_id("web")["data"]["role_id"]
sid = c.auth.approle.generate_secret_id("web")["data"]["secret_id"]
login = c.auth.approle.login(role_id=rid, secret_id=sid)
print("login", login["auth"]["entity_id"] != "", login["auth"]["policies"], login["auth"]["metadata"])
print("lookup-self", c.auth.token.lookup_self()["data"]["entity_id"] == login["auth"]["entity_id"])
try:
    print(ident.read_tokens_backend_configuration())
except hvac.exceptions.InvalidPath as ex:
    print("oidc not wired yet (404)", ex)
