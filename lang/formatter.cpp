#include "lang/formatter.hpp"

#include <algorithm>

#include "lang/decl_printer.hpp"
#include "lang/line_writer.hpp"

namespace writ::lang {

namespace {

// Kinds of one-line top-level items that stay together without blank lines between them.
enum class Group { None, Import, Const, Enum, Event, Permit, Suppress, Correlate, Measure };

Group group_of(const Decl& decl, const DeclPrinter& printer) {
  if (std::holds_alternative<ConstDecl>(decl)) return Group::Const;
  if (std::holds_alternative<PermitDecl>(decl)) return Group::Permit;
  if (std::holds_alternative<SuppressDecl>(decl)) return Group::Suppress;
  if (std::holds_alternative<CorrelateDecl>(decl)) return Group::Correlate;
  if (std::holds_alternative<MeasureDecl>(decl)) return Group::Measure;
  // Schemas and enums come in runs (LANGUAGE.md lists a dozen schemas), so one-line ones
  // group too.
  if (const auto* event = std::get_if<EventDecl>(&decl)) {
    return printer.on_one_line(*event) ? Group::Event : Group::None;
  }
  if (const auto* enumeration = std::get_if<EnumDecl>(&decl)) {
    return printer.on_one_line(*enumeration) ? Group::Enum : Group::None;
  }
  return Group::None;
}

// Separates top-level items: a blank line, except inside a run of one-line items of the
// same kind that the author wrote without blank lines. An annotated item starts a new run.
class TopLevel {
 public:
  explicit TopLevel(LineWriter& writer) : w_(writer) {}

  void next(Group group, const Annotations& annotations, const Span& span) {
    std::uint32_t begin = annotations.empty() ? span.begin : std::min(span.begin, annotations.front().span.begin);
    if (started_) {
      w_.attach_trailing(begin);
      bool grouped = group != Group::None && group == group_ && annotations.empty();
      // A blank line the author left (maybe between comments) is kept where it is; without
      // one, the separator goes right after the previous item, before any comments.
      if (!grouped && !w_.blank_between(end_, begin)) w_.blank_line();
    }
    started_ = true;
    group_ = group;
    end_ = annotations.empty() ? span.end : std::max(span.end, annotations.back().span.end);
  }

 private:
  LineWriter& w_;
  bool started_ = false;
  Group group_ = Group::None;
  std::uint32_t end_ = 0;
};

}  // namespace

std::string format_module(const Module& module, const SourceFile& file) {
  LineWriter writer(file, module.comments);
  DeclPrinter printer(writer);
  TopLevel top(writer);
  if (module.header) {
    top.next(Group::None, module.header->annotations, module.header->span);
    printer.header(*module.header, !module.imports.empty());
  }
  for (const auto& import : module.imports) {
    top.next(Group::Import, {}, import.span);
    printer.import(import);
  }
  for (const auto& decl : module.decls) {
    top.next(group_of(decl, printer), decl_annotations(decl), decl_span(decl));
    printer.decl(decl);
  }
  return writer.finish();
}

}  // namespace writ::lang
