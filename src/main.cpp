#include "cli/app.h"

int main(int argc, char** argv) { return mujun::cli::run(argc, argv); }
