#!/bin/sh
# PID 1's child in a learner sandbox: starts the learner's own Docker engine, then waits.
set -eu

# The sandbox shares the host's cgroup namespace (the engine needs to write cgroups), so the inner
# engine would put its containers beside this sandbox's cgroup, outside its memory and PID limits.
# It must put them under this sandbox's own cgroup instead, so a fork bomb in a learner's container
# is bounded like one in their shell.
own_cgroup=$(awk -F: '$2 ~ /(^|,)memory(,|$)/ { print $3; exit } $1 == "0" && $2 == "" { print $3; exit }' /proc/self/cgroup)

mkdir -p /var/log
# A paused sandbox is a stopped container: its disk keeps the engine's pid file and run-time state
# from before, which would stop the engine from starting again on resume.
rm -rf /var/run/docker.pid /var/run/docker /var/run/containerd
if [ -n "$own_cgroup" ] && [ "$own_cgroup" != "/" ]; then
  dockerd --cgroup-parent="$own_cgroup/inner" --group docker >/var/log/dockerd.log 2>&1 &
else
  dockerd --group docker >/var/log/dockerd.log 2>&1 &
fi
engine=$!

# Pausing a sandbox stops its container: the engine gets the time to stop the learner's containers
# and write its state, so it starts cleanly on resume.
trap 'kill -TERM "$engine" 2>/dev/null; wait "$engine"; exit 0' TERM INT
while :; do
  sleep 3600 &
  wait $! || true
done
