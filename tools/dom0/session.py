# SPDX-License-Identifier: BSD-2-Clause
# session.py: drive one QEMU boot of the xenrun dom0 through its job and collect each guest's status.
import os
import re
import sys
import termios
import time
import tty

ESCAPE = b"\x1d"                 # Ctrl-]: leave an interactive session
SERIAL_TAIL = 40                 # lines of Xen/dom0 output shown when dom0 fails
STATUS_RUNNER_FAILED = 3
STATUS_TIMEOUT = 124
DOM0_GRACE = 60                  # s that dom0 may take beyond a guest's timeout, or to go on


def describe(status):
    return {0: "powered off", 1: "crashed", 2: "rebooted or other shutdown reason",
            124: "timed out", 3: "could not be run"}.get(status, f"status {status}")


RAW_TERMINAL = []               # non-empty while the terminal is in raw mode


def say(msg, log=None):
    line = f"xenrun: {msg}\n"
    if RAW_TERMINAL:
        line = line.replace("\n", "\r\n")
    sys.stderr.write(line)
    sys.stderr.flush()
    if log:
        log.write(line.encode())
        log.flush()


class Session:
    """Handler of a Machine's channels (on_* methods) and of the job's progress.

    outputs[i] receives guest i's console bytes; log (binary file or None) gets everything.
    """

    def __init__(self, names, outputs, log, timeout, boot_timeout, verbose=False):
        self.names, self.outputs, self.log = names, outputs, log
        self.timeout, self.boot_timeout, self.verbose = timeout, boot_timeout, verbose
        self.status = [None] * len(names)
        # The N of the last "exit status N" console line (the libc's exit()), per guest.
        self.exit_code = [None] * len(names)
        self.line_tail = b""
        self.current = None
        self.booted = self.done = self.quit = False
        self.ctl_buf, self.need = b"", 0
        self.dom0_buf, self.ser_buf = b"", b""
        self.serial_lines = []
        self.deadline = None
        self.error = None
        self.failed = False     # the job did not run to its end
        self.machine = None
        self.vnc = None         # machine.VncRelay, if any

    # --- channels -------------------------------------------------------------------------
    def _log(self, data):
        if self.log:
            self.log.write(data)
            self.log.flush()

    def on_ser(self, data):
        self.ser_buf += data
        lines = self.ser_buf.split(b"\n")
        self.ser_buf = lines.pop()
        for line in lines:
            self._log(line + b"\n")
            self.serial_lines = (self.serial_lines + [line.decode(errors="replace")])[-SERIAL_TAIL:]
            if self.verbose:
                sys.stderr.write(line.decode(errors="replace") + "\n")

    on_qemu = on_ser

    def on_dom0(self, data):
        self.dom0_buf += data if data else b"\n" * bool(self.dom0_buf)   # EOF: flush
        lines = self.dom0_buf.split(b"\n")
        self.dom0_buf = lines.pop()
        for line in lines:
            text = f"dom0: {line.decode(errors='replace')}\n"
            sys.stderr.write(text)
            self._log(text.encode())
        sys.stderr.flush()

    def on_console(self, data):
        self._guest_output(data)

    def on_ctl(self, data):
        self.ctl_buf += data
        while self.ctl_buf:
            if self.need:
                chunk, self.ctl_buf = self.ctl_buf[:self.need], self.ctl_buf[self.need:]
                self.need -= len(chunk)
                self._guest_output(chunk)
                continue
            line, nl, rest = self.ctl_buf.partition(b"\n")
            if not nl:
                break
            self.ctl_buf = rest
            self._message(line.decode(errors="replace").split(" ", 2))

    def _guest_output(self, data):
        if self.current is not None and data:
            out = self.outputs[self.current]
            try:
                out.write(data)
                out.flush()
            except BrokenPipeError:         # e.g. "| head": keep running for the status
                self.outputs[self.current] = open(os.devnull, "wb")
            self._log(data)
            self._note_exit_code(data)

    def _note_exit_code(self, data):
        lines = (self.line_tail + data).split(b"\n")
        self.line_tail = lines.pop()[-200:]
        for line in lines:
            m = re.fullmatch(rb"exit status (-?\d+)\r?", line)
            if m:
                self.exit_code[self.current] = int(m.group(1))

    # --- dom0 reports (see tools/dom0/guest.sh) -----------------------------------------------
    def _message(self, words):
        kind, args = words[0], words[1:]
        if kind == "HELLO":
            self.booted = True
            self.deadline = None
        elif kind == "BEGIN":
            self.current = int(args[0])
            if self.timeout > 0:
                self.deadline = time.monotonic() + self.timeout + DOM0_GRACE
            else:
                self.deadline = None
        elif kind == "DOMID":
            say(f"{self.names[int(args[0])]}: running as domain {args[1]}", self.log)
        elif kind == "DATA":
            self.need = int(args[0])
        elif kind == "VNC" and self.vnc:
            say(f"{self.names[int(args[0])]}: VNC for the guest framebuffer: vncviewer "
                f"127.0.0.1::{self.vnc.port}", self.log)
        elif kind == "END":
            if self.vnc:
                self.vnc.drop()
            i, status = int(args[0]), int(args[1])
            self.status[i] = status
            self.deadline = time.monotonic() + DOM0_GRACE     # for the next report
            code = self.exit_code[i]
            say(f"{self.names[i]}: {describe(status)}"
                + (f", exit status {code}" if status == 0 and code is not None else ""),
                self.log)
            self.line_tail = b""
        elif kind == "ERROR":
            say(" ".join(args[1:]) if args[0] == "-" else f"{self.names[int(args[0])]}: "
                + " ".join(args[1:]), self.log)
            if args[0] == "-":
                self.error = "dom0 could not start the Xen tools"
        elif kind == "ALLDONE":
            self.done = True

    def _dom0_overdue(self):
        """dom0 said nothing for too long: the guest times out, the rest cannot run."""
        self.failed = True
        if self.status[self.current] is None:
            say(f"{self.names[self.current]}: dom0 did not end the guest in time", self.log)
            self.status[self.current] = STATUS_TIMEOUT
        else:
            self.error = "dom0 stopped responding"

    # --- running --------------------------------------------------------------------------
    def run(self, machine):
        """Relay channels until dom0 reports that the job is done, or something fails."""
        self.machine = machine
        start = time.monotonic()
        while not (self.done or self.quit or self.error or self.failed):
            if not machine.poll(0.2):
                rc = machine.qemu.wait()
                self.error = (f"QEMU exited (status {rc}) " +
                              ("before the end of the job" if self.booted
                               else "before dom0 came up"))
            elif not self.booted and time.monotonic() - start > self.boot_timeout:
                self.error = f"dom0 did not come up within {self.boot_timeout} s"
            elif self.deadline and time.monotonic() > self.deadline:
                self._dom0_overdue()
        if self.error:
            self.failed = True
            say(f"error: {self.error}; last Xen/dom0 output:\n  "
                + "\n  ".join(self.serial_lines), self.log)
        if self.quit and self.current is not None and self.status[self.current] is None:
            self.status[self.current] = 2          # left with Ctrl-]: "any other reason"
        self.status = [STATUS_RUNNER_FAILED if s is None else s for s in self.status]
        return self.status


class Terminal:
    """Interactive use: raw mode on FD while inside the 'with', restored afterwards."""

    def __init__(self, fd):
        self.fd = fd
        self.saved = termios.tcgetattr(fd) if os.isatty(fd) else None

    def __enter__(self):
        if self.saved:
            tty.setraw(self.fd)
            RAW_TERMINAL.append(self.fd)
        return self

    def __exit__(self, *exc):
        if self.saved:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)
            RAW_TERMINAL.clear()


class InteractiveSession(Session):
    """Keystrokes go to the guest console port; Ctrl-] ends the session."""

    def on_stdin(self, data):
        if not data:
            self.machine.unwatch(0)
            return
        if ESCAPE in data:
            data = data.split(ESCAPE)[0]
            self.quit = True
        if data:
            self.machine.send("console", data)
