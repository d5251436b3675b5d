//===- FusionGraphviz.cpp - Graphviz picture of a fused graph ---------===//
//
// `kilnc --emit=dot`: the user's ops as nodes, grouped into one cluster per
// fusion, so the picture shows what runs as one kernel. Values crossing a
// fusion boundary are drawn from the op that computes them to the op that
// reads them, looking through the fusion's arguments and results.
//
//===----------------------------------------------------------------------===//

#include "passes/fusion/FusionGraphviz.h"

#include "dialects/hlo/Diagnostics.h"
#include "dialects/hlo/HloDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include "llvm/ADT/DenseMap.h"
#include <set>

#include <string>

using namespace mlir;

namespace {

/// Escapes `text` for a double-quoted Graphviz string.
std::string quoted(llvm::StringRef text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string typeText(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text;
}

/// `op (file:line:col)`, or just `op` without a file location.
std::string nodeLabel(Operation *op) {
  std::string label = op->getName().stripDialect().str();
  if (kiln::hasFileLocation(op->getLoc()))
    label += " (" + kiln::formatLocation(op->getLoc()) + ")";
  return label;
}

/// Writes one function; node names are unique across functions.
class GraphWriter {
public:
  GraphWriter(llvm::raw_ostream &os, unsigned &nextNode, unsigned &nextCluster)
      : os(os), nextNode(nextNode), nextCluster(nextCluster) {}

  void write(func::FuncOp func) {
    Block &block = func.getBody().front();
    for (BlockArgument arg : block.getArguments())
      nodeFor(arg,
              "input " + std::to_string(arg.getArgNumber()) + ": " +
                  typeText(arg.getType()),
              "ellipse", "  ");
    for (Operation &op : block) {
      if (auto fusion = dyn_cast<kiln::hlo::FusionOp>(op)) {
        writeFusion(fusion);
      } else if (auto ret = dyn_cast<func::ReturnOp>(op)) {
        for (auto [i, value] : llvm::enumerate(ret.getOperands())) {
          std::string node = newNode();
          os << "  " << node << " [label="
             << quoted("output " + std::to_string(i) + ": " +
                       typeText(value.getType()))
             << ", shape=ellipse];\n";
          edge(value, node);
        }
      } else {
        writeOp(&op, "  ");
      }
    }
  }

private:
  std::string newNode() { return "n" + std::to_string(nextNode++); }

  void nodeFor(Value value, llvm::StringRef label, llvm::StringRef shape,
               llvm::StringRef indent) {
    std::string node = newNode();
    os << indent << node << " [label=" << quoted(label) << ", shape=" << shape
       << "];\n";
    nodes[value] = node;
  }

  void edge(Value from, const std::string &to) {
    auto it = nodes.find(from);
    if (it == nodes.end())
      return;
    if (drawn.insert({it->second, to}).second)
      edges.push_back("  " + it->second + " -> " + to + ";\n");
  }

  /// One node for `op`; ops in nested regions (reduce bodies) are part of
  /// their op and not drawn.
  void writeOp(Operation *op, llvm::StringRef indent) {
    std::string node = newNode();
    os << indent << node << " [label=" << quoted(nodeLabel(op)) << "];\n";
    for (Value operand : op->getOperands())
      edge(operand, node);
    for (Value result : op->getResults())
      nodes[result] = node;
  }

  void writeFusion(kiln::hlo::FusionOp fusion) {
    Block &body = fusion.getBody().front();
    os << "  subgraph cluster_" << nextCluster++ << " {\n"
       << "    label="
       << quoted(kiln::hlo::stringifyFusionKind(fusion.getKind()).str() +
                 " fusion")
       << ";\n    style=rounded;\n";
    for (auto [arg, input] : llvm::zip(body.getArguments(), fusion.getInputs()))
      if (nodes.count(input))
        nodes[arg] = nodes[input];
    for (Operation &op : body.without_terminator())
      writeOp(&op, "    ");
    os << "  }\n";
    for (auto [result, yielded] :
         llvm::zip(fusion.getResults(), body.getTerminator()->getOperands()))
      if (nodes.count(yielded))
        nodes[result] = nodes[yielded];
  }

  llvm::raw_ostream &os;
  unsigned &nextNode;
  unsigned &nextCluster;
  llvm::DenseMap<Value, std::string> nodes;
  std::set<std::pair<std::string, std::string>> drawn;
  std::vector<std::string> edges;

public:
  /// Edges come after all nodes so that no edge creates a node outside
  /// its cluster.
  void writeEdges() {
    for (const std::string &e : edges)
      os << e;
  }
};

} // namespace

void kiln::printFusionGraphviz(ModuleOp module, llvm::raw_ostream &os) {
  os << "digraph kiln {\n  node [shape=box];\n";
  unsigned nextNode = 0, nextCluster = 0;
  module.walk([&](func::FuncOp func) {
    if (func.isExternal())
      return;
    GraphWriter writer(os, nextNode, nextCluster);
    writer.write(func);
    writer.writeEdges();
  });
  os << "}\n";
}
