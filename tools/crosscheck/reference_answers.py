#!/usr/bin/env python3
"""Executable form of SEMANTICS.md: the same answers as attack_answers.py, computed from the raw bundle JSON
with no library at all (standard library only). Its purpose is to prove that SEMANTICS.md describes what
mitreattack-python 6.3.1 does: `compare.py <(attack_answers) <(reference_answers)` must pass on every bundle.
It is also the shortest precise spec for a port (the Swift implementation).

Usage: reference_answers.py BUNDLE OUT.json
"""
import json
import sys
from collections import defaultdict
from datetime import datetime, timezone

KILL_CHAIN = {"enterprise-attack": "mitre-attack", "mobile-attack": "mitre-mobile-attack", "ics-attack": "mitre-ics-attack"}
CREATED_AFTER = datetime(2024, 1, 1, tzinfo=timezone.utc)
MODIFIED_AFTER = datetime(2025, 1, 1, tzinfo=timezone.utc)


def attack_id(o):
    """external_references[0].external_id iff that first reference has source_name "mitre-attack"."""
    refs = o.get("external_references") or []
    if refs and refs[0].get("external_id") and refs[0].get("source_name") == "mitre-attack":
        return refs[0]["external_id"]
    return None


def active(o):
    return o.get("revoked", False) is False and o.get("x_mitre_deprecated", False) is False


def stype(stix_id):
    return stix_id.split("--")[0]


def ts(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


def compute(objects):
    by_id = {}
    for o in objects:
        by_id.setdefault(o["id"], o)
    of_type = defaultdict(list)
    for o in objects:
        of_type[o["type"]].append(o)
    rels = of_type["relationship"]
    aid = {o["id"]: attack_id(o) for o in objects}

    def ids(stix_ids):
        return {aid[i] for i in stix_ids if aid.get(i)}

    # ---- subjects: active objects of a type ----
    def act(*types):
        return [o for t in types for o in of_type[t] if active(o)]

    S = {
        "techniques": act("attack-pattern"),
        "subtechniques": [o for o in act("attack-pattern") if o.get("x_mitre_is_subtechnique") is True],
        "tactics": act("x-mitre-tactic"), "groups": act("intrusion-set"), "software": act("tool", "malware"),
        "campaigns": act("campaign"), "mitigations": act("course-of-action"), "datasources": act("x-mitre-data-source"),
        "datacomponents": act("x-mitre-data-component"), "assets": act("x-mitre-asset"),
        "detectionstrategies": act("x-mitre-detection-strategy"), "analytics": act("x-mitre-analytic"),
        "matrices": act("x-mitre-matrix"),
    }
    out = {k: sorted(ids(o["id"] for o in v)) for k, v in S.items()}

    # ---- related(src_types, rel_type, tgt_types): live edges, related end active & present ----
    def edges(src_types, rel_type, tgt_types):
        for r in rels:
            if (r["relationship_type"] == rel_type and active(r)
                    and stype(r["source_ref"]) in src_types and stype(r["target_ref"]) in tgt_types):
                yield r["source_ref"], r["target_ref"]

    def related(src_types, rel_type, tgt_types, reverse=False):
        m = defaultdict(set)
        for s, t in edges(src_types, rel_type, tgt_types):
            subj, rel = (t, s) if reverse else (s, t)
            if rel in by_id and active(by_id[rel]):
                m[subj].add(rel)
        return m

    SW = ("tool", "malware")
    G, C, T = ("intrusion-set",), ("campaign",), ("attack-pattern",)

    def with_campaigns(direct, subj_to_campaigns, campaign_to_related):
        """direct[s] ∪ ⋃ campaign_to_related[c] for c in subj_to_campaigns[s]"""
        m = defaultdict(set, {k: set(v) for k, v in direct.items()})
        for s, cs in subj_to_campaigns.items():
            for c in cs:
                m[s] |= campaign_to_related.get(c, set())
        return m

    camp_of_group = related(C, "attributed-to", G, reverse=True)  # group -> active campaigns
    group_of_camp = related(C, "attributed-to", G)                 # campaign -> active groups
    maps = {
        "techniques_used_by_group": (with_campaigns(related(G, "uses", T), camp_of_group, related(C, "uses", T)), "groups"),
        "groups_using_technique": (with_campaigns(related(G, "uses", T, True), related(C, "uses", T, True), group_of_camp), "techniques"),
        "software_used_by_group": (with_campaigns(related(G, "uses", SW), camp_of_group, related(C, "uses", SW)), "groups"),
        "groups_using_software": (with_campaigns(related(G, "uses", SW, True), related(C, "uses", SW, True), group_of_camp), "software"),
        "campaigns_attributed_to_group": (camp_of_group, "groups"),
        "groups_attributing_to_campaign": (group_of_camp, "campaigns"),
        "techniques_used_by_software": (related(SW, "uses", T), "software"),
        "software_using_technique": (related(SW, "uses", T, True), "techniques"),
        "techniques_used_by_campaign": (related(C, "uses", T), "campaigns"),
        "campaigns_using_technique": (related(C, "uses", T, True), "techniques"),
        "software_used_by_campaign": (related(C, "uses", SW), "campaigns"),
        "campaigns_using_software": (related(C, "uses", SW, True), "software"),
        "mitigations_mitigating_technique": (related(("course-of-action",), "mitigates", T, True), "techniques"),
        "techniques_mitigated_by_mitigation": (related(("course-of-action",), "mitigates", T), "mitigations"),
        "subtechniques_of_technique": (related(T, "subtechnique-of", T, True), "techniques"),
        "parent_of_subtechnique": (related(T, "subtechnique-of", T), "subtechniques"),
        "datacomponents_detecting_technique": (related(("x-mitre-data-component",), "detects", T, True), "techniques"),
        "techniques_detected_by_datacomponent": (related(("x-mitre-data-component",), "detects", T), "datacomponents"),
        "detectionstrategies_detecting_technique": (related(("x-mitre-detection-strategy",), "detects", T, True), "techniques"),
        "assets_targeted_by_technique": (related(T, "targets", ("x-mitre-asset",)), "techniques"),
        "techniques_targeting_asset": (related(T, "targets", ("x-mitre-asset",), True), "assets"),
    }

    def finish(pairs):
        """pairs: iterable of (subject key or None, set of related STIX ids). Merges equal keys, drops empties."""
        res = defaultdict(set)
        for k, stix_ids in pairs:
            if k is not None:
                res[k] |= ids(stix_ids)
        return {k: sorted(v) for k, v in sorted(res.items()) if v}

    for key, (m, subj) in maps.items():
        out[key] = finish((aid[o["id"]], m.get(o["id"], set())) for o in S[subj])

    # ---- group -> (direct) software -> techniques; nothing filtered by status, campaigns ignored ----
    uses_from = defaultdict(list)
    for r in rels:
        if r["relationship_type"] == "uses":
            uses_from[r["source_ref"]].append(r["target_ref"])

    def group_software_techniques(g):
        sw = [t for t in uses_from[g] if stype(t) in SW]
        return {t for s in sw for t in uses_from[s] if t in by_id and by_id[t]["type"] == "attack-pattern"}
    out["techniques_used_by_group_software"] = finish((aid[g["id"]], group_software_techniques(g["id"])) for g in S["groups"])

    # ---- tactics ----
    def tactics_of(t):
        phases = {p["phase_name"] for p in t.get("kill_chain_phases") or [] if "phase_name" in p}
        return {x["id"] for x in of_type["x-mitre-tactic"] if x.get("x_mitre_shortname") in phases}  # any status
    out["tactics_of_technique"] = finish((aid[t["id"]], tactics_of(t)) for t in S["techniques"])

    def by_tactic(tac):
        hits = set()
        for dom in tac.get("x_mitre_domains", []):
            if dom in KILL_CHAIN:
                for t in S["techniques"]:
                    phases = t.get("kill_chain_phases") or []
                    if (any(p.get("phase_name") == tac["x_mitre_shortname"] for p in phases)
                            and any(p.get("kill_chain_name") == KILL_CHAIN[dom] for p in phases)):
                        hits.add(t["id"])
        return hits
    out["techniques_by_tactic"] = finish((tac["x_mitre_shortname"], by_tactic(tac)) for tac in S["tactics"]
                                         if "x_mitre_shortname" in tac)

    platforms = sorted({p for t in S["techniques"] for p in t.get("x_mitre_platforms", [])})
    out["techniques_by_platform"] = finish(
        (p, {t["id"] for t in S["techniques"] if any(p in q for q in t.get("x_mitre_platforms", []))})  # substring!
        for p in platforms)

    tbm = {}
    for mx in S["matrices"]:
        order = [aid[r] for r in mx.get("tactic_refs", []) if r in by_id and aid[r]]
        if aid[mx["id"]] and order:
            tbm[aid[mx["id"]]] = order
    out["tactics_by_matrix"] = dict(sorted(tbm.items()))

    out["analytics_by_detectionstrategy"] = finish(
        (aid[d["id"]], {a for a in d.get("x_mitre_analytic_refs", []) if a in by_id and by_id[a]["type"] == "x-mitre-analytic"
                        and active(by_id[a])}) for d in S["detectionstrategies"])

    # ---- aliases: case-sensitive *substring* per alias element, any status; keys lower-cased ----
    def alias_map(subjects, types, field):
        spellings = sorted({a for o in subjects for a in (o.get(field) or [])})
        cands = [o for t in types for o in of_type[t]]
        return finish((a.lower(), {o["id"] for o in cands if any(a in x for x in (o.get(field) or []))}) for a in spellings)
    out["groups_by_alias"] = alias_map(S["groups"], G, "aliases")
    out["software_by_alias"] = alias_map(S["software"], SW, "x_mitre_aliases")

    # ---- dates: strictly after, any type, active only ----
    out["objects_created_after_2024-01-01"] = sorted(ids(o["id"] for o in objects if active(o) and "created" in o
                                                         and ts(o["created"]) > CREATED_AFTER))
    out["objects_modified_after_2025-01-01"] = sorted(ids(o["id"] for o in objects if active(o) and "modified" in o
                                                          and ts(o["modified"]) > MODIFIED_AFTER))

    # ---- revoked_by: first object in bundle order that is a target of a revoked-by relationship from it ----
    rb_targets = defaultdict(set)
    for r in rels:
        if r["relationship_type"] == "revoked-by":
            rb_targets[r["source_ref"]].add(r["target_ref"])
    pairs = []
    for o in objects:
        if o.get("revoked") is True and rb_targets.get(o["id"]):
            first = next((x for x in objects if x["id"] in rb_targets[o["id"]]), None)
            if first is not None and aid[o["id"]] and aid[first["id"]]:
                pairs.append((aid[o["id"]], {first["id"]}))
    out["revoked_by"] = finish(pairs)
    return out


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    with open(sys.argv[1]) as f:
        objects = json.load(f)["objects"]
    out = compute(objects)
    with open(sys.argv[2], "w") as f:
        json.dump(dict(sorted(out.items())), f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
