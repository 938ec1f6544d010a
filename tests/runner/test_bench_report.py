# SPDX-License-Identifier: BSD-2-Clause
# test_bench_report.py: make bench's figures from console lines and dom0 readings (tools/bench/report.py).
import os
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, "tools", "bench"))

import report  # noqa: E402
import tcp  # noqa: E402

CONSOLE = """boot: start_kernel at 5 ns
bench: app ours mode=full
bench: boot start_kernel_ns=0 app_ns=2500000
bench: mem free_kib=60000 total_kib=65536
bench: disk.phy.seqread.qd8 bytes=1073741824 ios=1024 ns=2000000000
bench: disk.phy.randread.qd1 bytes=4096000 ios=1000 ns=500000000
bench: net.tx.64 bytes=640000 ios=10000 ns=1000000000
bench: not a figure line
"""


class ReportTest(unittest.TestCase):
    def test_console_figures(self):
        with tempfile.NamedTemporaryFile("w", suffix=".console") as f:
            f.write(CONSOLE)
            f.flush()
            con = report.console_figures(f.name)
        self.assertEqual(con["disk.phy.seqread.qd8"]["ios"], 1024)
        self.assertEqual(con["boot"]["app_ns"], 2500000)
        self.assertNotIn("not", con)

    def test_figures(self):
        with tempfile.NamedTemporaryFile("w", suffix=".console") as f:
            f.write(CONSOLE)
            f.flush()
            con = report.console_figures(f.name)
        d0 = {"cpu.start.disk.phy.seqread.qd8": "10.0", "cpu.end.disk.phy.seqread.qd8": "10.5",
              "cpu.start.idle": "11.0", "cpu.end.idle": "11.3", "rtt.ms": ["0.5", "0.3", "0.9"],
              "t_create": "100.00", "t_running": "100.50", "t_first": "100.60",
              "t_app": "100.70", "t_off": "101.00"}
        f = report.run_figures("ours-bench-1", con, d0)
        self.assertAlmostEqual(f["disk.phy.seqread.qd8.MBps"], 536.87, places=1)
        self.assertEqual(f["disk.phy.seqread.qd8.cpu_s_per_GiB"], 0.5)
        self.assertEqual(f["disk.phy.randread.qd1.IOPS"], 2000.0)
        self.assertEqual(f["net.tx.64.fps"], 10000.0)
        self.assertEqual(f["net.ping_rtt_ms"], 0.5)
        self.assertEqual(f["idle.cpu_pct"], 1.0)
        self.assertNotIn("boot.first_line_s", f)          # only boot guests time their boot
        b = report.run_figures("ours-boot-1", con, d0)
        self.assertEqual(b["boot.toolstack_s"], 0.5)
        self.assertEqual(b["boot.poweroff_s"], 1.0)
        self.assertEqual(b["boot.kernel_to_app_ms"], 2.5)
        self.assertNotIn("boot.cpu_s", b)                   # no cpu.total reading
        d0["cpu.total"] = "0.066068"
        self.assertEqual(report.run_figures("ours-boot-1", con, d0)["boot.cpu_s"], 0.0661)
        self.assertNotIn("boot.cpu_s", report.run_figures("ours-bench-1", con, d0))

    def test_summary_and_problems(self):
        s = report.summary({"ours": [3, 1, 2], "linux": [4, 4, 4]})
        self.assertEqual((s["ours"]["median"], s["ours"]["min"], s["ratio"]), (2, 1, 0.5))
        results = {"xenrun_status": 0, "guest_status": {"ours-qdisk-1": "3"},
                   "metrics": {"net.tx.64.fps": {"ours": {"median": 0}, "linux": {"median": 5}}}}
        bad = report.problems(results)
        self.assertIn("net.tx.64.fps (ours) = 0", bad)
        self.assertIn("boot.app_line_s (absent)", bad)
        self.assertNotIn("disk.qdisk.seqread.qd1.MBps (absent)", bad)   # qdisk skipped
        self.assertIn("disk.phy.seqread.qd1.MBps (absent)", bad)

    def test_tcp_rows(self):
        d0 = {"tcp.to_guest_kbps": "5302", "tcp.from_guest_kbps": "3529.5",
              "icmp_rtt_ms": "98.313", "rtt.ms": ["1.5"]}
        f = report.run_figures("ours-tcp-1", {}, d0)
        self.assertEqual(f["tcp.dom0_to_guest_Mbps"], 5.302)
        self.assertEqual(f["tcp.guest_to_dom0_Mbps"], 3.53)
        self.assertEqual(f["tcp.icmp_rtt_ms"], 98.313)
        # a part whose iperf printed no rate is missing, not zero
        self.assertNotIn("tcp.guest_to_dom0_Mbps", tcp.figures({"tcp.to_guest_kbps": "1"}))
        results = {"xenrun_status": 0, "guest_status": {},
                   "metrics": {"tcp.dom0_to_guest_Mbps": {"ours": {"median": 5},
                                                          "linux": {"median": 20}}}}
        bad = report.problems(results, net_only=True)
        self.assertIn("tcp.guest_to_dom0_Mbps (absent)", bad)
        self.assertNotIn("tcp.dom0_to_guest_Mbps (absent)", bad)
        self.assertNotIn("boot.app_line_s (absent)", bad)   # --net: only the TCP rows
        self.assertIn("tcp.icmp_rtt_ms (absent)", report.problems(results))

    def test_smoke_checks(self):
        """One check per workload; a missing or zero figure fails its workload only."""
        good = {"ours": {"median": 1}, "linux": {"median": 2}}
        results = {"xenrun_status": 0, "guest_status": {"ours-bench-1": "0"}, "metrics": {}}
        for k in report.expected(results):
            results["metrics"][k] = dict(good)
        results["metrics"]["net.rx.512.fps"] = {"ours": {"median": 0}, "linux": {"median": 5}}
        del results["metrics"]["disk.qdisk.randread.qd32.IOPS"]
        checks = {name: (status, detail) for name, status, detail in report.checks(results)}
        self.assertEqual(checks["guests"][0], "PASS")
        self.assertEqual(checks["net.rx.512"], ("FAIL", "net.rx.512.fps (ours) = 0"))
        self.assertEqual(checks["disk.qdisk.randread.qd32"][0], "FAIL")
        self.assertEqual(checks["disk.phy.seqread.qd8"][0], "PASS")
        self.assertEqual(checks["boot.first_line_s"][0], "PASS")
        self.assertEqual(sum(st == "FAIL" for st, _ in checks.values()), 2)
        # a guest that did not power off fails the run, not a workload
        results["guest_status"]["linux-bench-1"] = "124"
        self.assertEqual(dict((n, s) for n, s, _ in report.checks(results))["guests"], "FAIL")


if __name__ == "__main__":
    unittest.main()
