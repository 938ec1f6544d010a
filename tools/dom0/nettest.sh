# SPDX-License-Identifier: BSD-2-Clause
# nettest.sh: dom0's side of the TCP/IP boot tests (tests/boot/net*.cfg), sourced by their
# "# dom0:" lines with DOMID set. The guest (test=net) publishes its addresses in
# data/net/vifN/ and says data/net-ready; each check here writes "PASS|FAIL detail" to
# data/result/NAME, and net_done lets the guest report them and power off.
# shellcheck shell=sh

D=/local/domain/$DOMID/data
IP=
LL=

result() {
	xenstore-write "$D/result/$1" "$2"
	echo "$1: $2"
}

pass_if() { # NAME DETAIL COMMAND...: PASS when COMMAND succeeds
	_n=$1 _d=$2
	shift 2
	if "$@"; then result "$_n" "PASS $_d"; else result "$_n" "FAIL $_d"; fi
}

# cs_now sets CS to dom0's uptime in centiseconds, for durations, without a fork (a fork and
# exec cost dom0 up to a second on a loaded emulator); now_cs prints it.
cs_now() {
	read -r CS _ </proc/uptime
	CS=${CS%.*}${CS#*.}
}
now_cs() {
	cs_now
	echo "$CS"
}

net_ready() {
	i=0
	until xenstore-read "$D/net-ready" >/dev/null 2>&1; do
		[ $i -ge 400 ] && { echo "guest never said net-ready"; return 1; }
		sleep 0.5
		i=$((i + 1))
	done
	IP=$(xenstore-read "$D/net/vif0/ipv4")
	LL=$(xenstore-read "$D/net/vif0/ipv6")
	echo "guest at $IP and $LL"
}

net_done() { xenstore-write "$D/net-done" 1; }

# check_ping NAME ADDR [PING ARGS]: 5 echoes, all answered; the RTT line as detail.
check_ping() {
	_n=$1 _a=$2
	shift 2
	out=$(ping -c 5 -W 3 "$@" "$_a" 2>&1)
	rtt=$(echo "$out" | sed -n 's|.*min/avg/max = ||p')
	case "$out" in
	*" 0% packet loss"*) result "$_n" "PASS $_a rtt min/avg/max $rtt" ;;
	*) result "$_n" "FAIL $_a: $(echo "$out" | tail -n 2 | tr '\n' ' ')" ;;
	esac
}

# daytime_check ADDR: sets $line (the guest's daytime line) and $skew (seconds between it
# and dom0's clock while the connection lasted; empty when the line does not parse).
daytime_check() {
	before=$(date -u +%s)
	line=$(nc -w 5 "$1" 13 </dev/null 2>/dev/null | tr -d '\r')
	after=$(date -u +%s)
	skew=
	case "$line" in *day,*-UTC) ;; *) return 1 ;; esac
	t=$(date -u -D '%A, %B %d, %Y %H:%M:%S-UTC' -d "$line" +%s 2>/dev/null) || return 1
	skew=0
	[ "$t" -lt "$before" ] && skew=$((before - t))
	[ "$t" -gt "$after" ] && skew=$((t - after))
	return 0
}

# check_daytime NAME ADDR: the line parses and is within 2 s of dom0's date (3 tries).
check_daytime() {
	for _try in 1 2 3; do
		daytime_check "$2" && [ "$skew" -le 2 ] && break
		sleep 1
	done
	pass_if "$1" "$2 skew ${skew:-none} s (line: $line)" [ "${skew:-9}" -le 2 ]
}

check_udp() {
	want="udp-echo-$$-$(now_cs)"
	got=$(echo "$want" | socat -T 3 - "UDP:$IP:7" 2>&1)
	pass_if "$1" "sent '$want' got '$got'" [ "$got" = "$want" ]
}

# make_file PATH MIB: MIB MiB of random data (1 MiB from urandom, repeated: urandom is slow).
make_file() {
	head -c 1048576 /dev/urandom >/tmp/chunk
	: >"$1"
	i=0
	while [ $i -lt "$2" ]; do cat /tmp/chunk >>"$1"; i=$((i + 1)); done
}

# gzip_crc FILE: the CRC-32 gzip stores in its trailer, as 8 hex digits.
gzip_crc() { gzip -1 -c "$1" | tail -c 8 | od -An -tx4 | awk '{ print $1 }'; }

# check_echo NAME MIB: MIB MiB through the TCP echo; dom0 compares what came back, the
# guest's report (port 8) gives the byte count and CRC-32 of what it received.
check_echo() {
	make_file /tmp/echo.in "$2"
	t0=$(now_cs)
	socat -t 120 -T 120 - "TCP:$IP:7" </tmp/echo.in >/tmp/echo.out 2>/tmp/echo.err
	t1=$(now_cs)
	size=$(wc -c </tmp/echo.out)
	same=no
	cmp -s /tmp/echo.in /tmp/echo.out && same=yes
	report=$(nc -w 5 "$IP" 8 </dev/null 2>/dev/null)
	want="$(wc -c </tmp/echo.in) $(gzip_crc /tmp/echo.in)"
	rate=$(((size / 1024) * 100 / ((t1 - t0) + 1)))
	[ "$report" = "$want" ] || same="$same, report differs"
	pass_if "$1" "back $size bytes identical=$same in $((t1 - t0))0 ms (${rate} KiB/s each way); guest got '$report' want '$want'" \
		[ "$same" = yes ]
	rm -f /tmp/echo.out
}

# check_sequential NAME N: N daytime connections one after another (at most 500 s). One
# fork and exec each (nc): the rest are shell builtins, since under a loaded emulator every
# exec costs dom0 up to a second, which a guest's speed would vanish under.
check_sequential() {
	ok=0 i=0
	cs_now
	t0=$CS
	while [ $i -lt "$2" ] && [ $((CS - t0)) -lt 50000 ]; do
		case $(nc -w 5 "$IP" 13 </dev/null 2>/dev/null) in *UTC*) ok=$((ok + 1)) ;; esac
		i=$((i + 1))
		cs_now
		[ $((i % 50)) -eq 0 ] && echo "$1: $ok of $i after $((CS - t0))0 ms"
	done
	pass_if "$1" "$ok of $2 daytime connections answered in $((CS - t0))0 ms" [ $ok -eq "$2" ]
}

# check_concurrent NAME N KIB: N echo connections at once, KIB KiB each, all intact.
check_concurrent() {
	head -c $(($3 * 1024)) /dev/urandom >/tmp/conc.in
	i=0
	while [ $i -lt "$2" ]; do
		socat -t 60 -T 60 - "TCP:$IP:7" </tmp/conc.in >/tmp/conc.out.$i 2>/dev/null &
		i=$((i + 1))
	done
	wait
	echo "$1: all $2 finished"
	ok=0 i=0
	while [ $i -lt "$2" ]; do
		cmp -s /tmp/conc.in /tmp/conc.out.$i && ok=$((ok + 1))
		rm -f /tmp/conc.out.$i
		i=$((i + 1))
	done
	pass_if "$1" "$ok of $2 concurrent echoes of $3 KiB intact" [ $ok -eq "$2" ]
}

# Hostile traffic: each attack, then check_daytime under the attack's name (the stack must
# neither crash nor wedge). hping3 runs for a bounded time or count.
attack_synflood() {
	timeout 8 hping3 -q -S -p 13 --flood --rand-source "$IP" >/dev/null 2>&1
	timeout 5 hping3 -q -S -p 7 --flood "$IP" >/dev/null 2>&1
	check_daytime "$1" "$IP"
}

attack_bad_checksums() {
	hping3 -q -S -p 13 -b -c 300 -i u2000 "$IP" >/dev/null 2>&1
	hping3 -q -2 -p 7 -b -d 64 -c 300 -i u2000 "$IP" >/dev/null 2>&1
	hping3 -q -1 -b -c 300 -i u2000 "$IP" >/dev/null 2>&1
	check_daytime "$1" "$IP"
}

# TCP data offsets beyond the segment and below the header size, and empty payloads.
attack_truncated() {
	hping3 -q -S -p 13 -O 15 -c 200 -i u2000 "$IP" >/dev/null 2>&1
	hping3 -q -A -p 7 -O 2 -c 200 -i u2000 "$IP" >/dev/null 2>&1
	hping3 -q -2 -p 7 -d 0 -c 100 -i u2000 "$IP" >/dev/null 2>&1
	check_daytime "$1" "$IP"
}

# Fragments that overlap each other at various offsets, then real fragmented pings.
attack_fragments() {
	for off in 0 8 16 24 64; do
		hping3 -q -1 -x -g $off -d 200 -c 40 -i u2000 "$IP" >/dev/null 2>&1
		hping3 -q -2 -p 7 -g $off -d 300 -c 40 -i u2000 "$IP" >/dev/null 2>&1
	done
	check_ping "$1_ping" "$IP" -s 3000
	check_daytime "$1" "$IP"
}

# A peer that sends and never reads: the guest's echo faces a zero window, then a reset.
attack_zero_window() {
	socat -u - "TCP:$IP:7,rcvbuf=2048" </dev/zero 2>/dev/null &
	pid=$!
	sleep 8
	check_daytime "$1_during" "$IP"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	check_daytime "$1" "$IP"
}

# A peer that vanishes mid-transfer: its address is removed from dom0, so nothing (not even
# a reset) answers the guest's retransmissions.
attack_vanish() {
	ip addr add 10.0.0.250/24 dev xenbr0
	socat -u - "TCP:$IP:7,bind=10.0.0.250,rcvbuf=2048" </dev/zero 2>/dev/null &
	pid=$!
	sleep 4
	ip addr del 10.0.0.250/24 dev xenbr0
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	check_daytime "$1" "$IP"
}

# check_iperf NAME: iperf 2 against the guest's lwiperf, 10 s each way (-r: the guest then
# connects back to dom0's iperf); PASS when both directions report a rate (kbit/s).
check_iperf() {
	out=$(timeout 90 iperf -c "$IP" -t 10 -r -f k 2>&1)
	rates=$(echo "$out" | sed -n 's|.* \([0-9.]*\) Kbits/sec.*|\1|p' | tr '\n' ' ')
	# shellcheck disable=SC2086 # one word per rate
	set -- "$1" $rates
	pass_if "$1" "dom0->guest, guest->dom0 kbit/s: $2 $3" [ $# -ge 3 ]
}
