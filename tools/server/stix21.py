"""MITRE's STIX 2.0 -> 2.1 conversion of one ATT&CK object, as the server applies it: spec_version
"2.1" on every object; malware gets is_family true and loses labels. Shared by the server checks."""


def as21(o):
    o = dict(o)
    if "spec_version" not in o:
        o["spec_version"] = "2.1"
        if o.get("type") == "malware":
            o.pop("labels", None)
            o.setdefault("is_family", True)
    return o
