package dev.vaultoidc.emulator.conformance;

/**
 * The scripted requests, in order. Every path the emulator serves is called with valid input and
 * with the bad inputs Vault answers 400, 403, 404 or 405 (missing fields, wrong types, unknown
 * names, duplicates, deleting the missing, empty lists). Later steps use what earlier ones
 * captured ({@code ${e1}}), so each server is driven through the same story with its own ids.
 */
final class ConformanceScript {

    private ConformanceScript() {}

    static ScriptBuilder build() {
        ScriptBuilder s = new ScriptBuilder();
        sys(s);
        entities(s);
        entityAliases(s);
        groups(s);
        groupAliases(s);
        lookup(s);
        merge(s);
        batchDelete(s);
        tokens(s);
        appRole(s);
        oidcConfig(s);
        oidcKeys(s);
        oidcRoles(s);
        oidcTokens(s);
        wellKnown(s);
        tokenRoles(s);
        oidcProvider(s);
        routing(s);
        return s;
    }

    private static void sys(ScriptBuilder s) {
        s.path("sys/health");
        s.get("health", "sys/health").as(Step.NONE).header("Content-Type");
        s.path("sys/seal-status");
        s.get("seal status", "sys/seal-status").as(Step.NONE);
        s.path("sys/auth");
        s.get("auth mounts at start", "sys/auth");
        s.get("auth mounts without a token", "sys/auth").as(Step.NONE);
        s.get("auth mounts with a bad token", "sys/auth").as("not-a-token");
        s.path("sys/auth/:path");
        s.post("enable approle", "sys/auth/approle", "{'type':'approle'}");
        s.post("enable a second approle", "sys/auth/approle2", "{'type':'approle','description':'second'}");
        s.post("enable on a used path", "sys/auth/approle", "{'type':'approle'}");
        s.post("enable without a type", "sys/auth/notype", "{}");
        s.post("enable an unknown type", "sys/auth/nosuch", "{'type':'no-such-plugin'}");
        s.post("enable a third approle to disable", "sys/auth/approle3", "{'type':'approle'}");
        s.path("sys/auth");
        s.get("auth mounts after enabling", "sys/auth")
                .save("approle_acc", "/data/approle~1/accessor")
                .save("approle2_acc", "/data/approle2~1/accessor")
                .save("approle3_acc", "/data/approle3~1/accessor")
                .save("token_acc", "/data/token~1/accessor");
        s.path("sys/auth/:path");
        s.get("read a mount", "sys/auth/approle2");
        s.get("read the token mount", "sys/auth/token");
        s.get("read a missing mount", "sys/auth/never-mounted");
        s.delete("disable a mount", "sys/auth/approle3");
        s.delete("disable a missing mount", "sys/auth/never-mounted");
    }

    private static void entities(ScriptBuilder s) {
        s.path("identity/entity");
        s.post(
                        "create with policies and metadata",
                        "identity/entity",
                        "{'name':'e1','policies':['Admin','ops','ops'],'metadata':{'team':'blue','tier':'1'}}")
                .save("e1", "/data/id");
        s.post("create with a policy string", "identity/entity", "{'name':'e2','policies':'a,b'}")
                .save("e2", "/data/id");
        s.post("create without a name", "identity/entity", "{}").save("e3", "/data/id");
        s.post("create disabled", "identity/entity", "{'name':'e4','disabled':true}")
                .save("e4", "/data/id");
        s.post("duplicate name", "identity/entity", "{'name':'e1'}");
        s.post("duplicate name in other case", "identity/entity", "{'name':'E1'}");
        s.post("metadata is a string", "identity/entity", "{'name':'bad-meta','metadata':'x'}");
        s.post("metadata value not a string", "identity/entity", "{'name':'bad-meta2','metadata':{'a':1}}")
                .save("bm2", "/data/id");
        s.post("policies is a number", "identity/entity", "{'name':'bad-pol','policies':7}")
                .save("bp", "/data/id");
        s.post("disabled is not a bool", "identity/entity", "{'name':'bad-dis','disabled':'maybe'}");
        s.post("unknown field", "identity/entity", "{'name':'e5','colour':'red'}")
                .save("e5", "/data/id");
        s.post("update through the id field", "identity/entity", "{'id':'${e5}','policies':['p5']}");
        s.post(
                        "unknown id in the id field",
                        "identity/entity",
                        "{'id':'00000000-0000-0000-0000-000000000000','name':'ghost'}")
                .save("ghost", "/data/id");
        s.raw("malformed JSON", "POST", "identity/entity", "{\"name\": ");
        s.raw("JSON array body", "POST", "identity/entity", "[1,2]");
        s.get("GET on the collection", "identity/entity");
        s.delete("DELETE on the collection", "identity/entity");
        s.post("no token", "identity/entity", "{'name':'nope'}").as(Step.NONE);
        s.post("bad token", "identity/entity", "{'name':'nope'}").as("not-a-token");

        s.path("identity/entity/id/:id");
        s.get("read", "identity/entity/id/${e1}");
        s.get("read the generated name", "identity/entity/id/${e3}");
        s.get("read the disabled", "identity/entity/id/${e4}");
        s.get("read the updated", "identity/entity/id/${e5}");
        s.get("read a missing id", "identity/entity/id/00000000-0000-0000-0000-000000000000");
        s.post("update policies", "identity/entity/id/${e2}", "{'policies':['X','y']}");
        s.get("read after policy update", "identity/entity/id/${e2}");
        s.post("rename", "identity/entity/id/${e2}", "{'name':'e2-renamed'}");
        s.post("rename onto a taken name", "identity/entity/id/${e2}", "{'name':'e1'}");
        s.post("update metadata", "identity/entity/id/${e2}", "{'metadata':{'k':'v'}}");
        s.post("update with a wrong type", "identity/entity/id/${e2}", "{'disabled':'perhaps'}");
        s.post("update a missing id", "identity/entity/id/00000000-0000-0000-0000-000000000000", "{'policies':['a']}");
        s.post(
                "update with a different id in the body",
                "identity/entity/id/${e2}",
                "{'id':'${e1}','metadata':{'x':'y'}}");
        s.get("read after updates", "identity/entity/id/${e2}");
        s.delete("delete", "identity/entity/id/${e4}");
        s.delete("delete again", "identity/entity/id/${e4}");
        s.get("read the deleted", "identity/entity/id/${e4}");
        s.list("LIST on an id", "identity/entity/id/${e1}");

        s.path("identity/entity/id");
        s.list("list ids", "identity/entity/id");
        s.get("list ids by query", "identity/entity/id?list=true");
        s.get("GET without list", "identity/entity/id");

        s.path("identity/entity/name");
        s.list("list names", "identity/entity/name");
        s.post("POST on the name list", "identity/entity/name", "{}");

        s.path("identity/entity/name/:name");
        s.get("read by name", "identity/entity/name/e1");
        s.get("read by name in other case", "identity/entity/name/E1");
        s.get("read a missing name", "identity/entity/name/nobody");
        s.post("create by name", "identity/entity/name/n1", "{'policies':['np']}")
                .save("n1", "/data/id");
        s.post("update by name", "identity/entity/name/n1", "{'policies':['np2']}");
        s.get("read after update by name", "identity/entity/name/n1");
        s.post("name with a slash", "identity/entity/name/team/svc", "{}").save("n2", "/data/id");
        s.get("read the name with a slash", "identity/entity/name/team/svc");
        s.post("body name differs from path", "identity/entity/name/n3", "{'name':'other'}")
                .save("n3", "/data/id");
        s.delete("delete by name", "identity/entity/name/n3");
        s.delete("delete a missing name", "identity/entity/name/n3");
    }

    private static void entityAliases(ScriptBuilder s) {
        s.path("identity/entity-alias");
        s.post(
                        "create",
                        "identity/entity-alias",
                        "{'name':'alice','canonical_id':'${e1}','mount_accessor':'${approle_acc}'}")
                .save("a1", "/data/id");
        s.post(
                        "create with custom metadata",
                        "identity/entity-alias",
                        "{'name':'bob','canonical_id':'${e2}','mount_accessor':'${approle_acc}','custom_metadata':{'k':'v'}}")
                .save("a2", "/data/id");
        s.post(
                        "create without canonical_id",
                        "identity/entity-alias",
                        "{'name':'carol','mount_accessor':'${approle_acc}'}")
                .save("a3", "/data/id")
                .save("a3e", "/data/canonical_id");
        s.post(
                "duplicate name and mount",
                "identity/entity-alias",
                "{'name':'alice','canonical_id':'${e2}','mount_accessor':'${approle_acc}'}");
        s.post(
                "second alias on the same mount for one entity",
                "identity/entity-alias",
                "{'name':'alice2','canonical_id':'${e1}','mount_accessor':'${approle_acc}'}");
        s.post(
                        "alias on the second mount",
                        "identity/entity-alias",
                        "{'name':'alice','canonical_id':'${e1}','mount_accessor':'${approle2_acc}'}")
                .save("a4", "/data/id");
        s.post("missing name", "identity/entity-alias", "{'canonical_id':'${e1}','mount_accessor':'${approle_acc}'}");
        s.post("missing mount_accessor", "identity/entity-alias", "{'name':'x','canonical_id':'${e1}'}");
        s.post(
                "unknown mount_accessor",
                "identity/entity-alias",
                "{'name':'x','canonical_id':'${e1}','mount_accessor':'auth_approle_00000000'}");
        s.post(
                "unknown canonical_id",
                "identity/entity-alias",
                "{'name':'x','canonical_id':'00000000-0000-0000-0000-000000000000','mount_accessor':'${approle_acc}'}");
        s.post(
                "custom_metadata not a map",
                "identity/entity-alias",
                "{'name':'x','canonical_id':'${e1}','mount_accessor':'${approle2_acc}','custom_metadata':'no'}");
        s.post("empty body", "identity/entity-alias", "{}");
        s.post("update through the id field", "identity/entity-alias", "{'id':'${a2}','name':'bob2'}");

        s.path("identity/entity-alias/id/:id");
        s.get("read", "identity/entity-alias/id/${a1}");
        s.get("read with metadata", "identity/entity-alias/id/${a2}");
        s.get("read a missing id", "identity/entity-alias/id/00000000-0000-0000-0000-000000000000");
        s.post("rename", "identity/entity-alias/id/${a3}", "{'name':'carol2'}");
        s.post("move to another entity", "identity/entity-alias/id/${a3}", "{'canonical_id':'${n1}'}");
        s.post("move onto a name taken on the mount", "identity/entity-alias/id/${a3}", "{'name':'alice'}");
        s.post("update a missing id", "identity/entity-alias/id/00000000-0000-0000-0000-000000000000", "{'name':'z'}");
        s.get("read after updates", "identity/entity-alias/id/${a3}");
        s.get("the entity shows its aliases", "identity/entity/id/${e1}");
        s.delete("delete", "identity/entity-alias/id/${a3}");
        s.delete("delete again", "identity/entity-alias/id/${a3}");

        s.path("identity/entity-alias/id");
        s.list("list", "identity/entity-alias/id");
        s.get("GET without list", "identity/entity-alias/id");
    }

    private static void groups(ScriptBuilder s) {
        s.path("identity/group");
        s.post(
                        "create internal",
                        "identity/group",
                        "{'name':'g1','policies':['GP','gp'],'member_entity_ids':['${e1}'],'metadata':{'m':'1'}}")
                .save("g1", "/data/id");
        s.post("create a parent", "identity/group", "{'name':'g2','member_group_ids':['${g1}']}")
                .save("g2", "/data/id");
        s.post("create external", "identity/group", "{'name':'x1','type':'external','policies':['ext']}")
                .save("x1", "/data/id");
        s.post("create without a name", "identity/group", "{}").save("g3", "/data/id");
        s.post("duplicate name", "identity/group", "{'name':'g1'}");
        s.post("unknown type", "identity/group", "{'name':'gt','type':'strange'}");
        s.post(
                "external with members",
                "identity/group",
                "{'name':'x2','type':'external','member_entity_ids':['${e1}']}");
        s.post(
                "unknown member entity",
                "identity/group",
                "{'name':'g4','member_entity_ids':['00000000-0000-0000-0000-000000000000']}");
        s.post(
                "unknown member group",
                "identity/group",
                "{'name':'g5','member_group_ids':['00000000-0000-0000-0000-000000000000']}");
        s.post("member ids as a comma string", "identity/group", "{'name':'g6','member_entity_ids':'${e1},${e2}'}")
                .save("g6", "/data/id");
        s.post("policies wrong type", "identity/group", "{'name':'g7','policies':{'a':1}}");
        s.post("cycle through member_group_ids", "identity/group", "{'id':'${g1}','member_group_ids':['${g2}']}");
        s.post("group is its own member", "identity/group", "{'id':'${g1}','member_group_ids':['${g1}']}");

        s.path("identity/group/id/:id");
        s.get("read", "identity/group/id/${g1}");
        s.get("read the parent", "identity/group/id/${g2}");
        s.get("read the external", "identity/group/id/${x1}");
        s.get("read the comma-string members", "identity/group/id/${g6}");
        s.get("read a missing id", "identity/group/id/00000000-0000-0000-0000-000000000000");
        s.post("update policies", "identity/group/id/${g3}", "{'policies':['P3']}");
        s.post("turn external into internal", "identity/group/id/${x1}", "{'type':'internal'}");
        s.post("turn internal into external", "identity/group/id/${g3}", "{'type':'external'}");
        s.post("rename onto a taken name", "identity/group/id/${g3}", "{'name':'g1'}");
        s.post("update a missing id", "identity/group/id/00000000-0000-0000-0000-000000000000", "{'name':'z'}");
        s.get("read after updates", "identity/group/id/${g3}");
        s.get("entity shows its groups", "identity/entity/id/${e1}");
        s.delete("delete", "identity/group/id/${g6}");
        s.delete("delete again", "identity/group/id/${g6}");

        s.path("identity/group/id");
        s.list("list", "identity/group/id");

        s.path("identity/group/name");
        s.list("list names", "identity/group/name");

        s.path("identity/group/name/:name");
        s.get("read by name", "identity/group/name/g1");
        s.get("read a missing name", "identity/group/name/none");
        s.post("create by name", "identity/group/name/gn1", "{'policies':['q']}")
                .save("gn1", "/data/id");
        s.post("update by name", "identity/group/name/gn1", "{'metadata':{'a':'b'}}");
        s.get("read after update by name", "identity/group/name/gn1");
        s.delete("delete by name", "identity/group/name/gn1");
        s.delete("delete a missing name", "identity/group/name/gn1");
    }

    private static void groupAliases(ScriptBuilder s) {
        s.path("identity/group-alias");
        s.post("external group for aliases", "identity/group", "{'name':'x3','type':'external'}")
                .save("x3", "/data/id");
        s.post(
                        "create",
                        "identity/group-alias",
                        "{'name':'devs','mount_accessor':'${approle_acc}','canonical_id':'${x3}'}")
                .save("ga1", "/data/id");
        s.post(
                "on an internal group",
                "identity/group-alias",
                "{'name':'ops','mount_accessor':'${approle_acc}','canonical_id':'${g1}'}");
        s.post(
                "second alias for the group",
                "identity/group-alias",
                "{'name':'devs2','mount_accessor':'${approle2_acc}','canonical_id':'${x3}'}");
        s.post(
                "duplicate name and mount",
                "identity/group-alias",
                "{'name':'devs','mount_accessor':'${approle_acc}','canonical_id':'${x3}'}");
        s.post("missing name", "identity/group-alias", "{'mount_accessor':'${approle_acc}','canonical_id':'${x3}'}");
        s.post("missing mount_accessor", "identity/group-alias", "{'name':'q','canonical_id':'${x3}'}");
        s.post(
                "unknown mount_accessor",
                "identity/group-alias",
                "{'name':'q','mount_accessor':'auth_approle_00000000','canonical_id':'${x3}'}");
        s.post(
                "unknown canonical_id",
                "identity/group-alias",
                "{'name':'q','mount_accessor':'${approle_acc}','canonical_id':'00000000-0000-0000-0000-000000000000'}");
        s.post("without canonical_id", "identity/group-alias", "{'name':'lonely','mount_accessor':'${approle_acc}'}")
                .save("ga2", "/data/id");

        s.path("identity/group-alias/id/:id");
        s.get("read", "identity/group-alias/id/${ga1}");
        s.get("read a missing id", "identity/group-alias/id/00000000-0000-0000-0000-000000000000");
        s.post(
                "rename",
                "identity/group-alias/id/${ga1}",
                "{'name':'devs-renamed','mount_accessor':'${approle_acc}','canonical_id':'${x3}'}");
        s.post(
                "update a missing id",
                "identity/group-alias/id/00000000-0000-0000-0000-000000000000",
                "{'name':'z','mount_accessor':'${approle_acc}'}");
        s.get("the group shows its alias", "identity/group/id/${x3}");
        s.delete("delete", "identity/group-alias/id/${ga2}");
        s.delete("delete again", "identity/group-alias/id/${ga2}");

        s.path("identity/group-alias/id");
        s.list("list", "identity/group-alias/id");
    }

    private static void lookup(ScriptBuilder s) {
        s.path("identity/lookup/entity");
        s.post("by name", "identity/lookup/entity", "{'name':'e1'}");
        s.post("by id", "identity/lookup/entity", "{'id':'${e1}'}");
        s.post("by alias id", "identity/lookup/entity", "{'alias_id':'${a1}'}");
        s.post(
                "by alias name and mount",
                "identity/lookup/entity",
                "{'alias_name':'alice','alias_mount_accessor':'${approle_acc}'}");
        s.post("alias name without mount", "identity/lookup/entity", "{'alias_name':'alice'}");
        s.post("no criteria", "identity/lookup/entity", "{}");
        s.post("two criteria", "identity/lookup/entity", "{'name':'e1','id':'${e1}'}");
        s.post("unknown name", "identity/lookup/entity", "{'name':'nobody'}");
        s.post("unknown id", "identity/lookup/entity", "{'id':'00000000-0000-0000-0000-000000000000'}");
        s.get("GET", "identity/lookup/entity");

        s.path("identity/lookup/group");
        s.post("by name", "identity/lookup/group", "{'name':'g1'}");
        s.post("by id", "identity/lookup/group", "{'id':'${g1}'}");
        s.post("by alias id", "identity/lookup/group", "{'alias_id':'${ga1}'}");
        s.post(
                "by alias name and mount",
                "identity/lookup/group",
                "{'alias_name':'devs-renamed','alias_mount_accessor':'${approle_acc}'}");
        s.post("no criteria", "identity/lookup/group", "{}");
        s.post("two criteria", "identity/lookup/group", "{'name':'g1','id':'${g1}'}");
        s.post("unknown name", "identity/lookup/group", "{'name':'nothing'}");
    }

    private static void merge(ScriptBuilder s) {
        s.path("identity/entity");
        s.post("merge target", "identity/entity", "{'name':'m-to','policies':['t']}")
                .save("mto", "/data/id");
        s.post("merge source 1", "identity/entity", "{'name':'m-from1','policies':['f']}")
                .save("mf1", "/data/id");
        s.post("merge source 2", "identity/entity", "{'name':'m-from2'}").save("mf2", "/data/id");
        s.post("merge source 3", "identity/entity", "{'name':'m-from3'}").save("mf3", "/data/id");
        s.path("identity/entity-alias");
        s.post(
                        "alias of the target",
                        "identity/entity-alias",
                        "{'name':'mt','canonical_id':'${mto}','mount_accessor':'${approle_acc}'}")
                .save("mta", "/data/id");
        s.post(
                "alias of source 1 on another mount",
                "identity/entity-alias",
                "{'name':'mf1','canonical_id':'${mf1}','mount_accessor':'${approle2_acc}'}");
        s.post(
                        "alias of source 2 on the target's mount",
                        "identity/entity-alias",
                        "{'name':'mf2','canonical_id':'${mf2}','mount_accessor':'${approle_acc}'}")
                .save("mf2a", "/data/id");
        s.post(
                "alias of source 3 on the target's mount",
                "identity/entity-alias",
                "{'name':'mf3','canonical_id':'${mf3}','mount_accessor':'${approle_acc}'}");
        s.path("identity/group");
        s.post("group with a source as member", "identity/group", "{'name':'mg','member_entity_ids':['${mf1}']}")
                .save("mg", "/data/id");

        s.path("identity/entity/merge");
        s.post(
                "merge without conflicts",
                "identity/entity/merge",
                "{'from_entity_ids':['${mf1}'],'to_entity_id':'${mto}'}");
        s.path("identity/entity/id/:id");
        s.get("target after merge", "identity/entity/id/${mto}");
        s.get("source is gone", "identity/entity/id/${mf1}");
        s.path("identity/group/id/:id");
        s.get("group now holds the target", "identity/group/id/${mg}");
        s.path("identity/entity/merge");
        s.post(
                "merge with a conflicting alias",
                "identity/entity/merge",
                "{'from_entity_ids':['${mf2}'],'to_entity_id':'${mto}'}");
        s.post(
                "conflict kept by naming the alias to keep",
                "identity/entity/merge",
                "{'from_entity_ids':['${mf2}'],'to_entity_id':'${mto}','conflicting_alias_ids_to_keep':['${mf2a}']}");
        s.path("identity/entity/id/:id");
        s.get("target after the conflict merge", "identity/entity/id/${mto}");
        s.path("identity/entity/merge");
        s.post(
                "force merge with a conflict",
                "identity/entity/merge",
                "{'from_entity_ids':['${mf3}'],'to_entity_id':'${mto}','force':true}");
        s.post("missing to_entity_id", "identity/entity/merge", "{'from_entity_ids':['${e5}']}");
        s.post("missing from_entity_ids", "identity/entity/merge", "{'to_entity_id':'${mto}'}");
        s.post("empty from_entity_ids", "identity/entity/merge", "{'from_entity_ids':[],'to_entity_id':'${mto}'}");
        s.post(
                "unknown to_entity_id",
                "identity/entity/merge",
                "{'from_entity_ids':['${e5}'],'to_entity_id':'00000000-0000-0000-0000-000000000000'}");
        s.post(
                "unknown from entity",
                "identity/entity/merge",
                "{'from_entity_ids':['00000000-0000-0000-0000-000000000000'],'to_entity_id':'${mto}'}");
        s.post("merge into itself", "identity/entity/merge", "{'from_entity_ids':['${mto}'],'to_entity_id':'${mto}'}");
        s.post("from ids wrong type", "identity/entity/merge", "{'from_entity_ids':{'a':'b'},'to_entity_id':'${mto}'}");
        s.get("GET", "identity/entity/merge");
    }

    private static void batchDelete(ScriptBuilder s) {
        s.path("identity/entity");
        s.post("batch victim 1", "identity/entity", "{'name':'bd1'}").save("bd1", "/data/id");
        s.post("batch victim 2", "identity/entity", "{'name':'bd2'}").save("bd2", "/data/id");
        s.path("identity/entity/batch-delete");
        s.post("delete two", "identity/entity/batch-delete", "{'entity_ids':['${bd1}','${bd2}']}");
        s.post("delete them again", "identity/entity/batch-delete", "{'entity_ids':['${bd1}']}");
        s.post("empty list", "identity/entity/batch-delete", "{'entity_ids':[]}");
        s.post("missing field", "identity/entity/batch-delete", "{}");
        s.post("wrong type", "identity/entity/batch-delete", "{'entity_ids':5}");
        s.post(
                "unknown ids",
                "identity/entity/batch-delete",
                "{'entity_ids':['00000000-0000-0000-0000-000000000000']}");
        s.get("GET", "identity/entity/batch-delete");
        s.path("identity/entity/id/:id");
        s.get("deleted entity", "identity/entity/id/${bd1}");
    }

    private static void tokens(ScriptBuilder s) {
        s.acl(
                "tp",
                "path \"auth/token/create\" { capabilities = [\"update\"] }\npath \"auth/token/lookup-self\" { capabilities = [\"read\", \"update\"] }");
        s.path("auth/token/create");
        s.post("create", "auth/token/create", "{'policies':['tp'],'ttl':'1h','meta':{'app':'x'},'display_name':'svc'}")
                .save("t1", "/auth/client_token")
                .save("t1acc", "/auth/accessor");
        s.post("create without default policy", "auth/token/create", "{'no_default_policy':true,'policies':['only']}")
                .save("t2", "/auth/client_token")
                .save("t2acc", "/auth/accessor");
        s.post("create non-renewable", "auth/token/create", "{'renewable':false,'ttl':'10m'}")
                .save("t3", "/auth/client_token")
                .save("t3acc", "/auth/accessor");
        s.post("bad ttl", "auth/token/create", "{'ttl':'soon'}");
        s.post("bad meta", "auth/token/create", "{'meta':'x'}");
        s.post("unknown field", "auth/token/create", "{'colour':'red'}")
                .save("t4", "/auth/client_token")
                .save("t4acc", "/auth/accessor");
        s.post("child of a token", "auth/token/create", "{'policies':['tp']}")
                .as("${t1}")
                .save("t5", "/auth/client_token")
                .save("t5acc", "/auth/accessor");
        s.path("auth/token/create-orphan");
        s.post("orphan", "auth/token/create-orphan", "{'policies':['o']}")
                .save("t6", "/auth/client_token")
                .save("t6acc", "/auth/accessor");

        s.path("auth/token/lookup-self");
        s.get("lookup self (root)", "auth/token/lookup-self");
        s.get("lookup self", "auth/token/lookup-self").as("${t1}");
        s.post("lookup self by POST", "auth/token/lookup-self", "{}").as("${t1}");
        s.get("lookup self without a token", "auth/token/lookup-self").as(Step.NONE);
        s.get("lookup self with a bad token", "auth/token/lookup-self").as("not-a-token");

        s.path("auth/token/lookup");
        s.post("lookup", "auth/token/lookup", "{'token':'${t3}'}");
        s.post("lookup an orphan", "auth/token/lookup", "{'token':'${t6}'}");
        s.post("lookup a bad token", "auth/token/lookup", "{'token':'not-a-token'}");
        s.post("lookup without a token field", "auth/token/lookup", "{}");
        s.get("GET", "auth/token/lookup");

        s.path("auth/token/renew-self");
        s.post("renew self", "auth/token/renew-self", "{}").as("${t1}");
        s.post("renew self with increment", "auth/token/renew-self", "{'increment':'30m'}")
                .as("${t1}");
        s.post("renew a non-renewable", "auth/token/renew-self", "{}").as("${t3}");
        s.post("renew with a bad increment", "auth/token/renew-self", "{'increment':'later'}")
                .as("${t1}");

        s.path("auth/token/revoke");
        s.post("revoke the parent", "auth/token/revoke", "{'token':'${t1}'}");
        s.post("revoke an unknown token", "auth/token/revoke", "{'token':'not-a-token'}");
        s.post("revoke without a token", "auth/token/revoke", "{}");
        s.path("auth/token/lookup-self");
        s.get("revoked token", "auth/token/lookup-self").as("${t1}");
        s.get("child of the revoked token", "auth/token/lookup-self").as("${t5}");
        s.get("orphan survives", "auth/token/lookup-self").as("${t6}");
        s.path("auth/token/revoke-self");
        s.post("revoke self", "auth/token/revoke-self", "{}").as("${t6}");
        s.path("auth/token/lookup-self");
        s.get("after revoke self", "auth/token/lookup-self").as("${t6}");
    }

    private static void appRole(ScriptBuilder s) {
        s.acl("web", "path \"identity/oidc/token/*\" { capabilities = [\"read\", \"update\"] }");
        s.acl("web2", "path \"identity/oidc/token/*\" { capabilities = [\"read\", \"update\"] }");
        s.path("auth/approle/role/:role_name");
        s.post(
                "create role",
                "auth/approle/role/web",
                "{'token_policies':['web'],'token_ttl':'1h','secret_id_ttl':'10m'}");
        s.post(
                "create role without secret id binding",
                "auth/approle/role/open",
                "{'bind_secret_id':false,'secret_id_bound_cidrs':[],'token_bound_cidrs':['127.0.0.1/32']}");
        s.post("role with a bad ttl", "auth/approle/role/bad", "{'token_ttl':'eventually'}");
        s.post("role with bad bind_secret_id", "auth/approle/role/bad", "{'bind_secret_id':'sometimes'}");
        s.post("role with nothing bound", "auth/approle/role/bad", "{'bind_secret_id':false}");
        s.get("read role", "auth/approle/role/web");
        s.get("read a missing role", "auth/approle/role/nope");
        s.get("read role in other case", "auth/approle/role/WEB");
        s.post("role on the second mount", "auth/approle2/role/web", "{'token_policies':['web2']}");

        s.path("auth/approle/role");
        s.list("list roles", "auth/approle/role");

        s.path("auth/approle/role/:role_name/role-id");
        s.get("role id", "auth/approle/role/web/role-id").save("rid", "/data/role_id");
        s.get("role id of the open role", "auth/approle/role/open/role-id").save("rid_open", "/data/role_id");
        s.get("role id of the second mount", "auth/approle2/role/web/role-id").save("rid2", "/data/role_id");
        s.get("role id of a missing role", "auth/approle/role/nope/role-id");
        s.post("set a custom role id", "auth/approle/role/open/role-id", "{'role_id':'custom-open-role-id'}");
        s.post("set an empty role id", "auth/approle/role/open/role-id", "{'role_id':''}");

        s.path("auth/approle/role/:role_name/secret-id");
        s.post("secret id", "auth/approle/role/web/secret-id", "{'metadata':'{\\'a\\':\\'b\\'}'}")
                .save("sid", "/data/secret_id")
                .save("sidacc", "/data/secret_id_accessor");
        s.post("secret id with metadata map", "auth/approle/role/web/secret-id", "{'metadata':{'a':'b'}}")
                .save("sid2", "/data/secret_id")
                .save("sid2acc", "/data/secret_id_accessor");
        s.post("secret id on the second mount", "auth/approle2/role/web/secret-id", "{}")
                .save("sid3", "/data/secret_id")
                .save("sid3acc", "/data/secret_id_accessor");
        s.post("secret id for a missing role", "auth/approle/role/nope/secret-id", "{}");
        s.list("list secret id accessors", "auth/approle/role/web/secret-id");
        s.list("list for a missing role", "auth/approle/role/nope/secret-id");

        s.path("auth/approle/login");
        s.post("login", "auth/approle/login", "{'role_id':'${rid}','secret_id':'${sid}'}")
                .as(Step.NONE)
                .save("lt1", "/auth/client_token")
                .save("lt1acc", "/auth/accessor")
                .save("le1", "/auth/entity_id")
                .save("la1", "/auth/metadata/role_name");
        s.post("login again reuses the entity", "auth/approle/login", "{'role_id':'${rid}','secret_id':'${sid2}'}")
                .as(Step.NONE)
                .save("lt2", "/auth/client_token")
                .save("lt2acc", "/auth/accessor");
        s.post("login with a used-up or wrong secret", "auth/approle/login", "{'role_id':'${rid}','secret_id':'wrong'}")
                .as(Step.NONE);
        s.post("login without secret id", "auth/approle/login", "{'role_id':'${rid}'}")
                .as(Step.NONE);
        s.post("login without role id", "auth/approle/login", "{'secret_id':'${sid}'}")
                .as(Step.NONE);
        s.post("login with an unknown role id", "auth/approle/login", "{'role_id':'nope','secret_id':'${sid}'}")
                .as(Step.NONE);
        s.post("login to the open role", "auth/approle/login", "{'role_id':'custom-open-role-id'}")
                .as(Step.NONE)
                .save("lt3", "/auth/client_token")
                .save("lt3acc", "/auth/accessor")
                .save("le3", "/auth/entity_id");
        s.post("login on the second mount", "auth/approle2/login", "{'role_id':'${rid2}','secret_id':'${sid3}'}")
                .as(Step.NONE)
                .save("lt4", "/auth/client_token")
                .save("lt4acc", "/auth/accessor")
                .save("le4", "/auth/entity_id");
        s.post("login on a missing mount", "auth/nomount/login", "{'role_id':'${rid}'}")
                .as(Step.NONE);

        s.path("auth/token/lookup-self");
        s.get("approle token", "auth/token/lookup-self").as("${lt1}");
        s.path("identity/entity/id/:id");
        s.get("entity made by login", "identity/entity/id/${le1}");
        s.get("entity made by the second mount's login", "identity/entity/id/${le4}");
        s.path("auth/token/renew-self");
        s.post("renew an approle token", "auth/token/renew-self", "{}").as("${lt1}");

        s.path("auth/approle/role/:role_name");
        s.delete("delete role", "auth/approle/role/open");
        s.delete("delete a missing role", "auth/approle/role/open");
        s.path("auth/approle/login");
        s.post("login to a deleted role", "auth/approle/login", "{'role_id':'custom-open-role-id'}")
                .as(Step.NONE);
    }

    private static void oidcConfig(ScriptBuilder s) {
        s.path("identity/oidc/config");
        s.get("read default", "identity/oidc/config");
        s.post("set issuer", "identity/oidc/config", "{'issuer':'https://issuer.example.com:8200'}");
        s.get("read issuer", "identity/oidc/config");
        s.post("issuer with a path", "identity/oidc/config", "{'issuer':'https://issuer.example.com/some/path'}");
        s.post("issuer not a URL", "identity/oidc/config", "{'issuer':'not a url'}");
        s.post("issuer with a query", "identity/oidc/config", "{'issuer':'https://issuer.example.com?x=1'}");
        s.post("unknown field", "identity/oidc/config", "{'colour':'red'}");
        s.post("clear issuer", "identity/oidc/config", "{'issuer':''}");
        s.get("read cleared", "identity/oidc/config");
        s.delete("DELETE", "identity/oidc/config");
    }

    private static void oidcKeys(ScriptBuilder s) {
        s.path("identity/oidc/key");
        s.list("list before any key", "identity/oidc/key");

        s.path("identity/oidc/key/:name");
        s.post("create RS256", "identity/oidc/key/k1", "{'algorithm':'RS256','allowed_client_ids':['*']}");
        s.post(
                "create ES256 with periods",
                "identity/oidc/key/k2",
                "{'algorithm':'ES256','rotation_period':'2h','verification_ttl':'1h','allowed_client_ids':['*']}");
        s.post("create EdDSA", "identity/oidc/key/k3", "{'algorithm':'EdDSA'}");
        s.post("create default algorithm", "identity/oidc/key/k4", "{}");
        s.post("unknown algorithm", "identity/oidc/key/kx", "{'algorithm':'HS256'}");
        s.post("rotation period too short", "identity/oidc/key/kx", "{'rotation_period':'10s'}");
        s.post("verification ttl not a duration", "identity/oidc/key/kx", "{'verification_ttl':'long'}");
        s.post(
                "verification ttl too long",
                "identity/oidc/key/kx",
                "{'rotation_period':'1h','verification_ttl':'48000h'}");
        s.post("allowed_client_ids wrong type", "identity/oidc/key/kx", "{'allowed_client_ids':{'a':1}}");
        s.post("update the algorithm", "identity/oidc/key/k4", "{'algorithm':'ES384'}");
        s.post("bad name", "identity/oidc/key/bad%20name", "{}");
        s.get("read", "identity/oidc/key/k1");
        s.get("read with periods", "identity/oidc/key/k2");
        s.get("read updated", "identity/oidc/key/k4");
        s.get("read a missing key", "identity/oidc/key/nokey");
        s.delete("delete an unused key", "identity/oidc/key/k3");
        s.delete("delete a missing key", "identity/oidc/key/k3");

        s.path("identity/oidc/key");
        s.list("list keys", "identity/oidc/key");
        s.get("GET on the list", "identity/oidc/key");

        s.path("identity/oidc/key/:name/rotate");
        s.post("rotate", "identity/oidc/key/k1/rotate", "{}");
        s.post("rotate with verification ttl", "identity/oidc/key/k2/rotate", "{'verification_ttl':'30m'}");
        s.post("rotate a missing key", "identity/oidc/key/nokey/rotate", "{}");
        s.post("rotate with a bad ttl", "identity/oidc/key/k1/rotate", "{'verification_ttl':'soon'}");
        s.get("GET rotate", "identity/oidc/key/k1/rotate");
    }

    private static void oidcRoles(ScriptBuilder s) {
        s.path("identity/oidc/role/:name");
        s.post("create", "identity/oidc/role/r1", "{'key':'k1','ttl':'1h'}");
        s.post(
                "create with a template",
                "identity/oidc/role/r2",
                "{'key':'k2','ttl':'30m','template':'{\\'groups\\':{{identity.entity.groups.names}},\\'n\\':{{identity.entity.name}}}'}");
        s.post("create with a client id", "identity/oidc/role/r3", "{'key':'k1','client_id':'my-client'}");
        s.post("missing key", "identity/oidc/role/rx", "{'ttl':'1h'}");
        s.post("unknown key", "identity/oidc/role/rx", "{'key':'nokey'}");
        s.post("bad template", "identity/oidc/role/rx", "{'key':'k1','template':'{not json'}");
        s.post("template with a reserved claim", "identity/oidc/role/rx", "{'key':'k1','template':'{\\'iat\\':1}'}");
        s.post("template not base64 nor JSON", "identity/oidc/role/rx", "{'key':'k1','template':'@@@'}");
        s.post("bad ttl", "identity/oidc/role/rx", "{'key':'k1','ttl':'ages'}");
        s.post("role on a key that does not allow it", "identity/oidc/role/r4", "{'key':'k4'}");
        s.post("update the ttl", "identity/oidc/role/r1", "{'ttl':'30m'}");
        s.get("read", "identity/oidc/role/r1").save("r1client", "/data/client_id");
        s.get("read the templated", "identity/oidc/role/r2").save("r2client", "/data/client_id");
        s.get("read the custom client id", "identity/oidc/role/r3");
        s.get("read the one on a restricted key", "identity/oidc/role/r4").save("r4client", "/data/client_id");
        s.get("read a missing role", "identity/oidc/role/norole");
        s.delete("delete", "identity/oidc/role/r3");
        s.delete("delete a missing role", "identity/oidc/role/r3");

        s.path("identity/oidc/role");
        s.list("list roles", "identity/oidc/role");

        s.path("identity/oidc/key/:name");
        s.delete("delete a key in use", "identity/oidc/key/k1");
        s.post("key allows a role by client id", "identity/oidc/key/k4", "{'allowed_client_ids':['${r4client}']}");
    }

    private static void oidcTokens(ScriptBuilder s) {
        s.path("identity/group");
        s.post("group for the login entity", "identity/group", "{'name':'readers','member_entity_ids':['${le1}']}");
        s.path("identity/oidc/token/:name");
        s.get("token", "identity/oidc/token/r1").as("${lt1}").save("jwt1", "/data/token");
        s.get("token with a template", "identity/oidc/token/r2").as("${lt1}").save("jwt2", "/data/token");
        s.get("token on a key allowing the role", "identity/oidc/token/r4")
                .as("${lt1}")
                .save("jwt4", "/data/token");
        s.get("root token has no entity", "identity/oidc/token/r1");
        s.get("missing role", "identity/oidc/token/norole").as("${lt1}");
        s.get("without a token", "identity/oidc/token/r1").as(Step.NONE);
        s.post("POST", "identity/oidc/token/r1", "{}").as("${lt1}");

        s.path("identity/oidc/introspect");
        s.post("valid token", "identity/oidc/introspect", "{'token':'${jwt1}'}");
        s.post(
                "valid token for its client",
                "identity/oidc/introspect",
                "{'token':'${jwt1}','client_id':'${r1client}'}");
        s.post(
                "valid token for another client",
                "identity/oidc/introspect",
                "{'token':'${jwt1}','client_id':'someone-else'}");
        s.post("templated token", "identity/oidc/introspect", "{'token':'${jwt2}'}");
        s.post("garbage", "identity/oidc/introspect", "{'token':'garbage'}");
        s.post("missing token", "identity/oidc/introspect", "{}");
        s.post("unsigned token", "identity/oidc/introspect", "{'token':'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'}");
        s.get("GET", "identity/oidc/introspect");

        s.path("identity/oidc/key/:name/rotate");
        s.post("rotate the signing key", "identity/oidc/key/k1/rotate", "{'verification_ttl':'1h'}");
        s.path("identity/oidc/introspect");
        s.post("token signed by the previous key", "identity/oidc/introspect", "{'token':'${jwt1}'}");

        s.path("identity/entity/id/:id");
        s.post("disable the login entity", "identity/entity/id/${le1}", "{'disabled':true}");
        s.path("identity/oidc/token/:name");
        s.get("token of a disabled entity", "identity/oidc/token/r1").as("${lt1}");
        s.path("identity/entity/id/:id");
        s.delete("delete the login entity", "identity/entity/id/${le1}");
        s.path("identity/oidc/token/:name");
        s.get("token of a deleted entity", "identity/oidc/token/r1").as("${lt2}");
        s.path("auth/token/lookup-self");
        s.get("lookup a token of a deleted entity", "auth/token/lookup-self").as("${lt2}");
        // A deleted entity that was never disabled: Vault and OpenBao fail while loading it (issue 12).
        s.path("identity/entity/id/:id");
        s.delete("delete the second mount's login entity", "identity/entity/id/${le4}");
        s.path("identity/oidc/token/:name");
        s.get("token whose entity was deleted", "identity/oidc/token/r1").as("${lt4}");
        s.path("auth/token/lookup-self");
        s.get("lookup a token whose entity was deleted", "auth/token/lookup-self")
                .as("${lt4}");
    }

    private static void wellKnown(ScriptBuilder s) {
        s.path("identity/oidc/.well-known/openid-configuration");
        s.get("discovery", "identity/oidc/.well-known/openid-configuration")
                .as(Step.NONE)
                .header("Content-Type")
                .header("Cache-Control");
        s.get("discovery with a token", "identity/oidc/.well-known/openid-configuration");
        s.post("POST", "identity/oidc/.well-known/openid-configuration", "{}").as(Step.NONE);
        s.path("identity/oidc/.well-known/keys");
        s.get("keys", "identity/oidc/.well-known/keys")
                .as(Step.NONE)
                .header("Content-Type")
                .header("Cache-Control");
        s.delete("DELETE", "identity/oidc/.well-known/keys").as(Step.NONE);
        s.path("identity/oidc/config");
        s.post("issuer for discovery", "identity/oidc/config", "{'issuer':'https://issuer.example.com:8200'}");
        s.path("identity/oidc/.well-known/openid-configuration");
        s.get("discovery with an issuer", "identity/oidc/.well-known/openid-configuration")
                .as(Step.NONE);
        s.path("identity/oidc/.well-known/:unknown");
        s.get("unknown well-known", "identity/oidc/.well-known/nothing").as(Step.NONE);
    }

    private static void tokenRoles(ScriptBuilder s) {
        s.path("auth/token/roles/:role_name");
        s.post(
                "create with allowed entity aliases",
                "auth/token/roles/tr1",
                "{'allowed_entity_aliases':['svc-*','app1'],'orphan':true,'renewable':false}");
        s.get("read", "auth/token/roles/tr1");
        s.get("read a missing role", "auth/token/roles/nothing");
        s.post("renewable not a bool", "auth/token/roles/tr2", "{'renewable':'maybe'}");
        s.post("batch tokens for a non-orphan role", "auth/token/roles/tr2", "{'token_type':'batch'}");
        s.post("unknown token type", "auth/token/roles/tr2", "{'token_type':'weird'}");
        s.post("plain role", "auth/token/roles/tr3", "{}");
        s.path("auth/token/roles");
        s.list("list", "auth/token/roles");
        s.path("auth/token/create/:role_name");
        s.post("create for an entity alias", "auth/token/create/tr1", "{'entity_alias':'app1'}")
                .save("rt1", "/auth/client_token")
                .save("rte1", "/auth/entity_id");
        s.post("same alias again", "auth/token/create/tr1", "{'entity_alias':'APP1'}");
        s.post("alias matching a glob", "auth/token/create/tr1", "{'entity_alias':'svc-web'}");
        s.post("alias not allowed", "auth/token/create/tr1", "{'entity_alias':'other'}");
        s.post("role without allowed aliases", "auth/token/create/tr3", "{'entity_alias':'app1'}");
        s.post("unknown role", "auth/token/create/nothing", "{}");
        s.path("auth/token/create");
        s.post("entity alias without a role", "auth/token/create", "{'entity_alias':'app1'}");
        s.path("auth/token/lookup-self");
        s.get("lookup the role's token", "auth/token/lookup-self").as("${rt1}");
        s.path("identity/oidc/token/:name");
        s.get("ID token for the alias' entity", "identity/oidc/token/r1").as("${rt1}");
        s.path("auth/token/roles/:role_name");
        s.delete("delete", "auth/token/roles/tr3");
        s.delete("delete a missing role", "auth/token/roles/tr3");
    }

    private static void oidcProvider(ScriptBuilder s) {
        String p = "identity/oidc/";
        s.path(p + "assignment/:name");
        s.post("create", p + "assignment/as1", "{'entity_ids':['${rte1}']}");
        s.get("read", p + "assignment/as1");
        s.get("read a missing one", p + "assignment/nothing");
        s.post("entity_ids not a list", p + "assignment/as2", "{'entity_ids':{'a':'b'}}");
        s.path(p + "assignment");
        s.list("list", p + "assignment");

        s.path(p + "scope/:name");
        s.post("create", p + "scope/sc1", "{'template':'{\\'who\\':{{identity.entity.name}}}','description':'d'}");
        s.get("read", p + "scope/sc1");
        s.post("template not JSON", p + "scope/sc2", "{'template':'not json'}");
        s.post("reserved name openid", p + "scope/openid", "{'template':'{}'}");
        s.get("read a missing one", p + "scope/nothing");
        s.path(p + "scope");
        s.list("list", p + "scope");

        s.path(p + "client/:name");
        s.post(
                "create",
                p + "client/c1",
                "{'key':'k1','redirect_uris':['https://app.example.com/cb'],'assignments':['as1']}");
        s.get("read", p + "client/c1").save("c1id", "/data/client_id").save("c1secret", "/data/client_secret");
        s.post("unknown key", p + "client/c2", "{'key':'nokey'}");
        s.post("unknown assignment", p + "client/c2", "{'key':'k1','assignments':['nothing']}");
        s.post("unknown client type", p + "client/c2", "{'key':'k1','client_type':'weird'}");
        s.get("read a missing one", p + "client/nothing");
        s.path(p + "client");
        s.list("list", p + "client");

        s.path(p + "provider/:name");
        s.post("create", p + "provider/p1", "{'allowed_client_ids':['${c1id}'],'scopes_supported':['sc1']}");
        s.get("read", p + "provider/p1");
        s.post("unknown scope", p + "provider/p2", "{'scopes_supported':['nothing']}");
        s.post("issuer with a path", p + "provider/p2", "{'issuer':'https://x.example.com/path'}");
        s.get("read a missing one", p + "provider/nothing");
        s.path(p + "provider");
        s.list("list", p + "provider");

        s.path(p + "provider/:name/.well-known/openid-configuration");
        s.get("discovery", p + "provider/p1/.well-known/openid-configuration").as(Step.NONE);
        s.get("discovery of a missing provider", p + "provider/nothing/.well-known/openid-configuration")
                .as(Step.NONE);
        s.path(p + "provider/:name/.well-known/keys");
        s.get("keys", p + "provider/p1/.well-known/keys").as(Step.NONE);
        s.path(p + "provider/:name/authorize");
        s.get("without parameters", p + "provider/p1/authorize").as("${rt1}");
        s.get(
                        "unknown client",
                        p + "provider/p1/authorize?client_id=nobody&scope=openid"
                                + "&redirect_uri=https://app.example.com/cb&response_type=code&state=s1")
                .as("${rt1}");
        s.get(
                        "scope without openid",
                        p + "provider/p1/authorize?client_id=${c1id}&scope=sc1"
                                + "&redirect_uri=https://app.example.com/cb&response_type=code&state=s1")
                .as("${rt1}");
        s.get(
                        "unregistered redirect",
                        p + "provider/p1/authorize?client_id=${c1id}&scope=openid"
                                + "&redirect_uri=https://evil.example.com/cb&response_type=code&state=s1")
                .as("${rt1}");
        s.get(
                        "without a token",
                        p + "provider/p1/authorize?client_id=${c1id}&scope=openid"
                                + "&redirect_uri=https://app.example.com/cb&response_type=code&state=s1")
                .as(Step.NONE);
        s.get(
                        "valid code request",
                        p + "provider/p1/authorize?client_id=${c1id}&scope=openid%20sc1"
                                + "&redirect_uri=https://app.example.com/cb&response_type=code&state=s1&nonce=n1")
                .as("${rt1}")
                .save("code1", "/code");
        s.path(p + "provider/:name/token");
        s.post(
                        "exchange the code",
                        p + "provider/p1/token",
                        "{'grant_type':'authorization_code','code':'${code1}','redirect_uri':'https://app.example.com/cb',"
                                + "'client_id':'${c1id}','client_secret':'${c1secret}'}")
                .as(Step.NONE)
                .save("at1", "/access_token");
        s.post(
                        "exchange the code twice",
                        p + "provider/p1/token",
                        "{'grant_type':'authorization_code','code':'${code1}','redirect_uri':'https://app.example.com/cb',"
                                + "'client_id':'${c1id}','client_secret':'${c1secret}'}")
                .as(Step.NONE);
        s.post(
                        "no client authentication",
                        p + "provider/p1/token",
                        "{'grant_type':'authorization_code','code':'nothing','redirect_uri':'https://app.example.com/cb'}")
                .as(Step.NONE);
        s.post(
                        "client secret in the body, bad code",
                        p + "provider/p1/token",
                        "{'grant_type':'authorization_code','code':'nothing','redirect_uri':'https://app.example.com/cb',"
                                + "'client_id':'${c1id}','client_secret':'${c1secret}'}")
                .as(Step.NONE);
        s.path(p + "provider/:name/userinfo");
        s.get("without a token", p + "provider/p1/userinfo").as(Step.NONE);
        s.get("with a non-access token", p + "provider/p1/userinfo").as("${rt1}");

        s.path(p + "provider/:name");
        s.delete("delete", p + "provider/p1");
        s.path(p + "client/:name");
        s.delete("delete", p + "client/c1");
        s.path(p + "scope/:name");
        s.delete("delete", p + "scope/sc1");
        s.path(p + "assignment/:name");
        s.delete("delete", p + "assignment/as1");
    }

    private static void routing(ScriptBuilder s) {
        s.path("(unsupported paths)");
        s.get("unknown identity path", "identity/nothing-here");
        s.post("unknown identity path by POST", "identity/nothing-here", "{}");
        s.get("unknown oidc path", "identity/oidc/nothing-here");
        s.get("unknown token path", "auth/token/nothing-here");
        s.get("trailing slash on an entity id", "identity/entity/id/${e1}/");
        s.get("unknown sys path", "sys/nothing-here");
        s.get("unknown approle path", "auth/approle/nothing-here");
        s.path("(unsupported operations)");
        s.raw("PATCH on an entity", "PATCH", "identity/entity/id/${e1}", "{}");
        s.delete("DELETE on lookup", "identity/lookup/entity");
        s.delete("DELETE on the entity-alias collection", "identity/entity-alias");
        s.delete("DELETE on merge", "identity/entity/merge");
        s.get("GET on token create", "auth/token/create");
        s.delete("DELETE on health", "sys/health").as(Step.NONE);
    }
}
