//===- StableHloConformance.cpp - StableHLO's testdata, natively and interpreted
//
// Runs each file of StableHLO's JAX-generated test data (stablehlo/testdata
// of openxla/stablehlo, not shipped with Kiln): a module whose public main
// computes a result from constant inputs and checks it against constant
// expected values with `stablehlo.custom_call @check.expect_eq(%actual,
// %expected)` (exact) or `@check.expect_close` / `@check.expect_almost_eq`
// (within withinOracleToleranceOf, test/support/NumericsCompare.h). The
// runner replaces the checks by returning each (actual, expected) pair,
// then runs the module in the reference interpreter and natively and
// compares each pair. Each file ends as pass, fail or unsupported (an op or
// element type Kiln lacks, named), and the run is compared with
// expected-results.txt.
//
//   kiln-stablehlo-conformance --data DIR [--expected FILE] [--write FILE]
//                              [--filter TEXT] [--shard I/N] [--verbose]
//
//===----------------------------------------------------------------------===//

#include "compiler/Compiler.h"
#include "compiler/frontends/mlir/GraphFile.h"
#include "compiler/reference/Interpreter.h"
#include "dialects/hlo/HloSpelling.h"
#include "test/conformance/common/ConformanceSuite.h"
#include "test/support/NumericsCompare.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>

using namespace llvm;
using kiln::conformance::Result;
using kiln::conformance::Status;
using kiln::conformance::TestCase;

namespace {

cl::opt<std::string>
    dataDir("data",
            cl::desc("StableHLO's test data (stablehlo/testdata of a "
                     "checkout of openxla/stablehlo)"),
            cl::value_desc("dir"));

/// How a check compares its two operands.
enum class Check { Exact, Close };

/// One check of the program: which returned values it compares, and how.
struct CheckedPair {
  Check check;
  std::string target;
};

bool exactlyEqual(double actual, double expected) {
  return actual == expected || (std::isnan(actual) && std::isnan(expected));
}

/// Replaces each `check.*` custom_call in `main` by returning its operands;
/// the pairs, in the order of the new results, go to `pairs`. Fails with
/// the reason on a check Kiln's runner does not know.
Error returnCheckedValues(mlir::func::FuncOp main,
                          std::vector<CheckedPair> &pairs) {
  SmallVector<mlir::Operation *> calls;
  SmallVector<mlir::Value> returned;
  for (mlir::Operation &op : main.getBody().front()) {
    auto target =
        op.getAttrOfType<mlir::StringAttr>(kiln::hlo::kCallTargetName);
    if (!target || !target.getValue().starts_with("check."))
      continue;
    StringRef name = target.getValue();
    Check check;
    if (name == "check.expect_eq" && op.getNumOperands() == 2)
      check = Check::Exact;
    else if ((name == "check.expect_close" ||
              name == "check.expect_almost_eq") &&
             op.getNumOperands() == 2)
      check = Check::Close;
    else
      return createStringError(inconvertibleErrorCode(),
                               "error: check @" + name.str() +
                                   " is not supported by the runner");
    pairs.push_back({check, name.str()});
    returned.append(op.getOperands().begin(), op.getOperands().end());
    calls.push_back(&op);
  }
  if (calls.empty())
    return createStringError(inconvertibleErrorCode(),
                             "error: no check.* custom_call in main");
  for (mlir::Operation *call : calls)
    call->erase();
  mlir::Operation *terminator = main.getBody().front().getTerminator();
  mlir::OpBuilder builder(terminator);
  builder.create<mlir::func::ReturnOp>(terminator->getLoc(), returned);
  terminator->erase();
  main.removeResAttrsAttr();
  main.setFunctionType(builder.getFunctionType(
      main.getArgumentTypes(), mlir::ValueRange(returned).getTypes()));
  return Error::success();
}

/// Empty when every pair of `outputs` (actual, expected, ...) matches.
std::string comparePairs(const std::vector<kiln::HostTensor> &outputs,
                         const std::vector<CheckedPair> &pairs) {
  for (size_t i = 0; i < pairs.size(); ++i) {
    const kiln::HostTensor &expected = outputs[2 * i + 1];
    std::string mismatch = kiln::testing::compareTensors(
        outputs[2 * i], expected,
        pairs[i].check == Check::Exact
            ? exactlyEqual
            : kiln::testing::withinOracleToleranceOf(expected.elementType()));
    if (!mismatch.empty())
      return pairs[i].target + " " + std::to_string(i) + ": " + mismatch;
  }
  return "";
}

Result errorResult(const std::string &stage, const std::string &message) {
  return {kiln::conformance::isUnsupported(message) ? Status::Unsupported
                                                    : Status::Fail,
          stage + kiln::conformance::firstErrorOf(message)};
}

Result runTest(const TestCase &test) {
  mlir::MLIRContext context(mlir::MLIRContext::Threading::DISABLED);
  auto module = kiln::parseModuleFile(test.path, context);
  if (!module)
    return errorResult("", toString(module.takeError()));
  auto main = kiln::getEntryFunction(**module);
  if (!main)
    return errorResult("", toString(main.takeError()));
  std::vector<CheckedPair> pairs;
  if (Error error = returnCheckedValues(*main, pairs))
    return errorResult("", toString(std::move(error)));
  if (Error error = kiln::checkGraphSupported(**module))
    return errorResult("", toString(std::move(error)));

  auto interpreted = kiln::interpret(*main, {});
  if (!interpreted)
    return errorResult("interpreter: ", toString(interpreted.takeError()));
  if (std::string mismatch = comparePairs(*interpreted, pairs);
      !mismatch.empty())
    return {Status::Fail, "interpreter: " + mismatch};

  kiln::Compiler compiler(context);
  auto executable = compiler.compile(**module);
  if (!executable)
    return errorResult("compile: ", toString(executable.takeError()));
  auto outputs = (*executable)->run({});
  if (!outputs)
    return errorResult("run: ", toString(outputs.takeError()));
  if (std::string mismatch = comparePairs(*outputs, pairs); !mismatch.empty())
    return {Status::Fail, "native: " + mismatch};
  return {Status::Pass, ""};
}

} // namespace

int main(int argc, char **argv) {
  cl::ParseCommandLineOptions(argc, argv,
                              "Kiln on StableHLO's JAX-generated test data\n");
  std::vector<TestCase> tests;
  std::error_code error;
  if (!dataDir.empty())
    for (sys::fs::recursive_directory_iterator it(dataDir, error), end;
         !error && it != end; it.increment(error))
      if (sys::path::extension(it->path()) == ".mlir") {
        StringRef relative = StringRef(it->path()).drop_front(dataDir.size());
        tests.push_back({relative.ltrim('/').str(), it->path()});
      }
  std::sort(
      tests.begin(), tests.end(),
      [](const TestCase &a, const TestCase &b) { return a.name < b.name; });
  if (tests.empty()) {
    outs() << "StableHLO's test data is not here (--data "
           << (dataDir.empty() ? std::string("not given") : dataDir.getValue())
           << "; it is stablehlo/testdata of a checkout of openxla/stablehlo); "
              "nothing to run\n";
    return kiln::conformance::kSkipped;
  }
  return kiln::conformance::runSuite(tests, runTest);
}
