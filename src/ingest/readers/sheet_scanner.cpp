#include "ingest/readers/sheet_scanner.h"

#include <expat.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace mujun::readers {

namespace {

enum : unsigned char {
  kNameStart = 1,  // A-Z a-z _ : and every byte >= 0x80 (checked as UTF-8 separately)
  kName = 2,       // the above and 0-9 - .
  kSpace = 4,      // XML S: space, tab, LF, CR
  kPlainText = 8,  // character data byte needing no attention (not & < ] CR, no control, ASCII)
  kPlainAttr = 16, // attribute value byte needing no attention (not & < TAB LF CR, ASCII)
};

struct Classes {
  unsigned char c[256] = {};
  constexpr Classes() {
    for (int i = 0; i < 256; ++i) {
      unsigned char v = 0;
      bool alpha = (i >= 'A' && i <= 'Z') || (i >= 'a' && i <= 'z');
      if (alpha || i == '_' || i == ':' || i >= 0x80) v |= kNameStart | kName;
      if ((i >= '0' && i <= '9') || i == '-' || i == '.') v |= kName;
      if (i == ' ' || i == '\t' || i == '\n' || i == '\r') v |= kSpace;
      if (i >= 0x20 && i < 0x80 && i != '&' && i != '<' && i != ']') v |= kPlainText;
      if (i == '\t' || i == '\n') v |= kPlainText;
      if (i >= 0x20 && i < 0x80 && i != '&' && i != '<') v |= kPlainAttr;
      c[i] = v;
    }
  }
};
constexpr Classes kClass;

inline unsigned char cls(char c) { return kClass.c[static_cast<unsigned char>(c)]; }

/// Length of the valid UTF-8 sequence at p (2–4), 0 when invalid, -1 when cut off by e.
/// Refuses what expat refuses: overlong forms, surrogates, code points past U+10FFFF, and the
/// non-characters U+FFFE and U+FFFF (not XML Chars).
int utf8_seq(const unsigned char* p, const unsigned char* e) {
  unsigned char b = p[0];
  int n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b >= 0xC2 && b <= 0xDF) n = 2;
  else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  for (int i = 1; i < n; ++i) {
    if (p + i >= e) return -1;
    unsigned char c = p[i];
    if (i == 1 ? (c < lo || c > hi) : (c < 0x80 || c > 0xBF)) return 0;
  }
  if (b == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) return 0;
  return n;
}

bool xml_char(unsigned long cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

/// Whether expat takes `name` (valid UTF-8) as an XML Name. Outside ASCII, the name characters are
/// expat's own tables (XML 1.0 4th edition, Appendix B: 中 is a name character, × and U+3000 are
/// not; fuzz finding tests/fuzz/regressions/sheet_diff-non-ascii-name), so expat is asked — only
/// for names with a byte >= 0x80, which Excel never writes.
bool expat_takes_name(std::string_view name) {
  std::string doc;
  doc.reserve(name.size() + 3);
  doc.append("<").append(name).append("/>");
  XML_Parser x = XML_ParserCreate(nullptr);
  if (!x) throw std::bad_alloc();
  bool ok = XML_Parse(x, doc.data(), static_cast<int>(doc.size()), 1) == XML_STATUS_OK;
  XML_ParserFree(x);
  return ok;
}

std::string_view local_of(std::string_view qname) {
  auto colon = qname.rfind(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

bool starts(const char* p, const char* e, std::string_view s) {
  return static_cast<std::size_t>(e - p) >= s.size() && std::memcmp(p, s.data(), s.size()) == 0;
}

/// `s` is a prefix of [p, e) or [p, e) is a prefix of `s` (more bytes could still make it match).
bool may_start(const char* p, const char* e, std::string_view s) {
  std::size_t n = std::min(static_cast<std::size_t>(e - p), s.size());
  return std::memcmp(p, s.data(), n) == 0;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

/// The XML declaration's pseudo-attributes as expat accepts them (XML 1.0 §2.8, §4.3.3):
/// version, then optionally encoding, then optionally standalone ("yes"/"no"), in that order.
/// `body` is what stands between "<?xml" and "?>".
bool xml_declaration_ok(std::string_view body) {
  std::size_t i = 0;
  auto space = [&] {
    std::size_t from = i;
    while (i < body.size() && (cls(body[i]) & kSpace)) ++i;
    return i > from;
  };
  auto pseudo = [&](std::string_view name, std::string_view& value) {
    std::size_t save = i;
    if (!space() || body.substr(i, name.size()) != name) {
      i = save;
      return false;
    }
    i += name.size();
    space();
    if (i >= body.size() || body[i] != '=') return i = save, false;
    ++i;
    space();
    if (i >= body.size() || (body[i] != '"' && body[i] != '\'')) return i = save, false;
    auto close = body.find(body[i], i + 1);
    if (close == std::string_view::npos) return i = save, false;
    value = body.substr(i + 1, close - i - 1);
    i = close + 1;
    return true;
  };
  // every pseudo-attribute value is [A-Za-z0-9._-]* (expat 2.5 xmltok.c parsePseudoAttribute): an empty
  // version="" passes, "1:0" does not (fuzz finding tests/fuzz/regressions/sheet_diff-empty-xml-version)
  auto value_chars = [](std::string_view v) {
    for (char c : v)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
            c == '-'))
        return false;
    return true;
  };
  std::string_view v;
  if (!pseudo("version", v) || !value_chars(v)) return false;
  if (pseudo("encoding", v)) {  // and it starts with a letter
    bool alpha = !v.empty() && ((v[0] >= 'a' && v[0] <= 'z') || (v[0] >= 'A' && v[0] <= 'Z'));
    if (!alpha || !value_chars(v)) return false;
  }
  if (pseudo("standalone", v) && v != "yes" && v != "no") return false;
  space();
  return i == body.size();
}

}  // namespace

XmlSyntaxError::XmlSyntaxError(std::string file, std::string part, std::uint64_t offset,
                               const std::string& why)
    : ReaderError("reader.xml", file, part,
                  fmt::format("文件 {} 的部件 {} 第 {} 字节处 XML 格式错误（{}），文件已损坏或不完整。请在 Excel/WPS "
                              "中打开后另存为 .xlsx，或重新导出。 / Part {} of {} is malformed XML at byte {} ({}): "
                              "the file is damaged or incomplete. Re-save it as .xlsx in Excel/WPS, or export "
                              "it again.",
                              file, part, offset, why, part, file, offset, why)),
      offset_(offset) {}

SheetScanner::SheetScanner(SheetRowHandler& handler, std::string file, std::string part)
    : handler_(handler), file_(std::move(file)), part_(std::move(part)) {}

bool SheetScanner::reads(std::string_view head) {
  if (head.starts_with("\xFE\xFF") || head.starts_with("\xFF\xFE")) return false;
  if (head.size() >= 2 && (head[0] == '\0' || head[1] == '\0')) return false;  // UTF-16 without BOM
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  if (!head.starts_with("<?xml")) return true;
  auto end = head.find("?>");
  // a declaration running past the head may name its encoding further on: expat's (fuzz finding
  // tests/fuzz/regressions/sheet_diff-encoding-past-head, encoding="UTF-9" after a 50-digit version)
  if (end == std::string_view::npos) return false;
  std::string_view decl = head.substr(0, end);
  auto enc = decl.find("encoding");
  if (enc == std::string_view::npos) return true;
  auto q = decl.find_first_of("\"'", enc);
  if (q == std::string_view::npos) return true;  // malformed: the scanner refuses it
  auto q2 = decl.find(decl[q], q + 1);
  std::string_view name = decl.substr(q + 1, q2 == std::string_view::npos ? 0 : q2 - q - 1);
  // only the name expat knows (case-insensitive "UTF-8"); "UTF8" is an unknown encoding to expat,
  // which refuses it — fuzz finding tests/fuzz/regressions/sheet_diff-encoding-utf8-no-hyphen
  return iequals(name, "utf-8");
}

void SheetScanner::fail(const char* at, const char* why) const {
  throw XmlSyntaxError(file_, part_, base_ + static_cast<std::uint64_t>(at - buf_), why);
}

void SheetScanner::feed(const char* data, std::size_t n, bool final) {
  if (pending_.empty()) {
    std::size_t used = scan(data, data + n, final);
    pending_.assign(data + used, n - used);
    base_ += used;
  } else {
    pending_.append(data, n);
    std::size_t used = scan(pending_.data(), pending_.data() + pending_.size(), final);
    pending_.erase(0, used);
    base_ += used;
  }
  if (pending_.size() > kMaxMarkup) {
    buf_ = pending_.data();
    fail(buf_, "a tag, comment or CDATA section longer than 4 MiB");
  }
}

std::size_t SheetScanner::scan(const char* begin, const char* e, bool final) {
  buf_ = begin;
  const char* p = begin;
  if (!started_) {
    // a byte-order mark, then perhaps the XML declaration (the only place it may stand)
    if (!final && e - p < 9) return 0;
    if (starts(p, e, "\xEF\xBB\xBF")) p += 3;
    if (starts(p, e, "<?xml") && e - p > 5 && (cls(p[5]) & kSpace)) {
      const char* q = pi(p, e);
      if (q && !xml_declaration_ok(std::string_view(p + 5, static_cast<std::size_t>(q - 2 - (p + 5)))))
        fail(p, "malformed XML declaration");
      if (!q) {
        if (final) fail(p, "unclosed XML declaration");
        if (static_cast<std::size_t>(e - p) > kMaxMarkup) fail(p, "XML declaration longer than 4 MiB");
        return 0;
      }
      p = q;
    }
    started_ = true;
  }
  while (p < e) {
    if (doctype_) break;
    if (*p == '<') {
      const char* q = markup(p, e);
      if (!q) break;  // incomplete: wait for more bytes
      p = q;
      continue;
    }
    const char* lt = static_cast<const char*>(std::memchr(p, '<', static_cast<std::size_t>(e - p)));
    const char* stop = lt ? lt : (final ? e : text_cut(p, e));
    if (stop > p) text(p, stop);
    p = stop;
    if (!lt) break;
  }
  if (doctype_) {
    doctype_feed(p, e, final);
    return static_cast<std::size_t>(e - begin);
  }
  if (final) {
    if (p < e) fail(p, "unclosed token");
    if (!root_open_) fail(p, "no element found");
    if (!root_closed_) fail(p, "unclosed element");
  }
  return static_cast<std::size_t>(p - begin);
}

void SheetScanner::doctype_feed(const char* p, const char* e, bool final) {
  try {
    doctype_->feed(p, static_cast<std::size_t>(e - p), final);
  } catch (const XmlSyntaxError&) {
    throw;
  } catch (const ReaderError& err) {
    if (err.code() != "reader.xml") throw;  // reader.xml_entity: expat read a DOCTYPE
    throw XmlSyntaxError(file_, part_, doctype_at_, "malformed DOCTYPE declaration");
  }
  // a DOCTYPE header is never a complete document: expat always throws on the final chunk
  if (final) throw XmlSyntaxError(file_, part_, doctype_at_, "malformed DOCTYPE declaration");
}

const char* SheetScanner::text_cut(const char* p, const char* e) const {
  // Keep back what the next chunk may complete: a reference without its ';', a CR (CR LF is one
  // line end), "]" or "]]" (of "]]>"), and an unfinished UTF-8 sequence.
  const char* cut = e;
  const char* from = e - p > 40 ? e - 40 : p;
  for (const char* a = e; a > from;) {
    --a;
    if (*a == ';') break;
    if (*a == '&') {
      cut = a;
      break;
    }
  }
  if (cut > p && cut[-1] == '\r') --cut;
  for (int k = 0; k < 2 && cut > p && cut[-1] == ']'; ++k) --cut;
  for (int k = 1; k <= 3 && cut - k >= p; ++k) {
    auto b = static_cast<unsigned char>(cut[-k]);
    if (b < 0x80) break;
    if (b >= 0xC0) {  // a lead byte: complete when its sequence fits
      int need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
      if (need > k) cut -= k;
      break;
    }
  }
  return cut;
}

const char* SheetScanner::markup(const char* p, const char* e) {
  if (e - p < 2) return nullptr;
  char c = p[1];
  const char* q;
  if (c == '/') {
    q = end_tag(p, e);
  } else if (c == '!') {
    if (may_start(p, e, "<!--") && e - p < 4) return nullptr;
    if (starts(p, e, "<!--")) {
      q = comment(p, e);
    } else if (may_start(p, e, "<![CDATA[")) {
      if (e - p < 9) return nullptr;
      if (!root_open_ || root_closed_) fail(p, "CDATA section outside the root element");
      q = cdata(p, e);
    } else if (may_start(p, e, "<!DOCTYPE")) {
      if (e - p < 9) return nullptr;
      if (root_open_ || root_closed_) fail(p, "DOCTYPE inside the document");
      // expat's verdict, fed from here on (scan() hands it every further byte)
      doctype_ = std::make_unique<XmlStream>(no_xml_, file_, part_);
      doctype_at_ = base_ + static_cast<std::uint64_t>(p - buf_);
      return p;
    } else {
      fail(p, "invalid markup after '<!'");
    }
  } else if (c == '?') {
    q = pi(p, e);
  } else if (cls(c) & kNameStart) {
    q = start_tag(p, e);
  } else {
    fail(p, "'<' not followed by a name");
  }
  // the same limit whether the construct arrived in one chunk or many
  if (static_cast<std::size_t>((q ? q : e) - p) > kMaxMarkup)
    fail(p, "a tag, comment or CDATA section longer than 4 MiB");
  return q;
}

void SheetScanner::check_chars(const char* p, const char* e) {
  auto* u = reinterpret_cast<const unsigned char*>(p);
  auto* ue = reinterpret_cast<const unsigned char*>(e);
  while (u < ue) {
    unsigned char b = *u;
    if (b >= 0x80) {
      int n = utf8_seq(u, ue);
      if (n <= 0) fail(reinterpret_cast<const char*>(u), "invalid UTF-8");
      u += n;
    } else if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
      fail(reinterpret_cast<const char*>(u), "a control character");
    } else {
      ++u;
    }
  }
}

const char* SheetScanner::reference(const char* p, const char* e, std::string* out) {
  // p at '&'; [p, e) holds the whole run, so a missing ';' is an error
  const char* semi = static_cast<const char*>(std::memchr(p, ';', static_cast<std::size_t>(std::min<std::ptrdiff_t>(e - p, 40))));
  if (!semi) fail(p, "'&' not starting a reference");
  std::string_view name(p + 1, static_cast<std::size_t>(semi - p - 1));
  if (!name.empty() && name[0] == '#') {
    unsigned long cp = 0;
    bool hex = name.size() > 1 && name[1] == 'x';
    std::size_t i = hex ? 2 : 1;
    if (i >= name.size()) fail(p, "empty character reference");
    for (; i < name.size(); ++i) {
      char ch = name[i];
      int d;
      if (ch >= '0' && ch <= '9') d = ch - '0';
      else if (hex && ch >= 'a' && ch <= 'f') d = ch - 'a' + 10;
      else if (hex && ch >= 'A' && ch <= 'F') d = ch - 'A' + 10;
      else fail(p, "bad character reference");
      cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(d);
      if (cp > 0x10FFFF) fail(p, "character reference past U+10FFFF");
    }
    if (!xml_char(cp)) fail(p, "reference to an invalid character");
    if (out) append_utf8(*out, cp);
  } else {
    char ch;
    if (name == "lt") ch = '<';
    else if (name == "gt") ch = '>';
    else if (name == "amp") ch = '&';
    else if (name == "apos") ch = '\'';
    else if (name == "quot") ch = '"';
    else fail(p, "undefined entity");
    if (out) out->push_back(ch);
  }
  return semi + 1;
}

void SheetScanner::text(const char* p, const char* e) {
  if (!root_open_ || root_closed_) {  // outside the root only white space may stand
    for (const char* q = p; q < e; ++q)
      if (!(cls(*q) & kSpace)) fail(q, root_closed_ ? "junk after document element" : "text before the root element");
    return;
  }
  const bool keep = handler_.wants_text();
  const char* q = p;
  while (q < e && (cls(*q) & kPlainText)) ++q;
  if (q == e) {  // the usual case: nothing to decode
    if (keep) handler_.text(std::string_view(p, static_cast<std::size_t>(e - p)));
    return;
  }
  std::string* out = keep ? &text_buf_ : nullptr;
  text_buf_.clear();
  if (out) out->append(p, q);
  while (q < e) {
    const char* run = q;
    while (q < e && (cls(*q) & kPlainText)) ++q;
    if (out && q > run) out->append(run, q);
    if (q == e) break;
    auto b = static_cast<unsigned char>(*q);
    if (b == '&') {
      q = reference(q, e, out);
    } else if (b == '\r') {
      if (out) out->push_back('\n');
      ++q;
      if (q < e && *q == '\n') ++q;
    } else if (b == ']') {
      if (e - q >= 3 && q[1] == ']' && q[2] == '>') fail(q, "']]>' in text");
      if (out) out->push_back(']');
      ++q;
    } else if (b >= 0x80) {
      int n = utf8_seq(reinterpret_cast<const unsigned char*>(q), reinterpret_cast<const unsigned char*>(e));
      if (n <= 0) fail(q, "invalid UTF-8");
      if (out) out->append(q, static_cast<std::size_t>(n));
      q += n;
    } else {
      fail(q, "a control character");  // '<' cannot be in a run
    }
  }
  if (keep) handler_.text(text_buf_);
}

void SheetScanner::attr_value(const char* p, const char* e, RawAttr& a) {
  const char* q = p;
  while (q < e && (cls(*q) & kPlainAttr)) ++q;
  if (q == e) {
    a.value = p;
    a.len = static_cast<std::size_t>(e - p);
    return;
  }
  a.value = nullptr;
  a.offset = attr_buf_.size();
  attr_buf_.append(p, q);
  while (q < e) {
    const char* run = q;
    while (q < e && (cls(*q) & kPlainAttr)) ++q;
    attr_buf_.append(run, q);
    if (q == e) break;
    auto b = static_cast<unsigned char>(*q);
    if (b == '&') {
      q = reference(q, e, &attr_buf_);
    } else if (b == '<') {
      fail(q, "'<' in an attribute value");
    } else if (b == '\r' || b == '\n' || b == '\t') {
      attr_buf_.push_back(' ');
      if (b == '\r' && q + 1 < e && q[1] == '\n') ++q;
      ++q;
    } else if (b >= 0x80) {
      int n = utf8_seq(reinterpret_cast<const unsigned char*>(q), reinterpret_cast<const unsigned char*>(e));
      if (n <= 0) fail(q, "invalid UTF-8");
      attr_buf_.append(q, static_cast<std::size_t>(n));
      q += n;
    } else {
      fail(q, "a control character");
    }
  }
  a.len = attr_buf_.size() - a.offset;
}

const char* SheetScanner::start_tag(const char* p, const char* e) {
  const char* q = p + 1;
  while (q < e && (cls(*q) & kName)) ++q;
  if (q == e) return nullptr;
  std::string_view qname(p + 1, static_cast<std::size_t>(q - p - 1));
  raw_.clear();
  attr_buf_.clear();
  bool empty = false;
  for (;;) {
    const char* ws = q;
    while (q < e && (cls(*q) & kSpace)) ++q;
    if (q == e) return nullptr;
    if (*q == '>') {
      ++q;
      break;
    }
    if (*q == '/') {
      if (q + 1 == e) return nullptr;
      if (q[1] != '>') fail(q, "'/' not followed by '>'");
      q += 2;
      empty = true;
      break;
    }
    if (q == ws) fail(q, "no white space before an attribute");
    if (!(cls(*q) & kNameStart)) fail(q, "bad attribute name");
    const char* name = q;
    while (q < e && (cls(*q) & kName)) ++q;
    RawAttr a{name, static_cast<std::size_t>(q - name), nullptr, 0, 0};
    while (q < e && (cls(*q) & kSpace)) ++q;
    if (q == e) return nullptr;
    if (*q != '=') fail(q, "attribute without '='");
    ++q;
    while (q < e && (cls(*q) & kSpace)) ++q;
    if (q == e) return nullptr;
    char quote = *q;
    if (quote != '"' && quote != '\'') fail(q, "attribute value not quoted");
    ++q;
    const char* close = static_cast<const char*>(std::memchr(q, quote, static_cast<std::size_t>(e - q)));
    if (!close) return nullptr;
    attr_value(q, close, a);
    raw_.push_back(a);
    q = close + 1;
  }
  // names: valid UTF-8 when not ASCII, and no attribute twice
  check_chars(qname.data(), qname.data() + qname.size());
  if (!ascii(qname) && !expat_takes_name(qname)) fail(p + 1, "not an XML name");
  for (const auto& a : raw_) {
    std::string_view name(a.name, a.name_len);
    check_chars(a.name, a.name + a.name_len);
    if (!ascii(name) && !expat_takes_name(name)) fail(a.name, "not an XML name");
  }
  if (raw_.size() > 1) {
    if (raw_.size() <= 8) {
      for (std::size_t i = 0; i < raw_.size(); ++i)
        for (std::size_t j = i + 1; j < raw_.size(); ++j)
          if (std::string_view(raw_[i].name, raw_[i].name_len) == std::string_view(raw_[j].name, raw_[j].name_len))
            fail(raw_[j].name, "duplicate attribute");
    } else {
      std::vector<std::string_view> names;
      for (const auto& a : raw_) names.emplace_back(a.name, a.name_len);
      std::sort(names.begin(), names.end());
      if (std::adjacent_find(names.begin(), names.end()) != names.end()) fail(p, "duplicate attribute");
    }
  }
  if (root_closed_) fail(p, "junk after document element");
  root_open_ = true;
  attrs_.clear();
  for (const auto& a : raw_)
    attrs_.push_back({local_of({a.name, a.name_len}),
                      a.value ? std::string_view(a.value, a.len) : std::string_view(attr_buf_.data() + a.offset, a.len)});
  std::string_view local = local_of(qname);
  handler_.start_element(local, attrs_.data(), attrs_.size());
  if (empty) {
    handler_.end(local);
    if (stack_len_.empty()) root_closed_ = true;
  } else {
    if (stack_.size() + qname.size() > kMaxStackBytes) fail(p, "elements nested too deep");
    stack_.append(qname);
    stack_len_.push_back(static_cast<std::uint32_t>(qname.size()));
  }
  return q;
}

const char* SheetScanner::end_tag(const char* p, const char* e) {
  const char* q = p + 2;
  if (q == e) return nullptr;
  if (!(cls(*q) & kNameStart)) fail(q, "bad end tag");
  while (q < e && (cls(*q) & kName)) ++q;
  std::string_view qname(p + 2, static_cast<std::size_t>(q - p - 2));
  while (q < e && (cls(*q) & kSpace)) ++q;
  if (q == e) return nullptr;
  if (*q != '>') fail(q, "bad end tag");
  if (stack_len_.empty()) fail(p, "end tag without a start tag");
  std::size_t len = stack_len_.back();
  if (std::string_view(stack_).substr(stack_.size() - len) != qname) fail(p, "mismatched tag");
  stack_.resize(stack_.size() - len);
  stack_len_.pop_back();
  handler_.end(local_of(qname));
  if (stack_len_.empty()) root_closed_ = true;
  return q + 1;
}

const char* SheetScanner::comment(const char* p, const char* e) {
  const char* from = p + 4;
  const void* hit = memmem(from, static_cast<std::size_t>(e - from), "--", 2);
  if (!hit) return nullptr;
  auto* dd = static_cast<const char*>(hit);
  if (dd + 2 == e) return nullptr;
  if (dd[2] != '>') fail(dd, "'--' inside a comment");
  check_chars(from, dd);
  return dd + 3;
}

const char* SheetScanner::pi(const char* p, const char* e) {
  const char* q = p + 2;
  if (q == e) return nullptr;
  if (!(cls(*q) & kNameStart)) fail(q, "bad processing instruction");
  while (q < e && (cls(*q) & kName)) ++q;
  if (q == e) return nullptr;
  std::string_view target(p + 2, static_cast<std::size_t>(q - p - 2));
  const void* hit = memmem(q, static_cast<std::size_t>(e - q), "?>", 2);
  if (!hit) return nullptr;
  auto* end = static_cast<const char*>(hit);
  if (end != q && !(cls(*q) & kSpace)) fail(q, "bad processing instruction");
  if (iequals(target, "xml") && started_) fail(p, "XML declaration not at the start");
  check_chars(p + 2, end);
  if (!ascii(target) && !expat_takes_name(target)) fail(p + 2, "not an XML name");
  return end + 2;
}

const char* SheetScanner::cdata(const char* p, const char* e) {
  const char* from = p + 9;
  const void* hit = memmem(from, static_cast<std::size_t>(e - from), "]]>", 3);
  if (!hit) return nullptr;
  auto* end = static_cast<const char*>(hit);
  check_chars(from, end);
  if (handler_.wants_text()) {
    text_buf_.clear();
    for (const char* q = from; q < end; ++q) {
      if (*q == '\r') {
        text_buf_.push_back('\n');
        if (q + 1 < end && q[1] == '\n') ++q;
      } else {
        text_buf_.push_back(*q);
      }
    }
    handler_.text(text_buf_);
  }
  return end + 3;
}

}  // namespace mujun::readers
