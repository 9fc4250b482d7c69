// Two imports of one file at once (issue 6, item 4). The import now takes the write lock before its
// "imported before?" check, so another process cannot write the file in between; should the check
// still miss it (simulated here: the store answers "no" once), the database refuses the second
// batch (UNIQUE sha256) and the importer must say so plainly — not show SQLite's constraint text —
// and write nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "ingest/importer.h"
#include "store/store.h"

namespace fs = std::filesystem;
using namespace mujun;

namespace {
// Forwards to a real store, but answers the first "imported before?" question with "no": exactly
// what a process sees when another one commits the same file right after it asked.
class RacingStore : public store::Store {
 public:
  explicit RacingStore(store::Store& s) : s_(s) {}
  void migrate() override { s_.migrate(); }
  std::unique_ptr<store::ImportSession> begin_import() override { return s_.begin_import(); }
  long long write_batch(const store::BatchWrite& w) override { return s_.write_batch(w); }
  std::vector<long long> write_batches(const std::vector<const store::BatchWrite*>& ws) override {
    return s_.write_batches(ws);
  }
  std::vector<store::FactRecord> facts(int y, const std::string& m) override { return s_.facts(y, m); }
  std::optional<store::BatchRecord> find_batch_by_sha256(const std::string& h) override {
    if (first_) {
      first_ = false;
      return std::nullopt;
    }
    return s_.find_batch_by_sha256(h);
  }
  std::vector<store::BatchRecord> batches() override { return s_.batches(); }
  std::vector<store::RejectRecord> rejects(long long id) override { return s_.rejects(id); }
  std::vector<int> years() override { return s_.years(); }
  Frame snapshot(int y) override { return s_.snapshot(y); }
  std::string snapshot_hash(int y) override { return s_.snapshot_hash(y); }
  void set_precedence(const std::string& m, const std::vector<std::string>& s) override { s_.set_precedence(m, s); }
  std::vector<std::string> precedence(const std::string& m) override { return s_.precedence(m); }
  long long save_run(const store::RunRecord& r) override { return s_.save_run(r); }
  std::optional<store::RunRecord> run(long long id) override { return s_.run(id); }
  std::vector<store::RunRecord> runs(const std::string& k) override { return s_.runs(k); }
  long long latest_batch_id() override { return s_.latest_batch_id(); }
  long long latest_run_id(const std::string& k) override { return s_.latest_run_id(k); }

 private:
  store::Store& s_;
  bool first_ = true;
};
}  // namespace

TEST(ConcurrentImport, SameFileImportedMeanwhileIsRefusedWithAMessage) {
  const fs::path dir = fs::temp_directory_path() / ("mujun-race-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string file = (dir / "stats-2024.csv").string();
  std::ofstream(file, std::ios::binary) << "统一社会信用代码,单位详细名称,行业代码,工业增加值（万元）\n"
                                           "9150000020286320X6,重庆长安汽车股份有限公司,3611,30000\n";
  auto real = store::open_sqlite((dir / "t.db").string());
  real->migrate();
  auto first = ingest::import_files(*real, {file}, {});  // "the other process"
  ASSERT_TRUE(first[0].written);

  RacingStore racing(*real);
  try {
    ingest::import_files(racing, {file}, {});
    FAIL() << "the second write of the same file was not refused";
  } catch (const store::StoreError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("已由另一个导入写入数据库（批次 " + std::to_string(first[0].batch_id) + "）"), std::string::npos) << m;
    EXPECT_EQ(m.find("UNIQUE"), std::string::npos) << m;
  }
  EXPECT_EQ(real->batches().size(), 1u);  // nothing written by the second import
  fs::remove_all(dir);
}
