// `mujun serve --help` and `mujun user [add|list|passwd|remove] --help` say where the database comes from:
// the global option --db PATH (its own options do not list it), default $MUJUN_DB, else ./mujun.db, and
// the path this call would use.
#include <gtest/gtest.h>

#include <string>

#include "run_mujun.h"

using mujun::test::run_mujun;

namespace {

std::string line_for(const std::string& path) {
  return "数据库 / database: " + path +
         "（由全局选项 --db PATH 指定，写在命令前后均可；默认 $MUJUN_DB，否则 ./mujun.db）/ set with the global option "
         "--db PATH, before or after the command; default $MUJUN_DB, else ./mujun.db\n";
}

}  // namespace

TEST(DatabaseHelp, ServeAndUserHelpNameTheGlobalDbOption) {
  for (const char* args : {"serve --help", "user --help", "user add --help", "user list --help", "user passwd --help",
                           "user remove --help"}) {
    // without $MUJUN_DB: the default ./mujun.db
    auto r = run_mujun(args, "env -u MUJUN_DB");
    EXPECT_EQ(r.code, 0) << args;
    EXPECT_NE(r.out.find(line_for("mujun.db")), std::string::npos) << args << "\n" << r.out;
    // with $MUJUN_DB
    auto e = run_mujun(args, "MUJUN_DB=/var/lib/mujun/zone.db");
    EXPECT_NE(e.out.find(line_for("/var/lib/mujun/zone.db")), std::string::npos) << args << "\n" << e.out;
  }
  // --db before or after the command: the path given
  EXPECT_NE(run_mujun("--db /srv/a.db serve --help").out.find(line_for("/srv/a.db")), std::string::npos);
  EXPECT_NE(run_mujun("serve --db /srv/b.db --help").out.find(line_for("/srv/b.db")), std::string::npos);
  EXPECT_NE(run_mujun("--db /srv/c.db user add --help").out.find(line_for("/srv/c.db")), std::string::npos);
  // the commands' own examples still follow
  const std::string serve = run_mujun("serve --help").out;
  EXPECT_LT(serve.find("数据库 / database: "), serve.find("例 / example:  mujun --db zone.db serve")) << serve;
}
