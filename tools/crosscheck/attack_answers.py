#!/usr/bin/env python3
"""Canonical ATT&CK answers computed with MITRE's own library (mitreattack-python 6.3.1).

Usage: attack_answers.py BUNDLE OUT.json [--no-verify]

Writes one JSON object. Every top-level key is always present. Values are either
a sorted array of ATT&CK IDs or a dict {subject key -> sorted array of ATT&CK IDs}
(except `tactics_by_matrix`, whose arrays are in matrix order). In dicts, subjects
whose answer is empty are omitted. `_meta` (ignored by compare.py) records how many
objects were skipped because they have no ATT&CK ID. See SEMANTICS.md.

Rules applied uniformly:
  * ATT&CK ID = MitreAttackData.get_attack_id(stix_id): external_references[0].external_id,
    and only if external_references[0].source_name == "mitre-attack". Anything else -> no ID -> skipped.
  * Subjects (dict keys / list members) that are revoked or deprecated are excluded
    (remove_revoked_deprecated=True where the method offers it, otherwise the library's
    remove_revoked_deprecated() applied to the subject).
  * Related objects (dict values) are exactly what the library returns: filtered where the
    library filters them, unfiltered where it does not.
"""
import argparse
import json
import sys
import time
from collections import defaultdict

from stix2 import Filter, MemoryStore
from mitreattack.stix20 import MitreAttackData

LIBRARY_VERSION = "6.3.1"
CREATED_AFTER = "2024-01-01T00:00:00.000Z"  # passed verbatim to get_objects_created_after
MODIFIED_AFTER = "2025-01-01"  # passed verbatim to get_objects_modified_after (it dateutil-parses it)
VALID_DOMAINS = ("enterprise-attack", "mobile-attack", "ics-attack")


class Answers:
    def __init__(self, path):
        self.path = path
        self.mad = MitreAttackData(stix_filepath=path)
        self._ids = {}
        self.meta_skipped = defaultdict(lambda: {"subjects": 0, "related": 0})
        self.meta_collisions = defaultdict(int)
        self.out = {}
        self.alias_checks = []
        self.reduced_checks = []  # (key, subjects, reduced-store fn, full-store fn)

    # ---------- helpers ----------
    def aid(self, stix_id):
        """Library's ATT&CK ID for a STIX ID (memoized). For relationships (tens of thousands, never an ID) the
        body of get_attack_id is applied to the stored object directly instead of re-parsing it."""
        if stix_id not in self._ids:
            if stix_id.startswith("relationship--"):
                refs = self.mad.src.get(stix_id).get("external_references") or []
                ok = refs and refs[0].get("external_id") and refs[0].get("source_name") == "mitre-attack"
                self._ids[stix_id] = refs[0]["external_id"] if ok else None
            else:
                self._ids[stix_id] = self.mad.get_attack_id(stix_id)
        return self._ids[stix_id]

    @staticmethod
    def reduced(objs):
        """MitreAttackData over a store holding only `objs` (already parsed; order preserved)."""
        store = MemoryStore()
        if objs:
            store.add(list(objs))
        return MitreAttackData(src=store)

    def active(self, obj):
        return bool(self.mad.remove_revoked_deprecated([obj]))

    def id_list(self, key, objects):
        """Sorted, de-duplicated ATT&CK IDs of objects; objects without an ID are counted as skipped."""
        ids = []
        for o in objects:
            a = self.aid(o["id"])
            if a is None:
                self.meta_skipped[key]["subjects"] += 1
            else:
                ids.append(a)
        if len(set(ids)) != len(ids):
            self.meta_collisions[key] += len(ids) - len(set(ids))
        return sorted(set(ids))

    def related_ids(self, key, stix_ids):
        vals = set()
        for sid in stix_ids:
            a = self.aid(sid)
            if a is None:
                self.meta_skipped[key]["related"] += 1
            else:
                vals.add(a)
        return vals

    def put(self, key, result, subject_key, stix_ids):
        """Add one subject's related STIX IDs to dict `result` under subject_key (None -> skipped)."""
        if subject_key is None:
            self.meta_skipped[key]["subjects"] += 1
            return
        vals = self.related_ids(key, stix_ids)
        if subject_key in result:
            self.meta_collisions[key] += 1
            result[subject_key] |= vals
        else:
            result[subject_key] = vals

    @staticmethod
    def finish(result):
        return {k: sorted(v) for k, v in sorted(result.items()) if v}

    def from_map(self, key, relmap, subjects):
        """Dict answer from a RelationshipMapT (stix_id -> [{"object", "relationships"}]) of an 'all' method.
        Only subjects (active objects of the subject type) are kept."""
        result = {}
        for sid, entries in relmap.items():
            if sid not in subjects:
                continue  # revoked/deprecated subject (get_related does not filter map keys)
            self.put(key, result, self.aid(sid), [e["object"]["id"] for e in entries])
        self.out[key] = self.finish(result)

    # ---------- computation ----------
    def compute(self, verify=True):
        m = self.mad
        t0 = time.time()

        # ----- lists -----
        S = {}
        S["techniques"] = m.get_techniques(include_subtechniques=True, remove_revoked_deprecated=True)
        S["subtechniques"] = m.get_subtechniques(remove_revoked_deprecated=True)
        S["tactics"] = m.get_tactics(remove_revoked_deprecated=True)
        S["groups"] = m.get_groups(remove_revoked_deprecated=True)
        S["software"] = m.get_software(remove_revoked_deprecated=True)
        S["campaigns"] = m.get_campaigns(remove_revoked_deprecated=True)
        S["mitigations"] = m.get_mitigations(remove_revoked_deprecated=True)
        S["datasources"] = m.get_datasources(remove_revoked_deprecated=True)
        S["datacomponents"] = m.get_datacomponents(remove_revoked_deprecated=True)
        S["assets"] = m.get_assets(remove_revoked_deprecated=True)
        S["detectionstrategies"] = m.get_detectionstrategies(remove_revoked_deprecated=True)
        S["analytics"] = m.get_analytics(remove_revoked_deprecated=True)
        S["matrices"] = m.get_matrices(remove_revoked_deprecated=True)
        for k, objs in S.items():
            self.out[k] = self.id_list(k, objs)
        sub = {k: {o["id"] for o in objs} for k, objs in S.items()}

        # ----- relationship maps ("all" forms) -----
        # key: (all-method, subject set, single-object method)
        rel_keys = {
            "techniques_used_by_group": (m.get_all_techniques_used_by_all_groups, "groups", m.get_techniques_used_by_group),
            "software_used_by_group": (m.get_all_software_used_by_all_groups, "groups", m.get_software_used_by_group),
            "campaigns_attributed_to_group": (m.get_all_campaigns_attributed_to_all_groups, "groups", m.get_campaigns_attributed_to_group),
            "groups_attributing_to_campaign": (m.get_all_groups_attributing_to_all_campaigns, "campaigns", m.get_groups_attributing_to_campaign),
            "techniques_used_by_software": (m.get_all_techniques_used_by_all_software, "software", m.get_techniques_used_by_software),
            "techniques_used_by_campaign": (m.get_all_techniques_used_by_all_campaigns, "campaigns", m.get_techniques_used_by_campaign),
            "software_used_by_campaign": (m.get_all_software_used_by_all_campaigns, "campaigns", m.get_software_used_by_campaign),
            "campaigns_using_software": (m.get_all_campaigns_using_all_software, "software", m.get_campaigns_using_software),
            "groups_using_software": (m.get_all_groups_using_all_software, "software", m.get_groups_using_software),
            "groups_using_technique": (m.get_all_groups_using_all_techniques, "techniques", m.get_groups_using_technique),
            "software_using_technique": (m.get_all_software_using_all_techniques, "techniques", m.get_software_using_technique),
            "campaigns_using_technique": (m.get_all_campaigns_using_all_techniques, "techniques", m.get_campaigns_using_technique),
            "mitigations_mitigating_technique": (m.get_all_mitigations_mitigating_all_techniques, "techniques", m.get_mitigations_mitigating_technique),
            "techniques_mitigated_by_mitigation": (m.get_all_techniques_mitigated_by_all_mitigations, "mitigations", m.get_techniques_mitigated_by_mitigation),
            "subtechniques_of_technique": (m.get_all_subtechniques_of_all_techniques, "techniques", m.get_subtechniques_of_technique),
            "parent_of_subtechnique": (m.get_all_parent_techniques_of_all_subtechniques, "subtechniques", m.get_parent_technique_of_subtechnique),
            "datacomponents_detecting_technique": (m.get_all_datacomponents_detecting_all_techniques, "techniques", m.get_datacomponents_detecting_technique),
            "techniques_detected_by_datacomponent": (m.get_all_techniques_detected_by_all_datacomponents, "datacomponents", m.get_techniques_detected_by_datacomponent),
            "detectionstrategies_detecting_technique": (m.get_all_detection_strategies_detecting_all_techniques, "techniques", m.get_detection_strategies_detecting_technique),
            "assets_targeted_by_technique": (m.get_all_assets_targeted_by_all_techniques, "techniques", m.get_assets_targeted_by_technique),
            "techniques_targeting_asset": (m.get_all_techniques_targeting_all_assets, "assets", m.get_techniques_targeting_asset),
        }
        for key, (all_fn, subj, _) in rel_keys.items():
            self.from_map(key, all_fn(), sub[subj])

        # ----- per-subject methods (no "all" form exists) -----
        # group -> software -> techniques; method has no remove_revoked_deprecated flag.
        # The method scans the whole store 3x per group; run it per group over a reduced store that holds every
        # object its queries can match ("uses" relationships sourced at the group or at anything the group
        # uses, plus all attack-patterns). Identical results (checked against the full store for a sample).
        everything = m.src.query([])
        uses_by_src = defaultdict(list)
        for o in everything:
            if o["type"] == "relationship" and o["relationship_type"] == "uses":
                uses_by_src[o["source_ref"]].append(o)
        aps = [o for o in everything if o["type"] == "attack-pattern"]

        def group_store(gid):
            rels = list(uses_by_src[gid])
            for s_ref in dict.fromkeys(r["target_ref"] for r in rels):
                rels += uses_by_src[s_ref]
            return self.reduced(rels + aps)

        res = {}
        for g in S["groups"]:
            self.put("techniques_used_by_group_software", res, self.aid(g["id"]),
                     [t["id"] for t in group_store(g["id"]).get_techniques_used_by_group_software(g["id"])])
        self.out["techniques_used_by_group_software"] = self.finish(res)
        self.reduced_checks.append(("techniques_used_by_group_software", S["groups"],
                                    lambda sid: group_store(sid).get_techniques_used_by_group_software(sid),
                                    m.get_techniques_used_by_group_software))

        # technique -> tactics; method has no flag and returns tactics regardless of status.
        # It only reads the technique (src.get) and all x-mitre-tactic objects.
        tstore = self.reduced([o for o in everything if o["type"] in ("attack-pattern", "x-mitre-tactic")])
        res = {}
        for t in S["techniques"]:
            self.put("tactics_of_technique", res, self.aid(t["id"]),
                     [x["id"] for x in tstore.get_tactics_by_technique(t["id"])])
        self.out["tactics_of_technique"] = self.finish(res)
        self.reduced_checks.append(("tactics_of_technique", S["techniques"],
                                    tstore.get_tactics_by_technique, m.get_tactics_by_technique))

        # tactic shortname -> techniques, for each domain the tactic lists in x_mitre_domains
        res = {}
        for tac in S["tactics"]:
            short = tac.get("x_mitre_shortname")
            if short is None:
                self.meta_skipped["techniques_by_tactic"]["subjects"] += 1
                continue
            ids = []
            for dom in tac.get("x_mitre_domains", []):
                if dom in VALID_DOMAINS:
                    ids += [x["id"] for x in m.get_techniques_by_tactic(short, dom, remove_revoked_deprecated=True)]
            self.put("techniques_by_tactic", res, short, ids)
        self.out["techniques_by_tactic"] = self.finish(res)

        # platform (as spelled in x_mitre_platforms of active techniques) -> techniques
        platforms = sorted({p for t in S["techniques"] for p in t.get("x_mitre_platforms", [])})
        res = {}
        for p in platforms:
            self.put("techniques_by_platform", res, p,
                     [x["id"] for x in m.get_techniques_by_platform(p, remove_revoked_deprecated=True)])
        self.out["techniques_by_platform"] = self.finish(res)

        # matrix -> tactics in matrix order. Library keys by matrix *name*; map active matrices by name.
        by_name = m.get_tactics_by_matrix()
        active_by_name = defaultdict(list)
        for mx in S["matrices"]:
            active_by_name[mx["name"]].append(mx)
        res = {}
        for name, tactics in by_name.items():
            for mx in active_by_name.get(name, []):
                if len(active_by_name[name]) > 1:
                    raise SystemExit(f"two active matrices named {name!r}: cannot map get_tactics_by_matrix")
                key = self.aid(mx["id"])
                if key is None:
                    self.meta_skipped["tactics_by_matrix"]["subjects"] += 1
                    continue
                ordered = []
                for tac in tactics:
                    if tac is None:
                        continue  # dangling tactic_ref: src.get() returned None
                    a = self.aid(tac["id"])
                    if a is None:
                        self.meta_skipped["tactics_by_matrix"]["related"] += 1
                    else:
                        ordered.append(a)
                if key in res:
                    self.meta_collisions["tactics_by_matrix"] += 1
                if ordered:
                    res[key] = ordered
        self.out["tactics_by_matrix"] = dict(sorted(res.items()))

        # detection strategy -> analytics (x_mitre_analytic_refs). The method reads the strategy (src.get) and
        # queries x-mitre-analytic objects: reduced store = detection strategies + analytics.
        astore = self.reduced([o for o in everything if o["type"] in ("x-mitre-detection-strategy", "x-mitre-analytic")])
        res = {}
        for ds in S["detectionstrategies"]:
            self.put("analytics_by_detectionstrategy", res, self.aid(ds["id"]),
                     [x["id"] for x in astore.get_analytics_by_detection_strategy(ds["id"], remove_revoked_deprecated=True)])
        self.out["analytics_by_detectionstrategy"] = self.finish(res)
        self.reduced_checks.append(("analytics_by_detectionstrategy", S["detectionstrategies"],
                                    lambda sid: astore.get_analytics_by_detection_strategy(sid, remove_revoked_deprecated=True),
                                    lambda sid: m.get_analytics_by_detection_strategy(sid, remove_revoked_deprecated=True)))

        # ----- aliases (library: case-sensitive; see SEMANTICS.md) -----
        # Alias lookups scan the whole store per call; run the *same* library methods over a store that
        # holds only the object types those methods filter on (results are identical, 100x faster).
        self.alias_map("groups_by_alias", S["groups"], "aliases", ["intrusion-set"],
                       lambda mm, a: mm.get_groups_by_alias(a))
        self.alias_map("software_by_alias", S["software"], "x_mitre_aliases", ["malware", "tool"],
                       lambda mm, a: mm.get_software_by_alias(a))

        # ----- dates -----
        self.out["objects_created_after_2024-01-01"] = self.id_list(
            "objects_created_after_2024-01-01", m.get_objects_created_after(CREATED_AFTER, remove_revoked_deprecated=True))
        self.out["objects_modified_after_2025-01-01"] = self.id_list(
            "objects_modified_after_2025-01-01", m.get_objects_modified_after(MODIFIED_AFTER, remove_revoked_deprecated=True))

        # ----- revoked_by -----
        # get_revoking_object reads "revoked-by" relationships sourced at the object, then any object whose id is
        # a target of those; reduced store = revoked-by relationships + every non-relationship object.
        rstore = self.reduced([o for o in everything if o["type"] != "relationship" or o["relationship_type"] == "revoked-by"])
        res = {}
        revoked = m.src.query([Filter("revoked", "=", True)])
        for o in revoked:
            rb = rstore.get_revoking_object(o["id"])
            if rb is None:
                continue
            a, b = self.aid(o["id"]), self.aid(rb["id"])
            if a is None or b is None:
                self.meta_skipped["revoked_by"]["subjects"] += 1
                continue
            if a in res:
                self.meta_collisions["revoked_by"] += 1
                res[a].add(b)
            else:
                res[a] = {b}
        self.out["revoked_by"] = self.finish(res)
        self.reduced_checks.append(("revoked_by", revoked, rstore.get_revoking_object, m.get_revoking_object))

        if verify:
            self.verify_single_forms(rel_keys, sub)
        self.elapsed = time.time() - t0

    def alias_map(self, key, subjects, field, types, lookup):
        mm = self.reduced([o for o in self.mad.src.query([]) if o["type"] in types])
        aliases = sorted({a for o in subjects for a in (o.get(field) or [])})
        res = {}
        for a in aliases:
            self.put(key, res, a.lower(), [x["id"] for x in lookup(mm, a)])
        self.out[key] = self.finish(res)
        self.alias_checks.append((key, mm, lookup, aliases))

    @staticmethod
    def sample(items, n):
        items = sorted(items)
        return items[:: max(1, len(items) // n)][:n] if items else []

    def verify_single_forms(self, rel_keys, sub):
        """Spot checks: (1) 'all' forms vs single-object forms on a few subjects per key; (2) every reduced-store
        shortcut vs the same method on the full store for a few subjects."""
        bad = 0
        for key, (all_fn, subj, one_fn) in rel_keys.items():
            # single forms re-run get_related on every call when the cached map is empty: keep samples small
            n = 4 if all_fn() else 1
            with_answer = [s for s in sub[subj] if self.aid(s) in self.out[key]]
            for sid in self.sample(with_answer, n) + self.sample(set(sub[subj]) - set(with_answer), 1):
                ids = sorted({self.aid(e["object"]["id"]) for e in one_fn(sid)} - {None})
                if self.aid(sid) is not None and ids != self.out[key].get(self.aid(sid), []):
                    bad += 1
                    print(f"VERIFY {key}: single form disagrees for {sid}", file=sys.stderr)
        for key, subjects, fast_fn, full_fn in self.reduced_checks:
            for sid in self.sample([o["id"] for o in subjects], 3):
                norm = lambda r: sorted(x["id"] for x in (r if isinstance(r, list) else [r] if r else []))
                if norm(fast_fn(sid)) != norm(full_fn(sid)):
                    bad += 1
                    print(f"VERIFY {key}: reduced store disagrees with full store for {sid}", file=sys.stderr)
        for key, mm, lookup, sample in self.alias_checks:
            for alias in self.sample(sample, 4):
                if {x["id"] for x in lookup(mm, alias)} != {x["id"] for x in lookup(self.mad, alias)}:
                    bad += 1
                    print(f"VERIFY {key}: reduced store disagrees with full store for {alias!r}", file=sys.stderr)
        if bad:
            raise SystemExit(f"verification failed for {bad} checks")

    def meta(self):
        return {
            "bundle": self.path.split("/")[-1],
            "library": f"mitreattack-python {LIBRARY_VERSION}",
            "skipped_without_attack_id": {k: v for k, v in sorted(self.meta_skipped.items()) if v["subjects"] or v["related"]},
            "merged_duplicate_keys": {k: v for k, v in sorted(self.meta_collisions.items()) if v},
        }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bundle")
    ap.add_argument("out")
    ap.add_argument("--no-verify", action="store_true", help="skip all-form vs single-form verification")
    args = ap.parse_args()
    t0 = time.time()
    ans = Answers(args.bundle)
    t_load = time.time() - t0
    ans.compute(verify=not args.no_verify)
    doc = {"_meta": ans.meta()}
    doc.update(sorted(ans.out.items()))
    with open(args.out, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=False, ensure_ascii=False)
        f.write("\n")
    skipped = doc["_meta"]["skipped_without_attack_id"]
    print(f"{args.bundle}: {len(ans.out)} keys, load {t_load:.1f}s, answers {ans.elapsed:.1f}s; "
          f"skipped (no ATT&CK ID): {json.dumps(skipped) if skipped else 'none'}", file=sys.stderr)


if __name__ == "__main__":
    main()
