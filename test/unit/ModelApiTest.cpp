//===- ModelApiTest.cpp - The runtime's C API of compiled models ----------===//
//
// kiln_model_* on a hand-written kiln_model_info whose entry is a C++
// function: the runtime's checks and buffer staging apart from any compiled
// code (test/lit/deploy/ runs real libraries through the same API).
//
//===----------------------------------------------------------------------===//

#include "runtime/CpuFeatures.h"
#include "runtime/KilnModel.h"

#include "gtest/gtest.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

const int64_t kShape[] = {2, 3};
const kiln_tensor_info kInputs[] = {{"x", KILN_F32, 2, kShape},
                                    {"y", KILN_F32, 2, kShape}};
const kiln_tensor_info kOutputs[] = {{"sum", KILN_F32, 2, kShape}};

/// The buffers the latest call of addEntry was handed, x, y then sum.
thread_local const void *entryBuffers[3];
std::atomic<int> misalignedArenasSeen{0};

/// out = x + y, as a compiled graph would compute it; records the buffers
/// it is handed and counts arenas off the 64-byte alignment the C ABI
/// promises kernels.
void addEntry(void **buffers, void *arena, kiln_context *context) {
  for (int i = 0; i < 3; ++i)
    entryBuffers[i] = buffers[i];
  if (reinterpret_cast<uintptr_t>(arena) % KILN_ARENA_ALIGNMENT != 0)
    ++misalignedArenasSeen;
  auto *x = static_cast<const float *>(buffers[0]);
  auto *y = static_cast<const float *>(buffers[1]);
  auto *out = static_cast<float *>(buffers[2]);
  for (int i = 0; i < 6; ++i)
    out[i] = x[i] + y[i];
}

kiln_model_info addInfo() {
  return {KILN_MODEL_ABI_VERSION,
          2,
          1,
          0,
          "add",
          "x86-64",
          "sse3",
          kInputs,
          kOutputs,
          128,
          addEntry};
}

/// Sets KILN_CPU_FEATURES for one test.
class AssumedCpu {
public:
  explicit AssumedCpu(const char *features) {
    setenv("KILN_CPU_FEATURES", features, 1);
  }
  ~AssumedCpu() { unsetenv("KILN_CPU_FEATURES"); }
};

/// Kernels read and write buffers at any address of their elements:
/// kiln_model_run hands over a buffer off a cache line as it is, and stages
/// only one off its elements, in an aligned copy.
TEST(ModelApiTest, StagesOnlyBuffersOffTheirElements) {
  kiln_model_info info = addInfo();
  kiln_model *model = kiln_model_create(&info, 0);
  ASSERT_NE(model, nullptr) << kiln_last_error();
  EXPECT_EQ(kiln_model_get_info(model), &info);

  // Storage with room to place each buffer up to 8 bytes past a 64-byte
  // boundary.
  alignas(64) char storage[3][64 + 32] = {};
  for (int offset : {0, 2, 4, 8}) {
    auto *x = reinterpret_cast<float *>(storage[0] + offset);
    auto *y = reinterpret_cast<float *>(storage[1] + offset);
    auto *out = reinterpret_cast<float *>(storage[2] + offset);
    float xs[6], ys[6], sums[6];
    for (int i = 0; i < 6; ++i) {
      xs[i] = float(i);
      ys[i] = 0.5f * float(i);
    }
    std::memcpy(x, xs, sizeof xs);
    std::memcpy(y, ys, sizeof ys);
    misalignedArenasSeen = 0;
    const void *inputs[] = {x, y};
    void *outputs[] = {out};
    ASSERT_EQ(kiln_model_run(model, inputs, outputs), 0) << kiln_last_error();
    EXPECT_EQ(misalignedArenasSeen, 0);
    // Buffers off their f32 elements (offset 2) are copied, any other is
    // not.
    bool staged = offset % 4 != 0;
    EXPECT_EQ(entryBuffers[0] != x, staged) << "offset " << offset;
    EXPECT_EQ(entryBuffers[1] != y, staged) << "offset " << offset;
    EXPECT_EQ(entryBuffers[2] != out, staged) << "offset " << offset;
    for (int i = 0; i < 3; ++i)
      EXPECT_EQ(reinterpret_cast<uintptr_t>(entryBuffers[i]) % 4, 0u)
          << "buffer " << i << ", offset " << offset;
    std::memcpy(sums, out, sizeof sums);
    for (int i = 0; i < 6; ++i)
      EXPECT_EQ(sums[i], 1.5f * float(i)) << "offset " << offset;
  }
  kiln_model_destroy(model);
  kiln_model_destroy(nullptr);
}

TEST(ModelApiTest, RefusesAnotherAbiVersion) {
  kiln_model_info info = addInfo();
  info.abi_version = KILN_MODEL_ABI_VERSION + 1;
  EXPECT_EQ(kiln_model_create(&info, 1), nullptr);
  EXPECT_EQ(std::string(kiln_last_error()),
            "model 'add' was compiled for Kiln model ABI " +
                std::to_string(KILN_MODEL_ABI_VERSION + 1) +
                ", but this libkiln_runtime runs ABI " +
                std::to_string(KILN_MODEL_ABI_VERSION) +
                "; recompile it with this Kiln's kilnc");
}

TEST(ModelApiTest, RefusesACpuWithoutTheTargetsFeatures) {
  AssumedCpu cpu("sse3,avx,avx2,fma");
  kiln_model_info info = addInfo();
  info.target = "x86-64-v4";
  info.cpu_features = "avx,avx2,fma,avx512f,avx512bw";
  EXPECT_EQ(kiln_model_create(&info, 1), nullptr);
  EXPECT_EQ(std::string(kiln_last_error()),
            "model 'add' was compiled for x86-64-v4 and needs CPU features "
            "this machine lacks: avx512f, avx512bw; recompile it for this "
            "machine (kilnc --target=native) or for an older level "
            "(--target=x86-64-v3)");
  info.cpu_features = "avx,avx2,fma";
  kiln_model *model = kiln_model_create(&info, 1);
  EXPECT_NE(model, nullptr) << kiln_last_error();
  kiln_model_destroy(model);
}

TEST(ModelApiTest, ReportsNullBuffersAndMalformedInfo) {
  kiln_model_info info = addInfo();
  kiln_model *model = kiln_model_create(&info, 1);
  ASSERT_NE(model, nullptr);
  float x[6] = {}, out[6] = {};
  const void *inputs[] = {x, nullptr};
  void *outputs[] = {out};
  EXPECT_NE(kiln_model_run(model, inputs, outputs), 0);
  EXPECT_STREQ(kiln_last_error(), "model 'add': input 'y' is null");
  kiln_model_destroy(model);
  EXPECT_NE(kiln_model_run(nullptr, inputs, outputs), 0);
  EXPECT_STREQ(kiln_last_error(), "kiln_model_run: the model is null");

  const int64_t negative[] = {-1};
  const kiln_tensor_info bad[] = {{"x", KILN_F32, 1, negative}};
  info.inputs = bad;
  info.num_inputs = 1;
  EXPECT_EQ(kiln_model_create(&info, 1), nullptr);
  EXPECT_STREQ(kiln_last_error(), "model 'add' has a malformed description");
}

TEST(ModelApiTest, RunsFromSeveralThreadsAtOnce) {
  kiln_model_info info = addInfo();
  kiln_model *model = kiln_model_create(&info, 2);
  ASSERT_NE(model, nullptr);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int run = 0; run < 1000; ++run) {
        float x[6], y[6], out[6];
        for (int i = 0; i < 6; ++i) {
          x[i] = float(t * 1000 + run);
          y[i] = float(i);
        }
        const void *inputs[] = {x, y};
        void *outputs[] = {out};
        if (kiln_model_run(model, inputs, outputs) != 0)
          ++wrong;
        for (int i = 0; i < 6; ++i)
          wrong += out[i] != x[i] + y[i];
      }
    });
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(wrong, 0);
  kiln_model_destroy(model);
}

TEST(CpuFeaturesTest, EveryCheckableFeatureIsKnownAndBaselineIsPresent) {
  // Every x86-64 CPU these machines have (Zen 3, Zen 4) has SSE3 and AVX2.
  EXPECT_TRUE(kiln::hostHasCpuFeature("sse3"));
  EXPECT_TRUE(kiln::hostHasCpuFeature("avx2"));
  EXPECT_FALSE(kiln::hostHasCpuFeature("not-a-feature"));
  EXPECT_TRUE(kiln::missingCpuFeatures("sse3,avx2,fma").empty());
  AssumedCpu cpu("sse3");
  EXPECT_EQ(kiln::missingCpuFeatures("sse3,avx2,,fma"),
            (std::vector<std::string>{"avx2", "fma"}));
}

} // namespace
