#pragma once
// Fixed record layouts: where each field of an event type, of the incident state and of the
// global record lives, as int64 words. Scalars take one word (int; duration in ms; time in ms
// since the epoch; bool 0/1; enum index; string id). A set takes two words: a pointer to its
// sorted id array, then its length. Optional fields have a presence bit in the leading
// presence words. Generated code loads words by these offsets, the interpreter reads them
// through the same layout, and a Record is the memory both read.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/eval_context.hpp"
#include "compiler/string_table.hpp"
#include "lang/types.hpp"

namespace writ::compiler {

struct FieldSlot {
  std::string name;
  lang::Type type;       // optional as declared
  std::uint32_t word = 0;  // first word of the value
  int presence_bit = -1;   // bit index over the presence words; -1 when always present
  // Kind::Enum: the enum's name and its values in declaration order (a value's word is its
  // position), copied so the runtime decodes enums without the AST.
  std::string enum_name;
  std::vector<std::string> enum_values;
  // Marked `@sensitive`: the audit trail keeps values read from it, or computed from it, as
  // salted digests beside the value, so a redacted export can drop them (docs/audit.md).
  bool sensitive = false;
  bool is_set() const { return type.kind == lang::Type::Kind::SetOfString; }
};

class RecordLayout {
 public:
  // Adds a field after the existing ones. Presence words are placed in front, so add every
  // field before finish().
  void add(std::string name, lang::Type type, bool sensitive = false);
  // Fixes the word offsets. Called once, after the last add().
  void finish();

  const FieldSlot* find(std::string_view name) const;
  const std::vector<FieldSlot>& fields() const { return fields_; }
  std::uint32_t word_count() const { return word_count_; }

 private:
  std::vector<FieldSlot> fields_;
  std::uint32_t word_count_ = 0;
};

// The reserved fields of every event record, in front of its schema's fields, as the
// checker types them: `incident` (absent for global events, so always a slot here and
// empty), `at`, `type`, the optional `id`, and the actor.
inline constexpr const char* kActorIdField = "actor.id";
inline constexpr const char* kActorRoleField = "actor.role";

struct ProgramLayouts {
  std::map<std::string, RecordLayout> events;  // by event type, `alert.received`
  RecordLayout state;                          // incident state, with `opened_at`
  RecordLayout global;
  // Event types declared `global`: their events carry no incident.
  std::set<std::string> global_events;

  const RecordLayout* event(const std::string& type) const;
  bool is_global(const std::string& type) const { return global_events.count(type) != 0; }
};

// One record's memory, laid out by a RecordLayout. Every word starts at zero: an absent
// optional field reads as 0, the empty string or the empty set. The words are the record's
// own, or live in storage its owner provides (an incident keeps its state record and the
// start events it holds in one block with itself: one allocation, and an event that reads
// them reaches memory beside the incident instead of following pointers to several).
class Record {
 public:
  explicit Record(const RecordLayout& layout);
  // Over `storage`, which holds at least layout.word_count() words and outlives the record;
  // zeroes them.
  Record(const RecordLayout& layout, std::int64_t* storage);
  Record(Record&&) = default;
  Record& operator=(Record&&) = default;

  // Scalars by their int64 word value; a string by its id. Marks an optional field present.
  void set_scalar(const FieldSlot& field, std::int64_t value);
  // Stores the ids sorted, without repeats. Marks an optional field present.
  void set_set(const FieldSlot& field, std::vector<StringId> ids);
  void set_absent(const FieldSlot& field);
  bool present(const FieldSlot& field) const;

  const std::int64_t* words() const { return words_; }
  // For routines, which store `set` actions' values in the state and global records.
  std::int64_t* mutable_words() { return words_; }

  // Makes every set field point to storage this record owns, copying the ids of those that
  // point elsewhere (a routine's arena, another record). Call after a routine wrote the
  // record and before what it pointed to goes. The arrays it replaces are moved to
  // `replaced` when given (their ids stay where they are), for values that still point to
  // them: what a routine's slots read before it assigned the field.
  void adopt_sets(const RecordLayout& layout, std::vector<std::vector<StringId>>* replaced = nullptr);
  // A deep copy: the copy's sets are its own.
  Record clone(const RecordLayout& layout) const;
  // The same, its words in `storage`, which holds as many words as this record and outlives
  // the copy.
  Record clone(const RecordLayout& layout, std::int64_t* storage) const;

 private:
  Record(std::int64_t* words, std::uint32_t count) : words_(words), count_(count) {}
  void mark(const FieldSlot& field, bool present);
  void point_to(const FieldSlot& field, const std::vector<StringId>& ids);
  std::int64_t& word(std::uint32_t index);
  std::int64_t word(std::uint32_t index) const;

  std::int64_t* words_ = nullptr;  // owned_'s, or the storage the record was given
  std::uint32_t count_ = 0;
  std::unique_ptr<std::int64_t[]> owned_;
  // The arrays the set words point to, one per set field by its first word; moving the
  // record keeps them (map nodes and vector buffers stay where they are). Made on the first
  // set: most records have none, and an incident keeps several records in its block, where
  // an empty map's 48 bytes each were a fifth of the block.
  using Sets = std::map<std::uint32_t, std::vector<StringId>>;
  std::unique_ptr<Sets> sets_;
  Sets& sets();
};

// The bit in the presence words, shared by Record, the interpreter and codegen.
inline std::uint32_t presence_word(int bit) { return static_cast<std::uint32_t>(bit) / 64; }
inline std::uint64_t presence_mask(int bit) { return std::uint64_t{1} << (static_cast<unsigned>(bit) % 64); }

}  // namespace writ::compiler
