// Greedy decoding as jax.export prints it: a while loop whose trip count
// the prompt's length decides; each step embeds the tokens (gather), attends
// under a causal mask (iota, compare, select) with a softmax, projects the
// last position to logits and appends their argmax (a variadic reduce)
// with dynamic_update_slice. The step is a private function the loop's
// body calls.
module @jit_generate attributes {jax.uses_shape_polymorphism = false, mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<16x8xf32> {mhlo.layout_mode = "default"}, %arg1: tensor<8x16xf32> {mhlo.layout_mode = "default"}, %arg2: tensor<8xi32> {mhlo.layout_mode = "default"}, %arg3: tensor<i32> {mhlo.layout_mode = "default"}) -> (tensor<8xi32> {jax.result_info = "[0]", mhlo.layout_mode = "default"}, tensor<16xf32> {jax.result_info = "[1]", mhlo.layout_mode = "default"}) {
    %cst = stablehlo.constant dense<0.000000e+00> : tensor<16xf32>
    %0:3 = stablehlo.while(%iterArg = %arg3, %iterArg_0 = %arg2, %iterArg_1 = %cst) : tensor<i32>, tensor<8xi32>, tensor<16xf32>
     cond {
      %c = stablehlo.constant dense<8> : tensor<i32>
      %1 = stablehlo.compare  LT, %iterArg, %c,  SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
      stablehlo.return %1 : tensor<i1>
    } do {
      %1:2 = func.call @step(%arg0, %arg1, %iterArg, %iterArg_0) : (tensor<16x8xf32>, tensor<8x16xf32>, tensor<i32>, tensor<8xi32>) -> (tensor<8xi32>, tensor<16xf32>)
      %c = stablehlo.constant dense<1> : tensor<i32>
      %2 = stablehlo.add %iterArg, %c : tensor<i32>
      stablehlo.return %2, %1#0, %1#1 : tensor<i32>, tensor<8xi32>, tensor<16xf32>
    }
    return %0#1, %0#2 : tensor<8xi32>, tensor<16xf32>
  }
  func.func private @step(%arg0: tensor<16x8xf32>, %arg1: tensor<8x16xf32>, %arg2: tensor<i32>, %arg3: tensor<8xi32>) -> (tensor<8xi32>, tensor<16xf32>) {
    %0 = stablehlo.broadcast_in_dim %arg3, dims = [0] : (tensor<8xi32>) -> tensor<8x1xi32>
    %1 = "stablehlo.gather"(%arg0, %0) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 8>}> : (tensor<16x8xf32>, tensor<8x1xi32>) -> tensor<8x8xf32>
    %2 = stablehlo.dot_general %1, %1, contracting_dims = [1] x [1], precision = [DEFAULT, DEFAULT] : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    %cst = stablehlo.constant dense<0.353553385> : tensor<f32>
    %3 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<8x8xf32>
    %4 = stablehlo.multiply %2, %3 : tensor<8x8xf32>
    %5 = stablehlo.iota dim = 0 : tensor<8x8xi32>
    %6 = stablehlo.iota dim = 1 : tensor<8x8xi32>
    %7 = stablehlo.compare  GE, %5, %6,  SIGNED : (tensor<8x8xi32>, tensor<8x8xi32>) -> tensor<8x8xi1>
    %8 = stablehlo.broadcast_in_dim %arg2, dims = [] : (tensor<i32>) -> tensor<8x8xi32>
    %9 = stablehlo.compare  LT, %6, %8,  SIGNED : (tensor<8x8xi32>, tensor<8x8xi32>) -> tensor<8x8xi1>
    %10 = stablehlo.and %7, %9 : tensor<8x8xi1>
    %cst_0 = stablehlo.constant dense<0xFF800000> : tensor<f32>
    %11 = stablehlo.broadcast_in_dim %cst_0, dims = [] : (tensor<f32>) -> tensor<8x8xf32>
    %12 = stablehlo.select %10, %4, %11 : tensor<8x8xi1>, tensor<8x8xf32>
    %13 = stablehlo.reduce(%12 init: %cst_0) applies stablehlo.maximum across dimensions = [1] : (tensor<8x8xf32>, tensor<f32>) -> tensor<8xf32>
    %14 = stablehlo.broadcast_in_dim %13, dims = [0] : (tensor<8xf32>) -> tensor<8x8xf32>
    %15 = stablehlo.subtract %12, %14 : tensor<8x8xf32>
    %16 = stablehlo.exponential %15 : tensor<8x8xf32>
    %cst_1 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %17 = stablehlo.reduce(%16 init: %cst_1) applies stablehlo.add across dimensions = [1] : (tensor<8x8xf32>, tensor<f32>) -> tensor<8xf32>
    %18 = stablehlo.broadcast_in_dim %17, dims = [0] : (tensor<8xf32>) -> tensor<8x8xf32>
    %19 = stablehlo.divide %16, %18 : tensor<8x8xf32>
    %20 = stablehlo.dot_general %19, %1, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    %c = stablehlo.constant dense<1> : tensor<i32>
    %21 = stablehlo.subtract %arg2, %c : tensor<i32>
    %c_2 = stablehlo.constant dense<0> : tensor<i32>
    %22 = stablehlo.dynamic_slice %20, %21, %c_2, sizes = [1, 8] : (tensor<8x8xf32>, tensor<i32>, tensor<i32>) -> tensor<1x8xf32>
    %23 = stablehlo.dot_general %22, %arg1, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<1x8xf32>, tensor<8x16xf32>) -> tensor<1x16xf32>
    %24 = stablehlo.iota dim = 1 : tensor<1x16xi32>
    %25:2 = stablehlo.reduce(%23 init: %cst_0), (%24 init: %c_2) across dimensions = [1] : (tensor<1x16xf32>, tensor<1x16xi32>, tensor<f32>, tensor<i32>) -> (tensor<1xf32>, tensor<1xi32>)
     reducer(%arg4: tensor<f32>, %arg6: tensor<f32>) (%arg5: tensor<i32>, %arg7: tensor<i32>)  {
      %30 = stablehlo.compare  GT, %arg4, %arg6,  FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %31 = stablehlo.compare  NE, %arg4, %arg4,  FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %32 = stablehlo.or %30, %31 : tensor<i1>
      %33 = stablehlo.compare  EQ, %arg4, %arg6,  FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %34 = stablehlo.compare  LT, %arg5, %arg7,  SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
      %35 = stablehlo.and %33, %34 : tensor<i1>
      %36 = stablehlo.or %32, %35 : tensor<i1>
      %37 = stablehlo.select %36, %arg4, %arg6 : tensor<i1>, tensor<f32>
      %38 = stablehlo.select %36, %arg5, %arg7 : tensor<i1>, tensor<i32>
      stablehlo.return %37, %38 : tensor<f32>, tensor<i32>
    }
    %26 = stablehlo.reshape %25#1 : (tensor<1xi32>) -> tensor<1xi32>
    %27 = stablehlo.dynamic_update_slice %arg3, %26, %arg2 : (tensor<8xi32>, tensor<1xi32>, tensor<i32>) -> tensor<8xi32>
    %28 = stablehlo.reshape %23 : (tensor<1x16xf32>) -> tensor<16xf32>
    return %27, %28 : tensor<8xi32>, tensor<16xf32>
  }
}
