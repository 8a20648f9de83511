#include "lang/diagnostic_code.hpp"

namespace writ::lang {

std::string_view code_string(Code code) {
  switch (code) {
#define WRIT_X(name, str, summary) \
  case Code::name:                 \
    return str;
    WRIT_DIAGNOSTIC_CODES(WRIT_X)
#undef WRIT_X
  }
  return "E????";
}

std::string_view code_summary(Code code) {
  switch (code) {
#define WRIT_X(name, str, summary) \
  case Code::name:                 \
    return summary;
    WRIT_DIAGNOSTIC_CODES(WRIT_X)
#undef WRIT_X
  }
  return "";
}

}  // namespace writ::lang
