#include "compiler/sha256.hpp"

#include <catch2/catch.hpp>

using writ::compiler::Sha256;
using writ::compiler::sha256;
using writ::compiler::to_hex;

TEST_CASE("sha256 of the FIPS 180-2 test vectors") {
  CHECK(to_hex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(to_hex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("sha256 incremental equals one-shot") {
  Sha256 h;
  h.update("a");
  h.update("bc");
  CHECK(h.finish() == sha256("abc"));
}
