// ONNX Runtime (CPU, all graph optimizations) on one model: the peer of
// bench/compare-zoo. Runs from a folder where `npm install --ignore-scripts
// onnxruntime-node` was done (compare-zoo passes it in NODE_PATH).
//
//   node ort_bench.js MODEL.onnx THREADS RUNS OUT.npy INPUT.npy...
//
// Prints one JSON line: {"median_ms": ..., "runs": ...}; writes the first
// output to OUT.npy.
const fs = require("fs");
const ort = require("onnxruntime-node");

// .npy files of little-endian float32 or int64, the zoo's inputs.
function readNpy(path) {
  const bytes = fs.readFileSync(path);
  const headerLength = bytes.readUInt16LE(8);
  const header = bytes.toString("latin1", 10, 10 + headerLength);
  const descr = /'descr':\s*'([^']+)'/.exec(header)[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)[1]
                    .split(",")
                    .map((s) => s.trim())
                    .filter((s) => s)
                    .map(Number);
  const data = bytes.subarray(10 + headerLength);
  const copy = new Uint8Array(data).buffer;
  if (descr === "<f4")
    return new ort.Tensor("float32", new Float32Array(copy), shape);
  if (descr === "<i8")
    return new ort.Tensor("int64", new BigInt64Array(copy), shape);
  throw new Error(`${path}: unsupported dtype ${descr}`);
}

function writeNpy(path, tensor) {
  const shape =
      tensor.dims.length === 1 ? `${tensor.dims[0]},` : tensor.dims.join(", ");
  let header =
      `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape}), }`;
  header += " ".repeat(63 - ((10 + header.length) % 64)) + "\n";
  const prefix = Buffer.alloc(10);
  prefix.write("\x93NUMPY", 0, "latin1");
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  const data = Buffer.from(new Float32Array(tensor.data).buffer);
  fs.writeFileSync(
      path, Buffer.concat([ prefix, Buffer.from(header, "latin1"), data ]));
}

async function main() {
  const [model, threads, runs, out, ...inputPaths] = process.argv.slice(2);
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads : Number(threads),
    interOpNumThreads : 1,
    graphOptimizationLevel : "all",
    executionMode : "sequential",
  });
  const feeds = {};
  session.inputNames.forEach(
      (name, i) => { feeds[name] = readNpy(inputPaths[i]); });
  let results;
  for (let i = 0; i < 3; ++i)
    results = await session.run(feeds);
  const times = [];
  for (let i = 0; i < Number(runs); ++i) {
    const start = process.hrtime.bigint();
    results = await session.run(feeds);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  writeNpy(out, results[session.outputNames[0]]);
  console.log(JSON.stringify(
      {median_ms : times[Math.floor(times.length / 2)], runs : times.length}));
}

main().catch((error) => {
  console.error(`error: ${error.message}`);
  process.exit(1);
});
