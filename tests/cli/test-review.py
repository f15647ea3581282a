#!/usr/bin/python3
"""Every letter a candidate reads is the one on screen, in every shipped bank.

For each shipped bank and several seeds, the exam that `build --seed N --json
--with-answers` describes is taken in plain mode, submitted unanswered and reviewed
whole (:all).  The test proves, question by question:
  - in the JSON, options are listed under the letters A, B, C... in the order shown;
    each option keeps its own text and reason whatever the seed (the reason follows its
    option through the shuffle); every option of a single or multiple question has one;
  - in plain mode's review, each letter stands before that option's text, its mark
    ('correct' exactly on the key) and its own reason; 'Correct answer:' names the key's
    letters as shown.
Usage: test-review.py MOCKEXAM SOURCE_ROOT
"""
import json
import os
import re
import subprocess
import sys
import tempfile

EXAMS = ["aif-c01", "aip-c01", "mla-c01", "mls-c01"]
SEEDS = [1, 2, 3]
failures = 0
passed = 0


def fail(name, msg):
    global failures
    failures += 1
    print(f"FAIL    {name}\n        {msg}")


def mockexam(args, stdin=None, db=None):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    env.pop("MOCKEXAM_BANKS", None)
    env["MOCKEXAM_DB"] = db or "/nonexistent/mockexam-tests.db"
    return subprocess.run([MOCKEXAM] + args, input=stdin, capture_output=True, text=True,
                          env=env, timeout=60)


def norm(s):
    return " ".join(s.split())


def shown(q):
    return q.get("items") or q.get("options") or []


def check_json(exam, forms):
    """Letters in order; each option's text and reason the same under every seed."""
    global passed
    seen = {}
    for seed, form in forms.items():
        for q in form["questions"]:
            choices = shown(q)
            letters = [c["letter"] for c in choices]
            if letters != [chr(ord("A") + i) for i in range(len(choices))]:
                fail(f"{exam} json letters", f"{q['id']} seed {seed}: {letters}")
            for c in choices:
                if q["type"] in ("single", "multiple") and not c.get("why"):
                    fail(f"{exam} json reasons", f"{q['id']} option {c['key']} has none")
                mine = (c["text"], c.get("why"))
                was = seen.setdefault((q["id"], c["key"]), mine)
                if was != mine:
                    fail(f"{exam} reasons follow options",
                         f"{q['id']} {c['key']} seed {seed}: {mine} != {was}")
    passed += 1
    print(f"ok      {exam}: options and reasons in the JSON of {len(forms)} seeds")


def key_letters(q):
    """The key in the letters shown, as plain mode writes it."""
    if q["type"] == "text":
        return q["answer"]
    choices = shown(q)
    letter = {c["key"]: c["letter"] for c in choices}
    if q["type"] == "matching":
        return " ".join(f"{p}{letter[o]}" for p, o in q["answer"].items())
    if q["type"] == "ordering":
        return ", ".join(letter[k] for k in q["answer"])
    keys = q["answer"] if isinstance(q["answer"], list) else [q["answer"]]
    return ", ".join(c["letter"] for c in choices if c["key"] in keys)


def ordinal(n):
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def expected_review(q):
    """What plain mode's review must say of q, whitespace collapsed."""
    parts = []
    if q["type"] == "matching":
        letter = {c["key"]: c["letter"] for c in q["options"]}
        for p in q["prompts"]:
            parts.append(f"{p['key']}. [matches {letter[q['answer'][p['key']]]}] {p['text']}")
            if p.get("why"):
                parts.append(p["why"])
    for c in shown(q) if q["type"] != "text" else []:
        mark = ""
        if q["type"] == "ordering":
            mark = f"[belongs {ordinal(q['answer'].index(c['key']) + 1)}] "
        elif q["type"] == "single" and c["key"] == q["answer"]:
            mark = "[correct] "
        elif q["type"] == "multiple" and c["key"] in q["answer"]:
            mark = "[correct] "
        parts.append(f"{c['letter']}. {mark}{c['text']}")
        if c.get("why"):
            parts.append(c["why"])
    parts.append(f"Correct answer: {key_letters(q)}")
    parts.append("Your answer: (none)")
    if q.get("explanation"):
        parts.append(q["explanation"])
    return norm(" ".join(parts))


def check_plain(exam, seed, form, tmp):
    global passed
    db = os.path.join(tmp, f"{exam}-{seed}.db")
    r = mockexam(["take", exam, "--seed", str(seed), "--plain"], ":submit\nyes\n:all\n\n", db)
    if r.returncode != 0:
        fail(f"{exam} seed {seed} plain", f"exit {r.returncode}: {r.stderr[:300]}")
        return
    blocks = re.split(r"\nQuestion (\d+) \(([^)]*)\): [a-z, ]+\n", r.stdout)
    reviewed = {}
    for i in range(1, len(blocks) - 2, 3):
        reviewed[int(blocks[i])] = (blocks[i + 1], norm(blocks[i + 2]))
    bad = 0
    for q in form["questions"]:
        got = reviewed.get(q["position"])
        if not got or got[0] != q["id"]:
            fail(f"{exam} seed {seed} plain", f"question {q['position']} not reviewed")
            bad += 1
            continue
        want = expected_review(q)
        if want not in got[1]:
            fail(f"{exam} seed {seed} plain review of {q['id']}",
                 f"want: {want[:400]}\n        got:  {got[1][:400]}")
            bad += 1
    if not bad:
        passed += 1
        print(f"ok      {exam} seed {seed}: {len(form['questions'])} questions reviewed "
              "with every letter, mark and reason as shown")


MOCKEXAM = os.path.realpath(sys.argv[1])
os.chdir(sys.argv[2])
with tempfile.TemporaryDirectory() as tmp:
    for exam in EXAMS:
        forms = {}
        for seed in SEEDS:
            r = mockexam(["build", exam, "--seed", str(seed), "--json", "--with-answers"])
            if r.returncode != 0:
                fail(f"{exam} build", r.stderr[:300])
                continue
            forms[seed] = json.loads(r.stdout)
        check_json(exam, forms)
        for seed, form in forms.items():
            check_plain(exam, seed, form, tmp)
print(f"{passed} passed, {failures} failed")
sys.exit(1 if failures else 0)
