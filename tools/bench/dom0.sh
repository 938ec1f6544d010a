# SPDX-License-Identifier: BSD-2-Clause
# dom0.sh: the dom0 side of `make bench` (tools/xenrun --dom0): timestamps and CPU readings.
# shellcheck shell=sh
# xenrun: wait 30
#
# Runs per guest with DOMID, DOMNAME and XR_T_CREATE (dom0 uptime at xl create) set. Prints
# "BENCH NAME KEY VALUE" lines (xenrun shows them as "dom0: ..."):
#   t_create, t_running (this script started: the domain is built and unpaused),
#   t_first (first console byte), t_app (the "bench: app" line), t_off (domain shut down):
#     dom0 uptime, seconds, 10 ms resolution, polled every ~20 ms;
#   cpu.start.KEY / cpu.end.KEY: the domain's CPU seconds (xenrun-domcpu, 1 us resolution) at
#     each mark the guest writes to data/bench-mark ("SEQ start|end KEY"), acknowledged in
#     data/bench-ack once read; at "start net.rx.N" dom0 starts broadcasting UDP frames of N
#     bytes on xenbr0 (socat), stopped at the "end" mark (the guest's clock starts at the first
#     frame: socat may take seconds to start); at "start net.ping" it arpings the
#     guest (rtt.ms lines); at "start tcp" and "start|end tcp.tx" it runs the TCP parts
#     (tcp_bench, tcp_server_*, below). Demo guests (demo-*): "demo ok|fail" once both the disk and the
#     vif came up (with lwIP: the vif has an address) (then xl shutdown), or after 40 s.
D=/local/domain/$DOMID/data
LOG=/var/log/xen/console/guest-$DOMNAME.log
IP=10.0.0.2
case "$DOMNAME" in linux*) IP=10.0.0.3 ;; esac

now() {
	read -r up _ </proc/uptime
	echo "$up"
}

say() { echo "BENCH $DOMNAME $*"; }

# Every process dom0 starts costs it dearly under emulation (a PV fork is hundreds of page
# table hypercalls) and takes CPU from the backends the guest is measured through: one per
# reading, a xenstore watch instead of polling for marks, slower polls once the guest runs.

# domcpu: $cpu, the domain's CPU seconds (xenrun-domcpu: what `xl list` shows, to 1 us, and
# fast), and $state, its state letters as in `xl list`; both empty once it is gone.
domcpu() {
	cpu=$(xenrun-domcpu "$DOMID" 2>/dev/null)
	state=${cpu#* }
	cpu=${cpu%% *}
}

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

# serve_marks: answer each mark the guest writes (woken by a xenstore watch, whose first
# event comes at once: the mark may be there already).
serve_marks() {
	last=0
	xenstore-watch "$D/bench-mark" 2>/dev/null | while read -r _; do
		mark=$(xenstore-read "$D/bench-mark" 2>/dev/null) || continue
		seq=${mark%% *}
		[ -n "$seq" ] && [ "$seq" != "$last" ] || continue
		set -- $mark
		domcpu
		say "cpu.$2.$3" "$cpu"
		on_mark "$2" "$3" </dev/null # the loop's stdin is the watch: keep it for the loop
		xenstore-write "$D/bench-ack" "$seq"
		last=$seq
	done
}

# watch_log: t_first, t_app (polled every ~20 ms), then t_off once the guest has ended.
watch_log() {
	polls=0
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
			# the first bytes may have come in the same chunk, after the test above
			[ -z "$first" ] && first=$app && say t_first "$first"
			say t_app "$app"
		fi
		# once the guest runs: its end (boot guests end at once: keep 20 ms for 5 s), or,
		# every ~2 s, whether it is gone (one that crashed prints no last line)
		[ -n "$app" ] && polls=$((polls + 1))
		pause=0.02
		[ $polls -gt 250 ] && pause=0.2
		if [ -z "$done" ] && [ -n "$app" ] && { [ $polls -le 250 ] || [ $((polls % 2)) = 0 ]; } &&
			grep -q '^bench: done\|^Test result\|^xenrun-linux: command' "$LOG" 2>/dev/null; then
			done=1
		fi
		if [ -n "$done" ] || [ $((polls % 10)) = 9 ]; then
			domcpu
			case "$state" in *s* | *c* | *d* | "")
				say t_off "$(now)"
				say cpu.total "$cpu"
				return
				;;
			esac
		fi
		sleep $pause
	done
}

demo() {
	n=0
	while [ $n -lt 400 ]; do
		if grep -q 'blkfront-demo: device/vbd/[0-9]*: [0-9]* sectors' "$LOG" 2>/dev/null &&
			grep -q '^netfront: vif0 connected\|^net: vif0: [0-9]' "$LOG" 2>/dev/null; then
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
*)
	serve_marks &
	watch_log
	;;
esac
