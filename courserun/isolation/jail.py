"""Inside the listing's process: the kernel's walls, put up before the listing's first line runs.

Standard library only, and nothing from this repository: ``sandbox.py`` copies this file beside
``child.py``, which loads it by path in the process that will run the listing (forked from the
warm parent, or a fresh interpreter). ``enter(config)`` turns that one process into three:

- the **supervisor** (the process the runner started or the warm parent forked) unshares a
  mount, IPC and PID namespace (and a network namespace unless the listing may use the
  network; a user namespace too when not root), makes every mount read-only, puts private
  tmpfs folders on ``/tmp``, ``/var/tmp`` and ``/dev/shm``, binds back the few folders the
  listing writes, then waits and ends with the listing's exact status;
- **init**, PID 1 of the new PID namespace, mounts a ``/proc`` that shows only the namespace
  and waits for the listing; when the listing ends, init ends, and the kernel kills whatever
  the listing left behind (a daemon started with ``setsid`` included);
- the **listing** (PID 2) drops every capability, sets ``no_new_privs`` and its resource limits,
  and returns from ``enter`` to run.

The runner kills the supervisor's children first (``sandbox._kill_tree``), so a timeout or an
interrupt ends the whole namespace. A step the kernel refuses is reported, never hidden: in
``config["report"]`` (a file the listing cannot write), and, when ``config["required"]``, the
listing does not run at all (exit code ``REFUSED``).
"""

import contextlib
import ctypes
import ctypes.util
import json
import os
import resource
import signal
import socket
import struct

REFUSED = 71  # the supervisor's exit code when isolation is required but incomplete

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_NOSUID, MS_NODEV, MS_NOEXEC = 2, 4, 8
MS_BIND, MS_REC, MS_PRIVATE = 4096, 16384, 1 << 18
MOUNT_ATTR_RDONLY = 0x1
AT_FDCWD, AT_RECURSIVE = -100, 0x8000
SYS_MOUNT_SETATTR = 442  # the same number on every architecture (added in Linux 5.12)
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_CAPBSET_DROP = 1, 4, 24
PR_SET_SECUREBITS, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT = 28, 38, 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
SECURE_NOROOT_ALL = 0x3 | 0xC | 0x30  # noroot, no_setuid_fixup, keep_caps_locked (+ locks)

# What the kernel enforces when every step succeeds, by the name the report uses.
WALLS = {
    "pid": "its own PID namespace (no other process visible or signalled; all killed at the end)",
    "proc": "a /proc that shows only its own processes",
    "readonly": "the repository, the cache and every other mount read-only",
    "tmp": "private /tmp, /var/tmp, /dev/shm and HOME",
    "net": "no network (its own network namespace, loopback only)",
    "caps": "no capabilities, no new privileges",
}


class _Mount(ctypes.Structure):
    _fields_ = [
        ("attr_set", ctypes.c_uint64),
        ("attr_clr", ctypes.c_uint64),
        ("propagation", ctypes.c_uint64),
        ("userns_fd", ctypes.c_uint64),
    ]


_libc = None


def _c():
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    return _libc


def _check(result, what):
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _b(text):
    return None if text is None else os.fsencode(text)


def _mount(source, target, fstype, flags, data=None):
    _check(
        _c().mount(_b(source), _b(target), _b(fstype), ctypes.c_ulong(flags), _b(data)),
        f"mount {target}",
    )


def _setattr(path, attr_set, attr_clr, recursive):
    attr = _Mount(attr_set, attr_clr, 0, 0)
    flags = AT_RECURSIVE if recursive else 0
    result = _c().syscall(
        ctypes.c_long(SYS_MOUNT_SETATTR),
        ctypes.c_int(AT_FDCWD),
        _b(path),
        ctypes.c_uint(flags),
        ctypes.byref(attr),
        ctypes.c_size_t(ctypes.sizeof(attr)),
    )
    _check(result, f"mount_setattr {path}")


def _prctl(option, arg=0):
    _check(_c().prctl(ctypes.c_int(option), ctypes.c_ulong(arg), 0, 0, 0), f"prctl {option}")


def _write(path, text):
    with open(path, "w") as handle:
        handle.write(text)


def _loopback_up():
    """A new network namespace has its loopback down; the listing may talk to itself."""
    import fcntl

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sH22x", b"lo", 0)
        flags = struct.unpack("16sH22x", fcntl.ioctl(sock, 0x8913, request))[1]  # SIOCGIFFLAGS
        fcntl.ioctl(sock, 0x8914, struct.pack("16sH22x", b"lo", flags | 1))  # SIOCSIFFLAGS, UP


def _drop_privileges():
    """No capability left, none to regain through execve (root included)."""
    for number in range(64):
        try:
            _prctl(PR_CAPBSET_DROP, number)
        except OSError:
            break  # past the last capability this kernel knows
    try:
        _prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)
    except OSError:
        pass
    if os.getuid() == 0:
        _prctl(PR_SET_SECUREBITS, SECURE_NOROOT_ALL)
    header = struct.pack("Ii", 0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this thread
    data = bytes(24)  # effective, permitted, inheritable: zero, twice (64 bits)
    _check(_c().capset(header, data), "capset")
    _prctl(PR_SET_NO_NEW_PRIVS, 1)


def _limits(config):
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    processes = int(config.get("processes") or 0)
    if processes and os.getuid() != 0:
        # Counted per user across the machine (root is exempt): this user's count plus a margin.
        soft, hard = resource.getrlimit(resource.RLIMIT_NPROC)
        cap = min(processes, hard) if hard != resource.RLIM_INFINITY else processes
        resource.setrlimit(resource.RLIMIT_NPROC, (cap, cap))


class _Report:
    def __init__(self, config):
        self.done = []
        self.missing = {}
        path = config.get("report")
        self.fd = os.open(path, os.O_WRONLY | os.O_TRUNC) if path else None

    def step(self, name, action):
        try:
            action()
        except (OSError, AttributeError, TypeError, ValueError) as why:
            self.missing[name] = str(why)
            return False
        self.done.append(name)
        return True

    def close(self, extra=None):
        if self.fd is not None:
            record = {"done": self.done, "missing": self.missing, **(extra or {})}
            os.write(self.fd, json.dumps(record).encode())
            os.close(self.fd)
            self.fd = None


def _bind_back(fds, writable):
    """Bind each kept folder again at its own path, read-only, and the listing's ones writable."""
    for path, fd in sorted(fds.items(), key=lambda item: len(item[0])):
        os.makedirs(path, exist_ok=True)
        # A copy of a read-only mount: read-only too, until cleared for the listing's folders.
        _mount(f"/proc/self/fd/{fd}", path, None, MS_BIND | MS_REC)
        if path in writable:
            _setattr(path, 0, MOUNT_ATTR_RDONLY, False)
        os.close(fd)


def _filesystem(config):
    """Everything read-only; private tmpfs scratch; the listing's folders bound back."""
    writable = {os.path.realpath(p) for p in config.get("writable", [])}
    keep = {os.path.realpath(p) for p in config.get("visible", [])} | writable
    keep = {p for p in keep if os.path.isdir(p)}
    fds = {path: os.open(path, os.O_PATH | os.O_DIRECTORY) for path in keep}
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _setattr("/", MOUNT_ATTR_RDONLY, 0, True)
    size = f"size={int(config.get('tmp_mb') or 512)}m"
    for folder in ("/tmp", "/var/tmp", "/dev/shm"):
        if os.path.isdir(folder):
            _mount("tmpfs", folder, "tmpfs", MS_NOSUID | MS_NODEV, f"mode=1777,{size}")
    _bind_back(fds, writable)
    # The working directory was entered before these mounts: enter it again by its path, so
    # that it is the folder bound back (writable), not the one under the read-only root.
    with contextlib.suppress(OSError):
        os.chdir(os.getcwd())


def _supervise(init_pid, status_read):
    """Wait for init and end as the listing ended: same exit code, or killed by the same signal."""
    os.waitpid(init_pid, 0)
    data = os.read(status_read, 64)
    if not data:
        os._exit(70)
    code = os.waitstatus_to_exitcode(int(data))
    if code >= 0:
        os._exit(code)
    import faulthandler

    faulthandler.disable()
    if -code not in (signal.SIGKILL, signal.SIGSTOP):  # those two have no handler to reset
        signal.signal(-code, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [-code])
    os.kill(os.getpid(), -code)
    os._exit(128 - code)


def _init(report, config, status_write):
    """PID 1: a /proc of the namespace, then wait for the listing and reap every orphan."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # the runner killed the supervisor: end it all
    report.step("proc", lambda: _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC))
    if config.get("required") and report.missing:
        report.close()
        os._exit(REFUSED)
    listing = os.fork()
    if listing == 0:
        os.close(status_write)
        return
    if report.fd is not None:
        os.close(report.fd)  # the listing's process writes the end of the report
    for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"):
        signal.signal(getattr(signal, name), signal.SIG_IGN)
    _prctl(PR_SET_DUMPABLE, 0)  # nothing in the namespace may trace init
    while True:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            os._exit(70)
        if pid == listing:
            os.write(status_write, str(status).encode())
            # Returning ends PID 1: the kernel kills every other process of the namespace.
            os._exit(0)


def enter(config):
    """Isolate this process as ``config`` says; returns in the process that runs the listing.

    config: writable (folders the listing writes), visible (folders under a private tmpfs that
    it still reads), network (bool), required (bool), report (a file for what was done and what
    was not), tmp_mb, processes. Must be called with one thread.
    """
    report = _Report(config)
    if config.get("mode") == "off":
        report.missing["all"] = "COURSERUN_ISOLATION=off"
        report.close()
        return
    flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC
    if not config.get("network"):
        flags |= CLONE_NEWNET
    uid, gid = os.getuid(), os.getgid()
    if uid != 0:
        flags |= CLONE_NEWUSER

    def namespaces():
        _check(_c().unshare(ctypes.c_int(flags)), "unshare")
        if uid != 0:
            _write("/proc/self/setgroups", "deny")
            _write("/proc/self/uid_map", f"{uid} {uid} 1")
            _write("/proc/self/gid_map", f"{gid} {gid} 1")

    if not report.step("pid", namespaces):
        for name in WALLS:
            report.missing.setdefault(name, report.missing["pid"])
        if config.get("required"):
            report.close()
            os._exit(REFUSED)
        report.close()
        return
    if report.step("readonly", lambda: _filesystem(config)):
        report.done.append("tmp")
    else:
        report.missing["tmp"] = report.missing["readonly"]
    if not config.get("network"):
        report.step("net", _loopback_up)
    if config.get("required") and report.missing:
        report.close()
        os._exit(REFUSED)
    status_read, status_write = os.pipe()
    init_pid = os.fork()
    if init_pid != 0:
        report.fd = None  # init writes the rest of the report
        os.close(status_write)
        _supervise(init_pid, status_read)
    os.close(status_read)
    _init(report, config, status_write)
    # The listing: PID 2 of the namespace, runner code until enter() returns.
    report.step("caps", _drop_privileges)
    report.step("limits", lambda: _limits(config))
    refused = config.get("required") and report.missing
    report.close()
    if refused:
        os._exit(REFUSED)
