#include "compiler/test_plan_builder.hpp"

#include <fmt/format.h>

#include "compiler/interpreter.hpp"
#include "compiler/layout_builder.hpp"
#include "compiler/set_arena.hpp"
#include "lang/constant_value.hpp"
#include "lang/decl_printer.hpp"
#include "lang/json_writer.hpp"
#include "lang/literals.hpp"

namespace writ::compiler {

namespace {

using K = lang::Type::Kind;

class TestBuilder {
 public:
  TestBuilder(const lang::Program& program, const lang::SourceManager& sources) : sources_(sources) {
    layouts_ = build_layouts(program);
  }

  std::vector<CompileError>& errors() { return errors_; }

  TestCase test(const lang::TestDecl& t, const std::string& prefix) {
    TestCase out{t.name, where(t.span), {}};
    for (const lang::TestStep& step : t.steps) {
      if (const auto* at = std::get_if<lang::TestAt>(&step.step)) out.steps.emplace_back(at_step(*at));
      else out.steps.emplace_back(expect_step(std::get<lang::TestExpect>(step.step), prefix));
    }
    return out;
  }

 private:
  SourceRef where(const lang::Span& span) const {
    const lang::SourceFile& file = sources_.file(span.file);
    lang::LineCol at = file.line_col(span.begin);
    return SourceRef{file.path(), at.line, at.column};
  }

  // The value of a constant expression, as the runtime prints values in JSON.
  std::string json(const lang::Expr& e) {
    LowerScope scope{&layouts_, nullptr, &strings_};
    auto lowered = lower_expr(e, scope);
    if (auto* error = std::get_if<CompileError>(&lowered)) {
      errors_.push_back(*error);
      return "null";
    }
    SetArena arena;
    EvalContext ctx{nullptr, nullptr, nullptr, nullptr, 0, &strings_, &arena};
    Value v = Interpreter::evaluate_node(*std::get<ir::NodePtr>(lowered), ctx);
    switch (e.type.kind) {
      case K::Bool: return v.scalar ? "true" : "false";
      case K::Int: return std::to_string(v.scalar);
      case K::String: return lang::json_quote(strings_.text(static_cast<StringId>(v.scalar)));
      case K::Duration: return lang::json_quote(lang::format_duration(v.scalar));
      case K::Time: return lang::json_quote(lang::format_time(v.scalar));
      case K::Enum: {
        const auto* decl = e.type.enum_decl;
        bool known = decl && v.scalar >= 0 && static_cast<std::size_t>(v.scalar) < decl->values.size();
        return lang::json_quote(known ? decl->values[v.scalar].text : std::to_string(v.scalar));
      }
      case K::SetOfString: {
        std::string out = "[";
        for (StringId id : v.set) out += (out.size() > 1 ? "," : "") + lang::json_quote(strings_.text(id));
        return out + "]";
      }
      default: return "null";
    }
  }

  std::string text(const lang::Expr* e) {
    if (!e) return {};
    if (const std::string* s = lang::detail::constant_string(*e)) return *s;
    errors_.push_back({e->span, "a test expects a constant string here"});
    return {};
  }

  TestAtPlan at_step(const lang::TestAt& at) {
    TestAtPlan out;
    out.where = where(at.span);
    out.relative = at.relative;
    if (at.when) out.when = lang::detail::constant_number(*at.when).value_or(0);
    if (!at.event_type) return out;
    TestEvent e;
    e.type = at.event_type->str();
    for (const lang::FieldValue& f : at.fields) {
      if (f.value) e.fields.emplace_back(f.name.text, json(*f.value));
    }
    if (at.actor) {
      for (const lang::FieldValue& f : *at.actor) {
        (f.name.text == "id" ? e.actor_id : e.actor_role) = text(f.value.get());
      }
    }
    out.event = std::move(e);
    return out;
  }

  static TestExpectPlan::Kind kind(lang::TestExpect::Kind k) {
    using XK = lang::TestExpect::Kind;
    using PK = TestExpectPlan::Kind;
    switch (k) {
      case XK::Notify: return PK::Notify;
      case XK::Global: return PK::Global;
      case XK::Suppressed: return PK::Suppressed;
      case XK::Correlated: return PK::Correlated;
      case XK::Measure: return PK::Measure;
      case XK::Denied: return PK::Denied;
      case XK::Allowed: return PK::Allowed;
      case XK::Breach: return PK::Breach;
      case XK::Warn: return PK::Warn;
      case XK::Met: return PK::Met;
      case XK::Violation: return PK::Violation;
      case XK::Blocked: return PK::Blocked;
      case XK::Ticket: return PK::Ticket;
      case XK::State: return PK::State;
    }
    return PK::Allowed;
  }

  TestExpectPlan expect_step(const lang::TestExpect& x, const std::string& prefix) {
    using XK = lang::TestExpect::Kind;
    TestExpectPlan out;
    out.kind = kind(x.kind);
    out.negated = x.negated;
    out.where = where(x.span);
    std::string written = sources_.file(x.span.file).text().substr(x.span.begin, x.span.end - x.span.begin);
    out.text = written.starts_with("expect") ? written : "expect " + written;
    if (x.kind == XK::Notify || x.kind == XK::Ticket) out.value = text(x.value.get());
    out.because = x.because;
    if (x.name) out.name = x.name->parts.size() == 1 ? prefix + x.name->str() : x.name->str();
    if (x.kind == XK::State || x.kind == XK::Global) out.state_field = x.state_field.text;
    if ((x.kind == XK::State || x.kind == XK::Global || x.kind == XK::Measure) && x.value) out.expected_json = json(*x.value);
    return out;
  }

  const lang::SourceManager& sources_;
  ProgramLayouts layouts_;
  StringTable strings_;
  std::vector<CompileError> errors_;
};

}  // namespace

std::variant<std::vector<TestCase>, std::vector<CompileError>> build_tests(const lang::Program& program,
                                                                           const lang::SourceManager& sources) {
  TestBuilder builder(program, sources);
  std::vector<TestCase> tests;
  if (program.units.empty()) return tests;
  const lang::Unit& root = *program.units.front();
  for (const lang::Module* m : root.modules) {
    for (const lang::Decl& decl : m->decls) {
      if (const auto* t = std::get_if<lang::TestDecl>(&decl)) tests.push_back(builder.test(*t, ""));
    }
  }
  if (!builder.errors().empty()) return std::move(builder.errors());
  return tests;
}

}  // namespace writ::compiler
