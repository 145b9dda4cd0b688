"""Streaming load: POST a large body and read the streamed-back response at the same time.

    python bench/clients/stream_client.py PORT PATH MIB

One connection, non-blocking: the body (MIB MiB of b'x', Content-Length) is written in 256 KiB
slices while the response is read as it arrives, so a server that streams (`req.pipe(res)`)
is measured end to end and one that buffers shows up in its RSS. Prints one JSON line: bytes
sent, body bytes received (chunk framing excluded when chunked), seconds, MiB/s (of the body,
one way).
"""
import json
import selectors
import socket
import sys
import time

SLICE = 256 * 1024


def main() -> None:
    port, path, mib = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    total = mib * 1024 * 1024
    head = (f'POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n'
            f'Content-Type: application/octet-stream\r\nContent-Length: {total}\r\n\r\n').encode()
    block = memoryview(b'x' * SLICE)
    s = socket.create_connection(('127.0.0.1', port))
    s.setblocking(False)
    sel = selectors.DefaultSelector()
    sel.register(s, selectors.EVENT_READ | selectors.EVENT_WRITE)
    pending = memoryview(head)
    sent = 0
    received = 0  # raw bytes after the response head
    resp_head = b''
    content_length = None
    chunked = False
    tail = b''
    done = False
    t0 = time.perf_counter()
    while not done:
        ready = sel.select(30)
        if not ready:
            raise SystemExit(f'stalled: {sent} bytes sent, {received} received')
        for _key, events in ready:
            if events & selectors.EVENT_WRITE:
                if not pending:
                    n = min(SLICE, total - sent)
                    pending = block[:n]
                try:
                    k = s.send(pending)
                except BlockingIOError:
                    k = 0
                if pending.obj is block.obj:
                    sent += k
                pending = pending[k:]
                if sent >= total and not pending:
                    sel.modify(s, selectors.EVENT_READ)
            if events & selectors.EVENT_READ:
                try:
                    data = s.recv(1 << 20)
                except BlockingIOError:
                    continue
                if not data:
                    raise SystemExit(f'server closed after {received} bytes')
                if content_length is None and not chunked:
                    resp_head += data
                    if b'\r\n\r\n' not in resp_head:
                        continue
                    head_part, data = resp_head.split(b'\r\n\r\n', 1)
                    lines = head_part.decode('latin-1').lower().split('\r\n')
                    if not lines[0].startswith('http/1.1 200'):
                        raise SystemExit(f'bad response: {lines[0]}')
                    for line in lines[1:]:
                        name, _, value = line.partition(':')
                        if name == 'content-length':
                            content_length = int(value)
                        elif name == 'transfer-encoding' and 'chunked' in value:
                            chunked = True
                received += len(data)
                if chunked:
                    tail = (tail + data[-5:])[-5:]
                    done = tail == b'0\r\n\r\n'
                else:
                    done = received >= content_length
    seconds = time.perf_counter() - t0
    s.close()
    print(json.dumps({'sent': sent, 'received': received, 'seconds': seconds,
                      'mib_s': total / seconds / (1024 * 1024)}), flush=True)


if __name__ == '__main__':
    main()
