#!/usr/bin/env python3
"""The edit loop: change one literal of a stack, then get its template.

For a project made by `formwork init`, each run changes the function's timeout in
app_stack.cpp and times `formwork synth` (which rebuilds what changed and runs the app),
wall and CPU (this process's children: the tool, cmake, the compiler, the linker, the app).
When node and the aws-cdk-lib package are there (--cdk-modules, or `npm install aws-cdk-lib
constructs` in a folder given with it), the same edit of the same stack in a CDK JavaScript app
is timed in the same run, `node app.js` with CDK_VALIDATION=false and with its default,
interleaved with formwork's runs so that both see the same machine. Prints medians, the load
average before and after, and the ratio.

  python3 bench/edit_loop.py --formwork build/formwork [--runs 7] [--cdk-modules DIR/node_modules]
"""
import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

CDK_APP = """const cdk = require('aws-cdk-lib');
const lambda = require('aws-cdk-lib/aws-lambda');
const sqs = require('aws-cdk-lib/aws-sqs');

const app = new cdk.App();
const stack = new cdk.Stack(app, 'Loop', {description: 'A function invoked asynchronously, with retries and a dead-letter queue'});
const deadLetters = new sqs.Queue(stack, 'DeadLetterQueue', {retentionPeriod: cdk.Duration.days(14)});
new lambda.Function(stack, 'Greeter', {
  runtime: lambda.Runtime.PYTHON_3_12,
  handler: 'index.handler',
  code: lambda.Code.fromAsset('handler'),
  timeout: cdk.Duration.seconds(10),
  description: "Greets the event's name; fails when it is empty",
  deadLetterQueue: deadLetters,
  retryAttempts: 2,
  maxEventAge: cdk.Duration.hours(1),
});
new cdk.CfnOutput(stack, 'DeadLetterQueueUrl', {value: deadLetters.queueUrl});
app.synth();
"""

TIMEOUT = re.compile(r"seconds\((\d+)\)")


def timed(argv, cwd, env=None):
    """Wall and CPU seconds of one run (CPU: user + system of every process it started)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def set_timeout(path, seconds):
    with open(path) as f:
        text = f.read()
    text, count = TIMEOUT.subn(f"seconds({seconds})", text, count=1)
    assert count == 1, f"no seconds(N) literal in {path}"
    with open(path, "w") as f:
        f.write(text)


def summary(name, samples):
    walls = [w for w, _ in samples]
    cpus = [c for _, c in samples]
    print(f"  {name:<44} wall {statistics.median(walls):6.3f} s (min {min(walls):.3f}, max {max(walls):.3f})"
          f"   CPU {statistics.median(cpus):6.3f} s")
    return statistics.median(walls), statistics.median(cpus)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--formwork", default="formwork", help="the formwork tool (default: on PATH)")
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each (default 7)")
    parser.add_argument("--cdk-modules", help="a node_modules folder that has aws-cdk-lib and constructs")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    args = parser.parse_args()
    formwork = os.path.abspath(shutil.which(args.formwork) or args.formwork)

    work = tempfile.mkdtemp(prefix="formwork-edit-loop-")
    project = os.path.join(work, "loop")
    subprocess.run([formwork, "init", project], check=True, stdout=subprocess.DEVNULL)
    stack_source = os.path.join(project, "app_stack.cpp")
    template = os.path.join(project, "templates", "Loop.yaml")
    print("first build (not timed) ...", flush=True)
    subprocess.run([formwork, "synth"], cwd=project, check=True, stdout=subprocess.DEVNULL)

    cdk_dir = None
    node = shutil.which("node")
    if args.cdk_modules and node and os.path.isdir(os.path.join(args.cdk_modules, "aws-cdk-lib")):
        cdk_dir = os.path.join(work, "cdk")
        os.makedirs(cdk_dir)
        os.symlink(os.path.abspath(args.cdk_modules), os.path.join(cdk_dir, "node_modules"))
        shutil.copytree(os.path.join(project, "handler"), os.path.join(cdk_dir, "handler"))
        with open(os.path.join(cdk_dir, "app.js"), "w") as f:
            f.write(CDK_APP)
        subprocess.run([node, "app.js"], cwd=cdk_dir, check=True, env=dict(os.environ, CDK_OUTDIR="cdk.out"))
    else:
        print("CDK: not measured (needs node and --cdk-modules DIR/node_modules with aws-cdk-lib)")

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} CPUs")
    results = {"formwork": [], "cdk_no_validation": [], "cdk_default": []}
    for run in range(args.runs):
        seconds = 11 + run
        set_timeout(stack_source, seconds)
        results["formwork"].append(timed([formwork, "synth"], project))
        with open(template) as f:
            assert f"Timeout: {seconds}\n" in f.read(), "formwork synth did not show the edit"
        if cdk_dir:
            for key, extra in (("cdk_no_validation", {"CDK_VALIDATION": "false"}), ("cdk_default", {})):
                set_timeout(os.path.join(cdk_dir, "app.js"), seconds)
                env = dict(os.environ, CDK_OUTDIR="cdk.out")
                env.pop("CDK_VALIDATION", None)
                env.update(extra)
                results[key].append(timed([node, "app.js"], cdk_dir, env))
                with open(os.path.join(cdk_dir, "cdk.out", "Loop.template.json")) as f:
                    document = json.load(f)
                timeouts = [r["Properties"].get("Timeout") for r in document["Resources"].values()
                            if r["Type"] == "AWS::Lambda::Function"]
                assert timeouts == [seconds], "node app.js did not show the edit"
    print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    print(f"edit one literal, then get the template ({args.runs} runs each, medians):")
    fw_wall, fw_cpu = summary("formwork synth (rebuild + synth)", results["formwork"])
    if cdk_dir:
        nv_wall, nv_cpu = summary("CDK node app.js, CDK_VALIDATION=false", results["cdk_no_validation"])
        df_wall, df_cpu = summary("CDK node app.js, default", results["cdk_default"])
        print(f"  formwork / CDK (CDK_VALIDATION=false): wall {fw_wall / nv_wall:.2f}, CPU {fw_cpu / nv_cpu:.2f}")
        print(f"  formwork / CDK (default):              wall {fw_wall / df_wall:.2f}, CPU {fw_cpu / df_cpu:.2f}")
    if args.keep:
        print(f"projects kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
