//===- ConformanceSuite.h - Running a test suite against its listed results
//===//
//
// What the conformance runners share: each test ends as pass, fail or
// unsupported (with a reason); the run prints totals and the commonest
// reasons, may write its results, and fails when a test does worse than a
// checked-in list says. The command-line options for this (--expected,
// --write, --filter, --shard, --verbose) are defined here, once.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TEST_CONFORMANCE_COMMON_CONFORMANCESUITE_H
#define KILN_TEST_CONFORMANCE_COMMON_CONFORMANCESUITE_H

#include "llvm/ADT/STLFunctionalExtras.h"

#include <string>
#include <vector>

namespace kiln::conformance {

enum class Status { Pass, Fail, Unsupported };

struct Result {
  Status status;
  std::string reason;
};

struct TestCase {
  std::string name; // as listed in the expected results
  std::string path; // what the runner reads
};

/// The text after "error: " in the first line of `message`.
std::string firstErrorOf(const std::string &message);

/// Whether an error says Kiln lacks something (an op, a type, an
/// attribute), rather than that it misread a valid program.
bool isUnsupported(const std::string &message);

/// The process exit code for "skipped" (ctest's SKIP_RETURN_CODE).
constexpr int kSkipped = 77;

/// Runs the tests the command line selects with `run`, prints the totals,
/// the commonest reasons and each regression against --expected, writes
/// --write; returns the process exit code (1 on a regression or a bad
/// option).
int runSuite(const std::vector<TestCase> &tests,
             llvm::function_ref<Result(const TestCase &)> run);

} // namespace kiln::conformance

#endif // KILN_TEST_CONFORMANCE_COMMON_CONFORMANCESUITE_H
