//===- kiln-difftest.cpp - Sweep random graphs through the differential test
//===//
//
//   kiln-difftest [--count N] [--seed-start S]   check seeds S .. S+N-1
//   kiln-difftest --seed S [--print]             check (or print) one seed
//
// Each seed names a random graph (compiler/RandomGraph.h) and its inputs;
// the graph is compiled with and without fusion and run natively and in the
// reference interpreter (compiler/DifferentialCheck.h). Failing seeds are
// printed with the reason, a progress line goes to stderr now and then, and
// the last line is `difftest: graphs=N failures=F unchecked=U/E seconds=S`
// (U of the E output elements compared had an infinite error bound). Exit
// code 1 when any seed fails. A crash in generated code names the seed it was
// checking in the stack dump; each seed runs in a child process (unless
// --no-fork), so a crash or a hang fails that seed and the sweep goes on.
//
//===----------------------------------------------------------------------===//

#include "compiler/Registration.h"
#include "test/support/DifferentialCheck.h"
#include "test/support/RandomGraph.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <csignal>
#include <cstring>
#include <sys/wait.h>
#include <unistd.h>

using namespace llvm;

namespace {
cl::OptionCategory category("kiln-difftest options");
cl::opt<uint64_t> graphCount("count", cl::desc("Number of seeds to check"),
                             cl::init(200), cl::cat(category));
cl::opt<uint64_t> seedStart("seed-start", cl::desc("First seed to check"),
                            cl::init(0), cl::cat(category));
cl::opt<uint64_t> singleSeed("seed",
                             cl::desc("Check only this seed (or --print it)"),
                             cl::cat(category));
cl::opt<bool> printGraph(
    "print", cl::desc("Print the graph of --seed as .mlir instead of checking"),
    cl::cat(category));
cl::opt<bool> stopOnFailure("stop-on-failure",
                            cl::desc("Stop at the first failing seed"),
                            cl::cat(category));
cl::opt<bool> noFork("no-fork",
                     cl::desc("Check in this process (a crash ends the sweep)"),
                     cl::cat(category));
cl::opt<unsigned>
    timeoutSeconds("timeout",
                   cl::desc("Seconds one seed may take (default 120)"),
                   cl::init(120), cl::cat(category));
cl::opt<bool> verbose("verbose", cl::desc("Print every seed as it is checked"),
                      cl::cat(category));

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// The failure of `seed`, or an empty string when it passes; adds what it
/// compared to `counts`.
std::string checkSeed(uint64_t seed, kiln::DifferentialCounts &counts) {
  // A fresh context per graph: the sweep's memory stays flat.
  mlir::MLIRContext context;
  kiln::loadKilnDialects(context);
  auto module = kiln::generateRandomGraph(context, seed);
  if (!module)
    return "generator: " + toString(module.takeError());
  PrettyStackTraceFormat crashNote("kiln-difftest: checking seed %llu",
                                   static_cast<unsigned long long>(seed));
  if (Error error = kiln::checkGraphDifferentially(**module, seed, &counts))
    return toString(std::move(error));
  return "";
}

/// checkSeed in a child process, so that a crash or hang in generated code
/// fails that seed and the sweep goes on. The parent creates no MLIR context
/// and no threads, so forking it is safe.
std::string checkSeedIsolated(uint64_t seed, kiln::DifferentialCounts &counts) {
  int fds[2];
  if (pipe(fds) != 0)
    return "cannot create a pipe";
  pid_t pid = fork();
  if (pid < 0)
    return "cannot fork";
  if (pid == 0) {
    close(fds[0]);
    alarm(timeoutSeconds);
    // The counts first, as raw bytes, then the failure's text.
    kiln::DifferentialCounts childCounts;
    std::string failure = checkSeed(seed, childCounts);
    std::string message(reinterpret_cast<const char *>(&childCounts),
                        sizeof childCounts);
    message += failure;
    for (size_t done = 0; done < message.size();) {
      ssize_t n = write(fds[1], message.data() + done, message.size() - done);
      if (n <= 0)
        break;
      done += n;
    }
    _exit(0); // Skip static destructors (the runtime's thread pool).
  }
  close(fds[1]);
  std::string failure;
  char buffer[4096];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;)
    failure.append(buffer, n);
  close(fds[0]);
  if (failure.size() >= sizeof(kiln::DifferentialCounts)) {
    kiln::DifferentialCounts childCounts;
    std::memcpy(&childCounts, failure.data(), sizeof childCounts);
    counts.elements += childCounts.elements;
    counts.unchecked += childCounts.unchecked;
    failure.erase(0, sizeof childCounts);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  std::string replay =
      " (replay: kiln-difftest --seed " + std::to_string(seed) + " --no-fork)";
  if (WIFSIGNALED(status))
    return WTERMSIG(status) == SIGALRM
               ? "timed out after " + std::to_string(timeoutSeconds) + " s"
               : "crashed with signal " + std::to_string(WTERMSIG(status)) +
                     " (" + strsignal(WTERMSIG(status)) + ")" + replay;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return "checker exited with status " + std::to_string(WEXITSTATUS(status)) +
           replay;
  return failure;
}

int printSeed(uint64_t seed) {
  mlir::MLIRContext context;
  kiln::loadKilnDialects(context);
  auto module = kiln::generateRandomGraph(context, seed);
  if (!module) {
    errs() << "kiln-difftest: error: " << toString(module.takeError()) << "\n";
    return 1;
  }
  outs() << "// Random graph " << seed << " of kiln-difftest. Replay:\n"
         << "//   kiln-difftest --seed " << seed << "\n"
         << "// Same inputs by hand: kiln-run FILE --seed=" << seed
         << " [--reference | --no-fusion]\n";
  (*module)->print(outs(), mlir::OpPrintingFlags().printGenericOpForm(false));
  outs() << "\n";
  return 0;
}
} // namespace

int main(int argc, char **argv) {
  InitLLVM initLLVM(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "Kiln differential test: random graphs, fused vs unfused vs reference\n");
  if (printGraph && singleSeed.getNumOccurrences() == 0) {
    errs() << "kiln-difftest: error: --print needs --seed S\n";
    return 1;
  }
  if (printGraph)
    return printSeed(singleSeed);

  uint64_t first = singleSeed.getNumOccurrences() ? singleSeed : seedStart;
  uint64_t total = singleSeed.getNumOccurrences() ? 1 : graphCount;
  Clock::time_point start = Clock::now();
  uint64_t checked = 0, failures = 0;
  kiln::DifferentialCounts counts;
  double lastReport = 0;
  for (uint64_t seed = first; seed < first + total; ++seed) {
    if (verbose)
      errs() << "seed " << seed << "\n";
    std::string failure =
        noFork ? checkSeed(seed, counts) : checkSeedIsolated(seed, counts);
    ++checked;
    if (!failure.empty()) {
      ++failures;
      outs() << "FAIL seed " << seed << ": " << failure << "\n";
      outs().flush();
      if (stopOnFailure)
        break;
    }
    double elapsed = secondsSince(start);
    if (elapsed - lastReport >= 10) {
      lastReport = elapsed;
      errs() << format("difftest: %llu/%llu graphs, %llu failures, %.0f s\n",
                       static_cast<unsigned long long>(checked),
                       static_cast<unsigned long long>(total),
                       static_cast<unsigned long long>(failures), elapsed);
    }
  }
  outs() << format("difftest: graphs=%llu failures=%llu unchecked=%lld/%lld "
                   "seconds=%.1f\n",
                   static_cast<unsigned long long>(checked),
                   static_cast<unsigned long long>(failures),
                   static_cast<long long>(counts.unchecked),
                   static_cast<long long>(counts.elements),
                   secondsSince(start));
  return failures ? 1 : 0;
}
