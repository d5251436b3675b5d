//===- CompileCacheTest.cpp - Compiled graphs kept on disk ------------===//
//
// Through the C++ API: a compile with CompileOptions::cacheDirectory stores
// an entry that the next compile of the same graph and options loads, with
// the same description and bitwise the same results; other options, a
// changed graph or a damaged entry compile again; two threads compiling
// the same graph into one cache both succeed and leave one valid entry.
//
//===----------------------------------------------------------------------===//

#include "compiler/CompileCache.h"
#include "compiler/Compiler.h"
#include "compiler/frontends/mlir/GraphFile.h"
#include "tools/common/RandomTensor.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

namespace {

constexpr const char *kGraph = R"(
func.func @main(%x: tensor<16x64xf32>, %w: tensor<64x32xf32>) -> tensor<16x32xf32> {
  %0 = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<16x64xf32>, tensor<64x32xf32>) -> tensor<16x32xf32>
  %1 = hlo.tanh %0 : tensor<16x32xf32>
  return %1 : tensor<16x32xf32>
})";

/// A fresh, empty directory under the system's temporary directory.
class CompileCacheTest : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> path;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("kiln-cache-test", path));
    directory = std::string(path);
  }
  void TearDown() override { llvm::sys::fs::remove_directories(directory); }

  std::unique_ptr<kiln::Executable> compile(const char *text,
                                            kiln::CompileOptions options = {}) {
    mlir::MLIRContext context;
    kiln::Compiler compiler(context);
    auto module = kiln::parseGraphString(text, context);
    EXPECT_TRUE(bool(module)) << llvm::toString(module.takeError());
    if (!module)
      return nullptr;
    options.cacheDirectory = directory;
    auto executable = compiler.compile(**module, options);
    EXPECT_TRUE(bool(executable)) << llvm::toString(executable.takeError());
    return executable ? std::move(*executable) : nullptr;
  }

  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    std::error_code ec;
    for (llvm::sys::fs::directory_iterator it(directory, ec), end;
         it != end && !ec; it.increment(ec))
      names.push_back(llvm::sys::path::filename(it->path()).str());
    return names;
  }

  static std::vector<kiln::HostTensor> inputs() {
    return {kiln::randomTensor(kiln::ElementType::F32, {16, 64}, 1, 0),
            kiln::randomTensor(kiln::ElementType::F32, {64, 32}, 2, 0)};
  }

  std::string directory;
};

TEST_F(CompileCacheTest, SecondCompileLoadsTheEntry) {
  auto first = compile(kGraph);
  ASSERT_TRUE(first);
  EXPECT_FALSE(first->loadedFromCache());
  ASSERT_EQ(entries().size(), 1u);
  EXPECT_TRUE(llvm::StringRef(entries()[0]).ends_with(".kiln"));

  auto second = compile(kGraph);
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->loadedFromCache());
  EXPECT_EQ(second->inputs()[1].typeString(), "tensor<64x32xf32>");
  EXPECT_EQ(second->outputs()[0].typeString(), "tensor<16x32xf32>");
  EXPECT_EQ(second->arenaSize(), first->arenaSize());
  ASSERT_EQ(second->kernels().size(), first->kernels().size());
  for (size_t i = 0; i < first->kernels().size(); ++i) {
    EXPECT_EQ(second->kernels()[i].name, first->kernels()[i].name);
    EXPECT_EQ(second->kernels()[i].location, first->kernels()[i].location);
    EXPECT_EQ(second->kernels()[i].tasks, first->kernels()[i].tasks);
    EXPECT_EQ(second->kernels()[i].bytes, first->kernels()[i].bytes);
  }
  auto expected = first->run(inputs());
  auto actual = second->run(inputs());
  ASSERT_TRUE(expected && actual);
  EXPECT_TRUE((*actual)[0] == (*expected)[0]);
}

TEST_F(CompileCacheTest, LoadedEntryKeepsTheSignaturesNames) {
  ASSERT_TRUE(compile(kGraph));
  auto loaded = compile(kGraph);
  ASSERT_TRUE(loaded);
  EXPECT_TRUE(loaded->loadedFromCache());
  EXPECT_EQ(loaded->inputs()[0].name, "x");
  EXPECT_EQ(loaded->inputs()[1].name, "w");
  EXPECT_EQ(loaded->outputs()[0].name, "result0");
}

TEST_F(CompileCacheTest, OtherOptionsOrGraphAreOtherEntries) {
  ASSERT_TRUE(compile(kGraph));
  kiln::CompileOptions unfused;
  unfused.disableFusion();
  auto other = compile(kGraph, unfused);
  ASSERT_TRUE(other);
  EXPECT_FALSE(other->loadedFromCache());
  // The same ops one line lower: the locations differ, and they name the
  // kernels in profiles.
  std::string moved = std::string("\n") + kGraph;
  auto relocated = compile(moved.c_str());
  ASSERT_TRUE(relocated);
  EXPECT_FALSE(relocated->loadedFromCache());
  EXPECT_EQ(entries().size(), 3u);
}

TEST_F(CompileCacheTest, DamagedEntryIsRebuilt) {
  ASSERT_TRUE(compile(kGraph));
  ASSERT_EQ(entries().size(), 1u);
  std::string path = directory + "/" + entries()[0];
  auto original = llvm::MemoryBuffer::getFile(path);
  ASSERT_TRUE(bool(original));
  std::string bytes = (*original)->getBuffer().str();
  for (size_t keep :
       {size_t(0), size_t(10), bytes.size() / 2, bytes.size() - 1}) {
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        << bytes.substr(0, keep);
    auto rebuilt = compile(kGraph);
    ASSERT_TRUE(rebuilt);
    EXPECT_FALSE(rebuilt->loadedFromCache()) << "kept " << keep << " bytes";
    auto loaded = compile(kGraph);
    ASSERT_TRUE(loaded);
    EXPECT_TRUE(loaded->loadedFromCache()) << "kept " << keep << " bytes";
  }
}

TEST_F(CompileCacheTest, ConcurrentCompilesShareOneEntry) {
  std::unique_ptr<kiln::Executable> results[2];
  std::thread threads[2];
  for (int i = 0; i < 2; ++i)
    threads[i] = std::thread([&, i] { results[i] = compile(kGraph); });
  for (std::thread &thread : threads)
    thread.join();
  ASSERT_TRUE(results[0] && results[1]);
  EXPECT_EQ(entries().size(), 1u); // no temporary file left behind
  auto loaded = compile(kGraph);
  ASSERT_TRUE(loaded);
  EXPECT_TRUE(loaded->loadedFromCache());
  auto expected = results[0]->run(inputs());
  auto actual = loaded->run(inputs());
  ASSERT_TRUE(expected && actual);
  EXPECT_TRUE((*actual)[0] == (*expected)[0]);
}

TEST(CompileCacheDirectory, EnvironmentMovesOrDisablesIt) {
  const char *home = std::getenv("HOME");
  std::string savedHome = home ? home : "";
  ASSERT_EQ(setenv("KILN_CACHE_DIR", "/some/where", 1), 0);
  EXPECT_EQ(kiln::defaultCacheDirectory(), "/some/where");
  ASSERT_EQ(setenv("KILN_CACHE_DIR", "off", 1), 0);
  EXPECT_EQ(kiln::defaultCacheDirectory(), "");
  ASSERT_EQ(unsetenv("KILN_CACHE_DIR"), 0);
  ASSERT_EQ(setenv("XDG_CACHE_HOME", "/xdg", 1), 0);
  EXPECT_EQ(kiln::defaultCacheDirectory(), "/xdg/kiln");
  ASSERT_EQ(unsetenv("XDG_CACHE_HOME"), 0);
  ASSERT_EQ(setenv("HOME", "/home/user", 1), 0);
  EXPECT_EQ(kiln::defaultCacheDirectory(), "/home/user/.cache/kiln");
  if (home)
    setenv("HOME", savedHome.c_str(), 1);
}

} // namespace
