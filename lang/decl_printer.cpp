// The printer's shared machinery, the module header and the data declarations.
#include "lang/decl_printer.hpp"

#include "lang/expr_printer.hpp"
#include "lang/literals.hpp"

namespace writ::lang {

namespace detail {

std::string text(const ExprPtr& expr) {
  // A parser that recovered from a syntax error may leave a part empty; print nothing.
  return expr ? expr_text(*expr) : std::string();
}

}  // namespace detail

namespace {

using detail::text;

std::string annotations_text(const Annotations& annotations) {
  std::string out;
  for (const auto& annotation : annotations) {
    if (!out.empty()) out += ' ';
    out += annotation_text(annotation);
  }
  return out;
}

std::string field_text(const FieldDecl& field) {
  std::string out = field.name.text + ": " + type_ref_text(field.type);
  // Annotations may stand before or after a field; after the type is the one place kept.
  if (!field.annotations.empty()) out += " " + annotations_text(field.annotations);
  return out;
}

std::string closed_text(const ClosedDays& closed) {
  auto date = [](const CalendarDate& d) { return format_date({d.year, d.month, d.day}); };
  bool single = closed.first.year == closed.last.year && closed.first.month == closed.last.month &&
                closed.first.day == closed.last.day;
  return single ? date(closed.first) : date(closed.first) + ".." + date(closed.last);
}

std::string open_text(const OpenHours& open) {
  std::string days = weekday_text(open.first_day);
  if (open.last_day != open.first_day) days += std::string("..") + weekday_text(open.last_day);
  return "open " + days + " " + format_clock(open.from_minute) + ".." + format_clock(open.to_minute);
}

std::string event_title(const EventDecl& d) { return "event " + d.type.str() + (d.global ? " global" : ""); }

std::string joined(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

}  // namespace

// The items of a schema and of an enum, for braced_list.
std::vector<DeclPrinter::ListItem> DeclPrinter::event_items(const EventDecl& d) {
  std::vector<ListItem> items;
  for (const auto& field : d.fields) items.push_back({field.span.begin, field_text(field)});
  return items;
}

std::vector<DeclPrinter::ListItem> DeclPrinter::enum_items(const EnumDecl& d) {
  std::vector<ListItem> items;
  for (const auto& value : d.values) items.push_back({value.span.begin, value.text});
  return items;
}

void DeclPrinter::header(const PolicyHeader& header, bool has_imports) {
  std::string text = "policy " + header.name.text;
  if (!header.version.empty()) text += " version " + quote_string(header.version);
  // Annotations after the header belong to the policy only when an import follows them,
  // so without imports they go before `policy`, where they cannot pass to a declaration.
  if (header.annotations.empty() || !has_imports) {
    head(header.annotations, header.span, text);
    return;
  }
  w_.item(header.name.span.begin, text);
  w_.continuation(header.annotations.front().span.begin, annotations_text(header.annotations));
}

void DeclPrinter::import(const Import& import) { w_.item(import.span.begin, "import " + quote_string(import.path)); }

void DeclPrinter::decl(const Decl& decl) {
  std::visit([this](const auto& d) { print(d); }, decl);
}

bool DeclPrinter::on_one_line(const EventDecl& d) const {
  return list_on_one_line(d.annotations, d.span, event_title(d), event_items(d));
}

bool DeclPrinter::on_one_line(const EnumDecl& d) const {
  return list_on_one_line(d.annotations, d.span, "enum " + d.name.text, enum_items(d));
}

void DeclPrinter::head(const Annotations& annotations, const Span& span, const std::string& text) {
  if (annotations.empty()) {
    w_.item(span.begin, text);
    return;
  }
  std::string all = annotations_text(annotations);
  if (w_.fits(all)) {
    w_.item(annotations.front().span.begin, all);
  } else {
    w_.item(annotations.front().span.begin, annotation_text(annotations.front()));
    for (std::size_t i = 1; i < annotations.size(); ++i) {
      w_.continuation(annotations[i].span.begin, annotation_text(annotations[i]));
    }
  }
  w_.continuation(keyword_anchor(annotations, span), text);
}

std::uint32_t DeclPrinter::keyword_anchor(const Annotations& annotations, const Span& span) const {
  return annotations.empty() ? span.begin : w_.next_code(annotations.back().span.end);
}

std::string DeclPrinter::list_line(const std::string& text, const std::vector<ListItem>& items) const {
  std::string out = text + " {";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? " " : ", ") + items[i].text;
  return out + (items.empty() ? "}" : " }");
}

bool DeclPrinter::list_on_one_line(const Annotations& annotations, const Span& span, const std::string& text,
                                   const std::vector<ListItem>& items) const {
  return !w_.has_comment_in({span.file, keyword_anchor(annotations, span), span.end}) &&
         w_.fits(list_line(text, items));
}

void DeclPrinter::braced_list(const Annotations& annotations, const Span& span, const std::string& text,
                              const std::vector<ListItem>& items) {
  if (list_on_one_line(annotations, span, text, items)) {
    head(annotations, span, list_line(text, items));
    return;
  }
  head(annotations, span, text + " {");
  w_.open_block();
  for (std::size_t i = 0; i < items.size(); ++i) {
    w_.item(items[i].anchor, items[i].text + (i + 1 < items.size() ? "," : ""));
  }
  w_.close_block(span.end);
}

void DeclPrinter::print(const EnumDecl& d) { braced_list(d.annotations, d.span, "enum " + d.name.text, enum_items(d)); }

void DeclPrinter::print(const ConstDecl& d) {
  head(d.annotations, d.span, "const " + d.name.text + " = " + text(d.value));
}

void DeclPrinter::print(const EventDecl& d) { braced_list(d.annotations, d.span, event_title(d), event_items(d)); }

void DeclPrinter::print(const StateDecl& d) {
  block(d.annotations, d.span, d.global ? "global" : "state", d.fields.empty(), [&] {
    for (const auto& field : d.fields) {
      head(field.annotations, field.span,
           field.name.text + ": " + type_ref_text(field.type) + " = " + text(field.initial));
    }
  });
}

void DeclPrinter::print(const TableDecl& d) {
  std::vector<std::string> keys;
  for (const auto& key : d.key_types) keys.push_back(type_ref_text(key));
  std::string key_text = keys.size() == 1 ? keys.front() : "(" + joined(keys, ", ") + ")";
  std::string title = "table " + d.name.text + ": " + key_text + " -> " + type_ref_text(d.value_type);
  block(d.annotations, d.span, title, d.rows.empty(), [&] {
    for (const auto& row : d.rows) {
      std::vector<std::string> values;
      for (const auto& key : row.keys) values.push_back(text(key));
      std::string row_keys = row.otherwise      ? "otherwise"
                             : values.size() == 1 ? values.front()
                                                  : "(" + joined(values, ", ") + ")";
      w_.item(row.span.begin, row_keys + " => " + text(row.value));
    }
  });
}

void DeclPrinter::print(const CalendarDecl& d) {
  bool empty = d.zone.empty() && d.open.empty() && d.closed.empty();
  block(d.annotations, d.span, "calendar " + d.name.text, empty, [&] {
    if (!d.zone.empty()) w_.item(d.zone_span.begin, "zone " + quote_string(d.zone));
    for (const auto& open : d.open) w_.item(open.span.begin, open_text(open));
    closed_lines(d.closed);
  });
}

void DeclPrinter::closed_lines(const std::vector<ClosedDays>& closed) {
  // As many dates per `closed` line as fit: holiday lists are long.
  std::string line;
  std::uint32_t anchor = 0;
  for (const auto& days : closed) {
    std::string text = closed_text(days);
    if (!line.empty() && w_.fits(line + ", " + text)) {
      line += ", " + text;
      continue;
    }
    if (!line.empty()) w_.item(anchor, line);
    line = "closed " + text;
    anchor = days.span.begin;
  }
  if (!line.empty()) w_.item(anchor, line);
}

void DeclPrinter::print(const ServicesDecl& d) {
  block(d.annotations, d.span, "services", d.edges.empty(), [&] {
    for (const auto& edge : d.edges) {
      std::vector<std::string> targets;
      for (const auto& target : edge.depends_on) targets.push_back(quote_string(target));
      w_.item(edge.span.begin, quote_string(edge.service) + " -> " + joined(targets, ", "));
    }
  });
}

}  // namespace writ::lang
