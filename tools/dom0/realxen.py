# SPDX-License-Identifier: BSD-2-Clause
# realxen.py: tools/xenrun on a real Xen dom0: xl create / xl console directly, same interface.
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

from session import describe, say

REASON = re.compile(rb"has shut down, reason code (\d+)")


def xl(*args, **kwargs):
    return subprocess.run(["xl"] + list(args), capture_output=True, check=False, **kwargs)


def config_for_host(guest):
    """GUEST's config with absolute host paths and the on_* actions set to preserve."""
    files = {k: p for k, p in guest.files().items()}
    targets = [guest.host_path(d.target) if d.target else "" for d in guest.disks]
    shares = [guest.host_path(s.path) for s in guest.shares]
    return guest.rewritten(files, targets, in_xenrun=False, share_paths=shares)


def relay_lines(pipe, prefix, log):
    for line in iter(pipe.readline, b""):
        text = prefix + line.decode(errors="replace").rstrip("\n") + "\n"
        sys.stderr.write(text)
        sys.stderr.flush()
        if log:
            log.write(text.encode())


def wait_domid(name, creator):
    while creator.poll() is None:
        r = xl("domid", name)
        if r.returncode == 0:
            return r.stdout.decode().strip()
        time.sleep(0.1)
    return None


def run_guest(guest, args, out, log):
    """Run GUEST with xl; return its xenrun status."""
    with tempfile.NamedTemporaryFile("w", suffix=".cfg", delete=False) as f:
        f.write(config_for_host(guest))
    xl_out = tempfile.TemporaryFile()
    try:
        creator = subprocess.Popen(["xl", "create", "-F", "-p", f.name], stdout=xl_out,
                                   stderr=subprocess.STDOUT)
        domid = wait_domid(guest.name, creator)
        if domid is None:
            creator.wait()
            xl_out.seek(0)
            say(f"{guest.name}: xl create failed: {xl_out.read().decode(errors='replace')}", log)
            return 3
        return watch(guest, domid, creator, xl_out, args, out, log)
    finally:
        os.unlink(f.name)


def watch(guest, domid, creator, xl_out, args, out, log):
    interactive = args.interactive
    console = subprocess.Popen(["xl", "console", "-t", "pv", domid],
                               stdin=None if interactive else subprocess.PIPE,
                               stdout=None if interactive else subprocess.PIPE)
    copier = None
    if not interactive:
        copier = threading.Thread(target=copy_stream, args=(console.stdout, out, log))
        copier.start()
    time.sleep(0.5)
    xl("unpause", domid)
    script = start_script(args.dom0, domid, guest.name, log)
    deadline = time.monotonic() + args.timeout if args.timeout > 0 else None
    status = None
    while creator.poll() is None:
        if interactive and console.poll() is not None:
            status = 2                      # left the console with Ctrl-]
            break
        if deadline and time.monotonic() > deadline:
            status = 124
            break
        time.sleep(0.2)
    time.sleep(0.5)                         # let xenconsoled pass on the last output
    for proc in (script, console):
        if proc and proc.poll() is None:
            proc.terminate()
    if copier:
        copier.join()
    xl("destroy", domid)
    creator.wait()
    xl_out.seek(0)
    found = REASON.findall(xl_out.read())
    if status is None:
        code = int(found[-1]) if found else None
        status = {0: 0, 3: 1}.get(code, 2)
    return status


def copy_stream(src, out, log):
    for chunk in iter(lambda: src.read1(65536), b""):
        out.write(chunk)
        out.flush()
        if log:
            log.write(chunk)


def start_script(script, domid, name, log):
    if not script:
        return None
    env = dict(os.environ, DOMID=domid, DOMNAME=name)
    proc = subprocess.Popen(["sh", script], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    threading.Thread(target=relay_lines, args=(proc.stdout, "dom0: ", log),
                     daemon=True).start()
    return proc


def run(guests, names, outputs, args, log):
    """Run each guest in turn; return their statuses."""
    say("real Xen host: using xl directly", log)
    statuses = []
    for guest, name, out in zip(guests, names, outputs):
        status = run_guest(guest, args, out, log)
        say(f"{name}: {describe(status)}", log)
        statuses.append(status)
    return statuses
