// The engine's state as bytes, for the checkpoints of the audit trail, and back (docs/audit.md,
// "The checkpoint's state"): whatever the engine carries from one event to the next, as an
// engine-wide part and keyed rows (an incident each; chunks of interned strings and seen
// ids) so that a checkpoint writes only what changed. Deterministic: maps are written in
// key order, seen ids in ascending order, interned strings in id order (ids are positions,
// so restoring the texts in order restores every id a record holds), set pointers as the
// ids they point to, each incident's timers in firing order.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <span>
#include <tuple>

#include "runtime/detail/encoding_writer.hpp"
#include "runtime/engine.hpp"
#include "runtime/state_codec.hpp"

namespace writ::runtime {

namespace {

constexpr std::string_view kMagic = "writ-engine-state";
constexpr std::int64_t kVersion = 4;
// Versions 3 and before wrote every number as 8 bytes: how their state began, str(kMagic)
// then int(version).
constexpr std::size_t kFixedInt = detail::EncodingWriter::kIntSize;
constexpr std::size_t kFixedHeader = kFixedInt + kMagic.size() + kFixedInt;

// Row keys: an incident's row is kIncidentRow + its id (an empty value: closed and evicted);
// a chunk's is kChunkRow + its number as 8 bytes big-endian (the canonical int, not a
// varint), so chunks sort in the order they were written.
constexpr char kIncidentRow = 'i';
constexpr char kChunkRow = 'c';

using TK = compiler::TriggerStep::Kind;

// The layouts of the start events SLAs and obligations keep (`started.`), by index.
struct StartedLayouts {
  std::vector<const compiler::RecordLayout*> slas, obligations, timer_rules;

  explicit StartedLayouts(const compiler::Plan& plan)
      : slas(plan.slas.size()), obligations(plan.obligations.size()), timer_rules(plan.timer_rules.size()) {
    for (const auto& [type, ep] : plan.events) {
      for (const compiler::TriggerStep& t : ep.triggers) {
        if (t.kind == TK::SlaStart) slas.at(t.target) = ep.layout;
        if (t.kind == TK::ObligationAfter) obligations.at(t.target) = ep.layout;
      }
    }
    for (std::size_t i = 0; i < plan.timer_rules.size(); ++i) timer_rules[i] = plan.layouts.event(plan.timer_rules[i].armed_by);
  }
};

const std::uint32_t* set_data(const std::int64_t* words) {
  std::uintptr_t address = 0;
  std::memcpy(&address, words, sizeof address);
  return reinterpret_cast<const std::uint32_t*>(address);
}

// A set field's first word, a pointer, is written as 0 and its ids after the words. The
// pointer words are marked only in a record that has set fields: most have none, and the
// marks were an allocation per record (at 100,000 open incidents, some 200,000 a checkpoint).
void put_record(StateWriter& w, const compiler::Record& record, const compiler::RecordLayout& layout) {
  const std::int64_t* words = record.words();
  std::vector<bool> pointer;
  for (const compiler::FieldSlot& f : layout.fields()) {
    if (!f.is_set()) continue;
    pointer.resize(layout.word_count());
    pointer[f.word] = true;
  }
  w.put_int(layout.word_count());
  for (std::uint32_t i = 0; i < layout.word_count(); ++i) w.put_int(!pointer.empty() && pointer[i] ? 0 : words[i]);
  for (const compiler::FieldSlot& f : layout.fields()) {
    if (!f.is_set()) continue;
    const std::uint32_t* ids = set_data(words + f.word);
    for (std::int64_t i = 0; i < words[f.word + 1]; ++i) w.put_int(ids[i]);
  }
}

void put_optional_record(StateWriter& w, const std::optional<compiler::Record>& record,
                         const compiler::RecordLayout* layout) {
  w.put_flag(record && layout);
  if (record && layout) put_record(w, *record, *layout);
}

void put_incident(StateWriter& w, const Incident& inc, const compiler::Plan& plan, const StartedLayouts& started) {
  w.put_str(inc.id);
  put_record(w, inc.state, plan.layouts.state);
  w.put_flag(inc.closed);
  w.put_int(static_cast<std::int64_t>(inc.pending_timers));
  for (std::size_t i = 0; i < inc.slas().size(); ++i) {
    const SlaInstance& s = inc.slas()[i];
    for (bool b : {s.running, s.paused, s.breached}) w.put_flag(b);
    for (std::int64_t x : {static_cast<std::int64_t>(s.generation), s.started_at, s.target_ms, s.consumed_ms,
                           s.segment_start, static_cast<std::int64_t>(s.next_warn)}) {
      w.put_int(x);
    }
    put_optional_record(w, s.started, started.slas[i]);
  }
  for (const LadderInstance& l : inc.ladders()) {
    w.put_flag(l.running);
    w.put_int(static_cast<std::int64_t>(l.generation));
    w.put_int(static_cast<std::int64_t>(l.delays.size()));
    for (std::int64_t d : l.delays) w.put_int(d);
    w.put_int(l.repeat_delay);
  }
  for (std::size_t i = 0; i < inc.obligations().size(); ++i) {
    const ObligationInstance& o = inc.obligations()[i];
    w.put_flag(o.running);
    w.put_int(static_cast<std::int64_t>(o.generation));
    w.put_int(o.interval_ms);
    put_optional_record(w, o.started, started.obligations[i]);
  }
  for (std::size_t i = 0; i < inc.measure_from().size(); ++i) {
    w.put_flag(inc.measure_from()[i].has_value());
    w.put_int(inc.measure_from()[i].value_or(0));
    w.put_flag(inc.measure_done()[i]);
  }
  for (std::size_t i = 0; i < inc.timer_rule_armed().size(); ++i) {
    w.put_flag(inc.timer_rule_armed()[i]);
    put_optional_record(w, inc.timer_rule_event()[i], started.timer_rules[i]);
  }
}

class StateDecoder {
 public:
  StateDecoder(std::string_view bytes, const compiler::StringTable& strings) : in_(bytes), strings_(strings) {}
  StateReader& in() { return in_; }

  compiler::StringId string_id() {
    std::int64_t id = in_.get_int();
    if (id < 0 || static_cast<std::size_t>(id) >= strings_.size()) throw StateDecodeError(fmt::format("string id {} is unknown", id));
    return static_cast<compiler::StringId>(id);
  }

  compiler::Record record(const compiler::RecordLayout& layout) {
    if (in_.get_int() != layout.word_count()) throw StateDecodeError("a record does not have its layout's size");
    compiler::Record r(layout);
    for (std::uint32_t i = 0; i < layout.word_count(); ++i) r.mutable_words()[i] = in_.get_int();
    std::uint32_t presence_words = layout.fields().empty() ? 0 : layout.fields().front().word;
    std::vector<std::int64_t> presence(r.words(), r.words() + presence_words);
    for (const compiler::FieldSlot& f : layout.fields()) {
      if (f.type.kind == lang::Type::Kind::String) check_string(r.words()[f.word]);
      if (!f.is_set()) continue;
      std::int64_t n = r.words()[f.word + 1];
      if (n < 0 || static_cast<std::size_t>(n) > in_.remaining()) throw StateDecodeError("a set's size is out of range");
      std::vector<compiler::StringId> ids;
      for (std::int64_t i = 0; i < n; ++i) ids.push_back(string_id());
      r.set_set(f, std::move(ids));
    }
    std::copy(presence.begin(), presence.end(), r.mutable_words());
    return r;
  }

  // A start event, kept in `inc`'s block.
  std::optional<compiler::Record> started(Incident& inc, StartedBy by, std::uint32_t index,
                                          const compiler::RecordLayout* layout) {
    if (!in_.get_flag()) return std::nullopt;
    if (!layout) throw StateDecodeError("a start event is stored where the policy keeps none");
    return inc.keep(by, index, record(*layout), *layout);
  }

 private:
  void check_string(std::int64_t id) {
    if (id < 0 || static_cast<std::size_t>(id) >= strings_.size()) throw StateDecodeError(fmt::format("string id {} is unknown", id));
  }

  StateReader in_;
  const compiler::StringTable& strings_;
};

std::unique_ptr<Incident> get_incident(StateDecoder& d, const IncidentShape& shape, IncidentPool& pool,
                                       const compiler::Plan& plan, const StartedLayouts& started) {
  StateReader& in = d.in();
  auto inc = Incident::make(shape, pool);
  inc->id = in.get_str();
  // Copied into the block, where make() put the state's words.
  inc->state = d.record(plan.layouts.state).clone(plan.layouts.state, inc->state.mutable_words());
  inc->closed = in.get_flag();
  inc->pending_timers = in.get_count(in.remaining(), "a count of pending timers");
  for (std::size_t i = 0; i < inc->slas().size(); ++i) {
    SlaInstance& s = inc->slas()[i];
    s.running = in.get_flag();
    s.paused = in.get_flag();
    s.breached = in.get_flag();
    s.generation = static_cast<std::uint64_t>(in.get_int());
    s.started_at = in.get_int();
    s.target_ms = in.get_int();
    s.consumed_ms = in.get_int();
    s.segment_start = in.get_int();
    s.next_warn = in.get_count(plan.slas[i].warns.size(), "an SLA's next warning");
    s.started = d.started(*inc, StartedBy::Sla, static_cast<std::uint32_t>(i), started.slas[i]);
  }
  for (std::size_t i = 0; i < inc->ladders().size(); ++i) {
    LadderInstance& l = inc->ladders()[i];
    l.running = in.get_flag();
    l.generation = static_cast<std::uint64_t>(in.get_int());
    l.delays.resize(in.get_count(plan.ladders[i].levels.size(), "a ladder's count of delays"));
    if (l.running && l.delays.size() != plan.ladders[i].levels.size()) throw StateDecodeError("a running ladder lacks delays");
    for (std::int64_t& delay : l.delays) delay = in.get_int();
    l.repeat_delay = in.get_int();
  }
  for (std::size_t i = 0; i < inc->obligations().size(); ++i) {
    ObligationInstance& o = inc->obligations()[i];
    o.running = in.get_flag();
    o.generation = static_cast<std::uint64_t>(in.get_int());
    o.interval_ms = in.get_int();
    o.started = d.started(*inc, StartedBy::Obligation, static_cast<std::uint32_t>(i), started.obligations[i]);
  }
  for (std::size_t i = 0; i < plan.measures.size(); ++i) {
    bool has = in.get_flag();
    std::int64_t from = in.get_int();
    if (has) inc->measure_from()[i] = from;
    inc->measure_done()[i] = in.get_flag();
  }
  for (std::size_t i = 0; i < plan.timer_rules.size(); ++i) {
    inc->timer_rule_armed()[i] = in.get_flag();
    inc->timer_rule_event()[i] =
        d.started(*inc, StartedBy::TimerRule, static_cast<std::uint32_t>(i), started.timer_rules[i]);
  }
  return inc;
}

// The number of instances a timer of `kind` may name.
std::size_t targets_of(const compiler::Plan& plan, Timer::Kind kind) {
  switch (kind) {
    case Timer::Kind::SlaWarn:
    case Timer::Kind::SlaBreach: return plan.slas.size();
    case Timer::Kind::LadderLevel: return plan.ladders.size();
    case Timer::Kind::ObligationDeadline: return plan.obligations.size();
    case Timer::Kind::TimerRule: return plan.timer_rules.size();
  }
  return 0;
}

// A timer's numbers, each at least a byte.
constexpr std::size_t kTimerInts = 7;

Timer get_timer(StateReader& in, const compiler::Plan& plan, compiler::StringId incident) {
  Timer t;
  t.incident = incident;
  t.due = in.get_int();
  t.construct = static_cast<std::uint32_t>(in.get_count(plan.constructs.size(), "a timer's construct"));
  t.kind = static_cast<Timer::Kind>(in.get_count(static_cast<std::size_t>(Timer::Kind::TimerRule), "a timer's kind"));
  std::size_t targets = targets_of(plan, t.kind);
  t.target = static_cast<std::uint32_t>(in.get_count(targets ? targets - 1 : 0, "a timer's target"));
  if (targets == 0) throw StateDecodeError("a timer names a construct the policy does not have");
  std::size_t steps = t.kind == Timer::Kind::SlaWarn       ? plan.slas[t.target].warns.size()
                      : t.kind == Timer::Kind::LadderLevel ? plan.ladders[t.target].levels.size()
                                                           : 1;
  t.step = static_cast<std::uint32_t>(in.get_count(steps ? steps - 1 : 0, "a timer's step"));
  if (steps == 0) throw StateDecodeError("a timer names a step its construct does not have");
  t.round = static_cast<std::uint32_t>(in.get_int());
  t.generation = static_cast<std::uint64_t>(in.get_int());
  return t;
}

// Firing order (TimerQueue), among one incident's timers.
bool fires_before(const Timer* a, const Timer* b) {
  return std::tie(a->due, a->construct, a->sequence) < std::tie(b->due, b->construct, b->sequence);
}

// An incident's (or the engine-wide instances') timers in firing order, without the
// incident they name.
void put_timers(StateWriter& w, std::span<const Timer* const> timers) {
  w.put_int(static_cast<std::int64_t>(timers.size()));
  for (const Timer* t : timers) {
    for (std::int64_t x : {t->due, std::int64_t{t->construct}, static_cast<std::int64_t>(t->kind),
                           std::int64_t{t->target}, std::int64_t{t->step}, std::int64_t{t->round},
                           static_cast<std::int64_t>(t->generation)}) {
      w.put_int(x);
    }
  }
}

std::string chunk_key(std::int64_t number) {
  std::string key(1 + detail::EncodingWriter::kIntSize, kChunkRow);
  detail::EncodingWriter(key.data() + 1).put_int(number);
  return key;
}

// The version of a state written with 8-byte numbers, to name it when refusing it.
std::optional<std::int64_t> fixed_width_version(std::string_view engine) {
  if (engine.size() < kFixedHeader || detail::read_int(engine.data()) != static_cast<std::int64_t>(kMagic.size()) ||
      engine.substr(kFixedInt, kMagic.size()) != kMagic) {
    return std::nullopt;
  }
  return detail::read_int(engine.data() + kFixedInt + kMagic.size());
}

// The incidents of a checkpoint's rows in key order, and their timers grouped by row in
// firing order, beside the engine-wide instances' timers in firing order: the rows are
// written in the order a B-tree appends best, and the same state gives the same rows.
struct RowPlan {
  // Ordered by id; the id's first 8 bytes as a big-endian number (zeros past its end)
  // decide most comparisons without reading the text, which lies elsewhere.
  struct Row {
    std::string_view id;
    compiler::StringId key;
    std::uint64_t prefix = 0;

    Row(std::string_view text, compiler::StringId k) : id(text), key(k) {
      for (std::size_t i = 0; i < 8; ++i) {
        prefix = (prefix << 8) | (i < text.size() ? static_cast<std::uint8_t>(text[i]) : 0);
      }
    }
    bool operator<(const Row& other) const { return prefix != other.prefix ? prefix < other.prefix : id < other.id; }
  };
  std::vector<Row> rows;
  std::vector<const Timer*> timers;  // row by row
  std::vector<std::size_t> timers_end;  // by row: where its timers end in `timers`
  std::vector<const Timer*> engine_wide_timers;

  RowPlan(std::vector<Row> sorted, const TimerQueue::Timers& all, std::size_t strings) : rows(std::move(sorted)) {
    std::vector<std::uint32_t> row_of(strings, 0);  // by incident key: its row + 1
    for (std::size_t i = 0; i < rows.size(); ++i) row_of[rows[i].key] = static_cast<std::uint32_t>(i + 1);
    std::vector<std::pair<std::uint32_t, const Timer*>> owned;
    for (const Timer& t : all) {
      if (t.incident == 0) {
        engine_wide_timers.push_back(&t);
      } else if (t.incident < strings && row_of[t.incident] != 0) {
        owned.emplace_back(row_of[t.incident] - 1, &t);
      }
    }
    std::sort(engine_wide_timers.begin(), engine_wide_timers.end(), fires_before);
    std::sort(owned.begin(), owned.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : fires_before(a.second, b.second);
    });
    timers_end.assign(rows.size(), 0);
    for (const auto& [row, timer] : owned) {
      timers.push_back(timer);
      timers_end[row] = timers.size();
    }
    for (std::size_t i = 1; i < rows.size(); ++i) timers_end[i] = std::max(timers_end[i], timers_end[i - 1]);
  }

  std::span<const Timer* const> timers_of(std::size_t row) const {
    std::size_t begin = row == 0 ? 0 : timers_end[row - 1];
    return std::span<const Timer* const>(timers).subspan(begin, timers_end[row] - begin);
  }
};

}  // namespace

EngineState Engine::state() const { return collect(true); }

EngineState Engine::state_changes() {
  EngineState changes = collect(!tracker_.on());
  tracker_.start(strings_.size(), seen_ids_.size(), tracker_.on() ? tracker_.next_chunk() + 1 : 1);
  return changes;
}

// The whole state, or what changed since the tracker started: the incidents it saw touched
// and a chunk of the strings and seen ids added since. Incidents are handled by interned id
// and their texts read in place: with text copies, lookups by text and a map of timer lists,
// this took 80-95 ms a checkpoint at 100,000 open incidents (bench/RESULTS.md).
EngineState Engine::collect(bool whole) const {
  EngineState out;
  out.whole = whole;
  std::vector<RowPlan::Row> ids;
  auto add = [&](compiler::StringId key) { ids.emplace_back(strings_.text(key), key); };
  if (whole) {
    incidents_.for_each([&](const Incident& incident) { add(incident.key); });
    for (compiler::StringId id = 0; id < closed_.size(); ++id) {
      if (closed_[id] && !find_incident(id)) add(id);
    }
  } else {
    for (compiler::StringId id : tracker_.touched()) add(id);
  }
  std::sort(ids.begin(), ids.end());
  RowPlan plan(std::move(ids), timers_.unordered(), strings_.size());
  std::size_t from = whole ? plan_.strings.size() : tracker_.strings();
  std::vector<compiler::StringId> seen;
  for (std::size_t id = from; id < strings_.size(); ++id) {
    if (seen_ids_.contains(static_cast<compiler::StringId>(id))) seen.push_back(static_cast<compiler::StringId>(id));
  }
  // An id seen for the first time whose text was interned before (as another field's
  // value): the chunk then carries the whole set.
  bool all_seen = whole || tracker_.seen() + seen.size() != seen_ids_.size();
  if (all_seen) seen = seen_ids_.ids();
  if (from < strings_.size() || !seen.empty() || all_seen) {
    StateWriter w;
    w.put_int(static_cast<std::int64_t>(from));
    w.put_int(static_cast<std::int64_t>(strings_.size() - from));
    for (std::size_t id = from; id < strings_.size(); ++id) w.put_str(strings_.text(static_cast<compiler::StringId>(id)));
    w.put_flag(all_seen);
    w.put_int(static_cast<std::int64_t>(seen.size()));
    for (compiler::StringId id : seen) w.put_int(id);
    out.rows.push_back(StateRow{chunk_key(whole ? 0 : tracker_.next_chunk()), w.take()});
  }
  StartedLayouts started(plan_);
  out.rows.reserve(out.rows.size() + plan.rows.size());
  // One buffer for every incident's row, each row then copied at its size: a row written
  // into a string of its own grew it five or six times.
  StateWriter row;
  for (std::size_t i = 0; i < plan.rows.size(); ++i) {
    const RowPlan::Row& r = plan.rows[i];
    std::string key = std::string(1, kIncidentRow).append(r.id);
    const Incident* incident = find_incident(r.key);
    if (!incident) {
      out.rows.push_back(StateRow{std::move(key), closed(r.key) ? std::optional<std::string>("") : std::nullopt});
      continue;
    }
    row.clear();
    put_incident(row, *incident, plan_, started);
    put_timers(row, plan.timers_of(i));
    out.rows.push_back(StateRow{std::move(key), std::string(row.view())});
  }
  StateWriter w;
  w.put_str(kMagic);
  w.put_int(kVersion);
  w.put_int(clock_);
  w.put_int(seq_);
  w.put_int(static_cast<std::int64_t>(strings_.size()));
  w.put_int(static_cast<std::int64_t>(seen_ids_.size()));
  put_record(w, global_, plan_.layouts.global);
  put_incident(w, *engine_wide_, plan_, started);
  put_timers(w, plan.engine_wide_timers);
  for (const auto& windows : freeze_windows_) {
    w.put_int(static_cast<std::int64_t>(windows.size()));
    for (const auto& [from_ms, to_ms] : windows) {
      w.put_int(from_ms);
      w.put_int(to_ms);
    }
  }
  w.put_int(static_cast<std::int64_t>(correlation_.groups().size()));
  for (const auto& [key, group] : correlation_.groups()) {
    w.put_int(key.first);
    w.put_int(key.second);
    w.put_str(group.incident);
    w.put_int(group.last);
  }
  out.engine = w.take();
  return out;
}

std::optional<std::string> Engine::restore(std::string_view engine, const std::vector<StateRow>& rows) {
  if (seq_ != 0 || !incidents_.empty()) {
    return std::string("the engine has already applied events; a snapshot restores a new engine");
  }
  try {
    restore_state(engine, rows);
  } catch (const StateDecodeError& e) {
    return fmt::format("the checkpoint's state is damaged: {}", e.what());
  }
  return std::nullopt;
}

namespace {

// Interns a chunk's strings (which must continue the table exactly) and inserts its seen ids.
void restore_chunk(std::string_view bytes, compiler::StringTable& strings, SeenIds& seen) {
  StateReader in(bytes);
  std::size_t id = in.get_count(strings.size(), "a chunk's first string");
  for (std::size_t n = in.get_items(1, "a count of strings"); n > 0; --n) {
    // Texts interned before the restore (a decoder's event type names) must sit where the
    // state has them, or every id after them would mean another text.
    if (strings.intern(in.get_str()) != id++) throw StateDecodeError("its strings are not this engine's");
  }
  if (in.get_flag()) seen = SeenIds();
  for (std::size_t n = in.get_items(1, "a count of seen ids"); n > 0; --n) {
    std::int64_t id = in.get_int();
    if (id < 0 || static_cast<std::size_t>(id) >= strings.size()) throw StateDecodeError(fmt::format("string id {} is unknown", id));
    seen.insert(static_cast<compiler::StringId>(id));
  }
  if (!in.done()) throw StateDecodeError("bytes follow the end of a chunk");
}

}  // namespace

void Engine::restore_state(std::string_view engine, const std::vector<StateRow>& rows) {
  // Before any row is read: an older version's rows would fail for reasons of their own.
  if (std::optional<std::int64_t> version = fixed_width_version(engine)) {
    throw StateDecodeError(fmt::format("it has version {}; this writ reads version {}", *version, kVersion));
  }
  std::vector<const StateRow*> chunks, incidents;
  for (const StateRow& row : rows) {
    if (!row.value || row.key.empty()) throw StateDecodeError("a row has no key or no value");
    if (row.key[0] == kChunkRow && row.key.size() == 1 + detail::EncodingWriter::kIntSize) chunks.push_back(&row);
    else if (row.key[0] == kIncidentRow) incidents.push_back(&row);
    else throw StateDecodeError("a row's key is of no known kind");
  }
  auto by_key = [](const StateRow* a, const StateRow* b) { return a->key < b->key; };
  std::sort(chunks.begin(), chunks.end(), by_key);
  std::sort(incidents.begin(), incidents.end(), by_key);
  for (const StateRow* chunk : chunks) restore_chunk(*chunk->value, strings_, seen_ids_);
  StateDecoder d(engine, strings_);
  StateReader& in = d.in();
  if (in.get_str() != kMagic) throw StateDecodeError("it is not an engine snapshot");
  if (std::int64_t version = in.get_int(); version != kVersion) {
    throw StateDecodeError(fmt::format("it has version {}; this writ reads version {}", version, kVersion));
  }
  clock_ = in.get_int();
  seq_ = in.get_int();
  if (in.get_int() != static_cast<std::int64_t>(strings_.size())) throw StateDecodeError("its rows lack strings it counts");
  if (in.get_int() != static_cast<std::int64_t>(seen_ids_.size())) throw StateDecodeError("its rows lack seen ids it counts");
  global_ = d.record(plan_.layouts.global);
  StartedLayouts started(plan_);
  // What global events armed: the engine-wide instances (docs/semantics.md).
  engine_wide_ = get_incident(d, shape_, pool_, plan_, started);
  for (std::size_t n = in.get_items(kTimerInts, "a count of timers"); n > 0; --n) timers_.push(get_timer(in, plan_, 0));
  for (auto& windows : freeze_windows_) {
    windows.resize(in.get_items(2, "a count of freeze windows"));
    for (auto& [from, to] : windows) {
      from = in.get_int();
      to = in.get_int();
    }
  }
  for (std::size_t n = in.get_items(4, "a count of correlation groups"); n > 0; --n) {
    auto construct = static_cast<std::uint32_t>(in.get_count(plan_.constructs.size(), "a construct"));
    compiler::StringId key = d.string_id();
    Correlation::Group group{in.get_str(), 0};
    group.last = in.get_int();
    correlation_.restore(construct, key, std::move(group));
  }
  if (!in.done()) throw StateDecodeError("bytes follow its end");
  for (const StateRow* row : incidents) {
    std::string id = row->key.substr(1);
    compiler::StringId key = strings_.intern(id);
    if (row->value->empty()) {
      mark_closed(key);  // closed and evicted
      continue;
    }
    StateDecoder incident(*row->value, strings_);
    auto inc = get_incident(incident, shape_, pool_, plan_, started);
    if (inc->id != id) throw StateDecodeError("an incident's row holds another incident");
    for (std::size_t n = incident.in().get_items(kTimerInts, "a count of timers"); n > 0; --n) {
      timers_.push(get_timer(incident.in(), plan_, key));
    }
    if (!incident.in().done()) throw StateDecodeError("bytes follow the end of an incident");
    if (inc->closed) {
      mark_closed(key);
      if (inc->pending_timers == 0) evictable_.push_back(key);
    }
    inc->key = key;
    incidents_.insert(key, std::move(inc));
  }
  std::int64_t next_chunk = chunks.empty() ? 0 : detail::read_int(chunks.back()->key.data() + 1) + 1;
  tracker_.start(strings_.size(), seen_ids_.size(), next_chunk);
}

}  // namespace writ::runtime
