// What a decision read: the fields of the deciding construct's conditions, valued as the
// conditions saw them (their routine copied them into slots just before testing), for the
// decision's audit record (docs/audit.md, "Values a decision read").
#include "runtime/engine.hpp"
#include "runtime/value_text.hpp"

namespace writ::runtime {

namespace {

// Reserved fields an event's record has as its own fields (incident, time, type, id).
bool in_record(const std::string& field) { return field == "incident" || field == "at" || field == "type" || field == "id"; }

}  // namespace

void Engine::add_reads(Decision& d, const compiler::FieldReads& reads, std::int32_t routine,
                       const compiler::StringTable& strings) const {
  if (!options_.record_reads || reads.empty() || routine < 0) return;
  const std::int64_t* s = slots(routine);
  d.reads.reserve(reads.size());
  for (const compiler::FieldRead& read : reads) d.reads.push_back(read_value(read, s, strings));
}

void Engine::add_event_fields(Decision& d, const InputEvent& event) const {
  const compiler::EventPlan* ep = options_.record_reads ? event.plan : nullptr;
  if (!ep || !ep->layout) return;
  for (const compiler::FieldSlot& field : ep->layout->fields()) {
    if (in_record(field.name)) continue;
    std::string name = field.name.starts_with("actor.") ? field.name : "event." + field.name;
    std::string json = event.record.present(field)
                           ? json_value(compiler::value_type_of(field), event.record.words() + field.word, strings_)
                           : "null";
    d.reads.push_back({std::move(name), std::move(json), field.sensitive});
  }
}

void Engine::stage_reads(const compiler::FieldReads& reads, std::int32_t routine) {
  staged_reads_ = reads.empty() ? nullptr : &reads;
  staged_routine_ = routine;
}

}  // namespace writ::runtime
