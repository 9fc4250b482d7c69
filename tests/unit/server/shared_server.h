// One TestServer shared by every test of a suite (made in SetUpTestSuite, removed in TearDownTestSuite):
// the fixture the data-route tests (api_*_test.cpp) had each written out. A suite derives from
// SharedServerTest<itself> and may define
//   static TestServerOptions options();       // default: an empty database (TestServerOptions{})
//   static void prepare(TestServer& srv);      // extra accounts etc., once after the server started
// and then uses `srv` (the shared TestServer*) and run() in its tests:
//   class ApiData : public SharedServerTest<ApiData> {
//    public:  // read by SharedServerTest
//     static TestServerOptions options() { return example_zone(); }
//     static void prepare(TestServer& s) { add_first_and_second(s); }
//   };
//   TEST_F(ApiData, …) { auto c = srv->login_as("analyst"); c.get("/api/runs/" + run() + "/results"); }
// Sign-in and the CSRF token are TestServer::login_as / Client (test_server.h). Also here: example_zone(),
// add_first_and_second(), publish_closed().
#pragma once
#include <string>

#include "api_helpers.h"
#include "test_server.h"

namespace mujun::test {

/// Options of a server over a copy of the `mujun demo` database (the example zone, 2024 evaluated).
inline TestServerOptions example_zone() {
  TestServerOptions o;
  o.example_zone = true;
  return o;
}

/// Adds the enterprise accounts "first" (kFirst, rank 1 of the example zone) and "second" (kSecond,
/// rank 2), both with the export permission (password kPassword).
inline void add_first_and_second(TestServer& s) {
  s.add_user("first", "enterprise", kFirst, true);
  s.add_user("second", "enterprise", kSecond, true);
}

/// Publishes run `run` (公示) by "analyst" with a window that opened 2020-01-01 and closed 2020-01-11,
/// written in the platform store (the API opens windows now): objections to it are then refused (409)
/// and it may be frozen.
inline void publish_closed(TestServer& s, long long run) {
  store::PublicationRecord p;
  p.run_id = run;
  p.opens_at = "2020-01-01T00:00:00Z";
  p.closes_at = "2020-01-11T00:00:00Z";
  p.status = "open";
  p.published_by = "analyst";
  s.platform->publish(p);
}

template <class Suite>
class SharedServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    srv = new TestServer(Suite::options());
    Suite::prepare(*srv);
  }
  static void TearDownTestSuite() {
    delete srv;
    srv = nullptr;
  }
  static TestServerOptions options() { return {}; }
  static void prepare(TestServer&) {}
  /// The example zone's 2024 evaluation run (TestServer::run_id) as text for a path.
  static std::string run() { return std::to_string(srv->run_id); }

  static inline TestServer* srv = nullptr;
};

}  // namespace mujun::test
