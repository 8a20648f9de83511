// The text listing of an Explanation: one item a line, indented under the item it belongs
// to, with its step number in front and its source location after `//`.
#include "compiler/explain.hpp"

namespace writ::compiler {

namespace {

void write_item(std::string& out, const ExplainItem& item, std::size_t depth) {
  std::string indent(2 * depth, ' ');
  if (!item.annotations.empty()) {
    out += indent;
    for (std::size_t i = 0; i < item.annotations.size(); ++i) out += (i ? " " : "") + item.annotations[i];
    out += "\n";
  }
  out += indent;
  if (!item.step.empty()) out += item.step + " ";
  // Notes say what the line above means; they are not policy text.
  if (item.kind == "note") out += "-> ";
  out += item.text;
  if (item.where) out += "  // " + item.where->text();
  out += "\n";
  for (const ExplainItem& child : item.items) write_item(out, child, depth + 1);
}

// A section: its title, then its items; `spaced` puts a blank line between them.
void write_section(std::string& out, const std::string& title, const std::vector<ExplainItem>& items, bool spaced) {
  out += "\n" + title + "\n";
  if (items.empty()) out += "  (none)\n";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (spaced && i > 0) out += "\n";
    write_item(out, items[i], 1);
  }
}

}  // namespace

std::string explain_listing(const Explanation& explanation) {
  std::string out = "writ explain\npolicy hash: " + explanation.policy_hash + "\n";
  write_section(out, "Modules, in load order (the order the policy hash reads them)", explanation.modules, false);
  write_section(out, "Declarations", explanation.declarations, true);
  write_section(out, "Evaluation order by event type", explanation.events, true);
  write_section(out, "Timers", explanation.timers, true);
  return out;
}

}  // namespace writ::compiler
