# CMake generated Testfile for 
# Source directory: /work/main/tests
# Build directory: /work/main/build/release/tests
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
include("/work/main/build/release/tests/mujun_tests_standards[1]_include.cmake")
include("/work/main/build/release/tests/mujun_tests_store[1]_include.cmake")
