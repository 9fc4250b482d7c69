// mujun — what every CLI command shares: the database path, --json, and exit codes.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "store/store.h"

namespace CLI { class App; }

namespace mujun::cli {

enum Exit { kOk = 0, kRejected = 1, kUsage = 2 };

struct Context {
  std::string db_path;  ///< --db, default $MUJUN_DB or ./mujun.db
  bool json = false;    ///< --json: machine output on stdout

  /// Opens and migrates the database. `create`: make it when missing (init, import); otherwise a
  /// missing database is a StoreError telling the user to run `mujun init` / `mujun import` first.
  /// Throws store::StoreError.
  std::unique_ptr<store::Store> open_store(bool create = false) const;
};

/// Each command adds its subcommand to `app` and sets its callback. The callback stores its exit
/// code in `*exit_code`. Defined in cli/cmd_<name>.cpp.
void add_init(CLI::App& app, Context& ctx, int* exit_code);
void add_import(CLI::App& app, Context& ctx, int* exit_code);
void add_evaluate(CLI::App& app, Context& ctx, int* exit_code);
void add_stats(CLI::App& app, Context& ctx, int* exit_code);
void add_tiers(CLI::App& app, Context& ctx, int* exit_code);
void add_demo(CLI::App& app, Context& ctx, int* exit_code);
void add_serve(CLI::App& app, Context& ctx, int* exit_code);
void add_user(CLI::App& app, Context& ctx, int* exit_code);

/// A CLI11 validator: the value is a file name ending in .xlsx (case-insensitive).
extern const std::function<std::string(const std::string&)> kXlsxPath;

/// Directory holding the shipped rule files (schemes/, taxonomies/, tiers/, data/, examples/):
/// $MUJUN_HOME if set, else the source tree the binary was built from.
std::string resource_root();

}  // namespace mujun::cli
