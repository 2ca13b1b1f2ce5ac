#!/usr/bin/env python3
"""Runs commands in turn, RUNS times each after two warm-up rounds, and prints each one's median
wall time, fastest run and median CPU time (user + system of the child). Taking the commands in
turn, run by run, makes the slow minutes of a shared machine fall on all of them alike: the way to
compare two builds of fluentpress.

    python3 benches/alternate.py RUNS 'LABEL|ENV|COMMAND' ...

ENV is empty or `NAME=VALUE,NAME=VALUE`; COMMAND is split on spaces. For example:

    python3 benches/alternate.py 21 \\
        "before||/tmp/fluentpress-old --project DIR check --format json" \\
        "after||target/release/fluentpress --project DIR check --format json"
"""
import os
import resource
import statistics
import subprocess
import sys
import time


def main():
    runs = int(sys.argv[1])
    commands = []
    for spec in sys.argv[2:]:
        label, env_text, command = spec.split("|", 2)
        env = dict(os.environ)
        for pair in filter(None, env_text.split(",")):
            name, value = pair.split("=", 1)
            env[name] = value
        commands.append((label, env, command.split()))
    wall = {label: [] for label, _, _ in commands}
    cpu = {label: [] for label, _, _ in commands}
    for round_number in range(runs + 2):
        for label, env, command in commands:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, env=env, stdout=subprocess.DEVNULL)
            elapsed = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if round_number >= 2:
                wall[label].append(elapsed * 1000)
                used = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
                cpu[label].append(used * 1000)
    for label in wall:
        print(
            f"{label:12} median {statistics.median(wall[label]):7.1f} ms"
            f"  fastest {min(wall[label]):7.1f} ms"
            f"  CPU median {statistics.median(cpu[label]):7.1f} ms"
        )


if __name__ == "__main__":
    main()
