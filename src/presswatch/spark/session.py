"""Starting Spark, and saying what to do when it cannot start (pyspark not installed, no Java, a Java too old)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping

from presswatch.errors import PresswatchError

MIN_JAVA = 17  # pyspark 4 needs Java 17+ (pyspark 3.5, which the extra also allows, runs on Java 8+)
INSTALL_HINT = f"install with pip install 'presswatch[spark]'; Spark needs Java {MIN_JAVA}+"
DEFAULT_MASTER = "local[2]"


class SparkUnavailable(PresswatchError):
    """pyspark or Java is missing, or Spark would not start."""


class SparkJobFailed(PresswatchError):
    """A Spark job failed as a whole (a failing item never does that): the executors' setup is wrong, e.g. the spaCy
    model or presswatch is not installed there."""

    @classmethod
    def of(cls, exc: Exception) -> SparkJobFailed:
        """The failure, named by the exception line of the task's Python traceback when there is one."""
        lines = [line for line in str(exc).strip().splitlines() if line.strip()]
        raised = [line for line in lines if not line[0].isspace() and re.match(r"[\w.]+(: |$)", line)]
        return cls(f"the Spark job failed: {(raised or lines or [type(exc).__name__])[-1]}")


def java_problem(minimum: int = MIN_JAVA) -> str | None:
    """Why Spark cannot run on this machine's Java, or None when a Java ``minimum``+ is there."""
    home = os.environ.get("JAVA_HOME")
    java = os.path.join(home, "bin", "java") if home else shutil.which("java")
    if not java or not os.path.exists(java):
        return f"Java was not found (no java on PATH, no JAVA_HOME): Spark needs Java {minimum}+"
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30).stderr
    except (OSError, subprocess.SubprocessError) as exc:
        return f"{java} -version failed ({exc}): Spark needs Java {minimum}+"
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if match is None:
        return None  # an unusual banner: let Spark try
    major = int(match.group(2)) if match.group(1) == "1" else int(match.group(1))  # "1.8.0" is Java 8
    return None if major >= minimum else f"{java} is Java {major}: Spark needs Java {minimum}+ (set JAVA_HOME)"


def check_spark() -> None:
    """Raise SparkUnavailable, saying what to install, unless pyspark and a Java 17+ are there."""
    try:
        import pyspark
    except ImportError:
        raise SparkUnavailable(f"pyspark is not installed: {INSTALL_HINT}") from None
    problem = java_problem(MIN_JAVA if int(pyspark.__version__.split(".")[0]) >= 4 else 8)
    if problem is not None:
        raise SparkUnavailable(problem)


def start_session(master: str = DEFAULT_MASTER, conf: Mapping[str, str] | None = None, app_name: str = "presswatch"):
    """A SparkSession (``pyspark.sql.SparkSession``) on ``master``, quiet, with ``conf`` added.

    In local mode the executors' Python is this interpreter (``PYSPARK_PYTHON`` wins when set), so they import the same
    presswatch and spaCy model; Spark binds to the loopback address and the web UI is off unless ``conf`` turns it on.
    On a cluster, presswatch and the model must be installed on every executor.
    """
    check_spark()
    from pyspark.sql import SparkSession

    local = master.startswith("local")
    if local:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = SparkSession.builder.master(master).appName(app_name)
    settings = {"spark.ui.enabled": "false"} if local else {}
    for key, value in {**settings, **(conf or {})}.items():
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # the JVM would not start: the message of pyspark is long; its first line says why
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SparkUnavailable(f"Spark did not start on {master}: {first} ({INSTALL_HINT})") from exc
    spark.sparkContext.setLogLevel("ERROR")
    return spark
