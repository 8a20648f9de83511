#pragma once
// The JIT's factories return the object or the reason they could not make it; a test that
// needs the object fails with that reason.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <variant>

#include "compiler/jit_session.hpp"

namespace writ::test {

template <typename T>
std::unique_ptr<T> created_or_fail(std::variant<std::unique_ptr<T>, std::string> created) {
  if (auto* error = std::get_if<std::string>(&created)) FAIL(*error);
  return std::move(std::get<std::unique_ptr<T>>(created));
}

inline std::unique_ptr<compiler::JitSession> jit_session(compiler::OptLevel level) {
  return created_or_fail(compiler::JitSession::create(level));
}

}  // namespace writ::test
