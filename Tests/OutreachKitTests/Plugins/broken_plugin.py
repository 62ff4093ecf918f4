#!/usr/bin/env python3
"""A deliberately broken external format for outreach's tests.

Usage: broken_plugin.py MODE [PATH]. It answers `describe` properly (as the format
`broken`) unless MODE starts with `describe-`; a `render` request gets the
misbehaviour MODE names.
"""

import json
import subprocess
import sys
import time

mode = sys.argv[1] if len(sys.argv) > 1 else "ok"
if mode == "no-read":
    sys.exit(0)  # exits without reading the request, as a broken script may
request = json.load(sys.stdin)
kind = request.get("request")
describing = kind == "describe"


def answer(response):
    json.dump(response, sys.stdout)
    sys.stdout.write("\n")


if describing and not mode.startswith("describe-"):
    answer({"protocolVersion": "1.0", "name": "broken", "extension": "txt", "mediaType": "text/plain",
            "summary": "A plugin that fails on purpose", "futureKey": {"ignored": True}})
    sys.exit(0)

if mode == "ok":
    answer({"protocolVersion": "1.3", "files": [{"content": "fine\n"}], "someNewKey": [1, 2, 3]})
elif mode == "record":
    # Keeps the request for the schema test, then answers like "ok".
    with open(sys.argv[2], "w") as file:
        json.dump(request, file)
    answer({"protocolVersion": "1.0", "files": [{"content": "recorded\n"}]})
elif mode == "orphan":
    # Answers correctly, but first starts a child that would outlive it: stdio
    # detached, so nothing waits on it, in the plugin's own process group.
    child = subprocess.Popen(["sleep", "300"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    with open("orphans.pid", "a") as file:
        file.write(f"{child.pid}\n")
    answer({"protocolVersion": "1.1", "files": [{"content": "fine\n"}]})
elif mode == "hang":
    print("broken_plugin: about to hang", file=sys.stderr, flush=True)
    # A child in the same process group, holding stdout open: it must die too.
    child = subprocess.Popen(["sleep", "600"])
    print(f"broken_plugin: child pid {child.pid}", file=sys.stderr, flush=True)
    while True:
        time.sleep(1)
elif mode == "crash":
    for line in range(1, 31):
        print(f"broken_plugin: trace line {line}", file=sys.stderr)
    print("broken_plugin: giving up with exit 3", file=sys.stderr)
    sys.exit(3)
elif mode == "garbage":
    print("broken_plugin: printing garbage", file=sys.stderr)
    print("this is not { json")
elif mode == "protocol2":
    answer({"protocolVersion": "2.0", "outputs": []})
elif mode == "describe-protocol2":
    answer({"protocolVersion": "2.0", "name": "broken"})
elif mode == "escape":
    answer({"protocolVersion": "1.0", "files": [{"path": "../escape.txt", "content": "escaped\n"}]})
elif mode == "absolute":
    answer({"protocolVersion": "1.0", "files": [{"path": "/tmp/absolute.txt", "content": "escaped\n"}]})
elif mode == "backslash":
    answer({"protocolVersion": "1.0", "files": [{"path": "sub\\file.txt", "content": "x\n"}]})
elif mode == "empty-component":
    answer({"protocolVersion": "1.0", "files": [{"path": "sub//file.txt", "content": "x\n"}]})
elif mode == "huge":
    print("broken_plugin: printing 17 MiB", file=sys.stderr, flush=True)
    chunk = "x" * (1024 * 1024)
    sys.stdout.write('{"protocolVersion": "1.0", "files": [{"content": "')
    for _ in range(17):
        sys.stdout.write(chunk)
    sys.stdout.write('"}]}\n')
elif mode == "schema":
    answer({"protocolVersion": "1.0", "files": [{"path": "a.txt", "content": 42}]})
elif mode == "schema-missing":
    answer({"protocolVersion": "1.0", "files": [{"path": "a.txt"}]})
elif mode == "bad-encoding":
    answer({"protocolVersion": "1.0", "files": [{"content": "x", "encoding": "latin1"}]})
elif mode == "error-diagnostic":
    print("broken_plugin: reporting an error", file=sys.stderr)
    answer({"protocolVersion": "1.0", "files": [{"content": "partial\n"}],
            "diagnostics": [{"severity": "error", "message": "option 'x' is required"}]})
else:
    sys.exit(f"broken_plugin: unknown mode {mode!r}")
