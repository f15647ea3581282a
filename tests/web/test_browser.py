#!/usr/bin/python3
"""The page of `mockexam serve` in a real browser: Selenium with Debian's Chromium.

A candidate opens the page with the token URL and takes the mock exam of the `tiny`
bank (every question type a mock gives), answering some questions with the mouse and
some with the keyboard; flags and strikes out options both ways; opens the review screen
and a question from it; submits through the confirmation, which shows the server's
question; reads the results and the answer review (each option's reason beside it);
runs a drill with feedback (every type, the text question too); opens the report and
the history and deletes an attempt.  The `xss` bank's markup shows as text and runs no
script; the page fits a 360-pixel phone; the console has no errors.

Usage: test_browser.py MOCKEXAM SOURCE_ROOT
Screenshots go to $MX_SCREENSHOTS (default: the current directory).  Waits are
explicit (WebDriverWait on what the page should show), never fixed sleeps.
"""
import http.client
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import traceback

from selenium import webdriver
from selenium.common.exceptions import (ElementClickInterceptedException, NoAlertPresentException,
                                        NoSuchElementException, StaleElementReferenceException,
                                        TimeoutException)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

import checks  # next to this file: the tally both web tests share
from checks import check, expect, fail, ok  # noqa: F401

TOKEN = "web-browser-token-0f1e2d3c4b5a69788796a5b4c3d2e1f"
WAIT = 30  # seconds: the cap of every wait, never a delay



# ---------------------------------------------------------------- server and API

class Server:
    def __init__(self, db):
        self.db = db
        self.lines = queue.Queue()

    def start(self):
        self.log = open(self.db + ".log", "ab")
        self.proc = subprocess.Popen(
            [MOCKEXAM, "serve", "--port", "0", "--db", self.db, "--banks", GOOD, "--banks",
             SHIPPED, "--token", TOKEN],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self.log, cwd=WORK, env=ENV)
        threading.Thread(target=self._read, daemon=True).start()
        try:
            line = self.lines.get(timeout=60)
        except queue.Empty:
            raise AssertionError("the server printed no first line within 60 s")
        m = re.fullmatch(r"mockexam: serving on (http://127\.0\.0\.1:(\d+)/\?token=\S+)",
                         line or "")
        if not m:
            raise AssertionError(f"unexpected first line: {line!r}")
        self.url, self.port = m.group(1), int(m.group(2))
        return self

    def _read(self):
        for raw in self.proc.stdout:
            self.lines.put(raw.decode("utf-8", "replace").rstrip("\n"))
        self.lines.put(None)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


def api(method, path, body=None):
    """The API as another client sees it, to compare the page with."""
    conn = http.client.HTTPConnection("127.0.0.1", SERVER.port, timeout=60)
    headers = {"Authorization": "Bearer " + TOKEN}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    try:
        conn.request(method, path, body=data, headers=headers)
        r = conn.getresponse()
        raw = r.read()
        if r.status >= 300:
            raise AssertionError(f"{method} {path}: {r.status} {raw[:300]!r}")
        return json.loads(raw) if raw else None
    finally:
        conn.close()


def cli_json(args):
    p = subprocess.run([MOCKEXAM] + args + ["--json", "--banks", GOOD, "--banks", SHIPPED],
                       capture_output=True, text=True, env=ENV, cwd=WORK, timeout=120)
    if p.returncode:
        raise AssertionError(f"mockexam {args}: {p.stderr}")
    return json.loads(p.stdout)


# ---------------------------------------------------------------- the browser

def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + os.path.join(WORK, "chromium-profile")):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service("/usr/bin/chromedriver", log_path=os.path.join(WORK, "chromedriver.log"))
    return webdriver.Chrome(service=service, options=opts)


# The page redraws what changed, so an element found a moment ago may be gone: a wait
# looks again rather than failing on it.
REDRAWN = (StaleElementReferenceException, NoSuchElementException, ElementClickInterceptedException)


def wait(cond, what, cap=WAIT):
    try:
        return WebDriverWait(D, cap, poll_frequency=0.05, ignored_exceptions=REDRAWN).until(cond)
    except TimeoutException:
        raise AssertionError(f"timed out after {cap} s waiting for {what}")


def click(sel, what=None):
    """Clicks the element of sel once it is there (found afresh if it was redrawn)."""
    def attempt(d):
        e = d.find_element(By.CSS_SELECTOR, sel)
        if not (e.is_displayed() and e.is_enabled()):
            return False
        e.click()
        return True
    wait(attempt, what or f"{sel} to click")


def css(sel):
    return D.find_element(By.CSS_SELECTOR, sel)


def csss(sel):
    return D.find_elements(By.CSS_SELECTOR, sel)


def shown(sel, what=None):
    return wait(EC.visibility_of_element_located((By.CSS_SELECTOR, sel)), what or sel)


def text_is(sel, text):
    return wait(EC.text_to_be_present_in_element((By.CSS_SELECTOR, sel), text),
                f"{sel} to show {text!r}")


def focus_heading():
    """Puts focus on the view's heading, as a candidate's click on the page does, so
    that keys go to the page and not into a control."""
    wait(lambda d: d.execute_script(
        "const h = document.querySelector('#question-heading, #review-heading');"
        "if (!h) return false; h.focus(); return document.activeElement === h;"),
        "a heading to focus")


def keys(*seq):
    ActionChains(D).send_keys(*seq).perform()


def shot(name):
    D.save_screenshot(os.path.join(SHOTS, f"web-{name}.png"))


CONSOLE = []


def console_errors(phase):
    """The browser console's errors since the last call."""
    for e in D.get_log("browser"):
        CONSOLE.append(e)
        if e.get("level") == "SEVERE":
            fail(f"no console error ({phase})", e.get("message"))


def is_open(dialog):
    return lambda d: d.find_element(By.ID, dialog).get_attribute("open") is not None


def is_closed(dialog):
    return lambda d: d.find_element(By.ID, dialog).get_attribute("open") is None


def pressed(button, value):
    return lambda d: d.find_element(By.ID, button).get_attribute("aria-pressed") == value


def text(sel):
    return css(sel).text


def row_class(d, key):
    """The class of the row that holds option key (chosen, struck)."""
    return d.find_element(By.CSS_SELECTOR, f'.option[data-key="{key}"]') \
        .find_element(By.XPATH, "..").get_attribute("class")


def attempt_id():
    m = re.search(r"#/attempt/(\d+)", D.current_url)
    if not m:
        raise AssertionError(f"not on an attempt: {D.current_url}")
    return int(m.group(1))


def question_pos():
    text = css("#question-heading").text
    m = re.match(r"Question (\d+) of (\d+)", text)
    if not m:
        raise AssertionError(f"no question heading: {text!r}")
    return int(m.group(1)), int(m.group(2))


def wait_question(pos):
    wait(lambda d: re.match(rf"Question {pos} of \d+",
                            d.find_element(By.ID, "question-heading").text), f"question {pos}")


def current_keyed():
    """The bank's question (with its answer) shown now, found by its stem."""
    stem = css("#stem").text.strip()
    for q in KEYED.values():
        if q["stem"].strip() == stem:
            return q
    raise AssertionError(f"no question of the bank has the stem {stem!r}")


def opt_sel(key):
    return f'.options .option[data-key="{key}"]'


def option(key):
    return css(opt_sel(key))


def letter_of(key):
    return option(key).get_attribute("data-letter")


def chosen(key):
    return lambda d: "chosen" in row_class(d, key)


def not_chosen(key):
    return lambda d: "chosen" not in row_class(d, key)


def struck(key):
    return lambda d: "struck" in row_class(d, key)


def placed(key, place):
    sel = f'.option[data-key="{key}"] .place'
    return lambda d: d.find_element(By.CSS_SELECTOR, sel).text == str(place)


def matched(prompt, key):
    return lambda d: Select(d.find_element(By.ID, f"match-{prompt}")) \
        .first_selected_option.get_attribute("value") == key


def answered_count(n):
    return lambda d: d.find_element(By.ID, "exam-answered").text == f"{n} answered"


# ---------------------------------------------------------------- answering

def answer_by_mouse(q, key=None):
    """Answers q with clicks: its answer, or for a single question key when given."""
    t = q["type"]
    if t == "single":
        key = key or q["answer"]
        click(opt_sel(key))
        wait(chosen(key), "the single answer chosen")
    elif t == "multiple":
        for k in q["answer"]:
            click(opt_sel(k))
            wait(chosen(k), f"option {k} checked")
        text_is("#progress", f"Chosen {len(q['answer'])} of {len(q['answer'])}")
    elif t == "ordering":
        for i, k in enumerate(q["answer"], 1):
            click(opt_sel(k))
            wait(placed(k, i), f"item {k} placed {i}")
    elif t == "matching":
        for p, k in q["answer"].items():
            Select(css(f"#match-{p}")).select_by_value(k)
            wait(matched(p, k), f"prompt {p} matched")
    else:
        raise AssertionError(f"no mouse answer for {t}")


def answer_by_keyboard(q):
    t = q["type"]
    focus_heading()
    if t == "single":
        keys(letter_of(q["answer"]).lower())
        wait(chosen(q["answer"]), "the single answer chosen by its letter")
    elif t == "multiple":
        for k in q["answer"]:
            keys(letter_of(k).lower())
            wait(chosen(k), f"option {k} checked by its letter")
    elif t == "ordering":
        for i, k in enumerate(q["answer"], 1):
            keys(letter_of(k).lower())
            wait(placed(k, i), f"item {k} placed {i} by its letter")
    elif t == "matching":
        letters = {o.get_attribute("value"): o.text.split(".")[0]
                   for o in css("#match-1").find_elements(By.TAG_NAME, "option")
                   if o.get_attribute("value")}
        for p, k in q["answer"].items():
            keys(p, letters[k].lower())
            wait(matched(p, k), f"prompt {p} matched by keys")
    else:
        raise AssertionError(f"no keyboard answer for {t}")


# ---------------------------------------------------------------- the scenes

def scene_home():
    D.get(SERVER.url)
    shown('section.card[data-exam="tiny"]', "the tiny exam on the home page")
    check("the page is titled", "mockexam" in D.title, D.title)
    check("the token leaves the address bar", "token=" not in D.current_url, D.current_url)
    names = [e.text for e in csss("section.card h2")]
    check("the home page lists the exams",
          "Tiny exam" in names and any("AI Practitioner" in n for n in names), names)
    tiny = css('section.card[data-exam="tiny"]')
    labels = [b.text for b in tiny.find_elements(By.CSS_SELECTOR, "button[data-start]")]
    check("the tiny card starts a mock exam and a drill",
          "Mock exam" in labels and "Drill" in labels, labels)
    aif = css('section.card[data-exam="aif-c01"]')
    labels = [b.text for b in aif.find_elements(By.CSS_SELECTOR, "button[data-start]")]
    expect("a full-size exam offers the three starts", labels,
           ["Mock exam", "Mini mock (20)", "Drill"])
    keys("?")
    wait(is_open("help"), "the help overlay")
    shot("help")
    keys(Keys.ESCAPE)
    wait(is_closed("help"), "the help overlay to close")
    shot("home")
    console_errors("home")


def scene_mock():
    """The tiny mock: every type, by mouse and by keyboard; flag, strike, review, submit."""
    click('section.card[data-exam="tiny"] button[data-start="exam"]')
    wait_question(1)
    aid = attempt_id()
    pos, total = question_pos()
    expect("the mock starts at question 1 of 6", (pos, total), (1, 6))
    expect("the header shows the exam's title", text("#exam-title"), "Tiny exam")
    first = css("#exam-time").text
    check("the header shows the time left", re.fullmatch(r"Time left \d+:\d\d", first), first)
    wait(lambda d: d.find_element(By.ID, "exam-time").text != first, "the clock to count down")
    check("the clock counts down", True)

    # visible focus: Tab onto a control shows an outline
    keys(Keys.TAB)
    outline = D.execute_script(
        "const e = document.activeElement; const s = getComputedStyle(e);"
        "return [e.tagName, s.outlineStyle, s.outlineWidth];")
    check("keyboard focus is visible", outline[1] != "none" and outline[2] != "0px", outline)
    focus_heading()

    types = []
    missed = None
    for pos in range(1, total + 1):
        wait_question(pos)
        q = current_keyed()
        types.append(q["type"])
        if q["case"]:
            shown(".scenario", "the case study scenario")
            check(f"question {pos} shows its case study",
                  "A shop sells three products." in text(".scenario"), text(".scenario"))
        by_keys = pos % 2 == 0
        if by_keys:
            answer_by_keyboard(q)
        elif q["type"] == "single" and not missed:
            # one wrong answer, so that the review marks "correct" and "your answer" apart
            missed = next(k for k in q["keys"] if k != q["answer"])
            click(opt_sel(q["answer"]))
            wait(chosen(q["answer"]), "a first choice")
            answer_by_mouse(q, missed)
            wait(not_chosen(q["answer"]), "another click to replace the first")
            ok("a click on another option replaces a single answer")
        else:
            answer_by_mouse(q)
        wait(answered_count(pos), f"{pos} answered in the header")
        ok(f"question {pos} ({q['type']}) answered by {'keyboard' if by_keys else 'mouse'}")
        if q["type"] == "multiple":
            expect("multiple shows the library's instruction", text("#instruction"),
                   "(Select TWO.)")
            shot("mock-multiple")
        if q["type"] == "matching":
            shot("mock-matching")
        if q["type"] == "ordering":
            shot("mock-ordering")
        if q["type"] == "single" and not q["case"]:
            wrong = [c for c in q["keys"] if c != q["answer"]]
            click(f'button.strike[data-strike="{wrong[0]}"]')
            wait(struck(wrong[0]), "a struck option by mouse")
            ok("strike out an option by mouse")
            focus_heading()
            keys("x", letter_of(wrong[1]).lower())
            wait(struck(wrong[1]), "a struck option by keys")
            ok("strike out an option with X and its letter")
            got = api("GET", f"/api/attempts/{aid}/questions/{pos}")["struck"]
            expect("the struck options are saved", sorted(got), sorted(wrong[:2]))
            shot("mock-struck")
        if pos == 2:
            focus_heading()
            keys("f")
            wait(pressed("flag", "true"), "flag by F")
            ok("flag by F")
        if pos == 3:
            click("#flag")
            wait(pressed("flag", "true"), "flag by click")
            click("#flag")
            wait(pressed("flag", "false"), "unflag")
            ok("flag and unflag by click")
        if pos < total:
            if by_keys:
                focus_heading()
                keys("n")
            else:
                click("#next")
    expect("the mock has every type a mock gives", set(types),
           {"single", "multiple", "ordering", "matching"})

    focus_heading()
    keys("p")
    wait_question(total - 1)
    ok("P goes to the previous question")
    focus_heading()
    keys("r")
    shown("#review-heading", "the review screen")
    items = csss(".review-grid .item")
    expect("the review screen lists every question", len(items), total)
    flagged = [i.get_attribute("data-position") for i in items
               if "flagged" in i.get_attribute("class")]
    expect("the review screen shows the flagged question", flagged, ["2"])
    check("the review screen shows every question answered",
          all("answered" in i.text for i in items), [i.text for i in items])
    shot("review-screen")
    click('.review-grid .item[data-position="2"]')
    wait_question(2)
    ok("a question opens from the review screen")
    click("#review")
    shown("#review-heading")

    state = api("GET", f"/api/attempts/{aid}")
    click("#review-submit")
    wait(is_open("confirm"), "the submit confirmation")
    expect("the confirmation asks the server's question", text("#confirm-text"),
           state["submit_question"])
    shot("submit-confirm")
    click("#confirm-cancel")
    wait(is_closed("confirm"), "cancel")
    expect("cancel leaves the attempt open", api("GET", f"/api/attempts/{aid}")["status"], "open")
    focus_heading()
    keys("s")
    wait(is_open("confirm"), "S asks to submit")
    click("#confirm-ok")
    shown("#verdict", "the results")
    console_errors("mock")
    return aid


def scene_results(aid):
    review = api("GET", f"/api/attempts/{aid}/review")
    grade = review["score"]
    expect("the results say pass or fail", text("#verdict"), "PASS" if grade["passed"] else "FAIL")
    check("the results give the scaled score and the passing score",
          f"Scaled score {grade['scaled_score']}" in css("#scaled").text and
          f"passing score {grade['passing_score']}" in css("#scaled").text, css("#scaled").text)
    rows = csss("table.areas tr.domain")
    expect("the results list every domain", len(rows), len(grade["domains"]))
    check("each domain has a bar and its status",
          all(r.find_elements(By.CSS_SELECTOR, "svg.bar") and
              ("Meets" in r.text or "Needs improvement" in r.text) for r in rows),
          [r.text for r in rows])
    shot("results")
    click("#open-answers")
    shown("#answers-heading", "the answer review")
    articles = csss("article.reviewed")
    expect("the answer review shows every question", len(articles), len(review["questions"]))
    checked = 0
    for rq in review["questions"]:
        if rq["type"] not in ("single", "multiple"):
            continue
        art = css(f'article.reviewed[data-position="{rq["position"]}"]')
        for c in rq["choices"]:
            li = art.find_element(By.CSS_SELECTOR, f'li.choice[data-key="{c["key"]}"]')
            line = li.find_element(By.CSS_SELECTOR, ".choice-line").text
            why = li.find_element(By.CSS_SELECTOR, ".why").text if c["why"] else ""
            bank_why = next(o.get("why") for o in KEYED[rq["id"]]["choices"]
                            if o["key"] == c["key"])
            if not (line.startswith(c["letter"] + ".") and c["text"] in line and why == bank_why and
                    (not c["mark"] or f"[{c['mark']}]" in line)):
                fail("each reason stands beside its option", (rq["position"], c, line, why))
                return
            checked += 1
        keyline = art.find_elements(By.CSS_SELECTOR, ".keyline")
        check(f"question {rq['position']} names the key and the response in the letters shown",
              rq["key_letters"] in keyline[0].text and
              (rq["response_letters"] or "(none)") in keyline[1].text,
              [k.text for k in keyline])
    check("each reason stands beside its option", checked > 0, "no option checked")
    marks = [t.text for t in csss(".markword")]
    check("the review marks the key and a wrong answer apart",
          "[correct]" in marks and "[your answer]" in marks, marks)
    shot("answer-review")
    console_errors("results")


def scene_drill():
    D.get(SERVER.url.split("?")[0] + "#/")
    shown('section.card[data-exam="tiny"]')
    click('section.card[data-exam="tiny"] button[data-start="drill"]')
    wait_question(1)
    _, total = question_pos()
    expect("the tiny drill has its 7 questions", total, 7)
    check("a drill is untimed", css("#exam-time").text == "Untimed", css("#exam-time").text)
    for pos in range(1, total + 1):
        wait_question(pos)
        stem = css("#stem").text.strip()
        if stem == KEYED_TEXT["stem"]:
            box = css("#text-answer")
            box.send_keys("Guardrails")
            box.send_keys(Keys.ENTER)
            right = True
        else:
            q = current_keyed()
            right = pos != 2
            if q["type"] == "single":
                key = q["answer"] if right else next(c for c in q["keys"] if c != q["answer"])
                click(opt_sel(key))
            else:
                if right:
                    answer_by_mouse_draft(q)
                else:
                    answer_wrong_draft(q)
                click("#check")
        shown("#feedback", f"feedback on drill question {pos}")
        expect(f"drill question {pos}: the feedback says {'Correct' if right else 'Wrong'}",
               css("#feedback h3").text, "Correct." if right else "Wrong.")
        if pos == 2:
            shot("drill-feedback")
            check("the feedback gives the correct answer", "Correct answer:" in text("#feedback"),
                  text("#feedback"))
        if pos < total:
            if pos % 2:
                click("#drill-next")
            else:
                click("#feedback-title")
                keys(Keys.ENTER)
    click("#drill-next")
    wait(is_open("confirm"), "the end of the drill")
    click("#confirm-ok")
    shown("#verdict", "the drill's results")
    ok("a drill runs with feedback after every answer and ends in results")
    console_errors("drill")


def answer_by_mouse_draft(q):
    """In a drill clicks build the answer; the server sees it at Check."""
    t = q["type"]
    if t == "multiple":
        for k in q["answer"]:
            click(opt_sel(k))
            wait(chosen(k), f"option {k} checked")
    elif t == "ordering":
        for i, k in enumerate(q["answer"], 1):
            click(opt_sel(k))
            wait(placed(k, i), f"item {k} placed")
    elif t == "matching":
        for p, k in q["answer"].items():
            Select(css(f"#match-{p}")).select_by_value(k)
            wait(matched(p, k), f"prompt {p} matched")


def answer_wrong_draft(q):
    t = q["type"]
    if t == "multiple":
        wrong = [c for c in q["keys"] if c not in q["answer"]][:2]
        for k in wrong:
            click(opt_sel(k))
            wait(chosen(k), f"option {k} checked")
    elif t == "ordering":
        for i, k in enumerate(reversed(q["answer"]), 1):
            click(opt_sel(k))
            wait(placed(k, i), f"item {k} placed")
    elif t == "matching":
        a = list(q["answer"].items())
        for i, (p, _) in enumerate(a):
            k = a[(i + 1) % len(a)][1]
            Select(css(f"#match-{p}")).select_by_value(k)
            wait(matched(p, k), f"prompt {p} matched")


def scene_report():
    D.get(SERVER.url.split("?")[0] + "#/")
    shown('section.card[data-exam="tiny"]')
    click('section.card[data-exam="tiny"] a[href="#/report/tiny"]')
    shown("#readiness", "the report")
    report = api("GET", "/api/report/tiny")
    readiness = text("#readiness")
    check("the report gives the readiness", report["readiness"].get("reason", "") in readiness
          or "chance of passing" in readiness, readiness)
    expect("the report recommends the next command", css("#recommendation code").text,
           report["recommendation"]["command"])
    expect("the report has a row per domain and task", len(csss("table.areas tbody tr")),
           sum(1 + len(d["tasks"]) for d in report["domains"]))
    check("the report draws the score history as SVG",
          len(csss("svg#score-chart circle")) == len(report["scores"]) >= 1,
          len(csss("svg#score-chart circle")))
    shot("report")
    console_errors("report")


def scene_history():
    click("#nav-history")
    shown("table.history", "the history")
    rows = csss("table.history tbody tr")
    hist = api("GET", "/api/attempts")["attempts"]
    expect("the history lists every attempt", len(rows), len(hist))
    shot("history")
    victim = hist[0]["id"]
    click(f'button[data-delete="{victim}"]')
    wait(is_open("confirm"), "the delete confirmation")
    check("the delete asks first", "Delete attempt" in text("#confirm-text"), text("#confirm-text"))
    click("#confirm-ok")
    wait(lambda d: not d.find_elements(By.CSS_SELECTOR, f'tr[data-attempt="{victim}"]'),
         "the row to go")
    check("the deleted attempt is gone from the server",
          victim not in [a["id"] for a in api("GET", "/api/attempts")["attempts"]], victim)
    console_errors("history")


def scene_resume():
    """An unfinished attempt resumes from the history where it stopped."""
    st = api("POST", "/api/attempts", {"exam": "tiny", "seed": 1})
    api("PUT", f"/api/attempts/{st['attempt']}/questions/3", {"response": "C"})
    D.get(SERVER.url.split("?")[0] + "#/")
    shown('section.card[data-exam="tiny"]')
    click("#nav-history")
    shown(f'tr[data-attempt="{st["attempt"]}"] a.primary', "the resume button")
    click(f'tr[data-attempt="{st["attempt"]}"] a.primary')
    wait_question(3)
    wait(chosen("C"), "the saved answer")
    ok("an attempt resumes at its last question with its answer")
    console_errors("resume")
    return st["attempt"]


def scene_phone(aid):
    D.set_window_size(360, 740)
    D.get(SERVER.url.split("?")[0] + f"#/attempt/{aid}")
    wait_question(3)
    width = D.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    check("the exam fits a 360-pixel phone without sideways scrolling", width[0] <= width[1], width)
    bar = css(".exambar").rect
    check("the exam's buttons stay on screen",
          bar["x"] >= 0 and bar["x"] + bar["width"] <= width[1] + 1, bar)
    shot("phone-exam")
    D.get(SERVER.url.split("?")[0] + "#/report/tiny")
    shown("#readiness")
    width = D.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    check("the report fits a 360-pixel phone", width[0] <= width[1], width)
    shot("phone-report")
    D.set_window_size(1280, 900)
    console_errors("phone")


def scene_xss():
    D.get(SERVER.url.split("?")[0] + "#/")
    shown('section.card[data-exam="xss"]', "the xss bank")
    # a bank script that ran would call alert(): record it as well as letting it open
    D.execute_script("const a = window.alert; window.alert = function (m) {"
                     " window.__mx_alerted = true; return a.call(window, m); };")
    click('section.card[data-exam="xss"] button[data-start="exam"]')
    wait_question(1)
    stem = css("#stem")
    check("a <script> stem shows as text",
          "<script>alert(1)</script>" in stem.text and "<b>bold</b>" in stem.text, stem.text)
    check("the stem's markup made no element", not stem.find_elements(By.CSS_SELECTOR, "script, b"),
          "a script or b element in the stem")
    texts = [o.text for o in csss(".options .option")]
    check("an option's markup shows as text",
          any("<script>alert(1)</script>" in t and "<b>bold</b>" in t for t in texts), texts)
    check("the title's markup shows as text", "<b>bold</b>" in text("#exam-title"),
          text("#exam-title"))
    check("no script element came from the bank",
          D.execute_script("return document.querySelectorAll('script').length") == 1, "scripts")
    try:
        D.switch_to.alert
        fail("no alert fires", "an alert is open")
    except NoAlertPresentException:
        ok("no alert fires")
    fired = D.execute_script("return window.__mx_alerted === true")
    check("no bank script ran", not fired, fired)
    shot("xss")
    click("#submit")
    wait(is_open("confirm"), "the confirmation")
    click("#confirm-ok")
    shown("#verdict")
    click("#open-answers")
    shown("article.reviewed")
    check("the review's markup shows as text",
          "<script>alert(1)</script>" in css("article.reviewed").text, css("article.reviewed").text)
    console_errors("xss")


def scene_clock():
    """The server's warning shows prominently; when time runs out the server submits."""
    base = SERVER.url.split("?")[0]
    st = api("POST", "/api/attempts", {"exam": "tiny", "minutes": 15.01})
    D.get(base + f"#/attempt/{st['attempt']}")
    wait(lambda d: d.find_element(By.ID, "warning").is_displayed() and
         d.find_element(By.ID, "warning").text == "15 minutes left.", "the 15-minute warning",
         cap=60)
    ok("the server's 15-minute warning shows")
    expect("the warning is announced", css("#warning").get_attribute("role"), "alert")
    shot("warning")
    st = api("POST", "/api/attempts", {"exam": "tiny", "minutes": 0.1})
    D.get(base + f"#/attempt/{st['attempt']}")
    shown("#verdict", "the results once the time has run out")
    check("the page says the time ran out", "Time is up" in text("#message"), text("#message"))
    expect("the server submitted the attempt",
           api("GET", f"/api/attempts/{st['attempt']}")["status"], "submitted")
    shot("time-up")
    console_errors("clock")


def main():
    global MOCKEXAM, ROOT, GOOD, SHIPPED, WORK, ENV, SERVER, SHOTS, D, KEYED, KEYED_TEXT
    if len(sys.argv) != 3:
        sys.exit("usage: test_browser.py MOCKEXAM SOURCE_ROOT")
    MOCKEXAM = os.path.abspath(sys.argv[1])
    ROOT = os.path.abspath(sys.argv[2])
    GOOD = os.path.join(ROOT, "tests", "data", "good")
    SHIPPED = os.path.join(ROOT, "question-banks")
    SHOTS = os.path.abspath(os.environ.get("MX_SCREENSHOTS") or os.getcwd())
    os.makedirs(SHOTS, exist_ok=True)
    WORK = tempfile.mkdtemp(prefix="mockexam-web-browser-")
    ENV = dict(os.environ, LC_ALL="C.UTF-8")
    for var in ("MOCKEXAM_BANKS", "MOCKEXAM_DB", "MOCKEXAM_TOKEN"):
        ENV.pop(var, None)
    built = cli_json(["build", "tiny", "--seed", "1", "--with-answers"])
    # by id: the answer in keys, "keys" the option keys, "choices" the options with reasons
    KEYED = {}
    for q in built["questions"]:
        choices = q.get("items") or q.get("options") or []
        KEYED[q["id"]] = dict(q, keys=[c["key"] for c in choices], choices=choices)
    KEYED_TEXT = {"stem": "Name the Amazon Bedrock feature that filters harmful content."}
    SERVER = Server(os.path.join(WORK, "h.db")).start()
    D = None
    try:
        D = browser()
        D.set_page_load_timeout(60)
        scenes = [("home", scene_home), ("mock", scene_mock)]
        aid = None
        for name, scene in scenes:
            try:
                r = scene()
                if name == "mock":
                    aid = r
            except Exception:  # noqa: BLE001 - a broken scene is one failure; go on
                fail(f"scene {name}", traceback.format_exc().rstrip().replace("\n", "\n        "))
                shot(f"failed-{name}")
        later = [("results", lambda: scene_results(aid)), ("drill", scene_drill),
                 ("report", scene_report), ("history", scene_history), ("resume", scene_resume),
                 ("xss", scene_xss), ("clock", scene_clock)]
        resumed = None
        for name, scene in later:
            if name == "results" and aid is None:
                fail("scene results", "no submitted mock")
                continue
            try:
                r = scene()
                if name == "resume":
                    resumed = r
            except Exception:  # noqa: BLE001
                fail(f"scene {name}", traceback.format_exc().rstrip().replace("\n", "\n        "))
                shot(f"failed-{name}")
        if resumed:
            try:
                scene_phone(resumed)
            except Exception:  # noqa: BLE001
                fail("scene phone", traceback.format_exc().rstrip().replace("\n", "\n        "))
                shot("failed-phone")
        console_errors("end")
        check("the browser console has no errors",
              not [e for e in CONSOLE if e.get("level") == "SEVERE"], "see above")
    finally:
        if D is not None:
            D.quit()
        rc = SERVER.stop()
        expect("the server ends cleanly", rc, 0)
        if checks.failures == 0 and not os.environ.get("MX_KEEP"):
            shutil.rmtree(WORK, ignore_errors=True)
        else:
            print(f"# work files kept in {WORK}")
    print(f"# {checks.passed} passed, {checks.failures} failed; screenshots in {SHOTS}")
    sys.exit(1 if checks.failures else 0)


if __name__ == "__main__":
    main()
