#!/usr/bin/env python3
"""Connection-limit figures for docs/operations.md (see there). Usage:
   JAVA=/path/to/jdk25/bin/java [SERVER_NOFILE=1024] python3 connection-limits.py server/target/wharf.jar
       connections|bodies|h2|cap [extra wharf flags]"""
import base64, json, os, re, select, socket, subprocess, sys, time, http.client

JAR = sys.argv[1]
WHAT = sys.argv[2]
EXTRA = sys.argv[3:]

def start():
    cmd = [os.environ.get("JAVA", "java"), "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-jar", JAR, "--port", "0", "--in-memory",
           "--relaxed", "--kinesis-transition-ms", "0"] + EXTRA
    if os.environ.get("SERVER_NOFILE"):  # the server alone under this ulimit -n
        cmd = ["bash", "-c", "ulimit -n " + os.environ["SERVER_NOFILE"] + ' && exec "$@"', "wharf"] + cmd
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    while True:
        line = p.stdout.readline()
        if not line:
            raise SystemExit("wharf exited")
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if m:
            return p, int(m.group(1))

def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024

def open_count(socks):
    alive = 0
    for s in socks:
        try:
            s.setblocking(False)
            data = s.recv(65536)
            while data:  # drain what the server said; b"" = it closed
                data = s.recv(65536)
            continue
        except BlockingIOError:
            alive += 1
        except OSError:
            pass
    return alive

def connections(port, pid):
    slow, idle = [], []
    for i in range(500):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"POST / HTTP/1.1\r\nHost: localhost\r\n")
        slow.append(s)
    for i in range(5000):
        s = socket.create_connection(("127.0.0.1", port))
        if i % 2 == 0:  # half keep-alive after one answered request, half never say a word
            s.sendall(b"GET /_wharf/health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        idle.append(s)
    t0 = time.time()
    print(f"opened 500 slowloris + 5000 idle; RSS {rss_mib(pid)} MiB", flush=True)
    for mark in (5, 15, 25, 45, 60):
        while time.time() - t0 < mark:
            for s in slow:  # trickle one header line every ~5 s
                try:
                    s.setblocking(True); s.settimeout(0.01)
                    s.send(b"X-a: b\r\n")
                except OSError:
                    pass
            time.sleep(min(5, max(0, mark - (time.time() - t0))))
        print(f"t={mark:>2}s slowloris open {open_count(slow):>4}/500, idle open {open_count(idle):>5}/5000, "
              f"RSS {rss_mib(pid)} MiB", flush=True)
    # and a new client gets in
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10); c.request("GET", "/_wharf/health")
    print("new client:", c.getresponse().status)

def bodies(port, pid):
    before = rss_mib(pid)
    socks, refused = [], 0
    chunk = b"x" * (1 << 20)
    for i in range(32):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.0\r\n"
                  b"X-Amz-Target: AmazonSQS.ListQueues\r\nContent-Length: 15000000\r\n\r\n")
        s.settimeout(0.5)
        try:
            for _ in range(14):
                s.sendall(chunk)
        except OSError:
            pass
        socks.append(s)
    time.sleep(3)
    for s in socks:
        try:
            s.setblocking(False)
            if s.recv(200).startswith(b"HTTP/1.1 503"):
                refused += 1
        except OSError:
            pass
    print(f"32 stalled 15 MB bodies (14 MiB sent each): RSS {before} -> {rss_mib(pid)} MiB; refused with 503: {refused}")

def call(port, target, body, ctype="application/x-amz-json-1.1"):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("POST", "/", json.dumps(body), {"Content-Type": ctype, "X-Amz-Target": target})
    r = c.getresponse(); data = r.read()
    if r.status != 200:
        raise SystemExit(f"{target}: {r.status} {data[:300]}")
    return json.loads(data) if data else {}

def hpack_literal(name, value):
    n, v = name.encode(), value.encode()
    assert len(n) < 127 and len(v) < 127
    return b"\x00" + bytes([len(n)]) + n + bytes([len(v)]) + v

def frame(ftype, flags, stream, payload):
    return len(payload).to_bytes(3, "big") + bytes([ftype, flags]) + stream.to_bytes(4, "big") + payload

def h2(port, pid):
    call(port, "Kinesis_20131202.CreateStream", {"StreamName": "big", "ShardCount": 1})
    time.sleep(1)
    record = base64.b64encode(os.urandom(1000 * 1000)).decode()
    for _ in range(2):
        call(port, "Kinesis_20131202.PutRecords", {"StreamName": "big",
             "Records": [{"Data": record, "PartitionKey": "k"} for _ in range(5)]})
    it = call(port, "Kinesis_20131202.GetShardIterator", {"StreamName": "big", "ShardId": "shardId-000000000000",
              "ShardIteratorType": "TRIM_HORIZON"})["ShardIterator"]
    body = json.dumps({"ShardIterator": it, "Limit": 10000}).encode()
    probe = call(port, "Kinesis_20131202.GetRecords", {"ShardIterator": it, "Limit": 10000})
    print(f"one GetRecords answer: {len(probe['Records'])} records, ~{len(json.dumps(probe)) >> 20} MiB of JSON")
    before = rss_mib(pid)
    s = socket.create_connection(("127.0.0.1", port))
    settings = (0x4).to_bytes(2, "big") + (0).to_bytes(4, "big")  # INITIAL_WINDOW_SIZE = 0
    s.sendall(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + frame(0x4, 0, 0, settings))
    for i in range(50):
        sid = 1 + 2 * i
        headers = (b"\x83" + b"\x86" + b"\x84"  # :method POST, :scheme http, :path /
                   + hpack_literal(":authority", "localhost")
                   + hpack_literal("content-type", "application/x-amz-json-1.1")
                   + hpack_literal("x-amz-target", "Kinesis_20131202.GetRecords")
                   + hpack_literal("content-length", str(len(body))))
        s.sendall(frame(0x1, 0x4, sid, headers) + frame(0x0, 0x1, sid, body))
    peak, t0, frames = before, time.time(), {}
    s.settimeout(0.5)
    buf, closed = b"", False
    while time.time() - t0 < 30 and not closed:
        try:
            data = s.recv(65536)
            if not data:
                closed = True
            buf += data
        except socket.timeout:
            pass
        except OSError:
            closed = True
        while len(buf) >= 9 and len(buf) >= 9 + int.from_bytes(buf[:3], "big"):
            length = int.from_bytes(buf[:3], "big"); ftype = buf[3]
            frames[ftype] = frames.get(ftype, 0) + 1
            buf = buf[9 + length:]
        peak = max(peak, rss_mib(pid))
    print(f"h2 zero window, 50 streams of GetRecords: RSS {before} -> peak {peak} MiB within {time.time() - t0:.0f} s; "
          f"server closed the connection: {closed}; frames by type {frames} (3 = RST_STREAM, 7 = GOAWAY)")

def cap(port, pid):
    socks, refused, served = [], 0, 0
    for i in range(1100):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /_wharf/health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        s.settimeout(5)
        head = s.recv(100)
        if head.startswith(b"HTTP/1.1 503"):
            refused += 1
        elif head.startswith(b"HTTP/1.1 200"):
            served += 1
        socks.append(s)
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10); c.request("GET", "/_wharf/health")
    during = c.getresponse().status
    print(f"server ulimit -n {os.environ.get('SERVER_NOFILE')}: 1100 keep-alive connections: {served} served, {refused} refused 503; "
          f"a new client meanwhile: {during}")
    time.sleep(35)
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10); c.request("GET", "/_wharf/health")
    print(f"after the idle timeout: idle open {open_count(socks)}/1100, a new client: {c.getresponse().status}")

p, port = start()
try:
    {"connections": connections, "bodies": bodies, "h2": h2, "cap": cap}[WHAT](port, p.pid)
    print(f"RSS at end {rss_mib(p.pid)} MiB")
finally:
    p.terminate()
    try:
        p.wait(30)
    except Exception:
        p.kill()
    out = p.stdout.read()
    oom = out.count("OutOfMemoryError")
    print(f"OutOfMemoryError lines in the server log: {oom}; WARN lines: {out.count(' WARN ')}")
