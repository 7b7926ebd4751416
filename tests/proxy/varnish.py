"""Start varnishd with the repository's VCL in front of an application port (tests/proxy, make bench)."""

import os
import shutil
import subprocess
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
VCL = BASE_DIR / "deploy" / "varnish" / "default.vcl"
VARNISHD = os.environ.get("VARNISHD", shutil.which("varnishd") or "/usr/sbin/varnishd")


def varnishd_available():
    return Path(VARNISHD).exists()


def start_varnishd(workdir, app_port, listen_port, log):
    """varnishd in the foreground on 127.0.0.1:``listen_port``, its backend 127.0.0.1:``app_port``.

    The repository's VCL is used as it is, except for the backend's port (8000 in the file, as for
    ``make serve``). Returns the process; the caller terminates it.
    """
    workdir = Path(workdir)
    vcl = VCL.read_text()
    if '.port = "8000";' not in vcl:
        raise RuntimeError(f'{VCL} no longer names the backend port as .port = "8000";')
    (workdir / "default.vcl").write_text(vcl.replace('.port = "8000";', f'.port = "{app_port}";'))
    return subprocess.Popen(  # noqa: S603
        [VARNISHD, "-F", "-a", f"127.0.0.1:{listen_port}", "-f", str(workdir / "default.vcl")]
        + ["-n", str(workdir / "varnish"), "-s", "malloc,128m", "-p", "ban_lurker_sleep=0.01"]
        # No privilege separation: the work directory is this user's (mkdtemp), unreadable by others.
        + ["-j", "none"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
