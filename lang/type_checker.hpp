#pragma once
// Types expressions and resolves their names and calls, filling Expr::type, resolved,
// call_kind, table and calendar. Follows the operator table of the language reference;
// an operand already in error makes no further diagnostic (no cascades).
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lang/ast.hpp"
#include "lang/check_context.hpp"
#include "lang/diagnostic.hpp"
#include "lang/symbols.hpp"

namespace writ::lang::detail {

struct Builtin;

class TypeChecker {
 public:
  TypeChecker(const ProgramSymbols& symbols, Diagnostics& diags) : symbols_(symbols), diags_(diags) {}

  // Types `e`. `expected`, when given, decides which enum a bare value belongs to; a
  // mismatch with it is the caller's to report (see `expect`).
  Type check(Expr& e, const Context& ctx, const Type* expected = nullptr);
  // Types `e` and reports E0400 "<what> must be `T`, not `U`" unless it has type `want`.
  Type expect(Expr& e, const Context& ctx, const Type& want, std::string_view what);
  // Types the `{expr}` holes of a message.
  void check_message(Message& message, const Context& ctx);
  // The type of a constant, typing its value on first use; a constant defined in terms of
  // itself is E0409.
  Type const_type(ConstDecl& c);

  // While alive, the optional fields that `cond` (already checked) proves present when it
  // evaluates to `truth` may be read without `has`.
  class Assumption {
   public:
    Assumption(std::vector<std::string>& present, std::size_t keep) : present_(&present), keep_(keep) {}
    Assumption(Assumption&& other) noexcept : present_(other.present_), keep_(other.keep_) { other.present_ = nullptr; }
    Assumption(const Assumption&) = delete;
    Assumption& operator=(const Assumption&) = delete;
    Assumption& operator=(Assumption&&) = delete;
    ~Assumption() {
      if (present_) present_->resize(keep_);
    }

   private:
    std::vector<std::string>* present_;
    std::size_t keep_;
  };
  [[nodiscard]] Assumption assume(const Expr* cond, bool truth);

 private:
  Type check_literal(Expr& e);
  Type check_set(Expr& e, const Context& ctx);
  Type check_unary(Expr& e, const Context& ctx);
  Type check_binary(Expr& e, const Context& ctx);
  Type check_logical(Expr& e, const Context& ctx);
  Type check_comparison(Expr& e, const Context& ctx);
  Type check_membership(Expr& e, const Context& ctx);
  Type check_arithmetic(Expr& e, const Context& ctx);
  Type check_if(Expr& e, const Context& ctx, const Type* expected);
  Type check_call(Expr& e, const Context& ctx, const Type* expected);
  Type check_table_call(Expr& e, const Context& ctx, TableDecl& table);
  Type check_builtin(Expr& e, const Context& ctx, const Builtin& builtin, const Type* expected);
  Type check_has(Expr& arg, const Context& ctx);
  void check_calendar_arg(Expr& call, Expr& arg, const Context& ctx);
  // Checks `a` and `b` wanting one type: a bare enum value is checked after the other side.
  std::pair<Type, Type> check_pair(Expr& a, Expr& b, const Context& ctx, const Type* expected = nullptr);
  bool could_be_enum_value(const Expr& e, const Context& ctx) const;
  // Help for a literal of the wrong kind that is close to the wanted one; "" when none.
  static std::string literal_hint(const Expr& e, const Type& want);

  // Names (name_resolution.cpp).
  Type check_name(Expr& e, const Context& ctx, const Type* expected, bool under_has);
  Type check_event_field(Expr& e, const Context& ctx, bool started, bool under_has);
  Type check_record_field(Expr& e, const Context& ctx, bool global);
  Type check_actor(Expr& e, const Context& ctx);
  Type check_bare_name(Expr& e, const Context& ctx, const Type* expected);
  Type check_qualified_name(Expr& e, const Context& ctx);
  Type check_enum_member(Expr& e, const EnumDecl& decl, const Ident& value);
  Type check_module_member(Expr& e, const UnitSymbols& module, const Ident& name);
  Type use_const(Expr& e, ConstDecl& c);
  // "did you mean `state.tier`?" for a bare `tier` that is a field; "" when it is none.
  std::string field_hint(std::string_view name, const Context& ctx) const;
  Type optional_read(Expr& e, Type type, bool under_has);

  const ProgramSymbols& symbols_;
  Diagnostics& diags_;
  std::vector<std::string> present_;  // optional fields proven present here, e.g. "event.expires"
  enum class ConstState { Checking, Done };
  std::map<const ConstDecl*, std::pair<ConstState, Type>> consts_;
  // The constants being typed, outermost first, and the spans of the constants' uses that
  // led from one to the next: the path of a constant defined in terms of itself.
  std::vector<const ConstDecl*> const_stack_;
  std::vector<Span> const_uses_;
};

}  // namespace writ::lang::detail
