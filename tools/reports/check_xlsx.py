#!/usr/bin/env python3
"""Reads ttpkit's XLSX renderings with openpyxl and checks what a spreadsheet reader gets:
technique ID and name in the cells, numeric scores, comments as notes, hyperlinks to the ATT&CK
pages, a Legend sheet naming the colours, the title and description above the matrix.
usage: check_xlsx.py FILE.xlsx ...   (exit 1 on any failure)"""
import re, sys
import openpyxl

ID = re.compile(r"^T\d{4}(\.\d{3})? \S")

def check(path):
    wb = openpyxl.load_workbook(path)
    sheet = wb[wb.sheetnames[0]]
    cells = [c for row in sheet.iter_rows(min_row=5) for c in row if c.value is not None]
    named = [c for c in cells if isinstance(c.value, str) and ID.match(c.value)]
    scores = [c for c in cells if isinstance(c.value, (int, float))]
    notes = [c for c in named if c.comment is not None and c.comment.text.strip()]
    links = [c for c in named if c.hyperlink is not None and (c.hyperlink.target or "").startswith("https://attack.mitre.org/")]
    header = [c.value for c in sheet[4] if c.value]
    legend = wb["Legend"] if "Legend" in wb.sheetnames else None
    legend_rows = [[c.value for c in row] for row in legend.iter_rows()] if legend else []
    coloured_legend = [row for row in legend.iter_rows() if row[0].fill is not None and row[0].fill.fill_type == "solid"] if legend else []
    checks = {
        "title and description above the matrix": bool(sheet["A1"].value) and bool(sheet["A2"].value),
        "tactic header (Reconnaissance … Impact)": "Reconnaissance" in header and "Impact" in header,
        "cells hold 'T#### name'": len(named) > 10,
        "numeric scores": len(scores) > 10,
        "comments as notes": len(notes) > 0,
        "hyperlinks to attack.mitre.org": len(links) == len(named),
        "legend sheet with coloured entries": legend is not None and len(coloured_legend) > 0,
    }
    failed = 0
    for k, v in checks.items():
        print(("ok   " if v else "FAIL ") + f"xlsx {path.rsplit('/', 1)[-1]}: {k}")
        failed += 0 if v else 1
    example = named[0] if named else None
    print(f"     sheets {wb.sheetnames}; {len(named)} technique cells, {len(scores)} scores, {len(notes)} notes, {len(links)} links"
          + (f"; e.g. {example.coordinate} '{example.value}' → {example.hyperlink.target if example.hyperlink else None}" if example else "")
          + f"; legend: {[r[1] for r in legend_rows if len(r) > 1 and r[1]][:4]}")
    return failed

sys.exit(1 if sum(check(p) for p in sys.argv[1:]) else 0)
