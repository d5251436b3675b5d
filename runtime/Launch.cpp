//===- Launch.cpp - kiln_launch: run a kernel's tasks on the pool ---------===//
//
// The one runtime call compiled graphs make per kernel. Task boundaries are
// fixed by the compiler, so running the tasks serially or on any number of
// threads gives bitwise the same results.
//
//===----------------------------------------------------------------------===//

#include "runtime/KernelProfile.h"
#include "runtime/KilnRuntime.h"
#include "runtime/ThreadPool.h"

#include <chrono>

using namespace kiln;

static void runTasks(kiln_context *context, int64_t numTasks, kiln_task_fn task,
                     void *args) {
  if (!context || !context->pool || context->num_threads <= 1 ||
      numTasks <= 1) {
    for (int64_t t = 0; t < numTasks; ++t)
      task(args, t);
    return;
  }
  static_cast<ThreadPool *>(context->pool)
      ->parallelFor(numTasks, context->num_threads,
                    TaskFunctionRef(task, args));
}

extern "C" void kiln_launch(kiln_context *context, int64_t kernel_id,
                            int64_t num_tasks, kiln_task_fn task, void *args) {
  if (!context || !context->profile) {
    runTasks(context, num_tasks, task, args);
    return;
  }
  auto start = std::chrono::steady_clock::now();
  runTasks(context, num_tasks, task, args);
  std::chrono::duration<double> elapsed =
      std::chrono::steady_clock::now() - start;
  static_cast<KernelProfile *>(context->profile)
      ->record(kernel_id, elapsed.count());
}
