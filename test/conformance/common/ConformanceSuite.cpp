//===- ConformanceSuite.cpp - Running a test suite against its listed results
//=//

#include "test/conformance/common/ConformanceSuite.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>

using namespace llvm;
using namespace kiln::conformance;

namespace {

cl::opt<std::string>
    expectedFile("expected",
                 cl::desc("The expected result of each test; fail when a "
                          "test does worse"),
                 cl::value_desc("file"));
cl::opt<std::string> writeFile("write",
                               cl::desc("Write this run's results as the "
                                        "expected ones"),
                               cl::value_desc("file"));
cl::opt<std::string> filter("filter",
                            cl::desc("Run only tests whose name contains this"),
                            cl::value_desc("text"));
cl::opt<std::string> shard("shard",
                           cl::desc("Run only shard I of N (every Nth test)"),
                           cl::value_desc("I/N"), cl::init("0/1"));
cl::opt<bool> verbose("verbose", cl::desc("Print every test's result"));

const char *statusName(Status status) {
  switch (status) {
  case Status::Pass:
    return "pass";
  case Status::Fail:
    return "fail";
  case Status::Unsupported:
    return "unsupported";
  }
  return "?";
}

int statusRank(const std::string &status) {
  return status == "pass" ? 2 : status == "unsupported" ? 1 : 0;
}

/// test name -> expected status, from "name status" lines.
std::map<std::string, std::string> readExpected(const std::string &path) {
  std::map<std::string, std::string> expected;
  std::ifstream in(path);
  std::string name, status;
  while (in >> name >> status)
    expected[name] = status;
  return expected;
}

} // namespace

std::string kiln::conformance::firstErrorOf(const std::string &message) {
  std::string line = message.substr(0, message.find('\n'));
  if (size_t at = line.find("error: "); at != std::string::npos)
    return line.substr(at + 7);
  return line;
}

bool kiln::conformance::isUnsupported(const std::string &message) {
  return message.find("not supported") != std::string::npos ||
         message.find("unsupported") != std::string::npos ||
         message.find("Kiln reads") != std::string::npos;
}

int kiln::conformance::runSuite(const std::vector<TestCase> &tests,
                                function_ref<Result(const TestCase &)> run) {
  unsigned shardIndex = 0, shardCount = 1;
  if (std::sscanf(shard.c_str(), "%u/%u", &shardIndex, &shardCount) != 2 ||
      shardCount == 0 || shardIndex >= shardCount) {
    errs() << "error: --shard " << shard << ": expected I/N with I < N\n";
    return 1;
  }
  std::map<std::string, std::string> expected;
  if (!expectedFile.empty()) {
    expected = readExpected(expectedFile);
    if (expected.empty()) {
      errs() << expectedFile << ": error: no expected results\n";
      return 1;
    }
  }

  std::map<std::string, Result> results;
  std::map<std::string, int> reasons;
  int counts[3] = {0, 0, 0};
  for (size_t i = 0; i < tests.size(); ++i) {
    const TestCase &test = tests[i];
    if (i % shardCount != shardIndex ||
        test.name.find(filter) == std::string::npos)
      continue;
    Result result = run(test);
    ++counts[static_cast<int>(result.status)];
    if (result.status != Status::Pass)
      ++reasons[std::string(statusName(result.status)) + ": " +
                result.reason.substr(0, 100)];
    if (verbose)
      outs() << test.name << " " << statusName(result.status)
             << (result.reason.empty() ? "" : ": " + result.reason) << "\n";
    results[test.name] = std::move(result);
  }

  outs() << "pass " << counts[0] << ", fail " << counts[1] << ", unsupported "
         << counts[2] << " of " << results.size() << " tests\n";
  std::vector<std::pair<int, std::string>> byCount;
  for (const auto &[reason, count] : reasons)
    byCount.push_back({-count, reason});
  std::sort(byCount.begin(), byCount.end());
  for (size_t i = 0; i < byCount.size() && i < 25; ++i)
    outs() << "  " << -byCount[i].first << " x " << byCount[i].second << "\n";

  if (!writeFile.empty()) {
    std::error_code error;
    raw_fd_ostream out(writeFile, error);
    if (error) {
      errs() << writeFile << ": error: " << error.message() << "\n";
      return 1;
    }
    for (const auto &[name, result] : results)
      out << name << " " << statusName(result.status) << "\n";
  }

  int regressions = 0;
  for (const auto &[name, result] : results) {
    auto listed = expected.find(name);
    if (listed == expected.end())
      continue;
    std::string now = statusName(result.status);
    if (statusRank(now) < statusRank(listed->second)) {
      ++regressions;
      outs() << "REGRESSION " << name << ": " << now << " (expected "
             << listed->second << "): " << result.reason << "\n";
    } else if (statusRank(now) > statusRank(listed->second)) {
      outs() << "improved " << name << ": " << now << " (listed as "
             << listed->second << "); update " << expectedFile << "\n";
    }
  }
  // A listed test that did not run (a model that was not exported, a data
  // folder that moved) is a regression too, when every test was to run.
  if (filter.empty() && shardCount == 1)
    for (const auto &[name, status] : expected)
      if (!results.count(name)) {
        ++regressions;
        outs() << "REGRESSION " << name << ": not found (expected " << status
               << ")\n";
      }
  return regressions ? 1 : 0;
}
