#!/usr/bin/env python3
"""Loads every generated layer with mitreattack-python's navlayers.Layer (strict mode) and
checks its techniques equal the IDs the Swift side wrote; checks the XLSX with openpyxl.
Usage: check_layers.py SAMPLES_DIR   (exit 1 on any failure)"""
import contextlib, glob, io, json, os, sys

from mitreattack.navlayers import Layer
import openpyxl

d = sys.argv[1]
failures = 0
expected = json.load(open(os.path.join(d, "expected-techniques.json.txt")))
for path in sorted(glob.glob(os.path.join(d, "*.json"))):
    name = os.path.basename(path)[:-5]
    try:
        raw = json.load(open(path, encoding="utf-8"))
        layers = raw if isinstance(raw, list) else [raw]
        for item in layers:
            layer = Layer()
            complaints = io.StringIO()
            with contextlib.redirect_stdout(complaints):
                layer.from_dict(item)
            if complaints.getvalue().strip():
                raise AssertionError("mitreattack-python complained: " + complaints.getvalue().strip().splitlines()[0])
            got = sorted({t.techniqueID for t in layer.layer.techniques})
            if name in expected and got != expected[name]:
                raise AssertionError(f"techniques differ: {len(got)} vs {len(expected[name])}")
            if any(t.tactic is None or t.tactic == "" for t in layer.layer.techniques):
                raise AssertionError("a technique entry has no tactic")
        if not isinstance(raw, list):
            with contextlib.redirect_stdout(io.StringIO()):
                Layer().from_file(path)
        print(f"ok   layer {name}: {sum(len(l.get('techniques', [])) for l in layers)} entries")
    except Exception as e:  # noqa: BLE001
        failures += 1
        print(f"FAIL layer {name}: {type(e).__name__}: {e}")

xlsx = os.path.join(d, "layers.xlsx")
try:
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames[-1] == "Legend" and len(wb.sheetnames) == 3, wb.sheetnames
    ws = wb[wb.sheetnames[1]]
    header = [c.value for c in ws[4]]
    assert header[0] == "Reconnaissance" and "Impact" in header, header
    filled = [c for row in ws.iter_rows(min_row=5) for c in row if c.fill is not None and c.fill.fgColor is not None and c.fill.fill_type == "solid"]
    names = {c.value.split(" ", 1)[1] for row in ws.iter_rows(min_row=5) for c in row if isinstance(c.value, str) and " " in c.value}
    assert "Phishing" in names and "PowerShell" in names, "expected technique names missing"
    assert filled, "no coloured cells"
    print(f"ok   xlsx: sheets {wb.sheetnames}, {len(header)} header cells, {len(names)} names, {len(filled)} coloured cells (e.g. {filled[0].value} = {filled[0].fill.fgColor.rgb})")
except Exception as e:  # noqa: BLE001
    failures += 1
    print(f"FAIL xlsx: {type(e).__name__}: {e}")
sys.exit(1 if failures else 0)
