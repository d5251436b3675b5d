//===- KilnBench.cpp - Kiln's benchmark cases, fused and unfused ----------===//
//
// Times each example graph of issue 4's benchmark list through the C++ API,
// fused and with all fusion off, at 1 and 2 threads; a STREAM triad over 16M
// floats as the bandwidth roof; and a probe of whether the second core is
// really there. bench/compare runs this binary with PyTorch beside it and
// prints the table; run it alone with the usual --benchmark_* flags.
//
// Before a case is timed, its results (fused and unfused) are checked
// against the reference interpreter on the same inputs with Kiln's one
// tolerance rule; a mismatch stops the run. --inputs_dir=DIR also writes
// each case's inputs and the interpreter's results as DIR/<case>/arg<i>.npy
// and expected<i>.npy, so that the peers compute on the same inputs and
// check their own results (bench/torch_bench.py --inputs DIR).
//
// Each benchmark runs for --benchmark_min_time seconds (0.5 by default)
// after one warm-up run, and reports the median of its iterations (counter
// `median_s`; the mean Google Benchmark prints is pulled up by the odd slow
// run) and the bytes it moves (counter `bytes`: inputs plus outputs).
//
//===----------------------------------------------------------------------===//

#include "bench/Roofs.h"
#include "compiler/Compiler.h"
#include "compiler/frontends/mlir/GraphFile.h"
#include "compiler/reference/Interpreter.h"
#include "runtime/HostTensor.h"
#include "test/support/NumericsCompare.h"
#include "tools/common/Npy.h"
#include "tools/common/RandomTensor.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

/// One graph of the benchmark list, by its file under examples/.
struct BenchCase {
  const char *name;
  const char *file;
};

const BenchCase kCases[] = {
    {"chain", "examples/chain.mlir"},
    {"softmax_512x4096", "examples/softmax_512x4096.mlir"},
    {"softmax_8192x4096", "examples/softmax_8192x4096.mlir"},
    {"layernorm_512x4096", "examples/layernorm_512x4096.mlir"},
    {"layernorm_8192x4096", "examples/layernorm_8192x4096.mlir"},
    {"mlp", "examples/mlp.mlir"},
    {"transformer_block", "examples/transformer_block.mlir"},
};

const int kThreadCounts[] = {1, 2};

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/// Times each iteration of `body` into the state's median and bytes
/// counters, after one untimed warm-up call.
template <class Body>
void timeIterations(benchmark::State &state, double bytes, Body body) {
  body();
  std::vector<double> seconds;
  for (auto _ : state) {
    auto start = Clock::now();
    body();
    double elapsed = secondsSince(start);
    state.SetIterationTime(elapsed);
    seconds.push_back(elapsed);
  }
  state.counters["median_s"] = median(seconds);
  state.counters["bytes"] = bytes;
  state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
}

//===----------------------------------------------------------------------===//
// Kiln cases
//===----------------------------------------------------------------------===//

/// The compiled graphs and buffers of the case being measured. Only one
/// case is held at a time: the [8192, 4096] cases and the chain each need
/// hundreds of MiB.
struct LoadedCase {
  std::string name;
  std::map<bool, std::unique_ptr<kiln::Executable>> byFusion;
  std::vector<kiln::HostTensor> inputs, outputs;
  /// The reference interpreter's results on `inputs`, and their error
  /// bounds.
  std::vector<kiln::HostTensor> expected, errorBounds;
  double bytes = 0;
};

/// --inputs_dir: where each case's inputs and expected results go.
std::string inputsDirectory;

mlir::MLIRContext &context() {
  static mlir::MLIRContext instance(mlir::MLIRContext::Threading::DISABLED);
  return instance;
}

/// Exits with the error: a benchmark that cannot run has nothing to report,
/// and bench/compare must not print a table with a silent hole in it.
[[noreturn]] void failWith(const std::string &what, const std::string &why) {
  llvm::errs() << "KilnBench: " << what << ": " << why << "\n";
  std::exit(1);
}

[[noreturn]] void failWith(const std::string &what, llvm::Error error) {
  failWith(what, llvm::toString(std::move(error)));
}

/// The interpreter's results for the case's inputs, written with the
/// inputs to --inputs_dir when one is given.
void computeExpected(LoadedCase &loaded, mlir::ModuleOp module) {
  auto entry = kiln::getEntryFunction(module);
  if (!entry)
    failWith(loaded.name, entry.takeError());
  auto results = kiln::interpretWithErrorBounds(*entry, loaded.inputs);
  if (!results)
    failWith(loaded.name + " in the reference interpreter",
             results.takeError());
  loaded.expected = std::move(results->values);
  loaded.errorBounds = std::move(results->errorBounds);
  if (inputsDirectory.empty())
    return;
  std::string directory = inputsDirectory + "/" + loaded.name;
  if (std::error_code error = llvm::sys::fs::create_directories(directory))
    failWith(directory, error.message());
  auto write = [&](const std::string &file, const kiln::HostTensor &tensor) {
    std::string error;
    if (!kiln::writeNpy(directory + "/" + file, tensor, error))
      failWith(directory + "/" + file, error);
  };
  for (size_t i = 0; i < loaded.inputs.size(); ++i)
    write("arg" + std::to_string(i) + ".npy", loaded.inputs[i]);
  for (size_t i = 0; i < loaded.expected.size(); ++i)
    write("expected" + std::to_string(i) + ".npy", loaded.expected[i]);
}

/// Runs `executable` once and holds its results to the interpreter's.
void checkAgainstReference(const LoadedCase &loaded,
                           const kiln::Executable &executable, bool fused) {
  std::string what = loaded.name + (fused ? " (fused)" : " (unfused)");
  auto results = executable.run(loaded.inputs);
  if (!results)
    failWith(what, results.takeError());
  for (size_t i = 0; i < results->size(); ++i) {
    std::string mismatch = kiln::testing::compareWithinBounds(
        (*results)[i], loaded.expected[i], loaded.errorBounds[i]);
    if (!mismatch.empty())
      failWith(what,
               "result " + std::to_string(i) +
                   " differs from the reference interpreter's: " + mismatch);
  }
}

/// The case held now; released by main before the MLIR context goes.
LoadedCase &currentCase() {
  static LoadedCase loaded;
  return loaded;
}

/// The executable of `benchCase` with fusion on or off, compiled and
/// checked against the interpreter on first use; inputs are Kiln's seeded
/// random tensors.
LoadedCase &load(const BenchCase &benchCase, bool fused) {
  LoadedCase &loaded = currentCase();
  if (loaded.name != benchCase.name) {
    loaded = LoadedCase();
    loaded.name = benchCase.name;
  }
  std::unique_ptr<kiln::Executable> &executable = loaded.byFusion[fused];
  if (executable)
    return loaded;

  std::string path = std::string(KILN_SOURCE_DIR) + "/" + benchCase.file;
  auto module = kiln::parseGraphFile(path, context());
  if (!module)
    failWith(path, module.takeError());
  kiln::CompileOptions options;
  if (!fused)
    options.disableFusion();
  kiln::Compiler compiler(context());
  auto compiled = compiler.compile(**module, options);
  if (!compiled)
    failWith(path, compiled.takeError());
  executable = std::move(*compiled);

  if (loaded.inputs.empty()) {
    loaded.bytes = 0;
    for (size_t i = 0; i < executable->inputs().size(); ++i) {
      const kiln::TensorSpec &spec = executable->inputs()[i];
      loaded.inputs.push_back(
          kiln::randomTensor(spec.elementType, spec.shape, /*seed=*/0, i));
      loaded.bytes += loaded.inputs.back().sizeInBytes();
    }
    for (const kiln::TensorSpec &spec : executable->outputs()) {
      loaded.outputs.emplace_back(spec.elementType, spec.shape);
      loaded.bytes += loaded.outputs.back().sizeInBytes();
    }
    computeExpected(loaded, **module);
  }
  checkAgainstReference(loaded, *executable, fused);
  return loaded;
}

void runKilnCase(benchmark::State &state, const BenchCase &benchCase,
                 bool fused, int threads) {
  LoadedCase &loaded = load(benchCase, fused);
  const kiln::Executable &executable = *loaded.byFusion[fused];
  kiln::RunOptions options;
  options.threads = threads;
  timeIterations(state, loaded.bytes, [&] {
    if (llvm::Error error =
            executable.runInto(loaded.inputs, loaded.outputs, options))
      failWith(benchCase.name, std::move(error));
  });
  // How the graph was compiled, for the table's notes: the issue holds the
  // fused arena to 1.1x the liveness bound.
  state.counters["kernels"] = static_cast<double>(executable.kernels().size());
  state.counters["arena_bytes"] = static_cast<double>(executable.arenaSize());
  state.counters["liveness_bound_bytes"] =
      static_cast<double>(executable.arenaLivenessBound());
}

//===----------------------------------------------------------------------===//
// The bandwidth roof and the second-core probe
//===----------------------------------------------------------------------===//

using kiln::bench::onThreads;

/// STREAM triad a = b + 3c over 16M floats: 12 bytes per element (two
/// loads, one store), the memory roof the memory-bound cases are held to.
void runTriad(benchmark::State &state, int threads) {
  constexpr int64_t n = int64_t(1) << 24;
  struct Arrays {
    std::vector<float, kiln::AlignedAllocator<float>> a, b, c;
  };
  static Arrays arrays{std::vector<float, kiln::AlignedAllocator<float>>(n),
                       std::vector<float, kiln::AlignedAllocator<float>>(n, 1),
                       std::vector<float, kiln::AlignedAllocator<float>>(n, 2)};
  timeIterations(state, 12.0 * n, [&] {
    kiln::bench::triad(arrays.a.data(), arrays.b.data(), arrays.c.data(), n,
                       threads);
  });
}

/// A dependent multiply-add chain per thread: the same work on 1 and on 2
/// threads takes the same wall time when both cores are really there, and
/// about twice as long when the host time-slices the second one. Reports
/// `two_core_ratio` (2-thread over 1-thread time; healthy below ~1.2).
void runCoreProbe(benchmark::State &state) {
  auto spin = [](int) {
    uint64_t x = 1;
    for (int64_t i = 0; i < 40'000'000; ++i)
      x = x * 6364136223846793005ull + 1442695040888963407ull;
    benchmark::DoNotOptimize(x);
  };
  std::vector<double> one, two;
  for (auto _ : state) {
    auto start = Clock::now();
    onThreads(1, spin);
    one.push_back(secondsSince(start));
    start = Clock::now();
    onThreads(2, spin);
    two.push_back(secondsSince(start));
    state.SetIterationTime(one.back() + two.back());
  }
  state.counters["two_core_ratio"] = median(two) / median(one);
}

void registerBenchmarks() {
  benchmark::RegisterBenchmark("core_probe/start", runCoreProbe)
      ->UseManualTime()
      ->Iterations(5);
  for (const BenchCase &benchCase : kCases)
    for (bool fused : {true, false})
      for (int threads : kThreadCounts) {
        std::string name = std::string(benchCase.name) +
                           (fused ? "/fused" : "/unfused") +
                           "/threads:" + std::to_string(threads);
        benchmark::RegisterBenchmark(
            name.c_str(),
            [&benchCase, fused, threads](benchmark::State &state) {
              runKilnCase(state, benchCase, fused, threads);
            })
            ->UseManualTime()
            ->Unit(benchmark::kMillisecond);
      }
  for (int threads : kThreadCounts)
    benchmark::RegisterBenchmark(
        ("triad/threads:" + std::to_string(threads)).c_str(),
        [threads](benchmark::State &state) { runTriad(state, threads); })
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("core_probe/end", runCoreProbe)
      ->UseManualTime()
      ->Iterations(5);
}

} // namespace

int main(int argc, char **argv) {
  // Kiln's own flag, taken out before Google Benchmark reads the rest.
  const char *prefix = "--inputs_dir=";
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], prefix, std::strlen(prefix)) == 0)
      inputsDirectory = argv[i] + std::strlen(prefix);
    else
      argv[kept++] = argv[i];
  }
  argc = kept;
  argv[argc] = nullptr;
  registerBenchmarks();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  benchmark::RunSpecifiedBenchmarks();
  // The executables' JIT sessions go before the context they came from,
  // whatever order the statics would die in.
  currentCase() = LoadedCase();
  benchmark::Shutdown();
  return 0;
}
