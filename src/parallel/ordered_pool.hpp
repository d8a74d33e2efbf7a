// A worker pool that runs jobs on several threads and hands their results back in the order the
// jobs were submitted, so that output is the same bytes whatever the number of threads.
//
//   ordered_pool<chunk_text> pool(threads, /*window=*/2 * threads,
//                                 [&](chunk_text&& done) { out << done.text; });
//   for (auto& chunk : chunks) pool.submit([chunk] { return render(chunk); });
//   pool.finish();  // every result consumed, in submission order
//
// The caller's thread submits and consumes; workers only run jobs. At most `window` jobs are in
// flight: submit() consumes finished results from the front (waiting for the oldest if need be)
// before it queues another, so memory stays bounded however many jobs come. With one thread the
// jobs run inline, in order, and no thread is started. An exception thrown by a job is rethrown
// on the caller's thread when that job's turn to be consumed comes, and the pool stops.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace qaf::detail {

/// The number of threads to use for `requested` (0: every core this machine has).
inline unsigned worker_count(unsigned requested) {
  if (requested > 0) return requested;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : cores;
}

template <typename Result>
class ordered_pool {
 public:
  using job = std::function<Result()>;
  using consumer = std::function<void(Result&&)>;

  ordered_pool(unsigned threads, std::size_t window, consumer consume)
      : consume_(std::move(consume)), window_(window == 0 ? 1 : window) {
    if (threads <= 1) return;
    workers_.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }

  ordered_pool(const ordered_pool&) = delete;
  ordered_pool& operator=(const ordered_pool&) = delete;

  ~ordered_pool() { stop(); }

  /// Queues `task`; first consumes finished results, and waits for the oldest while `window`
  /// jobs are in flight.
  void submit(job task) {
    if (workers_.empty()) {
      consume_(task());
      return;
    }
    drain(window_ - 1);
    auto item = std::make_shared<slot>();
    item->task = std::move(task);
    {
      const std::lock_guard lock(mutex_);
      in_flight_.push_back(item);
      queued_.push_back(item);
    }
    work_ready_.notify_one();
  }

  /// Consumes every result still in flight, in order, and stops the workers.
  void finish() {
    drain(0);
    stop();
  }

 private:
  struct slot {
    job task;
    std::optional<Result> result;
    std::exception_ptr failure;
    bool done = false;
  };

  // Consumes finished results from the front until at most `keep` jobs are in flight.
  void drain(std::size_t keep) {
    while (true) {
      std::shared_ptr<slot> front;
      {
        std::unique_lock lock(mutex_);
        if (in_flight_.size() <= keep) return;
        front = in_flight_.front();
        result_ready_.wait(lock, [&] { return front->done; });
        in_flight_.pop_front();
      }
      if (front->failure) {
        stop();
        std::rethrow_exception(front->failure);
      }
      consume_(std::move(*front->result));
    }
  }

  void work() {
    while (true) {
      std::shared_ptr<slot> item;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [&] { return stopping_ || !queued_.empty(); });
        if (stopping_) return;
        item = std::move(queued_.front());
        queued_.pop_front();
      }
      try {
        item->result.emplace(item->task());
      } catch (...) {
        item->failure = std::current_exception();
      }
      item->task = nullptr;  // what the job captured is released as soon as it has run
      {
        const std::lock_guard lock(mutex_);
        item->done = true;
      }
      result_ready_.notify_all();
    }
  }

  void stop() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
      queued_.clear();
    }
    work_ready_.notify_all();
    for (std::thread& t : workers_) {
      if (t.joinable()) t.join();
    }
    workers_.clear();
  }

  consumer consume_;
  std::size_t window_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable result_ready_;
  std::deque<std::shared_ptr<slot>> in_flight_;
  std::deque<std::shared_ptr<slot>> queued_;
  bool stopping_ = false;
};

}  // namespace qaf::detail
