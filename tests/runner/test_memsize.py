# SPDX-License-Identifier: BSD-2-Clause
# test_memsize.py: the emulated machine's RAM sized from the guests (tools/dom0/memsize.py).
import os
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, "tools", "dom0"))

import memsize  # noqa: E402
import xlconfig  # noqa: E402


def cfg(text):
    return xlconfig.parse(text)


class MemsizeTest(unittest.TestCase):
    def test_guest_mb(self):
        self.assertEqual(memsize.guest_mb(cfg("memory = 32\n")), 32)
        self.assertEqual(memsize.guest_mb(cfg("memory = 32\nmaxmem = 96\n")), 96)
        self.assertEqual(memsize.guest_mb(cfg("kernel = 'k'\n")), 128)   # xl's default

    def test_small_guests_keep_the_old_size(self):
        self.assertEqual(memsize.machine_mb([cfg("memory = 32\n")] * 3, 512), 2048)

    def test_large_guest_grows_the_machine(self):
        # the 2 GiB boot test failed in a 2048 MiB machine ("can't allocate low memory")
        mb = memsize.machine_mb([cfg("memory = 32\n"), cfg("memory = 2048\n")], 512, None, 20000)
        self.assertGreaterEqual(mb, 2048 + 512 + 256)
        self.assertEqual(mb % 256, 0)
        # guests run in turn: the largest counts, not the sum
        self.assertEqual(mb, memsize.machine_mb([cfg("memory = 2048\n")], 512, None, 20000))

    def test_host_too_small(self):
        with self.assertRaises(memsize.MemorySizeError) as e:
            memsize.machine_mb([cfg("memory = 8192\n")], 512, None, 4000)
        self.assertIn("host has only 4000 MiB", str(e.exception))
        self.assertIn("lower memory =", str(e.exception))
        # a small run on a small host: the machine shrinks to what the host has (>= the need)
        self.assertEqual(memsize.machine_mb([cfg("memory = 32\n")], 512, None, 1500), 1500)

    def test_override(self):
        self.assertEqual(memsize.machine_mb([cfg("memory = 32\n")], 512, "4096", 100), 4096)
        with self.assertRaises(memsize.MemorySizeError) as e:
            memsize.machine_mb([cfg("memory = 2048\n")], 512, "2048")
        self.assertIn("unset XENRUN_MEM", str(e.exception))
        with self.assertRaises(memsize.MemorySizeError):
            memsize.machine_mb([], 512, "lots")

    def test_host_available(self):
        with tempfile.NamedTemporaryFile("w", suffix=".meminfo") as f:
            f.write("MemTotal: 8000000 kB\nMemAvailable: 2048000 kB\nSwapFree: 1024 kB\n")
            f.flush()
            self.assertEqual(memsize.host_available_mb(f.name), 2000 + 1)
        self.assertIsNone(memsize.host_available_mb("/nonexistent"))


if __name__ == "__main__":
    unittest.main()
