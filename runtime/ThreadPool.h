//===- ThreadPool.h - The worker threads that run kernel tasks --*- C++ -*-===//
//
// Compiled graphs split each kernel into tasks whose boundaries are fixed at
// compile time, and launch them through kiln_launch (runtime/KilnRuntime.h),
// which runs them here. A graph makes many launches per call and a kernel can
// be a few microseconds long, so a launch must cost about as little as an
// atomic counter: workers are kept alive across launches, spin briefly after
// each one to catch the next, and only then sleep on a condition variable.
//
// Plain C++17 with no LLVM/MLIR, like the rest of the runtime.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_THREADPOOL_H
#define KILN_RUNTIME_THREADPOOL_H

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace kiln {

/// The hardware threads this process may run on (its CPU affinity mask where
/// the system reports one), at least 1.
int hardwareThreadCount();

/// A non-owning reference to a callable `void(int64_t task)`, cheap to copy,
/// like llvm::function_ref (which the runtime cannot use). The referenced
/// callable must outlive every call made through this reference.
class TaskFunctionRef {
public:
  /// Calls `function(context, task)` for each task: the shape of the C ABI's
  /// kiln_task_fn, so kiln_launch passes a kernel trampoline with no wrapper.
  TaskFunctionRef(void (*function)(void *context, int64_t task), void *context)
      : function(function), context(context) {}

  /// Refers to `callable`, any object invocable as `callable(int64_t)`.
  template <class Callable,
            class = std::enable_if_t<!std::is_same<
                std::remove_cv_t<std::remove_reference_t<Callable>>,
                TaskFunctionRef>::value>>
  TaskFunctionRef(Callable &&callable)
      : function(&invoke<std::remove_reference_t<Callable>>),
        context(const_cast<void *>(
            static_cast<const void *>(std::addressof(callable)))) {}

  /// Runs task number `task`.
  void operator()(int64_t task) const { function(context, task); }

private:
  template <class Callable> static void invoke(void *callable, int64_t task) {
    (*static_cast<Callable *>(callable))(task);
  }

  void (*function)(void *, int64_t);
  void *context;
};

/// A fixed set of worker threads that runs the tasks of one parallel loop at
/// a time, with the calling thread as one more worker.
///
/// A loop of enough tasks is cut into one contiguous block per participating
/// thread, which runs its block in increasing order and then helps with the
/// others'; a loop of few tasks is one block that all claim from in turn.
/// Tasks are claimed one at a time by atomic counters, so every task runs
/// exactly once, on whichever thread claims it first, and callers must not
/// depend on which thread runs which task. Owning blocks keeps locality
/// across loops: the kernels of a graph call split their data alike, so a
/// thread mostly reads what it wrote in the previous loop, from its own
/// core's caches.
///
/// Any number of threads may call parallelFor at once: their loops take
/// turns on the workers (each loop still gets the calling thread's help). A
/// task may itself call parallelFor on the same pool; that inner loop runs on
/// the calling thread alone rather than deadlock. Tasks must not throw.
class ThreadPool {
public:
  /// Starts `numWorkers` worker threads (none: every loop runs on its calling
  /// thread), or as many as the system allows if fewer. The default, one less
  /// than hardwareThreadCount(), fills every hardware thread once the caller
  /// joins in.
  explicit ThreadPool(int numWorkers = hardwareThreadCount() - 1);
  /// Stops and joins the workers. No parallelFor may be running.
  ~ThreadPool();

  ThreadPool(const ThreadPool &) = delete;
  ThreadPool &operator=(const ThreadPool &) = delete;

  /// The worker threads, the calling thread not included.
  int numWorkers() const { return static_cast<int>(workers.size()); }
  /// The most threads a loop can use: the workers and the caller.
  int maxThreads() const { return numWorkers() + 1; }

  /// Runs `task(t)` for every t in [0, numTasks) on at most `maxThreads`
  /// threads, the calling thread included (values below 1 mean 1), and
  /// returns when all tasks are done. Every write a task makes is visible to
  /// the caller on return.
  void parallelFor(int64_t numTasks, int maxThreads, TaskFunctionRef task);

private:
  /// The loop being run: written by its caller before it is published in
  /// `joinState`, read by the workers that join it.
  struct Loop {
    TaskFunctionRef task{nullptr, nullptr};
    int64_t numTasks = 0;
    /// The blocks the tasks are cut into: one per participant (the caller
    /// and the helper slots), or a single one shared by all.
    int numBlocks = 1;
  };

  /// The tasks [next, end) of one participant's block that nobody has
  /// claimed yet; its owner claims from `next` first, the others once their
  /// own blocks are done. On a cache line of its own, as the owner's claims
  /// are the hot path.
  struct alignas(64) Block {
    std::atomic<int64_t> next{0};
    int64_t end = 0;
  };

  void runOnWorkers(int64_t numTasks, int helpers, TaskFunctionRef task);
  void workerMain();
  /// Waits, spinning then sleeping, until a generation other than
  /// `seenGeneration` is published (true, its join state in `state`) or the
  /// pool stops (false).
  bool waitForLoop(uint32_t seenGeneration, uint64_t &state);
  void wakeSleepers(int helpers);
  /// Runs the tasks of block `slot`, then those left in the others.
  void runTasks(int slot);

  std::vector<std::thread> workers;

  /// Serializes loops from different calling threads.
  std::mutex launchMutex;
  Loop loop;

  // Each hot atomic sits on a cache line of its own, so that the counters the
  // participants hammer do not slow down the join state workers poll.

  /// One block per participant (the caller's first), sized at construction.
  std::vector<Block> blocks;
  /// (generation << 32) | open helper slots. A new generation publishes a
  /// loop; a worker joins it by taking a slot (compare-and-swap, so it can
  /// only join the generation it saw), whose number names its block; the
  /// caller closes it by zeroing them.
  alignas(64) std::atomic<uint64_t> joinState{0};
  /// Workers that joined the current loop and have finished their tasks.
  alignas(64) std::atomic<int> helpersDone{0};

  /// Sleeping workers wait on `wakeUp` under `sleepMutex`; `sleepers` counts
  /// them so a launch skips the notify (a system call) when all are spinning.
  alignas(64) std::atomic<int> sleepers{0};
  std::mutex sleepMutex;
  std::condition_variable wakeUp;
  std::atomic<bool> stopping{false};
};

/// The process-wide pool, created on first use with a worker per hardware
/// thread but one (the caller is the last), so every Executable and tool
/// shares one set of threads instead of oversubscribing the cores.
ThreadPool &defaultThreadPool();

} // namespace kiln

#endif // KILN_RUNTIME_THREADPOOL_H
