/* Runs scale.so through its typed C API and checks y = 2 * x + b, whose
 * values are exact in f32. */
#include "scale.h"

#include <stdio.h>

int main(void) {
  float x[SCALE_X_ELEMENTS], b[SCALE_B_ELEMENTS], y[SCALE_RESULT0_ELEMENTS];
  for (int i = 0; i < SCALE_X_ELEMENTS; ++i)
    x[i] = (float)i;
  for (int i = 0; i < SCALE_B_ELEMENTS; ++i)
    b[i] = 0.5f * (float)i;
  kiln_model *model = scale_create(1);
  if (!model || scale_run(model, x, b, y) != 0) {
    fprintf(stderr, "run_scale: %s\n", kiln_last_error());
    return 1;
  }
  scale_destroy(model);
  for (int i = 0; i < SCALE_RESULT0_ELEMENTS; ++i)
    if (y[i] != 2.0f * x[i] + b[i % SCALE_B_ELEMENTS]) {
      fprintf(stderr, "run_scale: y[%d] = %g\n", i, y[i]);
      return 1;
    }
  printf("run_scale: ok\n");
  return 0;
}
