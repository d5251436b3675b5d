//===- Launch.cpp - kiln_launch: run a kernel's tasks (serial for now) ===//

#include "runtime/KilnRuntime.h"

extern "C" void kiln_launch(kiln_context *context, int64_t kernel_id,
                            int64_t num_tasks, kiln_task_fn task, void *args) {
  (void)context;
  (void)kernel_id;
  for (int64_t t = 0; t < num_tasks; ++t)
    task(args, t);
}
