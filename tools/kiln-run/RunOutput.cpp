//===- RunOutput.cpp - What kiln-run prints and writes ----------------===//

#include "tools/kiln-run/RunOutput.h"

#include "tools/common/Npy.h"
#include "tools/common/TensorFormat.h"

#include <algorithm>
#include <cstdio>

using namespace kiln;

std::string runoutput::formatResults(const std::vector<HostTensor> &results) {
  std::string text;
  for (size_t i = 0; i < results.size(); ++i)
    text += "result" + std::to_string(i) + ": " + results[i].typeString() +
            "\n" + formatTensor(results[i]) + "\n";
  return text;
}

std::vector<tools::NamedOutput>
runoutput::resultFiles(const std::vector<HostTensor> &results) {
  std::vector<tools::NamedOutput> files;
  for (size_t i = 0; i < results.size(); ++i)
    files.push_back(
        {"result" + std::to_string(i) + ".npy", serializeNpy(results[i])});
  return files;
}

std::string runoutput::latencyLine(double runMs, double compileMs,
                                   const std::string &cache) {
  char line[128];
  std::snprintf(line, sizeof line, "latency: run_ms=%.3f compile_ms=%.1f ",
                runMs, compileMs);
  return line + ("cache=" + cache + "\n");
}

std::string runoutput::benchLine(std::vector<double> times) {
  std::sort(times.begin(), times.end());
  char line[128];
  std::snprintf(line, sizeof line,
                "bench: runs=%zu min_ms=%.4f median_ms=%.4f\n", times.size(),
                times.empty() ? 0.0 : times.front(),
                times.empty() ? 0.0 : times[times.size() / 2]);
  return line;
}
