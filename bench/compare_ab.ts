/**
 * `deno run -A bench/compare_ab.ts <treeA> <treeB> [--rounds N] [--sizes 100,1048576]`: before /
 * after for an optimisation, in the same run. Starts the `start` and `startRaw` echo peers of two
 * checkouts of this repository (e.g. `git archive HEAD | tar -x -C /tmp/before` and the work tree)
 * and drives them alternately with the Go load driver (round trip p50, string and records events).
 * Prints one markdown table. Never asserts.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { makeEvent, type Shape } from "./compare_payloads.ts";
import { fmt, median } from "./compare_report.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const [a, b] = Deno.args.filter((x) => !x.startsWith("--") && !/^\d/.test(x));
const flag = (name: string, def: string) => {
  const i = Deno.args.indexOf(name);
  return i >= 0 ? Deno.args[i + 1] : def;
};
const rounds = Number(flag("--rounds", "3"));
const sizes = flag("--sizes", "100,10240,1048576,6291456").split(",").map(Number);
if (!a || !b) {
  console.error("usage: compare_ab.ts <treeA> <treeB> [--rounds N] [--sizes 100,10240]");
  Deno.exit(2);
}
const driver = root + "target/bench/driver";
const dec = (x: Uint8Array) => new TextDecoder().decode(x);

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

const peers = [a, b].flatMap((tree, t) =>
  ["echo.ts", "echo_raw.ts"].map((f) => ({
    id: `${t === 0 ? "A" : "B"} ${f.replace(".ts", "")}`,
    argv: [Deno.execPath(), "run", "-A", `${tree}/bench/peers/${f}`],
  }))
);
const running = peers.map((p) => {
  const port = freePort();
  const child = new Deno.Command(p.argv[0], {
    args: p.argv.slice(1),
    env: { _LAMBDA_SERVER_PORT: String(port) },
    stdout: "null",
  }).spawn();
  return { ...p, child, addr: `127.0.0.1:${port}` };
});
const files: Record<string, string> = {};
const shapes: Shape[] = ["string", "records"];
for (const s of shapes) {
  for (const n of sizes) {
    files[`${s} ${n}`] = await Deno.makeTempFile();
    await Deno.writeFile(files[`${s} ${n}`], makeEvent(s, n));
  }
}
const res: Record<string, number[]> = {};
try {
  for (let r = 0; r < rounds; r++) {
    for (const key of Object.keys(files)) {
      const size = Number(key.split(" ")[1]);
      const n = Number(flag("--n", "0")) || (size <= 10240 ? 3000 : size <= 1 << 20 ? 60 : 15);
      const order = r % 2 ? [...running].reverse() : running;
      for (const p of order) {
        const out = await new Deno.Command(driver, {
          args: [
            "rtt",
            "-addr",
            p.addr,
            "-payload",
            files[key],
            "-n",
            String(n),
            "-warm",
            "20",
            "-pid",
            String(p.child.pid),
          ],
          stdout: "piped",
          stderr: "piped",
        }).output();
        if (!out.success) throw new Error(`${p.id} ${key}: ${dec(out.stderr)}`);
        const x = JSON.parse(dec(out.stdout));
        ((res[`${key}|${p.id}`]) ??= []).push(x.p50_us);
        ((res[`${key}|${p.id}|cpu`]) ??= []).push(x.cpu_us);
      }
    }
  }
} finally {
  for (const p of running) p.child.kill("SIGKILL");
  for (const f of Object.values(files)) await Deno.remove(f);
}
console.log(
  `| median of ${rounds} rounds | ${running.map((p) => p.id).join(" | ")} | B/A start | B/A raw |`,
);
console.log(`|---|${running.map(() => "---:").join("|")}|---:|---:|`);
for (const what of ["", "|cpu"]) {
  for (const key of Object.keys(files)) {
    const v = running.map((p) => median(res[`${key}|${p.id}${what}`]));
    console.log(
      `| ${what ? "peer CPU µs/invoke" : "p50 µs"} ${key} B | ${v.map(fmt).join(" | ")} | ${
        fmt(v[2] / v[0])
      } | ${fmt(v[3] / v[1])} |`,
    );
  }
}
