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


# A Xen log in the runner's shape: the register dump of a PVH guest's triple fault.
TRIPLE_LOG = """xenrun: pvh-other: running as domain 3
xenrun: pvh-boot: running as domain 4
(XEN) [  275.19] d4v0 Triple fault - invoking HVM shutdown action 1
(XEN) [  275.19] *** Dumping Dom4 vcpu#0 state: ***
(XEN) [  275.19] RIP:    0008:[<0000000000001000>]
(XEN) [  275.19] rbp: 000000000006df60   rsp: 0000000000048ad0   r8:  8000000000000067
(XEN) [  275.19] cr3: 00000000000d5000   cr2: 00000000000000f0
"""


class FaultReportTest(unittest.TestCase):
    def report(self, dom, log):
        run = rbt.Run.__new__(rbt.Run)
        run.dom, run.kernel = dom, "/nonexistent/mini-os"
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "xenrun.log"), "w") as f:
                f.write(log)
            return rbt.xen_fault_report(run, d)

    def test_triple_fault_of_this_domain(self):
        text = self.report("pvh-boot", TRIPLE_LOG)
        self.assertIn("RIP 0000000000001000", text)
        self.assertIn("RSP 0000000000048ad0", text)
        self.assertIn("CR2 00000000000000f0", text)

    def test_other_domains_fault_not_ours(self):
        self.assertIsNone(self.report("pvh-other", TRIPLE_LOG))

    def test_no_log(self):
        run = rbt.Run.__new__(rbt.Run)
        run.dom, run.kernel = "pvh-boot", "k"
        self.assertIsNone(rbt.xen_fault_report(run, "/nonexistent"))


if __name__ == "__main__":
    unittest.main()
