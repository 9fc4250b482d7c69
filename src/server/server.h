// mujun — the HTTP server of `mujun serve`: Boost.Beast HTTP/1.1 on one io_context run by N threads.
// Contract: /work/notes/api-contract.md ("General", "Limits", "Static").
//
// - Keep-alive; limits: body ServerConfig::body_limit (413 JSON, connection closed), headers 16 KiB (431),
//   the first request's headers within 10 s of the connection, a body within 30 s of its headers, idle
//   keep-alive 60 s, write timeout 30 s; at most ServerConfig::max_connections open connections (more are
//   closed at once); EMFILE/ENFILE on accept → retry after 100 ms (no busy loop). An exception out of a
//   handler is answered 500 and never leaves a worker thread.
// - /api/ paths go through dispatch() with the worker thread's own Store + PlatformStore connections
//   (opened when the thread starts; the database is migrated once by start()). Other paths are static
//   files from ServerConfig::web_root (static_files.h); only GET and HEAD are allowed there.
// - Request::remote is the peer address; with ServerConfig::trust_proxy (`serve --trust-proxy`), when the
//   peer is a loopback address (a reverse proxy on the same host, docs/deploy.md) and the request has
//   X-Real-IP, that header's value is used instead, so the login rate limiter sees the real client.
// - HEAD on an /api/ GET route is answered as GET without the body (same status and headers, and the
//   Content-Length of the GET); on an XLSX export the workbook is not built and no audit entry is
//   written, so that answer has no Content-Length (Response::head_without_length).
// - Every response has X-Content-Type-Options: nosniff, X-Frame-Options: DENY, Referrer-Policy: same-origin
//   and Content-Security-Policy: default-src 'self'; style-src 'self' 'unsafe-inline' (ECharts sets inline
//   styles); img-src 'self' data:; frame-ancestors 'none'. /api/ responses have Cache-Control: no-store.
#pragma once
#include <memory>
#include <string>

#include "server/http.h"

namespace mujun::server {

class Server {
 public:
  /// `listen_address`: "HOST:PORT" ("127.0.0.1:8080", "[::1]:8080", "0.0.0.0:8080"); port 0 = ephemeral.
  /// `threads` ≥ 1 worker threads.
  Server(ServerConfig config, std::string listen_address, int threads);
  ~Server();  ///< stops if running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Migrates the database, binds, listens and starts the worker threads; returns at once.
  /// Throws std::runtime_error (Chinese-first) for a bad address, a port in use, or store::StoreError.
  void start();
  /// The bound port (after start()).
  int port() const;
  /// Graceful stop: no new connections; idle keep-alive connections are closed; requests being handled
  /// are answered (with Connection: close) — waiting at most 5 s — then the threads are joined.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Splits "HOST:PORT" / "[V6]:PORT"; false when malformed (port not 0–65535).
bool split_listen_address(const std::string& address, std::string& host, int& port);

/// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_host(const std::string& host);

}  // namespace mujun::server
