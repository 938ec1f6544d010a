# SPDX-License-Identifier: BSD-2-Clause
# test_linuxguest.py: `linux = "CMD"` configs (tools/dom0/linuxguest.py) and the job's shared files.
import os
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, "tools", "dom0"))

import job  # noqa: E402
import linuxguest  # noqa: E402
import xlconfig  # noqa: E402


class LinuxGuestTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.cache = os.path.join(self.dir.name, "cache")
        os.makedirs(os.path.join(self.cache, "linux"))
        for f in ("vmlinuz", "linux/initrd.cpio"):
            with open(os.path.join(self.cache, f), "wb") as out:
                out.write(b"x" * 100)

    def tearDown(self):
        self.dir.cleanup()

    def guest(self, name, text):
        path = os.path.join(self.dir.name, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return xlconfig.Guest(path)

    def test_apply(self):
        g = self.guest("l.cfg", 'linux = "lbench run smoke"\nextra = "xenrun.ip=10.0.0.3/24"\n')
        self.assertTrue(linuxguest.wanted([g]))
        linuxguest.apply(g, self.cache)
        self.assertNotIn("linux", g.settings)
        self.assertEqual(g.files(), {"kernel": os.path.join(self.cache, "vmlinuz"),
                                     "ramdisk": os.path.join(self.cache, "linux/initrd.cpio")})
        self.assertEqual(g.settings["extra"],
                         "console=hvc0 quiet xenrun.ip=10.0.0.3/24 -- lbench run smoke")
        shell = self.guest("s.cfg", 'linux = ""\n')
        linuxguest.apply(shell, self.cache)
        self.assertEqual(shell.settings["extra"], "console=hvc0 quiet")

    def test_kernel_and_linux_conflict(self):
        g = self.guest("k.cfg", 'linux = "x"\nkernel = "k"\n')
        with self.assertRaises(xlconfig.ConfigError):
            linuxguest.apply(g, self.cache)

    def test_job_copies_a_shared_kernel_once(self):
        guests = [self.guest(f"g{i}.cfg", 'linux = "true"\n') for i in range(3)]
        for g in guests:
            linuxguest.apply(g, self.cache)
        j = job.Job(guests, "stream", 10)
        names = [name for name, _, _ in j.entries()]
        self.assertEqual(names.count("xenrun/g0/kernel"), 1)
        self.assertNotIn("xenrun/g1/kernel", names)
        self.assertIn('kernel = "/xenrun/g0/kernel"', j.configs[2])
        self.assertIn('ramdisk = "/xenrun/g0/ramdisk"', j.configs[1])


if __name__ == "__main__":
    unittest.main()
