// mujun — the Boost.Beast HTTP/1.1 listener of `mujun serve` (see server.h). Structure after Beast's
// http_server_async example: an acceptor on a strand, one Conn per TCP connection on its own strand,
// beast::tcp_stream timeouts (expires_after), a request_parser with header and body limits.
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "server/dispatch.h"
#include "server/listener_target.h"
#include "server/routes.h"
#include "server/server.h"
#include "server/static_files.h"
#include "store/platform.h"
#include "store/store.h"

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

namespace mujun::server {
namespace {

constexpr std::uint32_t kHeaderLimit = 16 * 1024;
constexpr auto kHeaderTimeout = 10s;  // first request's headers: a slow or silent client lets go of its slot soon
constexpr auto kReadTimeout = 30s;    // the body, once the headers are in
constexpr auto kAcceptBackoff = 100ms;  // after EMFILE/ENFILE: let connections close instead of spinning
constexpr auto kIdleTimeout = 60s;
constexpr auto kWriteTimeout = 30s;
constexpr auto kStopGrace = 5s;

// This worker thread's database connections (opened in the thread, before it runs the io_context).
thread_local store::Store* tl_store = nullptr;
thread_local store::PlatformStore* tl_platform = nullptr;

class Conn;

// What the acceptor and every connection share.
struct Shared {
  ServerConfig config;
  Router router;
  std::atomic<bool> stopping{false};
  std::mutex mu;
  std::condition_variable cv;
  std::map<const Conn*, std::weak_ptr<Conn>> conns;
};

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class Conn : public std::enable_shared_from_this<Conn> {
 public:
  Conn(tcp::socket&& socket, std::shared_ptr<Shared> shared) : stream_(std::move(socket)), shared_(std::move(shared)) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) {
      peer_ = ep.address().to_string();
      peer_loopback_ = ep.address().is_loopback();
    }
  }
  ~Conn() {
    std::lock_guard lock(shared_->mu);
    shared_->conns.erase(this);
    shared_->cv.notify_all();
  }

  void start() {
    {
      std::lock_guard lock(shared_->mu);
      shared_->conns[this] = weak_from_this();
    }
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Conn::read_header, shared_from_this()));
  }

  /// Called on the connection's strand by Server::stop(): closes it when it waits for a request.
  void close_if_idle() {
    if (!busy_) close();
  }
  auto executor() { return stream_.get_executor(); }

 private:
  void read_header() {
    busy_ = false;
    if (shared_->stopping) return close();
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(shared_->config.body_limit);
    stream_.expires_after(first_ ? kHeaderTimeout : kIdleTimeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Conn::on_header, shared_from_this()));
  }

  void on_header(beast::error_code ec, std::size_t) {
    busy_ = true;
    if (ec == http::error::body_limit) return send_too_large();  // Content-Length over the limit
    if (ec == http::error::header_limit)
      return send_error(431, "too_large", "请求头过大（上限 16 KiB）/ request headers too large (limit 16 KiB)");
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted) return close();
    if (ec && ec.category() == make_error_code(http::error::end_of_stream).category()) {
      // Other HTTP-level errors (bad method, bad target, bad version …): a malformed request.
      if (ec == http::error::partial_message) return close();
      return send_error(400, "bad_request", "请求格式错误 / malformed HTTP request");
    }
    if (ec) return close();
    auto len = parser_->content_length();
    if (len && *len > shared_->config.body_limit) return send_too_large();
    stream_.expires_after(kReadTimeout);
    if (parser_->is_done()) return on_body({}, 0);
    auto expect = lower(std::string(parser_->get()[http::field::expect]));
    if (expect == "100-continue") {
      auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_, parser_->get().version());
      http::async_write(stream_, *cont, [self = shared_from_this(), cont](beast::error_code wec, std::size_t) {
        if (wec) return self->close();
        self->read_body();
      });
      return;
    }
    read_body();
  }

  void read_body() {
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Conn::on_body, shared_from_this()));
  }

  void on_body(beast::error_code ec, std::size_t) {
    if (ec == http::error::body_limit) return send_too_large();
    if (ec && ec != http::error::partial_message && ec != http::error::end_of_stream &&
        ec.category() == make_error_code(http::error::bad_chunk).category())
      // A body the parser refuses (bad chunk size or extension, bad trailer …): the client is still
      // there, so it gets a 400 before the connection closes (the rest of the body is not read).
      return send_error(400, "bad_request", "请求体格式错误（分块编码无效）/ malformed request body (invalid chunked encoding): " +
                                                ec.message());
    if (ec) return close();  // the client went away or timed out: nobody to answer
    handle(parser_->release());
  }

  void send_too_large() {
    send_error(413, "too_large",
               "请求体过大（上限 " + std::to_string(shared_->config.body_limit >> 20) + " MiB）/ request body too large");
  }

  // An error that ends the connection (the rest of the request is not read).
  void send_error(int status, const std::string& code, const std::string& message) {
    auto r = error_response(status, code, message);
    write(r, 11, false);
  }

  Request to_request(http::request<http::string_body>& msg, bool& ok) {
    Request r;
    r.method = std::string(msg.method_string());
    auto t = parse_target(std::string_view(msg.target().data(), msg.target().size()));
    ok = t.has_value();
    if (t) {
      r.path = std::move(t->path);
      r.query = std::move(t->query);
    }
    for (auto& f : msg) {
      auto name = lower(std::string(f.name_string()));
      auto value = std::string(f.value());
      auto [it, fresh] = r.headers.emplace(name, value);
      if (!fresh) it->second += (name == "cookie" ? "; " : ", ") + value;
    }
    r.body = std::move(msg.body());
    r.remote = peer_;
    if (peer_loopback_ && shared_->config.trust_proxy) {
      if (auto it = r.headers.find("x-real-ip"); it != r.headers.end() && !it->second.empty()) r.remote = it->second;
    }
    return r;
  }

  void handle(http::request<http::string_body> msg) {
    unsigned version = msg.version();
    bool keep_alive = msg.keep_alive();
    bool ok = true;
    Request req = to_request(msg, ok);
    Response res;
    bool head = req.method == "HEAD";
    try {
      res = respond(req, ok, head);
    } catch (const std::exception& e) {
      // dispatch() and serve_static() do not throw; this is the last line so that no request can take the
      // process down (an exception escaping a handler would leave ioc.run() and end the worker).
      std::cerr << "mujun serve: 500 " << req.method << ": " << e.what() << "\n";
      res = internal_error();
    } catch (...) {
      std::cerr << "mujun serve: 500 " << req.method << ": unknown exception\n";
      res = internal_error();
    }
    write(res, version, keep_alive && !shared_->stopping, head);
  }

  static Response internal_error() {
    Response r;
    r.status = 500;
    r.body = R"j({"error":{"code":"internal","message":"服务器内部错误，详情见服务器日志 / internal error (details in the server log)"}})j";
    return r;
  }

  Response respond(Request& req, bool ok, bool head) {
    Response res;
    if (!ok) {
      res = error_response(400, "bad_request", "非法的请求路径 / malformed request target");
    } else if (req.path == "/api" || starts_with(req.path, "/api/")) {
      if (!tl_store || !tl_platform)
        res = error_response(500, "internal", "数据库连接不可用 / no database connection in this worker");
      else
        res = dispatch(shared_->router, req, *tl_store, *tl_platform, shared_->config);
      res.headers.emplace_back("Cache-Control", "no-store");
    } else if (req.method == "GET" || head) {
      res = serve_static(shared_->config.web_root, req.path);
    } else {
      res = error_response(405, "method_not_allowed", "静态文件只支持 GET / only GET is allowed here");
    }
    return res;
  }

  void write(const Response& r, unsigned version, bool keep_alive, bool head = false) {
    auto res = std::make_shared<http::response<http::string_body>>();
    res->version(version);
    res->result(static_cast<unsigned>(r.status));
    res->set(http::field::server, "mujun");
    if (r.status != 204 && r.status != 304) res->set(http::field::content_type, r.content_type);
    res->set("X-Content-Type-Options", "nosniff");
    res->set("X-Frame-Options", "DENY");
    res->set("Referrer-Policy", "same-origin");
    res->set("Content-Security-Policy",
             "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
    for (auto& [k, v] : r.headers) res->insert(k, v);
    res->keep_alive(keep_alive);
    if (head) {
      if (!r.head_without_length) res->content_length(r.body.size());
    } else {
      res->body() = r.body;
      res->prepare_payload();
    }
    stream_.expires_after(kWriteTimeout);
    http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
      self->on_write(ec, res->keep_alive());
    });
  }

  void on_write(beast::error_code ec, bool keep_alive) {
    if (ec) return close();
    if (shared_->stopping) return close();  // the response is out; no lingering while the server stops
    if (!keep_alive) return linger_close();
    first_ = false;
    read_header();
  }

  // Half-closes, then reads and discards what the client still sends (at most 2 s), so the client reads
  // our response before it sees the connection end (closing with unread data would send a TCP RST).
  void linger_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(2s);
    drain();
  }
  void drain() {
    stream_.async_read_some(net::buffer(discard_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->close();
      self->drain();
    });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<Shared> shared_;
  std::string peer_;
  bool peer_loopback_ = false;
  bool first_ = true;
  bool busy_ = false;
  std::array<char, 8192> discard_{};
};

class Acceptor : public std::enable_shared_from_this<Acceptor> {
 public:
  Acceptor(net::io_context& ioc, std::shared_ptr<Shared> shared) : ioc_(ioc), acceptor_(net::make_strand(ioc)), shared_(std::move(shared)) {}

  void open(const tcp::endpoint& ep) {
    acceptor_.open(ep.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen(net::socket_base::max_listen_connections);
  }
  int port() const { return acceptor_.local_endpoint().port(); }
  void run() { net::dispatch(acceptor_.get_executor(), beast::bind_front_handler(&Acceptor::accept, shared_from_this())); }
  void close() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ec;
      self->acceptor_.close(ec);
    });
  }

 private:
  void accept() {
    acceptor_.async_accept(net::make_strand(ioc_), beast::bind_front_handler(&Acceptor::on_accept, shared_from_this()));
  }
  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || shared_->stopping || !acceptor_.is_open()) return;
    if (ec == net::error::no_descriptors || ec == boost::system::errc::too_many_files_open_in_system ||
        ec == net::error::no_buffer_space || ec == net::error::no_memory) {
      // Out of file descriptors (EMFILE/ENFILE) or memory: the pending connection stays in the backlog and
      // accepting again at once fails again — a busy loop. Wait, so that open connections can finish.
      if (!warned_) {
        std::cerr << "mujun serve: 无法接受新连接（文件描述符用尽？）/ cannot accept: " << ec.message()
                  << "（调高 LimitNOFILE 或降低 --max-connections / raise LimitNOFILE or lower --max-connections）\n";
        warned_ = true;
      }
      timer_.expires_after(kAcceptBackoff);
      timer_.async_wait([self = shared_from_this()](beast::error_code) {
        if (!self->shared_->stopping && self->acceptor_.is_open()) self->accept();
      });
      return;
    }
    if (!ec) {
      warned_ = false;
      bool full = false;
      {
        std::lock_guard lock(shared_->mu);
        full = shared_->conns.size() >= shared_->config.max_connections;
      }
      if (full) {  // over --max-connections: close at once (RST-free: nothing was read)
        beast::error_code ignored;
        socket.shutdown(tcp::socket::shutdown_both, ignored);
        socket.close(ignored);
      } else {
        std::make_shared<Conn>(std::move(socket), shared_)->start();
      }
    }
    accept();
  }
  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  net::steady_timer timer_{acceptor_.get_executor()};
  bool warned_ = false;
  std::shared_ptr<Shared> shared_;
};

}  // namespace

bool split_listen_address(const std::string& address, std::string& host, int& port) {
  auto colon = address.rfind(':');
  if (colon == std::string::npos || colon + 1 >= address.size()) return false;
  host = address.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) return false;
  auto digits = address.substr(colon + 1);
  if (digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
  port = std::stoi(digits);
  return port <= 65535;
}

bool is_loopback_host(const std::string& host) {
  if (host == "localhost") return true;
  beast::error_code ec;
  auto a = net::ip::make_address(host, ec);
  return !ec && a.is_loopback();
}

struct Server::Impl {
  std::shared_ptr<Shared> shared = std::make_shared<Shared>();
  std::string listen;
  int threads = 1;
  net::io_context ioc;
  std::shared_ptr<Acceptor> acceptor;
  std::vector<std::thread> workers;
  int port = 0;
  bool running = false;
  explicit Impl(int n) : threads(n < 1 ? 1 : n), ioc(n < 1 ? 1 : n) {}
};

Server::Server(ServerConfig config, std::string listen_address, int threads) : impl_(std::make_unique<Impl>(threads)) {
  impl_->shared->config = std::move(config);
  impl_->listen = std::move(listen_address);
}

Server::~Server() { stop(); }

int Server::port() const { return impl_->port; }

void Server::start() {
  if (impl_->running) return;
  auto& cfg = impl_->shared->config;
  store::open_sqlite(cfg.db_path)->migrate();
  impl_->shared->router = make_router();
  std::string host;
  int port = 0;
  if (!split_listen_address(impl_->listen, host, port))
    throw std::runtime_error("监听地址须为 主机:端口（如 127.0.0.1:8080）/ the listen address must be HOST:PORT: " +
                             impl_->listen);
  beast::error_code ec;
  auto addr = net::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
  if (ec) throw std::runtime_error("无法识别的监听地址 / not an IP address: " + host);
  impl_->acceptor = std::make_shared<Acceptor>(impl_->ioc, impl_->shared);
  try {
    impl_->acceptor->open(tcp::endpoint(addr, static_cast<unsigned short>(port)));
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error("无法监听 " + impl_->listen + "（端口被占用或无权限？）/ cannot listen on " + impl_->listen +
                             ": " + e.code().message());
  }
  impl_->port = impl_->acceptor->port();
  impl_->shared->stopping = false;
  impl_->acceptor->run();
  for (int i = 0; i < impl_->threads; ++i) {
    impl_->workers.emplace_back([this] {
      std::unique_ptr<store::Store> st;
      std::unique_ptr<store::PlatformStore> pl;
      try {
        st = store::open_sqlite(impl_->shared->config.db_path);
        pl = store::open_sqlite_platform(impl_->shared->config.db_path);
        tl_store = st.get();
        tl_platform = pl.get();
      } catch (const std::exception& e) {
        std::cerr << "mujun serve: 工作线程无法打开数据库 / a worker cannot open the database: " << e.what() << "\n";
      }
      // An exception out of a handler must not end this worker (nor, uncaught, the process): log it and
      // keep running; run() returns normally only when the io_context is stopped.
      for (;;) {
        try {
          impl_->ioc.run();
          break;
        } catch (const std::exception& e) {
          std::cerr << "mujun serve: 工作线程捕获异常 / a worker caught an exception: " << e.what() << "\n";
        } catch (...) {
          std::cerr << "mujun serve: 工作线程捕获未知异常 / a worker caught an unknown exception\n";
        }
      }
      tl_store = nullptr;
      tl_platform = nullptr;
    });
  }
  impl_->running = true;
}

void Server::stop() {
  if (!impl_ || !impl_->running) return;
  auto& sh = *impl_->shared;
  sh.stopping = true;
  impl_->acceptor->close();
  std::vector<std::shared_ptr<Conn>> live;
  {
    std::lock_guard lock(sh.mu);
    for (auto& [p, w] : sh.conns)
      if (auto c = w.lock()) live.push_back(c);
  }
  for (auto& c : live) net::post(c->executor(), [c] { c->close_if_idle(); });
  live.clear();
  {
    std::unique_lock lock(sh.mu);
    sh.cv.wait_for(lock, kStopGrace, [&] { return sh.conns.empty(); });
  }
  impl_->ioc.stop();
  for (auto& t : impl_->workers) t.join();
  impl_->workers.clear();
  impl_->ioc.restart();
  impl_->running = false;
}

}  // namespace mujun::server
