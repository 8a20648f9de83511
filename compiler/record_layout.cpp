#include "compiler/record_layout.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "lang/ast.hpp"

namespace writ::compiler {

using K = lang::Type::Kind;

void RecordLayout::add(std::string name, lang::Type type, bool sensitive) {
  if (word_count_ != 0) throw std::logic_error("RecordLayout::add after finish");
  FieldSlot slot{std::move(name), type, 0, -1, {}, {}, sensitive};
  if (type.kind == K::Enum && type.enum_decl) {
    slot.enum_name = type.enum_decl->name.text;
    for (const lang::Ident& value : type.enum_decl->values) slot.enum_values.push_back(value.text);
  }
  fields_.push_back(std::move(slot));
}

void RecordLayout::finish() {
  int optional_count = 0;
  for (FieldSlot& f : fields_) {
    if (f.type.optional) f.presence_bit = optional_count++;
  }
  std::uint32_t word = static_cast<std::uint32_t>((optional_count + 63) / 64);
  for (FieldSlot& f : fields_) {
    f.word = word;
    word += f.is_set() ? 2 : 1;
  }
  // An empty record still has one word, so a record pointer is never to zero bytes.
  word_count_ = std::max<std::uint32_t>(word, 1);
}

const FieldSlot* RecordLayout::find(std::string_view name) const {
  for (const FieldSlot& f : fields_) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const RecordLayout* ProgramLayouts::event(const std::string& type) const {
  auto it = events.find(type);
  return it == events.end() ? nullptr : &it->second;
}

Record::Record(const RecordLayout& layout)
    : count_(layout.word_count()), owned_(std::make_unique<std::int64_t[]>(layout.word_count())) {
  words_ = owned_.get();
}

Record::Record(const RecordLayout& layout, std::int64_t* storage) : words_(storage), count_(layout.word_count()) {
  std::fill_n(words_, count_, 0);
}

// Bounds-checked: a layout's offsets and a record's size come from the same layout, but a
// field of another layout would write past the words.
std::int64_t& Record::word(std::uint32_t index) {
  if (index >= count_) throw std::out_of_range("a record word past its layout");
  return words_[index];
}

std::int64_t Record::word(std::uint32_t index) const {
  if (index >= count_) throw std::out_of_range("a record word past its layout");
  return words_[index];
}

void Record::mark(const FieldSlot& field, bool present) {
  if (field.presence_bit < 0) return;
  std::int64_t& presence = word(presence_word(field.presence_bit));
  auto bits = static_cast<std::uint64_t>(presence);
  bits = present ? bits | presence_mask(field.presence_bit) : bits & ~presence_mask(field.presence_bit);
  presence = static_cast<std::int64_t>(bits);
}

void Record::set_scalar(const FieldSlot& field, std::int64_t value) {
  word(field.word) = value;
  mark(field, true);
}

// The pointer word holds the address bit for bit; generated code reads it back as a pointer.
void Record::point_to(const FieldSlot& field, const std::vector<StringId>& ids) {
  auto address = reinterpret_cast<std::uintptr_t>(ids.data());
  std::int64_t pointer_word = 0;
  std::memcpy(&pointer_word, &address, sizeof address);
  word(field.word) = pointer_word;
  word(field.word + 1) = static_cast<std::int64_t>(ids.size());
}

Record::Sets& Record::sets() {
  if (!sets_) sets_ = std::make_unique<Sets>();
  return *sets_;
}

void Record::set_set(const FieldSlot& field, std::vector<StringId> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<StringId>& stored = sets()[field.word] = std::move(ids);
  point_to(field, stored);
  mark(field, true);
}

void Record::adopt_sets(const RecordLayout& layout, std::vector<std::vector<StringId>>* replaced) {
  for (const FieldSlot& field : layout.fields()) {
    if (!field.is_set()) continue;
    std::uintptr_t address = 0;
    std::memcpy(&address, &word(field.word), sizeof address);
    const auto* data = reinterpret_cast<const StringId*>(address);
    if (sets_) {
      auto owned = sets_->find(field.word);
      if (owned != sets_->end() && owned->second.data() == data) continue;
    }
    std::vector<StringId> ids(data, data + word(field.word + 1));
    std::vector<StringId>& stored = sets()[field.word];
    if (replaced && !stored.empty()) replaced->push_back(std::move(stored));
    stored = std::move(ids);
    point_to(field, stored);
  }
}

Record Record::clone(const RecordLayout& layout) const {
  Record copy(layout);
  std::copy_n(words_, std::min(count_, copy.count_), copy.words_);
  copy.adopt_sets(layout);
  return copy;
}

Record Record::clone(const RecordLayout& layout, std::int64_t* storage) const {
  Record copy(storage, count_);
  std::copy_n(words_, count_, storage);
  copy.adopt_sets(layout);
  return copy;
}

void Record::set_absent(const FieldSlot& field) {
  word(field.word) = 0;
  if (field.is_set()) word(field.word + 1) = 0;
  mark(field, false);
}

bool Record::present(const FieldSlot& field) const {
  if (field.presence_bit < 0) return true;
  return (static_cast<std::uint64_t>(word(presence_word(field.presence_bit))) & presence_mask(field.presence_bit)) != 0;
}

}  // namespace writ::compiler
