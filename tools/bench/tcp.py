# SPDX-License-Identifier: BSD-2-Clause
# tcp.py: the TCP rows of `make bench`: iperf 2 in dom0 against lwiperf in our guest and
# against iperf -s in the Linux guest, on the same bridge, and ICMP ping RTT.
"""Configs (ours-tcp-R, linux-tcp-R, run after the other guests of repetition R) and the
figures that dom0's tcp_bench (tools/bench/dom0.sh) printed for them."""

HOW = {
    "tcp.dom0_to_guest_Mbps": "iperf 2 (Debian) in dom0: `iperf -c GUEST -t 10`, the "
                              "client's rate (dom0 sends); ours: lwIP's lwiperf server, Linux: "
                              "iperf -s; Mbit/s = 10^6 bit/s",
    "tcp.guest_to_dom0_Mbps": "`iperf -s` in dom0, its rate for the guest's 10 s client "
                              "(ours: lwiperf_start_tcp_client_default, Linux: iperf -c)",
    "tcp.icmp_rtt_ms": "dom0: avg RTT of `ping -c 10 -i 0.2` to the guest's IPv4 address "
                       "(ours: lwIP answers)",
}
EXPECTED = list(HOW)
OUR_IP, LINUX_IP = "10.0.0.2", "10.0.0.3"


def configs(out, kernel, r, mode, config):
    """The two configs of repetition r (config(path, lines) writes one), in run order."""
    vif = "vif = [ 'mac=00:16:3e:00:00:%s,bridge=xenbr0,ip=%s' ]"
    return [
        config(f"{out}/ours-tcp-{r}.cfg", [
            f'kernel = "{kernel}"', "memory = 64", vif % ("02", OUR_IP),
            f'extra = "test=bench bench={mode} bench_parts=tcp"']),
        config(f"{out}/linux-tcp-{r}.cfg", [
            "memory = 256", vif % ("03", LINUX_IP), f'extra = "xenrun.ip={LINUX_IP}/24"',
            f'linux = "iperf -s >/dev/null 2>&1 & lbench run {mode} tcp eth0"']),
    ]


def figures(d0):
    """{metric: value} from one guest's dom0 readings (missing parts left out)."""
    f = {}
    for key, metric in (("tcp.to_guest_kbps", "tcp.dom0_to_guest_Mbps"),
                        ("tcp.from_guest_kbps", "tcp.guest_to_dom0_Mbps")):
        if key in d0:
            f[metric] = round(float(d0[key]) / 1000, 3)
    if "icmp_rtt_ms" in d0:
        f["tcp.icmp_rtt_ms"] = float(d0["icmp_rtt_ms"])
    return f
