"""The reporting both web tests share: one line per check, and the tally at the end."""

failures = 0
passed = 0


def ok(name):
    global passed
    passed += 1
    print(f"ok      {name}", flush=True)


def fail(name, msg):
    global failures
    failures += 1
    print(f"FAIL    {name}\n        {msg}", flush=True)


def check(name, cond, msg=""):
    """Reports one check; returns cond so callers can stop early."""
    if cond:
        ok(name)
    else:
        fail(name, msg)
    return bool(cond)


def expect(name, got, want):
    return check(name, got == want, f"expected {want!r}\n        got      {got!r}")
