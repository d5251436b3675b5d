// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// One case per constraint of StableHLO's while, if and case.

// while_c1
func.func @while_c1_args(%x: tensor<i32>) -> tensor<i32> {
  // expected-error @+1 {{'hlo.while' op cond takes ('tensor<f32>') but must take ('tensor<i32>')}}
  %0 = "hlo.while"(%x) ({
  ^bb0(%a: tensor<f32>):
    %t = hlo.constant dense<true> : tensor<i1>
    hlo.return %t : tensor<i1>
  }, {
  ^bb0(%a: tensor<i32>):
    hlo.return %a : tensor<i32>
  }) : (tensor<i32>) -> tensor<i32>
  return %0 : tensor<i32>
}

// -----

// while_c1
func.func @while_c1_result(%x: tensor<i32>) -> tensor<i32> {
  // expected-error @+1 {{'hlo.while' op cond returns ('tensor<2xi1>') but must return ('tensor<i1>')}}
  %0 = hlo.while(%a = %x) : tensor<i32>
    cond {
    %t = hlo.constant dense<true> : tensor<2xi1>
    hlo.return %t : tensor<2xi1>
  } do {
    hlo.return %a : tensor<i32>
  }
  return %0 : tensor<i32>
}

// -----

// while_c2
func.func @while_c2(%x: tensor<i32>) -> tensor<i32> {
  // expected-error @+1 {{'hlo.while' op body returns ('tensor<i32>', 'tensor<i32>') but must return ('tensor<i32>')}}
  %0 = hlo.while(%a = %x) : tensor<i32>
    cond {
    %t = hlo.constant dense<true> : tensor<i1>
    hlo.return %t : tensor<i1>
  } do {
    hlo.return %a, %a : tensor<i32>, tensor<i32>
  }
  return %0 : tensor<i32>
}

// -----

// while_c3
func.func @while_c3(%x: tensor<i32>) -> tensor<i64> {
  // expected-error @+2 {{inferred type(s) 'tensor<i32>' are incompatible with return type(s) of operation 'tensor<i64>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.while"(%x) ({
  ^bb0(%a: tensor<i32>):
    %t = hlo.constant dense<true> : tensor<i1>
    hlo.return %t : tensor<i1>
  }, {
  ^bb0(%a: tensor<i32>):
    hlo.return %a : tensor<i32>
  }) : (tensor<i32>) -> tensor<i64>
  return %0 : tensor<i64>
}

// -----

func.func @while_types(%x: tensor<i32>) -> tensor<i32> {
  // expected-error @+1 {{expected 1 types, got 2}}
  %0 = hlo.while(%a = %x) : tensor<i32>, tensor<i32>
    cond {
    %t = hlo.constant dense<true> : tensor<i1>
    hlo.return %t : tensor<i1>
  } do {
    hlo.return %a : tensor<i32>
  }
  return %0 : tensor<i32>
}

// -----

// if_pred
func.func @if_pred(%p: tensor<2xi1>, %x: tensor<i32>) -> tensor<i32> {
  // expected-error @+1 {{'hlo.if' op pred must be a rank-0 tensor<i1>, not 'tensor<2xi1>'}}
  %0 = "hlo.if"(%p) ({
    hlo.return %x : tensor<i32>
  }, {
    hlo.return %x : tensor<i32>
  }) : (tensor<2xi1>) -> tensor<i32>
  return %0 : tensor<i32>
}

// -----

// if_c1
func.func @if_c1(%p: tensor<i1>, %x: tensor<i32>) -> tensor<i32> {
  // expected-error @+1 {{'hlo.if' op false_branch takes ('tensor<i32>') but must take ()}}
  %0 = "hlo.if"(%p) ({
    hlo.return %x : tensor<i32>
  }, {
  ^bb0(%a: tensor<i32>):
    hlo.return %a : tensor<i32>
  }) : (tensor<i1>) -> tensor<i32>
  return %0 : tensor<i32>
}

// -----

// if_c2
func.func @if_c2(%p: tensor<i1>, %x: tensor<i32>, %y: tensor<f32>) -> tensor<i32> {
  // expected-error @+1 {{'hlo.if' op false_branch returns ('tensor<f32>') but must return ('tensor<i32>')}}
  %0 = "hlo.if"(%p) ({
    hlo.return %x : tensor<i32>
  }, {
    hlo.return %y : tensor<f32>
  }) : (tensor<i1>) -> tensor<i32>
  return %0 : tensor<i32>
}

// -----

// if_c3
func.func @if_c3(%p: tensor<i1>, %x: tensor<i32>) -> tensor<i64> {
  // expected-error @+1 {{'hlo.if' op true_branch returns ('tensor<i32>') but must return ('tensor<i64>')}}
  %0 = "hlo.if"(%p) ({
    hlo.return %x : tensor<i32>
  }, {
    hlo.return %x : tensor<i32>
  }) : (tensor<i1>) -> tensor<i64>
  return %0 : tensor<i64>
}

// -----

// case_index
func.func @case_index(%i: tensor<2xi32>, %x: tensor<i32>) -> tensor<i32> {
  // expected-error @+1 {{'hlo.case' op index must be a rank-0 tensor<i32>, not 'tensor<2xi32>'}}
  %0 = "hlo.case"(%i) ({
    hlo.return %x : tensor<i32>
  }) : (tensor<2xi32>) -> tensor<i32>
  return %0 : tensor<i32>
}

// -----

// case_c1
func.func @case_c1(%i: tensor<i32>) {
  // expected-error @+1 {{'hlo.case' op expects at least one branch}}
  "hlo.case"(%i) : (tensor<i32>) -> ()
  return
}

// -----

// case_c2
func.func @case_c2(%i: tensor<i32>, %x: tensor<i32>) -> tensor<i32> {
  // expected-error @+1 {{'hlo.case' op branch 1 takes ('tensor<i32>') but must take ()}}
  %0 = "hlo.case"(%i) ({
    hlo.return %x : tensor<i32>
  }, {
  ^bb0(%a: tensor<i32>):
    hlo.return %a : tensor<i32>
  }) : (tensor<i32>) -> tensor<i32>
  return %0 : tensor<i32>
}

// -----

// case_c3
func.func @case_c3(%i: tensor<i32>, %x: tensor<i32>, %y: tensor<2xi32>) -> tensor<i32> {
  // expected-error @+1 {{'hlo.case' op branch 1 returns ('tensor<2xi32>') but must return ('tensor<i32>')}}
  %0 = "hlo.case"(%i) ({
    hlo.return %x : tensor<i32>
  }, {
    hlo.return %y : tensor<2xi32>
  }) : (tensor<i32>) -> tensor<i32>
  return %0 : tensor<i32>
}

// -----

// case_c4
func.func @case_c4(%i: tensor<i32>, %x: tensor<i32>) -> (tensor<i32>, tensor<i32>) {
  // expected-error @+1 {{'hlo.case' op branch 0 returns ('tensor<i32>') but must return ('tensor<i32>', 'tensor<i32>')}}
  %0:2 = "hlo.case"(%i) ({
    hlo.return %x : tensor<i32>
  }) : (tensor<i32>) -> (tensor<i32>, tensor<i32>)
  return %0#0, %0#1 : tensor<i32>, tensor<i32>
}
