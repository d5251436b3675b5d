//===- BooleanHexDataTest.cpp - i1 hex data re-encoded for MLIR 19 -------===//

#include "compiler/frontends/mlir/BooleanHexData.h"

#include <gtest/gtest.h>

using kiln::packByteBooleans;

TEST(BooleanHexDataTest, PacksOneBytePerElementLowBitFirst) {
  // Elements 0, 2, 3, 4 and 9 are true: byte 0 = 0b00011101, byte 1 = 0b10.
  std::optional<std::string> text =
      packByteBooleans(R"(dense<"0x01000101010000000001"> : tensor<10xi1> %1)");
  ASSERT_TRUE(text);
  // 16 spaces keep " %1" at its column.
  EXPECT_EQ(*text,
            "dense<\"0x1D02\"" + std::string(16, ' ') + "> : tensor<10xi1> %1");
}

TEST(BooleanHexDataTest, ReadsTheTypeAcrossSpacesAndShapes) {
  std::optional<std::string> text =
      packByteBooleans("dense<\"0x00010100\">  :\n tensor<2x2xi1>");
  ASSERT_TRUE(text);
  EXPECT_EQ(*text,
            "dense<\"0x06\"" + std::string(6, ' ') + ">  :\n tensor<2x2xi1>");
}

TEST(BooleanHexDataTest, LeavesEverythingElseForTheParser) {
  // Packed already (one byte for 8 elements), another element type, a byte
  // other than 00 or 01, a size that is not a byte per element, a dynamic
  // type, a single element (the same in both encodings), no type at all.
  for (const char *text : {
           R"(dense<"0x0F"> : tensor<8xi1>)",
           R"(dense<"0x0100"> : tensor<2xi8>)",
           R"(dense<"0x0102"> : tensor<2xi1>)",
           R"(dense<"0x010001"> : tensor<2xi1>)",
           R"(dense<"0x0100"> : tensor<?xi1>)",
           R"(dense<"0x01"> : tensor<1xi1>)",
           R"(dense<"0x0100">)",
           R"(dense<"0x0100)",
       })
    EXPECT_FALSE(packByteBooleans(text)) << text;
}
