#pragma once
// Every diagnostic Writ can report, with its stable code. Codes never change meaning once
// released; retired codes are not reused. docs/diagnostics.md explains each one.
#include <string_view>

namespace writ::lang {

#define WRIT_DIAGNOSTIC_CODES(X)                                                          \
  /* input and syntax */                                                                 \
  X(IoError, "E0001", "a file cannot be read")                                           \
  X(SyntaxError, "E0100", "the text does not follow the grammar")                        \
  X(UnterminatedString, "E0101", "a string literal is not closed")                       \
  X(InvalidEscape, "E0102", "unknown escape sequence in a string")                       \
  X(InvalidInteger, "E0103", "an integer literal is malformed or out of range")          \
  X(InvalidDuration, "E0104", "a duration literal is malformed or out of range")         \
  X(InvalidTime, "E0105", "a time literal is not a valid RFC 3339 instant")              \
  X(InvalidDate, "E0106", "a date or clock time is not valid")                           \
  X(NestingTooDeep, "E0107", "expressions or blocks are nested too deeply")              \
  X(InvalidCharacter, "E0108", "a byte that cannot start any token, or invalid UTF-8")   \
  X(InvalidPercentage, "E0109", "a percentage outside 1%..99%")                          \
  /* modules */                                                                          \
  X(ImportNotFound, "E0200", "an imported file cannot be found")                         \
  X(ImportCycle, "E0201", "modules import each other in a cycle")                        \
  X(DuplicatePolicy, "E0202", "two modules share a policy name")                         \
  X(ConflictingEvent, "E0203", "an event type is declared with different fields")        \
  X(MissingPolicyHeader, "E0204", "an imported file has no `policy` header")             \
  /* names */                                                                            \
  X(DuplicateName, "E0300", "a name is declared twice")                                  \
  X(UnknownName, "E0301", "a name that nothing declares")                                \
  X(UnknownEventType, "E0302", "an event type that no schema declares")                  \
  X(UnknownField, "E0303", "a field the event, state or global record does not have")    \
  X(UnknownEnumValue, "E0304", "a value that the expected enum does not have")           \
  X(AmbiguousEnumValue, "E0305", "a bare value that several enums have")                 \
  X(WrongKindOfName, "E0306", "a name used as something it is not")                      \
  /* types */                                                                            \
  X(TypeMismatch, "E0400", "an expression has the wrong type")                           \
  X(WrongArgumentCount, "E0401", "a call has the wrong number of arguments")             \
  X(OptionalWithoutHas, "E0402", "an optional field is read outside `has(...)`")         \
  X(GlobalTouchesState, "E0403", "a construct on a global event reads or sets `state`")  \
  X(StartedOutsideClock, "E0404", "`started.` outside an SLA or obligation")             \
  X(EventUnavailable, "E0405", "`event.` where no event is being processed")             \
  X(NotAssignable, "E0406", "`set` of something that is not a state or global field")    \
  X(HasNeedsOptional, "E0407", "`has(...)` of something that is not an optional field")  \
  X(ActorUnavailable, "E0408", "`actor.` where no event is being processed")             \
  X(NotConstant, "E0409", "a constant expression reads the event, state or clock")       \
  X(NeedsIncident, "E0410", "an action that needs an incident where there is none")      \
  /* static checks */                                                                    \
  X(MissingOtherwise, "E0500", "a classify or table without `otherwise`")                \
  X(UnreachableRow, "W0501", "a classify row that an earlier row always covers")         \
  X(EmitCycle, "E0502", "emitted events can trigger each other forever")                 \
  X(ServiceCycle, "E0503", "the service dependency map has a cycle")                     \
  X(EmptyLadder, "E0504", "an escalation ladder has no levels")                          \
  X(LadderNumbering, "E0505", "ladder levels are not numbered 1, 2, 3, ...")             \
  X(UnknownZone, "E0506", "a calendar names a time zone that tzdata does not have")      \
  X(InvalidRange, "E0507", "an empty or inverted range")                                 \
  X(FreezeEndsBeforeStart, "E0508", "a freeze window ends before it starts")             \
  X(StaleReview, "W0509", "`@reviewed` is older than the --stale threshold")             \
  X(DuplicateKey, "E0510", "a table or set repeats a key")                               \
  X(DuplicateClause, "E0511", "a construct repeats a clause that may appear once")       \
  X(MissingClause, "E0512", "a construct lacks a clause it needs")                       \
  X(InvalidAnnotation, "E0513", "an annotation with wrong arguments")                    \
  X(DuplicateField, "E0514", "a record or event literal repeats a field")                \
  X(InvalidValue, "E0515", "a value out of its allowed range")                           \
  /* contradictions between policies */                                                  \
  X(ConflictingClassify, "W0516", "two classify tables set a field on one event type")   \
  X(PermitNeverHolds, "W0517", "a permit whose condition can never hold")

enum class Code {
#define WRIT_X(name, code, summary) name,
  WRIT_DIAGNOSTIC_CODES(WRIT_X)
#undef WRIT_X
};

std::string_view code_string(Code code);
std::string_view code_summary(Code code);

}  // namespace writ::lang
