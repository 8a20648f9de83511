#include <catch2/catch.hpp>

#include "lang/expr_printer.hpp"
#include "tests/support/ast_factory.hpp"

using namespace writ::lang;
using namespace writ::test;

namespace {
std::string show(const ExprPtr& e) { return expr_text(*e); }
}  // namespace

TEST_CASE("expressions print with the parentheses precedence needs and no more", "[lang][fmt]") {
  CHECK(show(bin(BinaryOp::Or, bin(BinaryOp::And, name("a"), name("b")), name("c"))) == "a and b or c");
  CHECK(show(bin(BinaryOp::And, name("a"), bin(BinaryOp::Or, name("b"), name("c")))) == "a and (b or c)");
  CHECK(show(bin(BinaryOp::Sub, bin(BinaryOp::Sub, name("a"), name("b")), name("c"))) == "a - b - c");
  CHECK(show(bin(BinaryOp::Sub, name("a"), bin(BinaryOp::Sub, name("b"), name("c")))) == "a - (b - c)");
  CHECK(show(bin(BinaryOp::Add, name("a"), bin(BinaryOp::Mul, name("b"), name("c")))) == "a + b * c");
  CHECK(show(bin(BinaryOp::Mul, bin(BinaryOp::Add, name("a"), name("b")), name("c"))) == "(a + b) * c");
  // Comparisons do not chain, so a comparison operand of a comparison is always grouped.
  CHECK(show(bin(BinaryOp::Eq, bin(BinaryOp::Lt, name("a"), name("b")), bool_lit(true))) == "(a < b) == true");
  CHECK(show(bin(BinaryOp::Eq, name("x"), bin(BinaryOp::Ge, name("a"), name("b")))) == "x == (a >= b)");
}

TEST_CASE("prefix operators and if", "[lang][fmt]") {
  CHECK(show(unary(UnaryOp::Not, bin(BinaryOp::Eq, name("a"), name("b")))) == "not a == b");
  CHECK(show(unary(UnaryOp::Not, bin(BinaryOp::And, name("a"), name("b")))) == "not (a and b)");
  CHECK(show(bin(BinaryOp::And, unary(UnaryOp::Not, name("a")), name("b"))) == "not a and b");
  CHECK(show(bin(BinaryOp::Eq, name("a"), unary(UnaryOp::Not, name("b")))) == "a == (not b)");
  CHECK(show(bin(BinaryOp::Mul, unary(UnaryOp::Neg, name("a")), name("b"))) == "-a * b");
  CHECK(show(unary(UnaryOp::Neg, bin(BinaryOp::Mul, name("a"), name("b")))) == "-(a * b)");
  CHECK(show(unary(UnaryOp::Neg, unary(UnaryOp::Neg, int_lit(1)))) == "- -1");
  CHECK(show(if_then(name("c"), int_lit(1), if_then(name("d"), int_lit(2), int_lit(3)))) ==
        "if c then 1 else if d then 2 else 3");
  CHECK(show(bin(BinaryOp::Add, if_then(name("c"), int_lit(1), int_lit(2)), int_lit(3))) ==
        "(if c then 1 else 2) + 3");
}

TEST_CASE("the author's parentheses are kept", "[lang][fmt]") {
  CHECK(show(bin(BinaryOp::Or, parens(bin(BinaryOp::And, name("a"), name("b"))), name("c"))) == "(a and b) or c");
  CHECK(show(parens(name("a"))) == "(a)");
  CHECK(show(parens(parens(name("a")))) == "(a)");
  CHECK(show(bin(BinaryOp::And, name("a"), parens(bin(BinaryOp::Or, name("b"), name("c"))))) ==
        "a and (b or c)");
}

TEST_CASE("literals print in canonical form", "[lang][fmt]") {
  CHECK(show(int_lit(1000)) == "1000");
  CHECK(show(duration(90 * 60'000)) == "1h30m");
  CHECK(show(duration(250)) == "250ms");
  CHECK(show(time(1'798'185'600'000LL)) == "2026-12-25T08:00:00Z");
  CHECK(show(str("say \"hi\" {x}")) == R"("say \"hi\" {x}")");
  CHECK(show(set(str("a"), str("b"))) == R"({"a", "b"})");
  CHECK(show(set()) == "{}");
  CHECK(show(call("vendor_response", name("event.vendor"))) == "vendor_response(event.vendor)");
  CHECK(show(call("starts_with", name("s"), str("x"))) == R"(starts_with(s, "x"))");
  CHECK(show(bin(BinaryOp::NotIn, name("event.service"), name("critical"))) == "event.service not in critical");
  CHECK(show(bin(BinaryOp::ContainsAll, name("p"), set(str("a")))) == R"(p contains all {"a"})");
}

TEST_CASE("messages escape braces in their text and print holes", "[lang][fmt]") {
  Message m;
  m.parts.push_back({"lag ", nullptr, {}});
  m.parts.push_back({"", name("event.replication_lag"), {}});
  m.parts.push_back({" over {5s} \"now\"", nullptr, {}});
  CHECK(message_text(m) == R"("lag {event.replication_lag} over \{5s} \"now\"")");
  CHECK(message_text(Message{}) == R"("")");
}

TEST_CASE("types and annotations", "[lang][fmt]") {
  TypeRef set_type{TypeRef::Kind::SetOfString, {}, false, {}};
  CHECK(type_ref_text(set_type) == "set<string>");
  TypeRef named{TypeRef::Kind::Named, path("itil.Priority"), true, {}};
  CHECK(type_ref_text(named) == "itil.Priority?");
  CHECK(annotation_text(annotation("sensitive")) == "@sensitive");
  CHECK(annotation_text(annotation("owner", {"Crisis \"Office\"", "b"})) == R"(@owner("Crisis \"Office\"", "b"))");
}
