#!/usr/bin/env bash
# Installs what formwork needs to build and test on Debian (run as root).
# Optional tools, not installed here: aws (deploy, destroy, diff --deployed),
# cfn-lint (lint), moto_server (the end-to-end tests); see the README.
set -euo pipefail
packages=(build-essential cmake git python3 python3-yaml
          libyaml-cpp-dev nlohmann-json3-dev libcli11-dev catch2 graphviz
          libcpp-httplib-dev libssl-dev curl
          libssl-dev libzip-dev zlib1g-dev clang-14 libclang-rt-14-dev
          libpcre2-dev default-jdk-headless velocity libjsonpath-java libslf4j-java ccache)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
