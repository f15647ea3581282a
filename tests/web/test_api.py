#!/usr/bin/python3
"""The JSON API of `mockexam serve`, against a real server on a free loopback port.

Every endpoint of docs/api.md with its exact status and document (the documents that
docs/api.md defines as those of a command, `list --json`, `history --json`, `report
--json`, `grade --json`, are compared with that command's output); every error status
with a request that fails changing nothing; the token, cookie, Host and Origin rules; a
full mock exam of the `tiny` bank (every question type) answered by clicks and by
answer sheet, submitted, graded and reviewed; a drill with feedback; the clock's
warning and the submit when time runs out; kill -9 of the server mid-exam and a
restart on the same database, then `mockexam resume` of that attempt; 20 candidates at
once on one database.

Usage: test_api.py MOCKEXAM SOURCE_ROOT
Prints one line per check ("ok" or "FAIL"); the exit status is 1 when any failed.
Nothing waits a fixed time: a wait polls for what it expects, with a generous cap.
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
import time
import traceback

import checks  # next to this file: the tally both web tests share
from checks import check, expect, fail, ok  # noqa: F401

TOKEN = "web-test-token-5f1e2d3c4b5a69788796a5b4c3d2e1f0"
FOREIGN = "http://evil.example"
MAX_BODY = 64 * 1024



def until(what, probe, cap=60.0, every=0.05):
    """Polls probe() until it returns something true; fails the test after cap seconds."""
    deadline = time.monotonic() + cap
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {cap:.0f} s waiting for {what}")
        time.sleep(every)


# ---------------------------------------------------------------- the server

class Server:
    """`mockexam serve` on a free port of 127.0.0.1 with its own database."""

    def __init__(self, db):
        self.db = db
        self.proc = None
        self.port = None
        self.lines = queue.Queue()
        self.log = None

    def start(self):
        self.log = open(self.db + ".log", "ab")
        self.proc = subprocess.Popen(
            [MOCKEXAM, "serve", "--port", "0", "--db", self.db, "--banks", GOOD,
             "--banks", SHIPPED, "--token", TOKEN],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self.log, cwd=WORK,
            env=ENV)
        threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True).start()
        try:
            self.first_line = self.lines.get(timeout=60)
        except queue.Empty:
            raise AssertionError("the server printed no first line within 60 s")
        m = re.fullmatch(r"mockexam: serving on http://127\.0\.0\.1:(\d+)/\?token=(\S+)",
                         self.first_line or "")
        if not m:
            raise AssertionError(f"unexpected first line: {self.first_line!r}")
        self.port = int(m.group(1))
        self.url_token = m.group(2)
        return self

    def _read(self, pipe):
        for raw in pipe:
            self.lines.put(raw.decode("utf-8", "replace").rstrip("\n"))
        self.lines.put(None)

    def stop(self, sig=signal.SIGTERM):
        """Signals the server and waits for it to end; returns its exit status."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.log.close()
        return rc

    def stderr(self):
        try:
            with open(self.db + ".log", "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""


class Reply:
    def __init__(self, status, headers, raw):
        self.status = status
        self.headers = headers
        self.raw = raw
        self.doc = None
        ctype = headers.get("Content-Type", "") if headers else ""
        if raw and "json" in ctype:
            try:
                self.doc = json.loads(raw)
            except ValueError:
                self.doc = None

    def __repr__(self):
        return f"<{self.status} {self.raw[:300]!r}>"


def call(method, path, body=None, raw=None, headers=None, auth=True, port=None):
    """One request on a new connection; returns a Reply."""
    conn = http.client.HTTPConnection("127.0.0.1", port or SERVER.port, timeout=60)
    h = {}
    if auth:
        h["Authorization"] = "Bearer " + TOKEN
    data = raw
    if data is None and body is not None:
        data = json.dumps(body).encode()
    if data is not None:
        h["Content-Type"] = "application/json"
    h.update(headers or {})
    try:
        try:
            conn.request(method, path, body=data, headers=h)
        except (BrokenPipeError, ConnectionResetError):
            pass  # a server may answer a huge body before reading it all
        r = conn.getresponse()
        payload = r.read()
        return Reply(r.status, r.headers, payload)
    finally:
        conn.close()


def api(method, path, body=None, want=200, **kw):
    r = call(method, path, body=body, **kw)
    if r.status != want:
        raise AssertionError(f"{method} {path} {body!r}: expected {want}, got {r!r}")
    return r.doc


def is_error(r, status):
    return (r.status == status and isinstance(r.doc, dict) and isinstance(r.doc.get("error"), str)
            and r.doc["error"] != "")


def expect_error(name, r, status):
    return check(name, is_error(r, status),
                 f'expected {status} with {{"error": "..."}}, got {r!r}')


# ---------------------------------------------------------------- the command line

def cli(args, stdin=None, db=None):
    env = dict(ENV)
    if db:
        env["MOCKEXAM_DB"] = db
    return subprocess.run([MOCKEXAM] + args, input=stdin, capture_output=True, text=True,
                          env=env, cwd=WORK, timeout=120)


def cli_json(args, db=None):
    p = cli(args + ["--json"], db=db)
    if p.returncode != 0:
        raise AssertionError(f"mockexam {' '.join(args)}: {p.returncode} {p.stderr}")
    return json.loads(p.stdout)


BANKS = []


def form(exam, seed, answers=False, questions=None):
    args = ["build", exam, "--seed", str(seed)] + BANKS
    if answers:
        args.append("--with-answers")
    if questions:
        args += ["--questions", str(questions)]
    return cli_json(args)


def shown(q):
    return q.get("items") or q.get("options") or []


def wrong_answer(q):
    keys = [c["key"] for c in shown(q)]
    if q["type"] == "single":
        return next(k for k in keys if k != q["answer"])
    if q["type"] == "multiple":
        return [k for k in keys if k not in q["answer"]][:len(q["answer"])]
    if q["type"] == "ordering":
        return list(reversed(q["answer"]))
    if q["type"] == "matching":
        a = q["answer"]
        prompts = list(a)
        return {p: a[prompts[(i + 1) % len(prompts)]] for i, p in enumerate(prompts)}
    return "certainly not this"


def same_response(qtype, a, b):
    if qtype == "multiple" and isinstance(a, list) and isinstance(b, list):
        return sorted(a) == sorted(b)
    return a == b


def letters_of(q, response):
    """A response in the letters shown, as plain mode's :review writes it."""
    if response is None:
        return ""
    letter = {c["key"]: c["letter"] for c in shown(q)}
    if q["type"] == "single":
        return letter[response]
    if q["type"] == "multiple":
        return ", ".join(sorted(letter[k] for k in response))
    if q["type"] == "ordering":
        return ", ".join(letter[k] for k in response)
    if q["type"] == "matching":
        return " ".join(f"{p}{letter[o]}" for p, o in sorted(response.items()))
    return response


# ---------------------------------------------------------------- tests

STATE_KEYS = {"attempt", "exam", "title", "kind", "status", "question_count", "current",
              "time_left_ms", "warning", "counts", "submit_question", "items"}
QUESTION_STATE_KEYS = {"instruction", "progress", "response", "flagged", "struck", "incomplete",
                       "checked"}


def test_page_token_and_cookie():
    r = call("GET", "/", auth=False)
    expect_error("GET / without the token is 401", r, 401)
    r = call("GET", "/?token=wrong-" + TOKEN, auth=False)
    expect_error("GET / with a wrong ?token= is 401", r, 401)
    r = call("GET", "/?token=" + TOKEN, auth=False)
    check("GET /?token= is 200", r.status == 200, repr(r))
    check("the first line's URL carries the token given", SERVER.url_token == TOKEN,
          SERVER.first_line)
    cookie = r.headers.get("Set-Cookie", "")
    parts = [p.strip() for p in cookie.split(";")]
    check("?token= sets the cookie mx_token", parts[0] == "mx_token=" + TOKEN, cookie)
    lower = [p.lower() for p in parts]
    check("the cookie is HttpOnly, SameSite=Strict, Path=/",
          "httponly" in lower and "samesite=strict" in lower and "path=/" in lower, cookie)
    with open(os.path.join(PAGE, "index.html"), "rb") as f:
        check("GET / serves src/web/page/index.html", r.raw == f.read(), r.raw[:200])
    check("the page is text/html", r.headers.get("Content-Type", "").startswith("text/html"),
          r.headers.get("Content-Type"))
    csp = r.headers.get("Content-Security-Policy", "")
    check("the page has a Content-Security-Policy of default-src 'self'",
          "default-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp,
          csp)
    jar = {"Cookie": "mx_token=" + TOKEN}
    for path, ctype in (("/app.js", "javascript"), ("/app.css", "text/css")):
        r = call("GET", path, headers=jar, auth=False)
        with open(os.path.join(PAGE, path[1:]), "rb") as f:
            check(f"GET {path} with the cookie serves src/web/page{path}",
                  r.status == 200 and r.raw == f.read(), repr(r))
        check(f"{path} is served as {ctype}", ctype in r.headers.get("Content-Type", ""),
              r.headers.get("Content-Type"))
    r = call("GET", "/api/exams", headers=jar, auth=False)
    check("the cookie alone authorises the API", r.status == 200 and "exams" in (r.doc or {}),
          repr(r))
    r = call("GET", "/api/exams", headers={"Cookie": "mx_token=nope"}, auth=False)
    expect_error("a wrong cookie is 401", r, 401)
    r = call("GET", "/api/exams", auth=False)
    expect_error("no token is 401", r, 401)
    r = call("GET", "/api/exams", headers={"Authorization": "Bearer nope"}, auth=False)
    expect_error("a wrong bearer token is 401", r, 401)
    r = call("POST", "/api/attempts", body={"exam": "tiny"}, auth=False)
    expect_error("POST without the token is 401", r, 401)
    r = call("GET", "/api/exams")
    check("the bearer token authorises the API", r.status == 200, repr(r))
    check("API answers are application/json",
          r.headers.get("Content-Type", "").startswith("application/json"),
          r.headers.get("Content-Type"))


def test_page_is_self_contained():
    """No inline script or style, nothing fetched from elsewhere, no markup from text."""
    with open(os.path.join(PAGE, "index.html"), encoding="utf-8") as f:
        html = f.read()
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S | re.I)
    check("the page's scripts are only src=/app.js",
          scripts and all('src="/app.js"' in a and not body.strip() for a, body in scripts),
          scripts)
    check("the page has no style attribute or <style> element",
          not re.search(r"\sstyle\s*=|<style", html, re.I), "found inline style")
    check("the page has no inline event handler", not re.search(r"\son[a-z]+\s*=", html, re.I),
          "found on...=")
    with open(os.path.join(PAGE, "app.js"), encoding="utf-8") as f:
        js = f.read()
    code = re.sub(r"/\*.*?\*/", "", js, flags=re.S)
    for bad in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "new Function", "setAttribute('style'", "http://", "https://"):
        if bad in ("http://", "https://"):
            found = [u for u in re.findall(r"https?://[^'\"\s]*", code)
                     if "w3.org/2000/svg" not in u]
            check(f"app.js fetches nothing from elsewhere ({bad})", not found, found)
        else:
            check(f"app.js never uses {bad}", bad not in code, bad)


def test_host_and_origin():
    port = SERVER.port
    for host in (f"evil.example:{port}", f"127.0.0.1.evil.example:{port}", "127.0.0.1",
                 f"127.0.0.1:{port + 1 if port < 65535 else port - 1}"):
        r = call("GET", "/api/exams", headers={"Host": host})
        expect_error(f"Host {host} is 403", r, 403)
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        r = call("GET", "/api/exams", headers={"Host": host})
        check(f"Host {host} is served", r.status == 200, repr(r))
    r = call("GET", "/?token=" + TOKEN, auth=False, headers={"Host": f"evil.example:{port}"})
    expect_error("the page under a foreign Host is 403", r, 403)

    before = api("GET", "/api/attempts")["attempts"]
    r = call("POST", "/api/attempts", body={"exam": "tiny", "seed": 1},
             headers={"Origin": FOREIGN})
    expect_error("POST from a foreign Origin is 403", r, 403)
    expect("a POST refused for its Origin starts nothing", api("GET", "/api/attempts")["attempts"],
           before)
    st = api("POST", "/api/attempts", {"exam": "tiny", "seed": 1}, want=201,
             headers={"Origin": f"http://127.0.0.1:{port}"})
    check("POST from the server's own Origin is 201", st["status"] == "open", st)
    aid = st["attempt"]
    q1 = api("GET", f"/api/attempts/{aid}/questions/1")
    r = call("PUT", f"/api/attempts/{aid}/questions/1", body={"flagged": True},
             headers={"Origin": FOREIGN})
    expect_error("PUT from a foreign Origin is 403", r, 403)
    expect("a PUT refused for its Origin changes nothing",
           api("GET", f"/api/attempts/{aid}/questions/1"), q1)
    r = call("PUT", f"/api/attempts/{aid}/questions/1", body={"flagged": True},
             headers={"Origin": f"http://localhost:{port}"})
    check("PUT from localhost:PORT is 200", r.status == 200 and r.doc["flagged"] is True, repr(r))
    r = call("GET", f"/api/attempts/{aid}", headers={"Origin": FOREIGN})
    check("a GET is not refused for its Origin", r.status == 200, repr(r))
    r = call("POST", f"/api/attempts/{aid}/submit", headers={"Origin": FOREIGN})
    expect_error("a submit from a foreign Origin is 403", r, 403)
    r = call("DELETE", f"/api/attempts/{aid}", headers={"Origin": FOREIGN})
    expect_error("DELETE from a foreign Origin is 403", r, 403)
    expect("a refused submit and delete change nothing",
           api("GET", f"/api/attempts/{aid}")["status"], "open")
    api("DELETE", f"/api/attempts/{aid}", want=204)


def test_exams():
    doc = api("GET", "/api/exams")
    expect("GET /api/exams is the document of list --json", doc, cli_json(["list"] + BANKS))
    ids = [e["id"] for e in doc["exams"]]
    check("the exams include the test banks and the shipped ones",
          {"tiny", "xss", "aif-c01"} <= set(ids), ids)


def check_state(name, st, **want):
    check(f"{name}: the state has every documented field", STATE_KEYS <= set(st),
          f"missing {STATE_KEYS - set(st)}")
    for k, v in want.items():
        expect(f"{name}: {k}", st.get(k), v)


def test_full_mock_on_tiny():
    seed = 1
    plain = form("tiny", seed)
    keyed = {q["id"]: q for q in form("tiny", seed, answers=True)["questions"]}
    st = api("POST", "/api/attempts", {"exam": "tiny", "kind": "exam", "seed": seed}, want=201)
    aid = st["attempt"]
    n = len(plain["questions"])
    check_state("a new mock", st, exam="tiny", title="Tiny exam", kind="exam", status="open",
                question_count=n, current=1, warning=None,
                counts={"answered": 0, "unanswered": n, "flagged": 0, "incomplete": 0},
                items=[{"position": i + 1, "answered": False, "flagged": False, "incomplete": False}
                       for i in range(n)])
    check("a new mock has the exam's 12 minutes",
          isinstance(st["time_left_ms"], int) and 700000 < st["time_left_ms"] <= 720000,
          st["time_left_ms"])
    check("submit_question is the library's words",
          st["submit_question"].startswith("Submit the exam"), st["submit_question"])
    expect("GET /api/attempts/{id} is the same state", {k: v for k, v in
           api("GET", f"/api/attempts/{aid}").items() if k != "time_left_ms"},
           {k: v for k, v in st.items() if k != "time_left_ms"})

    types = set()
    for bq in plain["questions"]:
        pos = bq["position"]
        q = api("GET", f"/api/attempts/{aid}/questions/{pos}")
        types.add(q["type"])
        check(f"question {pos} ({bq['type']}) is the build --json question",
              all(q.get(k) == v for k, v in bq.items()),
              {k: (q.get(k), v) for k, v in bq.items() if q.get(k) != v})
        check(f"question {pos} has its state fields", QUESTION_STATE_KEYS <= set(q),
              QUESTION_STATE_KEYS - set(q))
        leaks = [k for k in ("answer", "explanation", "references", "feedback") if k in q]
        leaks += [f"why of {c['key']}" for c in shown(q) + q.get("prompts", []) if "why" in c]
        check(f"question {pos} does not give the answer away", not leaks, leaks)
        expect(f"question {pos} starts unanswered",
               (q["response"], q["flagged"], q["struck"], q["incomplete"], q["checked"]),
               (None, False, [], False, False))
        if bq["case"]:
            case = next(c for c in plain["cases"] if c["id"] == bq["case"])
            expect(f"question {pos} carries its case study's scenario", q.get("scenario"),
                   {"id": case["id"], "title": case["title"], "text": case["scenario"]})
        else:
            check(f"question {pos} has no scenario", not q.get("scenario"), q.get("scenario"))
    expect("the tiny mock has every type a mock exam gives", types,
           {"single", "multiple", "ordering", "matching"})

    by_type = {}
    for bq in plain["questions"]:
        by_type.setdefault(bq["type"], []).append(bq)
    url = lambda q: f"/api/attempts/{aid}/questions/{q['position']}"  # noqa: E731
    answers = {}

    # single, by clicks: a second click replaces the first
    q = by_type["single"][0]
    key = keyed[q["id"]]["answer"]
    other = next(c["key"] for c in q["options"] if c["key"] != key)
    r = api("PUT", url(q), {"choose": other})
    expect("single: a click chooses", r["response"], other)
    r = api("PUT", url(q), {"choose": key})
    expect("single: another click replaces the answer", r["response"], key)
    check("the PUT answer is the question with its state",
          r["id"] == q["id"] and QUESTION_STATE_KEYS <= set(r), r)
    expect("single: instruction and progress are the library's", (r["instruction"], r["progress"]),
           ("", ""))
    answers[q["id"]] = key
    st = api("GET", f"/api/attempts/{aid}")
    expect("a PUT moves the current position", st["current"], q["position"])

    # multiple: clicks toggle; one of two is incomplete
    q = by_type["multiple"][0]
    key = keyed[q["id"]]["answer"]
    r = api("PUT", url(q), {"choose": key[0]})
    expect("multiple: instruction", r["instruction"], "(Select TWO.)")
    check("multiple: one of two chosen is incomplete",
          r["incomplete"] is True and r["progress"].startswith("Chosen 1 of 2"), r["progress"])
    st = api("GET", f"/api/attempts/{aid}")
    expect("the state counts the incomplete answer", st["counts"]["incomplete"], 1)
    check("submit_question names the incomplete question",
          f"question {q['position']} incomplete" in st["submit_question"], st["submit_question"])
    item = st["items"][q["position"] - 1]
    expect("the item is answered and incomplete", (item["answered"], item["incomplete"]),
           (True, True))
    extra = next(c["key"] for c in q["options"] if c["key"] not in key)
    r = api("PUT", url(q), {"choose": extra})
    r = api("PUT", url(q), {"choose": extra})
    check("multiple: a second click takes a choice back", same_response("multiple", r["response"],
          [key[0]]), r["response"])
    r = api("PUT", url(q), {"choose": key[1]})
    check("multiple: two of two is complete", same_response("multiple", r["response"], key) and
          r["incomplete"] is False and r["progress"].startswith("Chosen 2 of 2"), r)
    answers[q["id"]] = key

    # ordering: clicks place next; a click on a placed item takes it back
    q = by_type["ordering"][0]
    key = keyed[q["id"]]["answer"]
    r = api("PUT", url(q), {"choose": key[0]})
    r = api("PUT", url(q), {"choose": key[2]})
    expect("ordering: clicks place items in turn", r["response"], [key[0], key[2]])
    r = api("PUT", url(q), {"choose": key[2]})
    expect("ordering: a click on a placed item takes it back", r["response"], [key[0]])
    r = api("PUT", url(q), {"choose": key[1]})
    r = api("PUT", url(q), {"choose": key[2]})
    expect("ordering: the order given", r["response"], key)
    check("ordering: the library's instruction", "order" in r["instruction"], r["instruction"])
    answers[q["id"]] = key

    # matching: a click gives a prompt an option; the same again takes it back
    q = by_type["matching"][0]
    key = keyed[q["id"]]["answer"]
    prompts = [p["key"] for p in q["prompts"]]
    r = api("PUT", url(q), {"choose": key[prompts[0]], "prompt": prompts[0]})
    expect("matching: a click gives the prompt its option", r["response"],
           {prompts[0]: key[prompts[0]]})
    r = api("PUT", url(q), {"choose": key[prompts[0]], "prompt": prompts[0]})
    check("matching: the same click takes it back", r["response"] in (None, {}), r["response"])
    wrong = {prompts[0]: key[prompts[1]], prompts[1]: key[prompts[0]], prompts[2]: key[prompts[2]]}
    for p in prompts:
        r = api("PUT", url(q), {"choose": wrong[p], "prompt": p})
    expect("matching: every prompt given", r["response"], wrong)
    check("matching: the library's instruction", "Match" in r["instruction"], r["instruction"])
    answers[q["id"]] = wrong

    # the rest by answer sheet form; one left unanswered; flags and strikes
    singles = by_type["single"][1:]
    r = api("PUT", url(singles[0]), {"response": wrong_answer(keyed[singles[0]["id"]])})
    answers[singles[0]["id"]] = r["response"]
    r = api("PUT", url(singles[1]), {"response": keyed[singles[1]["id"]]["answer"]})
    r = api("PUT", url(singles[1]), {"response": None})
    expect("a null response clears the answer", r["response"], None)
    r = api("PUT", url(singles[1]), {"flagged": True})
    expect("flagged: true flags", r["flagged"], True)
    opts = [c["key"] for c in singles[1]["options"]]
    r = api("PUT", url(singles[1]), {"struck": [opts[0], opts[2]]})
    check("struck lists the struck keys", sorted(r["struck"]) == sorted([opts[0], opts[2]]), r)
    r = api("PUT", url(singles[1]), {"struck": [opts[2]]})
    expect("struck replaces the struck keys", r["struck"], [opts[2]])
    r = api("PUT", url(singles[1]), {"flagged": True, "struck": []})
    expect("several changes in one PUT", (r["flagged"], r["struck"]), (True, []))
    fq = by_type["multiple"][0]
    api("PUT", url(fq), {"flagged": True})
    api("PUT", url(fq), {"flagged": False})

    st = api("GET", f"/api/attempts/{aid}")
    unanswered = singles[1]["position"]
    expect("the state counts answers and flags", st["counts"],
           {"answered": n - 1, "unanswered": 1, "flagged": 1, "incomplete": 0})
    expect("the items show the flag", [i["position"] for i in st["items"] if i["flagged"]],
           [unanswered])
    expect("the items show the unanswered",
           [i["position"] for i in st["items"] if not i["answered"]], [unanswered])
    for bq in plain["questions"]:
        got = api("GET", url(bq))["response"]
        check(f"question {bq['position']} keeps its answer",
              same_response(bq["type"], got, answers.get(bq["id"])), (got, answers.get(bq["id"])))

    r = call("GET", f"/api/attempts/{aid}/review")
    expect_error("the review of an open attempt is 409", r, 409)

    grade = api("POST", f"/api/attempts/{aid}/submit")
    sheet = os.path.join(WORK, f"sheet-{aid}.json")
    with open(sheet, "w") as f:
        json.dump({"exam": "tiny", "seed": seed, "answers": answers}, f)
    expect("submit answers the document of grade --json", grade,
           cli_json(["grade", "tiny", "--answers", sheet] + BANKS))
    st = api("GET", f"/api/attempts/{aid}")
    expect("a submitted attempt's status", st["status"], "submitted")

    r = call("PUT", url(singles[1]), body={"flagged": False})
    expect_error("a change to a submitted attempt is 409", r, 409)
    r = call("POST", f"/api/attempts/{aid}/submit")
    expect_error("a second submit is 409", r, 409)
    expect("a refused change changes nothing", api("GET", url(singles[1]))["flagged"], True)

    review = api("GET", f"/api/attempts/{aid}/review")
    expect("the review's attempt", review.get("attempt"), aid)
    expect("the review's score is the grade document", review.get("score"), grade)
    expect("the review lists every question in order",
           [q["position"] for q in review["questions"]], list(range(1, n + 1)))
    for rq in review["questions"]:
        check_reviewed(rq, keyed[rq["id"]], answers.get(rq["id"]))
    return aid


def check_reviewed(rq, kq, response):
    """One reviewed question against build --with-answers and the response given."""
    pos, t = rq["position"], kq["type"]
    name = f"review of question {pos} ({t})"
    expect(f"{name}: answer and response", (rq["answer"], rq["response"] is None),
           (kq["answer"], response is None))
    check(f"{name}: correct", rq["correct"] == same_response(t, kq["answer"], response)
          if response is not None else rq["correct"] is False, rq["correct"])
    expect(f"{name}: answered", rq["answered"], response is not None)
    choices = rq["choices"]
    want = kq.get("items") or kq.get("options") or []
    expect(f"{name}: choices in the order and under the letters shown",
           [(c["letter"], c["key"], c["text"]) for c in choices],
           [(c["letter"], c["key"], c["text"]) for c in want])
    if t in ("single", "multiple", "ordering"):
        expect(f"{name}: each choice's reason beside it", [c["why"] for c in choices],
               [c.get("why") for c in want])
    expect(f"{name}: key_letters", rq["key_letters"], letters_of(kq, kq["answer"]))
    if t != "matching":
        expect(f"{name}: response_letters", rq["response_letters"], letters_of(kq, response))
    if t in ("single", "multiple"):
        keys = kq["answer"] if isinstance(kq["answer"], list) else [kq["answer"]]
        mine = (response if isinstance(response, list) else [response]) if response else []
        marks = []
        for c in choices:
            words = (["correct"] if c["key"] in keys else []) + \
                    (["your answer"] if c["key"] in mine else [])
            marks.append(", ".join(words))
        expect(f"{name}: marks", [c["mark"] for c in choices], marks)
    if t == "ordering":
        check(f"{name}: ordering marks say where each belongs",
              all(c["mark"].startswith("belongs ") for c in choices), [c["mark"] for c in choices])
    if t == "matching":
        expect(f"{name}: the prompts with their reasons",
               [(p["text"], p["why"]) for p in rq["prompts"]],
               [(p["text"], p.get("why")) for p in kq["prompts"]])
        check(f"{name}: matching marks", all(p["mark"].startswith("matches ")
              for p in rq["prompts"]), [p["mark"] for p in rq["prompts"]])
    expect(f"{name}: explanation and references", (rq["explanation"], rq["references"]),
           (kq.get("explanation"), kq.get("references")))


def test_errors_400():
    st = api("POST", "/api/attempts", {"exam": "tiny", "seed": 2}, want=201)
    aid = st["attempt"]
    plain = form("tiny", 2)
    pos = {q["type"]: q["position"] for q in plain["questions"]}
    bodies = [
        ("malformed JSON", b'{"response": '),
        ("a body that is not an object", b'["B"]'),
        ("an unknown field", b'{"answer": "B"}'),
        ("flagged that is not a boolean", b'{"flagged": "yes"}'),
        ("choose of no option", b'{"choose": "Z"}'),
        ("a single response of no option", b'{"response": "Z"}'),
        ("a single response of two options", b'{"response": ["A", "B"]}'),
        ("response and choose together", b'{"response": "A", "choose": "B"}'),
        ("struck of no option", b'{"struck": ["Z"]}'),
    ]
    single = pos["single"]
    before = api("GET", f"/api/attempts/{aid}/questions/{single}")
    for what, raw in bodies:
        r = call("PUT", f"/api/attempts/{aid}/questions/{single}", raw=raw)
        expect_error(f"PUT {what} is 400", r, 400)
    expect("a refused PUT changes nothing", api("GET", f"/api/attempts/{aid}/questions/{single}"),
           before)
    for t, raw in (("multiple", b'{"response": "B"}'), ("multiple", b'{"response": ["Z"]}'),
                   ("ordering", b'{"response": ["A"]}'), ("ordering", b'{"response": "ABC"}'),
                   ("matching", b'{"response": {"9": "A"}}'),
                   ("matching", b'{"choose": "A"}'),
                   ("matching", b'{"choose": "A", "prompt": "9"}')):
        r = call("PUT", f"/api/attempts/{aid}/questions/{pos[t]}", raw=raw)
        refused = expect_error(f"PUT {raw.decode()} on a {t} question is 400", r, 400)
        if refused and b"response" in raw:
            check(f"the 400 on a {t} question says what fits", len(r.doc["error"]) > 10, r.doc)
    st2 = api("GET", f"/api/attempts/{aid}")
    expect("refused PUTs change no count", st2["counts"], st["counts"])

    history = api("GET", "/api/attempts")
    for what, raw in (("malformed JSON", b"{"),
                      ("an unknown field", b'{"exam": "tiny", "colour": 1}'),
                      ("no exam", b'{"kind": "exam"}'),
                      ("an unknown kind", b'{"exam": "tiny", "kind": "quiz"}'),
                      ("questions that is not a number", b'{"exam": "tiny", "questions": "many"}'),
                      ("more questions than the bank", b'{"exam": "tiny", "questions": 20}'),
                      ("a bad exam_date", b'{"exam": "tiny", "kind": "drill", "due": true, '
                                          b'"exam_date": "2026-02-30"}')):
        r = call("POST", "/api/attempts", raw=raw)
        expect_error(f"POST /api/attempts with {what} is 400", r, 400)
    expect("refused POSTs start nothing", api("GET", "/api/attempts"), history)
    api("DELETE", f"/api/attempts/{aid}", want=204)


def test_errors_404_405_413():
    st = api("POST", "/api/attempts", {"exam": "tiny", "seed": 3}, want=201)
    aid = st["attempt"]
    n = st["question_count"]
    r = call("POST", "/api/attempts", body={"exam": "no-such-exam"})
    expect_error("POST /api/attempts of no such exam is 404", r, 404)
    expect_error("GET /api/report of no such exam is 404",
                 call("GET", "/api/report/no-such-exam"), 404)
    missing = 987654321
    for method, path in (("GET", f"/api/attempts/{missing}"),
                         ("GET", f"/api/attempts/{missing}/questions/1"),
                         ("PUT", f"/api/attempts/{missing}/questions/1"),
                         ("POST", f"/api/attempts/{missing}/submit"),
                         ("GET", f"/api/attempts/{missing}/review"),
                         ("DELETE", f"/api/attempts/{missing}"),
                         ("GET", f"/api/attempts/{aid}/questions/0"),
                         ("GET", f"/api/attempts/{aid}/questions/{n + 1}"),
                         ("PUT", f"/api/attempts/{aid}/questions/{n + 1}"),
                         ("GET", f"/api/attempts/{aid}/questions/x"),
                         ("GET", "/api/attempts/x"),
                         ("GET", "/api/nothing"),
                         ("GET", "/nothing.html")):
        body = {"flagged": True} if method == "PUT" else None
        expect_error(f"{method} {path} is 404", call(method, path, body=body), 404)

    for method, path in (("DELETE", "/api/exams"), ("POST", "/api/exams"),
                         ("PUT", "/api/attempts"), ("DELETE", "/api/attempts"),
                         ("PATCH", f"/api/attempts/{aid}"), ("POST", f"/api/attempts/{aid}"),
                         ("POST", f"/api/attempts/{aid}/questions/1"),
                         ("DELETE", f"/api/attempts/{aid}/questions/1"),
                         ("GET", f"/api/attempts/{aid}/submit"),
                         ("PUT", f"/api/attempts/{aid}/review"),
                         ("POST", "/api/report/tiny")):
        body = {} if method != "GET" else None
        expect_error(f"{method} {path} is 405", call(method, path, body=body), 405)

    q = api("GET", f"/api/attempts/{aid}/questions/1")
    big = json.dumps({"response": "x" * (MAX_BODY + 16)}).encode()
    r = call("PUT", f"/api/attempts/{aid}/questions/1", raw=big)
    expect_error("a body over 64 KiB is 413", r, 413)
    big = json.dumps({"exam": "tiny", "pad": "y" * MAX_BODY}).encode()
    r = call("POST", "/api/attempts", raw=big)
    expect_error("a POST body over 64 KiB is 413", r, 413)
    expect("a refused body changes nothing", api("GET", f"/api/attempts/{aid}/questions/1"), q)
    fits = json.dumps({"flagged": True}).encode() + b" " * (MAX_BODY - 20)
    r = call("PUT", f"/api/attempts/{aid}/questions/1", raw=fits)
    check("a body just under 64 KiB is read", r.status == 200, repr(r))
    api("DELETE", f"/api/attempts/{aid}", want=204)


def test_clock():
    st = api("POST", "/api/attempts", {"exam": "tiny", "untimed": True}, want=201)
    expect("an untimed mock has time_left_ms null", st["time_left_ms"], None)
    api("DELETE", f"/api/attempts/{st['attempt']}", want=204)

    st = api("POST", "/api/attempts", {"exam": "tiny", "minutes": 2, "extra_time": 1}, want=201)
    check("minutes and extra_time add up", 170000 < st["time_left_ms"] <= 180000,
          st["time_left_ms"])
    api("DELETE", f"/api/attempts/{st['attempt']}", want=204)

    st = api("POST", "/api/attempts", {"exam": "tiny", "minutes": 15.01}, want=201)
    aid = st["attempt"]
    expect("no warning before 15 minutes are left", st["warning"], None)
    got = until("the 15-minute warning",
                lambda: (lambda s: s if s["warning"] else None)(api("GET", f"/api/attempts/{aid}")))
    expect("the 15-minute warning is the library's words", got["warning"], "15 minutes left.")
    check("the warning comes when 15 minutes are left", got["time_left_ms"] <= 15 * 60000,
          got["time_left_ms"])
    api("DELETE", f"/api/attempts/{aid}", want=204)

    st = api("POST", "/api/attempts", {"exam": "tiny", "seed": 1, "minutes": 0.05}, want=201)
    aid = st["attempt"]
    api("PUT", f"/api/attempts/{aid}/questions/6", {"response": "B"})
    done = until("the server to submit when time runs out",
                 lambda: (lambda s: s if s["status"] == "submitted" else None)(
                     api("GET", f"/api/attempts/{aid}")))
    expect("time_left_ms is 0 once time has run out", done["time_left_ms"], 0)
    r = call("PUT", f"/api/attempts/{aid}/questions/1", body={"flagged": True})
    expect_error("a change after the time ran out is 409", r, 409)
    review = api("GET", f"/api/attempts/{aid}/review")
    expect("the submitted-by-time attempt kept its answer", review["questions"][5]["response"], "B")


def test_drill():
    keyed = {q["id"]: q for q in form("tiny", 1, answers=True)["questions"]}
    t1 = {"id": "t1", "type": "text", "answer": "Guardrails"}
    st = api("POST", "/api/attempts", {"exam": "tiny", "kind": "drill", "seed": 4, "count": 7},
             want=201)
    aid = st["attempt"]
    check_state("a new drill", st, kind="drill", status="open", question_count=7,
                time_left_ms=None)
    seen = set()
    for pos in range(1, 8):
        q = api("GET", f"/api/attempts/{aid}/questions/{pos}")
        seen.add(q["type"])
        check(f"drill question {pos}: no feedback before answering",
              q["checked"] is False and "feedback" not in q, q)
        if q["type"] == "text":
            given, right = "amazon bedrock guardrails", True
        elif pos == 1:
            given, right = wrong_answer(keyed[q["id"]]), False
        else:
            given, right = keyed[q["id"]]["answer"], True
        r = api("PUT", f"/api/attempts/{aid}/questions/{pos}", {"response": given})
        fb = r.get("feedback")
        if not check(f"drill question {pos} ({q['type']}): an answer gives feedback",
                     isinstance(fb, dict), r):
            continue
        expect(f"drill question {pos}: checked", r["checked"], True)
        expect(f"drill question {pos}: feedback says whether it is correct", fb["correct"], right)
        want = t1["answer"] if q["type"] == "text" else keyed[q["id"]]["answer"]
        expect(f"drill question {pos}: feedback gives the answer", fb["answer"], want)
        if q["type"] in ("single", "multiple"):
            check(f"drill question {pos}: every option with its reason",
                  all(c.get("why") for c in fb["choices"]) and
                  [c["letter"] for c in fb["choices"]] == [c["letter"] for c in q["options"]], fb)
        again = api("GET", f"/api/attempts/{aid}/questions/{pos}")
        expect(f"drill question {pos}: checked stays", again["checked"], True)
        other = {"response": None} if pos % 2 else {"response": given}
        r = call("PUT", f"/api/attempts/{aid}/questions/{pos}", body=other)
        expect_error(f"drill question {pos}: a checked answer is locked (409)", r, 409)
        if q["type"] == "single":
            r = call("PUT", f"/api/attempts/{aid}/questions/{pos}",
                     body={"choose": q["options"][0]["key"]})
            expect_error(f"drill question {pos}: choose on a checked answer is 409", r, 409)
        r = api("PUT", f"/api/attempts/{aid}/questions/{pos}", {"flagged": True})
        expect(f"drill question {pos}: a checked question still takes a flag",
               (r["flagged"], r["response"] == again["response"]), (True, True))
        api("PUT", f"/api/attempts/{aid}/questions/{pos}", {"flagged": False})
    expect("the tiny drill has every type", seen,
           {"single", "multiple", "ordering", "matching", "text"})
    grade = api("POST", f"/api/attempts/{aid}/submit")
    expect("a drill is graded: 6 of 7 right", (grade["correct"], grade["answered"]), (6, 7))
    st = api("POST", "/api/attempts", {"exam": "tiny", "kind": "drill", "type": "text"}, want=201)
    q = api("GET", f"/api/attempts/{st['attempt']}/questions/1")
    expect("a drill of one type", (st["question_count"], q["type"]), (1, "text"))
    r = api("PUT", f"/api/attempts/{st['attempt']}/questions/1", {"response": "Shields"})
    expect("a wrong text answer's feedback", (r["feedback"]["correct"], r["feedback"]["response"]),
           (False, "Shields"))
    st = api("POST", "/api/attempts", {"exam": "tiny", "kind": "drill", "type": "multiple"},
             want=201)
    q = api("GET", f"/api/attempts/{st['attempt']}/questions/1")
    r = call("PUT", f"/api/attempts/{st['attempt']}/questions/1",
             body={"choose": q["options"][0]["key"]})
    expect_error("in a drill, choose on a multiple-answer question is 400", r, 400)
    check("... and says to give the answer whole", "'response'" in (r.doc or {}).get("error", ""), r)
    expect("... and changes nothing",
           api("GET", f"/api/attempts/{st['attempt']}/questions/1")["checked"], False)
    # no text question was ever flagged here
    r = call("POST", "/api/attempts", body={"exam": "tiny", "kind": "drill", "flagged": True,
                                            "type": "text"})
    expect_error("a drill with nothing flagged is 400", r, 400)
    check("... saying why and what to try",
          (r.doc or {}).get("error") == "nothing to drill: no question is flagged (flag one with f "
          "on the exam screen, or :flag in plain mode, and it stays flagged until it is shown "
          "again unflagged); try: mockexam drill tiny --weakest", r)
    st = api("POST", "/api/attempts", {"exam": "tiny", "kind": "drill", "type": "single",
                                       "count": 1}, want=201)
    marked = api("PUT", f"/api/attempts/{st['attempt']}/questions/1", {"flagged": True})["id"]
    api("POST", f"/api/attempts/{st['attempt']}/submit")
    st = api("POST", "/api/attempts", {"exam": "tiny", "kind": "drill", "flagged": True,
                                       "type": "single"}, want=201)
    ids = [api("GET", f"/api/attempts/{st['attempt']}/questions/{p}")["id"]
           for p in range(1, st["question_count"] + 1)]
    check("a drill of the flagged questions has the one just flagged", marked in ids, ids)
    singles = [q["id"] for q in form("tiny", 1)["questions"] if q["type"] == "single"]
    check("... and not every single-answer question (the filter applies)",
          len(ids) < len(singles), (ids, singles))


def test_history_report_delete(mock_id):
    hist = api("GET", "/api/attempts")
    expect("GET /api/attempts is the document of history --json", hist,
           cli_json(["history", "--db", SERVER.db]))
    ids = [a["id"] for a in hist["attempts"]]
    check("history lists the mock, newest first",
          mock_id in ids and ids == sorted(ids, reverse=True), ids)
    report = api("GET", "/api/report/tiny")
    expect("GET /api/report/tiny is the document of report tiny --json", report,
           cli_json(["report", "tiny", "--db", SERVER.db] + BANKS))
    r = call("DELETE", f"/api/attempts/{mock_id}")
    check("DELETE is 204 with no body", r.status == 204 and r.raw == b"", repr(r))
    expect_error("a deleted attempt is 404", call("GET", f"/api/attempts/{mock_id}"), 404)
    expect_error("a deleted attempt's review is 404",
                 call("GET", f"/api/attempts/{mock_id}/review"), 404)
    hist2 = api("GET", "/api/attempts")
    check("history no longer lists it", mock_id not in [a["id"] for a in hist2["attempts"]], hist2)
    report2 = api("GET", "/api/report/tiny")
    check("the report no longer counts it",
          report2["attempts"] == report["attempts"] - 1 and
          mock_id not in [s["attempt"] for s in report2["scores"]], report2)
    expect_error("a second DELETE is 404", call("DELETE", f"/api/attempts/{mock_id}"), 404)


def test_kill9_and_resume():
    db = os.path.join(WORK, "kill.db")
    srv = Server(db).start()
    port = srv.port
    plain = form("tiny", 5)
    keyed = {q["id"]: q for q in form("tiny", 5, answers=True)["questions"]}
    st = api("POST", "/api/attempts", {"exam": "tiny", "seed": 5}, want=201, port=port)
    aid = st["attempt"]
    confirmed = {}
    for bq in plain["questions"][:4]:
        given = keyed[bq["id"]]["answer"]
        r = call("PUT", f"/api/attempts/{aid}/questions/{bq['position']}", body={"response": given},
                 port=port)
        if r.status == 200:
            confirmed[bq["position"]] = r.doc["response"]
    api("PUT", f"/api/attempts/{aid}/questions/2", {"flagged": True}, port=port)
    check("four answers confirmed before the kill", len(confirmed) == 4, confirmed)
    srv.proc.send_signal(signal.SIGKILL)
    srv.proc.wait(timeout=60)
    srv.log.close()

    srv = Server(db).start()
    port = srv.port
    st = api("GET", f"/api/attempts/{aid}", port=port)
    expect("after kill -9 and a restart the attempt is open", st["status"], "open")
    expect("after kill -9 every confirmed answer is there", st["counts"]["answered"],
           len(confirmed))
    for p, resp in confirmed.items():
        got = api("GET", f"/api/attempts/{aid}/questions/{p}", port=port)
        check(f"question {p} kept its answer through kill -9", got["response"] == resp, (got, resp))
    check("the flag survived kill -9", st["items"][1]["flagged"] is True, st["items"])
    rc = srv.stop()
    expect("SIGTERM ends the server with status 0", rc, 0)

    p = cli(["resume", str(aid), "--db", db, "--plain"] + BANKS, stdin=":review\n:quit\n")
    check("mockexam resume continues the browser's attempt", p.returncode == 0, p.stderr)
    rows = {}
    for line in p.stdout.splitlines():
        m = re.match(r"^\s+(\d+)\s+(answered|unanswered|incomplete)\b(.*)$", line)
        if m:
            rows[int(m.group(1))] = (m.group(2), m.group(3))
    for bq in plain["questions"]:
        pos = bq["position"]
        if pos in confirmed:
            letters = letters_of(bq, confirmed[pos])
            check(f"resume shows question {pos}'s answer {letters}",
                  pos in rows and rows[pos][0] == "answered" and
                  rows[pos][1].strip().endswith(letters),
                  rows.get(pos))
        else:
            check(f"resume shows question {pos} unanswered",
                  rows.get(pos, ("",))[0] == "unanswered", rows.get(pos))


def test_concurrent_candidates():
    db = os.path.join(WORK, "many.db")
    srv = Server(db).start()
    port = srv.port
    keyed = {q["id"]: q for q in form("tiny", 1, answers=True)["questions"]}
    errors = []
    results = {}

    def candidate(n):
        try:
            st = api("POST", "/api/attempts", {"exam": "tiny", "seed": 100 + n}, want=201,
                     port=port)
            aid = st["attempt"]
            sent = {}
            for pos in range(1, st["question_count"] + 1):
                q = api("GET", f"/api/attempts/{aid}/questions/{pos}", port=port)
                given = keyed[q["id"]]["answer"]
                r = api("PUT", f"/api/attempts/{aid}/questions/{pos}", {"response": given},
                        port=port)
                if not same_response(q["type"], r["response"], given):
                    errors.append(f"candidate {n}: question {pos} answered {given}, "
                                  f"got {r['response']}")
                sent[pos] = given
            st = api("GET", f"/api/attempts/{aid}", port=port)
            if st["counts"]["answered"] != len(sent):
                errors.append(f"candidate {n}: {st['counts']} after {len(sent)} answers")
            grade = api("POST", f"/api/attempts/{aid}/submit", port=port)
            results[n] = (aid, grade)
        except Exception as e:  # noqa: BLE001 - every failure of a thread is reported
            errors.append(f"candidate {n}: {e}")

    threads = [threading.Thread(target=candidate, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    check("20 candidates at once: no error", not errors, "\n        ".join(errors[:10]))
    check("20 candidates at once: every one submitted", len(results) == 20, sorted(results))
    check("20 candidates at once: no lost answer (every grade 6 of 6)",
          all(g["answered"] == 6 and g["correct"] == 6 and g["passed"]
              for _, g in results.values()),
          {n: (g["answered"], g["correct"]) for n, (_, g) in results.items()})
    hist = api("GET", "/api/attempts", port=port)["attempts"]
    finished = [a for a in hist if a["status"] == "finished" and a["answered"] == 6]
    expect("history holds the 20 finished attempts", len(finished), 20)
    rc = srv.stop()
    expect("the server of 20 candidates ends cleanly", rc, 0)


def test_xss_bank_is_data():
    st = api("POST", "/api/attempts", {"exam": "xss"}, want=201)
    q = api("GET", f"/api/attempts/{st['attempt']}/questions/1")
    check("the xss bank's stem comes back as written", "<script>alert(1)</script>" in q["stem"]
          and "<b>bold</b>" in q["stem"], q["stem"])
    api("DELETE", f"/api/attempts/{st['attempt']}", want=204)


def main():
    global MOCKEXAM, ROOT, GOOD, SHIPPED, PAGE, WORK, ENV, SERVER, BANKS
    if len(sys.argv) != 3:
        sys.exit("usage: test_api.py MOCKEXAM SOURCE_ROOT")
    MOCKEXAM = os.path.abspath(sys.argv[1])
    ROOT = os.path.abspath(sys.argv[2])
    GOOD = os.path.join(ROOT, "tests", "data", "good")
    SHIPPED = os.path.join(ROOT, "question-banks")
    PAGE = os.path.join(ROOT, "src", "web", "page")
    BANKS = ["--banks", GOOD, "--banks", SHIPPED]
    WORK = tempfile.mkdtemp(prefix="mockexam-web-api-")
    ENV = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC")
    for var in ("MOCKEXAM_BANKS", "MOCKEXAM_DB", "MOCKEXAM_TOKEN"):
        ENV.pop(var, None)
    SERVER = Server(os.path.join(WORK, "h.db"))
    try:
        SERVER.start()
        tests = [test_page_token_and_cookie, test_page_is_self_contained, test_host_and_origin,
                 test_exams, test_full_mock_on_tiny, test_errors_400, test_errors_404_405_413,
                 test_clock, test_drill, test_xss_bank_is_data]
        mock_id = None
        for t in tests:
            try:
                r = t()
                if t is test_full_mock_on_tiny:
                    mock_id = r
            except Exception:  # noqa: BLE001 - a test that breaks is one failure
                fail(t.__name__, traceback.format_exc().rstrip().replace("\n", "\n        "))
        for t, args in ((test_history_report_delete, (mock_id,)), (test_kill9_and_resume, ()),
                        (test_concurrent_candidates, ())):
            if t is test_history_report_delete and mock_id is None:
                fail(t.__name__, "no mock to delete: test_full_mock_on_tiny failed")
                continue
            try:
                t(*args)
            except Exception:  # noqa: BLE001
                fail(t.__name__, traceback.format_exc().rstrip().replace("\n", "\n        "))
        rc = SERVER.stop()
        expect("SIGTERM ends the server with status 0", rc, 0)
        log = SERVER.stderr()
        check("the server logged no failure of its own",
              not re.search(r"\b500\b|database|SQLITE", log), log[-2000:])
    finally:
        if SERVER.proc and SERVER.proc.poll() is None:
            SERVER.proc.kill()
        if checks.failures == 0 and not os.environ.get("MX_KEEP"):
            shutil.rmtree(WORK, ignore_errors=True)
        else:
            print(f"# work files kept in {WORK}")
    print(f"# {checks.passed} passed, {checks.failures} failed")
    sys.exit(1 if checks.failures else 0)


if __name__ == "__main__":
    main()
