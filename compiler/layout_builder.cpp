#include "compiler/layout_builder.hpp"

namespace writ::compiler {

namespace {

using K = lang::Type::Kind;

bool is_sensitive(const lang::Annotations& annotations) {
  for (const lang::Annotation& a : annotations) {
    if (a.name.text == "sensitive") return true;
  }
  return false;
}

lang::Type optional_type(K kind) {
  lang::Type t = lang::Type::of(kind);
  t.optional = true;
  return t;
}

RecordLayout event_layout(const lang::EventDecl& decl) {
  RecordLayout layout;
  layout.add("incident", lang::Type::of(K::String));
  layout.add("at", lang::Type::of(K::Time));
  layout.add("type", lang::Type::of(K::String));
  layout.add("id", optional_type(K::String));
  layout.add(kActorIdField, lang::Type::of(K::String));
  layout.add(kActorRoleField, lang::Type::of(K::String));
  for (const lang::FieldDecl& f : decl.fields) layout.add(f.name.text, f.resolved_type, is_sensitive(f.annotations));
  layout.finish();
  return layout;
}

}  // namespace

ProgramLayouts build_layouts(const lang::Program& program) {
  ProgramLayouts layouts;
  layouts.state.add("opened_at", lang::Type::of(K::Time));
  for (const auto& module : program.modules) {
    for (const lang::Decl& decl : module->decls) {
      if (const auto* e = std::get_if<lang::EventDecl>(&decl)) {
        std::string type = e->type.str();
        if (layouts.events.count(type)) continue;
        layouts.events.emplace(type, event_layout(*e));
        if (e->global) layouts.global_events.insert(type);
      } else if (const auto* s = std::get_if<lang::StateDecl>(&decl)) {
        RecordLayout& record = s->global ? layouts.global : layouts.state;
        for (const lang::StateField& f : s->fields) {
          if (!record.find(f.name.text)) record.add(f.name.text, f.resolved_type, is_sensitive(f.annotations));
        }
      }
    }
  }
  layouts.state.finish();
  layouts.global.finish();
  return layouts;
}

}  // namespace writ::compiler
