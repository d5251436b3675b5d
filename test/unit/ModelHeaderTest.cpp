//===- ModelHeaderTest.cpp - The C header of a compiled model -------------===//
//
// modelHeader's text for signatures whose names are not C identifiers:
// every name becomes a distinct parameter, and no name can end a comment.
// test/lit/deploy/ compiles real headers with a C compiler.
//
//===----------------------------------------------------------------------===//

#include "compiler/ModelLibrary.h"

#include "gtest/gtest.h"

namespace {

kiln::TensorSpec f32(std::vector<int64_t> shape, std::string name) {
  return {kiln::ElementType::F32, std::move(shape), std::move(name)};
}

TEST(ModelHeaderTest, NamesBecomeDistinctCIdentifiers) {
  kiln::CompiledGraph graph;
  graph.inputs = {f32({2}, "input:0"), f32({2}, "input/0"), f32({}, "int"),
                  f32({3}, "1st"), f32({1}, "model")};
  graph.outputs = {{kiln::ElementType::I1, {4}, "is*/valid"}};
  graph.target = "x86-64-v3";
  std::string header = kiln::modelHeader(graph, {"net", "g.onnx"});
  EXPECT_NE(header.find("int32_t net_run(kiln_model *model,\n"
                        "    const float *input_0,\n"
                        "    const float *input_0_2,\n"
                        "    const float *int_,\n"
                        "    const float *_1st,\n"
                        "    const float *model_,\n"
                        "    uint8_t *is__valid);"),
            std::string::npos)
      << header;
  EXPECT_NE(header.find("/* Output 0, 'is* /valid': i1[4] */"),
            std::string::npos)
      << header;
  EXPECT_NE(header.find("/* Input 2, 'int': f32[] */\n"
                        "#define NET_INT__TYPE KILN_F32\n"
                        "#define NET_INT__RANK 0\n"
                        "#define NET_INT__ELEMENTS 1\n"),
            std::string::npos)
      << header;
}

TEST(ModelHeaderTest, ModelNamesStayClearOfTheRuntime) {
  EXPECT_EQ(kiln::modelNameFrom("resnet-18"), "resnet_18");
  EXPECT_EQ(kiln::modelNameFrom("3net"), "_3net");
  EXPECT_EQ(kiln::modelNameFrom("kiln_model"), "model_kiln_model");
  EXPECT_EQ(kiln::whyNotModelName("net_2"), "");
  EXPECT_NE(kiln::whyNotModelName("kiln_model"), "");
  EXPECT_NE(kiln::whyNotModelName("2net"), "");
  EXPECT_NE(kiln::whyNotModelName("a-b"), "");
}

} // namespace
