//===- ContractionBench.cpp - Kiln's matmuls and convolutions vs libraries
//-===//
//
// Times issue 8's matmul and convolution cases in one process, at 1 and 2
// threads: Kiln (each case a graph compiled through the C++ API), OpenBLAS's
// cblas_sgemm, and oneDNN's matmul and convolution primitives, with the
// machine's vector width and measured FMA peak. Prints one JSON document;
// bench/compare-contractions adds PyTorch and prints the table.
//
//   ContractionBench [--min-time S] [--filter REGEX] [--mattr FEATURES]
//
// --mattr compiles Kiln's cases for the host with those features added or
// removed (-avx512f: AVX2 code on an AVX-512 host), and measures the FMA
// peak at that code's vector width; bench/compare-contractions --avx2 also
// holds the peers to AVX2 through their own switches.
//
// Kiln runs each case twice: packing its weights in every call, as
// OpenBLAS and oneDNN's matmul do, and with them declared unchanged
// (RunOptions::weightsUnchanged, kept packed between calls); each
// convolution also with its weights a constant of the graph, as in a
// model. oneDNN's convolution likewise runs twice: reordering the OIHW (HWIO)
// weights into its layout in every call, and with them reordered once
// outside the timing, as a framework keeps them between calls (its input
// is reordered once either way).
//
// A case's contenders take turns: after one warm-up run each, five rounds
// in which each repeats for a fifth of --min-time seconds; each
// measurement is the median of its runs. Inputs are uniform in [-1, 1).
// After the timing, each of Kiln's forms runs once more and its result is
// checked against oneDNN's within Higham's bound for f32 sums
// (|a - b| <= 2 k u sum |x y|, u = 2^-24): a wrong kernel fails the run
// instead of being timed.
//
//===----------------------------------------------------------------------===//

#include "bench/Roofs.h"
#include "compiler/Backend.h"
#include "compiler/Compiler.h"
#include "compiler/frontends/mlir/GraphFile.h"
#include "compiler/reference/ErrorBounds.h"
#include "compiler/reference/Interpreter.h"
#include "runtime/HostTensor.h"
#include "test/support/DenseLiteral.h"
#include "test/support/NumericsCompare.h"
#include "test/support/TensorTypeText.h"
#include "tools/common/RandomTensor.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/raw_ostream.h"

#include <cblas.h>
#include <dnnl.hpp>
#include <immintrin.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern "C" void omp_set_num_threads(int);

namespace {

using Clock = std::chrono::steady_clock;
double minTime = 0.5;

/// Rounds in which the contenders of a case take turns.
constexpr int kRounds = 5;

/// CPU seconds used by all of the process's threads.
double processCpuSeconds() {
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval &t) { return t.tv_sec + t.tv_usec * 1e-6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/// Sleeps until no thread of the process is left spinning, a second at
/// most (workers told to spin for good, OMP_WAIT_POLICY=active, never
/// stop). A library's workers spin for a while after each call before they
/// sleep: OpenBLAS's for about 2^28 cycles (0.11 s here, measured with
/// getrusage), oneDNN's OpenMP workers for a few ms. A contender timed in
/// that while shares its cores with them: Kiln's 2-thread turn after
/// OpenBLAS's ran with one core and a half.
void waitUntilQuiet() {
  constexpr auto kStep = std::chrono::milliseconds(10);
  constexpr double kIdleCpuSeconds = 0.001;
  for (int step = 0; step < 100; ++step) {
    double before = processCpuSeconds();
    std::this_thread::sleep_for(kStep);
    if (processCpuSeconds() - before < kIdleCpuSeconds)
      return;
  }
}

/// The median seconds of each of `runs`, timed taking turns: after one
/// warm-up run each, `kRounds` rounds in which every run repeats for
/// minTime / kRounds seconds (at least once). A slow phase of the host, or
/// a move to the other core, then falls on all of them alike instead of on
/// whichever was timed in it. Each turn starts once the previous one's
/// threads have stopped spinning.
std::vector<double>
timeMediansInTurns(const std::vector<std::function<void()>> &runs) {
  std::vector<std::vector<double>> times(runs.size());
  for (const std::function<void()> &run : runs)
    run();
  auto seconds = [](Clock::time_point since) {
    return std::chrono::duration<double>(Clock::now() - since).count();
  };
  for (int round = 0; round < kRounds; ++round)
    for (size_t i = 0; i < runs.size(); ++i) {
      waitUntilQuiet();
      auto start = Clock::now();
      do {
        auto t0 = Clock::now();
        runs[i]();
        times[i].push_back(seconds(t0));
      } while (seconds(start) < minTime / kRounds);
    }
  std::vector<double> medians;
  for (std::vector<double> &samples : times) {
    std::sort(samples.begin(), samples.end());
    medians.push_back(samples[samples.size() / 2]);
  }
  return medians;
}

//===----------------------------------------------------------------------===//
// FMA peak
//===----------------------------------------------------------------------===//

/// FLOP/s of independent FMA chains on one thread, enough to cover the
/// latency of two FMA pipes (4 cycles x 2), yet with the accumulators and
/// the two operands all in registers: AVX-512 has 32 vector registers,
/// AVX2 16 (16 chains there spill, which halved the measured peak).
constexpr int64_t kPeakIterations = 20'000'000;
constexpr int kChains512 = 16, kChains256 = 12;

double flopsPerSecond(int lanes, int chains, Clock::time_point start) {
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return 2.0 * lanes * chains * kPeakIterations / seconds;
}

__attribute__((target("avx512f"))) double fmaPeak512() {
  __m512 acc[kChains512];
  for (__m512 &a : acc)
    a = _mm512_set1_ps(0.0f);
  __m512 x = _mm512_set1_ps(0.999999f), y = _mm512_set1_ps(1e-7f);
  auto start = Clock::now();
  for (int64_t i = 0; i < kPeakIterations; ++i)
    for (__m512 &a : acc)
      a = _mm512_fmadd_ps(a, x, y);
  double flops = flopsPerSecond(16, kChains512, start);
  for (__m512 &a : acc)
    asm volatile("" : : "v"(a));
  return flops;
}

__attribute__((target("avx2,fma"))) double fmaPeak256() {
  __m256 acc[kChains256];
  for (__m256 &a : acc)
    a = _mm256_set1_ps(0.0f);
  __m256 x = _mm256_set1_ps(0.999999f), y = _mm256_set1_ps(1e-7f);
  auto start = Clock::now();
  for (int64_t i = 0; i < kPeakIterations; ++i)
    for (__m256 &a : acc)
      a = _mm256_fmadd_ps(a, x, y);
  double flops = flopsPerSecond(8, kChains256, start);
  for (__m256 &a : acc)
    asm volatile("" : : "v"(a));
  return flops;
}

/// The FMA peak of one core at `vectorBits` (512, or 256 for anything
/// narrower), at most the host's widest.
double fmaPeakOneCore(int64_t vectorBits) {
  if (vectorBits == 512 && __builtin_cpu_supports("avx512f"))
    return fmaPeak512();
  return fmaPeak256();
}

//===----------------------------------------------------------------------===//
// Cases
//===----------------------------------------------------------------------===//

struct MatmulCase {
  std::string name;
  int64_t m, n, k;
  bool biasGelu = false;
};

struct ConvCase {
  std::string name;
  int64_t channels, size, outChannels, window, stride, pad;
  bool depthwise = false;
  /// NHWC / HWIO, as JAX lays convolutions out, else NCHW / OIHW.
  bool channelsLast = false;
  /// Feature groups where not depthwise (ResNeXt's 32).
  int64_t featureGroups = 1;
  int64_t outSize() const { return (size + 2 * pad - window) / stride + 1; }
  /// feature_group_count: one group per channel where depthwise.
  int64_t groups() const { return depthwise ? channels : featureGroups; }
};

std::vector<MatmulCase> matmulCases() {
  return {
      {"matmul_256", 256, 256, 256},
      {"matmul_512", 512, 512, 512},
      {"matmul_1024", 1024, 1024, 1024},
      {"matmul_2048", 2048, 2048, 2048},
      {"matmul_128x768x768", 128, 768, 768},
      {"matmul_128x3072x768", 128, 3072, 768},
      {"matmul_64x512x784", 64, 512, 784},
      {"gemv_1x4096x4096", 1, 4096, 4096},
      {"bias_gelu_128x768x768", 128, 768, 768, true},
      {"bias_gelu_128x3072x768", 128, 3072, 768, true},
  };
}

std::vector<ConvCase> convCases() {
  return {
      {"resnet_3x3_64x56", 64, 56, 64, 3, 1, 1},
      {"resnet_3x3_128x28", 128, 28, 128, 3, 1, 1},
      {"resnet_3x3_256x14", 256, 14, 256, 3, 1, 1},
      {"resnet_3x3_512x7", 512, 7, 512, 3, 1, 1},
      {"resnet_3x3s2_64x56", 64, 56, 128, 3, 2, 1},
      {"resnet_3x3s2_128x28", 128, 28, 256, 3, 2, 1},
      {"resnet_3x3s2_256x14", 256, 14, 512, 3, 2, 1},
      {"resnet_stem_7x7s2", 3, 224, 64, 7, 2, 3},
      {"resnet_1x1s2_64x56", 64, 56, 128, 1, 2, 0},
      {"resnet_1x1s2_128x28", 128, 28, 256, 1, 2, 0},
      {"resnet_1x1s2_256x14", 256, 14, 512, 1, 2, 0},
      {"mobilenet_dw_32x112", 32, 112, 32, 3, 1, 1, true},
      {"mobilenet_dw_96x56s2", 96, 112, 96, 3, 2, 1, true},
      {"mobilenet_dw_384x14", 384, 14, 384, 3, 1, 1, true},
      // JAX's layout: some of the same layers channels last.
      {"resnet_3x3_256x14_nhwc", 256, 14, 256, 3, 1, 1, false, true},
      {"resnet_3x3_512x7_nhwc", 512, 7, 512, 3, 1, 1, false, true},
      {"resnet_1x1s2_128x28_nhwc", 128, 28, 256, 1, 2, 0, false, true},
      {"mobilenet_dw_32x112_nhwc", 32, 112, 32, 3, 1, 1, true, true},
      {"mobilenet_dw_96x56s2_nhwc", 96, 112, 96, 3, 2, 1, true, true},
      // ResNeXt-50 (32x4d): its 3x3 layers' 32 groups of 4 and 16 features.
      {"resnext_3x3_g32_128x56", 128, 56, 128, 3, 1, 1, false, false, 32},
      {"resnext_3x3_g32_512x14", 512, 14, 512, 3, 1, 1, false, false, 32},
      {"resnext_3x3_g32_128x56_nhwc", 128, 56, 128, 3, 1, 1, false, true, 32},
  };
}

double flopsOf(const MatmulCase &c) { return 2.0 * c.m * c.n * c.k; }
double flopsOf(const ConvCase &c) {
  int64_t perOutput = c.window * c.window * c.channels / c.groups();
  return 2.0 * c.outChannels * c.outSize() * c.outSize() * perOutput;
}

using kiln::testing::tensorType;

/// The graph of a matmul case; with biasGelu, + bias and exact GELU as the
/// transformer block computes it.
std::string graphOf(const MatmulCase &c) {
  std::string a = tensorType({c.m, c.k}), b = tensorType({c.k, c.n}),
              out = tensorType({c.m, c.n});
  std::ostringstream os;
  os << "func.func @main(%a: " << a << ", %b: " << b;
  if (c.biasGelu)
    os << ", %bias: " << tensorType({c.n});
  os << ") -> " << out << " {\n  %0 = hlo.dot_general %a, %b, "
     << "contracting_dims = [1] x [0] : (" << a << ", " << b << ") -> " << out
     << "\n";
  if (!c.biasGelu) {
    os << "  return %0 : " << out << "\n}\n";
    return os.str();
  }
  os << "  %1 = hlo.broadcast_in_dim %bias, dims = [1] : (" << tensorType({c.n})
     << ") -> " << out << "\n"
     << "  %x = hlo.add %0, %1 : " << out << "\n"
     << "  %half = hlo.constant dense<0.5> : " << out << "\n"
     << "  %one = hlo.constant dense<1.0> : " << out << "\n"
     << "  %rsqrt2 = hlo.constant dense<0.707106769> : " << out << "\n"
     << "  %s = hlo.multiply %x, %rsqrt2 : " << out << "\n"
     << "  %e = hlo.erf %s : " << out << "\n"
     << "  %p = hlo.add %e, %one : " << out << "\n"
     << "  %h = hlo.multiply %x, %half : " << out << "\n"
     << "  %g = hlo.multiply %h, %p : " << out << "\n"
     << "  return %g : " << out << "\n}\n";
  return os.str();
}

/// NCHW / OIHW or NHWC / HWIO, batch 1, in c.groups() feature groups.
/// With `constantKernel`, the kernel is that constant, as in a model,
/// rather than an argument.
std::string graphOf(const ConvCase &c,
                    const kiln::HostTensor *constantKernel = nullptr) {
  int64_t inPerGroup = c.channels / c.groups();
  std::string in = tensorType(
      c.channelsLast ? std::vector<int64_t>{1, c.size, c.size, c.channels}
                     : std::vector<int64_t>{1, c.channels, c.size, c.size});
  std::string kernel = tensorType(
      c.channelsLast
          ? std::vector<int64_t>{c.window, c.window, inPerGroup, c.outChannels}
          : std::vector<int64_t>{c.outChannels, inPerGroup, c.window,
                                 c.window});
  std::string out = tensorType(
      c.channelsLast
          ? std::vector<int64_t>{1, c.outSize(), c.outSize(), c.outChannels}
          : std::vector<int64_t>{1, c.outChannels, c.outSize(), c.outSize()});
  std::ostringstream os;
  os << "func.func @main(%x: " << in;
  if (constantKernel)
    os << ") -> " << out << " {\n  %k = hlo.constant "
       << kiln::testing::denseHexLiteral(*constantKernel) << " : " << kernel;
  else
    os << ", %k: " << kernel << ") -> " << out << " {";
  os << "\n  %0 = hlo.convolution(%x, %k) dim_numbers = "
     << (c.channelsLast ? "[b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f]"
                        : "[b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1]")
     << ", window = {stride = [" << c.stride << ", " << c.stride
     << "], pad = [[" << c.pad << ", " << c.pad << "], [" << c.pad << ", "
     << c.pad
     << "]]} {batch_group_count = 1 : i64, feature_group_count = " << c.groups()
     << " : i64} : (" << in << ", " << kernel << ") -> " << out
     << "\n  return %0 : " << out << "\n}\n";
  return os.str();
}

//===----------------------------------------------------------------------===//
// Kiln
//===----------------------------------------------------------------------===//

mlir::MLIRContext &context() {
  static mlir::MLIRContext instance(mlir::MLIRContext::Threading::DISABLED);
  return instance;
}

[[noreturn]] void fail(const std::string &what) {
  llvm::errs() << "ContractionBench: " << what << "\n";
  std::exit(1);
}

/// A compiled case with its graph, inputs and an output buffer.
struct KilnCase {
  mlir::OwningOpRef<mlir::ModuleOp> module;
  std::unique_ptr<kiln::Executable> executable;
  std::vector<kiln::HostTensor> inputs, outputs;
};

/// The target Kiln compiles for: the host, less or more the --mattr
/// features.
kiln::TargetChoice kilnTarget;

KilnCase compile(const std::string &name, const std::string &text) {
  auto module = kiln::parseGraphString(text, context());
  if (!module)
    fail(name + ": " + llvm::toString(module.takeError()));
  kiln::Compiler compiler(context());
  kiln::CompileOptions options;
  options.target = kilnTarget;
  auto executable = compiler.compile(**module, options);
  if (!executable)
    fail(name + ": " + llvm::toString(executable.takeError()));
  KilnCase loaded;
  loaded.module = std::move(*module);
  loaded.executable = std::move(*executable);
  for (size_t i = 0; i < loaded.executable->inputs().size(); ++i) {
    const kiln::TensorSpec &spec = loaded.executable->inputs()[i];
    loaded.inputs.push_back(
        kiln::randomTensor(spec.elementType, spec.shape, /*seed=*/0, i));
  }
  for (const kiln::TensorSpec &spec : loaded.executable->outputs())
    loaded.outputs.emplace_back(spec.elementType, spec.shape);
  return loaded;
}

/// One call of the case into its outputs. With `weightsUnchanged`
/// (RunOptions), the first such call packs the weights into the cache and
/// the later ones reuse them.
void runKiln(KilnCase &loaded, int threads, bool weightsUnchanged) {
  kiln::RunOptions options;
  options.threads = threads;
  options.weightsUnchanged = weightsUnchanged;
  if (llvm::Error error =
          loaded.executable->runInto(loaded.inputs, loaded.outputs, options))
    fail(llvm::toString(std::move(error)));
}

//===----------------------------------------------------------------------===//
// Peers
//===----------------------------------------------------------------------===//

dnnl::engine &engine() {
  static dnnl::engine instance(dnnl::engine::kind::cpu, 0);
  return instance;
}

using Tag = dnnl::memory::format_tag;
using DataType = dnnl::memory::data_type;

/// oneDNN's matmul primitive on Kiln's inputs, its product in `result`.
struct OneDnnMatmul {
  dnnl::stream stream{engine()};
  dnnl::matmul matmul;
  dnnl::memory a, b, out;
  std::vector<float> result;

  OneDnnMatmul(const MatmulCase &c, KilnCase &loaded) : result(c.m * c.n) {
    dnnl::memory::desc ad({c.m, c.k}, DataType::f32, Tag::ab),
        bd({c.k, c.n}, DataType::f32, Tag::ab),
        outd({c.m, c.n}, DataType::f32, Tag::ab);
    matmul = dnnl::matmul(dnnl::matmul::primitive_desc(
        dnnl::matmul::desc(ad, bd, outd), engine()));
    a = dnnl::memory(ad, engine(), loaded.inputs[0].data());
    b = dnnl::memory(bd, engine(), loaded.inputs[1].data());
    out = dnnl::memory(outd, engine(), result.data());
  }
  void run() {
    matmul.execute(
        stream,
        {{DNNL_ARG_SRC, a}, {DNNL_ARG_WEIGHTS, b}, {DNNL_ARG_DST, out}});
    stream.wait();
  }
};

/// OpenBLAS's cblas_sgemm on Kiln's inputs.
void runOpenBlas(const MatmulCase &c, KilnCase &loaded,
                 std::vector<float> &out) {
  out.resize(c.m * c.n);
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, c.m, c.n, c.k, 1.0f,
              loaded.inputs[0].dataAs<float>(), c.k,
              loaded.inputs[1].dataAs<float>(), c.n, 0.0f, out.data(), c.n);
}

/// oneDNN's convolution primitive with the layouts it prefers (chosen with
/// format `any`), the input reordered once, as a framework keeps its
/// layouts between layers. `runKept` convolves with the weights reordered
/// once too, as a framework keeps them; `runWeightsPerCall` first reorders
/// the OIHW weights, as Kiln packs a kernel that arrives as an argument.
struct OneDnnConvolution {
  dnnl::stream stream{engine()};
  dnnl::convolution_forward conv;
  dnnl::reorder weightsReorder;
  dnnl::memory userWeights, src, weights, dst;

  OneDnnConvolution(const ConvCase &c, KilnCase &loaded) {
    int64_t groups = c.groups();
    dnnl::memory::dims srcDims = {1, c.channels, c.size, c.size},
                       dstDims = {1, c.outChannels, c.outSize(), c.outSize()},
                       strides = {c.stride, c.stride}, pad = {c.pad, c.pad};
    dnnl::memory::dims weightsDims =
        groups > 1
            ? dnnl::memory::dims{groups, c.outChannels / groups,
                                 c.channels / groups, c.window, c.window}
            : dnnl::memory::dims{c.outChannels, c.channels, c.window, c.window};
    auto any = [](const dnnl::memory::dims &dims) {
      return dnnl::memory::desc(dims, DataType::f32, Tag::any);
    };
    dnnl::convolution_forward::primitive_desc pd(
        dnnl::convolution_forward::desc(dnnl::prop_kind::forward_inference,
                                        dnnl::algorithm::convolution_direct,
                                        any(srcDims), any(weightsDims),
                                        any(dstDims), strides, pad, pad),
        engine());
    dnnl::memory userSrc({srcDims, DataType::f32, userActivations(c)}, engine(),
                         loaded.inputs[0].data());
    // Grouped weights as oneDNN's [groups][out / groups][in / groups]...:
    // the same memory as the graph's, whose output features run over the
    // groups' in turn.
    Tag userKernel = c.channelsLast ? (groups > 1 ? Tag::hwigo : Tag::hwio)
                                    : (groups > 1 ? Tag::goihw : Tag::oihw);
    userWeights = dnnl::memory({weightsDims, DataType::f32, userKernel},
                               engine(), loaded.inputs[1].data());
    src = dnnl::memory(pd.src_desc(), engine());
    weights = dnnl::memory(pd.weights_desc(), engine());
    dst = dnnl::memory(pd.dst_desc(), engine());
    dnnl::reorder(userSrc, src).execute(stream, userSrc, src);
    weightsReorder = dnnl::reorder(userWeights, weights);
    weightsReorder.execute(stream, userWeights, weights);
    stream.wait();
    conv = dnnl::convolution_forward(pd);
  }
  void runKept() {
    conv.execute(stream, {{DNNL_ARG_SRC, src},
                          {DNNL_ARG_WEIGHTS, weights},
                          {DNNL_ARG_DST, dst}});
    stream.wait();
  }
  void runWeightsPerCall() {
    weightsReorder.execute(stream, userWeights, weights);
    runKept();
  }
  /// The last call's result, in the case's layout.
  std::vector<float> result(const ConvCase &c) {
    std::vector<float> values(c.outChannels * c.outSize() * c.outSize());
    dnnl::memory out({{1, c.outChannels, c.outSize(), c.outSize()},
                      DataType::f32,
                      userActivations(c)},
                     engine(), values.data());
    dnnl::reorder(dst, out).execute(stream, dst, out);
    stream.wait();
    return values;
  }
  /// The layout of the case's input and output.
  static Tag userActivations(const ConvCase &c) {
    return c.channelsLast ? Tag::nhwc : Tag::nchw;
  }
};

/// Fails unless Kiln's result matches the peer's within twice Higham's
/// bound, with sum |x y| bounded by k * max|x| * max|y| (inputs in
/// [-1, 1)).
void checkAgainst(const std::string &name, const kiln::HostTensor &kiln,
                  const std::vector<float> &peer, int64_t k) {
  double bound = 2 * kiln::sumErrorFactor(k, kiln::ElementType::F32) * k;
  const float *ours = kiln.dataAs<float>();
  for (size_t i = 0; i < peer.size(); ++i)
    if (!(std::fabs(double(ours[i]) - peer[i]) <= bound))
      fail(name + ": Kiln's element " + std::to_string(i) + " is " +
           std::to_string(ours[i]) + ", oneDNN's " + std::to_string(peer[i]));
}

/// Fails unless Kiln's results lie within the reference interpreter's
/// error bounds (compiler/reference/ErrorBounds.h): for the cases no peer
/// computes whole, as the fused bias + GELU.
void checkAgainstInterpreter(const std::string &name, KilnCase &loaded) {
  auto entry = kiln::getEntryFunction(*loaded.module);
  if (!entry)
    fail(name + ": " + llvm::toString(entry.takeError()));
  auto reference = kiln::interpretWithErrorBounds(*entry, loaded.inputs);
  if (!reference)
    fail(name + ": " + llvm::toString(reference.takeError()));
  for (size_t r = 0; r < loaded.outputs.size(); ++r) {
    std::string mismatch = kiln::testing::compareWithinBounds(
        loaded.outputs[r], reference->values[r], reference->errorBounds[r]);
    if (!mismatch.empty())
      fail(name + ": Kiln's result " + std::to_string(r) +
           " differs from the interpreter's: " + mismatch);
  }
}

//===----------------------------------------------------------------------===//
// The report
//===----------------------------------------------------------------------===//

void setThreads(int threads) {
  openblas_set_num_threads(threads);
  omp_set_num_threads(threads);
}

std::string jsonNumber(double value) {
  std::ostringstream os;
  os.precision(6);
  os << value;
  return os.str();
}

} // namespace

int main(int argc, char **argv) {
  std::string filter;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--min-time" && i + 1 < argc)
      minTime = std::stod(argv[++i]);
    else if (arg == "--filter" && i + 1 < argc)
      filter = argv[++i];
    else if (arg == "--mattr" && i + 1 < argc)
      kilnTarget.features = argv[++i];
    else
      fail("unknown argument " + arg +
           " (usage: ContractionBench [--min-time S] [--filter REGEX] "
           "[--mattr FEATURES])");
  }
  std::regex selected(filter);
  llvm::Expected<int64_t> vectorBits = kiln::vectorBitsOf(kilnTarget);
  if (!vectorBits)
    fail(llvm::toString(vectorBits.takeError()));

  std::vector<std::string> records;
  auto record = [&](const std::string &name, double flops, int threads,
                    const std::string &peerTimes) {
    records.push_back("  {\"case\": \"" + name +
                      "\", \"threads\": " + std::to_string(threads) +
                      ", \"flops\": " + jsonNumber(flops) + ", " + peerTimes +
                      "}");
    llvm::errs() << name << " threads=" << threads << ": " << peerTimes << "\n";
  };

  for (const MatmulCase &c : matmulCases()) {
    if (!std::regex_search(c.name, selected))
      continue;
    KilnCase loaded = compile(c.name, graphOf(c));
    std::vector<float> openblasResult;
    for (int threads : {1, 2}) {
      setThreads(threads);
      // oneDNN sizes a primitive for the threads it may use when it is made.
      OneDnnMatmul onednn(c, loaded);
      std::vector<std::function<void()>> runs = {
          [&] { runKiln(loaded, threads, false); },
          [&] { runKiln(loaded, threads, true); }, [&] { onednn.run(); }};
      // A matmul with its epilogue has no library twin: PyTorch runs it as
      // a matmul and separate bias and GELU passes (compare-contractions).
      if (!c.biasGelu)
        runs.push_back([&] { runOpenBlas(c, loaded, openblasResult); });
      std::vector<double> times = timeMediansInTurns(runs);
      for (bool weightsUnchanged : {false, true}) {
        runKiln(loaded, threads, weightsUnchanged);
        if (!c.biasGelu)
          checkAgainst(c.name, loaded.outputs[0], onednn.result, c.k);
        else if (threads == 1)
          checkAgainstInterpreter(c.name, loaded);
      }
      std::string json = "\"kiln_s\": " + jsonNumber(times[0]) +
                         ", \"kiln_unchanged_s\": " + jsonNumber(times[1]) +
                         ", \"onednn_s\": " + jsonNumber(times[2]);
      if (!c.biasGelu)
        json += ", \"openblas_s\": " + jsonNumber(times[3]);
      record(c.name, flopsOf(c), threads, json);
    }
  }
  for (const ConvCase &c : convCases()) {
    if (!std::regex_search(c.name, selected))
      continue;
    KilnCase loaded = compile(c.name, graphOf(c));
    // The same weights as a constant of the graph; the same input.
    KilnCase constant = compile(c.name, graphOf(c, &loaded.inputs[1]));
    constant.inputs[0] = loaded.inputs[0];
    int64_t k = c.window * c.window * c.channels / c.groups();
    for (int threads : {1, 2}) {
      setThreads(threads);
      OneDnnConvolution onednn(c, loaded);
      std::vector<double> times = timeMediansInTurns(
          {[&] { runKiln(loaded, threads, false); },
           [&] { runKiln(loaded, threads, true); },
           [&] { runKiln(constant, threads, false); },
           [&] { onednn.runWeightsPerCall(); }, [&] { onednn.runKept(); }});
      std::vector<float> reference = onednn.result(c);
      for (bool weightsUnchanged : {false, true}) {
        runKiln(loaded, threads, weightsUnchanged);
        checkAgainst(c.name, loaded.outputs[0], reference, k);
      }
      runKiln(constant, threads, false);
      checkAgainst(c.name + " (constant weights)", constant.outputs[0],
                   reference, k);
      record(c.name, flopsOf(c), threads,
             "\"kiln_s\": " + jsonNumber(times[0]) +
                 ", \"kiln_unchanged_s\": " + jsonNumber(times[1]) +
                 ", \"kiln_constant_s\": " + jsonNumber(times[2]) +
                 ", \"onednn_s\": " + jsonNumber(times[3]) +
                 ", \"onednn_kept_s\": " + jsonNumber(times[4]));
    }
  }

  // The memory roof the matrix-vector product is held to.
  constexpr int64_t kTriadFloats = int64_t(1) << 24;
  std::vector<float, kiln::AlignedAllocator<float>> ta(kTriadFloats),
      tb(kTriadFloats, 1), tc(kTriadFloats, 2);
  double triad[3];
  for (int threads : {1, 2})
    triad[threads] = 12.0 * kTriadFloats / timeMediansInTurns({[&] {
                       kiln::bench::triad(ta.data(), tb.data(), tc.data(),
                                          kTriadFloats, threads);
                     }})[0];

  setThreads(1);
  double peak = fmaPeakOneCore(*vectorBits);
  // Two threads at once: their sum is the 2-thread peak (less when the
  // host time-slices the second core).
  double peaks[2];
  std::thread other([&] { peaks[1] = fmaPeakOneCore(*vectorBits); });
  peaks[0] = fmaPeakOneCore(*vectorBits);
  other.join();
  std::ostringstream out;
  out << "{\"vector_bits\": " << *vectorBits
      << ", \"fma_peak_flops_1t\": " << jsonNumber(peak)
      << ", \"fma_peak_flops_2t\": " << jsonNumber(peaks[0] + peaks[1])
      << ", \"triad_bytes_per_s_1t\": " << jsonNumber(triad[1])
      << ", \"triad_bytes_per_s_2t\": " << jsonNumber(triad[2])
      << ", \"cores\": " << std::thread::hardware_concurrency()
      << ",\n \"cases\": [\n";
  for (size_t i = 0; i < records.size(); ++i)
    out << records[i] << (i + 1 < records.size() ? ",\n" : "\n");
  out << "]}\n";
  llvm::outs() << out.str();
  return 0;
}
