// RUN: kiln-opt %s --split-input-file --kiln-pad-windows | FileCheck %s

// A padded NCHW convolution whose stride along the row is past what the
// tiled kernel's masked loads read (hlo::kMaxMaskedPatchStride) reads an
// explicit pad of its input (zeros on the spatial dims only) and pads
// nothing itself.
// CHECK-LABEL: func.func @main
// CHECK: %[[ZERO:.*]] = hlo.constant dense<0.000000e+00> : tensor<f32>
// CHECK: %[[P:.*]] = hlo.pad %{{.*}}, %[[ZERO]], low = [0, 0, 1, 2], high = [0, 0, 1, 2], interior = [0, 0, 0, 0] : (tensor<1x3x8x8xf32>, tensor<f32>) -> tensor<1x3x10x12xf32>
// CHECK: hlo.convolution(%[[P]], %{{.*}}) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 3]}
// CHECK-SAME: -> tensor<1x4x8x4xf32>
func.func @main(%x: tensor<1x3x8x8xf32>, %k: tensor<4x3x3x3xf32>) -> tensor<1x4x8x4xf32> {
  %0 = hlo.convolution(%x, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 3], pad = [[1, 1], [2, 2]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x4xf32>
  return %0 : tensor<1x4x8x4xf32>
}

// -----

// Channels last: the pad is on the middle dims.
// CHECK-LABEL: func.func @main
// CHECK: hlo.pad %{{.*}}, %{{.*}}, low = [0, 1, 1, 0], high = [0, 1, 1, 0], interior = [0, 0, 0, 0]
func.func @main(%x: tensor<1x5x5x2xf32>, %k: tensor<3x3x2x4xf32>) -> tensor<1x5x5x4xf32> {
  %0 = hlo.convolution(%x, %k) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x5x5x2xf32>, tensor<3x3x2x4xf32>) -> tensor<1x5x5x4xf32>
  return %0 : tensor<1x5x5x4xf32>
}

// -----

// Channels last with 16 input features or more and HWIO weights, the tiled
// kernel leaves the padding out tap by tap (hlo::isMaskedTapConvolution):
// it keeps it. Not where its output features would leave more than a
// quarter of 16 lanes idle (20 in two vectors), nor where the kernel puts
// its input features before its taps (IOHW: k runs over taps innermost).
// CHECK-LABEL: func.func @masked_taps
// CHECK-NOT: hlo.pad
// CHECK: hlo.convolution(%arg0, %arg1) {{.*}} pad = {{\[\[}}1, 1], [1, 1]]
// CHECK: %[[P:.*]] = hlo.pad %arg0
// CHECK: hlo.convolution(%[[P]], %arg2)
// CHECK: %[[Q:.*]] = hlo.pad %arg0
// CHECK: hlo.convolution(%[[Q]], %arg3)
func.func @masked_taps(%x: tensor<1x5x5x16xf32>, %k: tensor<3x3x16x32xf32>, %narrow: tensor<3x3x16x20xf32>, %iohw: tensor<16x32x3x3xf32>) -> (tensor<1x5x5x32xf32>, tensor<1x5x5x20xf32>, tensor<1x5x5x32xf32>) {
  %0 = hlo.convolution(%x, %k) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x5x5x16xf32>, tensor<3x3x16x32xf32>) -> tensor<1x5x5x32xf32>
  %1 = hlo.convolution(%x, %narrow) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x5x5x16xf32>, tensor<3x3x16x20xf32>) -> tensor<1x5x5x20xf32>
  %2 = hlo.convolution(%x, %iohw) dim_numbers = [b, 0, 1, f]x[i, o, 0, 1]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x5x5x16xf32>, tensor<16x32x3x3xf32>) -> tensor<1x5x5x32xf32>
  return %0, %1, %2 : tensor<1x5x5x32xf32>, tensor<1x5x5x20xf32>, tensor<1x5x5x32xf32>
}

// -----

// A grouped convolution on NCHW images that the depthwise row kernel does
// not compute (two input features per group) and an integer one are
// padded too.
// CHECK-LABEL: func.func @main
// CHECK: %[[P:.*]] = hlo.pad %{{.*}}, %{{.*}}, low = [0, 0, 1, 1], high = [0, 0, 1, 1], interior = [0, 0, 0, 0] : (tensor<1x4x5x5xf32>, tensor<f32>) -> tensor<1x4x7x7xf32>
// CHECK: hlo.convolution(%[[P]], %{{.*}}) {{.*}} window = {stride = [1, 1]} {{.*}}feature_group_count = 2
// CHECK: %[[Z:.*]] = hlo.constant dense<0> : tensor<i32>
// CHECK: %[[IP:.*]] = hlo.pad %{{.*}}, %[[Z]], low = [0, 0, 1, 1]
// CHECK: hlo.convolution(%[[IP]], %{{.*}}) {{.*}} window = {stride = [1, 1]}
func.func @main(%x: tensor<1x4x5x5xf32>, %k: tensor<2x2x3x3xf32>, %i: tensor<1x1x5x5xi32>, %ik: tensor<1x1x3x3xi32>) -> (tensor<1x2x5x5xf32>, tensor<1x1x5x5xi32>) {
  %0 = hlo.convolution(%x, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x4x5x5xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x5x5xf32>
  %1 = hlo.convolution(%i, %ik) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x1x5x5xi32>, tensor<1x1x3x3xi32>) -> tensor<1x1x5x5xi32>
  return %0, %1 : tensor<1x2x5x5xf32>, tensor<1x1x5x5xi32>
}

// -----

// Grouped with 4 input features per group (hlo::isGroupedMatrixConvolution),
// the tiled kernel's products per image and group: on NCHW images with 8
// output features a group (hlo::kMinMaskedGroupFeatures) it reads the
// padding under masks (hlo::isMaskedPatchConvolution) and is left alone,
// at stride 1 and 2; with 3 a group, or channels last, it reads an
// explicit pad (the elemental kernel's own checks are for fewer input
// features a group).
// CHECK-LABEL: func.func @main
// CHECK-NOT: hlo.pad
// CHECK: hlo.convolution(%arg0, %{{.*}}) {{.*}} pad = {{\[}}[1, 1], [1, 1]]
// CHECK-NOT: hlo.pad
// CHECK: hlo.convolution(%arg0, %{{.*}}) {{.*}} pad = {{\[}}[0, 1], [1, 1]]
// CHECK: %[[P:.*]] = hlo.pad %arg0, %{{.*}}, low = [0, 0, 1, 1], high = [0, 0, 1, 1]
// CHECK: hlo.convolution(%[[P]], %{{.*}}) {{.*}} window = {stride = [1, 1]}
// CHECK: %[[Q:.*]] = hlo.pad %arg3, %{{.*}}, low = [0, 1, 1, 0], high = [0, 1, 1, 0]
// CHECK: hlo.convolution(%[[Q]], %{{.*}}) {{.*}} window = {stride = [1, 1]}
func.func @main(%x: tensor<1x8x5x5xf32>, %k: tensor<16x4x3x3xf32>, %few: tensor<6x4x3x3xf32>, %y: tensor<1x5x5x8xf32>, %h: tensor<3x3x4x16xf32>) -> (tensor<1x16x5x5xf32>, tensor<1x16x2x3xf32>, tensor<1x6x5x5xf32>, tensor<1x5x5x16xf32>) {
  %0 = hlo.convolution(%x, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x8x5x5xf32>, tensor<16x4x3x3xf32>) -> tensor<1x16x5x5xf32>
  %1 = hlo.convolution(%x, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2], pad = [[0, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x8x5x5xf32>, tensor<16x4x3x3xf32>) -> tensor<1x16x2x3xf32>
  %2 = hlo.convolution(%x, %few) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x8x5x5xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x5x5xf32>
  %3 = hlo.convolution(%y, %h) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x5x5x8xf32>, tensor<3x3x4x16xf32>) -> tensor<1x5x5x16xf32>
  return %0, %1, %2, %3 : tensor<1x16x5x5xf32>, tensor<1x16x2x3xf32>, tensor<1x6x5x5xf32>, tensor<1x5x5x16xf32>
}

// -----

// Left alone: grouped convolutions with their features innermost (NHWC,
// depthwise in JAX's layout), whose elemental kernel checks its taps only
// at the positions whose window reaches past the input, with the features
// sharing each check; a pad would copy the input once more wherever its
// producer is not a loop fusion.
// CHECK-LABEL: func.func @main
// CHECK-NOT: hlo.pad
// CHECK: pad = {{\[}}[1, 1], [1, 1]]
// CHECK: pad = {{\[}}[0, 1], [1, 1]]
func.func @main(%x: tensor<1x5x5x2xf32>, %k: tensor<3x3x1x2xf32>, %g: tensor<3x3x1x4xf32>) -> (tensor<1x5x5x2xf32>, tensor<1x2x3x4xf32>) {
  %0 = hlo.convolution(%x, %k) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x5x5x2xf32>, tensor<3x3x1x2xf32>) -> tensor<1x5x5x2xf32>
  %1 = hlo.convolution(%x, %g) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [2, 2], pad = [[0, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x5x5x2xf32>, tensor<3x3x1x4xf32>) -> tensor<1x2x3x4xf32>
  return %0, %1 : tensor<1x5x5x2xf32>, tensor<1x2x3x4xf32>
}

// -----

// Left alone: a depthwise convolution on NCHW images, whose row kernel
// reads the padding itself (hlo::isRowDepthwiseConvolution), at width
// stride 1 and 2.
// CHECK-LABEL: func.func @main
// CHECK-NOT: hlo.pad
// CHECK: pad = {{\[}}[1, 1], [1, 1]]
// CHECK: pad = {{\[}}[0, 1], [2, 0]]
func.func @main(%x: tensor<1x2x5x5xf32>, %k: tensor<2x1x3x3xf32>) -> (tensor<1x2x5x5xf32>, tensor<1x2x2x3xf32>) {
  %0 = hlo.convolution(%x, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x2x5x5xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x5x5xf32>
  %1 = hlo.convolution(%x, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2], pad = [[0, 1], [2, 0]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x2x5x5xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x2x3xf32>
  return %0, %1 : tensor<1x2x5x5xf32>, tensor<1x2x2x3xf32>
}

// -----

// Left alone: padded convolutions whose tiled kernel reads the padding
// itself (hlo::isMaskedPatchConvolution): NCHW with an output as wide as
// its input, one spatial dim, an output narrower than its input, and a
// 7x7 stride 2 (rows across, and along the row) whose 64 output features
// move more elements than its patches hold.
// CHECK-LABEL: func.func @masked_patches
// CHECK-NOT: hlo.pad
// CHECK: pad = {{\[}}[1, 1], [1, 1]]
// CHECK: pad = {{\[}}[2, 0]]
// CHECK: pad = {{\[}}[1, 1], [0, 0]]
// CHECK: window = {stride = [2, 2], pad = {{\[}}[3, 3], [3, 3]]}
func.func @masked_patches(%x: tensor<1x2x5x5xf32>, %k: tensor<3x2x3x3xf32>, %s: tensor<2x3x9xf32>, %sk: tensor<4x3x3xf32>, %i: tensor<1x3x16x16xf32>, %ik: tensor<64x3x7x7xf32>) -> (tensor<1x3x5x5xf32>, tensor<2x4x9xf32>, tensor<1x3x5x3xf32>, tensor<1x64x8x8xf32>) {
  %0 = hlo.convolution(%x, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x2x5x5xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x5x5xf32>
  %1 = hlo.convolution(%s, %sk) dim_numbers = [b, f, 0]x[o, i, 0]->[b, f, 0], window = {stride = [1], pad = [[2, 0]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<2x3x9xf32>, tensor<4x3x3xf32>) -> tensor<2x4x9xf32>
  %2 = hlo.convolution(%x, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [0, 0]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x2x5x5xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x5x3xf32>
  %3 = hlo.convolution(%i, %ik) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2], pad = [[3, 3], [3, 3]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x3x16x16xf32>, tensor<64x3x7x7xf32>) -> tensor<1x64x8x8xf32>
  return %0, %1, %2, %3 : tensor<1x3x5x5xf32>, tensor<2x4x9xf32>, tensor<1x3x5x3xf32>, tensor<1x64x8x8xf32>
}

// -----

// Padded: the same 7x7 stride 2 to 8 output features, as ResNet's stem to
// its 64. Its patches, 147 x 64 elements, are 3 times what feature
// columns move (8 x 64 outputs, 147 x 8 weights, 3 x 22 x 22 padded
// inputs): it reads its padded input in place. At unit strides, with as
// many more, the padding stays (skippedTapGroup leaves its products out).
// CHECK-LABEL: func.func @many_patch_elements
// CHECK: %[[PADDED:.*]] = hlo.pad %arg0, %{{.*}}, low = [0, 0, 3, 3], high = [0, 0, 3, 3]
// CHECK: hlo.convolution(%[[PADDED]], %arg1) {{.*}} window = {stride = [2, 2]}
// CHECK-NOT: hlo.pad
// CHECK: window = {stride = [1, 1], pad = {{\[}}[1, 1], [1, 1]]}
func.func @many_patch_elements(%i: tensor<1x3x16x16xf32>, %ik: tensor<8x3x7x7xf32>, %x: tensor<1x64x8x8xf32>, %k: tensor<8x64x3x3xf32>) -> (tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>) {
  %0 = hlo.convolution(%i, %ik) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2], pad = [[3, 3], [3, 3]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x3x16x16xf32>, tensor<8x3x7x7xf32>) -> tensor<1x8x8x8xf32>
  %1 = hlo.convolution(%x, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x64x8x8xf32>, tensor<8x64x3x3xf32>) -> tensor<1x8x8x8xf32>
  return %0, %1 : tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>
}

// -----

// Segmented reads keep a mask per tap along the row: at most 64 of them
// (hlo::kMaxSegmentedRowTaps). A stride-2 row of 64 taps reads its padding
// itself; one of 65 is padded. (64 output features: with few, the patches
// would be many more elements than the outputs, and padded.)
// CHECK-LABEL: func.func @row_taps
// CHECK-NOT: hlo.pad %arg0
// CHECK: window = {stride = [2], pad = {{\[}}[32, 32]]}
// CHECK: hlo.pad %arg2, %{{.*}}, low = [0, 0, 32]
// CHECK: window = {stride = [2]}
func.func @row_taps(%x: tensor<1x2x100xf32>, %k: tensor<64x2x64xf32>, %y: tensor<1x2x100xf32>, %l: tensor<64x2x65xf32>) -> (tensor<1x64x51xf32>, tensor<1x64x50xf32>) {
  %0 = hlo.convolution(%x, %k) dim_numbers = [b, f, 0]x[o, i, 0]->[b, f, 0], window = {stride = [2], pad = [[32, 32]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x2x100xf32>, tensor<64x2x64xf32>) -> tensor<1x64x51xf32>
  %1 = hlo.convolution(%y, %l) dim_numbers = [b, f, 0]x[o, i, 0]->[b, f, 0], window = {stride = [2], pad = [[32, 32]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x2x100xf32>, tensor<64x2x65xf32>) -> tensor<1x64x50xf32>
  return %0, %1 : tensor<1x64x51xf32>, tensor<1x64x50xf32>
}

// -----

// Left alone: a negative padding (a crop) and an input-dilated convolution.
// CHECK-LABEL: func.func @main
// CHECK-NOT: hlo.pad
// CHECK: pad = {{\[}}[-1, 0], [0, 0]]
// CHECK: pad = {{\[}}[1, 1], [1, 1]], lhs_dilate = [2, 2]
func.func @main(%y: tensor<1x1x5x5xf32>, %j: tensor<1x1x1x1xf32>, %d: tensor<1x1x3x3xf32>, %dk: tensor<1x1x3x3xf32>) -> (tensor<1x1x4x5xf32>, tensor<1x1x5x5xf32>) {
  %0 = hlo.convolution(%y, %j) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[-1, 0], [0, 0]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x1x5x5xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x4x5xf32>
  %1 = hlo.convolution(%d, %dk) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]], lhs_dilate = [2, 2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x5x5xf32>
  return %0, %1 : tensor<1x1x4x5xf32>, tensor<1x1x5x5xf32>
}

// -----

// An NHWC max pool keeps its padding: the window leaves the last dim alone,
// so its elemental kernel checks its taps only at the positions whose
// window reaches past the input, all the features of a position sharing
// the check, without a padded copy of its input.
// CHECK-LABEL: func.func @max_pool_nhwc
// CHECK-NOT: hlo.pad
// CHECK: "hlo.reduce_window"(%arg0,
// CHECK-SAME: padding = dense<{{\[}}[0, 0], [1, 1], [1, 1], [0, 0]]>
func.func @max_pool_nhwc(%x: tensor<1x8x8x2xf32>) -> tensor<1x4x4x2xf32> {
  %init = hlo.constant dense<0xFF800000> : tensor<f32>
  %0 = "hlo.reduce_window"(%x, %init) <{window_dimensions = array<i64: 1, 3, 3, 1>, window_strides = array<i64: 1, 2, 2, 1>, padding = dense<[[0, 0], [1, 1], [1, 1], [0, 0]]> : tensor<4x2xi64>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %m = hlo.maximum %a, %b : tensor<f32>
    hlo.return %m : tensor<f32>
  }) : (tensor<1x8x8x2xf32>, tensor<f32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

// An NCHW max pool keeps its padding: its row kernel reads it under masks
// (hlo::isRowPoolingWindow), without a padded copy of its input.
// CHECK-LABEL: func.func @max_pool_nchw
// CHECK-NOT: hlo.pad
// CHECK: "hlo.reduce_window"(%arg0,
// CHECK-SAME: padding = dense<{{\[}}[0, 0], [0, 0], [1, 1], [1, 1]]>
func.func @max_pool_nchw(%x: tensor<1x2x8x8xf32>) -> tensor<1x2x4x4xf32> {
  %init = hlo.constant dense<0xFF800000> : tensor<f32>
  %0 = "hlo.reduce_window"(%x, %init) <{window_dimensions = array<i64: 1, 1, 3, 3>, window_strides = array<i64: 1, 1, 2, 2>, padding = dense<[[0, 0], [0, 0], [1, 1], [1, 1]]> : tensor<4x2xi64>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %m = hlo.maximum %a, %b : tensor<f32>
    hlo.return %m : tensor<f32>
  }) : (tensor<1x2x8x8xf32>, tensor<f32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}

// -----

// Base dilation pads the dilated input: left to the reduce_window.
// CHECK-LABEL: func.func @dilated
// CHECK-NOT: hlo.pad
// CHECK: padding = dense
func.func @dilated(%x: tensor<4xf32>) -> tensor<8xf32> {
  %init = hlo.constant dense<0.0> : tensor<f32>
  %0 = "hlo.reduce_window"(%x, %init) <{window_dimensions = array<i64: 2>, base_dilations = array<i64: 2>, padding = dense<[[1, 1]]> : tensor<1x2xi64>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = hlo.add %a, %b : tensor<f32>
    hlo.return %s : tensor<f32>
  }) : (tensor<4xf32>, tensor<f32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// Non-overlapping NCHW windows (2x2, stride 2) may fuse their producers, so
// the row kernel may not find the input in memory: they read it padded.
// CHECK-LABEL: func.func @max_pool_2x2
// CHECK: %[[P:.*]] = hlo.pad %arg0
// CHECK: "hlo.reduce_window"(%[[P]],
// CHECK-NOT: padding
func.func @max_pool_2x2(%x: tensor<1x2x7x7xf32>) -> tensor<1x2x4x4xf32> {
  %init = hlo.constant dense<0xFF800000> : tensor<f32>
  %0 = "hlo.reduce_window"(%x, %init) <{window_dimensions = array<i64: 1, 1, 2, 2>, window_strides = array<i64: 1, 1, 2, 2>, padding = dense<[[0, 0], [0, 0], [0, 1], [0, 1]]> : tensor<4x2xi64>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %m = hlo.maximum %a, %b : tensor<f32>
    hlo.return %m : tensor<f32>
  }) : (tensor<1x2x7x7xf32>, tensor<f32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}
