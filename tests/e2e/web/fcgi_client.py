"""A minimal FastCGI client (the responder role of the FastCGI 1.0
specification) for talking to qadex.fcgi directly on its socket, without a
web server: one connection per request, records as the spec lays them out."""
import socket
import struct

VERSION = 1
BEGIN_REQUEST, END_REQUEST, PARAMS, STDIN, STDOUT, STDERR = 1, 3, 4, 5, 6, 7
RESPONDER = 1


def _record(kind, request_id, content=b""):
    padding = (8 - len(content) % 8) % 8
    return struct.pack(">BBHHBx", VERSION, kind, request_id, len(content), padding) + content + b"\0" * padding


def _length(n):
    return bytes([n]) if n < 128 else struct.pack(">I", n | 0x80000000)


def _params(params):
    data = b"".join(_length(len(k)) + _length(len(v)) + k + v
                    for k, v in ((k.encode(), v if isinstance(v, bytes) else v.encode()) for k, v in params.items()))
    records = b""
    for start in range(0, len(data), 65535):
        records += _record(PARAMS, 1, data[start:start + 65535])
    return records + _record(PARAMS, 1)


def request_records(params, body=b"", keep=False):
    """The bytes of one request: BEGIN_REQUEST, its PARAMS, its STDIN, each stream closed.
    keep: FCGI_KEEP_CONN, the application keeps the connection open for the next request."""
    out = _record(BEGIN_REQUEST, 1, struct.pack(">HB5x", RESPONDER, 1 if keep else 0)) + _params(params)
    for start in range(0, len(body), 65535):
        out += _record(STDIN, 1, body[start:start + 65535])
    return out + _record(STDIN, 1)


def read_response(sock):
    """(stdout bytes, stderr bytes, app status) once END_REQUEST arrives."""
    buf, stdout, stderr = b"", b"", b""
    while True:
        while len(buf) >= 8:
            _, kind, _, length, padding = struct.unpack(">BBHHBx", buf[:8])
            if len(buf) < 8 + length + padding:
                break
            content, buf = buf[8:8 + length], buf[8 + length + padding:]
            if kind == STDOUT:
                stdout += content
            elif kind == STDERR:
                stderr += content
            elif kind == END_REQUEST:
                return stdout, stderr, struct.unpack(">I", content[:4])[0]
        data = sock.recv(65536)
        if not data:
            raise ConnectionError(f"the connection closed before END_REQUEST ({len(stdout)} bytes of stdout)")
        buf += data


def connect(address, timeout=30):
    """address: a unix socket path (str or Path) or ("127.0.0.1", port)."""
    if isinstance(address, tuple):
        return socket.create_connection(address, timeout=timeout)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect(str(address))
    return s


def cgi_params(query_string="", method="GET", body=b"", content_type="application/x-www-form-urlencoded"):
    params = {"REQUEST_METHOD": method, "QUERY_STRING": query_string, "SCRIPT_NAME": "/qadex.fcgi",
              "GATEWAY_INTERFACE": "CGI/1.1", "SERVER_PROTOCOL": "HTTP/1.1"}
    if method == "POST":
        params["CONTENT_TYPE"] = content_type
        params["CONTENT_LENGTH"] = str(len(body))
    return params


def get(address, query_string, method="GET", body=b""):
    """(status, {lower-case header: value}, body) of one request."""
    with connect(address) as s:
        s.sendall(request_records(cgi_params(query_string, method, body), body))
        stdout, _, _ = read_response(s)
    return parse_cgi(stdout)


def parse_cgi(stdout):
    head, sep, body = stdout.partition(b"\r\n\r\n")
    if not sep:
        raise AssertionError(f"no end of headers: {stdout[:200]!r}")
    headers = {}
    for line in head.decode("latin-1").split("\r\n"):
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(headers["status"].split()[0]), headers, body
