# SPDX-License-Identifier: BSD-2-Clause
# memsize.py: how much RAM the emulated machine needs for the guests it runs, and whether the host has it.
"""The emulated machine holds Xen, dom0 and one guest at a time (a batch runs its guests in
turn), so it needs dom0's memory + the largest guest's + a margin for Xen itself (its heap,
frame table, each domain's page tables and p2m). QEMU allocates guest RAM lazily, so a
larger machine costs the host only what the guests really touch; FLOOR_MB keeps small runs
on the machine size every test has used so far.
"""

XL_DEFAULT_MEMORY_MB = 128     # xl's default for a config without memory =
XEN_MARGIN_MB = 256            # Xen's own heap and tables, with room to spare (2 GiB guest: OK)
FLOOR_MB = 2048
ROUND_MB = 256


class MemorySizeError(Exception):
    """The host cannot give the machine what the guests need (message says what to do)."""


def guest_mb(settings):
    """The most memory a guest config can take: max(memory, maxmem), xl's default if unset."""
    values = []
    for key in ("memory", "maxmem"):
        try:
            values.append(int(str(settings.get(key, "")).strip()))
        except ValueError:
            pass
    return max(values) if values else XL_DEFAULT_MEMORY_MB


def needed_mb(guest_settings, dom0_mb):
    """RAM for Xen + dom0 + the largest guest, rounded up to ROUND_MB."""
    largest = max((guest_mb(s) for s in guest_settings), default=0)
    # page tables and p2m of the guest: about 1/64 of it, plus Xen's fixed share
    need = dom0_mb + largest + largest // 64 + XEN_MARGIN_MB
    return -(-need // ROUND_MB) * ROUND_MB


def host_available_mb(meminfo="/proc/meminfo"):
    """MemAvailable + SwapFree of the host in MiB, or None if unknown."""
    fields = {}
    try:
        with open(meminfo, encoding="ascii") as f:
            for line in f:
                key, _, rest = line.partition(":")
                fields[key] = int(rest.split()[0]) // 1024
    except (OSError, ValueError, IndexError):
        return None
    if "MemAvailable" not in fields:
        return None
    return fields["MemAvailable"] + fields.get("SwapFree", 0)


def machine_mb(guest_settings, dom0_mb, override=None, available=None):
    """The emulated machine's RAM in MiB. OVERRIDE: $XENRUN_MEM as given (a string or None);
    AVAILABLE: the host's free MiB (None: unknown). Raises MemorySizeError saying what to do."""
    need = needed_mb(guest_settings, dom0_mb)
    largest = max((guest_mb(s) for s in guest_settings), default=0)
    what = (f"the largest guest has {largest} MiB, dom0 {dom0_mb} MiB, Xen needs about "
            f"{need - largest - dom0_mb} MiB more")
    if override is not None:
        try:
            mem = int(override)
        except ValueError:
            raise MemorySizeError("XENRUN_MEM must be a whole number of MiB") from None
        if mem < need:
            raise MemorySizeError(f"XENRUN_MEM={mem} is too small for these guests: they need "
                               f"{need} MiB ({what}); unset XENRUN_MEM or set it to {need}")
        return mem
    if available is not None and need > available:
        raise MemorySizeError(f"the emulated machine needs {need} MiB ({what}) but the host has "
                           f"only {available} MiB available: free host memory, lower "
                           "memory = in the config (or XENRUN_DOM0_MEM), or run the guests "
                           "on a larger machine")
    floor = FLOOR_MB if available is None else min(FLOOR_MB, available)
    return max(need, floor)
