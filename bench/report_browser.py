"""The overview page in a real browser: headless Chromium renders it without console errors, its script
sorts, filters and opens the evidence a link points at, and it prints; optionally a screenshot.

    python bench/report_browser.py [PAGE.html] [--screenshot docs/report-overview.png] [--pdf PAGE.pdf]

Without PAGE the samples' page is built first (`kvcli report samples/ -o TMP/översikt.html`). Needs
Chromium from the distribution's packages (`apt-get install chromium`), on demand and not in CI: without
it the script says so and exits 0. Every browser command it runs is printed, to be repeated by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Appended to a copy of the page: drives the page's own script the way a reader would, and logs the outcome.
PROBE = """<script>
(function () {
  var t = document.getElementById("heatmap"), body = t.tBodies[0], out = {};
  var head = t.tHead.rows[0].cells, col = 1;
  var values = function (c) { return Array.prototype.map.call(body.rows, function (r) {
    return parseFloat(r.cells[c].getAttribute("data-sort")); }); };
  for (var c = 1; c < head.length; c++) {  // a column whose verdicts differ, so sorting shows
    if (head[c].hasAttribute("data-concept") && Math.min.apply(null, values(c)) < Math.max.apply(null, values(c))) {
      col = c; break;
    }
  }
  head[col].querySelector("button").click();
  out.sortedFirst = body.rows[0].cells[col].getAttribute("data-sort");
  out.lowest = Math.min.apply(null, values(col));
  out.ariaSort = head[col].getAttribute("aria-sort");
  var unit = document.getElementById("filter-unit");
  unit.value = unit.options[unit.options.length - 1].value;
  unit.dispatchEvent(new Event("change"));
  out.unit = unit.value;
  out.visibleRows = Array.prototype.filter.call(body.rows, function (r) { return !r.hidden; }).map(function (r) {
    return r.getAttribute("data-unit"); });
  out.visibleReports = Array.prototype.filter.call(document.querySelectorAll("section.report"), function (s) {
    return !s.hidden; }).length;
  var target = body.rows[0].cells[col].querySelector("a").getAttribute("href");
  window.location.hash = target;
  setTimeout(function () {
    var el = document.getElementById(target.slice(1));
    while (el && el.tagName !== "DETAILS") { el = el.parentElement; }
    out.detailsOpened = !!(el && el.open);
    console.log("PROBE " + JSON.stringify(out));
  }, 200);
})();
</script></body>"""


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def browser(binary: str, *args: str) -> subprocess.CompletedProcess[str]:
    sandbox = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []  # root cannot sandbox
    cmd = [binary, "--headless", "--disable-gpu", *sandbox, *args]
    print("$ " + shlex.join(cmd))
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180)


def console(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("page", nargs="?", type=Path)
    ap.add_argument("--screenshot", type=Path)
    ap.add_argument(
        "--pdf", type=Path, help="Also print the page to this PDF (the print stylesheet at work)."
    )
    ap.add_argument("--window", default="1280,1400", help="Screenshot size, WIDTH,HEIGHT in CSS pixels.")
    a = ap.parse_args()
    binary = chromium()
    if binary is None:
        print("Chromium not found (apt-get install chromium); nothing checked.")
        return
    with tempfile.TemporaryDirectory(prefix="kvcli-browser-") as tmp:
        page = a.page
        if page is None:
            page = Path(tmp) / "översikt.html"
            cmd = [sys.executable, "-m", "kvcli", "report", "samples/", "-o", str(page)]
            print("$ " + shlex.join(cmd))
            subprocess.run(cmd, check=True, cwd=ROOT)
        page = page.resolve()
        failures = []

        plain = browser(binary, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000", "--dump-dom",
                        page.as_uri())  # fmt: skip
        if console(plain.stderr):
            failures.append("console output while loading:\n  " + "\n  ".join(console(plain.stderr)))
        if 'id="filter-unit"' not in plain.stdout:
            failures.append("the script did not build the unit/year filter")

        probed = Path(tmp) / "probe.html"
        probed.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE, 1), encoding="utf-8")
        run = browser(binary, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000", "--dump-dom",
                      probed.as_uri())  # fmt: skip
        lines = console(run.stderr)
        found = [json.loads(m.group(1)) for line in lines if (m := re.search(r'"PROBE (\{.*\})"', line))]
        others = [line for line in lines if "PROBE" not in line]
        if others:
            failures.append("console output while sorting/filtering:\n  " + "\n  ".join(others))
        if not found:
            failures.append("the probe reported nothing")
        else:
            r = found[0]
            print(f"probe: {r}")
            if float(r["sortedFirst"]) != r["lowest"] or r["ariaSort"] != "ascending":
                failures.append("sorting a verdict column did not put the weakest verdict first")
            if not r["visibleRows"] or any(u != r["unit"] for u in r["visibleRows"]):
                failures.append("the unit filter did not leave only that unit's rows")
            if r["visibleReports"] != len(r["visibleRows"]):
                failures.append("the unit filter did not hide the other units' findings")
            if not r["detailsOpened"]:
                failures.append("a cell's link did not open the report's evidence list")

        if a.pdf:
            printed = browser(
                binary, "--no-pdf-header-footer", f"--print-to-pdf={a.pdf.resolve()}", page.as_uri()
            )
            if not a.pdf.exists() or a.pdf.stat().st_size == 0:
                failures.append(f"printing to PDF failed: {printed.stderr[-300:]}")
            else:
                print(f"printed: {a.pdf} ({a.pdf.stat().st_size // 1024} kB)")
        if a.screenshot:
            a.screenshot.parent.mkdir(parents=True, exist_ok=True)
            browser(binary, "--hide-scrollbars", f"--window-size={a.window}", f"--screenshot={a.screenshot.resolve()}",
                    page.as_uri())  # fmt: skip
            print(f"screenshot: {a.screenshot}")
        if failures:
            print("FAILED:\n" + "\n".join(failures))
            sys.exit(1)
        print("ok: rendered without console output; sorting, filtering and evidence links work")


if __name__ == "__main__":
    main()
