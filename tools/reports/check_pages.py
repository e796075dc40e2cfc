#!/usr/bin/env python3
"""Opens heatmap pages in headless Chromium (Playwright driving the system /usr/bin/chromium,
no browser download) and checks what a reader sees:
  - no horizontal scroll at each width, every tactic column inside the window;
  - the contrast of every coloured cell's text (and legend letters) is at least 4.5:1, computed
    from the DOM's computed colours;
  - the legend has an entry for every encoding the cells use (colour or gradient, comment and
    link borders, bold, disabled, sub-technique buttons, scores, aggregates, letters);
  - the +/- handles are buttons (keyboard-reachable) and expand-all / collapse-all work.
Screenshots go beside the pages (NAME-WIDTH.png); their paths are printed.
usage: check_pages.py PAGE.html[:COLUMNS] ...   (exit 1 on any failure)"""
import json, os, sys
from playwright.sync_api import sync_playwright

WIDTHS = (1280, 1600)
# Words that do not fit their cell (the page wraps them mid-word rather than overflow): measured
# with wrapping at spaces only.
BROKEN = r"""() => {
 const els = [...document.querySelectorAll('.cell, .tactic-head')].filter(e => e.getBoundingClientRect().width > 0);
 els.forEach(e => e.style.overflowWrap = 'normal');
 const broken = els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.getAttribute('data-id') || e.textContent.trim().slice(0, 20));
 els.forEach(e => e.style.overflowWrap = '');
 return broken;
}"""
JS = r"""() => {
 const rgb = c => { const m = c.match(/[\d.]+/g); if (!m) return null; return {r:+m[0], g:+m[1], b:+m[2], a: m.length > 3 ? +m[3] : 1}; };
 const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
   return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
 const bgOf = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
   if (c && c.a >= 0.5) return c; } return {r:255, g:255, b:255, a:1}; };
 const ratio = el => { const fg = rgb(getComputedStyle(el).color), bg = bgOf(el); const a = lum(fg), b = lum(bg);
   return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
 const visible = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
   return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
 let worst = 99, where = '', checked = 0;
 for (const el of document.querySelectorAll('.cell, .cell span, .legend .sw')) {
   if (!visible(el)) continue;
   const own = [...el.childNodes].some(t => t.nodeType === 3 && t.textContent.trim().length > 0);
   if (!own) continue;
   checked++; const r = ratio(el);
   if (r < worst) { worst = r; where = (el.closest('.cell') || el).getAttribute('data-id') + ' "' + el.textContent.trim().slice(0, 30) + '" ' + getComputedStyle(el).color + ' on ' + JSON.stringify(bgOf(el)); }
 }
 const cells = [...document.querySelectorAll('.cell')].filter(visible);
 const used = new Set();
 for (const c of cells) {
   const bg = rgb(getComputedStyle(c).backgroundColor);
   if (bg && bg.a >= 0.5 && !(bg.r === 255 && bg.g === 255 && bg.b === 255) && !c.classList.contains('disabled')) used.add('fill');
   if (c.classList.contains('has-comment')) used.add('comment');
   if (c.classList.contains('has-links')) used.add('links');
   if (c.classList.contains('disabled')) used.add('disabled');
   if (c.querySelector('.toggle')) used.add('subtechniques');
   const s = c.querySelector('.score'); if (s && visible(s)) used.add('score');
   if (c.querySelector('.aggregate')) used.add('aggregate');
   if (c.querySelector('.key')) used.add('key');
 }
 const legend = new Set([...document.querySelectorAll('.legend [data-encoding]')].map(e => e.getAttribute('data-encoding')));
 const missing = [...used].filter(u => u === 'fill' ? !(legend.has('color') || legend.has('gradient')) : !legend.has(u));
 const toggles = [...document.querySelectorAll('.toggle')];
 const tactics = [...document.querySelectorAll('.tactic')];
 const outside = tactics.filter(t => t.getBoundingClientRect().right > window.innerWidth + 0.5).length;
 return {scroll_width: document.documentElement.scrollWidth, inner_width: window.innerWidth, tactics: tactics.length,
   tactics_outside: outside, cells_checked: checked, min_contrast: Math.round(worst * 100) / 100, worst: where,
   encodings_used: [...used].sort(), legend: [...legend].sort(), legend_missing: missing,
   toggles: toggles.length, toggles_not_buttons: toggles.filter(t => t.tagName !== 'BUTTON').length};
}"""

def main(args):
    failures = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"])
        for arg in args:
            path, _, cols = arg.partition(":")
            name = os.path.splitext(os.path.basename(path))[0]
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 1000})
                external = []
                page.on("request", lambda r: external.append(r.url) if r.url.startswith("http") else None)
                page.goto("file://" + os.path.abspath(path))
                res = page.evaluate(JS)
                broken = page.evaluate(BROKEN)
                shot = os.path.join(os.path.dirname(os.path.abspath(path)), f"{name}-{width}.png")
                page.screenshot(path=shot)
                page.screenshot(path=shot.replace(".png", "-full.png"), full_page=True)
                checks = {
                    "no horizontal scroll": res["scroll_width"] <= res["inner_width"],
                    "every tactic column visible": res["tactics_outside"] == 0 and (not cols or res["tactics"] == int(cols)),
                    "contrast >= 4.5:1": res["min_contrast"] >= 4.5,
                    "legend names every encoding": not res["legend_missing"],
                    "+/- handles are buttons": res["toggles_not_buttons"] == 0,
                    "no word cut to fit a column": not broken,
                    "no external requests": not external,
                }
                if width == WIDTHS[-1] and res["toggles"]:
                    page.click("#expand-all")
                    hidden = page.evaluate("() => [...document.querySelectorAll('.subs')].filter(s => getComputedStyle(s).display === 'none').length")
                    page.click("#collapse-all")
                    shown = page.evaluate("() => [...document.querySelectorAll('.subs')].filter(s => getComputedStyle(s).display !== 'none').length")
                    page.focus(".toggle")
                    checks["expand-all opens, collapse-all closes, a handle takes focus"] = hidden == 0 and shown == 0 and page.evaluate(
                        "() => document.activeElement.classList.contains('toggle')")
                for k, v in checks.items():
                    print(("ok   " if v else "FAIL ") + f"{name} @{width}px: {k}")
                    failures += 0 if v else 1
                print(f"     {name} @{width}px: scrollWidth {res['scroll_width']}/{res['inner_width']}, {res['tactics']} tactic columns, "
                      f"min contrast {res['min_contrast']} over {res['cells_checked']} text elements (worst: {res['worst']}), "
                      f"encodings {res['encodings_used']} / legend {res['legend']}"
                      + (f"; words cut in {len(broken)} cells, e.g. {broken[:5]}" if broken else ""))
                print(f"     screenshot: {shot}")
                page.close()
        browser.close()
    return 1 if failures else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
