# SPDX-License-Identifier: BSD-2-Clause
# dom0.sh: the dom0 side of `make bench` (tools/xenrun --dom0): timestamps and CPU readings.
# shellcheck shell=sh
#
# Runs per guest with DOMID, DOMNAME and XR_T_CREATE (dom0 uptime at xl create) set. Prints
# "BENCH NAME KEY VALUE" lines (xenrun shows them as "dom0: ..."):
#   t_create, t_running (this script started: the domain is built and unpaused),
#   t_first (first console byte), t_app (the "bench: app" line), t_off (domain shut down):
#     dom0 uptime, seconds, 10 ms resolution, polled every ~20 ms;
#   cpu.start.KEY / cpu.end.KEY: the domain's CPU seconds (`xl list`, 0.1 s resolution) at
#     each mark the guest writes to data/bench-mark ("SEQ start|end KEY"), acknowledged in
#     data/bench-ack once read; at "start net.rx.N" dom0 starts broadcasting UDP frames of N
#     bytes on xenbr0 (socat), stopped at the "end" mark; at "start net.ping" it arpings the
#     guest (rtt.ms lines); at "start tcp" and "start|end tcp.tx" it runs the TCP parts
#     (tcp_bench, tcp_server_*, below). Demo guests (demo-*):
#     "demo ok|fail" once both the disk and the vif came up (then xl shutdown), or after 40 s.
D=/local/domain/$DOMID/data
LOG=/var/log/xen/console/guest-$DOMNAME.log
IP=10.0.0.2
case "$DOMNAME" in linux*) IP=10.0.0.3 ;; esac

now() {
	read -r up _ </proc/uptime
	echo "$up"
}

say() { echo "BENCH $DOMNAME $*"; }

cpu() { xl list "$DOMID" 2>/dev/null | awk 'NR == 2 { print $6 }'; }

# tcp_bench: iperf 2 against the guest's iperf server (lwiperf or Linux iperf -s) for T s,
# and 10 ICMP pings: tcp.to_guest_kbps and icmp_rtt_ms (avg) lines; a failed part prints
# nothing (report.py calls the figure missing). T: data/bench-tcp-secs (the guest writes
# 10, or 1 in smoke runs). Between the tcp.tx marks the guest's client sends to our
# iperf -s (tcp_server_start/_end): tcp.from_guest_kbps, the server's rate.
tcp_bench() {
	t=$(xenstore-read "$D/bench-tcp-secs" 2>/dev/null || echo 10)
	out=$(timeout $((2 * t + 60)) iperf -c "$IP" -t "$t" -f k 2>&1)
	echo "$out" | sed 's/^/tcp_bench: /' # in xenrun's log, for when a rate is missing
	echo "$out" | sed -n 's|.* \([0-9.]*\) Kbits/sec.*|\1|p' | head -n 1 | while read -r r; do
		say tcp.to_guest_kbps "$r"
	done
	ping -c 10 -i 0.2 -W 3 "$IP" 2>/dev/null |
		sed -n 's|.*min/avg/max = [0-9.]*/\([0-9.]*\)/.*|\1|p' | while read -r ms; do
		say icmp_rtt_ms "$ms"
	done
}

tcp_server_start() {
	iperf -s -f k >/tmp/iperf-s.$DOMID 2>&1 &
	srv=$!
	sleep 1
}

tcp_server_end() {
	sleep 1 # the server prints its rate once the client's connection closed
	[ -n "$srv" ] && kill "$srv" 2>/dev/null
	srv=
	sed 's/^/tcp_bench: /' /tmp/iperf-s.$DOMID
	sed -n 's|.* \([0-9.]*\) Kbits/sec.*|\1|p' /tmp/iperf-s.$DOMID | head -n 1 | while read -r r; do
		say tcp.from_guest_kbps "$r"
	done
	rm -f /tmp/iperf-s.$DOMID
}

# on_mark WHAT KEY: what dom0 does at a mark, before it acknowledges it.
on_mark() {
	case "$1 $2" in
	"start net.rx."*)
		# UDP payload = frame - 42 bytes of Ethernet, IP and UDP headers
		socat -u -b $((${2#net.rx.} - 42)) /dev/zero \
			UDP4-DATAGRAM:10.0.0.255:9,broadcast,bind=10.0.0.1 2>/dev/null &
		gen=$!
		# ack once frames flow (socat may take seconds to start on a loaded host)
		stat=/sys/class/net/vif$DOMID.0/statistics/tx_packets
		before=$(cat "$stat" 2>/dev/null)
		n=0
		while [ "$(cat "$stat" 2>/dev/null)" = "$before" ] && [ $n -lt 200 ]; do
			sleep 0.05
			n=$((n + 1))
		done
		;;
	"end net.rx."*)
		[ -n "$gen" ] && kill "$gen" 2>/dev/null
		gen=
		;;
	"start tcp") tcp_bench ;;
	"start tcp.tx") tcp_server_start ;;
	"end tcp.tx") tcp_server_end ;;
	"start net.ping")
		arping -c 5 -w 10 -I xenbr0 "$IP" 2>&1 |
			sed -n 's/.* \([0-9.]*\)ms$/\1/p' | while read -r ms; do say rtt.ms "$ms"; done
		;;
	esac
}

serve_marks() {
	last=0
	first=
	app=
	done=
	while :; do
		if [ -z "$first" ] && [ -s "$LOG" ]; then
			first=$(now)
			say t_first "$first"
		fi
		if [ -z "$app" ] && grep -q '^bench: app' "$LOG" 2>/dev/null; then
			app=$(now)
			say t_app "$app"
		fi
		mark=$(xenstore-read "$D/bench-mark" 2>/dev/null)
		seq=${mark%% *}
		if [ -n "$seq" ] && [ "$seq" != "$last" ]; then
			set -- $mark
			c=$(cpu)
			say "cpu.$2.$3" "$c"
			on_mark "$2" "$3"
			xenstore-write "$D/bench-ack" "$seq"
			last=$seq
		fi
		# xl list is slow under emulation: ask for the state only once the guest is ending
		if [ -z "$done" ] && grep -q '^bench: done\|^Test result\|^xenrun-linux: command' \
			"$LOG" 2>/dev/null; then
			done=1
		fi
		if [ -n "$done" ]; then
			state=$(xl list "$DOMID" 2>/dev/null | awk 'NR == 2 { print $5 }')
			case "$state" in *s* | *c* | "")
				say t_off "$(now)"
				say cpu.total "$(cpu)"
				return
				;;
			esac
		fi
		sleep 0.02
	done
}

demo() {
	n=0
	while [ $n -lt 400 ]; do
		if grep -q 'blkfront-demo: device/vbd/[0-9]*: [0-9]* sectors' "$LOG" 2>/dev/null &&
			grep -q 'netfront: vif0 connected' "$LOG" 2>/dev/null; then
			say demo ok
			xl shutdown "$DOMID"
			return
		fi
		sleep 0.1
		n=$((n + 1))
	done
	say demo fail
	xl destroy "$DOMID"
}

say t_create "$XR_T_CREATE"
say t_running "$(now)"
case "$DOMNAME" in
demo*) demo ;;
*) serve_marks ;;
esac
