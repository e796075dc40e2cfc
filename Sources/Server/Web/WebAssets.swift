import Coverage
/// The web app's stylesheet and script, compiled into the binary (no CDN, no files to deploy).
enum WebAssets {
    static let css = """
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.4 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;background:#fff}
        a{color:#0550ae}
        .skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px;z-index:10}
        .bar{display:flex;flex-wrap:wrap;align-items:center;gap:8px 16px;padding:8px 16px;background:#f6f8fa;border-bottom:1px solid #d0d7de}
        .bar h1{font-size:18px;margin:0}.bar h1 a{color:#1f2328;text-decoration:none}
        .controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
        .controls label{display:flex;gap:4px;align-items:center;font-size:13px}
        input,select,button{font:inherit;color:#1f2328}
        input,select{border:1px solid #8c959f;border-radius:4px;padding:3px 6px;background:#fff}
        button{cursor:pointer}
        .controls button[type=submit]{background:#1f6feb;color:#fff;border:1px solid #1158c7;border-radius:4px;padding:4px 12px}
        .actions{display:flex;gap:12px;align-items:center;flex-wrap:wrap;font-size:13px}
        .upload input{font-size:12px;max-width:190px}
        :focus-visible{outline:3px solid #0969da;outline-offset:1px}
        main{padding:8px 16px}
        .summary{margin:6px 0}.legend{display:flex;gap:6px;flex-wrap:wrap;margin:4px 0 8px;font-size:12px}
        .legend .cell{display:inline-block;padding:2px 6px;width:auto}
        .meta{color:#57606a;font-size:12px}.none{color:#57606a}
        footer.provenance{padding:8px 16px;border-top:1px solid #d0d7de;overflow-wrap:anywhere}
        .results ul{columns:2;padding-left:18px}
        .link{background:none;border:none;color:#0550ae;text-decoration:underline;padding:0}
        .matrix{display:grid;grid-auto-flow:column;grid-auto-columns:minmax(0,1fr);gap:3px;padding-bottom:8px}
        .tactic h2{font-size:12px;margin:0 0 4px;overflow-wrap:anywhere;padding:4px;background:#24292f;color:#fff;border-radius:3px;min-height:40px}
        .tactic ul{list-style:none;margin:0;padding:0}.tactic li{margin:0 0 2px}
        .tactic ul.subs{margin:2px 0 2px 6px}
        .cell{display:block;width:100%;text-align:left;font-size:11px;line-height:1.25;padding:3px 4px;border:1px solid #d0d7de;border-radius:3px;background:#f6f8fa;color:#1f2328;overflow-wrap:anywhere}
        .cell .tid{font-weight:600}
        .cell.sub{font-size:10.5px}
        .cell.hl{background:#0b5cad;color:#fff;border-color:#0a4f94}
        .cell.hl2{background:#5a2d91;color:#fff;border-color:#4b2579}
        \(CoverageState.allCases.map { ".cell.\($0.rawValue){background:\($0.color);color:\($0.textColor);border-color:\($0.color)}" }.joined(separator: "\n"))
        .cell.gap{box-shadow:inset 0 0 0 3px #cf222e}
        .cell.uploaded{outline:3px dashed #8250df;outline-offset:-3px}
        .panel{position:fixed;top:0;right:0;width:440px;max-width:100%;height:100%;overflow-y:auto;background:#fff;border-left:2px solid #24292f;padding:16px 18px;box-shadow:-4px 0 12px rgba(0,0,0,.15);z-index:5}
        .panel h2{font-size:18px;margin:0 32px 6px 0}.panel h3{font-size:15px;margin:14px 0 4px}
        .panel .close{position:absolute;top:8px;right:10px;font-size:22px;background:#fff;border:1px solid #8c959f;border-radius:4px;width:34px;height:34px}
        .procedures li{margin-bottom:6px}.citations{font-size:12px}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:12px}
        .chart{margin:0}.chart figcaption{font-size:12px;margin-bottom:2px}.chart svg{width:100%;height:auto}
        .diff-form{margin:8px 0}
        table.diff{border-collapse:collapse;margin:10px 0;font-size:13px;max-width:100%}
        table.diff caption{text-align:left;font-weight:600;padding:4px 0}
        table.diff th,table.diff td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}
        table.diff thead th{background:#f6f8fa}
        td.gained{color:#116329;font-weight:600}td.lost{color:#a40e26;font-weight:600}
        @media print{.bar,.panel{display:none}}
        """

    static let javascript = """
        "use strict";
        (function () {
          var body = document.body;
          var panel = document.getElementById("panel");
          var panelBody = document.getElementById("panel-body");
          var opener = null;
          function query(extra) {
            var p = new URLSearchParams();
            p.set("domain", body.dataset.domain || "");
            p.set("version", body.dataset.version || "");
            if (body.dataset.groups) p.set("groups", body.dataset.groups);
            if (body.dataset.coverage) p.set("coverage", body.dataset.coverage);
            return p.toString() + (extra || "");
          }
          function closePanel() {
            if (!panel || panel.hidden) return;
            panel.hidden = true;
            if (opener) opener.focus();
          }
          function openPanel(id, from) {
            opener = from;
            fetch("/ui/panel/" + encodeURIComponent(id) + "?" + query(), {headers: {"Accept": "text/html"}})
              .then(function (r) { return r.text().then(function (t) { return {ok: r.ok, text: t}; }); })
              .then(function (res) {
                if (res.ok) { panelBody.innerHTML = res.text; } else { panelBody.textContent = "Could not load " + id + "."; }
                panel.hidden = false;
                panel.focus();
              });
          }
          document.addEventListener("click", function (e) {
            var target = e.target.closest("[data-id]");
            if (target && target.tagName === "BUTTON") { openPanel(target.dataset.id, target); }
          });
          var close = document.getElementById("panel-close");
          if (close) close.addEventListener("click", closePanel);
          document.addEventListener("keydown", function (e) { if (e.key === "Escape") closePanel(); });
          var domain = document.getElementById("domain");
          if (domain) domain.addEventListener("change", function () {
            window.location.href = "/?domain=" + encodeURIComponent(domain.value);
          });
          var version = document.getElementById("version");
          if (version) version.addEventListener("change", function () { version.form.submit(); });
          var file = document.getElementById("layer-file");
          var summary = document.getElementById("summary");
          if (file) file.addEventListener("change", function () {
            var f = file.files && file.files[0];
            if (!f) return;
            f.text().then(function (text) {
              return fetch("/ui/layer-techniques?name=" + encodeURIComponent(f.name), {method: "POST", body: text, headers: {"Content-Type": "application/json"}});
            }).then(function (r) {
              return r.json().then(function (j) { return {ok: r.ok, json: j}; });
            }).then(function (res) {
              if (!res.ok) { summary.textContent = "Layer not opened: " + (res.json.error ? res.json.error.message : "error"); return; }
              var ids = new Set(res.json.techniques);
              var shown = 0;
              document.querySelectorAll(".matrix .cell").forEach(function (c) {
                var on = ids.has(c.dataset.id);
                c.classList.toggle("uploaded", on);
                if (on) shown++;
              });
              summary.textContent = "Opened layer \\u201c" + res.json.name + "\\u201d: " + ids.size + " techniques (" + shown + " cells outlined).";
            }).catch(function () { summary.textContent = "Layer not opened: the server did not answer."; });
          });
        })();
        """
}
