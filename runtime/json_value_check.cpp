#include "runtime/json_value_check.hpp"

#include <fmt/format.h>

#include <string>

#include "runtime/event_decoder.hpp"

namespace writ::runtime {

namespace ondemand = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// get_bool() calls `tru` the wrong type; it is no JSON at all.
error_code misspelt_bool(std::string_view token) {
  return !token.empty() && token.front() == 't' ? simdjson::T_ATOM_ERROR : simdjson::F_ATOM_ERROR;
}

error_code check_array(ondemand::array array, int depth) {
  for (auto element : array) {
    ondemand::value value;
    if (error_code e = element.get(value)) return e;
    if (error_code e = check_value(value, depth)) return e;
  }
  return SUCCESS;
}

error_code check_object(ondemand::object object, int depth) {
  for (auto result : object) {
    ondemand::field field;
    std::string_view key;
    if (error_code e = std::move(result).get(field)) return e;
    if (error_code e = field.unescaped_key().get(key)) return e;
    if (error_code e = check_value(field.value(), depth)) return e;
  }
  return SUCCESS;
}

// A document that is one scalar. simdjson's root readers are not used: its root `null`
// check misreads `null ` with a trailing space. The token must be the whole line.
error_code check_root_scalar(ondemand::document& doc, ondemand::json_type type, std::string_view line) {
  std::string_view token;
  if (error_code e = doc.raw_json_token().get(token)) return e;
  token = trim(token);
  if (token.size() != trim(line).size()) return simdjson::TRAILING_CONTENT;
  switch (type) {
    case ondemand::json_type::number: return is_json_number(token) ? SUCCESS : simdjson::NUMBER_ERROR;
    case ondemand::json_type::string: return doc.get_string().error();
    case ondemand::json_type::boolean: return token == "true" || token == "false" ? SUCCESS : misspelt_bool(token);
    case ondemand::json_type::null: return token == "null" ? SUCCESS : simdjson::N_ATOM_ERROR;
    default: return simdjson::TAPE_ERROR;
  }
}

std::string error_text(error_code e) {
  switch (e) {
    case simdjson::TAPE_ERROR: return "a misplaced or missing comma, colon, brace or bracket";
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: return "the line ends inside an object or array";
    case simdjson::STRING_ERROR: return "a string with an invalid escape";
    case simdjson::UNCLOSED_STRING: return "a string that is not closed";
    case simdjson::UNESCAPED_CHARS: return "an unescaped control character in a string";
    case simdjson::T_ATOM_ERROR: return "a misspelt `true`";
    case simdjson::F_ATOM_ERROR: return "a misspelt `false`";
    case simdjson::N_ATOM_ERROR: return "a misspelt `null`";
    case simdjson::NUMBER_ERROR: return "a malformed number";
    case simdjson::TRAILING_CONTENT: return "more content after the object";
    case simdjson::EMPTY: return "no value";
    default: return simdjson::error_message(e);
  }
}

}  // namespace

error_code read_null(ondemand::value& value) {
  bool null = false;
  return !value.is_null().get(null) && null ? SUCCESS : simdjson::N_ATOM_ERROR;
}

error_code read_bool(ondemand::value& value, bool& out) {
  error_code e = value.get_bool().get(out);
  return e == simdjson::INCORRECT_TYPE ? misspelt_bool(value.raw_json_token()) : e;
}

error_code check_value(ondemand::value value, int depth) {
  ondemand::json_type type;
  if (error_code e = value.type().get(type)) return e;
  switch (type) {
    case ondemand::json_type::array: {
      if (depth >= kMaxJsonDepth) return simdjson::DEPTH_ERROR;
      ondemand::array array;
      if (error_code e = value.get_array().get(array)) return e;
      return check_array(array, depth + 1);
    }
    case ondemand::json_type::object: {
      if (depth >= kMaxJsonDepth) return simdjson::DEPTH_ERROR;
      ondemand::object object;
      if (error_code e = value.get_object().get(object)) return e;
      return check_object(object, depth + 1);
    }
    case ondemand::json_type::number: return is_json_number(value.raw_json_token()) ? SUCCESS : simdjson::NUMBER_ERROR;
    case ondemand::json_type::string: return value.get_string().error();
    case ondemand::json_type::boolean: {
      bool b = false;
      return read_bool(value, b);
    }
    case ondemand::json_type::null: return read_null(value);
  }
  return simdjson::TAPE_ERROR;
}

error_code check_end(ondemand::document& doc) {
  const char* rest = nullptr;
  // Past the last token, current_location() reports OUT_OF_BOUNDS; anything else is more input.
  return doc.current_location().get(rest) == simdjson::OUT_OF_BOUNDS ? SUCCESS : simdjson::TRAILING_CONTENT;
}

error_code check_document(ondemand::document& doc, std::string_view line) {
  ondemand::json_type type;
  if (error_code e = doc.type().get(type)) return e;
  error_code e = SUCCESS;
  if (type == ondemand::json_type::array) {
    ondemand::array array;
    e = doc.get_array().get(array);
    if (!e) e = check_array(array, 1);
  } else if (type == ondemand::json_type::object) {
    ondemand::object object;
    e = doc.get_object().get(object);
    if (!e) e = check_object(object, 1);
  } else {
    return check_root_scalar(doc, type, line);
  }
  return e ? e : check_end(doc);
}

bool is_json_number(std::string_view token) {
  while (!token.empty() && is_space(token.back())) token.remove_suffix(1);
  std::size_t i = 0;
  auto digits = [&] {
    std::size_t start = i;
    while (i < token.size() && is_digit(token[i])) ++i;
    return i > start;
  };
  if (i < token.size() && token[i] == '-') ++i;
  if (i < token.size() && token[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < token.size() && token[i] == '.' && (++i, !digits())) return false;
  if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
    ++i;
    if (i < token.size() && (token[i] == '+' || token[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == token.size();
}

bool is_json_integer(std::string_view token) {
  return is_json_number(token) && token.find_first_of(".eE") == std::string_view::npos;
}

bool is_blank(std::string_view text) { return trim(text).empty(); }

error_code refine_incomplete(error_code error, std::string_view text) {
  if (error != simdjson::INCOMPLETE_ARRAY_OR_OBJECT) return error;
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return is_blank(text.substr(i + 1)) ? error : simdjson::TRAILING_CONTENT;
    }
  }
  return error;
}

const char* json_kind(ondemand::json_type type) {
  switch (type) {
    case ondemand::json_type::array: return "array";
    case ondemand::json_type::object: return "object";
    case ondemand::json_type::number: return "number";
    case ondemand::json_type::string: return "string";
    case ondemand::json_type::boolean: return "bool";
    case ondemand::json_type::null: return "null";
  }
  return "value";
}

Rejection json_rejection(error_code e) {
  switch (e) {
    case simdjson::UTF8_ERROR: return make_rejection(RejectReason::InvalidUtf8, "the line is not valid UTF-8");
    case simdjson::DEPTH_ERROR:
      return make_rejection(RejectReason::TooDeep, fmt::format("arrays or objects nested more than {} deep", kMaxJsonDepth));
    default: return make_rejection(RejectReason::InvalidJson, "not valid JSON: " + error_text(e));
  }
}

}  // namespace writ::runtime
