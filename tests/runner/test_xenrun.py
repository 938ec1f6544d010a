# SPDX-License-Identifier: BSD-2-Clause
# test_xenrun.py: unit tests of tools/xenrun's host side (no QEMU): configs, job, protocol.
# Run: python3 -m unittest discover -s tests/runner
import importlib.machinery
import importlib.util
import io
import os
import select
import selectors
import shutil
import socket
import subprocess
import sys
import tempfile
import types
import unittest
from unittest import mock

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, "tools", "dom0"))

import job  # noqa: E402
import machine  # noqa: E402
import session  # noqa: E402
import xlconfig  # noqa: E402

_loader = importlib.machinery.SourceFileLoader("xenrun", os.path.join(ROOT, "tools", "xenrun"))
xenrun = importlib.util.module_from_spec(importlib.util.spec_from_loader("xenrun", _loader))
_loader.exec_module(xenrun)


class ParseTest(unittest.TestCase):
    def test_values(self):
        s = xlconfig.parse('# c\nkernel = "k" # c\nmemory=32; vcpus = 2\n'
                           "disk = [ 'a,b',\n  \"c\" ,]\nextra = 'x \\' y'\n")
        self.assertEqual(s, {"kernel": "k", "memory": "32", "vcpus": "2",
                             "disk": ["a,b", "c"], "extra": "x ' y"})
        self.assertIsInstance(s["memory"], xlconfig.Number)

    def test_errors(self):
        for text in ("kernel 'x'\n", "kernel = [ 'a'\n", "= 3\n", "a = 'b' 'c'\n"):
            with self.assertRaises(xlconfig.ConfigError, msg=text):
                xlconfig.parse(text)

    def test_write_roundtrip(self):
        s = {"name": 'a"b', "memory": xlconfig.Number("4"), "disk": ["x", "y"]}
        self.assertEqual(xlconfig.parse(xlconfig.write(s)), s)


class DiskTest(unittest.TestCase):
    def check(self, spec, target, fmt, vdev, readonly):
        d = xlconfig.Disk(spec)
        self.assertEqual((d.target, d.format, d.vdev, d.readonly),
                         (target, fmt, vdev, readonly), spec)

    def test_forms(self):
        self.check("/dev/vg/v,,hda", "/dev/vg/v", None, "hda", False)
        self.check("/dev/vg/v,raw,hda,rw", "/dev/vg/v", "raw", "hda", False)
        self.check("format=raw, vdev=hda, access=rw, target=/dev/vg/v", "/dev/vg/v", "raw",
                   "hda", False)
        self.check("raw:/dev/vg/v,hda,w", "/dev/vg/v", None, "hda", False)
        self.check("file:disk.img,xvda,w", "disk.img", None, "xvda", False)
        self.check("phy:/dev/loop0,xvdb,r", "/dev/loop0", None, "xvdb", True)
        self.check("tap:qcow2:a.qcow2,xvdc,w", "a.qcow2", "qcow2", "xvdc", False)
        self.check("/root/image.iso,,hdc,cdrom", "/root/image.iso", None, "hdc", True)
        self.check("raw:/root/image.iso,hdc:cdrom,ro", "/root/image.iso", None, "hdc", True)
        self.check("vdev=xvda, target=a,b.img", "a,b.img", None, "xvda", False)

    def test_spec(self):
        # file: and backendtype=qdisk go to dom0's QEMU; everything else to blkback.
        d = xlconfig.Disk("file:disk.img,xvda,r")
        self.assertEqual(d.spec("/dev/xenrun/d0"),
                         "format=raw, vdev=xvda, access=ro, backendtype=qdisk, "
                         "target=/dev/xenrun/d0")
        d = xlconfig.Disk("format=raw,vdev=xvdb,access=rw,backendtype=qdisk,target=b.img")
        self.assertIn("backendtype=qdisk", d.spec("/dev/xenrun/d1"))
        d = xlconfig.Disk("disk.img,raw,xvdc,w")
        self.assertEqual(d.spec("/dev/xenrun/d2"),
                         "format=raw, vdev=xvdc, access=rw, backendtype=phy, "
                         "target=/dev/xenrun/d2")


class Workdir(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def file(self, name, text=""):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path


class GuestTest(Workdir):
    def test_rewrite(self):
        self.file("k")
        cfg = self.file("t.cfg", 'kernel = "k"\nmemory = 32\non_crash = "destroy"\n')
        g = xlconfig.Guest(cfg)
        self.assertEqual(g.name, "t")
        self.assertEqual(g.files(), {"kernel": os.path.join(self.dir, "k")})
        out = xlconfig.parse(g.rewritten({"kernel": "/xenrun/g0/kernel"}, []))
        self.assertEqual(out["kernel"], "/xenrun/g0/kernel")
        for action in xlconfig.Guest.ACTIONS:
            self.assertEqual(out[action], "preserve")

    def test_vnc(self):
        for vfb, vnc in (("", False), ("vfb = ['type=vnc']", True),
                         ("vfb = [ 'vnc=1, vnclisten=0.0.0.0' ]", True),
                         ("vfb = ['type=sdl']", False), ("vfb = ['vnc=0']", False)):
            cfg = self.file("t.cfg", f"kernel = 'k'\n{vfb}\n")
            self.assertEqual(xlconfig.Guest(cfg).vnc(), vnc, vfb)

    def test_emulated_machine_policy(self):
        """PVH and pvshim guests get native TSC, pvshim ones also a CPU family the shim
        boots on, unless they chose their own."""
        self.file("k")
        for extra, cpuid, tsc in (("", None, None),
                                  ('type = "pvh"\npvshim = 1\n', "host,family=23", "native"),
                                  ('type = "pvh"\n', None, "native"),
                                  ('type = "pvh"\npvshim = 1\ncpuid = "host,family=16"\n',
                                   "host,family=16", "native"),
                                  ('type = "pvh"\ntsc_mode = "default"\n', None, "default"),
                                  ("pvshim = 0\n", None, None)):
            g = xlconfig.Guest(self.file("t.cfg", f'kernel = "k"\n{extra}'))
            out = xlconfig.parse(g.rewritten({}, []))
            self.assertEqual((out.get("cpuid"), out.get("tsc_mode")), (cpuid, tsc), extra)
        # On a real Xen host the real CPU is used: nothing added.
        g = xlconfig.Guest(self.file("t.cfg", 'kernel = "k"\ntype = "pvh"\npvshim = 1\n'))
        out = xlconfig.parse(g.rewritten({}, [], in_xenrun=False))
        self.assertNotIn("cpuid", out)
        self.assertNotIn("tsc_mode", out)


class OptionsTest(unittest.TestCase):
    def vnc(self, argv, env=None):
        with mock.patch.dict(os.environ, env or {}):
            if not env:
                os.environ.pop("XENRUN_VNC", None)
            return xenrun.parse_args(argv + ["c.cfg"]).vnc

    def test_vnc(self):
        self.assertEqual(self.vnc(["-i"]), 5900)
        self.assertEqual(self.vnc(["--timeout", "5"]), 0)
        self.assertEqual(self.vnc(["--timeout", "5", "--vnc", "5901"]), 5901)
        self.assertEqual(self.vnc(["-i", "--vnc", "0"]), 0)
        self.assertEqual(self.vnc(["--batch", "o"], {"XENRUN_VNC": "6000"}), 6000)
        self.assertEqual(self.vnc(["-i", "--vnc", "7"], {"XENRUN_VNC": "6000"}), 7)
        with mock.patch("sys.stderr", new_callable=io.StringIO):
            for bad in ("x", "-1", "70000"):
                with self.assertRaises(SystemExit, msg=bad):
                    self.vnc(["-i", "--vnc", bad])

    def test_vnc_port_taken(self):
        guest = mock.Mock(**{"vnc.return_value": True})
        with socket.create_server(("127.0.0.1", 0)) as busy, \
                mock.patch("sys.stderr", new_callable=io.StringIO) as err:
            args = types.SimpleNamespace(vnc=busy.getsockname()[1])
            self.assertIsNone(xenrun.vnc_relay(args, [guest], "/nonexistent", None))
        self.assertIn("no VNC: cannot listen on 127.0.0.1:", err.getvalue())


class JobTest(Workdir):
    def test_drives(self):
        self.file("k")
        self.file("a.img")
        self.file("b.img")
        c1 = self.file("one.cfg", "kernel = 'k'\ndisk = ['a.img,,xvda,w', 'b.img,,xvdb,r']\n")
        c2 = self.file("two.cfg", "kernel = 'k'\ndisk = ['file:a.img,xvda,w']\n")
        j = job.Job([xlconfig.Guest(c1), xlconfig.Guest(c2)], "stream", 30)
        self.assertEqual([(os.path.basename(d.path), d.readonly) for d in j.drives],
                         [("a.img", False), ("b.img", True)])
        self.assertIn("target=/dev/xenrun/d1", j.configs[0])
        self.assertIn("target=/dev/xenrun/d0", j.configs[1])
        self.assertIn("readonly=on", " ".join(j.qemu_args()))

    def test_shares(self):
        # p9 paths are host directories relative to the config; each distinct (directory,
        # access) is one virtio-9p export, mounted in dom0 and named in the guest config.
        self.file("k")
        os.makedirs(os.path.join(self.dir, "sh"))
        cfg = self.file("t.cfg", "kernel = 'k'\np9 = [ 'tag=a,path=sh', "
                                 "'tag=b,security_model=none,path=sh,access=ro' ]\n")
        j = job.Job([xlconfig.Guest(cfg)], "stream", 30)
        self.assertEqual([(e.path, e.readonly) for e in j.exports],
                         [(os.path.join(self.dir, "sh"), False),
                          (os.path.join(self.dir, "sh"), True)])
        out = xlconfig.parse(j.configs[0])
        self.assertEqual(out["p9"], ["tag=a,path=/xenrun/p9/0,security_model=none",
                                     "tag=b,security_model=none,path=/xenrun/p9/1"])
        args = " ".join(j.qemu_args())
        self.assertIn("security_model=none,id=xrp0 ", args + " ")
        self.assertIn("security_model=none,id=xrp1,readonly=on", args)
        self.assertIn("virtio-9p-pci,fsdev=xrp1,mount_tag=xrp1,bus=xrb0,addr=0x2", args)
        self.assertEqual({n: d for n, d, _ in j.entries()}["xenrun/shares"], b"0 rw\n1 ro\n")

    def test_many_drives_behind_bridges(self):
        """More drives than QEMU's main PCI bus holds go behind PCI-to-PCI bridges."""
        self.file("k")
        disks = ", ".join(f"'file:d{i}.img,xvd{chr(97 + i % 26)},w'" for i in range(40))
        for i in range(40):
            self.file(f"d{i}.img")
        cfg = self.file("t.cfg", f"kernel = 'k'\ndisk = [ {disks} ]\n")
        j = job.Job([xlconfig.Guest(cfg)], "stream", 30)
        args = " ".join(j.qemu_args())
        self.assertEqual(args.count("pci-bridge"), 2)
        self.assertIn("serial=xrd30,bus=xrb0,addr=0x1f", args)
        self.assertIn("serial=xrd31,bus=xrb1,addr=0x1", args)

    def test_share_errors(self):
        self.file("k")
        for p9 in ("'tag=a,path=nodir'", "'path=x'", "'tag=a,path=x,access=rx'", "'tag=a,x'"):
            cfg = self.file("t.cfg", f"kernel = 'k'\np9 = [ {p9} ]\n")
            with self.assertRaises(xlconfig.ConfigError, msg=p9):
                job.Job([xlconfig.Guest(cfg)], "stream", 30)

    def test_missing(self):
        cfg = self.file("t.cfg", "kernel = 'nope'\n")
        with self.assertRaises(xlconfig.ConfigError):
            job.Job([xlconfig.Guest(cfg)], "stream", 30)

    @unittest.skipUnless(shutil.which("cpio"), "needs cpio")
    def test_initrd(self):
        self.file("k", "KERNEL")
        base = self.file("base.cpio")
        subprocess.run(f"cd {self.dir} && echo k | cpio -o -H newc --quiet > base.cpio",
                       shell=True, check=True)
        cfg = self.file("t.cfg", "kernel = 'k'\n")
        j = job.Job([xlconfig.Guest(cfg)], "stream", 30, dom0script=self.file("s.sh", "x"))
        j.write_initrd(base, os.path.join(self.dir, "initrd"))
        with open(os.path.join(self.dir, "initrd"), "rb") as f:
            files = read_newc(f.read())
        self.assertEqual(files["k"], b"KERNEL")
        self.assertEqual(files["xenrun/g0/kernel"], b"KERNEL")
        self.assertEqual(files["xenrun/g0/name"], b"t\n")
        self.assertIn(b"XR_COUNT=1", files["xenrun/job"])
        self.assertIn("xenrun/dom0script", files)


def read_newc(data):
    """{name: contents} of every regular file in concatenated newc cpio archives."""
    files, pos = {}, 0
    while pos < len(data):
        if data[pos:pos + 4] == b"\0\0\0\0":
            pos += 4
            continue
        assert data[pos:pos + 6] == b"070701", f"bad header at {pos}"
        mode, size, namesize = (int(data[pos + 6 + 8 * i:pos + 14 + 8 * i], 16)
                                for i in (1, 6, 11))
        name = data[pos + 110:pos + 110 + namesize - 1].decode()
        pos = (pos + 110 + namesize + 3) & ~3
        if mode & 0o170000 == 0o100000:
            files[name] = data[pos:pos + size]
        pos = (pos + size + 3) & ~3
    return files


class ProtocolTest(unittest.TestCase):
    def test_frames(self):
        outs = [io.BytesIO(), io.BytesIO()]
        s = session.Session(["a", "b"], outs, None, 10, 60)
        stream = (b"HELLO\nBEGIN 0\nDOMID 0 1\nDATA 5\nhel\nlDATA 2\n\n\nEND 0 1\n"
                  b"BEGIN 1\nERROR 1 xl create failed: no\nEND 1 3\nALLDONE\n")
        err = sys.stderr
        sys.stderr = io.StringIO()
        try:
            for i in range(len(stream)):            # one byte at a time
                s.on_ctl(stream[i:i + 1])
        finally:
            sys.stderr = err
        self.assertEqual(outs[0].getvalue(), b"hel\nl\n\n")
        self.assertEqual(outs[1].getvalue(), b"")
        self.assertEqual(s.status, [1, 3])
        self.assertTrue(s.done and s.booted)

    def test_vnc(self):
        s = session.Session(["a"], [io.BytesIO()], None, 10, 60)
        s.vnc = mock.Mock(port=5901)
        with mock.patch("sys.stderr", new_callable=io.StringIO) as err:
            s.on_ctl(b"HELLO\nBEGIN 0\nVNC 0 5900\nEND 0 0\n")
        self.assertIn("a: VNC for the guest framebuffer: vncviewer 127.0.0.1::5901",
                      err.getvalue())
        s.vnc.drop.assert_called_once()

    def test_exit_status(self):
        """The libc's "exit status N" line is remembered per guest and reported."""
        s = session.Session(["a", "b"], [io.BytesIO(), io.BytesIO()], None, 10, 60)
        text = b"x\r\nexit status 4\r\nexit status 42\r\n"
        stream = (b"HELLO\nBEGIN 0\nDATA %d\n%sEND 0 0\n" % (len(text), text)
                  + b"BEGIN 1\nDATA 14\nexit status 7\nEND 1 1\n")
        with mock.patch("sys.stderr", new_callable=io.StringIO) as err:
            for i in range(len(stream)):
                s.on_ctl(stream[i:i + 1])
        self.assertEqual(s.exit_code, [42, 7])
        self.assertIn("a: powered off, exit status 42", err.getvalue())
        self.assertIn("b: crashed\n", err.getvalue())


class FakeMachine:
    """The part of machine.Machine that VncRelay uses, with a loop to run it."""

    def __init__(self):
        self.sel = selectors.DefaultSelector()

    def watch(self, fd, func):
        self.sel.register(fd, selectors.EVENT_READ, func)

    def unwatch(self, fd):
        if fd in self.sel.get_map():
            self.sel.unregister(fd)

    def pump(self, until):
        for _ in range(100):
            if until():
                return
            for key, _ in self.sel.select(0.05):
                key.data()
        raise AssertionError("relay made no progress")


class VncRelayTest(Workdir):
    """machine.VncRelay against a unix socket that stands in for QEMU's "vnc" chardev."""

    def test_viewers(self):
        qemu = socket.socket(socket.AF_UNIX)
        qemu.bind(os.path.join(self.dir, "vnc.sock"))
        qemu.listen(1)
        m = FakeMachine()
        relay = machine.VncRelay(0, self.dir)
        relay.GAP = 0.1
        relay.attach(m)
        try:
            for n in range(2):                   # a viewer, and after it has gone, another
                viewer = socket.create_connection(("127.0.0.1", relay.port))
                m.pump(lambda: relay.viewer)
                dom0, _ = qemu.accept()
                dom0.sendall(b"RFB 003.008\n")
                m.pump(lambda: select_ready(viewer))
                self.assertEqual(viewer.recv(100), b"RFB 003.008\n")
                viewer.sendall(b"hello %d" % n)
                m.pump(lambda: select_ready(dom0))
                self.assertEqual(dom0.recv(100), b"hello %d" % n)
                other = socket.create_connection(("127.0.0.1", relay.port))
                m.pump(lambda: select_ready(other))
                self.assertEqual(other.recv(100), b"")     # one viewer at a time
                other.close()
                viewer.close()
                m.pump(lambda: not relay.viewer)
                self.assertEqual(dom0.recv(100), b"")      # dom0 sees the viewer go
                dom0.close()
        finally:
            relay.close()
            qemu.close()


def select_ready(sock):
    return bool(select.select([sock], [], [], 0)[0])


class ShellcheckTest(unittest.TestCase):
    @unittest.skipUnless(shutil.which("shellcheck"), "needs shellcheck")
    def test_scripts(self):
        d = os.path.join(ROOT, "tools", "dom0")
        scripts = [os.path.join(d, f) for f in ("mkdom0", "init", "guest.sh", "block",
                                                "vif-bridge", "vnc-relay")]
        r = subprocess.run(["shellcheck", "-x"] + scripts, capture_output=True, text=True,
                           cwd=d)
        self.assertEqual(r.returncode, 0, r.stdout)


if __name__ == "__main__":
    unittest.main()
