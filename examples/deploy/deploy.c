/*===- deploy.c - Run a model compiled by kilnc --emit=so ----------------===*/
/*
 * A C program that ships a Kiln model: it links the model's shared library
 * and libkiln_runtime (nothing of LLVM or MLIR), reads each input from
 * IN_DIR/<input name>.npy, runs the model and writes each output to
 * OUT_DIR/<output name>.npy.
 *
 *   kilnc model.mlir --emit=so -o model.so       (writes model.h too)
 *   cc deploy.c -DKILN_MODEL=model -include model.h -I<kiln include dir> \
 *      model.so -lkiln_runtime -o deploy
 *   ./deploy IN_DIR OUT_DIR [THREADS]
 *
 * The model is named at build time: KILN_MODEL is the --name given to kilnc
 * (the output's stem by default), whose NAME_info describes its inputs and
 * outputs. A program written for one model would call NAME_run with typed
 * pointers instead of the generic kiln_model_run used here.
 */

#include "runtime/KilnModel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef KILN_MODEL
#error "define KILN_MODEL as the model's name (-DKILN_MODEL=mlp)"
#endif
#define KILN_PASTE2(a, b) a##b
#define KILN_PASTE(a, b) KILN_PASTE2(a, b)
#define MODEL_INFO KILN_PASTE(KILN_MODEL, _info)
#define MODEL_CREATE KILN_PASTE(KILN_MODEL, _create)
#define MODEL_DESTROY KILN_PASTE(KILN_MODEL, _destroy)

static const char *const kDescr[] = {"<f4", "|b1", "<i4", "<i8"};
static const size_t kElementBytes[] = {4, 1, 4, 8};

static size_t bytesOf(const kiln_tensor_info *tensor) {
  size_t bytes = kElementBytes[tensor->element_type];
  for (int32_t i = 0; i < tensor->rank; ++i)
    bytes *= (size_t)tensor->shape[i];
  return bytes;
}

/* The .npy header's dictionary for `tensor`, as NumPy writes it. */
static void describe(const kiln_tensor_info *tensor, char *text, size_t size) {
  int used = snprintf(text, size,
                      "{'descr': '%s', 'fortran_order': False, "
                      "'shape': (",
                      kDescr[tensor->element_type]);
  for (int32_t i = 0; i < tensor->rank; ++i)
    used += snprintf(text + used, size - used, "%lld%s",
                     (long long)tensor->shape[i],
                     tensor->rank == 1      ? ","
                     : i + 1 < tensor->rank ? ", "
                                            : "");
  snprintf(text + used, size - used, "), }");
}

/* Reads DIR/NAME.npy into a new buffer; the file must hold exactly the
 * tensor's type and shape (version 1.0 header, as NumPy writes it). */
static void *readNpy(const char *dir, const kiln_tensor_info *tensor) {
  char path[4096], expected[512], header[4096];
  snprintf(path, sizeof path, "%s/%s.npy", dir, tensor->name);
  describe(tensor, expected, sizeof expected);
  FILE *file = fopen(path, "rb");
  if (!file) {
    fprintf(stderr, "deploy: error: cannot open %s\n", path);
    return NULL;
  }
  unsigned char preamble[10];
  size_t headerLength = 0;
  if (fread(preamble, 1, 10, file) == 10 &&
      memcmp(preamble, "\x93NUMPY\x01\x00", 8) == 0)
    headerLength = preamble[8] | (size_t)preamble[9] << 8;
  if (headerLength == 0 || headerLength >= sizeof header ||
      fread(header, 1, headerLength, file) != headerLength) {
    fprintf(stderr, "deploy: error: %s is not a version 1.0 .npy file\n", path);
    fclose(file);
    return NULL;
  }
  header[headerLength] = '\0';
  /* NumPy pads the dictionary with spaces and ends it with a newline. */
  if (strncmp(header, expected, strlen(expected)) != 0) {
    fprintf(stderr,
            "deploy: error: %s holds %s, but the model's input '%s' "
            "is %s\n",
            path, header, tensor->name, expected);
    fclose(file);
    return NULL;
  }
  size_t bytes = bytesOf(tensor);
  void *data = malloc(bytes ? bytes : 1);
  if (fread(data, 1, bytes, file) != bytes) {
    fprintf(stderr, "deploy: error: %s is shorter than its shape\n", path);
    free(data);
    data = NULL;
  }
  fclose(file);
  return data;
}

static int writeNpy(const char *dir, const kiln_tensor_info *tensor,
                    const void *data) {
  char path[4096], header[512];
  snprintf(path, sizeof path, "%s/%s.npy", dir, tensor->name);
  describe(tensor, header, sizeof header);
  /* Magic, version, length, then the dictionary padded so the data starts
   * at a multiple of 64 bytes, ending with a newline. */
  size_t length = strlen(header);
  size_t padded = (10 + length + 1 + 63) / 64 * 64 - 10;
  FILE *file = fopen(path, "wb");
  if (!file) {
    fprintf(stderr, "deploy: error: cannot create %s\n", path);
    return 1;
  }
  unsigned char preamble[10] = {0x93,
                                'N',
                                'U',
                                'M',
                                'P',
                                'Y',
                                1,
                                0,
                                (unsigned char)(padded & 0xff),
                                (unsigned char)(padded >> 8)};
  fwrite(preamble, 1, 10, file);
  fputs(header, file);
  for (size_t i = length; i + 1 < padded; ++i)
    fputc(' ', file);
  fputc('\n', file);
  fwrite(data, 1, bytesOf(tensor), file);
  if (fclose(file) != 0) {
    fprintf(stderr, "deploy: error: cannot write %s\n", path);
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s IN_DIR OUT_DIR [THREADS]\n", argv[0]);
    return 2;
  }
  const kiln_model_info *info = &MODEL_INFO;
  kiln_model *model = MODEL_CREATE(argc > 3 ? atoi(argv[3]) : 0);
  if (!model) {
    fprintf(stderr, "deploy: error: %s\n", kiln_last_error());
    return 1;
  }
  const void **inputs = calloc(info->num_inputs + 1, sizeof *inputs);
  void **outputs = calloc(info->num_outputs + 1, sizeof *outputs);
  int status = 0;
  for (int32_t i = 0; i < info->num_inputs && !status; ++i)
    status = !(inputs[i] = readNpy(argv[1], &info->inputs[i]));
  for (int32_t i = 0; i < info->num_outputs && !status; ++i)
    outputs[i] = malloc(bytesOf(&info->outputs[i]) + 1);
  if (!status && kiln_model_run(model, inputs, outputs) != 0) {
    fprintf(stderr, "deploy: error: %s\n", kiln_last_error());
    status = 1;
  }
  for (int32_t i = 0; i < info->num_outputs && !status; ++i)
    status = writeNpy(argv[2], &info->outputs[i], outputs[i]);
  for (int32_t i = 0; i < info->num_inputs; ++i)
    free((void *)inputs[i]);
  for (int32_t i = 0; i < info->num_outputs; ++i)
    free(outputs[i]);
  free(inputs);
  free(outputs);
  MODEL_DESTROY(model);
  return status;
}
