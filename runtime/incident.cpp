#include "runtime/incident.hpp"

#include <algorithm>
#include <memory>
#include <new>
#include <stdexcept>

#include "compiler/plan.hpp"

namespace writ::runtime {

namespace {

// The offset of `count` objects of T placed at or after `at` in a block, which moves past them.
template <typename T>
std::size_t place(std::size_t& at, std::size_t count) {
  at = (at + alignof(T) - 1) / alignof(T) * alignof(T);
  std::size_t offset = at;
  at += sizeof(T) * count;
  return offset;
}

template <typename T>
void construct(std::byte* block, std::size_t offset, std::size_t count) {
  std::uninitialized_value_construct_n(reinterpret_cast<T*>(block + offset), count);
}

using TK = compiler::TriggerStep::Kind;

}  // namespace

IncidentShape::IncidentShape(const compiler::RecordLayout& state) : state_(&state) { lay_out(); }

IncidentShape::IncidentShape(const compiler::Plan& plan)
    : state_(&plan.layouts.state),
      ladders_(plan.ladders.size()),
      measures_(plan.measures.size()),
      sla_rooms_(plan.slas.size()),
      obligation_rooms_(plan.obligations.size()),
      timer_rule_rooms_(plan.timer_rules.size()) {
  auto need = [](Room& room, const compiler::RecordLayout* layout) {
    if (layout) room.words = std::max(room.words, layout->word_count());
  };
  for (const auto& [type, ep] : plan.events) {
    for (const compiler::TriggerStep& t : ep.triggers) {
      if (t.kind == TK::SlaStart) need(sla_rooms_.at(t.target), ep.layout);
      if (t.kind == TK::ObligationAfter) need(obligation_rooms_.at(t.target), ep.layout);
      if (t.kind == TK::TimerRuleArm) need(timer_rule_rooms_.at(t.target), ep.layout);
    }
  }
  for (std::size_t i = 0; i < plan.timer_rules.size(); ++i) {
    need(timer_rule_rooms_[i], plan.layouts.event(plan.timer_rules[i].armed_by));
  }
  lay_out();
}

// The incident first, then its parts, widest alignment first; the rooms for start events
// after the instances that keep them, the byte flags last.
void IncidentShape::lay_out() {
  std::size_t at = sizeof(Incident);
  state_at_ = place<std::int64_t>(at, state_->word_count());
  slas_at_ = place<SlaInstance>(at, sla_rooms_.size());
  ladders_at_ = place<LadderInstance>(at, ladders_);
  obligations_at_ = place<ObligationInstance>(at, obligation_rooms_.size());
  measure_from_at_ = place<std::optional<std::int64_t>>(at, measures_);
  timer_rule_event_at_ = place<std::optional<compiler::Record>>(at, timer_rule_rooms_.size());
  for (auto* rooms : {&sla_rooms_, &obligation_rooms_, &timer_rule_rooms_}) {
    for (Room& room : *rooms) room.at = place<std::int64_t>(at, room.words);
  }
  measure_done_at_ = place<std::uint8_t>(at, measures_);
  timer_rule_armed_at_ = place<std::uint8_t>(at, timer_rule_rooms_.size());
  bytes_ = at;
}

const std::vector<IncidentShape::Room>& IncidentShape::rooms(StartedBy by) const {
  switch (by) {
    case StartedBy::Sla: return sla_rooms_;
    case StartedBy::Obligation: return obligation_rooms_;
    case StartedBy::TimerRule: break;
  }
  return timer_rule_rooms_;
}

std::unique_ptr<Incident> Incident::make(const IncidentShape& shape, IncidentPool& pool) {
  static_assert(alignof(Incident) <= alignof(std::max_align_t));
  void* block = pool.take();
  try {
    return std::unique_ptr<Incident>(new (block) Incident(shape, pool, static_cast<std::byte*>(block)));
  } catch (...) {
    pool.give_back(block);
    throw;
  }
}

void Incident::operator delete(Incident* incident, std::destroying_delete_t) {
  IncidentPool& pool = incident->pool_;
  incident->~Incident();
  pool.give_back(incident);
}

Incident::Incident(const IncidentShape& shape, IncidentPool& pool, std::byte* block)
    : state(*shape.state_, reinterpret_cast<std::int64_t*>(block + shape.state_at_)), shape_(shape), pool_(pool) {
  construct<SlaInstance>(block, shape.slas_at_, shape.sla_rooms_.size());
  construct<LadderInstance>(block, shape.ladders_at_, shape.ladders_);
  construct<ObligationInstance>(block, shape.obligations_at_, shape.obligation_rooms_.size());
  construct<std::optional<std::int64_t>>(block, shape.measure_from_at_, shape.measures_);
  construct<std::uint8_t>(block, shape.measure_done_at_, shape.measures_);
  construct<std::uint8_t>(block, shape.timer_rule_armed_at_, shape.timer_rule_rooms_.size());
  construct<std::optional<compiler::Record>>(block, shape.timer_rule_event_at_, shape.timer_rule_rooms_.size());
}

Incident::~Incident() {
  std::destroy(timer_rule_event().begin(), timer_rule_event().end());
  std::destroy(obligations().begin(), obligations().end());
  std::destroy(ladders().begin(), ladders().end());
  std::destroy(slas().begin(), slas().end());
}

compiler::Record Incident::keep(StartedBy by, std::uint32_t index, const compiler::Record& event,
                                const compiler::RecordLayout& layout) {
  const IncidentShape::Room& room = shape_.rooms(by).at(index);
  if (layout.word_count() > room.words) throw std::logic_error("a start event larger than its room in the incident");
  return event.clone(layout, reinterpret_cast<std::int64_t*>(reinterpret_cast<std::byte*>(this) + room.at));
}

}  // namespace writ::runtime
