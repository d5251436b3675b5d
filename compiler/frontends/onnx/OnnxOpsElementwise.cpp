//===- OnnxOpsElementwise.cpp - ONNX's elementwise ops as hlo -------------===//
//
// Unary math, NumPy-broadcasting binary ops, comparisons and logic, and the
// activations ONNX defines as ops (LeakyRelu, HardSwish, Clip, ...), each
// composed from hlo's elementwise ops so that fusion sees through them.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontends/onnx/OnnxGraph.h"
#include "compiler/frontends/onnx/OnnxTensor.h"

#include <limits>

using llvm::Expected;

namespace kiln::onnx_import {

namespace {

using Cmp = hlo::ComparisonDirection;

/// A scalar of x's element type.
Expected<GraphValue> scalarLike(OnnxNode &node, GraphValue x, double value) {
  return node.builder().constant(value, x.elementType());
}

template <Expected<GraphValue> (GraphBuilder::*Method)(GraphValue)>
llvm::Error unary(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  return node.setOutput(0, (node.builder().*Method)(x));
}

/// The second operand of a binary op, with the broadcast of opsets before
/// 7: with broadcast=1 its dimensions line up with the first operand's from
/// `axis` on (by default, the trailing ones), not NumPy-style.
Expected<GraphValue> secondOperand(OnnxNode &node, GraphValue lhs) {
  ONNX_ASSIGN_OR_RETURN(rhs, node.input(1));
  if (node.opset() >= 7)
    return rhs;
  bool legacy = node.intAttr("broadcast", 0) != 0;
  int64_t axis = node.intAttr("axis", lhs.rank() - rhs.rank());
  if (!legacy || rhs.rank() >= lhs.rank())
    return rhs;
  if (axis < 0)
    axis += lhs.rank();
  if (axis < 0 || axis + rhs.rank() > lhs.rank())
    return node.error("axis " + llvm::Twine(axis) +
                      " does not fit the second operand's rank");
  llvm::SmallVector<int64_t> shape(axis, 1);
  shape.append(rhs.shape().begin(), rhs.shape().end());
  shape.append(lhs.rank() - axis - rhs.rank(), 1);
  return node.builder().reshape(rhs, shape);
}

template <Expected<GraphValue> (GraphBuilder::*Method)(GraphValue, GraphValue)>
llvm::Error binary(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(lhs, node.input(0));
  ONNX_ASSIGN_OR_RETURN(rhs, secondOperand(node, lhs));
  return node.setOutput(0, (node.builder().*Method)(lhs, rhs));
}

/// The op applied across all of the node's inputs, left to right.
template <Expected<GraphValue> (GraphBuilder::*Method)(GraphValue, GraphValue)>
Expected<GraphValue> acrossInputs(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(result, node.input(0));
  for (int i = 1; i < node.inputCount(); ++i) {
    ONNX_ASSIGN_OR_RETURN(next, node.input(i));
    ONNX_ASSIGN_OR_RETURN(combined, (node.builder().*Method)(result, next));
    result = combined;
  }
  return result;
}

/// Min, Max, Sum.
template <Expected<GraphValue> (GraphBuilder::*Method)(GraphValue, GraphValue)>
llvm::Error variadic(OnnxNode &node) {
  return node.setOutput(0, acrossInputs<Method>(node));
}

template <Cmp direction> llvm::Error comparison(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(lhs, node.input(0));
  ONNX_ASSIGN_OR_RETURN(rhs, node.input(1));
  return node.setOutput(0, node.builder().compare(direction, lhs, rhs));
}

llvm::Error mean(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(sum, acrossInputs<&GraphBuilder::add>(node));
  ONNX_ASSIGN_OR_RETURN(count, scalarLike(node, sum, node.inputCount()));
  return node.setOutput(0, node.builder().divide(sum, count));
}

llvm::Error identity(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  return node.setOutput(0, x);
}

llvm::Error dropout(OnnxNode &node) {
  // Inference: the identity; the mask, when asked for, keeps everything.
  node.intAttr("seed", 0);
  if (node.opset() < 12)
    node.floatAttr("ratio", 0.5f);
  if (node.opset() < 7)
    node.intAttr("is_test", 0);
  if (node.hasInput(2)) {
    Expected<const HostTensor *> training = node.knownInput(2, "training_mode");
    if (!training)
      return training.takeError();
    if ((*training)->getAsInt(0) != 0)
      return node.error("training mode (training_mode true) is not "
                        "supported; Kiln compiles inference graphs");
  }
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  if (node.hasOutput(1)) {
    GraphBuilder &b = node.builder();
    if (llvm::Error error = node.setOutput(
            1, b.constant(1.0, mlir::IntegerType::get(&b.getContext(), 1),
                          x.shape())))
      return error;
  }
  return node.setOutput(0, x);
}

llvm::Error reciprocal(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  ONNX_ASSIGN_OR_RETURN(one, scalarLike(node, x, 1.0));
  return node.setOutput(0, node.builder().divide(one, x));
}

llvm::Error power(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(base, node.input(0));
  ONNX_ASSIGN_OR_RETURN(exponent, node.input(1));
  // ONNX lets the exponent's type differ from the base's.
  if (exponent.elementType() != base.elementType()) {
    ONNX_ASSIGN_OR_RETURN(converted,
                          node.builder().convert(exponent, base.elementType()));
    exponent = converted;
  }
  return node.setOutput(0, node.builder().power(base, exponent));
}

/// Mod: with fmod = 1, C's fmod (the sign of the dividend: hlo.remainder);
/// by default, which only integers allow, Python's % (the sign of the
/// divisor): a nonzero remainder whose sign differs from the divisor's
/// moves by one divisor.
llvm::Error mod(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(lhs, node.input(0));
  ONNX_ASSIGN_OR_RETURN(rhs, node.input(1));
  bool isFloat = mlir::isa<mlir::FloatType>(lhs.elementType());
  bool cStyle = node.intAttr("fmod", 0) != 0;
  if (isFloat && !cStyle)
    return node.error("fmod must be 1 for floats");
  ONNX_ASSIGN_OR_RETURN(remainder, b.remainder(lhs, rhs));
  if (cStyle || lhs.elementType().isUnsignedInteger())
    return node.setOutput(0, remainder);
  ONNX_ASSIGN_OR_RETURN(zero, scalarLike(node, lhs, 0.0));
  ONNX_ASSIGN_OR_RETURN(nonzero, b.compare(Cmp::NE, remainder, zero));
  ONNX_ASSIGN_OR_RETURN(remainderNegative,
                        b.compare(Cmp::LT, remainder, zero));
  ONNX_ASSIGN_OR_RETURN(divisorNegative, b.compare(Cmp::LT, rhs, zero));
  ONNX_ASSIGN_OR_RETURN(signsDiffer,
                        b.bitwiseXor(remainderNegative, divisorNegative));
  ONNX_ASSIGN_OR_RETURN(moves, b.bitwiseAnd(nonzero, signsDiffer));
  ONNX_ASSIGN_OR_RETURN(moved, b.add(remainder, rhs));
  return node.setOutput(0, b.select(moves, moved, remainder));
}

llvm::Error logicalNot(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  ONNX_ASSIGN_OR_RETURN(falseValue, scalarLike(node, x, 0.0));
  return node.setOutput(0, node.builder().compare(Cmp::EQ, x, falseValue));
}

/// And is a ? b : a; Or is a ? a : b (both on i1).
template <bool isAnd> llvm::Error logical(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(a, node.input(0));
  ONNX_ASSIGN_OR_RETURN(b, node.input(1));
  return node.setOutput(0, isAnd ? node.builder().select(a, b, a)
                                 : node.builder().select(a, a, b));
}

llvm::Error where(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(condition, node.input(0));
  ONNX_ASSIGN_OR_RETURN(onTrue, node.input(1));
  ONNX_ASSIGN_OR_RETURN(onFalse, node.input(2));
  return node.setOutput(0, node.builder().select(condition, onTrue, onFalse));
}

llvm::Error cast(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  int64_t to = node.intAttr("to", 0);
  Expected<ElementType> type = elementTypeOfOnnx(static_cast<int32_t>(to));
  if (!type)
    return node.error("cast to " + llvm::toString(type.takeError()));
  return node.setOutput(
      0, node.builder().convert(
             x, mlirElementType(*type, node.builder().getContext())));
}

/// x < 0 ? negative(x) : x.
template <class Negative>
llvm::Error piecewise(OnnxNode &node, GraphValue x, Negative negative) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(zero, scalarLike(node, x, 0.0));
  ONNX_ASSIGN_OR_RETURN(isNegative, b.compare(Cmp::LT, x, zero));
  ONNX_ASSIGN_OR_RETURN(whenNegative, negative());
  return node.setOutput(0, b.select(isNegative, whenNegative, x));
}

llvm::Error leakyRelu(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  ONNX_ASSIGN_OR_RETURN(alpha,
                        scalarLike(node, x, node.floatAttr("alpha", 0.01f)));
  return piecewise(node, x, [&] { return node.builder().multiply(alpha, x); });
}

llvm::Error parametricRelu(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  ONNX_ASSIGN_OR_RETURN(slope, node.input(1));
  // Before opset 7 a slope of C values applies per channel (dimension 1).
  if (node.opset() < 7 && slope.rank() == 1 && x.rank() > 2 &&
      slope.shape()[0] == x.shape()[1]) {
    llvm::SmallVector<int64_t> shape(x.rank(), 1);
    shape[1] = x.shape()[1];
    ONNX_ASSIGN_OR_RETURN(perChannel, node.builder().reshape(slope, shape));
    slope = perChannel;
  }
  return piecewise(node, x, [&] { return node.builder().multiply(slope, x); });
}

/// alpha * (exp(x) - 1) for x < 0, scaled by gamma for Selu.
llvm::Error exponentialLinear(OnnxNode &node, float alphaValue,
                              float gammaValue) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  ONNX_ASSIGN_OR_RETURN(alpha, scalarLike(node, x, alphaValue));
  ONNX_ASSIGN_OR_RETURN(zero, scalarLike(node, x, 0.0));
  ONNX_ASSIGN_OR_RETURN(isNegative, b.compare(Cmp::LT, x, zero));
  ONNX_ASSIGN_OR_RETURN(expm1, b.expm1(x));
  ONNX_ASSIGN_OR_RETURN(negative, b.multiply(alpha, expm1));
  ONNX_ASSIGN_OR_RETURN(result, b.select(isNegative, negative, x));
  if (gammaValue == 1.0f)
    return node.setOutput(0, result);
  ONNX_ASSIGN_OR_RETURN(gamma, scalarLike(node, x, gammaValue));
  return node.setOutput(0, b.multiply(gamma, result));
}

llvm::Error elu(OnnxNode &node) {
  return exponentialLinear(node, node.floatAttr("alpha", 1.0f), 1.0f);
}

llvm::Error selu(OnnxNode &node) {
  return exponentialLinear(node,
                           node.floatAttr("alpha", 1.67326319217681884765625f),
                           node.floatAttr("gamma", 1.05070102214813232421875f));
}

llvm::Error thresholdedRelu(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  ONNX_ASSIGN_OR_RETURN(alpha,
                        scalarLike(node, x, node.floatAttr("alpha", 1.0f)));
  ONNX_ASSIGN_OR_RETURN(zero, scalarLike(node, x, 0.0));
  ONNX_ASSIGN_OR_RETURN(above, b.compare(Cmp::GT, x, alpha));
  return node.setOutput(0, b.select(above, x, zero));
}

/// log(1 + exp(x)) computed as max(x, 0) + log1p(exp(-|x|)), which neither
/// overflows for large x nor loses small values.
llvm::Error softplus(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  ONNX_ASSIGN_OR_RETURN(positive, b.relu(x));
  ONNX_ASSIGN_OR_RETURN(magnitude, b.abs(x));
  ONNX_ASSIGN_OR_RETURN(negated, b.negate(magnitude));
  ONNX_ASSIGN_OR_RETURN(exponential, b.exp(negated));
  ONNX_ASSIGN_OR_RETURN(tail, b.log1p(exponential));
  return node.setOutput(0, b.add(positive, tail));
}

llvm::Error softsign(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  ONNX_ASSIGN_OR_RETURN(one, scalarLike(node, x, 1.0));
  ONNX_ASSIGN_OR_RETURN(magnitude, b.abs(x));
  ONNX_ASSIGN_OR_RETURN(denominator, b.add(one, magnitude));
  return node.setOutput(0, b.divide(x, denominator));
}

/// max(0, min(1, alpha * x + beta)).
Expected<GraphValue> hardSigmoidOf(OnnxNode &node, GraphValue x, float alpha,
                                   float beta) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(alphaValue, scalarLike(node, x, alpha));
  ONNX_ASSIGN_OR_RETURN(betaValue, scalarLike(node, x, beta));
  ONNX_ASSIGN_OR_RETURN(zero, scalarLike(node, x, 0.0));
  ONNX_ASSIGN_OR_RETURN(one, scalarLike(node, x, 1.0));
  ONNX_ASSIGN_OR_RETURN(scaled, b.multiply(alphaValue, x));
  ONNX_ASSIGN_OR_RETURN(shifted, b.add(scaled, betaValue));
  return b.clamp(zero, shifted, one);
}

llvm::Error hardSigmoid(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  return node.setOutput(0, hardSigmoidOf(node, x, node.floatAttr("alpha", 0.2f),
                                         node.floatAttr("beta", 0.5f)));
}

llvm::Error hardSwish(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  ONNX_ASSIGN_OR_RETURN(gate, hardSigmoidOf(node, x, 1.0f / 6.0f, 0.5f));
  return node.setOutput(0, node.builder().multiply(x, gate));
}

/// Clip: bounds from attributes before opset 11, from optional inputs
/// after.
llvm::Error clip(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  GraphValue result = x;
  if (node.opset() < 11) {
    constexpr float inf = std::numeric_limits<float>::infinity();
    ONNX_ASSIGN_OR_RETURN(low,
                          scalarLike(node, x, node.floatAttr("min", -inf)));
    ONNX_ASSIGN_OR_RETURN(high,
                          scalarLike(node, x, node.floatAttr("max", inf)));
    ONNX_ASSIGN_OR_RETURN(raised, b.maximum(x, low));
    return node.setOutput(0, b.minimum(raised, high));
  }
  if (node.hasInput(1)) {
    ONNX_ASSIGN_OR_RETURN(low, node.input(1));
    ONNX_ASSIGN_OR_RETURN(clipped, b.maximum(result, low));
    result = clipped;
  }
  if (node.hasInput(2)) {
    ONNX_ASSIGN_OR_RETURN(high, node.input(2));
    ONNX_ASSIGN_OR_RETURN(clipped, b.minimum(result, high));
    result = clipped;
  }
  return node.setOutput(0, result);
}

} // namespace

void addElementwiseOps(llvm::StringMap<OpTranslation> &table) {
  table["Abs"] = unary<&GraphBuilder::abs>;
  table["Neg"] = unary<&GraphBuilder::negate>;
  table["Sign"] = unary<&GraphBuilder::sign>;
  table["Exp"] = unary<&GraphBuilder::exp>;
  table["Log"] = unary<&GraphBuilder::log>;
  table["Tanh"] = unary<&GraphBuilder::tanh>;
  table["Sigmoid"] = unary<&GraphBuilder::logistic>;
  table["Sqrt"] = unary<&GraphBuilder::sqrt>;
  table["Floor"] = unary<&GraphBuilder::floor>;
  table["Ceil"] = unary<&GraphBuilder::ceil>;
  table["Sin"] = unary<&GraphBuilder::sine>;
  table["Cos"] = unary<&GraphBuilder::cosine>;
  table["Erf"] = unary<&GraphBuilder::erf>;
  table["Relu"] = unary<&GraphBuilder::relu>;
  table["Reciprocal"] = reciprocal;
  table["Identity"] = identity;
  table["Dropout"] = dropout;

  table["Add"] = binary<&GraphBuilder::add>;
  table["Sub"] = binary<&GraphBuilder::subtract>;
  table["Mul"] = binary<&GraphBuilder::multiply>;
  table["Div"] = binary<&GraphBuilder::divide>;
  table["Pow"] = power;
  table["Mod"] = mod;
  table["Min"] = variadic<&GraphBuilder::minimum>;
  table["Max"] = variadic<&GraphBuilder::maximum>;
  table["Sum"] = variadic<&GraphBuilder::add>;
  table["Mean"] = mean;

  table["Equal"] = comparison<Cmp::EQ>;
  table["Less"] = comparison<Cmp::LT>;
  table["LessOrEqual"] = comparison<Cmp::LE>;
  table["Greater"] = comparison<Cmp::GT>;
  table["GreaterOrEqual"] = comparison<Cmp::GE>;
  table["Not"] = logicalNot;
  table["And"] = logical<true>;
  table["Or"] = logical<false>;
  table["Xor"] = comparison<Cmp::NE>;
  table["Where"] = where;
  table["Cast"] = cast;

  table["LeakyRelu"] = leakyRelu;
  table["PRelu"] = parametricRelu;
  table["Elu"] = elu;
  table["Selu"] = selu;
  table["ThresholdedRelu"] = thresholdedRelu;
  table["Softplus"] = softplus;
  table["Softsign"] = softsign;
  table["HardSigmoid"] = hardSigmoid;
  table["HardSwish"] = hardSwish;
  table["Clip"] = clip;
}

} // namespace kiln::onnx_import
