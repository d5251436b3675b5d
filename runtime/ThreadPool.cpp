//===- ThreadPool.cpp - The worker threads that run kernel tasks ----------===//
//
// One loop runs at a time (launchMutex). Its caller cuts the tasks into one
// block per participant and publishes the loop by bumping the generation in
// `joinState` together with the number of helper slots; workers take a slot
// with a compare-and-swap, run their slot's block and then what is left of
// the others, and report done in `helpersDone`. The caller runs block 0 and
// the rest likewise, then closes the remaining slots and waits for the
// helpers that joined, so no worker can touch a loop after its parallelFor
// returns. A slot nobody took has its block run by those who did.
//
//===----------------------------------------------------------------------===//

#include "runtime/ThreadPool.h"

#include <algorithm>
#include <chrono>
#include <system_error>

#ifdef __linux__
#include <sched.h>
#endif

using namespace kiln;

namespace {

/// How long an idle worker spins before it sleeps. The launches of one graph
/// call follow each other within microseconds, so a worker that spins this
/// long catches the next one without a futex round trip (tens of µs); an idle
/// pool stops burning its cores soon after.
constexpr std::chrono::microseconds kSpinBeforeSleep(100);

/// Spins between checks of the clock: reading it costs more than a pause.
constexpr int kSpinsPerClockCheck = 64;

/// The fewest tasks per participant for which a loop is cut into one block
/// each; a thread that finishes its block early then steals a task at a
/// time, so the imbalance left is at most one task, a quarter of a block.
constexpr int64_t kMinTasksPerBlock = 4;

/// Pauses for the caller's wait before it yields its core, which the helpers
/// finishing their last tasks may need on an oversubscribed machine.
constexpr int kSpinsBeforeYield = 1 << 12;

/// The pool whose loop this thread is running, if any: a nested parallelFor
/// on the same pool runs serially instead of waiting for itself.
thread_local const ThreadPool *runningPool = nullptr;

/// Tells the core this is a spin-wait (cheaper for the sibling hyperthread).
inline void cpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

constexpr uint32_t generationOf(uint64_t joinState) {
  return static_cast<uint32_t>(joinState >> 32);
}
constexpr uint32_t openSlotsOf(uint64_t joinState) {
  return static_cast<uint32_t>(joinState);
}
constexpr uint64_t makeJoinState(uint32_t generation, uint32_t openSlots) {
  return static_cast<uint64_t>(generation) << 32 | openSlots;
}

/// Sets `runningPool` for the lifetime of a scope, restoring the old value.
class RunningPoolScope {
public:
  explicit RunningPoolScope(const ThreadPool *pool) : saved(runningPool) {
    runningPool = pool;
  }
  ~RunningPoolScope() { runningPool = saved; }

private:
  const ThreadPool *saved;
};

} // namespace

int kiln::hardwareThreadCount() {
#ifdef __linux__
  // Containers and taskset restrict the CPUs a process may use without
  // changing what hardware_concurrency reports.
  cpu_set_t mask;
  if (sched_getaffinity(0, sizeof(mask), &mask) == 0) {
    int count = CPU_COUNT(&mask);
    if (count > 0)
      return count;
  }
#endif
  return std::max(1u, std::thread::hardware_concurrency());
}

ThreadPool::ThreadPool(int numWorkers) : blocks(std::max(0, numWorkers) + 1) {
  workers.reserve(std::max(0, numWorkers));
  for (int i = 0; i < numWorkers; ++i) {
    try {
      workers.emplace_back([this] { workerMain(); });
    } catch (const std::system_error &) {
      // Out of threads: a smaller pool still runs every loop correctly, so
      // carry on with the workers started (numWorkers() tells how many).
      break;
    }
  }
}

ThreadPool::~ThreadPool() {
  {
    // Under the mutex, so a worker between its predicate check and its wait
    // cannot miss the notification.
    std::lock_guard<std::mutex> lock(sleepMutex);
    stopping.store(true);
  }
  wakeUp.notify_all();
  for (std::thread &worker : workers)
    worker.join();
}

void ThreadPool::parallelFor(int64_t numTasks, int maxThreads,
                             TaskFunctionRef task) {
  if (numTasks <= 0)
    return;
  int64_t helpers = std::min<int64_t>(
      {static_cast<int64_t>(maxThreads) - 1, numWorkers(), numTasks - 1});
  if (helpers <= 0 || runningPool == this) {
    for (int64_t t = 0; t < numTasks; ++t)
      task(t);
    return;
  }
  runOnWorkers(numTasks, static_cast<int>(helpers), task);
}

void ThreadPool::runOnWorkers(int64_t numTasks, int helpers,
                              TaskFunctionRef task) {
  std::lock_guard<std::mutex> lock(launchMutex);
  RunningPoolScope scope(this);

  // No worker reads these until the release below publishes them, and none
  // of the previous loop's helpers is left (its caller waited for them).
  loop.task = task;
  loop.numTasks = numTasks;
  // Few tasks are not worth cutting into blocks: an uneven task would leave
  // the other participants idle at the end of their blocks, where claiming
  // tasks in turn balances them by speed. Then one block holds them all.
  int participants = helpers + 1;
  loop.numBlocks =
      numTasks >= kMinTasksPerBlock * participants ? participants : 1;
  // Blocks of numTasks / numBlocks tasks, the first ones a task longer.
  int64_t blockSize = numTasks / loop.numBlocks;
  int64_t longer = numTasks % loop.numBlocks;
  int64_t start = 0;
  for (int slot = 0; slot < loop.numBlocks; ++slot) {
    blocks[slot].next.store(start, std::memory_order_relaxed);
    start += blockSize + (slot < longer ? 1 : 0);
    blocks[slot].end = start;
  }
  helpersDone.store(0, std::memory_order_relaxed);
  // Only the caller holding launchMutex changes the generation.
  uint32_t generation =
      generationOf(joinState.load(std::memory_order_relaxed)) + 1;
  // seq_cst pairs with the sleepers count in wakeSleepers and waitForLoop: a
  // worker going to sleep either sees this generation or is seen sleeping.
  joinState.store(makeJoinState(generation, helpers));
  wakeSleepers(helpers);

  runTasks(0);

  // Close the slots no worker took, then wait for those that were taken.
  uint64_t closed = joinState.exchange(makeJoinState(generation, 0),
                                       std::memory_order_acq_rel);
  int joined = helpers - static_cast<int>(openSlotsOf(closed));
  // Acquire: every write of the helpers' tasks is visible once they are done.
  for (int spins = 0; helpersDone.load(std::memory_order_acquire) != joined;
       ++spins) {
    if (spins < kSpinsBeforeYield)
      cpuRelax();
    else
      std::this_thread::yield();
  }
}

void ThreadPool::wakeSleepers(int helpers) {
  int asleep = sleepers.load();
  if (asleep == 0)
    return;
  {
    // Taking the mutex orders this notification after any sleeper's check of
    // the generation, so none can miss it.
    std::lock_guard<std::mutex> lock(sleepMutex);
  }
  if (helpers >= asleep) {
    wakeUp.notify_all();
    return;
  }
  // Wake only as many as can join; the rest keep sleeping.
  for (int i = 0; i < helpers; ++i)
    wakeUp.notify_one();
}

void ThreadPool::runTasks(int slot) {
  const Loop &current = loop;
  for (int i = 0; i < current.numBlocks; ++i) {
    Block &block = blocks[(slot + i) % current.numBlocks];
    for (int64_t t = block.next.fetch_add(1, std::memory_order_relaxed);
         t < block.end; t = block.next.fetch_add(1, std::memory_order_relaxed))
      current.task(t);
  }
}

bool ThreadPool::waitForLoop(uint32_t seenGeneration, uint64_t &state) {
  auto spinStart = std::chrono::steady_clock::now();
  for (int spins = 1;; ++spins) {
    state = joinState.load(std::memory_order_acquire);
    if (generationOf(state) != seenGeneration)
      return true;
    if (stopping.load(std::memory_order_relaxed))
      return false;
    cpuRelax();
    if (spins % kSpinsPerClockCheck == 0 &&
        std::chrono::steady_clock::now() - spinStart > kSpinBeforeSleep)
      break;
  }

  std::unique_lock<std::mutex> lock(sleepMutex);
  sleepers.fetch_add(1);
  wakeUp.wait(lock, [&] {
    state = joinState.load();
    return generationOf(state) != seenGeneration || stopping.load();
  });
  sleepers.fetch_sub(1);
  return !stopping.load();
}

void ThreadPool::workerMain() {
  RunningPoolScope scope(this);
  uint32_t seenGeneration = generationOf(joinState.load());
  uint64_t state;
  while (waitForLoop(seenGeneration, state)) {
    seenGeneration = generationOf(state);
    // Take a slot of this generation if one is open. A failed exchange
    // reloads `state`; if a newer loop was published meanwhile, the next
    // wait returns at once with it.
    while (generationOf(state) == seenGeneration && openSlotsOf(state) > 0) {
      if (joinState.compare_exchange_weak(state, state - 1,
                                          std::memory_order_acq_rel,
                                          std::memory_order_acquire)) {
        // Slots are taken from the highest down: the first helper to join
        // runs the last block.
        runTasks(static_cast<int>(openSlotsOf(state)));
        helpersDone.fetch_add(1, std::memory_order_release);
        break;
      }
    }
  }
}

ThreadPool &kiln::defaultThreadPool() {
  static ThreadPool pool;
  return pool;
}
