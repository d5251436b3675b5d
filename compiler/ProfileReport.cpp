//===- ProfileReport.cpp - The kernel table of kiln-run --profile -----===//

#include "compiler/ProfileReport.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

std::string kiln::formatProfile(const Executable &executable,
                                const KernelProfile &profile, int64_t calls) {
  calls = std::max<int64_t>(calls, 1);
  double totalSeconds = profile.totalSeconds();
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "kernel    ms/call   share        bytes     GB/s  tasks  ops "
        "(location)\n";
  for (const KernelInfo &kernel : executable.kernels()) {
    KernelStats stats = profile.stats(kernel.id);
    double seconds = stats.seconds / calls;
    double share = totalSeconds > 0 ? 100.0 * stats.seconds / totalSeconds : 0;
    double gbps = seconds > 0 ? kernel.bytes / seconds / 1e9 : 0;
    os << llvm::format("%-6lld %10.4f %6.1f%% %12lld %8.2f %6lld  ",
                       static_cast<long long>(kernel.id), seconds * 1e3, share,
                       static_cast<long long>(kernel.bytes), gbps,
                       static_cast<long long>(kernel.tasks))
       << kernel.name << " (" << kernel.location << ")\n";
  }
  os << llvm::format("total  %10.4f ms/call over %lld calls\n",
                     totalSeconds / calls * 1e3, static_cast<long long>(calls));
  os << "arena: " << executable.arenaSize() << " bytes (liveness bound "
     << executable.arenaLivenessBound() << " bytes)\n";
  return text;
}
