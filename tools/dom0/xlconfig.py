# SPDX-License-Identifier: BSD-2-Clause
# xlconfig.py: read an xl domain config, find the host files it names, and write it back out.
"""Small reader/writer for xl domain configuration files (used by tools/xenrun).

An xl config is a list of `key = value` settings; values are strings, numbers or
lists of those. Only what tools/xenrun needs is interpreted: kernel, ramdisk, disk, p9,
name and the on_* actions. Comments are not preserved.
"""
import os
import re

TOKEN = re.compile(r"""
    (?P<space>[ \t\r]+|\\\n) | (?P<comment>\#[^\n]*) | (?P<newline>[\n;]) |
    (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*') |
    (?P<ident>[A-Za-z_][A-Za-z0-9_.]*) | (?P<number>[-+]?[0-9][0-9A-Za-z_.]*) |
    (?P<punct>[=\[\],])""", re.VERBOSE)

# Deprecated "prefix:" of a disk target -> disk format (None: keep the default, raw).
DISK_PREFIXES = {"phy": None, "file": None, "aio": None, "raw": None, "tap": None,
                 "tap2": None, "qcow": "qcow", "qcow2": "qcow2", "vhd": "vpc"}
DISK_FLAGS = {"cdrom", "discard", "no-discard", "direct-io-safe", "trusted", "untrusted"}


class ConfigError(Exception):
    pass


class Number(str):
    """A number kept as written in the config."""


def tokens(text):
    pos = 0
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            line = text.count("\n", 0, pos) + 1
            raise ConfigError(f"line {line}: cannot parse {text[pos:pos + 20]!r}")
        pos = m.end()
        kind = m.lastgroup
        if kind not in ("space", "comment"):
            yield kind, m.group(kind)


def unquote(s):
    return re.sub(r"\\(.)", r"\1", s[1:-1])


class Tokens:
    """The tokens of a config, one at a time: .kind and .val are the current one."""

    def __init__(self, text):
        self._it = tokens(text)
        self.advance()

    def advance(self):
        self.kind, self.val = next(self._it, ("eof", ""))


def parse_value(t):
    kind, val = t.kind, t.val
    t.advance()
    if kind == "string":
        return unquote(val)
    if kind in ("number", "ident"):
        return Number(val)
    if val != "[":
        raise ConfigError(f"unexpected {val!r} in a value")
    items = []
    while t.val != "]":
        if t.kind == "eof":
            raise ConfigError("unterminated list")
        if t.kind == "newline" or t.val == ",":
            t.advance()
        else:
            items.append(parse_value(t))
    t.advance()
    return items


def parse(text):
    """Return the settings of an xl config as an ordered dict."""
    settings = {}
    t = Tokens(text)
    while t.kind != "eof":
        if t.kind == "newline":
            t.advance()
            continue
        key = t.val
        if t.kind != "ident":
            raise ConfigError(f"expected 'key =' at {key!r}")
        t.advance()
        if t.val != "=":
            raise ConfigError(f"expected '=' after {key!r}")
        t.advance()
        settings[key] = parse_value(t)
        if t.kind not in ("newline", "eof"):
            raise ConfigError(f"unexpected {t.val!r} after the value of {key}")
    return settings


def format_value(value):
    if isinstance(value, list):
        return "[ " + ", ".join(format_value(v) for v in value) + " ]"
    if isinstance(value, Number):
        return str(value)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(settings):
    return "".join(f"{k} = {format_value(v)}\n" for k, v in settings.items())


class Disk:
    """One disk = [...] entry: its host target, format, access and the other parameters."""

    def __init__(self, spec):
        self.params = {}          # keyword parameters other than the ones below
        self.flags = []
        self.target, self.format, self.vdev, self.access = "", None, None, "rw"
        self.backendtype, self.script = None, None
        self.file_prefix = False
        self._parse(spec)

    def _parse(self, spec):
        rest = spec
        positional = []
        while rest:
            field, _, rest = rest.partition(",")
            field = field.strip()
            if field.startswith("target="):
                self.target = (field[len("target="):] + ("," + rest if rest else "")).strip()
                break
            if "=" in field:
                key, _, val = field.partition("=")
                self._keyword(key.strip(), val.strip())
            elif field in DISK_FLAGS:
                self.flags.append(field)
            else:
                positional.append(field)
        self._positional(positional)
        if "devtype" in self.params and self.params["devtype"] == "cdrom" or "cdrom" in self.flags:
            self.access = "ro"

    def _keyword(self, key, val):
        if key in ("format", "vdev", "access", "backendtype", "script"):
            setattr(self, key, val)
        else:
            self.params[key] = val

    def _positional(self, fields):
        names = ["target", "format", "vdev", "access"]
        if fields and ":" in fields[0]:
            prefix, _, target = fields[0].partition(":")
            if prefix in DISK_PREFIXES:
                self.file_prefix = prefix == "file"
                if prefix in ("tap", "tap2") and ":" in target:
                    prefix, _, target = target.partition(":")
                fields[0] = target
                self.format = self.format or DISK_PREFIXES.get(prefix)
                self.backendtype = self.backendtype or ("phy" if prefix == "phy" else None)
                names = ["target", "vdev", "access"]
        for name, val in zip(names, fields):
            if val:
                setattr(self, name, val)
        if self.vdev and self.vdev.endswith(":cdrom"):
            self.vdev = self.vdev[:-len(":cdrom")]
            self.params["devtype"] = "cdrom"
            self.access = "ro"

    @property
    def readonly(self):
        return self.access.rstrip("!") in ("r", "ro")

    @property
    def qdisk(self):
        """Served by QEMU in dom0 (backendtype=qdisk or a file: target), not blkback."""
        return self.backendtype == "qdisk" or self.file_prefix

    def spec(self, target, in_xenrun=True):
        """The entry in xl keyword syntax with TARGET as the backing store. In xenrun's dom0
        the target is a raw block device (QEMU did the format), served by blkback, or by
        dom0's QEMU for a qdisk/file: disk."""
        fields = [f"format={'raw' if in_xenrun else (self.format or 'raw')}"]
        if self.vdev:
            fields.append(f"vdev={self.vdev}")
        fields.append(f"access={'ro' if self.readonly else 'rw'}")
        if in_xenrun:
            fields.append(f"backendtype={'qdisk' if self.qdisk else 'phy'}")
        else:
            fields += [f"{k}={v}" for k, v in (("backendtype", self.backendtype),
                                                ("script", self.script)) if v]
        fields += [f"{k}={v}" for k, v in self.params.items()] + self.flags
        if target:
            fields.append(f"target={target}")
        return ", ".join(fields)


# The CPU family xenrun's PV shim guests see. The emulated CPU (QEMU's qemu64) says AMD
# family 15, which sends Xen's shim down its K8 path in init_amd, where it takes a general
# protection fault on an MSR that QEMU does not emulate; families 16, 23 and 25 boot.
SHIM_CPUID = "host,family=23"

# QEMU's emulated TSC is neither constant nor reliable to Xen, so by default Xen traps and
# emulates every rdtsc of an HVM-container guest (PVH, and the PV shim's domain). Of the
# four guest triple faults seen in the runner (2026-11-28), three had RIP just after an
# rdtsc (our pv_clock in PVH; the shim's time code twice): the suspect is that exit under
# QEMU's emulated SVM. "native" makes Xen leave rdtsc to the CPU; a one-vCPU guest loses
# nothing by it (the PV clock scales the raw TSC with what Xen publishes either way).
CONTAINER_TSC_MODE = "native"


def is_true(value):
    return str(value).strip().strip('"').lower() in ("1", "true", "yes")


def emulated_machine_policy(settings):
    """Settings to add so an HVM-container guest (PVH, pvshim) runs well in xenrun's
    emulated machine: native TSC, and for the shim a CPU family it boots on, unless the
    config chose its own. Xen, dom0 and PV guests keep what they were tested with."""
    out = {}
    if str(settings.get("type", "")).strip().strip('"') != "pvh":
        return out
    if "tsc_mode" not in settings:
        out["tsc_mode"] = CONTAINER_TSC_MODE
    if is_true(settings.get("pvshim", "0")) and "cpuid" not in settings:
        out["cpuid"] = SHIM_CPUID
    return out


class Share:
    """One p9 = [...] entry: 'tag=T,security_model=M,path=DIR' (xl's keys), plus the
    runner's own access=ro|rw (default rw), which xl does not know and is dropped."""

    def __init__(self, spec):
        self.params = {}
        for field in spec.split(","):
            key, eq, val = field.strip().partition("=")
            if not eq:
                raise ConfigError(f"p9 entry {spec!r}: {field!r} is not KEY=VALUE")
            self.params[key.strip()] = val.strip()
        self.access = self.params.pop("access", "rw")
        if self.access not in ("ro", "rw"):
            raise ConfigError(f"p9 entry {spec!r}: access must be ro or rw")
        if not self.params.get("tag") or not self.params.get("path"):
            raise ConfigError(f"p9 entry {spec!r}: needs tag= and path=")
        self.params.setdefault("security_model", "none")

    @property
    def path(self):
        return self.params["path"]

    @property
    def readonly(self):
        return self.access == "ro"

    def spec(self, path):
        """The entry for xl with PATH as the directory (access= left out)."""
        return ",".join(f"{k}={path if k == 'path' else v}" for k, v in self.params.items())


class Guest:
    """A guest config file and the host files it names (paths relative to its directory)."""

    ACTIONS = ("on_poweroff", "on_reboot", "on_crash", "on_watchdog")

    def __init__(self, path):
        self.path = os.path.abspath(path)
        self.base = os.path.dirname(self.path)
        try:
            with open(self.path, encoding="utf-8") as f:
                self.settings = parse(f.read())
        except (OSError, UnicodeDecodeError) as e:
            raise ConfigError(f"{path}: {e}") from e
        except ConfigError as e:
            raise ConfigError(f"{path}: {e}") from e
        stem = os.path.basename(self.path).rsplit(".", 1)[0]
        self.name = str(self.settings.setdefault("name", stem))
        disks = self.settings.get("disk", [])
        self.disks = [Disk(str(d)) for d in (disks if isinstance(disks, list) else [disks])]
        shares = self.settings.get("p9", [])
        self.shares = [Share(str(s)) for s in (shares if isinstance(shares, list) else [shares])]

    def host_path(self, value):
        return os.path.normpath(os.path.join(self.base, os.path.expanduser(str(value))))

    def vnc(self):
        """Whether one of the guest's vfbs has a VNC server (type=vnc or vnc=1)."""
        vfbs = self.settings.get("vfb", [])
        for spec in vfbs if isinstance(vfbs, list) else [vfbs]:
            opts = dict(o.strip().partition("=")[::2] for o in str(spec).split(","))
            if opts.get("type") == "vnc" or opts.get("vnc") == "1":
                return True
        return False

    def files(self):
        """{"kernel": host path, "ramdisk": host path} for the ones set."""
        return {k: self.host_path(self.settings[k])
                for k in ("kernel", "ramdisk") if self.settings.get(k)}

    def rewritten(self, files, disk_targets, in_xenrun=True, share_paths=()):
        """The config text with FILES ({key: new path}), one new target per disk and one
        new directory per p9 share."""
        out = dict(self.settings)
        out.update(files)
        if self.disks:
            out["disk"] = [d.spec(t, in_xenrun) for d, t in zip(self.disks, disk_targets)]
        if self.shares:
            out["p9"] = [s.spec(p) for s, p in zip(self.shares, share_paths)]
        for action in self.ACTIONS:
            out[action] = "preserve"
        if in_xenrun:
            out.update(emulated_machine_policy(self.settings))
        return write(out)
