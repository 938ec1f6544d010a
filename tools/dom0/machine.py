# SPDX-License-Identifier: BSD-2-Clause
# machine.py: run Xen + the xenrun dom0 in QEMU (TCG) and relay its channels to the host.
"""QEMU's channels are unix sockets that this side listens on and QEMU connects to:

  ser      com1: Xen and dom0 messages (to the log only)
  ctl      virtio port "ctl": dom0's reports, see tools/dom0/guest.sh
  dom0     virtio port "dom0": output of the --dom0 script
  console  virtio port "console": the guest console in interactive mode (both ways)

and one socket that QEMU listens on (server=on), so that this side can connect and
disconnect, which dom0 sees (tools/dom0/vnc-relay):

  vnc      virtio port "vnc": a VNC viewer's connection, see VncRelay
"""
import ctypes
import os
import selectors
import signal
import socket
import subprocess
import time

PORTS = ("ctl", "dom0", "console")


class MachineError(Exception):
    pass


def die_with_parent():
    """In the child: get SIGTERM when xenrun dies, however it dies (Linux prctl)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)          # PR_SET_PDEATHSIG


def qemu_command(images, workdir, initrd, extra_args, mem_mb, dom0_mb, quiet=True):
    """quiet: keep the dom0 kernel's messages in dmesg (printing them through Xen's
    console costs seconds of emulated time); Xen's and dom0 init's still reach the log."""
    # bootscrub=0: scrubbing all free RAM at boot keeps the emulated CPUs busy for seconds
    xen_cmdline = (f"console=com1 com1=115200 dom0_mem={dom0_mb}M,max:{dom0_mb}M "
                   "loglvl=all guest_loglvl=all console_timestamps=boot bootscrub=0")
    cmd = ["qemu-system-x86_64", "-accel", "tcg", "-cpu", "qemu64,+svm,+npt",
           "-m", str(mem_mb), "-smp", "2", "-nodefaults", "-display", "none",
           "-no-reboot", "-nic", "none",
           "-chardev", f"socket,id=ser,path={workdir}/ser.sock", "-serial", "chardev:ser",
           "-device", "virtio-serial-pci,id=vser"]
    for name in PORTS:
        cmd += ["-chardev", f"socket,id={name},path={workdir}/{name}.sock",
                "-device", f"virtserialport,bus=vser.0,chardev={name},name={name}"]
    cmd += ["-chardev", f"socket,id=vnc,path={workdir}/vnc.sock,server=on,wait=off",
            "-device", "virtserialport,bus=vser.0,chardev=vnc,name=vnc"]
    cmd += ["-kernel", f"{images}/xen", "-append", xen_cmdline,
            "-initrd", f"{images}/vmlinuz console=hvc0{' quiet' if quiet else ''},{initrd}"]
    return cmd + extra_args


class Machine:
    """A running QEMU whose channels are handed to HANDLER's on_* methods."""

    def __init__(self, cmd, workdir, handler):
        self.handler = handler
        self.sel = selectors.DefaultSelector()
        self.socks = {}
        listeners = {}
        for name in ("ser",) + PORTS:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.bind(f"{workdir}/{name}.sock")
            s.listen(1)
            listeners[name] = s
        self.qemu = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, start_new_session=True,
                                     preexec_fn=die_with_parent)
        try:
            self._accept(listeners)
        finally:
            for s in listeners.values():
                s.close()
        os.set_blocking(self.qemu.stdout.fileno(), False)
        self.sel.register(self.qemu.stdout, selectors.EVENT_READ, "qemu")

    def _accept(self, listeners):
        deadline = time.monotonic() + 30
        for name, s in listeners.items():
            s.settimeout(0.2)
            while name not in self.socks:
                try:
                    self.socks[name], _ = s.accept()
                except socket.timeout:
                    if self.qemu.poll() is not None or time.monotonic() > deadline:
                        out = self.qemu.stdout.read().decode(errors="replace").strip()
                        raise MachineError(f"QEMU did not start: {out}") from None
            self.socks[name].setblocking(False)
            self.sel.register(self.socks[name], selectors.EVENT_READ, name)

    def watch(self, fd, name):
        """Also deliver reads of file descriptor FD (e.g. stdin) to handler.on_NAME, or
        call NAME() when FD is readable if NAME is a function."""
        self.sel.register(fd, selectors.EVENT_READ, name)

    def unwatch(self, fd):
        if fd in self.sel.get_map():
            self.sel.unregister(fd)

    def send(self, name, data):
        sock = self.socks[name]
        sock.setblocking(True)
        try:
            sock.sendall(data)
        finally:
            sock.setblocking(False)

    def _read(self, key):
        try:
            if key.data in self.socks:
                return self.socks[key.data].recv(65536)
            return os.read(key.fd, 65536)
        except (BlockingIOError, InterruptedError):
            return None
        except OSError:
            return b""

    def poll(self, timeout):
        """Wait up to TIMEOUT s; pass what arrived to the handler. False once QEMU is gone
        and everything it sent has been delivered."""
        events = self.sel.select(timeout)
        for key, _ in events:
            if callable(key.data):
                key.data()
                continue
            data = self._read(key)
            if data is None:
                continue
            if not data:
                self.sel.unregister(key.fileobj)
            getattr(self.handler, f"on_{key.data}")(data)
        return bool(events) or self.qemu.poll() is None

    def stop(self, grace=10):
        """Ask QEMU to quit (SIGTERM: it flushes disk images), then make sure it did."""
        if self.qemu.poll() is None:
            self.qemu.send_signal(signal.SIGTERM)
            try:
                self.qemu.wait(grace)
            except subprocess.TimeoutExpired:
                self.qemu.kill()
                self.qemu.wait()
        while self.sel.get_map() and self.poll(0):
            pass
        for s in self.socks.values():
            s.close()
        self.sel.close()


class VncRelay:
    """A TCP listener on 127.0.0.1:PORT whose viewers, one at a time, are connected to the
    "vnc" port, which dom0 relays to the guest's VNC server while it has one. Disconnecting
    from QEMU's socket when the viewer leaves lets dom0 end its side; the next viewer gets a
    new connection to the VNC server."""

    STALL = 10          # s a viewer or QEMU may refuse data before the viewer is dropped
    GAP = 1.0           # s between viewers, for dom0 to see the disconnection (it polls)

    def __init__(self, port, workdir):
        self.listener = socket.create_server(("127.0.0.1", port))   # OSError if taken
        self.port = self.listener.getsockname()[1]
        self.path = f"{workdir}/vnc.sock"
        self.machine = self.viewer = self.qemu = None
        self.dropped = 0.0

    def attach(self, machine):
        self.machine = machine
        machine.watch(self.listener, self._accept)

    def _accept(self):
        conn, _ = self.listener.accept()
        if self.viewer:
            conn.close()            # one viewer at a time
            return
        time.sleep(max(0.0, self.dropped + self.GAP - time.monotonic()))
        qemu = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            qemu.connect(self.path)
        except OSError:
            conn.close()
            qemu.close()
            return
        self.viewer, self.qemu = conn, qemu
        for s in conn, qemu:
            s.settimeout(self.STALL)
        self.machine.watch(conn, lambda: self._copy(conn, qemu))
        self.machine.watch(qemu, lambda: self._copy(qemu, conn))

    def _copy(self, src, dst):
        try:
            data = src.recv(65536)
            if data:
                dst.sendall(data)
                return
        except OSError:
            pass
        self.drop()

    def drop(self):
        """Disconnect the viewer, if any."""
        if self.viewer:
            for s in self.viewer, self.qemu:
                self.machine.unwatch(s)
                s.close()
            self.dropped = time.monotonic()
        self.viewer = self.qemu = None

    def close(self):
        self.drop()
        if self.machine:
            self.machine.unwatch(self.listener)
        self.listener.close()
