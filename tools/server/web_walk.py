#!/usr/bin/env python3
"""Walks the web app of a running `ttpkit serve` in headless Chromium (Playwright driving
Debian's /usr/bin/chromium; no browser download) as an analyst would, saving a screenshot of
each step into OUT_DIR:
  open the matrix -> search "APT29" -> open its matrix (its techniques highlighted; the count
  must equal ATT&CK's, 119 on Enterprise 18.1) -> open a cell's side panel -> open a layer file
  -> switch to ICS -> view the group report -> view the executive coverage report of the newest
  stored snapshot for APT29 -> the history page and the diff of its last two snapshots.
The executive report and diff steps need two snapshots in the history (check.sh pushes them).
When the server protects coverage reads, $TTPKIT_READ_TOKEN holds a token that reads: the
browser then answers the server's basic-auth challenge with it, as an analyst would.
  web_walk.py BASE_URL OUT_DIR [EXPECTED_APT29_TECHNIQUES]
Exits 1 when a step does not show what it should."""
import base64
import json
import os
import sys
import urllib.error
import urllib.request

from playwright.sync_api import sync_playwright

base, out = sys.argv[1].rstrip("/"), sys.argv[2]
expected = int(sys.argv[3]) if len(sys.argv) > 3 else None
os.makedirs(out, exist_ok=True)
failures = []
token = os.environ.get("TTPKIT_READ_TOKEN")
credentials = {"username": "analyst", "password": token} if token else None
auth = {"Authorization": "Basic " + base64.b64encode(f"analyst:{token}".encode()).decode()} if token else {}


def check(ok, what):
    print(("  ok   " if ok else "  FAIL ") + what)
    if not ok:
        failures.append(what)


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 1280, "height": 900}, http_credentials=credentials)
    external = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(base) else None)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    blocked = []  # Content-Security-Policy violations reported on the console
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)

    page.goto(base + "/?domain=enterprise")
    check(page.locator(".matrix .tactic").count() >= 10, "the Enterprise matrix shows its tactics")
    page.screenshot(path=f"{out}/1-matrix.png")

    page.fill("#q", "APT29")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    link = page.locator(".results a", has_text="G0016")
    check(link.count() == 1, 'searching "APT29" lists group G0016')
    page.screenshot(path=f"{out}/2-search.png")
    with page.expect_navigation():
        link.first.click()
    ids = set(page.eval_on_selector_all(".matrix .cell.hl", "els => els.map(e => e.dataset.id)"))
    shown = page.inner_text("#highlight-count")
    print(f"  APT29: {len(ids)} techniques highlighted, page says {shown}")
    check(str(len(ids)) == shown, "every technique the page counts is highlighted in the matrix")
    if expected is not None:
        check(len(ids) == expected, f"APT29 has {expected} techniques highlighted")
    with urllib.request.urlopen(base + "/api/groups/G0016") as r:
        api_group = json.load(r)
    check(shown == str(len(api_group["techniques"])), f"the page counts as many APT29 techniques as /api/groups/G0016 ({len(api_group['techniques'])})")
    footer = page.inner_text("footer.provenance")
    check("enterprise-attack-18.1.json" in footer and "sha256:" in footer, f"the page names the data it answered from ({footer[:80]})")
    page.screenshot(path=f"{out}/3-apt29.png", full_page=True)

    page.locator(".matrix .cell.hl").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel:not([hidden])")
    check("Procedures" in page.inner_text("#panel"), "Enter on a cell opens its side panel with procedures")
    page.screenshot(path=f"{out}/4-panel.png")
    page.keyboard.press("Escape")
    check(page.locator("#panel").is_hidden(), "Escape closes the panel")

    layer_path = os.path.join(out, "apt28-layer.json")
    with urllib.request.urlopen(base + "/ui/layer.json?domain=enterprise&groups=APT28") as r, open(layer_path, "wb") as f:
        f.write(r.read())
    page.set_input_files("#layer-file", layer_path)
    page.wait_for_selector("#summary:has-text('Opened layer')")
    check(page.locator(".matrix .cell.uploaded").count() > 10, "opening a layer outlines its techniques")
    page.screenshot(path=f"{out}/5-layer.png")

    with page.expect_navigation():
        page.select_option("#domain", "ics")
    check("ICS ATT&CK" in page.inner_text("#summary"), "the domain switcher shows the ICS matrix")
    page.screenshot(path=f"{out}/6-ics.png")

    page.goto(base + "/?domain=enterprise&groups=G0016")
    with page.expect_navigation():
        page.click("#report-link")
    check("APT29" in page.content(), "the report of APT29 opens")
    page.screenshot(path=f"{out}/7-report.png")

    if token:
        try:
            anonymous = urllib.request.urlopen(base + "/api/coverage/history").status
        except urllib.error.HTTPError as e:
            anonymous = e.code
        check(anonymous == 401, f"the history needs a token ({anonymous} without one)")
    with urllib.request.urlopen(urllib.request.Request(base + "/api/coverage/history", headers=auth)) as r:
        snapshots = json.load(r)["snapshots"]
    check(len(snapshots) >= 2, f"the history holds two snapshots ({len(snapshots)})")
    if snapshots:
        newest = snapshots[-1]["id"]
        page.goto(f"{base}/?domain=enterprise&groups=G0016&coverage={newest}")
        with urllib.request.urlopen(urllib.request.Request(f"{base}/api/gaps?coverage={newest}&groups=G0016", headers=auth)) as r:
            api_coverage = json.load(r)["coverage"]
        for state in ("detected", "logged", "blind"):
            shown_count = page.inner_text(f"#count-{state}")
            check(shown_count == str(api_coverage[state]), f"the page's {state} count equals /api/gaps ({shown_count} vs {api_coverage[state]})")
        with page.expect_navigation():
            page.click("#executive-link")
        text = page.inner_text("body")
        check("Detection coverage report" in text and "APT29" in text, "the executive report of the snapshot for APT29 opens")
        check("Answered from" in text, "the executive report names the data it answered from")
        check(page.locator("svg").count() >= 1, "the executive report draws its figures")
        check(not blocked, f"the report page loads under its Content-Security-Policy ({blocked[:2]})")
        page.screenshot(path=f"{out}/8-executive-report.png", full_page=True)
    if len(snapshots) >= 2:
        page.goto(base + "/ui/history?domain=enterprise")
        check(page.locator(".chart").count() >= 10, "the history page draws a chart per tactic")
        page.screenshot(path=f"{out}/9-history.png", full_page=True)
        with page.expect_navigation():
            page.click("#diff-submit")
        summary = page.inner_text("#diff-summary")
        print(f"  diff: {summary}")
        check("Detected" in summary and page.locator("table.diff").count() >= 1, "the diff of the last two snapshots shows by tactic")
        page.screenshot(path=f"{out}/10-diff.png", full_page=True)

    check(not external, f"no request leaves the server ({external[:3]})")
    check(not errors, f"no script errors ({errors[:3]})")
    check(not blocked, f"no Content-Security-Policy violation ({blocked[:3]})")
    browser.close()

print(f"web walk: {'all steps passed' if not failures else str(len(failures)) + ' step(s) failed'}; screenshots in {out}")
sys.exit(1 if failures else 0)
