#pragma once
// What the embedding API throws: a misuse it cannot answer (an audit trail that cannot be
// opened or written, an event builder given a field twice). Bad policies and bad events are
// not errors: they come back as diagnostics and rejections.
#include <stdexcept>

namespace writ {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace writ
