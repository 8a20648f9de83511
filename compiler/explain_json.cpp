// An Explanation as one JSON document. Every item has the same keys in the same order, so a
// consumer reads every part the same way: step, kind, name, text, where, annotations, items.
#include "compiler/explain.hpp"
#include "lang/json_writer.hpp"

namespace writ::compiler {

namespace {

void write_optional_string(lang::JsonWriter& w, const std::string& s) {
  if (s.empty()) {
    w.null();
  } else {
    w.string(s);
  }
}

void write_item(lang::JsonWriter& w, const ExplainItem& item) {
  w.begin_object();
  w.key("step");
  write_optional_string(w, item.step);
  w.key("kind").string(item.kind);
  w.key("name");
  write_optional_string(w, item.name);
  w.key("text").string(item.text);
  w.key("where");
  if (item.where) {
    w.begin_object();
    w.key("file").string(item.where->file);
    w.key("line").number(item.where->line);
    w.key("column").number(item.where->column);
    w.end_object();
  } else {
    w.null();
  }
  w.key("annotations").begin_array();
  for (const auto& a : item.annotations) w.string(a);
  w.end_array();
  w.key("items").begin_array();
  for (const ExplainItem& child : item.items) write_item(w, child);
  w.end_array();
  w.end_object();
}

void write_items(lang::JsonWriter& w, const char* key, const std::vector<ExplainItem>& items) {
  w.key(key).begin_array();
  for (const ExplainItem& item : items) write_item(w, item);
  w.end_array();
}

}  // namespace

std::string explain_json(const Explanation& explanation) {
  lang::JsonWriter w;
  w.begin_object();
  w.key("policy_hash").string(explanation.policy_hash);
  write_items(w, "modules", explanation.modules);
  write_items(w, "declarations", explanation.declarations);
  write_items(w, "events", explanation.events);
  write_items(w, "timers", explanation.timers);
  w.end_object();
  return w.take() + "\n";
}

}  // namespace writ::compiler
