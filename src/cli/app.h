// mujun — the command-line entry point (DESIGN.md "CLI contract").
#pragma once

namespace mujun::cli {

/// Runs `mujun <command> …`. Returns the process exit code: 0 success, 1 rejected input,
/// 2 usage error.
int run(int argc, char** argv);

}  // namespace mujun::cli
