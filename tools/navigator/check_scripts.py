"""Loads ttpkit's HTML and SVG renderings of a hostile layer and bundle in headless Chromium
and fails if any injected markup ran: the payloads mark <body> (attribute `x` from the issue's
reproducer ID, `pwned` from every other field) when they execute, and javascript: links are
clicked. The heatmap's own script must still run under its Content-Security-Policy hash (the
tooltip appears on hover). The Markdown rendering is turned into HTML by markdown-it (raw HTML
allowed, as GitHub-like viewers do) with no CSP at all, so only escaping protects it.

Usage: check_scripts.py SAMPLES_DIR   (exit 1 on failure)
"""
import pathlib
import shutil
import sys

from markdown_it import MarkdownIt
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def main(directory):
    d = pathlib.Path(directory)
    md = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")
    (d / "hostile.md.html").write_text("<!DOCTYPE html><html><body>" + md.render((d / "hostile.md").read_text()) + "</body></html>")
    failures = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        for name in ["hostile.html", "hostile.svg", "hostile.md.html", "overlap.html"]:
            page = browser.new_page()
            dialogs, violations = [], []
            page.on("dialog", lambda dialog, dialogs=dialogs: (dialogs.append(dialog.message), dialog.dismiss()))
            page.on("console", lambda msg, violations=violations: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
            page.goto((d / name).resolve().as_uri())
            page.wait_for_timeout(300)
            for cell in page.query_selector_all(".cell")[:40]:
                cell.dispatch_event("mouseover")
            for link in page.query_selector_all("a[href]"):
                try:
                    link.click(timeout=500)
                except Exception:
                    pass
            page.wait_for_timeout(200)
            marks = page.evaluate("() => document.body ? [document.body.getAttribute('x'), document.body.getAttribute('pwned')] : [null, null]")
            ran = [m for m in marks if m is not None] + dialogs
            ok = not ran
            print(("ok   " if ok else "FAIL ") + f"scripts: {name}: " + ("no injected script ran" if ok else f"injected script ran: {ran}"))
            if violations:
                print(f"     scripts: {name}: the policy blocked {len(violations)} thing(s): {violations[0][:160]}")
            if not ok:
                failures.append(name)
            if name.endswith(".html") and name != "hostile.md.html":
                page.dispatch_event(".cell.annotated", "mouseover")
                shown = page.evaluate("() => getComputedStyle(document.getElementById('tooltip')).display")
                tip = page.evaluate("() => document.getElementById('tooltip').textContent")
                ok = shown == "block" and len(tip) > 0
                print(("ok   " if ok else "FAIL ") + f"scripts: {name}: the page's own script runs under its policy (tooltip {shown!r})")
                if not ok:
                    failures.append(name + " tooltip")
            page.close()
        browser.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
