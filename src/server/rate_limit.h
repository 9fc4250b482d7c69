// mujun — login rate limiting: 5 failures of one (name, address) pair or of one address within 15 minutes
// → 429 for 15 minutes; 50 failures of one name from all addresses within 15 minutes → 429 (Retry-After)
// until the window slides (docs/SECURITY.md). One limiter per process, shared by the worker threads (mutex inside).
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
  /// Failures of one (name, address) pair, and of one address over all names, within kWindow that start a
  /// kBlock block of that pair / address. Nobody can lock another person's account with these: they
  /// count the attacker's own address.
  static constexpr int kMaxFailures = 5;
  /// Failures of one name from all addresses within kWindow above which the name is slowed (sliding
  /// window: 429 until the oldest of them is kWindow old). A ceiling against distributed guessing that
  /// needs kNameCeiling / kMaxFailures = 10 addresses to reach — not a lockout anyone can trigger.
  static constexpr int kNameCeiling = 50;
  static constexpr std::chrono::minutes kWindow{15};
  static constexpr std::chrono::minutes kBlock{15};

  /// How long a login of `name` from `address` must wait (whole seconds, rounded up); 0 when allowed.
  std::chrono::seconds retry_after(const std::string& name, const std::string& address, Clock::time_point now = Clock::now());
  /// retry_after() > 0.
  bool blocked(const std::string& name, const std::string& address, Clock::time_point now = Clock::now());
  /// Records a failed login of `name` from `address`.
  void failure(const std::string& name, const std::string& address, Clock::time_point now = Clock::now());
  /// A successful login forgets the failures of the (name, address) pair and of the name (the address
  /// keeps its own).
  void success(const std::string& name, const std::string& address);
  /// Forgets everything (tests; a restart does the same).
  void clear();

 private:
  struct Entry {
    std::deque<Clock::time_point> failures;
    Clock::time_point blocked_until{};
  };
  Clock::duration wait_locked(const std::string& key, Clock::time_point now);
  Clock::duration ceiling_wait_locked(const std::string& key, Clock::time_point now);
  void failure_locked(const std::string& key, Clock::time_point now);
  void ceiling_failure_locked(const std::string& key, Clock::time_point now);
  void prune_locked(Clock::time_point now);
  std::mutex mu_;
  std::map<std::string, Entry> entries_;  ///< "p:<address>\x1f<name>", "a:<address>", "n:<name>"
  std::size_t since_prune_ = 0;
};

/// The process-wide limiter used by POST /api/login.
LoginRateLimiter& login_limiter();

}  // namespace mujun::server
