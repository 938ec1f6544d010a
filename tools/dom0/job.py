# SPDX-License-Identifier: BSD-2-Clause
# job.py: turn guest configs into the /xenrun job archive and QEMU drives for the xenrun dom0.
"""The job tells dom0's init (tools/dom0/guest.sh) what to run:

  /xenrun/job          XR_MODE, XR_TIMEOUT, XR_COUNT, XR_VNC (shell assignments)
  /xenrun/gI/config    guest I's config, paths rewritten to dom0 paths
  /xenrun/gI/name      its domain name
  /xenrun/gI/kernel, /xenrun/gI/ramdisk
  /xenrun/dom0script   the --dom0 script, if any
  /xenrun/shares       one line "N ro|rw" per shared host directory

Each disk image becomes a QEMU virtio-blk drive with serial "xrdN", which dom0's init
links as /dev/xenrun/dN; the guest config names that device (blkback, phy backend).
Each p9 share's host directory becomes a QEMU virtio-9p export with mount tag "xrpN",
which dom0's init mounts at /xenrun/p9/N (read-only for access=ro); the guest config
names that directory, which dom0's QEMU serves to the guest as its 9pfs backend.
"""
import os
import shutil
import stat

from xlconfig import ConfigError

# Drives and exports sit behind PCI-to-PCI bridges (31 slots each), not on QEMU's main bus:
# a boot-test batch runs every config in several modes, each with its own images.
SLOTS_PER_BRIDGE = 31
MAX_BRIDGES = 4
MAX_DRIVES = SLOTS_PER_BRIDGE * MAX_BRIDGES


def pci_place(n):
    """The bus and slot of the n-th device behind the bridges, as -device options."""
    return f",bus=xrb{n // SLOTS_PER_BRIDGE},addr={n % SLOTS_PER_BRIDGE + 1:#x}"


def bridge_args(count):
    """The bridges that count devices need."""
    args = []
    for b in range((count + SLOTS_PER_BRIDGE - 1) // SLOTS_PER_BRIDGE):
        args += ["-device", f"pci-bridge,id=xrb{b},chassis_nr={b + 1},shpc=off"]
    return args


class Drive:
    def __init__(self, index, path, fmt, readonly):
        self.index, self.path, self.format, self.readonly = index, path, fmt, readonly

    def qemu_args(self, place=""):
        ro = "on" if self.readonly else "off"
        path = self.path.replace(",", ",,")
        return ["-drive", f"file={path},format={self.format},if=none,id=xrd{self.index},"
                          f"readonly={ro}",
                "-device", f"virtio-blk-pci,drive=xrd{self.index},serial=xrd{self.index}"
                           f"{place}"]


class Export:
    """A host directory exported into dom0 by QEMU's virtio-9p (mount tag xrpN)."""

    def __init__(self, index, path, readonly):
        self.index, self.path, self.readonly = index, path, readonly

    @property
    def dom0_path(self):
        return f"/xenrun/p9/{self.index}"

    def qemu_args(self, place=""):
        path = self.path.replace(",", ",,")
        ro = ",readonly=on" if self.readonly else ""
        return ["-fsdev", f"local,path={path},security_model=none,id=xrp{self.index}{ro}",
                "-device", f"virtio-9p-pci,fsdev=xrp{self.index},mount_tag=xrp{self.index}"
                           f"{place}"]


class Job:
    def __init__(self, guests, mode, timeout, dom0script=None, vnc=False):
        self.guests, self.mode, self.timeout = guests, mode, timeout
        self.dom0script, self.vnc = dom0script, vnc
        self.drives, self.exports = [], []
        self._drive_by_key, self._export_by_key = {}, {}
        self._dom0_file = {}      # host file -> its one copy in the job (e.g. a shared kernel)
        self.configs = [self._prepare(i, g) for i, g in enumerate(guests)]

    def _drive(self, path, fmt, readonly):
        """The drive for a host image, shared by configs that name the same file."""
        key = (os.path.realpath(path), readonly)
        if key not in self._drive_by_key:
            if len(self.drives) + len(self.exports) >= MAX_DRIVES:
                raise ConfigError(f"more than {MAX_DRIVES} disk images in one run")
            drive = Drive(len(self.drives), key[0], fmt, readonly)
            self.drives.append(drive)
            self._drive_by_key[key] = drive
        return self._drive_by_key[key]

    def _export(self, path, readonly):
        """The export of a host directory, shared by configs that name the same one."""
        key = (os.path.realpath(path), readonly)
        if key not in self._export_by_key:
            if len(self.drives) + len(self.exports) >= MAX_DRIVES:
                raise ConfigError(f"more than {MAX_DRIVES} shared directories in one run")
            export = Export(len(self.exports), key[0], readonly)
            self.exports.append(export)
            self._export_by_key[key] = export
        return self._export_by_key[key]

    def _share_paths(self, guest):
        paths = []
        for share in guest.shares:
            path = guest.host_path(share.path)
            if not os.path.isdir(path):
                raise ConfigError(f"{guest.path}: p9 path {path}: no such directory")
            paths.append(self._export(path, share.readonly).dom0_path)
        return paths

    def _prepare(self, i, guest):
        for key, path in guest.files().items():
            if not os.path.isfile(path):
                raise ConfigError(f"{guest.path}: {key} {path}: no such file")
        files = {k: self._dom0_file.setdefault(os.path.realpath(p), f"/xenrun/g{i}/{k}")
                 for k, p in guest.files().items()}
        targets = []
        for disk in guest.disks:
            if not disk.target:
                targets.append("")
                continue
            path = guest.host_path(disk.target)
            if not os.path.exists(path):
                raise ConfigError(f"{guest.path}: disk {path}: no such file")
            if stat.S_ISBLK(os.stat(path).st_mode):
                fmt = "raw"
            else:
                fmt = disk.format or "raw"
            targets.append(f"/dev/xenrun/d{self._drive(path, fmt, disk.readonly).index}")
        return guest.rewritten(files, targets, share_paths=self._share_paths(guest))

    def qemu_args(self):
        devices = self.drives + self.exports
        args = bridge_args(len(devices))
        for n, d in enumerate(devices):
            args += d.qemu_args(pci_place(n))
        return args

    def entries(self):
        """(archive path, bytes or host file path, mode) for everything in the job."""
        yield "xenrun/job", (f"XR_MODE={self.mode}\nXR_TIMEOUT={int(self.timeout)}\n"
                             f"XR_COUNT={len(self.guests)}\nXR_VNC={int(self.vnc)}\n"
                             ).encode(), 0o644
        for i, (guest, config) in enumerate(zip(self.guests, self.configs)):
            yield f"xenrun/g{i}/config", config.encode(), 0o644
            yield f"xenrun/g{i}/name", guest.name.encode() + b"\n", 0o644
            for key, path in guest.files().items():
                if self._dom0_file[os.path.realpath(path)] == f"/xenrun/g{i}/{key}":
                    yield f"xenrun/g{i}/{key}", path, 0o644
        if self.dom0script:
            yield "xenrun/dom0script", self.dom0script, 0o755
        if self.exports:
            yield "xenrun/shares", "".join(f"{e.index} {'ro' if e.readonly else 'rw'}\n"
                                           for e in self.exports).encode(), 0o644

    def write_initrd(self, base_cpio, out):
        """OUT = the cached dom0 initrd followed by a cpio archive of the job."""
        with open(out, "wb") as f:
            with open(base_cpio, "rb") as base:
                shutil.copyfileobj(base, f)
            f.write(b"\0" * (-f.tell() % 4))
            Cpio(f).write_all(self.entries())


class Cpio:
    """Minimal writer of the 'newc' cpio format that the Linux initramfs unpacker reads."""

    def __init__(self, f):
        self.f, self.ino, self.dirs = f, 1000, set()

    def _header(self, name, mode, size):
        self.ino += 1
        fields = [self.ino, mode, 0, 0, 1, 0, size, 0, 0, 0, 0, len(name) + 1, 0]
        self.f.write(b"070701" + "".join(f"{v:08x}" for v in fields).encode())
        self.f.write(name.encode() + b"\0")
        self._pad()

    def _pad(self):
        self.f.write(b"\0" * (-self.f.tell() % 4))

    def _mkdirs(self, name):
        parts = name.split("/")[:-1]
        for n in range(1, len(parts) + 1):
            d = "/".join(parts[:n])
            if d not in self.dirs:
                self.dirs.add(d)
                self._header(d, stat.S_IFDIR | 0o755, 0)

    def add(self, name, data, mode):
        self._mkdirs(name)
        if isinstance(data, bytes):
            self._header(name, stat.S_IFREG | mode, len(data))
            self.f.write(data)
        else:
            self._header(name, stat.S_IFREG | mode, os.path.getsize(data))
            with open(data, "rb") as src:
                shutil.copyfileobj(src, self.f)
        self._pad()

    def write_all(self, entries):
        for name, data, mode in entries:
            self.add(name, data, mode)
        self._header("TRAILER!!!", 0, 0)
