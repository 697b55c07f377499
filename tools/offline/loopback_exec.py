"""Bring the loopback interface up inside a fresh network namespace, then exec a command.

`unshare -n` creates a namespace whose only interface, lo, is down; Jupyter
kernels talk to their clients over 127.0.0.1, so lo must be up. This does
what `ip link set lo up` does, without needing iproute2.
"""

import fcntl
import os
import socket
import struct
import sys

SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1

with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
    request = struct.pack("16sh", b"lo", 0)
    flags = struct.unpack("16sh", fcntl.ioctl(s, SIOCGIFFLAGS, request))[1]
    fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sh", b"lo", flags | IFF_UP))

os.execvp(sys.argv[1], sys.argv[1:])
