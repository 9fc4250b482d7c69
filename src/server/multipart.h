// mujun — a minimal multipart/form-data reader (RFC 7578) for uploads: the boundary from the
// Content-Type header, the first part that carries a filename (its name and bytes). The body size is
// already limited by the listener (ServerConfig::body_limit).
#pragma once
#include <optional>
#include <string>

namespace mujun::server {

struct UploadedFile {
  std::string file_name;     ///< from Content-Disposition filename= (or filename*=UTF-8''…); may be ""
  std::string content_type;  ///< of the part; "" when absent
  std::string bytes;
};

/// The boundary parameter of a multipart/form-data Content-Type; nullopt when `content_type` is not
/// multipart/form-data or has no valid boundary (1–70 characters, RFC 2046 §5.1.1).
std::optional<std::string> multipart_boundary(const std::string& content_type);

/// The first file part of `body`. Throws std::invalid_argument (Chinese first) when the body is not a
/// well-formed multipart body for `boundary` or carries no file part, or when the part's file name is not
/// usable (api::file_name_problem: control characters, or bytes that are neither UTF-8 nor GB18030).
/// A file name in GBK/GB18030 (older Chinese Windows clients) is returned converted to UTF-8.
UploadedFile multipart_file(const std::string& body, const std::string& boundary);

}  // namespace mujun::server
