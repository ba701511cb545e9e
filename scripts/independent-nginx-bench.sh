#!/usr/bin/env bash
# Usage (from the package root, images built): ROUNDS=8 scripts/independent-nginx-bench.sh PROFILE.json [PROFILE2.json ...]
# Not sandfuzz code on purpose: a second opinion on `sandfuzz bench` with the plain docker CLI.
# Independent nginx throughput: docker run + autocannon CLI straight to the bridge address (no docker-proxy), nginx pinned to CPU 0 and the client
# to CPU 1, configurations interleaved per round (A B C A B C ...). Prints one line per run and
# the median ratio of each profile to unconfined.
set -u
ROUNDS=${ROUNDS:-6}
CFGS=(unconfined "$@")
out=$(mktemp)
for r in $(seq 1 $ROUNDS); do
  for cfg in "${CFGS[@]}"; do
    name=indep-$$-$r
    docker run -d --rm --name $name --cpuset-cpus 0 --security-opt seccomp=$cfg sandfuzz/nginx >/dev/null
    ip=$(docker inspect -f "{{.NetworkSettings.IPAddress}}" $name); url=http://$ip:80/
    for i in $(seq 1 50); do curl -fs -o /dev/null $url && break; sleep 0.1; done
    taskset -c 1 node_modules/.bin/autocannon -c 16 -d 2 $url >/dev/null 2>&1
    rps=$(taskset -c 1 node_modules/.bin/autocannon -c 16 -d 8 -j $url 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).requests.average))')
    echo "$r $cfg $rps" | tee -a $out
    docker rm -f $name >/dev/null
  done
done
node -e '
const lines=require("fs").readFileSync(process.argv[1],"utf8").trim().split("\n").map(l=>l.split(" "));
const by={}; for (const [r,c,v] of lines) (by[c]??=[])[r-1]=Number(v);
const med=a=>{const s=[...a].sort((x,y)=>x-y);const m=s.length>>1;return s.length%2?s[m]:(s[m-1]+s[m])/2};
const u=by.unconfined;
for (const c of Object.keys(by)) { const ratios=by[c].map((v,i)=>v/u[i]); console.log(`${c}: median ${med(by[c]).toFixed(0)} req/s, per-round ratio to unconfined median ${med(ratios).toFixed(3)} [${Math.min(...ratios).toFixed(3)}, ${Math.max(...ratios).toFixed(3)}]`); }
' $out
