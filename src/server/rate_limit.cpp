// mujun — login rate limiting (see rate_limit.h).
#include "server/rate_limit.h"

#include <algorithm>

namespace mujun::server {

namespace {
std::string pair_key(const std::string& name, const std::string& address) { return "p:" + address + "\x1f" + name; }
}  // namespace

LoginRateLimiter::Clock::duration LoginRateLimiter::wait_locked(const std::string& key, Clock::time_point now) {
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.blocked_until <= now) return Clock::duration::zero();
  return it->second.blocked_until - now;
}

LoginRateLimiter::Clock::duration LoginRateLimiter::ceiling_wait_locked(const std::string& key, Clock::time_point now) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return Clock::duration::zero();
  auto& f = it->second.failures;
  while (!f.empty() && f.front() <= now - kWindow) f.pop_front();
  if (static_cast<int>(f.size()) < kNameCeiling) return Clock::duration::zero();
  return f.front() + kWindow - now;
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

void LoginRateLimiter::ceiling_failure_locked(const std::string& key, Clock::time_point now) {
  auto& f = entries_[key].failures;
  while (!f.empty() && f.front() <= now - kWindow) f.pop_front();
  f.push_back(now);
  while (static_cast<int>(f.size()) > kNameCeiling) f.pop_front();  // bounded memory per name
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

std::chrono::seconds LoginRateLimiter::retry_after(const std::string& name, const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto w = std::max({wait_locked(pair_key(name, address), now), wait_locked("a:" + address, now),
                     ceiling_wait_locked("n:" + name, now)});
  return std::chrono::ceil<std::chrono::seconds>(w);
}

bool LoginRateLimiter::blocked(const std::string& name, const std::string& address, Clock::time_point now) {
  return retry_after(name, address, now) > std::chrono::seconds::zero();
}

void LoginRateLimiter::failure(const std::string& name, const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mu_);
  failure_locked(pair_key(name, address), now);
  failure_locked("a:" + address, now);
  ceiling_failure_locked("n:" + name, now);
  if (++since_prune_ >= 1000) {
    prune_locked(now);
    since_prune_ = 0;
  }
}

void LoginRateLimiter::success(const std::string& name, const std::string& address) {
  std::lock_guard lock(mu_);
  entries_.erase(pair_key(name, address));
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
