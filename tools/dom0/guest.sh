# SPDX-License-Identifier: BSD-2-Clause
# guest.sh: dom0 side of tools/xenrun: runs each guest of /xenrun and reports on the ctl port.
# shellcheck shell=sh
#
# Sourced by init with fd 3 open on the ctl port (host reads it); fd 4 is the "dom0" port. Messages, one per line:
#   HELLO | BEGIN I | DOMID I ID | DATA N (then N raw console bytes) | END I STATUS |
#   ERROR I TEXT | VNC I PORT (relay to the guest's VNC server started) | ALLDONE
# STATUS: 0 poweroff, 1 crash, 2 other shutdown reason, 124 timeout, 3 could not start.
# /xenrun/job sets XR_MODE (stream|interactive), XR_TIMEOUT (seconds, 0 = none), XR_COUNT,
# XR_VNC (1: relay the port "vnc" to the guest's VNC server);
# guest I has /xenrun/gI/config and /xenrun/gI/name. /xenrun/dom0script is optional.

CONSOLE_DIR=/var/log/xen/console

ctl() { echo "$*" >&3; }

# stream_new LOG: send LOG's bytes past $sent as a DATA frame; false when there were none.
stream_new() {
	size=$(stat -c %s "$1" 2>/dev/null) || return 1
	[ "$size" -gt "$sent" ] || return 1
	n=$((size - sent))
	{
		echo "DATA $n"
		dd if="$1" bs=65536 skip="$sent" count="$n" iflag=skip_bytes,count_bytes 2>/dev/null
	} >&3
	sent=$size
}

# drain LOG: after the domain stopped, stream until xenconsoled has written nothing for a
# while (at most ~10 s).
drain() {
	quiet=0
	rounds=0
	while [ $quiet -lt 4 ] && [ $rounds -lt 60 ]; do
		rounds=$((rounds + 1))
		if stream_new "$1"; then quiet=0; else quiet=$((quiet + 1)); fi
		sleep 0.15
	done
}

# shutdown_status DIR: the xenrun status from xl's "reason code" line (or its failure).
shutdown_status() {
	code=$(sed -n 's/.*has shut down, reason code \([0-9]*\).*/\1/p' "$1/xl.out" | tail -n 1)
	case "$code" in
	0) echo 0 ;;
	3) echo 1 ;;
	"") [ "$(cat "$1/xl.rc")" = 0 ] && echo 2 || echo 3 ;;
	*) echo 2 ;;
	esac
}

# xl_failure I DIR: report why xl create failed.
xl_failure() {
	ctl "ERROR $1 xl create failed: $(grep -v '^Parsing config' "$2/xl.out" | head -n 8 | tr '\n' ' ')"
}

# xl_running DIR: whether the "xl create -F" of the guest in DIR is still running.
xl_running() { [ ! -e "$1/xl.rc" ]; }

# created_domid DIR: the domain id from xl create -F's "Waiting for domain NAME (domid N)
# to die" line, printed once the domain is built (and unpaused unless -p).
created_domid() {
	sed -n 's/^Waiting for domain .* (domid \([0-9]*\)) to die.*/\1/p' "$1/xl.out" | grep .
}

# wait_domid DIR: print the domain id once xl created it; false if xl gave up.
wait_domid() {
	while xl_running "$1"; do
		created_domid "$1" && return 0
		sleep 0.1
	done
	created_domid "$1"
}

# start_dom0_script DOMID NAME: run /xenrun/dom0script in its own session, output to the host.
# XR_T_CREATE: dom0's /proc/uptime when xl create started (tools/bench measures from it).
start_dom0_script() {
	script_pid=
	[ -f /xenrun/dom0script ] || return 0
	(cd /xenrun && DOMID=$1 DOMNAME=$2 XR_T_CREATE=$t_create exec setsid sh /xenrun/dom0script \
		</dev/null >&4 2>&4 4>&- 3>&-) &
	script_pid=$!
}

# script_alive: whether the --dom0 script still runs (an exited one is a zombie till reaped).
script_alive() {
	[ -d "/proc/$script_pid" ] && ! grep -qs '^State:[[:space:]]*[ZX]' "/proc/$script_pid/status"
}

# stop_dom0_script: a script with a "# xenrun: wait N" line gets up to N s to end by itself
# once its guest ended (make bench's takes its last readings then); others stop at once.
stop_dom0_script() {
	[ -n "$script_pid" ] || return 0
	grace=$(sed -n 's/^# xenrun: wait \([0-9]*\)$/\1/p' /xenrun/dom0script | head -n 1)
	n=0
	while [ $n -lt $((${grace:-0} * 10)) ] && script_alive; do
		sleep 0.1
		n=$((n + 1))
	done
	kill -TERM -- "-$script_pid" 2>/dev/null && sleep 0.2
	kill -KILL -- "-$script_pid" 2>/dev/null
	script_pid=
}

# start_vnc_relay I DOMID: with XR_VNC=1 and a VNC framebuffer, once its device model has
# a VNC server (libxl writes its address to xenstore), relay the port "vnc" to it.
start_vnc_relay() {
	vnc_pid=
	[ "$XR_VNC" = 1 ] && [ -e /dev/xenrun-vnc ] || return 0
	[ "$(xenstore-read "/local/domain/0/backend/vfb/$2/0/vnc" 2>/dev/null)" = 1 ] || return 0
	n=0
	until vnc_port=$(xenstore-read "/local/domain/$2/console/vnc-port" 2>/dev/null); do
		n=$((n + 1))
		[ $n -lt 50 ] || return 0
		sleep 0.1
	done
	vnc_host=$(xenstore-read "/local/domain/$2/console/vnc-listen" 2>/dev/null) ||
		vnc_host=127.0.0.1
	(exec setsid xenrun-vnc-relay "$vnc_host" "$vnc_port" </dev/null >/dev/null 2>&1 3>&- 4>&-) &
	vnc_pid=$!
	ctl "VNC $1 $vnc_port"
}

stop_vnc_relay() {
	[ -n "$vnc_pid" ] && kill -TERM -- "-$vnc_pid" 2>/dev/null
	vnc_pid=
}

# watch_domain DIR LOG: stream the console until xl exits or the timeout; sets $status.
watch_domain() {
	deadline=0
	[ "$XR_TIMEOUT" -gt 0 ] && deadline=$(($(date +%s) + XR_TIMEOUT))
	while xl_running "$1"; do
		if [ $deadline -gt 0 ] && [ "$(date +%s)" -ge $deadline ]; then
			status=124
			return
		fi
		if [ "$XR_MODE" = stream ] && stream_new "$2"; then
			continue
		fi
		sleep 0.2
	done
	status=
}

# run_guest I: create guest I, watch it to its end, report its status.
run_guest() {
	dir=/xenrun/g$1
	name=$(cat "$dir/name")
	log="$CONSOLE_DIR/guest-$name.log"
	sent=$(stat -c %s "$log" 2>/dev/null || echo 0)
	ctl "BEGIN $1"
	pause=
	[ "$XR_MODE" = interactive ] && pause=-p
	rm -f "$dir/xl.rc"
	read -r t_create _ </proc/uptime # dom0 uptime (s) at xl create, for the --dom0 script
	(
		xl create -F $pause "$dir/config" >"$dir/xl.out" 2>&1
		echo $? >"$dir/xl.rc"
	) &
	xlpid=$!
	if ! domid=$(wait_domid "$dir"); then
		wait $xlpid
		xl_failure "$1" "$dir"
		ctl "END $1 3"
		return
	fi
	ctl "DOMID $1 $domid"
	con_pid=
	if [ "$XR_MODE" = interactive ]; then
		# a virtio port can be open only once: one read-write descriptor for both ways
		# and --interactive: xenconsole reads a stdin that is no tty only when told to
		xenconsole --type pv --interactive "$domid" <>/dev/xenrun-console >&0 2>&0 &
		con_pid=$!
		sleep 0.5
		xl unpause "$domid"
	fi
	start_dom0_script "$domid" "$name"
	start_vnc_relay "$1" "$domid"
	watch_domain "$dir" "$log"
	[ "$status" = 124 ] && xl pause "$domid" # no more output while the console drains
	[ -n "$status" ] || status=$(shutdown_status "$dir")
	[ "$status" = 3 ] && xl_failure "$1" "$dir"
	[ "$XR_MODE" = stream ] && drain "$log"
	[ -n "$con_pid" ] && sleep 0.5 && kill "$con_pid" 2>/dev/null
	stop_dom0_script
	stop_vnc_relay
	xl destroy "$domid" 2>/dev/null
	wait $xlpid
	cat "$dir/xl.out" >/dev/console
	ctl "END $1 $status"
}

run_job() {
	# shellcheck source=/dev/null
	. /xenrun/job
	exec 4>/dev/xenrun-dom0 # the --dom0 script's output (a port can be open only once)
	ctl HELLO
	i=0
	while [ $i -lt "$XR_COUNT" ]; do
		run_guest $i
		i=$((i + 1))
	done
	ctl ALLDONE
}
