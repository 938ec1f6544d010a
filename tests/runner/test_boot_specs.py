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


# A Xen log in the runner's shape: the register dumps of two PVH guests' triple faults,
# the first in our kernel, the second with the outer Xen's state (the emulator's fault).
TRIPLE_LOG = """xenrun: pvh-other: running as domain 3
xenrun: pvh-boot: running as domain 4
(XEN) [  275.19] d4v0 Triple fault - invoking HVM shutdown action 1
(XEN) [  275.19] *** Dumping Dom4 vcpu#0 state: ***
(XEN) [  275.19] RIP:    0008:[<0000000000001000>]
(XEN) [  275.19] rbp: 000000000006df60   rsp: 0000000000048ad0   r8:  8000000000000067
(XEN) [  275.19] cr3: 00000000000d5000   cr2: 00000000000000f0
(XEN) [  275.19] ds: 0010   es: 0010   fs: 0000   gs: 0000   ss: 0010   cs: 0008
xenrun: pvh-core: running as domain 14
(XEN) [  407.58] d14v0 Triple fault - invoking HVM shutdown action 1
(XEN) [  407.58] *** Dumping Dom14 vcpu#0 state: ***
(XEN) [  407.58] RIP:    e008:[<ffff82d0402044a5>]
(XEN) [  407.58] RFLAGS: 0000000000000246   CONTEXT: hvm guest (d14v0)
(XEN) [  407.58] rbp: 00000000000bbf50   rsp: ffff8300bfc7ff70   r8:  0000000000000000
(XEN) [  407.58] cr3: 00000000bec40000   cr2: ffff82d0402044a5
(XEN) [  407.58] ds: 0000   es: 0000   fs: 0000   gs: 0000   ss: 0000   cs: e008
"""


class FaultReportTest(unittest.TestCase):
    def fault(self, dom, log):
        run = rbt.Run.__new__(rbt.Run)
        run.dom, run.kernel = dom, "/nonexistent/mini-os"
        with tempfile.TemporaryDirectory() as d:
            run.log = os.path.join(d, "xenrun.log")
            with open(run.log, "w") as f:
                f.write(log)
            fault = rbt.xen_fault(run)
            return fault, fault and rbt.describe_fault(run, fault)

    def test_triple_fault_of_this_domain(self):
        fault, text = self.fault("pvh-boot", TRIPLE_LOG)
        self.assertIn("RIP 0000000000001000", text)
        self.assertIn("RSP 0000000000048ad0", text)
        self.assertIn("CR2 00000000000000f0", text)
        self.assertFalse(rbt.in_xen_code(fault))

    def test_triple_fault_in_xen_code(self):
        fault, text = self.fault("pvh-core", TRIPLE_LOG)
        self.assertEqual(fault["rip"], "ffff82d0402044a5")
        self.assertTrue(rbt.in_xen_code(fault))
        self.assertIn("in Xen's code", text)

    def test_other_domains_fault_not_ours(self):
        self.assertEqual(self.fault("pvh-other", TRIPLE_LOG), (None, None))

    def test_no_log(self):
        run = rbt.Run.__new__(rbt.Run)
        run.dom, run.kernel, run.log = "pvh-boot", "k", "/nonexistent/xenrun.log"
        self.assertIsNone(rbt.xen_fault(run))


class RerunTest(unittest.TestCase):
    """rerun_xen_faults boots again only the runs whose unexpected end was a triple fault in
    Xen's code, and only once."""

    def setUp(self):
        self.saved = rbt.xen_fault, rbt.prepare, rbt.run_batch, rbt.describe_fault
        self.batches = []
        faults = {"emu": {"cs": "e008"}, "ours": {"cs": "0008"}}
        rbt.xen_fault = lambda run: faults.get(run.dom)
        rbt.describe_fault = lambda run, fault: "cs " + fault["cs"]
        rbt.prepare = lambda run: None
        rbt.run_batch = lambda runs, outdir, log: (
            self.batches.append([r.dom for r in runs]) or {r.dom: 0 for r in runs})

    def tearDown(self):
        rbt.xen_fault, rbt.prepare, rbt.run_batch, rbt.describe_fault = self.saved

    def run_named(self, dom, status="poweroff"):
        run = rbt.Run.__new__(rbt.Run)
        run.dom, run.spec, run.first_fault = dom, {"status": status}, None
        return run

    def test_only_xen_code_faults_run_again(self):
        runs = [self.run_named(d) for d in ("emu", "ours", "fine")]
        statuses = {"emu": 2, "ours": 2, "fine": 0}
        with tempfile.TemporaryDirectory() as d:
            rbt.rerun_xen_faults(runs, statuses, d)
        self.assertEqual(self.batches, [["emu"]])
        self.assertEqual(statuses, {"emu": 0, "ours": 2, "fine": 0})
        self.assertEqual(runs[0].first_fault, "cs e008")
        self.assertIsNone(runs[1].first_fault)

    def test_expected_reboot_not_run_again(self):
        runs = [self.run_named("emu", status="reboot")]
        with tempfile.TemporaryDirectory() as d:
            rbt.rerun_xen_faults(runs, {"emu": 2}, d)
        self.assertEqual(self.batches, [])


if __name__ == "__main__":
    unittest.main()
