#include "names.h"

#include <array>
#include <stdexcept>

#include "standards/uscc.h"

namespace genzone {
namespace {

constexpr std::array<const char*, 40> kFirst{"万", "盛", "渝", "黔", "綦", "东", "林", "桐", "青", "关",
                                              "丛", "金", "石", "川", "华", "鑫", "瑞", "恒", "宏", "泰",
                                              "嘉", "顺", "安", "博", "晶", "聚", "润", "晟", "荣", "科",
                                              "创", "正", "通", "达", "天", "峰", "源", "兴", "远", "明"};
constexpr std::array<const char*, 24> kSecond{"鑫", "源", "泰", "盛", "达", "通", "华", "宇", "恒", "辉", "锐", "诚",
                                               "邦", "德", "信", "和", "瑞", "丰", "远", "昌", "隆", "凯", "腾", "新"};
constexpr const char* kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";  // GB 32100 symbols

}  // namespace

std::string NameMaker::company(const std::string& trade, bool joint_stock) {
  for (int attempt = 0; attempt < 10000; ++attempt) {
    std::string a = kFirst[rng_.below(kFirst.size())];
    std::string b = kSecond[rng_.below(kSecond.size())];
    if (a == b) continue;
    std::string suffix = joint_stock ? "股份有限公司" : (rng_.chance(150) ? "有限责任公司" : "有限公司");
    std::string name = "重庆" + a + b + trade + suffix;
    if (used_.insert(name).second) return name;
  }
  throw std::runtime_error("NameMaker: name space exhausted for " + trade);
}

std::string make_uscc(Rng& rng, int founded, std::set<std::string>& used) {
  for (int attempt = 0; attempt < 100000; ++attempt) {
    std::string region = (founded < 2012 && rng.chance(200)) ? "500000" : "500110";
    std::string body;
    if (founded >= 2016) {
      static constexpr std::array<const char*, 3> kPrefix{"MA5U", "MA60", "MA61"};
      body = kPrefix[rng.below(kPrefix.size())];
      for (int i = 0; i < 4; ++i) body += kCharset[rng.below(31)];
    } else {
      static constexpr std::array<const char*, 8> kLead{"20", "45", "62", "66", "69", "75", "78", "55"};
      body = kLead[rng.below(kLead.size())];
      for (int i = 0; i < 6; ++i) body += static_cast<char>('0' + rng.below(10));
    }
    char oc = mujun::standards::org_code_check_char(body);
    if (oc == '\0') continue;
    std::string first17 = "91" + region + body + oc;
    char cc = mujun::standards::uscc_check_char(first17);
    if (cc == '\0') continue;  // org check 'X' is a legal USCC symbol; anything else would be skipped here
    std::string code = first17 + cc;
    if (used.insert(code).second) return code;
  }
  throw std::runtime_error("make_uscc: code space exhausted");
}

std::string with_failing_check_char(const std::string& uscc) {
  std::string s = uscc;
  char good = s[17];
  s[17] = good == 'M' ? 'N' : 'M';
  return s;
}

}  // namespace genzone
