import os
import signal
import sys

from codemods.doctor.main import main

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:
    # The reader stopped early (`| head`): end as a tool killed by SIGPIPE would, without Python's complaint
    # about the unflushed rest at exit.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    code = 128 + signal.SIGPIPE
raise SystemExit(code)
