#pragma once
// The Writ grammar as PEGTL rules, one struct per production of docs/language-reference.md.
// Rules only: no AST, no actions. lang/ast_builder.cpp attaches the actions,
// lang/grammar_errors.hpp the error messages.
//
// Whitespace convention: every token rule consumes the whitespace and `//` comments that
// follow it (`skip`). A rule therefore starts at its first token; only the start of a file
// and of a message hole skip leading whitespace. Spans are trimmed of that trailing skip by
// the builder.
//
// Commit points: after a keyword or opening token that can only start one construct, the
// rest is wrapped in `must` (via `if_must`, `list_must`, `opt_must`), so an error is reported
// where the text stops making sense, and no alternative ever re-parses a large subtree. The
// only lookaheads that parse an expression (`tuple_keys`, `timer_trigger`) parse one small
// expression twice at most.
#include <algorithm>
#include <cstddef>
#include <string_view>
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

namespace writ::lang::grammar {

using tao::pegtl::at;
using tao::pegtl::eof;
using tao::pegtl::if_must;
using tao::pegtl::list;
using tao::pegtl::list_must;
using tao::pegtl::must;
using tao::pegtl::not_at;
using tao::pegtl::opt;
using tao::pegtl::opt_must;
using tao::pegtl::plus;
using tao::pegtl::raise;
using tao::pegtl::rep;
using tao::pegtl::seq;
using tao::pegtl::sor;
using tao::pegtl::star;
using tao::pegtl::success;
using tao::pegtl::until;
using tao::pegtl::ascii::digit;
using tao::pegtl::ascii::not_one;
using tao::pegtl::ascii::one;
using tao::pegtl::ascii::ranges;
using tao::pegtl::ascii::string;
using tao::pegtl::ascii::two;

// ---------------------------------------------------------------------------------------
// Whitespace, comments, tokens

struct line_comment : seq<two<'/'>, star<not_one<'\n'>>> {};
struct blank : one<' ', '\t', '\r', '\n'> {};
struct skip : star<sor<blank, line_comment>> {};
struct byte_order_mark : string<'\xEF', '\xBB', '\xBF'> {};

struct ident_char : ranges<'a', 'z', 'A', 'Z', '0', '9', '_'> {};
struct word_end : not_at<ident_char> {};

template <typename Lexeme>
struct token : seq<Lexeme, skip> {};
// A keyword is its letters not followed by a name character: `onset` is not `on`.
template <typename Letters>
struct keyword : seq<Letters, word_end, skip> {};

#define WRIT_KEYWORD(word) struct kw_##word : keyword<TAO_PEGTL_STRING(#word)> {}
WRIT_KEYWORD(policy); WRIT_KEYWORD(version); WRIT_KEYWORD(import); WRIT_KEYWORD(enum);
WRIT_KEYWORD(const); WRIT_KEYWORD(event); WRIT_KEYWORD(global); WRIT_KEYWORD(state);
WRIT_KEYWORD(table); WRIT_KEYWORD(otherwise); WRIT_KEYWORD(calendar); WRIT_KEYWORD(zone);
WRIT_KEYWORD(open); WRIT_KEYWORD(closed); WRIT_KEYWORD(services); WRIT_KEYWORD(classify);
WRIT_KEYWORD(on); WRIT_KEYWORD(when); WRIT_KEYWORD(rule); WRIT_KEYWORD(after);
WRIT_KEYWORD(permit); WRIT_KEYWORD(guard); WRIT_KEYWORD(deny); WRIT_KEYWORD(because);
WRIT_KEYWORD(suppress); WRIT_KEYWORD(correlate); WRIT_KEYWORD(by); WRIT_KEYWORD(within);
WRIT_KEYWORD(sla); WRIT_KEYWORD(during); WRIT_KEYWORD(start); WRIT_KEYWORD(stop);
WRIT_KEYWORD(pause); WRIT_KEYWORD(resume); WRIT_KEYWORD(warn); WRIT_KEYWORD(at);
WRIT_KEYWORD(breach); WRIT_KEYWORD(met); WRIT_KEYWORD(escalation); WRIT_KEYWORD(level);
WRIT_KEYWORD(repeat); WRIT_KEYWORD(obligation); WRIT_KEYWORD(require); WRIT_KEYWORD(every);
WRIT_KEYWORD(where); WRIT_KEYWORD(while); WRIT_KEYWORD(violation); WRIT_KEYWORD(freeze);
WRIT_KEYWORD(for); WRIT_KEYWORD(from); WRIT_KEYWORD(to); WRIT_KEYWORD(block);
WRIT_KEYWORD(unless); WRIT_KEYWORD(measure); WRIT_KEYWORD(target); WRIT_KEYWORD(test);
WRIT_KEYWORD(expect); WRIT_KEYWORD(as); WRIT_KEYWORD(set); WRIT_KEYWORD(notify);
WRIT_KEYWORD(message); WRIT_KEYWORD(emit); WRIT_KEYWORD(escalate); WRIT_KEYWORD(ticket);
WRIT_KEYWORD(owner); WRIT_KEYWORD(due); WRIT_KEYWORD(audit); WRIT_KEYWORD(close);
WRIT_KEYWORD(if); WRIT_KEYWORD(then); WRIT_KEYWORD(else); WRIT_KEYWORD(and);
WRIT_KEYWORD(or); WRIT_KEYWORD(not); WRIT_KEYWORD(in); WRIT_KEYWORD(contains);
WRIT_KEYWORD(all); WRIT_KEYWORD(any); WRIT_KEYWORD(true); WRIT_KEYWORD(false);
WRIT_KEYWORD(no); WRIT_KEYWORD(denied); WRIT_KEYWORD(allowed); WRIT_KEYWORD(blocked);
WRIT_KEYWORD(actor); WRIT_KEYWORD(started);
#undef WRIT_KEYWORD

// Every keyword of the reference; none of them can name a declaration or stand alone as a
// name in an expression. Sorted, for the binary search of `reserved_word`.
inline constexpr std::string_view kReservedWords[] = {
    "actor", "after", "all", "allowed", "and", "any", "as", "at", "audit", "because", "block",
    "blocked", "breach", "by", "calendar", "classify", "close", "closed", "const", "contains",
    "correlate", "denied", "deny", "due", "during", "else", "emit", "enum", "escalate",
    "escalation", "event", "every", "expect", "false", "for", "freeze", "from", "global",
    "guard", "if", "import", "in", "level", "measure", "message", "met", "no", "not", "notify",
    "obligation", "on", "open", "or", "otherwise", "owner", "pause", "permit", "policy",
    "repeat", "require", "resume", "rule", "services", "set", "sla", "start", "started", "state",
    "stop", "suppress", "table", "target", "test", "then", "ticket", "to", "true", "unless",
    "version", "violation", "warn", "when", "where", "while", "within", "zone"};
static_assert(std::ranges::is_sorted(kReservedWords));
inline constexpr std::size_t kLongestReservedWord = 10;  // `escalation`, `obligation`

// One of kReservedWords as a whole word (not followed by a name character): what
// `sor<kw_policy, kw_version, ...>` matches, found with one look-up instead of 86 string
// comparisons in turn. Every name the parser reads is first tested with
// `not_at<reserved_word>`, and those comparisons took a tenth of `writ check`'s time. It does not
// skip what follows the keyword, which under `not_at` makes no difference.
struct reserved_word {
  using rule_t = reserved_word;
  using subs_t = tao::pegtl::empty_list;

  template <typename ParseInput>
  static bool match(ParseInput& in) {
    const char* begin = in.current();
    std::size_t available = in.size(kLongestReservedWord + 1);
    std::size_t length = 0;
    while (length < available && length <= kLongestReservedWord && is_ident_char(begin[length])) ++length;
    std::string_view word(begin, length);
    if (length > kLongestReservedWord || !std::ranges::binary_search(kReservedWords, word)) return false;
    in.bump(length);
    return true;
  }
  // ident_char's set: [a-zA-Z0-9_].
  static constexpr bool is_ident_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
};

struct open_paren : token<one<'('>> {};
struct close_paren : token<one<')'>> {};
struct open_brace : token<one<'{'>> {};
struct close_brace : token<one<'}'>> {};
struct comma : token<one<','>> {};
struct colon : token<one<':'>> {};
struct equals : token<seq<one<'='>, not_at<one<'=', '>'>>>> {};
struct fat_arrow : token<string<'=', '>'>> {};
struct thin_arrow : token<string<'-', '>'>> {};
struct range_dots : token<two<'.'>> {};
struct question_mark : token<one<'?'>> {};
struct plus_sign : token<one<'+'>> {};

// ---------------------------------------------------------------------------------------
// Names

// `[a-z_][a-z0-9_]*`: declaration names, field names, event type segments.
struct lower_word : seq<ranges<'a', 'z', '_'>, star<ranges<'a', 'z', '0', '9', '_'>>, word_end> {};
// `[A-Za-z_][A-Za-z0-9_]*`: enum names and values, names in expressions.
struct any_word : seq<ranges<'a', 'z', 'A', 'Z', '_'>, star<ident_char>> {};

// A declaration's own name: lower case, not a keyword.
struct name : seq<not_at<reserved_word>, lower_word, skip> {};
// An enum's name or value: may be capitalised, not a keyword.
struct enum_word : seq<not_at<reserved_word>, any_word, skip> {};
// A record or schema field: any lower-case word, keywords included (`to: int`).
struct field_name : seq<lower_word, skip> {};

// Dotted names are read once, segment by segment, with no spaces around the dots. After a
// dot a word is always a name, keyword or not (`event.to`).
struct lower_head : seq<not_at<reserved_word>, lower_word> {};
struct lower_segment : lower_word {};
struct any_head : seq<not_at<reserved_word>, any_word> {};
struct any_segment : any_word {};
// `event.f`, `actor.id`, `state.f`, `global.f`, `started.f`: keywords that head a field read.
struct context_head
    : seq<sor<TAO_PEGTL_STRING("event"), TAO_PEGTL_STRING("actor"), TAO_PEGTL_STRING("state"),
              TAO_PEGTL_STRING("global"), TAO_PEGTL_STRING("started")>,
          at<one<'.'>>> {};

template <typename Head, typename Segment>
struct dotted : seq<Head, star<one<'.'>, Segment>, skip> {};

// References to declarations: `itil.office_hours`, `executive_path`.
struct lower_path : dotted<lower_head, lower_segment> {};
// Event types: `alert.received`. Feeds name their events, so a keyword may head a dotted type
// (`policy.updated`, `ticket.created`): where an event type is read, a word followed by `.`
// is always its first segment. A type of one segment must not be a keyword.
struct dotted_type_head : seq<lower_word, at<one<'.'>>> {};
struct type_head : sor<dotted_type_head, lower_head> {};
struct type_path : dotted<type_head, lower_segment> {};
// An enum type, possibly module-qualified: `Tier`, `itil.Priority`.
struct enum_path : dotted<any_head, any_segment> {};
// A name read in an expression or assigned by `set`.
struct value_head : sor<context_head, any_head> {};
struct value_path : dotted<value_head, any_segment> {};

// ---------------------------------------------------------------------------------------
// Literals

struct digits : seq<digit, star<sor<digit, one<'_'>>>> {};
struct date_digits : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>> {};
struct two_digits : rep<2, digit> {};
struct zone_offset : sor<one<'Z', 'z'>, seq<one<'+', '-'>, two_digits, one<':'>, two_digits>> {};
struct time_of_day
    : seq<two_digits, one<':'>, two_digits, one<':'>, two_digits, opt<one<'.'>, plus<digit>>, zone_offset> {};

// RFC 3339, tried before dates and numbers: `2026-12-25T08:00:00Z`.
struct time_lit : seq<date_digits, if_must<one<'T', 't'>, time_of_day>, skip> {};
// A number directly followed by a letter is a duration, so this is tried before `int_lit`:
// `2d`, `1h30m`, `250ms`. The builder checks the units.
struct duration_lit : seq<digits, ranges<'a', 'z', 'A', 'Z'>, star<ident_char>, skip> {};
struct int_lit : seq<digits, skip> {};
struct percent_lit : seq<digits, one<'%'>, skip> {};
struct date_lit : seq<date_digits, word_end, skip> {};
struct clock_lit : seq<two_digits, one<':'>, two_digits, word_end, skip> {};
struct bool_lit : sor<kw_true, kw_false> {};

// Strings: escapes are checked by the builder; a string ends at its line's end at the
// latest, and `string_unclosed` marks one that was not closed there.
struct string_escape : seq<one<'\\'>, opt<not_one<'\n', '\r'>>> {};
struct string_char : sor<string_escape, not_one<'"', '\\', '\n', '\r'>> {};
struct string_unclosed : success {};
struct quoted : seq<one<'"'>, star<string_char>, sor<one<'"'>, string_unclosed>> {};
// A string in an expression: a value, never interpolated.
struct string_lit : seq<quoted, skip> {};
// A string after `because`, `message`, `audit`: text with `{expr}` holes.
struct message_lit : seq<quoted, skip> {};
// A string that is not an expression: import paths, annotation arguments, zones, ...
struct text_lit : seq<quoted, skip> {};

// ---------------------------------------------------------------------------------------
// Expressions, lowest precedence first. Comparisons do not chain.

struct expr;

struct set_open : open_brace {};
struct set_close : close_brace {};
struct set_lit : if_must<set_open, opt<list<expr, comma>, opt<comma>>, set_close> {};
struct call_open : open_paren {};
struct call_close : close_paren {};
struct call_args : if_must<call_open, opt<list<expr, comma>, opt<comma>>, call_close> {};
struct paren_expr : if_must<open_paren, expr, close_paren> {};
// A call's `(` follows the name directly: table rows are not separated, and a row that
// starts with `(` must not read as a call of the previous row's value.
struct expr_name : seq<value_head, star<one<'.'>, any_segment>> {};
struct name_or_call : seq<expr_name, sor<call_args, skip>> {};
// A bare date reads as `2026 - 12 - 25` otherwise; say what to write instead.
struct date_outside_calendar : date_digits {};
struct misplaced_date : seq<at<date_digits>, raise<date_outside_calendar>> {};

struct primary
    : sor<paren_expr, set_lit, time_lit, misplaced_date, duration_lit, int_lit, string_lit, bool_lit,
          name_or_call> {};

// `a OP b` where the operator commits: after it an operand is required.
template <typename Op, typename Operand>
struct binary_tail : if_must<Op, Operand> {};

struct op_minus : token<seq<one<'-'>, not_at<one<'>'>>>> {};
struct op_plus : token<one<'+'>> {};
struct op_times : token<one<'*'>> {};
struct op_divide : token<one<'/'>> {};
struct op_modulo : token<one<'%'>> {};
struct op_eq : token<string<'=', '='>> {};
struct op_ne : token<string<'!', '='>> {};
struct op_le : token<string<'<', '='>> {};
struct op_lt : token<one<'<'>> {};
struct op_ge : token<string<'>', '='>> {};
struct op_gt : token<one<'>'>> {};
struct op_not_in : seq<kw_not, kw_in> {};
struct op_contains_all : seq<kw_contains, kw_all> {};
struct op_contains_any : seq<kw_contains, kw_any> {};

struct neg_expr;
struct neg_apply : if_must<op_minus, neg_expr> {};
struct neg_expr : sor<neg_apply, primary> {};

struct mul_expr
    : seq<neg_expr, star<sor<binary_tail<op_times, neg_expr>, binary_tail<op_divide, neg_expr>,
                             binary_tail<op_modulo, neg_expr>>>> {};
struct add_expr
    : seq<mul_expr, star<sor<binary_tail<op_plus, mul_expr>, binary_tail<op_minus, mul_expr>>>> {};

struct comparison
    : sor<binary_tail<op_eq, add_expr>, binary_tail<op_ne, add_expr>, binary_tail<op_le, add_expr>,
          binary_tail<op_lt, add_expr>, binary_tail<op_ge, add_expr>, binary_tail<op_gt, add_expr>,
          binary_tail<op_not_in, add_expr>, binary_tail<kw_in, add_expr>,
          binary_tail<op_contains_all, add_expr>, binary_tail<op_contains_any, add_expr>,
          binary_tail<kw_contains, add_expr>> {};
struct comparison_op : sor<op_eq, op_ne, op_le, op_lt, op_ge, op_gt, op_not_in, kw_in, kw_contains> {};
struct unchained_comparison : not_at<comparison_op> {};
struct cmp_expr : seq<add_expr, opt<comparison, must<unchained_comparison>>> {};

struct not_expr;
struct not_apply : if_must<kw_not, not_expr> {};
struct not_expr : sor<not_apply, cmp_expr> {};
struct and_expr : seq<not_expr, star<binary_tail<kw_and, not_expr>>> {};
struct or_expr : seq<and_expr, star<binary_tail<kw_or, and_expr>>> {};
struct if_expr : if_must<kw_if, expr, kw_then, expr, kw_else, expr> {};
// Every expression enters here; the builder counts this rule's nesting.
struct expr : sor<if_expr, or_expr> {};

// Expressions named after their role, so a missing one is reported in the author's terms.
struct condition : expr {};
struct value_expr : expr {};
struct duration_expr : expr {};

// ---------------------------------------------------------------------------------------
// Annotations and types

struct annotation_name : field_name {};
struct annotation_arg : text_lit {};
struct annotation_args : if_must<open_paren, opt<list_must<annotation_arg, comma>>, close_paren> {};
struct annotation : if_must<one<'@'>, annotation_name, opt<annotation_args>> {};
struct decl_annotation : annotation {};
struct field_annotation : annotation {};

template <typename Letters>
struct type_word : seq<Letters, word_end, skip> {};
struct bool_type : type_word<TAO_PEGTL_STRING("bool")> {};
struct int_type : type_word<TAO_PEGTL_STRING("int")> {};
struct string_type : type_word<TAO_PEGTL_STRING("string")> {};
struct duration_type : type_word<TAO_PEGTL_STRING("duration")> {};
struct time_type : type_word<TAO_PEGTL_STRING("time")> {};
struct set_element_type : type_word<TAO_PEGTL_STRING("string")> {};
struct set_open_angle : token<one<'<'>> {};
struct set_close_angle : token<one<'>'>> {};
struct set_type : if_must<kw_set, set_open_angle, set_element_type, set_close_angle> {};
struct named_type : enum_path {};
struct optional_mark : question_mark {};
struct type_ref
    : seq<sor<bool_type, int_type, string_type, duration_type, time_type, set_type, named_type>,
          opt<optional_mark>> {};
struct field_type : type_ref {};

// ---------------------------------------------------------------------------------------
// Actions

struct event_type : type_path {};
struct decl_ref : lower_path {};

struct set_target : value_path {};
struct set_action : if_must<kw_set, set_target, equals, value_expr> {};
struct notify_message : if_must<kw_message, message_lit> {};
struct notify_action : if_must<kw_notify, value_expr, opt<notify_message>> {};
struct record_field : if_must<field_name, colon, value_expr> {};
struct record_close : close_brace {};
struct record : if_must<open_brace, opt<list<record_field, comma>, opt<comma>>, record_close> {};
struct emit_record : record {};
struct emit_action : if_must<kw_emit, event_type, opt<emit_record>> {};
struct escalate_action : if_must<kw_escalate, decl_ref> {};
struct stop_action : if_must<kw_stop, decl_ref> {};
struct ticket_owner : if_must<kw_owner, value_expr> {};
struct ticket_due : if_must<kw_due, duration_expr> {};
struct ticket_action : if_must<kw_open, kw_ticket, value_expr, opt<ticket_owner>, opt<ticket_due>> {};
struct audit_action : if_must<kw_audit, message_lit> {};
struct close_action : kw_close {};
struct action
    : sor<set_action, notify_action, emit_action, escalate_action, stop_action, ticket_action, audit_action,
          close_action> {};
struct block_close : close_brace {};
struct action_block : if_must<open_brace, star<action>, block_close> {};

// `TYPE [when COND]`, after `on` or `after`.
struct trigger_condition : if_must<kw_when, condition> {};
struct trigger : seq<event_type, opt<trigger_condition>> {};

// ---------------------------------------------------------------------------------------
// File header

struct policy_version : if_must<kw_version, text_lit> {};
struct policy_header : if_must<kw_policy, name, opt<policy_version>> {};
struct import_path : text_lit {};
struct import_decl : if_must<kw_import, import_path> {};

// ---------------------------------------------------------------------------------------
// Declarations

struct enum_values : seq<list<enum_word, comma>, opt<comma>> {};
struct enum_close : close_brace {};
struct enum_decl : if_must<kw_enum, enum_word, open_brace, enum_values, enum_close> {};

struct const_decl : if_must<kw_const, name, equals, value_expr> {};

struct field_decl : seq<star<field_annotation>, field_name, must<colon>, must<field_type>, star<field_annotation>> {};
struct event_global : kw_global {};
struct event_close : close_brace {};
struct event_decl
    : if_must<kw_event, event_type, opt<event_global>, open_brace, opt<list<field_decl, comma>, opt<comma>>,
              event_close> {};

struct state_field
    : seq<star<field_annotation>, field_name, must<colon>, must<field_type>, must<equals>, must<value_expr>> {};
struct global_keyword : kw_global {};
struct state_close : close_brace {};
struct state_decl : if_must<sor<kw_state, global_keyword>, open_brace, star<state_field>, state_close> {};

struct key_type : type_ref {};
struct key_type_list : list_must<key_type, comma> {};
struct key_types : sor<if_must<open_paren, key_type_list, close_paren>, key_type> {};
struct value_type : type_ref {};
struct tuple_open : open_paren {};
struct table_close : close_brace {};
struct tuple_keys : seq<at<open_paren, expr, comma>, tuple_open, list_must<value_expr, comma>, must<close_paren>> {};
struct row_arrow : fat_arrow {};
struct table_keyed_row : seq<sor<tuple_keys, value_expr>, must<row_arrow>, must<value_expr>> {};
struct otherwise_arrow : fat_arrow {};
struct table_otherwise_row : if_must<kw_otherwise, otherwise_arrow, value_expr> {};
struct table_decl
    : if_must<kw_table, name, colon, key_types, thin_arrow, value_type, open_brace,
              star<sor<table_otherwise_row, table_keyed_row>>, table_close> {};

struct weekday
    : seq<sor<TAO_PEGTL_STRING("mon"), TAO_PEGTL_STRING("tue"), TAO_PEGTL_STRING("wed"), TAO_PEGTL_STRING("thu"),
              TAO_PEGTL_STRING("fri"), TAO_PEGTL_STRING("sat"), TAO_PEGTL_STRING("sun")>,
          word_end, skip> {};
struct zone_item : if_must<kw_zone, text_lit> {};
struct open_item : if_must<kw_open, weekday, opt_must<range_dots, weekday>, clock_lit, range_dots, clock_lit> {};
struct closed_day : seq<date_lit, opt_must<range_dots, date_lit>> {};
struct closed_days : list_must<closed_day, comma> {};
struct closed_item : if_must<kw_closed, closed_days> {};
struct calendar_item : sor<zone_item, open_item, closed_item> {};
struct calendar_close : close_brace {};
struct calendar_decl : if_must<kw_calendar, name, open_brace, star<calendar_item>, calendar_close> {};

struct service_deps : list_must<text_lit, comma> {};
struct service_edge : if_must<text_lit, thin_arrow, service_deps> {};
struct services_close : close_brace {};
struct services_decl : if_must<kw_services, open_brace, star<service_edge>, services_close> {};

struct classify_arrow : fat_arrow {};
struct classify_close : close_brace {};
struct classify_when_row : if_must<kw_when, condition, classify_arrow, value_expr> {};
struct classify_otherwise_row : if_must<kw_otherwise, otherwise_arrow, value_expr> {};
struct classify_decl
    : if_must<kw_classify, name, kw_on, event_type, open_brace,
              star<sor<classify_when_row, classify_otherwise_row>>, classify_close> {};

// `on 4h after alert.received`: the lookahead reads the delay once without actions.
struct timer_trigger : seq<at<expr, kw_after>, duration_expr, kw_after, must<event_type>> {};
struct rule_trigger : sor<timer_trigger, event_type> {};
struct rule_condition : if_must<kw_when, condition> {};
struct rule_decl : if_must<kw_rule, name, kw_on, rule_trigger, opt<rule_condition>, action_block> {};

struct permit_decl : if_must<kw_permit, event_type, kw_when, condition> {};

struct guard_condition : if_must<kw_when, condition> {};
struct deny_clause : if_must<kw_deny, kw_when, condition, kw_because, message_lit> {};
struct guard_close : close_brace {};
struct guard_decl
    : if_must<kw_guard, name, kw_on, event_type, opt<guard_condition>, open_brace, star<deny_clause>,
              guard_close> {};

struct suppress_decl : if_must<kw_suppress, event_type, kw_when, condition> {};
struct correlate_decl : if_must<kw_correlate, event_type, kw_by, value_expr, kw_within, duration_expr> {};

struct sla_calendar : if_must<kw_during, decl_ref> {};
struct sla_start : if_must<kw_start, kw_on, trigger> {};
struct sla_stop : if_must<kw_stop, kw_on, trigger> {};
struct sla_pause : if_must<kw_pause, kw_on, trigger> {};
struct sla_resume : if_must<kw_resume, kw_on, trigger> {};
struct warn_percents : list_must<percent_lit, comma> {};
struct sla_warn : if_must<kw_warn, kw_at, warn_percents, action_block> {};
struct sla_breach : if_must<kw_breach, action_block> {};
struct sla_met : if_must<kw_met, action_block> {};
struct sla_item : sor<sla_start, sla_stop, sla_pause, sla_resume, sla_warn, sla_breach, sla_met> {};
struct sla_close : close_brace {};
struct sla_decl
    : if_must<kw_sla, name, kw_within, duration_expr, opt<sla_calendar>, open_brace, star<sla_item>,
              sla_close> {};

struct level_delay : if_must<kw_after, duration_expr> {};
struct level_body : sor<action_block, action> {};
struct esc_level : if_must<kw_level, int_lit, opt<level_delay>, colon, level_body> {};
struct esc_stop : if_must<kw_stop, kw_on, trigger> {};
struct esc_repeat : if_must<kw_repeat, int_lit, kw_after, duration_expr> {};
struct escalation_close : close_brace {};
struct escalation_decl
    : if_must<kw_escalation, name, open_brace, star<sor<esc_level, esc_stop, esc_repeat>>, escalation_close> {};

struct ob_after : if_must<kw_after, trigger> {};
struct ob_while : if_must<kw_while, condition> {};
struct require_within : if_must<kw_within, duration_expr> {};
struct require_every : if_must<kw_every, duration_expr> {};
struct require_where : if_must<kw_where, condition> {};
struct require_window : sor<require_within, require_every> {};
struct ob_require : if_must<kw_require, event_type, require_window, opt<require_where>> {};
struct ob_violation : if_must<kw_violation, action_block> {};
struct obligation_close : close_brace {};
struct obligation_decl
    : if_must<kw_obligation, name, open_brace, star<sor<ob_after, ob_while, ob_require, ob_violation>>,
              obligation_close> {};

struct fz_after : if_must<kw_after, trigger, kw_for, duration_expr> {};
struct fz_window : if_must<kw_from, time_lit, kw_to, time_lit> {};
struct fz_unless : if_must<kw_unless, condition> {};
struct blocked_types : list_must<event_type, comma> {};
struct fz_block : if_must<kw_block, blocked_types, opt<fz_unless>> {};
struct freeze_close : close_brace {};
struct freeze_decl
    : if_must<kw_freeze, name, open_brace, star<sor<fz_after, fz_window, fz_block>>, freeze_close> {};

struct measure_calendar : if_must<kw_during, decl_ref> {};
struct measure_target : if_must<kw_target, duration_expr> {};
struct measure_decl
    : if_must<kw_measure, name, kw_from, event_type, kw_to, event_type, opt<measure_calendar>,
              opt<measure_target>> {};

// ---- test blocks ----
struct relative_time : if_must<plus_sign, duration_lit> {};
struct step_time : sor<relative_time, time_lit> {};
struct actor_record : record {};
struct step_actor : if_must<kw_as, actor_record> {};
struct event_record : record {};
struct step_event : if_must<event_type, event_record, opt<step_actor>> {};
struct test_at : if_must<kw_at, step_time, opt<step_event>> {};

struct expect_notify : if_must<kw_notify, value_expr> {};
struct denied_reason : if_must<kw_because, text_lit> {};
struct expect_denied : if_must<kw_denied, opt<denied_reason>> {};
struct expect_allowed : kw_allowed {};
struct expect_breach : if_must<kw_breach, decl_ref> {};
struct expect_warn : if_must<kw_warn, decl_ref> {};
struct expect_met : if_must<kw_met, decl_ref> {};
struct expect_violation : if_must<kw_violation, decl_ref> {};
struct blocked_by : if_must<kw_by, decl_ref> {};
struct expect_blocked : if_must<kw_blocked, opt<blocked_by>> {};
struct expect_ticket : if_must<kw_ticket, value_expr> {};
struct state_dot : one<'.'> {};
struct expect_state : if_must<kw_state, state_dot, field_name, op_eq, value_expr> {};
struct global_dot : one<'.'> {};
struct expect_global : if_must<kw_global, global_dot, field_name, op_eq, value_expr> {};
struct expect_measure : if_must<kw_measure, decl_ref, op_eq, value_expr> {};
// Not reserved: they are words only after `expect`.
struct expect_suppressed : keyword<TAO_PEGTL_STRING("suppressed")> {};
struct expect_correlated : keyword<TAO_PEGTL_STRING("correlated")> {};
// `expect no notify "x"`, `expect no violation o`: what must not have happened.
struct negatable_expectation
    : sor<expect_notify, expect_breach, expect_warn, expect_met, expect_violation, expect_ticket, expect_suppressed,
          expect_correlated> {};
struct expect_no : if_must<kw_no, negatable_expectation> {};
struct expectation
    : sor<expect_no, expect_notify, expect_denied, expect_allowed, expect_breach, expect_warn, expect_met,
          expect_violation, expect_blocked, expect_ticket, expect_state, expect_global, expect_measure, expect_suppressed,
          expect_correlated> {};
struct test_expect : if_must<kw_expect, expectation> {};
struct test_close : close_brace {};
struct test_decl : if_must<kw_test, text_lit, open_brace, star<sor<test_at, test_expect>>, test_close> {};

// ---------------------------------------------------------------------------------------
// Files

struct declaration
    : sor<enum_decl, const_decl, event_decl, state_decl, table_decl, calendar_decl, services_decl,
          classify_decl, rule_decl, permit_decl, guard_decl, suppress_decl, correlate_decl, sla_decl,
          escalation_decl, obligation_decl, freeze_decl, measure_decl, test_decl> {};
// Which of header, import and declaration may come where, and who owns the annotations, is
// decided by the builder, so every top-level item has this one shape.
struct top_item : sor<policy_header, import_decl, declaration> {};
struct annotated_item : seq<star<decl_annotation>, must<top_item>> {};

// The file start: an optional byte order mark, then whitespace and comments.
struct file_start : seq<opt<byte_order_mark>, skip> {};
// The whole file. The parser runs `annotated_item` one at a time instead, so it can resume
// after a syntax error; this rule is the same language and is what `analyze` checks.
struct grammar_root : seq<file_start, until<eof, annotated_item>> {};

// Inside the braces of a message hole `{expr}`: exactly one expression.
struct hole_end : eof {};
struct message_hole : seq<skip, must<expr>, must<hole_end>> {};

}  // namespace writ::lang::grammar

// For `tao::pegtl::analyze` (tests/lang/grammar_test.cpp): like any keyword, reserved_word
// consumes input when it succeeds.
namespace tao::pegtl {
template <typename Name>
struct analyze_traits<Name, writ::lang::grammar::reserved_word> : analyze_any_traits<> {};
}  // namespace tao::pegtl
