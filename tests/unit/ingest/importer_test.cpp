// The importer end to end on small files written by the test: all-or-nothing, --partial, re-import
// detection by SHA-256, the cross-source conflict rule, units, and the rejects export.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "ingest/importer.h"
#include "reports/rejects_export.h"
#include "store/store.h"

namespace fs = std::filesystem;
using namespace mujun;

namespace {
struct Dir {
  fs::path p;
  Dir() {
    p = fs::temp_directory_path() /
        ("mujun-import-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(p);
    fs::create_directories(p);
  }
  ~Dir() { fs::remove_all(p); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(p / name, std::ios::binary) << text;
    return (p / name).string();
  }
  std::string db() const { return (p / "t.db").string(); }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Valid USCCs (GB 32100 check characters verified, ../shared/data/uscc-test-vectors.csv).
const std::string kA = "9150000020286320X6";
const std::string kB = "91500000202869177Y";

const std::string kStats =
    "统一社会信用代码,单位详细名称,行业代码,是否规上,工业总产值(当年价格)(千元),工业增加值（万元）,税收（万元）\n" +
    kA + ",长安,3611,是,\"1,234,567.8\",30000,1500\n" + kB + ",银行,C3612,否,—,10,\n";
}  // namespace

TEST(Importer, ConvertsUnitsAndKeepsMissingAsMissing) {
  Dir d;
  auto f = d.write("stats-2024.csv", kStats);
  auto st = store::open_sqlite(d.db());
  st->migrate();
  auto reps = ingest::import_files(*st, {f}, {});
  ASSERT_EQ(reps.size(), 1u);
  EXPECT_TRUE(reps[0].written) << reps[0].errors.size();
  EXPECT_EQ(reps[0].year, 2024);  // from the file name
  EXPECT_EQ(reps[0].source, "statistics");
  EXPECT_EQ(reps[0].rows_accepted, 2);
  Frame fr = st->snapshot(2024);
  ASSERT_EQ(fr.size(), 2u);
  // 1,234,567.8 千元 = 123,456.78 万元 exactly
  EXPECT_EQ(fr.metric("gross_output")->micros[0], 123'456'780'000);
  EXPECT_FALSE(fr.metric("gross_output")->has(1));  // "—" is missing, not zero
  EXPECT_EQ(fr.metric("tax_paid")->micros[0], 1'500'000'000);
  EXPECT_FALSE(fr.metric("tax_paid")->has(1));  // empty is missing
  EXPECT_EQ(fr.above_scale[0], 1);
  EXPECT_EQ(fr.above_scale[1], 0);
  EXPECT_EQ(fr.industry_code[1], "3612");
  bool stated = false;
  for (auto& c : reps[0].conversions) stated = stated || c.find("千元") != std::string::npos;
  EXPECT_TRUE(stated) << "the 千元 → 万元 conversion is stated in the report";
}

TEST(Importer, AFailedImportLeavesTheDatabaseByteForByteUnchanged) {
  Dir d;
  auto good = d.write("good-2024.csv", kStats);
  {
    auto st = store::open_sqlite(d.db());
    st->migrate();
    ASSERT_TRUE(ingest::import_files(*st, {good}, {})[0].written);
  }
  std::string before = slurp(d.db());
  // Row 3 has a USCC of wrong length (reject); row 2 is fine, but all-or-nothing writes neither.
  auto bad = d.write("bad-2024.csv",
                     "统一社会信用代码,企业名称,税收（万元）\n" + kA + ",长安,99\n9150000020286320,短码,5\n");
  {
    auto st = store::open_sqlite(d.db());
    st->migrate();
    auto reps = ingest::import_files(*st, {bad}, {});
    EXPECT_FALSE(reps[0].written);
    EXPECT_EQ(reps[0].rows_rejected, 1);
    ASSERT_FALSE(reps[0].errors.empty());
    EXPECT_EQ(reps[0].errors[0].code, "uscc.length");
    EXPECT_EQ(reps[0].errors[0].row, 3);
    EXPECT_TRUE(ingest::import_failed(reps, false));
  }
  EXPECT_EQ(before, slurp(d.db()));
}

TEST(Importer, PartialImportsTheValidRowsAndKeepsTheRejects) {
  Dir d;
  auto bad = d.write("bad-2024.csv",
                     "统一社会信用代码,企业名称,税收（万元）\n" + kA + ",长安,99\n9150000020286320,短码,5\n");
  auto st = store::open_sqlite(d.db());
  st->migrate();
  ingest::ImportOptions o;
  o.partial = true;
  auto out = (d.p / "rejects.csv").string();
  reports::RejectsWriter rejects(out);
  o.rejected_row = [&](const std::string& file, const ingest::RejectedRow& row) { rejects.add(file, row); };
  auto reps = ingest::import_files(*st, {bad}, o);
  ASSERT_TRUE(reps[0].written);
  EXPECT_FALSE(ingest::import_failed(reps, true));
  EXPECT_EQ(st->snapshot(2024).metric("tax_paid")->micros[0], 99'000'000);
  auto rej = st->rejects(reps[0].batch_id);
  ASSERT_EQ(rej.size(), 1u);
  EXPECT_EQ(rej[0].row, 3);
  EXPECT_EQ(rej[0].value, "9150000020286320");
  // The rejects file holds the original row and the reason.
  rejects.finish();
  std::string csv = slurp(out);
  EXPECT_NE(csv.find("9150000020286320,短码,5"), std::string::npos) << csv;
  EXPECT_NE(csv.find("uscc.length"), std::string::npos);
}

TEST(Importer, DetectsAReimportByHash) {
  Dir d;
  auto f = d.write("stats-2024.csv", kStats);
  auto st = store::open_sqlite(d.db());
  st->migrate();
  auto first = ingest::import_files(*st, {f}, {});
  auto second = ingest::import_files(*st, {f}, {});
  EXPECT_TRUE(second[0].already_imported);
  EXPECT_EQ(second[0].previous_batch, first[0].batch_id);
  EXPECT_FALSE(second[0].written);
  EXPECT_EQ(st->batches().size(), 1u);
}

TEST(Importer, ConflictingSourcesAreBothKeptReportedAndDecidedByPrecedence) {
  Dir d;
  auto stats = d.write("stats-2024.csv", kStats);  // statistics: tax 1500 万元 for kA
  auto tax = d.write("tax-2024.csv", "纳税人识别号,纳税人名称,实缴税金(元)\n" + kA + ",长安,\"14,000,000.00\"\n");
  auto st = store::open_sqlite(d.db());
  st->migrate();
  ingest::import_files(*st, {stats}, {});
  auto reps = ingest::import_files(*st, {tax}, {});
  ASSERT_TRUE(reps[0].written);
  EXPECT_EQ(reps[0].source, "tax");
  int conflicts = 0;
  for (auto& w : reps[0].warnings)
    if (w.code == "conflict.source") {
      ++conflicts;
      EXPECT_NE(w.message.find("1400"), std::string::npos) << w.message;
      EXPECT_NE(w.message.find("1500"), std::string::npos) << w.message;
    }
  EXPECT_EQ(conflicts, 1);
  EXPECT_EQ(st->facts(2024, "tax_paid").size(), 2u);  // both kept
  EXPECT_EQ(st->snapshot(2024).metric("tax_paid")->micros[0], 1'400'000'000);  // 税务局 first by default
  st->set_precedence("tax_paid", {"statistics"});
  EXPECT_EQ(st->snapshot(2024).metric("tax_paid")->micros[0], 1'500'000'000);
}

TEST(Importer, ImpossibleValuesAndDuplicatesAreRejectedWithReasons) {
  Dir d;
  auto f = d.write("s-2024.csv",
                   "统一社会信用代码,企业名称,工业总产值（万元）,工业增加值（万元）\n" + kA + ",甲,100,120\n" + kB +
                       ",乙,100,20\n" + kB + ",乙,100,20\n" + kB + ",乙,100,30\n");
  auto st = store::open_sqlite(d.db());
  st->migrate();
  ingest::ImportOptions o;
  o.partial = true;
  auto r = ingest::import_files(*st, {f}, o)[0];
  EXPECT_EQ(r.rows_total, 4);
  EXPECT_EQ(r.rows_rejected, 2);  // value added above output; a conflicting duplicate
  std::set<std::string> codes;
  for (auto& e : r.errors) codes.insert(e.code);
  EXPECT_TRUE(codes.count("plausibility.value_added_above_output"));
  EXPECT_TRUE(codes.count("duplicate.conflict"));
  bool identical = false;
  for (auto& w : r.warnings) identical = identical || w.code == "duplicate.identical";
  EXPECT_TRUE(identical);
}

TEST(Importer, AFileWithoutAYearIsRefusedWithAnInstruction) {
  Dir d;
  auto f = d.write("stats.csv", kStats);
  auto st = store::open_sqlite(d.db());
  st->migrate();
  auto r = ingest::import_files(*st, {f}, {})[0];
  EXPECT_TRUE(r.file_error);
  ASSERT_FALSE(r.errors.empty());
  EXPECT_EQ(r.errors[0].code, "file.no_year");
  EXPECT_NE(r.errors[0].message.find("--year"), std::string::npos);
}

TEST(Importer, TheRegistryNamesTheEnterpriseNotTheLandlordOrAnotherAgency) {
  Dir d;
  auto reg = d.write("registry.csv", "统一社会信用代码,企业名称,行业代码\n" + kA + ",重庆长安汽车股份有限公司,3611\n");
  // A leased parcel: 权利人 is the landlord.
  auto land = d.write("land-2024.csv", "不动产权证号,权利人,统一社会信用代码,宗地面积（平方米）,权属\n"
                                       "渝(2020)第1号,重庆万盛经开区国有资产经营有限公司," + kA + ",1000,租赁\n");
  auto tax = d.write("tax-2024.csv", "纳税人识别号,纳税人名称,实缴税金(元)\n" + kA + ",长安汽车,100\n");
  auto st = store::open_sqlite(d.db());
  st->migrate();
  ASSERT_TRUE(ingest::import_files(*st, {land, tax}, {})[0].written);  // before the registry: name from tax
  EXPECT_EQ(st->snapshot(2024).name[0], "长安汽车");                 // land never names, tax fills a gap
  ASSERT_TRUE(ingest::import_files(*st, {reg}, {})[0].written);
  EXPECT_EQ(st->snapshot(2024).name[0], "重庆长安汽车股份有限公司");   // the registry's name wins
  auto tax2 = d.write("tax2-2024.csv", "纳税人识别号,纳税人名称,实缴税金(元)\n" + kA + ",小写,200\n");
  ASSERT_TRUE(ingest::import_files(*st, {tax2}, {})[0].written);
  EXPECT_EQ(st->snapshot(2024).name[0], "重庆长安汽车股份有限公司");   // and is not overwritten later
}

TEST(Importer, EmptyAndHeaderOnlyFilesAreRefused) {
  Dir d;
  auto empty = d.write("empty-2024.csv", "");
  auto header = d.write("header-2024.csv", "统一社会信用代码,企业名称,税收（万元）\n");
  auto st = store::open_sqlite(d.db());
  st->migrate();
  auto r = ingest::import_files(*st, {empty, header}, {});
  EXPECT_EQ(r[0].errors.at(0).code, "file.empty");
  EXPECT_EQ(r[1].errors.at(0).code, "file.no_rows");
  EXPECT_TRUE(st->batches().empty());
}

TEST(Importer, TheRejectsPathIsCheckedBeforeAnythingIsWritten) {
  EXPECT_EQ(reports::rejects_path_problem("fix-me.xlsx"), "");
  EXPECT_EQ(reports::rejects_path_problem("fix-me.CSV"), "");
  EXPECT_NE(reports::rejects_path_problem("fix-me.txt").find(".xlsx"), std::string::npos);
  EXPECT_NE(reports::rejects_path_problem("/no/such/folder/r.xlsx").find("/no/such/folder"), std::string::npos);
}

TEST(Importer, SupportRecordsAddUpPerEnterpriseYearAndProgramme) {
  Dir d;
  auto f = d.write("support.csv", "统一社会信用代码,企业名称,项目,金额（万元）,日期\n" + kA + ",长安,科技创新奖励,10,2024-03-01\n" +
                                      kA + ",长安,科技创新奖励,5.5,2024-09-01\n" + kA + ",长安,知识价值信用贷款,200,2024-05-01\n" +
                                      kA + ",长安,科技创新奖励,7,2023-05-01\n");
  auto st = store::open_sqlite(d.db());
  st->migrate();
  ASSERT_TRUE(ingest::import_files(*st, {f}, {})[0].written);
  EXPECT_EQ(st->snapshot(2024).metric("support_reward")->micros[0], 15'500'000);  // 10 + 5.5 万元
  EXPECT_EQ(st->snapshot(2024).metric("support_credit_loan")->micros[0], 200'000'000);
  EXPECT_EQ(st->snapshot(2023).metric("support_reward")->micros[0], 7'000'000);
}

// A file where every row is rejected (hostile or badly exported): the report keeps the first 1,000
// errors of the code with the full count, every rejected row still reaches --rejects (streamed
// from disk), and nothing is written.
TEST(Importer, ManyRejectsAreCountedAllButKeptBounded) {
  Dir d;
  std::string text = "统一社会信用代码,企业名称,税收（万元）\n";
  const long n = 1500;
  for (long i = 0; i < n; ++i) text += "91500000202863,短码" + std::to_string(i) + ",5\n";  // 14 chars
  auto f = d.write("bad-2024.csv", text);
  auto st = store::open_sqlite(d.db());
  st->migrate();
  ingest::ImportOptions o;
  long streamed = 0, last_row = 0;
  bool ordered = true;
  o.rejected_row = [&](const std::string& file, const ingest::RejectedRow& row) {
    ++streamed;
    ordered = ordered && row.row > last_row && file == f && row.cells.size() == 3 && row.header.size() == 3;
    last_row = row.row;
  };
  auto r = ingest::import_files(*st, {f}, o)[0];
  EXPECT_EQ(r.rows_rejected, n);
  EXPECT_EQ(r.error_codes["uscc.length"], n);
  EXPECT_EQ(r.errors_total, n);
  EXPECT_EQ(static_cast<long>(r.errors.size()), ingest::kIssuesKeptPerCode);  // 1,000 kept of 1,500
  EXPECT_EQ(r.errors.back().row, ingest::kIssuesKeptPerCode + 1);             // the first ones (row 2 …)
  EXPECT_EQ(streamed, n);
  EXPECT_EQ(last_row, n + 1);
  EXPECT_TRUE(ordered);
  EXPECT_TRUE(st->batches().empty());
}

// --partial with one unmappable file and one good one: the good one is written; of the broken one
// nothing remains (its batch record was written when it was opened, and undone).
TEST(Importer, PartialDropsExactlyTheFileThatCouldNotBeMapped) {
  Dir d;
  auto good = d.write("good-2024.csv", "统一社会信用代码,企业名称,税收（万元）\n" + kA + ",长安,99\n");
  // Metric columns without a USCC column: a file-level error after the header.
  auto broken = d.write("broken-2024.csv", "企业名称,税收（万元）\n长安,5\n");
  auto st = store::open_sqlite(d.db());
  st->migrate();
  ingest::ImportOptions o;
  o.partial = true;
  auto r = ingest::import_files(*st, {broken, good}, o);
  EXPECT_TRUE(r[0].file_error);
  EXPECT_FALSE(r[0].written);
  EXPECT_TRUE(r[1].written);
  ASSERT_EQ(st->batches().size(), 1u);
  EXPECT_EQ(st->batches()[0].id, r[1].batch_id);
  EXPECT_EQ(st->batches()[0].rows_accepted, 1);
  EXPECT_EQ(st->snapshot(2024).metric("tax_paid")->micros[0], 99'000'000);
}

// Two agencies' files in one command: the second file's facts are compared with the first's, which
// the same transaction has already written (before streaming, only earlier imports were seen).
TEST(Importer, ConflictsBetweenFilesOfOneImportAreReported) {
  Dir d;
  auto stats = d.write("stats-2024.csv", kStats);  // statistics: tax 1500 万元 for kA
  auto tax = d.write("tax-2024.csv", "纳税人识别号,纳税人名称,实缴税金(元)\n" + kA + ",长安,\"14,000,000.00\"\n");
  auto st = store::open_sqlite(d.db());
  st->migrate();
  auto reps = ingest::import_files(*st, {stats, tax}, {});
  ASSERT_TRUE(reps[1].written);
  EXPECT_EQ(reps[1].warning_codes["conflict.source"], 1);
  EXPECT_EQ(reps[1].warnings_total, 1);
  EXPECT_EQ(st->batches()[1].warnings, 1);  // the batch record counts it too
  EXPECT_EQ(st->facts(2024, "tax_paid").size(), 2u);  // kA's two values, both kept (kB's is missing)
}
