#!/usr/bin/env python3
"""Reads every TAXII collection of a running `ttpkit serve` with real clients and compares
each object with the bundle file it came from.

  taxii_roundtrip.py BASE_URL BUNDLE...        e.g. http://127.0.0.1:8080 ics-attack-18.1.json

- OASIS taxii2-client 2.x: discovery -> API root -> collections; every collection paged with
  as_pages (limit/next); each object must equal the bundle's object as MITRE converts 2.0 to 2.1
  (spec_version "2.1" on every object; malware: is_family true, no labels).
- attackcti: its own TAXII loader (create_taxii_sources) pointed at this server's collections
  URL (the host is the only change from MITRE's server); stix2's TAXIICollectionSource.query()
  must return every object id of each domain's newest bundle.
Prints one line per collection and exits 1 on any difference.
"""
import json
import sys

from taxii2client.v21 import Server, as_pages

from stix21 import as21


def load_bundles(paths):
    by_key = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            bundle = json.load(f)
        objects = bundle["objects"]
        coll = next((o for o in objects if o["type"] == "x-mitre-collection"), None)
        domain = next(d for o in objects for d in o.get("x_mitre_domains", [])[:1])
        version = coll["x_mitre_version"] if coll else path.rsplit("-", 1)[-1].removesuffix(".json")
        by_key[(domain, version)] = {o["id"]: as21(o) for o in objects}
    return by_key


def main():
    base, paths = sys.argv[1].rstrip("/"), sys.argv[2:]
    bundles = load_bundles(paths)
    failures = 0
    server = Server(base + "/taxii2/")
    api_root = server.default
    print(f"taxii2-client: {server.title}; API root {api_root.url}: {len(api_root.collections)} collections")
    newest = {}
    for coll in api_root.collections:
        domain, _, version = coll.alias.rpartition("-") if coll.alias.count("-") > 1 else (coll.alias, "", "")
        key = next((k for k in bundles if k[0] == domain and k[1] == version), None)
        if key is None:  # the domain's collection: its newest release
            same = [k for k in bundles if k[0] == coll.alias]
            key = max(same, key=lambda k: tuple(int(x) for x in k[1].split("."))) if same else None
            newest[coll.alias] = (coll.id, key)
        if key is None:
            print(f"  {coll.id} {coll.title}: no bundle given for it, skipped")
            continue
        expected = bundles[key]
        got = {}
        pages = 0
        for envelope in as_pages(coll.get_objects, per_request=1000):
            pages += 1
            for o in envelope.get("objects", []):
                got[o["id"]] = o
        missing = set(expected) - set(got)
        extra = set(got) - set(expected)
        different = [i for i in set(expected) & set(got) if expected[i] != got[i]]
        ok = not missing and not extra and not different
        failures += 0 if ok else 1
        print(f"  {'ok ' if ok else 'BAD'} {coll.title} ({coll.id}): {len(got)} objects in {pages} pages; "
              f"missing {len(missing)}, extra {len(extra)}, different {len(different)}"
              + (f" e.g. {sorted(missing | extra | set(different))[:3]}" if not ok else ""))

    from attackcti.sources.taxii_loader import create_taxii_sources
    sources = dict(zip(["enterprise-attack", "mobile-attack", "ics-attack"],
                       create_taxii_sources(collection_url=base + "/api/v21/collections/")))
    for domain, (coll_id, key) in newest.items():
        ids = {o["id"] for o in sources[domain].query()}
        expected = set(bundles[key])
        ok = ids == expected
        failures += 0 if ok else 1
        print(f"  {'ok ' if ok else 'BAD'} attackcti {domain} {key[1]}: {len(ids)} objects; "
              f"missing {len(expected - ids)}, extra {len(ids - expected)}")
    print(f"taxii round trip: {'all collections equal their bundles' if failures == 0 else f'{failures} collection(s) differ'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
