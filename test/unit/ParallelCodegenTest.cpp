//===- ParallelCodegenTest.cpp - LLVM's work on all cores -------------===//
//
// A graph of many distinct kernels is split into several objects, and the
// objects are the same bytes whatever the thread count; loaded, they
// compute what the reference interpreter computes. Code that ships names
// the symbols partitions share after its model and hides them.
//
//===----------------------------------------------------------------------===//

#include "compiler/ParallelCodegen.h"
#include "compiler/Backend.h"
#include "compiler/Compiler.h"
#include "compiler/frontends/mlir/GraphFile.h"
#include "compiler/reference/Interpreter.h"
#include "test/support/NumericsCompare.h"
#include "tools/common/RandomTensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Target/TargetMachine.h"

#include <gtest/gtest.h>

namespace {

/// 80 rounds of x = tanh(x . w * c_i), c_i distinct so that no two rounds
/// share a kernel: 80 kernels.
std::string manyKernels() {
  std::string text = "func.func @main(%x: tensor<8x16xf32>, %w: "
                     "tensor<16x16xf32>) -> tensor<8x16xf32> {\n";
  std::string x = "%x";
  for (int i = 0; i < 80; ++i) {
    std::string n = std::to_string(i);
    text += "  %c" + n + " = hlo.constant dense<" + std::to_string(1 + i) +
            ".0e-2> : tensor<8x16xf32>\n";
    text += "  %d" + n + " = hlo.dot_general " + x +
            ", %w, contracting_dims = [1] x [0] : (tensor<8x16xf32>, "
            "tensor<16x16xf32>) -> tensor<8x16xf32>\n";
    text += "  %s" + n + " = hlo.multiply %d" + n + ", %c" + n +
            " : tensor<8x16xf32>\n";
    text += "  %t" + n + " = hlo.tanh %s" + n + " : tensor<8x16xf32>\n";
    x = "%t" + n;
  }
  return text + "  return " + x + " : tensor<8x16xf32>\n}\n";
}

/// manyKernels() lowered to the LLVM dialect; null, with the failure
/// reported, if it does not parse or lower.
mlir::OwningOpRef<mlir::ModuleOp>
lowerManyKernels(mlir::MLIRContext &context,
                 const kiln::CompileOptions &options = {}) {
  kiln::Compiler compiler(context);
  auto module = kiln::parseGraphString(manyKernels(), context);
  if (!module) {
    ADD_FAILURE() << llvm::toString(module.takeError());
    return {};
  }
  if (llvm::Error error = compiler.lowerToLLVMDialect(**module, options)) {
    ADD_FAILURE() << llvm::toString(std::move(error));
    return {};
  }
  return std::move(*module);
}

/// The module as text.
std::string printed(mlir::ModuleOp module) {
  std::string text;
  llvm::raw_string_ostream out(text);
  module.print(out);
  return text;
}

/// MLIR lowers the kernels on the context's threads: a single-threaded
/// context is multithreaded for that stage (and single-threaded after it)
/// unless one thread is asked for, and the LLVM dialect is the same text.
TEST(ParallelCodegen, SameLoweringWhateverTheThreadCount) {
  mlir::MLIRContext serialContext(mlir::MLIRContext::Threading::DISABLED);
  kiln::CompileOptions serial;
  serial.compileThreads = 1;
  mlir::OwningOpRef<mlir::ModuleOp> one =
      lowerManyKernels(serialContext, serial);
  ASSERT_TRUE(one);

  mlir::MLIRContext context(mlir::MLIRContext::Threading::DISABLED);
  mlir::OwningOpRef<mlir::ModuleOp> many = lowerManyKernels(context);
  ASSERT_TRUE(many);
  EXPECT_FALSE(context.isMultithreadingEnabled());
  EXPECT_EQ(printed(*many), printed(*one));
}

TEST(ParallelCodegen, SameObjectsWhateverTheThreadCount) {
  mlir::MLIRContext context;
  mlir::OwningOpRef<mlir::ModuleOp> lowered = lowerManyKernels(context);
  ASSERT_TRUE(lowered);

  // Partitions of 100 instructions or more: the 80 kernels make the most
  // partitions there may be, plus the entry's.
  auto one = kiln::compileToObjects(*lowered, {}, 1, 100);
  ASSERT_TRUE(bool(one)) << llvm::toString(one.takeError());
  EXPECT_EQ(one->size(), kiln::kMaxCodegenPartitions + 1);
  for (unsigned threads : {2u, 5u}) {
    auto many = kiln::compileToObjects(*lowered, {}, threads, 100);
    ASSERT_TRUE(bool(many)) << llvm::toString(many.takeError());
    EXPECT_TRUE(*many == *one) << threads << " threads";
  }
}

TEST(ParallelCodegen, SmallModuleIsOneObject) {
  mlir::MLIRContext context;
  mlir::OwningOpRef<mlir::ModuleOp> lowered = lowerManyKernels(context);
  ASSERT_TRUE(lowered);
  auto objects = kiln::compileToObjects(*lowered, {}, 0, 1000000);
  ASSERT_TRUE(bool(objects)) << llvm::toString(objects.takeError());
  EXPECT_EQ(objects->size(), 1u);
}

/// For code that ships, the symbols the partitions share (the task
/// functions) take the given prefix and hidden visibility; nothing else
/// named after a kernel is global.
TEST(ParallelCodegen, SharedSymbolsArePrefixedAndHidden) {
  mlir::MLIRContext context;
  mlir::OwningOpRef<mlir::ModuleOp> lowered = lowerManyKernels(context);
  ASSERT_TRUE(lowered);
  auto machine = kiln::createTargetMachine({});
  ASSERT_TRUE(bool(machine)) << llvm::toString(machine.takeError());
  llvm::LLVMContext llvmContext;
  auto llvmModule = kiln::translateModule(*lowered, llvmContext, **machine);
  ASSERT_TRUE(bool(llvmModule)) << llvm::toString(llvmModule.takeError());
  auto objects = kiln::compileModuleToObjects(std::move(*llvmModule), **machine,
                                              {}, 2, 100, "model__");
  ASSERT_TRUE(bool(objects)) << llvm::toString(objects.takeError());
  ASSERT_EQ(objects->size(), kiln::kMaxCodegenPartitions + 1);

  int shared = 0;
  for (const std::string &bytes : *objects) {
    auto object = llvm::object::ObjectFile::createObjectFile(
        llvm::MemoryBufferRef(bytes, "partition"));
    ASSERT_TRUE(bool(object)) << llvm::toString(object.takeError());
    for (llvm::object::ELFSymbolRef symbol :
         llvm::cast<llvm::object::ELFObjectFileBase>(object->get())
             ->symbols()) {
      llvm::StringRef name = llvm::cantFail(symbol.getName());
      uint32_t flags = llvm::cantFail(symbol.getFlags());
      if (!name.contains("kernel_") ||
          !(flags & llvm::object::SymbolRef::SF_Global))
        continue;
      EXPECT_TRUE(name.starts_with("model__kernel_")) << name.str();
      EXPECT_EQ(symbol.getOther() & 3, llvm::ELF::STV_HIDDEN) << name.str();
      if (!(flags & llvm::object::SymbolRef::SF_Undefined))
        ++shared;
    }
  }
  // Each of the 80 kernels' task functions, defined once.
  EXPECT_EQ(shared, 80);
}

/// The 17 objects, linked together, compute what the interpreter does.
TEST(ParallelCodegen, LoadedObjectsComputeTheGraph) {
  mlir::MLIRContext context;
  kiln::Compiler compiler(context);
  auto module = kiln::parseGraphString(manyKernels(), context);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  kiln::CompileOptions options;
  options.minPartitionInstructions = 100;
  auto executable = compiler.compile(**module, options);
  ASSERT_TRUE(bool(executable)) << llvm::toString(executable.takeError());
  std::vector<kiln::HostTensor> inputs = {
      kiln::randomTensor(kiln::ElementType::F32, {8, 16}, 1, 0),
      kiln::randomTensor(kiln::ElementType::F32, {16, 16}, 2, 0)};
  auto actual = (*executable)->run(inputs);
  ASSERT_TRUE(bool(actual)) << llvm::toString(actual.takeError());
  auto entry = *(*module)->getOps<mlir::func::FuncOp>().begin();
  auto expected = kiln::interpretWithErrorBounds(entry, inputs);
  ASSERT_TRUE(bool(expected)) << llvm::toString(expected.takeError());
  EXPECT_EQ(kiln::testing::compareWithinBounds(
                (*actual)[0], expected->values[0], expected->errorBounds[0]),
            "");
}

} // namespace
