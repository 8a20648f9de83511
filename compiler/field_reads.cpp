#include "compiler/field_reads.hpp"

#include <algorithm>

namespace writ::compiler {

namespace {

using lang::NameKind;

// Constants may be defined by constants; the checker rejects cycles, this bounds the walk.
constexpr int kMaxDepth = 64;

class Collector {
 public:
  explicit Collector(const LowerScope& scope) : scope_(scope) {}

  void walk(const lang::Expr* e, int depth = 0) {
    if (!e || depth > kMaxDepth) return;
    if (e->kind == lang::Expr::Kind::Name) name(*e, depth);
    walk(e->lhs.get(), depth + 1);
    walk(e->rhs.get(), depth + 1);
    for (const auto& item : e->items) walk(item.get(), depth + 1);
  }

  std::vector<FieldRef> take() {
    std::sort(refs_.begin(), refs_.end(), [](const FieldRef& a, const FieldRef& b) { return a.name < b.name; });
    refs_.erase(std::unique(refs_.begin(), refs_.end(), [](const FieldRef& a, const FieldRef& b) { return a.name == b.name; }),
                refs_.end());
    return std::move(refs_);
  }

 private:
  void name(const lang::Expr& e, int depth) {
    const lang::NameResolution& r = e.resolved;
    const ProgramLayouts& layouts = *scope_.layouts;
    switch (r.kind) {
      case NameKind::EventField: add("event.", RecordSource::Event, scope_.event, r.field); break;
      case NameKind::ActorId: add("", RecordSource::Event, scope_.event, kActorIdField); break;
      case NameKind::ActorRole: add("", RecordSource::Event, scope_.event, kActorRoleField); break;
      case NameKind::StateField: add("state.", RecordSource::State, &layouts.state, r.field); break;
      case NameKind::Age: add("state.", RecordSource::State, &layouts.state, "opened_at"); break;
      case NameKind::GlobalField: add("global.", RecordSource::Global, &layouts.global, r.field); break;
      case NameKind::StartedField:
        add("started.", scope_.started_is_event ? RecordSource::Event : RecordSource::Started,
            r.event ? layouts.event(r.event->type.str()) : nullptr, r.field);
        break;
      case NameKind::Const:
        if (r.constant) walk(r.constant->value.get(), depth + 1);
        break;
      default: break;
    }
  }

  void add(const char* prefix, RecordSource source, const RecordLayout* layout, std::string_view field) {
    const FieldSlot* slot = layout ? layout->find(field) : nullptr;
    if (slot) refs_.push_back(FieldRef{prefix + std::string(field), source, slot});
  }

  const LowerScope& scope_;
  std::vector<FieldRef> refs_;
};

}  // namespace

std::vector<FieldRef> field_reads(const std::vector<const lang::Expr*>& exprs, const LowerScope& scope) {
  Collector collector(scope);
  for (const lang::Expr* e : exprs) collector.walk(e);
  return collector.take();
}

bool reads_sensitive(const lang::Expr& e, const LowerScope& scope) {
  auto refs = field_reads({&e}, scope);
  return std::any_of(refs.begin(), refs.end(), [](const FieldRef& r) { return r.field->sensitive; });
}

}  // namespace writ::compiler
