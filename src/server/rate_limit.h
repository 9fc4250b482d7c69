// mujun — login rate limiting (contract: "5 failures per name or per address within 15 minutes → 429
// for 15 minutes"). One limiter per process, shared by the worker threads (mutex inside).
#pragma once
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace mujun::server {

class LoginRateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr int kMaxFailures = 5;
  static constexpr std::chrono::minutes kWindow{15};
  static constexpr std::chrono::minutes kBlock{15};

  /// True while `name` or `address` is blocked (5 failures within the window, block not yet over).
  bool blocked(const std::string& name, const std::string& address, Clock::time_point now = Clock::now());
  /// Records a failed login of `name` from `address`; the 5th failure within kWindow starts a block.
  void failure(const std::string& name, const std::string& address, Clock::time_point now = Clock::now());
  /// A successful login forgets the name's failures (the address keeps its own).
  void success(const std::string& name);
  /// Forgets everything (tests; a restart does the same).
  void clear();

 private:
  struct Entry {
    std::deque<Clock::time_point> failures;
    Clock::time_point blocked_until{};
  };
  bool blocked_locked(const std::string& key, Clock::time_point now);
  void failure_locked(const std::string& key, Clock::time_point now);
  void prune_locked(Clock::time_point now);
  std::mutex mu_;
  std::map<std::string, Entry> entries_;  ///< "n:<name>" and "a:<address>"
  std::size_t since_prune_ = 0;
};

/// The process-wide limiter used by POST /api/login.
LoginRateLimiter& login_limiter();

}  // namespace mujun::server
