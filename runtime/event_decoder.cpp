#include "runtime/event_decoder.hpp"

#include <simdjson.h>

#include <fmt/format.h>

#include <new>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "lang/literals.hpp"
#include "runtime/event_schema.hpp"
#include "runtime/json_value_check.hpp"
#include "runtime/quoted_excerpt.hpp"

namespace writ::runtime {

namespace ondemand = simdjson::ondemand;
using compiler::FieldSlot;
using compiler::StringId;
using simdjson::error_code;
using simdjson::SUCCESS;
using K = lang::Type::Kind;

namespace {

// The keys of one object that may appear once, as bits: the reserved keys, then the schema's
// fields by their position in EventSchema::fields.
enum ReservedKey : std::size_t { kTypeKey, kAtKey, kIncidentKey, kIdKey, kActorKey, kFirstFieldKey };
enum ActorKey : std::size_t { kActorIdKey, kActorRoleKey };

struct Problem {
  RejectReason reason;
  std::string message;
};

struct PendingString {
  const FieldSlot* slot;
  std::string_view text;  // in the parser's string buffer, valid until the next line
};

struct PendingSet {
  const FieldSlot* slot;
  std::size_t begin, end;  // into Scratch::elements
};

// Reused from line to line so a line allocates only what it keeps.
struct Scratch {
  std::vector<char> seen;
  std::vector<PendingString> strings;
  std::vector<std::string_view> elements;
  std::vector<PendingSet> sets;

  void reset(std::size_t keys) {
    seen.assign(keys, 0);
    strings.clear();
    elements.clear();
    sets.clear();
  }
};

using SchemaMap = std::unordered_map<std::string_view, EventSchema>;

}  // namespace

struct EventDecoder::Impl {
  compiler::StringTable& strings;
  DecoderOptions options;
  SchemaMap schemas;
  ondemand::parser parser;
  std::string buffer;  // the line and simdjson's padding
  Scratch scratch;

  Impl(const compiler::ProgramLayouts& layouts, compiler::StringTable& table, DecoderOptions opts)
      : strings(table), options(opts), parser(opts.max_line_bytes) {
    for (const auto& [name, layout] : layouts.events) {
      schemas.emplace(name, make_event_schema(name, layout, layouts.is_global(name), strings));
    }
  }
};

namespace {

// One line's decoding: a first pass finds `type`, a second reads every key in order. A
// JSON error ends the line at once; any other problem is kept (the first one) while the
// rest of the line is still read, so a line that is not JSON is always reported as such.
class LineDecoder {
 public:
  LineDecoder(const SchemaMap& schemas, compiler::StringTable& strings, Scratch& scratch)
      : schemas_(schemas), strings_(strings), scratch_(scratch) {}

  DecodeResult run(ondemand::document& doc, std::string_view line) {
    if (error_code e = find_type(doc)) return json_rejection(refine_incomplete(e, line));
    doc.rewind();
    if (schema_) record_.emplace(*schema_->layout);
    scratch_.reset(kFirstFieldKey + (schema_ ? schema_->fields.size() : 0));
    if (error_code e = read_object(doc)) return rejection(json_rejection(e));
    if (error_code e = check_end(doc)) return rejection(json_rejection(e));
    if (auto p = type_problem()) return rejection(std::move(*p));
    if (problem_) return rejection(std::move(*problem_));
    if (auto p = missing()) return rejection(std::move(*p));
    return accept();
  }

 private:
  // Pass 1: the first `type` key, if its value is a string. Values are skipped unread.
  error_code find_type(ondemand::document& doc) {
    ondemand::object object;
    if (error_code e = doc.get_object().get(object)) return e;
    for (auto result : object) {
      ondemand::field field;
      std::string_view key;
      if (error_code e = std::move(result).get(field)) return e;
      if (error_code e = field.unescaped_key().get(key)) return e;
      if (key != "type" || type_seen_) continue;
      type_seen_ = true;
      ondemand::value& value = field.value();
      if (error_code e = value.type().get(type_kind_)) return e;
      if (type_kind_ != ondemand::json_type::string) continue;
      std::string_view name;
      if (error_code e = value.get_string().get(name)) return e;
      auto it = schemas_.find(name);
      if (it != schemas_.end()) {
        schema_ = &it->second;
      } else {
        unknown_type_.assign(name);
      }
    }
    return SUCCESS;
  }

  error_code read_object(ondemand::document& doc) {
    ondemand::object object;
    if (error_code e = doc.get_object().get(object)) return e;
    for (auto result : object) {
      ondemand::field field;
      std::string_view key;
      if (error_code e = std::move(result).get(field)) return e;
      if (error_code e = field.unescaped_key().get(key)) return e;
      if (error_code e = read_key(key, field.value())) return e;
    }
    return SUCCESS;
  }

  error_code read_key(std::string_view key, ondemand::value& value) {
    if (key == "type") return once(kTypeKey, key, value, [&] { return check_value(value, 1); });
    if (key == "at") return once(kAtKey, key, value, [&] { return read_at(value); });
    if (key == "incident") return once(kIncidentKey, key, value, [&] { return read_incident(value); });
    if (key == "id") return once(kIdKey, key, value, [&] { return read_id(value); });
    if (key == "actor") return once(kActorKey, key, value, [&] { return read_actor(value); });
    if (!schema_) return check_value(value, 1);
    for (std::size_t i = 0; i < schema_->fields.size(); ++i) {
      const FieldSlot& f = *schema_->fields[i];
      if (f.name == key) return once(kFirstFieldKey + i, key, value, [&] { return read_field(f, value); });
    }
    note(RejectReason::UnknownField, fmt::format("unknown key {}: not a field of {}", quoted_excerpt(key), schema_->name));
    return check_value(value, 1);
  }

  // Reads the value the first time its key is seen; a repeat is noted and only checked.
  template <typename Read>
  error_code once(std::size_t bit, std::string_view key, ondemand::value& value, Read read) {
    if (scratch_.seen[bit]) {
      note(RejectReason::DuplicateKey, fmt::format("key {} appears twice", quoted_excerpt(key)));
      return check_value(value, 1);
    }
    scratch_.seen[bit] = 1;
    return read();
  }

  error_code read_at(ondemand::value& value) {
    std::optional<std::string_view> text;
    error_code e = read_string(value, "key `at`", "an RFC 3339 time string", text);
    if (e || !text) return e;
    if (auto ms = lang::parse_time(*text)) {
      at_ = *ms;
      at_seen_ = true;
    } else {
      note(RejectReason::BadTime,
           fmt::format("key `at`: {} is not an RFC 3339 time such as \"2026-12-25T08:00:00Z\"", quoted_excerpt(*text)));
    }
    return SUCCESS;
  }

  error_code read_incident(ondemand::value& value) {
    if (schema_ && schema_->global) {
      note(RejectReason::UnknownField,
           fmt::format("key `incident` is not allowed: {} is a global event type", schema_->name));
      return check_value(value, 1);
    }
    std::optional<std::string_view> text;
    error_code e = read_string(value, "key `incident`", "a string", text);
    if (e || !text) return e;
    incident_text_ = *text;
    if (text->empty()) {
      note(RejectReason::EmptyValue, "key `incident` is empty");
    } else if (schema_) {
      scratch_.strings.push_back({schema_->incident, *text});
    }
    return SUCCESS;
  }

  error_code read_id(ondemand::value& value) {
    if (is_null(value)) return read_null(value);
    std::optional<std::string_view> text;
    error_code e = read_string(value, "key `id`", "a string or null", text);
    if (e || !text) return e;
    if (text->empty()) {
      note(RejectReason::EmptyValue, "key `id` is empty; leave it out instead");
    } else if (schema_) {
      scratch_.strings.push_back({schema_->id, *text});
    }
    return SUCCESS;
  }

  error_code read_actor(ondemand::value& value) {
    if (is_null(value)) return read_null(value);
    ondemand::json_type kind;
    if (error_code e = value.type().get(kind)) return e;
    if (kind != ondemand::json_type::object) {
      note(RejectReason::WrongType,
           fmt::format("key `actor`: expected an object with `id` and `role`, got {}", json_kind(kind)));
      return check_value(value, 1);
    }
    ondemand::object object;
    if (error_code e = value.get_object().get(object)) return e;
    bool seen[2] = {false, false};
    for (auto result : object) {
      ondemand::field field;
      std::string_view key;
      if (error_code e = std::move(result).get(field)) return e;
      if (error_code e = field.unescaped_key().get(key)) return e;
      if (error_code e = read_actor_key(key, field.value(), seen)) return e;
    }
    return SUCCESS;
  }

  error_code read_actor_key(std::string_view key, ondemand::value& value, bool (&seen)[2]) {
    bool is_id = key == "id";
    if (!is_id && key != "role") {
      note(RejectReason::UnknownField,
           fmt::format("unknown key {} in `actor`, which takes only `id` and `role`", quoted_excerpt(key)));
      return check_value(value, 2);
    }
    std::size_t bit = is_id ? kActorIdKey : kActorRoleKey;
    if (seen[bit]) {
      note(RejectReason::DuplicateKey, fmt::format("key `actor.{}` appears twice", key));
      return check_value(value, 2);
    }
    seen[bit] = true;
    if (is_null(value)) return read_null(value);
    std::optional<std::string_view> text;
    std::string_view what = is_id ? "key `actor.id`" : "key `actor.role`";
    error_code e = read_string(value, what, "a string or null", text);
    if (e || !text || !schema_) return e;
    scratch_.strings.push_back({is_id ? schema_->actor_id : schema_->actor_role, *text});
    return SUCCESS;
  }

  // A string value into `out`; for another kind, notes the mismatch, checks the value and
  // leaves `out` empty.
  error_code read_string(ondemand::value& value, std::string_view what, std::string_view expected,
                         std::optional<std::string_view>& out) {
    ondemand::json_type kind;
    if (error_code e = value.type().get(kind)) return e;
    if (kind == ondemand::json_type::string) {
      std::string_view text;
      if (error_code e = value.get_string().get(text)) return e;
      out = text;
      return SUCCESS;
    }
    note(RejectReason::WrongType, fmt::format("{}: expected {}, got {}", what, expected, json_kind(kind)));
    return kind == ondemand::json_type::null ? read_null(value) : check_value(value, 1);
  }

  static bool is_null(ondemand::value& value) {
    ondemand::json_type kind;
    return !value.type().get(kind) && kind == ondemand::json_type::null;
  }

  std::string field_name(const FieldSlot& f) const { return fmt::format("field `{}` of {}", f.name, schema_->name); }

  error_code mismatch(const FieldSlot& f, ondemand::value& value, ondemand::json_type kind) {
    note(RejectReason::WrongType,
         fmt::format("{}: expected {}, got {}", field_name(f), expected_json(f), json_kind(kind)));
    return kind == ondemand::json_type::null ? read_null(value) : check_value(value, 1);
  }

  error_code read_field(const FieldSlot& f, ondemand::value& value) {
    ondemand::json_type kind;
    if (error_code e = value.type().get(kind)) return e;
    if (kind == ondemand::json_type::null && f.type.optional) return read_null(value);
    switch (f.type.kind) {
      case K::Bool:
        if (kind != ondemand::json_type::boolean) break;
        return read_bool(f, value);
      case K::Int:
        if (kind != ondemand::json_type::number) break;
        return read_int(f, value);
      case K::String:
      case K::Duration:
      case K::Time:
      case K::Enum:
        if (kind != ondemand::json_type::string) break;
        return read_text(f, value);
      case K::SetOfString:
        if (kind != ondemand::json_type::array) break;
        return read_set(f, value);
      case K::Error:
      case K::Calendar: break;
    }
    return mismatch(f, value, kind);
  }

  error_code read_bool(const FieldSlot& f, ondemand::value& value) {
    bool b = false;
    if (error_code e = runtime::read_bool(value, b)) return e;
    record_->set_scalar(f, b ? 1 : 0);
    return SUCCESS;
  }

  error_code read_int(const FieldSlot& f, ondemand::value& value) {
    std::int64_t n = 0;
    error_code e = value.get_int64().get(n);
    if (!e) {
      record_->set_scalar(f, n);
      return SUCCESS;
    }
    if (e != simdjson::INCORRECT_TYPE) return e;
    std::string_view token = value.raw_json_token();
    if (!is_json_number(token)) return simdjson::NUMBER_ERROR;
    if (is_json_integer(token)) {
      note(RejectReason::IntOutOfRange, fmt::format("{}: integer out of the int64 range", field_name(f)));
      return SUCCESS;
    }
    note(RejectReason::WrongType, fmt::format("{}: expected int, got a number with a fraction or exponent", field_name(f)));
    return SUCCESS;
  }

  error_code read_text(const FieldSlot& f, ondemand::value& value) {
    std::string_view text;
    if (error_code e = value.get_string().get(text)) return e;
    switch (f.type.kind) {
      case K::String: scratch_.strings.push_back({&f, text}); break;
      case K::Duration: set_parsed(f, lang::parse_duration(text), RejectReason::BadDuration); break;
      case K::Time: set_parsed(f, lang::parse_time(text), RejectReason::BadTime); break;
      default: set_parsed(f, enum_index(f, text), RejectReason::UnknownEnumValue); break;
    }
    return SUCCESS;
  }

  static std::optional<std::int64_t> enum_index(const FieldSlot& f, std::string_view name) {
    for (std::size_t i = 0; i < f.enum_values.size(); ++i) {
      if (f.enum_values[i] == name) return static_cast<std::int64_t>(i);
    }
    return std::nullopt;
  }

  void set_parsed(const FieldSlot& f, std::optional<std::int64_t> value, RejectReason otherwise) {
    if (value) {
      record_->set_scalar(f, *value);
    } else {
      note(otherwise, fmt::format("{}: expected {}", field_name(f), expected_json(f)));
    }
  }

  error_code read_set(const FieldSlot& f, ondemand::value& value) {
    ondemand::array array;
    if (error_code e = value.get_array().get(array)) return e;
    std::size_t begin = scratch_.elements.size();
    std::size_t position = 0;
    for (auto element : array) {
      ++position;
      ondemand::value item;
      if (error_code e = element.get(item)) return e;
      if (error_code e = read_element(f, item, position)) return e;
    }
    scratch_.sets.push_back({&f, begin, scratch_.elements.size()});
    return SUCCESS;
  }

  error_code read_element(const FieldSlot& f, ondemand::value& item, std::size_t position) {
    ondemand::json_type kind;
    if (error_code e = item.type().get(kind)) return e;
    if (kind == ondemand::json_type::string) {
      std::string_view text;
      if (error_code e = item.get_string().get(text)) return e;
      scratch_.elements.push_back(text);
      return SUCCESS;
    }
    note(RejectReason::WrongType,
         fmt::format("{}: element {}: expected a string, got {}", field_name(f), position, json_kind(kind)));
    return kind == ondemand::json_type::null ? read_null(item) : check_value(item, 2);
  }

  void note(RejectReason reason, std::string message) {
    if (!problem_) problem_ = Problem{reason, std::move(message)};
  }

  std::optional<Problem> type_problem() const {
    if (!type_seen_) return Problem{RejectReason::MissingField, "missing key `type`"};
    if (type_kind_ != ondemand::json_type::string) {
      return Problem{RejectReason::WrongType,
                     fmt::format("key `type`: expected a string naming an event type, got {}", json_kind(type_kind_))};
    }
    if (!schema_) {
      return Problem{RejectReason::UnknownType, fmt::format("unknown event type {}", quoted_excerpt(unknown_type_))};
    }
    return std::nullopt;
  }

  std::optional<Problem> missing() const {
    if (!scratch_.seen[kAtKey]) return Problem{RejectReason::MissingField, "missing key `at`"};
    if (!schema_->global && !scratch_.seen[kIncidentKey]) {
      return Problem{RejectReason::MissingField,
                     fmt::format("missing key `incident`: {} is not a global event type", schema_->name)};
    }
    std::vector<std::string> names;
    for (std::size_t i = 0; i < schema_->fields.size(); ++i) {
      const FieldSlot& f = *schema_->fields[i];
      if (!f.type.optional && !scratch_.seen[kFirstFieldKey + i]) names.push_back(fmt::format("`{}` ({})", f.name, type_word(f)));
    }
    if (names.empty()) return std::nullopt;
    return Problem{RejectReason::MissingField, fmt::format("missing field{} {} of {}", names.size() > 1 ? "s" : "",
                                                           fmt::join(names, ", "), schema_->name)};
  }

  // Interns the line's strings, now that it is accepted.
  DecodeResult accept() {
    const EventSchema& s = *schema_;
    compiler::Record& record = *record_;
    record.set_scalar(*s.type, s.type_id);
    record.set_scalar(*s.at, at_);
    for (const PendingString& p : scratch_.strings) record.set_scalar(*p.slot, strings_.intern(p.text));
    for (const PendingSet& p : scratch_.sets) {
      std::vector<StringId> ids;
      ids.reserve(p.end - p.begin);
      for (std::size_t i = p.begin; i < p.end; ++i) ids.push_back(strings_.intern(scratch_.elements[i]));
      record.set_set(*p.slot, std::move(ids));
    }
    auto string_at = [&](const FieldSlot* slot) { return static_cast<StringId>(record.words()[slot->word]); };
    std::optional<StringId> incident;
    if (!s.global) incident = string_at(s.incident);
    std::optional<StringId> id;
    if (record.present(*s.id)) id = string_at(s.id);
    StringId actor_id = string_at(s.actor_id);
    StringId actor_role = string_at(s.actor_role);
    return DecodedEvent{s.name, s.layout, std::move(record), at_, incident, id, actor_id, actor_role};
  }

  Rejection rejection(Problem p) const {
    Rejection r;
    r.reason = p.reason;
    r.message = std::move(p.message);
    return rejection(std::move(r));
  }

  Rejection rejection(Rejection r) const {
    if (schema_) r.type = std::string(schema_->name);
    r.at = at_seen_ ? std::optional<std::int64_t>(at_) : std::nullopt;
    r.incident = std::string(incident_text_);
    return r;
  }

  const SchemaMap& schemas_;
  compiler::StringTable& strings_;
  Scratch& scratch_;
  const EventSchema* schema_ = nullptr;
  std::optional<compiler::Record> record_;
  bool type_seen_ = false;
  ondemand::json_type type_kind_ = ondemand::json_type::null;
  // Copied: the second pass unescapes its strings into simdjson's buffer over the first's.
  std::string unknown_type_;
  std::int64_t at_ = 0;
  bool at_seen_ = false;
  std::string_view incident_text_;
  std::optional<Problem> problem_;
};

}  // namespace

EventDecoder::EventDecoder(const compiler::ProgramLayouts& layouts, compiler::StringTable& strings, DecoderOptions options)
    : impl_(std::make_unique<Impl>(layouts, strings, options)) {}

EventDecoder::~EventDecoder() = default;

DecodeResult EventDecoder::decode(std::string_view line) {
  if (line.size() > impl_->options.max_line_bytes) {
    return make_rejection(RejectReason::LineTooLong, fmt::format("the line has {} bytes, more than the limit of {}",
                                                                 line.size(), impl_->options.max_line_bytes));
  }
  if (is_blank(line)) return make_rejection(RejectReason::EmptyLine, "empty line");
  // Some editors save UTF-8 with a byte-order mark, which JSON text may not begin with
  // (RFC 8259, 8.1); simdjson would only say a brace is missing.
  if (line.starts_with("\xEF\xBB\xBF")) {
    return make_rejection(RejectReason::InvalidJson,
                          "not valid JSON: the line begins with a UTF-8 byte-order mark (EF BB BF); save the events "
                          "as UTF-8 without one");
  }
  std::string& buffer = impl_->buffer;
  buffer.assign(line);
  buffer.resize(line.size() + simdjson::SIMDJSON_PADDING);
  ondemand::document doc;
  error_code e = impl_->parser.iterate(buffer.data(), line.size(), buffer.size()).get(doc);
  if (e == simdjson::MEMALLOC) throw std::bad_alloc();
  if (e) return json_rejection(e);
  ondemand::json_type kind;
  if (error_code t = doc.type().get(kind)) return json_rejection(t);
  if (kind != ondemand::json_type::object) {
    if (error_code c = check_document(doc, line)) return json_rejection(refine_incomplete(c, line));
    return make_rejection(RejectReason::NotAnObject, fmt::format("expected a JSON object, got {}", json_kind(kind)));
  }
  return LineDecoder(impl_->schemas, impl_->strings, impl_->scratch).run(doc, line);
}

}  // namespace writ::runtime
