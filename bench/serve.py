#!/usr/bin/python3
"""N simulated candidates each take a full mock exam over HTTP from `mockexam serve`.

Usage: bench/serve.py MOCKEXAM [N ...]        (default N: 10 100 1000)

Each candidate is a thread with its own keep-alive connection: it starts an AIF-C01 mock
(65 questions), reads every question, answers it (a valid response built from the
question), and submits.  Printed per N: requests per second, the p50 and p99 latency of
an answer (from sending the PUT to its 200, which the server sends only once the answer
is committed), and answers lost: confirmed answers that the history database does not
hold afterwards (must be 0).  A benchmark, not a test: nothing here is asserted on time.
"""
import http.client
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time

TOKEN = "benchtoken0123456789"


def response_for(q):
    if q["type"] == "single":
        return q["options"][0]["key"]
    if q["type"] == "multiple":
        return [o["key"] for o in q["options"][: q["select"]]]
    if q["type"] == "ordering":
        return [i["key"] for i in q["items"]]
    if q["type"] == "matching":
        return {p["key"]: q["options"][0]["key"] for p in q["prompts"]}
    return "answer"


class Candidate(threading.Thread):
    def __init__(self, port, results):
        super().__init__()
        self.port, self.results = port, results
        self.requests, self.latencies, self.confirmed, self.errors = 0, [], 0, 0
        self.attempt = None

    def call(self, method, path, body=None):
        data = json.dumps(body) if body is not None else None
        headers = {"Authorization": "Bearer " + TOKEN, "Host": "127.0.0.1:%d" % self.port}
        if data:
            headers["Content-Type"] = "application/json"
        for _ in range(3):
            try:
                self.conn.request(method, path, data, headers)
                r = self.conn.getresponse()
                payload = r.read()
                self.requests += 1
                return r.status, json.loads(payload) if payload else None
            except (ConnectionError, http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        self.errors += 1
        return 0, None

    def run(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        status, state = self.call("POST", "/api/attempts", {"exam": "aif-c01"})
        if status != 201:
            self.errors += 1
            self.results.append(self)
            return
        self.attempt = state["attempt"]
        for pos in range(1, state["question_count"] + 1):
            path = "/api/attempts/%d/questions/%d" % (self.attempt, pos)
            status, q = self.call("GET", path)
            if status != 200:
                self.errors += 1
                continue
            start = time.perf_counter()
            status, _ = self.call("PUT", path, {"response": response_for(q)})
            if status == 200:
                self.latencies.append(time.perf_counter() - start)
                self.confirmed += 1
            else:
                self.errors += 1
        self.call("POST", "/api/attempts/%d/submit" % self.attempt)
        self.conn.close()
        self.results.append(self)


def run(binary, n):
    tmp = tempfile.mkdtemp()
    db = os.path.join(tmp, "h.db")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    server = subprocess.Popen([binary, "serve", "--db", db, "--token", TOKEN, "--banks",
                               os.path.join(root, "question-banks")],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = server.stdout.readline()
    port = int(line.split(":")[3].split("/")[0])
    results = []
    candidates = [Candidate(port, results) for _ in range(n)]
    start = time.perf_counter()
    for c in candidates:
        c.start()
    for c in candidates:
        c.join()
    elapsed = time.perf_counter() - start
    server.terminate()
    server.wait()
    con = sqlite3.connect(db)
    lost = 0
    for c in candidates:
        if c.attempt is None:
            continue
        held = con.execute("SELECT count(*) FROM items WHERE attempt_id = ? AND response "
                           "IS NOT NULL", (c.attempt,)).fetchone()[0]
        lost += max(0, c.confirmed - held)
    con.close()
    lat = sorted(x for c in candidates for x in c.latencies)
    requests = sum(c.requests for c in candidates)
    errors = sum(c.errors for c in candidates)
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000 if lat else float("nan")
    print("N=%-5d %7d requests in %6.1f s: %7.0f requests/s; answer p50 %6.1f ms, p99 %7.1f "
          "ms; answers confirmed %d, lost %d; errors %d"
          % (n, requests, elapsed, requests / elapsed, p(0.5), p(0.99), len(lat), lost,
             errors), flush=True)


def main():
    binary = os.path.realpath(sys.argv[1])
    sizes = [int(x) for x in sys.argv[2:]] or [10, 100, 1000]
    os.system("nproc; uptime")
    for n in sizes:
        run(binary, n)


main()
