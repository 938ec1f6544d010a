# SPDX-License-Identifier: BSD-2-Clause
# test_boot_specs.py: the boot-test headers (tests/boot/run-boot-tests parse()).
import glob
import importlib.machinery
import importlib.util
import os
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.dont_write_bytecode = True
_loader = importlib.machinery.SourceFileLoader(
    "run_boot_tests", os.path.join(ROOT, "tests", "boot", "run-boot-tests"))
_spec = importlib.util.spec_from_loader("run_boot_tests", _loader)
rbt = importlib.util.module_from_spec(_spec)
_loader.exec_module(rbt)


class BootSpecTest(unittest.TestCase):
    def parse_text(self, text, mode="pv"):
        with tempfile.NamedTemporaryFile("w", suffix=".cfg") as f:
            f.write(text)
            f.flush()
            return rbt.parse(f.name, mode)

    def test_modes_default_pv(self):
        self.assertEqual(self.parse_text('kernel = "k"\n')["modes"], ["pv"])

    def test_modes_line(self):
        self.assertEqual(self.parse_text("# modes: pv pvh shim32\n")["modes"],
                         ["pv", "pvh", "shim32"])

    def test_two_modes_lines_refused(self):
        with self.assertRaises(SystemExit):
            self.parse_text("# modes: pv pvh\n# modes: pv shim32\n")

    def test_every_config_parses(self):
        for path in glob.glob(os.path.join(ROOT, "tests", "boot", "*.cfg")):
            spec = rbt.parse(path)
            self.assertTrue(set(spec["modes"]) <= set(rbt.MODES), path)


if __name__ == "__main__":
    unittest.main()
