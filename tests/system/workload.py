# SPDX-License-Identifier: MIT
"""The 'python' workload of tests/check_system_workloads.py: subprocess,
threads, multiprocessing, ctypes, ssl and sqlite3 in one script, every
line it prints deterministic (no addresses, times or process ids).

    python3 workload.py KEYCERT

KEYCERT is tls-keycert.pem beside this file: a self-signed key and
certificate for a TLS connection over a socket pair, within this process
(the client does not verify it, so its dates do not matter).  Child
processes are started as "python3" and "sort" from PATH, so that under
qemu they are the guest's programs (the driver's PATH wrappers); the
"spawn" start method, which execs sys.executable itself, is used only
where SYSTEM_WORKLOAD_EXEC=1 says that works.
"""
import concurrent.futures
import ctypes
import hashlib
import json
import multiprocessing
import os
import socket
import sqlite3
import ssl
import subprocess
import sys
import threading
import zlib


def square(n):
    return n * n


def chain(seed):
    """A hash chain: CPU work for a thread, releasing the GIL in hashlib."""
    h = seed.encode()
    for _ in range(2000):
        h = hashlib.sha256(h).digest()
    return seed, h.hex()[:16]


def via_subprocess():
    r = subprocess.run(['python3', '-c',
                        'import sys; print(sum(range(100))); '
                        'sys.exit(3)'], capture_output=True, text=True)
    print(f'subprocess: out {r.stdout.strip()} status {r.returncode}')
    r = subprocess.run(['sort', '-r'], input='b\nc\na\n', text=True,
                       capture_output=True, check=True)
    print('subprocess: sort -r gives ' + ','.join(r.stdout.split()))
    with subprocess.Popen(['python3', '-c', 'import sys\n'
                           'for l in sys.stdin: print(l.strip().upper())'],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          text=True) as p:
        out, _ = p.communicate('one\ntwo\n')
    print(f'subprocess: pipe {out.split()} status {p.returncode}')


def via_threads():
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = sorted(pool.map(chain, [f's{i}' for i in range(8)]))
    print('threads: ' + ' '.join(f'{s}:{h}' for s, h in results))
    counter = [0]
    lock = threading.Lock()

    def bump():
        for _ in range(10000):
            with lock:
                counter[0] += 1
    threads = [threading.Thread(target=bump) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    local = threading.local()
    local.x = 'main'
    seen = []
    t = threading.Thread(target=lambda: seen.append(hasattr(local, 'x')))
    t.start()
    t.join()
    print(f'threads: counter {counter[0]}, thread-local seen elsewhere '
          f'{seen[0]}')


def via_multiprocessing():
    methods = ['fork', 'forkserver', 'spawn'] \
        if os.environ.get('SYSTEM_WORKLOAD_EXEC') == '1' else ['fork']
    for method in methods:
        ctx = multiprocessing.get_context(method)
        with ctx.Pool(2) as pool:
            total = sum(pool.map(square, range(1000)))
        q = ctx.Queue()
        p = ctx.Process(target=q.put, args=(('from child', 42),))
        p.start()
        got = q.get(timeout=600)
        p.join()
        print(f'multiprocessing {method}: sum {total}, queue {got}, '
              f'exit {p.exitcode}')


def via_ctypes():
    libc = ctypes.CDLL('libc.so.6')
    libm = ctypes.CDLL('libm.so.6')
    libc.strlen.argtypes = [ctypes.c_char_p]
    libm.cos.restype = ctypes.c_double
    libm.cos.argtypes = [ctypes.c_double]
    print(f'ctypes: strlen {libc.strlen(b"myld loader")}, '
          f'cos(0.5) {libm.cos(0.5):.12f}')
    values = (ctypes.c_int * 8)(5, 3, 8, 1, 9, 2, 7, 4)
    compare = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_int),
                               ctypes.POINTER(ctypes.c_int))
    calls = [0]

    def by_value(a, b):
        calls[0] += 1
        return a[0] - b[0]
    libc.qsort(values, len(values), ctypes.sizeof(ctypes.c_int),
               compare(by_value))
    print(f'ctypes: qsort {list(values)}, callback called: {calls[0] > 0}')
    me = ctypes.CDLL(None)
    print(f'ctypes: getpid through dlopen(NULL) matches: '
          f'{me.getpid() == os.getpid()}')
    buf = ctypes.create_string_buffer(32)
    libc.snprintf(buf, 32, b'%d-%s', 42, b'x')
    print(f'ctypes: snprintf {buf.value}')


def via_ssl(keycert):
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(keycert)
    client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    client_ctx.check_hostname = False
    client_ctx.verify_mode = ssl.CERT_NONE
    a, b = socket.socketpair()
    reply = []

    def serve():
        with server_ctx.wrap_socket(b, server_side=True) as s:
            data = s.recv(100)
            s.sendall(data[::-1])
            reply.append(s.version())
    t = threading.Thread(target=serve)
    t.start()
    with client_ctx.wrap_socket(a, server_hostname='myld.test') as c:
        c.sendall(b'hello over tls')
        echo = c.recv(100)
        cipher, version = c.cipher()[0], c.version()
        peer = c.getpeercert(binary_form=True)
    t.join()
    print(f'ssl: {version} {cipher} echo {echo!r} server {reply[0]} '
          f'peer cert sha256 {hashlib.sha256(peer).hexdigest()[:16]}')
    key = hashlib.pbkdf2_hmac('sha256', b'pw', b'salt', 1000)
    print(f'ssl: pbkdf2 {key.hex()[:16]} md5 {hashlib.md5(b"abc").hexdigest()}')


def via_sqlite():
    db = sqlite3.connect(':memory:')
    db.create_function('rev', 1, lambda s: s[::-1])
    db.execute('create table t (id integer primary key, name text, v real)')
    db.executemany('insert into t (name, v) values (?, ?)',
                   [(f'n{i}', i / 4) for i in range(500)])
    count, total = db.execute('select count(*), sum(v) from t').fetchone()
    rows = db.execute("select rev(name), v from t where name like 'n4_' "
                      'order by v desc limit 3').fetchall()
    print(f'sqlite3: {count} rows, sum {total}, {rows}')
    db.execute('create index ix on t(name)')
    plan = db.execute("explain query plan select * from t where name = 'n1'"
                      ).fetchall()
    print(f'sqlite3: uses index: {"ix" in str(plan)}')
    db.close()


def main():
    print(f'python {sys.version_info[:3]}, json {json.dumps({"a": [1, 2]})}'
          f', zlib {zlib.crc32(b"myld"):08x}')
    via_subprocess()
    via_threads()
    via_multiprocessing()
    via_ctypes()
    via_ssl(sys.argv[1])
    via_sqlite()
    print('done')


if __name__ == '__main__':
    main()
