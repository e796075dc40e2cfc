#!/usr/bin/env python3
"""Walks the web app of a running `ttpkit serve` in headless Chromium (Playwright driving
Debian's /usr/bin/chromium; no browser download) as an analyst would, saving a screenshot of
each step into OUT_DIR:
  open the matrix -> search "APT29" -> open its matrix (its techniques highlighted; the count
  must equal ATT&CK's, 119 on Enterprise 18.1) -> open a cell's side panel -> open a layer file
  -> switch to ICS -> view the group report -> view the executive coverage report of the newest
  stored snapshot for APT29 -> APT29 over that snapshot (its techniques by Detected / Logged /
  Blind, counts equal to /api/gaps) -> a parent technique's panel rolling up APT29's
  sub-technique procedures -> search software and open its page -> the history page (dated
  axes, values on hover, the tables by keyboard; ICS apart) and the diff of its last two
  snapshots, a page at a time -> a form asking for an unknown group (a friendly page) ->
  /favicon.ico. Every page must carry the app's top bar and fit 1280 px.
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
    missing = []  # answers >= 400 for anything a page loaded (the icon included)
    page.on("response", lambda r: missing.append(f"{r.status} {r.url}") if r.status >= 400 and r.request.resource_type != "document" else None)

    def in_shell(what):
        check(page.locator("header.bar").count() == 1, f"{what} has the app's top bar")
        width = page.evaluate("document.documentElement.scrollWidth")
        check(width <= 1280, f"{what} fits 1280 px ({width} px wide)")

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
    in_shell("the group report")
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
        in_shell("the executive report")
        page.screenshot(path=f"{out}/8-executive-report.png", full_page=True)

        # APT29 over the snapshot: which of its techniques we catch, log, miss.
        page.goto(f"{base}/?domain=enterprise&groups=G0016&coverage={newest}")
        with urllib.request.urlopen(urllib.request.Request(f"{base}/api/gaps?coverage={newest}&groups=G0016", headers=auth)) as r:
            exposure = json.load(r)["exposure"][0]
        for state in ("detected", "logged", "blind"):
            shown_count = page.inner_text(f"#exposure-G0016-{state}")
            cells = set(page.eval_on_selector_all(f".matrix .cell.hl.{state}", "els => els.map(e => e.dataset.id)"))
            check(shown_count == str(exposure[state]) == str(len(cells)),
                  f"APT29's {state} techniques: page {shown_count}, /api/gaps {exposure[state]}, cells {len(cells)}")
        coloured_others = page.locator(".matrix .cell:not(.hl).detected, .matrix .cell:not(.hl).logged, .matrix .cell:not(.hl).blind").count()
        check(coloured_others == 0 and page.locator(".matrix .cell.other").count() > 100,
              f"techniques APT29 does not use are drawn plain ({coloured_others} coloured)")
        check(page.locator(".legend .cell.hl").count() == 0 and page.locator(".legend .cell.detected").count() == 1,
              "the legend shows the states of APT29's techniques, no 'used' swatch the matrix does not show")
        page.screenshot(path=f"{out}/11-apt29-over-coverage.png", full_page=True)

        # A parent technique's panel: APT29's procedures of its sub-techniques, each named.
        page.locator(".matrix .cell[data-id='T1059']").first.click()
        page.wait_for_selector("#panel:not([hidden]) .procedures")
        panel = page.inner_text("#panel")
        check("sub-technique T1059." in panel and "None recorded" not in panel.split("Mitigations")[0],
              "T1059's panel rolls up APT29's sub-technique procedures")
        page.screenshot(path=f"{out}/12-parent-panel.png")
        page.keyboard.press("Escape")
    # Software from the search results.
    page.goto(base + "/?domain=enterprise&q=Mimikatz")
    software = page.locator(".results a[href^='/ui/software/']", has_text="Mimikatz")
    check(software.count() >= 1, "searching Mimikatz links its software page")
    if software.count():
        with page.expect_navigation():
            software.first.click()
        check(page.locator("#software-groups li").count() > 5 and page.locator("#software-techniques li").count() > 5,
              "the software page lists the groups using it and its techniques")
        in_shell("the software page")
        page.screenshot(path=f"{out}/13-software.png", full_page=True)

    if len(snapshots) >= 2:
        page.goto(base + "/ui/history?domain=enterprise")
        check(page.locator(".chart").count() >= 10, "the history page draws a chart per tactic")
        axis = page.eval_on_selector_all(".chart text.axis", "els => els.map(e => e.textContent)")
        check(any(len(t) >= 5 and t[:2].isdigit() for t in axis), f"the charts have dated axes ({axis[:4]})")
        titles = page.eval_on_selector_all(".chart rect.hover title", "els => els.map(e => e.textContent)")
        check(len(titles) >= 20 and all("Detected" in t and "snapshot" in t for t in titles), f"each snapshot's values on hover ({titles[:1]})")
        captions = page.locator(".chart figcaption strong").all_inner_texts()
        check(captions and all(c[:1].isupper() and "-" not in c for c in captions), f"tactics by name only ({captions[:3]})")
        check(page.locator("#snapshots tbody tr").count() == len([s for s in snapshots if s["domain"] == "enterprise-attack"]),
              "the snapshot table lists the Enterprise snapshots with their labels")
        in_shell("the history page")
        page.screenshot(path=f"{out}/9-history.png", full_page=True)
        page.focus("#history-tables summary")
        page.keyboard.press("Enter")
        tables = page.locator("#history-tables table")
        check(tables.count() >= 10 and tables.first.is_visible(), "Enter on the summary shows the numbers as tables")
        page.screenshot(path=f"{out}/9b-history-tables.png")
        page.goto(base + "/ui/history?domain=ics")
        check(page.locator("#snapshots").count() == 0 and "No ICS" in page.inner_text("main"), "the ICS history holds no Enterprise snapshot")
        page.goto(base + "/ui/history?domain=enterprise")
        with page.expect_navigation():
            page.click("#diff-submit")
        summary = page.inner_text("#diff-summary")
        print(f"  diff: {summary}")
        check("Detected" in summary and page.locator("table.diff").count() >= 1, "the diff of the last two snapshots shows by tactic")
        in_shell("the diff page")
        page.screenshot(path=f"{out}/10-diff.png", full_page=True)
        if page.locator("#diff-next").count():
            rows = page.locator("#diff-changes tbody tr").count()
            with page.expect_navigation():
                page.click("#diff-next")
            caption = page.inner_text("#diff-changes caption")
            check(rows == 100 and "page 2 of" in caption, f"the diff is paged (100 rows, then {caption})")
            page.screenshot(path=f"{out}/10b-diff-page-2.png")

    # A form asking for a group that does not exist: a page, not raw JSON.
    page.goto(base + "/?domain=enterprise")
    page.fill("#groups", "No Such Group")
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    answer = navigation.value
    check(answer is not None and answer.status == 404 and "text/html" in answer.headers.get("content-type", ""),
          "an unknown group in the form answers a 404 HTML page")
    check("Not found" in page.inner_text("#error-title") and "No Such Group" in page.inner_text("#error-message"),
          "the error page says what was not found")
    in_shell("the error page")
    page.screenshot(path=f"{out}/14-error.png")

    with urllib.request.urlopen(base + "/favicon.ico") as r:
        icon = r.read()
        check(r.status == 200 and r.headers["Content-Type"] == "image/x-icon" and icon[:4] == b"\x00\x00\x01\x00", "/favicon.ico is an icon")
    check(not missing, f"nothing a page loaded failed ({missing[:3]})")

    check(not external, f"no request leaves the server ({external[:3]})")
    check(not errors, f"no script errors ({errors[:3]})")
    check(not blocked, f"no Content-Security-Policy violation ({blocked[:3]})")
    browser.close()

print(f"web walk: {'all steps passed' if not failures else str(len(failures)) + ' step(s) failed'}; screenshots in {out}")
sys.exit(1 if failures else 0)
