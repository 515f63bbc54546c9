#!/usr/bin/env python3
"""What the agent adds to the startup of the Jetty 12 ee10 sample app (docs/javaagent.md, "Startup overhead").

Usage (after `./mvnw -o -pl javaagent process-test-classes`, from the repository root):
  python3 javaagent/src/test/bench/startup-overhead.py RUNS [NAME=AGENT_JAR ...]
e.g.  ... 20 after=javaagent/target/vault-oidc-agent.jar before=/tmp/old-agent.jar

Each run starts a fresh JVM and times Popen -> the app's "READY" line; variants (no agent, then each jar)
alternate run by run; medians are printed with the process's and the main thread's CPU time at READY (from
/proc, Linux only). JAVA selects the JVM (default: java on PATH), OPTS the agent options. On a shared machine
give the runs priority, e.g.  setsid sh -c 'echo -20 > /proc/self/autogroup; exec python3 ...'.
"""
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.abspath(__file__)) + "/../../../.."
java = os.environ.get("JAVA", "java")
opts = os.environ.get("OPTS", "address=http://127.0.0.1:9,audiences=api")
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
variants = [("no agent", None)] + [tuple(v.split("=", 1)) for v in sys.argv[2:]]
tick = os.sysconf("SC_CLK_TCK")


def class_path():
    out = "/tmp/vault-oidc-agent-bench-cp.txt"
    subprocess.run([ROOT + "/mvnw", "-B", "-ntp", "-o", "-q", "-f", ROOT + "/pom.xml", "-pl", "javaagent",
                    "dependency:build-classpath", "-Dmdep.includeScope=test", "-Dmdep.outputFile=" + out],
                   check=True, stdout=subprocess.DEVNULL)
    entries = [e for e in open(out).read().strip().split(":")
               if any(x in e for x in ("/jetty-", "jakarta.servlet-api", "slf4j-api"))]
    return ":".join(entries + [ROOT + "/javaagent/target/test-classes"])


def cpu(stat_file):
    fields = open(stat_file).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick * 1000


def run(cp, agent):
    cmd = [java, "-Xshare:auto"]
    if agent:
        cmd.append("-javaagent:%s=%s" % (agent, opts))
    cmd += ["-cp", cp, "dev.vaultoidc.agent.sample.JettyEe10App"]
    started = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in p.stdout:
            if line.startswith("READY"):
                wall = (time.monotonic() - started) * 1000
                process = cpu("/proc/%d/stat" % p.pid)
                main = 0.0
                for tid in os.listdir("/proc/%d/task" % p.pid):
                    # The launcher's threads keep the name "java"; the JVM names all of its own.
                    if open("/proc/%d/task/%s/comm" % (p.pid, tid)).read().strip() == "java":
                        main += cpu("/proc/%d/task/%s/stat" % (p.pid, tid))
                return wall, process, main
        raise SystemExit("no READY line from " + " ".join(cmd))
    finally:
        p.kill()
        p.wait()


def main():
    cp = class_path()
    results = {name: [] for name, _ in variants}
    for i in range(runs):
        shift = i % len(variants)
        for name, agent in variants[shift:] + variants[:shift]:
            results[name].append(run(cp, agent))
    base = statistics.median(r[0] for r in results["no agent"])
    for name, _ in variants:
        r = results[name]
        wall = statistics.median(x[0] for x in r)
        print("%-10s n=%d  READY median %5.0f ms  added %+5.0f ms  process CPU %5.0f ms  main thread CPU %5.0f ms"
              % (name, len(r), wall, wall - base, statistics.median(x[1] for x in r),
                 statistics.median(x[2] for x in r)))
    print("load average:", open("/proc/loadavg").read().split()[:3])


main()
