//===- QuickStartTest.cpp - kiln-run's quick start ---------------------===//
//
// The launcher's reading of the command line, its key, and its entries:
// stored whole, and never trusted once truncated, corrupt, for another key
// or made by files of Kiln that changed since. Running an entry's library
// is tested end to end in lit (tools/kiln-run-quick-start.mlir). Also the
// launcher's SHA-256, against known digests and LLVM's.
//
//===----------------------------------------------------------------------===//

#include "tools/kiln-run/QuickStart.h"
#include "tools/common/Sha256.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA256.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace kiln;
using namespace kiln::quickstart;

namespace {

TEST(Sha256, KnownDigests) {
  // FIPS 180-4's examples (one and two blocks) and the empty message.
  EXPECT_EQ(Sha256::hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256::hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(
      Sha256::hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256::hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, AgreesWithLLVMAcrossBlockBoundaries) {
  // Every length around the 56- and 64-byte padding boundaries, fed in
  // pieces of several sizes.
  std::string message;
  for (int length = 0; length < 300; ++length) {
    std::string expected = llvm::toHex(
        llvm::SHA256::hash(llvm::arrayRefFromStringRef(message)), true);
    EXPECT_EQ(Sha256::hex(message), expected) << "length " << length;
    for (size_t piece : {1, 7, 63, 64, 65}) {
      Sha256 hasher;
      for (size_t at = 0; at < message.size(); at += piece)
        hasher.update(std::string_view(message).substr(at, piece));
      EXPECT_EQ(hasher.finalHex(), expected)
          << "length " << length << " in pieces of " << piece;
    }
    message += static_cast<char>('a' + length % 26 + (length & 64));
  }
}

/// parseRequest of a command line written as words.
Request parse(std::vector<std::string> words) {
  words.insert(words.begin(), "kiln-run");
  std::vector<char *> argv;
  for (std::string &word : words)
    argv.push_back(word.data());
  return parseRequest(static_cast<int>(argv.size()), argv.data());
}

TEST(QuickStartRequest, TakesRunFlagsOutOfTheKeyInEverySpelling) {
  Request request =
      parse({"g.mlir", "--seed", "5", "-bench=3", "--threads=2", "--input",
             "a.npy", "--no-fusion", "-threads", "4", "--cache-dir", "/c",
             "--max-loop-fusion-ops", "7", "-input=b.npy", "--out", "dir"});
  EXPECT_EQ(request.fullToolReason, "");
  EXPECT_TRUE(request.keyNamesCompile);
  EXPECT_EQ(request.seed, 5u);
  EXPECT_EQ(request.benchRuns, 3u);
  EXPECT_EQ(request.threads, 4); // The last --threads counts.
  EXPECT_EQ(request.cacheDirectory, "/c");
  EXPECT_EQ(request.inputFiles, (std::vector<std::string>{"a.npy", "b.npy"}));
  EXPECT_EQ(request.outDirectory, "dir");
  EXPECT_EQ(request.compileArguments,
            (std::vector<std::string>{"g.mlir", "--no-fusion",
                                      "--max-loop-fusion-ops", "7"}));
}

TEST(QuickStartRequest, LeavesToTheFullToolWhatItDoesNotServe) {
  for (std::vector<std::string> words : std::vector<std::vector<std::string>>{
           {"g.mlir", "--profile"},
           {"g.mlir", "-reference"},
           {"g.mlir", "--help"},
           {"--version"},
           {"g.mlir", "--seed", "010"}, // Octal to LLVM's parser.
           {"g.mlir", "--seed=0x10"},
           {"g.mlir", "--seed", "1", "--seed", "2"},
           {"g.mlir", "--threads", "0"},
           {"g.mlir", "--profile=false"}}) {
    Request request = parse(words);
    EXPECT_NE(request.fullToolReason, "") << words.back();
    // Its key still names the compile: the full tool stores the entry.
    EXPECT_TRUE(request.keyNamesCompile) << words.back();
  }
}

TEST(QuickStartRequest, KnowsWhenTheKeyCannotNameTheCompile) {
  for (std::vector<std::string> words : std::vector<std::vector<std::string>>{
           {"@flags.txt"}, {"--", "g.mlir"}, {"g.mlir", "--seed"}}) {
    Request request = parse(words);
    EXPECT_FALSE(request.keyNamesCompile) << words.back();
    EXPECT_NE(request.fullToolReason, "") << words.back();
  }
}

TEST(QuickStartRequest, CacheDirectoryFollowsTheFlagsThenTheEnvironment) {
  ASSERT_EQ(setenv("KILN_CACHE_DIR", "/env", 1), 0);
  EXPECT_EQ(parse({"g.mlir"}).cacheDirectory, "/env");
  EXPECT_EQ(parse({"g.mlir", "--cache-dir=/flag"}).cacheDirectory, "/flag");
  EXPECT_EQ(parse({"g.mlir", "--no-cache"}).cacheDirectory, "");
  ASSERT_EQ(setenv("KILN_CACHE_DIR", "off", 1), 0);
  EXPECT_EQ(parse({"g.mlir"}).cacheDirectory, "");
  ASSERT_EQ(unsetenv("KILN_CACHE_DIR"), 0);
}

/// A fresh directory for one test, removed after it.
class QuickStartFiles : public ::testing::Test {
protected:
  void SetUp() override {
    directory =
        std::filesystem::temp_directory_path() /
        ("kiln-quick-start-test-" + std::to_string(getpid()) + "-" +
         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(directory);
    std::filesystem::create_directories(directory);
  }
  void TearDown() override { std::filesystem::remove_all(directory); }

  std::string path(const std::string &name) const {
    return (directory / name).string();
  }
  void write(const std::string &name, const std::string &bytes) const {
    std::ofstream(path(name), std::ios::binary) << bytes;
  }
  std::string read(const std::string &name) const {
    std::ifstream in(path(name), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  /// An entry made by one "build file" in this directory.
  Entry sampleEntry() const {
    Entry entry;
    entry.build.push_back(*buildFileOf(path("libkiln.so")));
    entry.inputs.push_back({ElementType::F32, {2, 3}, ""});
    entry.inputs.push_back({ElementType::I64, {}, ""});
    entry.outputs.push_back({ElementType::BF16, {0, 7}, ""});
    entry.arenaBytes = 4096;
    entry.library = std::string("\x7f"
                                "ELF\n\0sum 1:\n",
                                13) +
                    "code";
    return entry;
  }

  std::filesystem::path directory;
};

TEST_F(QuickStartFiles, KeySeesTheGraphBytesAndCompileFlagsOnly) {
  write("g.mlir", "graph one");
  std::string graph = path("g.mlir");
  std::string key = keyOf(parse({graph}));
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(keyOf(parse({graph, "--seed", "9", "--threads", "1"})), key);
  EXPECT_NE(keyOf(parse({graph, "--no-fusion"})), key);
  write("g.mlir", "graph two");
  EXPECT_NE(keyOf(parse({graph})), key);
}

TEST_F(QuickStartFiles, KeyIsThisBuildsOwn) {
  write("g.mlir", "graph");
  Request request = parse({path("g.mlir")});
  // The running executable, as kiln-run reads itself.
  EXPECT_FALSE(request.tool.empty());
  std::string key = keyOf(request);
  // Another build of kiln-run, sharing the cache directory.
  request.tool = "/opt/other-kiln/bin/kiln-run";
  EXPECT_NE(keyOf(request), key);
}

TEST_F(QuickStartFiles, StoresAndLoadsAnEntryWhole) {
  write("libkiln.so", "library");
  Entry entry = sampleEntry();
  std::string key(64, 'a');
  ASSERT_TRUE(store(path("cache"), key, entry));
  std::optional<Entry> loaded = load(path("cache"), key);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->library, entry.library);
  EXPECT_EQ(loaded->arenaBytes, 4096);
  ASSERT_EQ(loaded->inputs.size(), 2u);
  EXPECT_EQ(loaded->inputs[0].shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(loaded->inputs[1].elementType, ElementType::I64);
  EXPECT_TRUE(loaded->inputs[1].shape.empty());
  ASSERT_EQ(loaded->outputs.size(), 1u);
  EXPECT_EQ(loaded->outputs[0].elementType, ElementType::BF16);
  EXPECT_EQ(loaded->outputs[0].shape, (std::vector<int64_t>{0, 7}));
  ASSERT_EQ(loaded->build.size(), 1u);
  EXPECT_EQ(loaded->build[0].path, path("libkiln.so"));
  // Another key's entry is not this one.
  EXPECT_FALSE(load(path("cache"), std::string(64, 'b')));
}

TEST_F(QuickStartFiles, NeverTrustsADamagedEntry) {
  write("libkiln.so", "library");
  std::string key(64, 'c');
  ASSERT_TRUE(store(path("cache"), key, sampleEntry()));
  std::string name = "cache/" + key + ".quick.kiln";
  std::string whole = read(name);
  for (size_t size = 0; size < whole.size(); ++size) {
    write(name, whole.substr(0, size));
    EXPECT_FALSE(load(path("cache"), key)) << "truncated to " << size;
  }
  for (size_t at = 0; at < whole.size(); ++at) {
    std::string flipped = whole;
    flipped[at] ^= 0x20;
    write(name, flipped);
    EXPECT_FALSE(load(path("cache"), key)) << "flipped at " << at;
  }
  write(name, whole);
  EXPECT_TRUE(load(path("cache"), key));
}

TEST_F(QuickStartFiles, NeverTrustsAnEntryOfAnotherBuild) {
  write("libkiln.so", "library");
  std::string key(64, 'd');
  ASSERT_TRUE(store(path("cache"), key, sampleEntry()));
  ASSERT_TRUE(load(path("cache"), key));
  // Rebuilt: another size.
  write("libkiln.so", "a longer library");
  EXPECT_FALSE(load(path("cache"), key));
  // Same size, another time.
  write("libkiln.so", "library");
  struct timespec times[2] = {{0, UTIME_OMIT}, {12345, 0}};
  ASSERT_EQ(utimensat(AT_FDCWD, path("libkiln.so").c_str(), times, 0), 0);
  EXPECT_FALSE(load(path("cache"), key));
  // Gone.
  std::filesystem::remove(path("libkiln.so"));
  EXPECT_FALSE(load(path("cache"), key));
}

TEST_F(QuickStartFiles, StoreFailsCleanlyWhereTheCacheCannotBe) {
  write("libkiln.so", "library");
  write("file", "not a directory");
  EXPECT_FALSE(store(path("file"), std::string(64, 'e'), sampleEntry()));
  EXPECT_EQ(read("file"), "not a directory");
}

} // namespace
