// PlatformStore contract tests on the SQLite back end (store/platform.h, migration 2).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/platform.h"
#include "store/store.h"

namespace fs = std::filesystem;
using namespace mujun::store;

namespace {
struct TempPlatform {
  fs::path dir;
  std::unique_ptr<Store> store;
  std::unique_ptr<PlatformStore> p;
  TempPlatform() {
    dir = fs::temp_directory_path() / ("mujun-platform-" + std::to_string(::getpid()) + "-" +
                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
    store = open_sqlite((dir / "t.db").string());
    store->migrate();
    p = open_sqlite_platform((dir / "t.db").string());
  }
  ~TempPlatform() {
    p.reset();
    store.reset();
    fs::remove_all(dir);
  }
  long long run() {
    RunRecord r;
    r.kind = "evaluation";
    r.year = 2024;
    r.scheme_name = "s";
    r.result_json = "{}";
    r.created_at = "2026-11-29T08:00:00Z";
    return store->save_run(r);
  }
};

UserRecord user(const std::string& name, const std::string& role, const std::string& uscc = "") {
  UserRecord u;
  u.name = name;
  u.role = role;
  u.enterprise_uscc = uscc;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$x$y";
  u.created_at = "2026-11-29T08:00:00Z";
  return u;
}
}  // namespace

TEST(PlatformStore, UsersRoundTripAndUniqueNames) {
  TempPlatform t;
  auto u = user("zhang", "enterprise", "9150000020286320X6");
  u.can_export = true;
  long long id = t.p->add_user(u);
  EXPECT_GT(id, 0);
  auto got = t.p->user_by_name("zhang");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id, id);
  EXPECT_EQ(got->role, "enterprise");
  EXPECT_EQ(got->enterprise_uscc, "9150000020286320X6");
  EXPECT_TRUE(got->can_export);
  EXPECT_EQ(got->password_hash, u.password_hash);
  EXPECT_EQ(t.p->user_by_id(id)->name, "zhang");
  EXPECT_FALSE(t.p->user_by_name("nobody"));
  EXPECT_THROW(t.p->add_user(user("zhang", "viewer")), StoreError);
  t.p->add_user(user("admin", "admin"));
  auto all = t.p->users();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "admin");  // ordered by name
  EXPECT_EQ(all[1].name, "zhang");
}

TEST(PlatformStore, RoleAndEnterpriseAreChecked) {
  TempPlatform t;
  EXPECT_THROW(t.p->add_user(user("x", "superuser")), StoreError);
  EXPECT_THROW(t.p->add_user(user("e", "enterprise")), StoreError);  // enterprise without a USCC
  EXPECT_THROW(t.p->add_user(user("v", "viewer", "9150000020286320X6")), StoreError);
  EXPECT_TRUE(t.p->users().empty());
}

TEST(PlatformStore, SessionsExpireAndDieWithPasswordChangeAndRemoval) {
  TempPlatform t;
  long long id = t.p->add_user(user("li", "analyst"));
  t.p->add_session({"aa", id, "csrf1", "2026-11-29T08:00:00Z", "2026-11-29T20:00:00Z"});
  t.p->add_session({"bb", id, "csrf2", "2026-11-29T09:00:00Z", "2026-11-29T21:00:00Z"});
  auto s = t.p->session("aa");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->user_id, id);
  EXPECT_EQ(s->csrf_token, "csrf1");
  EXPECT_EQ(s->expires_at, "2026-11-29T20:00:00Z");
  t.p->remove_expired_sessions("2026-11-29T20:00:00Z");  // expires_at <= now is gone
  EXPECT_FALSE(t.p->session("aa"));
  EXPECT_TRUE(t.p->session("bb"));
  t.p->set_password_hash(id, "$argon2id$new");
  EXPECT_EQ(t.p->user_by_id(id)->password_hash, "$argon2id$new");
  EXPECT_FALSE(t.p->session("bb"));
  t.p->add_session({"cc", id, "c", "2026-11-29T09:00:00Z", "2026-11-29T21:00:00Z"});
  t.p->remove_session("cc");
  EXPECT_FALSE(t.p->session("cc"));
  t.p->add_session({"dd", id, "d", "2026-11-29T09:00:00Z", "2026-11-29T21:00:00Z"});
  EXPECT_TRUE(t.p->remove_user("li"));
  EXPECT_FALSE(t.p->remove_user("li"));
  EXPECT_FALSE(t.p->session("dd"));
  EXPECT_THROW(t.p->set_password_hash(id, "x"), StoreError);
}

TEST(PlatformStore, AuditLogNewestFirstFilteredAndLimited) {
  TempPlatform t;
  t.p->audit({0, "2026-11-29T08:00:00Z", "admin", "login", R"({"ok":true})", "127.0.0.1"});
  t.p->audit({0, "2026-11-29T08:01:00Z", "", "login_failed", R"({"name":"x"})", "10.0.0.1"});
  t.p->audit({0, "2026-11-29T08:02:00Z", "admin", "logout", "", "127.0.0.1"});
  auto all = t.p->audit_log(10);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].action, "logout");
  EXPECT_EQ(all[0].detail, "{}");  // empty detail stored as an empty JSON object
  EXPECT_EQ(all[2].action, "login");
  EXPECT_EQ(all[2].remote, "127.0.0.1");
  EXPECT_EQ(t.p->audit_log(2).size(), 2u);
  auto failed = t.p->audit_log(10, "login_failed");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].detail, R"({"name":"x"})");
  EXPECT_EQ(failed[0].user, "");
}

TEST(PlatformStore, PublicationOnceThenStatus) {
  TempPlatform t;
  long long run = t.run();
  t.p->publish({run, "2026-11-29T08:00:00Z", "2026-12-06T08:00:00Z", "", "open", "li"});
  EXPECT_THROW(t.p->publish({run, "2026-11-30T08:00:00Z", "2026-12-07T08:00:00Z", "", "open", "li"}), StoreError);
  auto p = t.p->publication(run);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->status, "open");
  EXPECT_EQ(p->closes_at, "2026-12-06T08:00:00Z");
  t.p->set_publication_status(run, "frozen", "2026-12-07T00:00:00Z");
  EXPECT_EQ(t.p->publication(run)->status, "frozen");
  EXPECT_EQ(t.p->publication(run)->frozen_at, "2026-12-07T00:00:00Z");
  EXPECT_EQ(t.p->publications().size(), 1u);
  EXPECT_FALSE(t.p->publication(run + 1));
  EXPECT_THROW(t.p->set_publication_status(run + 1, "frozen", ""), StoreError);
  EXPECT_THROW(t.p->publish({run + 1, "a", "b", "", "open", "li"}), StoreError);  // no such run (foreign key)
}

TEST(PlatformStore, ObjectionsFilteredResolvedAndAttachmentsKeepBinaryBytes) {
  TempPlatform t;
  long long run = t.run();
  auto objection = [run](const std::string& uscc, const std::string& by, const std::string& reason) {
    ObjectionRecord o;
    o.run_id = run;
    o.uscc = uscc;
    o.filed_by = by;
    o.reason = reason;
    o.filed_at = "2026-11-30T08:00:00Z";
    return o;
  };
  long long a = t.p->add_objection(objection("9150000020286320X6", "e1", "产值统计有误"));
  long long b = t.p->add_objection(objection("91500000202869177Y", "e2", "用地面积有误"));
  EXPECT_EQ(t.p->objection(a)->status, "open");
  EXPECT_EQ(t.p->objections(run).size(), 2u);
  EXPECT_EQ(t.p->objections(0).size(), 2u);
  auto own = t.p->objections(run, "91500000202869177Y");
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].id, b);
  EXPECT_EQ(own[0].reason, "用地面积有误");
  t.p->resolve_objection(a, "rejected", "li", "数据无误", "2026-12-01T08:00:00Z", 0);
  auto r = t.p->objection(a);
  EXPECT_EQ(r->status, "rejected");
  EXPECT_EQ(r->resolved_by, "li");
  EXPECT_EQ(r->resolution, "数据无误");
  EXPECT_THROW(t.p->resolve_objection(999, "rejected", "li", "", "", 0), StoreError);

  std::string bytes("%PDF\0\x01\xff tail", 11);
  long long att = t.p->add_attachment({0, b, "证明.pdf", "application/pdf", "abc", bytes});
  auto list = t.p->attachments(b);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].file_name, "证明.pdf");
  EXPECT_TRUE(list[0].bytes.empty());  // the list has no bytes
  auto full = t.p->attachment(att);
  ASSERT_TRUE(full);
  EXPECT_EQ(full->bytes.size(), 11u);
  EXPECT_EQ(full->bytes, bytes);
  EXPECT_FALSE(t.p->attachment(att + 1));
}
