//===- api_example.cpp - Build a small MLP with the GraphBuilder ----------===//
//
// Builds y = softmax(relu(x W1 + b1) W2 + b2) for a batch of 2 inputs of 4
// features, with 8 hidden units and 3 classes, and prints the module.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontends/builder/GraphBuilder.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <vector>

using kiln::GraphBuilder;
using kiln::GraphValue;

/// The value of `expected`, or prints its error and exits: an example has no
/// better way to recover.
template <class T> static T orExit(llvm::Expected<T> expected) {
  if (!expected) {
    llvm::errs() << "error: " << llvm::toString(expected.takeError()) << "\n";
    std::exit(1);
  }
  return std::move(*expected);
}

/// `count` deterministic weights in [-0.5, 0.5).
static std::vector<float> weights(int64_t count, int seed) {
  std::vector<float> values;
  for (int64_t i = 0; i < count; ++i)
    values.push_back(static_cast<float>((i * 37 + seed * 11) % 100) / 100.0f -
                     0.5f);
  return values;
}

int main() {
  mlir::MLIRContext context;
  GraphBuilder builder(context, "mlp");

  GraphValue x = orExit(builder.parameter({2, 4}, {}, "x"));
  GraphValue w1 = orExit(builder.constantF32({4, 8}, weights(4 * 8, 1)));
  GraphValue b1 = orExit(builder.constantF32({8}, weights(8, 2)));
  GraphValue w2 = orExit(builder.constantF32({8, 3}, weights(8 * 3, 3)));
  GraphValue b2 = orExit(builder.constantF32({3}, weights(3, 4)));

  // [2, 4] x [4, 8] + [8]: the bias broadcasts over the batch.
  GraphValue hidden = orExit(builder.add(orExit(builder.matmul(x, w1)), b1));
  hidden = orExit(builder.relu(hidden));
  GraphValue logits =
      orExit(builder.add(orExit(builder.matmul(hidden, w2)), b2));
  GraphValue probabilities = orExit(builder.softmax(logits, /*axis=*/-1));

  mlir::OwningOpRef<mlir::ModuleOp> module =
      orExit(builder.build({probabilities}));
  module->print(llvm::outs());
  llvm::outs() << "\n";

  // Misuse is an error, not a crash: a second graph shows one.
  GraphBuilder other(context);
  GraphValue a = orExit(other.parameter({3, 4}));
  GraphValue b = orExit(other.parameter({5}));
  llvm::Expected<GraphValue> bad = other.add(a, b);
  if (!bad)
    llvm::outs() << "expected error: " << llvm::toString(bad.takeError())
                 << "\n";
  return 0;
}
