//===- NpyTest.cpp - Reading and writing .npy files -----------------------===//

#include "tools/common/Npy.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace kiln;

namespace {

/// A fresh directory for one test's files, removed afterwards.
class NpyTest : public ::testing::Test {
protected:
  void SetUp() override {
    char pattern[] = "/tmp/kiln-npy-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir = pattern;
  }
  void TearDown() override {
    std::string command = "rm -rf '" + dir + "'";
    EXPECT_EQ(std::system(command.c_str()), 0);
  }

  std::string path(const std::string &name) const { return dir + "/" + name; }

  void writeBytes(const std::string &name, const std::string &bytes) {
    std::ofstream file(path(name), std::ios::binary);
    file << bytes;
  }

  std::string readBytes(const std::string &name) {
    std::ifstream file(path(name), std::ios::binary);
    std::ostringstream contents;
    contents << file.rdbuf();
    return contents.str();
  }

  /// Reads `bytes` as a .npy file and returns the error (empty on success).
  std::string readError(const std::string &bytes) {
    writeBytes("bad.npy", bytes);
    HostTensor t;
    std::string error;
    if (readNpy(path("bad.npy"), t, error))
      return "";
    EXPECT_FALSE(error.empty());
    EXPECT_EQ(error.find('\n'), std::string::npos) << "one line: " << error;
    return error;
  }

  /// Runs a Python program with NumPy in `dir` (as the current directory).
  /// Returns false, after GTEST_SKIP, when NumPy is missing.
  bool runPython(const std::string &program, bool &ok) {
    if (std::system("/usr/bin/python3 -c 'import numpy' 2>/dev/null") != 0)
      return false;
    std::string script = path("script.py");
    std::ofstream(script) << "import numpy as np, os\nos.chdir('" << dir
                          << "')\n"
                          << program;
    ok = std::system(("/usr/bin/python3 " + script).c_str()) == 0;
    return true;
  }

  std::string dir;
};

/// The .npy bytes of a version 1.0 file with this header dict and data.
std::string npyBytes(const std::string &dict, const std::string &data,
                     char major = 1) {
  std::string header = dict;
  size_t prefix = major == 1 ? 10 : 12;
  while ((prefix + header.size() + 1) % 64 != 0)
    header += ' ';
  header += '\n';
  std::string bytes = "\x93NUMPY";
  bytes += major;
  bytes += '\0';
  for (size_t i = 0; i < (major == 1 ? 2u : 4u); ++i)
    bytes += static_cast<char>((header.size() >> (8 * i)) & 0xff);
  return bytes + header + data;
}

TEST_F(NpyTest, RoundTripsEveryType) {
  std::vector<HostTensor> tensors = {
      HostTensor::fromF32({2, 3}, {1, -2, 3.5f, 0, 1e-7f, -1e20f}),
      HostTensor::fromF32({}, {42}),
      HostTensor::fromF32({0, 4}, {}),
      HostTensor::fromI64(ElementType::I1, {4}, {1, 0, 0, 1}),
      HostTensor::fromI64(ElementType::I32, {1, 2, 1}, {-7, 2147483647}),
      HostTensor::fromI64(ElementType::I64, {3},
                          {-1, int64_t(1) << 40, INT64_MIN}),
  };
  for (const HostTensor &t : tensors) {
    std::string error;
    ASSERT_TRUE(writeNpy(path("t.npy"), t, error)) << error;
    HostTensor back;
    ASSERT_TRUE(readNpy(path("t.npy"), back, error)) << error;
    EXPECT_EQ(back, t) << t.typeString();
    // The data starts 64-byte aligned, as NumPy writes it.
    EXPECT_EQ((readBytes("t.npy").size() - t.sizeInBytes()) % 64, 0u);
  }
}

TEST_F(NpyTest, HeaderText) {
  std::string bytes = serializeNpy(HostTensor::fromF32({3}, {1, 2, 3}));
  EXPECT_EQ(bytes.substr(10, 59),
            "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }  ");
  bytes = serializeNpy(HostTensor(ElementType::I1, {}));
  EXPECT_EQ(bytes.substr(10, 58),
            "{'descr': '|b1', 'fortran_order': False, 'shape': (), }   ");
  EXPECT_EQ(bytes.size(), 129u);
  EXPECT_EQ(bytes[127], '\n');
}

TEST_F(NpyTest, ReadsVersions2And3AndDoubleQuotes) {
  std::string data(8, '\0');
  data[0] = 5;
  data[4] = 6;
  HostTensor t;
  std::string error;
  for (char major : {2, 3}) {
    writeBytes("v.npy",
               npyBytes("{\"descr\": \"<i4\", \"fortran_order\": False, "
                        "\"shape\": (2,)}",
                        data, major));
    ASSERT_TRUE(readNpy(path("v.npy"), t, error)) << error;
    EXPECT_EQ(t, HostTensor::fromI64(ElementType::I32, {2}, {5, 6}));
  }
}

TEST_F(NpyTest, MissingFile) {
  HostTensor t;
  std::string error;
  EXPECT_FALSE(readNpy(path("absent.npy"), t, error));
  EXPECT_EQ(error, "cannot open file (No such file or directory)");
}

TEST_F(NpyTest, BadMagic) {
  EXPECT_EQ(readError("PK\x03\x04 not numpy at all"),
            "not a .npy file (bad magic)");
  EXPECT_EQ(readError(""), "not a .npy file (bad magic)");
}

TEST_F(NpyTest, UnsupportedVersion) {
  std::string bytes = npyBytes(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (), }", "abcd");
  bytes[6] = 4;
  EXPECT_EQ(readError(bytes), "unsupported .npy version 4.0");
}

TEST_F(NpyTest, TruncatedHeader) {
  std::string bytes = npyBytes(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", "abcd");
  EXPECT_EQ(readError(bytes.substr(0, 9)), "truncated header");
  EXPECT_EQ(readError(bytes.substr(0, 40)),
            "truncated header: expected 118 bytes, found 30");
}

TEST_F(NpyTest, TruncatedData) {
  std::string bytes =
      npyBytes("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }",
               std::string(10, '\0'));
  EXPECT_EQ(readError(bytes),
            "truncated: expected 24 bytes of data from byte 128, found 10");
  // A shape whose size overflows must not allocate.
  bytes = npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': "
                   "(4611686018427387904, 4611686018427387904), }",
                   "");
  EXPECT_EQ(readError(bytes), "bad header: the shape's size overflows 64 bits");
}

TEST_F(NpyTest, TrailingData) {
  std::string bytes =
      npyBytes("{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }",
               std::string("\1\0\1", 3));
  EXPECT_EQ(readError(bytes),
            "1 unexpected bytes after the data, from byte 130");
}

TEST_F(NpyTest, WrongDtype) {
  std::string bytes =
      npyBytes("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }",
               std::string(8, '\0'));
  EXPECT_EQ(readError(bytes),
            "unsupported dtype '<c8' (Kiln reads bool, int8 to int64, uint8 "
            "to uint64, float16, float32, float64, and '<V2' as bfloat16)");
  bytes = npyBytes("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }",
                   std::string(4, '\0'));
  EXPECT_EQ(readError(bytes),
            "unsupported dtype '>f4' (Kiln reads bool, int8 to int64, uint8 "
            "to uint64, float16, float32, float64, and '<V2' as bfloat16)");
}

TEST_F(NpyTest, FortranOrder) {
  std::string bytes =
      npyBytes("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }",
               std::string(16, '\0'));
  EXPECT_EQ(readError(bytes),
            "Fortran-order arrays are not supported (save in C order)");
}

TEST_F(NpyTest, MalformedHeaders) {
  // The header starts at byte 10 (counting from 0) of a version 1.0 file;
  // each error names the byte where parsing stopped: the '-' of -1 at 61,
  // the 0 at 44, the end of the dict at 41 (Python's str.index agrees).
  EXPECT_EQ(readError(npyBytes("[1, 2]", "")),
            "bad header at byte 10: header is not a dict");
  EXPECT_EQ(readError(npyBytes("{'descr': '<f4', 'shape': (), }", "")),
            "bad header at byte 41: header lacks 'fortran_order'");
  EXPECT_EQ(readError(npyBytes("{'descr': '<f4', 'fortran_order': False, "
                               "'shape': (-1,), }",
                               "")),
            "bad header at byte 61: 'shape' is not a tuple of non-negative "
            "integers");
  EXPECT_EQ(readError(npyBytes("{'descr': '<f4', 'fortran_order': 0, "
                               "'shape': (), }",
                               "")),
            "bad header at byte 44: 'fortran_order' is not True or False");
}

TEST_F(NpyTest, WriteFailureLeavesNothing) {
  std::string error;
  EXPECT_FALSE(writeNpy(path("no/such/dir/t.npy"), HostTensor(), error));
  EXPECT_EQ(error, path("no/such/dir/t.npy") +
                       ": error: cannot write: No such file or directory");
}

TEST_F(NpyTest, ReadsWhatNumPyWrites) {
  bool ok = false;
  if (!runPython(
          "np.save('f.npy', np.array([[1.5, -2], [0.25, 3e8]], np.float32))\n"
          "np.save('b.npy', np.array([True, False, True]))\n"
          "np.save('i.npy', np.array([[-3], [2**31 - 1]], np.int32))\n"
          "np.save('l.npy', np.array(-2**40, np.int64))\n"
          "with open('v2.npy', 'wb') as f:\n"
          "  np.lib.format.write_array(f, np.arange(3, dtype=np.float32), "
          "version=(2, 0))\n"
          "np.save('d.npy', np.array([0.1, -2**60]))\n"
          "np.save('h.npy', np.array([0.1, -65504, np.inf], np.float16))\n"
          "np.save('c.npy', np.zeros(2, np.complex64))\n"
          "np.save('u.npy', np.array([255, 0], np.uint8))\n"
          "np.save('s.npy', np.array([-32768], np.int16))\n"
          "np.save('q.npy', np.array([2**64 - 1], np.uint64))\n"
          "np.save('F.npy', np.asfortranarray(np.ones((2, 3), np.float32)))\n",
          ok))
    GTEST_SKIP() << "/usr/bin/python3 lacks numpy";
  ASSERT_TRUE(ok);

  HostTensor t;
  std::string error;
  ASSERT_TRUE(readNpy(path("f.npy"), t, error)) << error;
  EXPECT_EQ(t, HostTensor::fromF32({2, 2}, {1.5f, -2, 0.25f, 3e8f}));
  ASSERT_TRUE(readNpy(path("b.npy"), t, error)) << error;
  EXPECT_EQ(t, HostTensor::fromI64(ElementType::I1, {3}, {1, 0, 1}));
  ASSERT_TRUE(readNpy(path("i.npy"), t, error)) << error;
  EXPECT_EQ(t, HostTensor::fromI64(ElementType::I32, {2, 1}, {-3, 2147483647}));
  ASSERT_TRUE(readNpy(path("l.npy"), t, error)) << error;
  EXPECT_EQ(t,
            HostTensor::fromI64(ElementType::I64, {}, {-(int64_t(1) << 40)}));
  ASSERT_TRUE(readNpy(path("v2.npy"), t, error)) << error;
  EXPECT_EQ(t, HostTensor::fromF32({3}, {0, 1, 2}));
  ASSERT_TRUE(readNpy(path("d.npy"), t, error)) << error;
  ASSERT_EQ(t.elementType(), ElementType::F64);
  EXPECT_EQ(t.getAsDouble(0), 0.1);
  EXPECT_EQ(t.getAsDouble(1), -0x1p60);
  ASSERT_TRUE(readNpy(path("h.npy"), t, error)) << error;
  ASSERT_EQ(t.elementType(), ElementType::F16);
  EXPECT_EQ(t.getAsDouble(0), 0.0999755859375); // float16(0.1), exactly
  EXPECT_EQ(t.getAsDouble(1), -65504);
  EXPECT_EQ(t.getAsDouble(2), INFINITY);
  ASSERT_TRUE(readNpy(path("u.npy"), t, error)) << error;
  EXPECT_EQ(t, HostTensor::fromI64(ElementType::UI8, {2}, {255, 0}));
  ASSERT_TRUE(readNpy(path("s.npy"), t, error)) << error;
  EXPECT_EQ(t, HostTensor::fromI64(ElementType::I16, {1}, {-32768}));
  ASSERT_TRUE(readNpy(path("q.npy"), t, error)) << error;
  EXPECT_EQ(t, HostTensor::fromI64(ElementType::UI64, {1}, {-1}));
  EXPECT_FALSE(readNpy(path("c.npy"), t, error));
  EXPECT_EQ(error,
            "unsupported dtype '<c8' (Kiln reads bool, int8 to int64, uint8 "
            "to uint64, float16, float32, float64, and '<V2' as bfloat16)");
  EXPECT_FALSE(readNpy(path("F.npy"), t, error));
  EXPECT_EQ(error, "Fortran-order arrays are not supported (save in C order)");

  // What Kiln writes is byte for byte what NumPy writes.
  std::string numpyBytes = readBytes("f.npy");
  EXPECT_EQ(serializeNpy(HostTensor::fromF32({2, 2}, {1.5f, -2, 0.25f, 3e8f})),
            numpyBytes);
}

TEST_F(NpyTest, NumPyReadsWhatKilnWrites) {
  std::string error;
  ASSERT_TRUE(writeNpy(path("f.npy"),
                       HostTensor::fromF32({2, 3}, {1, 2, 3, 4, 5, -6.5f}),
                       error));
  ASSERT_TRUE(writeNpy(
      path("b.npy"), HostTensor::fromI64(ElementType::I1, {2}, {0, 1}), error));
  ASSERT_TRUE(writeNpy(path("i.npy"),
                       HostTensor::fromI64(ElementType::I32, {}, {-9}), error));
  ASSERT_TRUE(writeNpy(
      path("l.npy"),
      HostTensor::fromI64(ElementType::I64, {1, 2}, {int64_t(1) << 50, -1}),
      error));
  bool ok = false;
  if (!runPython(
          "def check(name, expected):\n"
          "  a = np.load(name)\n"
          "  assert a.dtype == expected.dtype, (name, a.dtype)\n"
          "  assert a.shape == expected.shape, (name, a.shape)\n"
          "  assert (a == expected).all(), (name, a)\n"
          "check('f.npy', np.array([[1, 2, 3], [4, 5, -6.5]], np.float32))\n"
          "check('b.npy', np.array([False, True]))\n"
          "check('i.npy', np.array(-9, np.int32))\n"
          "check('l.npy', np.array([[2**50, -1]], np.int64))\n",
          ok))
    GTEST_SKIP() << "/usr/bin/python3 lacks numpy";
  EXPECT_TRUE(ok);
}

} // namespace
