#!/usr/bin/env python3
"""Opens Hotpath sites in headless Chromium from file:// and checks what a reader would notice.

Usage: site_test.py SITE_DIR [SITE_DIR ...]

Builds nothing: give it sites `hotpath demo` or `hotpath report` wrote (`.ci/run` does). Needs
selenium (`pip install selenium`), Debian's `chromium` and `chromium-driver`.

Checked on every site, at 1280 and 390 px wide:
- no console error on any page (up to MAX_PAGES pages a site: the index, regressions, then runs,
  flame graphs, trends and operations in turn);
- no horizontal overflow of the page on the index, run, operation, flame graph and trend pages
  (wide figures scroll inside their own box);
and the behaviours, where the site has what they need:
- tables: every numeric column sorts by its cells' numbers (ascending then descending, rows
  without a number last), with aria-sort and an indicator, from the keyboard too; a time column
  puts 571 ns before 363 µs (any "… ns" before any "… µs");
- flame graphs: a click on a frame zooms to it (it fills the width, frames outside it hide), Back
  and Reset undo it, search highlights exactly the frames whose names match with their share of
  the total, the flame/icicle toggle flips the rows, the sandwich view shows callers and callees;
- trend charts: a click on a point opens its run's page;
- filters (the index's trends, a run's list of every operation): typing a fragment of a name
  shows exactly the items whose names hold it, clearing it shows them all again;
- honesty: every line chart titles both axes (what it measures, its scale), a family chart's
  axes say "log scale"; a benchmark suite's run page has no share column and no flame graph
  link; an index that skipped empty runs links each of them to a page that exists; the
  regressions page explains itself and has its open, fixed and improvements sections.
Exits 1 with every failure listed, 0 when all pass.
"""

import os
import re
import sys
import time
from pathlib import Path

os.environ.setdefault("SE_AVOID_STATS", "true")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

WIDTHS = (1280, 390)
MAX_PAGES = 24
# Sorting is checked on this many pages of each kind (every column of every table on them).
SORT_PAGES = 2
failures = []
checked = {"pages": 0, "sorts": 0, "zooms": 0, "searches": 0, "trend clicks": 0, "unit sorts": 0, "filters": 0,
           "titled charts": 0, "log charts": 0, "suite pages": 0, "skipped notes": 0, "regressions pages": 0}


def fail(message):
    failures.append(message)
    print("FAIL " + message, flush=True)


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--allow-file-access-from-files", "--hide-scrollbars"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def set_width(driver, width):
    # The viewport itself, as a phone has it (the window's outer size differs by platform).
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})


def open_page(driver, path):
    driver.get_log("browser")  # drop what an earlier page left
    driver.get(path.resolve().as_uri())


def console_errors(driver):
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def overflow(driver):
    return driver.execute_script(
        "var d = document.documentElement; return [d.scrollWidth, d.clientWidth];")


def pages_of(site):
    order = [site / "index.html", site / "regressions.html"]
    runs = sorted((site / "runs").glob("*/index.html")) if (site / "runs").exists() else []
    flames = sorted((site / "runs").glob("*/flamegraph.html")) if runs else []
    trends = sorted((site / "trends").glob("*.html")) if (site / "trends").exists() else []
    operations = sorted((site / "runs").glob("*/operations/*.html")) if runs else []
    every = sorted((site / "runs").glob("*/operations.html")) if runs else []
    lists = [runs, flames, trends, every, operations]
    while any(lists) and len(order) < MAX_PAGES:
        for items in lists:
            if items:
                order.append(items.pop(0))
    return [page for page in order if page.exists()][:MAX_PAGES]


def kind(site, page):
    relative = page.relative_to(site).as_posix()
    if relative == "index.html":
        return "index"
    if relative.startswith("trends/"):
        return "trend"
    if relative.endswith("/flamegraph.html"):
        return "flame graph"
    if "/operations/" in relative:
        return "operation"
    if relative.endswith("/operations.html"):
        return "operation list"
    if relative.startswith("runs/") and relative.endswith("/index.html"):
        return "run"
    return "other"


UNIT_NS = {"ns": 1, "µs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}


def cell_number(raw, text):
    """The number a cell sorts by: its data-sort, else a time in its text ("571 ns"), else None."""
    if raw not in (None, ""):
        try:
            return float(raw)
        except ValueError:
            return None
    match = re.fullmatch(r"([0-9][0-9,]*(?:\.[0-9]+)?)\s*(ns|µs|ms|s)", text)
    return float(match.group(1).replace(",", "")) * UNIT_NS[match.group(2)] if match else None


def check_sorting(driver, label):
    """Every column whose cells carry numbers sorts by them, both ways, from a click and a key."""
    tables = driver.find_elements(By.CSS_SELECTOR, "table.sortable")
    for t, table in enumerate(tables):
        headers = table.find_elements(By.CSS_SELECTOR, "thead th")
        for index, th in enumerate(headers):
            values = driver.execute_script(
                "var t = arguments[0], i = arguments[1];"
                "return Array.prototype.map.call(t.tBodies[0] ? t.tBodies[0].rows : [], function (r) {"
                "  var c = r.cells[i]; return c ? [c.getAttribute('data-sort'), c.textContent.trim()] : [null, ''];"
                "});", table, index)
            numeric = [n for n in (cell_number(v, text) for v, text in values) if n is not None]
            if len(numeric) < 2:
                continue
            buttons = th.find_elements(By.CSS_SELECTOR, "button.sort")
            if not buttons:
                fail(f"{label}: table {t} column {index} has numbers but no sort button")
                continue
            for direction, action in (("ascending", "click"), ("descending", "key")):
                if action == "click":
                    buttons[0].click()
                else:
                    buttons[0].send_keys(Keys.ENTER)
                state = th.get_attribute("aria-sort")
                if state != direction:
                    fail(f"{label}: table {t} column {index}: aria-sort {state!r} after a {action}, expected {direction}")
                    break
                rows = driver.execute_script(
                    "var t = arguments[0], i = arguments[1];"
                    "return Array.prototype.map.call(t.tBodies[0].rows, function (r) {"
                    "  var c = r.cells[i]; return c ? [c.getAttribute('data-sort'), c.textContent.trim()] : [null, ''];"
                    "});", table, index)
                numbers = []
                seen_blank = False
                for raw, text in rows:
                    number = cell_number(raw, text)
                    if number is None:
                        seen_blank = True
                    elif seen_blank:
                        fail(f"{label}: table {t} column {index}: a row without a number sorts before one with")
                        break
                    else:
                        numbers.append(number)
                expected = sorted(numbers, reverse=direction == "descending")
                if numbers != expected:
                    fail(f"{label}: table {t} column {index} not {direction} after a {action}: {numbers[:8]}")
                    break
                indicator = driver.execute_script(
                    "return getComputedStyle(arguments[0], '::after').content;", buttons[0])
                if indicator in ("none", "normal", '""'):
                    fail(f"{label}: table {t} column {index}: no sort indicator")
                checked["sorts"] += 1
                if direction == "ascending":
                    # Time cells: their numbers agree with their text, so 571 ns is before 363 µs.
                    timed = []
                    for raw, text in rows:
                        match = re.fullmatch(r"([0-9.,]+)\s*(ns|µs|us|ms|s)", text)
                        if match:
                            timed.append((float(match.group(1).replace(",", "")) * UNIT_NS[match.group(2)], text))
                    units = {text.split()[-1] for _, text in timed}
                    if len(units) > 1:
                        checked["unit sorts"] += 1
                        if [value for value, _ in timed] != sorted(value for value, _ in timed):
                            fail(f"{label}: table {t} column {index} sorts times out of order: "
                                 f"{[text for _, text in timed][:8]}")
                        if "ns" in units and "µs" in units:
                            last_ns = max(i for i, (_, text) in enumerate(timed) if text.endswith(" ns"))
                            first_us = min(i for i, (_, text) in enumerate(timed) if text.endswith(" µs"))
                            if last_ns > first_us:
                                fail(f"{label}: table {t} column {index}: a µs time sorts before a ns time")


def frame_state(driver, figure):
    return driver.execute_script(
        "var f = arguments[0], svg = f.querySelector('svg.flamegraph');"
        "return {width: svg.getBoundingClientRect().width, frames: Array.prototype.map.call("
        "  svg.querySelectorAll('g.frame'), function (g) { var r = g.querySelector('rect');"
        "    var t = g.querySelector('title');"
        "    return {name: t ? t.textContent.split('\\n')[0] : '', x: +g.getAttribute('data-x'), w: +g.getAttribute('data-w'),"
        "      d: +g.getAttribute('data-d'), shown: g.style.display !== 'none', rx: +r.getAttribute('x'),"
        "      ry: +r.getAttribute('y'), rw: +r.getAttribute('width'), match: g.classList.contains('match')}; })};",
        figure)


def check_flame(driver, label):
    figures = driver.find_elements(By.CSS_SELECTOR, "figure.flame")
    for n, figure in enumerate(figures):
        name = f"{label} flame graph {n}"
        controls = driver.execute_script("return arguments[0].parentNode.querySelector('.flame-controls');", figure)
        if controls is None:
            fail(f"{name}: no controls (the script did not run)")
            continue
        state = frame_state(driver, figure)
        frames = state["frames"]
        svg_width = driver.execute_script(
            "return +arguments[0].querySelector('svg').getAttribute('width');", figure)
        container = driver.execute_script("return arguments[0].parentNode.clientWidth;", figure)
        if abs(svg_width - max(320, container)) > 2:
            fail(f"{name}: width {svg_width} does not follow its box ({container} px)")
        # Zoom: the widest frame below the root that is not already full width.
        candidates = [f for f in frames if f["d"] >= 1 and 0.02 < f["w"] < 0.8 and f["shown"]]
        if candidates:
            target = max(candidates, key=lambda f: (f["w"], -f["d"]))
            index = frames.index(target)
            rect = figure.find_elements(By.CSS_SELECTOR, "svg.flamegraph g.frame rect")[index]
            driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", rect)
            rect.click()
            after = frame_state(driver, figure)["frames"]
            zoomed = after[index]
            if abs(zoomed["rw"] - svg_width) > 1.5 or abs(zoomed["rx"]) > 0.5:
                fail(f"{name}: a click on {target['name']} did not zoom to it (x {zoomed['rx']}, width {zoomed['rw']} of {svg_width})")
            outside = [f for f in after if f["d"] >= target["d"] and
                       (f["x"] + f["w"] <= target["x"] + 1e-9 or f["x"] >= target["x"] + target["w"] - 1e-9)]
            if any(f["shown"] for f in outside):
                fail(f"{name}: frames outside the zoomed frame still show")
            info = driver.execute_script("return arguments[0].parentNode.querySelector('.flame-info').textContent;", figure)
            if target["name"] not in info:
                fail(f"{name}: the info line does not name the zoomed frame: {info!r}")
            controls.find_element(By.CSS_SELECTOR, "[data-act='reset']").click()
            reset = frame_state(driver, figure)["frames"]
            if abs(reset[index]["rw"] - target["w"] * svg_width) > 1.5:
                fail(f"{name}: Reset did not restore the frame's width")
            controls.find_element(By.CSS_SELECTOR, "[data-act='back']").click()
            back = frame_state(driver, figure)["frames"]
            if abs(back[index]["rw"] - svg_width) > 1.5:
                fail(f"{name}: Back did not return to the zoom before Reset")
            controls.find_element(By.CSS_SELECTOR, "[data-act='reset']").click()
            checked["zooms"] += 1
        # Search: a name fragment of a frame; exactly the frames whose names match light up.
        named = [f for f in frames if f["d"] >= 1 and len(f["name"]) >= 4 and "frames merged" not in f["name"]]
        if named:
            fragment = named[len(named) // 2]["name"][:4]
            box = controls.find_element(By.CSS_SELECTOR, "input[type='search']")
            box.clear()
            box.send_keys(fragment)
            searched = frame_state(driver, figure)["frames"]
            expected = [re.search(re.escape(fragment), f["name"], re.IGNORECASE) is not None for f in searched]
            if [f["match"] for f in searched] != expected:
                fail(f"{name}: search {fragment!r} highlights other frames than the matching ones")
            summary = controls.find_element(By.CSS_SELECTOR, ".flame-matches").text
            if not re.search(r"\d+ frames? match, [0-9.]+% of the total", summary):
                fail(f"{name}: search {fragment!r} does not say the matches' share: {summary!r}")
            box.send_keys(Keys.CONTROL, "a")
            box.send_keys(Keys.DELETE)
            if any(f["match"] for f in frame_state(driver, figure)["frames"]):
                fail(f"{name}: clearing the search leaves highlights")
            checked["searches"] += 1
        # Flame/icicle: the root moves from the top row to the bottom one.
        flip = controls.find_element(By.CSS_SELECTOR, "[data-act='flip']")
        flip.click()
        flipped = frame_state(driver, figure)["frames"]
        depth = max(f["d"] for f in flipped)
        if flipped and abs(flipped[0]["ry"] - depth * 18) > 0.5:
            fail(f"{name}: the flame toggle did not put the root at the bottom")
        flip.click()
        # Sandwich: after a click on a frame, its button shows callers and callees.
        if candidates:
            rect = figure.find_elements(By.CSS_SELECTOR, "svg.flamegraph g.frame rect")[frames.index(target)]
            rect.click()
            button = driver.execute_script(
                "return arguments[0].parentNode.querySelector('.flame-info button');", figure)
            if button is None:
                fail(f"{name}: no sandwich button after a click")
            else:
                button.click()
                views = driver.execute_script(
                    "var s = arguments[0].parentNode.parentNode.querySelector('.flame-sandwich');"
                    "return s && !s.hidden ? s.querySelectorAll('svg g.frame').length : -1;", figure)
                if views < 2:
                    fail(f"{name}: the sandwich view of {target['name']} is empty")


def check_trend_click(driver, label, page):
    points = driver.find_elements(By.CSS_SELECTOR, "svg.chart a.point")
    if not points:
        return
    point = points[len(points) // 2]
    href = point.get_attribute("href")
    target = driver.execute_script("return arguments[0].getAttribute('href');", point)
    # A run's points share one link; the one drawn last is on top where they overlap.
    mark = point.find_elements(By.CSS_SELECTOR, "circle, rect")[-1]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'});", mark)
    mark.click()
    time.sleep(0.2)
    expected = (page.parent / target).resolve().as_uri()
    if driver.current_url != expected:
        fail(f"{label}: a click on a trend point went to {driver.current_url}, expected {expected} ({href})")
    elif "/runs/" not in driver.current_url:
        fail(f"{label}: a trend point does not lead to a run page: {target}")
    checked["trend clicks"] += 1


def check_filter(driver, label):
    """A filter box shows exactly the items (or a table's rows) whose names hold what is typed."""
    for box in driver.find_elements(By.CSS_SELECTOR, "input[data-filter]"):
        items_js = (
            "var name = arguments[0].getAttribute('data-filter'), out = [];"
            "document.querySelectorAll('.' + name).forEach(function (item) {"
            "  if (item.tagName === 'TABLE') {"
            "    Array.prototype.forEach.call(item.tBodies, function (b) { Array.prototype.forEach.call(b.rows,"
            "      function (r) { out.push([r.cells[0].textContent.toLowerCase(), !r.hidden]); }); });"
            "  } else { out.push([item.getAttribute('data-name') || '', !item.hidden]); }"
            "}); return out;")
        items = driver.execute_script(items_js, box)
        if len(items) < 2:
            continue
        name = items[len(items) // 2][0].strip()
        fragment = name[-5:] if len(name) >= 5 else name
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
        box.clear()
        box.send_keys(fragment)
        after = driver.execute_script(items_js, box)
        wrong = [n for n, shown in after if shown != (fragment in n)]
        if wrong:
            fail(f"{label}: filter {fragment!r} shows or hides the wrong items: {wrong[:4]}")
        if not any(shown for _, shown in after):
            fail(f"{label}: filter {fragment!r} hides the item it was taken from")
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(Keys.DELETE)
        if not all(shown for _, shown in driver.execute_script(items_js, box)):
            fail(f"{label}: clearing the filter leaves items hidden")
        checked["filters"] += 1


def check_honesty(driver, label, site, page, page_kind):
    """Axes that say what they measure, no column or page that means nothing, notes that lead somewhere."""
    charts = driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('svg.line-chart'), function (svg) {"
        "  return [svg.querySelector('title').textContent, Array.prototype.map.call("
        "    svg.querySelectorAll('text.axis-title'), function (t) { return t.textContent; })]; });")
    for title, axes in charts:
        if len(axes) < 2:
            fail(f"{label}: the chart {title!r} does not title both axes: {axes}")
            continue
        checked["titled charts"] += 1
        if "log–log" in title:
            if not all("log scale" in axis for axis in axes):
                fail(f"{label}: the log–log chart {title!r} does not say so on its axes: {axes}")
            checked["log charts"] += 1
    if page_kind == "run" and driver.find_elements(By.CSS_SELECTOR, "#suite"):
        headers = [th.text for th in driver.find_elements(By.CSS_SELECTOR, "#operations thead th")]
        if any("Share" in text or "Total" in text for text in headers):
            fail(f"{label}: a benchmark suite's statistics have a share or total column: {headers}")
        if driver.find_elements(By.CSS_SELECTOR, "a[href$='flamegraph.html']"):
            fail(f"{label}: a benchmark suite links a flame graph")
        checked["suite pages"] += 1
    if page_kind == "index":
        for link in driver.find_elements(By.CSS_SELECTOR, ".skipped-runs a"):
            target = (page.parent / driver.execute_script("return arguments[0].getAttribute('href');", link))
            if not target.resolve().exists():
                fail(f"{label}: the skipped run {link.text!r} links to a page that does not exist")
            checked["skipped notes"] += 1
    if page.relative_to(site).as_posix() == "regressions.html":
        headings = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "main h2")]
        for needed in ("Open regressions", "Fixed regressions", "Improvements"):
            if needed not in headings:
                fail(f"{label}: no {needed!r} section: {headings}")
        if "Open regressions are those" not in driver.find_element(By.TAG_NAME, "main").text:
            fail(f"{label}: the page does not explain its sections")
        checked["regressions pages"] += 1


def main(sites):
    driver = make_driver()
    started = time.time()
    sorted_pages = {}
    try:
        for site in sites:
            site = Path(site)
            if not (site / "index.html").exists():
                fail(f"{site}: no index.html")
                continue
            pages = pages_of(site)
            for width in WIDTHS:
                set_width(driver, width)
                for page in pages:
                    label = f"{page.relative_to(site)} @{width}px ({site.name})"
                    open_page(driver, page)
                    checked["pages"] += 1
                    for message in console_errors(driver):
                        fail(f"{label}: console error: {message}")
                    page_kind = kind(site, page)
                    if page_kind in ("index", "run", "operation", "operation list", "flame graph", "trend"):
                        scroll, client = overflow(driver)
                        if scroll > client + 1:
                            fail(f"{label}: the page is {scroll} px wide in a {client} px window")
                    if width == WIDTHS[0]:
                        sorted_pages[page_kind] = sorted_pages.get(page_kind, 0) + 1
                        if sorted_pages[page_kind] <= SORT_PAGES:
                            check_sorting(driver, label)
                        if page_kind == "flame graph":
                            check_flame(driver, label)
                        check_honesty(driver, label, site, page, page_kind)
                        if page_kind in ("index", "operation list") and sorted_pages[page_kind] <= SORT_PAGES:
                            check_filter(driver, label)
                        if page_kind == "trend":
                            check_trend_click(driver, label, page)
                    elif page_kind == "flame graph":
                        check_flame(driver, label)
    finally:
        driver.quit()
    print(f"checked {checked} in {time.time() - started:.1f} s", flush=True)
    for needed in ("zooms", "searches", "sorts", "filters", "titled charts", "regressions pages"):
        if checked[needed] == 0:
            fail(f"nothing to check for {needed}: the sites given have none")
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("all browser checks passed")
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(64)
    sys.exit(main(sys.argv[1:]))
