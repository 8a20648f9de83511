#pragma once
// The Writ syntax tree. Every node carries the Span of the text it came from. The parser
// fills the syntactic fields; the checker fills the fields under "set by the checker"
// (types and what each name resolves to), which the compiler reads.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "lang/source.hpp"
#include "lang/types.hpp"

namespace writ::lang {

struct Expr;
class AstArena;

// Ends an expression node's life. A parsed Module's nodes live in its AstArena, so they
// are only destroyed, and the arena frees their memory all at once; a node made with
// `new` (tests build trees by hand) is deleted.
struct ExprDeleter {
  void operator()(Expr* e) const noexcept;
};
using ExprPtr = std::unique_ptr<Expr, ExprDeleter>;

// Bytes from `arena` (see AstArena below), for ArenaAllocator.
void* arena_allocate(AstArena& arena, std::size_t bytes, std::size_t alignment);

// Allocates from a Module's AstArena, or, without one, from the heap. The parser gives the
// parts of the names it reads one, so a large policy's hundreds of thousands of names do
// not each take a heap allocation. Memory from the arena is freed with the arena, never
// piece by piece. A moved container takes its allocator along; a copied one gets heap
// memory of its own, so a copy (of a Path, say) may outlive the module.
template <typename T>
struct ArenaAllocator {
  using value_type = T;
  using propagate_on_container_move_assignment = std::true_type;
  using propagate_on_container_swap = std::true_type;
  using propagate_on_container_copy_assignment = std::false_type;

  AstArena* arena = nullptr;  // null: the heap

  ArenaAllocator() noexcept = default;
  explicit ArenaAllocator(AstArena* from) noexcept : arena(from) {}
  template <typename U>
  ArenaAllocator(const ArenaAllocator<U>& other) noexcept : arena(other.arena) {}

  T* allocate(std::size_t n) {
    if (arena == nullptr) return std::allocator<T>{}.allocate(n);
    return static_cast<T*>(arena_allocate(*arena, n * sizeof(T), alignof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (arena == nullptr) std::allocator<T>{}.deallocate(p, n);
  }
  ArenaAllocator select_on_container_copy_construction() const { return {}; }
  friend bool operator==(const ArenaAllocator& a, const ArenaAllocator& b) { return a.arena == b.arena; }
};

// ---------------------------------------------------------------------------------------
// Names and annotations

struct Ident {
  std::string text;
  Span span;
};

// A dotted name as written: `event.service`, `itil.priority`, `alert.received`.
struct Path {
  // In the module's arena when the parser made it (see ArenaAllocator).
  using Parts = std::vector<Ident, ArenaAllocator<Ident>>;
  Parts parts;
  Span span;
  std::string str() const;  // parts joined by '.'
};

// `@name` or `@name("text", ...)`.
struct Annotation {
  Ident name;
  std::vector<std::string> args;
  Span span;
};
using Annotations = std::vector<Annotation>;

// ---------------------------------------------------------------------------------------
// Types as written

struct TypeRef {
  enum class Kind { Bool, Int, String, Duration, Time, SetOfString, Named };
  Kind kind = Kind::Int;
  Path name;              // Kind::Named: an enum, possibly module-qualified
  bool optional = false;  // written `T?`
  Span span;
};

// ---------------------------------------------------------------------------------------
// Expressions

enum class UnaryOp : std::uint8_t { Not, Neg };

enum class BinaryOp : std::uint8_t {
  Or, And,
  Eq, Ne, Lt, Le, Gt, Ge,
  In, NotIn, Contains, ContainsAll, ContainsAny,
  Add, Sub, Mul, Div, Mod,
};

// What a name in an expression denotes, decided by the checker.
enum class NameKind : std::uint8_t {
  Unresolved,
  EventField,   // event.f of the event being processed (or the reserved event.incident, event.at)
  ActorId,      // actor.id
  ActorRole,    // actor.role
  StateField,   // state.f (built in: state.opened_at)
  GlobalField,  // global.f
  StartedField, // started.f: the event that started the SLA or obligation
  Const,        // a const, possibly module-qualified
  EnumValue,    // an enum value, bare or qualified
  Now,          // now
  Age,          // age = now - state.opened_at
};

struct EnumDecl;
struct ConstDecl;
struct EventDecl;
struct TableDecl;
struct CalendarDecl;

struct NameResolution {
  NameKind kind = NameKind::Unresolved;
  int enum_index = -1;               // EnumValue: position in declaration order
  const EventDecl* event = nullptr;  // EventField, StartedField: the schema read
  // EventField, StartedField, StateField, GlobalField: the field's name. It views the name
  // of the field's declaration in the AST (or a static string for a built-in field such as
  // `at` or `opened_at`), so it is valid as long as the Program, like the pointers here,
  // and costs no allocation per name read.
  std::string_view field;
  const ConstDecl* constant = nullptr;
  const EnumDecl* enum_decl = nullptr;  // EnumValue
};

// What a call denotes, decided by the checker.
enum class CallKind : std::uint8_t {
  Unresolved,
  Table,            // a table used as a function
  Has,              // has(x)
  Lower,            // lower(s)
  StartsWith,       // starts_with(s, p)
  Len,              // len(set)
  Min,              // min(a, b)
  Max,              // max(a, b)
  BusinessElapsed,  // business_elapsed(from, to, calendar)
  Dependents,       // dependents(service)
};

struct MessagePart {
  std::string text;  // literal text (already unescaped); empty when `expr` is set
  ExprPtr expr;      // an interpolated `{expr}`
  Span span;
};

// A message string after `because`, `message` or `audit`: text with `{expr}` holes.
struct Message {
  std::vector<MessagePart> parts;
  Span span;
};

// A large policy has hundreds of thousands of these, so their size is the tree's size:
// the one-byte fields (kinds, operators, flags) are packed together at the start rather
// than each padded to eight bytes beside the field it goes with.
struct Expr {
  enum class Kind : std::uint8_t {
    Bool, Int, String, Duration, Time, Set,  // literals
    Name,                                    // a (dotted) name
    Call,                                    // callee(args...)
    Unary, Binary,
    If,                                      // if a then b else c
  };
  Kind kind = Kind::Int;
  bool parenthesized = false;  // written inside ( ); kept so `fmt` keeps the author's grouping
  bool bool_value = false;     // Bool
  UnaryOp unary_op = UnaryOp::Not;            // Unary
  BinaryOp binary_op = BinaryOp::Or;          // Binary
  CallKind call_kind = CallKind::Unresolved;  // Call; set by the checker

 private:
  // In padding before `span`: made by AstArena::make, so ExprDeleter must not free it.
  friend class AstArena;
  friend struct ExprDeleter;
  bool in_arena_ = false;

 public:
  Span span;

  // Literals
  std::int64_t int_value = 0;  // Int; Duration in ms; Time in ms since the Unix epoch (UTC)
  std::string string_value;    // String (unescaped)
  std::vector<ExprPtr> items;  // Set elements; Call arguments; If: cond, then, else

  Path name;    // Name; Call: the callee
  ExprPtr lhs;  // Unary operand; Binary left
  ExprPtr rhs;  // Binary right

  // Set by the checker (and call_kind above).
  Type type;
  NameResolution resolved;                  // Name
  const TableDecl* table = nullptr;         // Call of a table
  const CalendarDecl* calendar = nullptr;   // business_elapsed's third argument
};

// ---------------------------------------------------------------------------------------
// Actions

struct EmitField {
  Ident name;
  ExprPtr value;
  Span span;
};

struct Action {
  enum class Kind { Set, Notify, Emit, Escalate, Stop, OpenTicket, Audit, Close };
  Kind kind = Kind::Audit;
  Span span;

  Path target;    // Set: `major` or `global.x`; Emit: the event type; Escalate/Stop: the name
  ExprPtr value;  // Set: the new value; Notify: the recipient; OpenTicket: the ticket kind
  std::optional<Message> message;  // Notify `message`; Audit
  std::vector<EmitField> fields;   // Emit { f: expr, ... }
  ExprPtr owner;                   // OpenTicket `owner`
  ExprPtr due;                     // OpenTicket `due` (a duration expression)
};
using Actions = std::vector<Action>;

// `on TYPE [when COND]`: an event trigger with an optional condition.
struct Trigger {
  Path event_type;
  ExprPtr condition;  // null when there is no `when`
  Span span;

  const EventDecl* event = nullptr;  // set by the checker
};

// ---------------------------------------------------------------------------------------
// Declarations

struct PolicyHeader {
  Ident name;
  std::string version;  // empty when not given
  Annotations annotations;
  Span span;
};

struct Import {
  std::string path;  // as written
  Span span;
  std::string resolved_path;  // set by the module loader
};

struct EnumDecl {
  Annotations annotations;
  Ident name;
  std::vector<Ident> values;  // declaration order is the enum's order
  Span span;
};

struct ConstDecl {
  Annotations annotations;
  Ident name;
  ExprPtr value;
  Span span;
};

struct FieldDecl {
  Annotations annotations;  // before or after the field, e.g. `@sensitive`
  Ident name;
  TypeRef type;
  Span span;

  Type resolved_type;  // set by the checker
};

struct EventDecl {
  Annotations annotations;
  Path type;  // dotted: alert.received
  bool global = false;
  std::vector<FieldDecl> fields;
  Span span;
};

// A field of `state { ... }` or `global { ... }` with its initial value.
struct StateField {
  Annotations annotations;
  Ident name;
  TypeRef type;
  ExprPtr initial;
  Span span;

  Type resolved_type;  // set by the checker
};

struct StateDecl {
  Annotations annotations;
  bool global = false;  // `global { ... }` rather than `state { ... }`
  std::vector<StateField> fields;
  Span span;
};

struct TableRow {
  std::vector<ExprPtr> keys;  // one per key type; empty for `otherwise`
  bool otherwise = false;
  ExprPtr value;
  Span span;
};

// `table NAME: K -> V { k => v ... otherwise => v }`; several key types are written
// `(K1, K2)` and each row's keys `(k1, k2)`.
struct TableDecl {
  Annotations annotations;
  Ident name;
  std::vector<TypeRef> key_types;
  TypeRef value_type;
  std::vector<TableRow> rows;
  Span span;
};

enum class Weekday { Mon, Tue, Wed, Thu, Fri, Sat, Sun };

struct CalendarDate {
  int year = 1970;
  int month = 1;
  int day = 1;
  Span span;
};

// `open mon..fri 08:00..18:00` (or a single day `open sat 09:00..12:00`).
struct OpenHours {
  Weekday first_day = Weekday::Mon;
  Weekday last_day = Weekday::Mon;
  int from_minute = 0;  // minutes after midnight
  int to_minute = 0;    // 24:00 is written as 24:00 and stored as 1440
  Span span;
};

// `closed 2026-12-25, 2026-12-26` or a range `closed 2026-12-24..2026-12-31`.
struct ClosedDays {
  CalendarDate first;
  CalendarDate last;  // equal to `first` for a single date
  Span span;
};

struct CalendarDecl {
  Annotations annotations;
  Ident name;
  std::string zone;
  Span zone_span;
  std::vector<OpenHours> open;
  std::vector<ClosedDays> closed;
  Span span;
};

struct ServiceEdge {
  std::string service;
  Span service_span;
  std::vector<std::string> depends_on;
  std::vector<Span> depends_on_spans;
  Span span;
};

struct ServicesDecl {
  Annotations annotations;
  std::vector<ServiceEdge> edges;
  Span span;
};

struct ClassifyRow {
  ExprPtr condition;  // null for `otherwise`
  ExprPtr value;
  Span span;
};

struct ClassifyDecl {
  Annotations annotations;
  Ident field;  // the state field assigned
  Path event_type;
  std::vector<ClassifyRow> rows;
  Span span;

  const EventDecl* event = nullptr;  // set by the checker
};

struct RuleDecl {
  Annotations annotations;
  Ident name;
  // `on TYPE` or, for a timer rule, `on DELAY after TYPE`.
  ExprPtr delay;  // null for an ordinary rule
  Path event_type;
  ExprPtr condition;  // null when there is no `when`
  Actions actions;
  Span span;

  const EventDecl* event = nullptr;  // set by the checker
};

struct PermitDecl {
  Annotations annotations;
  Path event_type;
  ExprPtr condition;
  Span span;

  const EventDecl* event = nullptr;  // set by the checker
};

struct DenyClause {
  ExprPtr condition;
  Message reason;
  Span span;
};

struct GuardDecl {
  Annotations annotations;
  Ident name;
  Path event_type;
  ExprPtr condition;  // null when there is no `when`
  std::vector<DenyClause> denies;
  Span span;

  const EventDecl* event = nullptr;  // set by the checker
};

struct SuppressDecl {
  Annotations annotations;
  Path event_type;
  ExprPtr condition;
  Span span;

  const EventDecl* event = nullptr;  // set by the checker
};

struct CorrelateDecl {
  Annotations annotations;
  Path event_type;
  ExprPtr key;
  ExprPtr window;  // a duration
  Span span;

  const EventDecl* event = nullptr;  // set by the checker
};

struct SlaWarn {
  std::vector<int> percentages;  // `warn at 50%, 80%`
  std::vector<Span> percentage_spans;
  Actions actions;
  Span span;
};

// A block of actions run on a named occasion: `breach { ... }`, `met { ... }`.
struct ActionBlock {
  Actions actions;
  Span span;
};

struct SlaDecl {
  Annotations annotations;
  Ident name;
  ExprPtr target;                   // `within EXPR`: a duration, may read the start event
  std::optional<Path> calendar;     // `during CALENDAR`
  std::optional<Trigger> start;     // required; optional only so a missing one is reported
  std::vector<Trigger> stops;
  std::vector<Trigger> pauses;
  std::vector<Trigger> resumes;
  std::vector<SlaWarn> warns;
  std::optional<ActionBlock> breach;
  std::optional<ActionBlock> met;
  Span span;

  const CalendarDecl* resolved_calendar = nullptr;  // set by the checker
};

struct LadderLevel {
  std::int64_t number = 0;
  ExprPtr delay;  // `after D`; null for a level without a delay
  Actions actions;
  Span span;
};

struct EscalationDecl {
  Annotations annotations;
  Ident name;
  std::vector<LadderLevel> levels;
  std::vector<Trigger> stops;  // `stop on TYPE [when COND]`
  std::optional<std::int64_t> repeat_count;  // `repeat N after D`
  ExprPtr repeat_delay;
  Span repeat_span;
  Span span;
};

struct ObligationDecl {
  Annotations annotations;
  Ident name;
  // Exactly one of: `after TYPE [when COND]` or `while COND`.
  std::optional<Trigger> after;
  ExprPtr while_condition;
  Path required_type;  // `require TYPE`
  Span require_span;
  ExprPtr within;  // `within D`, or
  ExprPtr every;   // `every D`
  ExprPtr where;   // `where COND`, null when absent
  std::optional<ActionBlock> violation;
  Span span;

  const EventDecl* required_event = nullptr;  // set by the checker
  // Set by the checker: one instance for the engine rather than one per incident. An
  // `after` obligation is engine-wide when a global event arms it; a `while` one when its
  // condition and interval read no state.
  bool engine_wide = false;
};

struct FreezeDecl {
  Annotations annotations;
  Ident name;
  // Relative: `after TYPE [when COND] for D`; absolute: `from TIME to TIME`.
  std::optional<Trigger> after;
  ExprPtr duration;
  ExprPtr from;
  ExprPtr to;
  std::vector<Path> blocked_types;  // `block TYPE, TYPE`
  ExprPtr unless;                   // null when there is no `unless`
  Span block_span;
  Span span;

  std::vector<const EventDecl*> blocked_events;  // set by the checker
};

struct MeasureDecl {
  Annotations annotations;
  Ident name;
  Path from_type;
  Path to_type;
  std::optional<Path> calendar;  // `during CALENDAR`
  ExprPtr target;                // `target D`, null when absent
  Span span;

  const EventDecl* from_event = nullptr;            // set by the checker
  const EventDecl* to_event = nullptr;              // set by the checker
  const CalendarDecl* resolved_calendar = nullptr;  // set by the checker
};

// ---- test blocks ----

struct FieldValue {
  Ident name;
  ExprPtr value;  // a literal
  Span span;
};

// `at TIME|+DURATION [TYPE { fields }] [as { id: "...", role: "..." }]`
struct TestAt {
  bool relative = false;
  ExprPtr when;  // a time literal, or (relative) a duration literal
  std::optional<Path> event_type;
  std::vector<FieldValue> fields;  // includes the reserved keys `incident` and `id`
  std::optional<std::vector<FieldValue>> actor;
  Span span;
};

struct TestExpect {
  enum class Kind {
    Notify, Denied, Allowed, Breach, Warn, Met, Violation, Blocked, Ticket, State, Global, Suppressed, Correlated, Measure
  };
  Kind kind = Kind::Allowed;
  bool negated = false;  // `expect no KIND ...`: it must not have happened
  ExprPtr value;  // Notify: recipient; Ticket: kind; State, Global, Measure: the expected value
  std::optional<std::string> because;  // Denied `because "..."`
  std::optional<Path> name;            // Breach/Warn/Met/Violation: SLA or obligation; Measure; Blocked `by NAME`
  Ident state_field;                   // State: `state.f == EXPR`; Global: `global.f == EXPR`
  Span span;
};

struct TestStep {
  std::variant<TestAt, TestExpect> step;
};

struct TestDecl {
  Annotations annotations;
  std::string name;
  std::vector<TestStep> steps;
  Span span;
};

using Decl = std::variant<EnumDecl, ConstDecl, EventDecl, StateDecl, TableDecl, CalendarDecl,
                          ServicesDecl, ClassifyDecl, RuleDecl, PermitDecl, GuardDecl,
                          SuppressDecl, CorrelateDecl, SlaDecl, EscalationDecl, ObligationDecl,
                          FreezeDecl, MeasureDecl, TestDecl>;

// A comment as written, kept so the formatter can put it back.
struct Comment {
  std::string text;  // including the leading `//`, without the line end
  Span span;
  bool trailing = false;  // true when code precedes it on its line
};

// Memory for the expression nodes of one Module and the parts of its names. A large
// policy has hundreds of thousands of each: allocated one by one, each costs a malloc
// call, and the heap grows by small pieces that the kernel faults in a page (4 KiB) at a
// time. The arena carves them out of chunks that double up to 64 MiB; chunks of 2 MiB and
// more are aligned to and advised for transparent huge pages, so one fault maps 2 MiB; a
// destroyed arena's chunks are kept (up to 128 MiB in all) for the process's next arenas.
// It owns memory only: each node is destroyed by its ExprPtr (each name by its Path), and
// every ExprPtr or Path into an arena must be gone before the arena is (Module declares
// its arena first, so it goes last).
class AstArena {
 public:
  AstArena() = default;
  AstArena(AstArena&& other) noexcept;
  // Swaps: the chunks this arena held stay alive, in `other`, until `other` goes, since
  // nodes in them may still be owned by what is being assigned over (Module's decls).
  AstArena& operator=(AstArena&& other) noexcept;
  AstArena(const AstArena&) = delete;
  AstArena& operator=(const AstArena&) = delete;
  ~AstArena();

  // A new, default-initialised node.
  ExprPtr make();
  // Uninitialised memory, freed with the arena; `alignment` at most alignof(max_align_t).
  void* allocate(std::size_t bytes, std::size_t alignment);
  template <typename T>
  ArenaAllocator<T> allocator() {
    return ArenaAllocator<T>(this);
  }

 private:
  struct Chunk {
    std::byte* data;
    std::size_t size;
  };
  void grow(std::size_t at_least);

  std::vector<Chunk> chunks_;
  std::byte* next_ = nullptr;  // the free space of the last chunk is [next_, end_)
  std::byte* end_ = nullptr;
};

// One parsed file.
struct Module {
  AstArena arena;  // first, so destroyed last: the module's expressions and names live in it
  FileId file = 0;
  std::optional<PolicyHeader> header;  // a file without `policy` is part of the command-line set
  std::vector<Import> imports;
  std::vector<Decl> decls;  // in source order
  std::vector<Comment> comments;
  Span span;
};

// Helpers shared by every pass.
const Span& decl_span(const Decl& decl);
const Annotations& decl_annotations(const Decl& decl);
const char* binary_op_text(BinaryOp op);
const char* weekday_text(Weekday day);

}  // namespace writ::lang
