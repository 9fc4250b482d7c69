// mujun — roles, Argon2id password hashing (libsodium), tokens and account checks (see auth.h).
#include "server/auth.h"

#include <sodium.h>

#include <algorithm>
#include <mutex>
#include <stdexcept>

#include "standards/uscc.h"
#include "store/store.h"

namespace mujun::server {
namespace {

void ensure_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium 初始化失败 / libsodium could not be initialised");
  });
}

// The role table of http.h: admin all; analyst read, read_own, export*, import, evaluate, publish,
// resolve; viewer read, read_own, export*; enterprise read_own, export*, object (* with can_export).
bool role_grants(const std::string& role, Permission p) {
  using P = Permission;
  if (p == P::none) return true;
  if (role == "admin") return true;
  if (role == "analyst")
    return p == P::read || p == P::read_own || p == P::export_data || p == P::import_data || p == P::evaluate ||
           p == P::publish || p == P::resolve;
  if (role == "viewer") return p == P::read || p == P::read_own || p == P::export_data;
  if (role == "enterprise") return p == P::read_own || p == P::export_data || p == P::object;
  return false;
}

// Number of code points of valid UTF-8, or -1 when the bytes are not valid UTF-8.
long utf8_length(const std::string& s) {
  long n = 0;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return -1;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return -1;
    i += len;
    ++n;
  }
  return n;
}

}  // namespace

bool Principal::has(Permission p) const {
  if (p == Permission::export_data && role != "admin" && !can_export) return false;
  return role_grants(role, p);
}

bool is_role(const std::string& role) {
  return role == "admin" || role == "analyst" || role == "viewer" || role == "enterprise";
}

std::vector<std::string> permission_names(const Principal& p) {
  static const std::pair<Permission, const char*> kAll[] = {
      {Permission::read, "read"},         {Permission::read_own, "read_own"}, {Permission::export_data, "export_data"},
      {Permission::import_data, "import_data"}, {Permission::evaluate, "evaluate"}, {Permission::publish, "publish"},
      {Permission::resolve, "resolve"},   {Permission::object, "object"},     {Permission::admin, "admin"}};
  std::vector<std::string> out;
  for (auto& [perm, name] : kAll)
    if (p.has(perm)) out.emplace_back(name);
  return out;
}

std::string hash_password(const std::string& password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("密码哈希失败（内存不足）/ password hashing failed (out of memory)");
  return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
  ensure_sodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void verify_dummy_password(const std::string& password) {
  static const std::string dummy = hash_password(random_hex(16));
  (void)verify_password(dummy, password);
}

std::string random_hex(std::size_t bytes) {
  ensure_sodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  hex.pop_back();
  return hex;
}

bool same_secret(const std::string& a, const std::string& b) {
  ensure_sodium();
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string password_problem(const std::string& password) {
  long n = utf8_length(password);
  if (n < 0) return "密码不是有效的 UTF-8 文本 / the password is not valid UTF-8";
  if (n < 8)
    return "密码至少 8 个字符（现为 " + std::to_string(n) + " 个）/ the password needs at least 8 characters (has " +
           std::to_string(n) + ")";
  if (password.size() > 1024) return "密码过长（最多 1024 字节）/ the password is too long (at most 1024 bytes)";
  return {};
}

std::string name_problem(const std::string& name) {
  if (name.empty()) return "用户名为空 / the user name is empty";
  if (name.size() > 64) return "用户名过长（最多 64 字节）/ the user name is too long (at most 64 bytes): " + name;
  if (utf8_length(name) < 0) return "用户名不是有效的 UTF-8 文本 / the user name is not valid UTF-8";
  for (unsigned char c : name) {
    bool ok = c >= 0x80 || std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == '@';
    if (!ok)
      return "用户名只能含字母、数字、汉字和 _ - . @（不能有空格或控制字符）：'" + name +
             "' / a user name may contain letters, digits, CJK characters and _ - . @ only";
  }
  return {};
}

std::string account_problem(const std::string& role, std::string& uscc, store::Store& store) {
  if (!is_role(role))
    return "角色须为 admin、analyst、viewer 或 enterprise（收到 '" + role +
           "'）/ the role must be admin, analyst, viewer or enterprise";
  if (role != "enterprise") {
    if (!uscc.empty())
      return "只有 enterprise 角色的账号关联企业（--enterprise / enterprise 字段只用于企业账号）/ only enterprise "
             "accounts name an enterprise";
    return {};
  }
  if (uscc.empty())
    return "enterprise 角色须指定企业的统一社会信用代码（--enterprise USCC）/ an enterprise account needs the "
           "enterprise's USCC";
  auto r = standards::validate_uscc(uscc);
  if (!r.ok()) {
    std::string why = r.issues.empty() ? std::string() : r.issues.front().message;
    return "统一社会信用代码无效 / invalid USCC '" + uscc + "': " + why;
  }
  uscc = *r.code;
  if (!enterprise_name(store, uscc)) {
    // A check character that fails GB 32100 is only a warning for imports (real registries hold such codes),
    // but a code both mistyped and unknown is most likely a typo: say so first.
    if (!r.issues.empty())
      return "统一社会信用代码 " + uscc + " 校验不通过且不在企业库中，请核对是否输错：" + r.issues.front().message +
             " / the USCC fails its check and is not in the registry: check for a typo";
    return "企业库中没有统一社会信用代码为 " + uscc + " 的企业；请先导入企业名录 / no enterprise with this USCC in the "
           "registry: import it first";
  }
  return {};
}

std::optional<std::string> enterprise_name(store::Store& store, const std::string& uscc) {
  auto years = store.years();
  for (auto it = years.rbegin(); it != years.rend(); ++it) {
    auto frame = store.snapshot(*it);
    auto pos = std::lower_bound(frame.uscc.begin(), frame.uscc.end(), uscc);  // snapshot is ordered by USCC
    if (pos != frame.uscc.end() && *pos == uscc) return frame.name[static_cast<std::size_t>(pos - frame.uscc.begin())];
  }
  return std::nullopt;
}

}  // namespace mujun::server
