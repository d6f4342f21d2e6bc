"""Takes or probes a multisso portal lock from another process, as a second multisso would.

usage: hold_lock.py hold LOCKFILE MARKER   -- block until the flock is ours, create MARKER, sleep
       hold_lock.py try  LOCKFILE          -- print "acquired" or "busy" (LOCK_NB) and exit
"""
import fcntl
import os
import sys
import time


def main():
    mode, lock_path = sys.argv[1], sys.argv[2]
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    if mode == "hold":
        fcntl.flock(fd, fcntl.LOCK_EX)
        with open(sys.argv[3], "w") as marker:
            marker.write(str(os.getpid()))
        time.sleep(120)
    elif mode == "try":
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            print("acquired")
        except BlockingIOError:
            print("busy")
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
