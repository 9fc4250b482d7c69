#include "ingest/importer.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <set>

#include "domain/metric.h"
#include "domain/sha256.h"
#include "ingest/aliases.h"
#include "ingest/plausibility.h"
#include "ingest/readers/header.h"
#include "ingest/readers/table_reader.h"
#include "ingest/row_parse.h"
#include "ingest/units.h"

namespace mujun::ingest {
namespace {

std::string base_name(const std::string& p) { return std::filesystem::path(p).filename().string(); }

Issue file_issue(const std::string& file, const std::string& sheet, std::string code, std::string msg) {
  return Issue{file, sheet, 0, "", "", std::move(code), std::move(msg), Severity::Error};
}

// Matches a header label; a multi-row header "2024年/工业总产值（万元）" is matched on its last part,
// and a year in an upper part ("2024年") becomes the column's year.
HeaderMatch match_label(const std::string& label) {
  HeaderMatch m = match_header(label);
  auto slash = label.rfind('/');
  if (m.kind != HeaderKind::Unknown || slash == std::string::npos) return m;
  HeaderMatch last = match_header(label.substr(slash + 1));
  if (last.kind == HeaderKind::Unknown) return m;
  last.label = label;
  for (auto& is : last.issues) is.column = label;
  if (!last.year) {
    static const std::regex year_re("(19[5-9][0-9]|20[0-9]{2}) *年");
    std::smatch ym;
    std::string upper = label.substr(0, slash);
    if (std::regex_search(upper, ym, year_re)) last.year = std::stoi(ym[1]);
  }
  return last;
}

// Infers the source agency from the mapped columns (the report says it was inferred).
std::string infer_source(const std::vector<ColumnMap>& cols) {
  std::set<std::string> metrics;
  bool parcel = false, cert = false, support = false, registry = false;
  for (auto& c : cols) {
    switch (c.match.kind) {
      case HeaderKind::Metric: metrics.insert(c.match.id); break;
      case HeaderKind::Area: case HeaderKind::ParcelId: case HeaderKind::Tenure: parcel = true; break;
      case HeaderKind::CertType: cert = true; break;
      case HeaderKind::SupportAmount: case HeaderKind::SupportProgram: support = true; break;
      case HeaderKind::IndustryCode: case HeaderKind::Township: case HeaderKind::StartYear: registry = true; break;
      default: break;
    }
  }
  if (parcel) return "land";
  if (cert) return "certificates";
  if (support) return "support";
  auto only = [&](std::initializer_list<const char*> ids) {
    if (metrics.empty()) return false;
    for (auto& m : metrics)
      if (std::none_of(ids.begin(), ids.end(), [&](const char* x) { return m == x; })) return false;
    return true;
  };
  if (only({"tax_paid"})) return "tax";
  if (only({"electricity"})) return "energy";
  if (only({"emissions", "emissions_cod", "emissions_ammonia_nitrogen", "emissions_so2", "emissions_nox"}))
    return "emissions";
  if (metrics.empty() && registry) return "registry";
  if (!metrics.empty()) {
    bool science = true;
    for (auto& m : metrics) {
      auto* info = find_metric(m);
      if (!info || info->source != "certificates") science = false;
    }
    if (science) return "certificates";
  }
  return "statistics";
}

int year_from_name(const std::string& file) {
  static const std::regex re("(20[0-9]{2})");
  std::string name = base_name(file);
  std::set<int> years;
  for (auto it = std::sregex_iterator(name.begin(), name.end(), re); it != std::sregex_iterator(); ++it)
    years.insert(std::stoi((*it)[1]));
  return years.size() == 1 ? *years.begin() : 0;
}

std::string support_metric(const std::string& program) {
  if (program.find("贷") != std::string::npos) return "support_credit_loan";
  if (program.find("奖") != std::string::npos) return "support_reward";
  if (program.find("补") != std::string::npos) return "support_subsidy";
  return "support_amount";
}

std::string fmt_decimal(Decimal d, const std::string& metric) {
  auto* info = find_metric(metric);
  return d.to_string() + (info ? std::string(info->unit_zh) : std::string());
}

// Reads one file and writes its rows into the open batch of `session` as they are validated:
// nothing of the file is held in memory but the report (bounded, import_report.h).
class FileImporter {
 public:
  FileImporter(const std::string& path, const ImportOptions& opt, FileReport& r, store::ImportSession& session)
      : path_(path), opt_(opt), r_(r), session_(session) {}

  void run() {
    auto& r = r_;
    std::unique_ptr<readers::TableReader> table;
    try {
      table = readers::open_table(path_);
    } catch (const readers::ReaderError& e) {
      r.file_error = true;
      r.error(file_issue(path_, e.where(), e.code(), e.what()));
      return;
    }
    r.encoding = table->format() == readers::TableFormat::Xlsx ? "xlsx" : table->encoding();
    bool any_sheet = false;
    try {
      for (const auto& s : table->sheets()) {
        if (s.hidden && !opt_.include_hidden) {
          r.skipped_sheets.push_back(s.name + "（隐藏工作表，未导入；需要时用 --include-hidden / hidden sheet skipped）");
          continue;
        }
        table->open_sheet(s.index);
        if (import_sheet(*table, s.name)) any_sheet = true;
      }
    } catch (const readers::ReaderError& e) {
      r.file_error = true;
      r.error(file_issue(path_, e.where(), e.code(), e.what()));
      return;
    }
    if (!any_sheet && !r.file_error) {
      r.file_error = true;
      r.error(file_issue(path_, "", "file.no_table",
                                    "文件中没有可识别的数据表：找不到含“统一社会信用代码”（或 社会信用代码 / 纳税人识别号）列的表头。"
                                    "请检查表头文字，或在 data/header-aliases.toml 中添加别名 / no sheet with a USCC column"));
    }
  }

 private:
  // Returns true when the sheet held a table that was imported (or rejected row by row).
  bool import_sheet(readers::TableReader& t, const std::string& sheet) {
    auto& r = r_;
    std::vector<readers::Row> head;
    readers::Row row;
    while (head.size() < 15 && t.next(row)) head.push_back(row);
    if (head.empty()) {
      r.skipped_sheets.push_back(sheet + "（空工作表 / empty）");
      return false;
    }
    auto known = [](std::string_view label) { return match_label(std::string(label)).kind != HeaderKind::Unknown ? 1 : 0; };
    auto header = readers::detect_header(head, t.merges(), known);
    std::vector<ColumnMap> cols;
    bool has_uscc = false;
    std::set<int> header_years;
    for (std::size_t i = 0; i < header.labels.size(); ++i) {
      const auto& label = header.labels[i];
      if (label.empty()) continue;
      HeaderMatch m = match_label(label);
      for (auto& is : m.issues) {
        is.file = path_;
        is.sheet = sheet;
        is.row = header.last_row;
        if (is.severity == Severity::Error) {
          r.file_error = true;
          r.error(is);
        } else {
          r.warn(is);
        }
      }
      if (m.kind == HeaderKind::Unknown) {
        r.unknown_columns.push_back(sheet + "!" + readers::column_letters(static_cast<int>(i)) + " " + label);
        continue;
      }
      if (m.kind == HeaderKind::Uscc) has_uscc = true;
      if (m.year) header_years.insert(m.year);
      if (m.unit && (m.kind == HeaderKind::Metric || m.kind == HeaderKind::Area || m.kind == HeaderKind::SupportAmount)) {
        std::string target = m.kind == HeaderKind::Area ? "land_area" : m.id;
        r.conversions.push_back(label + " → " + target + "：" + describe_conversion(*m.unit));
      }
      cols.push_back({static_cast<int>(i), std::move(m)});
    }
    if (!has_uscc) {
      bool anything = std::any_of(cols.begin(), cols.end(), [](auto& c) { return c.match.kind == HeaderKind::Metric; });
      if (anything) {
        r.file_error = true;
        r.error(file_issue(path_, sheet, "header.no_uscc",
                                      "工作表“" + sheet + "”有指标列但没有“统一社会信用代码”列，无法对应到企业；请加上该列 / "
                                      "the sheet has metric columns but no USCC column"));
        return true;
      }
      r.skipped_sheets.push_back(sheet + "（无“统一社会信用代码”列，不是数据表 / no USCC column）");
      return false;
    }
    // Source and year of this sheet.
    std::string source = opt_.source.empty() ? infer_source(cols) : opt_.source;
    if (r.source.empty()) r.source = source;
    auto has_kind = [&](std::initializer_list<HeaderKind> kinds) {
      return std::any_of(cols.begin(), cols.end(), [&](auto& c) {
        return std::find(kinds.begin(), kinds.end(), c.match.kind) != kinds.end();
      });
    };
    bool has_year_col = has_kind({HeaderKind::Year});
    // Values of a period need a year; registry attributes and certificates (which carry their own
    // dates) do not; support records take it from their date; undated land parcels get year 0 and
    // count for every year until a dated land file replaces them (store/store.h snapshot rule).
    bool needs_year = has_kind({HeaderKind::Metric, HeaderKind::AboveScale, HeaderKind::Flag}) ||
                      (has_kind({HeaderKind::SupportAmount}) && !has_kind({HeaderKind::SupportDate}));
    int year = opt_.year;
    if (!year && header_years.size() == 1) year = *header_years.begin();
    if (!year && !has_year_col) year = year_from_name(path_);
    if (!year && !has_year_col && needs_year) {
      r.file_error = true;
      r.error(file_issue(path_, sheet, "file.no_year",
                                    "无法判断数据所属年份：文件没有“年份/所属期”列，表头与文件名中也没有年份。请用 --year 指定，"
                                    "如 --year 2024 / cannot tell the year: give --year"));
      return true;
    }
    if (!r.year) r.year = year;

    auto process = [&](const readers::Row& dr) {
      if (dr.number <= header.last_row) return;
      bool blank = std::all_of(dr.cells.begin(), dr.cells.end(), [](const readers::Cell& c) {
        return c.empty() || (c.kind == readers::CellKind::Text && c.text.find_first_not_of(" \t\r\n") == std::string::npos);
      });
      if (blank) return;
      ++r.rows_total;
      if (opt_.progress && r.rows_total % 50000 == 0) opt_.progress(path_, r.rows_total);
      ParsedRow p = parse_row(dr, cols, path_, sheet);
      if (!p.year && p.has_support && !p.support_date.empty()) p.year = std::stoi(p.support_date.substr(0, 4));
      if (!p.year) p.year = year;
      if (!p.year && p.has_support && p.support_amount)
        p.errors.push_back(Issue{path_, sheet, dr.number, "", "", "file.no_year",
                                 "政策支持记录没有日期，也没有用 --year 指定年份 / a support record without a date or --year",
                                 Severity::Error});
      if (p.uscc.empty())
        p.errors.push_back(Issue{path_, sheet, dr.number, "统一社会信用代码", "", "uscc.empty",
                                 "缺少统一社会信用代码，无法对应到企业；请补上 18 位代码 / the USCC is missing",
                                 Severity::Error});
      check_row(p, path_, sheet);
      finish_row(p, dr, header.labels, sheet, source);
    };
    for (auto& hr : head) process(hr);
    while (t.next(row)) process(row);
    return true;
  }

  // Duplicates within the file, then the row's records into the batch.
  void finish_row(ParsedRow& p, const readers::Row& dr, const std::vector<std::string>& labels,
                  const std::string& sheet, const std::string& source) {
    auto& r = r_;
    // Key of "the same thing" within one file.
    std::string key = p.uscc + "|" + std::to_string(p.year);
    if (p.has_parcel) key += "|parcel|" + p.parcel_id;
    if (p.has_certificate) key += "|cert|" + p.certificate.tier + "|" + p.certificate.number;
    if (p.has_support) key += "|support|" + std::to_string(p.row);  // support records add up
    if (p.errors.empty()) {
      std::string fingerprint;
      for (auto& c : dr.cells) fingerprint += cell_display(c) + "\x1f";
      // Kept on disk per row (ImportSession::first_seen): 128 bits of its SHA-256, not its text.
      fingerprint = sha256_hex(fingerprint).substr(0, 32);
      if (auto first = session_.first_seen(key, p.row, fingerprint)) {
        if (first->second) {
          r.warn(Issue{path_, sheet, p.row, "", "", "duplicate.identical",
                       "与第 " + std::to_string(first->first) + " 行完全相同，已忽略本行 / identical to row " +
                           std::to_string(first->first) + ", ignored",
                       Severity::Warning});
          ++r.rows_accepted;
          return;
        }
        p.errors.push_back(Issue{path_, sheet, p.row, "", "", "duplicate.conflict",
                                 "同一企业、同一年份在第 " + std::to_string(first->first) +
                                     " 行已有一行且数值不同；请删除错误的一行后重新导入（已保留先出现的一行）/ another row for the "
                                     "same enterprise and year with different values",
                                 Severity::Error});
      }
    }
    if (!p.errors.empty()) {
      ++r.rows_rejected;
      store::RejectedRowRecord rr;
      rr.file = path_;
      rr.sheet = sheet;
      rr.row = p.row;
      rr.header = labels;
      for (std::size_t i = 0; i < labels.size(); ++i) rr.cells.push_back(cell_display(dr.at(i)));
      for (auto& e : p.errors) rr.errors.push_back({p.row, e.column, e.raw_value, e.code, e.message, ""});
      session_.add_rejected_row(rr);
      for (auto& e : p.errors) r.error(std::move(e));
      return;
    }
    ++r.rows_accepted;
    for (auto& w : p.warnings) r.warn(std::move(w));
    // A land file's 权利人 is the owner of the parcel — for leased land the landlord, not the user —
    // so land files never name the enterprise.
    session_.add_enterprise({p.uscc, source == "land" ? std::string() : p.name, p.industry_code, p.township,
                             p.start_year},
                            r.source);
    for (auto& [m, v] : p.metrics) session_.add_fact({p.uscc, p.year, m, source, v});
    if (p.above_scale || !p.flags.empty()) session_.add_status({p.uscc, p.year, p.above_scale, p.flags});
    if (p.has_parcel && p.area_m2)
      session_.add_parcel({p.uscc, p.parcel_id, *p.area_m2, p.tenure.empty() ? "owned" : p.tenure, p.year});
    if (p.has_certificate) session_.add_certificate(p.uscc, p.certificate);
    // Support records add up per enterprise, year and programme.
    if (p.has_support && p.support_amount)
      session_.add_fact({p.uscc, p.year, support_metric(p.support_program), source, *p.support_amount}, true);
  }

  const std::string& path_;
  const ImportOptions& opt_;
  FileReport& r_;
  store::ImportSession& session_;
};

// Facts that disagree with a value another source gave for the same enterprise, year and metric
// (in an earlier batch, or an earlier file of this import): both are kept; the report says which
// one the snapshot uses (store precedence).
void report_conflicts(store::Store& st, store::ImportSession& session, long long batch_id, FileReport& r) {
  std::string metric;
  std::vector<std::string> order;
  session.conflicts(batch_id, [&](const store::FactConflict& c) {
    const auto& f = c.mine;
    const auto& e = c.other;
    if (f.metric != metric) {
      metric = f.metric;
      order = st.precedence(metric);
    }
    auto rank = [&](const std::string& s) { return std::find(order.begin(), order.end(), s) - order.begin(); };
    const std::string& winner = rank(f.source) < rank(e.source) ? f.source : e.source;
    r.warn(Issue{r.file, "", 0, f.metric, fmt_decimal(f.value, f.metric), "conflict.source",
                 f.uscc + " " + std::to_string(f.year) + " 年 " + f.metric + "：本文件（" + f.source + "）为 " +
                     fmt_decimal(f.value, f.metric) + "，" + e.source + " 已有 " + fmt_decimal(e.value, f.metric) +
                     "；两者都保留，按优先顺序采用 " + winner + " 的值 / conflicting sources, both kept, " + winner + " used",
                 Severity::Warning});
  });
}

}  // namespace

const std::vector<std::string>& known_sources() {
  static const std::vector<std::string> k{"statistics", "tax", "land", "energy", "emissions",
                                          "certificates", "registry", "support"};
  return k;
}

namespace {

// Reads, validates and writes one file into its own batch of `session`; returns true when the
// batch is kept (end_batch), false when it was dropped or never begun.
bool import_one(store::Store& st, store::ImportSession& session, const std::string& file, const ImportOptions& opt,
                std::set<std::string>& hashes_this_run, FileReport& r, long long& batch_id) {
  r.file = file;
  try {
    r.sha256 = sha256_file(file);
  } catch (const std::exception& e) {
    r.file_error = true;
    r.error(file_issue(file, "", "reader.not_found", "无法读取文件（不存在或无权限）/ cannot read the file: " + file));
    return false;
  }
  if (auto prev = st.find_batch_by_sha256(r.sha256)) {
    r.already_imported = true;
    r.previous_batch = prev->id;
    r.source = prev->source;
    r.year = prev->year;
    return false;
  }
  if (!hashes_this_run.insert(r.sha256).second) {
    r.already_imported = true;
    return false;
  }
  std::error_code ec;
  if (std::filesystem::file_size(file, ec) == 0 && !ec) {
    r.file_error = true;
    r.error(file_issue(file, "", "file.empty", "文件为空（0 字节）/ the file is empty"));
    return false;
  }
  batch_id = session.begin_batch(base_name(file), r.sha256);
  FileImporter(file, opt, r, session).run();
  if (!r.file_error && r.rows_total == 0) {
    r.file_error = true;
    r.error(file_issue(file, "", "file.no_rows",
                       "文件只有表头、没有数据行，未导入；请确认导出的是完整数据 / the file has a header but no data rows"));
  }
  if (r.file_error) {
    session.drop_batch();  // this file's rows, parcel replacements and batch record, exactly
    return false;
  }
  report_conflicts(st, session, batch_id, r);
  store::BatchRecord b;
  b.file = base_name(file);
  b.source = r.source;
  b.year = r.year;
  b.rows_total = r.rows_total;
  b.rows_accepted = r.rows_accepted;
  b.rows_rejected = r.rows_rejected;
  b.warnings = r.warnings_total;
  session.end_batch(b);
  return true;
}

// Hands the session's rejected rows (read back from disk) to the caller's sink, as ingest rows.
void stream_rejects(store::ImportSession& session, const ImportOptions& opt) {
  if (!opt.rejected_row) return;
  RejectedRow row;
  session.rejected_rows([&](const store::RejectedRowRecord& r) {
    row.sheet = r.sheet;
    row.row = r.row;
    row.header = r.header;
    row.cells = r.cells;
    row.errors.clear();
    for (auto& e : r.errors) row.errors.push_back(Issue{r.file, r.sheet, r.row, e.column, e.value, e.code, e.message});
    opt.rejected_row(r.file, row);
  });
}

}  // namespace

std::vector<FileReport> import_files(store::Store& st, const std::vector<std::string>& files,
                                     const ImportOptions& opt) {
  std::vector<FileReport> reports(files.size());
  std::vector<long long> kept(files.size(), 0);  // batch id of each file whose batch is kept
  // The write lock is taken now, before any file is read, and held to the end: the "imported
  // before?" checks below and the writes see one consistent database, and a second import waits
  // or is refused (store.h ImportSession).
  auto session = st.begin_import();
  std::set<std::string> hashes_this_run;
  try {
    for (std::size_t i = 0; i < files.size(); ++i) {
      long long id = 0;
      if (import_one(st, *session, files[i], opt, hashes_this_run, reports[i], id)) kept[i] = id;
    }
    // All-or-nothing: one bad row or unreadable file and nothing is written. With --partial the
    // valid rows of the readable files are written; unreadable files are reported and skipped.
    bool any = std::any_of(kept.begin(), kept.end(), [](long long id) { return id != 0; });
    if ((!import_failed(reports, false) || opt.partial) && any) {
      session->commit();
      for (std::size_t i = 0; i < files.size(); ++i)
        if (kept[i]) {
          reports[i].written = true;
          reports[i].batch_id = kept[i];
        }
    } else {
      session->rollback();
    }
  } catch (const store::StoreError&) {
    session->rollback();
    // A batch with the same SHA-256 exists although the check above said no: the UNIQUE sha256
    // refused it (nothing written). Say that, not the constraint.
    for (const auto& r : reports)
      if (!r.sha256.empty() && !r.already_imported)
        if (auto prev = st.find_batch_by_sha256(r.sha256))
          throw store::StoreError(
              "文件 " + r.file + " 在本次导入进行时已由另一个导入写入数据库（批次 " + std::to_string(prev->id) +
              "），本次导入没有写入任何数据；重新运行本命令即可（已导入的文件会被跳过）/ " + r.file +
              " was imported by another process meanwhile (batch " + std::to_string(prev->id) +
              "); this import wrote nothing: run it again (files already imported are skipped)");
    throw;
  }
  stream_rejects(*session, opt);
  return reports;
}

bool import_failed(const std::vector<FileReport>& reports, bool partial) {
  for (auto& r : reports)
    if (r.file_error || (!partial && r.rows_rejected > 0)) return true;
  return false;
}

}  // namespace mujun::ingest
