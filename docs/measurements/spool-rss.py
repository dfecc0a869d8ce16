#!/usr/bin/env python3
"""RSS of a Wharf process while one large upload goes through its front door with curl (docs/operations.md,
"Connections and request limits": uploads are spooled to <data-dir>/tmp, not held in memory). Usage:
   JAVA=/path/to/jdk25/bin/java [CHUNKED=1] python3 spool-rss.py server/target/wharf.jar FILE [extra wharf flags]
(CHUNKED=1: curl sends the body with Transfer-Encoding: chunked instead of Content-Length.)
The JVM gets no -Xmx: a body held in the heap would show in the RSS. Prints RSS before, the peak sampled during the
upload, VmHWM (the kernel's high-water mark) after it, the largest spool file seen, and curl's figures."""
import os, re, subprocess, sys, tempfile, threading, time

JAR, FILE = sys.argv[1], sys.argv[2]
EXTRA = sys.argv[3:]


def status(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) // 1024


def main():
    data = tempfile.mkdtemp(prefix="wharf-spool-rss-")
    cmd = [os.environ.get("JAVA", "java"), "--enable-native-access=ALL-UNNAMED", "-jar", JAR, "--port", "0",
           "--data-dir", os.path.join(data, "data"), "--fsync", "never"] + EXTRA
    server = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    port = None
    while port is None:
        line = server.stdout.readline()
        if not line:
            raise SystemExit("wharf exited")
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        port = int(m.group(1)) if m else None
    threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
    spool = os.path.join(data, "data", "tmp")
    time.sleep(2)
    before = status(server.pid, "VmRSS")
    peak, largest, done = before, 0, []

    def sample():
        nonlocal peak, largest
        while not done:
            peak = max(peak, status(server.pid, "VmRSS"))
            for name in os.listdir(spool):
                try:
                    largest = max(largest, os.path.getsize(os.path.join(spool, name)))
                except FileNotFoundError:
                    pass
            time.sleep(0.2)

    sampler = threading.Thread(target=sample)
    sampler.start()
    start = time.time()
    chunked = ["-H", "Transfer-Encoding: chunked"] if os.environ.get("CHUNKED") == "1" else []
    curl = subprocess.run(["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code} %{size_upload} %{speed_upload}",
                           "-T", FILE] + chunked + [f"http://127.0.0.1:{port}/bucket/big-object"], capture_output=True, text=True)
    seconds = time.time() - start
    done.append(True)
    sampler.join()
    after = status(server.pid, "VmRSS")
    hwm = status(server.pid, "VmHWM")
    left = os.listdir(spool)
    server.terminate()
    server.wait()
    code, uploaded, speed = curl.stdout.split()
    print(f"file {os.path.getsize(FILE)} bytes; curl: HTTP {code}, uploaded {uploaded} bytes in {seconds:.1f} s "
          f"({float(speed) / 1048576:.0f} MiB/s)")
    print(f"RSS before {before} MiB, peak sampled during {peak} MiB, after {after} MiB, VmHWM {hwm} MiB")
    print(f"largest spool file seen {largest} bytes; files left in tmp after the answer: {len(left)}")


main()
