// mujun — login rate limiting (see rate_limit.h).
#include "server/rate_limit.h"

namespace mujun::server {

bool LoginRateLimiter::blocked_locked(const std::string& key, Clock::time_point now) {
  auto it = entries_.find(key);
  return it != entries_.end() && it->second.blocked_until > now;
}

void LoginRateLimiter::failure_locked(const std::string& key, Clock::time_point now) {
  auto& e = entries_[key];
  while (!e.failures.empty() && e.failures.front() <= now - kWindow) e.failures.pop_front();
  e.failures.push_back(now);
  if (static_cast<int>(e.failures.size()) >= kMaxFailures) {
    e.blocked_until = now + kBlock;
    e.failures.clear();
  }
}

// Drops entries with no recent failure and no running block, so a flood of names cannot grow the map
// without bound.
void LoginRateLimiter::prune_locked(Clock::time_point now) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    auto& e = it->second;
    bool stale = e.blocked_until <= now && (e.failures.empty() || e.failures.back() <= now - kWindow);
    it = stale ? entries_.erase(it) : std::next(it);
  }
}

bool LoginRateLimiter::blocked(const std::string& name, const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mu_);
  return blocked_locked("n:" + name, now) || blocked_locked("a:" + address, now);
}

void LoginRateLimiter::failure(const std::string& name, const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mu_);
  failure_locked("n:" + name, now);
  failure_locked("a:" + address, now);
  if (++since_prune_ >= 1000) {
    prune_locked(now);
    since_prune_ = 0;
  }
}

void LoginRateLimiter::success(const std::string& name) {
  std::lock_guard lock(mu_);
  entries_.erase("n:" + name);
}

void LoginRateLimiter::clear() {
  std::lock_guard lock(mu_);
  entries_.clear();
}

LoginRateLimiter& login_limiter() {
  static LoginRateLimiter limiter;
  return limiter;
}

}  // namespace mujun::server
