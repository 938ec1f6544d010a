# SPDX-License-Identifier: BSD-2-Clause
# linuxguest.py: a `linux = "CMD"` line in an xl config makes the guest a Linux PV domU (Debian's kernel).
"""xenrun turns a config with `linux = "CMD"` into a Linux PV guest: kernel = the Debian
kernel of the dom0 image (CACHE/vmlinuz), ramdisk = the initramfs of tools/dom0/mklinux
(busybox, xen-blkfront, xen-netfront, lbench), and `extra` ends in "-- CMD", which the
initramfs's /init runs with sh -c before powering off (CMD "" gives a shell). A config's
own extra comes first (e.g. "xenrun.ip=10.0.0.3/24" for an address on eth0).
"""
import os
import subprocess
import sys

from xlconfig import ConfigError

HERE = os.path.dirname(os.path.realpath(__file__))


def wanted(guests):
    return any("linux" in g.settings for g in guests)


def build(cache):
    """Build (or find cached) the Linux guest's initramfs; False if that failed."""
    return subprocess.run([os.path.join(HERE, "mklinux"), cache], stdout=sys.stderr,
                          check=False).returncode == 0


def apply(guest, cache):
    """Rewrite GUEST's settings in place for its `linux` line, if it has one."""
    if "linux" not in guest.settings:
        return
    if guest.settings.get("kernel"):
        raise ConfigError(f"{guest.path}: 'linux' and 'kernel' do not mix")
    cmd = str(guest.settings.pop("linux")).strip()
    extra = str(guest.settings.get("extra", "")).strip()
    guest.settings["kernel"] = os.path.join(cache, "vmlinuz")
    guest.settings["ramdisk"] = os.path.join(cache, "linux", "initrd.cpio")
    guest.settings["extra"] = " ".join(
        p for p in ("console=hvc0 quiet", extra, f"-- {cmd}" if cmd else "") if p)
