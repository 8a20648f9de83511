#include "runtime/rejection.hpp"

namespace writ::runtime {

std::string_view reason_code(RejectReason reason) {
  switch (reason) {
    case RejectReason::EmptyLine: return "empty_line";
    case RejectReason::LineTooLong: return "line_too_long";
    case RejectReason::InvalidUtf8: return "invalid_utf8";
    case RejectReason::InvalidJson: return "invalid_json";
    case RejectReason::TooDeep: return "too_deep";
    case RejectReason::NotAnObject: return "not_an_object";
    case RejectReason::DuplicateKey: return "duplicate_key";
    case RejectReason::MissingField: return "missing_field";
    case RejectReason::UnknownType: return "unknown_type";
    case RejectReason::UnknownField: return "unknown_field";
    case RejectReason::WrongType: return "wrong_type";
    case RejectReason::IntOutOfRange: return "int_out_of_range";
    case RejectReason::BadTime: return "bad_time";
    case RejectReason::BadDuration: return "bad_duration";
    case RejectReason::UnknownEnumValue: return "unknown_enum_value";
    case RejectReason::EmptyValue: return "empty_value";
    case RejectReason::DuplicateId: return "duplicate_id";
    case RejectReason::BeforeClock: return "before_clock";
  }
  return "unknown";
}

Rejection make_rejection(RejectReason reason, std::string message) {
  Rejection r;
  r.reason = reason;
  r.message = std::move(message);
  return r;
}

}  // namespace writ::runtime
